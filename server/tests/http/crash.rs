//! Crash safety: a person types; the server process is killed (SIGKILL) and
//! started again. Every update the server acknowledged is in the restarted
//! server's document; the person's own copy (their draft) supplies the rest.

use std::process::Stdio;
use std::time::Duration;

use tokio::process::{Child, Command};
use yrs::{ReadTxn, Transact};

use app::rubric::FieldKind;

use crate::common::*;
use crate::ws::Peer;

const CRITERION: &str = "4.1";

fn start(database_url: &str, address: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", database_url)
        .env("DEMO", "true")
        .env("DEMO_PASSWORD", PASSWORD)
        .env("LEPTOS_SITE_ADDR", address)
        .env("LEPTOS_OUTPUT_NAME", "caring-schools")
        .env(
            "FRAMEWORKS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../frameworks"),
        )
        .env(
            "CALENDARS_DIR",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../calendars"),
        )
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("server starts")
}

async fn wait_until_up(address: &str) {
    let http = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(r) = http.get(format!("http://{address}/healthz")).send().await
            && r.status().is_success()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server at {address} did not come up");
}

fn free_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

async fn portfolio_of_demo(client: &TestClient) -> i32 {
    let me: app::model::Me = client
        .get_fn::<app::api::auth::CurrentUser>(&[])
        .await
        .json::<Option<app::model::Me>>()
        .await
        .unwrap()
        .unwrap();
    let school = me.memberships[0].school_id;
    let home: app::model::SchoolHome = client
        .get_fn::<app::api::schools::GetSchoolHome>(&[("school_id", school.to_string())])
        .await
        .json()
        .await
        .unwrap();
    home.portfolios[0].id
}

async fn crash_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/crash.db?mode=rwc", dir.path().display());
    let address = free_address();
    let mut server = start(&database_url, &address);
    wait_until_up(&address).await;

    let client = TestClient::new(format!("http://{address}")).await;
    assert_eq!(client.sign_in(EDITOR, PASSWORD).await.status(), 200);
    let portfolio = portfolio_of_demo(&client).await;
    let cookie = client.cookie_header();

    let mut writer = Peer::new();
    writer.connect(&address, portfolio, &cookie).await;
    let me = writer.client.doc().client_id();
    let mut clocks = Vec::new();
    let mut typed = Vec::new();
    for i in 0..160 {
        let word = format!("⟨{i}⟩");
        writer.type_text(CRITERION, FieldKind::Impact, &word).await;
        clocks.push(writer.client.doc().transact().state_vector().get(&me));
        typed.push(word);
        if i == 59 {
            // a first stretch certainly stored and acknowledged
            writer.until_saved().await;
        }
        writer.drain(Duration::from_millis(0)).await;
    }
    // the rest may or may not be stored: kill the server without warning
    server.kill().await.unwrap();
    writer.drain(Duration::from_millis(50)).await;
    let acknowledged: Vec<&String> = typed
        .iter()
        .zip(&clocks)
        .filter(|(_, clock)| {
            writer
                .client
                .server_state()
                .is_some_and(|sv| sv.get(&me) >= **clock)
        })
        .map(|(w, _)| w)
        .collect();
    assert!(
        acknowledged.len() >= 60,
        "acknowledged {}",
        acknowledged.len()
    );
    eprintln!(
        "typed {}, acknowledged before the kill {}",
        typed.len(),
        acknowledged.len()
    );
    writer.disconnect().await;

    let mut server = start(&database_url, &address);
    wait_until_up(&address).await;
    // sessions are in the database too: the same cookie still works
    let mut reader = Peer::new();
    reader.connect(&address, portfolio, &cookie).await;
    let after_restart = reader.text(CRITERION, FieldKind::Impact);
    for word in &acknowledged {
        assert!(
            after_restart.contains(word.as_str()),
            "acknowledged {word} lost in the crash"
        );
    }

    // the writer's own copy brings back whatever was not stored
    writer.connect(&address, portfolio, &cookie).await;
    writer.until_saved().await;
    reader
        .until(|c| {
            let text =
                app::collab::schema::read_text(&c.doc().transact(), CRITERION, FieldKind::Impact);
            typed.iter().all(|w| text.contains(w.as_str()))
        })
        .await;
    server.kill().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_updates_survive_sigkill() {
    within_time(crash_and_restart()).await;
}
