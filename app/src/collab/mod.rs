//! The collaboration engine. One Yjs document per portfolio, spoken over the
//! standard y-sync protocol:
//!
//! - `schema`: how a portfolio lives in the document (shared);
//! - `client`: the sync client the browser runs (and tests and the load
//!   generator run natively);
//! - `server` (ssr): open documents in memory, their update log and snapshots,
//!   projections into the criterion columns, the audit trail, and peers;
//! - `browser` (hydrate): the websocket, local drafts and textarea binding.

pub mod client;
pub mod handle;
pub mod presence;
pub mod schema;
pub mod text_diff;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
pub mod browser;
