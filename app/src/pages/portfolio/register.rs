//! Registering the start date with the award team: the date, then "check
//! your answers", then one action that records it.

use leptos::prelude::*;
use leptos_meta::Title;

use super::PortfolioCaption;
use crate::api::award::{CheckRegistration, RegisterStartDate};
use crate::api::portfolios::get_portfolio;
use crate::components::csrf::CsrfField;
use crate::components::forms::{DateInput, ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::PortfolioView;
use crate::pages::data::{PageData, page_data};
use crate::pages::{format_date, id_param, query};

fn load() -> PageData<Result<PortfolioView, AppError>> {
    let portfolio_id = id_param("portfolio_id");
    page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_portfolio(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

/// Only the coordinator of an open, unregistered award portfolio gets the form.
fn may_register(p: &PortfolioView) -> Result<(), AppError> {
    if !p.can.register {
        return Err(AppError::Forbidden);
    }
    if p.award.registered_on.is_some() {
        return Err(AppError::Conflict(
            "The start date has already been registered with the award team.".into(),
        ));
    }
    Ok(())
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let data = load();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await.and_then(|p| may_register(&p).map(|()| p)) {
                    Ok(portfolio) => view! { <RegisterForm portfolio /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegisterForm(portfolio: PortfolioView) -> impl IntoView {
    let action = ServerAction::<CheckRegistration>::new();
    let error = action_error(action);
    // Coming back from "check your answers" to change it keeps the date.
    let again = query("start_date");
    let value = again
        .get_untracked()
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .or(portfolio.cover.start_date)
        .map(crate::calendar::DateParts::of);
    view! {
        <Title text="Register your start date" />
        <PortfolioCaption portfolio=portfolio.clone() />
        <div class="narrow">
            <ErrorSummary error />
            <h1 class="heading-l">"Register your start date with the award team"</h1>
            <p class="body">
                "The award team plans its work from the date your school starts the portfolio. The target for completion is 12 months later; the award team can agree another."
            </p>
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="portfolio_id" value=portfolio.id />
                <DateInput
                    name="start_date"
                    legend=crate::glossary::cover::START_DATE
                    value=value.unwrap_or_default()
                    error
                />
                <button type="submit" class="button">
                    "Continue"
                </button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn RegisterCheckPage() -> impl IntoView {
    let data = load();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await.and_then(|p| may_register(&p).map(|()| p)) {
                    Ok(portfolio) => view! { <RegisterCheck portfolio /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegisterCheck(portfolio: PortfolioView) -> impl IntoView {
    let action = ServerAction::<RegisterStartDate>::new();
    let error = action_error(action);
    let start = query("start_date").get_untracked().unwrap_or_default();
    let date = chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d").ok();
    let terms = portfolio.framework.award.clone();
    let target = date.and_then(|d| crate::award::target_date(terms.as_ref(), d));
    let id = portfolio.id;
    let change = format!(
        "/portfolios/{id}/register?{}",
        serde_urlencoded::to_string([("start_date", start.as_str())]).unwrap_or_default()
    );
    view! {
        <Title text="Check your answers before registering" />
        <PortfolioCaption portfolio=portfolio.clone() />
        <ErrorSummary error />
        <h1 class="heading-l">"Check your answers before registering"</h1>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"School"</dt>
                <dd>{portfolio.school.name.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::START_DATE}</dt>
                <dd>{format_date(date)}</dd>
                <dd>
                    <a href=change>
                        "Change" <span class="visually-hidden">" the start date"</span>
                    </a>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>{crate::glossary::cover::TARGET_DATE}</dt>
                <dd>{format_date(target)}</dd>
            </div>
        </dl>
        <p class="body">
            "Once registered, the start date is the award team's to change, not the school's."
        </p>
        <ActionForm action>
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=id />
            <input type="hidden" name="start_date" value=start />
            <button type="submit" class="button">
                "Register the start date"
            </button>
        </ActionForm>
    }
}
