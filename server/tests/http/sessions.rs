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
