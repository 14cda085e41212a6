//! The HTTP edge: middleware that every request passes through, and the few
//! routes that are not pages (the site's files, health, metrics).

pub mod assets;
pub mod award;
pub mod collab;
pub mod csrf;
pub mod evidence;
pub mod feeds;
pub mod headers;
pub mod health;
pub mod metrics;
pub mod pack;
pub mod reply;
pub mod surveys;
