//! Opening and accepting an invitation link.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::InvitationPreview;

/// What the link offers. Anyone holding the link may see this.
#[server(input = GetUrl)]
pub async fn get_invitation_preview(token: String) -> Result<InvitationPreview, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::invitations;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            invitations::preview(&ctx.state.db, &token, chrono::Utc::now()).await
        }
        .await,
    )
}

/// A new person sets up their account and joins.
#[server]
pub async fn accept_invitation(
    csrf_token: String,
    token: String,
    name: String,
    email: String,
    password: String,
    confirm: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::accounts::NewAccount;
    use crate::services::invitations;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            let account = NewAccount::check(&name, &email, &password, &confirm)?;
            let user_id = invitations::accept_with_new_account(
                &ctx.state.db,
                &token,
                &account,
                chrono::Utc::now(),
            )
            .await?;
            let home = super::ssr::start_session(&ctx, user_id).await?;
            tracing::info!(user_id, "invitation accepted with a new account");
            leptos_axum::redirect(&home);
            Ok(())
        }
        .await,
    )
}

/// Someone already signed in joins.
#[server]
pub async fn join_with_invitation(csrf_token: String, token: String) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::invitations;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let user_id = ctx.user()?.user_id;
            invitations::accept_as(&ctx.state.db, &token, user_id, chrono::Utc::now()).await?;
            leptos_axum::redirect(&super::ssr::home_of(&ctx, user_id).await?);
            Ok(())
        }
        .await,
    )
}
