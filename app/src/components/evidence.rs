//! Pieces of the evidence pages: identifier warnings, choosing criteria, and
//! the count per domain against the toolkit's guideline.

use leptos::prelude::*;

use crate::model::{DomainEvidenceCount, EvidenceKind, PlacedFinding};
use crate::protection::identifiers::scan;
use crate::protection::this_year;
use crate::rubric::Framework;

/// Identifiers in `text`, minus those already knowingly kept.
pub fn findings_in(field: &str, text: &str, kept: &[String]) -> Vec<PlacedFinding> {
    scan(text, this_year())
        .into_iter()
        .filter(|f| !kept.contains(&f.text))
        .map(|finding| PlacedFinding {
            field: field.to_string(),
            finding,
        })
        .collect()
}

/// "This may identify a child" under a field, naming what was found.
#[component]
pub fn IdentifierWarning(
    #[prop(into)] findings: Signal<Vec<PlacedFinding>>,
    #[prop(into)] id: String,
) -> impl IntoView {
    move || {
        let found = findings.get();
        (!found.is_empty()).then(|| {
            view! {
                <div class="identifier-warning" role="status" id=id.clone()>
                    <p class="identifier-warning__title">
                        <strong>"This may identify a child."</strong>
                        " Remove it, unless you are sure it does not:"
                    </p>
                    <ul class="identifier-warning__list">
                        {found
                            .into_iter()
                            .map(|f| view! { <li>{f.describe()}</li> })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The kinds of evidence as `<option>`s.
#[component]
pub fn KindOptions(#[prop(into)] selected: String) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_empty()>
            "Choose a kind"
        </option>
        {EvidenceKind::ALL
            .into_iter()
            .map(|k| {
                view! {
                    <option value=k.as_str() selected=selected == k.as_str()>
                        {k.label()}
                    </option>
                }
            })
            .collect_view()}
    }
}

/// Checkboxes for the criteria an item shows, one group per domain.
#[component]
pub fn CriteriaChoice(
    framework: Framework,
    selected: Vec<String>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <div class="form-group" class:form-group--error=has_error>
            <fieldset class="fieldset" id="criteria" aria-describedby="criteria-hint">
                <legend class="fieldset__legend">"Which criteria does it show?"</legend>
                <div class="hint" id="criteria-hint">
                    "One piece of evidence can show several criteria. Choose all that apply."
                </div>
                {error
                    .map(|m| {
                        view! {
                            <p class="error-message">
                                <span class="visually-hidden">"Error: "</span>
                                {m}
                            </p>
                        }
                    })}
                {framework
                    .domains
                    .iter()
                    .map(|d| {
                        let open = d.criteria.iter().any(|c| selected.contains(&c.id));
                        view! {
                            <details class="details criteria-choice" open=open>
                                <summary class="details__summary">
                                    "Domain " {d.number} ": " {d.title.clone()}
                                </summary>
                                <div class="checkboxes">
                                    {d
                                        .criteria
                                        .iter()
                                        .map(|c| {
                                            let id = format!("criterion-{}", c.id.replace('.', "-"));
                                            view! {
                                                <div class="checkboxes__item">
                                                    <input
                                                        class="checkboxes__input"
                                                        type="checkbox"
                                                        id=id.clone()
                                                        name="criteria[]"
                                                        value=c.id.clone()
                                                        checked=selected.contains(&c.id)
                                                    />
                                                    <label class="checkboxes__label" for=id>
                                                        <span class="criterion__id">{c.id.clone()}</span>
                                                        " "
                                                        {c.statement.clone()}
                                                    </label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            </details>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </div>
    }
}

/// Items per domain, with a warning where there are more than the toolkit's 5.
#[component]
pub fn EvidenceCounts(
    counts: Vec<DomainEvidenceCount>,
    portfolio_id: i32,
    /// Without links to the library (for those who may not open it).
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    view! {
        <table class="table evidence-counts">
            <caption class="table__caption">"Evidence per domain"</caption>
            <thead>
                <tr>
                    <th scope="col">"Domain"</th>
                    <th scope="col">"Items"</th>
                </tr>
            </thead>
            <tbody>
                {counts
                    .into_iter()
                    .map(|c| {
                        let over = c.over_guideline();
                        view! {
                            <tr class:evidence-counts--over=over>
                                <td>
                                    {if plain {
                                        view! { <span>"Domain " {c.number} ": " {c.title.clone()}</span> }
                                            .into_any()
                                    } else {
                                        view! {
                                            <a href=format!(
                                                "/portfolios/{portfolio_id}/evidence?domain={}",
                                                c.number,
                                            )>"Domain " {c.number} ": " {c.title.clone()}</a>
                                        }
                                            .into_any()
                                    }}
                                </td>
                                <td data-domain-count=c.number>
                                    {if over {
                                        view! {
                                            <strong class="warning-text">
                                                <span class="warning-text__icon" aria-hidden="true">
                                                    "!"
                                                </span>
                                                {c.summary()}
                                            </strong>
                                        }
                                            .into_any()
                                    } else {
                                        view! { <span>{c.summary()}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The guideline for one domain, as a sentence for the domain page.
#[component]
pub fn DomainEvidenceNote(count: DomainEvidenceCount, portfolio_id: i32) -> impl IntoView {
    let over = count.over_guideline();
    let href = format!(
        "/portfolios/{portfolio_id}/evidence?domain={}",
        count.number
    );
    view! {
        <p class="body" class:warning-text=over data-domain-count=count.number>
            "Evidence for this domain: "
            <a href=href>{count.summary()}</a>
        </p>
    }
}
