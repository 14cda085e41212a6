use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::status::{NotFoundMessage, set_status};

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page not found" />
        <NotFoundMessage />
    }
}
