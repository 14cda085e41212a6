//! Single-use, expiring invitation links. A coordinator (or an admin, for the
//! award team) makes one; the invitee opens it and sets a password, or, already
//! signed in, simply accepts.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionSession, TransactionTrait, sea_query::Expr,
};

use super::accounts::{NewAccount, create_user};
use super::{ServiceError, ServiceResult};
use crate::db::entities::{authority, invitation, membership, school, user};
use crate::model::{InvitationPreview, InvitedRole, PendingInvitation, SchoolRole};
use crate::security::tokens;

/// Where an invitation leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invite {
    School { school_id: i32, role: SchoolRole },
    Assessor { authority_id: i32 },
}

/// Makes an invitation and returns the token for the link (shown once).
pub async fn create(
    db: &impl ConnectionTrait,
    invite: Invite,
    created_by: i32,
    valid_for: Duration,
    now: DateTime<Utc>,
) -> ServiceResult<String> {
    let token = tokens::new_token();
    let (school_id, authority_id, role) = match invite {
        Invite::School { school_id, role } => (Some(school_id), None, InvitedRole::School(role)),
        Invite::Assessor { authority_id } => (None, Some(authority_id), InvitedRole::Assessor),
    };
    invitation::ActiveModel {
        token_hash: Set(tokens::hash_token(&token)),
        school_id: Set(school_id),
        authority_id: Set(authority_id),
        role: Set(role.as_str().to_string()),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Why a link cannot be used, said plainly to whoever holds it.
fn unusable(row: &invitation::Model, now: DateTime<Utc>) -> Option<ServiceError> {
    if row.accepted_at.is_some() {
        Some(ServiceError::Conflict(
            "This invitation has already been used. Ask for a new one if you still need access."
                .into(),
        ))
    } else if row.expires_at <= now {
        Some(ServiceError::Conflict(
            "This invitation has expired. Ask the person who sent it for a new one.".into(),
        ))
    } else {
        None
    }
}

async fn find(db: &impl ConnectionTrait, token: &str) -> ServiceResult<invitation::Model> {
    if !tokens::looks_like_token(token) {
        return Err(ServiceError::NotFound);
    }
    invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(tokens::hash_token(token)))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

fn invite_of(row: &invitation::Model) -> ServiceResult<Invite> {
    match (
        InvitedRole::parse(&row.role),
        row.school_id,
        row.authority_id,
    ) {
        (Some(InvitedRole::School(role)), Some(school_id), _) => {
            Ok(Invite::School { school_id, role })
        }
        (Some(InvitedRole::Assessor), _, Some(authority_id)) => {
            Ok(Invite::Assessor { authority_id })
        }
        _ => Err(ServiceError::Internal(format!(
            "invitation {} is malformed",
            row.id
        ))),
    }
}

pub async fn preview(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> ServiceResult<InvitationPreview> {
    let row = find(db, token).await?;
    if let Some(problem) = unusable(&row, now) {
        return Err(problem);
    }
    let invite = invite_of(&row)?;
    let (place, role) = match invite {
        Invite::School { school_id, role } => (
            school::Entity::find_by_id(school_id)
                .one(db)
                .await?
                .ok_or(ServiceError::NotFound)?
                .name,
            InvitedRole::School(role),
        ),
        Invite::Assessor { authority_id } => (
            authority::Entity::find_by_id(authority_id)
                .one(db)
                .await?
                .ok_or(ServiceError::NotFound)?
                .name,
            InvitedRole::Assessor,
        ),
    };
    Ok(InvitationPreview {
        place,
        role,
        expires_at: row.expires_at,
    })
}

/// Marks the invitation used by `user_id` — only if nobody else did first —
/// and grants what it offers. Call inside a transaction.
async fn redeem(
    db: &impl ConnectionTrait,
    row: &invitation::Model,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .col_expr(invitation::Column::AcceptedBy, Expr::value(user_id))
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(ServiceError::Conflict(
            "This invitation has already been used. Ask for a new one if you still need access."
                .into(),
        ));
    }
    match invite_of(row)? {
        Invite::School { school_id, role } => {
            let existing = membership::Entity::find()
                .filter(membership::Column::UserId.eq(user_id))
                .filter(membership::Column::SchoolId.eq(school_id))
                .one(db)
                .await?;
            match existing {
                Some(m) => {
                    let mut m: membership::ActiveModel = m.into();
                    m.role = Set(role.as_str().into());
                    m.update(db).await?;
                }
                None => {
                    membership::ActiveModel {
                        user_id: Set(user_id),
                        school_id: Set(school_id),
                        role: Set(role.as_str().into()),
                        created_at: Set(now),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?;
                }
            }
        }
        Invite::Assessor { authority_id } => {
            let user = user::Entity::find_by_id(user_id)
                .one(db)
                .await?
                .ok_or(ServiceError::NotFound)?;
            let mut user: user::ActiveModel = user.into();
            user.assessor_authority_id = Set(Some(authority_id));
            user.update(db).await?;
        }
    }
    Ok(())
}

/// A new person accepts: their account is made and the invitation used, together or not at all.
pub async fn accept_with_new_account<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    account: &NewAccount,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let row = find(db, token).await?;
    if let Some(problem) = unusable(&row, now) {
        return Err(problem);
    }
    let txn = db.begin().await?;
    let user = create_user(&txn, account, false, None).await?;
    redeem(&txn, &row, user.id, now).await?;
    txn.commit().await?;
    Ok(user.id)
}

/// Someone already signed in accepts.
pub async fn accept_as<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    token: &str,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let row = find(db, token).await?;
    if let Some(problem) = unusable(&row, now) {
        return Err(problem);
    }
    let txn = db.begin().await?;
    redeem(&txn, &row, user_id, now).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn pending_for_school(
    db: &impl ConnectionTrait,
    school_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<Vec<PendingInvitation>> {
    let rows = invitation::Entity::find()
        .filter(invitation::Column::SchoolId.eq(school_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_asc(invitation::Column::ExpiresAt)
        .all(db)
        .await?;
    let mut pending = Vec::with_capacity(rows.len());
    for row in rows {
        let created_by = match row.created_by {
            Some(id) => user::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| u.display_name),
            None => None,
        };
        if let Some(InvitedRole::School(role)) = InvitedRole::parse(&row.role) {
            pending.push(PendingInvitation {
                id: row.id,
                role,
                created_by,
                expires_at: row.expires_at,
            });
        }
    }
    Ok(pending)
}

/// Withdraws an unused invitation of this school.
pub async fn revoke(
    db: &impl ConnectionTrait,
    school_id: i32,
    invitation_id: i32,
) -> ServiceResult<()> {
    let gone = invitation::Entity::delete_many()
        .filter(invitation::Column::Id.eq(invitation_id))
        .filter(invitation::Column::SchoolId.eq(school_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(db)
        .await?;
    if gone.rows_affected == 1 {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::TestDb;
    use crate::db_test;
    use crate::services::{accounts, schools};

    async fn school_and_coordinator(db: &impl ConnectionTrait) -> (i32, i32) {
        let a = schools::create_authority(db, "Lincolnshire").await.unwrap();
        let s = schools::create_school(
            db,
            schools::NewSchool {
                authority_id: a.id,
                name: "Fen Primary",
                urn: "120123",
                phase: "Primary",
                school_type: "Maintained",
            },
        )
        .await
        .unwrap();
        let account = NewAccount::check(
            "Cora",
            "cora@fen.sch.uk",
            "coordinator pw",
            "coordinator pw",
        )
        .unwrap();
        let u = accounts::create_user(db, &account, false, None)
            .await
            .unwrap();
        (s.id, u.id)
    }

    fn account(email: &str) -> NewAccount {
        NewAccount::check("Eddie", email, "editor password", "editor password").unwrap()
    }

    db_test!(an_invitation_is_used_once, |t: TestDb| async move {
        let (school_id, coordinator) = school_and_coordinator(&t.db).await;
        let now = Utc::now();
        let invite = Invite::School {
            school_id,
            role: SchoolRole::Editor,
        };
        let token = create(&t.db, invite, coordinator, Duration::days(7), now)
            .await
            .unwrap();
        let preview = preview(&t.db, &token, now).await.unwrap();
        assert_eq!(preview.place, "Fen Primary");
        assert_eq!(preview.role, InvitedRole::School(SchoolRole::Editor));

        let user_id = accept_with_new_account(&t.db, &token, &account("eddie@fen.sch.uk"), now)
            .await
            .unwrap();
        let me = accounts::me(&t.db, user_id).await.unwrap().unwrap();
        let p = crate::security::Principal::from(&me);
        assert_eq!(p.memberships, vec![(school_id, SchoolRole::Editor)]);

        let again = accept_with_new_account(&t.db, &token, &account("other@fen.sch.uk"), now).await;
        assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
        // nothing half-saved: the second person's account was not made
        assert!(
            accounts::find_by_email(&t.db, "other@fen.sch.uk")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            pending_for_school(&t.db, school_id, now)
                .await
                .unwrap()
                .is_empty()
        );
    });

    db_test!(an_expired_invitation_is_refused, |t: TestDb| async move {
        let (school_id, coordinator) = school_and_coordinator(&t.db).await;
        let then = Utc::now() - Duration::days(8);
        let invite = Invite::School {
            school_id,
            role: SchoolRole::Governor,
        };
        let token = create(&t.db, invite, coordinator, Duration::days(7), then)
            .await
            .unwrap();
        let now = Utc::now();
        assert!(
            matches!(preview(&t.db, &token, now).await, Err(ServiceError::Conflict(m)) if m.contains("expired"))
        );
        let r = accept_with_new_account(&t.db, &token, &account("g@fen.sch.uk"), now).await;
        assert!(matches!(r, Err(ServiceError::Conflict(_))));
        assert!(
            accounts::find_by_email(&t.db, "g@fen.sch.uk")
                .await
                .unwrap()
                .is_none()
        );
    });

    db_test!(
        a_failed_account_leaves_the_invitation_unused,
        |t: TestDb| async move {
            let (school_id, coordinator) = school_and_coordinator(&t.db).await;
            let now = Utc::now();
            let invite = Invite::School {
                school_id,
                role: SchoolRole::Editor,
            };
            let token = create(&t.db, invite, coordinator, Duration::days(7), now)
                .await
                .unwrap();
            // the coordinator's own address is taken: the account fails, the link stays usable
            let r = accept_with_new_account(&t.db, &token, &account("cora@fen.sch.uk"), now).await;
            assert!(matches!(r, Err(ServiceError::Invalid(_))), "{r:?}");
            assert!(preview(&t.db, &token, now).await.is_ok());
            assert_eq!(
                pending_for_school(&t.db, school_id, now)
                    .await
                    .unwrap()
                    .len(),
                1
            );
        }
    );

    db_test!(unknown_tokens_are_not_found, |t: TestDb| async move {
        let now = Utc::now();
        assert!(matches!(
            preview(&t.db, "nope", now).await,
            Err(ServiceError::NotFound)
        ));
        let token = tokens::new_token();
        assert!(matches!(
            preview(&t.db, &token, now).await,
            Err(ServiceError::NotFound)
        ));
    });
}
