//! The Designated Teacher's PEP page: what is overdue, what is due this
//! week, duties still to do before meetings, this term's meetings, the
//! figures by term, and the calendar feed link.

use leptos::prelude::*;
use leptos_meta::Title;

use super::super::{format_date, id_param, query};
use super::StatusTag;
use crate::api::duties::{MakeFeedLink, StartDtAudit, StopFeedLink, get_pep_tracker};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::layout::{CopyLink, TableScroll};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{AuditSummary, PepRow, PepTracker, TermFigures};
use crate::pages::data::page_data;
use crate::pep::{Duty, Share, year_group_label};

#[component]
pub fn PepTrackerPage() -> impl IntoView {
    let school_id = id_param("school_id");
    let make = ServerAction::<MakeFeedLink>::new();
    let stop = ServerAction::<StopFeedLink>::new();
    let start = ServerAction::<StartDtAudit>::new();
    let feed = query("feed");
    let data = page_data(
        move || {
            (
                school_id.get(),
                feed.get(),
                make.version().get(),
                stop.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_pep_tracker(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let errors = Signal::derive(move || {
        action_error(make)
            .get()
            .or_else(|| action_error(stop).get())
            .or_else(|| action_error(start).get())
    });
    view! {
        <Title text="PEP meetings" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Tracker page make stop start errors /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Tracker(
    page: PepTracker,
    make: ServerAction<MakeFeedLink>,
    stop: ServerAction<StopFeedLink>,
    start: ServerAction<StartDtAudit>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let school_id = page.school.id;
    let deleted = query("deleted");
    let t = page.this_term.summary;
    view! {
        <ErrorSummary error=errors />
        {move || {
            deleted
                .get()
                .map(|_| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "The PEP meeting has been deleted."
                        </div>
                    }
                })
        }}
        <span class="caption">{page.school.name.clone()}</span>
        <h1 class="heading-l">"PEP meetings"</h1>
        <p class="body">
            "Personal Education Plan meetings of the school’s looked-after and previously looked-after pupils, each under a reference the school chooses, never a name. The ePEP is finalised within 5 school days of the meeting."
        </p>
        <div class="button-group">
            <a class="button" href=format!("/schools/{school_id}/peps/new")>
                "Record a PEP meeting"
            </a>
            <a href=format!(
                "/schools/{school_id}/calendar",
            )>
                {if page.can_manage_calendar {
                    "School calendar and closure days"
                } else {
                    "School calendar"
                }}
            </a>
        </div>
        <h2 class="heading-m">
            {format!("{}, to {}", page.this_term.label, format_date(Some(page.this_term.to)))}
        </h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Meetings held"</dt>
                <dd>{t.held}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"ePEPs finalised within 5 school days"</dt>
                <dd>{Share::exact(t.finalised_on_time, t.finalised + t.overdue)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Duties done before meetings"</dt>
                <dd>{Share::exact(t.duties_done, t.duties_due)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Overdue"</dt>
                <dd>{page.overdue.len()}</dd>
            </div>
        </dl>
        <PepList heading="Overdue" empty="No ePEP is overdue." rows=page.overdue.clone() />
        <PepList
            heading="Due this week"
            empty="No ePEP is due to be finalised this week."
            rows=page.due_this_week.clone()
        />
        <Outstanding rows=page.duties_outstanding.clone() />
        <SelfAudit audit=page.audit.clone() can_start=page.can_start_audit school_id start />
        <PepList
            heading="This term’s PEP meetings"
            empty="No PEP meetings recorded this term."
            rows=page.this_term_peps.clone()
        />
        <ByTerm terms=page.terms.clone() year=page.year.clone() />
        <Feed school_id has_feed=page.has_feed make stop />
        {(page.all.len() > page.this_term_peps.len())
            .then(|| {
                view! {
                    <details class="details">
                        <summary class="details__summary">
                            {format!("All PEP meetings ({})", page.all.len())}
                        </summary>
                        <div class="details__text">
                            <PepTable
                                rows=page.all.clone()
                                caption="All PEP meetings, newest first"
                            />
                        </div>
                    </details>
                }
            })}
    }
}

#[component]
fn PepList(heading: &'static str, empty: &'static str, rows: Vec<PepRow>) -> impl IntoView {
    view! {
        <h2 class="heading-m">{heading}</h2>
        {if rows.is_empty() {
            view! { <p class="body">{empty}</p> }.into_any()
        } else {
            view! { <PepTable rows caption=heading /> }.into_any()
        }}
    }
}

#[component]
fn PepTable(rows: Vec<PepRow>, caption: &'static str) -> impl IntoView {
    view! {
        <TableScroll label=caption>
            <table class="table">
                <caption class="table__caption visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Pupil reference"</th>
                        <th scope="col">"Meeting"</th>
                        <th scope="col">"Finalise by"</th>
                        <th scope="col" class="numeric">
                            "Duties"
                        </th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!("/peps/{}", r.id)>{r.pupil_ref.clone()}</a>
                                        <span class="secondary">
                                            {format!(" · {}", year_group_label(r.year_group))}
                                        </span>
                                    </th>
                                    <td>{format_date(Some(r.meeting_date))}</td>
                                    <td>{format_date(r.deadline)}</td>
                                    <td class="numeric">
                                        {format!("{} of {}", r.duties_done(), Duty::ALL.len())}
                                    </td>
                                    <td>
                                        <StatusTag status=r.status />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

#[component]
fn Outstanding(rows: Vec<PepRow>) -> impl IntoView {
    view! {
        <h2 class="heading-m">"Duties still to do before meetings"</h2>
        {if rows.is_empty() {
            view! { <p class="body">"Every duty is done for the meetings to come."</p> }.into_any()
        } else {
            view! {
                <ul class="list list--spaced">
                    {rows
                        .into_iter()
                        .map(|r| {
                            let missing: Vec<&str> = r
                                .duties_missing()
                                .into_iter()
                                .map(Duty::label)
                                .collect();
                            view! {
                                <li>
                                    <a href=format!(
                                        "/peps/{}",
                                        r.id,
                                    )>
                                        {format!(
                                            "{}, meeting on {}",
                                            r.pupil_ref,
                                            format_date(Some(r.meeting_date)),
                                        )}
                                    </a>
                                    <br />
                                    {format!(
                                        "Still to do: {}",
                                        crate::glossary::and_list(&missing),
                                    )}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
fn ByTerm(terms: Vec<TermFigures>, year: TermFigures) -> impl IntoView {
    let row = |f: TermFigures, year: bool| {
        let s = f.summary;
        let label = if year {
            format!("The school year {}", f.label)
        } else {
            f.label
        };
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="numeric">{s.held}</td>
                <td>{Share::exact(s.finalised_on_time, s.finalised + s.overdue)}</td>
                <td>{Share::exact(s.pupil_views, s.held)}</td>
                <td>{Share::exact(s.duties_done, s.duties_due)}</td>
            </tr>
        }
    };
    view! {
        <h2 class="heading-m">"By term"</h2>
        <TableScroll label="PEP figures by term">
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">"Term"</th>
                        <th scope="col" class="numeric">
                            "Held"
                        </th>
                        <th scope="col">"Finalised within 5 school days"</th>
                        <th scope="col">"Pupil views captured"</th>
                        <th scope="col">"Duties done"</th>
                    </tr>
                </thead>
                <tbody>
                    {terms.into_iter().map(|t| row(t, false)).collect_view()} {row(year, true)}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// The private calendar link: shown once when made, then only "make a new
/// one" or "stop it".
#[component]
fn Feed(
    school_id: i32,
    has_feed: bool,
    make: ServerAction<MakeFeedLink>,
    stop: ServerAction<StopFeedLink>,
) -> impl IntoView {
    let feed = query("feed");
    view! {
        <h2 class="heading-m" id="feed">
            "PEP dates in your calendar"
        </h2>
        <p class="body">
            "A private link that Outlook or your phone’s calendar can subscribe to: each PEP meeting and each ePEP deadline, without the pupil’s reference. It is yours: it stops working if you leave the school."
        </p>
        {move || match feed.get().as_deref() {
            Some("stopped") => {
                view! {
                    <div class="notice notice--success" role="status">
                        "Your calendar link has stopped working."
                    </div>
                }
                    .into_any()
            }
            Some(token) => {
                view! {
                    <div class="panel" role="status">
                        <h3 class="heading-s">"Your calendar link"</h3>
                        <p class="body">
                            "Add it to your calendar as a subscription (in Outlook: Add calendar, Subscribe from web). It is shown only now; anyone with it can see the dates."
                        </p>
                        <CopyLink
                            label="Calendar link"
                            url=crate::links::absolute(&format!("/feeds/{token}/peps.ics"))
                        />
                    </div>
                }
                    .into_any()
            }
            None => ().into_any(),
        }}
        <div class="button-group">
            <ActionForm action=make>
                <CsrfField />
                <input type="hidden" name="school_id" value=school_id />
                <button type="submit" class="button button--secondary">
                    {if has_feed { "Make a new calendar link" } else { "Make a calendar link" }}
                </button>
            </ActionForm>
            {has_feed
                .then(|| {
                    view! {
                        <ActionForm action=stop>
                            <CsrfField />
                            <input type="hidden" name="school_id" value=school_id />
                            <button type="submit" class="button button--warning">
                                "Stop my calendar link"
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
        {has_feed
            .then(|| {
                view! {
                    <p class="hint">"A new link replaces the old one, which stops working."</p>
                }
            })}
    }
}

/// The DT self-audit on the DT's page: its standing and the open actions.
#[component]
fn SelfAudit(
    audit: Option<AuditSummary>,
    can_start: bool,
    school_id: i32,
    start: ServerAction<StartDtAudit>,
) -> impl IntoView {
    let body = match audit {
        Some(a) => view! {
            <p class="body">{a.standing.describe()}</p>
            <p class="body">
                <a href=format!("/portfolios/{}/actions", a.portfolio_id)>"Action plan"</a>
                " · "
                <a href=format!("/portfolios/{}", a.portfolio_id)>"The self-audit"</a>
            </p>
            {if a.open_actions.is_empty() {
                view! { <p class="body">"No open actions."</p> }.into_any()
            } else {
                view! {
                    <h3 class="heading-s">"Open actions"</h3>
                    <ul class="list list--spaced">
                        {a
                            .open_actions
                            .into_iter()
                            .map(|x| {
                                let when = x
                                    .due
                                    .map(|d| format!(", by {}", format_date(Some(d))))
                                    .unwrap_or_default();
                                let who = x
                                    .owner
                                    .clone()
                                    .map(|o| format!(" ({o})"))
                                    .unwrap_or_default();
                                view! {
                                    <li>
                                        {format!("{}: {}{who}{when}", x.criterion_id, x.what)}
                                        {x
                                            .overdue
                                            .then(|| {
                                                view! {
                                                    " "
                                                    <strong class="tag tag--red">"Overdue"</strong>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        }
        .into_any(),
        None if can_start => view! {
            <p class="body">
                "The Virtual School’s expectations of the Designated Teacher, as a self-audit: where the school is on each (not yet, partly, in place), and an action plan for what is not yet in place."
            </p>
            <ActionForm action=start>
                <CsrfField />
                <input type="hidden" name="school_id" value=school_id />
                <button type="submit" class="button button--secondary">
                    "Start the self-audit"
                </button>
            </ActionForm>
        }
        .into_any(),
        None => view! { <p class="body">"The school’s coordinator starts the self-audit."</p> }
        .into_any(),
    };
    view! {
        <h2 class="heading-m">"Designated Teacher self-audit"</h2>
        {body}
    }
}
