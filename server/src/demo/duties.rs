//! The demo school's Designated Teacher's work: a term of PEP meetings under
//! made-up references (finalised on time and late, due this week, overdue,
//! still to come with duties to do), two INSET days, and the DT self-audit
//! half done with its action plan. Dates are counted in school days from the
//! day the demo is made, so every status shows.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use app::calendar::{DateParts, school_year_of};
use app::db::entities::pep_meeting;
use app::model::SchoolInfo;
use app::services::school_calendar::{self, ClosureInput};
use app::services::{ServiceError, ServiceResult};
use app::state::AppState;

/// (reference, looked after, year group, placing authority, meeting in school
/// days from today (negative: past), ePEP finalised so many school days after
/// the meeting, duties done)
type Demo = (&'static str, bool, i32, &'static str, i32, Option<u32>, u8);

const PEPS: [Demo; 8] = [
    ("PEP-01", true, 3, "Lincolnshire", -30, Some(3), 5),
    ("PEP-02", true, 5, "Nottinghamshire", -25, Some(5), 5),
    ("PEP-03", false, 6, "Lincolnshire", -20, Some(8), 4),
    ("PEP-04", true, 1, "Norfolk", -15, Some(2), 5),
    ("PEP-05", true, 4, "Lincolnshire", -9, None, 3),
    // Due on the first school day from today (see below).
    ("PEP-06", false, 2, "Lincolnshire", -5, None, 5),
    ("PEP-07", true, 5, "Lincolnshire", -1, None, 4),
    ("PEP-08", true, 0, "Rutland", 4, None, 2),
];

pub async fn seed(state: &AppState, school: &SchoolInfo, by: i32) -> ServiceResult<()> {
    let db = &state.db;
    let today = app::calendar::today();
    let before = school_calendar::of_school(db, &state.calendars, school).await?;
    // INSET days: the first days of the school year's spring and summer
    // terms, where the term dates know them.
    if let Some(terms) = before.terms_of(school_year_of(today)) {
        for term in [terms.get(2), terms.get(4)].into_iter().flatten() {
            school_calendar::add_closure(
                db,
                &state.calendars,
                school,
                ClosureInput {
                    first: DateParts::of(term.first),
                    last: DateParts::default(),
                    reason: "INSET day".into(),
                },
                by,
                Utc::now(),
            )
            .await?;
        }
    }
    let calendar = school_calendar::of_school(db, &state.calendars, school).await?;
    let missing = || ServiceError::Internal("the demo calendar has no school days".into());
    // The first school day from today: PEP-06's ePEP is due on it.
    let due_day = if calendar.is_school_day(today) {
        Some(today)
    } else {
        calendar.school_day_after(today, 1)
    };
    for (reference, looked_after, year, placing, offset, finalised_after, done) in PEPS {
        let meeting = if reference == "PEP-06" {
            due_day.and_then(|d| calendar.school_day_before(d, app::pep::FINALISE_WITHIN))
        } else if offset < 0 {
            calendar.school_day_before(today, offset.unsigned_abs())
        } else {
            calendar.school_day_after(today, offset as u32)
        }
        .ok_or_else(missing)?;
        let finalised = match finalised_after {
            Some(n) => Some(calendar.school_day_after(meeting, n).ok_or_else(missing)?),
            None => None,
        };
        // Duties were done in the days before the meeting.
        let duty = |i: u8| -> Option<NaiveDate> {
            (i < done).then(|| {
                calendar
                    .school_day_before(meeting, 5 - u32::from(i))
                    .unwrap_or(meeting)
            })
        };
        pep_meeting::ActiveModel {
            school_id: Set(school.id),
            pupil_ref: Set(reference.into()),
            care_status: Set(if looked_after {
                "looked_after"
            } else {
                "previously_looked_after"
            }
            .into()),
            year_group: Set(year),
            placing_authority: Set(placing.into()),
            meeting_date: Set(meeting),
            chaired_by: Set("Designated Teacher".into()),
            pupil_views_on: Set(duty(0)),
            sdq_on: Set(duty(1)),
            epep_updated_on: Set(duty(2)),
            ppp_costed_on: Set(duty(3)),
            ppp_amount_pence: Set(duty(3).map(|_| 85_000)),
            smart_outcomes_on: Set(duty(4)),
            finalised_on: Set(finalised),
            created_by: Set(None),
            created_at: Set(Utc::now()),
            updated_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    self_audit(state, school.id, by, today).await
}

/// Where the demo school stands on each expectation (the rest unanswered).
const AUDIT: [(&str, &str, &str); 10] = [
    (
        "1.1",
        "in_place",
        "The DT is on the senior leadership team and completed the Virtual School's DT training in 2025.",
    ),
    (
        "1.2",
        "partly",
        "Attachment and trauma training for teaching staff; not yet for lunchtime staff.",
    ),
    (
        "1.3",
        "in_place",
        "Transition plans for every move of class or school, agreed with carers.",
    ),
    (
        "1.4",
        "in_place",
        "The DT is the named contact for social workers and the Virtual School.",
    ),
    (
        "1.5",
        "partly",
        "Governors hear about children we care for each term; no annual evaluative report yet.",
    ),
    (
        "2.1",
        "in_place",
        "Our values and behaviour policy were rewritten with pupils in 2025.",
    ),
    (
        "2.2",
        "partly",
        "Relational approaches in most classes; restorative conversations not yet everywhere.",
    ),
    (
        "2.3",
        "in_place",
        "Targets for care-experienced pupils are set as high as for their peers.",
    ),
    (
        "3.1",
        "not_yet",
        "PEP meetings are sometimes scheduled by social workers rather than the DT.",
    ),
    (
        "3.2",
        "partly",
        "Pupil views are captured for most PEPs; SDQs are sometimes late.",
    ),
];

/// (expectation, what, due in school days from today, done)
const ACTIONS: [(&str, &str, i32, bool); 5] = [
    (
        "1.2",
        "Attachment and trauma training for lunchtime staff",
        20,
        false,
    ),
    (
        "1.5",
        "Write the annual evaluative report to governors with the head teacher",
        35,
        false,
    ),
    (
        "3.1",
        "Agree a termly PEP schedule with the Virtual School",
        -5,
        false,
    ),
    (
        "3.2",
        "Remind class teachers of SDQs three weeks before each PEP",
        -10,
        true,
    ),
    (
        "2.2",
        "Restorative conversations training at the spring INSET day",
        30,
        false,
    ),
];

async fn self_audit(
    state: &AppState,
    school_id: i32,
    by: i32,
    today: NaiveDate,
) -> ServiceResult<()> {
    use app::model::ResponseStatus;
    use app::rubric::StandardMet;
    use app::services::actions::{self, ActionInput};
    use app::services::portfolios::{self, ResponseText};

    let db = &state.db;
    let portfolio_id = actions::start_audit(db, &state.frameworks, school_id, Utc::now()).await?;
    let framework = state
        .frameworks
        .get(app::services::virtual_school::DT_AUDIT)
        .ok_or_else(|| ServiceError::Internal("the DT framework is not loaded".into()))?;
    for (criterion, level, practice) in AUDIT {
        let text = ResponseText {
            practice: practice.into(),
            impact: String::new(),
            next_steps: String::new(),
            standard: StandardMet::from_key(&framework, level),
            status: ResponseStatus::Drafting,
            owner: None,
        };
        portfolios::write_response(db, portfolio_id, criterion, text, Some(by), Utc::now()).await?;
    }
    let located = app::services::access::locate(db, portfolio_id).await?;
    let school = app::services::schools::info(db, school_id).await?;
    let calendar = school_calendar::of_school(db, &state.calendars, &school).await?;
    for (criterion, what, due_in, done) in ACTIONS {
        let due = if due_in < 0 {
            calendar.school_day_before(today, due_in.unsigned_abs())
        } else {
            calendar.school_day_after(today, due_in as u32)
        };
        let id = actions::add(
            db,
            &state.frameworks,
            &located,
            ActionInput {
                criterion_id: criterion.into(),
                what: what.into(),
                owner: by.to_string(),
                due: due.map(DateParts::of).unwrap_or_default(),
            },
            by,
            Utc::now(),
        )
        .await?;
        if done {
            actions::set_done(db, portfolio_id, id, true, today).await?;
        }
    }
    Ok(())
}
