//! Pages render for real: the portfolio, the framework reader, headers,
//! health and metrics.

use reqwest::StatusCode;

use crate::common::*;
use crate::http_test;

http_test!(
    the_coordinator_sees_the_portfolio,
    |app: TestApp| async move {
        let c = app.signed_in(COORDINATOR).await;
        let r = c.page(&format!("/schools/{}", app.school_id)).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert!(html.contains("Fenland Primary School (demo)"));
        assert!(html.contains("Caring2Learn Caring Schools Award"));
        assert!(html.contains("Progress by domain"));
        assert!(html.contains("Ethos and Leadership"));
    }
);

http_test!(
    the_framework_reader_shows_every_criterion_side_by_side,
    |app: TestApp| async move {
        let c = app.signed_in(GOVERNOR).await;
        let html = c
            .page("/frameworks/caring2learn")
            .await
            .text()
            .await
            .unwrap();
        for d in 1..=4 {
            assert!(html.contains(&format!("id=\"domain-{d}\"")));
        }
        assert_eq!(html.matches("class=\"criterion\"").count(), 30);
        assert_eq!(html.matches("descriptor descriptor--gold").count(), 30);
        assert!(html.contains("There is a named Designated Teacher and Wellbeing Lead."));
    }
);

http_test!(security_headers_are_sent, |app: TestApp| async move {
    let c = app.client().await;
    let r = c.page("/sign-in").await;
    let h = r.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"));
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("referrer-policy").unwrap(), "same-origin");
    let html = r.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry the CSP nonce"
    );
    // a second page gets a different nonce
    let r2 = c.page("/sign-in").await;
    assert!(
        !r2.headers()
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .contains(&nonce)
    );
});

http_test!(health_and_metrics, |app: TestApp| async move {
    let c = app.client().await;
    let r = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no session or CSRF work for a health check"
    );
    let _ = c.page(&format!("/schools/{}", app.school_id)).await;
    let metrics = c
        .http
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("caring_schools_http_requests_total"));
    assert!(
        metrics.contains("route=\"/schools/{school_id}\""),
        "{metrics}"
    );
    assert!(
        !metrics.contains(&format!("/schools/{}", app.school_id)),
        "no ids in labels"
    );
});

http_test!(the_not_found_page_is_plain, |app: TestApp| async move {
    let c = app.client().await;
    let r = c.page("/nothing/here").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("Page not found"));
});
