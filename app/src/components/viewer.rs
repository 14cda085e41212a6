//! Who is looking at the page. Known before rendering on the server (the
//! identity middleware) and written into the page for the browser, so no
//! page waits on a request to learn it. Signing in or out reloads the page.

use leptos::prelude::*;

use crate::model::Me;

#[derive(Clone, Debug, Default)]
pub struct Viewer(pub Option<Me>);

/// The signed-in person as the server saw them for this page.
pub fn viewer() -> Option<Me> {
    use_context::<Viewer>().and_then(|v| v.0)
}

pub fn provide_viewer() {
    provide_context(Viewer(current()));
}

#[cfg(feature = "ssr")]
fn current() -> Option<Me> {
    use_context::<http::request::Parts>().and_then(|p| {
        p.extensions
            .get::<crate::security::identity::Identity>()
            .and_then(|i| i.me.clone())
    })
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
fn current() -> Option<Me> {
    let content = web_sys::window()?
        .document()?
        .query_selector("meta[name=viewer]")
        .ok()??
        .get_attribute("content")?;
    serde_json::from_str(&content).ok().flatten()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn current() -> Option<Me> {
    None
}

/// The JSON the shell writes into `<meta name="viewer">`.
#[cfg(feature = "ssr")]
pub fn viewer_json() -> String {
    serde_json::to_string(&current()).unwrap_or_else(|_| "null".into())
}
