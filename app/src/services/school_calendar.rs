//! A school's calendar: its authority's term dates (from the calendar
//! files), the bank holidays and the closure days its coordinator adds.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::{Problems, ServiceError, ServiceResult, clean_line};
use crate::calendar::{
    Calendars, Closure, DateParts, SchoolCalendar, school_year_label, school_year_of,
};
use crate::db::entities::school_closure;
use crate::model::{CalendarPage, CalendarYear, ClosureRow, SchoolInfo, TermRow};

/// A closure longer than this is almost certainly a mistyped date.
pub const MAX_CLOSURE_DAYS: i64 = 31;
pub const MAX_REASON_CHARS: usize = 80;

/// The school's calendar, for counting school days.
pub async fn of_school(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: &SchoolInfo,
) -> ServiceResult<SchoolCalendar> {
    let closures: Vec<Closure> = rows(db, school.id)
        .await?
        .into_iter()
        .map(|c| Closure {
            first: c.first,
            last: c.last,
            reason: c.reason,
        })
        .collect();
    Ok(calendars.school_calendar(&school.authority_name, &closures))
}

async fn rows(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<Vec<ClosureRow>> {
    Ok(school_closure::Entity::find()
        .filter(school_closure::Column::SchoolId.eq(school_id))
        .order_by_asc(school_closure::Column::FirstDay)
        .order_by_asc(school_closure::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ClosureRow {
            id: c.id,
            first: c.first_day,
            last: c.last_day,
            reason: c.reason,
        })
        .collect())
}

/// The calendar page: this school year and the next, as terms.
pub async fn page(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: SchoolInfo,
    can_manage: bool,
    today: NaiveDate,
) -> ServiceResult<CalendarPage> {
    let calendar = of_school(db, calendars, &school).await?;
    let this_year = school_year_of(today);
    let years = [this_year, this_year + 1]
        .into_iter()
        .map(|starts| {
            let periods = calendar.periods(starts);
            let (from, to) = (
                periods.first().map(|p| p.from),
                periods.last().map(|p| p.to),
            );
            let terms = calendar
                .terms_of(starts)
                .unwrap_or_default()
                .iter()
                .map(|t| TermRow {
                    name: t.name.clone(),
                    first: t.first,
                    last: t.last,
                    school_days: calendar.school_days_in(t.first, t.last),
                })
                .collect();
            let bank_holidays = [starts, starts + 1]
                .into_iter()
                .flat_map(|y| calendars.bank_holidays.in_year(y))
                .filter(|(d, _)| {
                    from.is_some_and(|f| *d >= f)
                        && to.is_some_and(|t| *d <= t)
                        && d.weekday().number_from_monday() <= 5
                })
                .collect();
            CalendarYear {
                label: school_year_label(starts),
                terms,
                bank_holidays,
                school_days: match (from, to) {
                    (Some(f), Some(t)) => calendar.school_days_in(f, t),
                    _ => 0,
                },
            }
        })
        .collect();
    Ok(CalendarPage {
        term_dates: calendars
            .terms_for(&school.authority_name)
            .map(|t| t.title.clone()),
        closures: rows(db, school.id).await?,
        school,
        years,
        can_manage,
        today,
    })
}

/// What the coordinator typed to close the school for a day or more.
#[derive(Clone, Debug, Default)]
pub struct ClosureInput {
    pub first: DateParts,
    /// Empty for a single day.
    pub last: DateParts,
    pub reason: String,
}

/// Adds a closure (INSET) day or run of days.
pub async fn add_closure(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: &SchoolInfo,
    input: ClosureInput,
    by: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let mut problems = Problems::default();
    let first = match input.first.parse("The first day") {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.add("first", "Enter the first day the school is closed");
            None
        }
        Err(message) => {
            problems.add("first", message);
            None
        }
    };
    let last = match input.last.parse("The last day") {
        Ok(last) => last,
        Err(message) => {
            problems.add("last", message);
            None
        }
    };
    let reason = clean_line(
        &mut problems,
        "reason",
        "a reason",
        &input.reason,
        MAX_REASON_CHARS,
    );
    if !problems.has("reason")
        && let Some(found) = crate::protection::identifiers::scan(&reason, now.year()).first()
    {
        problems.add(
            "reason",
            format!(
                "The reason seems to contain {} (“{}”). A reason is short, such as INSET day",
                found.kind.label(),
                found.text
            ),
        );
    }
    if let Some(first) = first {
        let last = last.unwrap_or(first);
        if last < first {
            problems.add(
                "last",
                "The last day must be the same as or after the first day",
            );
        } else if (last - first).num_days() + 1 > MAX_CLOSURE_DAYS {
            problems.add(
                "last",
                format!("A closure can be at most {MAX_CLOSURE_DAYS} days long: add longer ones in parts"),
            );
        } else if first == last {
            let calendar = of_school(db, calendars, school).await?;
            if let Some(off) = calendar.day_off(first) {
                problems.add(
                    "first",
                    format!(
                        "{} is not a school day anyway: it is {}",
                        crate::calendar::long_date(&first),
                        off.describe()
                    ),
                );
            }
        }
    }
    problems.check()?;
    let (Some(first), last) = (first, last) else {
        return Err(ServiceError::invalid(
            "first",
            "Enter the first day the school is closed",
        ));
    };
    let saved = school_closure::ActiveModel {
        school_id: Set(school.id),
        first_day: Set(first),
        last_day: Set(last.unwrap_or(first)),
        reason: Set(reason),
        created_by: Set(Some(by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// Removes one of the school's closures (404 for another school's).
pub async fn remove_closure(
    db: &impl ConnectionTrait,
    school_id: i32,
    closure_id: i32,
) -> ServiceResult<()> {
    let removed = school_closure::Entity::delete_many()
        .filter(school_closure::Column::Id.eq(closure_id))
        .filter(school_closure::Column::SchoolId.eq(school_id))
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}
