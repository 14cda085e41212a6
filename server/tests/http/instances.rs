//! Two server instances on one PostgreSQL database: an edit made through one
//! reaches the people connected to the other (LISTEN/NOTIFY carries ids; the
//! peer reads the rows itself).

use std::time::Duration;

use app::rubric::FieldKind;
use yrs::Transact;

use crate::common::*;
use crate::ws::Peer;

async fn two_instances() {
    let Some(app) = TestApp::spawn(app::db::testing::Backend::Postgres).await else {
        eprintln!("TEST_DATABASE_URL not set: the multi-instance test needs PostgreSQL");
        return;
    };
    let (second, _state) = app.second_instance().await;
    // let both listeners start
    tokio::time::sleep(Duration::from_millis(300)).await;
    let portfolio = app.portfolio_id().await;
    let one = app.signed_in(COORDINATOR).await;
    let two = app.signed_in(EDITOR).await;
    let mut a = Peer::new();
    let mut b = Peer::new();
    a.connect(&app.address.to_string(), portfolio, &one.cookie_header())
        .await;
    b.connect(&second.to_string(), portfolio, &two.cookie_header())
        .await;

    a.type_text("3.5", FieldKind::Practice, "Written on the first instance.")
        .await;
    a.until_saved().await;
    b.until(|c| {
        app::collab::schema::read_text(&c.doc().transact(), "3.5", FieldKind::Practice)
            .contains("first instance")
    })
    .await;

    b.type_text("3.5", FieldKind::Practice, " Added on the second.")
        .await;
    b.until_saved().await;
    a.until(|c| {
        app::collab::schema::read_text(&c.doc().transact(), "3.5", FieldKind::Practice)
            .contains("on the second")
    })
    .await;
    assert_eq!(a.content("3.5"), b.content("3.5"));
    let stored = app::services::portfolios::criterion_content(&app.state.db, portfolio, "3.5")
        .await
        .unwrap();
    assert_eq!(stored, a.content("3.5"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_reach_people_on_another_instance() {
    within_time(two_instances()).await;
}

/// Submitting through one instance closes the portfolio's sockets on the
/// other at once (not at its next minute's re-check); back, they are read-only.
async fn submitting_reaches_the_other_instance() {
    let Some(app) = TestApp::spawn(app::db::testing::Backend::Postgres).await else {
        eprintln!("TEST_DATABASE_URL not set: the multi-instance test needs PostgreSQL");
        return;
    };
    let (second, _state) = app.second_instance().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    let mut b = Peer::new();
    b.connect(&second.to_string(), portfolio, &editor.cookie_header())
        .await;
    let coordinator = app.signed_in(COORDINATOR).await;
    let r = coordinator
        .post::<app::api::award::SubmitPortfolio>(&[
            ("portfolio_id", portfolio.to_string()),
            ("confirm", "yes".into()),
        ])
        .await;
    assert!(
        r.status().is_redirection() || r.status().is_success(),
        "{}",
        r.status()
    );
    let started = std::time::Instant::now();
    assert!(
        b.closed_code().await.is_some(),
        "the other instance closed the socket"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    let mut again = Peer::new();
    again
        .connect(&second.to_string(), portfolio, &editor.cookie_header())
        .await;
    again
        .type_text("2.2", FieldKind::Practice, " too late")
        .await;
    assert_eq!(again.closed_code().await, Some(4003));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submitting_closes_sockets_on_every_instance() {
    within_time(submitting_reaches_the_other_instance()).await;
}

/// Text written through one instance makes its writer one on the other too:
/// they cannot mark it reviewed there either.
async fn the_review_rule_holds_across_instances() {
    use app::collab::schema;
    use app::model::ResponseStatus;
    let Some(app) = TestApp::spawn(app::db::testing::Backend::Postgres).await else {
        eprintln!("TEST_DATABASE_URL not set: the multi-instance test needs PostgreSQL");
        return;
    };
    let (second, _state) = app.second_instance().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    // the document is open on the first instance before anything is written
    let mut here = Peer::new();
    here.connect(&app.address.to_string(), portfolio, &editor.cookie_header())
        .await;
    let mut there = Peer::new();
    there
        .connect(&second.to_string(), portfolio, &editor.cookie_header())
        .await;
    there
        .type_text("3.4", FieldKind::Impact, " Written on the second.")
        .await;
    there.until_saved().await;
    here.until(|c| {
        app::collab::schema::read_text(&c.doc().transact(), "3.4", FieldKind::Impact)
            .contains("on the second")
    })
    .await;
    let before = here.content("3.4").status;
    assert_ne!(before, ResponseStatus::Reviewed);
    let frame = here
        .client
        .edit(|txn| schema::set_choice(txn, "3.4", schema::STATUS, Some("reviewed")))
        .expect("a change");
    here.send(frame).await;
    here.drain(Duration::from_millis(500)).await;
    assert_eq!(
        here.content("3.4").status,
        before,
        "put back on the first instance"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_rule_holds_on_every_instance() {
    within_time(the_review_rule_holds_across_instances()).await;
}
