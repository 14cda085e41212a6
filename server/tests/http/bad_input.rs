//! Bad input on the websocket: malformed, truncated, oversized or text frames
//! close that socket with an error and change nothing for anyone else.

use std::time::Duration;

use futures_util::SinkExt;
use proptest::prelude::*;
use tokio_tungstenite::tungstenite::protocol::Message;

use app::rubric::FieldKind;

use crate::common::*;
use crate::http_test;
use crate::ws::{Peer, open};

/// Frames that are not valid y-sync, of several kinds.
fn garbage() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // random bytes
        prop::collection::vec(any::<u8>(), 1..200),
        // an update message whose payload is garbage
        prop::collection::vec(any::<u8>(), 1..200).prop_map(|mut tail| {
            let mut frame = vec![0u8, 2u8, tail.len() as u8];
            frame.append(&mut tail);
            frame
        }),
        // a length prefix promising far more than is there
        Just(vec![0u8, 2, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
        // an unknown sync step
        Just(vec![0u8, 9, 0]),
        // an awareness message with a broken body
        prop::collection::vec(any::<u8>(), 1..50).prop_map(|mut tail| {
            let mut frame = vec![1u8, tail.len() as u8];
            frame.append(&mut tail);
            frame
        }),
    ]
}

async fn hammer(frames: Vec<Vec<u8>>) {
    let app = TestApp::spawn(app::db::testing::Backend::Sqlite)
        .await
        .unwrap();
    let address = app.address.to_string();
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    let cookie = editor.cookie_header();
    let origin = format!("http://{address}");
    let mut bystander = Peer::new();
    bystander.connect(&address, portfolio, &cookie).await;
    let before = bystander.content("1.1");

    for frame in frames {
        let mut attacker = open(&address, portfolio, &cookie, Some(&origin))
            .await
            .unwrap();
        let _ = attacker.send(Message::Binary(frame.into())).await;
        let _ = attacker.close(None).await;
    }
    // a text frame and an oversized frame
    let mut attacker = open(&address, portfolio, &cookie, Some(&origin))
        .await
        .unwrap();
    let _ = attacker.send(Message::Text("hello".into())).await;
    let mut attacker = open(&address, portfolio, &cookie, Some(&origin))
        .await
        .unwrap();
    let _ = attacker
        .send(Message::Binary(vec![0u8; 2 << 20].into()))
        .await;

    bystander.drain(Duration::from_millis(200)).await;
    assert!(
        bystander.socket.is_some(),
        "the bystander kept its connection"
    );
    assert_eq!(
        bystander.content("1.1"),
        before,
        "the document did not change"
    );
    // and the document still works
    bystander
        .type_text("1.1", FieldKind::NextSteps, " Still fine.")
        .await;
    bystander.until_saved().await;
    let stored = app::services::portfolios::criterion_content(&app.state.db, portfolio, "1.1")
        .await
        .unwrap();
    assert!(stored.next_steps.ends_with("Still fine."));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn malformed_frames_hurt_nobody(frames in prop::collection::vec(garbage(), 20..40)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(within_time(hammer(frames)));
    }
}

http_test!(
    a_malformed_frame_closes_only_that_socket,
    |app: TestApp| async move {
        let address = app.address.to_string();
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let mut bad = Peer::new();
        bad.connect(&address, portfolio, &editor.cookie_header())
            .await;
        bad.send(vec![0, 2, 5, 1, 2]).await;
        assert_eq!(bad.closed_code().await, Some(1003));
    }
);

http_test!(
    an_update_making_a_field_too_long_is_refused,
    |app: TestApp| async move {
        let address = app.address.to_string();
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let mut peer = Peer::new();
        peer.connect(&address, portfolio, &editor.cookie_header())
            .await;
        let before = app::services::portfolios::criterion_content(&app.state.db, portfolio, "2.3")
            .await
            .unwrap();
        peer.type_text("2.3", FieldKind::Impact, &"x".repeat(6001))
            .await;
        assert_eq!(peer.closed_code().await, Some(1009));
        tokio::time::sleep(Duration::from_millis(100)).await;
        let after = app::services::portfolios::criterion_content(&app.state.db, portfolio, "2.3")
            .await
            .unwrap();
        assert_eq!(before, after);
    }
);
