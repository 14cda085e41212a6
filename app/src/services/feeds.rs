//! Private calendar feed links: a person's link to their school's PEP
//! meetings and ePEP deadlines, for Outlook or a phone's calendar. The link
//! carries a token; only its SHA-256 is kept. The person's right is asked
//! again every time the feed is read, so a link stops working the moment
//! they leave the school or it is revoked.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::{ServiceError, ServiceResult};
use crate::calendar::Calendars;
use crate::db::entities::{calendar_feed, pep_meeting};
use crate::security::tokens::{hash_token, looks_like_token, new_token};
use crate::security::{Action, Principal, decide};

/// Makes this person's link for the school, replacing any earlier one.
pub async fn issue(
    db: &impl ConnectionTrait,
    school_id: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<String> {
    revoke(db, school_id, user_id).await?;
    let token = new_token();
    calendar_feed::ActiveModel {
        school_id: Set(school_id),
        user_id: Set(user_id),
        token_hash: Set(hash_token(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match e.sql_err() {
        // Two clicks at once: the other one made the link.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => ServiceError::Conflict(
            "A calendar link was being made at the same moment. Make a new one to see it.".into(),
        ),
        _ => ServiceError::Db(e),
    })?;
    Ok(token)
}

/// Stops this person's link for the school.
pub async fn revoke(db: &impl ConnectionTrait, school_id: i32, user_id: i32) -> ServiceResult<()> {
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::SchoolId.eq(school_id))
        .filter(calendar_feed::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn exists(
    db: &impl ConnectionTrait,
    school_id: i32,
    user_id: i32,
) -> ServiceResult<bool> {
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::SchoolId.eq(school_id))
        .filter(calendar_feed::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}

/// The feed a token opens, as iCalendar text; 404 for an unknown or
/// revoked token, or for a person who may no longer keep the school's PEPs.
pub async fn calendar_for(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    token: &str,
    today: chrono::NaiveDate,
) -> ServiceResult<String> {
    if !looks_like_token(token) {
        return Err(ServiceError::NotFound);
    }
    let feed = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let me = super::accounts::me(db, feed.user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let target = super::schools::target(db, feed.school_id).await?;
    decide(Some(&Principal::from(&me)), Action::KeepPeps, target)
        .map_err(|_| ServiceError::NotFound)?;
    let school = super::schools::info(db, feed.school_id).await?;
    let calendar = super::school_calendar::of_school(db, calendars, &school).await?;
    let rows: Vec<_> = pep_meeting::Entity::find()
        .filter(pep_meeting::Column::SchoolId.eq(feed.school_id))
        .order_by_asc(pep_meeting::Column::MeetingDate)
        .all(db)
        .await?
        .into_iter()
        .map(|m| super::peps::row(m, &calendar, today))
        .collect();
    Ok(crate::pep::feed::ical(&school.name, &rows, Utc::now()))
}
