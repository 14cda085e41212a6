//! The award team moves a portfolio's target for completion ("flexible"):
//! a question page of its own, reached from the dashboard, and the same
//! form on the review. The dashboard links here rather than carrying the
//! form, so a governor's dashboard fetches none of its code.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::award::ChangeTargetDate;
use crate::api::portfolios::get_dashboard;
use crate::components::csrf::CsrfField;
use crate::components::forms::{DateInput, ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::Dashboard;
use crate::pages::data::page_data;
use crate::pages::portfolio::DashboardCrumbs;
use crate::pages::{format_date, id_param};

#[component]
pub fn TargetDatePage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                // The dashboard's figures: the award team reads them whatever
                // the portfolio's status (its narratives only once submitted).
                Some(id) => get_dashboard(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) if d.can_manage_award => view! { <TargetDate d /> }.into_any(),
                    Ok(_) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TargetDate(d: Dashboard) -> impl IntoView {
    let id = d.portfolio_id;
    let target = d.timeline.target;
    view! {
        <Title text="Change the target date" />
        <DashboardCrumbs school=d.school.clone() portfolio_id=id />
        <h1 class="heading-l">"Change the target date"</h1>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::START_DATE}</dt>
                <dd>{format_date(d.timeline.start)}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::TARGET_DATE}</dt>
                <dd>{format_date(target)}</dd>
            </div>
        </dl>
        <div class="narrow">
            <TargetDateForm portfolio_id=id target />
        </div>
    }
}

/// The award team moves the target for completion; saved, the dashboard
/// says so.
#[component]
pub fn TargetDateForm(portfolio_id: i32, target: Option<chrono::NaiveDate>) -> impl IntoView {
    let action = ServerAction::<ChangeTargetDate>::new();
    let error = action_error(action);
    let value = target
        .map(crate::calendar::DateParts::of)
        .unwrap_or_default();
    view! {
        <ErrorSummary error />
        <ActionForm action>
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=portfolio_id />
            <DateInput
                name="target_date"
                legend="Target date for completion"
                hint="12 months after the start date, unless agreed otherwise. For example, 12 1 2027"
                value
                error
            />
            <button type="submit" class="button button--secondary">
                "Save the target date"
            </button>
        </ActionForm>
    }
}
