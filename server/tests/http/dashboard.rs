//! The governors' dashboard: aggregates for anyone who may see the school,
//! no narrative text, survey headlines hidden under five answers.

use app::api::portfolios::GetDashboard;
use app::api::surveys::{OpenSurvey, StartSurvey};
use app::security::tokens;
use reqwest::StatusCode;

use crate::common::*;
use crate::http_test;

async fn answer(c: &TestClient, token: &str) {
    let mut form: Vec<(String, String)> = vec![
        ("csrf_token".into(), c.csrf.clone()),
        ("submission_key".into(), tokens::new_token()),
        ("q_q7".into(), "Private words about a child".into()),
    ];
    for q in 1..=5 {
        form.push((format!("q_q{q}"), "1".into()));
    }
    let r = c
        .http
        .post(format!("{}/s/{token}", c.base))
        .header("origin", &c.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("/thanks")
    );
}

http_test!(
    governors_see_figures_and_never_narratives,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let governor = app.signed_in(GOVERNOR).await;
        let q = [("portfolio_id", portfolio.to_string())];

        let r = governor.get_fn::<GetDashboard>(&q).await;
        assert_eq!(r.status(), StatusCode::OK);
        let json = r.text().await.unwrap();
        assert!(json.contains("\"level_reached\""));
        assert!(json.contains("\"days_left\""));
        assert!(!json.contains("Values assemblies"), "no narrative text");
        let html = governor
            .page(&format!("/portfolios/{portfolio}/dashboard"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Dashboard") && html.contains("Evidence per domain"));
        assert!(!html.contains("Values assemblies"));
        assert!(
            !html.contains("/evidence?domain="),
            "no links into the evidence library"
        );

        // a survey: hidden under five, headlines (never written answers) at five
        let staff = app.signed_in(COORDINATOR).await;
        let r = staff
            .post::<StartSurvey>(&[
                ("school_id", app.school_id.to_string()),
                ("template", "voice-of-the-carer".into()),
            ])
            .await;
        let id: i32 = r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/surveys/")
            .parse()
            .unwrap();
        staff
            .post::<OpenSurvey>(&[("survey_id", id.to_string())])
            .await;
        let token = app::services::surveys::live_token(&app.state.db, id)
            .await
            .unwrap()
            .unwrap();
        for _ in 0..4 {
            answer(&app.client().await, &token).await;
        }
        let json = governor
            .get_fn::<GetDashboard>(&q)
            .await
            .text()
            .await
            .unwrap();
        assert!(
            json.contains("\"responses\":4,\"headlines\":null"),
            "{json}"
        );
        answer(&app.client().await, &token).await;
        let json = governor
            .get_fn::<GetDashboard>(&q)
            .await
            .text()
            .await
            .unwrap();
        assert!(json.contains("\"percent_agreeing\":100"), "{json}");
        assert!(!json.contains("Private words"), "no written answers");

        for (who, code) in [(OTHER, 404)] {
            let c = app.signed_in(who).await;
            assert_eq!(c.get_fn::<GetDashboard>(&q).await.status().as_u16(), code);
        }
        let anonymous = app.client().await;
        assert_eq!(
            anonymous.get_fn::<GetDashboard>(&q).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
);
