//! The PEP meeting's details, as one form for recording and changing.

use leptos::prelude::*;

use crate::calendar::DateParts;
use crate::components::forms::{DateInput, ErrorMessage, TextField};
use crate::error::AppError;
use crate::model::PepRow;
use crate::pep::{CareStatus, REFERENCE_HINT, YEAR_GROUPS, year_group_label};

/// The fields (inside the caller's `ActionForm`), filled from `pep` when
/// changing one.
#[component]
pub fn PepFields(
    #[prop(optional)] pep: Option<PepRow>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let care = pep.as_ref().map(|p| p.care_status);
    let year = pep.as_ref().map(|p| p.year_group);
    let field_error = move |name: &'static str| {
        Signal::derive(move || error.get().and_then(|e| e.field(name).map(str::to_string)))
    };
    let care_error = field_error("care_status");
    let year_error = field_error("year_group");
    let warned = move || {
        error.get().is_some_and(|e| {
            e.field_errors()
                .iter()
                .any(|f| f.message.contains("It does not identify anyone"))
        })
    };
    view! {
        <TextField
            name="pupil_ref"
            label="Pupil reference"
            hint=REFERENCE_HINT
            value=pep.as_ref().map(|p| p.pupil_ref.clone()).unwrap_or_default()
            error
            width="input--width-10"
        />
        <div class="form-group" class:form-group--error=move || care_error.get().is_some()>
            <fieldset
                class="fieldset"
                aria-describedby=move || care_error.get().is_some().then_some("care_status-error")
            >
                <legend class="fieldset__legend">"Is the pupil looked after now?"</legend>
                <ErrorMessage id="care_status-error" message=care_error />
                <div class="radios">
                    {CareStatus::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let id = if i == 0 {
                                "care_status".to_string()
                            } else {
                                format!("care_status-{}", c.as_str())
                            };
                            view! {
                                <div class="radios__item">
                                    <input
                                        class="radios__input"
                                        id=id.clone()
                                        type="radio"
                                        name="care_status"
                                        value=c.as_str()
                                        checked=care == Some(c)
                                    />
                                    <label class="label radios__label" for=id>
                                        {c.label()}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
        <div class="form-group" class:form-group--error=move || year_error.get().is_some()>
            <label class="label" for="year_group">
                "Year group"
            </label>
            <ErrorMessage id="year_group-error" message=year_error />
            <select
                class="select"
                class:select--error=move || year_error.get().is_some()
                id="year_group"
                name="year_group"
                aria-describedby=move || year_error.get().is_some().then_some("year_group-error")
            >
                <option value="" selected=year.is_none()>
                    "Select a year group"
                </option>
                {YEAR_GROUPS
                    .map(|y| {
                        view! {
                            <option value=y.to_string() selected=year == Some(y)>
                                {year_group_label(y)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <TextField
            name="placing_authority"
            label="Placing authority"
            hint="The local authority that looks after the pupil, or did"
            value=pep.as_ref().map(|p| p.placing_authority.clone()).unwrap_or_default()
            error
            width="input--width-20"
        />
        <DateInput
            name="meeting_date"
            legend="Date of the PEP meeting"
            hint="For example, 12 2 2027"
            value=pep.as_ref().map(|p| DateParts::of(p.meeting_date)).unwrap_or_default()
            error
        />
        <TextField
            name="chaired_by"
            label="Chaired by"
            hint="A role, for example Designated Teacher"
            value=pep.as_ref().map(|p| p.chaired_by.clone()).unwrap_or_default()
            error
            width="input--width-20"
        />
        {move || {
            warned()
                .then(|| {
                    view! {
                        <div class="checkboxes">
                            <div class="checkboxes__item">
                                <input
                                    class="checkboxes__input"
                                    type="checkbox"
                                    id="keep_identifiers"
                                    name="keep_identifiers"
                                    value="yes"
                                />
                                <label class="label checkboxes__label" for="keep_identifiers">
                                    "It does not identify anyone"
                                </label>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
