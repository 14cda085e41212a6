//! Review comments, the "who may mark reviewed" rule, what changed since
//! someone last looked, and "My work", over HTTP and the websocket.

use std::time::Duration;

use app::api::award::SubmitPortfolio;
use app::api::portfolios::{GetCriterionPage, SaveCriterion};
use app::api::review::{AddComment, GetMyWork, ResolveComment};
use app::collab::schema;
use app::db::entities::comment;
use app::model::{CriterionPageData, MyWork, ResponseStatus};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::*;
use crate::http_test;
use crate::ws::Peer;

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

async fn comment(
    c: &TestClient,
    portfolio: i32,
    criterion: &str,
    extra: &[(&str, String)],
) -> reqwest::Response {
    let mut form = vec![
        ("portfolio_id", portfolio.to_string()),
        ("criterion_id", criterion.to_string()),
    ];
    form.extend(extra.iter().cloned());
    c.post::<AddComment>(&form).await
}

async fn page(c: &TestClient, portfolio: i32, criterion: &str) -> CriterionPageData {
    let r = c
        .get_fn::<GetCriterionPage>(&[
            ("portfolio_id", portfolio.to_string()),
            ("criterion_id", criterion.to_string()),
        ])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn my_work(c: &TestClient) -> MyWork {
    let r = c.get_fn::<GetMyWork>(&[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// Saves a criterion through the plain form, changing what `changes` says.
async fn save(
    app: &TestApp,
    c: &TestClient,
    portfolio: i32,
    criterion: &str,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let base = crate::collab::stored(app, portfolio, criterion).await;
    let mut form = vec![
        ("portfolio_id", portfolio.to_string()),
        ("criterion_id", criterion.to_string()),
        ("practice", base.practice.clone()),
        ("impact", base.impact.clone()),
        ("next_steps", base.next_steps.clone()),
        ("base_practice", base.practice),
        ("base_impact", base.impact),
        ("base_next_steps", base.next_steps),
        ("standard", base.standard.unwrap_or_default()),
        ("status", base.status.as_str().into()),
        (
            "owner",
            base.owner.map(|o| o.to_string()).unwrap_or_default(),
        ),
    ];
    for (key, value) in changes {
        match form.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value.to_string(),
            None => panic!("no field {key}"),
        }
    }
    c.post::<SaveCriterion>(&form).await
}

async fn comment_count(app: &TestApp) -> u64 {
    comment::Entity::find().count(&app.state.db).await.unwrap()
}

http_test!(staff_comment_reply_and_resolve, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    let coordinator = app.signed_in(COORDINATOR).await;
    let dt = app.user_id(COORDINATOR).await;
    let r = comment(
        &editor,
        portfolio,
        "1.2",
        &[
            ("body", "Could we add the attendance figures?".into()),
            ("field", "impact".into()),
            ("mention", dt.to_string()),
        ],
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&format!("/portfolios/{portfolio}/criteria/1.2?commented=")),
        "{location}"
    );
    let data = page(&coordinator, portfolio, "1.2").await;
    let review = data.review.expect("staff see the review side");
    assert_eq!(review.threads.len(), 1);
    let thread = &review.threads[0];
    assert_eq!(thread.first.author, "Sam Patel");
    assert_eq!(thread.first.mention.as_deref(), Some("Dana Taylor"));
    assert_eq!(thread.field, Some(app::rubric::FieldKind::Impact));
    let first = thread.first.id;

    // a reply joins the thread, whatever field it names
    let r = comment(
        &coordinator,
        portfolio,
        "1.2",
        &[
            ("body", "Added them to the impact.".into()),
            ("reply_to", first.to_string()),
        ],
    )
    .await;
    assert!(ok(&r), "{}", r.status());
    // a reply to a thread of another criterion is not found
    let r = comment(
        &coordinator,
        portfolio,
        "1.3",
        &[
            ("body", "Wrong place".into()),
            ("reply_to", first.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // a later, resolved thread goes after the open one
    let r = comment(&editor, portfolio, "1.2", &[("body", "Typo fixed.".into())]).await;
    assert!(ok(&r));
    let data = page(&editor, portfolio, "1.2").await;
    let threads = data.review.unwrap().threads;
    assert_eq!(threads.len(), 2);
    let second = threads[1].first.id;
    let r = editor
        .post::<ResolveComment>(&[
            ("portfolio_id", portfolio.to_string()),
            ("comment_id", second.to_string()),
        ])
        .await;
    assert!(ok(&r), "{}", r.status());
    let threads = page(&editor, portfolio, "1.2")
        .await
        .review
        .unwrap()
        .threads;
    assert_eq!(threads[0].first.id, first, "open threads first");
    assert_eq!(threads[0].replies.len(), 1);
    assert_eq!(threads[0].replies[0].author, "Dana Taylor");
    assert!(threads[0].resolved.is_none());
    assert_eq!(threads[1].resolved.as_ref().unwrap().by, "Sam Patel");

    // the page shows them, for staff
    let html = editor
        .page(&format!("/portfolios/{portfolio}/criteria/1.2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Could we add the attendance figures?"));
    assert!(html.contains("Resolved comments (1)"));
});

http_test!(comments_are_the_staffs_own, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let editor = app.signed_in(EDITOR).await;
    let secret = "Staff-only remark about the wording";
    let r = comment(&editor, portfolio, "1.1", &[("body", secret.into())]).await;
    assert!(ok(&r), "{}", r.status());

    // governors may not comment, read comments or the criterion page
    let governor = app.signed_in(GOVERNOR).await;
    let r = comment(&governor, portfolio, "1.1", &[("body", "Hello".into())]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for path in [
        format!("/portfolios/{portfolio}/dashboard"),
        format!("/portfolios/{portfolio}/report"),
    ] {
        let html = governor.page(&path).await.text().await.unwrap();
        assert!(!html.contains(secret), "{path}");
    }
    // another school's coordinator is told nothing is there
    let other = app.signed_in(OTHER).await;
    let r = comment(&other, portfolio, "1.1", &[("body", "Hello".into())]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = other
        .post::<ResolveComment>(&[
            ("portfolio_id", portfolio.to_string()),
            ("comment_id", "1".into()),
        ])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(comment_count(&app).await, 1);

    // once submitted, the award team reads the narratives but not the comments
    let coordinator = app.signed_in(COORDINATOR).await;
    let r = coordinator
        .post::<SubmitPortfolio>(&[
            ("portfolio_id", portfolio.to_string()),
            ("confirm", "yes".into()),
        ])
        .await;
    assert!(ok(&r), "{}", r.status());
    let assessor = app.signed_in(ASSESSOR).await;
    let data = page(&assessor, portfolio, "1.1").await;
    assert!(data.review.is_none());
    let html = assessor
        .page(&format!("/portfolios/{portfolio}/criteria/1.1"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(secret));
    // nor does the pack
    let r = crate::pack::get(&assessor, &format!("/portfolios/{portfolio}/pack.pdf")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (text, _) = crate::pack::pdf_text(&r.bytes().await.unwrap());
    assert!(text.contains("1.1"), "the pack has the criteria");
    assert!(!text.contains("Staff-only remark"));
    // staff still read them, and may no longer add any
    let data = page(&editor, portfolio, "1.1").await;
    assert_eq!(data.review.unwrap().threads.len(), 1);
    let r = comment(&editor, portfolio, "1.1", &[("body", "Late".into())]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
});

http_test!(
    a_comment_is_scanned_for_identifiers_before_it_is_saved,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let body = "Ring the carer on 07700 900123 about this";
        let r = comment(&editor, portfolio, "2.1", &[("body", body.into())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let text = r.text().await.unwrap();
        assert!(text.contains("a phone number"), "{text}");
        assert!(text.contains("It does not identify anyone"), "{text}");
        assert_eq!(comment_count(&app).await, 0, "nothing saved");
        // knowingly kept
        let r = comment(
            &editor,
            portfolio,
            "2.1",
            &[("body", body.into()), ("keep_identifiers", "yes".into())],
        )
        .await;
        assert!(ok(&r), "{}", r.status());
        assert_eq!(comment_count(&app).await, 1);

        // and the other checks: empty, too long, unknown field or colleague
        for (fields, problem) in [
            (vec![("body", "   ".to_string())], "Enter your comment"),
            (vec![("body", "x".repeat(2001))], "2000 characters or fewer"),
            (
                vec![("body", "Hi".into()), ("field", "nonsense".into())],
                "Choose a part of the criterion",
            ),
            (
                vec![("body", "Hi".into()), ("mention", "999999".into())],
                "Choose a colleague from the list",
            ),
        ] {
            let r = comment(&editor, portfolio, "2.1", &fields).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
            assert!(r.text().await.unwrap().contains(problem), "{problem}");
        }
        let r = comment(&editor, portfolio, "9.9", &[("body", "Hi".into())]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // a governor cannot be mentioned (not on the staff)
        let governor = app.user_id(GOVERNOR).await;
        let r = comment(
            &editor,
            portfolio,
            "2.1",
            &[("body", "Hi".into()), ("mention", governor.to_string())],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(comment_count(&app).await, 1);
    }
);

http_test!(
    only_someone_who_did_not_write_it_marks_it_reviewed,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let r = save(
            &app,
            &editor,
            portfolio,
            "1.3",
            &[
                ("practice", "Weekly nurture group."),
                ("status", "ready_for_review"),
            ],
        )
        .await;
        assert!(ok(&r), "{}", r.status());
        assert!(
            !page(&editor, portfolio, "1.3")
                .await
                .review
                .unwrap()
                .may_review
        );
        // the writer may not mark it reviewed…
        let r = save(&app, &editor, portfolio, "1.3", &[("status", "reviewed")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Someone who has not written this criterion")
        );
        let row = crate::collab::stored(&app, portfolio, "1.3").await;
        assert_eq!(row.status, ResponseStatus::ReadyForReview);
        // …nor anyone who writes and marks it in one go
        let r = save(
            &app,
            &coordinator,
            portfolio,
            "1.3",
            &[("impact", "Calmer mornings."), ("status", "reviewed")],
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // over the socket, the document puts it back at once
        let mut peer = Peer::new();
        peer.connect(&app.address.to_string(), portfolio, &editor.cookie_header())
            .await;
        let frame = peer
            .client
            .edit(|txn| schema::set_choice(txn, "1.3", schema::STATUS, Some("reviewed")))
            .expect("a change");
        peer.send(frame).await;
        peer.until(|c| {
            schema::read_criterion(&yrs::Transact::transact(c.doc()), "1.3").status
                == ResponseStatus::ReadyForReview
        })
        .await;
        peer.drain(Duration::from_millis(300)).await;
        assert_eq!(peer.content("1.3").status, ResponseStatus::ReadyForReview);
        assert_eq!(
            crate::collab::stored(&app, portfolio, "1.3").await.status,
            ResponseStatus::ReadyForReview
        );

        // someone who has not written it may
        assert!(
            page(&coordinator, portfolio, "1.3")
                .await
                .review
                .unwrap()
                .may_review
        );
        let r = save(
            &app,
            &coordinator,
            portfolio,
            "1.3",
            &[("status", "reviewed")],
        )
        .await;
        assert!(ok(&r), "{}", r.status());
        assert_eq!(
            crate::collab::stored(&app, portfolio, "1.3").await.status,
            ResponseStatus::Reviewed
        );
        // and the writer may still move it back
        peer.until(|c| {
            schema::read_criterion(&yrs::Transact::transact(c.doc()), "1.3").status
                == ResponseStatus::Reviewed
        })
        .await;
        let frame = peer
            .client
            .edit(|txn| schema::set_choice(txn, "1.3", schema::STATUS, Some("drafting")))
            .expect("a change");
        peer.send(frame).await;
        peer.until_saved().await;
        assert_eq!(
            crate::collab::stored(&app, portfolio, "1.3").await.status,
            ResponseStatus::Drafting
        );
    }
);

http_test!(
    my_work_and_what_changed_since_i_last_looked,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let dt = app.user_id(COORDINATOR).await;
        let dt_owner = dt.to_string();

        // Dana has looked at 1.4 before Sam changes it
        page(&coordinator, portfolio, "1.4").await;
        let r = save(
            &app,
            &editor,
            portfolio,
            "1.4",
            &[
                ("practice", "Key adults for every child we care for."),
                ("status", "ready_for_review"),
                ("owner", &dt_owner),
            ],
        )
        .await;
        assert!(ok(&r), "{}", r.status());
        let r = comment(
            &editor,
            portfolio,
            "1.4",
            &[
                ("body", "Over to you for review.".into()),
                ("mention", dt.to_string()),
            ],
        )
        .await;
        assert!(ok(&r));

        let work = my_work(&coordinator).await;
        assert_eq!(work.portfolios.len(), 1);
        let mine = &work.portfolios[0];
        let ids = |items: &[app::model::WorkItem]| {
            items
                .iter()
                .map(|i| i.criterion_id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&mine.owned), ["1.4"]);
        assert!(ids(&mine.to_review).contains(&"1.4".to_string()));
        assert_eq!(ids(&mine.changed), ["1.4"]);
        assert_eq!(mine.mentions.len(), 1);
        assert_eq!(mine.mentions[0].author, "Sam Patel");
        assert_eq!(
            mine.owned[0].last_change.as_ref().map(|c| c.who.as_str()),
            Some("Sam Patel")
        );
        // the writer has nothing of theirs to review, nor mentions
        let theirs = my_work(&editor).await;
        assert!(!ids(&theirs.portfolios[0].to_review).contains(&"1.4".to_string()));
        assert!(theirs.portfolios[0].mentions.is_empty());

        // the page lists it (the header's count is read by the browser)
        let html = coordinator.page("/my-work").await.text().await.unwrap();
        assert!(html.contains("Over to you for review."));
        assert!(html.contains(&format!("/portfolios/{portfolio}/criteria/1.4#comment-")));

        // opening the criterion shows what changed, and who changed it
        let data = page(&coordinator, portfolio, "1.4").await;
        // the task list's row says who changed it last, and the owners to
        // choose from are the school's staff (coordinators and editors)
        let row = data.portfolio.row("1.4").unwrap();
        assert_eq!(
            row.last_change.as_ref().map(|c| c.who.as_str()),
            Some("Sam Patel")
        );
        let staff: Vec<&str> = data
            .portfolio
            .staff
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(staff, ["Dana Taylor", "Sam Patel"]);
        let review = data.review.unwrap();
        let changed: Vec<&str> = review
            .changed_since
            .iter()
            .map(|(f, _)| f.as_str())
            .collect();
        assert!(changed.contains(&"practice"), "{changed:?}");
        assert!(changed.contains(&"owner"), "{changed:?}");
        assert!(!changed.contains(&"impact"), "{changed:?}");
        assert!(
            review
                .changed_since
                .iter()
                .all(|(_, who)| who == "Sam Patel")
        );
        assert_eq!(review.last_change.unwrap().who, "Sam Patel");
        // …once: the next look starts from here
        let review = page(&coordinator, portfolio, "1.4").await.review.unwrap();
        assert!(review.changed_since.is_empty());
        let mine = my_work(&coordinator).await.portfolios.remove(0);
        assert!(mine.changed.is_empty());

        // resolving the thread clears the mention
        let r = coordinator
            .post::<ResolveComment>(&[
                ("portfolio_id", portfolio.to_string()),
                ("comment_id", mine.mentions[0].comment_id.to_string()),
            ])
            .await;
        assert!(ok(&r));
        let mine = my_work(&coordinator).await.portfolios.remove(0);
        assert!(mine.mentions.is_empty());

        // governors have no work list
        let governor = app.signed_in(GOVERNOR).await;
        assert!(my_work(&governor).await.portfolios.is_empty());
        let r = app.client().await.get_fn::<GetMyWork>(&[]).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
);

http_test!(
    the_task_list_shows_who_changed_each_criterion_last,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let editor = app.signed_in(EDITOR).await;
        let r = save(
            &app,
            &editor,
            portfolio,
            "2.3",
            &[("impact", "Fewer exclusions.")],
        )
        .await;
        assert!(ok(&r), "{}", r.status());
        let html = editor
            .page(&format!("/portfolios/{portfolio}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("Last changed by Sam Patel"),
            "on the task list"
        );
    }
);
