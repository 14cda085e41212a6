//! The annual evaluative report for governors: printable as it is, and as a
//! PDF. Figures only, and the commentary staff write for governors; the
//! identifier check runs over all of it and warns.

use leptos::prelude::*;
use leptos_meta::Title;

use super::DashboardCrumbs;

use crate::api::report::{SaveReportCommentary, get_governors_report};
use crate::components::aggregates::{LevelProfileChart, SurveyHeadlinesList, TimelineList};
use crate::components::csrf::CsrfField;
use crate::components::evidence::EvidenceCounts;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::progress::ProgressBar;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::GovernorsReport;
use crate::pages::data::page_data;
use crate::pages::{id_param, query};

#[component]
pub fn ReportPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    // After a form here (submit, reopen, save), the redirect's `?saved=`
    // loads the page's data again.
    let saved = query("saved");
    let data = page_data(
        move || (portfolio_id.get(), saved.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_governors_report(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(r) => view! { <ReportView r /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportView(r: GovernorsReport) -> impl IntoView {
    let d = r.dashboard.clone();
    let p = d.progress.clone();
    let id = d.portfolio_id;
    let title = r.title();
    let standing = d.standing();
    let next = d.level_label(p.next_level.as_deref());
    let saved = query("saved");
    let paragraphs: Vec<String> = r
        .commentary
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    view! {
        <Title text=title.clone() />
        <DashboardCrumbs school=d.school.clone() portfolio_id=id />
        <h1 class="heading-l">{title}</h1>
        <p class="body">
            <strong>{d.school.name.clone()}</strong>
            " · "
            {d.framework_title.clone()}
        </p>
        {if r.warnings.is_empty() {
            view! {
                <p class="body no-print">
                    <a href=format!("/portfolios/{id}/report.pdf") download="">
                        "Download the report as a PDF"
                    </a>
                    " · Or print this page: it prints as it reads."
                </p>
            }
                .into_any()
        } else {
            view! {
                <p class="body no-print">
                    <a href=format!("/portfolios/{id}/report.pdf?anyway=1") download="">
                        "Download the PDF anyway"
                    </a>
                    " (only if you are sure nothing below identifies a child)"
                </p>
            }
                .into_any()
        }}
        {(!r.warnings.is_empty())
            .then(|| {
                view! {
                    <div class="identifier-warning" role="status" id="report-warnings">
                        <p class="identifier-warning__title">
                            <strong>"This report may identify a child."</strong>
                            " The PDF is not made until you change the commentary or choose to download it anyway:"
                        </p>
                        <ul class="identifier-warning__list">
                            {r
                                .warnings
                                .iter()
                                .map(|w| view! { <li>{w.clone()}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                }
            })}

        <section class="report__section">
            <h2 class="heading-m">"About this report"</h2>
            <p class="body">
                "The Virtual School asks every governing board for an annual evaluative report on the school's provision and outcomes for the children it cares for and has cared for: children looked after and previously looked after. This report is drawn from the school's Caring Schools Award portfolio and its surveys. It names no child."
            </p>
            <dl class="summary-list">
                {r
                    .people
                    .iter()
                    .map(|(role, name)| {
                        view! {
                            <div class="summary-list__row">
                                <dt>{role.clone()}</dt>
                                <dd>
                                    {if name.trim().is_empty() {
                                        "Not given".to_string()
                                    } else {
                                        name.clone()
                                    }}
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>

        <section class="report__section">
            <h2 class="heading-m">"Where we stand"</h2>
            <p class="body">"The portfolio stands at: " <strong>{standing}</strong></p>
            {next
                .map(|n| {
                    view! {
                        <p class="body">{format!("What stands between it and {n}:")}</p>
                        <ul class="list">
                            {r
                                .standing_between
                                .iter()
                                .map(|(cid, statement)| {
                                    view! {
                                        <li>
                                            <strong>{cid.clone()}</strong>
                                            " "
                                            {statement.clone()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <ProgressBar complete=p.complete total=p.total label="All criteria" />
            {p
                .domains
                .iter()
                .map(|dp| {
                    view! {
                        <ProgressBar
                            complete=dp.complete
                            total=dp.total
                            label=format!("Domain {}: {}", dp.number, dp.title)
                        />
                    }
                })
                .collect_view()}
            <LevelProfileChart
                domains=p.domains.clone()
                level_labels=d.level_labels.clone()
                not_met_label=d.not_met_label.clone()
            />
        </section>

        <section class="report__section">
            <h2 class="heading-m">"Evidence"</h2>
            <EvidenceCounts counts=d.evidence.clone() portfolio_id=id plain=true />
        </section>

        <section class="report__section">
            <h2 class="heading-m">"Timeline"</h2>
            <TimelineList timeline=d.timeline.clone() />
        </section>

        <section class="report__section">
            <h2 class="heading-m">"What carers, pupils and staff told us"</h2>
            <SurveyHeadlinesList surveys=d.surveys.clone() />
        </section>

        {(!r.self_audits.is_empty())
            .then(|| {
                view! {
                    <section class="report__section">
                        <h2 class="heading-m">"The school's other self-audits"</h2>
                        <dl class="summary-list">
                            {r
                                .self_audits
                                .iter()
                                .map(|(title, line)| {
                                    view! {
                                        <div class="summary-list__row">
                                            <dt>{title.clone()}</dt>
                                            <dd>{line.clone()}</dd>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    </section>
                }
            })}

        {d
            .peps
            .clone()
            .map(|figures| {
                view! {
                    <section class="report__section">
                        <crate::components::aggregates::PepFiguresList figures />
                    </section>
                }
            })}

        <section class="report__section" id="commentary">
            <h2 class="heading-m">"From the Designated Teacher and head teacher"</h2>
            {move || {
                saved
                    .get()
                    .map(|_| {
                        view! {
                            <div class="notice notice--success no-print" role="status">
                                "The commentary has been saved."
                            </div>
                        }
                    })
            }}
            {if paragraphs.is_empty() {
                view! { <p class="body secondary">"Nothing written yet for this year."</p> }
                    .into_any()
            } else {
                view! {
                    {paragraphs
                        .into_iter()
                        .map(|p| view! { <p class="body">{p}</p> })
                        .collect_view()}
                    {r
                        .commentary_by
                        .clone()
                        .map(|by| view! { <p class="secondary">{format!("Written by {by}")}</p> })}
                }
                    .into_any()
            }}
            {r
                .can_edit
                .then(|| view! { <CommentaryForm portfolio_id=id text=r.commentary.clone() /> })}
        </section>
    }
}

#[component]
fn CommentaryForm(portfolio_id: i32, text: String) -> impl IntoView {
    let action = ServerAction::<SaveReportCommentary>::new();
    let error = action_error(action);
    view! {
        <div class="no-print">
            <ErrorSummary error />
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="portfolio_id" value=portfolio_id />
                <div class="form-group">
                    <label class="label label--s" for="commentary">
                        "Your commentary for governors"
                    </label>
                    <div class="hint" id="commentary-hint">
                        "Provision and outcomes this year: attendance, progress, exclusions, PEPs, training. Figures and patterns only; never a child's name, date of birth or pupil number."
                    </div>
                    <textarea
                        class="textarea"
                        id="commentary"
                        name="commentary"
                        rows="10"
                        aria-describedby="commentary-hint"
                    >
                        {text}
                    </textarea>
                </div>
                <button class="button" type="submit">
                    "Save the commentary"
                </button>
            </ActionForm>
        </div>
    }
}
