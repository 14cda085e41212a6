//! A school's members and invitations. Coordinators only.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::MembersPage;

#[server(input = GetUrl)]
pub async fn get_members_page(school_id: i32) -> Result<MembersPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{members, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::ManageMembers, target)?;
            members::page(
                &ctx.state.db,
                school_id,
                ctx.user()?.user_id,
                chrono::Utc::now(),
            )
            .await
        }
        .await,
    )
}

/// Makes a single-use invitation link and returns to the members page, which
/// shows the link once to copy.
#[server]
pub async fn invite_member(
    csrf_token: String,
    school_id: i32,
    role: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::model::SchoolRole;
    use crate::security::Action;
    use crate::services::invitations::{self, Invite};
    use crate::services::{ServiceError, schools};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::ManageMembers, target)?;
            let role = SchoolRole::parse(&role)
                .ok_or_else(|| ServiceError::invalid("role", "Choose a role"))?;
            let token = invitations::create(
                &ctx.state.db,
                Invite::School { school_id, role },
                ctx.user()?.user_id,
                ctx.state.settings.invitation_valid_for,
                chrono::Utc::now(),
            )
            .await?;
            tracing::info!(school_id, role = role.as_str(), "invitation created");
            leptos_axum::redirect(&format!("/schools/{school_id}/members?invitation={token}"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn change_member_role(
    csrf_token: String,
    school_id: i32,
    user_id: i32,
    role: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::model::SchoolRole;
    use crate::security::Action;
    use crate::services::{ServiceError, members, schools};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::ManageMembers, target)?;
            let role = SchoolRole::parse(&role)
                .ok_or_else(|| ServiceError::invalid("role", "Choose a role"))?;
            members::change_role(&ctx.state.db, school_id, user_id, role).await?;
            // Their open sockets reconnect and are checked again.
            ctx.state
                .collab
                .kick(None, Some(user_id), "your access changed")
                .await;
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn remove_member(
    csrf_token: String,
    school_id: i32,
    user_id: i32,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{members, schools};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::ManageMembers, target)?;
            members::remove(&ctx.state.db, school_id, user_id, ctx.user()?.user_id).await?;
            ctx.state
                .collab
                .kick(None, Some(user_id), "your access changed")
                .await;
            leptos_axum::redirect(&format!("/schools/{school_id}/members"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn revoke_invitation(
    csrf_token: String,
    school_id: i32,
    invitation_id: i32,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{invitations, schools};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::ManageMembers, target)?;
            invitations::revoke(&ctx.state.db, school_id, invitation_id).await
        }
        .await,
    )
}
