//! One PEP meeting: its details, the duties before it, when its ePEP is to
//! be finalised and was; and the page to record a new one.

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::{format_date, id_param, query};
use super::StatusTag;
use super::pep_form::PepFields;
use crate::api::duties::{
    AddPep, ChangePep, DeletePep, FinalisePep, PepPage, SetPepDuties, get_pep,
};
use crate::calendar::DateParts;
use crate::components::csrf::CsrfField;
use crate::components::forms::{DateInput, ErrorMessage, ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::pages::data::page_data;
use crate::pep::{FINALISE_WITHIN, format_pounds, year_group_label};

#[component]
pub fn NewPepPage() -> impl IntoView {
    let school_id = id_param("school_id");
    let add = ServerAction::<AddPep>::new();
    let errors = action_error(add);
    view! {
        <Title text="Record a PEP meeting" />
        <ErrorSummary error=errors />
        <a class="back-link" href=move || format!("/schools/{}/peps", school_id.get().unwrap_or(0))>
            "PEP meetings"
        </a>
        <h1 class="heading-l">"Record a PEP meeting"</h1>
        <p class="body">
            {format!(
                "The ePEP is to be finalised within {FINALISE_WITHIN} school days of the meeting: the deadline is worked out from your school’s calendar.",
            )}
        </p>
        <ActionForm action=add>
            <CsrfField />
            <input type="hidden" name="school_id" value=move || school_id.get().unwrap_or(0) />
            <PepFields error=errors />
            <button type="submit" class="button">
                "Record the meeting"
            </button>
        </ActionForm>
    }
}

#[component]
pub fn PepPageView() -> impl IntoView {
    let pep_id = id_param("pep_id");
    let duties = ServerAction::<SetPepDuties>::new();
    let finalise = ServerAction::<FinalisePep>::new();
    let change = ServerAction::<ChangePep>::new();
    let delete = ServerAction::<DeletePep>::new();
    let saved = query("saved");
    let data = page_data(
        move || {
            (
                pep_id.get(),
                saved.get(),
                duties.version().get(),
                finalise.version().get(),
                change.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_pep(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let errors = Signal::derive(move || {
        action_error(duties)
            .get()
            .or_else(|| action_error(finalise).get())
            .or_else(|| action_error(change).get())
            .or_else(|| action_error(delete).get())
    });
    view! {
        <Title text="PEP meeting" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        view! { <Pep page duties finalise change delete errors /> }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Pep(
    page: PepPage,
    duties: ServerAction<SetPepDuties>,
    finalise: ServerAction<FinalisePep>,
    change: ServerAction<ChangePep>,
    delete: ServerAction<DeletePep>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let saved = query("saved");
    let p = page.pep.clone();
    let school_id = page.school.id;
    let change_error = action_error(change);
    let finalised_value = DateParts::of(p.finalised_on.unwrap_or(page.today));
    view! {
        <ErrorSummary error=errors />
        {move || {
            let message = match saved.get().as_deref() {
                Some("duties") => "Duties saved.",
                Some("finalised") => "The ePEP is recorded as finalised.",
                _ => return None,
            };
            errors
                .get()
                .is_none()
                .then(|| {
                    view! {
                        <div class="notice notice--success" role="status">
                            {message}
                        </div>
                    }
                })
        }}
        <a class="back-link" href=format!("/schools/{school_id}/peps")>
            "PEP meetings"
        </a>
        <span class="caption">{page.school.name.clone()}</span>
        <h1 class="heading-l">{format!("PEP meeting: {}", p.pupil_ref)}</h1>
        <p class="body">
            <StatusTag status=p.status />
        </p>
        <dl class="summary-list">
            <Row label="Pupil reference" value=p.pupil_ref.clone() />
            <Row label="Looked after" value=p.care_status.label().to_string() />
            <Row label="Year group" value=year_group_label(p.year_group) />
            <Row label="Placing authority" value=p.placing_authority.clone() />
            <Row label="Meeting" value=format_date(Some(p.meeting_date)) />
            <Row label="Chaired by" value=p.chaired_by.clone() />
            <Row
                label="ePEP to be finalised by"
                value=match p.deadline {
                    Some(d) => {
                        format!(
                            "{} ({FINALISE_WITHIN} school days after the meeting)",
                            format_date(Some(d)),
                        )
                    }
                    None => "Your school calendar has no school days after the meeting".into(),
                }
            />
            <Row
                label="ePEP finalised"
                value=p.finalised_on.map_or_else(|| "Not yet".to_string(), |d| format_date(Some(d)))
            />
        </dl>

        <h2 class="heading-m">"Before the meeting"</h2>
        <ActionForm action=duties>
            <CsrfField />
            <input type="hidden" name="pep_id" value=p.id />
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"Which duties are done?"</legend>
                <div class="hint">
                    "A duty you tick is dated today; one ticked before keeps its date."
                </div>
                <div class="checkboxes">
                    {p
                        .duties
                        .iter()
                        .map(|(duty, on)| {
                            let id = duty.as_str();
                            let hint_id = format!("{id}-hint");
                            let hint = match on {
                                Some(d) => {
                                    format!("Done on {}. {}", format_date(Some(*d)), duty.hint())
                                }
                                None => duty.hint().to_string(),
                            };
                            view! {
                                <div class="checkboxes__item">
                                    <input
                                        class="checkboxes__input"
                                        type="checkbox"
                                        id=id
                                        name=id
                                        value="on"
                                        checked=on.is_some()
                                        aria-describedby=hint_id.clone()
                                    />
                                    <div>
                                        <label class="label checkboxes__label" for=id>
                                            {duty.label()}
                                        </label>
                                        <div class="hint checkboxes__hint" id=hint_id>
                                            {hint}
                                        </div>
                                    </div>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <Amount value=p.ppp_amount_pence error=errors />
            <button type="submit" class="button">
                "Save duties"
            </button>
        </ActionForm>

        <h2 class="heading-m">"Finalising the ePEP"</h2>
        <ActionForm action=finalise>
            <CsrfField />
            <input type="hidden" name="pep_id" value=p.id />
            <DateInput
                name="finalised_on"
                legend="Date the ePEP was finalised"
                hint="For example, 27 11 2026"
                value=finalised_value
                error=errors
            />
            <button type="submit" class="button">
                {if p.finalised_on.is_some() { "Change the date" } else { "Record as finalised" }}
            </button>
        </ActionForm>

        <details class="details" open=move || change_error.get().is_some()>
            <summary class="details__summary">"Change the meeting’s details"</summary>
            <div class="details__text">
                <ActionForm action=change>
                    <CsrfField />
                    <input type="hidden" name="pep_id" value=p.id />
                    <PepFields pep=page.pep.clone() error=change_error />
                    <button type="submit" class="button button--secondary">
                        "Save changes"
                    </button>
                </ActionForm>
            </div>
        </details>
        <details class="details">
            <summary class="details__summary">"Delete this PEP meeting"</summary>
            <div class="details__text">
                <p class="body">
                    "Delete it if it was recorded by mistake. It leaves the school’s figures."
                </p>
                <ActionForm action=delete>
                    <CsrfField />
                    <input type="hidden" name="pep_id" value=p.id />
                    <button type="submit" class="button button--warning">
                        "Yes, delete this PEP meeting"
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

#[component]
fn Row(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="summary-list__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
        </div>
    }
}

#[component]
fn Amount(value: Option<i64>, error: Signal<Option<AppError>>) -> impl IntoView {
    let message = Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.field("ppp_amount").map(str::to_string))
    });
    let typed = value
        .map(|p| format_pounds(p).trim_start_matches('£').to_string())
        .unwrap_or_default();
    view! {
        <div class="form-group" class:form-group--error=move || message.get().is_some()>
            <label class="label" for="ppp_amount">
                "PP+ amount costed (optional)"
            </label>
            <div class="hint" id="ppp_amount-hint">
                "In pounds, for the interventions that might need Pupil Premium Plus"
            </div>
            <ErrorMessage id="ppp_amount-error" message=message />
            <div class="input-prefix">
                <span class="input-prefix__symbol" aria-hidden="true">
                    "£"
                </span>
                <input
                    class="input input--width-10"
                    class:input--error=move || message.get().is_some()
                    id="ppp_amount"
                    name="ppp_amount"
                    type="text"
                    inputmode="decimal"
                    spellcheck="false"
                    value=typed.clone()
                    prop:value=typed
                    aria-describedby=move || {
                        if message.get().is_some() {
                            "ppp_amount-hint ppp_amount-error"
                        } else {
                            "ppp_amount-hint"
                        }
                    }
                />
            </div>
        </div>
    }
}
