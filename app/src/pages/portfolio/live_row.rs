//! A criterion row as it stands now: the server's figures while the shared
//! document loads, then the document's, so a list follows what colleagues
//! are doing without a reload.

use leptos::prelude::*;

use crate::collab::handle::Collab;
use crate::model::{CriterionRow, PortfolioView, ResponseStatus};
use crate::rubric::Missing;

#[derive(Clone, Copy)]
pub(crate) struct LiveRow {
    pub status: Signal<ResponseStatus>,
    /// The standard met, in words.
    pub standard: Signal<String>,
    /// The owner's name; empty when nobody owns it.
    pub owner: Signal<String>,
    pub missing: Signal<Vec<Missing>>,
}

pub(crate) fn live_row(
    collab: Collab,
    portfolio: StoredValue<PortfolioView>,
    row: &CriterionRow,
) -> LiveRow {
    let cid = StoredValue::new(row.id.clone());
    let live = move || cid.with_value(|c| collab.criterion(c));
    let initial = StoredValue::new(row.clone());
    LiveRow {
        status: Signal::derive(move || {
            live().map_or_else(|| initial.with_value(|r| r.status), |c| c.status)
        }),
        standard: Signal::derive(move || {
            let key = live().map_or_else(
                || initial.with_value(|r| r.standard.clone()),
                |c| c.standard,
            );
            portfolio.with_value(|p| p.standard_label(key.as_deref()))
        }),
        owner: Signal::derive(move || match live() {
            Some(c) => c
                .owner
                .and_then(|o| {
                    portfolio
                        .with_value(|p| p.staff.iter().find(|s| s.id == o).map(|s| s.name.clone()))
                })
                .unwrap_or_default(),
            None => initial.with_value(|r| r.owner.clone().unwrap_or_default()),
        }),
        missing: Signal::derive(move || match live() {
            Some(c) => portfolio.with_value(|p| {
                let state = cid.with_value(|id| c.state(&p.framework, id));
                crate::rubric::missing(&p.framework, Some(&state))
            }),
            None => initial.with_value(|r| r.missing.clone()),
        }),
    }
}
