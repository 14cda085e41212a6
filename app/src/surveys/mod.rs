//! Voices: surveys of carers, pupils and staff. The design of a survey, the
//! templates to start from, checking a submission, and tallying results with
//! small numbers hidden — plain functions, the same in browser and server.

pub mod answers;
#[cfg(feature = "ssr")]
pub mod csv;
pub mod design;
pub mod edit;
#[cfg(feature = "ssr")]
pub mod qr;
pub mod results;
pub mod templates;
