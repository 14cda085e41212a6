//! The evidence section of a criterion's page: what is linked, attaching an
//! item from the library, uploading a new one, unlinking.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::evidence::{AttachEvidence, DetachEvidence};
use crate::components::csrf::CsrfField;
use crate::components::evidence::DomainEvidenceNote;
use crate::components::forms::{ErrorSummary, action_error};
use crate::evidence::rules::format_size;
use crate::model::CriterionPageData;
use crate::pages::query;

#[component]
pub fn CriterionEvidence(page: CriterionPageData) -> impl IntoView {
    let pid = page.portfolio.id;
    let cid = page.criterion_id.clone();
    let editable = page.portfolio.may_edit();
    let attached = query("attached");
    let detached = query("detached");
    let attach = ServerAction::<AttachEvidence>::new();
    let error = action_error(attach);
    let domain_count = page
        .portfolio
        .framework
        .criterion(&cid)
        .and_then(|(d, _)| {
            page.portfolio
                .evidence
                .iter()
                .find(|c| c.number == d.number)
        })
        .cloned();
    view! {
        <section class="criterion-evidence" id="evidence" aria-labelledby="evidence-heading">
            <h2 class="heading-m" id="evidence-heading">
                "Evidence for "
                {cid.clone()}
            </h2>
            {move || {
                attached
                    .get()
                    .map(|_| {
                        view! {
                            <div class="notice notice--success" role="status">
                                "The evidence is now linked to this criterion."
                            </div>
                        }
                    })
            }}
            {move || {
                detached
                    .get()
                    .map(|_| {
                        view! {
                            <div class="notice notice--success" role="status">
                                "The evidence is no longer linked to this criterion. It is still in the library."
                            </div>
                        }
                    })
            }}
            {domain_count.map(|count| view! { <DomainEvidenceNote count portfolio_id=pid /> })}
            {if page.evidence.is_empty() {
                view! { <p class="body">"No evidence linked yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="evidence-list">
                        {page
                            .evidence
                            .iter()
                            .map(|item| {
                                let detail = match (&item.file, &item.link) {
                                    (Some(f), _) => {
                                        format!(
                                            "{}, {}",
                                            item.kind.label(),
                                            format_size(f.size_bytes),
                                        )
                                    }
                                    _ => item.kind.label().to_string(),
                                };
                                let cid = cid.clone();
                                view! {
                                    <li class="evidence-list__item">
                                        <a href=format!(
                                            "/portfolios/{pid}/evidence/{}",
                                            item.id,
                                        )>{item.title.clone()}</a>
                                        " "
                                        <span class="secondary">"(" {detail} ")"</span>
                                        {editable
                                            .then(|| {
                                                view! {
                                                    <form
                                                        method="post"
                                                        action=DetachEvidence::url()
                                                        class="inline-form"
                                                    >
                                                        <CsrfField />
                                                        <input type="hidden" name="item_id" value=item.id />
                                                        <input type="hidden" name="criterion_id" value=cid />
                                                        <button type="submit" class="button-link">
                                                            "Unlink"
                                                            <span class="visually-hidden">
                                                                " " {item.title.clone()}
                                                            </span>
                                                        </button>
                                                    </form>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {editable
                .then(|| {
                    let attachable = page.attachable.clone();
                    view! {
                        <ErrorSummary error />
                        {(!attachable.is_empty())
                            .then(|| {
                                view! {
                                    <form
                                        method="post"
                                        action=AttachEvidence::url()
                                        class="attach-form"
                                    >
                                        <CsrfField />
                                        <input
                                            type="hidden"
                                            name="criterion_id"
                                            value=cid.clone()
                                        />
                                        <div class="form-group">
                                            <label class="label" for="attach-item">
                                                "Attach evidence already in the library"
                                            </label>
                                            <select class="select" id="attach-item" name="item_id">
                                                {attachable
                                                    .into_iter()
                                                    .map(|(id, title)| {
                                                        view! { <option value=id>{title}</option> }
                                                    })
                                                    .collect_view()}
                                            </select>
                                        </div>
                                        <button type="submit" class="button button--secondary">
                                            "Attach"
                                        </button>
                                    </form>
                                }
                            })}
                        <p>
                            <a
                                class="button button--secondary"
                                href=format!("/portfolios/{pid}/evidence/new?criterion={cid}")
                            >
                                "Upload new evidence for "
                                {cid.clone()}
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}
