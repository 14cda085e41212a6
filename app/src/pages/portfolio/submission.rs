//! The overview's award parts. At the top, where the portfolio is with the
//! award team (registration, the board's last decision and its feedback,
//! the award with its certificate, the renewal and the cycle before); at the
//! bottom, "Submission": the pack, the coordinator's submit and the award
//! team's reopen, and every round so far.

use leptos::prelude::*;

use crate::api::award::{ReopenPortfolio, StartRenewal};
use crate::components::award::{DecisionFeedback, RoundHistory};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::model::{PortfolioStatus, PortfolioView};
use crate::pages::format_date;

#[component]
pub fn AwardSection(portfolio: PortfolioView) -> impl IntoView {
    let award = portfolio.award.clone();
    if !award.assessed {
        return ().into_any();
    }
    let id = portfolio.id;
    let can = portfolio.can;
    let awarded = portfolio.status == PortfolioStatus::Awarded;
    let returned = portfolio.status == PortfolioStatus::NotYetAwarded;
    let framework = portfolio.framework.clone();
    let registration = match award.registered_on {
        Some(on) => view! {
            <p class="body">
                {format!("Start date registered with the award team on {}.", format_date(Some(on)))}
            </p>
        }
        .into_any(),
        None if can.register => view! {
            <div class="notice notice--important" role="note">
                <p class="body">
                    "The start date has not been registered with the award team yet."
                </p>
                <a class="button" href=format!("/portfolios/{id}/register")>
                    "Register your start date"
                </a>
            </div>
        }
        .into_any(),
        None => view! { <p class="body">"The start date has not been registered with the award team yet."</p> }
        .into_any(),
    };
    let decision = (can.read_feedback && (returned || awarded))
        .then(|| award.last_decision().cloned())
        .flatten();
    view! {
        {registration}
        {returned
            .then(|| {
                view! {
                    <div class="notice notice--important" role="note">
                        "The award team has returned the portfolio with feedback. Change what it asks for, then submit it again: it will go to a later board meeting."
                    </div>
                }
            })}
        {decision.map(|round| view! { <DecisionFeedback round framework=framework.clone() /> })}
        {awarded
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!("/portfolios/{id}/certificate.pdf") download="">
                            "Download the award certificate (PDF)"
                        </a>
                    </p>
                }
            })}
        {match (award.renewed_by, can.start_renewal) {
            (Some(next), _) => {
                view! {
                    <p class="body">
                        <a href=format!("/portfolios/{next}")>"Go to the renewal of this award"</a>
                    </p>
                }
                    .into_any()
            }
            (None, true) => view! { <RenewalForm portfolio_id=id /> }.into_any(),
            _ => ().into_any(),
        }}
        {award
            .previous
            .clone()
            .map(|prev| {
                view! {
                    <section class="panel" aria-labelledby="previous-cycle">
                        <h2 class="heading-m" id="previous-cycle">
                            "The award this renews"
                        </h2>
                        <p class="body">
                            {match (&prev.level, prev.awarded_on) {
                                (Some(level), Some(on)) => {
                                    format!("{level}, awarded on {}.", format_date(Some(on)))
                                }
                                _ => "Awarded.".into(),
                            }} " "
                            <a href=format!(
                                "/portfolios/{}",
                                prev.portfolio_id,
                            )>"Read the last cycle's portfolio"</a>
                        </p>
                        {prev
                            .decision
                            .clone()
                            .map(|round| {
                                view! {
                                    <details class="details">
                                        <summary class="details__summary">
                                            "The board's feedback on the last cycle"
                                        </summary>
                                        <div class="details__text">
                                            <DecisionFeedback
                                                round
                                                framework=framework.clone()
                                                heading="Feedback on the last cycle"
                                            />
                                        </div>
                                    </details>
                                }
                            })}
                    </section>
                }
            })}
    }
    .into_any()
}

#[component]
fn RenewalForm(portfolio_id: i32) -> impl IntoView {
    let action = ServerAction::<StartRenewal>::new();
    let error = action_error(action);
    view! {
        <section class="panel" aria-labelledby="renewal-heading">
            <h2 class="heading-m" id="renewal-heading">
                "Renew the award"
            </h2>
            <p class="body">
                "The award is renewed every 3 years. Starting the renewal opens a new portfolio with this cycle's text and evidence in place, marked as carried over until you change it. This portfolio stays as it is."
            </p>
            <ErrorSummary error />
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="portfolio_id" value=portfolio_id />
                <button class="button" type="submit">
                    "Start the renewal"
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn SubmissionSection(portfolio: PortfolioView) -> impl IntoView {
    let id = portfolio.id;
    let can = portfolio.can;
    let submitted = portfolio.status == PortfolioStatus::Submitted;
    let open = !portfolio.locked;
    let p = &portfolio.progress;
    let missing = p.total.saturating_sub(p.complete);
    let current = portfolio.award.current().cloned();
    let registered = portfolio.award.registered_on.is_some();
    view! {
        <h2 class="heading-m" id="submission">
            "Submission"
        </h2>
        {submitted
            .then(|| {
                let meeting = current
                    .as_ref()
                    .and_then(|r| r.meeting.as_ref())
                    .map(|m| format!(" It is on the agenda of the board meeting of {}.", m.name()))
                    .unwrap_or_else(|| " It will join the next board meeting's agenda.".into());
                view! {
                    <p class="body">
                        {format!(
                            "Submitted on {}.{meeting}",
                            format_date(portfolio.cover.submission_date),
                        )}
                    </p>
                }
            })}
        {can
            .read_narratives
            .then(|| {
                view! {
                    <p class="body">
                        "The submission pack holds the whole portfolio as a PDF, with contents and an evidence index, and every evidence file."
                    </p>
                    <ul class="list">
                        <li>
                            <a href=format!("/portfolios/{id}/pack.zip") download="">
                                "Download the submission pack (ZIP)"
                            </a>
                        </li>
                        <li>
                            <a href=format!("/portfolios/{id}/pack.pdf") download="">
                                "Download the portfolio as a PDF"
                            </a>
                        </li>
                    </ul>
                }
            })}
        {(can.submit && open && portfolio.award.assessed)
            .then(|| {
                if registered {
                    view! { <SubmitLink portfolio_id=id missing /> }.into_any()
                } else {
                    view! {
                        <p class="body">
                            "Register the start date with the award team before submitting."
                        </p>
                    }
                        .into_any()
                }
            })}
        {(can.assess && submitted)
            .then(|| {
                view! {
                    <p class="body">
                        <a class="button" href=format!("/portfolios/{id}/review")>
                            "Review the portfolio"
                        </a>
                    </p>
                }
            })}
        {(can.reopen && submitted).then(|| view! { <ReopenForm portfolio_id=id /> })}
        {(can.read_feedback || can.read_draft_feedback)
            .then(|| view! { <RoundHistory rounds=portfolio.award.rounds.clone() /> })}
    }
}

/// The way to submitting: the check comes first.
#[component]
fn SubmitLink(portfolio_id: i32, missing: usize) -> impl IntoView {
    view! {
        <p class="body">
            "Submitting sends the portfolio to the award team for the next board meeting. First check what is missing."
        </p>
        {(missing > 0)
            .then(|| {
                view! {
                    <div class="notice notice--important" role="note">
                        {format!(
                            "{missing} {} not complete yet.",
                            if missing == 1 { "criterion is" } else { "criteria are" },
                        )}
                    </div>
                }
            })}
        <a class="button" href=format!("/portfolios/{portfolio_id}/submit")>
            "Check your portfolio and submit"
        </a>
    }
}

#[component]
fn ReopenForm(portfolio_id: i32) -> impl IntoView {
    let action = ServerAction::<ReopenPortfolio>::new();
    let error = action_error(action);
    view! {
        <ErrorSummary error />
        <ActionForm action>
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <p class="body">
                "Reopening lets the school change the portfolio again, without a decision; it must then submit it again."
            </p>
            <button class="button button--secondary" type="submit">
                "Reopen the portfolio for the school"
            </button>
        </ActionForm>
    }
}
