//! The award team's authority: every school's standing, the board's
//! meetings, a meeting's agenda.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{AuthorityOverview, BoardCalendar, MeetingPage};

/// Every school of the authority with one status each.
#[server(input = GetUrl)]
pub async fn get_authority_overview(authority_id: i32) -> Result<AuthorityOverview, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::access;
    use crate::services::award::overview;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            access::authority(ctx.principal.as_ref(), authority_id, Action::View)?;
            let mut o = overview::overview(
                &ctx.state.db,
                &ctx.state.frameworks,
                authority_id,
                crate::calendar::today(),
            )
            .await?;
            o.can_manage =
                access::authority(ctx.principal.as_ref(), authority_id, Action::ManageAward)
                    .is_ok();
            Ok(o)
        }
        .await,
    )
}

/// The board's meetings, and submissions waiting for one.
#[server(input = GetUrl)]
pub async fn get_board(authority_id: i32) -> Result<BoardCalendar, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::award::StandingKind;
    use crate::security::Action;
    use crate::services::access;
    use crate::services::award::{board, overview};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            access::authority(ctx.principal.as_ref(), authority_id, Action::ManageAward)?;
            let today = crate::calendar::today();
            let all = overview::overview(&ctx.state.db, &ctx.state.frameworks, authority_id, today)
                .await?;
            let waiting = all
                .schools
                .into_iter()
                .filter(|s| s.standing.kind() == StandingKind::Submitted && s.meeting.is_none())
                .collect();
            Ok(BoardCalendar {
                authority_id,
                authority_name: all.name,
                today,
                meetings: board::meetings(&ctx.state.db, authority_id).await?,
                waiting,
            })
        }
        .await,
    )
}

/// Adds a board meeting to the calendar.
#[server]
pub async fn add_meeting(
    csrf_token: String,
    authority_id: i32,
    meets_on: crate::calendar::DateParts,
    place: String,
    notes: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::access;
    use crate::services::award::board::{self, MeetingInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            access::authority(ctx.principal.as_ref(), authority_id, Action::ManageAward)?;
            let meeting = board::create(
                &ctx.state.db,
                authority_id,
                ctx.user()?.user_id,
                MeetingInput {
                    meets_on: &meets_on,
                    place: &place,
                    notes: &notes,
                },
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/authorities/{authority_id}/board?added={}",
                meeting.id
            ));
            Ok(())
        }
        .await,
    )
}

/// Changes a meeting's date, place or notes.
#[server]
pub async fn change_meeting(
    csrf_token: String,
    meeting_id: i32,
    meets_on: crate::calendar::DateParts,
    place: String,
    notes: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::access;
    use crate::services::award::board::{self, MeetingInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            access::meeting(
                &ctx.state.db,
                ctx.principal.as_ref(),
                meeting_id,
                Action::ManageAward,
            )
            .await?;
            board::update(
                &ctx.state.db,
                meeting_id,
                MeetingInput {
                    meets_on: &meets_on,
                    place: &place,
                    notes: &notes,
                },
            )
            .await?;
            leptos_axum::redirect(&format!("/meetings/{meeting_id}?saved=1"));
            Ok(())
        }
        .await,
    )
}

/// A meeting with its agenda.
#[server(input = GetUrl)]
pub async fn get_meeting(meeting_id: i32) -> Result<MeetingPage, AppError> {
    use sea_orm::EntityTrait;

    use super::ssr::{Ctx, reply};
    use crate::db::entities::authority;
    use crate::security::Action;
    use crate::services::access;
    use crate::services::award::board;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let row = access::meeting(
                &ctx.state.db,
                ctx.principal.as_ref(),
                meeting_id,
                Action::ManageAward,
            )
            .await?;
            let meetings = board::meetings(&ctx.state.db, row.authority_id).await?;
            let today = crate::calendar::today();
            let meeting = meetings
                .iter()
                .find(|m| m.id == meeting_id)
                .cloned()
                .ok_or(crate::services::ServiceError::NotFound)?;
            let others = meetings
                .iter()
                .filter(|m| m.id != meeting_id && m.meets_on >= today)
                .map(|m| m.reference())
                .collect();
            let authority_name = authority::Entity::find_by_id(row.authority_id)
                .one(&ctx.state.db)
                .await?
                .map(|a| a.name)
                .unwrap_or_default();
            Ok(MeetingPage {
                authority_id: row.authority_id,
                authority_name,
                agenda: board::agenda(&ctx.state.db, &ctx.state.frameworks, meeting_id).await?,
                meeting,
                others,
            })
        }
        .await,
    )
}
