use leptos::prelude::*;
use leptos_meta::Title;

use super::PortfolioCaption;
use crate::api::portfolios::{SaveCover, get_portfolio};
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, TextField, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::PortfolioView;
use crate::pages::data::page_data;
use crate::pages::{format_date, id_param};

#[component]
pub fn CoverPage() -> impl IntoView {
    let portfolio_id = id_param("portfolio_id");
    let data = page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_portfolio(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Cover sheet" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(portfolio) if portfolio.may_edit() => {
                        view! { <CoverForm portfolio /> }.into_any()
                    }
                    Ok(_) => view! { <ErrorPage error=AppError::Forbidden /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CoverForm(portfolio: PortfolioView) -> impl IntoView {
    let action = ServerAction::<SaveCover>::new();
    let error = action_error(action);
    let cover = portfolio.cover.clone();
    let registered = portfolio.award.registered_on.is_some();
    let can_register = portfolio.can.register && portfolio.award.assessed;
    view! {
        <PortfolioCaption portfolio=portfolio.clone() />
        <div class="narrow">
            <ErrorSummary error />
            <h1 class="heading-l">"Cover sheet"</h1>
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="portfolio_id" value=portfolio.id />
                <TextField
                    name="setting_name"
                    label=crate::glossary::cover::SETTING
                    value=cover.setting_name
                    error
                />
                <TextField
                    name="head_teacher"
                    label=crate::glossary::cover::HEAD_TEACHER
                    value=cover.head_teacher
                    error
                />
                <TextField
                    name="designated_teacher"
                    label=crate::glossary::cover::DESIGNATED_TEACHER
                    value=cover.designated_teacher
                    error
                />
                <TextField
                    name="governor_lac"
                    label=crate::glossary::cover::GOVERNOR
                    value=cover.governor_lac
                    error
                />
                <button type="submit" class="button">
                    "Save cover sheet"
                </button>
            </ActionForm>
            <h2 class="heading-m">{crate::glossary::cover::START_DATE}</h2>
            {match (registered, can_register) {
                (true, _) => {
                    view! {
                        <p class="body">
                            {format!(
                                "Registered with the award team: {}. The target for completion is {}. Only the award team can change them.",
                                format_date(cover.start_date),
                                format_date(cover.target_date),
                            )}
                        </p>
                    }
                        .into_any()
                }
                (false, true) => {
                    view! {
                        <p class="body">
                            "The start date is registered with the award team, once. The target for completion is 12 months later."
                        </p>
                        <a
                            class="button button--secondary"
                            href=format!("/portfolios/{}/register", portfolio.id)
                        >
                            "Register your start date"
                        </a>
                    }
                        .into_any()
                }
                (false, false) => {
                    view! {
                        <p class="body">
                            "The school's coordinator registers the start date with the award team."
                        </p>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
