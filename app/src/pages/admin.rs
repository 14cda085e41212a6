//! Site administration: authorities, schools, the award team.

use leptos::prelude::*;
use leptos_meta::Title;

use super::authority::SchoolTable;
use super::query;
use crate::api::admin::{CreateAuthority, CreateSchool, InviteAssessor, get_admin_overview};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, TextField, action_error};
use crate::components::layout::CopyLink;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::AdminOverview;
use crate::pages::data::page_data;

#[component]
pub fn AdminPage() -> impl IntoView {
    let create_authority = ServerAction::<CreateAuthority>::new();
    let create_school = ServerAction::<CreateSchool>::new();
    let invite_assessor = ServerAction::<InviteAssessor>::new();
    let data = page_data(
        move || create_authority.version().get(),
        |_| get_admin_overview(),
    );
    let error = Signal::derive(move || {
        action_error(create_authority)
            .get()
            .or_else(|| action_error(create_school).get())
            .or_else(|| action_error(invite_assessor).get())
    });
    view! {
        <Title text="Administration" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => {
                        view! {
                            <Admin overview create_authority create_school invite_assessor error />
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
fn Admin(
    overview: AdminOverview,
    create_authority: ServerAction<CreateAuthority>,
    create_school: ServerAction<CreateSchool>,
    invite_assessor: ServerAction<InviteAssessor>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let invitation = query("invitation");
    let reset = query("reset");
    let issue_reset = ServerAction::<crate::api::resets::IssueReset>::new();
    let reset_error = action_error(issue_reset);
    let authorities = overview.authorities.clone();
    let authority_options = move || {
        authorities
            .iter()
            .map(|a| view! { <option value=a.id>{a.name.clone()}</option> })
            .collect_view()
    };
    let authority_options_2 = authority_options.clone();
    view! {
        <ErrorSummary error />
        <h1 class="heading-l">"Administration"</h1>
        {move || {
            invitation
                .get()
                .map(|token| {
                    view! {
                        <div class="panel" role="status">
                            <h2 class="heading-m">"Invitation link created"</h2>
                            <p class="body">
                                "Send it to the person. It works once and is shown only now."
                            </p>
                            <CopyLink
                                label="Invitation link"
                                url=crate::links::absolute(&format!("/invitations/{token}"))
                            />
                        </div>
                    }
                })
        }}
        {move || {
            reset.get().map(|token| view! { <super::reset::ResetLinkMade name=None token /> })
        }}
        <h2 class="heading-m">"Schools"</h2>
        <SchoolTable schools=overview.schools />

        <h2 class="heading-m">"Register a school"</h2>
        <p class="body">"You will get an invitation link for the school's first coordinator."</p>
        <ActionForm action=create_school>
            <CsrfField />
            <div class="form-group">
                <label class="label" for="authority_id">
                    "Authority"
                </label>
                <select class="select" id="authority_id" name="authority_id">
                    {authority_options}
                </select>
            </div>
            <TextField name="name" label="School name" error />
            <TextField name="urn" label="URN" hint="6 or 7 digits" width="input--short" error />
            <TextField name="phase" label="Phase" hint="For example, Primary or Secondary" error />
            <TextField
                name="school_type"
                label="Type"
                hint="For example, Academy, Maintained, Special"
                error
            />
            <button type="submit" class="button">
                "Register school"
            </button>
        </ActionForm>

        <h2 class="heading-m">"Invite someone to an award team"</h2>
        <ActionForm action=invite_assessor>
            <CsrfField />
            <div class="form-group">
                <label class="label" for="assessor-authority">
                    "Authority"
                </label>
                <select class="select" id="assessor-authority" name="authority_id">
                    {authority_options_2}
                </select>
            </div>
            <button type="submit" class="button">
                "Create assessor invitation"
            </button>
        </ActionForm>

        <h2 class="heading-m" id="reset-heading">
            "Make a password reset link"
        </h2>
        <p class="body">
            "For a school's coordinator or a member of an award team who cannot sign in. Coordinators make links for the rest of their school on the members page."
        </p>
        <ErrorSummary error=reset_error />
        <ActionForm action=issue_reset>
            <CsrfField />
            <TextField
                name="email"
                label="Their email address"
                input_type="email"
                autocomplete="off"
                error=reset_error
            />
            <button type="submit" class="button">
                "Make a reset link"
            </button>
        </ActionForm>

        <h2 class="heading-m">"Add an authority"</h2>
        <ActionForm action=create_authority>
            <CsrfField />
            <div class="form-group">
                <label class="label" for="authority-name">
                    "Authority name"
                </label>
                <input class="input" id="authority-name" name="name" type="text" />
            </div>
            <button type="submit" class="button">
                "Add authority"
            </button>
        </ActionForm>
    }
}
