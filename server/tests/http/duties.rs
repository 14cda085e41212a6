//! The Designated Teacher's duties over HTTP: closure days move deadlines,
//! a PEP's life (recorded, duties ticked, finalised), pupil references stay
//! with the school's staff, and the calendar feed shows only that school's
//! dates, names no pupil and stops when revoked.

use app::api::duties::{
    AddClosure, AddPep, DeletePep, FinalisePep, GetCalendarPage, GetPep, GetPepTracker,
    MakeFeedLink, PepPage, RemoveClosure, SetPepDuties, StopFeedLink,
};
use app::api::members::RemoveMember;
use app::db::entities::{pep_meeting, school_closure};
use app::model::{CalendarPage, PepTracker};
use app::pep::PepStatus;
use chrono::{Datelike, NaiveDate};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::common::*;
use crate::http_test;

fn date_fields(name: &str, d: NaiveDate) -> Vec<(String, String)> {
    vec![
        (format!("{name}[day]"), d.day().to_string()),
        (format!("{name}[month]"), d.month().to_string()),
        (format!("{name}[year]"), d.year().to_string()),
    ]
}

fn fields(pairs: Vec<(String, String)>) -> Vec<(&'static str, String)> {
    pairs
        .into_iter()
        .map(|(k, v)| (&*Box::leak(k.into_boxed_str()), v))
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn add_pep(
    c: &TestClient,
    school_id: i32,
    reference: &str,
    meeting: NaiveDate,
    keep: bool,
) -> reqwest::Response {
    let mut f = vec![
        ("school_id".to_string(), school_id.to_string()),
        ("pupil_ref".to_string(), reference.to_string()),
        ("care_status".to_string(), "looked_after".to_string()),
        ("year_group".to_string(), "5".to_string()),
        ("placing_authority".to_string(), "Lincolnshire".to_string()),
        ("chaired_by".to_string(), "Designated Teacher".to_string()),
    ];
    f.extend(date_fields("meeting_date", meeting));
    if keep {
        f.push(("keep_identifiers".into(), "yes".into()));
    }
    c.post::<AddPep>(&fields(f)).await
}

/// The id a redirect to `/peps/{id}` names.
fn pep_id_of(r: &reqwest::Response) -> i32 {
    let location = r.headers()["location"].to_str().unwrap();
    location
        .trim_start_matches("/peps/")
        .parse()
        .unwrap_or_else(|_| panic!("{location}"))
}

async fn pep_page(c: &TestClient, id: i32) -> PepPage {
    let r = c.get_fn::<GetPep>(&[("pep_id", id.to_string())]).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn peps_of(app: &TestApp, school_id: i32) -> u64 {
    pep_meeting::Entity::find()
        .filter(pep_meeting::Column::SchoolId.eq(school_id))
        .count(&app.state.db)
        .await
        .unwrap()
}

http_test!(
    a_closure_day_moves_the_deadline_of_a_pep,
    |app: TestApp| async move {
        let dt = app.signed_in(COORDINATOR).await;
        let school = app.school_id;

        // Friday 12 February 2027, the last day before the spring half term
        // (Lincolnshire): 22, 23, 24, 25, 26 February.
        let r = add_pep(&dt, school, "PEP-50", date(2027, 2, 12), false).await;
        assert_eq!(r.status(), StatusCode::OK, "{:?}", r.headers());
        let id = pep_id_of(&r);
        let page = pep_page(&dt, id).await;
        assert_eq!(page.pep.deadline, Some(date(2027, 2, 26)));
        if app::calendar::today() < date(2027, 2, 12) {
            assert_eq!(page.pep.status, PepStatus::Upcoming);
        }

        // An INSET day on Monday 22 February moves it to Monday 1 March.
        let mut f = vec![
            ("school_id".to_string(), school.to_string()),
            ("reason".to_string(), "INSET day".to_string()),
        ];
        f.extend(date_fields("first", date(2027, 2, 22)));
        let r = dt.post::<AddClosure>(&fields(f)).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(pep_page(&dt, id).await.pep.deadline, Some(date(2027, 3, 1)));

        // The calendar page lists it; removing it puts the deadline back.
        let cal: CalendarPage = dt
            .get_fn::<GetCalendarPage>(&[("school_id", school.to_string())])
            .await
            .json()
            .await
            .unwrap();
        let closure = cal
            .closures
            .iter()
            .find(|c| c.first == date(2027, 2, 22))
            .expect("the closure is listed");
        assert!(cal.can_manage);
        assert!(cal.term_dates.is_some());
        let r = dt
            .post::<RemoveClosure>(&[
                ("school_id", school.to_string()),
                ("closure_id", closure.id.to_string()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            pep_page(&dt, id).await.pep.deadline,
            Some(date(2027, 2, 26))
        );
    }
);

http_test!(
    bad_closures_are_refused_and_nothing_is_saved,
    |app: TestApp| async move {
        let dt = app.signed_in(COORDINATOR).await;
        let before = school_closure::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap();
        let attempt = |first: NaiveDate, last: Option<NaiveDate>, reason: &str| {
            let mut f = vec![
                ("school_id".to_string(), app.school_id.to_string()),
                ("reason".to_string(), reason.to_string()),
            ];
            f.extend(date_fields("first", first));
            if let Some(last) = last {
                f.extend(date_fields("last", last));
            }
            fields(f)
        };
        for (f, field) in [
            // The last day before the first
            (
                attempt(date(2027, 3, 3), Some(date(2027, 3, 1)), "INSET day"),
                "last",
            ),
            // Far too long
            (
                attempt(date(2027, 1, 4), Some(date(2027, 6, 1)), "INSET day"),
                "last",
            ),
            // A Saturday is not a school day anyway
            (attempt(date(2027, 3, 6), None, "INSET day"), "first"),
            // No reason
            (attempt(date(2027, 3, 3), None, "  "), "reason"),
        ] {
            let r = dt.post::<AddClosure>(&f).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body = r.text().await.unwrap();
            assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
        }
        // A date that is not a date at all
        let r = dt
            .post::<AddClosure>(&[
                ("school_id", app.school_id.to_string()),
                ("reason", "INSET day".into()),
                ("first[day]", "31".into()),
                ("first[month]", "2".into()),
                ("first[year]", "2027".into()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let after = school_closure::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap();
        assert_eq!(before, after);

        // Only the coordinator adds closures; another school's cannot even see them.
        let f = attempt(date(2027, 3, 3), None, "INSET day");
        let editor = app.signed_in(EDITOR).await;
        assert_eq!(
            editor.post::<AddClosure>(&f).await.status(),
            StatusCode::FORBIDDEN
        );
        let governor = app.signed_in(GOVERNOR).await;
        assert_eq!(
            governor.post::<AddClosure>(&f).await.status(),
            StatusCode::FORBIDDEN
        );
        let other = app.signed_in(OTHER).await;
        assert_eq!(
            other.post::<AddClosure>(&f).await.status(),
            StatusCode::NOT_FOUND
        );
        let stranger = app.client().await;
        assert_eq!(
            stranger.post::<AddClosure>(&f).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
);

http_test!(a_pep_from_meeting_to_finalised, |app: TestApp| async move {
    let editor = app.signed_in(EDITOR).await;
    let school = app.school_id;
    let today = app::calendar::today();
    let before = peps_of(&app, school).await;

    // A name as a reference is warned about, and nothing is saved.
    let r = add_pep(&editor, school, "Jayden Smith", date(2026, 11, 18), false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("looks like a name"));
    // A date of birth too.
    let r = add_pep(&editor, school, "12/03/2015", date(2026, 11, 18), false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(peps_of(&app, school).await, before);

    // Wednesday 18 November 2026 (a school day in Lincolnshire's term).
    let r = add_pep(&editor, school, "PEP-60", date(2026, 11, 18), false).await;
    assert_eq!(r.status(), StatusCode::OK);
    let id = pep_id_of(&r);
    // The same pupil cannot have two meetings on one day.
    let r = add_pep(&editor, school, "PEP-60", date(2026, 11, 18), false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let page = pep_page(&editor, id).await;
    assert_eq!(page.pep.deadline, Some(date(2026, 11, 25)));
    assert_eq!(page.pep.duties_done(), 0);

    // Tick two duties and cost PP+.
    let r = editor
        .post::<SetPepDuties>(&[
            ("pep_id", id.to_string()),
            ("pupil_views", "on".into()),
            ("sdq", "on".into()),
            ("ppp_amount", "1,250.50".into()),
        ])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = pep_page(&editor, id).await;
    assert_eq!(page.pep.duties_done(), 2);
    assert_eq!(page.pep.ppp_amount_pence, Some(125_050));
    assert!(
        page.pep
            .duties
            .iter()
            .all(|(_, on)| on.is_none_or(|d| d == today))
    );
    // A bad amount changes nothing.
    let r = editor
        .post::<SetPepDuties>(&[("pep_id", id.to_string()), ("ppp_amount", "lots".into())])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(pep_page(&editor, id).await.pep.duties_done(), 2);

    // Finalising before the meeting, or in the future, is refused.
    for bad in [date(2026, 11, 17), today + chrono::Duration::days(1)] {
        let r = editor
            .post::<FinalisePep>(&fields(
                std::iter::once(("pep_id".to_string(), id.to_string()))
                    .chain(date_fields("finalised_on", bad))
                    .collect(),
            ))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    // Finalised on Friday 27 November: two school days late.
    let r = editor
        .post::<FinalisePep>(&fields(
            std::iter::once(("pep_id".to_string(), id.to_string()))
                .chain(date_fields("finalised_on", date(2026, 11, 27)))
                .collect(),
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = pep_page(&editor, id).await;
    assert_eq!(page.pep.finalised_on, Some(date(2026, 11, 27)));
    assert_eq!(
        page.pep.status,
        PepStatus::FinalisedLate {
            school_days_late: 2
        }
    );

    // The tracker counts it; deleting it takes it away.
    let tracker = tracker_of(&editor, school).await;
    assert!(tracker.all.iter().any(|p| p.id == id));
    let r = editor
        .post::<DeletePep>(&[("pep_id", id.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(peps_of(&app, school).await, before);
});

http_test!(
    pupil_references_stay_with_the_schools_staff,
    |app: TestApp| async move {
        let dt = app.signed_in(COORDINATOR).await;
        let id = pep_id_of(&add_pep(&dt, app.school_id, "PEP-70", date(2026, 11, 18), false).await);
        let school = [("school_id", app.school_id.to_string())];
        let pep = [("pep_id", id.to_string())];

        for (who, tracker, one) in [
            (GOVERNOR, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            (ASSESSOR, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            (ADMIN, StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            (OTHER, StatusCode::NOT_FOUND, StatusCode::NOT_FOUND),
        ] {
            let c = app.signed_in(who).await;
            assert_eq!(
                c.get_fn::<GetPepTracker>(&school).await.status(),
                tracker,
                "{who}"
            );
            assert_eq!(c.get_fn::<GetPep>(&pep).await.status(), one, "{who}");
            assert_eq!(
                c.get_fn::<GetCalendarPage>(&school).await.status(),
                tracker,
                "{who}"
            );
            for path in [
                format!("/schools/{}/peps", app.school_id),
                format!("/peps/{id}"),
                format!("/schools/{}", app.school_id),
            ] {
                let html = c.page(&path).await.text().await.unwrap();
                assert!(!html.contains("PEP-70"), "{who} saw a reference on {path}");
                assert!(
                    !html.contains("PEP-0"),
                    "{who} saw a demo reference on {path}"
                );
            }
        }
        // The school's staff do see them.
        let editor = app.signed_in(EDITOR).await;
        let html = editor
            .page(&format!("/schools/{}/peps", app.school_id))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("PEP-70"));
        // Another school's coordinator cannot change or delete it.
        let other = app.signed_in(OTHER).await;
        assert_eq!(
            other.post::<DeletePep>(&pep).await.status(),
            StatusCode::NOT_FOUND
        );
        assert!(peps_of(&app, app.school_id).await >= 1);
    }
);

/// Makes a feed link as `c`; the token from where it lands.
async fn feed_token(c: &TestClient, school_id: i32) -> String {
    let r = c
        .post::<MakeFeedLink>(&[("school_id", school_id.to_string())])
        .await;
    let location = r.headers()["location"].to_str().unwrap().to_string();
    location
        .split("feed=")
        .nth(1)
        .and_then(|t| t.split('#').next())
        .expect("the token in the address")
        .to_string()
}

http_test!(
    the_calendar_feed_holds_only_the_schools_dates_and_no_pupil,
    |app: TestApp| async move {
        let dt = app.signed_in(COORDINATOR).await;
        let ours =
            pep_id_of(&add_pep(&dt, app.school_id, "PEP-80", date(2027, 2, 12), false).await);
        let other = app.signed_in(OTHER).await;
        let theirs = pep_id_of(
            &add_pep(
                &other,
                app.other_school_id,
                "OTH-1",
                date(2027, 2, 11),
                false,
            )
            .await,
        );

        let token = feed_token(&dt, app.school_id).await;
        let feed = app.client().await;
        let r = feed.page(&format!("/feeds/{token}/peps.ics")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let ics = r.text().await.unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
        assert!(ics.contains(&format!("UID:pep-{ours}-meeting@caring-schools")));
        assert!(ics.contains(&format!("UID:pep-{ours}-deadline@caring-schools")));
        assert!(ics.contains("DTSTART;VALUE=DATE:20270212"), "{ics}");
        assert!(ics.contains("DTSTART;VALUE=DATE:20270226"), "{ics}");
        assert!(
            !ics.contains(&format!("pep-{theirs}-")),
            "another school's PEP"
        );
        for reference in ["PEP-80", "PEP-0", "OTH-1", "Year 5", "Lincolnshire"] {
            assert!(!ics.contains(reference), "{reference} in the feed");
        }

        // A new link replaces the old; stopping it ends it.
        let newer = feed_token(&dt, app.school_id).await;
        let path = |t: &str| format!("/feeds/{t}/peps.ics");
        assert_eq!(
            feed.page(&path(&token)).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(feed.page(&path(&newer)).await.status(), StatusCode::OK);
        let r = dt
            .post::<StopFeedLink>(&[("school_id", app.school_id.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            feed.page(&path(&newer)).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            feed.page("/feeds/not-a-token/peps.ics").await.status(),
            StatusCode::NOT_FOUND
        );

        // An editor's link stops working when they leave the school.
        let editor = app.signed_in(EDITOR).await;
        let theirs = feed_token(&editor, app.school_id).await;
        assert_eq!(feed.page(&path(&theirs)).await.status(), StatusCode::OK);
        let r = dt
            .post::<RemoveMember>(&[
                ("school_id", app.school_id.to_string()),
                ("user_id", app.user_id(EDITOR).await.to_string()),
            ])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(
            feed.page(&path(&theirs)).await.status(),
            StatusCode::NOT_FOUND
        );
        // Governors cannot make one.
        let governor = app.signed_in(GOVERNOR).await;
        let r = governor
            .post::<MakeFeedLink>(&[("school_id", app.school_id.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }
);

http_test!(
    governors_and_the_virtual_school_see_aggregates_only,
    |app: TestApp| async move {
        use app::api::duties::GetVirtualSchool;
        use app::api::portfolios::GetDashboard;
        use app::model::{Dashboard, VirtualSchoolPage};
        use app::pep::Share;

        let today = app::calendar::today();
        // Another school of the authority holds three meetings today: too
        // few to show anything about them.
        let other = app.signed_in(OTHER).await;
        let mut ids = Vec::new();
        for n in 1..=3 {
            let r = add_pep(
                &other,
                app.other_school_id,
                &format!("OTH-{n}"),
                today,
                false,
            )
            .await;
            ids.push(pep_id_of(&r));
        }
        let assessor = app.signed_in(ASSESSOR).await;
        let authority = [("authority_id", app.authority_id.to_string())];
        let row_of = |page: &VirtualSchoolPage| {
            page.rows
                .iter()
                .find(|r| r.school_id == app.other_school_id)
                .cloned()
                .unwrap()
        };
        let r = assessor.get_fn::<GetVirtualSchool>(&authority).await;
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.text().await.unwrap();
        assert!(!body.contains("OTH-") && !body.contains("PEP-0"), "{body}");
        let page: VirtualSchoolPage = serde_json::from_str(&body).unwrap();
        let row = row_of(&page);
        assert_eq!(
            (row.held, row.on_time, row.overdue),
            (Share::Hidden, Share::Hidden, Share::Hidden)
        );
        assert!(row.audit.is_none());

        // Six meetings, five finalised today: now the figures show.
        for n in 4..=6 {
            let r = add_pep(
                &other,
                app.other_school_id,
                &format!("OTH-{n}"),
                today,
                false,
            )
            .await;
            ids.push(pep_id_of(&r));
        }
        for id in &ids[..5] {
            let r = other
                .post::<FinalisePep>(&fields(
                    std::iter::once(("pep_id".to_string(), id.to_string()))
                        .chain(date_fields("finalised_on", today))
                        .collect(),
                ))
                .await;
            assert_eq!(r.status(), StatusCode::OK);
        }
        let page: VirtualSchoolPage = assessor
            .get_fn::<GetVirtualSchool>(&authority)
            .await
            .json()
            .await
            .unwrap();
        let row = row_of(&page);
        assert_eq!(row.held, Share::Count(6));
        assert_eq!(row.on_time, Share::Percent(100));
        assert_eq!(row.overdue, Share::Count(0));

        // The CSV says the same, and names no pupil.
        let r = assessor
            .page(&format!("/authorities/{}/peps.csv", app.authority_id))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let csv = r.text().await.unwrap();
        assert!(
            csv.starts_with("School,URN,Term,PEP meetings held"),
            "{csv}"
        );
        assert!(csv.contains("Marshside Academy,999002"), "{csv}");
        assert!(!csv.contains("OTH-") && !csv.contains("PEP-0"), "{csv}");

        // Only the award team (and administrators) see the authority's page.
        for who in [GOVERNOR, COORDINATOR, OTHER] {
            let c = app.signed_in(who).await;
            assert_eq!(
                c.get_fn::<GetVirtualSchool>(&authority).await.status(),
                StatusCode::FORBIDDEN,
                "{who}"
            );
            assert_eq!(
                c.page(&format!("/authorities/{}/peps.csv", app.authority_id))
                    .await
                    .status(),
                StatusCode::FORBIDDEN,
                "{who}"
            );
        }

        // The governor's dashboard shows the demo school's figures for the
        // year, as the school's own count gives them, and no reference.
        let governor = app.signed_in(GOVERNOR).await;
        let portfolio = app.portfolio_id().await;
        let r = governor
            .get_fn::<GetDashboard>(&[("portfolio_id", portfolio.to_string())])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let body = r.text().await.unwrap();
        assert!(!body.contains("PEP-0"), "{body}");
        let dashboard: Dashboard = serde_json::from_str(&body).unwrap();
        let school = app::services::schools::info(&app.state.db, app.school_id)
            .await
            .unwrap();
        let exact =
            app::services::peps::year_summary(&app.state.db, &app.state.calendars, &school, today)
                .await
                .unwrap();
        let figures = dashboard.peps.expect("PEP figures on the dashboard");
        assert_eq!(
            figures,
            app::model::PepFigures::of(figures.school_year.clone(), &exact)
        );
        let html = governor
            .page(&format!("/portfolios/{portfolio}/dashboard"))
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Personal Education Plans"));
        assert!(!html.contains("PEP-0"));
    }
);

http_test!(
    the_self_audit_becomes_an_action_plan,
    |app: TestApp| async move {
        use app::api::duties::{
            AddAction, GetActionPlan, RemoveAction, SetActionDone, StartDtAudit,
        };
        let school = [("school_id", app.other_school_id.to_string())];
        let coordinator = app.signed_in(OTHER).await;
        // Only the coordinator starts it; the DT's page offers it until then.
        let tracker = tracker_of(&coordinator, app.other_school_id).await;
        assert!(tracker.audit.is_none() && tracker.can_start_audit);
        let r = coordinator.post::<StartDtAudit>(&school).await;
        assert_eq!(r.status(), StatusCode::OK);
        let location = r.headers()["location"].to_str().unwrap().to_string();
        let portfolio: i32 = location.trim_start_matches("/portfolios/").parse().unwrap();
        // Starting again opens the same one.
        let again = coordinator.post::<StartDtAudit>(&school).await;
        assert_eq!(again.headers()["location"].to_str().unwrap(), location);
        let demo_editor = app.signed_in(EDITOR).await;
        assert_eq!(
            demo_editor
                .post::<StartDtAudit>(&[("school_id", app.school_id.to_string())])
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        let plan = |c| plan_of(c, portfolio);
        let before = plan(&coordinator).await;
        // Nothing answered yet: every expectation is on the plan.
        assert_eq!(before.items.len() as u32, before.standing.total());
        assert!(before.can_edit);

        let add = |what: &str, owner: String, due: Option<NaiveDate>| {
            let mut f = vec![
                ("portfolio_id".to_string(), portfolio.to_string()),
                ("criterion_id".to_string(), "1.5".to_string()),
                ("what".to_string(), what.to_string()),
                ("owner".to_string(), owner),
            ];
            if let Some(d) = due {
                f.extend(date_fields("due", d));
            }
            fields(f)
        };
        let me = app.user_id(OTHER).await.to_string();
        let not_staff = app.user_id(GOVERNOR).await.to_string();
        for (f, field) in [
            (add("  ", me.clone(), None), "what-1.5"),
            (
                add("Call 07700 900123 about it", me.clone(), None),
                "what-1.5",
            ),
            (add("Write the report", not_staff, None), "owner-1.5"),
        ] {
            let r = coordinator.post::<AddAction>(&f).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body = r.text().await.unwrap();
            assert!(body.contains(&format!("\"field\":\"{field}\"")), "{body}");
        }
        let r = coordinator
            .post::<AddAction>(&add(
                "Write the annual evaluative report to governors",
                me.clone(),
                Some(date(2027, 3, 26)),
            ))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let item = plan(&coordinator)
            .await
            .items
            .into_iter()
            .find(|i| i.criterion_id == "1.5")
            .unwrap();
        assert_eq!(item.actions.len(), 1);
        let action = item.actions[0].clone();
        assert_eq!(action.owner.as_deref(), Some("Olive Other"));
        assert_eq!(action.due, Some(date(2027, 3, 26)));
        assert!(action.done_on.is_none());

        // It shows on the DT's page until it is done.
        let tracker = tracker_of(&coordinator, app.other_school_id).await;
        let audit = tracker.audit.expect("the self-audit on the DT's page");
        assert_eq!(audit.portfolio_id, portfolio);
        assert_eq!(audit.open_actions.len(), 1);
        assert!(!tracker.can_start_audit);
        let done = [
            ("portfolio_id", portfolio.to_string()),
            ("action_id", action.id.to_string()),
            ("done", "yes".to_string()),
        ];
        assert_eq!(
            coordinator.post::<SetActionDone>(&done).await.status(),
            StatusCode::OK
        );
        let tracker = tracker_of(&coordinator, app.other_school_id).await;
        assert!(tracker.audit.unwrap().open_actions.is_empty());

        // Another school cannot touch it; then it is removed.
        let other = app.signed_in(COORDINATOR).await;
        let remove = [
            ("portfolio_id", portfolio.to_string()),
            ("action_id", action.id.to_string()),
        ];
        assert_eq!(
            other.post::<RemoveAction>(&remove).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            other
                .get_fn::<GetActionPlan>(&[("portfolio_id", portfolio.to_string())])
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            coordinator.post::<RemoveAction>(&remove).await.status(),
            StatusCode::OK
        );
        assert!(
            plan(&coordinator)
                .await
                .items
                .iter()
                .all(|i| i.actions.is_empty())
        );
    }
);

async fn plan_of(c: &TestClient, portfolio: i32) -> app::model::ActionPlan {
    let r = c
        .get_fn::<app::api::duties::GetActionPlan>(&[("portfolio_id", portfolio.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn tracker_of(c: &TestClient, school_id: i32) -> PepTracker {
    let r = c
        .get_fn::<GetPepTracker>(&[("school_id", school_id.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}
