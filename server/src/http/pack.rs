//! Documents to download: the submission pack (PDF, and ZIP with every
//! evidence file) for the school's staff and, once submitted, the award team;
//! the governors' annual report as PDF for anyone who may see the school.

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use app::error::AppError;
use app::evidence::rules::safe_file_name;
use app::pack::index::index_csv;
use app::security::identity::Identity;
use app::security::{Action, decide};
use app::services::{ServiceError, ServiceResult, access, downloads, pack, report};
use app::state::AppState;

use super::reply::{attachment, plain_error};
use crate::documents::pack_zip::{self, PackParts};
use crate::documents::{Template, Typesetter};

/// May read the whole portfolio (narratives and evidence files); records
/// the download for the school's coordinator.
async fn may_download(
    state: &AppState,
    identity: &Identity,
    portfolio_id: i32,
    kind: downloads::Kind,
) -> ServiceResult<()> {
    let who = identity.principal.as_ref();
    let located = access::portfolio(&state.db, who, portfolio_id, Action::ReadNarratives).await?;
    let title = match kind {
        downloads::Kind::PackZip => "Submission pack (ZIP)",
        _ => "Portfolio (PDF)",
    };
    if let Some(p) = who {
        downloads::record(
            &state.db,
            downloads::Record {
                school_id: located.school_id,
                portfolio_id,
                user_id: p.user_id,
                kind,
                evidence_item_id: None,
                title,
            },
            chrono::Utc::now(),
        )
        .await?;
    }
    Ok(())
}

/// Lays out a document on a blocking thread (typst is CPU-bound).
pub(crate) async fn typeset<T: serde::Serialize + Send + 'static>(
    typesetter: Arc<Typesetter>,
    template: Template,
    data: T,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, AppError> {
    // Waits its turn (a few at once), then lays out on a blocking thread.
    let Ok(turn) = typesetter.turns.acquire().await else {
        return Err(AppError::Internal);
    };
    let made = {
        let typesetter = typesetter.clone();
        tokio::task::spawn_blocking(move || typesetter.pdf(template, &data, today)).await
    };
    drop(turn);
    match made {
        Ok(Ok(pdf)) => Ok(pdf),
        Ok(Err(error)) => {
            tracing::error!(%error, "typesetting failed");
            Err(AppError::Internal)
        }
        Err(error) => {
            tracing::error!(%error, "the typesetting task failed");
            Err(AppError::Internal)
        }
    }
}

async fn pack_parts(
    state: &AppState,
    typesetter: Arc<Typesetter>,
    portfolio_id: i32,
) -> Result<(PackParts, String), AppError> {
    let today = app::calendar::today();
    let gathered = pack::gather(&state.db, &state.frameworks, portfolio_id, today).await?;
    let index_csv = index_csv(&gathered.index).map_err(|e| {
        tracing::error!(error = %e, "writing the evidence index failed");
        AppError::Internal
    })?;
    let pdf = typeset(typesetter, Template::Portfolio, gathered.contents, today).await?;
    Ok((
        PackParts {
            pdf,
            index_csv,
            files: gathered.files,
        },
        gathered.name,
    ))
}

/// `GET /portfolios/{id}/pack.pdf`
pub async fn pack_pdf(
    State(state): State<AppState>,
    Path(portfolio_id): Path<i32>,
    Extension(identity): Extension<Identity>,
    Extension(typesetter): Extension<Arc<Typesetter>>,
) -> Response {
    if let Err(e) = may_download(&state, &identity, portfolio_id, downloads::Kind::PackPdf).await {
        return plain_error(e.into());
    }
    match pack_parts(&state, typesetter, portfolio_id).await {
        Ok((parts, name)) => {
            attachment(parts.pdf, "application/pdf", &safe_file_name(&name, "pdf"))
        }
        Err(e) => plain_error(e),
    }
}

/// `GET /portfolios/{id}/pack.zip`: the PDF, the index and every evidence
/// file, written as it is sent.
pub async fn pack_zip(
    State(state): State<AppState>,
    Path(portfolio_id): Path<i32>,
    Extension(identity): Extension<Identity>,
    Extension(typesetter): Extension<Arc<Typesetter>>,
) -> Response {
    if let Err(e) = may_download(&state, &identity, portfolio_id, downloads::Kind::PackZip).await {
        return plain_error(e.into());
    }
    match pack_parts(&state, typesetter, portfolio_id).await {
        Ok((parts, name)) => attachment(
            pack_zip::stream(parts, state.db.clone()),
            "application/zip",
            &safe_file_name(&name, "zip"),
        ),
        Err(e) => plain_error(e),
    }
}

#[derive(Deserialize)]
pub struct ReportQuery {
    /// Made even though the identifier check found something.
    #[serde(default)]
    anyway: Option<String>,
}

/// `GET /portfolios/{id}/report.pdf`: the governors' report. If the
/// identifier check finds something, the person is sent back to the report,
/// where the warning shows, unless they asked for it anyway.
pub async fn report_pdf(
    State(state): State<AppState>,
    Path(portfolio_id): Path<i32>,
    Query(query): Query<ReportQuery>,
    Extension(identity): Extension<Identity>,
    Extension(typesetter): Extension<Arc<Typesetter>>,
) -> Response {
    let today = app::calendar::today();
    let made = async {
        let who = identity.principal.as_ref();
        let located = access::portfolio(&state.db, who, portfolio_id, Action::View).await?;
        let can_edit = decide(who, Action::Edit, located.school()).is_ok();
        report::report(
            &state.db,
            &state.frameworks,
            &state.calendars,
            portfolio_id,
            today,
            can_edit,
        )
        .await
    }
    .await;
    let governors_report = match made {
        Ok(r) => r,
        Err(e) => return plain_error(ServiceError::into(e)),
    };
    if !governors_report.warnings.is_empty() && query.anyway.is_none() {
        return Redirect::to(&format!(
            "/portfolios/{portfolio_id}/report?check=1#report-warnings"
        ))
        .into_response();
    }
    let name = format!(
        "{} - {}",
        governors_report.dashboard.school.name,
        governors_report.title()
    );
    let document = app::report::document(&governors_report, today);
    match typeset(typesetter, Template::GovernorsReport, document, today).await {
        Ok(pdf) => attachment(pdf, "application/pdf", &safe_file_name(&name, "pdf")),
        Err(e) => plain_error(e),
    }
}
