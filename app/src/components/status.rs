//! What a page shows when it cannot show what was asked for.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::error::AppError;

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="body loading">"Loading…"</p> }
}

/// Sets the response status on the server; nothing in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The error as a page: sign-in for 401, a plain message otherwise, and the
/// matching HTTP status when rendered on the server. Never an internal detail.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(error.status());
    match error {
        AppError::Unauthenticated => {
            let location = use_location();
            let here = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
            let query = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
            view! { <Redirect path=format!("/sign-in?{query}") /> }.into_any()
        }
        AppError::NotFound => view! { <NotFoundMessage /> }.into_any(),
        AppError::Forbidden => view! {
            <h1 class="heading-l">"You cannot see this page"</h1>
            <p class="body">
                "Your role does not allow this. If you think it should, ask your school's coordinator."
            </p>
        }
        .into_any(),
        other => view! {
            <h1 class="heading-l">"Sorry, there is a problem"</h1>
            <p class="body">{other.to_string()}</p>
        }
        .into_any(),
    }
}

#[component]
pub fn NotFoundMessage() -> impl IntoView {
    view! {
        <h1 class="heading-l">"Page not found"</h1>
        <p class="body">"If you typed the web address, check it is correct."</p>
        <p class="body">"If you pasted the web address, check you copied the entire address."</p>
        <p class="body">
            <a href="/">"Go to your start page"</a>
        </p>
    }
}
