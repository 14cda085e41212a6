//! Surveys over HTTP: a carer answers with no account (plain form), the same
//! form twice counts once, bad answers are refused whole, closed and unknown
//! links, results hidden under five, CSV for staff and others, QR codes,
//! and the rate limit.

use app::api::surveys::{CloseSurvey, GetSurvey, NewSurveyLink, OpenSurvey, StartSurvey};
use app::security::tokens;
use app::services::surveys as service;
use reqwest::StatusCode;

use crate::common::*;
use crate::http_test;

/// Starts the carers' template and opens it; returns (survey id, token).
pub(crate) async fn open_carer_survey(app: &TestApp) -> (i32, String) {
    let c = app.signed_in(COORDINATOR).await;
    let r = c
        .post::<StartSurvey>(&[
            ("school_id", app.school_id.to_string()),
            ("template", "voice-of-the-carer".into()),
        ])
        .await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let id: i32 = location.trim_start_matches("/surveys/").parse().unwrap();
    let r = c.post::<OpenSurvey>(&[("survey_id", id.to_string())]).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let token = service::live_token(&app.state.db, id)
        .await
        .unwrap()
        .unwrap();
    (id, token)
}

/// Answers as a phone's browser posts the form.
async fn answer(
    c: &TestClient,
    token: &str,
    key: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form: Vec<(String, String)> = vec![
        ("csrf_token".into(), c.csrf.clone()),
        ("submission_key".into(), key.into()),
    ];
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    c.http
        .post(format!("{}/s/{token}", c.base))
        .header("origin", &c.base)
        .header("accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap()
}

const GOOD: &[(&str, &str)] = &[
    ("q_q1", "0"),
    ("q_q2", "1"),
    ("q_q3", "1"),
    ("q_q4", "2"),
    ("q_q5", "0"),
    ("q_q6", "0"),
    ("q_q6", "4"),
    ("q_q7", "More notice of trips, please."),
];

async fn count(app: &TestApp, id: i32) -> usize {
    service::response_count(&app.state.db, id).await.unwrap()
}

http_test!(
    a_carer_answers_without_an_account,
    |app: TestApp| async move {
        let (id, token) = open_carer_survey(&app).await;
        let carer = app.client().await;
        let page = carer.page(&format!("/s/{token}")).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("What carers think of our school"));
        assert!(html.contains("Who sees your answers"));
        assert!(html.contains("Please do not write the name of any child"));
        assert!(html.contains("name=\"submission_key\""));

        let r = answer(&carer, &token, &tokens::new_token(), GOOD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()["location"],
            format!("/s/{token}/thanks").as_str()
        );
        assert_eq!(count(&app, id).await, 1);
        let stored = service::responses(&app.state.db, id).await.unwrap();
        assert_eq!(
            stored[0]["q6"],
            app::surveys::answers::Answer::Choices(vec![0, 4])
        );
        let thanks = carer
            .page(&format!("/s/{token}/thanks"))
            .await
            .text()
            .await
            .unwrap();
        assert!(thanks.contains("Your answers have been sent"));
    }
);

http_test!(
    the_same_form_sent_twice_counts_once,
    |app: TestApp| async move {
        let (id, token) = open_carer_survey(&app).await;
        let carer = app.client().await;
        let key = tokens::new_token();
        for _ in 0..2 {
            let r = answer(&carer, &token, &key, GOOD).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
            assert!(
                r.headers()["location"]
                    .to_str()
                    .unwrap()
                    .ends_with("/thanks")
            );
        }
        assert_eq!(count(&app, id).await, 1);
        // a form without its key is refused, not counted
        let r = answer(&carer, &token, "", GOOD).await;
        assert_eq!(r.headers()["x-survey-problem"], "1");
        assert_eq!(count(&app, id).await, 1);
    }
);

http_test!(
    bad_answers_are_refused_whole_and_explained,
    |app: TestApp| async move {
        let (id, token) = open_carer_survey(&app).await;
        let carer = app.client().await;
        let long = "x".repeat(1001);
        let r = answer(
            &carer,
            &token,
            &tokens::new_token(),
            &[
                ("q_q1", "7"),
                ("q_q2", "1"),
                ("q_q3", "1"),
                ("q_q4", "1"),
                ("q_q7", long.as_str()),
            ],
        )
        .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["x-survey-problem"], "1");
        assert_eq!(count(&app, id).await, 0, "nothing half-saved");
        let html = carer
            .page(&format!("/s/{token}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("There is a problem"));
        assert!(
            html.contains("Choose one of the answers shown"),
            "unknown option"
        );
        assert!(
            html.contains("Choose an answer to this question"),
            "q5 was required"
        );
        assert!(html.contains("1000 characters or fewer"));
        // what was chosen is kept
        assert!(
            html.contains("id=\"q_q2-1\" name=\"q_q2\" value=\"1\" checked"),
            "choices kept"
        );
    }
);

http_test!(
    closed_and_unknown_links_say_so_politely,
    |app: TestApp| async move {
        let (id, token) = open_carer_survey(&app).await;
        let c = app.signed_in(COORDINATOR).await;
        let carer = app.client().await;

        let unknown = carer.page(&format!("/s/{}", tokens::new_token())).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        let html = unknown.text().await.unwrap();
        assert!(html.contains("We could not find this survey"));
        assert!(!html.contains("Fenland"), "nothing revealed");

        // a new link retires the old one
        c.post::<NewSurveyLink>(&[("survey_id", id.to_string())])
            .await;
        assert_eq!(
            carer.page(&format!("/s/{token}")).await.status(),
            StatusCode::NOT_FOUND
        );
        let token = service::live_token(&app.state.db, id)
            .await
            .unwrap()
            .unwrap();

        c.post::<CloseSurvey>(&[("survey_id", id.to_string())])
            .await;
        let html = carer
            .page(&format!("/s/{token}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("This survey is closed"));
        let r = answer(&carer, &token, &tokens::new_token(), GOOD).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(count(&app, id).await, 0, "closed: not counted");
    }
);

http_test!(
    results_are_hidden_until_five_answer,
    |app: TestApp| async move {
        let (id, token) = open_carer_survey(&app).await;
        let staff = app.signed_in(COORDINATOR).await;
        let governor = app.signed_in(GOVERNOR).await;
        for n in 0..4 {
            let carer = app.client().await;
            let r = answer(&carer, &token, &tokens::new_token(), GOOD).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "answer {n}");
        }
        let page = staff
            .get_fn::<GetSurvey>(&[("survey_id", id.to_string())])
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("\"Hidden\":{\"responses\":4}"), "{page}");
        assert!(!page.contains("More notice of trips"));
        let csv = |c: &TestClient| {
            let url = format!("{}/surveys/{id}/results.csv", c.base);
            let http = c.http.clone();
            async move { http.get(url).send().await.unwrap() }
        };
        assert_eq!(csv(&staff).await.status(), StatusCode::CONFLICT);
        assert_eq!(csv(&governor).await.status(), StatusCode::CONFLICT);

        let carer = app.client().await;
        answer(&carer, &token, &tokens::new_token(), GOOD).await;
        let page = staff
            .get_fn::<GetSurvey>(&[("survey_id", id.to_string())])
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains("\"Shown\""));
        assert!(
            page.contains("More notice of trips"),
            "staff read written answers"
        );
        let html = staff
            .page(&format!("/surveys/{id}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("100%"), "percentage agreeing shown");

        let staff_csv = csv(&staff).await.text().await.unwrap();
        assert_eq!(staff_csv.lines().count(), 6);
        assert!(staff_csv.contains("More notice of trips"));
        let governor_csv = csv(&governor).await;
        assert_eq!(governor_csv.status(), StatusCode::OK);
        let governor_csv = governor_csv.text().await.unwrap();
        assert!(
            !governor_csv.contains("More notice of trips"),
            "governors never get free text"
        );
        assert!(governor_csv.contains("Strongly agree,5,100"));
        // the survey page itself is for staff
        assert_eq!(
            governor
                .get_fn::<GetSurvey>(&[("survey_id", id.to_string())])
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        let other = app.signed_in(OTHER).await;
        assert_eq!(csv(&other).await.status(), StatusCode::NOT_FOUND);
    }
);

http_test!(qr_codes_for_staff, |app: TestApp| async move {
    let (id, _) = open_carer_survey(&app).await;
    let staff = app.signed_in(EDITOR).await;
    let r = staff
        .http
        .get(format!("{}/surveys/{id}/qr.png", staff.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(&r.bytes().await.unwrap()[..4], b"\x89PNG");
    let r = staff
        .http
        .get(format!("{}/surveys/{id}/qr.svg", staff.base))
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("<svg"));
    for (email, code) in [(GOVERNOR, 403), (OTHER, 404)] {
        let c = app.signed_in(email).await;
        let r = c
            .http
            .get(format!("{}/surveys/{id}/qr.png", c.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), code, "{email}");
    }
    let anonymous = app.client().await;
    let r = anonymous
        .http
        .get(format!("{}/surveys/{id}/qr.png", anonymous.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
});

mod limits {
    use super::*;
    use app::db::testing::Backend;
    use app::state::Settings;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn answers_from_one_address_are_rate_limited() {
        let settings = Settings {
            sign_ins_per_address: 10_000,
            sign_ins_per_email: 10_000,
            answers_per_address: 3,
            ..Settings::default()
        };
        let app = TestApp::spawn_with(Backend::Sqlite, settings)
            .await
            .unwrap();
        let (id, token) = open_carer_survey(&app).await;
        let carer = app.client().await;
        for _ in 0..3 {
            let r = answer(&carer, &token, &tokens::new_token(), GOOD).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let r = answer(&carer, &token, &tokens::new_token(), GOOD).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(r.text().await.unwrap().contains("wait a minute"));
        assert_eq!(count(&app, id).await, 3);
    }
}

http_test!(
    a_quote_becomes_evidence_linked_to_3_2,
    |app: TestApp| async move {
        use app::api::surveys::SurveyToEvidence;
        let (id, token) = open_carer_survey(&app).await;
        let staff = app.signed_in(COORDINATOR).await;
        let use_it = |question: &'static str, answer: Option<usize>| {
            let mut fields = vec![
                ("survey_id", id.to_string()),
                ("question_id", question.to_string()),
            ];
            if let Some(a) = answer {
                fields.push(("answer", a.to_string()));
            }
            let staff = &staff;
            async move { staff.post::<SurveyToEvidence>(&fields).await }
        };
        // too early: under five answers nothing is used
        let carer = app.client().await;
        answer(&carer, &token, &tokens::new_token(), GOOD).await;
        assert_eq!(use_it("q7", Some(0)).await.status(), StatusCode::CONFLICT);
        for _ in 0..3 {
            let carer = app.client().await;
            answer(&carer, &token, &tokens::new_token(), GOOD).await;
        }
        let mut identifying = GOOD.to_vec();
        identifying.retain(|(k, _)| *k != "q_q7");
        identifying.push(("q_q7", "Call me on 07700 900123 about her."));
        let carer = app.client().await;
        answer(&carer, &token, &tokens::new_token(), &identifying).await;
        assert_eq!(count(&app, id).await, 5);

        let r = use_it("q7", Some(0)).await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        let location = r.headers()["location"].to_str().unwrap().to_string();
        assert!(location.contains("/evidence/"), "{location}");
        let framework = app.state.frameworks.get("caring2learn").unwrap();
        let portfolio: i32 = location.split('/').nth(2).unwrap().parse().unwrap();
        let items = app::services::evidence::list(&app.state.db, &framework, portfolio)
            .await
            .unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].criteria, ["3.2"]);
        assert_eq!(items[0].kind, app::model::EvidenceKind::Voice);
        let (_, bytes) = app::services::evidence::stored_file(&app.state.db, items[0].id)
            .await
            .unwrap();
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains("More notice of trips, please.")
        );

        // the answer with a phone number cannot be used
        assert_eq!(use_it("q7", Some(4)).await.status(), StatusCode::CONFLICT);
        // a chart can
        let r = use_it("q2", None).await;
        assert!(r.status().is_success() || r.status().is_redirection());
        let items = app::services::evidence::list(&app.state.db, &framework, portfolio)
            .await
            .unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().any(|i| i.kind == app::model::EvidenceKind::SurveyResults && i.criteria == ["3.2"]));
        // and only staff who edit may do it
        let governor = app.signed_in(GOVERNOR).await;
        let r = governor
            .post::<SurveyToEvidence>(&[
                ("survey_id", id.to_string()),
                ("question_id", "q2".into()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
);

http_test!(
    a_draft_survey_changes_until_anyone_answers,
    |app: TestApp| async move {
        use app::api::surveys::SaveSurveyDesign;
        let c = app.signed_in(EDITOR).await;
        let r = c
            .post::<StartSurvey>(&[
                ("school_id", app.school_id.to_string()),
                ("template", "pupil-voice".into()),
            ])
            .await;
        let id: i32 = r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/surveys/")
            .parse()
            .unwrap();
        let fields = |prompt: &str| {
            vec![
                ("survey_id", id.to_string()),
                ("title", "Your say about clubs".to_string()),
                ("intro", "Tell us about clubs.".to_string()),
                ("questions[0][id]", "q1".to_string()),
                ("questions[0][prompt]", prompt.to_string()),
                ("questions[0][kind]", "agreement".to_string()),
                ("questions[0][criteria]", "2.1".to_string()),
                ("questions[0][required]", "yes".to_string()),
                ("questions[1][id]", String::new()),
                (
                    "questions[1][prompt]",
                    "Which clubs do you go to?".to_string(),
                ),
                ("questions[1][kind]", "multiple".to_string()),
                ("questions[1][options]", "Football\nArt\nChoir".to_string()),
                ("questions[1][criteria]", "2.1".to_string()),
            ]
        };
        let r = c
            .post::<SaveSurveyDesign>(&fields("I enjoy the clubs I go to."))
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.text().await.unwrap()
        );
        let s = service::get(&app.state.db, id).await.unwrap();
        assert_eq!(s.design.title, "Your say about clubs");
        let ids: Vec<&str> = s.design.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            ["q1", "q6"],
            "kept id, and the next free one for the new question"
        );

        // a problem is named on its field and nothing changes
        let r = c.post::<SaveSurveyDesign>(&fields("")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("questions[0][prompt]"));
        assert_eq!(
            service::get(&app.state.db, id)
                .await
                .unwrap()
                .design
                .questions[0]
                .prompt,
            "I enjoy the clubs I go to."
        );

        // once someone answers, the questions are frozen
        let coordinator = app.signed_in(COORDINATOR).await;
        coordinator
            .post::<OpenSurvey>(&[("survey_id", id.to_string())])
            .await;
        let token = service::live_token(&app.state.db, id)
            .await
            .unwrap()
            .unwrap();
        let pupil = app.client().await;
        let r = answer(
            &pupil,
            &token,
            &tokens::new_token(),
            &[("q_q1", "0"), ("q_q6", "1")],
        )
        .await;
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .ends_with("/thanks")
        );
        let r = c
            .post::<SaveSurveyDesign>(&fields("Changed after answers"))
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("Make a copy"));
        // governors cannot change surveys at all
        let governor = app.signed_in(GOVERNOR).await;
        assert_eq!(
            governor
                .post::<SaveSurveyDesign>(&fields("x"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
    }
);

http_test!(
    opening_and_closing_dates_use_the_date_input,
    |app: TestApp| async move {
        use chrono::Datelike;
        let c = app.signed_in(COORDINATOR).await;
        let r = c
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
        let open = |opens: [&str; 3], closes: [&str; 3]| {
            vec![
                ("survey_id", id.to_string()),
                ("opens_on[day]", opens[0].to_string()),
                ("opens_on[month]", opens[1].to_string()),
                ("opens_on[year]", opens[2].to_string()),
                ("closes_on[day]", closes[0].to_string()),
                ("closes_on[month]", closes[1].to_string()),
                ("closes_on[year]", closes[2].to_string()),
            ]
        };
        // refused whole, with the design system's words
        let r = c
            .post::<OpenSurvey>(&open(["30", "2", "2027"], ["", "3", "2027"]))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("The opening date must be a real date"),
            "{body}"
        );
        assert!(
            body.contains("The closing date must include a day"),
            "{body}"
        );
        assert_eq!(
            service::get(&app.state.db, id).await.unwrap().status,
            app::model::SurveyStatus::Draft
        );
        // day, month (a number or a name), year
        let later = app::calendar::today()
            .checked_add_days(chrono::Days::new(10))
            .unwrap();
        let (d, m, y) = (
            later.day().to_string(),
            later.month().to_string(),
            later.year().to_string(),
        );
        let r = c
            .post::<OpenSurvey>(&open([&d, &m, &y], ["", "", ""]))
            .await;
        assert!(
            r.status().is_success() || r.status().is_redirection(),
            "{}",
            r.status()
        );
        let stored = service::get(&app.state.db, id).await.unwrap();
        assert_eq!(stored.opens_on, Some(later));
        assert_eq!(stored.closes_on, None);
    }
);
