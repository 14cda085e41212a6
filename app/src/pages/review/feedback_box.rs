//! One piece of feedback (on a domain, or a note on a criterion): a plain
//! form that saves with its button (no JavaScript needed), and, with
//! JavaScript, saves by itself a moment after the assessor stops typing.
//! Each save names the text it started from, so two assessors never
//! overwrite each other without being told.

use leptos::prelude::*;

use crate::api::award::SaveFeedback;
use crate::components::csrf::CsrfField;
use crate::components::forms::action_error;

/// How long the assessor pauses before the text is saved.
#[cfg(feature = "hydrate")]
const QUIET_MS: u64 = 1200;

#[component]
pub fn FeedbackBox(
    portfolio_id: i32,
    domain: u32,
    /// `domain:2` or `criterion:2.5`.
    place: String,
    label: String,
    hint: String,
    text: String,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let action = ServerAction::<SaveFeedback>::new();
    let error = action_error(action);
    let field = place.replace(':', "-");
    let hint_id = format!("{field}-hint");
    let status_id = format!("{field}-status");
    // The text as last stored: what the next save says it started from.
    let base = RwSignal::new(text.clone());
    let status = RwSignal::new(String::new());
    let message = move || {
        error.get().map(|e| {
            e.field_errors()
                .first()
                .map_or(e.to_string(), |f| f.message.clone())
        })
    };
    #[cfg(feature = "hydrate")]
    let on_input = {
        let place = place.clone();
        let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
        move |ev: leptos::ev::Event| {
            let body = event_target_value(&ev);
            status.set("Not saved yet".into());
            if let Some(h) = pending.get_value() {
                h.clear();
            }
            let place = place.clone();
            let handle = set_timeout_with_handle(
                move || {
                    status.set("Saving…".into());
                    let since = base.get_untracked();
                    leptos::task::spawn_local(async move {
                        let token = crate::components::csrf::csrf_token();
                        match crate::api::award::autosave_feedback(
                            token,
                            portfolio_id,
                            place,
                            body,
                            Some(since),
                        )
                        .await
                        {
                            Ok(stored) => {
                                base.set(stored);
                                status.set("Saved".into());
                            }
                            Err(e) => status.set(
                                e.field_errors()
                                    .first()
                                    .map_or(e.to_string(), |f| f.message.clone()),
                            ),
                        }
                    });
                },
                std::time::Duration::from_millis(QUIET_MS),
            )
            .ok();
            pending.set_value(handle);
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_input = |_: leptos::ev::Event| {};
    view! {
        <ActionForm action attr:class="feedback-form">
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <input type="hidden" name="domain" value=domain />
            <input type="hidden" name="place" value=place.clone() />
            <input type="hidden" name="base" prop:value=move || base.get() />
            <div class="form-group" class:form-group--error=move || message().is_some()>
                <label class="label label--s" for=field.clone()>
                    {label}
                </label>
                <div class="hint" id=hint_id.clone()>
                    {hint}
                </div>
                {move || {
                    message()
                        .map(|m| {
                            view! {
                                <p class="error-message">
                                    <span class="visually-hidden">"Error: "</span>
                                    {m}
                                </p>
                            }
                        })
                }}
                <textarea
                    class="textarea"
                    id=field.clone()
                    name="body"
                    rows=rows
                    aria-describedby=format!("{hint_id} {status_id}")
                    on:input=on_input
                >
                    {text}
                </textarea>
                <p class="secondary feedback-form__status" id=status_id aria-live="polite">
                    {move || status.get()}
                </p>
            </div>
            <button type="submit" class="button button--secondary button--small">
                "Save feedback"
            </button>
        </ActionForm>
    }
}
