//! The DT self-audit's action plan: each expectation not yet in place, with
//! its actions (what, who, by when, done) and a form to add one.

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::{format_date, id_param};
use crate::api::duties::{AddAction, RemoveAction, SetActionDone, get_action_plan};
use crate::components::csrf::CsrfField;
use crate::components::forms::{DateInput, ErrorMessage, ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{ActionPlan, ActionRow, PlanItem, StaffMember};
use crate::pages::data::page_data;

#[component]
pub fn ActionPlanPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let add = ServerAction::<AddAction>::new();
    let done = ServerAction::<SetActionDone>::new();
    let remove = ServerAction::<RemoveAction>::new();
    let data = page_data(
        move || {
            (
                portfolio_id.get(),
                add.version().get(),
                done.version().get(),
                remove.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_action_plan(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let errors = Signal::derive(move || {
        action_error(add)
            .get()
            .or_else(|| action_error(done).get())
            .or_else(|| action_error(remove).get())
    });
    view! {
        <Title text="Action plan" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(plan) => view! { <Plan plan add done remove errors /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Plan(
    plan: ActionPlan,
    add: ServerAction<AddAction>,
    done: ServerAction<SetActionDone>,
    remove: ServerAction<RemoveAction>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let portfolio_id = plan.portfolio_id;
    let can_edit = plan.can_edit;
    let staff = plan.staff.clone();
    view! {
        <ErrorSummary error=errors />
        <span class="caption">{plan.school.name.clone()}</span>
        <h1 class="heading-l">"Action plan"</h1>
        <p class="body">
            {format!(
                "{}: {}. Each expectation not yet in place gets actions: what will be done, by whom and by when.",
                plan.framework_title,
                plan.standing.describe(),
            )}
        </p>
        <p class="body">
            <a href=format!(
                "/portfolios/{portfolio_id}",
            )>"The self-audit: where we are on each expectation"</a>
        </p>
        {if plan.items.is_empty() {
            view! { <p class="body">"Every expectation is in place."</p> }.into_any()
        } else {
            plan.items
                .into_iter()
                .map(|item| {
                    view! {
                        <Item
                            item
                            portfolio_id
                            can_edit
                            staff=staff.clone()
                            add
                            done
                            remove
                            errors
                        />
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}

#[allow(clippy::too_many_arguments)]
#[component]
fn Item(
    item: PlanItem,
    portfolio_id: i32,
    can_edit: bool,
    staff: Vec<StaffMember>,
    add: ServerAction<AddAction>,
    done: ServerAction<SetActionDone>,
    remove: ServerAction<RemoveAction>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let heading_id = format!("expectation-{}", item.criterion_id);
    let labelled_by = heading_id.clone();
    let criterion = item.criterion_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 class="heading-m" id=heading_id>
                {format!("{} {}", item.criterion_id, item.statement)}
            </h2>
            <p class="body">
                <strong class="tag tag--grey">{item.standing.clone()}</strong>
            </p>
            {if item.actions.is_empty() {
                view! { <p class="body">"No actions yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {item
                            .actions
                            .into_iter()
                            .map(|a| view! { <Action a portfolio_id can_edit done remove /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {can_edit
                .then(|| {
                    view! { <AddActionForm criterion portfolio_id staff add errors /> }
                })}
        </section>
    }
}

#[component]
fn Action(
    a: ActionRow,
    portfolio_id: i32,
    can_edit: bool,
    done: ServerAction<SetActionDone>,
    remove: ServerAction<RemoveAction>,
) -> impl IntoView {
    let state = match (a.done_on, a.overdue) {
        (Some(on), _) => view! {
            <strong class="tag tag--green">"Done"</strong>
            {format!(" {}", format_date(Some(on)))}
        }
        .into_any(),
        (None, true) => view! { <strong class="tag tag--red">"Overdue"</strong> }.into_any(),
        (None, false) => view! { <strong class="tag tag--blue">"To do"</strong> }.into_any(),
    };
    let what = a.what.clone();
    let is_done = a.done_on.is_some();
    view! {
        <li class="summary-card">
            <div class="summary-card__content">
                <p class="body">{a.what.clone()}</p>
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt>"Who"</dt>
                        <dd>{a.owner.clone().unwrap_or_else(|| "Not given".into())}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt>"By when"</dt>
                        <dd>{format_date(a.due)}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt>"Done"</dt>
                        <dd>{state}</dd>
                    </div>
                </dl>
                {can_edit
                    .then(|| {
                        let what2 = what.clone();
                        view! {
                            <div class="button-group">
                                <ActionForm action=done>
                                    <CsrfField />
                                    <input type="hidden" name="portfolio_id" value=portfolio_id />
                                    <input type="hidden" name="action_id" value=a.id />
                                    <input
                                        type="hidden"
                                        name="done"
                                        value=if is_done { "no" } else { "yes" }
                                    />
                                    <button
                                        type="submit"
                                        class="button button--secondary button--small"
                                    >
                                        {if is_done { "Mark as not done" } else { "Mark as done" }}
                                        <span class="visually-hidden">{format!(": {what}")}</span>
                                    </button>
                                </ActionForm>
                                <ActionForm action=remove>
                                    <CsrfField />
                                    <input type="hidden" name="portfolio_id" value=portfolio_id />
                                    <input type="hidden" name="action_id" value=a.id />
                                    <button type="submit" class="link-button">
                                        "Remove"
                                        <span class="visually-hidden">
                                            {format!(" the action: {what2}")}
                                        </span>
                                    </button>
                                </ActionForm>
                            </div>
                        }
                    })}
            </div>
        </li>
    }
}

#[component]
fn AddActionForm(
    criterion: String,
    portfolio_id: i32,
    staff: Vec<StaffMember>,
    add: ServerAction<AddAction>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let what_id = format!("what-{criterion}");
    let owner_id = format!("owner-{criterion}");
    let due_field = format!("due-{criterion}");
    let message = {
        let what_id = what_id.clone();
        Signal::derive(move || error_for(errors, &what_id))
    };
    let owner_message = {
        let owner_id = owner_id.clone();
        Signal::derive(move || error_for(errors, &owner_id))
    };
    let due_message = {
        let due_field = due_field.clone();
        Signal::derive(move || error_for(errors, &due_field))
    };
    let (what_error_id, owner_error_id) = (format!("{what_id}-error"), format!("{owner_id}-error"));
    let (what_error_id_for_input, owner_error_id_for_input) =
        (what_error_id.clone(), owner_error_id.clone());
    view! {
        <details class="details" open=move || {
            message.get().is_some() || owner_message.get().is_some() || due_message.get().is_some()
        }>
            <summary class="details__summary">
                "Add an action" <span class="visually-hidden">{format!(" for {criterion}")}</span>
            </summary>
            <div class="details__text">
                <ActionForm action=add>
                    <CsrfField />
                    <input type="hidden" name="portfolio_id" value=portfolio_id />
                    <input type="hidden" name="criterion_id" value=criterion.clone() />
                    <div class="form-group" class:form-group--error=move || message.get().is_some()>
                        <label class="label" for=what_id.clone()>
                            "What will be done"
                        </label>
                        <ErrorMessage id=what_error_id.clone() message=message />
                        <textarea
                            class="textarea"
                            class:textarea--error=move || message.get().is_some()
                            id=what_id.clone()
                            name="what"
                            rows="2"
                            aria-describedby={
                                let id = what_error_id_for_input.clone();
                                move || message.get().is_some().then(|| id.clone())
                            }
                        ></textarea>
                    </div>
                    <div class="form-group" class:form-group--error=move || owner_message.get().is_some()>
                        <label class="label" for=owner_id.clone()>
                            "Who (optional)"
                        </label>
                        <ErrorMessage id=owner_error_id.clone() message=owner_message />
                        <select
                            class="select"
                            id=owner_id.clone()
                            name="owner"
                            aria-describedby={
                                let id = owner_error_id_for_input.clone();
                                move || owner_message.get().is_some().then(|| id.clone())
                            }
                        >
                            <option value="">"Nobody yet"</option>
                            {staff
                                .into_iter()
                                .map(|s| view! { <option value=s.id.to_string()>{s.name}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <DateInput
                        name="due"
                        field=due_field
                        legend="By when (optional)"
                        hint="For example, 27 3 2027"
                        error=errors
                    />
                    <button type="submit" class="button button--secondary">
                        "Add action"
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

fn error_for(errors: Signal<Option<AppError>>, field: &str) -> Option<String> {
    errors
        .get()
        .and_then(|e| e.field(field).map(str::to_string))
}
