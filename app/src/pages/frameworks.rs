//! The framework reader: every domain and criterion with its level descriptors
//! side by side.

use leptos::prelude::*;
use leptos_meta::Title;

use super::text_param;
use crate::api::frameworks::{get_framework, list_frameworks};
use crate::components::status::{ErrorPage, Loading};
use crate::pages::data::page_data;
use crate::rubric::{Criterion, Domain, Framework, Level};

#[component]
pub fn FrameworkList() -> impl IntoView {
    let data = page_data(|| (), |_| list_frameworks());
    view! {
        <Title text="Frameworks" />
        <h1 class="heading-l">"Frameworks"</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        view! {
                            <ul class="list list--spaced">
                                {list
                                    .into_iter()
                                    .map(|f| {
                                        view! {
                                            <li>
                                                <a class="heading-s" href=format!("/frameworks/{}", f.id)>
                                                    {f.title}
                                                </a>
                                                <br />
                                                <span class="secondary">
                                                    {f.publisher} " · version " {f.version} " · " {f.domains}
                                                    " domains, " {f.criteria} " criteria · "
                                                    {f.levels.join(" / ")}
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
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
pub fn FrameworkReader() -> impl IntoView {
    let id = text_param("framework_id");
    let data = page_data(move || id.get(), get_framework);
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(framework) => view! { <Reader framework /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Reader(framework: Framework) -> impl IntoView {
    let levels = framework.levels.clone();
    let with_descriptors = framework.criterion_descriptors;
    view! {
        <Title text=framework.title.clone() />
        <span class="caption">{framework.publisher.clone()}</span>
        <h1 class="heading-l">{framework.title.clone()}</h1>
        <nav class="contents" aria-label="Domains">
            <h2 class="heading-s">"Contents"</h2>
            <ol class="contents__list">
                {framework
                    .domains
                    .iter()
                    .map(|d| {
                        view! {
                            <li>
                                <a href=format!(
                                    "#domain-{}",
                                    d.number,
                                )>"Domain " {d.number} ": " {d.title.clone()}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
        <section aria-labelledby="levels-heading">
            <h2 class="heading-m" id="levels-heading">
                "Levels"
            </h2>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>{framework.not_met_label.clone()}</dt>
                    <dd>"The criterion does not yet meet the first level."</dd>
                </div>
                {levels
                    .iter()
                    .map(|l| {
                        view! {
                            <div class="summary-list__row">
                                <dt>{l.label.clone()}</dt>
                                <dd>{l.description.clone()}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            {framework
                .standard_met
                .guidance
                .iter()
                .map(|g| view! { <p class="body">{g.clone()}</p> })
                .collect_view()}
        </section>
        {framework
            .domains
            .iter()
            .map(|d| {
                view! {
                    <DomainSection
                        domain=d.clone()
                        levels=levels.clone()
                        intro=framework.intro.clone()
                        with_descriptors
                    />
                }
            })
            .collect_view()}
    }
}

#[component]
fn DomainSection(
    domain: Domain,
    levels: Vec<Level>,
    intro: String,
    with_descriptors: bool,
) -> impl IntoView {
    let id = format!("domain-{}", domain.number);
    let labelled_by = id.clone();
    view! {
        <section class="domain" aria-labelledby=labelled_by>
            <h2 class="heading-l" id=id>
                <span class="caption">"Domain " {domain.number}</span>
                {domain.title.clone()}
            </h2>
            <p class="lead">{domain.summary.clone()}</p>
            {domain
                .introduction
                .iter()
                .map(|p| view! { <p class="body">{p.clone()}</p> })
                .collect_view()}
            {domain
                .quotes
                .iter()
                .map(|q| {
                    view! {
                        <figure class="quote">
                            <blockquote>
                                <p>{format!("“{}”", q.text)}</p>
                            </blockquote>
                            <figcaption>{q.author.clone()}</figcaption>
                        </figure>
                    }
                })
                .collect_view()}
            {domain
                .criteria
                .iter()
                .map(|c| {
                    view! {
                        <CriterionView
                            criterion=c.clone()
                            levels=levels.clone()
                            intro=intro.clone()
                            with_descriptors
                        />
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn CriterionView(
    criterion: Criterion,
    levels: Vec<Level>,
    intro: String,
    with_descriptors: bool,
) -> impl IntoView {
    let heading_id = format!("criterion-{}", criterion.id.replace('.', "-"));
    let show_intro = !intro.is_empty() && with_descriptors;
    let labelled_by = heading_id.clone();
    view! {
        <article class="criterion" aria-labelledby=labelled_by>
            <h3 class="heading-s" id=heading_id>
                <span class="criterion__id">{criterion.id.clone()}</span>
                " "
                {show_intro
                    .then(|| view! { <span class="visually-hidden">{intro.clone()} " "</span> })}
                {criterion.statement.clone()}
            </h3>
            {with_descriptors
                .then(|| {
                    view! {
                        <div class="descriptors">
                            {levels
                                .iter()
                                .map(|l| {
                                    let examples = criterion.descriptor(&l.id).to_vec();
                                    view! {
                                        <div class=format!("descriptor descriptor--{}", l.id)>
                                            <h4 class="descriptor__level">{l.label.clone()}</h4>
                                            <ul class="descriptor__list">
                                                {examples
                                                    .into_iter()
                                                    .map(|e| view! { <li>{e}</li> })
                                                    .collect_view()}
                                            </ul>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })}
        </article>
    }
}
