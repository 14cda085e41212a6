//! Dates as England keeps them. A UK service's "today" is the date in
//! Europe/London, not in UTC: between midnight and 1 am in summer the two
//! differ, and a submission, an award or a deadline must carry England's date.
//! And what a school day is: [`SchoolCalendar`], from GOV.UK's bank holidays,
//! the authority's term dates and the school's own closure days.

mod bank_holidays;
mod date_input;
#[cfg(feature = "ssr")]
mod england;
#[cfg(feature = "ssr")]
mod load;
mod school_days;
#[cfg(feature = "ssr")]
pub mod terms;
mod words;

pub use bank_holidays::BankHolidays;
pub use date_input::DateParts;
pub use school_days::{
    Closure, DayOff, Period, SchoolCalendar, SchoolYear, Term, school_year_label, school_year_of,
};
pub use words::{clock, long_date, month_from_name, short_date};

#[cfg(feature = "ssr")]
pub use england::{england_date, england_time, today};
#[cfg(feature = "ssr")]
pub use load::{CalendarError, Calendars};
