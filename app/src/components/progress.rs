//! Progress shown as text first, with a bar that reads in greyscale.

use leptos::prelude::*;

use crate::rubric::{LevelProfile, percent};

/// "12 of 30 criteria complete (40%)" with a bar.
#[component]
pub fn ProgressBar(complete: usize, total: usize, #[prop(into)] label: String) -> impl IntoView {
    let pc = percent(complete, total);
    view! {
        <div class="progress">
            <p class="progress__text">
                {label} ": " <strong>{complete} " of " {total}</strong> " complete (" {pc} "%)"
            </p>
            <svg
                class="progress__bar"
                viewBox="0 0 100 4"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
            >
                <rect class="progress__track" x="0" y="0" width="100" height="4" />
                <rect class="progress__fill" x="0" y="0" width=pc height="4" />
            </svg>
        </div>
    }
}

/// The level profile as a small table: how many criteria at each choice.
#[component]
pub fn LevelProfileTable(
    profile: LevelProfile,
    level_labels: Vec<(String, String)>,
    not_met_label: String,
    #[prop(into)] caption: String,
) -> impl IntoView {
    let mut rows: Vec<(String, usize)> = vec![
        (crate::glossary::NOT_CHOSEN.into(), profile.undecided),
        (not_met_label, profile.not_yet),
    ];
    for (id, count) in profile.levels {
        let label = level_labels
            .iter()
            .find(|(l, _)| *l == id)
            .map(|(_, label)| label.clone())
            .unwrap_or(id);
        rows.push((label, count));
    }
    view! {
        <table class="table table--compact">
            <caption class="table__caption">{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Standard met"</th>
                    <th scope="col" class="numeric">
                        "Criteria"
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(label, count)| {
                        view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td class="numeric">{count}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
