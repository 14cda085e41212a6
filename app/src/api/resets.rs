//! Password reset links: made by a coordinator or an administrator, used once
//! by the person they are for.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::ResetPreview;

/// Makes a reset link for a member (`user_id`, from the members page of
/// `school_id`) or for a coordinator or award team member (`email`, from the
/// admin page), and goes back there to show it once.
#[server]
pub async fn issue_reset(
    csrf_token: String,
    user_id: Option<i32>,
    email: Option<String>,
    school_id: Option<i32>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{ServiceError, resets};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let issuer = ctx.user()?.clone();
            let now = chrono::Utc::now();
            let issued = match (user_id, email) {
                (Some(id), _) => resets::issue(&ctx.state.db, &issuer, id, now).await?,
                (None, Some(email)) => {
                    resets::issue_by_email(&ctx.state.db, &issuer, &email, now).await?
                }
                (None, None) => {
                    return Err(ServiceError::invalid("email", "Enter their email address"));
                }
            };
            tracing::info!(by = issuer.user_id, "password reset link made");
            let back = match school_id {
                Some(school) => format!("/schools/{school}/members"),
                None => "/admin".to_string(),
            };
            leptos_axum::redirect(&format!(
                "{back}?reset={}&for={}",
                issued.token, issued.user_id
            ));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_reset(token: String) -> Result<ResetPreview, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::resets;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            resets::preview(&ctx.state.db, &token, chrono::Utc::now()).await
        }
        .await,
    )
}

/// Chooses the new password: every other session of the person ends, and
/// this browser is signed in as them.
#[server]
pub async fn complete_reset(
    csrf_token: String,
    token: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::resets;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            let user_id = resets::complete(
                &ctx.state.db,
                &token,
                &password,
                &confirm,
                chrono::Utc::now(),
            )
            .await?;
            ctx.state
                .collab
                .kick(None, Some(user_id), "your password was changed")
                .await;
            let home = super::ssr::start_session(&ctx, user_id).await?;
            tracing::info!(user_id, "password reset");
            leptos_axum::redirect(&format!("{home}?password=changed"));
            Ok(())
        }
        .await,
    )
}
