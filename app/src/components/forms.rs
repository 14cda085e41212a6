//! Form parts in the GOV.UK Design System's manner: labels that stay, hints,
//! an error summary at the top linked to inline messages.

use leptos::prelude::*;

use crate::error::AppError;

/// The error of the last submission of an action, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(|r: Result<O, AppError>| r.err())
    })
}

/// "There is a problem" box linking to each field in error, or the error's
/// own message when it is not about a field.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let items: Vec<(String, String)> = if e.field_errors().is_empty() {
                vec![(String::new(), e.to_string())]
            } else {
                e.field_errors()
                    .iter()
                    .map(|f| (f.field.clone(), f.message.clone()))
                    .collect()
            };
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">"There is a problem"</h2>
                    <ul class="error-summary__list">
                        {items
                            .into_iter()
                            .map(|(field, message)| {
                                if field.is_empty() || field == "form" {
                                    view! { <li>{message}</li> }.into_any()
                                } else {
                                    view! {
                                        <li>
                                            <a href=format!("#{field}")>{message}</a>
                                        </li>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// A field's inline error, as the design system words it ("Error: …"),
/// shown while there is one.
#[component]
pub fn ErrorMessage(
    #[prop(into)] id: String,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class="error-message" id=id.clone()>
                    <span class="visually-hidden">"Error: "</span>
                    {m}
                </p>
            }
        })
    }
}

/// A labelled text input with optional hint and inline error.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = "")] width: &'static str,
) -> impl IntoView {
    let message =
        Signal::derive(move || error.get().and_then(|e| e.field(name).map(str::to_string)));
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-group" class:form-group--error=move || message.get().is_some()>
            <label class="label" for=name>
                {label}
            </label>
            {hint.map(|h| view! { <div class="hint" id=hint_id.clone()>{h}</div> })}
            <ErrorMessage id=error_id.clone() message=message />
            <input
                class=format!("input {width}")
                class:input--error=move || message.get().is_some()
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                value=value
                aria-describedby=described
                spellcheck=if input_type == "email" || input_type == "password" { Some("false") } else { None }
            />
        </div>
    }
}

/// The GOV.UK date input: a fieldset of day, month and year boxes posted as
/// `name[day]`, `name[month]`, `name[year]` ([`crate::calendar::DateParts`]).
/// The error summary's link (`#name`) lands on the day box.
#[component]
pub fn DateInput(
    name: &'static str,
    legend: &'static str,
    #[prop(default = "For example, 12 1 2027")] hint: &'static str,
    #[prop(optional)] value: Option<crate::calendar::DateParts>,
    #[prop(into)] error: Signal<Option<AppError>>,
    /// The field its errors name and its boxes' ids start with, when one
    /// page has several forms posting the same `name` (default: `name`).
    #[prop(optional, into)]
    field: Option<String>,
) -> impl IntoView {
    let field = field.unwrap_or_else(|| name.to_string());
    let message = {
        let field = field.clone();
        Signal::derive(move || {
            error
                .get()
                .and_then(|e| e.field(&field).map(str::to_string))
        })
    };
    let hint_id = format!("{field}-hint");
    let error_id = format!("{field}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match message.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    let value = value.unwrap_or_default();
    let boxes = [
        ("day", "Day", value.day, "input--width-2"),
        ("month", "Month", value.month, "input--width-2"),
        ("year", "Year", value.year, "input--width-4"),
    ];
    view! {
        <div class="form-group" class:form-group--error=move || message.get().is_some()>
            <fieldset class="fieldset" role="group" aria-describedby=described>
                <legend class="fieldset__legend">{legend}</legend>
                <div class="hint" id=hint_id>
                    {hint}
                </div>
                <ErrorMessage id=error_id.clone() message=message />
                <div class="date-input">
                    {boxes
                        .into_iter()
                        .enumerate()
                        .map(|(i, (part, label, value, width))| {
                            // only the boxes the message is about
                            let wrong = move || {
                                message.get()
                                    .is_some_and(|m| {
                                        crate::calendar::DateParts::boxes_in_error(&m)[i]
                                    })
                            };
                            let id = if part == "day" {
                                field.clone()
                            } else {
                                format!("{field}-{part}")
                            };
                            view! {
                                <div class="date-input__item">
                                    <label class="label date-input__label" for=id.clone()>
                                        {label}
                                    </label>
                                    <input
                                        class=format!("input {width}")
                                        class:input--error=wrong
                                        id=id
                                        name=format!("{name}[{part}]")
                                        type="text"
                                        inputmode="numeric"
                                        value=value
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A new password, typed twice, with the rule as its hint.
#[component]
pub fn NewPasswordFields(
    label: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <TextField
            name="password"
            label=label
            hint="At least 10 characters. A few words together are easy to remember and hard to guess."
            input_type="password"
            autocomplete="new-password"
            error
        />
        <TextField
            name="confirm"
            label="Type the password again"
            input_type="password"
            autocomplete="new-password"
            error
        />
    }
}
