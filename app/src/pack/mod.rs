//! The submission pack: what the PDF holds (contents), and which evidence file
//! goes where in the ZIP with its index (index). Plain data, no I/O: the
//! server lays it out and streams it.

pub mod contents;
pub mod index;
pub mod prose;

pub use contents::{PackContents, PackCriterion, PackDomain, PackInput, build};
pub use index::{IndexEntry, PackFile};
