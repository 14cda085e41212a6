//! The Designated Teacher's duties: the school's calendar, its PEP meetings
//! and the calendar feed of their dates. Pupil references reach the
//! school's staff only (`Action::KeepPeps`).

// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use crate::calendar::DateParts;
use crate::error::AppError;
use crate::model::{CalendarPage, PepRow, PepTracker, SchoolInfo};

/// One PEP meeting's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PepPage {
    pub school: SchoolInfo,
    pub pep: PepRow,
    pub today: chrono::NaiveDate,
}

#[server(input = GetUrl)]
pub async fn get_calendar_page(school_id: i32) -> Result<CalendarPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{school_calendar, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::KeepPeps).await?;
            let can_manage = ctx.school(school_id, Action::ManageCalendar).await.is_ok();
            let school = schools::info(&ctx.state.db, school_id).await?;
            school_calendar::page(
                &ctx.state.db,
                &ctx.state.calendars,
                school,
                can_manage,
                crate::calendar::today(),
            )
            .await
        }
        .await,
    )
}

#[server]
pub async fn add_closure(
    csrf_token: String,
    school_id: i32,
    first: DateParts,
    /// Empty, or not sent at all, for a single day.
    last: Option<DateParts>,
    reason: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::school_calendar::{self, ClosureInput};
    use crate::services::schools;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::ManageCalendar).await?;
            let school = schools::info(&ctx.state.db, school_id).await?;
            school_calendar::add_closure(
                &ctx.state.db,
                &ctx.state.calendars,
                &school,
                ClosureInput {
                    first,
                    last: last.unwrap_or_default(),
                    reason,
                },
                ctx.user()?.user_id,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/schools/{school_id}/calendar?added=1"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn remove_closure(
    csrf_token: String,
    school_id: i32,
    closure_id: i32,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::school_calendar;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::ManageCalendar).await?;
            school_calendar::remove_closure(&ctx.state.db, school_id, closure_id).await?;
            leptos_axum::redirect(&format!("/schools/{school_id}/calendar"));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_pep_tracker(school_id: i32) -> Result<PepTracker, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{actions, peps, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::KeepPeps).await?;
            let can_manage = ctx.school(school_id, Action::ManageCalendar).await.is_ok();
            let school = schools::info(&ctx.state.db, school_id).await?;
            let today = crate::calendar::today();
            let mut page = peps::tracker(
                &ctx.state.db,
                &ctx.state.calendars,
                school,
                ctx.user()?.user_id,
                can_manage,
                today,
            )
            .await?;
            page.audit =
                actions::summary(&ctx.state.db, &ctx.state.frameworks, school_id, today).await?;
            page.can_start_audit =
                page.audit.is_none() && ctx.school(school_id, Action::StartAudit).await.is_ok();
            Ok(page)
        }
        .await,
    )
}

#[server]
pub async fn add_pep(
    csrf_token: String,
    school_id: i32,
    pupil_ref: String,
    care_status: Option<String>,
    year_group: String,
    placing_authority: String,
    meeting_date: DateParts,
    chaired_by: String,
    keep_identifiers: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::peps::{self, PepInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::KeepPeps).await?;
            let id = peps::create(
                &ctx.state.db,
                school_id,
                PepInput {
                    pupil_ref,
                    care_status: care_status.unwrap_or_default(),
                    year_group,
                    placing_authority,
                    meeting_date,
                    chaired_by,
                    keep_identifiers: keep_identifiers.is_some(),
                },
                ctx.user()?.user_id,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/peps/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn change_pep(
    csrf_token: String,
    pep_id: i32,
    pupil_ref: String,
    care_status: Option<String>,
    year_group: String,
    placing_authority: String,
    meeting_date: DateParts,
    chaired_by: String,
    keep_identifiers: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::access;
    use crate::services::peps::{self, PepInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let pep = access::pep(
                &ctx.state.db,
                ctx.principal.as_ref(),
                pep_id,
                Action::KeepPeps,
            )
            .await?;
            peps::update(
                &ctx.state.db,
                pep,
                PepInput {
                    pupil_ref,
                    care_status: care_status.unwrap_or_default(),
                    year_group,
                    placing_authority,
                    meeting_date,
                    chaired_by,
                    keep_identifiers: keep_identifiers.is_some(),
                },
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/peps/{pep_id}"));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_pep(pep_id: i32) -> Result<PepPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{access, peps, schools};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let pep = access::pep(
                &ctx.state.db,
                ctx.principal.as_ref(),
                pep_id,
                Action::KeepPeps,
            )
            .await?;
            let school = schools::info(&ctx.state.db, pep.school_id).await?;
            let today = crate::calendar::today();
            let pep = peps::one(&ctx.state.db, &ctx.state.calendars, &school, pep, today).await?;
            Ok(PepPage { school, pep, today })
        }
        .await,
    )
}

/// The duties form: a ticked box is posted as "on", an unticked one not at all.
#[server]
pub async fn set_pep_duties(
    csrf_token: String,
    pep_id: i32,
    pupil_views: Option<String>,
    sdq: Option<String>,
    epep_updated: Option<String>,
    ppp_costed: Option<String>,
    smart_outcomes: Option<String>,
    ppp_amount: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::pep::Duty;
    use crate::security::Action;
    use crate::services::access;
    use crate::services::peps::{self, DutiesInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let pep = access::pep(
                &ctx.state.db,
                ctx.principal.as_ref(),
                pep_id,
                Action::KeepPeps,
            )
            .await?;
            let done = [
                (Duty::PupilViews, pupil_views),
                (Duty::Sdq, sdq),
                (Duty::EpepUpdated, epep_updated),
                (Duty::PppCosted, ppp_costed),
                (Duty::SmartOutcomes, smart_outcomes),
            ]
            .into_iter()
            .filter(|(_, ticked)| ticked.is_some())
            .map(|(duty, _)| duty)
            .collect();
            peps::set_duties(
                &ctx.state.db,
                pep,
                DutiesInput {
                    done,
                    ppp_amount: ppp_amount.unwrap_or_default(),
                },
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/peps/{pep_id}?saved=duties"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn finalise_pep(
    csrf_token: String,
    pep_id: i32,
    finalised_on: DateParts,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{access, peps};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let pep = access::pep(
                &ctx.state.db,
                ctx.principal.as_ref(),
                pep_id,
                Action::KeepPeps,
            )
            .await?;
            peps::finalise(
                &ctx.state.db,
                pep,
                &finalised_on,
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/peps/{pep_id}?saved=finalised"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn delete_pep(csrf_token: String, pep_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{access, peps};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let pep = access::pep(
                &ctx.state.db,
                ctx.principal.as_ref(),
                pep_id,
                Action::KeepPeps,
            )
            .await?;
            let school_id = pep.school_id;
            peps::delete(&ctx.state.db, pep).await?;
            leptos_axum::redirect(&format!("/schools/{school_id}/peps?deleted=1"));
            Ok(())
        }
        .await,
    )
}

/// Makes (or remakes) the signed-in person's calendar feed link; the page
/// shows it once.
#[server]
pub async fn make_feed_link(csrf_token: String, school_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::feeds;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::KeepPeps).await?;
            let token = feeds::issue(
                &ctx.state.db,
                school_id,
                ctx.user()?.user_id,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/schools/{school_id}/peps?feed={token}#feed"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn stop_feed_link(csrf_token: String, school_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::feeds;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::KeepPeps).await?;
            feeds::revoke(&ctx.state.db, school_id, ctx.user()?.user_id).await?;
            leptos_axum::redirect(&format!("/schools/{school_id}/peps?feed=stopped#feed"));
            Ok(())
        }
        .await,
    )
}

/// The Virtual School's page: PEP aggregates across the authority's schools.
#[server(input = GetUrl)]
pub async fn get_virtual_school(
    authority_id: i32,
) -> Result<crate::model::VirtualSchoolPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{access, virtual_school};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            access::authority(ctx.principal.as_ref(), authority_id, Action::View)?;
            virtual_school::overview(
                &ctx.state.db,
                &ctx.state.calendars,
                &ctx.state.frameworks,
                authority_id,
                crate::calendar::today(),
            )
            .await
        }
        .await,
    )
}

/// Starts the school's DT self-audit (the coordinator) and opens its plan.
#[server]
pub async fn start_dt_audit(csrf_token: String, school_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::actions;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.school(school_id, Action::StartAudit).await?;
            let id = actions::start_audit(
                &ctx.state.db,
                &ctx.state.frameworks,
                school_id,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/portfolios/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_action_plan(portfolio_id: i32) -> Result<crate::model::ActionPlan, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::actions;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::ReadNarratives).await?;
            let can_edit = located.may(ctx.principal.as_ref(), Action::Edit);
            actions::plan(
                &ctx.state.db,
                &ctx.state.frameworks,
                &located,
                can_edit,
                crate::calendar::today(),
            )
            .await
        }
        .await,
    )
}

#[server]
pub async fn add_action(
    csrf_token: String,
    portfolio_id: i32,
    criterion_id: String,
    what: String,
    owner: Option<String>,
    due: Option<DateParts>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::actions::{self, ActionInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Edit).await?;
            let anchor = criterion_id.clone();
            actions::add(
                &ctx.state.db,
                &ctx.state.frameworks,
                &located,
                ActionInput {
                    criterion_id,
                    what,
                    owner: owner.unwrap_or_default(),
                    due: due.unwrap_or_default(),
                },
                ctx.user()?.user_id,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/actions#expectation-{anchor}"
            ));
            Ok(())
        }
        .await,
    )
}

/// `done` is "yes" to mark the action done today, anything else to reopen it.
#[server]
pub async fn set_action_done(
    csrf_token: String,
    portfolio_id: i32,
    action_id: i32,
    done: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::actions;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::Edit).await?;
            actions::set_done(
                &ctx.state.db,
                portfolio_id,
                action_id,
                done == "yes",
                crate::calendar::today(),
            )
            .await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}/actions"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn remove_action(
    csrf_token: String,
    portfolio_id: i32,
    action_id: i32,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::actions;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::Edit).await?;
            actions::remove(&ctx.state.db, portfolio_id, action_id).await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}/actions"));
            Ok(())
        }
        .await,
    )
}
