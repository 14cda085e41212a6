//! A school's home, and the lists of schools for assessors and admins.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{SchoolHome, SchoolListItem};

#[server(input = GetUrl)]
pub async fn get_school_home(school_id: i32) -> Result<SchoolHome, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::security::policy::capabilities;
    use crate::services::{portfolios, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::View, target)?;
            let school = schools::info(&ctx.state.db, school_id).await?;
            let portfolios =
                portfolios::cards(&ctx.state.db, &ctx.state.frameworks, school_id).await?;
            let submitted = portfolios
                .first()
                .is_some_and(|p| p.status != crate::model::PortfolioStatus::InProgress);
            Ok(SchoolHome {
                school,
                can: capabilities(ctx.principal.as_ref(), target, submitted),
                portfolios,
            })
        }
        .await,
    )
}

/// The award team's view: every school of their authority.
#[server(input = GetUrl)]
pub async fn authority_schools(
    authority_id: i32,
) -> Result<(String, Vec<SchoolListItem>), AppError> {
    use sea_orm::EntityTrait;

    use super::ssr::{Ctx, reply};
    use crate::db::entities::authority;
    use crate::security::{Action, Target};
    use crate::services::{ServiceError, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.authorize(Action::View, Target::Authority(authority_id))?;
            let name = authority::Entity::find_by_id(authority_id)
                .one(&ctx.state.db)
                .await?
                .ok_or(ServiceError::NotFound)?
                .name;
            let list =
                schools::list(&ctx.state.db, &ctx.state.frameworks, Some(authority_id)).await?;
            Ok((name, list))
        }
        .await,
    )
}
