//! The browser bundle: hydrates the server-rendered pages.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets browser tests wait until the page is interactive.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__hydrated".into(), &true.into());
    }
}
