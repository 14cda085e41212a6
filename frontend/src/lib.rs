//! The browser bundle: hydrates the server-rendered pages.
#![recursion_limit = "512"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Every page is a lazy route (see `app::routes`): its chunk is fetched (the
    // page already asked for it in `<head>`) before its part of the page hydrates.
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document()
            .body()
            .expect("a server-rendered page has a body");
        leptos::mount::hydrate_from_async(body, app::App)
            .await
            .forget();
        // Lets browser tests wait until the page is interactive.
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &"__hydrated".into(), &true.into());
        }
    });
}
