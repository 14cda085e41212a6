//! Site administration: authorities, schools and the award team.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::AdminOverview;

#[server(input = GetUrl)]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::model::AuthorityInfo;
    use crate::security::{Action, Target};
    use crate::services::schools;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.authorize(Action::Administer, Target::Site)?;
            let authorities = schools::authorities(&ctx.state.db)
                .await?
                .into_iter()
                .map(|a| AuthorityInfo {
                    id: a.id,
                    name: a.name,
                })
                .collect();
            let schools = schools::list(&ctx.state.db, &ctx.state.frameworks, None).await?;
            Ok(AdminOverview {
                authorities,
                schools,
            })
        }
        .await,
    )
}

#[server]
pub async fn create_authority(csrf_token: String, name: String) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::{Action, Target};
    use crate::services::schools;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.authorize(Action::Administer, Target::Site)?;
            schools::create_authority(&ctx.state.db, &name).await?;
            Ok(())
        }
        .await,
    )
}

/// Registers a school and makes the invitation for its first coordinator.
#[server]
pub async fn create_school(
    csrf_token: String,
    authority_id: i32,
    name: String,
    urn: String,
    phase: String,
    school_type: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::model::SchoolRole;
    use crate::security::{Action, Target};
    use crate::services::invitations::{self, Invite};
    use crate::services::schools::{self, NewSchool};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.authorize(Action::Administer, Target::Site)?;
            let school = schools::create_school(
                &ctx.state.db,
                NewSchool {
                    authority_id,
                    name: &name,
                    urn: &urn,
                    phase: &phase,
                    school_type: &school_type,
                },
            )
            .await?;
            let token = invitations::create(
                &ctx.state.db,
                Invite::School {
                    school_id: school.id,
                    role: SchoolRole::Coordinator,
                },
                ctx.user()?.user_id,
                ctx.state.settings.invitation_valid_for,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/admin?invitation={token}"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn invite_assessor(csrf_token: String, authority_id: i32) -> Result<(), AppError> {
    use sea_orm::EntityTrait;

    use super::ssr::{Ctx, reply};
    use crate::db::entities::authority;
    use crate::security::{Action, Target};
    use crate::services::ServiceError;
    use crate::services::invitations::{self, Invite};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.authorize(Action::Administer, Target::Site)?;
            if authority::Entity::find_by_id(authority_id)
                .one(&ctx.state.db)
                .await?
                .is_none()
            {
                return Err(ServiceError::invalid("authority_id", "Choose an authority"));
            }
            let token = invitations::create(
                &ctx.state.db,
                Invite::Assessor { authority_id },
                ctx.user()?.user_id,
                ctx.state.settings.invitation_valid_for,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/admin?invitation={token}"));
            Ok(())
        }
        .await,
    )
}
