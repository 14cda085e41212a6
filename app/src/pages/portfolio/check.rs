//! "Check your portfolio" before submitting, then the confirmation. The
//! check lists everything to look at, each linked to where it is put right;
//! the coordinator then submits from the same page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PortfolioCaption;
use crate::api::award::{SubmitPortfolio, get_submission_check};
use crate::api::portfolios::get_portfolio;
use crate::award::check::Finding;
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{PortfolioStatus, PortfolioView, SubmissionCheck};
use crate::pages::data::page_data;
use crate::pages::{format_date, id_param};

#[component]
pub fn CheckPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_submission_check(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(check) => view! { <Check check /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The findings of one kind, under a heading, as links.
fn group(title: &'static str, id: i32, findings: Vec<&Finding>) -> impl IntoView + use<> {
    let items: Vec<(String, String)> = findings
        .into_iter()
        .map(|f| (f.href(id), f.message()))
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <h3 class="heading-s">{format!("{title} ({})", items.len())}</h3>
            <ul class="error-summary__list">
                {items
                    .into_iter()
                    .map(|(href, message)| {
                        view! {
                            <li>
                                <a href=href>{message}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn Check(check: SubmissionCheck) -> impl IntoView {
    let portfolio = check.portfolio.clone();
    let id = portfolio.id;
    let p = portfolio.progress.clone();
    let open = !portfolio.locked && portfolio.award.assessed;
    let registered = portfolio.award.registered_on.is_some();
    let of = |pick: fn(&Finding) -> bool| {
        check
            .findings
            .iter()
            .filter(|f| pick(f))
            .collect::<Vec<_>>()
    };
    let incomplete = of(|f| matches!(f, Finding::Incomplete { .. }));
    let unevidenced = of(|f| matches!(f, Finding::ClaimWithoutEvidence { .. }));
    let crowded = of(|f| matches!(f, Finding::OverGuideline { .. }));
    let clear = check.findings.is_empty();
    let reached = portfolio
        .framework
        .level_reached_label(p.level_reached.as_deref());
    let joins = check
        .joins
        .as_ref()
        .map(|m| format!("The board meeting of {}", m.name()))
        .unwrap_or_else(|| "The next board meeting the award team arranges".into());
    let items: usize = portfolio.evidence.iter().map(|d| d.items).sum();
    view! {
        <Title text="Check your portfolio before you submit" />
        <PortfolioCaption portfolio=portfolio.clone() />
        <h1 class="heading-l">"Check your portfolio before you submit"</h1>
        {if clear {
            view! {
                <div class="notice notice--success" role="status">
                    "Every criterion is complete, every level claimed has evidence, and no domain is over the evidence guideline."
                </div>
            }
                .into_any()
        } else {
            view! {
                <div class="error-summary" role="region" aria-labelledby="check-title">
                    <h2 class="error-summary__title" id="check-title">
                        "Things to look at before you submit"
                    </h2>
                    <p class="body">
                        "You can still submit, but the award team will read the portfolio as it is."
                    </p>
                    {group("Criteria not complete", id, incomplete)}
                    {group("Levels claimed without evidence", id, unevidenced)}
                    {group("Domains over the evidence guideline", id, crowded)}
                </div>
            }
                .into_any()
        }}
        <h2 class="heading-m">"What you are sending"</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"School"</dt>
                <dd>{portfolio.school.name.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Criteria complete"</dt>
                <dd>{format!("{} of {}", p.complete, p.total)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"The portfolio stands at"</dt>
                <dd>{reached}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Evidence"</dt>
                <dd>{format!("{items} {}", if items == 1 { "item" } else { "items" })}</dd>
            </div>
            {open
                .then(|| {
                    view! {
                        <div class="summary-list__row">
                            <dt>"Goes to"</dt>
                            <dd>{joins}</dd>
                        </div>
                    }
                })}
        </dl>
        {match (open, registered, portfolio.can.submit) {
            (false, _, _) => {
                view! { <p class="body">"This portfolio is not open for submitting."</p> }
                    .into_any()
            }
            (true, false, _) => {
                view! {
                    <p class="body">
                        "Register the start date with the award team before submitting. "
                        <a href=format!("/portfolios/{id}/register")>"Register your start date"</a>
                    </p>
                }
                    .into_any()
            }
            (true, true, false) => {
                view! {
                    <p class="body">"Only the school's coordinator can submit the portfolio."</p>
                }
                    .into_any()
            }
            (true, true, true) => view! { <SubmitForm portfolio_id=id /> }.into_any(),
        }}
        <p class="body">
            <a href=format!("/portfolios/{id}")>"Back to the portfolio"</a>
        </p>
    }
}

#[component]
fn SubmitForm(portfolio_id: i32) -> impl IntoView {
    let action = ServerAction::<SubmitPortfolio>::new();
    let error = action_error(action);
    let message = move || {
        error
            .get()
            .and_then(|e| e.field("confirm").map(str::to_string))
    };
    view! {
        <h2 class="heading-m">"Now send your portfolio"</h2>
        <ErrorSummary error />
        <ActionForm action>
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <p class="body">
                "Submitting sends the portfolio to the award team for the board meeting above. After that nobody at the school can change it; only the award team can open it again."
            </p>
            <div class="form-group" class:form-group--error=move || message().is_some()>
                {move || {
                    message()
                        .map(|m| {
                            view! {
                                <p class="error-message" id="confirm-error">
                                    <span class="visually-hidden">"Error: "</span>
                                    {m}
                                </p>
                            }
                        })
                }}
                <div class="checkboxes">
                    <div class="checkboxes__item">
                        <input
                            class="checkboxes__input"
                            type="checkbox"
                            id="confirm"
                            name="confirm"
                            value="yes"
                            required
                            aria-describedby=move || message().map(|_| "confirm-error")
                        />
                        <label class="checkboxes__label" for="confirm">
                            "The portfolio is ready to send to the award team"
                        </label>
                    </div>
                </div>
            </div>
            <button class="button button--warning" type="submit">
                "Submit the portfolio"
            </button>
        </ActionForm>
    }
}

/// The confirmation after submitting.
#[component]
pub fn SubmittedPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_portfolio(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(portfolio) if portfolio.status == PortfolioStatus::Submitted => {
                        view! { <Submitted portfolio /> }.into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=AppError::NotFound /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Submitted(portfolio: PortfolioView) -> impl IntoView {
    let id = portfolio.id;
    let meeting = portfolio
        .award
        .current()
        .and_then(|r| r.meeting.as_ref())
        .map(|m| format!("It is on the agenda of the board meeting of {}.", m.name()))
        .unwrap_or_else(|| {
            "It will join the next board meeting's agenda when the award team arranges one.".into()
        });
    view! {
        <Title text="Portfolio submitted" />
        <div class="panel panel--confirmation">
            <h1 class="heading-l">"Portfolio submitted"</h1>
            <p class="body">
                {format!("Submitted on {}", format_date(portfolio.cover.submission_date))}
            </p>
        </div>
        <p class="body">"The portfolio has been submitted to the award team. " {meeting}</p>
        <h2 class="heading-m">"What happens next"</h2>
        <p class="body">
            "Nobody at the school can change the portfolio now. The award team reads it and its evidence before the meeting; the board then awards a level, or returns the portfolio with feedback to change and submit again."
        </p>
        <p class="body">
            <a href=format!("/portfolios/{id}")>"Go to the portfolio"</a>
        </p>
    }
}
