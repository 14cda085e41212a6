//! Opening an invitation link: set up an account, or join as who you are.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::text_param;
use crate::api::invitations::{
    AcceptInvitation as Accept, JoinWithInvitation as Join, get_invitation_preview,
};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, NewPasswordFields, TextField, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::components::viewer::viewer;
use crate::error::AppError;
use crate::model::{InvitationPreview, Me};
use crate::pages::data::page_data;

#[component]
pub fn AcceptInvitation() -> impl IntoView {
    let token = text_param("token");
    let data = page_data(move || token.get(), get_invitation_preview);
    view! {
        <Title text="Accept your invitation" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(preview) => {
                        view! { <Invitation preview me=viewer() token=token.get_untracked() /> }
                            .into_any()
                    }
                    Err(AppError::Conflict(message)) => {
                        view! {
                            <h1 class="heading-l">"This invitation cannot be used"</h1>
                            <p class="body">{message}</p>
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
fn Invitation(preview: InvitationPreview, me: Option<Me>, token: String) -> impl IntoView {
    let offer = format!(
        "You have been invited to join {} as {}.",
        preview.place,
        article(preview.role.label())
    );
    let expires = format!(
        "{} at {}",
        crate::calendar::long_date(&preview.expires_at),
        crate::calendar::clock(&preview.expires_at)
    );
    view! {
        <div class="narrow">
            {match me {
                Some(me) => view! { <JoinForm offer token me /> }.into_any(),
                None => view! { <NewAccountForm offer token /> }.into_any(),
            }} <p class="hint">"This link works once and expires on " {expires} " (UTC)."</p>
        </div>
    }
}

fn article(role: &str) -> String {
    let vowel = role.starts_with(['A', 'E', 'I', 'O', 'U']);
    format!("{} {}", if vowel { "an" } else { "a" }, role.to_lowercase())
}

#[component]
fn JoinForm(offer: String, token: String, me: Me) -> impl IntoView {
    let action = ServerAction::<Join>::new();
    let error = action_error(action);
    view! {
        <ErrorSummary error />
        <h1 class="heading-l">"Accept your invitation"</h1>
        <p class="body">{offer}</p>
        <p class="body">"You are signed in as " {me.name} " (" {me.email} ")."</p>
        <form method="post" action=Join::url()>
            <CsrfField />
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button">
                "Accept and continue"
            </button>
        </form>
    }
}

#[component]
fn NewAccountForm(offer: String, token: String) -> impl IntoView {
    let token_for_link = token.clone();
    let action = ServerAction::<Accept>::new();
    let error = action_error(action);
    view! {
        <ErrorSummary error />
        <h1 class="heading-l">"Set up your account"</h1>
        <p class="body">{offer}</p>
        <form method="post" action=Accept::url()>
            <CsrfField />
            <input type="hidden" name="token" value=token />
            <TextField name="name" label="Full name" autocomplete="name" error />
            <TextField
                name="email"
                label="Email address"
                hint="You will use this to sign in. Use your work address."
                input_type="email"
                autocomplete="email"
                error
            />
            <NewPasswordFields label="Create a password" error />
            <button type="submit" class="button">
                "Create account and continue"
            </button>
        </form>
        <p class="body">
            "Already have an account? "
            <a href=format!("/sign-in?next=/invitations/{token_for_link}")>"Sign in"</a>
            " first, then open this link again."
        </p>
    }
}
