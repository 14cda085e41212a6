//! The PEP calendar feed and the Virtual School's CSV. The feed: `GET /feeds/{token}/peps.ics`, read by Outlook or
//! a phone's calendar without a session. The token is the only key; an
//! unknown or revoked one, or one whose person may no longer keep the
//! school's PEPs, gets 404.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use app::services::feeds;
use app::state::AppState;

use super::reply::plain_error;

pub async fn pep_feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match feeds::calendar_for(&state.db, &state.calendars, &token, app::calendar::today()).await {
        Ok(ics) => {
            let mut response = ics.into_response();
            let h = response.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            );
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline; filename=\"peps.ics\""),
            );
            response
        }
        Err(e) => plain_error(e.into()),
    }
}

/// The Virtual School's page as CSV: `GET /authorities/{id}/peps.csv`.
pub async fn virtual_school_csv(
    State(state): State<AppState>,
    Path(authority_id): Path<i32>,
    axum::Extension(identity): axum::Extension<app::security::identity::Identity>,
) -> Response {
    use app::security::Action;
    use app::services::{ServiceError, access, virtual_school};
    let made = async {
        access::authority(identity.principal.as_ref(), authority_id, Action::View)?;
        let page = virtual_school::overview(
            &state.db,
            &state.calendars,
            &state.frameworks,
            authority_id,
            app::calendar::today(),
        )
        .await?;
        let csv = virtual_school::csv(&page).map_err(ServiceError::Internal)?;
        Ok::<_, ServiceError>((page.authority.name, csv))
    }
    .await;
    match made {
        Ok((name, csv)) => super::reply::attachment(
            csv,
            "text/csv; charset=utf-8",
            &app::evidence::rules::safe_file_name(&format!("{name} PEPs"), "csv"),
        ),
        Err(e) => plain_error(e.into()),
    }
}
