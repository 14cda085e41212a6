//! The server: configuration, the router with its middleware, the command line,
//! and demo data. `main.rs` only parses arguments and calls in here.

pub mod cli;
pub mod demo;
pub mod documents;
pub mod http;
pub mod router;

pub use router::{build_router, serve};
