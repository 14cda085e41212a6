//! Sending a portfolio to the award team, and the award team opening it again.
//! Both are one conditional update, so two people pressing the button at once
//! change it once.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::{ServiceError, ServiceResult};
use crate::db::entities::portfolio;
use crate::model::PortfolioStatus;

/// Submits an open portfolio: it is locked for the school and its submission
/// date is `today`. `confirmed` is the coordinator's tick that they mean it.
pub async fn submit(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    confirmed: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    if !confirmed {
        return Err(ServiceError::invalid(
            "confirm",
            "Tick the box to confirm the portfolio is ready to send",
        ));
    }
    let changed = portfolio::Entity::update_many()
        .col_expr(
            portfolio::Column::Status,
            Expr::value(PortfolioStatus::Submitted.as_str()),
        )
        .col_expr(portfolio::Column::SubmissionDate, Expr::value(Some(today)))
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .filter(portfolio::Column::Status.eq(PortfolioStatus::InProgress.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(not_changed(db, portfolio_id, "It has already been submitted.").await);
    }
    Ok(())
}

/// Opens a submitted portfolio to the school again (the award team only, and
/// only before a decision). The submission date is cleared: it is set again
/// when the school next submits.
pub async fn reopen(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let changed = portfolio::Entity::update_many()
        .col_expr(
            portfolio::Column::Status,
            Expr::value(PortfolioStatus::InProgress.as_str()),
        )
        .col_expr(
            portfolio::Column::SubmissionDate,
            Expr::value(Option::<NaiveDate>::None),
        )
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .filter(portfolio::Column::Status.eq(PortfolioStatus::Submitted.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(not_changed(
            db,
            portfolio_id,
            "Only a submitted portfolio can be reopened.",
        )
        .await);
    }
    Ok(())
}

/// Why a conditional update changed nothing: gone, or not in the right state.
async fn not_changed(db: &impl ConnectionTrait, portfolio_id: i32, why: &str) -> ServiceError {
    match portfolio::Entity::find_by_id(portfolio_id).one(db).await {
        Ok(Some(_)) => ServiceError::Conflict(why.into()),
        Ok(None) => ServiceError::NotFound,
        Err(e) => e.into(),
    }
}
