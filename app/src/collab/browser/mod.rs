//! The browser half: one session per open portfolio (a websocket that
//! reconnects forever), a local draft of every change, and the bindings that
//! keep textareas and choices in step with the document.

mod drafts;
mod session;

pub use session::{Session, start};
