//! The award team's list of the authority's schools.

use leptos::prelude::*;
use leptos_meta::Title;

use super::id_param;
use crate::api::schools::authority_schools;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::SchoolListItem;

#[component]
pub fn AuthorityPage() -> impl IntoView {
    let authority_id = id_param("authority_id");
    let data = Resource::new(
        move || authority_id.get(),
        |id| async move {
            match id {
                Some(id) => authority_schools(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((name, schools)) => {
                        view! {
                            <Title text=format!("Schools in {name}") />
                            <span class="caption">{name.clone()}</span>
                            <h1 class="heading-l">"Schools"</h1>
                            <SchoolTable schools />
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn SchoolTable(schools: Vec<SchoolListItem>) -> impl IntoView {
    if schools.is_empty() {
        return view! { <p class="body">"No schools yet."</p> }.into_any();
    }
    view! {
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
                                    {s.portfolio_status.map(|p| p.label()).unwrap_or("None yet")}
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
    }
    .into_any()
}
