//! Pieces of the award shown on several pages: the history of submission
//! rounds, the board's feedback as the school reads it, a renewal notice.

use leptos::prelude::*;

use crate::components::layout::TableScroll;

use crate::model::{RenewalNotice, Round, format_date};
use crate::rubric::Framework;

/// Text written in a plain textarea, shown with its paragraphs and lines.
#[component]
pub fn PlainText(text: String) -> impl IntoView {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(str::to_string).collect();
            let last = lines.len().saturating_sub(1);
            view! {
                <p class="body">
                    {lines
                        .into_iter()
                        .enumerate()
                        .map(|(i, line)| {
                            view! {
                                {line}
                                {(i < last).then(|| view! { <br /> })}
                            }
                        })
                        .collect_view()}
                </p>
            }
        })
        .collect_view()
}

/// Every time the portfolio went to the award team, newest first.
#[component]
pub fn RoundHistory(rounds: Vec<Round>) -> impl IntoView {
    if rounds.is_empty() {
        return ().into_any();
    }
    view! {
        <h2 class="heading-m" id="history">
            "Submissions and decisions"
        </h2>
        <TableScroll label="Submissions and decisions">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Submitted"</th>
                        <th scope="col">"Board meeting"</th>
                        <th scope="col">"Outcome"</th>
                        <th scope="col">"Recorded"</th>
                    </tr>
                </thead>
                <tbody>
                    {rounds
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <td>
                                        {format_date(Some(r.submitted_on))}
                                        {r.submitted_by.clone().map(|b| format!(" by {b}"))}
                                    </td>
                                    <td>
                                        {r
                                            .meeting
                                            .as_ref()
                                            .map(|m| m.name())
                                            .unwrap_or_else(|| "None".into())}
                                    </td>
                                    <td>{r.outcome_label.clone()}</td>
                                    <td>
                                        {r
                                            .decided_on
                                            .map(|d| {
                                                format!(
                                                    "{}{}",
                                                    format_date(Some(d)),
                                                    r
                                                        .decided_by
                                                        .clone()
                                                        .map(|b| format!(" by {b}"))
                                                        .unwrap_or_default(),
                                                )
                                            })
                                            .unwrap_or_default()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// The board's decision and its feedback, as the school reads it.
#[component]
pub fn DecisionFeedback(
    round: Round,
    framework: Framework,
    #[prop(default = "Feedback from the award team")] heading: &'static str,
) -> impl IntoView {
    let decided = format_date(round.decided_on);
    view! {
        <section class="panel" aria-labelledby="feedback-heading">
            <h2 class="heading-m" id="feedback-heading">
                {heading}
            </h2>
            <p class="body">
                <strong>{round.outcome_label.clone()}</strong>
                {format!(" by the Assessment Board, recorded on {decided}.")}
            </p>
            {(!round.reasons.is_empty())
                .then(|| {
                    view! {
                        <h3 class="heading-s">"Reasons"</h3>
                        <PlainText text=round.reasons.clone() />
                    }
                })}
            {framework
                .domains
                .iter()
                .filter_map(|d| {
                    let note = round.domain_feedback(d.number)?.body.clone();
                    Some(
                        view! {
                            <h3 class="heading-s">"Domain " {d.number} ": " {d.title.clone()}</h3>
                            <PlainText text=note />
                        },
                    )
                })
                .collect_view()}
        </section>
    }
}

/// "The award is due for renewal on …", when it is.
#[component]
pub fn RenewalBanner(renewal: Option<RenewalNotice>) -> impl IntoView {
    renewal.and_then(|r| {
        let overdue = r.state == crate::award::Renewal::Overdue;
        r.message().map(|text| {
            view! {
                <div
                    class="notice"
                    class:notice--important=overdue
                    class:notice--attention=!overdue
                    role="note"
                >
                    {text}
                </div>
            }
        })
    })
}
