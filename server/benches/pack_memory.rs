//! The submission pack under a large portfolio (not a pass/fail test): N
//! evidence files of M MB each, then the ZIP downloaded through the real
//! router. Reports the pack's size, how long it took, the time to its first
//! byte, and how much the process's peak memory grew while it was sent —
//! which stays far below the pack's size because files are read and written
//! one at a time.
//!
//! `cargo bench -p server --bench pack_memory -- [--files 20] [--mb 8]`
//! (SQLite in a temporary file; 127.0.0.1 only.)

use std::time::Instant;

use app::db::testing::TestDb;
use app::services::evidence::{self, NewEvidence, UploadedFile};
use app::state::{AppState, Settings};
use leptos::prelude::LeptosOptions;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

mod support;

/// The process's peak resident memory so far (Linux), in MB.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// A PDF-looking file of `size` bytes that does not compress.
fn file(seed: usize, size: usize) -> Vec<u8> {
    let mut bytes = format!("%PDF-1.7\n% evidence {seed}\n").into_bytes();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15 ^ seed as u64;
    while bytes.len() < size {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(size);
    bytes
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let files = support::arg("--files", 20);
    let mb = support::arg("--mb", 8);
    let db = TestDb::sqlite().await;
    let frameworks = app::rubric::Catalog::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"),
    )
    .expect("frameworks");
    let options = LeptosOptions::builder()
        .output_name("caring-schools")
        .site_root("target/site")
        .build();
    let state = AppState::new(
        options,
        db.db.clone(),
        frameworks,
        app::calendar::Calendars::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../calendars"),
        )
        .expect("calendars"),
        Settings::default(),
    );
    server::demo::seed(&state, Some("bench password 123"))
        .await
        .expect("seed");
    let school = app::db::entities::school::Entity::find()
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let portfolio = app::db::entities::portfolio::Entity::find()
        .filter(app::db::entities::portfolio::Column::SchoolId.eq(school.id))
        .filter(app::db::entities::portfolio::Column::FrameworkId.eq("caring2learn"))
        .one(&state.db)
        .await
        .unwrap()
        .unwrap();
    let framework = state.frameworks.get(&portfolio.framework_id).unwrap();
    let coordinator =
        app::services::accounts::find_by_email(&state.db, "coordinator@demo.caring-schools.test")
            .await
            .unwrap()
            .unwrap();
    for i in 0..files {
        let criterion = framework.criteria().nth(i % 30).unwrap().1.id.clone();
        evidence::create(
            &state.db,
            &framework,
            school.id,
            portfolio.id,
            coordinator.id,
            NewEvidence {
                title: format!("Evidence {i}"),
                kind: "policy".into(),
                criteria: vec![criterion],
                confirm_anonymised: true,
                file: Some(UploadedFile {
                    name: format!("evidence-{i}.pdf"),
                    bytes: file(i, mb * 1024 * 1024),
                }),
                ..Default::default()
            },
            chrono::Utc::now(),
        )
        .await
        .expect("stored");
    }
    let stored_mb = (files * mb) as f64;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        server::build_router(state.clone(), server::http::metrics::Metrics::new()),
    ));
    let base = format!("http://{address}");
    let http = support::sign_in(
        &base,
        "coordinator@demo.caring-schools.test",
        "bench password 123",
    )
    .await
    .http;

    let before = peak_rss_mb();
    let started = Instant::now();
    let mut response = http
        .get(format!("{base}/portfolios/{}/pack.zip", portfolio.id))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    let mut received = 0usize;
    let mut first_byte = None;
    while let Some(chunk) = response.chunk().await.unwrap() {
        first_byte.get_or_insert_with(|| started.elapsed());
        received += chunk.len();
    }
    let took = started.elapsed();
    let after = peak_rss_mb();

    println!(
        "submission pack: {files} evidence files of {mb} MB ({stored_mb:.0} MB stored), SQLite, in-process server"
    );
    println!(
        "| pack size | total time | first byte | MB/s | peak memory before | after | growth |"
    );
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {:.1} MB | {:.2} s | {:.0} ms | {:.0} | {:.0} MB | {:.0} MB | {:.0} MB |",
        received as f64 / 1_048_576.0,
        took.as_secs_f64(),
        first_byte.unwrap_or_default().as_secs_f64() * 1000.0,
        received as f64 / 1_048_576.0 / took.as_secs_f64(),
        before,
        after,
        after - before
    );
    assert!(
        received as f64 > stored_mb * 1_048_576.0,
        "every file is in the pack"
    );
}
