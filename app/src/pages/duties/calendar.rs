//! The school's calendar: the year as terms, with the school days in each,
//! and the school's own closure (INSET) days, which the coordinator adds.

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::{format_date, id_param, query};
use super::{date_span, plural_days};
use crate::api::duties::{AddClosure, RemoveClosure, get_calendar_page};
use crate::components::csrf::CsrfField;
use crate::components::forms::{DateInput, ErrorSummary, TextField, action_error};
use crate::components::layout::TableScroll;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{CalendarPage, CalendarYear, ClosureRow};
use crate::pages::data::page_data;

#[component]
pub fn CalendarPageView() -> impl IntoView {
    let school_id = id_param("school_id");
    let add = ServerAction::<AddClosure>::new();
    let remove = ServerAction::<RemoveClosure>::new();
    let data = page_data(
        move || (school_id.get(), add.version().get(), remove.version().get()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_calendar_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let errors = Signal::derive(move || {
        action_error(add)
            .get()
            .or_else(|| action_error(remove).get())
    });
    view! {
        <Title text="School calendar" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Calendar page add remove errors /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Calendar(
    page: CalendarPage,
    add: ServerAction<AddClosure>,
    remove: ServerAction<RemoveClosure>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let school_id = page.school.id;
    let added = query("added");
    let source = match &page.term_dates {
        Some(title) => format!(
            "Term dates: {title}. Add the days your school is closed when other schools are open, such as INSET days."
        ),
        None => format!(
            "This service has no term dates for {}. Only weekends, bank holidays and the closure days below are skipped: add your school’s holidays as closure days.",
            page.school.authority_name
        ),
    };
    view! {
        <ErrorSummary error=errors />
        {move || {
            (added.get().is_some() && errors.get().is_none())
                .then(|| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "Closure added. PEP deadlines now skip it."
                        </div>
                    }
                })
        }}
        <span class="caption">{page.school.name.clone()}</span>
        <h1 class="heading-l">"School calendar"</h1>
        <p class="body">
            "A PEP’s ePEP is finalised within 5 school days of the meeting. School days are the days your pupils attend: weekends, bank holidays, holidays between terms and your closure days are not counted."
        </p>
        <p class="body">{source}</p>
        <p class="body">
            <a href=format!("/schools/{school_id}/peps")>"PEP meetings"</a>
        </p>
        {page.years.into_iter().map(|year| view! { <Year year /> }).collect_view()}
        <h2 class="heading-m">"Closure days"</h2>
        <Closures closures=page.closures.clone() school_id can_manage=page.can_manage remove />
        {page.can_manage.then(|| view! { <AddClosureForm school_id add errors /> })}
    }
}

#[component]
fn Year(year: CalendarYear) -> impl IntoView {
    let caption = format!("Terms in {}", year.label);
    let region = caption.clone();
    view! {
        <h2 class="heading-m">{format!("School year {}", year.label)}</h2>
        {if year.terms.is_empty() {
            view! {
                <p class="body">
                    "No term dates for this year yet: every weekday that is not a bank holiday or a closure day counts as a school day."
                </p>
            }
                .into_any()
        } else {
            view! {
                <TableScroll label=region>
                    <table class="table">
                        <caption class="table__caption visually-hidden">{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Term"</th>
                                <th scope="col">"First day"</th>
                                <th scope="col">"Last day"</th>
                                <th scope="col" class="numeric">
                                    "School days"
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {year
                                .terms
                                .into_iter()
                                .map(|t| {
                                    view! {
                                        <tr>
                                            <th scope="row">{t.name}</th>
                                            <td>{format_date(Some(t.first))}</td>
                                            <td>{format_date(Some(t.last))}</td>
                                            <td class="numeric">{t.school_days}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            }
                .into_any()
        }}
        <p class="body">{format!("{} in the year.", plural_days(year.school_days))}</p>
        {(!year.bank_holidays.is_empty())
            .then(|| {
                view! {
                    <details class="details">
                        <summary class="details__summary">
                            {format!("Bank holidays in {}", year.label)}
                        </summary>
                        <div class="details__text">
                            <ul class="list">
                                {year
                                    .bank_holidays
                                    .into_iter()
                                    .map(|(d, name)| {
                                        view! {
                                            <li>{format!("{}: {name}", format_date(Some(d)))}</li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    </details>
                }
            })}
    }
}

#[component]
fn Closures(
    closures: Vec<ClosureRow>,
    school_id: i32,
    can_manage: bool,
    remove: ServerAction<RemoveClosure>,
) -> impl IntoView {
    if closures.is_empty() {
        return view! { <p class="body">"No closure days added."</p> }.into_any();
    }
    view! {
        <TableScroll label="Closure days">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Dates"</th>
                        <th scope="col">"Reason"</th>
                        {can_manage.then(|| view! { <th scope="col">"Remove"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {closures
                        .into_iter()
                        .map(|c| {
                            let dates = date_span(c.first, c.last);
                            let hidden = format!(" the closure on {dates}");
                            view! {
                                <tr>
                                    <td>{dates.clone()}</td>
                                    <td>{c.reason.clone()}</td>
                                    {can_manage
                                        .then(|| {
                                            view! {
                                                <td>
                                                    <ActionForm action=remove>
                                                        <CsrfField />
                                                        <input type="hidden" name="school_id" value=school_id />
                                                        <input type="hidden" name="closure_id" value=c.id />
                                                        <button type="submit" class="link-button">
                                                            "Remove"
                                                            <span class="visually-hidden">{hidden}</span>
                                                        </button>
                                                    </ActionForm>
                                                </td>
                                            }
                                        })}
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

#[component]
fn AddClosureForm(
    school_id: i32,
    add: ServerAction<AddClosure>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <h2 class="heading-m">"Add a closure day"</h2>
        <ActionForm action=add>
            <CsrfField />
            <input type="hidden" name="school_id" value=school_id />
            <DateInput
                name="first"
                legend="First day closed"
                hint="For example, 2 11 2026"
                error=errors
            />
            <DateInput
                name="last"
                legend="Last day closed (if more than one day)"
                hint="Leave empty for a single day"
                error=errors
            />
            <TextField
                name="reason"
                label="Reason"
                hint="For example, INSET day or polling station"
                error=errors
                width="input--width-20"
            />
            <button type="submit" class="button">
                "Add closure"
            </button>
        </ActionForm>
    }
}
