//! The award team's review of a submitted portfolio: its overview (the
//! round, the meeting, feedback written per domain, the target date, the
//! decision), one domain criterion by criterion with feedback that saves as
//! it is typed, and the decision with its "check your answers".

mod decision;
mod domain;
mod feedback_box;
mod target_date;

pub use decision::{DecisionCheckPage, DecisionFormPage};
pub use domain::ReviewDomainPage;
pub use target_date::{TargetDateForm, TargetDatePage};

use leptos::prelude::*;

use crate::components::layout::TableScroll;
use leptos_meta::Title;

use crate::api::portfolios::get_portfolio;
use crate::components::award::RoundHistory;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::PortfolioView;
use crate::pages::data::page_data;
use crate::pages::portfolio::PortfolioCaption;
use crate::pages::{format_date, id_param};

#[component]
pub fn ReviewPage() -> impl IntoView {
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
                    Ok(p) if p.can.read_draft_feedback => {
                        view! { <Review portfolio=p /> }.into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Review(portfolio: PortfolioView) -> impl IntoView {
    let id = portfolio.id;
    let award = portfolio.award.clone();
    let current = award.current().cloned();
    let reviewed = award.rounds.first().cloned();
    let title = format!("Review: {}", portfolio.school.name);
    view! {
        <Title text=title.clone() />
        <PortfolioCaption portfolio=portfolio.clone() />
        <span class="caption">{portfolio.framework.title.clone()}</span>
        <h1 class="heading-l">{title}</h1>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Status"</dt>
                <dd>
                    <strong class="tag">{portfolio.status.label()}</strong>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>"Self-assessed level"</dt>
                <dd>
                    {portfolio
                        .framework
                        .level_reached_label(portfolio.progress.level_reached.as_deref())}
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::START_DATE}</dt>
                <dd>{format_date(portfolio.cover.start_date)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::TARGET_DATE}</dt>
                <dd>{format_date(portfolio.cover.target_date)}</dd>
            </div>
            {reviewed
                .as_ref()
                .map(|r| {
                    view! {
                        <div class="summary-list__row">
                            <dt>"Submitted"</dt>
                            <dd>
                                {format_date(Some(r.submitted_on))}
                                {r.submitted_by.clone().map(|b| format!(" by {b}"))}
                            </dd>
                        </div>
                        <div class="summary-list__row">
                            <dt>"Board meeting"</dt>
                            <dd>
                                {match &r.meeting {
                                    Some(m) => {
                                        view! {
                                            <a href=format!("/meetings/{}", m.id)>{m.name()}</a>
                                        }
                                            .into_any()
                                    }
                                    None => view! { "Not on an agenda yet" }.into_any(),
                                }}
                            </dd>
                        </div>
                    }
                })}
        </dl>
        <p class="body">
            <a href=format!("/portfolios/{id}/pack.zip") download="">
                "Download the submission pack (ZIP)"
            </a>
        </p>
        <h2 class="heading-m">"Domains"</h2>
        <p class="body">
            "Read each domain criterion by criterion and write the feedback the school will read. Feedback is seen only by the award team until the decision is recorded."
        </p>
        <TableScroll label="Domains and their feedback">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Domain"</th>
                        <th scope="col">"Feedback"</th>
                    </tr>
                </thead>
                <tbody>
                    {portfolio
                        .framework
                        .domains
                        .iter()
                        .map(|d| {
                            let written = reviewed
                                .as_ref()
                                .and_then(|r| r.domain_feedback(d.number))
                                .is_some();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!(
                                            "/portfolios/{id}/review/domains/{}",
                                            d.number,
                                        )>"Domain " {d.number} ": " {d.title.clone()}</a>
                                    </th>
                                    <td>
                                        <strong class="tag" class:tag--done=written>
                                            {if written { "Written" } else { "Not written yet" }}
                                        </strong>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
        {match (current.as_ref().map(|r| r.meeting.is_some()), portfolio.can.decide) {
            (Some(true), true) => {
                view! {
                    <h2 class="heading-m">"Decision"</h2>
                    <p class="body">
                        <a class="button" href=format!("/portfolios/{id}/decision")>
                            "Record the board's decision"
                        </a>
                    </p>
                }
                    .into_any()
            }
            (Some(false), true) => {
                view! {
                    <h2 class="heading-m">"Decision"</h2>
                    <div class="notice" role="note">
                        "The portfolio is on no board meeting's agenda yet. Add the next meeting to the calendar: it joins it by itself."
                    </div>
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
        {portfolio
            .can
            .manage_award
            .then(|| {
                view! {
                    <details class="details">
                        <summary class="details__summary">"Change the target date"</summary>
                        <div class="details__text narrow">
                            <TargetDateForm
                                portfolio_id=portfolio.id
                                target=portfolio.cover.target_date
                            />
                        </div>
                    </details>
                }
            })}
        <RoundHistory rounds=award.rounds.clone() />
    }
}
