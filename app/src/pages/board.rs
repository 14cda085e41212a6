//! The Assessment Board: the authority's calendar of meetings (with a form
//! to add one), and a meeting's page with its agenda.

use leptos::prelude::*;

use crate::components::layout::TableScroll;
use leptos_meta::Title;

use super::{format_date, id_param, query};
use crate::api::award::MoveToMeeting;
use crate::api::board::{AddMeeting, ChangeMeeting, get_board, get_meeting};
use crate::components::csrf::CsrfField;
use crate::components::forms::{DateInput, ErrorSummary, TextField, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{AgendaItem, BoardCalendar, Meeting, MeetingPage, MeetingRef};
use crate::pages::data::page_data;

#[component]
pub fn BoardPage() -> impl IntoView {
    let authority_id = id_param("authority_id");
    let added = query("added");
    let data = page_data(
        move || (authority_id.get(), added.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_board(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(board) => view! { <Calendar board /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Calendar(board: BoardCalendar) -> impl IntoView {
    let added = query("added");
    let today = board.today;
    let (coming, past): (Vec<Meeting>, Vec<Meeting>) = board
        .meetings
        .into_iter()
        .partition(|m| m.meets_on >= today);
    let id = board.authority_id;
    view! {
        <Title text="Board meetings" />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/authorities/{id}")>{board.authority_name.clone()}</a>
                </li>
            </ol>
        </nav>
        <h1 class="heading-l">"Assessment Board meetings"</h1>
        {move || {
            added
                .get()
                .map(|_| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "The meeting has been added."
                        </div>
                    }
                })
        }}
        <p class="body">
            "The board meets three times a year to decide on submitted portfolios. A portfolio joins the next meeting's agenda when the school submits it."
        </p>
        <h2 class="heading-m">"Coming meetings"</h2>
        <MeetingTable
            meetings=coming
            empty="No meeting is planned. Add the next one below."
            label="Coming meetings"
        />
        {(!board.waiting.is_empty())
            .then(|| {
                view! {
                    <div class="notice notice--important" role="note">
                        <p class="body">
                            {format!(
                                "{} submitted {} on no agenda: add a meeting and {} join it.",
                                board.waiting.len(),
                                if board.waiting.len() == 1 {
                                    "portfolio is"
                                } else {
                                    "portfolios are"
                                },
                                if board.waiting.len() == 1 { "it will" } else { "they will" },
                            )}
                        </p>
                        <ul class="list">
                            {board
                                .waiting
                                .iter()
                                .map(|s| view! { <li>{s.name.clone()}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
            })}
        <AddMeetingForm authority_id=id />
        <h2 class="heading-m">"Past meetings"</h2>
        <MeetingTable meetings=past empty="No meetings yet." label="Past meetings" />
    }
}

#[component]
fn MeetingTable(meetings: Vec<Meeting>, empty: &'static str, label: &'static str) -> impl IntoView {
    if meetings.is_empty() {
        return view! { <p class="body">{empty}</p> }.into_any();
    }
    view! {
        <TableScroll label>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Place"</th>
                        <th scope="col" class="numeric">
                            "On the agenda"
                        </th>
                        <th scope="col" class="numeric">
                            "Decided"
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {meetings
                        .into_iter()
                        .map(|m| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!(
                                            "/meetings/{}",
                                            m.id,
                                        )>{format_date(Some(m.meets_on))}</a>
                                    </th>
                                    <td>{m.place.clone()}</td>
                                    <td class="numeric">{m.on_agenda}</td>
                                    <td class="numeric">{m.decided}</td>
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
fn AddMeetingForm(authority_id: i32) -> impl IntoView {
    let action = ServerAction::<AddMeeting>::new();
    let error = action_error(action);
    view! {
        <div class="narrow">
            <h2 class="heading-m">"Add a meeting"</h2>
            <ErrorSummary error />
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="authority_id" value=authority_id />
                <MeetingFields error meeting=None />
                <button type="submit" class="button">
                    "Add the meeting"
                </button>
            </ActionForm>
        </div>
    }
}

/// The date, place and notes of a meeting, for adding or changing it.
#[component]
fn MeetingFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    meeting: Option<Meeting>,
) -> impl IntoView {
    let date = meeting
        .as_ref()
        .map(|m| crate::calendar::DateParts::of(m.meets_on))
        .unwrap_or_default();
    let place = meeting
        .as_ref()
        .map(|m| m.place.clone())
        .unwrap_or_default();
    let notes = meeting.map(|m| m.notes).unwrap_or_default();
    let notes_error = move || {
        error
            .get()
            .and_then(|e| e.field("notes").map(str::to_string))
    };
    view! {
        <DateInput name="meets_on" legend="Date of the meeting" hint="For example, 11 2 2027" value=date error />
        <TextField
            name="place"
            label="Place"
            hint="Where the board meets, or that it meets online"
            value=place
            error
        />
        <div class="form-group" class:form-group--error=move || notes_error().is_some()>
            <label class="label" for="notes">
                "Notes (optional)"
            </label>
            {move || {
                notes_error()
                    .map(|m| {
                        view! {
                            <p class="error-message" id="notes-error">
                                <span class="visually-hidden">"Error: "</span>
                                {m}
                            </p>
                        }
                    })
            }}
            <textarea class="textarea" id="notes" name="notes" rows="3">
                {notes}
            </textarea>
        </div>
    }
}

#[component]
pub fn MeetingPageView() -> impl IntoView {
    let meeting_id = id_param("meeting_id");
    let saved = query("saved");
    let moved = query("moved");
    let decided = query("decided");
    let data = page_data(
        move || (meeting_id.get(), saved.get(), moved.get(), decided.get()),
        |(id, ..)| async move {
            match id {
                Some(id) => get_meeting(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <MeetingView page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MeetingView(page: MeetingPage) -> impl IntoView {
    let saved = query("saved");
    let moved = query("moved");
    let decided = query("decided");
    let m = page.meeting.clone();
    let title = format!("Board meeting, {}", format_date(Some(m.meets_on)));
    let change = ServerAction::<ChangeMeeting>::new();
    let change_error = action_error(change);
    let others = page.others.clone();
    view! {
        <Title text=title.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!(
                        "/authorities/{}",
                        page.authority_id,
                    )>{page.authority_name.clone()}</a>
                </li>
                <li>
                    <a href=format!("/authorities/{}/board", page.authority_id)>"Board meetings"</a>
                </li>
            </ol>
        </nav>
        <h1 class="heading-l">{title}</h1>
        {move || {
            let message = if saved.get().is_some() {
                Some("The meeting has been changed.")
            } else if moved.get().is_some() {
                Some("The portfolio has been moved to this meeting's agenda.")
            } else if decided.get().is_some() {
                Some("The decision has been recorded. The school can read it and the feedback now.")
            } else {
                None
            };
            message
                .map(|text| {
                    view! {
                        <div class="notice notice--success" role="status">
                            {text}
                        </div>
                    }
                })
        }}
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Place"</dt>
                <dd>
                    {if m.place.is_empty() { "Not given".to_string() } else { m.place.clone() }}
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>"Notes"</dt>
                <dd>{if m.notes.is_empty() { "None".to_string() } else { m.notes.clone() }}</dd>
            </div>
        </dl>
        <details class="details">
            <summary class="details__summary">"Change the date, place or notes"</summary>
            <div class="details__text narrow">
                <ErrorSummary error=change_error />
                <ActionForm action=change>
                    <CsrfField />
                    <input type="hidden" name="meeting_id" value=m.id />
                    <MeetingFields error=change_error meeting=Some(m.clone()) />
                    <button type="submit" class="button button--secondary">
                        "Save the meeting"
                    </button>
                </ActionForm>
            </div>
        </details>
        <h2 class="heading-m">"Agenda"</h2>
        {if page.agenda.is_empty() {
            view! { <p class="body">"Nothing is on this meeting's agenda yet."</p> }.into_any()
        } else {
            page.agenda
                .into_iter()
                .map(|item| view! { <AgendaEntry item others=others.clone() /> })
                .collect_view()
                .into_any()
        }}
    }
}

#[component]
fn AgendaEntry(item: AgendaItem, others: Vec<MeetingRef>) -> impl IntoView {
    let heading_id = format!("agenda-{}", item.portfolio_id);
    let labelled = heading_id.clone();
    let evidence = item
        .evidence
        .iter()
        .map(|d| format!("Domain {}: {}", d.number, d.items))
        .collect::<Vec<_>>()
        .join(" · ");
    let undecided = item.decision.is_none();
    let pid = item.portfolio_id;
    view! {
        <section class="card" aria-labelledby=labelled>
            <h3 class="heading-s" id=heading_id>
                {item.school_name.clone()}
            </h3>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>"Submitted"</dt>
                    <dd>
                        {format_date(Some(item.submitted_on))}
                        {(item.round > 1).then(|| format!(" (submission {})", item.round))}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Self-assessed level"</dt>
                    <dd>{item.self_assessed.clone()}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Evidence per domain"</dt>
                    <dd>{evidence}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Review"</dt>
                    <dd>
                        {format!(
                            "Feedback written for {} of {} domains",
                            item.reviewed_domains,
                            item.domains,
                        )}
                    </dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Decision"</dt>
                    <dd>
                        <strong class="tag" class:tag--done=!undecided>
                            {item.decision.clone().unwrap_or_else(|| "Not decided yet".into())}
                        </strong>
                    </dd>
                </div>
            </dl>
            {if item.readable {
                view! {
                    <p class="body">
                        <a href=format!("/portfolios/{pid}/review")>
                            {if undecided { "Review the portfolio" } else { "Read the portfolio" }}
                            <span class="visually-hidden">" of " {item.school_name.clone()}</span>
                        </a>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="body">
                        "The portfolio is back with the school. "
                        <a href=format!("/portfolios/{pid}/dashboard")>
                            "See where it stands"
                            <span class="visually-hidden">" (" {item.school_name.clone()} ")"</span>
                        </a>
                    </p>
                }
                    .into_any()
            }}
            {(undecided && !others.is_empty())
                .then(|| view! { <MoveForm portfolio_id=pid others school=item.school_name.clone() /> })}
        </section>
    }
}

/// Moves an undecided portfolio to another meeting's agenda.
#[component]
pub fn MoveForm(portfolio_id: i32, others: Vec<MeetingRef>, school: String) -> impl IntoView {
    let action = ServerAction::<MoveToMeeting>::new();
    let error = action_error(action);
    let select_id = format!("meeting-{portfolio_id}");
    view! {
        <ErrorSummary error />
        <ActionForm action attr:class="inline-form">
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <label class="label" for=select_id.clone()>
                "Move to another meeting"
                <span class="visually-hidden">" (" {school} ")"</span>
            </label>
            <select class="select" id=select_id name="meeting_id">
                {others
                    .into_iter()
                    .map(|m| view! { <option value=m.id>{m.name()}</option> })
                    .collect_view()}
            </select>
            <button type="submit" class="button button--secondary button--small">
                "Move"
            </button>
        </ActionForm>
    }
}
