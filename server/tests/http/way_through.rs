//! The way through a portfolio over HTTP: the task list with its one rule for
//! "complete", the plain form's "Save and go to the next criterion", the
//! "check your portfolio" page and the confirmation after submitting; and
//! links people copy, absolute from `PUBLIC_URL` whatever the Host header.

use app::api::award::{GetSubmissionCheck, SubmitPortfolio};
use app::api::portfolios::{GetPortfolio, SaveCriterion};
use app::award::check::Finding;
use app::db::testing::Backend;
use app::model::{PortfolioView, SubmissionCheck};
use app::state::Settings;
use reqwest::StatusCode;

use crate::common::*;
use crate::http_test;

/// A page's HTML as a browser gets it.
async fn page_html(c: &TestClient, path: &str) -> String {
    c.page(path).await.text().await.unwrap()
}

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

/// Writes a whole criterion through the plain form.
async fn write(
    app: &TestApp,
    c: &TestClient,
    portfolio: i32,
    criterion: &str,
    standard: &str,
    then: Option<&str>,
) -> reqwest::Response {
    // what the form was loaded with: the text there now
    let base = crate::collab::stored(app, portfolio, criterion).await;
    let mut form = vec![
        ("portfolio_id", portfolio.to_string()),
        ("criterion_id", criterion.to_string()),
        ("practice", "We meet weekly.".into()),
        ("impact", "Attendance rose.".into()),
        ("next_steps", "Train new staff.".into()),
        ("base_practice", base.practice),
        ("base_impact", base.impact),
        ("base_next_steps", base.next_steps),
        ("standard", standard.into()),
        ("status", "drafting".into()),
        ("owner", String::new()),
    ];
    if let Some(then) = then {
        form.push(("then", then.into()));
    }
    let r = c.post::<SaveCriterion>(&form).await;
    if !ok(&r) {
        panic!(
            "saving {criterion}: {}: {}",
            r.status(),
            r.text().await.unwrap()
        );
    }
    r
}

http_test!(
    the_overview_lists_every_criterion_with_the_rule_for_complete,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let coordinator = app.signed_in(COORDINATOR).await;
        let r = write(&app, &coordinator, portfolio, "1.1", "silver", None).await;
        assert!(ok(&r), "{}", r.status());
        let html = page_html(&coordinator, &format!("/portfolios/{portfolio}")).await;
        for (d, n) in [(1, 9), (2, 8), (3, 5), (4, 8)] {
            for i in 1..=n {
                let href = format!("href=\"/portfolios/{portfolio}/criteria/{d}.{i}\"");
                assert!(html.contains(&href), "the task list links {d}.{i}");
            }
        }
        assert!(html.contains(
            "A criterion is complete when its current practice, impact and next steps are written and a standard met is chosen"
        ));
        let view: PortfolioView = coordinator
            .get_fn::<GetPortfolio>(&[("portfolio_id", portfolio.to_string())])
            .await
            .json()
            .await
            .unwrap();
        assert!(view.row("1.1").unwrap().complete());
        for d in &view.progress.domains {
            let counted = format!("{} of {} complete", d.complete, d.total);
            assert!(html.contains(&counted), "domain {}: {counted}", d.number);
        }
        assert!(
            html.contains("In our Caring School we:"),
            "the lead-in heads the lists"
        );
        // each status has its own colour, not only its own word
        assert!(html.contains("tag tag--blue"), "drafting");
        assert!(html.contains("tag tag--grey"), "not started");
        assert!(html.contains(
            "Still to write: current practice, impact and next steps; still to choose: standard met"
        ));
    }
);

http_test!(
    save_and_go_to_the_next_criterion_lands_on_the_next_one,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let c = app.signed_in(EDITOR).await;
        let r = write(&app, &c, portfolio, "1.9", "bronze", Some("next")).await;
        assert_eq!(
            r.headers()["location"],
            format!("/portfolios/{portfolio}/criteria/2.1?saved=1").as_str(),
            "across the domain boundary"
        );
        let r = write(&app, &c, portfolio, "4.8", "bronze", Some("next")).await;
        assert_eq!(
            r.headers()["location"],
            format!("/portfolios/{portfolio}/criteria/4.8?saved=1").as_str(),
            "the last criterion stays where it is"
        );
        let r = write(&app, &c, portfolio, "1.2", "bronze", None).await;
        assert_eq!(
            r.headers()["location"],
            format!("/portfolios/{portfolio}/criteria/1.2?saved=1").as_str()
        );
        // the page offers both buttons in the plain form, and previous / next
        let html = page_html(&c, &format!("/portfolios/{portfolio}/criteria/1.9")).await;
        assert!(html.contains("Save and go to the next criterion"));
        assert!(html.contains(&format!(
            "href=\"/portfolios/{portfolio}/criteria/1.8\" rel=\"prev\""
        )));
        assert!(html.contains(&format!(
            "href=\"/portfolios/{portfolio}/criteria/2.1\" rel=\"next\""
        )));
    }
);

http_test!(
    the_check_page_lists_what_to_look_at_then_the_submission_is_confirmed,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let coordinator = app.signed_in(COORDINATOR).await;
        // 1.1 complete at Gold, with no evidence
        let r = write(&app, &coordinator, portfolio, "1.1", "gold", None).await;
        assert!(ok(&r), "{}", r.status());

        let check: SubmissionCheck = coordinator
            .get_fn::<GetSubmissionCheck>(&[("portfolio_id", portfolio.to_string())])
            .await
            .json()
            .await
            .unwrap();
        let incomplete: Vec<&str> = check
            .findings
            .iter()
            .filter_map(|f| match f {
                Finding::Incomplete { criterion, .. } => Some(criterion.as_str()),
                _ => None,
            })
            .collect();
        let view: PortfolioView = coordinator
            .get_fn::<GetPortfolio>(&[("portfolio_id", portfolio.to_string())])
            .await
            .json()
            .await
            .unwrap();
        let expected: Vec<&str> = view
            .rows
            .iter()
            .filter(|r| !r.complete())
            .map(|r| r.id.as_str())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(incomplete, expected, "every incomplete criterion, in order");
        assert!(!incomplete.contains(&"1.1"));
        let first = expected[0].to_string();
        let count = format!("Criteria not complete ({})", expected.len());
        assert!(check.findings.contains(&Finding::ClaimWithoutEvidence {
            criterion: "1.1".into(),
            level: "Gold".into()
        }));

        let html = page_html(&coordinator, &format!("/portfolios/{portfolio}/submit")).await;
        assert!(html.contains("Check your portfolio before you submit"));
        assert!(html.contains(&count));
        assert!(html.contains(&format!(
            "href=\"/portfolios/{portfolio}/criteria/{first}\""
        )));
        assert!(html.contains("1.1 claims Gold but has no evidence linked to it"));
        assert!(html.contains("Submit the portfolio"));

        // an editor may look, but only the coordinator submits
        let editor = app.signed_in(EDITOR).await;
        let html = page_html(&editor, &format!("/portfolios/{portfolio}/submit")).await;
        assert!(html.contains(&count));
        assert!(!html.contains("Submit the portfolio"));
        // governors never read what is written, nor this
        let governor = app.signed_in(GOVERNOR).await;
        let r = governor
            .get_fn::<GetSubmissionCheck>(&[("portfolio_id", portfolio.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        // submitting lands on the confirmation
        let r = coordinator
            .post::<SubmitPortfolio>(&[
                ("portfolio_id", portfolio.to_string()),
                ("confirm", "yes".into()),
            ])
            .await;
        assert!(ok(&r), "{}", r.status());
        assert_eq!(
            r.headers()["location"],
            format!("/portfolios/{portfolio}/submitted").as_str()
        );
        let html = page_html(&coordinator, &format!("/portfolios/{portfolio}/submitted")).await;
        assert!(html.contains("Portfolio submitted"));
        assert!(html.contains("What happens next"));
        // once submitted, the check page offers no submitting
        let html = page_html(&coordinator, &format!("/portfolios/{portfolio}/submit")).await;
        assert!(html.contains("This portfolio is not open for submitting."));
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_people_copy_come_from_public_url_not_the_host_header() {
    let settings = Settings {
        sign_ins_per_address: 10_000,
        sign_ins_per_email: 10_000,
        public_url: "https://portfolio.example.test".into(),
        ..Settings::default()
    };
    let app = TestApp::spawn_with(Backend::Sqlite, settings)
        .await
        .unwrap();
    let (survey, token) = crate::surveys::open_carer_survey(&app).await;
    let c = app.signed_in(COORDINATOR).await;
    let spoofed = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for host in [None, Some("evil.example")] {
        let mut request = spoofed
            .get(app.url(&format!("/surveys/{survey}")))
            .header("accept", "text/html")
            .header("cookie", c.cookie_header());
        if let Some(host) = host {
            request = request.header("host", host);
        }
        let html = request.send().await.unwrap().text().await.unwrap();
        assert!(
            html.contains(&format!(
                "value=\"https://portfolio.example.test/s/{token}\""
            )),
            "the survey link is absolute (Host {host:?})"
        );
        assert!(!html.contains("evil.example"));
    }
    // the QR code encodes the same address
    let svg = c
        .page(&format!("/surveys/{survey}/qr.svg"))
        .await
        .bytes()
        .await
        .unwrap();
    let expected =
        app::surveys::qr::svg(&format!("https://portfolio.example.test/s/{token}")).unwrap();
    assert_eq!(svg.as_ref(), expected.as_bytes());
    // invitation links too
    let html = page_html(
        &c,
        &format!("/schools/{}/members?invitation=abc123", app.school_id),
    )
    .await;
    assert!(html.contains("https://portfolio.example.test/invitations/abc123"));
    // and the page tells the browser the same address
    assert!(html.contains("<meta name=\"public-url\" content=\"https://portfolio.example.test\""));
}

http_test!(nobody_removes_themselves, |app: TestApp| async move {
    use app::api::members::{GetMembersPage, RemoveMember};
    let coordinator = app.signed_in(COORDINATOR).await;
    let me = app.user_id(COORDINATOR).await;
    let r = coordinator
        .post::<RemoveMember>(&[
            ("school_id", app.school_id.to_string()),
            ("user_id", me.to_string()),
        ])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("You cannot remove yourself")
    );
    let page: app::model::MembersPage = coordinator
        .get_fn::<GetMembersPage>(&[("school_id", app.school_id.to_string())])
        .await
        .json()
        .await
        .unwrap();
    assert!(
        page.members.iter().any(|m| m.user_id == me),
        "still a member"
    );
    // the page offers removing everyone else, and not me
    let html = page_html(&coordinator, &format!("/schools/{}/members", app.school_id)).await;
    assert_eq!(html.matches("Yes, remove ").count(), page.members.len() - 1);
});
