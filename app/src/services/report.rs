//! The governors' annual report: the dashboard's figures for the school year
//! and the commentary the Designated Teacher and head teacher write.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{ServiceError, ServiceResult};
use crate::db::entities::{governor_report, portfolio, user};
use crate::model::{GovernorsReport, self_audit_line};
use crate::report::{document, school_year, warnings};
use crate::rubric::Catalog;

/// Longest commentary kept (characters).
pub const MAX_COMMENTARY: usize = 8000;

async fn stored(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    year: i32,
) -> ServiceResult<Option<governor_report::Model>> {
    Ok(governor_report::Entity::find()
        .filter(governor_report::Column::PortfolioId.eq(portfolio_id))
        .filter(governor_report::Column::SchoolYear.eq(year))
        .one(db)
        .await?)
}

pub async fn report(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    calendars: &crate::calendar::Calendars,
    portfolio_id: i32,
    today: NaiveDate,
    can_edit: bool,
) -> ServiceResult<GovernorsReport> {
    let mut dashboard = super::dashboard::dashboard(db, frameworks, portfolio_id, today).await?;
    dashboard.peps = Some(super::peps::figures(db, calendars, &dashboard.school, today).await?);
    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let framework = frameworks
        .get(&row.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let year = school_year(today);
    let saved = stored(db, portfolio_id, year).await?;
    let commentary_by = match &saved {
        Some(s) => {
            let who = match s.updated_by {
                Some(id) => user::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .map(|u| u.display_name),
                None => None,
            };
            let when = crate::calendar::long_date(&crate::calendar::england_date(s.updated_at));
            Some(match who {
                Some(who) => format!("{who}, {when}"),
                None => when.to_string(),
            })
        }
        None => None,
    };
    let standing_between = dashboard
        .progress
        .standing_between
        .iter()
        .filter_map(|id| {
            framework
                .criteria()
                .find(|(_, c)| &c.id == id)
                .map(|(_, c)| (c.id.clone(), c.statement.clone()))
        })
        .collect();
    // The school's other self-audits, newest of each framework.
    let mut self_audits: Vec<(String, String)> = Vec::new();
    let mut seen = vec![row.framework_id.clone()];
    let school = super::schools::target(db, row.school_id).await?;
    for card in super::portfolios::cards(db, frameworks, school, None, today).await? {
        if seen.contains(&card.framework_id) {
            continue;
        }
        seen.push(card.framework_id.clone());
        self_audits.push((card.framework_title.clone(), self_audit_line(&card)));
    }
    let mut report = GovernorsReport {
        self_audits,
        people: vec![
            (
                crate::glossary::cover::DESIGNATED_TEACHER.into(),
                row.designated_teacher.clone(),
            ),
            (
                crate::glossary::cover::HEAD_TEACHER.into(),
                row.head_teacher.clone(),
            ),
            (
                crate::glossary::cover::GOVERNOR.into(),
                row.governor_lac.clone(),
            ),
        ],
        dashboard,
        school_year: year,
        standing_between,
        commentary: saved.map(|s| s.commentary).unwrap_or_default(),
        commentary_by,
        warnings: Vec::new(),
        can_edit,
    };
    report.warnings = warnings(&document(&report, today), chrono::Datelike::year(&today));
    Ok(report)
}

/// Keeps this year's commentary (one per portfolio and year; saving again replaces it).
pub async fn save_commentary(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    today: NaiveDate,
    text: &str,
    by: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let text = text.trim();
    if text.chars().count() > MAX_COMMENTARY {
        return Err(ServiceError::invalid(
            "commentary",
            format!("The commentary must be {MAX_COMMENTARY} characters or fewer"),
        ));
    }
    // One row per portfolio and year: two first saves at once become one.
    governor_report::Entity::insert(governor_report::ActiveModel {
        portfolio_id: Set(portfolio_id),
        school_year: Set(school_year(today)),
        commentary: Set(text.to_string()),
        updated_by: Set(Some(by)),
        updated_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            governor_report::Column::PortfolioId,
            governor_report::Column::SchoolYear,
        ])
        .update_columns([
            governor_report::Column::Commentary,
            governor_report::Column::UpdatedBy,
            governor_report::Column::UpdatedAt,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}
