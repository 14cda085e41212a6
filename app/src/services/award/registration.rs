//! Registering the start date with the award team (once, by the school's
//! coordinator), and the award team moving the target date ("flexible").

use chrono::{DateTime, Months, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::award::target_date;
use crate::db::entities::portfolio;
use crate::model::PortfolioStatus;
use crate::rubric::Framework;
use crate::services::{ServiceError, ServiceResult, portfolios};

/// How far from today a start date may be.
const MONTHS_EITHER_SIDE: u32 = 12;

/// Checks the start date a school registers: a real date within a year of today.
pub fn check_start(value: &str, today: NaiveDate) -> ServiceResult<NaiveDate> {
    let date = match portfolios::parse_date(value) {
        Ok(Some(d)) => d,
        Ok(None) => return Err(ServiceError::invalid("start_date", "Enter the start date")),
        Err(_) => {
            return Err(ServiceError::invalid(
                "start_date",
                "Enter the start date as a real date, like 2026-09-01",
            ));
        }
    };
    within_a_year(date, today)
}

/// The start date as the school types it in the date input's three boxes.
pub fn check_start_parts(
    parts: &crate::calendar::DateParts,
    today: NaiveDate,
) -> ServiceResult<NaiveDate> {
    match parts.parse(crate::glossary::cover::START_DATE) {
        Ok(Some(date)) => within_a_year(date, today),
        Ok(None) => Err(ServiceError::invalid("start_date", "Enter the start date")),
        Err(message) => Err(ServiceError::invalid("start_date", message)),
    }
}

fn within_a_year(date: NaiveDate, today: NaiveDate) -> ServiceResult<NaiveDate> {
    let earliest = today.checked_sub_months(Months::new(MONTHS_EITHER_SIDE));
    let latest = today.checked_add_months(Months::new(MONTHS_EITHER_SIDE));
    if earliest.is_some_and(|e| date < e) || latest.is_some_and(|l| date > l) {
        return Err(ServiceError::invalid(
            "start_date",
            "The start date must be within a year of today",
        ));
    }
    Ok(date)
}

/// Registers the start date: once, while the school has the portfolio. The
/// target for completion follows from the framework's terms.
pub async fn register(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
    start: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<NaiveDate> {
    if framework.award.is_none() {
        return Err(ServiceError::Conflict(
            "This self-audit stays in school: it is not registered with the award team.".into(),
        ));
    }
    let start = check_start(start, today)?;
    let changed = portfolio::Entity::update_many()
        .col_expr(portfolio::Column::StartDate, Expr::value(Some(start)))
        .col_expr(
            portfolio::Column::TargetDate,
            Expr::value(target_date(framework.award.as_ref(), start)),
        )
        .col_expr(portfolio::Column::RegisteredOn, Expr::value(Some(today)))
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .filter(portfolio::Column::RegisteredOn.is_null())
        .filter(portfolio::Column::Status.is_in([
            PortfolioStatus::InProgress.as_str(),
            PortfolioStatus::NotYetAwarded.as_str(),
        ]))
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        return match portfolio::Entity::find_by_id(portfolio_id).one(db).await? {
            Some(_) => Err(ServiceError::Conflict(
                "The start date has already been registered with the award team.".into(),
            )),
            None => Err(ServiceError::NotFound),
        };
    }
    Ok(start)
}

/// The award team moves the target for completion.
pub async fn change_target(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    target: &crate::calendar::DateParts,
    now: DateTime<Utc>,
) -> ServiceResult<NaiveDate> {
    let date = match target.parse("Target date") {
        Ok(Some(d)) => d,
        Ok(None) => {
            return Err(ServiceError::invalid(
                "target_date",
                "Enter the target date",
            ));
        }
        Err(message) => return Err(ServiceError::invalid("target_date", message)),
    };
    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.start_date.is_some_and(|s| date <= s) {
        return Err(ServiceError::invalid(
            "target_date",
            "The target date must be after the start date",
        ));
    }
    portfolio::Entity::update_many()
        .col_expr(portfolio::Column::TargetDate, Expr::value(Some(date)))
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .exec(db)
        .await?;
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn field(r: ServiceResult<NaiveDate>) -> String {
        match r {
            Err(ServiceError::Invalid(e)) => e[0].message.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_start_date_is_a_real_date_within_a_year() {
        let today = d(2026, 11, 30);
        assert_eq!(check_start("2027-01-04", today).unwrap(), d(2027, 1, 4));
        assert_eq!(check_start(" 2026-09-01 ", today).unwrap(), d(2026, 9, 1));
        assert_eq!(field(check_start("", today)), "Enter the start date");
        assert!(field(check_start("2026-02-30", today)).contains("real date"));
        assert!(field(check_start("2028-01-01", today)).contains("within a year"));
        assert!(field(check_start("2025-11-29", today)).contains("within a year"));
        // the date input's boxes: the same rule, the design system's messages
        let parts = |d: &str, m: &str, y: &str| crate::calendar::DateParts {
            day: d.into(),
            month: m.into(),
            year: y.into(),
        };
        assert_eq!(
            check_start_parts(&parts("4", "1", "2027"), today).unwrap(),
            d(2027, 1, 4)
        );
        assert_eq!(
            field(check_start_parts(&parts("", "", ""), today)),
            "Enter the start date"
        );
        assert_eq!(
            field(check_start_parts(&parts("4", "", "2027"), today)),
            "Start date must include a month"
        );
        assert!(
            field(check_start_parts(&parts("1", "1", "2028"), today)).contains("within a year")
        );
    }
}
