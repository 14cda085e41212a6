//! Load run for survey answers (not a pass/fail test): N carers at once,
//! each opening the survey page (as a phone does) and sending one set of
//! answers, against this server on SQLite and, when `TEST_DATABASE_URL` is
//! set, on PostgreSQL. Reports submissions/s, the submission's latency
//! p50/p99, and that the stored count equals the accepted count.
//!
//! `cargo bench -p server --bench survey_load -- [--carers 1000]`
//! (127.0.0.1 only; every carer answers once; bounded at 120 s per backend).

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::db::testing::{Backend, TestDb};
use app::state::{AppState, Settings};
use hdrhistogram::Histogram;
use leptos::prelude::LeptosOptions;
use tokio::sync::{Barrier, Mutex};

struct Outcome {
    backend: &'static str,
    carers: usize,
    accepted: usize,
    refused: usize,
    stored: usize,
    seconds: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn carers() -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--carers")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.parse().expect("--carers N"))
        .unwrap_or(1000)
}

async fn serve(db: &TestDb) -> (String, AppState) {
    let frameworks = app::rubric::Catalog::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"),
    )
    .expect("frameworks");
    let options = LeptosOptions::builder()
        .output_name("caring-schools")
        .site_root("target/site")
        .build();
    // Every carer here comes from 127.0.0.1: the per-address limit is lifted
    // for the run (it is tested on its own in server/tests).
    let settings = Settings {
        answers_per_address: 1_000_000,
        answers_per_link: 1_000_000,
        ..Settings::default()
    };
    let state = AppState::new(
        options,
        db.db.clone(),
        frameworks,
        app::calendar::Calendars::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../calendars"),
        )
        .expect("calendars"),
        settings,
    );
    server::demo::seed(&state, Some("bench password 123"))
        .await
        .expect("seed");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        server::build_router(state.clone(), server::http::metrics::Metrics::new()),
    ));
    (format!("http://{address}"), state)
}

/// Opens the page, reads the form's token and key, sends answers; returns
/// the submission's latency and whether it was accepted.
async fn carer(base: &str, token: &str) -> Result<(Duration, bool), reqwest::Error> {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let html = http
        .get(format!("{base}/s/{token}"))
        .header("accept", "text/html")
        .send()
        .await?
        .text()
        .await?;
    let find = |marker: &str| {
        html.find(marker).map(|s| {
            let start = s + marker.len();
            html[start..start + html[start..].find('"').unwrap_or(0)].to_string()
        })
    };
    let csrf = find("name=\"csrf-token\" content=\"").unwrap_or_default();
    let key = find("name=\"submission_key\" value=\"").unwrap_or_default();
    let form = [
        ("csrf_token", csrf.as_str()),
        ("submission_key", key.as_str()),
        ("q_q1", "0"),
        ("q_q2", "1"),
        ("q_q3", "0"),
        ("q_q4", "1"),
        ("q_q5", "2"),
        ("q_q6", "1"),
        ("q_q7", "The school rings me when something good happens."),
    ];
    let start = Instant::now();
    let r = http
        .post(format!("{base}/s/{token}"))
        .header("origin", base)
        .header("accept", "text/html")
        .form(&form)
        .send()
        .await?;
    let accepted = r.status() == reqwest::StatusCode::SEE_OTHER
        && r.headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .is_some_and(|l| l.ends_with("/thanks"));
    Ok((start.elapsed(), accepted))
}

async fn run(backend: Backend, name: &'static str, n: usize) -> Option<Outcome> {
    let db = match backend {
        Backend::Sqlite => TestDb::sqlite().await,
        Backend::Postgres => TestDb::postgres().await?,
    };
    let (base, state) = serve(&db).await;
    let school = app::services::schools::list(&state.db, &state.frameworks, None)
        .await
        .unwrap()
        .into_iter()
        .next()
        .expect("demo school")
        .id;
    let survey = app::services::surveys::start_from_template(
        &state.db,
        school,
        "voice-of-the-carer",
        1,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let token = app::services::surveys::open(&state.db, survey, None, None, chrono::Utc::now())
        .await
        .unwrap();

    let histogram = Arc::new(Mutex::new(Histogram::<u64>::new(3).unwrap()));
    let counts = Arc::new(Mutex::new((0usize, 0usize)));
    let barrier = Arc::new(Barrier::new(n));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for _ in 0..n {
        let (base, token) = (base.clone(), token.clone());
        let (histogram, counts, barrier) = (histogram.clone(), counts.clone(), barrier.clone());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            match carer(&base, &token).await {
                Ok((latency, accepted)) => {
                    let mut c = counts.lock().await;
                    if accepted {
                        c.0 += 1;
                        histogram
                            .lock()
                            .await
                            .record(latency.as_micros() as u64)
                            .ok();
                    } else {
                        c.1 += 1;
                    }
                }
                Err(_) => counts.lock().await.1 += 1,
            }
        }));
    }
    let all = futures_util::future::join_all(tasks);
    if tokio::time::timeout(Duration::from_secs(120), all)
        .await
        .is_err()
    {
        eprintln!("{name}: not finished within 120 s");
    }
    let seconds = started.elapsed().as_secs_f64();
    let stored = app::services::surveys::response_count(&state.db, survey)
        .await
        .unwrap();
    let (accepted, refused) = *counts.lock().await;
    let h = histogram.lock().await;
    Some(Outcome {
        backend: name,
        carers: n,
        accepted,
        refused,
        stored,
        seconds,
        p50_ms: h.value_at_quantile(0.50) as f64 / 1000.0,
        p99_ms: h.value_at_quantile(0.99) as f64 / 1000.0,
    })
}

#[tokio::main]
async fn main() {
    let n = carers();
    let mut outcomes = Vec::new();
    for (backend, name) in [
        (Backend::Sqlite, "SQLite"),
        (Backend::Postgres, "PostgreSQL"),
    ] {
        match run(backend, name, n).await {
            Some(o) => outcomes.push(o),
            None => eprintln!("{name}: skipped (set TEST_DATABASE_URL to include it)"),
        }
    }
    println!(
        "\n| database | carers at once | accepted | refused | stored | submissions/s | p50 | p99 | nothing lost |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for o in outcomes {
        println!(
            "| {} | {} | {} | {} | {} | {:.0} | {:.1} ms | {:.1} ms | {} |",
            o.backend,
            o.carers,
            o.accepted,
            o.refused,
            o.stored,
            o.accepted as f64 / o.seconds,
            o.p50_ms,
            o.p99_ms,
            if o.stored == o.accepted { "yes" } else { "NO" },
        );
    }
}
