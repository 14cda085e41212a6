//! Assembles the axum router: Leptos pages and server functions, health and
//! metrics, and the middleware every request passes through.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::{Extension, Router};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use app::security::identity::load_identity;
use app::security::session_store::DbSessionStore;
use app::state::AppState;
use app::{App, shell};

use crate::documents::Typesetter;
use crate::http::headers::CspNonce;
use crate::http::metrics::Metrics;
use crate::http::{
    assets, award, collab, csrf, evidence, feeds, headers, health, metrics, pack, surveys,
};

/// Gives Leptos's scripts this request's CSP nonce.
fn provide_request_context() {
    if let Some(nonce) = use_context::<::http::request::Parts>()
        .and_then(|p| p.extensions.get::<CspNonce>().map(|n| n.0.clone()))
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

pub fn build_router(state: AppState, metrics: Arc<Metrics>) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("session")
        .with_secure(state.settings.secure_cookies)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            state.settings.session_idle.num_seconds(),
        )));

    // Ahead of every session, CSRF and compression layer: the site's files,
    // and the health check a load balancer calls every few seconds.
    let edge = assets::router(&options).route("/healthz", get(health::healthz));
    let app = Router::new()
        .route("/portfolios/{portfolio_id}/collab", get(collab::socket))
        .route(
            "/portfolios/{portfolio_id}/evidence",
            post(evidence::upload).layer(DefaultBodyLimit::max(evidence::MAX_UPLOAD_BODY)),
        )
        .route("/evidence/{item_id}/download", get(evidence::download))
        .route("/portfolios/{portfolio_id}/pack.pdf", get(pack::pack_pdf))
        .route("/portfolios/{portfolio_id}/pack.zip", get(pack::pack_zip))
        .route(
            "/portfolios/{portfolio_id}/report.pdf",
            get(pack::report_pdf),
        )
        .route(
            "/portfolios/{portfolio_id}/certificate.pdf",
            get(award::certificate_pdf),
        )
        .route(
            "/authorities/{authority_id}/schools.csv",
            get(award::schools_csv),
        )
        .route("/feeds/{token}/peps.ics", get(feeds::pep_feed))
        .route(
            "/authorities/{authority_id}/peps.csv",
            get(feeds::virtual_school_csv),
        )
        .route("/s/{token}", post(surveys::answer))
        .route("/surveys/{survey_id}/{file}", get(surveys::qr_code))
        .route(
            "/surveys/{survey_id}/results.csv",
            get(surveys::results_csv),
        )
        .route("/metrics", get(metrics::render).with_state(metrics.clone()))
        .leptos_routes_with_context(&state, routes, provide_request_context, move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            provide_request_context,
            shell,
        ))
        .layer(Extension(Arc::new(Typesetter::new())))
        .layer(from_fn_with_state(state.clone(), load_identity))
        .layer(sessions)
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(from_fn(headers::security_headers))
        // PDFs and ZIPs are compressed already.
        .layer(
            CompressionLayer::new().compress_when(
                DefaultPredicate::new()
                    .and(NotForContentType::const_new("application/pdf"))
                    .and(NotForContentType::const_new("application/zip")),
            ),
        )
        .layer(from_fn_with_state(metrics, metrics::track))
        .layer(TraceLayer::new_for_http());
    edge.merge(app).with_state(state)
}

/// Serves `router` on `listener` until the process ends. Small replies are
/// sent at once (TCP_NODELAY), not held back waiting for delayed ACKs.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        if let Err(error) = tcp.set_nodelay(true) {
            tracing::warn!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}
