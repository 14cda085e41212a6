//! The award team's side, over the database: registration, the board's
//! meetings and agendas, submission rounds and decisions, feedback, renewal,
//! the authority's overview, and the certificate's facts. The rules
//! themselves are plain functions in `crate::award`.

pub mod board;
pub mod feedback;
pub mod overview;
pub mod registration;
pub mod renewal;
pub mod review;
pub mod rounds;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::award::renewal as renewal_state;
use crate::db::entities::{authority, portfolio, school};
use crate::model::{AwardState, Capabilities, PreviousCycle, RenewalNotice};
use crate::rubric::{Catalog, Framework};
use crate::services::{ServiceError, ServiceResult};

/// Where a portfolio is with the award team, as far as this person may see:
/// governors get dates and levels, not the reasons or the feedback; only the
/// award team sees feedback before the board has decided.
pub async fn state(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    row: &portfolio::Model,
    framework: &Framework,
    can: &Capabilities,
    today: NaiveDate,
) -> ServiceResult<AwardState> {
    let mut rounds = rounds::rounds(
        db,
        framework,
        row.id,
        can.read_feedback,
        can.read_draft_feedback,
    )
    .await?;
    if !can.read_feedback {
        for r in &mut rounds {
            r.reasons.clear();
        }
    }
    let previous = match row.previous_portfolio_id {
        None => None,
        Some(id) => match portfolio::Entity::find_by_id(id).one(db).await? {
            None => None,
            Some(p) => {
                let fw = frameworks.get(&p.framework_id);
                let decision = match (&fw, can.read_feedback) {
                    (Some(fw), true) => rounds::rounds(db, fw, p.id, true, false)
                        .await?
                        .into_iter()
                        .find(|r| r.outcome.as_ref().is_some_and(|o| o.is_decision())),
                    _ => None,
                };
                Some(PreviousCycle {
                    portfolio_id: p.id,
                    cycle: p.cycle,
                    level: p.award_level.as_deref().map(|l| match &fw {
                        Some(fw) => fw.standard_label(Some(l)),
                        None => l.to_string(),
                    }),
                    awarded_on: p.award_date,
                    decision,
                })
            }
        },
    };
    let renewed_by = portfolio::Entity::find()
        .filter(portfolio::Column::PreviousPortfolioId.eq(row.id))
        .one(db)
        .await?
        .map(|p| p.id);
    let renewal = match (&framework.award, row.award_date, row.renewal_due_date) {
        (Some(terms), Some(_), Some(due)) => Some(RenewalNotice {
            due,
            state: renewal_state(terms, due, today),
        }),
        _ => None,
    };
    Ok(AwardState {
        assessed: framework.award.is_some(),
        registered_on: row.registered_on,
        rounds,
        previous,
        renewed_by,
        renewal,
    })
}

/// What the certificate says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Certificate {
    pub setting: String,
    pub award: String,
    pub level: String,
    pub date: String,
    pub authority: String,
    pub renewal_due: String,
}

/// The certificate of an awarded portfolio (not found for any other).
pub async fn certificate(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    portfolio_id: i32,
) -> ServiceResult<Certificate> {
    let (row, school) = portfolio::Entity::find_by_id(portfolio_id)
        .find_also_related(school::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = school.ok_or(ServiceError::NotFound)?;
    let framework = frameworks
        .get(&row.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let (Some(level), Some(date)) = (row.award_level.as_deref(), row.award_date) else {
        return Err(ServiceError::NotFound);
    };
    let authority = authority::Entity::find_by_id(school.authority_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let setting = if row.setting_name.trim().is_empty() {
        school.name
    } else {
        row.setting_name.clone()
    };
    Ok(Certificate {
        setting,
        award: framework.title.clone(),
        level: framework.standard_label(Some(level)),
        date: crate::model::format_date(Some(date)),
        authority,
        renewal_due: crate::model::format_date(row.renewal_due_date),
    })
}

#[cfg(test)]
mod tests;
