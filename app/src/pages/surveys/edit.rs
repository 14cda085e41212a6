//! The form that changes a survey's questions (until anyone has answered).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::surveys::SaveSurveyDesign;
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::surveys::design::SurveyDesign;
use crate::surveys::edit::{KINDS, QuestionForm};

#[component]
pub fn DesignForm(survey_id: i32, design: SurveyDesign) -> impl IntoView {
    let save = ServerAction::<SaveSurveyDesign>::new();
    let error = action_error(save);
    let mut rows: Vec<QuestionForm> = design.questions.iter().map(QuestionForm::of).collect();
    rows.push(QuestionForm {
        kind: "agreement".into(),
        ..Default::default()
    });
    let message = move |name: String| {
        move || {
            error
                .get()
                .and_then(|e| e.field(&name).map(str::to_string))
                .map(|m| view! { <p class="error-message">{m}</p> })
        }
    };
    view! {
        <details class="details" id="change-questions">
            <summary class="details__summary">"Change the questions"</summary>
            <ErrorSummary error />
            <form method="post" action=SaveSurveyDesign::url() class="design-form">
                <CsrfField />
                <input type="hidden" name="survey_id" value=survey_id />
                <div class="form-group">
                    <label class="label" for="title">
                        "Title"
                    </label>
                    {message("title".into())}
                    <input
                        class="input"
                        id="title"
                        name="title"
                        type="text"
                        value=design.title.clone()
                    />
                </div>
                <div class="form-group">
                    <label class="label" for="intro">
                        "Welcome (shown above the questions)"
                    </label>
                    <textarea class="textarea" id="intro" name="intro" rows="3">
                        {design.intro.clone()}
                    </textarea>
                </div>
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, q)| {
                        let name = move |f: &str| format!("questions[{i}][{f}]");
                        let new = q.id.is_empty();
                        let legend = if new {
                            "Add a question".to_string()
                        } else {
                            format!("Question {}", i + 1)
                        };
                        view! {
                            <fieldset class="fieldset design-form__question">
                                <legend class="fieldset__legend fieldset__legend--m">
                                    {legend}
                                </legend>
                                <input type="hidden" name=name("id") value=q.id.clone() />
                                <div class="form-group">
                                    <label class="label" for=name("prompt")>
                                        "Question"
                                    </label>
                                    {message(name("prompt"))}
                                    <input
                                        class="input"
                                        id=name("prompt")
                                        name=name("prompt")
                                        type="text"
                                        value=q.prompt.clone()
                                    />
                                </div>
                                <div class="form-group">
                                    <label class="label" for=name("kind")>
                                        "Kind of answer"
                                    </label>
                                    <select class="select" id=name("kind") name=name("kind")>
                                        {KINDS
                                            .iter()
                                            .map(|(value, label)| {
                                                view! {
                                                    <option value=*value selected=q.kind == *value>
                                                        {*label}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                </div>
                                <div class="form-group">
                                    <label class="label" for=name("options")>
                                        "Choices, one per line (for “Choose one” and “Choose any”)"
                                    </label>
                                    {message(name("options"))}
                                    <textarea
                                        class="textarea"
                                        id=name("options")
                                        name=name("options")
                                        rows="3"
                                    >
                                        {q.options.clone().unwrap_or_default()}
                                    </textarea>
                                </div>
                                <div class="form-group">
                                    <label class="label" for=name("help")>
                                        "Help text (optional)"
                                    </label>
                                    <input
                                        class="input"
                                        id=name("help")
                                        name=name("help")
                                        type="text"
                                        value=q.help.clone().unwrap_or_default()
                                    />
                                </div>
                                <div class="form-group">
                                    <label class="label" for=name("criteria")>
                                        "Criteria it informs, for example 3.2, 3.4"
                                    </label>
                                    {message(name("criteria"))}
                                    <input
                                        class="input input--short"
                                        id=name("criteria")
                                        name=name("criteria")
                                        type="text"
                                        value=q.criteria.clone().unwrap_or_default()
                                    />
                                </div>
                                <div class="checkboxes">
                                    <div class="checkboxes__item">
                                        <input
                                            class="checkboxes__input"
                                            type="checkbox"
                                            id=name("required")
                                            name=name("required")
                                            value="yes"
                                            checked=q.required.is_some()
                                        />
                                        <label class="checkboxes__label" for=name("required")>
                                            "An answer is required"
                                        </label>
                                    </div>
                                    {(!new)
                                        .then(|| {
                                            view! {
                                                <div class="checkboxes__item">
                                                    <input
                                                        class="checkboxes__input"
                                                        type="checkbox"
                                                        id=name("remove")
                                                        name=name("remove")
                                                        value="yes"
                                                    />
                                                    <label class="checkboxes__label" for=name("remove")>
                                                        "Remove this question"
                                                    </label>
                                                </div>
                                            }
                                        })}
                                </div>
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="button">
                    "Save the questions"
                </button>
            </form>
        </details>
    }
}
