//! The document shell and the routes.

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::layout::{Footer, Header, SkipLink};
use crate::pages;

/// The HTML document around the app; rendered on the server only.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos::hydration::{AutoReload, HydrationScripts};
    use leptos_meta::{HashedStylesheet, MetaTags};

    let csrf = crate::components::csrf::csrf_token();
    let viewer = crate::components::viewer::viewer_json();
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
                <AutoReload options=options.clone() />
                <HydrationScripts options />
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
        <Title formatter=|text: String| {
            if text.is_empty() {
                "Caring Schools Portfolio".to_string()
            } else {
                format!("{text} – Caring Schools Portfolio")
            }
        } />
        <Router>
            <SkipLink />
            <Header />
            <div class="page-width">
                <main id="main-content" class="main" tabindex="-1">
                    <PasswordChanged />
                    <Routes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::Home ssr=ssr.clone() />
                        <Route path=path!("/sign-in") view=pages::sign_in::SignIn ssr=ssr.clone() />
                        <Route
                            path=path!("/invitations/:token")
                            view=pages::invitation::AcceptInvitation
                            ssr=ssr.clone()
                        />
                        <Route path=path!("/schools") view=pages::home::MySchools ssr=ssr.clone() />
                        <Route
                            path=path!("/schools/:school_id")
                            view=pages::school_home::SchoolHomePage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/members")
                            view=pages::members::MembersPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/calendar")
                            view=pages::duties::CalendarPageView
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/peps")
                            view=pages::duties::PepTrackerPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/peps/new")
                            view=pages::duties::NewPepPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/peps/:pep_id")
                            view=pages::duties::PepPageView
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/frameworks")
                            view=pages::frameworks::FrameworkList
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/frameworks/:framework_id")
                            view=pages::frameworks::FrameworkReader
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/authorities/:authority_id")
                            view=pages::authority::AuthorityPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/authorities/:authority_id/peps")
                            view=pages::duties::VirtualSchoolView
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/authorities/:authority_id/board")
                            view=pages::board::BoardPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/meetings/:meeting_id")
                            view=pages::board::MeetingPageView
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/downloads")
                            view=pages::downloads::DownloadsPage
                            ssr=ssr.clone()
                        />
                        <Route path=path!("/admin") view=pages::admin::AdminPage ssr=ssr.clone() />
                        <Route
                            path=path!("/reset/:token")
                            view=pages::reset::ResetPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/my-work")
                            view=pages::my_work::MyWorkPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/schools/:school_id/surveys")
                            view=pages::surveys::SurveysPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/surveys/:survey_id")
                            view=pages::surveys::SurveyPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/s/:token")
                            view=pages::surveys::AnswerPage
                            ssr=ssr.clone()
                        />
                        <Route
                            path=path!("/s/:token/thanks")
                            view=pages::surveys::ThanksPage
                            ssr=ssr.clone()
                        />
                        <ParentRoute
                            path=path!("/portfolios/:portfolio_id")
                            view=pages::portfolio::PortfolioLayout
                            ssr=ssr.clone()
                        >
                            <Route path=path!("") view=pages::portfolio::Overview ssr=ssr.clone() />
                            <Route
                                path=path!("actions")
                                view=pages::duties::ActionPlanPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("dashboard")
                                view=pages::portfolio::DashboardPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("report")
                                view=pages::portfolio::ReportPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("cover")
                                view=pages::portfolio::CoverPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("submit")
                                view=pages::portfolio::CheckPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("submitted")
                                view=pages::portfolio::SubmittedPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("register")
                                view=pages::portfolio::RegisterPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("register/check")
                                view=pages::portfolio::RegisterCheckPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("review")
                                view=pages::review::ReviewPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("review/domains/:number")
                                view=pages::review::ReviewDomainPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("decision")
                                view=pages::review::DecisionFormPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("decision/check")
                                view=pages::review::DecisionCheckPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("domains/:number")
                                view=pages::portfolio::DomainPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("criteria/:criterion_id")
                                view=pages::portfolio::CriterionPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("evidence")
                                view=pages::evidence::EvidenceLibraryPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("evidence/new")
                                view=pages::evidence::UploadPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("evidence/:item_id")
                                view=pages::evidence::EvidenceItemPage
                                ssr=ssr.clone()
                            />
                            <Route
                                path=path!("criteria/:criterion_id/history")
                                view=pages::portfolio::HistoryPage
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
