//! One criterion: its descriptors for reference, and the response written
//! together. Without JavaScript the same page is a plain form.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use super::comments::{ChangedSince, CriterionComments, LastChanged};
use super::criterion_evidence::CriterionEvidence;
use super::{PortfolioCaption, open_session};
use crate::api::portfolios::{SaveCriterion, get_criterion_page};
use crate::collab::handle::use_collab;
use crate::collab::schema;
use crate::components::collab::{CollabSelect, CollabTextarea, PresenceOn, SaveStatusBar};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{CriterionPageData, ResponseStatus};
use crate::pages::data::page_data;
use crate::pages::{id_param, query, text_param};

#[component]
pub fn CriterionPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let criterion_id = text_param("criterion_id");
    // A comment added or resolved lands back here: read the page again.
    let commented = query("commented");
    let resolved = query("resolved");
    let data = page_data(
        move || {
            (
                portfolio_id.get(),
                criterion_id.get(),
                commented.get(),
                resolved.get(),
            )
        },
        |(id, criterion, _, _)| async move {
            match id {
                Some(id) => get_criterion_page(id, criterion).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Criterion page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Criterion(page: CriterionPageData) -> impl IntoView {
    let collab = use_collab();
    let portfolio = page.portfolio.clone();
    let cid = page.criterion_id.clone();
    open_session(collab, &portfolio, Some(cid.clone()));
    let framework = portfolio.framework.clone();
    let Some((domain, criterion)) = framework
        .criterion(&cid)
        .map(|(d, c)| (d.clone(), c.clone()))
    else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    let editable = portfolio.may_edit();
    let action = ServerAction::<SaveCriterion>::new();
    let error = action_error(action);
    let saved = query("saved");
    let id = portfolio.id;

    let mut standards = vec![(String::new(), crate::glossary::NOT_CHOSEN.to_string())];
    standards.push(("not_yet".into(), framework.not_met_label.clone()));
    standards.extend(
        framework
            .levels
            .iter()
            .map(|l| (l.id.clone(), l.label.clone())),
    );
    let statuses: Vec<(String, String)> = ResponseStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let mut owners = vec![(String::new(), "Nobody yet".to_string())];
    owners.extend(
        portfolio
            .staff
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone())),
    );

    let fields = framework.completion_fields.clone();
    let kept = page.kept_identifiers.clone();
    let review = page.review.clone();
    let changed_by = {
        let review = review.clone();
        move |field: crate::rubric::FieldKind| {
            review.as_ref().and_then(|r| {
                r.changed_since
                    .iter()
                    .find(|(f, _)| f == field.as_str())
                    .map(|(_, who)| who.clone())
            })
        }
    };
    // Only someone who has not written it marks it reviewed.
    let may_review = review.as_ref().is_none_or(|r| r.may_review);
    let not_mine_to_review = if may_review {
        vec![]
    } else {
        vec![ResponseStatus::Reviewed.as_str().to_string()]
    };
    let content = page.content.clone();
    // Hydrated, every change is already saved as it is made: the button is
    // then only for the plain form.
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        if collab.ready.get_untracked() {
            event.prevent_default();
        }
    };
    let levels = framework.levels.clone();
    let with_descriptors = framework.criterion_descriptors;
    let history = format!("/portfolios/{id}/criteria/{cid}/history");
    let (previous, next) = framework.neighbours(&cid);
    let previous = previous.cloned();
    let next = next.cloned();
    let has_next = next.is_some();

    view! {
        <Title text=format!("{} {}", cid, criterion.statement) />
        <PortfolioCaption portfolio=portfolio.clone() />
        <p class="body">
            <a href=format!(
                "/portfolios/{id}/domains/{}",
                domain.number,
            )>"Domain " {domain.number} ": " {domain.title.clone()}</a>
        </p>
        <ErrorSummary error />
        {move || {
            saved
                .get()
                .map(|_| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "Your changes have been saved."
                        </div>
                    }
                })
        }}
        <span class="caption">{framework.intro.clone()}</span>
        <h1 class="heading-l criterion__title">
            <span class="criterion__id">{cid.clone()}</span>
            " "
            {criterion.statement.clone()}
        </h1>
        {review.clone().map(|r| view! { <LastChanged review=r /> })}
        <PresenceOn criterion=cid.clone() />
        {review.clone().map(|r| view! { <ChangedSince review=r /> })}
        <SaveStatusBar />
        {portfolio
            .row(&cid)
            .is_some_and(|r| r.carried_over)
            .then(|| {
                view! {
                    <div class="notice" role="note">
                        <strong class="tag tag--carried">"Carried over"</strong>
                        " This is last cycle's text, not changed yet in this cycle. Check it still holds and bring it up to date."
                    </div>
                }
            })}
        {portfolio
            .award
            .last_decision()
            .and_then(|r| r.criterion_note(&cid))
            .map(|note| {
                view! {
                    <div class="panel" role="note">
                        <h2 class="heading-s">"The award team's note on this criterion"</h2>
                        <crate::components::award::PlainText text=note.body.clone() />
                    </div>
                }
            })}

        {with_descriptors
            .then(|| {
                view! {
                    <details class="details" open=true>
                        <summary class="details__summary">
                            "What this looks like in practice"
                        </summary>
                        <div class="descriptors">
                            {levels
                                .iter()
                                .map(|l| {
                                    view! {
                                        <div class=format!("descriptor descriptor--{}", l.id)>
                                            <h2 class="descriptor__level">{l.label.clone()}</h2>
                                            <ul class="descriptor__list">
                                                {criterion
                                                    .descriptor(&l.id)
                                                    .iter()
                                                    .map(|e| view! { <li>{e.clone()}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </details>
                }
            })}

        {(!editable).then(|| view! { <ReadView page=page.clone() /> })}
        {editable
            .then(move || {
                view! {
                    <form
                        method="post"
                        action=SaveCriterion::url()
                        class="criterion-form"
                        on:submit=on_submit
                    >
                        <CsrfField />
                        <input type="hidden" name="portfolio_id" value=id />
                        <input type="hidden" name="criterion_id" value=cid.clone() />
                        {fields
                            .into_iter()
                            .map(|f| {
                                let kept_here: Vec<String> = kept
                                    .iter()
                                    .filter(|(field, _)| field == f.id.as_str())
                                    .map(|(_, text)| text.clone())
                                    .collect();
                                view! {
                                    <CollabTextarea
                                        criterion=cid.clone()
                                        field=f.id
                                        label=f.label.clone()
                                        guidance=f.guidance.clone()
                                        max_chars=f.max_chars
                                        initial=content.text(f.id).to_string()
                                        editable
                                        portfolio_id=id
                                        kept=kept_here
                                        changed_by=changed_by(f.id)
                                    />
                                }
                            })
                            .collect_view()}
                        <div class="choices">
                            <CollabSelect
                                criterion=cid.clone()
                                key=schema::STANDARD
                                label="Standard met"
                                options=standards
                                initial=content.standard.clone()
                                editable
                            />
                            <CollabSelect
                                criterion=cid.clone()
                                key=schema::STATUS
                                label="Status"
                                options=statuses
                                initial=Some(content.status.as_str().to_string())
                                editable
                                hint=if may_review {
                                    "Mark it reviewed when someone who did not write it has read it."
                                } else {
                                    crate::review::ONLY_ANOTHER
                                }
                                unavailable=not_mine_to_review
                            />
                            <CollabSelect
                                criterion=cid.clone()
                                key=schema::OWNER
                                label="Owner"
                                options=owners
                                initial=content.owner.map(|o| o.to_string())
                                editable
                            />
                        </div>
                        // Live, every change is saved as it is made (the bar
                        // says so): buttons only for the plain form.
                        <Show when=move || !collab.ready.get()>
                            <div class="button-group">
                                {has_next
                                    .then(|| {
                                        view! {
                                            <button type="submit" class="button" name="then" value="next">
                                                "Save and go to the next criterion"
                                            </button>
                                        }
                                    })}
                                <button
                                    type="submit"
                                    class="button"
                                    class:button--secondary=has_next
                                >
                                    "Save"
                                </button>
                            </div>
                        </Show>
                    </form>
                }
            })}
        <p class="body">
            <a href=history>"See who changed what"</a>
        </p>
        <CriterionComments page=page.clone() />
        <CriterionEvidence page=page.clone() />
        <CriterionPager portfolio_id=id previous next />
    }
    .into_any()
}

/// Previous / next criterion, in framework order across domains.
#[component]
fn CriterionPager(
    portfolio_id: i32,
    previous: Option<crate::rubric::Criterion>,
    next: Option<crate::rubric::Criterion>,
) -> impl IntoView {
    let link = move |c: crate::rubric::Criterion, rel: &'static str, title: &'static str| {
        view! {
            <a
                class="pagination__link"
                href=format!("/portfolios/{portfolio_id}/criteria/{}", c.id)
                rel=rel
            >
                <span class="pagination__title">{title}</span>
                <span class="pagination__label">
                    <span class="criterion__id">{c.id.clone()}</span>
                    " "
                    {c.statement.clone()}
                </span>
            </a>
        }
    };
    view! {
        <nav class="pagination pagination--block" aria-label="Criteria">
            <div class="pagination__prev">
                {previous.map(|c| link(c, "prev", "Previous criterion"))}
            </div>
            <div class="pagination__next">{next.map(|c| link(c, "next", "Next criterion"))}</div>
        </nav>
    }
}

/// What is written, for those who may read but not change it: light Markdown
/// rendered (safely) by the server.
#[component]
fn ReadView(page: CriterionPageData) -> impl IntoView {
    use crate::rubric::FieldKind;
    let framework = page.portfolio.framework.clone();
    let standard = page
        .portfolio
        .standard_label(page.content.standard.as_deref());
    let sections: Vec<(String, String)> = framework
        .completion_fields
        .iter()
        .map(|f| {
            let html = match f.id {
                FieldKind::Practice => page.rendered.practice.clone(),
                FieldKind::Impact => page.rendered.impact.clone(),
                FieldKind::NextSteps => page.rendered.next_steps.clone(),
            };
            (f.label.clone(), html)
        })
        .collect();
    view! {
        <div class="read-view">
            {sections
                .into_iter()
                .map(|(label, html)| {
                    let empty = html.trim().is_empty();
                    view! {
                        <h2 class="heading-m">{label}</h2>
                        {if empty {
                            view! { <p class="body secondary">"Nothing written yet."</p> }
                                .into_any()
                        } else {
                            view! { <div class="prose" inner_html=html /> }.into_any()
                        }}
                    }
                })
                .collect_view()} <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>"Standard met"</dt>
                    <dd>{standard}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>"Status"</dt>
                    <dd>{page.content.status.label()}</dd>
                </div>
            </dl>
        </div>
    }
}
