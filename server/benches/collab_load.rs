//! Load generator for the collaboration server (not a pass/fail test).
//!
//! Opens N websocket clients speaking the y-sync protocol across M documents;
//! each sends edits at a set rate; measures sustained updates/s, edit-to-peer
//! latency (p50/p95/p99), server CPU, and memory per open document. Runs the
//! same load, in one run, against this server (persisting every update, on
//! SQLite) and against the official Yjs server (npm `y-websocket` 1.5.4,
//! in memory), and prints the ratios.
//!
//! `cargo bench -p server --bench collab_load -- [--clients 500] [--room 5]
//! [--seconds 8] [--rates 1000,2000,4000,8000,12000,16000]`
//! (see `scripts/bench-collab`, which installs y-websocket first).

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use tokio::process::{Child, Command};
use tokio::sync::Mutex;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::Message;
use yrs::sync::{Message as YMessage, SyncMessage};
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, StateVector, Text, Transact, WriteTxn};

mod support;

struct Options {
    clients: usize,
    room: usize,
    seconds: u64,
    rates: Vec<u64>,
}

fn options() -> Options {
    let mut o = Options {
        clients: 500,
        room: 5,
        seconds: 8,
        rates: vec![1000, 2500, 5000, 8000, 12000, 16000],
    };
    let args: Vec<String> = std::env::args().collect();
    let mut i = 1;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--clients" => o.clients = value.parse().expect("--clients N"),
            "--room" => o.room = value.parse().expect("--room N"),
            "--seconds" => o.seconds = value.parse().expect("--seconds N"),
            "--rates" => {
                o.rates = value
                    .split(',')
                    .map(|r| r.parse().expect("--rates a,b,c"))
                    .collect()
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    o
}

/// A server under test: where room `r` is, and its process.
struct Target {
    name: &'static str,
    room_url: Box<dyn Fn(usize) -> String + Send + Sync>,
    cookie: Option<String>,
    origin: Option<String>,
    process: Child,
}

struct Step {
    offered: u64,
    sent: u64,
    expected: u64,
    received: u64,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    cpu_percent: f64,
    rss_kb: u64,
}

impl Step {
    fn delivered_per_second(&self, seconds: u64) -> f64 {
        self.received as f64 / seconds as f64
    }
    fn delivery_ratio(&self) -> f64 {
        if self.expected == 0 {
            0.0
        } else {
            self.received as f64 / self.expected as f64
        }
    }
    /// Keeps up: nearly everything delivered, p99 under 100 ms.
    fn sustained(&self) -> bool {
        self.delivery_ratio() >= 0.98 && self.p99_ms <= 100.0
    }
}

fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the name)
    fields
        .get(11)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        + fields
            .get(12)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

const TOKEN: &[u8] = b"~T";
const TOKEN_LEN: usize = 2 + 6 + 16 + 1; // ~T + client + nanos + ~

fn token(client: usize, nanos: u64) -> String {
    format!("~T{client:06}{nanos:016}~")
}

/// Finds every latency token in a frame: (client, nanos).
fn tokens(frame: &[u8]) -> Vec<(usize, u64)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + TOKEN_LEN <= frame.len() {
        if &frame[i..i + 2] == TOKEN && frame[i + TOKEN_LEN - 1] == b'~' {
            let digits = &frame[i + 2..i + TOKEN_LEN - 1];
            if digits.iter().all(u8::is_ascii_digit) {
                let text = std::str::from_utf8(digits).unwrap_or("0");
                let client = text[..6].parse().unwrap_or(usize::MAX);
                let nanos = text[6..].parse().unwrap_or(0);
                found.push((client, nanos));
                i += TOKEN_LEN;
                continue;
            }
        }
        i += 1;
    }
    found
}

struct Shared {
    start: Instant,
    client_base: u64,
    measuring: AtomicBool,
    sending: AtomicBool,
    sent: AtomicU64,
    received: AtomicU64,
    /// Each client's latencies, merged at the end of a step.
    latencies: Mutex<Histogram<u64>>,
}

impl Shared {
    fn nanos(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }
}

/// The text field a client writes in: a real criterion field, so our server
/// projects and audits it as it would for people.
fn field_of(client: usize) -> String {
    let criteria = [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "2.1", "2.2", "2.3", "2.4",
        "2.5", "2.6",
    ];
    let fields = ["practice", "impact", "next_steps"];
    format!(
        "{}/{}",
        criteria[client % criteria.len()],
        fields[(client / criteria.len()) % 3]
    )
}

async fn client(
    target_url: String,
    cookie: Option<String>,
    origin: Option<String>,
    id: usize,
    interval: Duration,
    shared: Arc<Shared>,
) {
    let mut request = target_url.into_client_request().unwrap();
    if let Some(c) = &cookie {
        request.headers_mut().insert("cookie", c.parse().unwrap());
    }
    if let Some(o) = &origin {
        request.headers_mut().insert("origin", o.parse().unwrap());
    }
    let Ok((socket, _)) = tokio_tungstenite::connect_async(request).await else {
        eprintln!("client {id}: could not connect");
        return;
    };
    let (mut sink, mut stream) = socket.split();
    let hello = YMessage::Sync(SyncMessage::SyncStep1(StateVector::default())).encode_v1();
    let _ = sink.send(Message::Binary(hello.into())).await;

    let reader_shared = shared.clone();
    // This client's own histogram (uncontended), merged when it is done.
    let mine = Arc::new(std::sync::Mutex::new(
        Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).unwrap(),
    ));
    let reader_mine = mine.clone();
    let mut reader = tokio::spawn(async move {
        while let Some(Ok(message)) = stream.next().await {
            if let Message::Binary(bytes) = message {
                if !reader_shared.measuring.load(Ordering::Relaxed) {
                    continue;
                }
                let now = reader_shared.nanos();
                for (sender, sent_at) in tokens(&bytes) {
                    if sender != id && sent_at <= now {
                        reader_shared.received.fetch_add(1, Ordering::Relaxed);
                        if let Ok(mut h) = reader_mine.lock() {
                            let _ = h.record((now - sent_at) / 1000);
                        }
                    }
                }
            } else if let Message::Close(_) = message {
                break;
            }
        }
    });

    // A new Yjs client id each step: a server ignores clocks it already has.
    let doc = Doc::with_client_id(shared.client_base + id as u64);
    let name = field_of(id);
    let text = doc.transact_mut().get_or_insert_text(name.as_str());
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // start at a random point in the interval so clients do not send in lockstep
    tokio::time::sleep(Duration::from_nanos(fastrand_nanos(id, interval))).await;
    while shared.sending.load(Ordering::Relaxed) {
        ticker.tick().await;
        let update = {
            let mut txn = doc.transact_mut();
            let len = text.get_string(&txn).len() as u32;
            if len > 0 {
                text.remove_range(&mut txn, 0, len);
            }
            text.insert(&mut txn, 0, &token(id, shared.nanos()));
            txn.encode_update_v1()
        };
        let frame = YMessage::Sync(SyncMessage::Update(update)).encode_v1();
        if sink.send(Message::Binary(frame.into())).await.is_err() {
            break;
        }
        if shared.measuring.load(Ordering::Relaxed) {
            shared.sent.fetch_add(1, Ordering::Relaxed);
        }
    }
    // let the last edits arrive before closing
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let _ = sink.close().await;
    if tokio::time::timeout(Duration::from_secs(2), &mut reader)
        .await
        .is_err()
    {
        reader.abort();
    }
    let merged = mine.lock().map(|h| h.clone()).ok();
    if let Some(h) = merged {
        let _ = shared.latencies.lock().await.add(&h);
    }
}

fn fastrand_nanos(id: usize, interval: Duration) -> u64 {
    let x = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x % interval.as_nanos().max(1) as u64
}

async fn run_step(target: &Target, o: &Options, rate: u64) -> Step {
    let pid = target.process.id().unwrap_or(0);
    let shared = Arc::new(Shared {
        start: Instant::now(),
        client_base: 1_000_000 + rate * 1000 + (std::process::id() as u64 % 1000) * 100_000_000,
        measuring: AtomicBool::new(false),
        sending: AtomicBool::new(true),
        sent: AtomicU64::new(0),
        received: AtomicU64::new(0),
        latencies: Mutex::new(Histogram::new_with_bounds(1, 60_000_000, 3).unwrap()),
    });
    let per_client = rate as f64 / o.clients as f64;
    let interval = Duration::from_secs_f64(1.0 / per_client);
    let mut tasks = Vec::new();
    for id in 0..o.clients {
        let url = (target.room_url)(id / o.room);
        tasks.push(tokio::spawn(client(
            url,
            target.cookie.clone(),
            target.origin.clone(),
            id,
            interval,
            shared.clone(),
        )));
        if id % 50 == 49 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await; // warm up
    let cpu_before = cpu_ticks(pid);
    shared.measuring.store(true, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(o.seconds)).await;
    shared.sending.store(false, Ordering::Relaxed);
    let cpu_after = cpu_ticks(pid);
    let rss = rss_kb(pid);
    for t in tasks {
        let _ = t.await;
    }
    shared.measuring.store(false, Ordering::Relaxed);
    let h = shared.latencies.lock().await;
    let sent = shared.sent.load(Ordering::Relaxed);
    Step {
        offered: rate,
        sent,
        expected: sent * (o.room as u64 - 1),
        received: shared.received.load(Ordering::Relaxed),
        p50_ms: h.value_at_quantile(0.50) as f64 / 1000.0,
        p95_ms: h.value_at_quantile(0.95) as f64 / 1000.0,
        p99_ms: h.value_at_quantile(0.99) as f64 / 1000.0,
        cpu_percent: (cpu_after - cpu_before) as f64 / 100.0 / o.seconds as f64 * 100.0,
        rss_kb: rss,
    }
}

async fn wait_for(url: &str) {
    for _ in 0..400 {
        if reqwest::get(url)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} did not answer");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Our server on a fresh SQLite file, with one portfolio per room and a
/// signed-in editor.
async fn ours(o: &Options, dir: &std::path::Path) -> Target {
    use app::model::{CoverSheet, SchoolRole};
    use app::rubric::Catalog;
    use app::services::{accounts, portfolios, schools};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.display());
    let db = app::db::connect_and_migrate(&url).await.unwrap();
    let catalog = Catalog::load_dir(&root.join("frameworks")).unwrap();
    let framework = catalog.get("caring2learn").unwrap();
    let authority = schools::create_authority(&db, "Bench").await.unwrap();
    let school = schools::create_school(
        &db,
        schools::NewSchool {
            authority_id: authority.id,
            name: "Bench School",
            urn: "900001",
            phase: "Primary",
            school_type: "Academy",
        },
    )
    .await
    .unwrap();
    let account = accounts::NewAccount::check(
        "Bench Editor",
        "bench@example.org",
        "bench password",
        "bench password",
    )
    .unwrap();
    let user = accounts::create_user(&db, &account, false, None)
        .await
        .unwrap();
    app::db::entities::membership::ActiveModel {
        user_id: Set(user.id),
        school_id: Set(school.id),
        role: Set(SchoolRole::Editor.as_str().into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let rooms = o.clients.div_ceil(o.room);
    let mut ids = Vec::new();
    for _ in 0..rooms {
        ids.push(
            portfolios::create(
                &db,
                school.id,
                &framework,
                CoverSheet::default(),
                chrono::Utc::now(),
            )
            .await
            .unwrap()
            .id,
        );
    }
    drop(db);

    let port = free_port();
    let address = format!("127.0.0.1:{port}");
    let process = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", &url)
        .env("LEPTOS_SITE_ADDR", &address)
        .env("LEPTOS_OUTPUT_NAME", "caring-schools")
        .env("FRAMEWORKS_DIR", root.join("frameworks"))
        .env("CALENDARS_DIR", root.join("calendars"))
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    wait_for(&format!("http://{address}/healthz")).await;

    // sign in once, as a browser would
    let cookie = support::sign_in(
        &format!("http://{address}"),
        "bench@example.org",
        "bench password",
    )
    .await
    .cookie;

    Target {
        name: "ours",
        room_url: Box::new(move |room| format!("ws://{address}/portfolios/{}/collab", ids[room])),
        cookie: Some(cookie),
        origin: Some(format!("http://127.0.0.1:{port}")),
        process,
    }
}

async fn reference() -> Option<Target> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../bench/y-websocket/node_modules/y-websocket/bin/server.js");
    if !script.exists() {
        eprintln!("y-websocket is not installed (run scripts/bench-collab): measuring ours only");
        return None;
    }
    let port = free_port();
    let process = Command::new("node")
        .arg(script)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .ok()?;
    wait_for(&format!("http://127.0.0.1:{port}/")).await;
    Some(Target {
        name: "y-websocket 1.5.4",
        room_url: Box::new(move |room| format!("ws://127.0.0.1:{port}/room-{room}")),
        cookie: None,
        origin: None,
        process,
    })
}

fn print_steps(target: &str, o: &Options, steps: &[Step], baseline_rss: u64) {
    let rooms = o.clients.div_ceil(o.room);
    println!(
        "\n{target}: {} clients in {rooms} documents of {}, {} s per step",
        o.clients, o.room, o.seconds
    );
    println!(
        "| offered upd/s | sent upd/s | delivered/s | delivered | p50 ms | p95 ms | p99 ms | CPU % | RSS MB | KB per doc |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for s in steps {
        println!(
            "| {} | {:.0} | {:.0} | {:.1}% | {:.1} | {:.1} | {:.1} | {:.0} | {:.1} | {:.0} |",
            s.offered,
            s.sent as f64 / o.seconds as f64,
            s.delivered_per_second(o.seconds),
            s.delivery_ratio() * 100.0,
            s.p50_ms,
            s.p95_ms,
            s.p99_ms,
            s.cpu_percent,
            s.rss_kb as f64 / 1024.0,
            (s.rss_kb.saturating_sub(baseline_rss)) as f64 / rooms as f64,
        );
    }
}

/// The highest sent rate that kept up.
fn sustained(steps: &[Step], seconds: u64) -> Option<&Step> {
    steps
        .iter()
        .filter(|s| s.sustained())
        .max_by(|a, b| (a.sent / seconds).cmp(&(b.sent / seconds)))
}

#[tokio::main]
async fn main() {
    let o = options();
    let dir = tempfile::tempdir().unwrap();
    let mut targets = vec![ours(&o, dir.path()).await];
    if let Some(r) = reference().await {
        targets.push(r);
    }
    let mut results: Vec<(&'static str, Vec<Step>)> = Vec::new();
    for target in &targets {
        let pid = target.process.id().unwrap_or(0);
        let baseline = rss_kb(pid);
        let mut steps = Vec::new();
        for &rate in &o.rates {
            let step = run_step(target, &o, rate).await;
            let keeps_up = step.sustained();
            eprintln!(
                "{}: offered {rate}/s → delivered {:.1}%, p99 {:.1} ms",
                target.name,
                step.delivery_ratio() * 100.0,
                step.p99_ms
            );
            steps.push(step);
            if !keeps_up && steps.iter().filter(|s| !s.sustained()).count() >= 2 {
                break; // two steps past its limit is enough
            }
        }
        print_steps(target.name, &o, &steps, baseline);
        results.push((target.name, steps));
    }
    if let [(_, ours), (_, theirs)] = results.as_slice() {
        let (a, b) = (sustained(ours, o.seconds), sustained(theirs, o.seconds));
        println!();
        match (a, b) {
            (Some(a), Some(b)) => {
                let ours_rate = a.sent as f64 / o.seconds as f64;
                let theirs_rate = b.sent as f64 / o.seconds as f64;
                println!(
                    "sustained: ours {ours_rate:.0} upd/s (p99 {:.1} ms), y-websocket {theirs_rate:.0} upd/s (p99 {:.1} ms)",
                    a.p99_ms, b.p99_ms
                );
                println!(
                    "ratio of sustained updates/s: {:.2}x (goal ≥ 3x)",
                    ours_rate / theirs_rate
                );
                // p99 compared at the reference's sustained rate
                if let Some(same) = ours.iter().find(|s| s.offered == b.offered) {
                    println!(
                        "p99 at {} upd/s: ours {:.1} ms vs {:.1} ms = {:.2} of theirs (goal ≤ 0.33)",
                        b.offered,
                        same.p99_ms,
                        b.p99_ms,
                        same.p99_ms / b.p99_ms.max(0.001)
                    );
                }
            }
            _ => println!("one of the servers never kept up; see the tables"),
        }
    }
}
