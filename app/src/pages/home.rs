//! The start page sends each person where their work is.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::components::status::ErrorPage;
use crate::components::viewer::viewer;
use crate::error::AppError;

#[component]
pub fn Home() -> impl IntoView {
    match viewer() {
        Some(me) => view! { <Redirect path=me.home_path() /> }.into_any(),
        None => view! { <Redirect path="/sign-in" /> }.into_any(),
    }
}

/// Every school the signed-in person belongs to.
#[component]
pub fn MySchools() -> impl IntoView {
    let Some(me) = viewer() else {
        return view! { <ErrorPage error=AppError::Unauthenticated /> }.into_any();
    };
    view! {
        <Title text="Your schools" />
        <h1 class="heading-l">"Your schools"</h1>
        {if me.memberships.is_empty() {
            view! {
                <p class="body">
                    "You are not a member of any school yet. Ask your school's coordinator for an invitation link."
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul class="list">
                    {me
                        .memberships
                        .into_iter()
                        .map(|m| {
                            view! {
                                <li>
                                    <a href=format!("/schools/{}", m.school_id)>{m.school_name}</a>
                                    " – "
                                    {m.role.label()}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
        .into_any()
}
