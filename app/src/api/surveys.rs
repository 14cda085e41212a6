//! Surveys' server functions: the school's list, starting one from a
//! template, opening, closing, a new link, a copy, the results; and the
//! public answering page's data. Answers arrive at a plain HTTP route
//! (`server::http::surveys`), as the form's fields depend on the survey.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::model::{PublicSurvey, SurveyPage, SurveysPage};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::api::ssr::Ctx;
    use crate::security::{Action, Target};
    use crate::services::{ServiceResult, schools, surveys};

    /// Staff may see a school's surveys and their results.
    pub async fn school_staff(ctx: &Ctx, school_id: i32) -> ServiceResult<Target> {
        let target = schools::target(&ctx.state.db, school_id).await?;
        ctx.authorize(Action::ReadNarratives, target)?;
        Ok(target)
    }

    pub async fn readable(ctx: &Ctx, survey_id: i32) -> ServiceResult<Target> {
        let target = surveys::locate(&ctx.state.db, survey_id).await?;
        ctx.authorize(Action::ReadNarratives, target)?;
        Ok(target)
    }

    pub async fn writable(ctx: &Ctx, survey_id: i32) -> ServiceResult<Target> {
        let target = surveys::locate(&ctx.state.db, survey_id).await?;
        ctx.authorize(Action::Edit, target)?;
        Ok(target)
    }

    pub fn can_edit(ctx: &Ctx, target: Target) -> bool {
        ctx.authorize(Action::Edit, target).is_ok()
    }
}

#[server(input = GetUrl)]
pub async fn get_surveys(school_id: i32) -> Result<SurveysPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{schools, surveys};
    use crate::surveys::templates;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = ssr::school_staff(&ctx, school_id).await?;
            Ok(SurveysPage {
                school: schools::info(&ctx.state.db, school_id).await?,
                surveys: surveys::list(&ctx.state.db, school_id).await?,
                templates: templates::all()
                    .into_iter()
                    .map(|(name, d)| (name.to_string(), d.title, d.audience))
                    .collect(),
                can_edit: ssr::can_edit(&ctx, target),
            })
        }
        .await,
    )
}

#[server]
pub async fn start_survey(
    csrf_token: String,
    school_id: i32,
    template: String,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::security::Action;
    use crate::services::{schools, surveys};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = schools::target(&ctx.state.db, school_id).await?;
            ctx.authorize(Action::Edit, target)?;
            let user = ctx.user()?.user_id;
            let id = surveys::start_from_template(
                &ctx.state.db,
                school_id,
                &template,
                user,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/surveys/{id}"));
            Ok(())
        }
        .await,
    )
}

#[server(input = GetUrl)]
pub async fn get_survey(survey_id: i32) -> Result<SurveyPage, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{schools, surveys};
    use crate::surveys::results::tally;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            let target = ssr::readable(&ctx, survey_id).await?;
            let s = surveys::get(&ctx.state.db, survey_id).await?;
            let responses = surveys::responses(&ctx.state.db, survey_id).await?;
            let link = surveys::live_token(&ctx.state.db, survey_id)
                .await?
                .map(|t| format!("/s/{t}"));
            Ok(SurveyPage {
                id: s.id,
                school: schools::info(&ctx.state.db, s.school_id).await?,
                results: tally(&s.design, &responses, true),
                frozen: !responses.is_empty(),
                design: s.design,
                status: s.status,
                opens_on: s.opens_on,
                closes_on: s.closes_on,
                link,
                can_edit: ssr::can_edit(&ctx, target),
            })
        }
        .await,
    )
}

#[server]
pub async fn open_survey(
    csrf_token: String,
    survey_id: i32,
    opens_on: Option<crate::calendar::DateParts>,
    closes_on: Option<crate::calendar::DateParts>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{Problems, surveys};
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, survey_id).await?;
            let mut problems = Problems::default();
            let mut date =
                |field: &str, label: &str, value: Option<crate::calendar::DateParts>| match value
                    .unwrap_or_default()
                    .parse(label)
                {
                    Ok(d) => d,
                    Err(message) => {
                        problems.add(field, message);
                        None
                    }
                };
            let opens = date("opens_on", "The opening date", opens_on);
            let closes = date("closes_on", "The closing date", closes_on);
            problems.check()?;
            surveys::open(&ctx.state.db, survey_id, opens, closes, chrono::Utc::now()).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?opened=1"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn close_survey(csrf_token: String, survey_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::surveys;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, survey_id).await?;
            surveys::close(&ctx.state.db, survey_id, chrono::Utc::now()).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?closed=1"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn new_survey_link(csrf_token: String, survey_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::surveys;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, survey_id).await?;
            surveys::new_link(&ctx.state.db, survey_id, chrono::Utc::now()).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?new_link=1"));
            Ok(())
        }
        .await,
    )
}

#[server]
pub async fn copy_survey(csrf_token: String, survey_id: i32) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::surveys;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, survey_id).await?;
            let user = ctx.user()?.user_id;
            let id = surveys::copy(&ctx.state.db, survey_id, user, chrono::Utc::now()).await?;
            leptos_axum::redirect(&format!("/surveys/{id}?copied=1"));
            Ok(())
        }
        .await,
    )
}

/// The answering page: anyone with the link, no account.
#[server(input = GetUrl)]
pub async fn get_public_survey(token: String) -> Result<PublicSurvey, AppError> {
    use super::ssr::{Ctx, reply};
    use crate::model::{SURVEY_PROBLEM_KEY, SurveyFormProblem};
    use crate::security::tokens;
    use crate::services::{schools, surveys};
    use tower_sessions::Session;
    reply(
        async move {
            let ctx = Ctx::load().await?;
            let s = surveys::by_token(&ctx.state.db, &token).await?;
            let school = schools::info(&ctx.state.db, s.school_id).await?;
            let problem = match leptos_axum::extract::<Session>().await {
                Ok(session) => session
                    .remove::<(String, SurveyFormProblem)>(SURVEY_PROBLEM_KEY)
                    .await
                    .ok()
                    .flatten()
                    .filter(|(t, _)| *t == token)
                    .map(|(_, p)| p),
                Err(_) => None,
            };
            Ok(PublicSurvey {
                availability: surveys::availability(&s, crate::calendar::today()),
                token,
                school_name: school.name,
                design: s.design,
                submission_key: tokens::new_token(),
                problem,
            })
        }
        .await,
    )
}

/// One written answer (or a question's chart) becomes evidence, linked to
/// the question's criteria.
#[server]
pub async fn survey_to_evidence(
    csrf_token: String,
    survey_id: i32,
    question_id: String,
    answer: Option<usize>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::surveys;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, survey_id).await?;
            let user = ctx.user()?.user_id;
            let (portfolio, item) = surveys::to_evidence(
                &ctx.state.db,
                &ctx.state.frameworks,
                survey_id,
                &question_id,
                answer,
                Vec::new(),
                user,
                chrono::Utc::now(),
            )
            .await?;
            leptos_axum::redirect(&format!("/portfolios/{portfolio}/evidence/{item}?added=1"));
            Ok(())
        }
        .await,
    )
}

/// Saves the questions from the edit form (refused once anyone has answered).
#[server]
pub async fn save_survey_design(
    csrf_token: String,
    survey_id: i32,
    title: String,
    intro: Option<String>,
    questions: Option<Vec<crate::surveys::edit::QuestionForm>>,
) -> Result<(), AppError> {
    use super::ssr::{Ctx, reply};
    use crate::services::{ServiceError, surveys};
    use crate::surveys::edit::design_from_form;
    let _ = csrf_token;
    reply(
        async move {
            let ctx = Ctx::signed_in().await?;
            ssr::writable(&ctx, survey_id).await?;
            let current = surveys::get(&ctx.state.db, survey_id).await?;
            let framework = ctx.state.frameworks.get("caring2learn");
            let known = |c: &str| framework.as_ref().is_some_and(|f| f.criterion(c).is_some());
            let design = design_from_form(
                &current.design,
                &title,
                intro.as_deref().unwrap_or(""),
                &questions.unwrap_or_default(),
                known,
            )
            .map_err(ServiceError::Invalid)?;
            surveys::save_design(&ctx.state.db, survey_id, &design, chrono::Utc::now()).await?;
            leptos_axum::redirect(&format!("/surveys/{survey_id}?saved=1"));
            Ok(())
        }
        .await,
    )
}
