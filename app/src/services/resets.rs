//! Password reset without e-mail: a coordinator (for their school's members)
//! or an administrator (for coordinators and award teams) makes a link and
//! hands it over; it works once, for a day, and choosing a new password with
//! it signs the person out everywhere else.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    TransactionSession, TransactionTrait,
};

use super::{Problems, ServiceError, ServiceResult};
use crate::db::entities::{password_reset, user};
use crate::security::policy::may_reset;
use crate::security::{Principal, passwords, tokens};

/// How long a reset link works.
pub const VALID_HOURS: i64 = 24;

const USED_OR_OLD: &str = "This password reset link has already been used or has expired. Ask your coordinator or the site administrator for a new one.";

/// A link made: who it is for, the token for the link, when it stops working.
#[derive(Clone, Debug)]
pub struct Issued {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// The account as the policy sees it.
async fn standing(db: &impl ConnectionTrait, user_id: i32) -> ServiceResult<Principal> {
    let me = super::accounts::me(db, user_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(Principal::from(&me))
}

/// Makes a reset link for `user_id`, if `issuer` may. An earlier unused link
/// for the same person stops working.
pub async fn issue(
    db: &impl ConnectionTrait,
    issuer: &Principal,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<Issued> {
    let account = standing(db, user_id).await?;
    may_reset(Some(issuer), &account)?;
    let found = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let token = tokens::new_token();
    let expires_at = now + Duration::hours(VALID_HOURS);
    password_reset::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(tokens::hash_token(&token)),
        created_by: Set(Some(issuer.user_id)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Issued {
        user_id,
        name: found.display_name,
        email: found.email,
        token,
        expires_at,
    })
}

/// The same, for the account with this email address (the administrator's form).
pub async fn issue_by_email(
    db: &impl ConnectionTrait,
    issuer: &Principal,
    email: &str,
    now: DateTime<Utc>,
) -> ServiceResult<Issued> {
    // Only administrators look accounts up by address (or anyone could learn
    // which addresses have accounts).
    if !issuer.is_admin {
        return Err(ServiceError::Denied(crate::security::Denial::Forbidden));
    }
    let email = super::accounts::normalise_email(email);
    if email.is_empty() {
        return Err(ServiceError::invalid("email", "Enter their email address"));
    }
    let found = super::accounts::find_by_email(db, &email)
        .await?
        .ok_or_else(|| {
            ServiceError::invalid("email", "There is no account with that email address")
        })?;
    issue(db, issuer, found.id, now).await
}

/// A link that still works: the reset row and the person's name.
async fn usable(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> ServiceResult<(password_reset::Model, user::Model)> {
    if !tokens::looks_like_token(token) {
        return Err(ServiceError::NotFound);
    }
    let reset = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(tokens::hash_token(token)))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if reset.used_at.is_some() || reset.expires_at <= now {
        return Err(ServiceError::Conflict(USED_OR_OLD.into()));
    }
    let found = user::Entity::find_by_id(reset.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((reset, found))
}

/// Whose link it is (for the page), if it still works.
pub async fn preview(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> ServiceResult<crate::model::ResetPreview> {
    let (_, found) = usable(db, token, now).await?;
    Ok(crate::model::ResetPreview {
        name: found.display_name,
        email: found.email,
    })
}

/// Sets the new password, uses the link up and ends every session of the
/// person: all or nothing. Returns whose password it was.
pub async fn complete<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    password: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let (reset, found) = usable(db, token, now).await?;
    // Asked again now: whoever made the link may still make it, for the
    // account as it stands now (a member since made an administrator, or a
    // coordinator since removed, no longer may).
    let issuer = match reset.created_by {
        Some(by) => standing(db, by).await.ok(),
        None => None,
    };
    let account = standing(db, reset.user_id).await?;
    if may_reset(issuer.as_ref(), &account).is_err() {
        return Err(ServiceError::Conflict(USED_OR_OLD.into()));
    }
    let mut problems = Problems::default();
    if let Err(message) = passwords::check_new(password) {
        problems.add("password", message);
    } else if password != confirm {
        problems.add("confirm", "The passwords do not match");
    }
    problems.check()?;
    let hash = super::accounts::hash_password(password.to_string()).await?;
    let txn = db.begin().await?;
    // Used once: only the first of two racing submissions finds it unused.
    let claimed = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(ServiceError::Conflict(USED_OR_OLD.into()));
    }
    let mut account: user::ActiveModel = found.into();
    account.password_hash = Set(hash);
    account.update(&txn).await?;
    crate::security::session_store::end_sessions_of(&txn, reset.user_id).await?;
    txn.commit().await?;
    Ok(reset.user_id)
}
