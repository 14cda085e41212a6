//! Password reset without e-mail: who may make a link, single use, expiry,
//! every other session ended, and the link absolute from `PUBLIC_URL`.

use app::api::resets::{CompleteReset, GetReset, IssueReset};
use app::api::review::GetMyWork;
use app::db::entities::password_reset;
use app::model::ResetPreview;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

use crate::common::*;
use crate::http_test;

const NEW_PASSWORD: &str = "a brand new passphrase";

/// Makes a link as `issuer`; the token from where it lands.
async fn issue(c: &TestClient, fields: &[(&str, String)]) -> Result<(String, String), StatusCode> {
    let r = c.post::<IssueReset>(fields).await;
    if !r.headers().contains_key("location") {
        return Err(r.status());
    }
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let token = location
        .split("reset=")
        .nth(1)
        .and_then(|t| t.split('&').next())
        .expect("the token in the address")
        .to_string();
    Ok((location, token))
}

async fn complete(c: &TestClient, token: &str, password: &str, confirm: &str) -> reqwest::Response {
    c.post::<CompleteReset>(&[
        ("token", token.into()),
        ("password", password.into()),
        ("confirm", confirm.into()),
    ])
    .await
}

async fn signed_in_still(c: &TestClient) -> bool {
    c.get_fn::<GetMyWork>(&[]).await.status() == StatusCode::OK
}

http_test!(
    a_coordinator_resets_a_members_password_once,
    |app: TestApp| async move {
        let coordinator = app.signed_in(COORDINATOR).await;
        let editor = app.user_id(EDITOR).await;
        // Sam is signed in on two devices
        let laptop = app.signed_in(EDITOR).await;
        let phone = app.signed_in(EDITOR).await;

        let (location, token) = issue(
            &coordinator,
            &[
                ("user_id", editor.to_string()),
                ("school_id", app.school_id.to_string()),
            ],
        )
        .await
        .expect("a link");
        assert!(location.starts_with(&format!("/schools/{}/members?reset=", app.school_id)));
        assert!(location.ends_with(&format!("&for={editor}")));
        // the members page shows it once, absolute from PUBLIC_URL
        let html = coordinator.page(&location).await.text().await.unwrap();
        let link = format!("{}/reset/{token}", app.state.settings.public_url);
        assert!(link.starts_with("http"), "{link}");
        assert!(html.contains(&link), "the page shows {link}");
        assert!(html.contains("Password reset link for Sam Patel"));

        // whoever opens it sees whose it is
        let stranger = app.client().await;
        let preview: ResetPreview = stranger
            .get_fn::<GetReset>(&[("token", token.clone())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(preview.name, "Sam Patel");

        // bad input changes nothing
        let r = complete(&stranger, &token, NEW_PASSWORD, "something else").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = complete(&stranger, &token, "short", "short").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(signed_in_still(&laptop).await);

        // the new password: this browser is signed in, every other session ends
        let r = complete(&stranger, &token, NEW_PASSWORD, NEW_PASSWORD).await;
        assert!(r.status().is_success(), "{}", r.status());
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .ends_with("?password=changed")
        );
        assert!(signed_in_still(&stranger).await, "signed in as Sam here");
        assert!(!signed_in_still(&laptop).await, "signed out on the laptop");
        assert!(!signed_in_still(&phone).await, "signed out on the phone");
        assert!(signed_in_still(&coordinator).await, "nobody else is");
        let again = app.client().await;
        assert_eq!(
            again.sign_in(EDITOR, PASSWORD).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "the old password no longer works"
        );
        assert_eq!(
            again.sign_in(EDITOR, NEW_PASSWORD).await.status(),
            StatusCode::OK
        );

        // used once
        let r = complete(
            &app.client().await,
            &token,
            "yet another passphrase",
            "yet another passphrase",
        )
        .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let r = app
            .client()
            .await
            .get_fn::<GetReset>(&[("token", token.clone())])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = app
            .client()
            .await
            .page(&format!("/reset/{token}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("This link cannot be used"));
        // an unknown token is not found
        let r = app
            .client()
            .await
            .get_fn::<GetReset>(&[("token", "nonsense".into())])
            .await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
);

http_test!(
    a_reset_link_expires_and_a_newer_one_replaces_it,
    |app: TestApp| async move {
        let coordinator = app.signed_in(COORDINATOR).await;
        let editor = app.user_id(EDITOR).await;
        let fields = [
            ("user_id", editor.to_string()),
            ("school_id", app.school_id.to_string()),
        ];
        let (_, first) = issue(&coordinator, &fields).await.unwrap();
        let (_, second) = issue(&coordinator, &fields).await.unwrap();
        // the first stopped working when the second was made
        let anyone = app.client().await;
        let r = anyone.get_fn::<GetReset>(&[("token", first.clone())]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        // a day later the second has expired too
        let row = password_reset::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        let mut expired: password_reset::ActiveModel = row.into();
        expired.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
        expired.update(&app.state.db).await.unwrap();
        let r = complete(&anyone, &second, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(
            app.client().await.sign_in(EDITOR, PASSWORD).await.status(),
            StatusCode::OK,
            "the password is unchanged"
        );
    }
);

http_test!(who_may_make_a_reset_link, |app: TestApp| async move {
    let coordinator = app.signed_in(COORDINATOR).await;
    let editor = app.signed_in(EDITOR).await;
    let admin = app.signed_in(ADMIN).await;
    let other = app.signed_in(OTHER).await;
    let id = |email| {
        let app = &app;
        async move { app.user_id(email).await.to_string() }
    };
    let by_id = |user: String| vec![("user_id", user)];
    let by_email = |email: &str| vec![("email", email.to_string())];
    for (who, client, fields, want) in [
        (
            "editor",
            &editor,
            by_id(id(COORDINATOR).await),
            Err(StatusCode::NOT_FOUND),
        ),
        (
            "coordinator, for themselves",
            &coordinator,
            by_id(id(COORDINATOR).await),
            Err(StatusCode::FORBIDDEN),
        ),
        (
            "coordinator, for an assessor",
            &coordinator,
            by_id(id(ASSESSOR).await),
            Err(StatusCode::NOT_FOUND),
        ),
        (
            "coordinator, for an administrator",
            &coordinator,
            by_id(id(ADMIN).await),
            Err(StatusCode::NOT_FOUND),
        ),
        (
            "coordinator, for a governor",
            &coordinator,
            by_id(id(GOVERNOR).await),
            Ok(()),
        ),
        (
            "other school's coordinator",
            &other,
            by_id(id(EDITOR).await),
            Err(StatusCode::NOT_FOUND),
        ),
        (
            "admin, for a coordinator",
            &admin,
            by_email(COORDINATOR),
            Ok(()),
        ),
        ("admin, for an assessor", &admin, by_email(ASSESSOR), Ok(())),
        (
            "admin, for an editor",
            &admin,
            by_email(EDITOR),
            Err(StatusCode::FORBIDDEN),
        ),
        (
            "admin, unknown address",
            &admin,
            by_email("nobody@example.org"),
            Err(StatusCode::UNPROCESSABLE_ENTITY),
        ),
        (
            "admin, no address",
            &admin,
            vec![],
            Err(StatusCode::UNPROCESSABLE_ENTITY),
        ),
        // only administrators look accounts up by address
        (
            "coordinator, by address",
            &coordinator,
            by_email(GOVERNOR),
            Err(StatusCode::FORBIDDEN),
        ),
        (
            "editor, unknown address",
            &editor,
            by_email("nobody@example.org"),
            Err(StatusCode::FORBIDDEN),
        ),
    ] {
        let got = issue(client, &fields).await.map(|_| ());
        assert_eq!(got, want, "{who}");
    }
    let r = app
        .client()
        .await
        .post::<IssueReset>(&by_id(id(EDITOR).await))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // the administrator's link lands back on the admin page
    let (location, _) = issue(&admin, &by_email(COORDINATOR)).await.unwrap();
    assert!(location.starts_with("/admin?reset="), "{location}");
    // three links made: the governor's, the coordinator's (the newest) and the assessor's
    assert_eq!(
        password_reset::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        3
    );
});

http_test!(
    a_link_stops_working_when_its_maker_no_longer_may_make_it,
    |app: TestApp| async move {
        use app::db::entities::user;
        let coordinator = app.signed_in(COORDINATOR).await;
        let editor = app.user_id(EDITOR).await;
        let (_, token) = issue(
            &coordinator,
            &[
                ("user_id", editor.to_string()),
                ("school_id", app.school_id.to_string()),
            ],
        )
        .await
        .unwrap();
        // Sam is made an administrator before the link is used
        let row = user::Entity::find_by_id(editor)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap();
        let mut promoted: user::ActiveModel = row.into();
        promoted.is_admin = Set(true);
        promoted.update(&app.state.db).await.unwrap();
        let r = complete(&app.client().await, &token, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(
            app.client().await.sign_in(EDITOR, PASSWORD).await.status(),
            StatusCode::OK,
            "the password is unchanged"
        );
    }
);
