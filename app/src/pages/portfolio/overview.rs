use leptos::prelude::*;
use leptos_meta::Title;

use super::submission::{AwardSection, SubmissionSection};
use super::task_list::TaskList;
use super::{PortfolioCaption, open_session};
use crate::api::portfolios::get_portfolio;
use crate::collab::handle::use_collab;
use crate::components::collab::SaveStatusBar;
use crate::components::evidence::EvidenceCounts;
use crate::components::progress::{LevelProfileTable, ProgressBar};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::PortfolioView;
use crate::pages::data::page_data;
use crate::pages::{format_date, id_param, query};

#[component]
pub fn Overview() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    // After a form here (submit, reopen, save), the redirect's `?saved=`
    // loads the page's data again.
    let saved = query("saved");
    let data = page_data(
        move || (portfolio_id.get(), saved.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_portfolio(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(portfolio) => view! { <OverviewOf portfolio /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OverviewOf(portfolio: PortfolioView) -> impl IntoView {
    let collab = use_collab();
    open_session(collab, &portfolio, None);
    let saved = query("saved");
    let p = portfolio.progress.clone();
    let level_labels: Vec<(String, String)> = portfolio
        .framework
        .levels
        .iter()
        .map(|l| (l.id.clone(), l.label.clone()))
        .collect();
    let reached = portfolio
        .framework
        .level_reached_label(p.level_reached.as_deref());
    let id = portfolio.id;
    let cover = portfolio.cover.clone();
    view! {
        <Title text=portfolio.framework.title.clone() />
        <PortfolioCaption portfolio=portfolio.clone() />
        <h1 class="heading-l">{portfolio.framework.title.clone()}</h1>
        {move || {
            saved
                .get()
                .map(|what| {
                    let message = match what.as_str() {
                        "submitted" => "The portfolio has been submitted to the award team.",
                        "registered" => "The start date has been registered with the award team.",
                        "renewal" => {
                            "The renewal has started. Last cycle's text is in place, marked as carried over until you change it."
                        }
                        _ => "The cover sheet has been saved.",
                    };
                    view! {
                        <div class="notice notice--success" role="status">
                            {message}
                        </div>
                    }
                })
        }}
        <SaveStatusBar />
        <crate::components::award::RenewalBanner renewal=portfolio.award.renewal.clone() />
        <p class="body">
            <a href=format!("/portfolios/{id}/dashboard")>"Dashboard for governors"</a>
        </p>
        <AwardSection portfolio=portfolio.clone() />
        <ProgressBar complete=p.complete total=p.total label="Criteria" />
        <p class="body">"The portfolio stands at: " <strong>{reached}</strong></p>

        <h2 class="heading-m">"Cover sheet"</h2>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::SETTING}</dt>
                <dd>{cover.setting_name.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::HEAD_TEACHER}</dt>
                <dd>{cover.head_teacher.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::DESIGNATED_TEACHER}</dt>
                <dd>{cover.designated_teacher.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::GOVERNOR}</dt>
                <dd>{cover.governor_lac.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::START_DATE}</dt>
                <dd>{format_date(cover.start_date)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::TARGET_DATE}</dt>
                <dd>{format_date(cover.target_date)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::SUBMISSION_DATE}</dt>
                <dd>{format_date(cover.submission_date)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::AWARD}</dt>
                <dd>
                    {cover
                        .award_level
                        .as_deref()
                        .map(|l| {
                            format!(
                                "{} ({})",
                                portfolio.framework.standard_label(Some(l)),
                                format_date(cover.award_date),
                            )
                        })
                        .unwrap_or_else(|| "Not yet".into())}
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::RENEWAL_DUE}</dt>
                <dd>{format_date(cover.renewal_due_date)}</dd>
            </div>
        </dl>
        {portfolio
            .may_edit()
            .then(|| {
                view! {
                    <p class="body">
                        <a href=format!("/portfolios/{id}/cover")>"Change the cover sheet"</a>
                    </p>
                }
            })}

        <TaskList portfolio=portfolio.clone() collab />
        <h2 class="heading-m">"Evidence"</h2>
        <p class="body">
            <a href=format!(
                "/portfolios/{id}/evidence",
            )>{if portfolio.can.read_narratives { "See and add evidence" } else { "Evidence" }}</a>
        </p>
        <EvidenceCounts
            counts=portfolio.evidence.clone()
            portfolio_id=id
            plain=!portfolio.can.read_narratives
        />
        <LevelProfileTable
            profile=p.profile.clone()
            level_labels
            not_met_label=portfolio.framework.not_met_label.clone()
            caption="Standard met, all criteria"
        />
        <SubmissionSection portfolio=portfolio.clone() />
    }
}
