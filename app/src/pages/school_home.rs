//! A school's home: its portfolios and where each stands.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{format_date, id_param};
use crate::api::schools::get_school_home;
use crate::components::progress::{LevelProfileTable, ProgressBar};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::{PortfolioCard, SchoolHome};
use crate::pages::data::page_data;

#[component]
pub fn SchoolHomePage() -> impl IntoView {
    let school_id = id_param("school_id");
    let data = page_data(
        move || school_id.get(),
        |id| async move {
            match id {
                Some(id) => get_school_home(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(home) => view! { <School home /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn School(home: SchoolHome) -> impl IntoView {
    let school_id = home.school.id;
    let can = home.can;
    view! {
        <Title text=home.school.name.clone() />
        <span class="caption">{home.school.authority_name.clone()}</span>
        <h1 class="heading-l">{home.school.name.clone()}</h1>
        <p class="body secondary">
            "URN " {home.school.urn.clone()} " · " {home.school.phase.clone()} " · "
            {home.school.school_type.clone()}
        </p>
        {can
            .edit
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!(
                            "/schools/{school_id}/surveys",
                        )>"Surveys of carers, pupils and staff"</a>
                    </p>
                }
            })}
        {can
            .keep_peps
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!("/schools/{school_id}/peps")>"PEP meetings"</a>
                        " · "
                        <a href=format!("/schools/{school_id}/calendar")>"School calendar"</a>
                    </p>
                }
            })}
        {can
            .manage_members
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!("/schools/{school_id}/members")>"Manage members"</a>
                    </p>
                }
            })}
        {can
            .read_downloads
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!(
                            "/schools/{school_id}/downloads",
                        )>"Who downloaded evidence and packs"</a>
                    </p>
                }
            })}
        {(!can.edit)
            .then(|| {
                view! {
                    <div class="notice" role="note">
                        "You can read this school's progress. You cannot change it."
                    </div>
                }
            })}
        {if home.portfolios.is_empty() {
            view! { <p class="body">"This school has no portfolio yet."</p> }.into_any()
        } else {
            home.portfolios
                .into_iter()
                .map(|card| {
                    if card.is_award {
                        view! { <Portfolio card /> }.into_any()
                    } else {
                        view! { <SelfAudit card /> }.into_any()
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}

#[component]
fn Portfolio(card: PortfolioCard) -> impl IntoView {
    let can_read = card.can_read;
    let p = card.progress.clone();
    let label_of = {
        let labels = card.level_labels.clone();
        let not_met = card.not_met_label.clone();
        move |id: &Option<String>| match id {
            Some(id) => labels
                .iter()
                .find(|(l, _)| l == id)
                .map(|(_, label)| label.clone())
                .unwrap_or_else(|| id.clone()),
            None => not_met.clone(),
        }
    };
    let reached = p.level_reached.as_ref().map_or_else(
        || crate::glossary::NO_LEVEL.to_string(),
        |l| label_of(&Some(l.clone())),
    );
    let next = p.next_level.as_ref().map(|n| label_of(&Some(n.clone())));
    let days_left = card
        .days_left
        .filter(|_| card.status == crate::model::PortfolioStatus::InProgress);
    let heading_id = format!("portfolio-{}", card.id);
    let labelled_by = heading_id.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 class="heading-m" id=heading_id>
                {card.framework_title.clone()}
                {(card.cycle > 1).then(|| format!(" (renewal {})", card.cycle - 1))}
            </h2>
            <p class="body">
                <strong class="tag">{card.status.label()}</strong>
                {card
                    .cover
                    .award_level
                    .as_ref()
                    .map(|l| {
                        let label = card
                            .level_labels
                            .iter()
                            .find(|(id, _)| id == l)
                            .map(|(_, label)| label.clone())
                            .unwrap_or_else(|| l.clone());
                        format!(" {label}, awarded {}", format_date(card.cover.award_date))
                    })}
            </p>
            <crate::components::award::RenewalBanner renewal=card.renewal.clone() />
            {can_read
                .then(|| {
                    view! {
                        <p class="body">
                            <a class="button" href=format!("/portfolios/{}", card.id)>
                                "Open the portfolio"
                            </a>
                        </p>
                    }
                })}
            <p class="body">
                <a href=format!("/portfolios/{}/dashboard", card.id)>"Dashboard for governors"</a>
            </p>
            <ProgressBar complete=p.complete total=p.total label="Criteria" />
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt>"The portfolio stands at"</dt>
                    <dd>
                        <strong>{reached}</strong>
                    </dd>
                </div>
                {next
                    .map(|next| {
                        let between = p.standing_between.clone();
                        view! {
                            <div class="summary-list__row">
                                <dt>{format!("Standing between it and {next}")}</dt>
                                <dd>
                                    {if between.len() > 12 {
                                        format!("{} criteria", between.len())
                                    } else {
                                        between.join(", ")
                                    }}
                                </dd>
                            </div>
                        }
                    })}
                <div class="summary-list__row">
                    <dt>{crate::glossary::cover::DESIGNATED_TEACHER}</dt>
                    <dd>{non_empty(&card.cover.designated_teacher)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{crate::glossary::cover::START_DATE}</dt>
                    <dd>{format_date(card.cover.start_date)}</dd>
                </div>
                <div class="summary-list__row">
                    <dt>{crate::glossary::cover::TARGET_DATE}</dt>
                    <dd>
                        {format_date(card.cover.target_date)}
                        {days_left
                            .map(|d| {
                                if d >= 0 {
                                    format!(" ({d} days left)")
                                } else {
                                    format!(" ({} days ago)", -d)
                                }
                            })}
                    </dd>
                </div>
            </dl>
            <table class="table">
                <caption class="table__caption">"Progress by domain"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Domain"</th>
                        <th scope="col" class="numeric">
                            "Complete"
                        </th>
                        <th scope="col" class="numeric">
                            "%"
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {p
                        .domains
                        .iter()
                        .map(|d| {
                            view! {
                                <tr>
                                    <th scope="row">{d.number} ". " {d.title.clone()}</th>
                                    <td class="numeric">{d.complete} " of " {d.total}</td>
                                    <td class="numeric">{d.percent()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <LevelProfileTable
                profile=p.profile.clone()
                level_labels=card.level_labels.clone()
                not_met_label=card.not_met_label.clone()
                caption="Standard met, all criteria"
            />
            <p class="body">
                <a href=format!(
                    "/frameworks/{}",
                    card.framework_id,
                )>"Read the framework: " {card.framework_title.clone()}</a>
            </p>
        </section>
    }
}

/// A self-audit (the Designated Teacher expectations): where it stands and
/// its action plan, without the award's dates.
#[component]
fn SelfAudit(card: PortfolioCard) -> impl IntoView {
    let heading_id = format!("portfolio-{}", card.id);
    let labelled_by = heading_id.clone();
    let p = card.progress.clone();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 class="heading-m" id=heading_id>
                {card.framework_title.clone()}
            </h2>
            {card
                .can_read
                .then(|| {
                    view! {
                        <p class="body">
                            <a
                                class="button button--secondary"
                                href=format!("/portfolios/{}", card.id)
                            >
                                "Open the self-audit"
                            </a>
                        </p>
                        <p class="body">
                            <a href=format!("/portfolios/{}/actions", card.id)>"Action plan"</a>
                        </p>
                    }
                })}
            <ProgressBar complete=p.complete total=p.total label="Expectations" />
            <LevelProfileTable
                profile=p.profile.clone()
                level_labels=card.level_labels.clone()
                not_met_label=card.not_met_label.clone()
                caption="Where we are, all expectations"
            />
        </section>
    }
}

fn non_empty(s: &str) -> String {
    if s.trim().is_empty() {
        "Not given".into()
    } else {
        s.to_string()
    }
}
