//! Who may do what, and the machinery that proves who someone is:
//! the one authorisation policy, password hashing, tokens, CSRF, sign-in limits
//! and the database-backed session store.

pub mod csrf;
pub mod identity;
pub mod passwords;
pub mod policy;
pub mod rate_limit;
pub mod session_store;
pub mod tokens;

pub use policy::{Action, Denial, Principal, Target, decide};
