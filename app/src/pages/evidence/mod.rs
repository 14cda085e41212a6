//! The evidence library of a portfolio: every item with filters, adding one
//! (a streamed upload or a link), and one item's page to change or delete it.

mod item;
mod library;
mod upload;

pub use item::EvidenceItemPage;
pub use library::EvidenceLibraryPage;
pub use upload::UploadPage;
