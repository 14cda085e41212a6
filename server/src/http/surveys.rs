//! Surveys over plain HTTP: answers from the public form (`POST /s/{token}`,
//! no account; its fields depend on the survey), and for staff the share
//! link's QR code (SVG and PNG) and the results as CSV.

use std::net::SocketAddr;

use axum::Extension;
use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::error::AppError;
use app::model::{SURVEY_PROBLEM_KEY, SurveyFormProblem};
use app::security::identity::Identity;
use app::security::{Action, decide};
use app::services::{ServiceError, surveys};
use app::state::AppState;
use app::surveys::csv::{aggregate_csv, responses_csv};
use app::surveys::qr;
use app::surveys::results::MIN_RESPONSES;

use super::reply::plain_error;

/// `POST /s/{token}`: one person's answers. Counted once per form; refused
/// as a whole (and sent back to the form with the problems) if anything is
/// wrong. The address is used for the rate limit only, never stored.
pub async fn answer(
    State(state): State<AppState>,
    Path(token): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    session: Session,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    if !state.answer_limiter.attempt(peer.ip(), &token) {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "A lot of answers have arrived in the last minute. Please wait a minute and send your answers again.",
        )
            .into_response();
    }
    let key = form
        .iter()
        .find(|(k, _)| k == "submission_key")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    match surveys::submit(&state.db, &token, &key, &form, chrono::Utc::now()).await {
        Ok(_) => Redirect::to(&format!("/s/{token}/thanks")).into_response(),
        Err(ServiceError::Invalid(errors)) => {
            let kept: Vec<(String, String)> = form
                .into_iter()
                .filter(|(k, _)| k.starts_with("q_"))
                .map(|(k, v)| (k, v.chars().take(5000).collect()))
                .collect();
            let problem = SurveyFormProblem { errors, form: kept };
            if let Err(error) = session.insert(SURVEY_PROBLEM_KEY, (&token, &problem)).await {
                tracing::error!(%error, "keeping a survey problem in the session failed");
            }
            let mut response = Redirect::to(&format!("/s/{token}#problem")).into_response();
            // A script can tell the refusal from success without following it.
            response
                .headers_mut()
                .insert("x-survey-problem", HeaderValue::from_static("1"));
            response
        }
        Err(ServiceError::Conflict(_)) => Redirect::to(&format!("/s/{token}")).into_response(),
        Err(e) => plain_error(e.into()),
    }
}

/// Staff of the survey's school (who share the link and read the results).
async fn staff_only(state: &AppState, identity: &Identity, survey_id: i32) -> Result<(), Response> {
    let target = surveys::locate(&state.db, survey_id)
        .await
        .map_err(|e| plain_error(e.into()))?;
    decide(identity.principal.as_ref(), Action::ReadNarratives, target)
        .map_err(|d| plain_error(ServiceError::from(d).into()))
}

/// `GET /surveys/{id}/qr.svg` and `…/qr.png`: the share link as a QR code.
pub async fn qr_code(
    State(state): State<AppState>,
    Path((survey_id, file)): Path<(i32, String)>,
    Extension(identity): Extension<Identity>,
) -> Response {
    if let Err(r) = staff_only(&state, &identity, survey_id).await {
        return r;
    }
    let token = match surveys::live_token(&state.db, survey_id).await {
        Ok(Some(t)) => t,
        Ok(None) => return plain_error(AppError::NotFound),
        Err(e) => return plain_error(e.into()),
    };
    let url = format!("{}/s/{token}", state.settings.public_url);
    let (body, content_type, name) = match file.as_str() {
        "qr.svg" => match qr::svg(&url) {
            Ok(svg) => (svg.into_bytes(), "image/svg+xml", "survey-qr.svg"),
            Err(e) => return plain_error(AppError::Internal).tap_log(&e),
        },
        "qr.png" => match qr::png(&url) {
            Ok(png) => (png, "image/png", "survey-qr.png"),
            Err(e) => return plain_error(AppError::Internal).tap_log(&e),
        },
        _ => return plain_error(AppError::NotFound),
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

trait TapLog {
    fn tap_log(self, cause: &str) -> Self;
}

impl TapLog for Response {
    fn tap_log(self, cause: &str) -> Self {
        tracing::error!(cause, "making a QR code failed");
        self
    }
}

/// `GET /surveys/{id}/results.csv`: staff get one row per response (free
/// text included); anyone else who may see the school (governors) only the
/// counts per answer. Nothing at all under five responses.
pub async fn results_csv(
    State(state): State<AppState>,
    Path(survey_id): Path<i32>,
    Extension(identity): Extension<Identity>,
) -> Response {
    let target = match surveys::locate(&state.db, survey_id).await {
        Ok(t) => t,
        Err(e) => return plain_error(e.into()),
    };
    let who = identity.principal.as_ref();
    if let Err(d) = decide(who, Action::View, target) {
        return plain_error(ServiceError::from(d).into());
    }
    let staff = decide(who, Action::ReadNarratives, target).is_ok();
    let loaded = async {
        let s = surveys::get(&state.db, survey_id).await?;
        let responses = surveys::responses(&state.db, survey_id).await?;
        Ok::<_, ServiceError>((s, responses))
    }
    .await;
    let (s, responses) = match loaded {
        Ok(x) => x,
        Err(e) => return plain_error(e.into()),
    };
    if responses.len() < MIN_RESPONSES {
        return (
            StatusCode::CONFLICT,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("Results are shown once at least {MIN_RESPONSES} people have answered."),
        )
            .into_response();
    }
    let csv = if staff {
        responses_csv(&s.design, &responses)
    } else {
        aggregate_csv(&s.design, &responses)
    };
    match csv {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"survey-results.csv\"".to_string(),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "writing CSV failed");
            plain_error(AppError::Internal)
        }
    }
}
