//! People: creating accounts, checking passwords, and what a signed-in
//! person is allowed to be (their principal).

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, SqlErr,
};

use super::{Problems, ServiceError, ServiceResult, clean_line};
use crate::db::entities::{authority, membership, school, user};
use crate::model::{Me, MembershipInfo, SchoolRole};
use crate::security::passwords;

pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_NAME_CHARS: usize = 100;

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plausible address: something@something.something, no spaces.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
        && email.chars().count() <= MAX_EMAIL_CHARS
}

/// The new account's details, checked.
pub struct NewAccount {
    pub name: String,
    pub email: String,
    pub password: String,
}

impl NewAccount {
    pub fn check(name: &str, email: &str, password: &str, confirm: &str) -> ServiceResult<Self> {
        let mut p = Problems::default();
        let name = clean_line(&mut p, "name", "your full name", name, MAX_NAME_CHARS);
        let email = normalise_email(email);
        if email.is_empty() {
            p.add("email", "Enter your email address");
        } else if !is_plausible_email(&email) {
            p.add(
                "email",
                "Enter an email address in the correct format, like name@example.org",
            );
        }
        if let Err(message) = passwords::check_new(password) {
            p.add("password", message);
        } else if password != confirm {
            p.add("confirm", "The passwords do not match");
        }
        p.check()?;
        Ok(NewAccount {
            name,
            email,
            password: password.to_string(),
        })
    }
}

/// Hashing is slow on purpose; keep it off the async workers.
pub async fn hash_password(password: String) -> ServiceResult<String> {
    tokio::task::spawn_blocking(move || passwords::hash(&password))
        .await
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

pub async fn create_user(
    db: &impl ConnectionTrait,
    account: &NewAccount,
    is_admin: bool,
    assessor_of: Option<i32>,
) -> ServiceResult<user::Model> {
    let hash = hash_password(account.password.clone()).await?;
    let row = user::ActiveModel {
        email: Set(account.email.clone()),
        display_name: Set(account.name.clone()),
        password_hash: Set(hash),
        is_admin: Set(is_admin),
        assessor_authority_id: Set(assessor_of),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    row.insert(db).await.map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ServiceError::invalid(
            "email",
            "An account with this email address already exists. Sign in instead.",
        ),
        _ => e.into(),
    })
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> ServiceResult<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?)
}

/// The user whose password this is, or `None` — taking the same time whether
/// or not the address exists.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
) -> ServiceResult<Option<user::Model>> {
    let found = find_by_email(db, email).await?;
    let password = password.to_string();
    let hash = found.as_ref().map(|u| u.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => passwords::verify(&password, &hash),
        None => passwords::verify_decoy(&password),
    })
    .await
    .map_err(|e| ServiceError::Internal(e.to_string()))?;
    if !ok {
        return Ok(None);
    }
    let Some(user) = found else { return Ok(None) };
    let mut row: user::ActiveModel = user.clone().into();
    row.last_sign_in_at = Set(Some(Utc::now()));
    row.update(db).await?;
    Ok(Some(user))
}

async fn memberships(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> ServiceResult<Vec<(membership::Model, Option<school::Model>)>> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .find_also_related(school::Entity)
        .order_by_asc(membership::Column::SchoolId)
        .all(db)
        .await?)
}

pub async fn me(db: &impl ConnectionTrait, user_id: i32) -> ServiceResult<Option<Me>> {
    let Some(user) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let memberships = memberships(db, user_id)
        .await?
        .into_iter()
        .filter_map(|(m, s)| {
            Some(MembershipInfo {
                school_id: m.school_id,
                school_name: s?.name,
                role: SchoolRole::parse(&m.role)?,
            })
        })
        .collect();
    let assessor_of = match user.assessor_authority_id {
        Some(id) => authority::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|a| (a.id, a.name)),
        None => None,
    };
    Ok(Some(Me {
        id: user.id,
        name: user.display_name,
        email: user.email,
        is_admin: user.is_admin,
        assessor_of,
        memberships,
    }))
}

/// Display names of these people (the ones that still exist).
pub async fn display_names(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> ServiceResult<HashMap<i32, String>> {
    let ids: BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::TestDb;
    use crate::db_test;

    #[test]
    fn email_rules() {
        assert!(is_plausible_email("dt@school.sch.uk"));
        assert!(!is_plausible_email("dt@school"));
        assert!(!is_plausible_email("dt school@x.org"));
        assert!(!is_plausible_email("@x.org"));
        assert_eq!(normalise_email("  DT@School.ORG "), "dt@school.org");
    }

    #[test]
    fn new_account_problems_are_all_reported() {
        let Err(ServiceError::Invalid(errors)) = NewAccount::check("", "nope", "short", "short")
        else {
            panic!("expected invalid");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "password"]);
        let Err(ServiceError::Invalid(errors)) =
            NewAccount::check("A", "a@b.org", "long enough pw", "long enough pX")
        else {
            panic!("expected invalid");
        };
        assert_eq!(errors[0].field, "confirm");
    }

    db_test!(sign_in_checks_the_password, |t: TestDb| async move {
        let account = NewAccount::check(
            "Ann Lee",
            "Ann@School.org",
            "a long password",
            "a long password",
        )
        .unwrap();
        let user = create_user(&t.db, &account, false, None).await.unwrap();
        assert_eq!(user.email, "ann@school.org");
        assert!(
            authenticate(&t.db, "ANN@school.org", "a long password")
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            authenticate(&t.db, "ann@school.org", "a wrong password")
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            authenticate(&t.db, "nobody@school.org", "a long password")
                .await
                .unwrap()
                .is_none()
        );
        let again = create_user(&t.db, &account, false, None).await.unwrap_err();
        assert!(
            matches!(again, ServiceError::Invalid(ref e) if e[0].field == "email"),
            "{again:?}"
        );
        let stored = user::Entity::find_by_id(user.id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        assert!(stored.password_hash.starts_with("$argon2id$"));
        assert!(stored.last_sign_in_at.is_some());
    });
}
