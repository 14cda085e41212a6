//! sea-orm entities: the server's view of the tables. They never leave the
//! server; services map them to the plain types in `crate::model`.

pub mod authority;
pub mod criterion_response;
pub mod invitation;
pub mod membership;
pub mod portfolio;
pub mod school;
pub mod session;
pub mod user;
