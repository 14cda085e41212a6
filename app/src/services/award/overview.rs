//! The award team's list of every school in its authority, each with one
//! status. Built from a handful of queries whatever the number of schools
//! (schools, their award portfolios, what is written in the latest ones,
//! their submission rounds, the board's meetings), never several per school.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::award::{SchoolFacts, StandingKind, standing};
use crate::db::entities::{authority, board_meeting, portfolio, school, submission};
use crate::model::{AuthorityOverview, MeetingRef, PortfolioStatus, SchoolStanding};
use crate::rubric::Catalog;
use crate::services::{ServiceError, ServiceResult, portfolios};

/// Every school of the authority with its status on `today`.
pub async fn overview(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    authority_id: i32,
    today: NaiveDate,
) -> ServiceResult<AuthorityOverview> {
    let authority = authority::Entity::find_by_id(authority_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let schools = school::Entity::find()
        .filter(school::Column::AuthorityId.eq(authority_id))
        .order_by_asc(school::Column::Name)
        .all(db)
        .await?;
    let award_frameworks = frameworks.award_ids();
    // Every award portfolio of every school of the authority, newest first.
    let all = portfolio::Entity::find()
        .inner_join(school::Entity)
        .filter(school::Column::AuthorityId.eq(authority_id))
        .filter(portfolio::Column::FrameworkId.is_in(award_frameworks))
        .order_by_desc(portfolio::Column::Cycle)
        .order_by_desc(portfolio::Column::Id)
        .all(db)
        .await?;
    let mut by_school: HashMap<i32, Vec<&portfolio::Model>> = HashMap::new();
    for p in &all {
        by_school.entry(p.school_id).or_default().push(p);
    }
    let latest: Vec<&portfolio::Model> = by_school
        .values()
        .filter_map(|v| v.first().copied())
        .collect();
    let percents = portfolios::percents(db, frameworks, &latest).await?;
    let rounds = if latest.is_empty() {
        Vec::new()
    } else {
        submission::Entity::find()
            .filter(submission::Column::PortfolioId.is_in(latest.iter().map(|p| p.id)))
            .order_by_desc(submission::Column::Round)
            .all(db)
            .await?
    };
    let meetings: HashMap<i32, board_meeting::Model> = board_meeting::Entity::find()
        .filter(board_meeting::Column::AuthorityId.eq(authority_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let meeting_ref = |id: Option<i32>| {
        id.and_then(|id| meetings.get(&id)).map(|m| MeetingRef {
            id: m.id,
            meets_on: m.meets_on,
            place: m.place.clone(),
        })
    };

    let mut rows = Vec::with_capacity(schools.len());
    for s in schools {
        let cycles = by_school.get(&s.id).cloned().unwrap_or_default();
        let latest = cycles.first().copied();
        let framework = latest.and_then(|p| frameworks.get(&p.framework_id));
        let terms = framework.as_ref().and_then(|f| f.award.clone());
        let (facts, meeting) = match latest {
            None => (SchoolFacts::default(), None),
            Some(p) => {
                let mine: Vec<&submission::Model> =
                    rounds.iter().filter(|r| r.portfolio_id == p.id).collect();
                let current = mine.iter().find(|r| r.outcome.is_none());
                let returned = mine
                    .iter()
                    .find(|r| r.outcome.as_deref() == Some("not_yet"));
                // The latest award of the school, this cycle's or the one before.
                let award = cycles.iter().find_map(|c| {
                    let level = c.award_level.as_deref()?;
                    let label = frameworks
                        .get(&c.framework_id)
                        .map(|f| f.standard_label(Some(level)))
                        .unwrap_or_else(|| level.to_string());
                    Some((label, c.award_date?, c.renewal_due_date?))
                });
                let meeting = meeting_ref(current.and_then(|r| r.meeting_id));
                (
                    SchoolFacts {
                        status: PortfolioStatus::parse(&p.status),
                        registered_on: p.registered_on,
                        start: p.start_date,
                        target: p.target_date,
                        percent: percents.get(&p.id).copied().unwrap_or(0),
                        meeting: meeting.as_ref().map(|m| m.meets_on),
                        returned_on: returned.and_then(|r| r.decided_on),
                        award,
                    },
                    meeting,
                )
            }
        };
        let standing = match &terms {
            Some(terms) => standing(&facts, terms, today),
            None => crate::award::Standing::NotRegistered,
        };
        rows.push(SchoolStanding {
            school_id: s.id,
            name: s.name,
            urn: s.urn,
            portfolio_id: latest.map(|p| p.id),
            standing,
            percent: latest.map(|_| facts.percent),
            target: facts.target,
            meeting,
        });
    }
    let counts = StandingKind::ALL
        .into_iter()
        .map(|k| (k, rows.iter().filter(|r| r.standing.kind() == k).count()))
        .collect();
    let next_meeting = meetings
        .values()
        .filter(|m| m.meets_on >= today)
        .min_by_key(|m| (m.meets_on, m.id))
        .map(|m| MeetingRef {
            id: m.id,
            meets_on: m.meets_on,
            place: m.place.clone(),
        });
    Ok(AuthorityOverview {
        authority_id,
        name: authority.name,
        today,
        counts,
        schools: rows,
        next_meeting,
        can_manage: false,
    })
}

/// The list as CSV for a spreadsheet: one row per school, formula-like
/// cells defused.
pub fn csv(rows: &[SchoolStanding]) -> Result<String, String> {
    use crate::protection::spreadsheet_safe as safe;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "School",
        "URN",
        "Status",
        "Detail",
        "Complete (%)",
        "Target date",
        "Board meeting",
    ])
    .map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record([
            safe(r.name.clone()),
            safe(r.urn.clone()),
            r.standing.label().to_string(),
            safe(r.standing.detail()),
            r.percent.map(|p| p.to_string()).unwrap_or_default(),
            r.target.map(|d| d.to_string()).unwrap_or_default(),
            r.meeting
                .as_ref()
                .map(|m| m.meets_on.to_string())
                .unwrap_or_default(),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
