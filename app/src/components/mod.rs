//! Pieces the pages are built from.

pub mod aggregates;
pub mod award;
pub mod collab;
pub mod csrf;
pub mod evidence;
pub mod forms;
pub mod layout;
pub mod progress;
pub mod status;
pub mod viewer;
