//! One survey for staff: open it (with dates), share the link and QR code,
//! close it or make a new link, and read the results (hidden under five).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::edit::DesignForm;
use crate::api::surveys::{
    CloseSurvey, CopySurvey, NewSurveyLink, OpenSurvey, SurveyToEvidence, get_survey,
};
use crate::components::csrf::CsrfField;
use crate::components::evidence::findings_in;
use crate::components::forms::{DateInput, ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{SurveyPage as Data, SurveyStatus};
use crate::pages::data::page_data;
use crate::pages::{format_date, id_param};
use crate::surveys::results::{QuestionResult, Results, percent};

#[component]
pub fn SurveyPage() -> impl IntoView {
    let survey_id = id_param("survey_id");
    let data = page_data(
        move || survey_id.get(),
        |id| async move {
            match id {
                Some(id) => get_survey(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Survey page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Survey(page: Data) -> impl IntoView {
    let id = page.id;
    let open = ServerAction::<OpenSurvey>::new();
    let error = action_error(open);
    let full_link = page.link.as_deref().map(crate::links::absolute);
    view! {
        <Title text=page.design.title.clone() />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/schools/{}", page.school.id)>{page.school.name.clone()}</a>
                </li>
                <li>
                    <a href=format!("/schools/{}/surveys", page.school.id)>"Surveys"</a>
                </li>
            </ol>
        </nav>
        <span class="caption">"For " {page.design.audience.label().to_lowercase()}</span>
        <h1 class="heading-l">{page.design.title.clone()}</h1>
        <p class="body">
            <strong class="tag">{page.status.label()}</strong>
            {page.opens_on.map(|d| format!(" Opens {}.", format_date(Some(d))))}
            {page.closes_on.map(|d| format!(" Closes {}.", format_date(Some(d))))}
        </p>

        {(page.status == SurveyStatus::Open)
            .then(|| {
                let link = full_link.clone().unwrap_or_default();
                view! {
                    <h2 class="heading-m">"Share it"</h2>
                    <div class="form-group">
                        <label class="label" for="survey-link">
                            "Link to the survey"
                        </label>
                        <div class="hint" id="survey-link-hint">
                            "Send it by text or e-mail, or print the QR code on a letter."
                        </div>
                        <input
                            class="input"
                            id="survey-link"
                            type="text"
                            readonly=true
                            value=link
                            aria-describedby="survey-link-hint"
                        />
                    </div>
                    <p class="body">
                        // A carer's page is a whole document, sent without the app.
                        <a href=page.link.clone().unwrap_or_default() rel="external">
                            "Open the survey as people will see it"
                        </a>
                    </p>
                    <img
                        class="qr-code"
                        src=format!("/surveys/{id}/qr.svg")
                        alt="QR code that opens the survey"
                        width="200"
                        height="200"
                    />
                    <p class="body">
                        <a href=format!("/surveys/{id}/qr.png") download="survey-qr.png">
                            "Download the QR code (PNG)"
                        </a>
                        " · "
                        <a href=format!("/surveys/{id}/qr.svg") download="survey-qr.svg">
                            "SVG"
                        </a>
                    </p>
                }
            })}

        {page
            .can_edit
            .then(|| {
                view! {
                    <ErrorSummary error />
                    {if page.status == SurveyStatus::Open {
                        view! {
                            <div class="button-group">
                                <form method="post" action=CloseSurvey::url()>
                                    <CsrfField />
                                    <input type="hidden" name="survey_id" value=id />
                                    <button type="submit" class="button button--secondary">
                                        "Close the survey"
                                    </button>
                                </form>
                                <form method="post" action=NewSurveyLink::url()>
                                    <CsrfField />
                                    <input type="hidden" name="survey_id" value=id />
                                    <button type="submit" class="button button--secondary">
                                        "Make a new link (the old one stops working)"
                                    </button>
                                </form>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <h2 class="heading-m">"Open it for answers"</h2>
                            <form method="post" action=OpenSurvey::url()>
                                <CsrfField />
                                <input type="hidden" name="survey_id" value=id />
                                <DateInput
                                    name="opens_on"
                                    legend="Opens on (optional)"
                                    hint="Leave it empty to open the survey now. For example, 1 3 2027"
                                    error
                                />
                                <DateInput
                                    name="closes_on"
                                    legend="Closes on (optional)"
                                    hint="Leave it empty to keep it open until you close it. For example, 31 3 2027"
                                    error
                                />
                                <button type="submit" class="button">
                                    "Open the survey"
                                </button>
                            </form>
                        }
                            .into_any()
                    }}
                    <form method="post" action=CopySurvey::url() class="inline-form">
                        <CsrfField />
                        <input type="hidden" name="survey_id" value=id />
                        <button type="submit" class="button-link">
                            {if page.frozen {
                                "Make a copy to change the questions (this one has answers)"
                            } else {
                                "Make a copy"
                            }}
                        </button>
                    </form>
                }
            })}

        <h2 class="heading-m">"Results"</h2>
        <ResultsView results=page.results.clone() survey_id=id can_edit=page.can_edit />

        <h2 class="heading-m">"The questions"</h2>
        {(page.can_edit && !page.frozen)
            .then(|| view! { <DesignForm survey_id=id design=page.design.clone() /> })}
        <ol class="question-list">
            {page
                .design
                .questions
                .iter()
                .map(|q| {
                    view! {
                        <li>
                            {q.prompt.clone()}
                            <span class="secondary">
                                {format!(
                                    " ({}{}; criteria {})",
                                    q.kind.label(),
                                    if q.required { ", required" } else { "" },
                                    q.criteria.join(", "),
                                )}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
fn ResultsView(results: Results, survey_id: i32, can_edit: bool) -> impl IntoView {
    match results {
        Results::Hidden { responses } => view! {
            <p class="body notice" role="note">
                {Results::hidden_message(responses)}
            </p>
        }
        .into_any(),
        Results::Shown {
            responses,
            questions,
        } => view! {
            <p class="body">
                <strong>{responses}</strong>
                " people have answered. "
                <a href=format!("/surveys/{survey_id}/results.csv")>"Download the results (CSV)"</a>
            </p>
            {questions
                .into_iter()
                .map(|q| view! { <QuestionChart q survey_id can_edit /> })
                .collect_view()}
        }
        .into_any(),
    }
}

/// A bar chart of one question, with its numbers as a table (the text
/// alternative); written answers listed with any identifier warnings.
#[component]
fn QuestionChart(q: QuestionResult, survey_id: i32, can_edit: bool) -> impl IntoView {
    let answered = q.answered;
    let qid = q.id.clone();
    let use_form = move |answer: Option<usize>, label: &'static str| {
        can_edit.then(|| {
            view! {
                <form method="post" action=SurveyToEvidence::url() class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="survey_id" value=survey_id />
                    <input type="hidden" name="question_id" value=qid.clone() />
                    {answer.map(|i| view! { <input type="hidden" name="answer" value=i /> })}
                    <button type="submit" class="button-link">
                        {label}
                    </button>
                </form>
            }
        })
    };
    let is_text = q.counts.is_empty();
    view! {
        <section class="survey-result">
            <h3 class="heading-s">{q.prompt.clone()}</h3>
            {q
                .percent_agreeing
                .map(|p| {
                    view! {
                        <p class="body">
                            <strong>{p} "%"</strong>
                            " agree or strongly agree"
                        </p>
                    }
                })}
            {(!is_text)
                .then(|| {
                    view! {
                        <div class="bar-chart" aria-hidden="true">
                            {q
                                .counts
                                .iter()
                                .map(|(label, count)| {
                                    let width = percent(*count, answered);
                                    view! {
                                        <div class="bar-chart__row">
                                            <span class="bar-chart__label">{label.clone()}</span>
                                            <span
                                                class="bar-chart__bar"
                                                style=format!("width: {width}%")
                                            ></span>
                                            <span class="bar-chart__value">{*count}</span>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                        <table class="table table--compact">
                            <caption class="visually-hidden">{q.prompt.clone()}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Answer"</th>
                                    <th scope="col">"People"</th>
                                    <th scope="col">"Percent"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {q
                                    .counts
                                    .iter()
                                    .map(|(label, count)| {
                                        view! {
                                            <tr>
                                                <td>{label.clone()}</td>
                                                <td>{*count}</td>
                                                <td>{percent(*count, answered)} "%"</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        {use_form(None, "Use this chart as evidence")}
                    }
                })}
            {is_text
                .then(|| {
                    view! {
                        <p class="body secondary">
                            {answered} " written answers (seen by staff only)"
                        </p>
                        <ul class="quotes">
                            {q
                                .texts
                                .iter()
                                .enumerate()
                                .map(|(i, t)| {
                                    let found = findings_in("answer", t, &[]);
                                    let usable = found.is_empty();
                                    view! {
                                        <li>
                                            <blockquote class="quote">{t.clone()}</blockquote>
                                            {(!found.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <p class="warning-text">
                                                            "This answer may identify someone: "
                                                            {found
                                                                .iter()
                                                                .map(|f| f.finding.kind.label())
                                                                .collect::<Vec<_>>()
                                                                .join(", ")} ". Do not use it as evidence as it is."
                                                        </p>
                                                    }
                                                })}
                                            {usable
                                                .then(|| use_form(Some(i), "Use this quote as evidence"))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}
