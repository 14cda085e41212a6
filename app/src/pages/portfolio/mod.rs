//! The portfolio's pages: overview, cover sheet, a domain, a criterion and its
//! history. The layout holds the collaboration session while any of them is open.

mod check;
mod comments;
mod cover;
mod criterion;
mod criterion_evidence;
mod dashboard;
mod domain;
mod history;
mod live_row;
mod overview;
mod register;
mod report;
mod submission;
mod task_list;

pub use check::{CheckPage, SubmittedPage};
pub use cover::CoverPage;
pub use criterion::CriterionPage;
pub(crate) use dashboard::DashboardCrumbs;
pub use dashboard::DashboardPage;
pub use domain::DomainPage;
pub use history::HistoryPage;
pub use overview::Overview;
pub use register::{RegisterCheckPage, RegisterPage};
pub use report::ReportPage;

use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::collab::handle::{Collab, provide_collab};
use crate::model::PortfolioView;

#[component]
pub fn PortfolioLayout() -> impl IntoView {
    // The session itself is started (and its end registered) by the pages
    // that show the document: see `Collab::start`.
    provide_collab();
    view! { <Outlet /> }
}

/// Opens the document in the browser once the page knows the person may read
/// it, and tells the others which criterion (if any) this person is on.
pub(crate) fn open_session(collab: Collab, portfolio: &PortfolioView, criterion: Option<String>) {
    if !portfolio.can.read_narratives {
        return;
    }
    #[cfg(feature = "hydrate")]
    if let Some(me) = crate::components::viewer::viewer() {
        let id = portfolio.id;
        let user = crate::collab::presence::PresenceUser {
            id: me.id,
            name: me.name,
        };
        let here = criterion.clone();
        Effect::new(move |_| {
            collab.start(id, user.clone());
            collab.set_presence(here.clone());
        });
        if criterion.is_some() {
            on_cleanup(move || collab.set_presence(None));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (collab, criterion);
}

/// "Fenland Primary School · Caring2Learn" above a page's heading, and the links back.
#[component]
pub(crate) fn PortfolioCaption(portfolio: PortfolioView) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!(
                        "/schools/{}",
                        portfolio.school.id,
                    )>{portfolio.school.name.clone()}</a>
                </li>
                <li>
                    <a href=format!(
                        "/portfolios/{}",
                        portfolio.id,
                    )>{portfolio.framework.title.clone()}</a>
                </li>
            </ol>
        </nav>
        {portfolio
            .locked
            .then(|| {
                let text = if portfolio.status == crate::model::PortfolioStatus::Awarded {
                    "This portfolio has been awarded. It is kept as it was: it can be read but no longer changed."
                } else {
                    "This portfolio has been submitted. It can be read but no longer changed."
                };
                view! {
                    <div class="notice notice--important" role="note">
                        {text}
                    </div>
                }
            })}
    }
}
