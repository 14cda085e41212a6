//! The Designated Teacher's duties: the school's calendar, the PEP tracker
//! and one PEP meeting's page.

mod actions;
mod calendar;
mod pep;
mod pep_form;
mod peps;
mod virtual_school;

pub use actions::ActionPlanPage;
pub use calendar::CalendarPageView;
pub use pep::{NewPepPage, PepPageView};
pub use peps::PepTrackerPage;
pub use virtual_school::VirtualSchoolView;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::calendar::long_date;
use crate::pep::PepStatus;

/// "2 November 2026", or "2 to 6 November 2026".
pub(crate) fn date_span(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        long_date(&first)
    } else {
        format!("{} to {}", long_date(&first), long_date(&last))
    }
}

/// "1 school day", "35 school days".
pub(crate) fn plural_days(n: i64) -> String {
    if n == 1 {
        "1 school day".into()
    } else {
        format!("{n} school days")
    }
}

/// A PEP's status as a GOV.UK tag, with its detail beside it.
#[component]
pub(crate) fn StatusTag(status: PepStatus) -> impl IntoView {
    view! {
        <strong class=status.tag_class()>{status.label()}</strong>
        {status.detail().map(|d| format!(" {d}"))}
    }
}
