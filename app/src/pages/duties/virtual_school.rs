//! The Virtual School's page: each school's PEPs this term and its DT
//! self-audit, as aggregates (small numbers hidden, no pupil reference).

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::{format_date, id_param};
use crate::api::duties::get_virtual_school;
use crate::components::layout::TableScroll;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::VirtualSchoolPage;
use crate::pages::data::page_data;

#[component]
pub fn VirtualSchoolView() -> impl IntoView {
    let authority_id = id_param("authority_id");
    let data = page_data(
        move || authority_id.get(),
        |id| async move {
            match id {
                Some(id) => get_virtual_school(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="PEPs across schools" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Schools page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Schools(page: VirtualSchoolPage) -> impl IntoView {
    let id = page.authority.id;
    view! {
        <a class="back-link" href=format!("/authorities/{id}")>
            "Schools and their award"
        </a>
        <span class="caption">{page.authority.name.clone()}</span>
        <h1 class="heading-l">"PEPs across schools"</h1>
        <p class="body">
            {format!(
                "Each school’s PEP meetings this term (to {}), on each school’s own calendar, and where its Designated Teacher self-audit stands.",
                format_date(Some(page.today)),
            )}
        </p>
        <p class="hint">
            {format!(
                "Figures resting on fewer than {} meetings are not shown, so that no pupil can be picked out. No pupil reference leaves a school.",
                crate::pep::SMALL_NUMBER,
            )}
        </p>
        <p class="body">
            <a href=format!("/authorities/{id}/peps.csv")>"Download as a spreadsheet (CSV)"</a>
        </p>
        <TableScroll label="PEPs by school">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"School"</th>
                        <th scope="col">"Term"</th>
                        <th scope="col">"PEP meetings held"</th>
                        <th scope="col">"Finalised within 5 school days"</th>
                        <th scope="col">"Overdue"</th>
                        <th scope="col">"DT self-audit"</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        {r.name}
                                        <span class="secondary">{format!(" URN {}", r.urn)}</span>
                                    </th>
                                    <td>{r.term}</td>
                                    <td>{r.held.show()}</td>
                                    <td>{r.on_time.show()}</td>
                                    <td>{r.overdue.show()}</td>
                                    <td>
                                        {r
                                            .audit
                                            .map(|a| a.describe())
                                            .unwrap_or_else(|| "Not started".into())}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}
