//! Submitting: only the coordinator, only when they confirm; afterwards the
//! school can change nothing (server functions, uploads, the websocket) and
//! every page says so; only the award team reopens it.

use app::api::award::{ReopenPortfolio, SubmitPortfolio};
use app::api::portfolios::SaveCover;
use app::db::entities::portfolio;
use app::model::PortfolioStatus;
use app::rubric::FieldKind;
use reqwest::StatusCode;
use sea_orm::EntityTrait;

use crate::collab::stored;
use crate::common::*;
use crate::evidence::{fields, pdf, upload};
use crate::http_test;
use crate::ws::Peer;

async fn row(app: &TestApp, id: i32) -> portfolio::Model {
    portfolio::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

fn cover(portfolio: i32, head: &str) -> Vec<(&'static str, String)> {
    vec![
        ("portfolio_id", portfolio.to_string()),
        ("setting_name", "Hillside Primary".into()),
        ("head_teacher", head.into()),
        ("designated_teacher", "Dana Taylor".into()),
        ("governor_lac", "Gita Shah".into()),
    ]
}

fn ok(r: &reqwest::Response) -> bool {
    r.status().is_success() || r.status().is_redirection()
}

http_test!(
    submitting_locks_everything_until_the_award_team_reopens,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let id = [("portfolio_id", portfolio.to_string())];
        let coordinator = app.signed_in(COORDINATOR).await;
        let editor = app.signed_in(EDITOR).await;
        let mut writer = Peer::new();
        writer
            .connect(&app.address.to_string(), portfolio, &editor.cookie_header())
            .await;

        // only the coordinator, and only with the box ticked
        let r = editor
            .post::<SubmitPortfolio>(&[
                ("portfolio_id", portfolio.to_string()),
                ("confirm", "yes".into()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = coordinator.post::<SubmitPortfolio>(&id).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("Tick the box"));
        assert_eq!(row(&app, portfolio).await.status, "in_progress");

        let r = coordinator
            .post::<SubmitPortfolio>(&[
                ("portfolio_id", portfolio.to_string()),
                ("confirm", "yes".into()),
            ])
            .await;
        assert!(ok(&r), "{}", r.status());
        let submitted = row(&app, portfolio).await;
        assert_eq!(submitted.status, PortfolioStatus::Submitted.as_str());
        assert_eq!(submitted.submission_date, Some(app::calendar::today()));
        // twice is refused, and changes nothing
        let r = coordinator
            .post::<SubmitPortfolio>(&[
                ("portfolio_id", portfolio.to_string()),
                ("confirm", "yes".into()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);

        // the open socket was closed; back again, it may not write
        assert!(
            writer.closed_code().await.is_some(),
            "the writer was disconnected"
        );
        let before = stored(&app, portfolio, "1.1").await;
        let mut again = Peer::new();
        again
            .connect(&app.address.to_string(), portfolio, &editor.cookie_header())
            .await;
        again
            .type_text("1.1", FieldKind::Practice, " after submission")
            .await;
        assert_eq!(again.closed_code().await, Some(4003));
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_eq!(stored(&app, portfolio, "1.1").await, before);

        // server functions and uploads refuse too
        let r = editor
            .post::<SaveCover>(&cover(portfolio, "Changed Head"))
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let r = upload(
            &editor,
            portfolio,
            &fields(&[]),
            Some(("late.pdf", pdf("late", 100))),
        )
        .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(
            row(&app, portfolio).await.head_teacher,
            submitted.head_teacher
        );

        // every page says so, and offers no way to submit
        let html = editor
            .page(&format!("/portfolios/{portfolio}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            html.contains(
                "This portfolio has been submitted. It can be read but no longer changed."
            )
        );
        assert!(!html.contains("Check your portfolio and submit"));
        let html = editor
            .page(&format!("/portfolios/{portfolio}/criteria/1.1"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("This portfolio has been submitted."));

        // reopening: the award team only
        for who in [COORDINATOR, GOVERNOR] {
            let c = app.signed_in(who).await;
            let r = c.post::<ReopenPortfolio>(&id).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
        }
        let assessor = app.signed_in(ASSESSOR).await;
        let html = assessor
            .page(&format!("/portfolios/{portfolio}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Reopen the portfolio for the school"));
        let r = assessor.post::<ReopenPortfolio>(&id).await;
        assert!(ok(&r), "{}", r.status());
        let reopened = row(&app, portfolio).await;
        assert_eq!(reopened.status, "in_progress");
        assert_eq!(reopened.submission_date, None);
        let r = editor
            .post::<SaveCover>(&cover(portfolio, "Changed Head"))
            .await;
        assert!(ok(&r), "{}", r.status());
        assert_eq!(row(&app, portfolio).await.head_teacher, "Changed Head");
        // reopening an open portfolio is refused
        let r = assessor.post::<ReopenPortfolio>(&id).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
    }
);

http_test!(
    the_submit_form_is_for_the_coordinator_only,
    |app: TestApp| async move {
        let portfolio = app.portfolio_id().await;
        let page = |who: &'static str| {
            let app = &app;
            async move {
                app.signed_in(who)
                    .await
                    .page(&format!("/portfolios/{portfolio}"))
                    .await
                    .text()
                    .await
                    .unwrap()
            }
        };
        let html = page(COORDINATOR).await;
        assert!(html.contains("Check your portfolio and submit"));
        assert!(html.contains(&format!("href=\"/portfolios/{portfolio}/submit\"")));
        assert!(html.contains(&format!("/portfolios/{portfolio}/pack.zip")));
        let html = page(EDITOR).await;
        assert!(!html.contains("Check your portfolio and submit"));
        assert!(html.contains(&format!("/portfolios/{portfolio}/pack.zip")));
        let html = page(GOVERNOR).await;
        assert!(!html.contains("Check your portfolio and submit"));
        assert!(!html.contains("pack.zip"), "governors get no pack");
    }
);
