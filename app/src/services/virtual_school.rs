//! The Virtual School's view of its schools' PEPs: per school, this term's
//! meetings held, finalised on time, overdue, and the DT self-audit's
//! standing. Aggregates only, small numbers hidden, never a pupil
//! reference; a handful of queries whatever the number of schools.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{ServiceError, ServiceResult};
use crate::calendar::{Calendars, Closure, school_year_of};
use crate::db::entities::{
    authority, criterion_response, pep_meeting, portfolio, school, school_closure,
};
use crate::model::{AuthorityInfo, VirtualSchoolPage, VirtualSchoolRow};
use crate::pep::{AuditStanding, TermSummary};
use crate::rubric::Catalog;

/// The framework of the DT self-audit.
pub const DT_AUDIT: &str = "dt-expectations";

pub async fn overview(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    frameworks: &Catalog,
    authority_id: i32,
    today: NaiveDate,
) -> ServiceResult<VirtualSchoolPage> {
    let authority = authority::Entity::find_by_id(authority_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let schools = school::Entity::find()
        .filter(school::Column::AuthorityId.eq(authority_id))
        .order_by_asc(school::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = schools.iter().map(|s| s.id).collect();
    let year = school_year_of(today);
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(year + 1, 8, 31).unwrap_or(today),
    );
    let mut meetings: HashMap<i32, Vec<pep_meeting::Model>> = HashMap::new();
    for m in pep_meeting::Entity::find()
        .filter(pep_meeting::Column::SchoolId.is_in(ids.clone()))
        .filter(pep_meeting::Column::MeetingDate.gte(from))
        .filter(pep_meeting::Column::MeetingDate.lte(to))
        .all(db)
        .await?
    {
        meetings.entry(m.school_id).or_default().push(m);
    }
    let mut closures: HashMap<i32, Vec<Closure>> = HashMap::new();
    for c in school_closure::Entity::find()
        .filter(school_closure::Column::SchoolId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        closures.entry(c.school_id).or_default().push(Closure {
            first: c.first_day,
            last: c.last_day,
            reason: c.reason,
        });
    }
    let audits = audits(db, frameworks, &ids).await?;
    let rows = schools
        .into_iter()
        .map(|s| {
            let calendar = calendars.school_calendar(
                &authority.name,
                closures.get(&s.id).map(Vec::as_slice).unwrap_or_default(),
            );
            let periods = calendar.periods(year);
            let term = periods.iter().find(|p| p.contains(today));
            let mut summary = TermSummary::default();
            for m in meetings.remove(&s.id).unwrap_or_default() {
                if !term.is_some_and(|t| t.contains(m.meeting_date)) {
                    continue;
                }
                super::peps::row(m, &calendar, today).count_in(&mut summary);
            }
            let (held, on_time, overdue) = VirtualSchoolRow::figures(&summary);
            VirtualSchoolRow {
                school_id: s.id,
                name: s.name,
                urn: s.urn,
                term: term.map(|t| t.label.clone()).unwrap_or_default(),
                held,
                on_time,
                overdue,
                audit: audits.get(&s.id).copied(),
            }
        })
        .collect();
    Ok(VirtualSchoolPage {
        authority: AuthorityInfo {
            id: authority.id,
            name: authority.name,
        },
        today,
        rows,
    })
}

/// The standing of each school's latest DT self-audit.
async fn audits(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    school_ids: &[i32],
) -> ServiceResult<HashMap<i32, AuditStanding>> {
    let Some(framework) = frameworks.get(DT_AUDIT) else {
        return Ok(HashMap::new());
    };
    let mut latest: HashMap<i32, i32> = HashMap::new();
    for p in portfolio::Entity::find()
        .filter(portfolio::Column::SchoolId.is_in(school_ids.to_vec()))
        .filter(portfolio::Column::FrameworkId.eq(DT_AUDIT))
        .order_by_desc(portfolio::Column::Cycle)
        .order_by_desc(portfolio::Column::Id)
        .all(db)
        .await?
    {
        latest.entry(p.school_id).or_insert(p.id);
    }
    let mut answers: HashMap<i32, Vec<(String, Option<String>)>> = HashMap::new();
    for r in criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.is_in(latest.values().copied()))
        .all(db)
        .await?
    {
        answers
            .entry(r.portfolio_id)
            .or_default()
            .push((r.criterion_id, r.standard_met));
    }
    Ok(latest
        .into_iter()
        .map(|(school_id, portfolio_id)| {
            let given = answers.remove(&portfolio_id).unwrap_or_default();
            let standing = AuditStanding::of(
                &framework,
                given.iter().map(|(c, s)| (c.as_str(), s.as_deref())),
            );
            (school_id, standing)
        })
        .collect())
}

/// The page as CSV for a spreadsheet (hidden figures stay hidden).
pub fn csv(page: &VirtualSchoolPage) -> Result<String, String> {
    use crate::protection::spreadsheet_safe as safe;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "School",
        "URN",
        "Term",
        "PEP meetings held",
        "Finalised within 5 school days",
        "Overdue",
        "DT self-audit",
    ])
    .map_err(|e| e.to_string())?;
    for r in &page.rows {
        w.write_record([
            safe(r.name.clone()),
            safe(r.urn.clone()),
            safe(r.term.clone()),
            r.held.show(),
            r.on_time.show(),
            r.overdue.show(),
            r.audit
                .map(|a| a.describe())
                .unwrap_or_else(|| "Not started".into()),
        ])
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
