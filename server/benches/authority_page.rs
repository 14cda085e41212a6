//! The award team's page for an authority of 400 schools (not a pass/fail
//! test): how long the overview takes and how many queries it runs, for the
//! service alone and for the whole page over HTTP (server-rendered, signed
//! in), against a reference in the same run: the list as it was built
//! before (three queries per school, kept here only to compare) — on SQLite
//! and, when `TEST_DATABASE_URL` is set, on PostgreSQL.
//!
//! `cargo bench -p server --bench authority_page -- [--schools 400] [--rounds 20]`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use app::db::entities::{criterion_response, portfolio, school, submission};
use app::db::testing::{Backend, TestDb};
use app::state::{AppState, Settings};
use chrono::{Months, NaiveDate, Utc};
use leptos::prelude::LeptosOptions;
use sea_orm::{ActiveValue::Set, EntityTrait};

mod support;

const PASSWORD: &str = "bench password 123";

struct Timing {
    median_ms: f64,
    p95_ms: f64,
    queries: usize,
}

fn timing(mut samples: Vec<Duration>, queries: usize) -> Timing {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    Timing {
        median_ms: ms(samples[samples.len() / 2]),
        p95_ms: ms(samples[(samples.len() * 95 / 100).min(samples.len() - 1)]),
        queries,
    }
}

/// The demo authority grown to `n` schools, at every stage: unregistered,
/// registered, writing (0–30 criteria complete), submitted, awarded.
async fn grow(state: &AppState, authority_id: i32, n: usize) {
    let db = &state.db;
    let framework = state.frameworks.get("caring2learn").unwrap();
    let criteria: Vec<String> = framework.criteria().map(|(_, c)| c.id.clone()).collect();
    let today = app::calendar::today();
    let start = today.checked_sub_months(Months::new(6)).unwrap();
    let now = Utc::now();
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let existing = school::Entity::find()
        .filter(school::Column::AuthorityId.eq(authority_id))
        .count(db)
        .await
        .unwrap() as usize;
    for i in existing..n {
        let s = school::Entity::insert(school::ActiveModel {
            authority_id: Set(authority_id),
            name: Set(format!("Bench School {i:04}")),
            urn: Set(format!("{}", 500000 + i)),
            phase: Set("Primary".into()),
            school_type: Set("Academy".into()),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
        if i % 10 == 0 {
            continue; // no portfolio at all
        }
        let stage = i % 5;
        let (status, award): (&str, Option<(&str, NaiveDate)>) = match stage {
            3 => ("submitted", None),
            4 => (
                "awarded",
                Some(("silver", today.checked_sub_months(Months::new(30)).unwrap())),
            ),
            _ => ("in_progress", None),
        };
        let p = portfolio::Entity::insert(portfolio::ActiveModel {
            school_id: Set(s),
            framework_id: Set(framework.id.clone()),
            framework_version: Set(framework.version.clone()),
            cycle: Set(1),
            status: Set(status.into()),
            setting_name: Set(format!("Bench School {i:04}")),
            head_teacher: Set(String::new()),
            designated_teacher: Set(String::new()),
            governor_lac: Set(String::new()),
            start_date: Set((stage != 0).then_some(start)),
            target_date: Set(
                (stage != 0).then(|| start.checked_add_months(Months::new(12)).unwrap())
            ),
            submission_date: Set(None),
            award_level: Set(award.map(|(l, _)| l.to_string())),
            award_date: Set(award.map(|(_, d)| d)),
            renewal_due_date: Set(
                award.map(|(_, d)| d.checked_add_months(Months::new(36)).unwrap())
            ),
            created_at: Set(now),
            updated_at: Set(now),
            registered_on: Set((stage != 0).then_some(start)),
            previous_portfolio_id: Set(None),
            ..Default::default()
        })
        .exec(db)
        .await
        .unwrap()
        .last_insert_id;
        let written = if stage >= 3 { 30 } else { (i * 7) % 31 };
        let text = "- A few lines of practice, as a school writes them, about this criterion and the children it serves.\n- And a second bullet.";
        let rows = criteria.iter().enumerate().map(|(k, id)| {
            let w = k < written;
            criterion_response::ActiveModel {
                portfolio_id: Set(p),
                criterion_id: Set(id.clone()),
                practice: Set(if w { text.into() } else { String::new() }),
                impact: Set(if w { text.into() } else { String::new() }),
                next_steps: Set(if w { "Next.".into() } else { String::new() }),
                standard_met: Set(w.then(|| "silver".to_string())),
                owner_user_id: Set(None),
                status: Set("drafting".into()),
                updated_at: Set(now),
                updated_by: Set(None),
                carried_over: Set(false),
                ..Default::default()
            }
        });
        criterion_response::Entity::insert_many(rows)
            .exec(db)
            .await
            .unwrap();
        if stage >= 3 {
            let mut round = app::services::award::rounds::new_round(p, 1, today, None, None);
            if stage == 4 {
                round.outcome = Set(Some("awarded".into()));
                round.award_level = Set(Some("silver".into()));
            }
            submission::Entity::insert(round).exec(db).await.unwrap();
        }
    }
}

/// The old way, for comparison only: per school, count its members, find
/// its latest portfolio, read every criterion of it.
async fn reference_list(state: &AppState, authority_id: i32) -> Vec<(String, Option<u32>, u64)> {
    use app::db::entities::membership;
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let db = &state.db;
    let mut out = Vec::new();
    for s in school::Entity::find()
        .filter(school::Column::AuthorityId.eq(authority_id))
        .order_by_asc(school::Column::Name)
        .all(db)
        .await
        .unwrap()
    {
        let members = membership::Entity::find()
            .filter(membership::Column::SchoolId.eq(s.id))
            .count(db)
            .await
            .unwrap();
        let latest = portfolio::Entity::find()
            .filter(portfolio::Column::SchoolId.eq(s.id))
            .filter(portfolio::Column::FrameworkId.eq("caring2learn"))
            .order_by_desc(portfolio::Column::Id)
            .one(db)
            .await
            .unwrap();
        let percent = match latest {
            Some(p) => app::services::portfolios::progress_of(db, &state.frameworks, &p)
                .await
                .unwrap()
                .map(|pr| pr.percent()),
            None => None,
        };
        out.push((s.name, percent, members));
    }
    out
}

async fn run(
    backend: Backend,
    schools: usize,
    rounds: usize,
) -> Option<(&'static str, [Timing; 4])> {
    let test_db = TestDb::new(backend).await?;
    let name = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    let queries = Arc::new(AtomicUsize::new(0));
    let mut db = app::db::connect(&test_db.url).await.unwrap();
    {
        let queries = queries.clone();
        db.set_metric_callback(move |_| {
            queries.fetch_add(1, Ordering::Relaxed);
        });
    }
    let frameworks = app::rubric::Catalog::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"),
    )
    .unwrap();
    let options = LeptosOptions::builder()
        .output_name("caring-schools")
        .site_root("target/site")
        .build();
    let state = AppState::new(
        options,
        db,
        frameworks,
        app::calendar::Calendars::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../calendars"),
        )
        .expect("calendars"),
        Settings::default(),
    );
    server::demo::seed(&state, Some(PASSWORD)).await.unwrap();
    let authority_id = school::Entity::find()
        .all(&state.db)
        .await
        .unwrap()
        .first()
        .unwrap()
        .authority_id;
    let seeding = Instant::now();
    grow(&state, authority_id, schools).await;
    eprintln!(
        "{name}: {schools} schools seeded in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let today = app::calendar::today();
    // The service alone.
    let mut samples = Vec::new();
    let mut per_call = 0;
    for _ in 0..rounds {
        let before = queries.load(Ordering::Relaxed);
        let t = Instant::now();
        let o = app::services::award::overview::overview(
            &state.db,
            &state.frameworks,
            authority_id,
            today,
        )
        .await
        .unwrap();
        samples.push(t.elapsed());
        per_call = queries.load(Ordering::Relaxed) - before;
        assert_eq!(o.schools.len(), schools);
    }
    let service = timing(samples, per_call);

    // The reference: the list the authority page used before (N+1 queries).
    let mut samples = Vec::new();
    for _ in 0..rounds.min(5) {
        let before = queries.load(Ordering::Relaxed);
        let t = Instant::now();
        let list = reference_list(&state, authority_id).await;
        samples.push(t.elapsed());
        per_call = queries.load(Ordering::Relaxed) - before;
        assert_eq!(list.len(), schools);
    }
    let reference = timing(samples, per_call);

    // The administrator's list of schools, built the same few-queries way.
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let before = queries.load(Ordering::Relaxed);
        let t = Instant::now();
        let list = app::services::schools::list(&state.db, &state.frameworks, Some(authority_id))
            .await
            .unwrap();
        samples.push(t.elapsed());
        per_call = queries.load(Ordering::Relaxed) - before;
        assert_eq!(list.len(), schools);
    }
    let admin = timing(samples, per_call);

    // The page over HTTP, signed in as the award team.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(server::serve(
        listener,
        server::build_router(state.clone(), server::http::metrics::Metrics::new()),
    ));
    let base = format!("http://{address}");
    let http = support::sign_in(&base, "assessor@demo.caring-schools.test", PASSWORD)
        .await
        .http;
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let before = queries.load(Ordering::Relaxed);
        let t = Instant::now();
        let r = http
            .get(format!("{base}/authorities/{authority_id}"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let body = r.text().await.unwrap();
        samples.push(t.elapsed());
        per_call = queries.load(Ordering::Relaxed) - before;
        assert!(body.contains("Bench School 0399") || schools < 400);
    }
    let page = timing(samples, per_call);
    Some((name, [service, reference, admin, page]))
}

fn main() {
    let schools = support::arg("--schools", 400);
    let rounds = support::arg("--rounds", 20);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut rows = Vec::new();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        if let Some(r) = runtime.block_on(run(backend, schools, rounds)) {
            rows.push(r);
        } else {
            eprintln!("TEST_DATABASE_URL not set: PostgreSQL skipped");
        }
    }
    println!();
    println!(
        "The authority page, {schools} schools ({rounds} rounds; median / p95 ms, queries per call):"
    );
    println!(
        "| database | overview (service) | old list (reference) | overview vs old | admin list | page over HTTP |"
    );
    println!("|---|---|---|---|---|---|");
    let cell = |t: &Timing| {
        format!(
            "{:.1} / {:.1} ms, {} queries",
            t.median_ms, t.p95_ms, t.queries
        )
    };
    for (name, [service, reference, admin, page]) in rows {
        println!(
            "| {name} | {} | {} | {:.1}× faster | {} | {} |",
            cell(&service),
            cell(&reference),
            reference.median_ms / service.median_ms,
            cell(&admin),
            cell(&page),
        );
    }
}
