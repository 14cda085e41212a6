//! The rubric: frameworks as data. The same types and rules run in the browser
//! and on the server; shipped frameworks live as TOML files in `frameworks/`.

mod model;
mod progress;
mod validate;

#[cfg(feature = "ssr")]
mod load;

pub use model::*;
pub use progress::*;
pub use validate::{FrameworkError, validate};

#[cfg(feature = "ssr")]
pub(crate) use load::line_column;
#[cfg(feature = "ssr")]
pub use load::{Catalog, LoadError};
