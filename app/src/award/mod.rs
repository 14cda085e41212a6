//! The award's rules as plain functions: its clock (target, renewal due,
//! renewal flagged), where each school stands for the award team, which board
//! meeting a submission joins, and what a decision must say. Shared by the
//! server and the browser; unit-tested here.

pub mod board;
pub mod check;
pub mod decision;
pub mod standing;
pub mod terms;

pub use board::next_meeting;
pub use decision::{Outcome, check_decision, check_feedback};
pub use standing::{SchoolFacts, Standing, StandingKind, standing};
pub use terms::{Renewal, renewal, renewal_due, target_date};
