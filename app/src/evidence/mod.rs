//! Evidence rules: what may be attached, how big, under what name, and how
//! much per domain. The rules that need the bytes (detecting the type,
//! removing metadata) run on the server only.

#[cfg(feature = "ssr")]
pub mod detect;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod scrub;
