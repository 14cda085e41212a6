//! Portfolios: starting one for a framework, reading where it stands.
//! (Writing criterion responses together is the collaboration engine's job.)

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait,
};

use super::{ServiceError, ServiceResult};
use crate::db::entities::{criterion_response, portfolio};
use crate::model::{CoverSheet, PortfolioCard, PortfolioStatus, ResponseStatus};
use crate::rubric::{
    Catalog, CriterionState, FieldKind, Framework, Progress, StandardMet, progress,
};

/// Starts a portfolio with an empty response for every criterion.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    school_id: i32,
    framework: &Framework,
    cover: CoverSheet,
    now: DateTime<Utc>,
) -> ServiceResult<portfolio::Model> {
    let txn = db.begin().await?;
    let row = portfolio::ActiveModel {
        school_id: Set(school_id),
        framework_id: Set(framework.id.clone()),
        framework_version: Set(framework.version.clone()),
        cycle: Set(1),
        status: Set(PortfolioStatus::InProgress.as_str().into()),
        setting_name: Set(cover.setting_name),
        head_teacher: Set(cover.head_teacher),
        designated_teacher: Set(cover.designated_teacher),
        governor_lac: Set(cover.governor_lac),
        start_date: Set(cover.start_date),
        target_date: Set(cover.target_date.or_else(|| {
            cover
                .start_date
                .and_then(|s| crate::award::target_date(framework.award.as_ref(), s))
        })),
        submission_date: Set(None),
        award_level: Set(None),
        award_date: Set(None),
        renewal_due_date: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        registered_on: Set(None),
        previous_portfolio_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (_, criterion) in framework.criteria() {
        criterion_response::ActiveModel {
            portfolio_id: Set(row.id),
            criterion_id: Set(criterion.id.clone()),
            practice: Set(String::new()),
            impact: Set(String::new()),
            next_steps: Set(String::new()),
            standard_met: Set(None),
            owner_user_id: Set(None),
            status: Set(ResponseStatus::NotStarted.as_str().into()),
            updated_at: Set(now),
            updated_by: Set(None),
            carried_over: Set(false),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(row)
}

/// What is written for one criterion.
#[derive(Clone, Debug, Default)]
pub struct ResponseText {
    pub practice: String,
    pub impact: String,
    pub next_steps: String,
    pub standard: Option<StandardMet>,
    pub status: ResponseStatus,
    pub owner: Option<i32>,
}

/// Replaces one criterion's response (used by seeding and imports).
pub async fn write_response(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion_id: &str,
    text: ResponseText,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let row = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .filter(criterion_response::Column::CriterionId.eq(criterion_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut row: criterion_response::ActiveModel = row.into();
    row.practice = Set(text.practice);
    row.impact = Set(text.impact);
    row.next_steps = Set(text.next_steps);
    row.standard_met = Set(text.standard.map(|s| s.as_key().to_string()));
    row.status = Set(text.status.as_str().into());
    row.owner_user_id = Set(text.owner);
    row.updated_at = Set(now);
    row.updated_by = Set(by);
    row.update(db).await?;
    Ok(())
}

fn state_of(framework: &Framework, row: &criterion_response::Model) -> CriterionState {
    CriterionState::from_parts(
        framework,
        &row.criterion_id,
        [
            (FieldKind::Practice, row.practice.as_str()),
            (FieldKind::Impact, row.impact.as_str()),
            (FieldKind::NextSteps, row.next_steps.as_str()),
        ],
        row.standard_met.as_deref(),
    )
}

pub async fn states(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
) -> ServiceResult<Vec<CriterionState>> {
    Ok(criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .all(db)
        .await?
        .iter()
        .map(|r| state_of(framework, r))
        .collect())
}

/// `None` when the portfolio's framework is no longer offered by this server.
pub async fn progress_of(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    row: &portfolio::Model,
) -> ServiceResult<Option<Progress>> {
    let Some(framework) = frameworks.get(&row.framework_id) else {
        return Ok(None);
    };
    let states = states(db, &framework, row.id).await?;
    Ok(Some(progress(&framework, &states)))
}

pub fn cover_of(row: &portfolio::Model) -> CoverSheet {
    CoverSheet {
        setting_name: row.setting_name.clone(),
        head_teacher: row.head_teacher.clone(),
        designated_teacher: row.designated_teacher.clone(),
        governor_lac: row.governor_lac.clone(),
        start_date: row.start_date,
        target_date: row.target_date,
        submission_date: row.submission_date,
        award_level: row.award_level.clone(),
        award_date: row.award_date,
        renewal_due_date: row.renewal_due_date,
    }
}

/// One criterion's response reduced to what completion needs.
#[derive(Debug, FromQueryResult)]
struct Written {
    portfolio_id: i32,
    criterion_id: String,
    standard_met: Option<String>,
    practice: bool,
    impact: bool,
    next_steps: bool,
}

/// SQL that is true when a text column holds more than spaces, tabs and
/// line breaks (what `str::trim` would leave empty, for these characters).
fn has_text(backend: DatabaseBackend, column: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => {
            format!("(btrim({column}, chr(32) || chr(9) || chr(10) || chr(13)) <> '')")
        }
        _ => format!("(trim({column}, char(32, 9, 10, 13)) <> '')"),
    }
}

/// Criteria complete, as a percentage, for each of these portfolios, in
/// one query however many there are (the texts themselves are not read).
pub async fn percents(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    latest: &[&portfolio::Model],
) -> ServiceResult<HashMap<i32, u32>> {
    if latest.is_empty() {
        return Ok(HashMap::new());
    }
    let backend = db.get_database_backend();
    let rows = criterion_response::Entity::find()
        .select_only()
        .column(criterion_response::Column::PortfolioId)
        .column(criterion_response::Column::CriterionId)
        .column(criterion_response::Column::StandardMet)
        .column_as(Expr::cust(has_text(backend, "practice")), "practice")
        .column_as(Expr::cust(has_text(backend, "impact")), "impact")
        .column_as(Expr::cust(has_text(backend, "next_steps")), "next_steps")
        .filter(criterion_response::Column::PortfolioId.is_in(latest.iter().map(|p| p.id)))
        .into_model::<Written>()
        .all(db)
        .await?;
    let mut by_portfolio: HashMap<i32, Vec<Written>> = HashMap::new();
    for row in rows {
        by_portfolio.entry(row.portfolio_id).or_default().push(row);
    }
    let mut out = HashMap::new();
    for p in latest {
        let Some(framework) = frameworks.get(&p.framework_id) else {
            continue;
        };
        let states: Vec<CriterionState> = by_portfolio
            .remove(&p.id)
            .unwrap_or_default()
            .into_iter()
            .map(|w| CriterionState {
                standard: w
                    .standard_met
                    .as_deref()
                    .and_then(|k| StandardMet::from_key(&framework, k)),
                written: [
                    (FieldKind::Practice, w.practice),
                    (FieldKind::Impact, w.impact),
                    (FieldKind::NextSteps, w.next_steps),
                ]
                .into_iter()
                .filter_map(|(k, has)| has.then_some(k))
                .collect(),
                criterion_id: w.criterion_id,
            })
            .collect();
        out.insert(p.id, progress(&framework, &states).percent());
    }
    Ok(out)
}

/// The school's portfolios, newest first, with where each stands for this
/// person on `today`.
pub async fn cards(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    school: crate::security::Target,
    who: Option<&crate::security::Principal>,
    today: NaiveDate,
) -> ServiceResult<Vec<PortfolioCard>> {
    use crate::security::Target;
    use crate::security::policy::Stage;
    let Target::School {
        school_id,
        authority_id,
    } = school
    else {
        return Err(ServiceError::NotFound);
    };
    let rows = portfolio::Entity::find()
        .filter(portfolio::Column::SchoolId.eq(school_id))
        .order_by_desc(portfolio::Column::Id)
        .all(db)
        .await?;
    let mut cards = Vec::with_capacity(rows.len());
    let mut newer: Vec<String> = Vec::new();
    for row in rows {
        let Some(framework) = frameworks.get(&row.framework_id) else {
            tracing::warn!(portfolio = row.id, framework = %row.framework_id, "framework not offered");
            continue;
        };
        let states = states(db, &framework, row.id).await?;
        let status = PortfolioStatus::parse(&row.status).unwrap_or(PortfolioStatus::InProgress);
        let target = Target::Portfolio {
            school_id,
            authority_id,
            stage: Stage::of(status),
        };
        // A renewal notice belongs to the latest cycle only.
        let latest = !newer.contains(&row.framework_id);
        newer.push(row.framework_id.clone());
        let renewal = match (&framework.award, row.award_date, row.renewal_due_date) {
            (Some(terms), Some(_), Some(due)) if latest => Some(crate::model::RenewalNotice {
                due,
                state: crate::award::renewal(terms, due, today),
            }),
            _ => None,
        };
        cards.push(PortfolioCard {
            days_left: row.target_date.map(|t| (t - today).num_days()),
            renewal,
            can_read: crate::security::decide(who, crate::security::Action::ReadNarratives, target)
                .is_ok(),
            id: row.id,
            framework_id: framework.id.clone(),
            is_award: framework.award.is_some(),
            framework_title: framework.title.clone(),
            cycle: row.cycle,
            status,
            cover: cover_of(&row),
            progress: progress(&framework, &states),
            level_labels: framework
                .levels
                .iter()
                .map(|l| (l.id.clone(), l.label.clone()))
                .collect(),
            not_met_label: framework.not_met_label.clone(),
        });
    }
    // The award's portfolios first, then self-audits.
    cards.sort_by_key(|c| !c.is_award);
    Ok(cards)
}

/// Everything the portfolio's pages show, for someone the caller has authorised.
pub async fn view(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    portfolio_id: i32,
    can: crate::model::Capabilities,
    today: NaiveDate,
) -> ServiceResult<crate::model::PortfolioView> {
    use crate::db::entities::{membership, user};
    use crate::model::{CriterionRow, PortfolioView};

    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let framework = frameworks
        .get(&row.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let school = super::schools::info(db, row.school_id).await?;
    let responses = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .all(db)
        .await?;
    let members = membership::Entity::find()
        .filter(membership::Column::SchoolId.eq(row.school_id))
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    let staff = super::members::staff_of(&members);
    let name_of = |id: Option<i32>| {
        id.and_then(|id| {
            members
                .iter()
                .find_map(|(_, u)| u.as_ref().filter(|u| u.id == id))
        })
        .map(|u| u.display_name.clone())
    };
    let states: Vec<CriterionState> = responses.iter().map(|r| state_of(&framework, r)).collect();
    let items = super::evidence::list(db, &framework, portfolio_id).await?;
    let evidence = crate::evidence::rules::per_domain(&framework, &items);
    // Whoever changed a criterion last: a member, or (a query) a former one.
    let mut names: HashMap<i32, String> = members
        .iter()
        .filter_map(|(_, u)| u.as_ref().map(|u| (u.id, u.display_name.clone())))
        .collect();
    let former: Vec<i32> = responses
        .iter()
        .filter_map(|r| r.updated_by)
        .filter(|id| !names.contains_key(id))
        .collect();
    names.extend(super::accounts::display_names(db, former).await?);
    let last_changes = super::review::last_changes_of(&responses, &names);
    let rows = framework
        .criteria()
        .map(|(_, c)| {
            let response = responses.iter().find(|r| r.criterion_id == c.id);
            let state = states.iter().find(|s| s.criterion_id == c.id);
            CriterionRow {
                id: c.id.clone(),
                statement: c.statement.clone(),
                status: response
                    .and_then(|r| ResponseStatus::parse(&r.status))
                    .unwrap_or_default(),
                standard: response.and_then(|r| r.standard_met.clone()),
                owner: name_of(response.and_then(|r| r.owner_user_id)),
                missing: crate::rubric::missing(&framework, state),
                evidence: items.iter().filter(|i| i.criteria.contains(&c.id)).count(),
                carried_over: response.is_some_and(|r| r.carried_over),
                last_change: last_changes.get(&c.id).cloned(),
            }
        })
        .collect();
    let status = PortfolioStatus::parse(&row.status).unwrap_or(PortfolioStatus::InProgress);
    let award = super::award::state(db, frameworks, &row, &framework, &can, today).await?;
    Ok(PortfolioView {
        id: row.id,
        school,
        progress: progress(&framework, &states),
        framework: (*framework).clone(),
        status,
        cover: cover_of(&row),
        rows,
        staff,
        can,
        evidence,
        locked: !crate::security::policy::Stage::of(status).open(),
        award,
    })
}

/// A criterion as stored (the columns the document keeps in step).
pub async fn criterion_content(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion_id: &str,
) -> ServiceResult<crate::collab::schema::CriterionContent> {
    let row = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .filter(criterion_response::Column::CriterionId.eq(criterion_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(crate::collab::schema::CriterionContent {
        practice: row.practice,
        impact: row.impact,
        next_steps: row.next_steps,
        standard: row.standard_met,
        status: ResponseStatus::parse(&row.status).unwrap_or_default(),
        owner: row.owner_user_id,
    })
}

/// The cover sheet's fields a school may change.
pub struct CoverInput<'a> {
    pub setting_name: &'a str,
    pub head_teacher: &'a str,
    pub designated_teacher: &'a str,
    pub governor_lac: &'a str,
}

/// Parses `YYYY-MM-DD` (the value of a date input) or nothing.
pub fn parse_date(value: &str) -> Result<Option<NaiveDate>, chrono::ParseError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map(Some)
}

pub async fn save_cover(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    input: CoverInput<'_>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let mut problems = super::Problems::default();
    let mut line = |field: &str, label: &str, value: &str| {
        let value = value.trim().to_string();
        if value.chars().count() > 120 {
            problems.add(field, format!("{label} must be 120 characters or fewer"));
        }
        value
    };
    use crate::glossary::cover;
    let setting_name = line("setting_name", cover::SETTING, input.setting_name);
    let head_teacher = line("head_teacher", cover::HEAD_TEACHER, input.head_teacher);
    let designated_teacher = line(
        "designated_teacher",
        cover::DESIGNATED_TEACHER,
        input.designated_teacher,
    );
    let governor_lac = line("governor_lac", cover::GOVERNOR, input.governor_lac);
    problems.check()?;
    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let stage = crate::security::policy::Stage::of(
        PortfolioStatus::parse(&row.status).unwrap_or(PortfolioStatus::InProgress),
    );
    if !stage.open() {
        return Err(ServiceError::Conflict(
            "This portfolio has been submitted, so it can no longer be changed.".into(),
        ));
    }
    let mut row: portfolio::ActiveModel = row.into();
    row.setting_name = Set(setting_name);
    row.head_teacher = Set(head_teacher);
    row.designated_teacher = Set(designated_teacher);
    row.governor_lac = Set(governor_lac);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// Who changed what in a criterion, newest first.
pub async fn history(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion_id: &str,
) -> ServiceResult<Vec<crate::model::AuditEntry>> {
    use crate::db::entities::{audit_event, user};
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::PortfolioId.eq(portfolio_id))
        .filter(audit_event::Column::CriterionId.eq(criterion_id))
        .order_by_desc(audit_event::Column::LastAt)
        .limit(200)
        .all(db)
        .await?;
    let mut entries = Vec::with_capacity(events.len());
    for event in events {
        let who = match event.user_id {
            Some(id) => user::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| u.display_name)
                .unwrap_or_else(|| crate::glossary::FORMER_MEMBER.into()),
            None => "Unknown".into(),
        };
        entries.push(crate::model::AuditEntry {
            field: event.field,
            who,
            first_at: event.first_at,
            last_at: event.last_at,
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::TestDb;
    use crate::db_test;
    use crate::services::schools::{NewSchool, create_authority, create_school};

    fn catalog() -> Catalog {
        Catalog::load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"))
            .unwrap()
    }

    db_test!(
        a_new_portfolio_has_every_criterion_and_reports_progress,
        |t: TestDb| async move {
            let catalog = catalog();
            let fw = catalog.get("caring2learn").unwrap();
            let a = create_authority(&t.db, "Lincolnshire").await.unwrap();
            let s = create_school(
                &t.db,
                NewSchool {
                    authority_id: a.id,
                    name: "Fen",
                    urn: "120123",
                    phase: "Primary",
                    school_type: "Academy",
                },
            )
            .await
            .unwrap();
            let cover = CoverSheet {
                start_date: NaiveDate::from_ymd_opt(2026, 9, 1),
                ..Default::default()
            };
            let p = create(&t.db, s.id, &fw, cover, Utc::now()).await.unwrap();
            assert_eq!(p.target_date, NaiveDate::from_ymd_opt(2027, 9, 1));
            assert_eq!(states(&t.db, &fw, p.id).await.unwrap().len(), 30);

            let text = ResponseText {
                practice: "- Daily check-ins".into(),
                impact: "Attendance up".into(),
                standard: Some(StandardMet::Level("silver".into())),
                status: ResponseStatus::Drafting,
                ..Default::default()
            };
            write_response(&t.db, p.id, "1.1", text, None, Utc::now())
                .await
                .unwrap();
            let school = crate::services::schools::target(&t.db, s.id).await.unwrap();
            let today = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
            let cards = cards(&t.db, &catalog, school, None, today).await.unwrap();
            assert_eq!(cards[0].days_left, Some(335));
            assert!(!cards[0].can_read, "nobody signed in reads nothing");
            assert_eq!(cards.len(), 1);
            // practice and impact written, next steps not: not yet complete
            assert_eq!(cards[0].progress.complete, 0);
            assert_eq!(
                cards[0].progress.profile.levels[1],
                ("silver".to_string(), 1)
            );
            assert_eq!(cards[0].progress.standing_between.len(), 29);
            assert!(
                !cards[0]
                    .progress
                    .standing_between
                    .contains(&"1.1".to_string())
            );
            let missing = write_response(
                &t.db,
                p.id,
                "9.9",
                ResponseText::default(),
                None,
                Utc::now(),
            )
            .await;
            assert!(matches!(missing, Err(ServiceError::NotFound)));
        }
    );
}
