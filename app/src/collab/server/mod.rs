//! The server half of the collaboration engine.
//!
//! A [`Hub`] keeps one task per open document ([`document`]): it applies
//! updates, broadcasts them to the other sockets at once, and hands them to the
//! document's writer, which appends them to the update log ([`store`]) in
//! batches; only after a batch is committed does the server acknowledge it
//! (a SyncStep1 carrying the stored state vector). With PostgreSQL, other
//! instances hear of each batch through LISTEN/NOTIFY ([`peers`]) and read the
//! rows themselves.

mod document;
pub mod hub;
pub mod peers;
pub mod store;

pub use hub::{Access, Connection, Hub, HubError, Outbound};
