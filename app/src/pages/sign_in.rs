use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::query;
use crate::api::auth::SignIn as SignInAction;
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, TextField, action_error};

#[component]
pub fn SignIn() -> impl IntoView {
    let action = ServerAction::<SignInAction>::new();
    let error = action_error(action);
    let next = query("next");
    let signed_out = query("signed_out");
    view! {
        <Title text="Sign in" />
        <div class="narrow">
            <ErrorSummary error />
            {move || {
                signed_out
                    .get()
                    .map(|_| {
                        view! {
                            <div class="notice" role="status">
                                "You have signed out."
                            </div>
                        }
                    })
            }}
            <h1 class="heading-l">"Sign in"</h1>
            <p class="body">
                "Sign in with the email address and password you set when you accepted your invitation."
            </p>
            // A plain form: signing in reloads the whole page as the new person.
            <form method="post" action=SignInAction::url()>
                <CsrfField />
                <input type="hidden" name="next" value=move || next.get().unwrap_or_default() />
                <TextField
                    name="email"
                    label="Email address"
                    input_type="email"
                    autocomplete="username"
                    error
                />
                <TextField
                    name="password"
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    error
                />
                <button type="submit" class="button">
                    "Sign in"
                </button>
            </form>
            <p class="body">
                "No account? Ask your school's coordinator for an invitation link. Forgotten your password? Ask them for a new invitation."
            </p>
        </div>
    }
}
