//! The document shell and the routes.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Footer, Header, SkipLink};
use crate::{pages, routes};

/// The HTML document around the app; rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos::hydration::{AutoReload, HydrationScripts};
    use leptos_meta::{HashedStylesheet, MetaTags};

    let csrf = crate::components::csrf::csrf_token();
    let viewer = crate::components::viewer::viewer_json();
    let scripts = use_context::<http::request::Parts>()
        .is_none_or(|request| routes::hydrates(request.uri.path()));
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="csrf-token" content=csrf />
                <meta name="viewer" content=viewer />
                <meta name="public-url" content=crate::links::public_url() />
                <meta name="color-scheme" content="light" />
                <HashedStylesheet options=options.clone() id="leptos" />
                {scripts
                    .then(|| {
                        view! {
                            <AutoReload options=options.clone() />
                            <HydrationScripts options />
                        }
                    })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::components::viewer::provide_viewer();
    let ssr = SsrMode::Async;
    view! {
        // The service's name is the title whenever no page names one (a page
        // still loading its data), so the document never goes without one.
        <Title
            text=""
            formatter=|text: String| {
                if text.is_empty() {
                    "Caring Schools Portfolio".to_string()
                } else {
                    format!("{text} – Caring Schools Portfolio")
                }
            }
        />
        <Router>
            <SkipLink />
            <Header />
            <div class="page-width">
                <main id="main-content" class="main" tabindex="-1">
                    <PasswordChanged />
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=routes::Home::lazy() ssr=ssr.clone() />
                        <Route path=path!("/sign-in") view=routes::SignIn::lazy() ssr=ssr.clone() />
                        <Route
                            path=path!("/invitations/:token")
                            view=routes::AcceptInvitation::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools")
                            view=routes::MySchools::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id")
                            view=routes::SchoolHomePage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/members")
                            view=routes::MembersPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/calendar")
                            view=routes::CalendarPageView::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/peps")
                            view=routes::PepTrackerPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/peps/new")
                            view=routes::NewPepPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/peps/:pep_id")
                            view=routes::PepPageView::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/frameworks")
                            view=routes::FrameworkList::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/frameworks/:framework_id")
                            view=routes::FrameworkReader::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/authorities/:authority_id")
                            view=routes::AuthorityPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/authorities/:authority_id/peps")
                            view=routes::VirtualSchoolView::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/authorities/:authority_id/board")
                            view=routes::BoardPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/meetings/:meeting_id")
                            view=routes::MeetingPageView::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/downloads")
                            view=routes::DownloadsPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/admin")
                            view=routes::AdminPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/reset/:token")
                            view=routes::ResetPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/my-work")
                            view=routes::MyWorkPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/surveys")
                            view=routes::SurveysPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/surveys/:survey_id")
                            view=routes::SurveyPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/s/:token")
                            view=routes::AnswerPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/s/:token/thanks")
                            view=routes::ThanksPage::lazy()
                            ssr=ssr.clone()
                        />
                        // Governors' pages stand outside the portfolio's layout: they
                        // never open the co-editing session, so they need none of its code.
                        <Route
                            path=path!("/portfolios/:portfolio_id/dashboard")
                            view=routes::DashboardPage::lazy()
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/portfolios/:portfolio_id/report")
                            view=routes::ReportPage::lazy()
                            ssr=ssr.clone()
                        />
                        <ParentRoute
                            path=path!("/portfolios/:portfolio_id")
                            view=routes::PortfolioLayout::lazy()
                            ssr=ssr.clone()
                        >
                            <Route path=path!("") view=routes::Overview::lazy() ssr=ssr.clone() />
                            <Route
                                path=path!("actions")
                                view=routes::ActionPlanPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("cover")
                                view=routes::CoverPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("submit")
                                view=routes::CheckPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("submitted")
                                view=routes::SubmittedPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("register")
                                view=routes::RegisterPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("register/check")
                                view=routes::RegisterCheckPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("review")
                                view=routes::ReviewPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("review/domains/:number")
                                view=routes::ReviewDomainPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("decision")
                                view=routes::DecisionFormPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("decision/check")
                                view=routes::DecisionCheckPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("target-date")
                                view=routes::TargetDatePage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("domains/:number")
                                view=routes::DomainPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("criteria/:criterion_id")
                                view=routes::CriterionPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("evidence")
                                view=routes::EvidenceLibraryPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("evidence/new")
                                view=routes::UploadPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("evidence/:item_id")
                                view=routes::EvidenceItemPage::lazy()
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("criteria/:criterion_id/history")
                                view=routes::HistoryPage::lazy()
                                ssr=ssr.clone()
                            />
                        </ParentRoute>
                    </Routes>
                </main>
            </div>
            <Footer />
        </Router>
    }
}

/// After a reset link was used: wherever the person lands, they are told.
#[component]
fn PasswordChanged() -> impl IntoView {
    let changed = pages::query("password");
    move || {
        (changed.get().as_deref() == Some("changed")).then(|| {
            view! {
                <div class="notice notice--success" role="status">
                    "Your password has been changed and you are signed in. Anywhere else you were signed in, you have been signed out."
                </div>
            }
        })
    }
}
