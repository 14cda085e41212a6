//! Cross-site request forgery protection for every request that can change
//! something. The rules themselves live in `app::security::csrf`.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Method, StatusCode};

use app::error::AppError;
use app::security::csrf::{self, CsrfToken};
use app::security::tokens;
use app::state::AppState;

/// Form bodies larger than this are not buffered to look for the token.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

fn cookie_token(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == csrf::COOKIE)
        .map(|c| c.value().to_string())
        .filter(|t| tokens::looks_like_token(t))
}

fn is_form(request: &Request, kind: &str) -> bool {
    request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(kind))
}

/// Multipart uploads name the token in the form's action URL, as the body
/// is streamed to its handler and never buffered here.
fn query_token(request: &Request) -> Option<String> {
    csrf::token_in_form(request.uri().query()?.as_bytes())
}

/// What a refused request gets: a page for a person, the typed error for a script.
fn refuse(wants_html: bool) -> Response {
    let error = AppError::CsrfRejected;
    if wants_html {
        let body = format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Form expired</title></head>\
             <body><h1>Your form had expired</h1><p>{error}</p><p><a href=\"/\">Go to the start page</a></p></body></html>"
        );
        (
            StatusCode::FORBIDDEN,
            [(http::header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response()
    } else {
        let body = serde_json::to_string(&error).unwrap_or_default();
        (
            StatusCode::FORBIDDEN,
            [(http::header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let existing = cookie_token(&request);
    let token = existing.clone().unwrap_or_else(tokens::new_token);
    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );

    let mut request = request;
    if unsafe_method {
        let wants_html = request
            .headers()
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        let host = request
            .headers()
            .get(http::header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if !csrf::same_origin(request.headers(), host.as_deref()) {
            tracing::warn!(path = request.uri().path(), "cross-site request refused");
            return refuse(wants_html);
        }
        let mut submitted = request
            .headers()
            .get(csrf::HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        if submitted.is_none() && is_form(&request, "multipart/form-data") {
            submitted = query_token(&request);
        }
        if submitted.is_none() && is_form(&request, "application/x-www-form-urlencoded") {
            let (parts, body) = request.into_parts();
            let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
                return (StatusCode::PAYLOAD_TOO_LARGE, "The form was too large.").into_response();
            };
            submitted = csrf::token_in_form(&bytes);
            request = Request::from_parts(parts, Body::from(bytes));
        }
        let valid = match (&existing, &submitted) {
            (Some(cookie), Some(given)) => csrf::tokens_match(cookie, given),
            _ => false,
        };
        if !valid {
            tracing::warn!(
                path = request.uri().path(),
                "request without a valid CSRF token refused"
            );
            return refuse(wants_html);
        }
    }

    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    if existing.is_none() {
        let secure = if state.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{}={token}; Path=/; HttpOnly; SameSite=Strict{secure}",
            csrf::COOKIE
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response
                .headers_mut()
                .append(http::header::SET_COOKIE, value);
        }
    }
    response
}
