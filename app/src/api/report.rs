//! The governors' annual report: reading it (anyone who may see the school)
//! and writing its commentary (the school's staff).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::GovernorsReport;

#[server(input = GetUrl)]
pub async fn get_governors_report(portfolio_id: i32) -> Result<GovernorsReport, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::{Action, decide};
    use crate::services::{portfolios, report};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = portfolios::locate(&ctx.state.db, portfolio_id).await?;
            ctx.authorize(Action::View, located.target)?;
            let can_edit = decide(ctx.principal.as_ref(), Action::Edit, located.target).is_ok();
            report::report(
                &ctx.state.db,
                &ctx.state.frameworks,
                portfolio_id,
                chrono::Utc::now().date_naive(),
                can_edit,
            )
            .await
        }
        .await,
    )
}

/// Saves this school year's commentary. Warnings about identifiers are shown
/// on the report afterwards; they do not stop the saving.
#[server]
pub async fn save_report_commentary(
    csrf_token: String,
    portfolio_id: i32,
    commentary: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{portfolios, report};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let user_id = ctx.user()?.user_id;
            let located = portfolios::locate(&ctx.state.db, portfolio_id).await?;
            ctx.authorize(Action::Edit, located.target)?;
            let now = chrono::Utc::now();
            report::save_commentary(
                &ctx.state.db,
                portfolio_id,
                now.date_naive(),
                &commentary,
                user_id,
                now,
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/report?saved=1#commentary"
            ));
            Ok(())
        }
        .await,
    )
}
