//! Figures about a school that governors may see: the level profile per
//! domain as a chart with its table, the timeline, and survey headlines
//! (hidden under five answers). Shared by the dashboard and the annual report.

use leptos::prelude::*;

use crate::model::{SurveyHeadlines, Timeline};
use crate::pages::format_date;
use crate::rubric::DomainProgress;
use crate::surveys::results::Results;

/// One segment of a stacked bar: its label, count, and fill class.
struct Segment {
    label: String,
    count: usize,
    class: &'static str,
}

fn segments(
    domain: &DomainProgress,
    level_labels: &[(String, String)],
    not_met_label: &str,
) -> Vec<Segment> {
    const LEVEL_CLASSES: [&str; 3] = ["chart__fill--1", "chart__fill--2", "chart__fill--3"];
    let mut out = vec![
        Segment {
            label: crate::glossary::NOT_CHOSEN.into(),
            count: domain.profile.undecided,
            class: "chart__fill--none",
        },
        Segment {
            label: not_met_label.into(),
            count: domain.profile.not_yet,
            class: "chart__fill--not-yet",
        },
    ];
    for (i, (id, count)) in domain.profile.levels.iter().enumerate() {
        out.push(Segment {
            label: level_labels
                .iter()
                .find(|(l, _)| l == id)
                .map(|(_, label)| label.clone())
                .unwrap_or_else(|| id.clone()),
            count: *count,
            class: LEVEL_CLASSES[i.min(LEVEL_CLASSES.len() - 1)],
        });
    }
    out
}

/// The self-assessed standard of each domain's criteria: a stacked bar per
/// domain (a picture only), then the same figures as a table.
#[component]
pub fn LevelProfileChart(
    domains: Vec<DomainProgress>,
    level_labels: Vec<(String, String)>,
    not_met_label: String,
) -> impl IntoView {
    let rows: Vec<(String, Vec<Segment>, usize)> = domains
        .iter()
        .map(|d| {
            (
                format!("Domain {}", d.number),
                segments(d, &level_labels, &not_met_label),
                d.total.max(1),
            )
        })
        .collect();
    let legend: Vec<(String, &'static str)> = rows
        .first()
        .map(|(_, s, _)| s.iter().map(|s| (s.label.clone(), s.class)).collect())
        .unwrap_or_default();
    let header = legend.iter().map(|(l, _)| l.clone()).collect::<Vec<_>>();
    let bar_height = 22;
    let gap = 12;
    let height = rows.len() * (bar_height + gap);
    view! {
        <figure class="chart">
            <svg
                class="chart__svg"
                viewBox=format!("0 0 400 {height}")
                role="img"
                aria-label="Standard met per domain, as in the table below"
                focusable="false"
            >
                {rows
                    .iter()
                    .enumerate()
                    .map(|(i, (label, segs, total))| {
                        let y = i * (bar_height + gap);
                        let mut x = 90.0;
                        let width = 300.0;
                        let rects = segs
                            .iter()
                            .filter(|s| s.count > 0)
                            .map(|s| {
                                let w = width * s.count as f64 / *total as f64;
                                let rect = view! {
                                    <rect
                                        class=format!("chart__fill {}", s.class)
                                        x=format!("{x:.1}")
                                        y=y
                                        width=format!("{w:.1}")
                                        height=bar_height
                                    />
                                };
                                x += w;
                                rect
                            })
                            .collect_view();
                        view! {
                            <text class="chart__label" x="0" y=y + bar_height - 6>
                                {label.clone()}
                            </text>
                            {rects}
                        }
                    })
                    .collect_view()}
            </svg>
            <ul class="chart__legend" aria-hidden="true">
                {legend
                    .iter()
                    .map(|(label, class)| {
                        view! {
                            <li>
                                <svg viewBox="0 0 10 10" class="chart__key" focusable="false">
                                    <rect
                                        class=format!("chart__fill {class}")
                                        width="10"
                                        height="10"
                                    />
                                </svg>
                                {label.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <figcaption class="visually-hidden">"Standard met per domain"</figcaption>
        </figure>
        <crate::components::layout::TableScroll label="Standard met per domain">
            <table class="table">
                <caption class="table__caption">"Standard met per domain (self-assessed)"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Domain"</th>
                        {header
                            .iter()
                            .map(|h| {
                                view! {
                                    <th scope="col" class="numeric">
                                        {h.clone()}
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {domains
                        .iter()
                        .zip(&rows)
                        .map(|(d, (_, segs, _))| {
                            view! {
                                <tr>
                                    <th scope="row">{format!("{}. {}", d.number, d.title)}</th>
                                    {segs
                                        .iter()
                                        .map(|s| view! { <td class="numeric">{s.count}</td> })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </crate::components::layout::TableScroll>
    }
}

#[component]
pub fn TimelineList(timeline: Timeline) -> impl IntoView {
    let t = timeline;
    view! {
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::START_DATE}</dt>
                <dd>{format_date(t.start)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::TARGET_DATE}</dt>
                <dd>{format_date(t.target)} {t.days_left_text().map(|s| format!(" — {s}"))}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::SUBMISSION_DATE}</dt>
                <dd>{format_date(t.submission)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::RENEWAL_DUE}</dt>
                <dd>{format_date(t.renewal_due)}</dd>
            </div>
        </dl>
    }
}

/// Each survey's headline figures; only a count while fewer than five answered.
#[component]
pub fn SurveyHeadlinesList(surveys: Vec<SurveyHeadlines>) -> impl IntoView {
    if surveys.is_empty() {
        return view! { <p class="body">"No surveys yet."</p> }.into_any();
    }
    surveys
        .into_iter()
        .map(|s| {
            view! {
                <section class="survey-result">
                    <h3 class="heading-s">
                        {format!("{} ({})", s.title, s.audience.label().to_lowercase())}
                    </h3>
                    {match s.headlines {
                        None => {
                            view! { <p class="body">{Results::hidden_message(s.responses)}</p> }
                                .into_any()
                        }
                        Some(list) => {
                            view! {
                                <p class="body">{s.responses} " people answered."</p>
                                <ul class="list">
                                    {list
                                        .into_iter()
                                        .map(|h| {
                                            view! {
                                                <li>
                                                    <strong>{h.percent_agreeing} "%"</strong>
                                                    " agree: "
                                                    {h.prompt}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }}
                </section>
            }
        })
        .collect_view()
        .into_any()
}

/// The school's PEP figures as governors see them: no pupil, small numbers
/// hidden.
#[component]
pub fn PepFiguresList(figures: crate::model::PepFigures) -> impl IntoView {
    let held_label = format!("PEP meetings held in {}", figures.school_year);
    view! {
        <h2 class="heading-m">"Personal Education Plans"</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{held_label}</dt>
                <dd>{figures.held.show()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"ePEPs finalised within 5 school days"</dt>
                <dd>{figures.on_time.show()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"With the pupil’s views captured"</dt>
                <dd>{figures.pupil_views.show()}</dd>
            </div>
        </dl>
        <p class="hint">
            {format!(
                "Figures resting on fewer than {} meetings are not shown, so that no pupil can be picked out.",
                crate::pep::SMALL_NUMBER,
            )}
        </p>
    }
}
