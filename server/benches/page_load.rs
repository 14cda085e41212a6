//! Page load (not a pass/fail test): requests/s and p99 of the site's files
//! and pages under `wrk`, each beside a reference served from this same
//! binary in the same run, so the ratios mean something on a shared machine:
//!
//! - a site file (`/pkg/…css`, brotli accepted) against a bare `ServeDir` of
//!   the same folder;
//! - `/healthz` against a bare axum handler;
//! - the sign-in page, a domain page and the governors' dashboard (signed in
//!   as the coordinator) against a bare Leptos page: one route, one heading,
//!   the same hydration scripts, no middleware and no database.
//!
//! `cargo bench -p server --bench page_load -- [--seconds 6] [--connections 50]`
//! after `cargo leptos build --release --precompress --split` (the site's files are
//! read from `target/site`). Runs on SQLite, and on PostgreSQL too when
//! `TEST_DATABASE_URL` is set. Needs `wrk`; 127.0.0.1 only, bounded by
//! `--seconds` per row.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use app::db::testing::{Backend, TestDb};
use app::state::{AppState, Settings};
use axum::Router;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use leptos_router::components::{Route, Router as LeptosRouter, Routes};
use leptos_router::path;
use tower_http::services::ServeDir;

mod support;

const PASSWORD: &str = "bench password 123";
const COORDINATOR: &str = "coordinator@demo.caring-schools.test";

fn site_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site")
}

fn options() -> LeptosOptions {
    let root = site_root();
    LeptosOptions::builder()
        .output_name("caring-schools")
        .site_root(root.display().to_string())
        // As production serves a release build; Leptos needs hash.txt for it.
        .hash_files(built_hash_file().exists())
        .build()
}

/// The style sheet's name as the build wrote it (hashed or not).
fn css_file() -> Option<String> {
    std::fs::read_dir(site_root().join("pkg"))
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|name| name.starts_with("caring-schools") && name.ends_with(".css"))
}

async fn listen(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(server::serve(listener, router));
    format!("http://{address}")
}

// The reference page: what Leptos costs with nothing of ours around it.

#[component]
fn BarePage() -> impl IntoView {
    view! {
        <h1>"A bare page"</h1>
        <p>"Rendered by Leptos, with no middleware and no database."</p>
    }
}

#[component]
fn BareApp() -> impl IntoView {
    view! {
        <LeptosRouter>
            <Routes fallback=|| "Not found">
                <Route path=path!("/bare") view=BarePage />
            </Routes>
        </LeptosRouter>
    }
}

fn bare_shell(options: LeptosOptions) -> impl IntoView {
    use leptos::hydration::HydrationScripts;
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <title>"A bare page"</title>
                <HydrationScripts options />
            </head>
            <body>
                <BareApp />
            </body>
        </html>
    }
}

async fn references() -> (String, String) {
    let options = options();
    let shell_options = options.clone();
    let bare = Router::new()
        .leptos_routes(&options, generate_route_list(BareApp), move || {
            bare_shell(shell_options.clone())
        })
        .route("/healthz", get(|| async { "ok" }))
        .with_state(options);
    let files = Router::new().nest_service(
        "/pkg",
        ServeDir::new(site_root().join("pkg"))
            .precompressed_br()
            .precompressed_gzip(),
    );
    (listen(bare).await, listen(files).await)
}

struct Ours {
    base: String,
    cookie: String,
    school: i32,
    portfolio: i32,
    /// An open carers' survey's link.
    survey: String,
}

/// Our server with the demo data, signed in as the coordinator.
async fn ours(db: &TestDb) -> Ours {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let state = AppState::new(
        options(),
        db.db.clone(),
        app::rubric::Catalog::load_dir(&root.join("../frameworks")).expect("frameworks"),
        app::calendar::Calendars::load_dir(&root.join("../calendars")).expect("calendars"),
        Settings::default(),
    );
    server::demo::seed(&state, Some(PASSWORD))
        .await
        .expect("seed");
    let base = listen(server::build_router(
        state.clone(),
        server::http::metrics::Metrics::new(),
    ))
    .await;
    use app::db::entities::{portfolio, school};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let school = school::Entity::find()
        .filter(school::Column::Urn.eq(server::demo::DEMO_URN))
        .one(&state.db)
        .await
        .unwrap()
        .expect("demo school");
    let portfolio = portfolio::Entity::find()
        .filter(portfolio::Column::SchoolId.eq(school.id))
        .filter(portfolio::Column::FrameworkId.eq("caring2learn"))
        .one(&state.db)
        .await
        .unwrap()
        .expect("demo portfolio")
        .id;
    let now = chrono::Utc::now();
    let survey = app::services::surveys::start_from_template(
        &state.db,
        school.id,
        "voice-of-the-carer",
        1,
        now,
    )
    .await
    .unwrap();
    let survey = app::services::surveys::open(&state.db, survey, None, None, now)
        .await
        .unwrap();
    Ours {
        cookie: support::sign_in(&base, COORDINATOR, PASSWORD).await.cookie,
        base,
        school: school.id,
        portfolio,
        survey: format!("/s/{survey}"),
    }
}

struct Figures {
    rate: f64,
    p99_ms: f64,
}

/// `wrk --latency` on one address; `None` when wrk failed or saw errors.
fn wrk(url: &str, cookie: Option<&str>, seconds: usize, connections: usize) -> Option<Figures> {
    let mut command = Command::new("wrk");
    command.args([
        "-t2",
        &format!("-c{connections}"),
        &format!("-d{seconds}s"),
        "--latency",
        "-H",
        "Accept-Encoding: br",
        "-H",
        "Accept: text/html",
    ]);
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let output = command.arg(url).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    if text.contains("Non-2xx or 3xx responses") {
        eprintln!("{url}: wrk saw error replies\n{text}");
    }
    parse_wrk(&text)
}

fn parse_wrk(text: &str) -> Option<Figures> {
    let rate = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))?
        .trim()
        .parse()
        .ok()?;
    let p99 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))?
        .trim();
    let p99_ms = if let Some(v) = p99.strip_suffix("us") {
        v.parse::<f64>().ok()? / 1000.0
    } else if let Some(v) = p99.strip_suffix("ms") {
        v.parse().ok()?
    } else if let Some(v) = p99.strip_suffix('s') {
        v.parse::<f64>().ok()? * 1000.0
    } else {
        return None;
    };
    Some(Figures { rate, p99_ms })
}

fn row(what: &str, ours: Option<Figures>, reference: Option<&Figures>, against: &str) {
    let cell = |f: Option<&Figures>| {
        f.map_or("failed".to_string(), |f| {
            format!("{:.0} req/s, p99 {:.1} ms", f.rate, f.p99_ms)
        })
    };
    let ratio = match (&ours, reference) {
        (Some(o), Some(r)) if r.rate > 0.0 => format!("{:.0}%", 100.0 * o.rate / r.rate),
        _ => "–".into(),
    };
    println!(
        "| {what} | {} | {against}: {} | {ratio} |",
        cell(ours.as_ref()),
        cell(reference)
    );
}

/// The site as built, raw and as sent to a browser taking brotli: the main
/// files one by one, then each area of pages (`app/src/routes.rs`) as the
/// chunks `cargo leptos build --split` cut for it.
fn bundle() {
    let dir = site_root().join("pkg");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".br") && !n.ends_with(".gz"))
        .collect();
    names.sort();
    let size = |name: &str| std::fs::metadata(dir.join(name)).map(|m| m.len()).ok();
    let kb = |bytes: u64| format!("{:.0}", bytes as f64 / 1024.0);
    let brotli = |name: &str| size(&format!("{name}.br"));
    println!("\n| file in {} | raw KB | brotli KB |", dir.display());
    println!("|---|---:|---:|");
    for name in names
        .iter()
        .filter(|n| !n.starts_with("chunk_") && !n.starts_with("split_"))
    {
        let br = brotli(name).map_or("not precompressed".to_string(), kb);
        println!("| {name} | {} | {br} |", kb(size(name).unwrap_or(0)));
    }
    // {"area_<hash>": ["split_area_<hash>.<content hash>", "chunk_12.<content hash>", …]}
    let Some(manifest) = names
        .iter()
        .find(|n| n.starts_with("__wasm_split_manifest"))
        .and_then(|n| std::fs::read_to_string(dir.join(n)).ok())
        .and_then(|text| serde_json::from_str::<BTreeMap<String, Vec<String>>>(&text).ok())
    else {
        println!("(not split: build with `cargo leptos build --release --precompress --split`)");
        return;
    };
    println!("\n| area of pages (its chunks) | files | raw KB | brotli KB |");
    println!("|---|---:|---:|---:|");
    for (area, chunks) in manifest {
        let files: Vec<String> = chunks.iter().map(|c| format!("{c}.wasm")).collect();
        let raw: u64 = files.iter().filter_map(|f| size(f)).sum();
        let br: u64 = files.iter().filter_map(|f| brotli(f)).sum();
        let area = area
            .rsplit_once('_')
            .map_or(area.as_str(), |(name, _hash)| name);
        println!("| {area} | {} | {} | {} |", files.len(), kb(raw), kb(br));
    }
}

struct Scores {
    performance: f64,
    accessibility: f64,
    lcp_ms: f64,
    interactive_ms: f64,
    bytes: f64,
}

/// Lighthouse (mobile, simulated throttling) on one page; `None` without
/// `LIGHTHOUSE` (the path of npm lighthouse 12.2.3's binary) or when it fails.
fn lighthouse(url: &str, cookie: Option<&str>) -> Option<Scores> {
    let bin = std::env::var("LIGHTHOUSE").ok()?;
    let mut command = Command::new(bin);
    command
        .env(
            "CHROME_PATH",
            std::env::var("CHROME_PATH").unwrap_or("/usr/bin/chromium".into()),
        )
        .args([
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            "--only-categories=performance,accessibility",
            "--chrome-flags=--headless=new --no-sandbox",
        ]);
    if let Some(cookie) = cookie {
        command.args([
            "--extra-headers".to_string(),
            serde_json::json!({ "Cookie": cookie }).to_string(),
        ]);
    }
    let output = command.output().ok()?;
    let report: serde_json::Value = match serde_json::from_slice(&output.stdout) {
        Ok(report) => report,
        Err(_) => {
            eprintln!(
                "lighthouse {url}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            return None;
        }
    };
    let score = |c: &str| report["categories"][c]["score"].as_f64().map(|s| s * 100.0);
    let audit = |a: &str| report["audits"][a]["numericValue"].as_f64();
    Some(Scores {
        performance: score("performance")?,
        accessibility: score("accessibility")?,
        lcp_ms: audit("largest-contentful-paint")?,
        interactive_ms: audit("interactive")?,
        bytes: audit("total-byte-weight")?,
    })
}

fn lighthouse_table(ours: &Ours) {
    if std::env::var("LIGHTHOUSE").is_err() {
        eprintln!(
            "Lighthouse skipped: set LIGHTHOUSE (scripts/bench installs npm lighthouse 12.2.3)"
        );
        return;
    }
    println!("\nLighthouse 12.2.3, mobile (simulated slow 4G, 4x CPU slowdown), Chromium\n");
    println!("| page | performance | accessibility | LCP | time to interactive | bytes |");
    println!("|---|---:|---:|---:|---:|---:|");
    let pages = [
        ("sign-in", "/sign-in".to_string(), false),
        ("school home", format!("/schools/{}", ours.school), true),
        (
            "domain page",
            format!("/portfolios/{}/domains/1", ours.portfolio),
            true,
        ),
        (
            "dashboard",
            format!("/portfolios/{}/dashboard", ours.portfolio),
            true,
        ),
        (
            "carers' survey (a phone, no account)",
            ours.survey.clone(),
            false,
        ),
    ];
    for (what, path, signed_in) in pages {
        let url = format!("{}{path}", ours.base);
        // A run now and then fails to record its trace (NO_NAVSTART): once more.
        let cookie = signed_in.then_some(ours.cookie.as_str());
        match lighthouse(&url, cookie).or_else(|| lighthouse(&url, cookie)) {
            Some(s) => println!(
                "| {what} | {:.0} | {:.0} | {:.1} s | {:.1} s | {:.0} KB |",
                s.performance,
                s.accessibility,
                s.lcp_ms / 1000.0,
                s.interactive_ms / 1000.0,
                s.bytes / 1024.0
            ),
            None => println!("| {what} | failed | | | | |"),
        }
    }
}

fn built_hash_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/hash.txt")
}

/// Leptos reads the hashed file names from `hash.txt` beside the running
/// binary; the release build wrote it beside the server's.
fn hash_file_beside_this_binary() {
    let built = built_hash_file();
    match std::env::current_exe() {
        Ok(me) if built.exists() => {
            if let Some(dir) = me.parent() {
                std::fs::copy(&built, dir.join("hash.txt")).expect("copy hash.txt");
            }
        }
        _ => eprintln!("no {}: pages will name unhashed files", built.display()),
    }
}

#[tokio::main]
async fn main() {
    hash_file_beside_this_binary();
    let seconds = support::arg("--seconds", 6);
    let connections = support::arg("--connections", 50);
    if Command::new("wrk").arg("--version").output().is_err() {
        eprintln!("page_load needs wrk (apt-get install wrk)");
        std::process::exit(2);
    }
    let (bare, files) = references().await;
    let css = css_file();
    if css.is_none() {
        eprintln!(
            "no style sheet in {}: run cargo leptos build --release --precompress first",
            site_root().display()
        );
    }
    let bench = |url: String, cookie: Option<String>| {
        tokio::task::spawn_blocking(move || wrk(&url, cookie.as_deref(), seconds, connections))
    };
    let bare_page = bench(format!("{bare}/bare"), None).await.unwrap();
    let bare_health = bench(format!("{bare}/healthz"), None).await.unwrap();
    let bare_file = match &css {
        Some(css) => bench(format!("{files}/pkg/{css}"), None).await.unwrap(),
        None => None,
    };
    println!(
        "\nwrk -t2 -c{connections} -d{seconds}s on 127.0.0.1 (references from this binary, same run)\n"
    );
    println!("| what | ours | reference | ours / reference |");
    println!("|---|---|---|---|");
    let mut for_lighthouse = None;
    for (backend, name) in [
        (Backend::Sqlite, "SQLite"),
        (Backend::Postgres, "PostgreSQL"),
    ] {
        let db = match backend {
            Backend::Sqlite => TestDb::sqlite().await,
            Backend::Postgres => match TestDb::postgres().await {
                Some(db) => db,
                None => {
                    eprintln!("PostgreSQL: skipped (set TEST_DATABASE_URL to include it)");
                    continue;
                }
            },
        };
        let site = ours(&db).await;
        let (base, cookie, portfolio) = (site.base.clone(), site.cookie.clone(), site.portfolio);
        if let Some(css) = &css {
            let ours = bench(format!("{base}/pkg/{css}"), Some(cookie.clone()))
                .await
                .unwrap();
            row(
                &format!("{name}: a site file (signed in)"),
                ours,
                bare_file.as_ref(),
                "bare ServeDir",
            );
        }
        let ours = bench(format!("{base}/healthz"), None).await.unwrap();
        row(
            &format!("{name}: /healthz"),
            ours,
            bare_health.as_ref(),
            "bare axum handler",
        );
        for (what, path, signed_in) in [
            ("sign-in page", "/sign-in".to_string(), false),
            (
                "domain page",
                format!("/portfolios/{portfolio}/domains/1"),
                true,
            ),
            (
                "dashboard",
                format!("/portfolios/{portfolio}/dashboard"),
                true,
            ),
        ] {
            let ours = bench(format!("{base}{path}"), signed_in.then(|| cookie.clone()))
                .await
                .unwrap();
            row(
                &format!("{name}: {what}"),
                ours,
                bare_page.as_ref(),
                "bare Leptos page",
            );
        }
        if backend == Backend::Sqlite {
            for_lighthouse = Some((site, db));
        }
    }
    bundle();
    if let Some((site, _db)) = for_lighthouse {
        tokio::task::spawn_blocking(move || lighthouse_table(&site))
            .await
            .unwrap();
    }
}
