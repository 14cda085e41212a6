//! One evidence item: what it is, where it is linked, who confirmed it is
//! anonymised; for staff, changing it and deleting it (asked first).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::evidence::{DeleteEvidence, SaveEvidence, get_evidence_item};
use crate::components::csrf::CsrfField;
use crate::components::evidence::{CriteriaChoice, IdentifierWarning, KindOptions, findings_in};
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::evidence::rules::{MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS, format_size};
use crate::model::EvidenceItemPage as PageData;
use crate::pages::data::page_data;
use crate::pages::portfolio::PortfolioCaption;
use crate::pages::{format_date, id_param, query};

#[component]
pub fn EvidenceItemPage() -> impl IntoView {
    let item_id = id_param("item_id");
    let data = page_data(
        move || item_id.get(),
        |id| async move {
            match id {
                Some(id) => get_evidence_item(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Item page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Item(page: PageData) -> impl IntoView {
    let portfolio = page.portfolio.clone();
    let item = page.item.clone();
    let pid = portfolio.id;
    let editable = portfolio.may_edit();
    let added = query("added");
    let saved = query("saved");
    let asking_delete = query("delete");
    let save = ServerAction::<SaveEvidence>::new();
    let error = action_error(save);
    let delete = ServerAction::<DeleteEvidence>::new();
    let delete_error = action_error(delete);
    let here = format!("/portfolios/{pid}/evidence/{}", item.id);
    let framework = portfolio.framework.clone();
    let criteria_links = item
        .criteria
        .iter()
        .map(|c| {
            let statement = framework
                .criterion(c)
                .map(|(_, cr)| cr.statement.clone())
                .unwrap_or_default();
            view! {
                <li>
                    <a href=format!("/portfolios/{pid}/criteria/{c}")>
                        <span class="criterion__id">{c.clone()}</span>
                        " "
                        {statement}
                    </a>
                </li>
            }
        })
        .collect_view();
    let kept: Vec<String> = page
        .overrides
        .iter()
        .map(|o| o.found_text.clone())
        .collect();
    let title = RwSignal::new(item.title.clone());
    let description = RwSignal::new(item.description.clone());
    let findings = {
        let kept = kept.clone();
        Signal::derive(move || {
            let mut found = findings_in("title", &title.get(), &kept);
            found.extend(findings_in("description", &description.get(), &kept));
            found
        })
    };
    let has_identifier_error = move || {
        error.get().is_some_and(|e| {
            e.field_errors()
                .iter()
                .any(|f| f.message.contains("may identify"))
        }) || !findings.get().is_empty()
    };

    view! {
        <Title text=item.title.clone() />
        <PortfolioCaption portfolio=portfolio.clone() />
        <p class="body">
            <a href=format!("/portfolios/{pid}/evidence")>"All evidence"</a>
        </p>
        {move || {
            (added.get().is_some() || saved.get().is_some())
                .then(|| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "The evidence has been saved."
                        </div>
                    }
                })
        }}
        <span class="caption">{item.kind.label()}</span>
        <h1 class="heading-l">{item.title.clone()}</h1>
        {(!item.description.is_empty())
            .then(|| view! { <p class="body evidence-description">{item.description.clone()}</p> })}
        <dl class="summary-list">
            {item
                .file
                .clone()
                .map(|f| {
                    view! {
                        <div class="summary-list__row">
                            <dt>"File"</dt>
                            <dd>
                                <a
                                    href=item.download_url().unwrap_or_default()
                                    download=f.name.clone()
                                >
                                    {f.name.clone()}
                                </a>
                                " ("
                                {format_size(f.size_bytes)}
                                ")"
                            </dd>
                        </div>
                    }
                })}
            {item
                .link
                .clone()
                .map(|l| {
                    view! {
                        <div class="summary-list__row">
                            <dt>"Link"</dt>
                            <dd>
                                <a
                                    href=l.clone()
                                    rel="noopener noreferrer nofollow"
                                    target="_blank"
                                >
                                    {l.clone()}
                                </a>
                            </dd>
                        </div>
                    }
                })} <div class="summary-list__row">
                <dt>"Criteria"</dt>
                <dd>
                    {if item.criteria.is_empty() {
                        view! { <p class="body">"Not linked to any criterion yet."</p> }.into_any()
                    } else {
                        view! { <ul class="list">{criteria_links}</ul> }.into_any()
                    }}
                </dd>
            </div> <div class="summary-list__row">
                <dt>"Added"</dt>
                <dd>
                    {format_date(Some(item.uploaded_at.date_naive()))}
                    {item.uploaded_by.clone().map(|n| format!(" by {n}"))}
                </dd>
            </div> <div class="summary-list__row">
                <dt>"Privacy"</dt>
                <dd>
                    {format!(
                        "Confirmed anonymised{}",
                        item
                            .anonymised_confirmed_by
                            .clone()
                            .map(|n| format!(" by {n}"))
                            .unwrap_or_default(),
                    )}
                    {item
                        .photo_confirmed
                        .then_some(
                            ". Photo permission held and no child's face shown (confirmed).",
                        )}
                </dd>
            </div>
        </dl>
        {(!page.overrides.is_empty())
            .then(|| {
                view! {
                    <h2 class="heading-s">"Identifier warnings kept"</h2>
                    <ul class="list">
                        {page
                            .overrides
                            .iter()
                            .map(|o| {
                                view! {
                                    <li>
                                        {format!(
                                            "“{}” kept by {} on {}",
                                            o.found_text,
                                            o.by.clone().unwrap_or_else(|| "a former member".into()),
                                            crate::calendar::long_date(&o.at),
                                        )}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}

        {editable
            .then(|| {
                let item = item.clone();
                let here = here.clone();
                view! {
                    <h2 class="heading-m">"Change this evidence"</h2>
                    <ErrorSummary error />
                    <form method="post" action=SaveEvidence::url() class="evidence-edit">
                        <CsrfField />
                        <input type="hidden" name="item_id" value=item.id />
                        <div class="form-group" class:form-group--error=move || error.get().and_then(|e| e.field("title").map(str::to_string)).is_some()>
                            <label class="label" for="title">"Title"</label>
                            {move || error.get().and_then(|e| e.field("title").map(str::to_string)).map(|m| view! { <p class="error-message">{m}</p> })}
                            <input
                                class="input"
                                id="title"
                                name="title"
                                type="text"
                                maxlength=MAX_TITLE_CHARS
                                value=item.title.clone()
                                on:input=move |e| title.set(event_target_value(&e))
                            />
                        </div>
                        <div class="form-group">
                            <label class="label" for="kind">"Kind of evidence"</label>
                            <select class="select" id="kind" name="kind">
                                <KindOptions selected=item.kind.as_str().to_string() />
                            </select>
                        </div>
                        <div class="form-group" class:form-group--error=move || error.get().and_then(|e| e.field("description").map(str::to_string)).is_some()>
                            <label class="label" for="description">"Description"</label>
                            {move || error.get().and_then(|e| e.field("description").map(str::to_string)).map(|m| view! { <p class="error-message">{m}</p> })}
                            <textarea
                                class="textarea"
                                id="description"
                                name="description"
                                rows="4"
                                maxlength=MAX_DESCRIPTION_CHARS
                                aria-describedby="description-identifiers"
                                on:input=move |e| description.set(event_target_value(&e))
                            >
                                {item.description.clone()}
                            </textarea>
                        </div>
                        <IdentifierWarning findings id="description-identifiers" />
                        {item
                            .link
                            .clone()
                            .map(|l| {
                                view! {
                                    <div class="form-group">
                                        <label class="label" for="link">"Link"</label>
                                        {move || error.get().and_then(|e| e.field("link").map(str::to_string)).map(|m| view! { <p class="error-message">{m}</p> })}
                                        <input class="input" id="link" name="link" type="url" value=l />
                                    </div>
                                }
                            })}
                        <CriteriaChoice framework=framework.clone() selected=item.criteria.clone() />
                        <Show when=has_identifier_error>
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id="override_identifiers" name="override_identifiers" value="yes" />
                                <label class="checkboxes__label" for="override_identifiers">
                                    "I have checked the warning: it does not identify anyone. Save it anyway (this is recorded)."
                                </label>
                            </div>
                        </Show>
                        <button type="submit" class="button">"Save changes"</button>
                    </form>

                    <h2 class="heading-m" id="delete">"Delete this evidence"</h2>
                    {move || {
                        if asking_delete.get().is_some() || delete_error.get().is_some() {
                            view! {
                                <div class="notice notice--important" role="alert">
                                    <p class="body">
                                        <strong>"Are you sure?"</strong>
                                        " This deletes the evidence and removes it from every criterion it is linked to. It cannot be undone."
                                    </p>
                                    <form method="post" action=DeleteEvidence::url()>
                                        <CsrfField />
                                        <input type="hidden" name="item_id" value=item.id />
                                        <input type="hidden" name="confirm" value="yes" />
                                        <div class="button-group">
                                            <button type="submit" class="button button--warning">"Yes, delete it"</button>
                                            <a class="link" href=here.clone()>"No, keep it"</a>
                                        </div>
                                    </form>
                                </div>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p>
                                    <a class="button button--warning" href=format!("{here}?delete=1#delete")>
                                        "Delete…"
                                    </a>
                                </p>
                            }
                                .into_any()
                        }
                    }}
                }
            })}
    }
}
