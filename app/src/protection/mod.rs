//! Data protection rules that run alike in the browser (warning while someone
//! types) and on the server (checking again before saving).

pub mod identifiers;
