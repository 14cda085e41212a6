//! Writing together over the websocket: edits stored and projected, merged
//! between people, refused for those who may not write, and bad input.

use std::time::Duration;

use app::rubric::FieldKind;

use crate::common::*;
use crate::http_test;
use crate::ws::{Peer, open};

pub(crate) async fn stored(
    app: &TestApp,
    portfolio: i32,
    criterion: &str,
) -> app::collab::schema::CriterionContent {
    app::services::portfolios::criterion_content(&app.state.db, portfolio, criterion)
        .await
        .unwrap()
}

http_test!(an_edit_is_stored_and_projected, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    let mut peer = Peer::new();
    peer.connect(&app.address.to_string(), portfolio, &editor.cookie_header())
        .await;
    // the seeded demo text arrived
    assert!(
        peer.text("1.1", FieldKind::Practice)
            .contains("Values assemblies")
    );
    peer.type_text("1.7", FieldKind::NextSteps, " Also: peer mentors.")
        .await;
    peer.until_saved().await;
    let row = stored(&app, portfolio, "1.7").await;
    assert!(row.next_steps.ends_with(" Also: peer mentors."), "{row:?}");
    let history = app::services::portfolios::history(&app.state.db, portfolio, "1.7")
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].who, "Sam Patel");
    assert_eq!(history[0].field, "next_steps");
});

http_test!(
    two_people_typing_in_one_field_both_keep_their_words,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let address = app.address.to_string();
        let (c1, c2) = (
            app.signed_in(COORDINATOR).await,
            app.signed_in(EDITOR).await,
        );
        let mut a = Peer::new();
        let mut b = Peer::new();
        a.connect(&address, portfolio, &c1.cookie_header()).await;
        b.connect(&address, portfolio, &c2.cookie_header()).await;
        // both type at once, without seeing each other first
        a.type_text("2.2", FieldKind::Practice, "Forest school on Fridays.")
            .await;
        b.type_text("2.2", FieldKind::Practice, "Residential in Year 6.")
            .await;
        a.until_saved().await;
        b.until_saved().await;
        a.until(|c| {
            let t = app::collab::schema::read_criterion(&yrs::Transact::transact(c.doc()), "2.2")
                .practice;
            t.contains("Residential in Year 6.")
        })
        .await;
        b.until(|c| {
            let t = app::collab::schema::read_criterion(&yrs::Transact::transact(c.doc()), "2.2")
                .practice;
            t.contains("Forest school on Fridays.")
        })
        .await;
        assert_eq!(
            a.text("2.2", FieldKind::Practice),
            b.text("2.2", FieldKind::Practice)
        );
        let row = stored(&app, portfolio, "2.2").await;
        assert_eq!(row.practice, a.text("2.2", FieldKind::Practice));
    }
);

http_test!(who_may_open_the_socket, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let address = app.address.to_string();
    let origin = format!("http://{address}");
    let anonymous = app.client().await;
    assert_eq!(
        open(
            &address,
            portfolio,
            &anonymous.cookie_header(),
            Some(&origin)
        )
        .await
        .err(),
        Some(401)
    );
    let other = app.signed_in(OTHER).await;
    assert_eq!(
        open(&address, portfolio, &other.cookie_header(), Some(&origin))
            .await
            .err(),
        Some(404)
    );
    // governors see aggregates only, never the narratives
    let governor = app.signed_in(GOVERNOR).await;
    assert_eq!(
        open(
            &address,
            portfolio,
            &governor.cookie_header(),
            Some(&origin)
        )
        .await
        .err(),
        Some(403)
    );
    // the assessor reads only once the portfolio is submitted
    let assessor = app.signed_in(ASSESSOR).await;
    assert_eq!(
        open(
            &address,
            portfolio,
            &assessor.cookie_header(),
            Some(&origin)
        )
        .await
        .err(),
        Some(403)
    );
    // another site's page cannot use a member's cookies
    let editor = app.signed_in(EDITOR).await;
    assert_eq!(
        open(
            &address,
            portfolio,
            &editor.cookie_header(),
            Some("https://evil.example")
        )
        .await
        .err(),
        Some(403)
    );
    assert!(
        open(&address, portfolio, &editor.cookie_header(), Some(&origin))
            .await
            .is_ok()
    );
    assert_eq!(
        open(&address, 999_999, &editor.cookie_header(), Some(&origin))
            .await
            .err(),
        Some(404)
    );
});

http_test!(a_read_only_socket_cannot_write, |app: TestApp| async move {
    use sea_orm::{EntityTrait, sea_query::Expr};
    let portfolio = app.portfolio_id().await;
    // Someone deleted words before: every handshake reply now carries a delete set.
    let editor = app.signed_in(EDITOR).await;
    let mut before_lock = Peer::new();
    before_lock
        .connect(&app.address.to_string(), portfolio, &editor.cookie_header())
        .await;
    before_lock
        .type_text("1.2", FieldKind::Impact, " typo")
        .await;
    let shorter = before_lock
        .text("1.2", FieldKind::Impact)
        .trim_end_matches(" typo")
        .to_string();
    let frame = before_lock
        .client
        .edit(|txn| app::collab::schema::set_text(txn, "1.2", FieldKind::Impact, &shorter));
    before_lock.send(frame.expect("a deletion")).await;
    before_lock.until_saved().await;
    before_lock.disconnect().await;
    app::db::entities::portfolio::Entity::update_many()
        .col_expr(
            app::db::entities::portfolio::Column::Status,
            Expr::value("submitted"),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    let address = app.address.to_string();
    let assessor = app.signed_in(ASSESSOR).await;
    let mut reader = Peer::new();
    reader
        .connect(&address, portfolio, &assessor.cookie_header())
        .await;
    assert!(
        reader
            .text("1.1", FieldKind::Practice)
            .contains("Values assemblies")
    );
    // reading is not writing: the handshake's reply (nothing new, but on a
    // reconnect the whole delete set) does not close it
    assert!(
        reader.open_after(Duration::from_millis(500)).await,
        "closed: {:?}",
        reader.closed_code().await
    );
    reader.disconnect().await;
    reader
        .connect(&address, portfolio, &assessor.cookie_header())
        .await;
    assert!(
        reader.open_after(Duration::from_millis(500)).await,
        "closed after reconnecting: {:?}",
        reader.closed_code().await
    );
    let before = stored(&app, portfolio, "1.1").await;
    reader
        .type_text("1.1", FieldKind::Practice, " sneaky")
        .await;
    assert_eq!(reader.closed_code().await, Some(4003));
    // an editor is read-only too once it is submitted
    let editor = app.signed_in(EDITOR).await;
    let mut writer = Peer::new();
    writer
        .connect(&address, portfolio, &editor.cookie_header())
        .await;
    writer.type_text("1.1", FieldKind::Practice, " late").await;
    assert_eq!(writer.closed_code().await, Some(4003));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(stored(&app, portfolio, "1.1").await, before);
});

http_test!(
    a_removed_member_is_cut_off_at_once,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor_client = app.signed_in(EDITOR).await;
        let mut editor = Peer::new();
        editor
            .connect(
                &app.address.to_string(),
                portfolio,
                &editor_client.cookie_header(),
            )
            .await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let editor_id = app.user_id(EDITOR).await;
        let r = coordinator
            .post::<app::api::members::RemoveMember>(&[
                ("school_id", app.school_id.to_string()),
                ("user_id", editor_id.to_string()),
            ])
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(editor.closed_code().await, Some(4001));
        let origin = format!("http://{}", app.address);
        assert_eq!(
            open(
                &app.address.to_string(),
                portfolio,
                &editor_client.cookie_header(),
                Some(&origin)
            )
            .await
            .err(),
            Some(404)
        );
    }
);
