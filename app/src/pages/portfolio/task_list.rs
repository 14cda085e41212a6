//! The portfolio's task list: every criterion under its domain, with its
//! status, owner, standard met and what it still needs (GOV.UK task list).

use leptos::prelude::*;

use super::live_row::live_row;
use crate::collab::handle::Collab;
use crate::components::collab::PresenceOn;
use crate::glossary;
use crate::model::PortfolioView;

#[component]
pub fn TaskList(portfolio: PortfolioView, collab: Collab) -> impl IntoView {
    let id = portfolio.id;
    let intro = portfolio.framework.intro.clone();
    let rule = glossary::completion_rule(&portfolio.framework);
    let shared = StoredValue::new(portfolio.clone());
    let domains = portfolio
        .framework
        .domains
        .iter()
        .cloned()
        .zip(portfolio.progress.domains.clone())
        .map(|(domain, progress)| {
            let rows: Vec<_> = domain
                .criteria
                .iter()
                .filter_map(|c| portfolio.row(&c.id).cloned())
                .collect();
            let heading = format!("domain-{}-tasks", domain.number);
            let labelled_by = heading.clone();
            view! {
                <section class="task-group" aria-labelledby=labelled_by>
                    <h3 class="heading-s" id=heading>
                        <a href=format!(
                            "/portfolios/{id}/domains/{}",
                            domain.number,
                        )>"Domain " {domain.number} ": " {domain.title.clone()}</a>
                    </h3>
                    <p class="secondary">
                        {format!("{} of {} complete", progress.complete, progress.total)}
                    </p>
                    {(!intro.is_empty())
                        .then(|| view! { <p class="task-list__lead">{intro.clone()}</p> })}
                    <ul class="task-list">
                        {rows
                            .into_iter()
                            .map(|row| {
                                let live = live_row(collab, shared, &row);
                                let status_id = format!("status-{}", row.id.replace('.', "-"));
                                let described = status_id.clone();
                                let hint = move || {
                                    let mut parts = Vec::new();
                                    let owner = live.owner.get();
                                    parts
                                        .push(
                                            format!(
                                                "{}: {}",
                                                glossary::OWNER,
                                                if owner.is_empty() {
                                                    glossary::NO_OWNER.to_string()
                                                } else {
                                                    owner
                                                },
                                            ),
                                        );
                                    parts
                                        .push(
                                            format!(
                                                "{}: {}",
                                                glossary::STANDARD_MET,
                                                live.standard.get(),
                                            ),
                                        );
                                    parts.join(" · ")
                                };
                                let still = move || glossary::still_to_do(&live.missing.get());
                                view! {
                                    <li class="task-list__item">
                                        <div class="task-list__name">
                                            <a
                                                href=format!("/portfolios/{id}/criteria/{}", row.id)
                                                aria-describedby=described
                                            >
                                                <span class="criterion__id">{row.id.clone()}</span>
                                                " "
                                                {row.statement.clone()}
                                            </a>
                                            {row
                                                .carried_over
                                                .then(|| {
                                                    view! {
                                                        " "
                                                        <strong class="tag tag--carried">"Carried over"</strong>
                                                    }
                                                })}
                                            <span class="task-list__hint">{hint}</span>
                                            <span class="task-list__hint">{still}</span>
                                            <PresenceOn criterion=row.id.clone() />
                                        </div>
                                        <div class="task-list__status" id=status_id>
                                            <strong class=move || {
                                                live.status.get().tag_class()
                                            }>{move || live.status.get().label()}</strong>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h2 class="heading-m" id="criteria">
            "Criteria"
        </h2>
        <p class="body">{rule}</p>
        {domains}
    }
}
