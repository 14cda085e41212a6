//! Invitations over HTTP: the coordinator makes a link, a new person uses it
//! once; editors and governors cannot make links.

use app::api::invitations::{AcceptInvitation, GetInvitationPreview};
use app::api::members::InviteMember;
use reqwest::StatusCode;

use crate::common::*;
use crate::http_test;

async fn invite(app: &TestApp, as_email: &str, role: &str) -> (StatusCode, Option<String>) {
    let c = app.signed_in(as_email).await;
    let r = c
        .post::<InviteMember>(&[
            ("school_id", app.school_id.to_string()),
            ("role", role.into()),
        ])
        .await;
    let token = r
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.split("invitation=").nth(1))
        .map(str::to_string);
    (r.status(), token)
}

fn accept_fields(token: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.into()),
        ("name", "Nia New".into()),
        ("email", email.into()),
        ("password", PASSWORD.into()),
        ("confirm", PASSWORD.into()),
    ]
}

http_test!(a_link_works_once, |app: TestApp| async move {
    let (status, token) = invite(&app, COORDINATOR, "editor").await;
    assert_eq!(status, StatusCode::OK);
    let token = token.expect("the link's token in the redirect");

    let newcomer = app.client().await;
    let preview = newcomer
        .get_fn::<GetInvitationPreview>(&[("token", token.clone())])
        .await;
    assert_eq!(preview.status(), StatusCode::OK);
    assert!(
        preview
            .text()
            .await
            .unwrap()
            .contains("Fenland Primary School")
    );
    let r = newcomer
        .post::<AcceptInvitation>(&accept_fields(&token, "nia@demo.caring-schools.test"))
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    // signed in as the new editor, who can read the school
    let home = newcomer
        .get_fn::<app::api::schools::GetSchoolHome>(&[("school_id", app.school_id.to_string())])
        .await;
    assert_eq!(home.status(), StatusCode::OK);

    let second = app.client().await;
    let r = second
        .post::<AcceptInvitation>(&accept_fields(&token, "sly@demo.caring-schools.test"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        app::services::accounts::find_by_email(&app.state.db, "sly@demo.caring-schools.test")
            .await
            .unwrap()
            .is_none()
    );
});

http_test!(an_expired_link_is_refused, |app: TestApp| async move {
    let (_, token) = invite(&app, COORDINATOR, "governor").await;
    let token = token.unwrap();
    use sea_orm::EntityTrait;
    app::db::entities::invitation::Entity::update_many()
        .col_expr(
            app::db::entities::invitation::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::hours(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    let c = app.client().await;
    let r = c
        .get_fn::<GetInvitationPreview>(&[("token", token.clone())])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = c
        .post::<AcceptInvitation>(&accept_fields(&token, "late@demo.caring-schools.test"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let page = c
        .page(&format!("/invitations/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("This invitation has expired"), "{page}");
});

http_test!(only_coordinators_invite, |app: TestApp| async move {
    for who in [EDITOR, GOVERNOR, ASSESSOR] {
        let (status, token) = invite(&app, who, "editor").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
        assert!(token.is_none());
    }
    let (status, _) = invite(&app, OTHER, "editor").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = invite(&app, COORDINATOR, "headteacher").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
});

http_test!(an_unknown_link_reveals_nothing, |app: TestApp| async move {
    let c = app.client().await;
    let r = c
        .get_fn::<GetInvitationPreview>(&[("token", app::security::tokens::new_token())])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = c.page("/invitations/not-a-token").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
});
