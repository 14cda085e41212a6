//! All of a portfolio's evidence, filtered by domain, criterion and kind
//! (a plain GET form, so filters work without JavaScript).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::evidence::get_evidence_library;
use crate::components::evidence::EvidenceCounts;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::evidence::rules::{Filter, format_size};
use crate::model::{EvidenceItem, EvidenceKind, EvidenceLibrary};
use crate::pages::data::page_data;
use crate::pages::portfolio::PortfolioCaption;
use crate::pages::{id_param, query};

#[component]
pub fn EvidenceLibraryPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_evidence_library(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(library) => view! { <Library library /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Library(library: EvidenceLibrary) -> impl IntoView {
    let domain = query("domain");
    let criterion = query("criterion");
    let kind = query("kind");
    let deleted = query("deleted");
    let portfolio = library.portfolio.clone();
    let framework = portfolio.framework.clone();
    let id = portfolio.id;
    let filter = Memo::new(move |_| {
        Filter::from_query(
            domain.get().as_deref(),
            criterion.get().as_deref(),
            kind.get().as_deref(),
        )
    });
    let items = StoredValue::new(library.items.clone());
    let fw = StoredValue::new(framework.clone());
    let shown = move || {
        let f = filter.get();
        items.with_value(|all| {
            fw.with_value(|fw| f.apply(fw, all).into_iter().cloned().collect::<Vec<_>>())
        })
    };
    let total = library.items.len();
    let editable = portfolio.may_edit();
    let domains = framework.domains.clone();
    view! {
        <Title text="Evidence" />
        <PortfolioCaption portfolio=portfolio.clone() />
        {move || {
            deleted
                .get()
                .map(|_| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "The evidence has been deleted and removed from every criterion."
                        </div>
                    }
                })
        }}
        <h1 class="heading-l">"Evidence"</h1>
        <p class="body">
            "The toolkit suggests up to 5 pieces of evidence per domain: choose the strongest. "
            "One piece can show several criteria."
        </p>
        {editable
            .then(|| {
                view! {
                    <p>
                        <a class="button" href=format!("/portfolios/{id}/evidence/new")>
                            "Add evidence"
                        </a>
                    </p>
                }
            })}
        <EvidenceCounts counts=library.per_domain.clone() portfolio_id=id />

        <form method="get" class="filters" aria-label="Filter evidence">
            <div class="filters__group">
                <label class="label" for="filter-domain">
                    "Domain"
                </label>
                <select class="select" id="filter-domain" name="domain">
                    <option value="">"All domains"</option>
                    {domains
                        .iter()
                        .map(|d| {
                            let n = d.number;
                            view! {
                                <option
                                    value=n.to_string()
                                    selected=move || filter.get().domain == Some(n)
                                >
                                    {n}
                                    ". "
                                    {d.title.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="filters__group">
                <label class="label" for="filter-criterion">
                    "Criterion"
                </label>
                <select class="select" id="filter-criterion" name="criterion">
                    <option value="">"All criteria"</option>
                    {framework
                        .criteria()
                        .map(|(_, c)| {
                            let cid = c.id.clone();
                            let is = cid.clone();
                            view! {
                                <option
                                    value=cid.clone()
                                    selected=move || {
                                        filter.get().criterion.as_deref() == Some(is.as_str())
                                    }
                                >
                                    {cid.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="filters__group">
                <label class="label" for="filter-kind">
                    "Kind"
                </label>
                <select class="select" id="filter-kind" name="kind">
                    <option value="">"All kinds"</option>
                    {EvidenceKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option
                                    value=k.as_str()
                                    selected=move || filter.get().kind == Some(k)
                                >
                                    {k.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">
                "Filter"
            </button>
        </form>

        {move || {
            let list = shown();
            let filtered = !filter.get().is_empty();
            if total == 0 {
                view! { <p class="body">"No evidence yet."</p> }.into_any()
            } else if list.is_empty() {
                view! {
                    <p class="body">
                        "No evidence matches these filters. "
                        <a href=format!("/portfolios/{id}/evidence")>"Show all evidence"</a>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="body" role="status">
                        {if filtered {
                            format!("Showing {} of {total} items", list.len())
                        } else {
                            format!("{total} items")
                        }}
                    </p>
                    <ItemTable items=list portfolio_id=id />
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn ItemTable(items: Vec<EvidenceItem>, portfolio_id: i32) -> impl IntoView {
    view! {
        <table class="table evidence-table">
            <caption class="visually-hidden">"Evidence items"</caption>
            <thead>
                <tr>
                    <th scope="col">"Title"</th>
                    <th scope="col">"Kind"</th>
                    <th scope="col">"Criteria"</th>
                    <th scope="col">"File or link"</th>
                </tr>
            </thead>
            <tbody>
                {items
                    .into_iter()
                    .map(|item| {
                        let href = format!("/portfolios/{portfolio_id}/evidence/{}", item.id);
                        let source = match (&item.file, &item.link) {
                            (Some(f), _) => format!("{} ({})", f.name, format_size(f.size_bytes)),
                            (None, Some(_)) => "Link".to_string(),
                            _ => String::new(),
                        };
                        let criteria = if item.criteria.is_empty() {
                            "Not linked yet".to_string()
                        } else {
                            item.criteria.join(", ")
                        };
                        view! {
                            <tr>
                                <td>
                                    <a href=href>{item.title.clone()}</a>
                                </td>
                                <td>{item.kind.label()}</td>
                                <td>{criteria}</td>
                                <td class="evidence-table__source">{source}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
