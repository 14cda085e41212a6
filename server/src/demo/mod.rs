//! Demo data so the first start shows a real portfolio: a school in a demo
//! authority, its coordinator, an editor, a governor, an assessor, an admin,
//! and a Caring2Learn portfolio about a third written (start date registered).
//! `authority` adds the authority's other schools, at every status, and the
//! Assessment Board's calendar.

pub mod authority;
mod duties;

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use app::db::entities::{membership, school, user};
use app::model::{CoverSheet, ResponseStatus, SchoolRole};
use app::rubric::StandardMet;
use app::security::tokens;
use app::services::accounts::{self, NewAccount};
use app::services::portfolios::{self, ResponseText};
use app::services::{ServiceError, ServiceResult, schools};
use app::state::AppState;

pub const DEMO_URN: &str = "999001";

pub struct DemoAccount {
    pub role: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub password: String,
}

enum Kind {
    Admin,
    Assessor,
    School(SchoolRole),
}

const PEOPLE: [(&str, &str, &str, Kind); 5] = [
    (
        "coordinator",
        "Dana Taylor",
        "coordinator@demo.caring-schools.test",
        Kind::School(SchoolRole::Coordinator),
    ),
    (
        "editor",
        "Sam Patel",
        "editor@demo.caring-schools.test",
        Kind::School(SchoolRole::Editor),
    ),
    (
        "governor",
        "Gill Owen",
        "governor@demo.caring-schools.test",
        Kind::School(SchoolRole::Governor),
    ),
    (
        "assessor",
        "Alex Reid",
        "assessor@demo.caring-schools.test",
        Kind::Assessor,
    ),
    (
        "admin",
        "Pat Morgan",
        "admin@demo.caring-schools.test",
        Kind::Admin,
    ),
];

/// Seeds once; on every start gives the demo accounts fresh passwords (or
/// `fixed_password`, for tests) and returns them to print.
pub async fn seed(
    state: &AppState,
    fixed_password: Option<&str>,
) -> ServiceResult<Vec<DemoAccount>> {
    let db = &state.db;
    let school = match school::Entity::find()
        .filter(school::Column::Urn.eq(DEMO_URN))
        .one(db)
        .await?
    {
        Some(s) => (s, false),
        None => (create_school(state).await?, true),
    };
    let (school, fresh) = school;

    let mut out = Vec::new();
    let mut coordinator = None;
    for (role, name, email, kind) in PEOPLE {
        let password = fixed_password
            .map(str::to_string)
            .unwrap_or_else(|| tokens::new_token()[..16].to_string());
        let hash = accounts::hash_password(password.clone()).await?;
        let existing = accounts::find_by_email(db, email).await?;
        let user = match existing {
            Some(u) => {
                let mut u: user::ActiveModel = u.into();
                u.password_hash = Set(hash);
                u.update(db).await?
            }
            None => {
                let account = NewAccount::check(name, email, &password, &password)?;
                let (is_admin, assessor_of) = match kind {
                    Kind::Admin => (true, None),
                    Kind::Assessor => (false, Some(school.authority_id)),
                    Kind::School(_) => (false, None),
                };
                accounts::create_user(db, &account, is_admin, assessor_of).await?
            }
        };
        if let Kind::School(SchoolRole::Coordinator) = kind {
            coordinator = Some(user.id);
        }
        if let Kind::School(r) = kind {
            let member = membership::Entity::find()
                .filter(membership::Column::UserId.eq(user.id))
                .filter(membership::Column::SchoolId.eq(school.id))
                .one(db)
                .await?;
            if member.is_none() {
                membership::ActiveModel {
                    user_id: Set(user.id),
                    school_id: Set(school.id),
                    role: Set(r.as_str().into()),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
        out.push(DemoAccount {
            role,
            name,
            email,
            password,
        });
    }
    if fresh && let Some(by) = coordinator {
        duties::seed(state, &schools::info(db, school.id).await?, by).await?;
    }
    Ok(out)
}

async fn create_school(state: &AppState) -> ServiceResult<school::Model> {
    let db = &state.db;
    let authority = schools::create_authority(db, "Lincolnshire (demo)").await?;
    let school = schools::create_school(
        db,
        schools::NewSchool {
            authority_id: authority.id,
            name: "Fenland Primary School (demo)",
            urn: DEMO_URN,
            phase: "Primary",
            school_type: "Academy",
        },
    )
    .await?;
    let framework = state
        .frameworks
        .get("caring2learn")
        .ok_or_else(|| ServiceError::Internal("the caring2learn framework is not loaded".into()))?;
    let cover = CoverSheet {
        setting_name: "Fenland Primary School".into(),
        head_teacher: "Chris Morgan".into(),
        designated_teacher: "Dana Taylor".into(),
        governor_lac: "Gill Owen".into(),
        start_date: NaiveDate::from_ymd_opt(2026, 1, 12),
        ..Default::default()
    };
    let portfolio = portfolios::create(db, school.id, &framework, cover, Utc::now()).await?;
    authority::register(
        db,
        portfolio.id,
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default(),
    )
    .await?;
    for (criterion, practice, impact, next_steps, level, status) in WRITTEN {
        let text = ResponseText {
            practice: practice.into(),
            impact: impact.into(),
            next_steps: next_steps.into(),
            standard: level
                .map(|l| StandardMet::from_key(&framework, l).unwrap_or(StandardMet::NotYet)),
            status,
            owner: None,
        };
        portfolios::write_response(db, portfolio.id, criterion, text, None, Utc::now()).await?;
    }
    Ok(school)
}

type Written = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    ResponseStatus,
);

/// About a third of the toolkit, written as a school would. No child is named.
const WRITTEN: [Written; 11] = [
    (
        "1.1",
        "- Our values (belong, believe, achieve) were rewritten with pupils, carers and staff in 2025\n- **Looked-after children policy** reviewed each September; it names the DT, the Virtual School contact and the support on offer\n- Values assemblies every half term",
        "Pupil voice survey (June): 92% of pupils could name our three values. Carers' survey: \"the school really lives what it says\".",
        "Add the values to the induction pack for supply staff.",
        Some("silver"),
        ResponseStatus::ReadyForReview,
    ),
    (
        "1.2",
        "- Every looked-after pupil has an aspirational target agreed at the PEP\n- Achievement assemblies celebrate effort as well as attainment",
        "Looked-after pupils made above-expected progress in reading in 2024–25 (case study CS-03).",
        "Include looked-after pupils in the more-able programme review.",
        Some("bronze"),
        ResponseStatus::Drafting,
    ),
    (
        "1.3",
        "- Head and deputy on the gate every morning\n- Named Designated Teacher (deputy head, SLT) and Wellbeing Lead",
        "Carers tell us they can raise worries the same day.",
        "",
        Some("silver"),
        ResponseStatus::Drafting,
    ),
    (
        "1.4",
        "- Class teachers and TAs complete a one-page profile before every PEP meeting",
        "PEP targets now reflect classroom observations (PEP audit, March).",
        "Invite TAs to PEP meetings where the pupil wishes it.",
        Some("bronze"),
        ResponseStatus::ReadyForReview,
    ),
    (
        "1.6",
        "- Calm room and two reflection corners\n- Displays of pupils' work in every corridor",
        "",
        "",
        None,
        ResponseStatus::Drafting,
    ),
    (
        "1.7",
        "- Behaviour policy rewritten on restorative lines (2024)\n- All staff trained in restorative conversations",
        "Fixed-term suspensions down from 9 to 3 over two years; below the county average.",
        "Train play leaders in restorative language.",
        Some("silver"),
        ResponseStatus::Reviewed,
    ),
    (
        "1.8",
        "- Whole-staff attachment and trauma training (Sept 2025)\n- Trained Mental Health First Aider\n- Staff wellbeing survey each term",
        "Staff confidence in supporting pupils with trauma rose from 41% to 86% (survey).",
        "Write a staff wellbeing strategy with governors.",
        Some("silver"),
        ResponseStatus::ReadyForReview,
    ),
    (
        "1.9",
        "- Named governor for looked-after and previously looked-after children\n- Governors receive the DT's annual report",
        "",
        "Governors to visit the nurture group this year.",
        Some("bronze"),
        ResponseStatus::Drafting,
    ),
    (
        "2.1",
        "- School council with a looked-after representative\n- Pupil views recorded on every PEP",
        "Pupils chose the new lunchtime clubs; attendance at clubs doubled.",
        "Pupil voice survey twice a year.",
        Some("silver"),
        ResponseStatus::ReadyForReview,
    ),
    (
        "2.5",
        "- Daily check-ins with a key adult for vulnerable pupils\n- SDQ completed before each PEP",
        "Case study CS-01: a pupil's SDQ total difficulties score fell from 21 to 12 over a year.",
        "Start a Lego-based therapy group.",
        Some("gold"),
        ResponseStatus::Drafting,
    ),
    (
        "3.1",
        "- New carers get a welcome call from the DT within a week\n- Carers choose how they hear from us: phone, text or email",
        "",
        "",
        Some("not_yet"),
        ResponseStatus::Drafting,
    ),
];

/// Title, kind, description, link, text of a file, criteria.
type DemoItem = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

/// The demo authority's other schools and its board's calendar (once), and
/// their coordinators' accounts (fresh passwords at every start).
pub async fn seed_authority(
    state: &AppState,
    fixed_password: Option<&str>,
) -> ServiceResult<Vec<DemoAccount>> {
    let Some(school) = school::Entity::find()
        .filter(school::Column::Urn.eq(DEMO_URN))
        .one(&state.db)
        .await?
    else {
        return Ok(Vec::new());
    };
    authority::seed(state, school.authority_id, fixed_password).await
}

/// A few evidence items for the demo portfolio (once): a policy link and two
/// anonymised text files, linked to the criteria they show. No child is named.
pub async fn seed_evidence(state: &AppState) -> ServiceResult<()> {
    use app::services::evidence::{self, NewEvidence, Saved, UploadedFile};
    let db = &state.db;
    let Some(school) = school::Entity::find()
        .filter(school::Column::Urn.eq(DEMO_URN))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let portfolio = app::db::entities::portfolio::Entity::find()
        .filter(app::db::entities::portfolio::Column::SchoolId.eq(school.id))
        .filter(app::db::entities::portfolio::Column::FrameworkId.eq("caring2learn"))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let framework = state
        .frameworks
        .get(&portfolio.framework_id)
        .ok_or(ServiceError::NotFound)?;
    if !evidence::list(db, &framework, portfolio.id)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let Some(coordinator) =
        accounts::find_by_email(db, "coordinator@demo.caring-schools.test").await?
    else {
        return Ok(());
    };
    let items: [DemoItem; 3] = [
        (
            "Looked-after children policy (school website)",
            "policy",
            "Reviewed every September with the Virtual School. Names the Designated Teacher and the support on offer.",
            Some("https://www.example.org/policies/looked-after-children"),
            None,
            &["1.1", "1.2"],
        ),
        (
            "Governors' termly review of provision for children we care for (anonymised minutes)",
            "anonymised_record",
            "Minutes of the spring review: attendance, PEP quality and training, with children referred to by letter only.",
            None,
            Some(
                "Governors' review, spring term (anonymised)\n\nPresent: head teacher, Designated Teacher, governor for looked-after children.\n\n1. Attendance of children we care for: 96.1% (whole school 95.4%).\n2. All PEPs reviewed on time; two targets carried forward.\n3. Attachment-aware training: 38 of 41 staff completed.\n",
            ),
            &["1.5", "4.1"],
        ),
        (
            "What carers told us (quotes, 2026)",
            "voice",
            "Three quotes from the carers' questionnaire, shared with permission.",
            None,
            Some(
                "\"The school rang me the same day to tell me something good.\"\n\"I always know who to talk to.\"\n\"They asked what helps at home before the PEP.\"\n",
            ),
            &["3.2", "3.4"],
        ),
    ];
    for (title, kind, description, link, text, criteria) in items {
        let input = NewEvidence {
            title: title.into(),
            kind: kind.into(),
            description: description.into(),
            link: link.unwrap_or_default().into(),
            criteria: criteria.iter().map(|c| c.to_string()).collect(),
            confirm_anonymised: true,
            confirm_photo: false,
            override_identifiers: false,
            file: text.map(|t| UploadedFile {
                name: format!("{}.txt", title.chars().take(40).collect::<String>()),
                bytes: t.as_bytes().to_vec(),
            }),
        };
        match evidence::create(
            db,
            &framework,
            school.id,
            portfolio.id,
            coordinator.id,
            input,
            Utc::now(),
        )
        .await?
        {
            Saved::Item(_) => {}
            Saved::NeedsDecision(findings) => {
                return Err(ServiceError::Internal(format!(
                    "demo evidence has identifiers: {findings:?}"
                )));
            }
        }
    }
    Ok(())
}

pub fn print_accounts(accounts: &[DemoAccount], address: std::net::SocketAddr) {
    println!();
    println!("Demo accounts (passwords change at every start with --demo):");
    for a in accounts {
        println!("  {:<12} {:<38} {}", a.role, a.email, a.password);
    }
    println!("Open http://{address} and sign in.");
    println!();
}
