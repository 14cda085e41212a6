//! The award team's side over HTTP: meetings and agendas, feedback the school
//! cannot see until the decision, a decision recorded once, a returned
//! portfolio open again (and its sockets told), resubmission to a later
//! board, the award on the cover with its certificate, the renewal; and who
//! may do each of these.

use app::api::award::{
    AutosaveFeedback, ChangeTargetDate, CheckRegistration, DraftDecision, GetDecision, GetReview,
    MoveToMeeting, RecordDecision, RegisterStartDate, SaveFeedback, StartRenewal, SubmitPortfolio,
};
use app::api::board::{AddMeeting, ChangeMeeting, GetAuthorityOverview, GetBoard, GetMeeting};
use app::api::portfolios::{GetDashboard, GetPortfolio};
use app::api::schools::{GetDownloadLog, GetSchoolHome};
use app::db::entities::{board_meeting, portfolio, submission};
use app::model::{AuthorityOverview, Dashboard, PortfolioView, SchoolHome};
use app::rubric::FieldKind;
use chrono::{Datelike, Days, Months};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::collab::stored;
use crate::common::*;
use crate::evidence::{created_id, fields, pdf, upload};
use crate::http_test;
use crate::pack::{get, pdf_text};
use crate::ws::Peer;

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The target date as the GOV.UK date input posts it: three boxes.
fn target_boxes(portfolio: i32, d: chrono::NaiveDate) -> Vec<(&'static str, String)> {
    vec![
        ("portfolio_id", portfolio.to_string()),
        ("target_date[day]", d.day().to_string()),
        ("target_date[month]", d.month().to_string()),
        ("target_date[year]", d.year().to_string()),
    ]
}

/// Adds a meeting `days` from today (as the award team does); returns its id.
async fn add_meeting(app: &TestApp, assessor: &TestClient, days: u64) -> i32 {
    let on = app::calendar::today()
        .checked_add_days(Days::new(days))
        .unwrap();
    let r = assessor
        .post::<AddMeeting>(&[
            ("authority_id", app.authority_id.to_string()),
            ("meets_on[day]", on.day().to_string()),
            ("meets_on[month]", on.month().to_string()),
            ("meets_on[year]", on.year().to_string()),
            ("place", "County Hall".into()),
            ("notes", String::new()),
        ])
        .await;
    assert!(ok(&r), "{}: {}", r.status(), r.text().await.unwrap());
    board_meeting::Entity::find()
        .filter(board_meeting::Column::MeetsOn.eq(on))
        .filter(board_meeting::Column::AuthorityId.eq(app.authority_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn row(app: &TestApp, id: i32) -> portfolio::Model {
    portfolio::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn submit(c: &TestClient, portfolio: i32) -> reqwest::Response {
    c.post::<SubmitPortfolio>(&[
        ("portfolio_id", portfolio.to_string()),
        ("confirm", "yes".into()),
    ])
    .await
}

async fn decide(c: &TestClient, portfolio: i32, outcome: &str, reasons: &str) -> reqwest::Response {
    let r = c
        .post::<DraftDecision>(&[
            ("portfolio_id", portfolio.to_string()),
            ("outcome", outcome.into()),
            ("reasons", reasons.into()),
        ])
        .await;
    assert!(ok(&r), "draft: {}: {}", r.status(), r.text().await.unwrap());
    let checked = checked(c, portfolio).await;
    c.post::<RecordDecision>(&[
        ("portfolio_id", portfolio.to_string()),
        ("checked", checked),
    ])
    .await
}

/// The draft decision as "check your answers" names it.
async fn checked(c: &TestClient, portfolio: i32) -> String {
    let page: app::model::DecisionPage = c
        .get_fn::<GetDecision>(&[("portfolio_id", portfolio.to_string())])
        .await
        .json()
        .await
        .unwrap();
    page.draft_token
}

async fn feedback(c: &TestClient, portfolio: i32, place: &str, body: &str) -> reqwest::Response {
    c.post::<AutosaveFeedback>(&[
        ("portfolio_id", portfolio.to_string()),
        ("place", place.into()),
        ("body", body.into()),
    ])
    .await
}

async fn view_as(c: &TestClient, portfolio: i32) -> PortfolioView {
    let r = c
        .get_fn::<GetPortfolio>(&[("portfolio_id", portfolio.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

http_test!(
    not_yet_then_resubmitted_to_a_later_board_then_awarded,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let editor = app.signed_in(EDITOR).await;
        let assessor = app.signed_in(ASSESSOR).await;
        let soon = add_meeting(&app, &assessor, 14).await;
        let later = add_meeting(&app, &assessor, 120).await;

        // Submitted: it joins the next meeting's agenda by itself.
        assert!(ok(&submit(&coordinator, portfolio).await));
        let page: app::model::MeetingPage = assessor
            .get_fn::<GetMeeting>(&[("meeting_id", soon.to_string())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(page.agenda.len(), 1);
        assert_eq!(page.agenda[0].portfolio_id, portfolio);
        assert_eq!(page.agenda[0].reviewed_domains, 0);

        // Feedback drafts: the award team's only.
        let r = feedback(&assessor, portfolio, "domain:3", "Add what carers say.").await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<String>().await.unwrap(), "Add what carers say.");
        let r = feedback(
            &assessor,
            portfolio,
            "criterion:3.2",
            "How often is good news shared?",
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let school = view_as(&coordinator, portfolio).await;
        let json = serde_json::to_string(&school).unwrap();
        assert!(
            !json.contains("Add what carers say."),
            "a draft reached the school"
        );
        let team = view_as(&assessor, portfolio).await;
        assert_eq!(
            team.award
                .current()
                .unwrap()
                .domain_feedback(3)
                .unwrap()
                .body,
            "Add what carers say."
        );
        let review = assessor
            .get_fn::<GetReview>(&[
                ("portfolio_id", portfolio.to_string()),
                ("domain", "3".into()),
            ])
            .await;
        assert_eq!(review.status(), StatusCode::OK);
        let review: app::model::ReviewPage = review.json().await.unwrap();
        assert_eq!(review.criteria.len(), 5);
        assert_eq!(review.feedback, "Add what carers say.");
        assert_eq!(
            review.criteria.iter().find(|c| c.id == "3.2").unwrap().note,
            "How often is good news shared?"
        );

        // An open socket of the school's, read-only while submitted.
        let mut peer = Peer::new();
        peer.connect(&app.address.to_string(), portfolio, &editor.cookie_header())
            .await;

        // "Not yet", recorded once.
        let r = decide(
            &assessor,
            portfolio,
            "not_yet",
            "Show the difference it makes.",
        )
        .await;
        assert!(ok(&r), "{}", r.status());
        let r = assessor
            .post::<RecordDecision>(&[
                ("portfolio_id", portfolio.to_string()),
                ("checked", "anything".into()),
            ])
            .await;
        assert_eq!(
            r.status(),
            StatusCode::CONFLICT,
            "a decision is recorded once"
        );
        assert_eq!(row(&app, portfolio).await.status, "not_yet_awarded");
        // The socket was told: it closes, and back again it may write.
        assert!(peer.closed_code().await.is_some(), "the socket was told");
        let mut writer = Peer::new();
        writer
            .connect(&app.address.to_string(), portfolio, &editor.cookie_header())
            .await;
        writer
            .type_text("3.2", FieldKind::Practice, "Good news every week.")
            .await;
        writer.until_saved().await;
        assert!(
            stored(&app, portfolio, "3.2")
                .await
                .practice
                .contains("Good news every week.")
        );
        // The school reads the feedback now, on the overview and its domain.
        let school = view_as(&coordinator, portfolio).await;
        let last = school.award.last_decision().unwrap();
        assert_eq!(last.reasons, "Show the difference it makes.");
        assert_eq!(
            last.domain_feedback(3).unwrap().body,
            "Add what carers say."
        );
        let html = coordinator
            .page(&format!("/portfolios/{portfolio}/domains/3"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Feedback from the award team on this domain"));
        assert!(html.contains("Add what carers say."));
        // …and the feedback is final.
        let r = feedback(&assessor, portfolio, "domain:3", "changed").await;
        assert_eq!(r.status(), StatusCode::CONFLICT);

        // Resubmitted: a later meeting's agenda, not the one that said "not yet".
        assert!(ok(&submit(&coordinator, portfolio).await));
        let rounds: Vec<submission::Model> = submission::Entity::find()
            .filter(submission::Column::PortfolioId.eq(portfolio))
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(rounds.len(), 2);
        let second = rounds.iter().find(|r| r.round == 2).unwrap();
        assert_eq!(second.meeting_id, Some(later));

        // Awarded Silver: the cover sheet, the dashboard, the certificate.
        let r = decide(&assessor, portfolio, "silver", "Well evidenced throughout.").await;
        assert!(ok(&r), "{}", r.status());
        // The award is dated the day the (later) board met; renewal 3 years on.
        let met = board_meeting::Entity::find_by_id(later)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .meets_on;
        let p = row(&app, portfolio).await;
        assert_eq!(p.award_level.as_deref(), Some("silver"));
        assert_eq!(p.award_date, Some(met));
        assert_eq!(p.renewal_due_date, met.checked_add_months(Months::new(36)));
        let governor = app.signed_in(GOVERNOR).await;
        let d: Dashboard = governor
            .get_fn::<GetDashboard>(&[("portfolio_id", portfolio.to_string())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(d.award.as_ref().map(|(l, _)| l.as_str()), Some("Silver"));
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("Well evidenced"), "governors get no reasons");
        assert!(
            !json.contains("Add what carers say."),
            "governors get no feedback"
        );
        let r = get(
            &governor,
            &format!("/portfolios/{portfolio}/certificate.pdf"),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        let (text, pages) = pdf_text(&r.bytes().await.unwrap());
        assert_eq!(pages, 1);
        assert!(text.contains("Fenland Primary School"), "{text}");
        assert!(text.contains("Silver award"), "{text}");
        assert!(text.contains(&app::model::format_date(Some(met))), "{text}");

        // Renewal: a new cycle with last cycle's text in place.
        let r = coordinator
            .post::<StartRenewal>(&[("portfolio_id", portfolio.to_string())])
            .await;
        assert!(ok(&r), "{}", r.status());
        let next = portfolio::Entity::find()
            .filter(portfolio::Column::PreviousPortfolioId.eq(portfolio))
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(next.cycle, 2);
        let carried = stored(&app, next.id, "3.2").await;
        assert!(carried.practice.contains("Good news every week."));
        let renewal = view_as(&coordinator, next.id).await;
        assert!(renewal.row("3.2").unwrap().carried_over);
        assert_eq!(
            renewal
                .award
                .previous
                .as_ref()
                .and_then(|p| p.level.clone())
                .as_deref(),
            Some("Silver")
        );
        let r = coordinator
            .post::<StartRenewal>(&[("portfolio_id", portfolio.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "one renewal per award");
        // Editing clears the mark.
        let mut peer = Peer::new();
        peer.connect(&app.address.to_string(), next.id, &editor.cookie_header())
            .await;
        peer.type_text("3.2", FieldKind::Impact, " Updated.").await;
        peer.until_saved().await;
        let renewal = view_as(&coordinator, next.id).await;
        assert!(!renewal.row("3.2").unwrap().carried_over);
        assert!(renewal.row("1.1").unwrap().carried_over);
        // The awarded cycle is kept as it was.
        assert_eq!(row(&app, portfolio).await.status, "awarded");
        let r = editor
            .post::<app::api::portfolios::SaveCover>(&[
                ("portfolio_id", portfolio.to_string()),
                ("setting_name", "x".into()),
                ("head_teacher", "x".into()),
                ("designated_teacher", "x".into()),
                ("governor_lac", "x".into()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
    }
);

http_test!(
    registration_is_checked_then_recorded_once,
    |app: TestApp| async move {
        use app::db::entities::portfolio::Column;
        let portfolio = app.portfolio_id().await;
        // Start again unregistered.
        portfolio::Entity::update_many()
            .col_expr(
                Column::RegisteredOn,
                sea_orm::sea_query::Expr::value(Option::<chrono::NaiveDate>::None),
            )
            .filter(Column::Id.eq(portfolio))
            .exec(&app.state.db)
            .await
            .unwrap();
        let coordinator = app.signed_in(COORDINATOR).await;
        let r = submit(&coordinator, portfolio).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "register first");
        let start = app::calendar::today()
            .checked_add_days(Days::new(10))
            .unwrap();
        let form = |d: String| vec![("portfolio_id", portfolio.to_string()), ("start_date", d)];
        // The GOV.UK date input's three boxes, then "check your answers":
        // nothing is recorded by it.
        let boxes = |d: &str, m: &str, y: &str| {
            vec![
                ("portfolio_id", portfolio.to_string()),
                ("start_date[day]", d.to_string()),
                ("start_date[month]", m.to_string()),
                ("start_date[year]", y.to_string()),
            ]
        };
        let r = coordinator
            .post::<CheckRegistration>(&boxes("31", "2", "2027"))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Start date must be a real date")
        );
        let r = coordinator
            .post::<CheckRegistration>(&boxes("4", "", "2027"))
            .await;
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Start date must include a month")
        );
        let r = coordinator
            .post::<CheckRegistration>(&boxes(
                &start.day().to_string(),
                &start.month().to_string(),
                &start.year().to_string(),
            ))
            .await;
        assert!(ok(&r), "{}", r.status());
        assert_eq!(
            r.headers()["location"],
            format!(
                "/portfolios/{portfolio}/register/check?start_date={}",
                date(start)
            )
            .as_str(),
            "the date round-trips to check your answers"
        );
        assert_eq!(row(&app, portfolio).await.registered_on, None);
        let html = coordinator
            .page(&format!(
                "/portfolios/{portfolio}/register/check?start_date={}",
                date(start)
            ))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Check your answers before registering"));
        assert!(html.contains(&app::model::format_date(
            start.checked_add_months(Months::new(12))
        )));
        // The editor may not; the coordinator may, once.
        let editor = app.signed_in(EDITOR).await;
        let r = editor.post::<RegisterStartDate>(&form(date(start))).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = coordinator
            .post::<RegisterStartDate>(&form(date(start)))
            .await;
        assert!(ok(&r), "{}", r.status());
        let p = row(&app, portfolio).await;
        assert_eq!(p.registered_on, Some(app::calendar::today()));
        assert_eq!(p.start_date, Some(start));
        assert_eq!(p.target_date, start.checked_add_months(Months::new(12)));
        let r = coordinator
            .post::<RegisterStartDate>(&form(date(start)))
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        // The award team moves the target ("flexible"); the school may not.
        let moved = start.checked_add_months(Months::new(15)).unwrap();
        let target = target_boxes(portfolio, moved);
        let r = coordinator.post::<ChangeTargetDate>(&target).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let assessor = app.signed_in(ASSESSOR).await;
        let r = assessor.post::<ChangeTargetDate>(&target).await;
        assert!(ok(&r), "{}", r.status());
        assert_eq!(row(&app, portfolio).await.target_date, Some(moved));
        let r = assessor
            .post::<ChangeTargetDate>(&target_boxes(portfolio, start))
            .await;
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "not before the start"
        );
    }
);

http_test!(
    the_authority_page_lists_every_school_and_exports_csv,
    |app: TestApp| async move {
        let assessor = app.signed_in(ASSESSOR).await;
        let r = assessor
            .get_fn::<GetAuthorityOverview>(&[("authority_id", app.authority_id.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let o: AuthorityOverview = r.json().await.unwrap();
        let names: Vec<&str> = o.schools.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Fenland Primary School (demo)", "Marshside Academy"]
        );
        let fenland = &o.schools[0];
        assert_eq!(
            fenland.standing.kind(),
            app::award::StandingKind::InProgress
        );
        assert_eq!(
            o.schools[1].standing.kind(),
            app::award::StandingKind::NotRegistered
        );
        let html = assessor
            .page(&format!(
                "/authorities/{}?status=not_registered",
                app.authority_id
            ))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Marshside Academy"));
        assert!(html.contains("1 of 2 schools: Not registered"), "filtered");
        let r = get(
            &assessor,
            &format!(
                "/authorities/{}/schools.csv?status=in_progress",
                app.authority_id
            ),
        )
        .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        let csv = r.text().await.unwrap();
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(
            csv.contains("Fenland Primary School (demo),999001,In progress"),
            "{csv}"
        );
        for who in [COORDINATOR, GOVERNOR, OTHER] {
            let c = app.signed_in(who).await;
            let r = get(
                &c,
                &format!("/authorities/{}/schools.csv", app.authority_id),
            )
            .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
        }
    }
);

http_test!(
    downloads_are_logged_for_the_coordinator,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let id = created_id(
            upload(
                &coordinator,
                portfolio,
                &fields(&[("title", "Attendance figures")]),
                Some(("figures.pdf", pdf("figures", 500))),
            )
            .await,
        )
        .await;
        assert!(ok(&submit(&coordinator, portfolio).await));
        let assessor = app.signed_in(ASSESSOR).await;
        let r = get(&assessor, &format!("/evidence/{id}/download")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = get(&assessor, &format!("/portfolios/{portfolio}/pack.pdf")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let school = app.school_id.to_string();
        let r = coordinator
            .get_fn::<GetDownloadLog>(&[("school_id", school.clone())])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let log: app::model::DownloadLog = r.json().await.unwrap();
        assert_eq!(log.entries.len(), 2, "{:?}", log.entries);
        assert!(log.entries.iter().all(|e| e.who == "Alex Reid"));
        assert!(log.entries.iter().any(|e| e.what == "figures.pdf"));
        assert!(log.entries.iter().any(|e| e.kind == "Portfolio PDF"));
        // Refused downloads are not downloads.
        let governor = app.signed_in(GOVERNOR).await;
        let r = get(&governor, &format!("/evidence/{id}/download")).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let log: app::model::DownloadLog = coordinator
            .get_fn::<GetDownloadLog>(&[("school_id", school.clone())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(log.entries.len(), 2);
        let html = coordinator
            .page(&format!("/schools/{}/downloads", app.school_id))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Alex Reid") && html.contains("figures.pdf"));
    }
);

http_test!(
    an_assessor_reads_only_submitted_work_of_their_own_authority,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let item = created_id(
            upload(
                &coordinator,
                portfolio,
                &fields(&[]),
                Some(("p.pdf", pdf("p", 200))),
            )
            .await,
        )
        .await;
        // An assessor of another authority.
        let elsewhere = app::services::schools::create_authority(&app.state.db, "Elsewhere")
            .await
            .unwrap();
        let account = app::services::accounts::NewAccount::check(
            "Other Assessor",
            "assessor@elsewhere.test",
            PASSWORD,
            PASSWORD,
        )
        .unwrap();
        app::services::accounts::create_user(&app.state.db, &account, false, Some(elsewhere.id))
            .await
            .unwrap();
        let ours = app.signed_in(ASSESSOR).await;
        let theirs = app.signed_in("assessor@elsewhere.test").await;
        let admin = app.signed_in(ADMIN).await;
        async fn reads(c: &TestClient, portfolio: i32, item: i32) -> (u16, u16, u16) {
            let view = c
                .get_fn::<GetPortfolio>(&[("portfolio_id", portfolio.to_string())])
                .await
                .status()
                .as_u16();
            let file = get(c, &format!("/evidence/{item}/download"))
                .await
                .status()
                .as_u16();
            let pack = get(c, &format!("/portfolios/{portfolio}/pack.zip"))
                .await
                .status()
                .as_u16();
            (view, file, pack)
        }
        // Open: nobody outside the school reads it.
        assert_eq!(reads(&ours, portfolio, item).await, (403, 403, 403));
        assert_eq!(reads(&theirs, portfolio, item).await, (404, 404, 404));
        assert_eq!(reads(&admin, portfolio, item).await, (403, 403, 403));
        // Submitted: the authority's award team does.
        assert!(ok(&submit(&coordinator, portfolio).await));
        assert_eq!(reads(&ours, portfolio, item).await, (200, 200, 200));
        assert_eq!(reads(&theirs, portfolio, item).await, (404, 404, 404));
        assert_eq!(reads(&admin, portfolio, item).await, (403, 403, 403));
        // Another authority's team meets none of it.
        let r = theirs
            .get_fn::<GetAuthorityOverview>(&[("authority_id", app.authority_id.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let meeting = add_meeting(&app, &ours, 30).await;
        let r = theirs
            .get_fn::<GetMeeting>(&[("meeting_id", meeting.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = theirs
            .post::<MoveToMeeting>(&[
                ("portfolio_id", portfolio.to_string()),
                ("meeting_id", meeting.to_string()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
);

const WHO: [&str; 7] = [
    "anonymous",
    "admin",
    "assessor",
    "coordinator",
    "editor",
    "governor",
    "other school",
];

async fn as_who(app: &TestApp, who: &str) -> TestClient {
    let email = match who {
        "admin" => ADMIN,
        "assessor" => ASSESSOR,
        "coordinator" => COORDINATOR,
        "editor" => EDITOR,
        "governor" => GOVERNOR,
        "other school" => OTHER,
        _ => return app.client().await,
    };
    app.signed_in(email).await
}

/// A GET server function's, or a page's, status (a redirect to sign-in is 401).
fn code(r: &reqwest::Response) -> u16 {
    let to_sign_in = r
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .is_some_and(|l| l.starts_with("/sign-in"));
    if r.status() == 302 && to_sign_in {
        401
    } else if r.status().is_redirection() {
        200
    } else {
        r.status().as_u16()
    }
}

http_test!(the_award_matrix, |app: TestApp| async move {
    let portfolio = app.portfolio_id().await;
    let p = portfolio.to_string();
    let a = app.authority_id.to_string();
    let s = app.school_id.to_string();
    let coordinator = app.signed_in(COORDINATOR).await;
    let assessor = app.signed_in(ASSESSOR).await;
    let meeting = add_meeting(&app, &assessor, 21).await.to_string();
    let in_three_weeks = app::calendar::today()
        .checked_add_days(Days::new(21))
        .unwrap();
    let other_meeting = add_meeting(&app, &assessor, 60).await.to_string();
    // Submitted, with a draft decision waiting to be checked.
    assert!(ok(&submit(&coordinator, portfolio).await));
    let r = assessor
        .post::<DraftDecision>(&[
            ("portfolio_id", p.clone()),
            ("outcome", "bronze".into()),
            ("reasons", "Draft".into()),
        ])
        .await;
    assert!(ok(&r));

    // Reading: anonymous, admin, assessor, coordinator, editor, governor, other school.
    let pages: Vec<(String, [u16; 7])> = vec![
        (
            format!("/authorities/{a}"),
            [401, 200, 200, 403, 403, 403, 403],
        ),
        (
            format!("/authorities/{a}/board"),
            [401, 403, 200, 403, 403, 403, 403],
        ),
        (
            format!("/meetings/{meeting}"),
            [401, 404, 200, 404, 404, 404, 404],
        ),
        (
            format!("/portfolios/{p}/review"),
            [401, 403, 200, 403, 403, 403, 404],
        ),
        (
            format!("/portfolios/{p}/review/domains/1"),
            [401, 403, 200, 403, 403, 403, 404],
        ),
        (
            format!("/portfolios/{p}/decision"),
            [401, 403, 200, 403, 403, 403, 404],
        ),
        (
            format!("/portfolios/{p}/decision/check"),
            [401, 403, 200, 403, 403, 403, 404],
        ),
        // the award team moves the target date (linked from the dashboard)
        (
            format!("/portfolios/{p}/target-date"),
            [401, 403, 200, 403, 403, 403, 404],
        ),
        (
            format!("/portfolios/{p}/register"),
            [401, 403, 403, 403, 403, 403, 404],
        ),
        (
            format!("/schools/{s}/downloads"),
            [401, 403, 403, 200, 403, 403, 404],
        ),
        // "check your portfolio" and the confirmation: whoever reads what
        // is written (the award team once it is submitted)
        (
            format!("/portfolios/{p}/submit"),
            [401, 403, 200, 200, 200, 403, 404],
        ),
        (
            format!("/portfolios/{p}/submitted"),
            [401, 403, 200, 200, 200, 403, 404],
        ),
    ];
    for (i, who) in WHO.iter().enumerate() {
        let c = as_who(&app, who).await;
        for (path, codes) in &pages {
            let r = c.page(path).await;
            assert_eq!(code(&r), codes[i], "{who} GET {path}");
        }
        let fns: Vec<(&str, reqwest::Response, u16)> = vec![
            (
                "overview",
                c.get_fn::<GetAuthorityOverview>(&[("authority_id", a.clone())])
                    .await,
                [401, 200, 200, 403, 403, 403, 403][i],
            ),
            (
                "board",
                c.get_fn::<GetBoard>(&[("authority_id", a.clone())]).await,
                [401, 403, 200, 403, 403, 403, 403][i],
            ),
            (
                "meeting",
                c.get_fn::<GetMeeting>(&[("meeting_id", meeting.clone())])
                    .await,
                [401, 404, 200, 404, 404, 404, 404][i],
            ),
            (
                "review",
                c.get_fn::<GetReview>(&[("portfolio_id", p.clone()), ("domain", "2".into())])
                    .await,
                [401, 403, 200, 403, 403, 403, 404][i],
            ),
            (
                "decision",
                c.get_fn::<GetDecision>(&[("portfolio_id", p.clone())])
                    .await,
                [401, 403, 200, 403, 403, 403, 404][i],
            ),
            (
                "download log",
                c.get_fn::<GetDownloadLog>(&[("school_id", s.clone())])
                    .await,
                [401, 403, 403, 200, 403, 403, 404][i],
            ),
            (
                "school home",
                c.get_fn::<GetSchoolHome>(&[("school_id", s.clone())]).await,
                [401, 200, 200, 200, 200, 200, 404][i],
            ),
            (
                "certificate before the award",
                get(&c, &format!("/portfolios/{p}/certificate.pdf")).await,
                [401, 404, 404, 404, 404, 404, 404][i],
            ),
        ];
        for (what, r, want) in fns {
            let status = r.status().as_u16();
            let body = r.text().await.unwrap();
            assert_eq!(status, want, "{who}: {what}: {body}");
            if *who == "other school" {
                assert!(!body.contains("Fenland"), "{who}: {what} leaked");
            }
        }
        // Writing: each refused for everyone but the award team (who may
        // not do the school's part either).
        let writes: Vec<(&str, reqwest::Response, u16)> = vec![
            (
                "autosave feedback",
                c.post::<AutosaveFeedback>(&[
                    ("portfolio_id", p.clone()),
                    ("place", "domain:1".into()),
                    ("body", format!("Feedback by {who}")),
                ])
                .await,
                [401, 403, 200, 403, 403, 403, 404][i],
            ),
            (
                "save feedback",
                c.post::<SaveFeedback>(&[
                    ("portfolio_id", p.clone()),
                    ("domain", "2".into()),
                    ("place", "domain:2".into()),
                    ("body", format!("Feedback by {who}")),
                ])
                .await,
                [401, 403, 200, 403, 403, 403, 404][i],
            ),
            (
                "move",
                c.post::<MoveToMeeting>(&[
                    ("portfolio_id", p.clone()),
                    ("meeting_id", other_meeting.clone()),
                ])
                .await,
                [401, 403, 200, 403, 403, 403, 404][i],
            ),
            (
                "add meeting",
                c.post::<AddMeeting>(&[
                    ("authority_id", a.clone()),
                    ("meets_on[day]", "1".into()),
                    ("meets_on[month]", "1".into()),
                    ("meets_on[year]", "2031".into()),
                    ("place", String::new()),
                    ("notes", String::new()),
                ])
                .await,
                [401, 403, 200, 403, 403, 403, 403][i],
            ),
            (
                "change meeting",
                c.post::<ChangeMeeting>(&[
                    ("meeting_id", meeting.clone()),
                    ("meets_on[day]", in_three_weeks.day().to_string()),
                    ("meets_on[month]", in_three_weeks.month().to_string()),
                    ("meets_on[year]", in_three_weeks.year().to_string()),
                    ("place", format!("Room {i}")),
                    ("notes", String::new()),
                ])
                .await,
                [401, 404, 200, 404, 404, 404, 404][i],
            ),
            (
                "target date",
                c.post::<ChangeTargetDate>(&target_boxes(
                    p.parse().unwrap(),
                    chrono::NaiveDate::from_ymd_opt(2031, 1, 1).unwrap(),
                ))
                .await,
                [401, 403, 200, 403, 403, 403, 404][i],
            ),
            (
                "register (already registered)",
                c.post::<RegisterStartDate>(&[
                    ("portfolio_id", p.clone()),
                    ("start_date", date(app::calendar::today())),
                ])
                .await,
                [401, 403, 403, 409, 403, 403, 404][i],
            ),
            (
                "renewal (not awarded)",
                c.post::<StartRenewal>(&[("portfolio_id", p.clone())]).await,
                [401, 403, 403, 409, 403, 403, 404][i],
            ),
        ];
        for (what, r, want) in writes {
            let status = code(&r);
            let body = r.text().await.unwrap();
            assert_eq!(status, want, "{who}: {what}: {body}");
        }
    }
    // Nothing anyone else tried reached the feedback.
    let team = view_as(&assessor, portfolio).await;
    let current = team.award.current().unwrap();
    assert_eq!(
        current.domain_feedback(1).unwrap().body,
        "Feedback by assessor"
    );
    assert_eq!(current.feedback.len(), 2);
    // Recording the decision: the award team only, once.
    for who in ["coordinator", "editor", "governor", "admin"] {
        let c = as_who(&app, who).await;
        let r = c
            .post::<RecordDecision>(&[("portfolio_id", p.clone()), ("checked", String::new())])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
    }
    // A stale check is refused; the one just read is recorded.
    let r = assessor
        .post::<RecordDecision>(&[("portfolio_id", p.clone()), ("checked", "stale".into())])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let token = checked(&assessor, portfolio).await;
    let r = assessor
        .post::<RecordDecision>(&[("portfolio_id", p.clone()), ("checked", token)])
        .await;
    assert!(ok(&r), "{}", r.status());
    // Now the certificate is there for anyone who may see the school.
    for (who, want) in [
        ("anonymous", 401),
        ("admin", 200),
        ("governor", 200),
        ("other school", 404),
    ] {
        let c = as_who(&app, who).await;
        let r = get(&c, &format!("/portfolios/{p}/certificate.pdf")).await;
        assert_eq!(r.status().as_u16(), want, "{who}");
    }
    // The school home shows the award to the governor, with no feedback.
    let governor = as_who(&app, "governor").await;
    let home: SchoolHome = governor
        .get_fn::<GetSchoolHome>(&[("school_id", s.clone())])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        home.portfolios[0].cover.award_level.as_deref(),
        Some("bronze")
    );
    assert!(
        !serde_json::to_string(&home)
            .unwrap()
            .contains("Feedback by")
    );
});

http_test!(
    renewal_notices_show_on_the_school_home_and_dashboard,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let today = app::calendar::today();
        let mut p: portfolio::ActiveModel = row(&app, portfolio).await.into();
        p.status = Set("awarded".into());
        p.award_level = Set(Some("gold".into()));
        p.award_date = Set(today.checked_sub_months(Months::new(33)));
        // Due in 3 months: inside the 6 months' notice.
        p.renewal_due_date = Set(today.checked_add_months(Months::new(3)));
        p.update(&app.state.db).await.unwrap();
        let governor = app.signed_in(GOVERNOR).await;
        let html = governor
            .page(&format!("/schools/{}", app.school_id))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("The award is due for renewal on"),
            "school home"
        );
        let html = governor
            .page(&format!("/portfolios/{portfolio}/dashboard"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("The award is due for renewal on"),
            "dashboard"
        );
        // Overdue the day after.
        let mut p: portfolio::ActiveModel = row(&app, portfolio).await.into();
        p.renewal_due_date = Set(today.checked_sub_days(Days::new(1)));
        p.update(&app.state.db).await.unwrap();
        let html = governor
            .page(&format!("/schools/{}", app.school_id))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("The award&#x27;s renewal is overdue")
                || html.contains("The award's renewal is overdue"),
            "overdue"
        );
        let assessor = app.signed_in(ASSESSOR).await;
        let o: AuthorityOverview = assessor
            .get_fn::<GetAuthorityOverview>(&[("authority_id", app.authority_id.to_string())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            o.schools[0].standing.kind(),
            app::award::StandingKind::RenewalOverdue
        );
    }
);
