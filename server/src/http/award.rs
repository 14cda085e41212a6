//! The award's documents that are not pages: the certificate of an awarded
//! portfolio (PDF) and the authority's list of schools as CSV.

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;

use app::award::StandingKind;
use app::evidence::rules::safe_file_name;
use app::security::Action;
use app::security::identity::Identity;
use app::services::access;
use app::services::award::{self, overview};
use app::state::AppState;

use super::pack::typeset;
use super::reply::{attachment, plain_error};
use crate::documents::{Template, Typesetter};

/// `GET /portfolios/{id}/certificate.pdf`: for anyone who may see the
/// school, once the portfolio is awarded (not found before).
pub async fn certificate_pdf(
    State(state): State<AppState>,
    Path(portfolio_id): Path<i32>,
    Extension(identity): Extension<Identity>,
    Extension(typesetter): Extension<Arc<Typesetter>>,
) -> Response {
    let found = async {
        access::portfolio(
            &state.db,
            identity.principal.as_ref(),
            portfolio_id,
            Action::View,
        )
        .await?;
        award::certificate(&state.db, &state.frameworks, portfolio_id).await
    }
    .await;
    let certificate = match found {
        Ok(c) => c,
        Err(e) => return plain_error(e.into()),
    };
    let name = format!(
        "{} - {} certificate",
        certificate.setting, certificate.level
    );
    match typeset(
        typesetter,
        Template::Certificate,
        certificate,
        app::calendar::today(),
    )
    .await
    {
        Ok(pdf) => attachment(pdf, "application/pdf", &safe_file_name(&name, "pdf")),
        Err(e) => plain_error(e),
    }
}

/// `GET /authorities/{id}/schools.csv?status=…`: the award team's list.
pub async fn schools_csv(
    State(state): State<AppState>,
    Path(authority_id): Path<i32>,
    Extension(identity): Extension<Identity>,
    axum::extract::Query(query): axum::extract::Query<CsvQuery>,
) -> Response {
    let made = async {
        access::authority(identity.principal.as_ref(), authority_id, Action::View)?;
        let all = overview::overview(
            &state.db,
            &state.frameworks,
            authority_id,
            app::calendar::today(),
        )
        .await?;
        let status = query.status.as_deref().and_then(StandingKind::parse);
        let sort = query
            .sort
            .as_deref()
            .and_then(app::model::SchoolSort::parse)
            .unwrap_or_default();
        let rows = all.view(status, sort);
        let csv = overview::csv(&rows).map_err(app::services::ServiceError::Internal)?;
        Ok::<_, app::services::ServiceError>((all.name, csv))
    }
    .await;
    match made {
        Ok((name, csv)) => attachment(
            csv,
            "text/csv; charset=utf-8",
            &safe_file_name(&format!("{name} schools"), "csv"),
        ),
        Err(e) => plain_error(e.into()),
    }
}

#[derive(serde::Deserialize)]
pub struct CsvQuery {
    status: Option<String>,
    sort: Option<String>,
}
