//! The overview's "Submission" section: the pack to download, the
//! coordinator's submit, and the award team's reopen.

use leptos::prelude::*;

use crate::api::portfolios::{ReopenPortfolio, SubmitPortfolio};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::model::{PortfolioStatus, PortfolioView};
use crate::pages::format_date;

#[component]
pub fn SubmissionSection(portfolio: PortfolioView) -> impl IntoView {
    let id = portfolio.id;
    let can = portfolio.can;
    let submitted = portfolio.status == PortfolioStatus::Submitted;
    let open = portfolio.status == PortfolioStatus::InProgress;
    let p = &portfolio.progress;
    let missing = p.total.saturating_sub(p.complete);
    view! {
        <h2 class="heading-m" id="submission">
            "Submission"
        </h2>
        {(!open)
            .then(|| {
                view! {
                    <p class="body">
                        {format!(
                            "{}. Submitted on {}.",
                            portfolio.status.label(),
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
        {(can.submit && open).then(|| view! { <SubmitForm portfolio_id=id missing /> })}
        {(can.reopen && submitted).then(|| view! { <ReopenForm portfolio_id=id /> })}
    }
}

#[component]
fn SubmitForm(portfolio_id: i32, missing: usize) -> impl IntoView {
    let action = ServerAction::<SubmitPortfolio>::new();
    let error = action_error(action);
    view! {
        <ErrorSummary error />
        <ActionForm action>
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <p class="body">
                "Submitting sends the portfolio to the award team. After that nobody at the school can change it; only the award team can open it again."
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
            <div class="checkboxes">
                <div class="checkboxes__item">
                    <input
                        class="checkboxes__input"
                        type="checkbox"
                        id="confirm"
                        name="confirm"
                        value="yes"
                        required
                    />
                    <label class="checkboxes__label" for="confirm">
                        "The portfolio is ready to send to the award team"
                    </label>
                </div>
            </div>
            <button class="button button--warning" type="submit">
                "Submit the portfolio"
            </button>
        </ActionForm>
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
                "Reopening lets the school change the portfolio again; it must then submit it again."
            </p>
            <button class="button button--secondary" type="submit">
                "Reopen the portfolio for the school"
            </button>
        </ActionForm>
    }
}
