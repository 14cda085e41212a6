//! Opening a password reset link: choose a new password.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::text_param;
use crate::api::resets::{CompleteReset, get_reset};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, NewPasswordFields, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::ResetPreview;
use crate::pages::data::page_data;

#[component]
pub fn ResetPage() -> impl IntoView {
    let token = text_param("token");
    let data = page_data(move || token.get(), get_reset);
    view! {
        <Title text="Choose a new password" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => {
                        view! { <ResetForm preview token=token.get_untracked() /> }.into_any()
                    }
                    Err(AppError::Conflict(message)) => {
                        view! {
                            <div class="narrow">
                                <h1 class="heading-l">"This link cannot be used"</h1>
                                <p class="body">{message}</p>
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ResetForm(preview: ResetPreview, token: String) -> impl IntoView {
    let action = ServerAction::<CompleteReset>::new();
    let error = action_error(action);
    view! {
        <div class="narrow">
            <ErrorSummary error />
            <h1 class="heading-l">"Choose a new password"</h1>
            <p class="body">"For " {preview.name} " (" {preview.email} ")."</p>
            <form method="post" action=CompleteReset::url()>
                <CsrfField />
                <input type="hidden" name="token" value=token />
                <NewPasswordFields label="New password" error />
                <button type="submit" class="button">
                    "Change password and sign in"
                </button>
            </form>
            <p class="hint">
                "This link works once. Changing your password signs you out on every other device."
            </p>
        </div>
    }
}

/// A reset link just made, to hand over in person or by phone: shown once,
/// from the `reset` (token) and `for` (whose) of the address.
#[component]
pub fn ResetLinkMade(name: Option<String>, token: String) -> impl IntoView {
    let whom = name.clone().unwrap_or_else(|| "the person".to_string());
    view! {
        <div class="panel" role="status">
            <h2 class="heading-m">
                {match name {
                    Some(n) => format!("Password reset link for {n}"),
                    None => "Password reset link".to_string(),
                }}
            </h2>
            <p class="body">
                "Give this link to " {whom}
                " yourself, not to a shared inbox. It works once, for 24 hours, and is shown only now. Using it signs them out everywhere else."
            </p>
            <crate::components::layout::CopyLink
                label="Password reset link"
                url=crate::links::absolute(&format!("/reset/{token}"))
            />
        </div>
    }
}
