use leptos::prelude::*;

use crate::components::evidence::DomainEvidenceNote;
use leptos_meta::Title;

use super::live_row::live_row;
use super::{PortfolioCaption, open_session};
use crate::api::portfolios::get_portfolio;
use crate::collab::handle::use_collab;
use crate::components::collab::{PresenceOn, SaveStatusBar};
use crate::components::progress::ProgressBar;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{CriterionRow, PortfolioView};
use crate::pages::data::page_data;
use crate::pages::id_param;

#[component]
pub fn DomainPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let number = id_param("number");
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
                let number = number.get_untracked();
                match (data.await, number) {
                    (Ok(portfolio), Some(n)) if portfolio.framework.domain(n as u32).is_some() => {
                        view! { <Domain portfolio number=n as u32 /> }.into_any()
                    }
                    (Ok(_), _) => view! { <ErrorPage error=AppError::NotFound /> }.into_any(),
                    (Err(e), _) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Domain(portfolio: PortfolioView, number: u32) -> impl IntoView {
    let collab = use_collab();
    open_session(collab, &portfolio, None);
    let Some(domain) = portfolio.framework.domain(number).cloned() else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    let progress = portfolio
        .progress
        .domains
        .iter()
        .find(|d| d.number == number)
        .cloned();
    let rows: Vec<CriterionRow> = domain
        .criteria
        .iter()
        .filter_map(|c| portfolio.row(&c.id).cloned())
        .collect();
    let id = portfolio.id;
    let shared = StoredValue::new(portfolio.clone());
    view! {
        <Title text=format!("Domain {number}: {}", domain.title) />
        <PortfolioCaption portfolio=portfolio.clone() />
        <span class="caption">"Domain " {number}</span>
        <h1 class="heading-l">{domain.title.clone()}</h1>
        <p class="lead">{domain.summary.clone()}</p>
        <SaveStatusBar />
        {portfolio
            .award
            .last_decision()
            .and_then(|r| {
                r.domain_feedback(number).map(|f| (r.outcome_label.clone(), f.body.clone()))
            })
            .map(|(outcome, body)| {
                view! {
                    <section class="panel" aria-labelledby="domain-feedback">
                        <h2 class="heading-m" id="domain-feedback">
                            "Feedback from the award team on this domain"
                        </h2>
                        <p class="secondary">{outcome}</p>
                        <crate::components::award::PlainText text=body />
                    </section>
                }
            })}
        {progress
            .map(|p| {
                view! {
                    <ProgressBar complete=p.complete total=p.total label="Criteria complete" />
                    <p class="body">
                        {crate::glossary::completion_rule(
                            &shared.with_value(|p| p.framework.clone()),
                        )}
                    </p>
                }
            })}
        {portfolio
            .evidence
            .iter()
            .find(|c| c.number == number)
            .cloned()
            .map(|count| view! { <DomainEvidenceNote count portfolio_id=id /> })}
        <crate::components::layout::TableScroll label="Criteria">
            <table class="table criteria-table">
                <caption class="table__caption">"Criteria"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Criterion: " {portfolio.framework.intro.clone()}</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">{crate::glossary::STANDARD_MET}</th>
                        <th scope="col">{crate::glossary::OWNER}</th>
                        <th scope="col">"Evidence"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let cid = row.id.clone();
                            let live = live_row(collab, shared, &row);
                            let still = move || crate::glossary::still_to_do(&live.missing.get());
                            let carried = row.carried_over;
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/portfolios/{id}/criteria/{cid}")>
                                            <span class="criterion__id">{cid.clone()}</span>
                                            " "
                                            {row.statement.clone()}
                                        </a>
                                        {carried
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <strong class="tag tag--carried">"Carried over"</strong>
                                                }
                                            })}
                                        <br />
                                        <PresenceOn criterion=cid.clone() />
                                    </td>
                                    <td>
                                        <strong class=move || {
                                            live.status.get().tag_class()
                                        }>{move || live.status.get().label()}</strong>
                                        <span class="task-list__hint">{still}</span>
                                    </td>
                                    <td>{live.standard}</td>
                                    <td>{live.owner}</td>
                                    <td>{row.evidence}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </crate::components::layout::TableScroll>
    }
        .into_any()
}
