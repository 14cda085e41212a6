//! Caring Schools Portfolio: the pages, the shared types and (with the `ssr`
//! feature) everything the server needs to answer them.
#![recursion_limit = "512"]

pub mod api;
pub mod award;
pub mod calendar;
pub mod collab;
pub mod components;
pub mod error;
pub mod evidence;
pub mod glossary;
pub mod links;
pub mod model;
#[cfg(feature = "ssr")]
pub mod pack;
pub mod pages;
pub mod pep;
pub mod protection;
#[cfg(feature = "ssr")]
pub mod report;
pub mod review;
pub mod routes;
pub mod rubric;
pub mod surveys;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod state;

mod app;

pub use app::App;
#[cfg(feature = "ssr")]
pub use app::shell;
