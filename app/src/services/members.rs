//! A school's members: who they are, changing roles, removing them.
//! A school always keeps at least one coordinator.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, TransactionSession, TransactionTrait,
};

use super::{ServiceError, ServiceResult, invitations, schools};
use crate::db::entities::{membership, user};
use crate::model::{Member, MembersPage, SchoolRole};

pub async fn page(
    db: &impl ConnectionTrait,
    school_id: i32,
    viewer: i32,
    now: DateTime<Utc>,
) -> ServiceResult<MembersPage> {
    let school = schools::info(db, school_id).await?;
    let rows = membership::Entity::find()
        .filter(membership::Column::SchoolId.eq(school_id))
        .find_also_related(user::Entity)
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    let mut members: Vec<Member> = rows
        .into_iter()
        .filter_map(|(m, u)| {
            let u = u?;
            Some(Member {
                user_id: u.id,
                name: u.display_name,
                email: u.email,
                role: SchoolRole::parse(&m.role)?,
                is_me: u.id == viewer,
            })
        })
        .collect();
    members.sort_by_key(|m| m.name.to_lowercase());
    Ok(MembersPage {
        school,
        members,
        pending: invitations::pending_for_school(db, school_id, now).await?,
    })
}

async fn membership_of(
    db: &impl ConnectionTrait,
    school_id: i32,
    user_id: i32,
) -> ServiceResult<membership::Model> {
    membership::Entity::find()
        .filter(membership::Column::SchoolId.eq(school_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn coordinators(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<u64> {
    Ok(membership::Entity::find()
        .filter(membership::Column::SchoolId.eq(school_id))
        .filter(membership::Column::Role.eq(SchoolRole::Coordinator.as_str()))
        .count(db)
        .await?)
}

const LAST_COORDINATOR: &str =
    "A school needs at least one coordinator. Make someone else coordinator first.";

/// The school's staff (coordinators and editors), by name: who can own a
/// criterion or an action.
pub async fn staff(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> ServiceResult<Vec<crate::model::StaffMember>> {
    let members = membership::Entity::find()
        .filter(membership::Column::SchoolId.eq(school_id))
        .filter(membership::Column::Role.is_in([
            SchoolRole::Coordinator.as_str(),
            SchoolRole::Editor.as_str(),
        ]))
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    Ok(staff_of(&members))
}

/// [`staff`] from a school's memberships already loaded with their people:
/// coordinators and editors, by name.
pub fn staff_of(
    members: &[(membership::Model, Option<user::Model>)],
) -> Vec<crate::model::StaffMember> {
    let mut staff: Vec<crate::model::StaffMember> = members
        .iter()
        .filter(|(m, _)| {
            m.role == SchoolRole::Coordinator.as_str() || m.role == SchoolRole::Editor.as_str()
        })
        .filter_map(|(_, u)| u.as_ref())
        .map(|u| crate::model::StaffMember {
            id: u.id,
            name: u.display_name.clone(),
        })
        .collect();
    staff.sort_by_key(|s| s.name.to_lowercase());
    staff
}

pub async fn change_role<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    school_id: i32,
    user_id: i32,
    role: SchoolRole,
) -> ServiceResult<()> {
    let txn = db.begin().await?;
    let m = membership_of(&txn, school_id, user_id).await?;
    let was_coordinator = m.role == SchoolRole::Coordinator.as_str();
    let mut m: membership::ActiveModel = m.into();
    m.role = Set(role.as_str().into());
    m.update(&txn).await?;
    if was_coordinator && coordinators(&txn, school_id).await? == 0 {
        return Err(ServiceError::Conflict(LAST_COORDINATOR.into()));
    }
    txn.commit().await?;
    Ok(())
}

/// Removes a member. Nobody removes themselves (another coordinator does),
/// and the school always keeps a coordinator.
pub async fn remove<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    school_id: i32,
    user_id: i32,
    by: i32,
) -> ServiceResult<()> {
    if user_id == by {
        return Err(ServiceError::Conflict(
            "You cannot remove yourself. Another coordinator of the school can.".into(),
        ));
    }
    let txn = db.begin().await?;
    let m = membership_of(&txn, school_id, user_id).await?;
    membership::Entity::delete_by_id(m.id).exec(&txn).await?;
    if coordinators(&txn, school_id).await? == 0 {
        return Err(ServiceError::Conflict(LAST_COORDINATOR.into()));
    }
    // Their calendar link of the school's PEP dates goes with them (were
    // they to come back, an old link would not start working again).
    super::feeds::revoke(&txn, school_id, user_id).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::TestDb;
    use crate::db_test;
    use crate::services::accounts::{self, NewAccount};
    use crate::services::schools::{NewSchool, create_authority, create_school};

    async fn add(db: &impl ConnectionTrait, school_id: i32, email: &str, role: SchoolRole) -> i32 {
        let account = NewAccount::check("Person", email, "long password", "long password").unwrap();
        let u = accounts::create_user(db, &account, false, None)
            .await
            .unwrap();
        membership::ActiveModel {
            user_id: Set(u.id),
            school_id: Set(school_id),
            role: Set(role.as_str().into()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        u.id
    }

    fn member(
        id: i32,
        role: SchoolRole,
        name: Option<&str>,
    ) -> (membership::Model, Option<user::Model>) {
        let now = Utc::now();
        (
            membership::Model {
                id,
                user_id: id,
                school_id: 1,
                role: role.as_str().into(),
                created_at: now,
            },
            name.map(|name| user::Model {
                id,
                email: format!("{id}@fen.org"),
                display_name: name.into(),
                password_hash: String::new(),
                is_admin: false,
                assessor_authority_id: None,
                created_at: now,
                last_sign_in_at: None,
            }),
        )
    }

    #[test]
    fn staff_are_the_coordinators_and_editors_by_name() {
        let members = [
            member(1, SchoolRole::Editor, Some("sam Patel")),
            member(2, SchoolRole::Governor, Some("Gill Owen")),
            member(3, SchoolRole::Coordinator, Some("Dana Taylor")),
            member(4, SchoolRole::Editor, None),
        ];
        let staff: Vec<(i32, String)> = staff_of(&members)
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        assert_eq!(staff, [(3, "Dana Taylor".into()), (1, "sam Patel".into())]);
    }

    db_test!(the_last_coordinator_stays, |t: TestDb| async move {
        let a = create_authority(&t.db, "Lincolnshire").await.unwrap();
        let s = create_school(
            &t.db,
            NewSchool {
                authority_id: a.id,
                name: "Fen",
                urn: "120123",
                phase: "Primary",
                school_type: "Academy",
            },
        )
        .await
        .unwrap();
        let cora = add(&t.db, s.id, "c@fen.org", SchoolRole::Coordinator).await;
        let eddie = add(&t.db, s.id, "e@fen.org", SchoolRole::Editor).await;

        let r = change_role(&t.db, s.id, cora, SchoolRole::Editor).await;
        assert!(matches!(r, Err(ServiceError::Conflict(_))), "{r:?}");
        assert!(matches!(
            remove(&t.db, s.id, cora, eddie).await,
            Err(ServiceError::Conflict(_))
        ));
        assert!(
            matches!(
                remove(&t.db, s.id, eddie, eddie).await,
                Err(ServiceError::Conflict(ref m)) if m.contains("yourself")
            ),
            "nobody removes themselves"
        );
        // unchanged after the refusals
        let listed = page(&t.db, s.id, cora, Utc::now()).await.unwrap();
        assert!(
            listed
                .members
                .iter()
                .any(|m| m.user_id == cora && m.role == SchoolRole::Coordinator)
        );

        change_role(&t.db, s.id, eddie, SchoolRole::Coordinator)
            .await
            .unwrap();
        change_role(&t.db, s.id, cora, SchoolRole::Governor)
            .await
            .unwrap();
        remove(&t.db, s.id, cora, eddie).await.unwrap();
        let listed = page(&t.db, s.id, eddie, Utc::now()).await.unwrap();
        assert_eq!(listed.members.len(), 1);
        assert!(listed.members[0].is_me);
        assert!(matches!(
            remove(&t.db, s.id, cora, eddie).await,
            Err(ServiceError::NotFound)
        ));
    });
}
