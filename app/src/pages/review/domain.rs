//! One domain of the portfolio as the assessor reads it: each criterion with
//! the school's standard met beside that level's descriptors, what the school
//! wrote, its evidence, and a note; then the feedback on the whole domain.

use leptos::prelude::*;
use leptos_meta::Title;

use super::feedback_box::FeedbackBox;
use crate::api::award::get_review;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::evidence::rules::format_size;
use crate::model::{ReviewCriterion, ReviewPage};
use crate::pages::data::page_data;
use crate::pages::portfolio::PortfolioCaption;
use crate::pages::{id_param, query};

#[component]
pub fn ReviewDomainPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let number = id_param("number");
    let saved = query("saved");
    let data = page_data(
        move || (portfolio_id.get(), number.get(), saved.get()),
        |(id, n, _)| async move {
            match (id, n) {
                (Some(id), Some(n)) if n > 0 => get_review(id, n as u32).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <DomainReview page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DomainReview(page: ReviewPage) -> impl IntoView {
    let saved = query("saved");
    let id = page.portfolio.id;
    let n = page.domain;
    let Some(domain) = page.portfolio.framework.domain(n).cloned() else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    let editable = page.portfolio.can.assess && page.round.as_ref().is_some_and(|r| !r.decided());
    let last = page.portfolio.framework.domains.len() as u32;
    let title = format!("Review domain {n}: {}", domain.title);
    view! {
        <Title text=title.clone() />
        <PortfolioCaption portfolio=page.portfolio.clone() />
        <p class="body">
            <a href=format!("/portfolios/{id}/review")>"Back to the review"</a>
        </p>
        <span class="caption">{page.portfolio.school.name.clone()}</span>
        <h1 class="heading-l">{title}</h1>
        {move || {
            saved
                .get()
                .map(|_| {
                    view! {
                        <div class="notice notice--success" role="status">
                            "The feedback has been saved."
                        </div>
                    }
                })
        }}
        {if editable {
            view! {
                <p class="body">
                    "Your feedback saves as you type, and with its button. The school reads it once the board's decision is recorded."
                </p>
            }
                .into_any()
        } else {
            view! {
                <div class="notice" role="note">
                    "The decision has been recorded: this feedback is final."
                </div>
            }
                .into_any()
        }}
        {page
            .criteria
            .iter()
            .cloned()
            .map(|c| view! { <CriterionReview criterion=c portfolio_id=id domain=n editable /> })
            .collect_view()}
        <section class="review-domain-feedback" aria-labelledby="domain-feedback">
            <h2 class="heading-m" id="domain-feedback">
                "Feedback on domain "
                {n}
            </h2>
            {if editable {
                view! {
                    <FeedbackBox
                        portfolio_id=id
                        domain=n
                        place=format!("domain:{n}")
                        label=format!("Feedback on domain {n}: {}", domain.title)
                        hint="What the school does well, and what it should do next. Never name a child."
                            .to_string()
                        text=page.feedback.clone()
                        rows=8
                    />
                }
                    .into_any()
            } else {
                view! { <crate::components::award::PlainText text=page.feedback.clone() /> }
                    .into_any()
            }}
        </section>
        <nav class="pagination" aria-label="Domains">
            {(n > 1)
                .then(|| {
                    view! {
                        <a href=format!(
                            "/portfolios/{id}/review/domains/{}",
                            n - 1,
                        )>"Previous domain"</a>
                    }
                })}
            {(n < last)
                .then(|| {
                    view! {
                        <a href=format!(
                            "/portfolios/{id}/review/domains/{}",
                            n + 1,
                        )>"Next domain"</a>
                    }
                })}
        </nav>
    }
    .into_any()
}

#[component]
fn CriterionReview(
    criterion: ReviewCriterion,
    portfolio_id: i32,
    domain: u32,
    editable: bool,
) -> impl IntoView {
    let c = criterion;
    let heading_id = format!("criterion-{}", c.id.replace('.', "-"));
    let labelled = heading_id.clone();
    view! {
        <section class="criterion review-criterion" aria-labelledby=labelled>
            <h2 class="heading-s" id=heading_id>
                <span class="criterion__id">{c.id.clone()}</span>
                " "
                {c.statement.clone()}
            </h2>
            <div class="review-criterion__standard">
                <p class="body">
                    "The school's standard met: " <strong>{c.standard.clone()}</strong>
                </p>
                {(!c.descriptors.is_empty())
                    .then(|| {
                        view! {
                            <div class="descriptor">
                                <p class="descriptor__level">
                                    "What " {c.standard.clone()} " looks like in practice"
                                </p>
                                <ul class="descriptor__list">
                                    {c
                                        .descriptors
                                        .iter()
                                        .map(|d| view! { <li>{d.clone()}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })}
            </div>
            <Written label="What our current practice looks like" html=c.practice.clone() />
            <Written label="Impact on children and young people" html=c.impact.clone() />
            <Written label="Next steps" html=c.next_steps.clone() />
            <h3 class="heading-s">"Evidence"</h3>
            {if c.evidence.is_empty() {
                view! { <p class="body secondary">"No evidence linked."</p> }.into_any()
            } else {
                view! {
                    <ul class="list">
                        {c
                            .evidence
                            .iter()
                            .map(|e| {
                                let link = match (&e.file, &e.link) {
                                    (Some(f), _) => {
                                        view! {
                                            <a href=format!("/evidence/{}/download", e.id) download="">
                                                {e.title.clone()}
                                            </a>
                                            {format!(
                                                " ({}, {})",
                                                e.kind.label(),
                                                format_size(f.size_bytes),
                                            )}
                                        }
                                            .into_any()
                                    }
                                    (None, Some(url)) => {
                                        view! {
                                            <a href=url.clone() rel="noopener noreferrer">
                                                {e.title.clone()}
                                            </a>
                                            {format!(" ({})", e.kind.label())}
                                        }
                                            .into_any()
                                    }
                                    _ => view! { {e.title.clone()} }.into_any(),
                                };
                                view! { <li>{link}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {if editable {
                view! {
                    <FeedbackBox
                        portfolio_id
                        domain
                        place=format!("criterion:{}", c.id)
                        label=format!("Note on {} (optional)", c.id)
                        hint="A note the school will read beside this criterion.".to_string()
                        text=c.note.clone()
                        rows=3
                    />
                }
                    .into_any()
            } else if !c.note.is_empty() {
                view! {
                    <h3 class="heading-s">"Note"</h3>
                    <crate::components::award::PlainText text=c.note.clone() />
                }
                    .into_any()
            } else {
                ().into_any()
            }}
        </section>
    }
}

#[component]
fn Written(label: &'static str, html: String) -> impl IntoView {
    view! {
        <h3 class="heading-s">{label}</h3>
        {if html.trim().is_empty() {
            view! { <p class="body secondary">"Nothing written."</p> }.into_any()
        } else {
            view! { <div class="prose" inner_html=html></div> }.into_any()
        }}
    }
}
