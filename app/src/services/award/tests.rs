//! The award's way through the database, on SQLite and PostgreSQL:
//! register, submit to the next board, feedback, "not yet", resubmit to a
//! later board, award, renew; and the authority's overview.

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::board::{self, MeetingInput};
use super::feedback::{self, FeedbackEdit};
use super::{overview, registration, renewal, rounds};
use crate::award::{Outcome, StandingKind};
use crate::db::entities::{criterion_response, evidence_item, portfolio, submission};
use crate::db::testing::TestDb;
use crate::db_test;
use crate::model::{CoverSheet, PortfolioStatus, ResponseStatus};
use crate::rubric::{Catalog, StandardMet};
use crate::services::ServiceError;
use crate::services::portfolios::{self, ResponseText};
use crate::services::schools::{NewSchool, create_authority, create_school};

fn catalog() -> Catalog {
    Catalog::load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"))
        .unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

struct World {
    catalog: Catalog,
    authority: i32,
    school: i32,
    portfolio: i32,
    user: i32,
}

async fn world(t: &TestDb, urn: &str) -> World {
    let catalog = catalog();
    let fw = catalog.get("caring2learn").unwrap();
    let a = create_authority(&t.db, "Northshire").await.unwrap();
    let s = create_school(
        &t.db,
        NewSchool {
            authority_id: a.id,
            name: "Hillside Primary",
            urn,
            phase: "Primary",
            school_type: "Community",
        },
    )
    .await
    .unwrap();
    let p = portfolios::create(&t.db, s.id, &fw, CoverSheet::default(), Utc::now())
        .await
        .unwrap();
    let account = crate::services::accounts::NewAccount::check(
        "Dana Taylor",
        &format!("dt{urn}@hillside.test"),
        "a long password 1",
        "a long password 1",
    )
    .unwrap();
    let user = crate::services::accounts::create_user(&t.db, &account, false, None)
        .await
        .unwrap();
    World {
        catalog,
        authority: a.id,
        school: s.id,
        portfolio: p.id,
        user: user.id,
    }
}

/// A date as the date input's boxes hold it, from `YYYY-MM-DD`.
fn boxes(iso: &str) -> crate::calendar::DateParts {
    let mut parts = iso.split('-').map(str::to_string);
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    crate::calendar::DateParts {
        day: day.unwrap_or_default(),
        month: month.unwrap_or_default(),
        year: year.unwrap_or_default(),
    }
}

async fn meeting(t: &TestDb, w: &World, on: &str, today: NaiveDate) -> i32 {
    board::create(
        &t.db,
        w.authority,
        w.user,
        MeetingInput {
            meets_on: &boxes(on),
            place: "County Hall",
            notes: "",
        },
        today,
        Utc::now(),
    )
    .await
    .unwrap()
    .id
}

async fn status(t: &TestDb, id: i32) -> portfolio::Model {
    portfolio::Entity::find_by_id(id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
}

db_test!(
    from_registration_to_award_and_renewal,
    |t: TestDb| async move {
        let w = world(&t, "100001").await;
        let fw = w.catalog.get("caring2learn").unwrap();
        let today = d(2026, 9, 20);

        // Not registered: no submitting.
        let err = rounds::submit(&t.db, &fw, w.portfolio, w.user, true, today, Utc::now())
            .await
            .unwrap_err();
        assert!(
            matches!(err, ServiceError::Conflict(ref m) if m.contains("Register")),
            "{err:?}"
        );

        // Register once; the target is 12 months on.
        let start =
            registration::register(&t.db, &fw, w.portfolio, "2026-09-01", today, Utc::now())
                .await
                .unwrap();
        assert_eq!(start, d(2026, 9, 1));
        let p = status(&t, w.portfolio).await;
        assert_eq!(
            (p.registered_on, p.target_date),
            (Some(today), Some(d(2027, 9, 1)))
        );
        let again =
            registration::register(&t.db, &fw, w.portfolio, "2026-10-01", today, Utc::now()).await;
        assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");

        // Two meetings; submitting joins the next.
        let february = meeting(&t, &w, "2027-02-11", today).await;
        // The next board after February meets on a leap day, a year on.
        let leap = meeting(&t, &w, "2028-02-29", today).await;
        let submit_day = d(2027, 1, 20);
        let first = rounds::submit(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            true,
            submit_day,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!((first.round, first.meeting_id), (1, Some(february)));
        let twice = rounds::submit(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            true,
            submit_day,
            Utc::now(),
        )
        .await;
        assert!(matches!(twice, Err(ServiceError::Conflict(_))), "{twice:?}");

        // Feedback drafts: saved, and a stale base is refused without overwriting.
        let saved = feedback::save(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &[
                FeedbackEdit {
                    place: "domain:3",
                    body: "Add carers' voices.\r\n",
                    base: Some(""),
                },
                FeedbackEdit {
                    place: "criterion:3.2",
                    body: "How do carers hear good news?",
                    base: None,
                },
            ],
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(
            saved[0],
            ("domain:3".to_string(), "Add carers' voices.".to_string())
        );
        let stale = feedback::save(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &[FeedbackEdit {
                place: "domain:3",
                body: "Something else",
                base: Some(""),
            }],
            Utc::now(),
        )
        .await;
        assert!(matches!(stale, Err(ServiceError::Invalid(ref e)) if e[0].field == "domain-3"));
        let nowhere = feedback::save(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &[FeedbackEdit {
                place: "domain:9",
                body: "x",
                base: None,
            }],
            Utc::now(),
        )
        .await;
        assert!(matches!(nowhere, Err(ServiceError::NotFound)));

        // The school does not see drafts; the award team does.
        let school_view = rounds::rounds(&t.db, &fw, w.portfolio, true, false)
            .await
            .unwrap();
        assert!(school_view[0].feedback.is_empty());
        let team_view = rounds::rounds(&t.db, &fw, w.portfolio, true, true)
            .await
            .unwrap();
        assert_eq!(team_view[0].feedback.len(), 2);
        assert_eq!(
            team_view[0].domain_feedback(3).unwrap().body,
            "Add carers' voices."
        );

        // A bad decision saves nothing; then "not yet" is checked and recorded once.
        let bad = rounds::save_draft(&t.db, &fw, w.portfolio, w.user, "", "").await;
        assert!(matches!(bad, Err(ServiceError::Invalid(ref e)) if e.len() == 2));
        let undecided = rounds::decide(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            "",
            d(2027, 2, 11),
            Utc::now(),
        )
        .await;
        assert!(
            matches!(undecided, Err(ServiceError::Invalid(_))),
            "{undecided:?}"
        );
        rounds::save_draft(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            "not_yet",
            "Show the impact.",
        )
        .await
        .unwrap();
        // Someone changed the draft after it was checked: nothing is recorded.
        let stale = rounds::draft_token("gold", "Show the impact.");
        let changed = rounds::decide(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &stale,
            d(2027, 2, 11),
            Utc::now(),
        )
        .await;
        assert!(
            matches!(changed, Err(ServiceError::Conflict(ref m)) if m.contains("changed")),
            "{changed:?}"
        );
        let token = rounds::draft_token("not_yet", "Show the impact.");
        let decided = rounds::decide(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &token,
            d(2027, 2, 11),
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(
            (decided.outcome, decided.meeting_id),
            (Outcome::NotYet, february)
        );
        let twice = rounds::decide(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &token,
            d(2027, 2, 11),
            Utc::now(),
        )
        .await;
        assert!(
            matches!(twice, Err(ServiceError::Conflict(ref m)) if m.contains("already")),
            "{twice:?}"
        );
        assert_eq!(status(&t, w.portfolio).await.status, "not_yet_awarded");
        // …and now the school reads the feedback; the award team cannot change it.
        let school_view = rounds::rounds(&t.db, &fw, w.portfolio, true, false)
            .await
            .unwrap();
        assert_eq!(school_view[0].feedback.len(), 2);
        assert_eq!(school_view[0].reasons, "Show the impact.");
        let late = feedback::save(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &[FeedbackEdit {
                place: "domain:1",
                body: "late",
                base: None,
            }],
            Utc::now(),
        )
        .await;
        assert!(matches!(late, Err(ServiceError::Conflict(_))));

        // Resubmitted on the day of the February board: it goes to June.
        let second = rounds::submit(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            true,
            d(2027, 2, 11),
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!((second.round, second.meeting_id), (2, Some(leap)));
        // …and cannot be moved back to the board that returned it.
        let back = board::move_to(&t.db, w.portfolio, w.authority, february, d(2027, 2, 11)).await;
        assert!(matches!(back, Err(ServiceError::Invalid(_))), "{back:?}");

        // Awarded Silver by the board of 29 February 2028, recorded on 2 March:
        // the award is dated the day the board met.
        rounds::save_draft(&t.db, &fw, w.portfolio, w.user, "silver", "Well evidenced.")
            .await
            .unwrap();
        let token = rounds::draft_token("silver", "Well evidenced.");
        rounds::decide(
            &t.db,
            &fw,
            w.portfolio,
            w.user,
            &token,
            d(2028, 3, 2),
            Utc::now(),
        )
        .await
        .unwrap();
        let p = status(&t, w.portfolio).await;
        assert_eq!(p.status, "awarded");
        assert_eq!(p.award_level.as_deref(), Some("silver"));
        assert_eq!(p.award_date, Some(d(2028, 2, 29)));
        assert_eq!(p.renewal_due_date, Some(d(2031, 2, 28)));
        let all = rounds::rounds(&t.db, &fw, w.portfolio, true, false)
            .await
            .unwrap();
        assert_eq!(all.len(), 2, "every round is kept");
        assert_eq!(all[0].outcome, Some(Outcome::Awarded("silver".into())));
        assert_eq!(all[1].outcome, Some(Outcome::NotYet));
        assert_eq!(all[0].decided_on, Some(d(2028, 3, 2)), "recorded on");

        // The certificate names the setting, level and date.
        let certificate = crate::services::award::certificate(&t.db, &w.catalog, w.portfolio)
            .await
            .unwrap();
        assert_eq!(
            (
                certificate.setting.as_str(),
                certificate.level.as_str(),
                certificate.date.as_str()
            ),
            ("Hillside Primary", "Silver", "29 February 2028")
        );

        // Renewal starts from the last cycle's text, marked as carried over.
        portfolios::write_response(
            &t.db,
            w.portfolio,
            "1.1",
            ResponseText {
                practice: "- Our values".into(),
                impact: "Attendance up".into(),
                next_steps: "Induction".into(),
                standard: Some(StandardMet::Level("silver".into())),
                status: ResponseStatus::Reviewed,
                owner: None,
            },
            None,
            Utc::now(),
        )
        .await
        .unwrap();
        let next = renewal::start(&t.db, &fw, w.portfolio, d(2030, 9, 1), Utc::now())
            .await
            .unwrap();
        let renewed = status(&t, next).await;
        assert_eq!(
            (
                renewed.cycle,
                renewed.previous_portfolio_id,
                renewed.status.as_str()
            ),
            (2, Some(w.portfolio), "in_progress")
        );
        assert_eq!(renewed.registered_on, Some(d(2030, 9, 1)));
        assert_eq!(
            renewed.target_date,
            Some(d(2031, 2, 28)),
            "the renewal due date"
        );
        let carried = criterion_response::Entity::find()
            .filter(criterion_response::Column::PortfolioId.eq(next))
            .filter(criterion_response::Column::CriterionId.eq("1.1"))
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(carried.practice, "- Our values");
        assert!(carried.carried_over);
        assert_eq!(carried.status, "drafting");
        let again = renewal::start(&t.db, &fw, w.portfolio, d(2030, 9, 1), Utc::now()).await;
        assert!(matches!(again, Err(ServiceError::Conflict(_))));
        let not_awarded = renewal::start(&t.db, &fw, next, d(2030, 9, 1), Utc::now()).await;
        assert!(matches!(not_awarded, Err(ServiceError::Conflict(_))));
        // The last cycle is as it was.
        assert_eq!(status(&t, w.portfolio).await.status, "awarded");
        let _ = w.school;
    }
);

db_test!(
    evidence_is_carried_over_with_its_links,
    |t: TestDb| async move {
        use crate::services::evidence::{self, NewEvidence, Saved, UploadedFile};
        let w = world(&t, "100002").await;
        let fw = w.catalog.get("caring2learn").unwrap();
        let input = NewEvidence {
            title: "Policy".into(),
            kind: "policy".into(),
            description: "Our policy".into(),
            link: String::new(),
            criteria: vec!["1.1".into(), "2.3".into()],
            confirm_anonymised: true,
            confirm_photo: false,
            override_identifiers: false,
            file: Some(UploadedFile {
                name: "policy.txt".into(),
                bytes: b"The policy.".to_vec(),
            }),
        };
        let Saved::Item(item) =
            evidence::create(&t.db, &fw, w.school, w.portfolio, w.user, input, Utc::now())
                .await
                .unwrap()
        else {
            panic!("no identifiers here")
        };
        // Awarded, by hand.
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let mut p: portfolio::ActiveModel = status(&t, w.portfolio).await.into();
        p.status = Set(PortfolioStatus::Awarded.as_str().into());
        p.update(&t.db).await.unwrap();
        let next = renewal::start(&t.db, &fw, w.portfolio, d(2030, 1, 1), Utc::now())
            .await
            .unwrap();
        let items = evidence::list(&t.db, &fw, next).await.unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].criteria, ["1.1", "2.3"]);
        let copy = evidence_item::Entity::find_by_id(items[0].id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let original = evidence_item::Entity::find_by_id(item)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(copy.file_id, original.file_id, "the file is stored once");
        // Deleting the copy keeps the original's file.
        evidence::delete(&t.db, items[0].id).await.unwrap();
        assert!(evidence::download(&t.db, item).await.is_ok());
    }
);

db_test!(
    a_meeting_added_later_takes_waiting_portfolios,
    |t: TestDb| async move {
        let w = world(&t, "100003").await;
        let fw = w.catalog.get("caring2learn").unwrap();
        let today = d(2027, 1, 10);
        registration::register(&t.db, &fw, w.portfolio, "2026-09-01", today, Utc::now())
            .await
            .unwrap();
        let round = rounds::submit(&t.db, &fw, w.portfolio, w.user, true, today, Utc::now())
            .await
            .unwrap();
        assert_eq!(round.meeting_id, None, "no meeting planned yet");
        let draft = rounds::save_draft(&t.db, &fw, w.portfolio, w.user, "gold", "x").await;
        assert!(matches!(draft, Err(ServiceError::Conflict(ref m)) if m.contains("agenda")));
        // A meeting in the past does not take it; the next one does.
        meeting(&t, &w, "2026-12-01", today).await;
        let march = meeting(&t, &w, "2027-03-01", today).await;
        let stored = submission::Entity::find_by_id(round.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.meeting_id, Some(march));
        let agenda = board::agenda(&t.db, &w.catalog, march).await.unwrap();
        assert_eq!(agenda.len(), 1);
        assert_eq!(agenda[0].school_name, "Hillside Primary");
        assert_eq!(agenda[0].domains, 4);

        // Moving: only to a meeting of the same authority.
        let other = create_authority(&t.db, "Elsewhere").await.unwrap();
        let theirs = board::create(
            &t.db,
            other.id,
            w.user,
            MeetingInput {
                meets_on: &boxes("2027-04-01"),
                place: "",
                notes: "",
            },
            today,
            Utc::now(),
        )
        .await
        .unwrap();
        let moved = board::move_to(&t.db, w.portfolio, w.authority, theirs.id, today).await;
        assert!(matches!(moved, Err(ServiceError::Invalid(_))), "{moved:?}");
        let may = meeting(&t, &w, "2027-05-01", today).await;
        let past = board::move_to(&t.db, w.portfolio, w.authority, march, d(2027, 3, 2)).await;
        assert!(
            matches!(past, Err(ServiceError::Invalid(_))),
            "not to a meeting gone by"
        );
        board::move_to(&t.db, w.portfolio, w.authority, may, today)
            .await
            .unwrap();
        assert!(
            board::agenda(&t.db, &w.catalog, march)
                .await
                .unwrap()
                .is_empty()
        );

        // Reopening ends the round as "opened again"; it leaves the agenda.
        rounds::reopen(&t.db, w.portfolio, w.user, today, Utc::now())
            .await
            .unwrap();
        let listed = board::meetings(&t.db, w.authority).await.unwrap();
        assert!(listed.iter().all(|m| m.on_agenda == 0), "{listed:?}");
        let r = rounds::rounds(&t.db, &fw, w.portfolio, true, true)
            .await
            .unwrap();
        assert_eq!(r[0].outcome, Some(Outcome::Reopened));
        assert_eq!(status(&t, w.portfolio).await.status, "in_progress");

        // A bad meeting is refused whole.
        let bad = board::create(
            &t.db,
            w.authority,
            w.user,
            MeetingInput {
                meets_on: &crate::calendar::DateParts {
                    day: "31".into(),
                    month: "2".into(),
                    year: "2027".into(),
                },
                place: &"x".repeat(200),
                notes: "",
            },
            today,
            Utc::now(),
        )
        .await;
        assert!(
            matches!(bad, Err(ServiceError::Invalid(ref e)) if e.len() == 2),
            "{bad:?}"
        );
    }
);

db_test!(
    the_overview_gives_every_school_one_status,
    |t: TestDb| async move {
        let w = world(&t, "100004").await;
        let fw = w.catalog.get("caring2learn").unwrap();
        let today = d(2027, 3, 1);
        // A second school with no portfolio, a third registered and writing.
        create_school(
            &t.db,
            NewSchool {
                authority_id: w.authority,
                name: "Aardvark Academy",
                urn: "100005",
                phase: "Secondary",
                school_type: "Academy",
            },
        )
        .await
        .unwrap();
        let third = create_school(
            &t.db,
            NewSchool {
                authority_id: w.authority,
                name: "Zebra Infants",
                urn: "100006",
                phase: "Primary",
                school_type: "Community",
            },
        )
        .await
        .unwrap();
        let p3 = portfolios::create(&t.db, third.id, &fw, CoverSheet::default(), Utc::now())
            .await
            .unwrap();
        registration::register(&t.db, &fw, p3.id, "2026-09-01", d(2026, 9, 1), Utc::now())
            .await
            .unwrap();
        for id in ["1.1", "1.2", "1.3"] {
            portfolios::write_response(
                &t.db,
                p3.id,
                id,
                ResponseText {
                    practice: "- done".into(),
                    impact: "\n  more  \n".into(),
                    next_steps: "next".into(),
                    standard: Some(StandardMet::Level("bronze".into())),
                    status: ResponseStatus::Drafting,
                    owner: None,
                },
                None,
                Utc::now(),
            )
            .await
            .unwrap();
        }
        // Whitespace only is not written.
        portfolios::write_response(
            &t.db,
            p3.id,
            "1.4",
            ResponseText {
                practice: " \n\t".into(),
                impact: "x".into(),
                next_steps: "x".into(),
                standard: Some(StandardMet::NotYet),
                status: ResponseStatus::Drafting,
                owner: None,
            },
            None,
            Utc::now(),
        )
        .await
        .unwrap();
        // The first school submits to a March meeting.
        registration::register(
            &t.db,
            &fw,
            w.portfolio,
            "2026-06-01",
            d(2026, 6, 1),
            Utc::now(),
        )
        .await
        .unwrap();
        let march = meeting(&t, &w, "2027-03-20", today).await;
        rounds::submit(&t.db, &fw, w.portfolio, w.user, true, today, Utc::now())
            .await
            .unwrap();

        let o = overview::overview(&t.db, &w.catalog, w.authority, today)
            .await
            .unwrap();
        let by_name = |n: &str| o.schools.iter().find(|s| s.name == n).unwrap();
        assert_eq!(
            by_name("Aardvark Academy").standing.kind(),
            StandingKind::NotRegistered
        );
        let zebra = by_name("Zebra Infants");
        assert_eq!(zebra.percent, Some(10), "3 of 30 complete");
        assert_eq!(zebra.standing.kind(), StandingKind::InProgress);
        assert!(
            zebra.standing.needs_attention(),
            "10% with half the year gone"
        );
        let hill = by_name("Hillside Primary");
        assert_eq!(hill.standing.kind(), StandingKind::Submitted);
        assert_eq!(hill.meeting.as_ref().map(|m| m.id), Some(march));
        assert_eq!(o.next_meeting.as_ref().map(|m| m.id), Some(march));
        let count = |k| o.counts.iter().find(|(kind, _)| *kind == k).unwrap().1;
        assert_eq!(
            (
                count(StandingKind::NotRegistered),
                count(StandingKind::InProgress),
                count(StandingKind::Submitted),
                count(StandingKind::Awarded)
            ),
            (1, 1, 1, 0)
        );
        // The CSV has a header and a row per school.
        let csv = overview::csv(&o.schools).unwrap();
        assert_eq!(csv.lines().count(), 4);
        assert!(csv.contains("Zebra Infants,100006,In progress"), "{csv}");
        // Another authority's overview knows none of them.
        let other = create_authority(&t.db, "Elsewhere").await.unwrap();
        let empty = overview::overview(&t.db, &w.catalog, other.id, today)
            .await
            .unwrap();
        assert!(empty.schools.is_empty());
    }
);
