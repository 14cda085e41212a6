//! Renewal: from an awarded portfolio the coordinator starts the next cycle.
//! Its criteria start from the last cycle's content, marked as carried over
//! until someone changes them; its evidence items are carried over with their
//! links (the files themselves are stored once per school); the last cycle
//! stays as it was.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    SqlErr, TransactionSession, TransactionTrait,
};

use crate::award::target_date;
use crate::db::entities::{criterion_response, evidence_item, evidence_link, portfolio};
use crate::model::{PortfolioStatus, ResponseStatus};
use crate::rubric::Framework;
use crate::services::{ServiceError, ServiceResult};

/// Starts the next cycle of an awarded portfolio; returns the new portfolio.
/// It is registered on the day it starts, with the renewal due date as its
/// target.
pub async fn start<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    framework: &Framework,
    previous_id: i32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let txn = db.begin().await?;
    // Write first (a change of nothing): the transaction holds the write lock
    // from its first statement.
    portfolio::Entity::update_many()
        .col_expr(
            portfolio::Column::UpdatedAt,
            Expr::col(portfolio::Column::UpdatedAt),
        )
        .filter(portfolio::Column::Id.eq(previous_id))
        .exec(&txn)
        .await?;
    let previous = portfolio::Entity::find_by_id(previous_id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if previous.status != PortfolioStatus::Awarded.as_str() {
        return Err(ServiceError::Conflict(
            "Only an awarded portfolio can be renewed.".into(),
        ));
    }
    let started = portfolio::Entity::find()
        .filter(portfolio::Column::PreviousPortfolioId.eq(previous_id))
        .one(&txn)
        .await?;
    if started.is_some() {
        return Err(ServiceError::Conflict(
            "The renewal has already been started.".into(),
        ));
    }
    let target = previous
        .renewal_due_date
        .filter(|due| *due > today)
        .or_else(|| target_date(framework.award.as_ref(), today));
    let next = portfolio::ActiveModel {
        school_id: Set(previous.school_id),
        framework_id: Set(framework.id.clone()),
        framework_version: Set(framework.version.clone()),
        cycle: Set(previous.cycle + 1),
        status: Set(PortfolioStatus::InProgress.as_str().into()),
        setting_name: Set(previous.setting_name.clone()),
        head_teacher: Set(previous.head_teacher.clone()),
        designated_teacher: Set(previous.designated_teacher.clone()),
        governor_lac: Set(previous.governor_lac.clone()),
        start_date: Set(Some(today)),
        target_date: Set(target),
        submission_date: Set(None),
        award_level: Set(None),
        award_date: Set(None),
        renewal_due_date: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        registered_on: Set(Some(today)),
        previous_portfolio_id: Set(Some(previous_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        // Someone started it at the same moment.
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict("The renewal has already been started.".into())
        }
        _ => e.into(),
    })?;

    let responses = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(previous_id))
        .all(&txn)
        .await?;
    for (_, criterion) in framework.criteria() {
        let old = responses.iter().find(|r| r.criterion_id == criterion.id);
        let written = old.is_some_and(|r| {
            !(r.practice.trim().is_empty()
                && r.impact.trim().is_empty()
                && r.next_steps.trim().is_empty())
        });
        criterion_response::ActiveModel {
            portfolio_id: Set(next.id),
            criterion_id: Set(criterion.id.clone()),
            practice: Set(old.map(|r| r.practice.clone()).unwrap_or_default()),
            impact: Set(old.map(|r| r.impact.clone()).unwrap_or_default()),
            next_steps: Set(old.map(|r| r.next_steps.clone()).unwrap_or_default()),
            standard_met: Set(old.and_then(|r| r.standard_met.clone())),
            owner_user_id: Set(old.and_then(|r| r.owner_user_id)),
            // Carried over is a draft of this cycle, not a reviewed answer.
            status: Set(if written {
                ResponseStatus::Drafting
            } else {
                ResponseStatus::NotStarted
            }
            .as_str()
            .into()),
            updated_at: Set(now),
            updated_by: Set(None),
            carried_over: Set(written || old.is_some_and(|r| r.standard_met.is_some())),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    let items = evidence_item::Entity::find()
        .filter(evidence_item::Column::PortfolioId.eq(previous_id))
        .all(&txn)
        .await?;
    let links = evidence_link::Entity::find()
        .filter(evidence_link::Column::ItemId.is_in(items.iter().map(|i| i.id)))
        .all(&txn)
        .await?;
    for item in items {
        let copy = evidence_item::ActiveModel {
            portfolio_id: Set(next.id),
            title: Set(item.title.clone()),
            kind: Set(item.kind.clone()),
            description: Set(item.description.clone()),
            file_id: Set(item.file_id),
            file_name: Set(item.file_name.clone()),
            link_url: Set(item.link_url.clone()),
            uploaded_by: Set(item.uploaded_by),
            uploaded_at: Set(item.uploaded_at),
            updated_at: Set(now),
            anonymised_confirmed_by: Set(item.anonymised_confirmed_by),
            anonymised_confirmed_at: Set(item.anonymised_confirmed_at),
            photo_confirmed_by: Set(item.photo_confirmed_by),
            photo_confirmed_at: Set(item.photo_confirmed_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for link in links.iter().filter(|l| l.item_id == item.id) {
            evidence_link::ActiveModel {
                item_id: Set(copy.id),
                criterion_id: Set(link.criterion_id.clone()),
                linked_by: Set(link.linked_by),
                linked_at: Set(link.linked_at),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(next.id)
}
