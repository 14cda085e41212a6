//! The page people answer on: no account, phone first, plain English, and
//! plain HTML: it is sent without the app's scripts (`routes::hydrates`), so
//! a carer's phone fetches the page and its style sheet and nothing else. The
//! form posts to the server, which checks the answers and, when something is
//! missing, shows the page again with the problem beside each question.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::surveys::get_public_survey;
use crate::components::csrf::CsrfField;
use crate::components::status::{Loading, set_status};
use crate::error::AppError;
use crate::model::{Availability, PublicSurvey, SurveyFormProblem};
use crate::pages::data::page_data;
use crate::pages::{format_date, text_param};
use crate::surveys::design::{Question, QuestionKind};

#[component]
pub fn AnswerPage() -> impl IntoView {
    let token = text_param("token");
    let data = page_data(move || token.get(), get_public_survey);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(survey) => view! { <Answer survey /> }.into_any(),
                    Err(AppError::NotFound) => view! { <UnknownLink /> }.into_any(),
                    Err(e) => {
                        set_status(e.status());
                        view! {
                            <h1 class="heading-l">"Sorry, there is a problem"</h1>
                            <p class="body">{e.to_string()}</p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Says nothing about whether a survey ever existed.
#[component]
fn UnknownLink() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Survey not found" />
        <h1 class="heading-l">"We could not find this survey"</h1>
        <p class="body">
            "The link may be mistyped, or the school may have replaced it with a new one. "
            "Please ask the school for the latest link."
        </p>
    }
}

#[component]
pub fn ThanksPage() -> impl IntoView {
    view! {
        <Title text="Thank you" />
        <div class="panel panel--confirmation">
            <h1 class="heading-l">"Thank you"</h1>
            <p class="body">"Your answers have been sent."</p>
        </div>
        <p class="body">
            "The school will use what you and others have said to make things better. "
            "You can now close this page."
        </p>
    }
}

#[component]
fn Answer(survey: PublicSurvey) -> impl IntoView {
    let design = survey.design.clone();
    match survey.availability {
        Availability::Closed => {
            return view! {
                <Title text=design.title.clone() />
                <h1 class="heading-l">{design.title.clone()}</h1>
                <p class="body">
                    "This survey is closed, so it is no longer taking answers. "
                    "Thank you for wanting to help."
                </p>
            }
            .into_any();
        }
        Availability::NotYetOpen(day) => {
            return view! {
                <Title text=design.title.clone() />
                <h1 class="heading-l">{design.title.clone()}</h1>
                <p class="body">
                    "This survey opens on " {format_date(Some(day))} ". Please come back then."
                </p>
            }
            .into_any();
        }
        Availability::Open => {}
    }
    let problem = survey.problem.clone().unwrap_or_default();
    let who = survey.school_name.clone();
    view! {
        <Title text=design.title.clone() />
        <span class="caption">{survey.school_name.clone()}</span>
        <h1 class="heading-l">{design.title.clone()}</h1>
        <p class="lead">{design.intro.clone()}</p>
        <details class="details privacy">
            <summary class="details__summary">"Who sees your answers"</summary>
            <div class="details__text">
                <p class="body">
                    "Staff at " {who.clone()}
                    " who work on the Caring Schools Award read the answers, to improve how the school supports children in care."
                </p>
                {design
                    .anonymous
                    .then(|| {
                        view! {
                            <p class="body">
                                "Your answers are anonymous: we do not ask your name, and we do not keep your internet address."
                            </p>
                        }
                    })}
                <p class="body">
                    "Results are only shown once at least 5 people have answered, so no one can be picked out. "
                    "Written answers are seen by school staff only."
                </p>
            </div>
        </details>
        <div tabindex="-1" id="problem">
            {
                let list = problem.errors.clone();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <div class="error-summary" role="alert">
                                <h2 class="error-summary__title">"There is a problem"</h2>
                                <ul class="error-summary__list">
                                    {list
                                        .into_iter()
                                        .map(|e| {
                                            view! {
                                                <li>
                                                    <a href=format!("#{}", e.field)>{e.message}</a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }
        </div>
        <form
            method="post"
            action=format!("/s/{}", survey.token)
            class="survey-form"
            novalidate=true
        >
            <CsrfField />
            <input type="hidden" name="submission_key" value=survey.submission_key.clone() />
            {design
                .questions
                .iter()
                .enumerate()
                .map(|(n, q)| {
                    view! { <QuestionInput q=q.clone() n=n + 1 problem=problem.clone() /> }
                })
                .collect_view()}
            <button type="submit" class="button">
                "Send my answers"
            </button>
        </form>
    }
        .into_any()
}

#[component]
fn QuestionInput(q: Question, n: usize, problem: SurveyFormProblem) -> impl IntoView {
    let field = q.field();
    let given = problem.value(&field);
    let optional = if q.required { "" } else { " (optional)" };
    let error = problem
        .errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone());
    let has_error = error.is_some();
    let error_id = format!("{field}-error");
    let error_view = error.map(|m| {
        view! {
            <p class="error-message" id=error_id>
                <span class="visually-hidden">"Error: "</span>
                {m}
            </p>
        }
    });
    let hint_id = format!("{field}-hint");
    match q.kind.clone() {
        QuestionKind::FreeText { max_chars } => view! {
            <div class="form-group" class:form-group--error=has_error>
                <label class="label label--m" for=field.clone()>
                    {format!("{n}. {}{optional}", q.prompt)}
                </label>
                <div class="hint" id=hint_id.clone()>
                    {q.help.clone().map(|h| view! { <p class="body">{h}</p> })}
                    <p class="body">
                        <strong>"Please do not write the name of any child"</strong>
                        ", or anything else that could show who they are."
                    </p>
                </div>
                {error_view}
                <textarea
                    class="textarea"
                    id=field.clone()
                    name=field.clone()
                    rows="5"
                    maxlength=max_chars
                    aria-describedby=hint_id
                >
                    {given.concat()}
                </textarea>
            </div>
        }
        .into_any(),
        kind => {
            let multiple = matches!(kind, QuestionKind::Multiple { .. });
            let input_type = if multiple { "checkbox" } else { "radio" };
            let class = if multiple { "checkboxes" } else { "radios" };
            view! {
                <div class="form-group" class:form-group--error=has_error>
                    <fieldset class="fieldset" id=field.clone() aria-describedby=q.help.as_ref().map(|_| hint_id.clone())>
                        <legend class="fieldset__legend fieldset__legend--m">
                            {format!("{n}. {}{optional}", q.prompt)}
                        </legend>
                        {q.help.clone().map(|h| view! { <div class="hint" id=hint_id.clone()>{h}</div> })}
                        {error_view}
                        <div class=class>
                            {kind
                                .options()
                                .into_iter()
                                .enumerate()
                                .map(|(i, option)| {
                                    let id = format!("{field}-{i}");
                                    let checked = given.iter().any(|g| *g == i.to_string());
                                    view! {
                                        <div class=format!("{class}__item")>
                                            <input
                                                class=format!("{class}__input")
                                                type=input_type
                                                id=id.clone()
                                                name=field.clone()
                                                value=i.to_string()
                                                checked=checked
                                            />
                                            <label class=format!("{class}__label") for=id>
                                                {option}
                                            </label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
    }
}
