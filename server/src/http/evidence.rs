//! Evidence files over plain HTTP: the streamed multipart upload (with or
//! without JavaScript) and the download. Everything they decide is in
//! `app::services::evidence`; these read the request and shape the reply.
//!
//! A script (the upload page's progress bar, a test) asks for JSON and gets
//! the status that fits: 201, 413, 422 (with the problems and any identifiers
//! found), 401/403/404/409. A plain form post (no JavaScript) is sent back to
//! the form with the problems kept in the session, so nothing typed is lost.

use axum::Extension;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::error::{AppError, FieldError};
use app::evidence::rules::MAX_FILE_BYTES;
use app::model::{EvidenceForm, UPLOAD_PROBLEM_KEY, UploadProblem};
use app::security::Action;
use app::security::identity::Identity;
use app::services::evidence::{self, NewEvidence, Saved, UploadedFile};
use app::services::{ServiceError, access, downloads};
use app::state::AppState;

/// Room for the form's other fields around the largest file.
pub const MAX_UPLOAD_BODY: usize = MAX_FILE_BYTES + 256 * 1024;

/// The longest text field read from the form (the description's limit is far below).
const MAX_TEXT_FIELD: usize = 16 * 1024;

fn too_large_message() -> String {
    "The file is larger than 20 MB. Make it smaller (for a document, save it as PDF; for a photo, \
     reduce its size) and attach it again. Nothing was saved."
        .into()
}

/// What went wrong, before the service has had its say.
enum Refusal {
    TooLarge,
    Unreadable,
}

fn wants_json(headers: &HeaderMap) -> bool {
    !headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

async fn read_text(field: &mut Field<'_>) -> Result<String, Refusal> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(multipart_refusal)? {
        if bytes.len() + chunk.len() > MAX_TEXT_FIELD {
            return Err(Refusal::Unreadable);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn multipart_refusal(error: MultipartError) -> Refusal {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Refusal::TooLarge
    } else {
        tracing::info!(%error, "unreadable upload");
        Refusal::Unreadable
    }
}

/// Reads the form, streaming the file in chunks and stopping at the limit.
async fn read_form(multipart: &mut Multipart) -> Result<(NewEvidence, Option<String>), Refusal> {
    let mut input = NewEvidence::default();
    let mut return_to = None;
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_refusal)? {
        let name = field.name().unwrap_or_default().to_string();
        match name.as_str() {
            "file" => {
                let file_name = field.file_name().unwrap_or_default().to_string();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(multipart_refusal)? {
                    if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                        return Err(Refusal::TooLarge);
                    }
                    bytes.extend_from_slice(&chunk);
                }
                // A file input left empty still sends an empty part.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    input.file = Some(UploadedFile {
                        name: file_name,
                        bytes,
                    });
                }
            }
            "title" => input.title = read_text(&mut field).await?,
            "kind" => input.kind = read_text(&mut field).await?,
            "description" => input.description = read_text(&mut field).await?,
            "link" => input.link = read_text(&mut field).await?,
            "criteria" | "criteria[]" => input.criteria.push(read_text(&mut field).await?),
            "confirm_anonymised" => {
                input.confirm_anonymised = !read_text(&mut field).await?.is_empty()
            }
            "confirm_photo" => input.confirm_photo = !read_text(&mut field).await?.is_empty(),
            "override_identifiers" => {
                input.override_identifiers = !read_text(&mut field).await?.is_empty()
            }
            "return_to" => return_to = Some(read_text(&mut field).await?),
            _ => {
                read_text(&mut field).await?;
            }
        }
    }
    Ok((input, return_to))
}

fn form_of(input: &NewEvidence) -> EvidenceForm {
    EvidenceForm {
        title: input.title.clone(),
        kind: input.kind.clone(),
        description: input.description.clone(),
        link: input.link.clone(),
        criteria: input.criteria.clone(),
    }
}

fn json(status: StatusCode, body: &impl serde::Serialize) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(body).unwrap_or_default(),
    )
        .into_response()
}

/// Sends a refused upload back: JSON to a script; to a plain form, back to
/// the form with the problem kept in the session.
async fn refuse(
    session: &Session,
    as_json: bool,
    status: StatusCode,
    problem: UploadProblem,
    form_url: &str,
) -> Response {
    if as_json {
        return json(status, &problem);
    }
    if let Err(error) = session.insert(UPLOAD_PROBLEM_KEY, &problem).await {
        tracing::error!(%error, "keeping an upload problem in the session failed");
    }
    Redirect::to(&format!("{form_url}#upload-problem")).into_response()
}

fn denied(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN);
    json(status, &error)
}

/// `POST /portfolios/{id}/evidence` (multipart): adds one item.
pub async fn upload(
    State(state): State<AppState>,
    Path(portfolio_id): Path<i32>,
    Extension(identity): Extension<Identity>,
    session: Session,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let as_json = wants_json(&headers);
    // Who and whether, before a byte of the body is read.
    let Some(principal) = identity.principal else {
        return denied(AppError::Unauthenticated);
    };
    let located =
        match access::portfolio(&state.db, Some(&principal), portfolio_id, Action::Edit).await {
            Ok(l) => l,
            Err(e) => return denied(e.into()),
        };
    let Some(framework) = state.frameworks.get(&located.framework_id) else {
        return denied(AppError::NotFound);
    };
    let school_id = located.school_id;
    let form_url = format!("/portfolios/{portfolio_id}/evidence/new");

    let mut multipart = match multipart {
        Ok(m) => m,
        Err(rejection) => {
            tracing::info!(%rejection, "upload without a multipart body");
            let problem = UploadProblem {
                message: "The upload could not be read. Choose the file again and retry.".into(),
                ..Default::default()
            };
            return refuse(
                &session,
                as_json,
                StatusCode::BAD_REQUEST,
                problem,
                &form_url,
            )
            .await;
        }
    };
    let (input, return_to) = match read_form(&mut multipart).await {
        Ok(read) => read,
        Err(Refusal::TooLarge) => {
            let problem = UploadProblem {
                message: too_large_message(),
                errors: vec![FieldError::new("file", too_large_message())],
                ..Default::default()
            };
            return refuse(
                &session,
                as_json,
                StatusCode::PAYLOAD_TOO_LARGE,
                problem,
                &form_url,
            )
            .await;
        }
        Err(Refusal::Unreadable) => {
            let problem = UploadProblem {
                message: "The upload could not be read. Choose the file again and retry.".into(),
                ..Default::default()
            };
            return refuse(
                &session,
                as_json,
                StatusCode::BAD_REQUEST,
                problem,
                &form_url,
            )
            .await;
        }
    };
    let form = form_of(&input);
    // Back to the form for the same criterion, if it came from one.
    let return_to = return_to.filter(|c| framework.criterion(c).is_some());
    let form_url = match &return_to {
        Some(criterion) => format!("{form_url}?criterion={criterion}"),
        None => form_url,
    };
    let result = evidence::create(
        &state.db,
        &framework,
        school_id,
        portfolio_id,
        principal.user_id,
        input,
        chrono::Utc::now(),
    )
    .await;
    match result {
        Ok(Saved::Item(id)) => {
            let location = match return_to {
                Some(criterion) => format!(
                    "/portfolios/{portfolio_id}/criteria/{criterion}?attached={id}#evidence"
                ),
                None => format!("/portfolios/{portfolio_id}/evidence/{id}?added=1"),
            };
            if as_json {
                let mut response = json(
                    StatusCode::CREATED,
                    &serde_json::json!({ "id": id, "location": location }),
                );
                if let Ok(value) = HeaderValue::from_str(&location) {
                    response.headers_mut().insert(header::LOCATION, value);
                }
                response
            } else {
                Redirect::to(&location).into_response()
            }
        }
        Ok(Saved::NeedsDecision(findings)) => {
            let problem = UploadProblem {
                message: "This may identify a child. Remove it, or confirm it does not identify anyone and save again."
                    .into(),
                errors: Vec::new(),
                findings,
                form,
            };
            refuse(
                &session,
                as_json,
                StatusCode::UNPROCESSABLE_ENTITY,
                problem,
                &form_url,
            )
            .await
        }
        Err(ServiceError::Invalid(errors)) => {
            let problem = UploadProblem {
                message: "There is a problem with the upload. Nothing was saved.".into(),
                errors,
                findings: Vec::new(),
                form,
            };
            refuse(
                &session,
                as_json,
                StatusCode::UNPROCESSABLE_ENTITY,
                problem,
                &form_url,
            )
            .await
        }
        Err(e) => {
            let error = AppError::from(e);
            let status =
                StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let problem = UploadProblem {
                message: error.to_string(),
                form,
                ..Default::default()
            };
            refuse(&session, as_json, status, problem, &form_url).await
        }
    }
}

/// `GET /evidence/{id}/download`: the file as an attachment, for the school's
/// staff (and the award team once the portfolio is submitted).
pub async fn download(
    State(state): State<AppState>,
    Path(item_id): Path<i32>,
    Extension(identity): Extension<Identity>,
) -> Response {
    let Some(principal) = identity.principal else {
        return denied(AppError::Unauthenticated);
    };
    let allowed = async {
        let located =
            access::evidence_item(&state.db, Some(&principal), item_id, Action::ReadNarratives)
                .await?;
        let file = evidence::download(&state.db, item_id).await?;
        downloads::record(
            &state.db,
            downloads::Record {
                school_id: located.school_id,
                portfolio_id: located.portfolio_id,
                user_id: principal.user_id,
                kind: downloads::Kind::Evidence,
                evidence_item_id: Some(item_id),
                title: &file.name,
            },
            chrono::Utc::now(),
        )
        .await?;
        Ok::<_, ServiceError>(file)
    }
    .await;
    let file = match allowed {
        Ok(file) => file,
        Err(e) => return denied(e.into()),
    };
    super::reply::attachment(file.bytes, &file.content_type, &file.name)
}
