//! The coordinator's members page: invite, change roles, remove.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{id_param, query};
use crate::api::members::{
    ChangeMemberRole, InviteMember, RemoveMember, RevokeInvitation, get_members_page,
};
use crate::api::resets::IssueReset;
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::layout::{CopyLink, TableScroll};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{Member, MembersPage as Page, SchoolRole};
use crate::pages::data::page_data;

#[component]
pub fn MembersPage() -> impl IntoView {
    let school_id = id_param("school_id");
    let change = ServerAction::<ChangeMemberRole>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let invite = ServerAction::<InviteMember>::new();
    let issue = ServerAction::<IssueReset>::new();
    let data = page_data(
        move || {
            (
                school_id.get(),
                change.version().get(),
                remove.version().get(),
                revoke.version().get(),
                issue.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => get_members_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let errors = Signal::derive(move || {
        action_error(change)
            .get()
            .or_else(|| action_error(remove).get())
            .or_else(|| action_error(revoke).get())
            .or_else(|| action_error(invite).get())
            .or_else(|| action_error(issue).get())
    });
    view! {
        <Title text="Members" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        view! { <Members page change remove revoke invite issue errors /> }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Members(
    page: Page,
    change: ServerAction<ChangeMemberRole>,
    remove: ServerAction<RemoveMember>,
    revoke: ServerAction<RevokeInvitation>,
    invite: ServerAction<InviteMember>,
    issue: ServerAction<IssueReset>,
    errors: Signal<Option<AppError>>,
) -> impl IntoView {
    let school_id = page.school.id;
    let new_invitation = query("invitation");
    let reset = query("reset");
    let reset_for = query("for");
    let names: Vec<(String, String)> = page
        .members
        .iter()
        .map(|m| (m.user_id.to_string(), m.name.clone()))
        .collect();
    view! {
        <ErrorSummary error=errors />
        <span class="caption">{page.school.name.clone()}</span>
        <h1 class="heading-l">"Members"</h1>
        {move || {
            new_invitation
                .get()
                .map(|token| {
                    view! {
                        <div class="panel" role="status">
                            <h2 class="heading-m">"Invitation link created"</h2>
                            <p class="body">
                                "Send this link to the person you are inviting. It works once and expires in 7 days. It is shown only now."
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
            reset
                .get()
                .map(|token| {
                    let name = reset_for
                        .get()
                        .and_then(|id| {
                            names.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone())
                        });
                    view! { <super::reset::ResetLinkMade name token /> }
                })
        }}
        <ul class="card-list">
            {page
                .members
                .into_iter()
                .map(|m| view! { <MemberCard m school_id change remove issue /> })
                .collect_view()}
        </ul>

        <InviteForm school_id invite />
        <PendingInvitations pending=page.pending school_id revoke />
    }
}

#[component]
fn InviteForm(school_id: i32, invite: ServerAction<InviteMember>) -> impl IntoView {
    view! {
        <h2 class="heading-m">"Invite someone"</h2>
        <ActionForm action=invite>
            <CsrfField />
            <input type="hidden" name="school_id" value=school_id />
            <fieldset class="fieldset">
                <legend class="fieldset__legend">"What will they do?"</legend>
                <div class="radios">
                    {SchoolRole::ALL
                        .into_iter()
                        .map(|role| {
                            let id = format!("role-{}", role.as_str());
                            let hint = format!("{id}-hint");
                            view! {
                                <div class="radios__item">
                                    <input
                                        class="radios__input"
                                        id=id.clone()
                                        type="radio"
                                        name="role"
                                        value=role.as_str()
                                        checked=role == SchoolRole::Editor
                                        aria-describedby=hint.clone()
                                    />
                                    <label class="label radios__label" for=id>
                                        {role.label()}
                                    </label>
                                    <div class="hint radios__hint" id=hint>
                                        {role.description()}
                                    </div>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button">
                "Create invitation link"
            </button>
        </ActionForm>
    }
}

#[component]
fn PendingInvitations(
    pending: Vec<crate::model::PendingInvitation>,
    school_id: i32,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    view! {
        {(!pending.is_empty())
            .then(|| {
                view! {
                    <h2 class="heading-m">"Invitations not yet used"</h2>
                    <TableScroll label="Invitations not yet used">
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">"Role"</th>
                                    <th scope="col">"Made by"</th>
                                    <th scope="col">"Expires"</th>
                                    <th scope="col">"Withdraw"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {pending
                                    .into_iter()
                                    .map(|inv| {
                                        view! {
                                            <tr>
                                                <td>{inv.role.label()}</td>
                                                <td>{inv.created_by.unwrap_or_default()}</td>
                                                <td>{crate::calendar::long_date(&inv.expires_at)}</td>
                                                <td>
                                                    <ActionForm action=revoke>
                                                        <CsrfField />
                                                        <input type="hidden" name="school_id" value=school_id />
                                                        <input type="hidden" name="invitation_id" value=inv.id />
                                                        <button type="submit" class="link-button">
                                                            "Withdraw"
                                                            <span class="visually-hidden">
                                                                " the " {inv.role.label()} " invitation"
                                                            </span>
                                                        </button>
                                                    </ActionForm>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableScroll>
                }
            })}
    }
}

/// One member as a GOV.UK summary card: it stacks on a phone, so no button
/// is cut off. Nobody is offered removing themselves.
#[component]
fn MemberCard(
    m: Member,
    school_id: i32,
    change: ServerAction<ChangeMemberRole>,
    remove: ServerAction<RemoveMember>,
    issue: ServerAction<IssueReset>,
) -> impl IntoView {
    let select_id = format!("role-of-{}", m.user_id);
    let name = m.name.clone();
    let (name1, name2, name3, name4) = (name.clone(), name.clone(), name.clone(), name.clone());
    view! {
        <li class="summary-card">
            <div class="summary-card__title-wrapper">
                <h2 class="summary-card__title">{m.name.clone()} {m.is_me.then_some(" (you)")}</h2>
            </div>
            <div class="summary-card__content">
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt>"E-mail"</dt>
                        <dd class="wrap-anywhere">{m.email.clone()}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt>"Role"</dt>
                        <dd>{m.role.label()}</dd>
                    </div>
                </dl>
                <ActionForm action=change attr:class="inline-form">
                    <CsrfField />
                    <input type="hidden" name="school_id" value=school_id />
                    <input type="hidden" name="user_id" value=m.user_id />
                    <label class="label" for=select_id.clone()>
                        "New role"
                        <span class="visually-hidden">" for " {name1}</span>
                    </label>
                    <select class="select" id=select_id name="role">
                        {SchoolRole::ALL
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <option value=r.as_str() selected=r == m.role>
                                        {r.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="button button--secondary button--small">
                        "Change role"
                    </button>
                </ActionForm>
                {(!m.is_me)
                    .then(|| {
                        view! {
                            <ActionForm action=issue attr:class="inline-form">
                                <CsrfField />
                                <input type="hidden" name="school_id" value=school_id />
                                <input type="hidden" name="user_id" value=m.user_id />
                                <button
                                    type="submit"
                                    class="button button--secondary button--small"
                                >
                                    "Make a password reset link"
                                    <span class="visually-hidden">" for " {name4}</span>
                                </button>
                            </ActionForm>
                            <details class="details">
                                <summary class="details__summary">
                                    "Remove" <span class="visually-hidden">" " {name2}</span>
                                </summary>
                                <div class="details__text">
                                    <p class="body">
                                        "Remove " {name3}
                                        " from this school? They will no longer see or change anything here."
                                    </p>
                                    <ActionForm action=remove>
                                        <CsrfField />
                                        <input type="hidden" name="school_id" value=school_id />
                                        <input type="hidden" name="user_id" value=m.user_id />
                                        <button type="submit" class="button button--warning">
                                            "Yes, remove "
                                            {name}
                                        </button>
                                    </ActionForm>
                                </div>
                            </details>
                        }
                    })}
            </div>
        </li>
    }
}
