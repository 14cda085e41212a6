//! Review comments on a criterion, and a person's own work. Plain form posts
//! that land back on the criterion's page, so they work without JavaScript.

// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::MyWork;

/// Leaves a comment on a criterion (optionally about one field, optionally
/// mentioning a colleague), or replies to one.
#[server]
pub async fn add_comment(
    csrf_token: String,
    portfolio_id: i32,
    criterion_id: String,
    body: String,
    field: Option<String>,
    mention: Option<String>,
    reply_to: Option<i32>,
    keep_identifiers: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{ServiceError, review};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Comment).await?;
            let framework = ctx
                .state
                .frameworks
                .get(&located.framework_id)
                .ok_or(ServiceError::NotFound)?;
            let staff = review::staff_ids(&ctx.state.db, located.school_id).await?;
            let input = review::NewComment {
                criterion_id: criterion_id.clone(),
                field: field.unwrap_or_default(),
                reply_to,
                mention: mention.unwrap_or_default(),
                body,
                keep_identifiers: keep_identifiers.is_some(),
            };
            let author = ctx.user()?.user_id;
            let id = review::add(
                &ctx.state.db,
                &framework,
                portfolio_id,
                author,
                &staff,
                input,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/criteria/{criterion_id}?commented={id}#comments"
            ));
            Ok(())
        }
        .await,
    )
}

/// Resolves a comment's thread.
#[server]
pub async fn resolve_comment(
    csrf_token: String,
    portfolio_id: i32,
    comment_id: i32,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::review;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::Comment).await?;
            let by = ctx.user()?.user_id;
            let criterion = review::resolve(
                &ctx.state.db,
                portfolio_id,
                comment_id,
                by,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/criteria/{criterion}?resolved={comment_id}#comments"
            ));
            Ok(())
        }
        .await,
    )
}

/// The signed-in person's own work.
#[server(input = GetUrl)]
pub async fn get_my_work() -> Result<MyWork, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::review;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let who = ctx.user()?.clone();
            review::my_work(&ctx.state.db, &ctx.state.frameworks, &who).await
        }
        .await,
    )
}
