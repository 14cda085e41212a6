//! The site's own files (`/pkg/…`: the wasm, its JavaScript, the style sheet)
//! served straight from disk, ahead of every session, database, CSRF and
//! compression layer: a phone fetching the app's code costs the server a file
//! read, nothing more.
//!
//! The release build writes brotli and gzip copies beside each file
//! (`cargo leptos build --release --precompress`); they are sent to browsers
//! that accept them, so nothing is compressed per request. With hashed file
//! names (`LEPTOS_HASH_FILES=true`, as the release build writes them) a file
//! never changes under its name, so browsers keep it for a year without
//! asking again; without hashes they ask every time (`no-cache`).

use std::path::Path;

use axum::Router;
use axum::middleware::map_response;
use axum::response::Response;
use http::header::{CACHE_CONTROL, X_CONTENT_TYPE_OPTIONS};
use http::{HeaderValue, StatusCode};
use leptos::config::LeptosOptions;
use tower_http::services::ServeDir;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";

/// The caching a successful reply gets.
pub fn cache_control(hashed_names: bool) -> &'static str {
    if hashed_names { IMMUTABLE } else { REVALIDATE }
}

/// `/{site_pkg_dir}/…` from `{site_root}/{site_pkg_dir}`.
pub fn router<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let pkg = options.site_pkg_dir.as_ref();
    let dir = Path::new(options.site_root.as_ref()).join(pkg);
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let cache = cache_control(options.hash_files);
    Router::new()
        .nest_service(&format!("/{pkg}"), files)
        .layer(map_response(move |response: Response| async move {
            with_headers(response, cache)
        }))
}

/// With hashed names Leptos reads them from `hash.txt` beside the running
/// binary (where `cargo leptos build` writes it), and fails every page
/// without it: better to refuse to start.
pub fn check_hash_file(options: &LeptosOptions) -> Result<(), String> {
    if !options.hash_files {
        return Ok(());
    }
    let path = std::env::current_exe()
        .map_err(|e| format!("where is this binary? {e}"))?
        .with_file_name(options.hash_file.as_ref());
    if path.is_file() {
        Ok(())
    } else {
        Err(format!(
            "LEPTOS_HASH_FILES=true but {} is missing: build with `cargo leptos build`, \
             or unset LEPTOS_HASH_FILES",
            path.display()
        ))
    }
}

/// Only a file found is cached: a missing one may be there after the next
/// deployment.
fn with_headers(mut response: Response, cache: &'static str) -> Response {
    let found = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(if found { cache } else { "no-store" }),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_names_are_kept_for_good() {
        assert_eq!(cache_control(true), IMMUTABLE);
        assert_eq!(cache_control(false), REVALIDATE);
    }

    #[test]
    fn hashed_names_need_the_builds_hash_file() {
        let hashed = |file: &str| {
            LeptosOptions::builder()
                .output_name("caring-schools")
                .hash_files(true)
                .hash_file(std::sync::Arc::from(file))
                .build()
        };
        let error = check_hash_file(&hashed("no-such-hash-file.txt")).unwrap_err();
        assert!(
            error.contains("no-such-hash-file.txt is missing"),
            "{error}"
        );
        let here = std::env::current_exe().unwrap();
        let beside = here.file_name().unwrap().to_str().unwrap();
        assert_eq!(
            check_hash_file(&hashed(beside)),
            Ok(()),
            "a file that is there"
        );
        let plain = LeptosOptions::builder()
            .output_name("caring-schools")
            .build();
        assert_eq!(
            check_hash_file(&plain),
            Ok(()),
            "no hashes, nothing to read"
        );
    }

    #[test]
    fn a_missing_file_is_never_cached() {
        let missing = Response::builder()
            .status(404)
            .body(axum::body::Body::empty())
            .unwrap();
        let reply = with_headers(missing, IMMUTABLE);
        assert_eq!(reply.headers()[CACHE_CONTROL], "no-store");
        assert_eq!(reply.headers()[X_CONTENT_TYPE_OPTIONS], "nosniff");
        let found = Response::new(axum::body::Body::empty());
        assert_eq!(
            with_headers(found, IMMUTABLE).headers()[CACHE_CONTROL],
            IMMUTABLE
        );
    }
}
