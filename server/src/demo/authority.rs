//! The demo authority's other schools, one or two at every status the award
//! team works with, and the Assessment Board's calendar — so that a new user
//! sees what each page is for. Dates are set from today (in England), so the
//! statuses hold whenever the demo starts. Two schools that have not
//! registered yet have a coordinator each, for trying (and testing) the whole
//! way from registration to award and renewal.

use chrono::{Days, Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::award::renewal_due;
use app::db::entities::{board_meeting, feedback_note, membership, portfolio, school, submission};
use app::model::{CoverSheet, PortfolioStatus, ResponseStatus, SchoolRole};
use app::rubric::{Framework, StandardMet};
use app::services::accounts::{self, NewAccount};
use app::services::portfolios::{self, ResponseText};
use app::services::{ServiceError, ServiceResult, schools};
use app::state::AppState;

use super::DemoAccount;

/// How far a demo school has got.
#[derive(Clone, Copy)]
enum Stage {
    /// No portfolio at all.
    Nothing,
    /// A portfolio, start date not registered.
    Unregistered,
    /// Registered; start `months` from today (negative: ago); `done` criteria complete.
    Writing { start_months: i32, done: usize },
    /// Submitted for the next meeting.
    WaitingForBoard,
    /// "Not yet" at the last meeting.
    Returned,
    /// Awarded at `level` this many months ago.
    Awarded {
        level: &'static str,
        months_ago: u32,
    },
}

struct DemoSchool {
    name: &'static str,
    urn: &'static str,
    phase: &'static str,
    kind: &'static str,
    stage: Stage,
    /// (role name, e-mail) of a coordinator who can sign in.
    coordinator: Option<(&'static str, &'static str)>,
}

/// The URN of the first of them: seeding stops if it is there.
pub const FIRST_URN: &str = "999101";

const SCHOOLS: [DemoSchool; 11] = [
    DemoSchool {
        name: "Ashby Primary School (demo)",
        urn: FIRST_URN,
        phase: "Primary",
        kind: "Community",
        stage: Stage::Unregistered,
        coordinator: Some((
            "Ashby coordinator",
            "coordinator@ashby.demo.caring-schools.test",
        )),
    },
    DemoSchool {
        name: "Brigg Junior School (demo)",
        urn: "999102",
        phase: "Primary",
        kind: "Academy",
        stage: Stage::Unregistered,
        coordinator: Some((
            "Brigg coordinator",
            "coordinator@brigg.demo.caring-schools.test",
        )),
    },
    DemoSchool {
        name: "Caistor Church of England Primary (demo)",
        urn: "999103",
        phase: "Primary",
        kind: "Voluntary aided",
        stage: Stage::Nothing,
        coordinator: None,
    },
    DemoSchool {
        name: "Deeping St James Academy (demo)",
        urn: "999104",
        phase: "Secondary",
        kind: "Academy",
        stage: Stage::Writing {
            start_months: 1,
            done: 0,
        },
        coordinator: None,
    },
    DemoSchool {
        name: "Epworth Primary School (demo)",
        urn: "999105",
        phase: "Primary",
        kind: "Community",
        stage: Stage::Writing {
            start_months: -5,
            done: 18,
        },
        coordinator: None,
    },
    DemoSchool {
        name: "Gainsborough Hill School (demo)",
        urn: "999106",
        phase: "Special",
        kind: "Community special",
        stage: Stage::Writing {
            start_months: -10,
            done: 5,
        },
        coordinator: None,
    },
    DemoSchool {
        name: "Holbeach Secondary School (demo)",
        urn: "999107",
        phase: "Secondary",
        kind: "Academy",
        stage: Stage::WaitingForBoard,
        coordinator: None,
    },
    DemoSchool {
        name: "Immingham Primary School (demo)",
        urn: "999108",
        phase: "Primary",
        kind: "Foundation",
        stage: Stage::Returned,
        coordinator: None,
    },
    DemoSchool {
        name: "Kirton Infant School (demo)",
        urn: "999109",
        phase: "Primary",
        kind: "Community",
        stage: Stage::Awarded {
            level: "silver",
            months_ago: 9,
        },
        coordinator: None,
    },
    DemoSchool {
        name: "Louth Academy (demo)",
        urn: "999110",
        phase: "Secondary",
        kind: "Academy",
        stage: Stage::Awarded {
            level: "bronze",
            months_ago: 32,
        },
        coordinator: None,
    },
    DemoSchool {
        name: "Market Rasen Primary School (demo)",
        urn: "999111",
        phase: "Primary",
        kind: "Academy",
        stage: Stage::Awarded {
            level: "gold",
            months_ago: 38,
        },
        coordinator: None,
    },
];

fn months(today: NaiveDate, n: i32) -> NaiveDate {
    if n >= 0 {
        today.checked_add_months(Months::new(n as u32))
    } else {
        today.checked_sub_months(Months::new(n.unsigned_abs()))
    }
    .unwrap_or(today)
}

/// The board's calendar: two meetings past, three to come (the next one soon).
fn calendar(today: NaiveDate) -> [(NaiveDate, &'static str); 5] {
    let soon = today.checked_add_days(Days::new(21)).unwrap_or(today);
    [
        (months(today, -8), "County Offices, Lincoln"),
        (months(today, -4), "County Offices, Lincoln"),
        (soon, "County Offices, Lincoln"),
        (months(soon, 4), "Online"),
        (months(soon, 8), "County Offices, Lincoln"),
    ]
}

/// Seeds the demo authority's other schools and the board's meetings, once;
/// returns the coordinators who can sign in (with fresh passwords).
pub async fn seed(
    state: &AppState,
    authority_id: i32,
    fixed_password: Option<&str>,
) -> ServiceResult<Vec<DemoAccount>> {
    let db = &state.db;
    let framework = state
        .frameworks
        .get("caring2learn")
        .ok_or_else(|| ServiceError::Internal("the caring2learn framework is not loaded".into()))?;
    let today = app::calendar::today();
    let seeded = school::Entity::find()
        .filter(school::Column::Urn.eq(FIRST_URN))
        .one(db)
        .await?
        .is_some();
    if !seeded {
        let mut meetings = Vec::new();
        for (on, place) in calendar(today) {
            meetings.push(
                board_meeting::ActiveModel {
                    authority_id: Set(authority_id),
                    meets_on: Set(on),
                    place: Set(place.into()),
                    notes: Set(String::new()),
                    created_by: Set(None),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?,
            );
        }
        let last = meetings[1].clone();
        let next = meetings[2].clone();
        for s in &SCHOOLS {
            let row = schools::create_school(
                db,
                schools::NewSchool {
                    authority_id,
                    name: s.name,
                    urn: s.urn,
                    phase: s.phase,
                    school_type: s.kind,
                },
            )
            .await?;
            seed_school(state, &framework, row.id, s, today, &last, &next).await?;
        }
    }

    let mut out = Vec::new();
    for s in &SCHOOLS {
        let Some((role, email)) = s.coordinator else {
            continue;
        };
        let password = fixed_password
            .map(str::to_string)
            .unwrap_or_else(|| app::security::tokens::new_token()[..16].to_string());
        let hash = accounts::hash_password(password.clone()).await?;
        let user = match accounts::find_by_email(db, email).await? {
            Some(u) => {
                let mut u: app::db::entities::user::ActiveModel = u.into();
                u.password_hash = Set(hash);
                u.update(db).await?
            }
            None => {
                let name = role.replace(" coordinator", " Coordinator");
                let account = NewAccount::check(&name, email, &password, &password)?;
                accounts::create_user(db, &account, false, None).await?
            }
        };
        let Some(school) = school::Entity::find()
            .filter(school::Column::Urn.eq(s.urn))
            .one(db)
            .await?
        else {
            continue;
        };
        let member = membership::Entity::find()
            .filter(membership::Column::UserId.eq(user.id))
            .filter(membership::Column::SchoolId.eq(school.id))
            .one(db)
            .await?;
        if member.is_none() {
            membership::ActiveModel {
                user_id: Set(user.id),
                school_id: Set(school.id),
                role: Set(SchoolRole::Coordinator.as_str().into()),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        out.push(DemoAccount {
            role: if email.contains("ashby") {
                "coordinator (Ashby)"
            } else {
                "coordinator (Brigg)"
            },
            name: "Coordinator",
            email,
            password,
        });
    }
    Ok(out)
}

/// Records a registration on `on` (the demo school's start is set apart).
pub async fn register(
    db: &impl sea_orm::ConnectionTrait,
    portfolio_id: i32,
    on: NaiveDate,
) -> ServiceResult<()> {
    portfolio::Entity::update_many()
        .col_expr(portfolio::Column::RegisteredOn, Expr::value(Some(on)))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Writes the first `done` criteria as a school would (briefly), each at `level`.
async fn write(
    db: &impl sea_orm::ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
    done: usize,
    level: &str,
) -> ServiceResult<()> {
    let ids: Vec<String> = framework.criteria().map(|(_, c)| c.id.clone()).collect();
    for id in ids.iter().take(done) {
        let text = ResponseText {
            practice: format!(
                "- What we do for criterion {id} is set out in our looked-after children policy\n- Reviewed each term by the Designated Teacher and the governor for children we care for"
            ),
            impact: "Attendance and PEP targets for children we care for are tracked each half term; the trend is up.".into(),
            next_steps: "Share what works with the local cluster of schools.".into(),
            standard: StandardMet::from_key(framework, level),
            status: ResponseStatus::Reviewed,
            owner: None,
        };
        portfolios::write_response(db, portfolio_id, id, text, None, Utc::now()).await?;
    }
    Ok(())
}

async fn seed_school(
    state: &AppState,
    framework: &Framework,
    school_id: i32,
    s: &DemoSchool,
    today: NaiveDate,
    last: &board_meeting::Model,
    next: &board_meeting::Model,
) -> ServiceResult<()> {
    let db = &state.db;
    let setting = s.name.trim_end_matches(" (demo)").to_string();
    let start = match s.stage {
        Stage::Nothing => return Ok(()),
        Stage::Unregistered => None,
        Stage::Writing { start_months, .. } => Some(months(today, start_months)),
        Stage::WaitingForBoard | Stage::Returned => Some(months(today, -11)),
        Stage::Awarded { months_ago, .. } => Some(months(today, -(months_ago as i32) - 11)),
    };
    let cover = CoverSheet {
        setting_name: setting,
        head_teacher: "Head teacher (demo)".into(),
        designated_teacher: "Designated Teacher (demo)".into(),
        governor_lac: "Governor (demo)".into(),
        start_date: start,
        ..Default::default()
    };
    let p = portfolios::create(db, school_id, framework, cover, Utc::now()).await?;
    if let Some(start) = start {
        register(
            db,
            p.id,
            start.checked_sub_days(Days::new(7)).unwrap_or(start),
        )
        .await?;
    }
    let round = |meeting: &board_meeting::Model, on: NaiveDate| {
        app::services::award::rounds::new_round(p.id, 1, on, None, Some(meeting.id))
    };
    let set_status = |status: PortfolioStatus, submitted: NaiveDate| {
        portfolio::Entity::update_many()
            .col_expr(portfolio::Column::Status, Expr::value(status.as_str()))
            .col_expr(
                portfolio::Column::SubmissionDate,
                Expr::value(Some(submitted)),
            )
            .filter(portfolio::Column::Id.eq(p.id))
    };
    match s.stage {
        Stage::Nothing | Stage::Unregistered => {}
        Stage::Writing { done, .. } => write(db, framework, p.id, done, "bronze").await?,
        Stage::WaitingForBoard => {
            write(db, framework, p.id, 30, "silver").await?;
            let submitted = today.checked_sub_days(Days::new(10)).unwrap_or(today);
            set_status(PortfolioStatus::Submitted, submitted)
                .exec(db)
                .await?;
            let r = round(next, submitted).insert(db).await?;
            note(db, r.id, "domain:1", "Leadership is strong: the policy names everyone's part and governors check it each term.").await?;
        }
        Stage::Returned => {
            write(db, framework, p.id, 30, "bronze").await?;
            let submitted = months(last.meets_on, -1);
            set_status(PortfolioStatus::NotYetAwarded, submitted)
                .exec(db)
                .await?;
            let mut r: submission::ActiveModel = round(last, submitted).insert(db).await?.into();
            r.outcome = Set(Some("not_yet".into()));
            r.reasons = Set("The practice described is sound, but the portfolio does not yet show its impact on children: add the figures and what carers and pupils say, then submit it again.".into());
            r.decided_on = Set(Some(last.meets_on));
            r.decided_at = Set(Some(Utc::now()));
            let r = r.update(db).await?;
            note(db, r.id, "domain:3", "Carers' voices are missing. Run the carers' survey and link its results to 3.1 to 3.5.").await?;
            note(
                db,
                r.id,
                "criterion:3.2",
                "Say how often carers hear good news, and how you know it helps.",
            )
            .await?;
        }
        Stage::Awarded { level, months_ago } => {
            write(db, framework, p.id, 30, level).await?;
            let awarded = months(today, -(months_ago as i32));
            let submitted = months(awarded, -1);
            let terms = framework.award.as_ref().ok_or(ServiceError::NotFound)?;
            portfolio::Entity::update_many()
                .col_expr(
                    portfolio::Column::Status,
                    Expr::value(PortfolioStatus::Awarded.as_str()),
                )
                .col_expr(
                    portfolio::Column::SubmissionDate,
                    Expr::value(Some(submitted)),
                )
                .col_expr(portfolio::Column::AwardLevel, Expr::value(Some(level)))
                .col_expr(portfolio::Column::AwardDate, Expr::value(Some(awarded)))
                .col_expr(
                    portfolio::Column::RenewalDueDate,
                    Expr::value(renewal_due(terms, awarded)),
                )
                .filter(portfolio::Column::Id.eq(p.id))
                .exec(db)
                .await?;
            // The meeting that decided it (older than the calendar: made for it).
            let meeting = board_meeting::ActiveModel {
                authority_id: Set(last.authority_id),
                meets_on: Set(awarded),
                place: Set("County Offices, Lincoln".into()),
                notes: Set(String::new()),
                created_by: Set(None),
                created_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            let mut r: submission::ActiveModel =
                round(&meeting, submitted).insert(db).await?.into();
            r.outcome = Set(Some("awarded".into()));
            r.award_level = Set(Some(level.into()));
            r.reasons = Set("A well-evidenced portfolio: the school shows what it does and what difference it makes.".into());
            r.decided_on = Set(Some(awarded));
            r.decided_at = Set(Some(Utc::now()));
            r.update(db).await?;
        }
    }
    Ok(())
}

async fn note(
    db: &impl sea_orm::ConnectionTrait,
    submission_id: i32,
    place: &str,
    body: &str,
) -> ServiceResult<()> {
    feedback_note::ActiveModel {
        submission_id: Set(submission_id),
        place: Set(place.into()),
        body: Set(body.into()),
        updated_by: Set(None),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
