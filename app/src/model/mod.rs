//! Plain serde types that cross the wire between server and browser.
//! Nothing here holds a secret (no password hashes, no tokens but one just made).

mod account;
mod award;
mod dashboard;
mod duties;
mod evidence;
mod members;
mod portfolio;
mod report;
mod review;
mod school;
mod surveys;

pub use account::*;
pub use award::*;
pub use dashboard::*;
pub use duties::*;
pub use evidence::*;
pub use members::*;
pub use portfolio::*;
pub use report::*;
pub use review::*;
pub use school::*;
pub use surveys::*;

/// "3 May 2026", or "Not set".
pub fn format_date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| crate::calendar::long_date(&d))
        .unwrap_or_else(|| "Not set".into())
}
