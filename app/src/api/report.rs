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
    use crate::services::report;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::View).await?;
            // The commentary is the school's, whatever the portfolio's stage.
            let can_edit = decide(ctx.principal.as_ref(), Action::Edit, located.school()).is_ok();
            report::report(
                &ctx.state.db,
                &ctx.state.frameworks,
                &ctx.state.calendars,
                portfolio_id,
                crate::calendar::today(),
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
    use crate::services::{access, report};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let user_id = ctx.user()?.user_id;
            access::portfolio_school(
                &ctx.state.db,
                ctx.principal.as_ref(),
                portfolio_id,
                Action::Edit,
            )
            .await?;
            let now = chrono::Utc::now();
            report::save_commentary(
                &ctx.state.db,
                portfolio_id,
                crate::calendar::today(),
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
