//! The frame around every page: skip link, header with navigation, footer.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

use super::csrf::CsrfField;
use super::viewer::viewer;
use crate::api::auth::SignOut;
use crate::model::{Me, SchoolRole};

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a href="#main-content" class="skip-link">
            "Skip to main content"
        </a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="header">
            <div class="page-width header__inner">
                <a href="/" class="header__brand">
                    "Caring Schools Portfolio"
                </a>
                {viewer().map(|me| view! { <Navigation me /> })}
            </div>
        </header>
    }
}

#[component]
fn Navigation(me: Me) -> impl IntoView {
    let mut links: Vec<(String, String)> = Vec::new();
    for m in &me.memberships {
        let label = if me.memberships.len() == 1 {
            "Our school".to_string()
        } else {
            m.school_name.clone()
        };
        links.push((format!("/schools/{}", m.school_id), label));
        if m.role == SchoolRole::Coordinator && me.memberships.len() == 1 {
            links.push((
                format!("/schools/{}/members", m.school_id),
                "Members".into(),
            ));
        }
    }
    if let Some((id, _)) = &me.assessor_of {
        links.push((format!("/authorities/{id}"), "Schools".into()));
        links.push((format!("/authorities/{id}/board"), "Board meetings".into()));
    }
    if me.is_admin {
        links.push(("/admin".into(), "Admin".into()));
    }
    links.push(("/frameworks".into(), "Frameworks".into()));
    let writes = me
        .memberships
        .iter()
        .any(|m| matches!(m.role, SchoolRole::Coordinator | SchoolRole::Editor));
    let location = use_location();
    // What waits for this person, read in the browser once the page is
    // there (no page waits for it) and again as they move between pages.
    let waiting = LocalResource::new(move || {
        location.pathname.track();
        async move {
            if writes {
                crate::api::review::get_my_work()
                    .await
                    .map(|w| w.waiting())
                    .unwrap_or(0)
            } else {
                0
            }
        }
    });
    // GOV.UK service navigation: on a phone the links fold behind a "Menu"
    // button once scripts run; without them (and on wider screens) every link
    // shows.
    let hydrated = RwSignal::new(false);
    let open = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    view! {
        <button
            type="button"
            class="header__menu-toggle"
            hidden=move || !hydrated.get()
            aria-controls="main-navigation"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "Menu"
        </button>
        <nav
            class="header__nav"
            class:header__nav--folded=move || hydrated.get() && !open.get()
            id="main-navigation"
            aria-label="Main"
        >
            <ul class="header__links">
                {writes
                    .then(|| {
                        view! {
                            <li>
                                <a
                                    href="/my-work"
                                    class="header__link"
                                    aria-current=move || {
                                        (location.pathname.get() == "/my-work").then_some("page")
                                    }
                                >
                                    {crate::glossary::MY_WORK}
                                    <Transition>
                                        {move || {
                                            waiting
                                                .get()
                                                .filter(|n| *n > 0)
                                                .map(|n| {
                                                    view! {
                                                        <span class="header__count">
                                                            {n}
                                                            <span class="visually-hidden">" waiting"</span>
                                                        </span>
                                                    }
                                                })
                                        }}
                                    </Transition>
                                </a>
                            </li>
                        }
                    })}
                {links
                    .into_iter()
                    .map(|(href, label)| {
                        let current = {
                            let href = href.clone();
                            move || location.pathname.get() == href
                        };
                        view! {
                            <li>
                                <a
                                    href=href
                                    class="header__link"
                                    aria-current=move || current().then_some("page")
                                >
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <div class="header__account">
            <span class="header__name">{me.name}</span>
            // A plain form: signing out reloads every part of the page.
            <form method="post" action=SignOut::url() class="header__signout">
                <CsrfField />
                <button type="submit" class="link-button">
                    "Sign out"
                </button>
            </form>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="footer">
            <div class="page-width">
                <p>
                    "Caring Schools Portfolio – for the Caring2Learn Caring Schools Award. "
                    "Never name a child: use a pupil reference."
                </p>
            </div>
        </footer>
    }
}

/// A link to copy, with a button that copies it when scripts run.
#[component]
pub fn CopyLink(#[prop(into)] label: String, #[prop(into)] url: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let to_copy = url.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&to_copy);
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &to_copy;
    };
    view! {
        <div class="copy-link">
            <label class="label" for="copy-link-url">
                {label}
            </label>
            <input class="input" id="copy-link-url" type="text" readonly value=url />
            <button type="button" class="button button--secondary" on:click=copy>
                "Copy link"
            </button>
            <span role="status" class="copy-link__status">
                {move || copied.get().then_some("Copied")}
            </span>
        </div>
    }
}

/// A wide table that scrolls on its own on a narrow screen, so the page
/// never scrolls sideways (the region can be focused and scrolled by keyboard).
#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}
