//! The pages as routes whose code the browser fetches on first visit.
//!
//! `cargo leptos build --split` cuts the browser bundle at every `#[lazy]`
//! function. One cut per page makes hundreds of tiny chunks (code shared by
//! any two pages becomes its own file, and small files compress badly), so the
//! pages are cut by who uses them together: a governor never downloads the
//! co-editor, the sign-in page none of the portfolio. A carer answering a
//! survey downloads no code at all: those pages are plain HTML, and the
//! browser build leaves them out.
//!
//! On the server nothing is lazy: a route renders as before and names its
//! area's chunks, which the page then asks for in `<head>` so they arrive
//! alongside the main bundle, before hydration.

use leptos::prelude::*;
use leptos_router::ChooseView;

/// Whether the page at `path` is sent with the app's scripts. A carer's
/// survey is not: all of it works as plain HTML (the server checks the
/// answers), and a carer on a phone then fetches the page and its style
/// sheet, not the app. The browser build holds none of its code (the
/// `carers (document)` area below): reached from a hydrated page, it is loaded
/// as a document.
pub fn hydrates(path: &str) -> bool {
    !(path == "/s" || path.starts_with("/s/"))
}

/// `area { Route => path::to::Component, … }`: a module per area with one
/// lazily loaded function rendering any of its pages, and a route per page.
/// `area (document) { … }` is an area whose pages are only ever served as
/// whole documents ([`hydrates`] says no): the browser build holds none of
/// its code, and reaching one of its routes from a hydrated page loads the
/// document.
///
/// Every route's view is the one type [`PageView`], so the router's code for
/// choosing and preloading a view is compiled once, not once per route (with
/// a type per route it was a good part of the main bundle).
macro_rules! areas {
    ($($(#[doc = $doc:literal])* $area:ident $(($kind:ident))? { $($route:ident => $page:path,)* })*) => {
        /// The page a route renders: its area, and the page within it.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug)]
        pub enum PageView { $($area($area::Page),)* }

        impl ChooseView for PageView {
            async fn choose(self) -> AnyView {
                match self {
                    $(PageView::$area(page) => $area::view(page).await,)*
                }
            }

            /// The area's code, fetched before the page is chosen: a page
            /// hydrates only if its view is ready when the router's outlet
            /// hydrates.
            async fn preload(&self) {
                match self {
                    $(PageView::$area(_) => $area::preload().await,)*
                }
            }
        }

        $(
        $(#[doc = $doc])*
        pub mod $area {
            use super::*;

            /// The page a route of this area renders.
            #[derive(Clone, Copy, Debug)]
            pub enum Page { $($route,)* }

            area_view!($($kind)? $area { $($route => $page,)* });

            $(
                #[doc = concat!("The route of `", stringify!($page), "`.")]
                pub struct $route;

                impl $route {
                    /// The route's view, for `<Route view=…>`.
                    pub fn lazy() -> PageView {
                        PageView::$area(Page::$route)
                    }
                }
            )*
        }
        pub use $area::{$($route),*};
        )*
    };
}

/// An area's `view` (its pages) and `preload` (fetching their code).
macro_rules! area_view {
    ($area:ident { $($route:ident => $page:path,)* }) => {
        #[lazy($area)]
        pub(super) fn view(page: Page) -> AnyView {
            match page {
                $(Page::$route => $page().into_any(),)*
            }
        }

        pub(super) async fn preload() {
            #[cfg(target_arch = "wasm32")]
            __preload_view().await;
        }
    };
    (document $area:ident { $($route:ident => $page:path,)* }) => {
        #[cfg(not(target_arch = "wasm32"))]
        pub(super) async fn view(page: Page) -> AnyView {
            match page {
                $(Page::$route => $page().into_any(),)*
            }
        }

        #[cfg(target_arch = "wasm32")]
        pub(super) async fn view(_page: Page) -> AnyView {
            super::load_document();
            ().into_any()
        }

        pub(super) async fn preload() {}
    };
}

/// Asks the server for the page the router is going to, as a whole document:
/// once the router has put its address in the history (it does as it
/// finishes), the document takes that entry's place, so Back returns to the
/// page the link was on. (Should the address not be there yet, the document
/// is a new entry after the page the link was on.)
#[cfg(target_arch = "wasm32")]
fn load_document() {
    // The router keeps the query without its `?`.
    let location = leptos_router::hooks::use_location();
    let (path, search) = (
        location.pathname.get_untracked(),
        location.search.get_untracked(),
    );
    let href = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    set_timeout(
        move || {
            let here = window().location();
            let current = format!(
                "{}{}",
                here.pathname().unwrap_or_default(),
                here.search().unwrap_or_default()
            );
            let loaded = if current == href {
                here.reload()
            } else {
                here.assign(&href)
            };
            if loaded.is_err() {
                leptos::logging::warn!("could not load {href}");
            }
        },
        std::time::Duration::ZERO,
    );
}

areas! {
    /// Signing in: the page everyone opens first, on its own.
    sign_in {
        SignIn => crate::pages::sign_in::SignIn,
    }
    /// The start page, invitations and password resets: the other pages before anyone is known.
    public {
        Home => crate::pages::home::Home,
        AcceptInvitation => crate::pages::invitation::AcceptInvitation,
        ResetPage => crate::pages::reset::ResetPage,
        MySchools => crate::pages::home::MySchools,
    }
    /// A school's home page, the first page staff see.
    school_home {
        SchoolHomePage => crate::pages::school_home::SchoolHomePage,
    }
    /// A school's members, the person's work, the frameworks.
    school {
        MembersPage => crate::pages::members::MembersPage,
        MyWorkPage => crate::pages::my_work::MyWorkPage,
        FrameworkList => crate::pages::frameworks::FrameworkList,
        FrameworkReader => crate::pages::frameworks::FrameworkReader,
    }
    /// Surveys as staff see them: templates, design, sharing, results.
    survey_design {
        SurveysPage => crate::pages::surveys::SurveysPage,
        SurveyPage => crate::pages::surveys::SurveyPage,
    }
    /// A survey answered by a carer on a phone, without an account: plain HTML, never hydrated.
    carers (document) {
        AnswerPage => crate::pages::surveys::AnswerPage,
        ThanksPage => crate::pages::surveys::ThanksPage,
    }
    /// The Designated Teacher's duties and the Virtual School's view of them.
    duties {
        CalendarPageView => crate::pages::duties::CalendarPageView,
        PepTrackerPage => crate::pages::duties::PepTrackerPage,
        NewPepPage => crate::pages::duties::NewPepPage,
        PepPageView => crate::pages::duties::PepPageView,
        ActionPlanPage => crate::pages::duties::ActionPlanPage,
        VirtualSchoolView => crate::pages::duties::VirtualSchoolView,
    }
    /// The award: registration, the authority's pages, board meetings, review and decisions, administration.
    award {
        AuthorityPage => crate::pages::authority::AuthorityPage,
        BoardPage => crate::pages::board::BoardPage,
        MeetingPageView => crate::pages::board::MeetingPageView,
        DownloadsPage => crate::pages::downloads::DownloadsPage,
        AdminPage => crate::pages::admin::AdminPage,
        RegisterPage => crate::pages::portfolio::RegisterPage,
        RegisterCheckPage => crate::pages::portfolio::RegisterCheckPage,
        ReviewPage => crate::pages::review::ReviewPage,
        ReviewDomainPage => crate::pages::review::ReviewDomainPage,
        DecisionFormPage => crate::pages::review::DecisionFormPage,
        DecisionCheckPage => crate::pages::review::DecisionCheckPage,
        TargetDatePage => crate::pages::review::TargetDatePage,
    }
    /// What governors read first: the dashboard.
    dashboard {
        DashboardPage => crate::pages::portfolio::DashboardPage,
    }
    /// The annual report to governors.
    report {
        ReportPage => crate::pages::portfolio::ReportPage,
    }
    /// Writing the portfolio together: the co-editor (yrs), the task list, domains, criteria, history, submitting.
    writing {
        Overview => crate::pages::portfolio::Overview,
        CoverPage => crate::pages::portfolio::CoverPage,
        DomainPage => crate::pages::portfolio::DomainPage,
        CriterionPage => crate::pages::portfolio::CriterionPage,
        HistoryPage => crate::pages::portfolio::HistoryPage,
        CheckPage => crate::pages::portfolio::CheckPage,
        SubmittedPage => crate::pages::portfolio::SubmittedPage,
    }
    /// The evidence library: uploading, linking, reading.
    evidence {
        EvidenceLibraryPage => crate::pages::evidence::EvidenceLibraryPage,
        UploadPage => crate::pages::evidence::UploadPage,
        EvidenceItemPage => crate::pages::evidence::EvidenceItemPage,
    }
    /// Around every portfolio page: the document's handle (its session starts only on the pages that edit).
    portfolio_layout {
        PortfolioLayout => crate::pages::portfolio::PortfolioLayout,
    }
}

#[cfg(test)]
mod tests {
    use super::hydrates;

    #[test]
    fn only_a_carers_survey_is_sent_without_scripts() {
        assert!(!hydrates("/s/Ab3_x-9"));
        assert!(!hydrates("/s/Ab3_x-9/thanks"));
        assert!(hydrates("/"));
        assert!(hydrates("/sign-in"));
        assert!(hydrates("/surveys/3"));
        assert!(hydrates("/schools/1"));
        assert!(hydrates("/portfolios/1/dashboard"));
    }
}
