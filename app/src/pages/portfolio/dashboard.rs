//! The governors' dashboard: where the portfolio stands, at a glance, with
//! no child in sight — progress, level, evidence counts, timeline, survey
//! headlines (hidden under five answers). Charts carry their numbers as text.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::portfolios::get_dashboard;
use crate::components::aggregates::{LevelProfileChart, SurveyHeadlinesList, TimelineList};
use crate::components::evidence::EvidenceCounts;
use crate::components::progress::ProgressBar;
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::Dashboard;
use crate::pages::data::page_data;
use crate::pages::{id_param, query};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let saved = query("saved");
    let data = page_data(
        move || (portfolio_id.get(), saved.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_dashboard(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <DashboardView d /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let p = d.progress.clone();
    let reached = d.standing();
    let next = d.level_label(p.next_level.as_deref());
    let t = d.timeline.clone();
    view! {
        <Title text="Dashboard" />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/schools/{}", d.school.id)>{d.school.name.clone()}</a>
                </li>
                {if d.can_read {
                    view! {
                        <li>
                            <a href=format!(
                                "/portfolios/{}",
                                d.portfolio_id,
                            )>{d.framework_title.clone()}</a>
                        </li>
                    }
                        .into_any()
                } else {
                    view! { <li>{d.framework_title.clone()}</li> }.into_any()
                }}
            </ol>
        </nav>
        <h1 class="heading-l">"Dashboard"</h1>
        {query("saved")
            .get_untracked()
            .and_then(|what| match what.as_str() {
                "reopened" => Some("The portfolio is open to the school again."),
                "target" => Some("The target date has been changed."),
                _ => None,
            })
            .map(|text| {
                view! {
                    <div class="notice notice--success" role="status">
                        {text}
                    </div>
                }
            })}
        <crate::components::award::RenewalBanner renewal=d.renewal.clone() />
        <p class="body">
            "Where the portfolio stands. Figures only: no child is named and nothing written about a child is shown."
        </p>
        {(d.status == crate::model::PortfolioStatus::Submitted)
            .then(|| {
                view! {
                    <div class="notice notice--important" role="note">
                        "The portfolio has been submitted."
                    </div>
                }
            })}
        {d
            .award
            .clone()
            .map(|(level, on)| {
                view! {
                    <div class="panel">
                        <h2 class="heading-m">"Award"</h2>
                        <p class="body">
                            <strong>{format!("{level} award")}</strong>
                            {format!(", awarded on {}.", crate::model::format_date(Some(on)))}
                            {d
                                .timeline
                                .renewal_due
                                .map(|due| {
                                    format!(
                                        " Renewal due on {}.",
                                        crate::model::format_date(Some(due)),
                                    )
                                })}
                        </p>
                        <p class="body">
                            <a
                                href=format!("/portfolios/{}/certificate.pdf", d.portfolio_id)
                                download=""
                            >
                                "Download the certificate (PDF)"
                            </a>
                        </p>
                    </div>
                }
            })}
        {(d.status == crate::model::PortfolioStatus::NotYetAwarded)
            .then(|| {
                view! {
                    <div class="notice" role="note">
                        "The award team has returned the portfolio to the school to work on before it is submitted again."
                    </div>
                }
            })}

        <h2 class="heading-m">"Level"</h2>
        <p class="body">"The portfolio stands at: " <strong>{reached}</strong></p>
        {next
            .map(|n| {
                let between = p.standing_between.clone();
                view! {
                    <p class="body">
                        {format!("Criteria between it and {n}: ")}
                        <strong>
                            {if between.is_empty() {
                                "none".to_string()
                            } else {
                                between.join(", ")
                            }}
                        </strong>
                    </p>
                }
            })}

        <h2 class="heading-m">"Progress"</h2>
        <ProgressBar complete=p.complete total=p.total label="All criteria" />
        {p
            .domains
            .iter()
            .map(|dp| {
                view! {
                    <ProgressBar
                        complete=dp.complete
                        total=dp.total
                        label=format!("Domain {}: {}", dp.number, dp.title)
                    />
                }
            })
            .collect_view()}
        <h3 class="heading-s">"Standard met per domain"</h3>
        <LevelProfileChart
            domains=p.domains.clone()
            level_labels=d.level_labels.clone()
            not_met_label=d.not_met_label.clone()
        />

        <h2 class="heading-m">"Evidence"</h2>
        <EvidenceCounts counts=d.evidence.clone() portfolio_id=d.portfolio_id plain=true />

        <h2 class="heading-m">"Timeline"</h2>
        <TimelineList timeline=t />
        {d
            .can_manage_award
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!(
                            "/portfolios/{}/target-date",
                            d.portfolio_id,
                        )>"Change the target date"</a>
                    </p>
                }
            })}

        <h2 class="heading-m">"What people told us"</h2>
        <SurveyHeadlinesList surveys=d.surveys.clone() />
        {d
            .peps
            .clone()
            .map(|figures| view! { <crate::components::aggregates::PepFiguresList figures /> })}
        <p class="body">
            <a href=format!(
                "/portfolios/{}/report",
                d.portfolio_id,
            )>"Annual report to governors"</a>
        </p>
    }
}

/// "Fenland Primary School › Dashboard": the way back from the pages the
/// dashboard leads to (the annual report, the target date).
#[component]
pub(crate) fn DashboardCrumbs(
    school: crate::model::SchoolInfo,
    portfolio_id: i32,
) -> impl IntoView {
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/schools/{}", school.id)>{school.name}</a>
                </li>
                <li>
                    <a href=format!("/portfolios/{portfolio_id}/dashboard")>"Dashboard"</a>
                </li>
            </ol>
        </nav>
    }
}
