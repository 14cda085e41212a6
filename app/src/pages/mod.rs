//! One module per page.

pub mod admin;
pub mod authority;
pub mod board;
pub mod data;
pub mod downloads;
pub mod duties;
pub mod evidence;
pub mod frameworks;
pub mod home;
pub mod invitation;
pub mod members;
pub mod my_work;
pub mod not_found;
pub mod portfolio;
pub mod reset;
pub mod review;
pub mod school_home;
pub mod sign_in;
pub mod surveys;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A numeric route parameter; `None` when missing or not a number.
pub(crate) fn id_param(name: &'static str) -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).and_then(|v| v.parse().ok())))
}

pub(crate) fn text_param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

pub(crate) fn query(name: &'static str) -> Memo<Option<String>> {
    let q = use_query_map();
    Memo::new(move |_| q.with(|q| q.get(name)))
}

pub(crate) use crate::model::format_date;
