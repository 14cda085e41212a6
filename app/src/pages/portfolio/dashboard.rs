//! The governors' dashboard: where the portfolio stands, at a glance, with
//! no child in sight — progress, level, evidence counts, timeline, survey
//! headlines (hidden under five answers). Charts carry their numbers as text.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::portfolios::get_dashboard;
use crate::components::evidence::EvidenceCounts;
use crate::components::progress::{LevelProfileTable, ProgressBar};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::Dashboard;
use crate::pages::{format_date, id_param};
use crate::surveys::results::Results;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = Resource::new(
        move || portfolio_id.get(),
        |id| async move {
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
    let label = |key: Option<&str>| {
        key.and_then(|k| {
            d.level_labels
                .iter()
                .find(|(id, _)| id == k)
                .map(|(_, l)| l.clone())
        })
    };
    let reached =
        label(p.level_reached.as_deref()).unwrap_or_else(|| "Not yet at any level".into());
    let next = label(p.next_level.as_deref());
    let t = d.timeline.clone();
    view! {
        <Title text="Dashboard" />
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li>
                    <a href=format!("/schools/{}", d.school.id)>{d.school.name.clone()}</a>
                </li>
                <li>
                    <a href=format!(
                        "/portfolios/{}",
                        d.portfolio_id,
                    )>{d.framework_title.clone()}</a>
                </li>
            </ol>
        </nav>
        <h1 class="heading-l">"Dashboard"</h1>
        <p class="body">
            "Where the portfolio stands. Figures only: no child is named and nothing written about a child is shown."
        </p>
        {d
            .locked
            .then(|| {
                view! {
                    <div class="notice notice--important" role="note">
                        "The portfolio has been submitted."
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
        <LevelProfileTable
            profile=p.profile.clone()
            level_labels=d.level_labels.clone()
            not_met_label=d.not_met_label.clone()
            caption="Standard met, all criteria (self-assessed)"
        />

        <h2 class="heading-m">"Evidence"</h2>
        <EvidenceCounts counts=d.evidence.clone() portfolio_id=d.portfolio_id plain=true />

        <h2 class="heading-m">"Timeline"</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"Started"</dt>
                <dd>{format_date(t.start)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Target (12 months)"</dt>
                <dd>{format_date(t.target)} {t.days_left_text().map(|s| format!(" — {s}"))}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Submitted"</dt>
                <dd>{format_date(t.submission)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Renewal due"</dt>
                <dd>{format_date(t.renewal_due)}</dd>
            </div>
        </dl>

        <h2 class="heading-m">"What people told us"</h2>
        {if d.surveys.is_empty() {
            view! { <p class="body">"No surveys yet."</p> }.into_any()
        } else {
            d.surveys
                .iter()
                .map(|s| {
                    view! {
                        <section class="survey-result">
                            <h3 class="heading-s">
                                {format!("{} ({})", s.title, s.audience.label().to_lowercase())}
                            </h3>
                            {match &s.headlines {
                                None => {
                                    view! {
                                        <p class="body">{Results::hidden_message(s.responses)}</p>
                                    }
                                        .into_any()
                                }
                                Some(list) => {
                                    view! {
                                        <p class="body">{s.responses} " people answered."</p>
                                        <ul class="list">
                                            {list
                                                .iter()
                                                .map(|h| {
                                                    view! {
                                                        <li>
                                                            <strong>{h.percent_agreeing} "%"</strong>
                                                            " agree: "
                                                            {h.prompt.clone()}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    }
                                        .into_any()
                                }
                            }}
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}
