//! A person's own work: comments that mention them, criteria waiting for
//! their review, their criteria others changed since they last looked, and
//! the criteria they own — in every portfolio their school is writing.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::review::get_my_work;
use crate::components::status::{ErrorPage, Loading};
use crate::glossary;
use crate::model::{MentionItem, MyWork, PortfolioWork, WorkItem};
use crate::pages::data::page_data;

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let data = page_data(|| (), |_| get_my_work());
    view! {
        <Title text=glossary::MY_WORK />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(work) => view! { <Work work /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Work(work: MyWork) -> impl IntoView {
    let waiting = work.waiting();
    view! {
        <h1 class="heading-l">{glossary::MY_WORK}</h1>
        {if work.portfolios.is_empty() {
            view! {
                <p class="body">
                    "Your school is not writing a portfolio at the moment, so there is nothing for you here."
                </p>
            }
                .into_any()
        } else {
            view! {
                <p class="body">
                    {match waiting {
                        0 => "Nothing is waiting for you.".to_string(),
                        1 => "1 thing is waiting for you.".to_string(),
                        n => format!("{n} things are waiting for you."),
                    }}
                </p>
                {work
                    .portfolios
                    .into_iter()
                    .map(|p| view! { <PortfolioSection work=p /> })
                    .collect_view()}
            }
                .into_any()
        }}
    }
}

#[component]
fn PortfolioSection(work: PortfolioWork) -> impl IntoView {
    let pid = work.portfolio_id;
    view! {
        <section class="my-work" aria-labelledby=format!("work-{pid}")>
            <h2 class="heading-m" id=format!("work-{pid}")>
                <a href=format!("/portfolios/{pid}")>{work.school_name.clone()}</a>
            </h2>
            <p class="body secondary">{work.framework_title.clone()}</p>
            <h3 class="heading-s">{format!("Comments for you ({})", work.mentions.len())}</h3>
            <Mentions portfolio_id=pid items=work.mentions />
            <h3 class="heading-s">
                {format!("Waiting for your review ({})", work.to_review.len())}
            </h3>
            <Items
                portfolio_id=pid
                items=work.to_review
                empty="Nothing is ready for you to review."
            />
            <h3 class="heading-s">
                {format!("Changed since you last looked ({})", work.changed.len())}
            </h3>
            <Items
                portfolio_id=pid
                items=work.changed
                empty="Nobody else has changed your criteria since you last looked."
            />
            <h3 class="heading-s">{format!("Criteria you own ({})", work.owned.len())}</h3>
            <Items
                portfolio_id=pid
                items=work.owned
                empty="You do not own any criteria. The owner is chosen on each criterion's page."
            />
        </section>
    }
}

#[component]
fn Mentions(portfolio_id: i32, items: Vec<MentionItem>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="body">"No open comments mention you."</p> }.into_any();
    }
    view! {
        <ul class="work-list">
            {items
                .into_iter()
                .map(|m| {
                    view! {
                        <li class="work-list__item">
                            <a href=format!(
                                "/portfolios/{portfolio_id}/criteria/{}#comment-{}",
                                m.criterion_id,
                                m.comment_id,
                            )>{format!("Comment on {} from {}", m.criterion_id, m.author)}</a>
                            <span class="work-list__detail">{m.when}</span>
                            <span class="work-list__detail comment__body">{m.body}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Items(portfolio_id: i32, items: Vec<WorkItem>, empty: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="body">{empty}</p> }.into_any();
    }
    view! {
        <ul class="work-list">
            {items
                .into_iter()
                .map(|i| {
                    view! {
                        <li class="work-list__item">
                            <a href=format!(
                                "/portfolios/{portfolio_id}/criteria/{}",
                                i.criterion_id,
                            )>
                                <span class="criterion__id">{i.criterion_id.clone()}</span>
                                " "
                                {i.statement.clone()}
                            </a>
                            " "
                            <strong class=i.status.tag_class()>{i.status.label()}</strong>
                            {i
                                .last_change
                                .map(|c| {
                                    view! {
                                        <span class="work-list__detail">
                                            {format!("Last changed by {}, {}", c.who, c.when)}
                                        </span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
