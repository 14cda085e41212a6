//! The site's files: from disk, precompressed, cached for good under hashed
//! names, and never waiting on a session or the database; nor the health check.

use std::path::Path;

use leptos::config::LeptosOptions;
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, SET_COOKIE,
    X_CONTENT_TYPE_OPTIONS,
};

use crate::common::*;

const WASM: &[u8] = b"\0asm raw bytes of the app";
const WASM_BR: &[u8] = b"brotli bytes";
const WASM_GZ: &[u8] = b"gzip bytes";
const NAME: &str = "caring-schools.0123abcd.wasm";

/// The build's `hash.txt`, which Leptos reads beside the running binary.
fn hash_file() {
    let me = std::env::current_exe().unwrap();
    std::fs::write(
        me.with_file_name("hash.txt"),
        "js: 0123abcd\nwasm: 0123abcd\ncss: 0123abcd\n",
    )
    .unwrap();
}

fn site(root: &Path) {
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join(NAME), WASM).unwrap();
    std::fs::write(pkg.join(format!("{NAME}.br")), WASM_BR).unwrap();
    std::fs::write(pkg.join(format!("{NAME}.gz")), WASM_GZ).unwrap();
}

async fn files(backend: app::db::testing::Backend) {
    let root = tempfile::tempdir().unwrap();
    site(root.path());
    hash_file();
    let options = LeptosOptions::builder()
        .output_name("caring-schools")
        .site_root(root.path().display().to_string())
        .hash_files(true)
        .build();
    let settings = app::state::Settings {
        sign_ins_per_address: 10_000,
        sign_ins_per_email: 10_000,
        ..app::state::Settings::default()
    };
    let Some(app) = TestApp::spawn_site(backend, settings, options).await else {
        eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped");
        return;
    };
    // A signed-in browser: its session cookie goes with every request.
    let c = app.signed_in(COORDINATOR).await;
    let html = c.page("/sign-in").await.text().await.unwrap();
    assert!(
        html.contains("/pkg/caring-schools.0123abcd.wasm"),
        "hashed names in pages"
    );
    assert!(html.contains("/pkg/caring-schools.0123abcd.css"));
    let get = |encoding: &'static str| {
        let request = c.http.get(app.url(&format!("/pkg/{NAME}")));
        async move {
            let request = if encoding.is_empty() {
                request
            } else {
                request.header(ACCEPT_ENCODING, encoding)
            };
            request.send().await.unwrap()
        }
    };

    let r = get("gzip, deflate, br").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()[CONTENT_ENCODING], "br");
    assert_eq!(r.headers()[CONTENT_TYPE], "application/wasm");
    assert_eq!(
        r.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers()[X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(
        r.headers().get(SET_COOKIE).is_none(),
        "no session or CSRF work"
    );
    assert_eq!(r.bytes().await.unwrap().as_ref(), WASM_BR);

    let r = get("gzip").await;
    assert_eq!(r.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(r.bytes().await.unwrap().as_ref(), WASM_GZ);

    let r = get("identity").await;
    assert!(r.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(r.bytes().await.unwrap().as_ref(), WASM);

    // A name that is not there is not cached: it may be after the next deployment.
    let r = c
        .http
        .get(app.url("/pkg/caring-schools.ffff.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()[CACHE_CONTROL], "no-store");

    // With the database gone, pages fail but the files are still served.
    app.state.db.clone().close().await.unwrap();
    let page = c.page("/").await;
    assert!(!page.status().is_success(), "the page needed the database");
    let r = get("br").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.unwrap().as_ref(), WASM_BR);
    // The health check says so plainly, whatever cookie comes with it.
    let r = c.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.text().await.unwrap(), "database unavailable\n");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sites_files_come_from_disk_precompressed_sqlite() {
    within_time(files(app::db::testing::Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sites_files_come_from_disk_precompressed_postgres() {
    within_time(files(app::db::testing::Backend::Postgres)).await;
}
