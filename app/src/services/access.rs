//! The one door. Every route, server function, upload, download, pack and
//! socket asks here what a person may do with a portfolio (or a school, or an
//! authority): it finds the thing, asks the policy and answers with where the
//! thing sits, or why not. "Submitted, so read-only" is the policy's answer
//! too, so no caller writes its own check.

use sea_orm::{ConnectionTrait, EntityTrait};

use super::{ServiceError, ServiceResult};
use crate::db::entities::{portfolio, school};
use crate::model::{Capabilities, PortfolioStatus};
use crate::security::policy::{Stage, capabilities};
use crate::security::{Action, Denial, Principal, Target, decide};

/// Where a portfolio sits: its school, authority, status and framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub portfolio_id: i32,
    pub school_id: i32,
    pub authority_id: i32,
    pub status: PortfolioStatus,
    pub framework_id: String,
}

impl Located {
    pub fn stage(&self) -> Stage {
        Stage::of(self.status)
    }

    /// The portfolio, at its stage, as the policy sees it.
    pub fn target(&self) -> Target {
        Target::Portfolio {
            school_id: self.school_id,
            authority_id: self.authority_id,
            stage: self.stage(),
        }
    }

    /// Its school, as the policy sees it.
    pub fn school(&self) -> Target {
        Target::School {
            school_id: self.school_id,
            authority_id: self.authority_id,
        }
    }

    /// Submitted or awarded: nobody at the school may change it.
    pub fn locked(&self) -> bool {
        !self.stage().open()
    }

    pub fn may(&self, who: Option<&Principal>, action: Action) -> bool {
        decide(who, action, self.target()).is_ok()
    }

    pub fn capabilities(&self, who: Option<&Principal>) -> Capabilities {
        capabilities(who, self.target())
    }
}

/// Finds a portfolio, without asking anyone anything.
pub async fn locate(db: &impl ConnectionTrait, portfolio_id: i32) -> ServiceResult<Located> {
    let (row, school) = portfolio::Entity::find_by_id(portfolio_id)
        .find_also_related(school::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = school.ok_or(ServiceError::NotFound)?;
    Ok(Located {
        portfolio_id,
        school_id: school.id,
        authority_id: school.authority_id,
        status: PortfolioStatus::parse(&row.status).unwrap_or(PortfolioStatus::InProgress),
        framework_id: row.framework_id,
    })
}

/// Signed in, or 401 before anything is looked up (so nothing's existence
/// is revealed to a stranger).
fn signed_in(who: Option<&Principal>) -> ServiceResult<&Principal> {
    who.ok_or(ServiceError::Denied(Denial::Unauthenticated))
}

/// Finds the portfolio (401 first for a stranger) and asks the policy about
/// the target `on` gives: the portfolio itself, or its school.
async fn located_for(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    portfolio_id: i32,
    action: Action,
    on: fn(&Located) -> Target,
) -> ServiceResult<Located> {
    signed_in(who)?;
    let located = locate(db, portfolio_id).await?;
    decide(who, action, on(&located))?;
    Ok(located)
}

/// May `who` do `action` with this portfolio now? Returns where it sits.
pub async fn portfolio(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    portfolio_id: i32,
    action: Action,
) -> ServiceResult<Located> {
    located_for(db, who, portfolio_id, action, Located::target).await
}

/// The same, for the portfolio an evidence item belongs to.
pub async fn evidence_item(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    item_id: i32,
    action: Action,
) -> ServiceResult<Located> {
    signed_in(who)?;
    let portfolio_id = super::evidence::portfolio_of(db, item_id).await?;
    portfolio(db, who, portfolio_id, action).await
}

/// May `who` do `action` with the school of this portfolio (its report
/// commentary, say), whatever the portfolio's stage?
pub async fn portfolio_school(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    portfolio_id: i32,
    action: Action,
) -> ServiceResult<Located> {
    located_for(db, who, portfolio_id, action, Located::school).await
}

/// May `who` do `action` with this school?
pub async fn school(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    school_id: i32,
    action: Action,
) -> ServiceResult<Target> {
    signed_in(who)?;
    let target = super::schools::target(db, school_id).await?;
    decide(who, action, target)?;
    Ok(target)
}

/// May `who` do `action` with this PEP meeting's school? Returns the meeting.
pub async fn pep(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    pep_id: i32,
    action: Action,
) -> ServiceResult<crate::db::entities::pep_meeting::Model> {
    signed_in(who)?;
    let pep = crate::db::entities::pep_meeting::Entity::find_by_id(pep_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let target = super::schools::target(db, pep.school_id).await?;
    decide(who, action, target)?;
    Ok(pep)
}

/// May `who` do `action` for this authority?
pub fn authority(who: Option<&Principal>, authority_id: i32, action: Action) -> ServiceResult<()> {
    decide(who, action, Target::Authority(authority_id)).map_err(ServiceError::from)
}

/// May `who` do `action` with this board meeting's authority? Someone who is
/// not on that authority's award team is told it does not exist.
pub async fn meeting(
    db: &impl ConnectionTrait,
    who: Option<&Principal>,
    meeting_id: i32,
    action: Action,
) -> ServiceResult<crate::db::entities::board_meeting::Model> {
    signed_in(who)?;
    let meeting = crate::db::entities::board_meeting::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match decide(who, action, Target::Authority(meeting.authority_id)) {
        Ok(()) => Ok(meeting),
        Err(Denial::Forbidden) => Err(ServiceError::NotFound),
        Err(other) => Err(other.into()),
    }
}
