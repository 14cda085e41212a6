//! The award team's page for its authority: every school with one status,
//! counts per status at the top, filter and sort (a plain GET form, so it
//! works without JavaScript), and the list as CSV.

use leptos::prelude::*;

use crate::components::layout::TableScroll;
use leptos_meta::Title;

use super::{format_date, id_param, query};
use crate::api::board::get_authority_overview;
use crate::award::StandingKind;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{AuthorityOverview, SchoolListItem, SchoolSort, SchoolStanding};
use crate::pages::data::page_data;

#[component]
pub fn AuthorityPage() -> impl IntoView {
    let authority_id = id_param("authority_id");
    let data = page_data(
        move || authority_id.get(),
        |id| async move {
            match id {
                Some(id) => get_authority_overview(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => view! { <Overview overview /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(overview: AuthorityOverview) -> impl IntoView {
    let status = query("status");
    let sort = query("sort");
    let id = overview.authority_id;
    let overview = StoredValue::new(overview);
    let chosen_status = move || status.get().as_deref().and_then(StandingKind::parse);
    let chosen_sort = move || {
        sort.get()
            .as_deref()
            .and_then(SchoolSort::parse)
            .unwrap_or_default()
    };
    let rows = move || overview.with_value(|o| o.view(chosen_status(), chosen_sort()));
    let csv_href = move || {
        let mut q = Vec::new();
        if let Some(s) = chosen_status() {
            q.push(("status", s.as_str()));
        }
        q.push(("sort", chosen_sort().as_str()));
        format!(
            "/authorities/{id}/schools.csv?{}",
            serde_urlencoded::to_string(q).unwrap_or_default()
        )
    };
    let (name, total, next, manage) = overview.with_value(|o| {
        (
            o.name.clone(),
            o.schools.len(),
            o.next_meeting.clone(),
            o.can_manage,
        )
    });
    view! {
        <Title text=format!("Schools in {name}") />
        <span class="caption">{name.clone()}</span>
        <h1 class="heading-l">"Schools and their award"</h1>
        <p class="body">
            {format!("{total} schools. ")}
            {match (next, manage) {
                (Some(m), true) => {
                    view! {
                        "Next board meeting: "
                        <a href=format!("/meetings/{}", m.id)>{m.name()}</a>
                        ". "
                        <a href=format!("/authorities/{id}/board")>"Board meetings"</a>
                    }
                        .into_any()
                }
                (Some(m), false) => {
                    view! { {format!("Next board meeting: {}.", m.name())} }.into_any()
                }
                (None, true) => {
                    view! {
                        "No board meeting is planned. "
                        <a href=format!("/authorities/{id}/board")>"Board meetings"</a>
                    }
                        .into_any()
                }
                (None, false) => view! { "No board meeting is planned." }.into_any(),
            }}
        </p>
        <p class="body">
            <a href=format!("/authorities/{id}/peps")>"PEPs across schools (Virtual School)"</a>
        </p>
        <h2 class="heading-m">"By status"</h2>
        <ul class="status-counts">
            {overview
                .with_value(|o| o.counts.clone())
                .into_iter()
                .map(|(kind, count)| {
                    let href = format!("/authorities/{id}?status={}", kind.as_str());
                    view! {
                        <li class="status-counts__item">
                            <a href=href class="status-counts__link">
                                <span class="status-counts__count">{count}</span>
                                <span class="status-counts__label">{kind.label()}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <form method="get" class="filters" aria-label="Filter and sort the schools">
            <div class="filters__group">
                <label class="label" for="status">
                    "Status"
                </label>
                <select class="select" id="status" name="status">
                    <option value="">"Every status"</option>
                    {StandingKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option
                                    value=k.as_str()
                                    selected=move || chosen_status() == Some(k)
                                >
                                    {k.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="filters__group">
                <label class="label" for="sort">
                    "Sort by"
                </label>
                <select class="select" id="sort" name="sort">
                    {SchoolSort::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=move || chosen_sort() == s>
                                    {s.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button button--secondary">
                "Show schools"
            </button>
        </form>
        <p class="body">
            <a href=csv_href download="">
                "Download this list (CSV)"
            </a>
        </p>
        {move || {
            let rows = rows();
            let shown = rows.len();
            view! {
                <p class="body" role="status">
                    {match chosen_status() {
                        Some(k) => format!("{shown} of {total} schools: {}", k.label()),
                        None => format!("All {total} schools"),
                    }}
                </p>
                <StandingTable rows manage />
            }
        }}
    }
}

#[component]
fn StandingTable(rows: Vec<SchoolStanding>, manage: bool) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="body">"No school has this status."</p> }.into_any();
    }
    view! {
        <TableScroll label="Schools and their status">
            <table class="table">
                <caption class="visually-hidden">"Schools with their status"</caption>
                <thead>
                    <tr>
                        <th scope="col">"School"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Detail"</th>
                        <th scope="col" class="numeric">
                            "Complete"
                        </th>
                        <th scope="col">"Target date"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|s| {
                            let attention = s.standing.needs_attention();
                            let review = (manage && s.standing.kind() == StandingKind::Submitted)
                                .then_some(s.portfolio_id)
                                .flatten();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/schools/{}", s.school_id)>{s.name.clone()}</a>
                                        <br />
                                        <span class="secondary">"URN " {s.urn.clone()}</span>
                                    </th>
                                    <td>
                                        <strong
                                            class="tag"
                                            class:tag--done=s.standing.kind() == StandingKind::Awarded
                                            class:tag--attention=attention
                                        >
                                            {s.standing.label()}
                                        </strong>
                                    </td>
                                    <td>
                                        {s.standing.detail()}
                                        {review
                                            .map(|p| {
                                                view! {
                                                    <br />
                                                    <a href=format!(
                                                        "/portfolios/{p}/review",
                                                    )>"Review the portfolio"</a>
                                                }
                                            })}
                                    </td>
                                    <td class="numeric">
                                        {s.percent.map(|p| format!("{p}%")).unwrap_or_default()}
                                    </td>
                                    <td>{s.target.map(|t| format_date(Some(t))).unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// The administrator's list of schools (names and where each stands).
#[component]
pub fn SchoolTable(schools: Vec<SchoolListItem>) -> impl IntoView {
    if schools.is_empty() {
        return view! { <p class="body">"No schools yet."</p> }.into_any();
    }
    view! {
        <TableScroll label="Schools">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"School"</th>
                        <th scope="col">"URN"</th>
                        <th scope="col">"Portfolio"</th>
                        <th scope="col" class="numeric">
                            "Complete"
                        </th>
                        <th scope="col" class="numeric">
                            "Members"
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {schools
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <td>
                                        <a href=format!("/schools/{}", s.id)>{s.name}</a>
                                    </td>
                                    <td>{s.urn}</td>
                                    <td>
                                        {s
                                            .portfolio_status
                                            .map(|p| p.label())
                                            .unwrap_or("None yet")}
                                    </td>
                                    <td class="numeric">
                                        {s
                                            .percent_complete
                                            .map(|p| format!("{p}%"))
                                            .unwrap_or_default()}
                                    </td>
                                    <td class="numeric">{s.members}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}
