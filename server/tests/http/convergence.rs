//! Convergence: several simulated people (the real client sync code) type at
//! random places, drop off and come back at random; in the end every replica
//! and the stored state are identical, and no word anyone typed is lost.

use proptest::prelude::*;

use app::rubric::FieldKind;
use yrs::Transact;

use crate::common::*;
use crate::ws::Peer;

#[derive(Clone, Debug)]
enum Step {
    /// Person `who` inserts a unique word at a relative position of a field.
    Type {
        who: usize,
        field: usize,
        at: f64,
    },
    Disconnect {
        who: usize,
    },
    Reconnect {
        who: usize,
    },
}

fn steps(people: usize) -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        6 => (0..people, 0..3usize, 0.0..1.0f64).prop_map(|(who, field, at)| Step::Type { who, field, at }),
        1 => (0..people).prop_map(|who| Step::Disconnect { who }),
        1 => (0..people).prop_map(|who| Step::Reconnect { who }),
    ];
    prop::collection::vec(step, 10..40)
}

const CRITERION: &str = "3.4";
const FIELDS: [FieldKind; 3] = [FieldKind::Practice, FieldKind::Impact, FieldKind::NextSteps];

async fn run(script: Vec<Step>) {
    let app = TestApp::spawn(app::db::testing::Backend::Sqlite)
        .await
        .unwrap();
    let address = app.address.to_string();
    let portfolio = app.portfolio_id().await;
    let people = [COORDINATOR, EDITOR, COORDINATOR];
    let mut cookies = Vec::new();
    let mut peers = Vec::new();
    for email in people {
        let c = app.signed_in(email).await;
        let mut peer = Peer::new();
        peer.connect(&address, portfolio, &c.cookie_header()).await;
        cookies.push(c.cookie_header());
        peers.push(peer);
    }
    let mut typed = Vec::new();
    for (n, step) in script.into_iter().enumerate() {
        match step {
            Step::Type { who, field, at } => {
                let word = format!("⟨{who}-{n}⟩");
                let field = FIELDS[field];
                let peer = &mut peers[who];
                let current = peer.text(CRITERION, field);
                let chars: Vec<char> = current.chars().collect();
                // between words, so that no word is split by another
                let boundaries: Vec<usize> = std::iter::once(0)
                    .chain(
                        chars
                            .iter()
                            .enumerate()
                            .filter(|(_, c)| **c == '⟩')
                            .map(|(i, _)| i + 1),
                    )
                    .collect();
                let cut = boundaries[((boundaries.len() as f64) * at) as usize % boundaries.len()];
                let next: String = chars[..cut]
                    .iter()
                    .chain(word.chars().collect::<Vec<_>>().iter())
                    .chain(chars[cut..].iter())
                    .collect();
                if let Some(frame) = peer
                    .client
                    .edit(|txn| app::collab::schema::set_text(txn, CRITERION, field, &next))
                {
                    peer.send(frame).await;
                }
                typed.push(word);
            }
            Step::Disconnect { who } => peers[who].disconnect().await,
            Step::Reconnect { who } => {
                if peers[who].socket.is_none() {
                    peers[who].connect(&address, portfolio, &cookies[who]).await;
                }
            }
        }
        // let some messages flow between steps, as on a real network
        for peer in peers.iter_mut() {
            peer.drain(std::time::Duration::from_millis(2)).await;
        }
    }
    for (who, peer) in peers.iter_mut().enumerate() {
        if peer.socket.is_none() {
            peer.connect(&address, portfolio, &cookies[who]).await;
        }
        peer.until_saved().await;
    }
    // everyone has everyone's words
    let expected = typed.len();
    for peer in peers.iter_mut() {
        peer.until(|c| {
            let content = app::collab::schema::read_criterion(&c.doc().transact(), CRITERION);
            let all = format!(
                "{}{}{}",
                content.practice, content.impact, content.next_steps
            );
            all.matches('⟨').count() >= expected
        })
        .await;
    }
    let first = peers[0].content(CRITERION);
    for peer in &peers[1..] {
        assert_eq!(peer.content(CRITERION), first, "replicas differ");
    }
    for word in &typed {
        let all = format!("{}{}{}", first.practice, first.impact, first.next_steps);
        assert!(all.contains(word.as_str()), "lost {word}");
    }
    // the stored columns and the stored document say the same
    let stored = app::services::portfolios::criterion_content(&app.state.db, portfolio, CRITERION)
        .await
        .unwrap();
    assert_eq!(stored, first);
    let loaded = app.state.collab.store().load(portfolio).await.unwrap();
    let doc = app::collab::schema::new_doc();
    {
        use yrs::updates::decoder::Decode;
        let mut txn = doc.transact_mut();
        for data in loaded.updates {
            txn.apply_update(yrs::Update::decode_v1(&data).unwrap())
                .unwrap();
        }
    }
    assert_eq!(
        app::collab::schema::read_criterion(&doc.transact(), CRITERION),
        first
    );
    drop(app);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_and_nothing_is_lost(script in steps(3)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(within_time(run(script)));
    }
}
