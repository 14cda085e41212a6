//! Documents the server produces: PDFs laid out by typst from a template and
//! the data it reads, and the submission pack's ZIP.

pub mod pack_zip;
pub mod typeset;

pub use typeset::{Template, TypesetError, Typesetter};
