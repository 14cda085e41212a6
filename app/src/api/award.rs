//! A portfolio's way through the award: registering the start date,
//! submitting, the award team's review (feedback, notes, the agenda it is on,
//! the target date), the decision with its "check your answers", reopening,
//! and the renewal. Every function asks the one door, then calls a service.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{DecisionPage, ReviewPage, SubmissionCheck};

#[cfg(feature = "ssr")]
mod ssr {
    use std::sync::Arc;

    use crate::api::ssr::Ctx;
    use crate::rubric::Framework;
    use crate::services::access::Located;
    use crate::services::{ServiceError, ServiceResult};

    pub fn framework(ctx: &Ctx, located: &Located) -> ServiceResult<Arc<Framework>> {
        ctx.state
            .frameworks
            .get(&located.framework_id)
            .ok_or(ServiceError::NotFound)
    }

    pub fn user_id(ctx: &Ctx) -> ServiceResult<i32> {
        Ok(ctx.user()?.user_id)
    }
}

/// Checks the start date and goes on to "check your answers" (nothing is
/// registered yet).
#[server]
pub async fn check_registration(
    csrf_token: String,
    portfolio_id: i32,
    start_date: crate::calendar::DateParts,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::registration;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::Register).await?;
            let start = registration::check_start_parts(&start_date, crate::calendar::today())?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/register/check?start_date={start}"
            ));
            Ok(())
        }
        .await,
    )
}

/// Registers the start date with the award team: once.
#[server]
pub async fn register_start_date(
    csrf_token: String,
    portfolio_id: i32,
    start_date: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::registration;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Register).await?;
            let framework = ssr::framework(&ctx, &located)?;
            registration::register(
                &ctx.state.db,
                &framework,
                portfolio_id,
                &start_date,
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}?saved=registered"));
            Ok(())
        }
        .await,
    )
}

/// "Check your portfolio": what is incomplete, claimed without evidence or
/// over the evidence guideline, and the meeting a submission would join.
/// Anyone who reads the narratives may look; only the coordinator submits.
#[server(input = GetUrl)]
pub async fn get_submission_check(portfolio_id: i32) -> Result<SubmissionCheck, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::rounds;
    use crate::services::portfolios;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::ReadNarratives).await?;
            let today = crate::calendar::today();
            let portfolio = portfolios::view(
                &ctx.state.db,
                &ctx.state.frameworks,
                portfolio_id,
                ctx.can(&located),
                today,
            )
            .await?;
            let findings = crate::award::check::check(
                &portfolio.framework,
                &portfolio.rows,
                &portfolio.evidence,
            );
            let joins = rounds::would_join(&ctx.state.db, portfolio_id, today).await?;
            Ok(SubmissionCheck {
                portfolio,
                findings,
                joins,
            })
        }
        .await,
    )
}

/// The coordinator sends the portfolio to the award team: it is locked for
/// the school, dated, put on the next board meeting's agenda, and open
/// sockets reconnect read-only.
#[server]
pub async fn submit_portfolio(
    csrf_token: String,
    portfolio_id: i32,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::rounds;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Submit).await?;
            let framework = ssr::framework(&ctx, &located)?;
            rounds::submit(
                &ctx.state.db,
                &framework,
                portfolio_id,
                ssr::user_id(&ctx)?,
                confirm.is_some(),
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            ctx.state
                .collab
                .access_changed(portfolio_id, "the portfolio was submitted")
                .await;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}/submitted"));
            Ok(())
        }
        .await,
    )
}

/// The award team opens a submitted portfolio to the school again, before
/// any decision.
#[server]
pub async fn reopen_portfolio(csrf_token: String, portfolio_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::rounds;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::Reopen).await?;
            rounds::reopen(
                &ctx.state.db,
                portfolio_id,
                ssr::user_id(&ctx)?,
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            ctx.state
                .collab
                .access_changed(portfolio_id, "the portfolio was reopened")
                .await;
            // The award team reads an open portfolio's figures only: its dashboard.
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/dashboard?saved=reopened"
            ));
            Ok(())
        }
        .await,
    )
}

/// One domain of a portfolio, as the award team reviews it.
#[server(input = GetUrl)]
pub async fn get_review(portfolio_id: i32, domain: u32) -> Result<ReviewPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::review;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::ReadDraftFeedback)
                .await?;
            let located = ctx.portfolio(portfolio_id, Action::ReadNarratives).await?;
            review::page(
                &ctx.state.db,
                &ctx.state.frameworks,
                portfolio_id,
                ctx.can(&located),
                domain,
                crate::calendar::today(),
            )
            .await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn save_one(
    portfolio_id: i32,
    place: String,
    body: String,
    base: Option<String>,
) -> crate::services::ServiceResult<String> {
    use super::ssr::Ctx;
    use crate::security::Action;
    use crate::services::award::feedback::{self, FeedbackEdit};
    let ctx = Ctx::signed_in().await?;
    let located = ctx.portfolio(portfolio_id, Action::Assess).await?;
    let framework = ssr::framework(&ctx, &located)?;
    let saved = feedback::save(
        &ctx.state.db,
        &framework,
        portfolio_id,
        ssr::user_id(&ctx)?,
        &[FeedbackEdit {
            place: &place,
            body: &body,
            base: base.as_deref(),
        }],
        chrono::Utc::now(),
    )
    .await?;
    Ok(saved
        .into_iter()
        .next()
        .map(|(_, text)| text)
        .unwrap_or_else(|| body.trim_end().to_string()))
}

/// Saves feedback on a domain or a note on a criterion from its form, and
/// comes back to it.
#[server]
pub async fn save_feedback(
    csrf_token: String,
    portfolio_id: i32,
    domain: u32,
    place: String,
    body: String,
    base: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::reply;
    let _ = csrf_token;
    reply(
        async move {
            save_one(portfolio_id, place.clone(), body, base).await?;
            let anchor = place.replace(':', "-");
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/review/domains/{domain}?saved={anchor}#{anchor}"
            ));
            Ok(())
        }
        .await,
    )
}

/// Saves feedback while the assessor types (the page's script); returns the
/// text as stored, the new base for the next save.
#[server]
pub async fn autosave_feedback(
    csrf_token: String,
    portfolio_id: i32,
    place: String,
    body: String,
    base: Option<String>,
) -> Result<String, AppError> {
    use super::ssr::reply;
    let _ = csrf_token;
    reply(save_one(portfolio_id, place, body, base).await)
}

/// Moves the submission to another board meeting's agenda.
#[server]
pub async fn move_to_meeting(
    csrf_token: String,
    portfolio_id: i32,
    meeting_id: i32,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::board;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Assess).await?;
            board::move_to(
                &ctx.state.db,
                portfolio_id,
                located.authority_id,
                meeting_id,
                crate::calendar::today(),
            )
            .await?;
            leptos_axum::redirect(&format!("/meetings/{meeting_id}?moved={portfolio_id}"));
            Ok(())
        }
        .await,
    )
}

/// The award team moves the target for completion.
#[server]
pub async fn change_target_date(
    csrf_token: String,
    portfolio_id: i32,
    target_date: crate::calendar::DateParts,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::registration;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ctx.portfolio(portfolio_id, Action::ManageAward).await?;
            registration::change_target(
                &ctx.state.db,
                portfolio_id,
                &target_date,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!(
                "/portfolios/{portfolio_id}/dashboard?saved=target"
            ));
            Ok(())
        }
        .await,
    )
}

/// The decision's form and "check your answers".
#[server(input = GetUrl)]
pub async fn get_decision(portfolio_id: i32) -> Result<DecisionPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::review;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Decide).await?;
            review::decision(
                &ctx.state.db,
                &ctx.state.frameworks,
                portfolio_id,
                ctx.can(&located),
                crate::calendar::today(),
            )
            .await
        }
        .await,
    )
}

/// Keeps the decision as written and goes on to "check your answers".
#[server]
pub async fn draft_decision(
    csrf_token: String,
    portfolio_id: i32,
    outcome: Option<String>,
    reasons: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::rounds;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Decide).await?;
            let framework = ssr::framework(&ctx, &located)?;
            rounds::save_draft(
                &ctx.state.db,
                &framework,
                portfolio_id,
                ssr::user_id(&ctx)?,
                outcome.as_deref().unwrap_or_default(),
                &reasons,
            )
            .await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}/decision/check"));
            Ok(())
        }
        .await,
    )
}

/// Records the decision as checked (`checked` names the draft the assessor
/// read): final. "Not yet" gives the portfolio back to the school (its
/// sockets reconnect with the right to write).
#[server]
pub async fn record_decision(
    csrf_token: String,
    portfolio_id: i32,
    checked: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::rounds;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::Decide).await?;
            let framework = ssr::framework(&ctx, &located)?;
            let decided = rounds::decide(
                &ctx.state.db,
                &framework,
                portfolio_id,
                ssr::user_id(&ctx)?,
                &checked,
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            ctx.state
                .collab
                .access_changed(portfolio_id, "the board's decision was recorded")
                .await;
            leptos_axum::redirect(&format!(
                "/meetings/{}?decided={portfolio_id}",
                decided.meeting_id
            ));
            Ok(())
        }
        .await,
    )
}

/// The coordinator starts the next cycle from an awarded portfolio.
#[server]
pub async fn start_renewal(csrf_token: String, portfolio_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::award::renewal;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::StartRenewal).await?;
            let framework = ssr::framework(&ctx, &located)?;
            let next = renewal::start(
                &ctx.state.db,
                &framework,
                portfolio_id,
                crate::calendar::today(),
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/portfolios/{next}?saved=renewal"));
            Ok(())
        }
        .await,
    )
}
