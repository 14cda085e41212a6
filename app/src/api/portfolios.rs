//! The portfolio and its criteria: reading them, the cover sheet, saving a
//! criterion without JavaScript, and its history.

// A server function's arguments are its form's fields, one each; the plain
// criterion form has a dozen.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{AuditEntry, CriterionPageData, PortfolioView};

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::api::ssr::Ctx;
    use crate::model::PortfolioView;
    use crate::security::Action;
    use crate::services::ServiceResult;
    use crate::services::access::Located;
    use crate::services::portfolios;

    /// Authorises reading the narratives, and returns where the portfolio sits.
    pub async fn readable(ctx: &Ctx, portfolio_id: i32) -> ServiceResult<Located> {
        ctx.portfolio(portfolio_id, Action::ReadNarratives).await
    }

    /// Authorises changing it: edit rights, and the portfolio still the school's.
    pub async fn writable(ctx: &Ctx, portfolio_id: i32) -> ServiceResult<Located> {
        ctx.portfolio(portfolio_id, Action::Edit).await
    }

    pub async fn view(
        ctx: &Ctx,
        portfolio_id: i32,
        located: &Located,
    ) -> ServiceResult<PortfolioView> {
        portfolios::view(
            &ctx.state.db,
            &ctx.state.frameworks,
            portfolio_id,
            ctx.can(located),
            crate::calendar::today(),
        )
        .await
    }
}

#[server(input = GetUrl)]
pub async fn get_portfolio(portfolio_id: i32) -> Result<PortfolioView, AppError> {
    use super::ssr::{Ctx, reply};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ssr::readable(&ctx, portfolio_id).await?;
            ssr::view(&ctx, portfolio_id, &located).await
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_criterion_page(
    portfolio_id: i32,
    criterion_id: String,
) -> Result<CriterionPageData, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::model::RenderedText;
    use crate::services::markdown::render;
    use crate::services::{ServiceError, portfolios};
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ssr::readable(&ctx, portfolio_id).await?;
            let portfolio = ssr::view(&ctx, portfolio_id, &located).await?;
            if portfolio.framework.criterion(&criterion_id).is_none() {
                return Err(ServiceError::NotFound);
            }
            let content =
                portfolios::criterion_content(&ctx.state.db, portfolio_id, &criterion_id).await?;
            let rendered = RenderedText {
                practice: render(&content.practice),
                impact: render(&content.impact),
                next_steps: render(&content.next_steps),
            };
            let framework = ctx
                .state
                .frameworks
                .get(&located.framework_id)
                .ok_or(ServiceError::NotFound)?;
            let items =
                crate::services::evidence::list(&ctx.state.db, &framework, portfolio_id).await?;
            let (evidence, others): (Vec<_>, Vec<_>) = items
                .into_iter()
                .partition(|i| i.criteria.contains(&criterion_id));
            let attachable = others.into_iter().map(|i| (i.id, i.title)).collect();
            let kept_identifiers = crate::services::evidence::overrides(
                &ctx.state.db,
                portfolio_id,
                &format!("criterion:{criterion_id}:"),
            )
            .await?
            .into_iter()
            .map(|o| {
                let field = o.place.rsplit(':').next().unwrap_or_default().to_string();
                (field, o.found_text)
            })
            .collect();
            // Comments and what changed are the staff's own.
            let review = match ctx.principal.as_ref() {
                Some(me) if located.may(Some(me), crate::security::Action::ReadComments) => Some(
                    crate::services::review::for_page(
                        &ctx.state.db,
                        portfolio_id,
                        &criterion_id,
                        me.user_id,
                        chrono::Utc::now(),
                    )
                    .await?,
                ),
                _ => None,
            };
            Ok(CriterionPageData {
                review,
                portfolio,
                criterion_id,
                content,
                rendered,
                evidence,
                attachable,
                kept_identifiers,
            })
        }
        .await,
    )
}

#[server]
pub async fn save_cover(
    csrf_token: String,
    portfolio_id: i32,
    setting_name: String,
    head_teacher: String,
    designated_teacher: String,
    governor_lac: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::portfolios::{self, CoverInput};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, portfolio_id).await?;
            let input = CoverInput {
                setting_name: &setting_name,
                head_teacher: &head_teacher,
                designated_teacher: &designated_teacher,
                governor_lac: &governor_lac,
            };
            portfolios::save_cover(&ctx.state.db, portfolio_id, input, chrono::Utc::now()).await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}?saved=cover"));
            Ok(())
        }
        .await,
    )
}

/// Saves a criterion from the plain form (no JavaScript). The `base_*` fields
/// carry the text the form was loaded with: if someone has changed a field
/// since, nothing is saved and the writer is told.
#[server]
pub async fn save_criterion(
    csrf_token: String,
    portfolio_id: i32,
    criterion_id: String,
    practice: Option<String>,
    impact: Option<String>,
    next_steps: Option<String>,
    base_practice: Option<String>,
    base_impact: Option<String>,
    base_next_steps: Option<String>,
    standard: Option<String>,
    status: Option<String>,
    owner: Option<String>,
    then: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::collab::schema;
    use crate::model::ResponseStatus;
    use crate::rubric::{FieldKind, StandardMet};
    use crate::services::{Problems, ServiceError, portfolios};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ssr::writable(&ctx, portfolio_id).await?;
            let framework = ctx
                .state
                .frameworks
                .get(&located.framework_id)
                .ok_or(ServiceError::NotFound)?;
            if framework.criterion(&criterion_id).is_none() {
                return Err(ServiceError::NotFound);
            }
            let current = portfolios::criterion_content(&ctx.state.db, portfolio_id, &criterion_id).await?;
            let mut problems = Problems::default();
            let mut texts = Vec::new();
            for (field, value, base) in [
                (FieldKind::Practice, practice, base_practice),
                (FieldKind::Impact, impact, base_impact),
                (FieldKind::NextSteps, next_steps, base_next_steps),
            ] {
                let (Some(value), Some(spec)) = (value, framework.field(field)) else { continue };
                let value = value.replace("\r\n", "\n");
                let length = value.encode_utf16().count();
                if length > spec.max_chars as usize {
                    problems.add(
                        field.as_str(),
                        format!("{} must be {} characters or fewer (it has {length})", spec.label, spec.max_chars),
                    );
                }
                let base = base.unwrap_or_default().replace("\r\n", "\n");
                if value == base {
                    continue; // not changed here: keep whatever is there now
                }
                if base != current.text(field) && value != current.text(field) {
                    problems.add(
                        field.as_str(),
                        format!(
                            "Someone else changed “{}” while you were writing. Copy your text, reload the page and add it again.",
                            spec.label
                        ),
                    );
                }
                texts.push((field, value));
            }
            let standard = match standard.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(key) => match StandardMet::from_key(&framework, key) {
                    Some(s) => Some(s.as_key().to_string()),
                    None => {
                        problems.add("standard", "Choose a standard from the list");
                        None
                    }
                },
            };
            let status = match status.as_deref() {
                None | Some("") => current.status,
                Some(s) => ResponseStatus::parse(s).unwrap_or_else(|| {
                    problems.add("status", "Choose a status from the list");
                    current.status
                }),
            };
            // Saving text here makes this person one of its writers too.
            let me = ctx.user()?.user_id;
            let mut writers = crate::services::review::writers(&ctx.state.db, portfolio_id, &criterion_id).await?;
            if !texts.is_empty() {
                writers.push(me);
            }
            if let Err(why) = crate::review::may_set_status(current.status, status, me, writers) {
                problems.add("status", why);
            }
            let staff = ssr::view(&ctx, portfolio_id, &located).await?.staff;
            let owner = match owner.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(id) => match id.parse::<i32>().ok().filter(|id| staff.iter().any(|s| s.id == *id)) {
                    Some(id) => Some(id),
                    None => {
                        problems.add("owner", "Choose an owner from the list");
                        None
                    }
                },
            };
            problems.check()?;
            let user_id = ctx.user()?.user_id;
            let criterion = criterion_id.clone();
            ctx.state
                .collab
                .edit(portfolio_id, &framework, user_id, move |txn| {
                    for (field, value) in &texts {
                        schema::set_text(txn, &criterion, *field, value);
                    }
                    schema::set_choice(txn, &criterion, schema::STANDARD, standard.as_deref());
                    schema::set_choice(txn, &criterion, schema::STATUS, Some(status.as_str()));
                    let owner = owner.map(|o| o.to_string());
                    schema::set_choice(txn, &criterion, schema::OWNER, owner.as_deref());
                })
                .await
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            // "Save and go to the next criterion" lands on the next one.
            let to = match then.as_deref() {
                Some("next") => framework.neighbours(&criterion_id).1.map(|c| c.id.clone()),
                _ => None,
            }
            .unwrap_or(criterion_id);
            leptos_axum::redirect(&format!("/portfolios/{portfolio_id}/criteria/{to}?saved=1"));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn criterion_history(
    portfolio_id: i32,
    criterion_id: String,
) -> Result<Vec<AuditEntry>, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::portfolios;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::readable(&ctx, portfolio_id).await?;
            portfolios::history(&ctx.state.db, portfolio_id, &criterion_id).await
        }
        .await,
    )
}

/// The governors' dashboard: aggregates only, for anyone who may see the school.
#[server(input = GetUrl)]
pub async fn get_dashboard(portfolio_id: i32) -> Result<crate::model::Dashboard, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::dashboard;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let located = ctx.portfolio(portfolio_id, Action::View).await?;
            let mut d = dashboard::dashboard(
                &ctx.state.db,
                &ctx.state.frameworks,
                portfolio_id,
                crate::calendar::today(),
            )
            .await?;
            d.can_manage_award = located.may(ctx.principal.as_ref(), Action::ManageAward);
            d.can_read = located.may(ctx.principal.as_ref(), Action::ReadNarratives);
            d.peps = Some(
                crate::services::peps::figures(
                    &ctx.state.db,
                    &ctx.state.calendars,
                    &d.school,
                    crate::calendar::today(),
                )
                .await?,
            );
            Ok(d)
        }
        .await,
    )
}
