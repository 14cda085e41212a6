//! The board's decision: a form (award Bronze, Silver or Gold, or not yet,
//! with the reasons), then "check your answers" with what the school will
//! read, then the decision is recorded — final.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::award::{DraftDecision, RecordDecision, get_decision};
use crate::components::award::PlainText;
use crate::components::csrf::CsrfField;
use crate::components::forms::{ErrorSummary, action_error};
use crate::components::status::{ErrorPage, Loading};
use crate::error::AppError;
use crate::model::DecisionPage;
use crate::pages::data::{PageData, page_data};
use crate::pages::portfolio::PortfolioCaption;
use crate::pages::{format_date, id_param};

fn load() -> PageData<Result<DecisionPage, AppError>> {
    let portfolio_id = id_param("portfolio_id");
    page_data(
        move || portfolio_id.get(),
        |id| async move {
            match id {
                Some(id) => get_decision(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}

#[component]
pub fn DecisionFormPage() -> impl IntoView {
    let data = load();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <DecisionForm page /> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DecisionForm(page: DecisionPage) -> impl IntoView {
    let action = ServerAction::<DraftDecision>::new();
    let error = action_error(action);
    let id = page.portfolio.id;
    let outcome_error = move || {
        error
            .get()
            .and_then(|e| e.field("outcome").map(str::to_string))
    };
    let reasons_error = move || {
        error
            .get()
            .and_then(|e| e.field("reasons").map(str::to_string))
    };
    let meeting = page
        .round
        .meeting
        .as_ref()
        .map(|m| m.name())
        .unwrap_or_else(|| "no meeting yet".into());
    let first = page
        .choices
        .first()
        .map(|(v, _)| v.clone())
        .unwrap_or_default();
    view! {
        <Title text="Record the board's decision" />
        <PortfolioCaption portfolio=page.portfolio.clone() />
        <div class="narrow">
            <ErrorSummary error />
            <span class="caption">{page.portfolio.school.name.clone()}</span>
            <h1 class="heading-l">"Record the board's decision"</h1>
            <p class="body">
                {format!(
                    "For the board meeting of {meeting}. The school self-assessed at: {}.",
                    page.portfolio.framework.level_reached_label(page.portfolio.progress.level_reached.as_deref()),
                )}
            </p>
            <ActionForm action>
                <CsrfField />
                <input type="hidden" name="portfolio_id" value=id />
                <div class="form-group" class:form-group--error=move || outcome_error().is_some()>
                    <fieldset class="fieldset" aria-describedby="outcome-hint">
                        <legend class="fieldset__legend fieldset__legend--m">
                            "What did the board decide?"
                        </legend>
                        <div class="hint" id="outcome-hint">
                            "You can check your answers before the decision is recorded."
                        </div>
                        {move || {
                            outcome_error()
                                .map(|m| {
                                    view! {
                                        <p class="error-message" id="outcome-error">
                                            <span class="visually-hidden">"Error: "</span>
                                            {m}
                                        </p>
                                    }
                                })
                        }}
                        <div class="radios">
                            {page
                                .choices
                                .iter()
                                .map(|(value, label)| {
                                    // The first radio carries the id the error summary links to.
                                    let input_id = if *value == first {
                                        "outcome".to_string()
                                    } else {
                                        format!("outcome-{value}")
                                    };
                                    let checked = page.draft_choice.as_deref() == Some(value.as_str());
                                    view! {
                                        <div class="radios__item">
                                            <input
                                                class="radios__input"
                                                type="radio"
                                                id=input_id.clone()
                                                name="outcome"
                                                value=value.clone()
                                                checked=checked
                                            />
                                            <label class="radios__label" for=input_id>
                                                {label.clone()}
                                            </label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                </div>
                <div class="form-group" class:form-group--error=move || reasons_error().is_some()>
                    <label class="label label--m" for="reasons">
                        "Reasons for the decision"
                    </label>
                    <div class="hint" id="reasons-hint">
                        "The school reads these with the feedback on each domain."
                    </div>
                    {move || {
                        reasons_error()
                            .map(|m| {
                                view! {
                                    <p class="error-message" id="reasons-error">
                                        <span class="visually-hidden">"Error: "</span>
                                        {m}
                                    </p>
                                }
                            })
                    }}
                    <textarea
                        class="textarea"
                        id="reasons"
                        name="reasons"
                        rows="8"
                        aria-describedby="reasons-hint"
                    >
                        {page.draft_reasons.clone()}
                    </textarea>
                </div>
                <button type="submit" class="button">
                    "Continue"
                </button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn DecisionCheckPage() -> impl IntoView {
    let data = load();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) if page.draft_choice.is_some() => {
                        view! { <DecisionCheck page /> }.into_any()
                    }
                    Ok(page) => {
                        view! {
                            <h1 class="heading-l">"Nothing to check yet"</h1>
                            <p class="body">
                                <a href=format!(
                                    "/portfolios/{}/decision",
                                    page.portfolio.id,
                                )>"Record the board's decision"</a>
                            </p>
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
fn DecisionCheck(page: DecisionPage) -> impl IntoView {
    let action = ServerAction::<RecordDecision>::new();
    let error = action_error(action);
    let id = page.portfolio.id;
    let choice = page.draft_choice.clone().unwrap_or_default();
    let outcome = page
        .choices
        .iter()
        .find(|(v, _)| *v == choice)
        .map(|(_, l)| l.clone())
        .unwrap_or_default();
    let meeting = page
        .round
        .meeting
        .as_ref()
        .map(|m| m.name())
        .unwrap_or_default();
    let change = format!("/portfolios/{id}/decision");
    view! {
        <Title text="Check the decision before recording it" />
        <PortfolioCaption portfolio=page.portfolio.clone() />
        <ErrorSummary error />
        <span class="caption">{page.portfolio.school.name.clone()}</span>
        <h1 class="heading-l">"Check the decision before recording it"</h1>
        <dl class="summary-list">
            <div class="summary-list__row">
                <dt>"School"</dt>
                <dd>{page.portfolio.school.name.clone()}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Board meeting"</dt>
                <dd>{meeting}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Submitted"</dt>
                <dd>{format_date(Some(page.round.submitted_on))}</dd>
            </div>
            <div class="summary-list__row">
                <dt>"Decision"</dt>
                <dd>
                    <strong>{outcome}</strong>
                </dd>
                <dd>
                    <a href=change
                        .clone()>"Change" <span class="visually-hidden">" the decision"</span></a>
                </dd>
            </div>
            <div class="summary-list__row">
                <dt>"Reasons"</dt>
                <dd>
                    <PlainText text=page.draft_reasons.clone() />
                </dd>
                <dd>
                    <a href=change>"Change" <span class="visually-hidden">" the reasons"</span></a>
                </dd>
            </div>
        </dl>
        <h2 class="heading-m">"Feedback the school will read"</h2>
        <dl class="summary-list">
            {page
                .domains
                .iter()
                .map(|(n, title, text)| {
                    let n = *n;
                    view! {
                        <div class="summary-list__row">
                            <dt>"Domain " {n} ": " {title.clone()}</dt>
                            <dd>
                                {if text.is_empty() {
                                    view! { <span class="secondary">"No feedback written"</span> }
                                        .into_any()
                                } else {
                                    view! { <PlainText text=text.clone() /> }.into_any()
                                }}
                            </dd>
                            <dd>
                                <a href=format!(
                                    "/portfolios/{id}/review/domains/{n}",
                                )>
                                    "Change"
                                    <span class="visually-hidden">
                                        " the feedback on domain " {n}
                                    </span>
                                </a>
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
        <h2 class="heading-m">"Now record the decision"</h2>
        <p class="body">
            "Once recorded, the decision is final and the school is told. It is kept in the portfolio's history with your name."
        </p>
        {page
            .round
            .meeting
            .as_ref()
            .filter(|_| choice != "not_yet")
            .map(|m| {
                view! {
                    <p class="body">
                        {format!(
                            "The award is dated the day the board met: {}. It is due for renewal 3 years later.",
                            format_date(Some(m.meets_on)),
                        )}
                    </p>
                }
            })}
        <ActionForm action>
            <CsrfField />
            <input type="hidden" name="portfolio_id" value=id />
            <input type="hidden" name="checked" value=page.draft_token.clone() />
            <button type="submit" class="button">
                "Record the decision"
            </button>
        </ActionForm>
    }
}
