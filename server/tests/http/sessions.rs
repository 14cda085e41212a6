//! Signing in and out, expiry, CSRF and the sign-in rate limit.

use app::api::auth::{CurrentUser, SignIn, SignOut};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::common::*;
use crate::http_test;

async fn who_am_i(c: &TestClient) -> Option<String> {
    let r = c.get_fn::<CurrentUser>(&[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let me: Option<app::model::Me> = r.json().await.unwrap();
    me.map(|m| m.email)
}

http_test!(sign_in_and_out, |app: TestApp| async move {
    let c = app.client().await;
    assert_eq!(who_am_i(&c).await, None);
    let r = c.sign_in(COORDINATOR, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::OK);
    let set_cookie: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = set_cookie
        .iter()
        .find(|c| c.starts_with("session="))
        .expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert_eq!(who_am_i(&c).await.as_deref(), Some(COORDINATOR));

    let r = c.post::<SignOut>(&[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(who_am_i(&c).await, None);
});

http_test!(
    a_wrong_password_and_an_unknown_address_get_the_same_answer,
    |app: TestApp| async move {
        let c = app.client().await;
        let wrong = c.sign_in(COORDINATOR, "not the password").await;
        let wrong_status = wrong.status();
        let wrong_body = wrong.text().await.unwrap();
        let unknown = c.sign_in("nobody@nowhere.test", "not the password").await;
        let unknown_status = unknown.status();
        let unknown_body = unknown.text().await.unwrap();
        assert_eq!(wrong_status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(wrong_status, unknown_status);
        assert_eq!(wrong_body, unknown_body);
        assert!(
            wrong_body.contains("The email address or password is not right"),
            "{wrong_body}"
        );
        assert_eq!(who_am_i(&c).await, None);
    }
);

http_test!(
    an_expired_session_is_signed_out,
    |app: TestApp| async move {
        let c = app.signed_in(EDITOR).await;
        assert_eq!(who_am_i(&c).await.as_deref(), Some(EDITOR));
        let past = chrono::Utc::now() - chrono::Duration::minutes(1);
        app::db::entities::session::Entity::update_many()
            .col_expr(
                app::db::entities::session::Column::ExpiresAt,
                sea_orm::sea_query::Expr::value(past),
            )
            .exec(&app.state.db)
            .await
            .unwrap();
        assert_eq!(who_am_i(&c).await, None);
        let r = c
            .get_fn::<app::api::schools::GetSchoolHome>(&[("school_id", app.school_id.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
);

http_test!(
    posts_without_a_matching_token_change_nothing,
    |app: TestApp| async move {
        let c = app.client().await;
        // no token at all
        let r = c
            .http
            .post(format!("{}{}", c.base, path_of::<SignIn>()))
            .form(&[("email", COORDINATOR), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // a made-up token
        let r = c
            .http
            .post(format!("{}{}", c.base, path_of::<SignIn>()))
            .form(&[
                ("csrf_token", "x".repeat(43).as_str()),
                ("email", COORDINATOR),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        // the right token from another site
        let r = c
            .http
            .post(format!("{}{}", c.base, path_of::<SignIn>()))
            .header("origin", "https://evil.example")
            .form(&[
                ("csrf_token", c.csrf.as_str()),
                ("email", COORDINATOR),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(who_am_i(&c).await, None);

        // a signed-in coordinator's invitation cannot be forged either
        let coordinator = app.signed_in(COORDINATOR).await;
        let before = app::db::entities::invitation::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len();
        let r = coordinator
            .http
            .post(format!(
                "{}{}",
                coordinator.base,
                path_of::<app::api::members::InviteMember>()
            ))
            .form(&[
                ("school_id", app.school_id.to_string()),
                ("role", "editor".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let after = app::db::entities::invitation::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len();
        assert_eq!(before, after);
    }
);

async fn rate_limit(backend: app::db::testing::Backend) {
    let Some(app) = TestApp::spawn_with(backend, app::state::Settings::default()).await else {
        eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped");
        return;
    };
    let c = app.client().await;
    for _ in 0..5 {
        let r = c.sign_in(EDITOR, "wrong password here").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = c.sign_in(EDITOR, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("RateLimited"));
    assert_eq!(who_am_i(&c).await, None);
    // the database is untouched by the refused attempt
    let sessions = app
        .state
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.state.db.get_database_backend(),
            "SELECT id FROM sessions",
        ))
        .await
        .unwrap();
    assert!(sessions.is_empty());
    // a colleague at the same address still signs in
    assert_eq!(
        c.sign_in(COORDINATOR, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_rate_limited_sqlite() {
    within_time(rate_limit(app::db::testing::Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_is_rate_limited_postgres() {
    within_time(rate_limit(app::db::testing::Backend::Postgres)).await;
}

/// The session's `Set-Cookie`, if the reply sends one.
fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("session="))
        .map(str::to_string)
}

/// The expiry stored with the (only) signed-in session.
async fn stored_expiry(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    app::db::entities::session::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.expires_at)
        .max()
        .expect("a session")
}

/// Sets every session to end a minute from now, and returns that time.
async fn nearly_idle_too_long(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    let soon = chrono::Utc::now() + chrono::Duration::minutes(1);
    app::db::entities::session::Entity::update_many()
        .col_expr(
            app::db::entities::session::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(soon),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    soon
}

/// A session in use outlives its idle limit: a request after the refresh
/// interval moves its expiry on by the idle limit.
async fn a_session_in_use_stays_signed_in(backend: app::db::testing::Backend) {
    let settings = app::state::Settings {
        session_refresh: chrono::Duration::zero(),
        ..app::state::Settings::default()
    };
    let Some(app) = TestApp::spawn_with(backend, settings).await else {
        eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped");
        return;
    };
    let c = app.signed_in(EDITOR).await;
    nearly_idle_too_long(&app).await;
    // the browser's cookie is renewed with it
    let r = c.get_fn::<CurrentUser>(&[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = session_cookie(&r).expect("the session's cookie sent again");
    assert!(cookie.contains("Max-Age=28800"), "{cookie}");
    let expiry = stored_expiry(&app).await;
    assert!(
        expiry > chrono::Utc::now() + chrono::Duration::hours(7),
        "expiry moved on by the idle limit (8 hours): {expiry}"
    );
    assert_eq!(who_am_i(&c).await.as_deref(), Some(EDITOR));
}

/// Reading pages does not write the session each time: within the refresh
/// interval (15 minutes) the stored expiry stays as it was.
async fn a_session_is_not_saved_on_every_request(backend: app::db::testing::Backend) {
    let Some(app) = TestApp::spawn_with(backend, app::state::Settings::default()).await else {
        eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped");
        return;
    };
    let c = app.signed_in(EDITOR).await;
    nearly_idle_too_long(&app).await;
    for _ in 0..3 {
        let r = c.get_fn::<CurrentUser>(&[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(session_cookie(&r), None, "no cookie, as nothing was saved");
        assert_eq!(who_am_i(&c).await.as_deref(), Some(EDITOR));
    }
    let expiry = stored_expiry(&app).await;
    assert!(
        expiry < chrono::Utc::now() + chrono::Duration::minutes(2),
        "no write within the refresh interval: {expiry}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_in_use_stays_signed_in_sqlite() {
    within_time(a_session_in_use_stays_signed_in(
        app::db::testing::Backend::Sqlite,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_in_use_stays_signed_in_postgres() {
    within_time(a_session_in_use_stays_signed_in(
        app::db::testing::Backend::Postgres,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_not_saved_on_every_request_sqlite() {
    within_time(a_session_is_not_saved_on_every_request(
        app::db::testing::Backend::Sqlite,
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_not_saved_on_every_request_postgres() {
    within_time(a_session_is_not_saved_on_every_request(
        app::db::testing::Backend::Postgres,
    ))
    .await;
}
