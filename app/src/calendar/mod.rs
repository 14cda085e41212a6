//! Dates as England keeps them. A UK service's "today" is the date in
//! Europe/London, not in UTC: between midnight and 1 am in summer the two
//! differ, and a submission, an award or a deadline must carry England's date.

mod date_input;
#[cfg(feature = "ssr")]
mod england;

pub use date_input::DateParts;

#[cfg(feature = "ssr")]
pub use england::{england_date, england_time, today};
