//! The authorisation matrix: every page and server function, asked by each
//! kind of person, gets the expected status — and never another school's data.

use app::api::admin::{CreateAuthority, CreateSchool, GetAdminOverview, InviteAssessor};
use app::api::board::GetAuthorityOverview;
use app::api::frameworks::{GetFramework, ListFrameworks};
use app::api::members::{
    ChangeMemberRole, GetMembersPage, InviteMember, RemoveMember, RevokeInvitation,
};
use app::api::schools::GetSchoolHome;
use chrono::Utc;
use reqwest::Response;

use crate::common::*;
use crate::http_test;

const WHO: [&str; 7] = [
    "anonymous",
    "admin",
    "assessor",
    "coordinator",
    "editor",
    "governor",
    "other school",
];

fn email(who: &str) -> Option<&'static str> {
    match who {
        "admin" => Some(ADMIN),
        "assessor" => Some(ASSESSOR),
        "coordinator" => Some(COORDINATOR),
        "editor" => Some(EDITOR),
        "governor" => Some(GOVERNOR),
        "other school" => Some(OTHER),
        _ => None,
    }
}

async fn as_who(app: &TestApp, who: &str) -> TestClient {
    match email(who) {
        Some(e) => app.signed_in(e).await,
        None => app.client().await,
    }
}

/// A page's outcome: 302 to sign-in counts as 401.
fn page_code(r: &Response) -> u16 {
    let to_sign_in = r
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .is_some_and(|l| l.starts_with("/sign-in"));
    if r.status() == 302 && to_sign_in {
        401
    } else {
        r.status().as_u16()
    }
}

async fn spare_member(app: &TestApp, email: &str) -> i32 {
    use app::services::accounts::{NewAccount, create_user};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let account = NewAccount::check("Spare Person", email, PASSWORD, PASSWORD).unwrap();
    let user = create_user(&app.state.db, &account, false, None)
        .await
        .unwrap();
    app::db::entities::membership::ActiveModel {
        user_id: Set(user.id),
        school_id: Set(app.school_id),
        role: Set("editor".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    user.id
}

http_test!(pages_by_role, |app: TestApp| async move {
    let s = app.school_id;
    let o = app.other_school_id;
    let a = app.authority_id;
    let cases: Vec<(String, [u16; 7])> = vec![
        // anonymous, admin, assessor, coordinator, editor, governor, other school
        (format!("/schools/{s}"), [401, 200, 200, 200, 200, 200, 404]),
        (
            format!("/schools/{s}/members"),
            [401, 200, 403, 200, 403, 403, 404],
        ),
        (format!("/schools/{o}"), [401, 200, 200, 404, 404, 404, 200]),
        (
            "/schools/999999".into(),
            [401, 404, 404, 404, 404, 404, 404],
        ),
        ("/schools".into(), [401, 200, 200, 200, 200, 200, 200]),
        ("/frameworks".into(), [401, 200, 200, 200, 200, 200, 200]),
        (
            "/frameworks/caring2learn".into(),
            [401, 200, 200, 200, 200, 200, 200],
        ),
        (
            "/frameworks/nope".into(),
            [401, 404, 404, 404, 404, 404, 404],
        ),
        (
            format!("/authorities/{a}"),
            [401, 200, 200, 403, 403, 403, 403],
        ),
        ("/admin".into(), [401, 200, 403, 403, 403, 403, 403]),
        ("/no-such-page".into(), [404, 404, 404, 404, 404, 404, 404]),
    ];
    for (i, who) in WHO.iter().enumerate() {
        let client = as_who(&app, who).await;
        for (path, codes) in &cases {
            let r = client.page(path).await;
            let code = page_code(&r);
            let body = r.text().await.unwrap();
            assert_eq!(code, codes[i], "{who} GET {path}");
            if *who == "other school" {
                assert!(
                    !body.contains("Fenland"),
                    "{who} GET {path} saw the other school"
                );
            }
            if matches!(*who, "coordinator" | "editor" | "governor") {
                assert!(
                    !body.contains("Marshside"),
                    "{who} GET {path} saw the other school"
                );
            }
            assert!(
                !body.to_lowercase().contains("sqlx") && !body.contains("DbErr"),
                "{path} leaks internals"
            );
        }
    }
});

http_test!(read_functions_by_role, |app: TestApp| async move {
    let s = app.school_id.to_string();
    let a = app.authority_id.to_string();
    for (i, who) in WHO.iter().enumerate() {
        let c = as_who(&app, who).await;
        let checks: Vec<(&str, Response, u16)> = vec![
            (
                "school home",
                c.get_fn::<GetSchoolHome>(&[("school_id", s.clone())]).await,
                [401, 200, 200, 200, 200, 200, 404][i],
            ),
            (
                "members page",
                c.get_fn::<GetMembersPage>(&[("school_id", s.clone())])
                    .await,
                [401, 200, 403, 200, 403, 403, 404][i],
            ),
            (
                "frameworks",
                c.get_fn::<ListFrameworks>(&[]).await,
                [401, 200, 200, 200, 200, 200, 200][i],
            ),
            (
                "framework",
                c.get_fn::<GetFramework>(&[("id", "caring2learn".into())])
                    .await,
                [401, 200, 200, 200, 200, 200, 200][i],
            ),
            (
                "authority schools",
                c.get_fn::<GetAuthorityOverview>(&[("authority_id", a.clone())])
                    .await,
                [401, 200, 200, 403, 403, 403, 403][i],
            ),
            (
                "admin overview",
                c.get_fn::<GetAdminOverview>(&[]).await,
                [401, 200, 403, 403, 403, 403, 403][i],
            ),
        ];
        for (what, response, expected) in checks {
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            assert_eq!(status, expected, "{who}: {what}: {body}");
            if *who == "other school" {
                assert!(
                    !body.contains("Fenland"),
                    "{who}: {what} leaked the other school"
                );
            }
        }
    }
});

http_test!(write_functions_by_role, |app: TestApp| async move {
    let s = app.school_id.to_string();
    let a = app.authority_id.to_string();
    let governor = app.user_id(GOVERNOR).await.to_string();
    let editor = app.user_id(EDITOR).await.to_string();
    for (i, who) in WHO.iter().enumerate() {
        let c = as_who(&app, who).await;
        // An invitation to withdraw, and a member to remove, for this round.
        let token = app::services::invitations::create(
            &app.state.db,
            app::services::invitations::Invite::School {
                school_id: app.school_id,
                role: app::model::SchoolRole::Editor,
            },
            app.user_id(COORDINATOR).await,
            chrono::Duration::days(7),
            Utc::now(),
        )
        .await
        .unwrap();
        let invitation_id = {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            app::db::entities::invitation::Entity::find()
                .filter(
                    app::db::entities::invitation::Column::TokenHash
                        .eq(app::security::tokens::hash_token(&token)),
                )
                .one(&app.state.db)
                .await
                .unwrap()
                .unwrap()
                .id
                .to_string()
        };
        let spare = spare_member(&app, &format!("spare{i}@demo.caring-schools.test"))
            .await
            .to_string();
        let urn = format!("88800{i}");
        let checks: Vec<(&str, Response, u16)> = vec![
            (
                "invite",
                c.post::<InviteMember>(&[("school_id", s.clone()), ("role", "editor".into())])
                    .await,
                [401, 200, 403, 200, 403, 403, 404][i],
            ),
            (
                "change role",
                c.post::<ChangeMemberRole>(&[
                    ("school_id", s.clone()),
                    ("user_id", editor.clone()),
                    ("role", "editor".into()),
                ])
                .await,
                [401, 200, 403, 200, 403, 403, 404][i],
            ),
            (
                "remove",
                c.post::<RemoveMember>(&[("school_id", s.clone()), ("user_id", spare.clone())])
                    .await,
                [401, 200, 403, 200, 403, 403, 404][i],
            ),
            (
                "withdraw",
                c.post::<RevokeInvitation>(&[
                    ("school_id", s.clone()),
                    ("invitation_id", invitation_id.clone()),
                ])
                .await,
                [401, 200, 403, 200, 403, 403, 404][i],
            ),
            (
                "create authority",
                c.post::<CreateAuthority>(&[("name", format!("Authority {i}"))])
                    .await,
                [401, 200, 403, 403, 403, 403, 403][i],
            ),
            (
                "create school",
                c.post::<CreateSchool>(&[
                    ("authority_id", a.clone()),
                    ("name", format!("School {i}")),
                    ("urn", urn),
                    ("phase", "Primary".into()),
                    ("school_type", "Academy".into()),
                ])
                .await,
                [401, 200, 403, 403, 403, 403, 403][i],
            ),
            (
                "invite assessor",
                c.post::<InviteAssessor>(&[("authority_id", a.clone())])
                    .await,
                [401, 200, 403, 403, 403, 403, 403][i],
            ),
        ];
        for (what, response, expected) in checks {
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            assert_eq!(status, expected, "{who}: {what}: {body}");
        }
    }
    let page = app::services::members::page(&app.state.db, app.school_id, 0, Utc::now())
        .await
        .unwrap();
    let governor_id: i32 = governor.parse().unwrap();
    assert!(
        page.members
            .iter()
            .any(|m| m.user_id == governor_id && m.role == app::model::SchoolRole::Governor)
    );
    // Only the admin's and the coordinator's removals happened.
    let spares = page
        .members
        .iter()
        .filter(|m| m.email.starts_with("spare"))
        .count();
    assert_eq!(spares, WHO.len() - 2);
});

http_test!(
    the_governor_sees_no_edit_controls,
    |app: TestApp| async move {
        let governor = app.signed_in(GOVERNOR).await;
        let html = governor
            .page(&format!("/schools/{}", app.school_id))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("You cannot change it"), "{html}");
        assert!(!html.contains("Manage members"));
        let coordinator = app.signed_in(COORDINATOR).await;
        let html = coordinator
            .page(&format!("/schools/{}", app.school_id))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Manage members"));
        assert!(!html.contains("You cannot change it"));
    }
);
