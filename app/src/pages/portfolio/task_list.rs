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
                .map(|row| {
                    let live = live_row(collab, shared, &row);
                    (row, live)
                })
                .collect();
            // Counted from the rows as they stand now, so the count never
            // disagrees with the rows beneath it.
            let missing: Vec<Signal<Vec<crate::rubric::Missing>>> =
                rows.iter().map(|(_, live)| live.missing).collect();
            let total = progress.total;
            let count = move || {
                let done = missing.iter().filter(|m| m.with(Vec::is_empty)).count();
                format!("{done} of {total} complete")
            };
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
                    <p class="secondary">{count}</p>
                    {(!intro.is_empty())
                        .then(|| view! { <p class="task-list__lead">{intro.clone()}</p> })}
                    <ul class="task-list">
                        {rows
                            .into_iter()
                            .map(|(row, live)| {
                                let key = row.id.replace('.', "-");
                                let status_id = format!("status-{key}");
                                let hint_id = format!("hint-{key}");
                                let todo_id = format!("todo-{key}");
                                let described = format!("{status_id} {hint_id} {todo_id}");
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
                                // The link is read with its status, owner,
                                // standard and what is still to do.
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
                                            <span class="task-list__hint" id=hint_id>
                                                {hint}
                                            </span>
                                            <span class="task-list__hint" id=todo_id>
                                                {still}
                                            </span>
                                            {row
                                                .last_change
                                                .clone()
                                                .map(|c| {
                                                    view! {
                                                        <span class="task-list__hint">
                                                            {format!("Last changed by {}, {}", c.who, c.when)}
                                                        </span>
                                                    }
                                                })}
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
