//! Authorities and their schools.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, SqlErr,
};

use super::{Problems, ServiceError, ServiceResult, clean_line};
use crate::db::entities::{authority, membership, portfolio, school};
use crate::model::{PortfolioStatus, SchoolInfo, SchoolListItem};
use crate::rubric::Catalog;
use crate::security::Target;

pub async fn create_authority(
    db: &impl ConnectionTrait,
    name: &str,
) -> ServiceResult<authority::Model> {
    let mut p = Problems::default();
    let name = clean_line(&mut p, "name", "the authority's name", name, 120);
    p.check()?;
    Ok(authority::ActiveModel {
        name: Set(name),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn authorities(db: &impl ConnectionTrait) -> ServiceResult<Vec<authority::Model>> {
    Ok(authority::Entity::find()
        .order_by_asc(authority::Column::Name)
        .all(db)
        .await?)
}

pub struct NewSchool<'a> {
    pub authority_id: i32,
    pub name: &'a str,
    pub urn: &'a str,
    pub phase: &'a str,
    pub school_type: &'a str,
}

/// A URN is the DfE's six-digit (sometimes seven) Unique Reference Number.
pub fn is_urn(s: &str) -> bool {
    (6..=7).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

pub async fn create_school(
    db: &impl ConnectionTrait,
    new: NewSchool<'_>,
) -> ServiceResult<school::Model> {
    let mut p = Problems::default();
    let name = clean_line(&mut p, "name", "the school's name", new.name, 160);
    let urn = new.urn.trim().to_string();
    if !is_urn(&urn) {
        p.add("urn", "Enter the school's URN: 6 or 7 digits, like 120123");
    }
    let phase = clean_line(&mut p, "phase", "the phase", new.phase, 60);
    let school_type = clean_line(
        &mut p,
        "school_type",
        "the type of school",
        new.school_type,
        60,
    );
    if authority::Entity::find_by_id(new.authority_id)
        .one(db)
        .await?
        .is_none()
    {
        p.add("authority_id", "Choose an authority");
    }
    p.check()?;
    school::ActiveModel {
        authority_id: Set(new.authority_id),
        name: Set(name),
        urn: Set(urn),
        phase: Set(phase),
        school_type: Set(school_type),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::invalid("urn", "A school with this URN is already registered")
        }
        _ => e.into(),
    })
}

/// The policy's view of a school, or not found.
pub async fn target(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<Target> {
    let school = school::Entity::find_by_id(school_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(Target::School {
        school_id,
        authority_id: school.authority_id,
    })
}

pub async fn info(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<SchoolInfo> {
    let (school, authority) = school::Entity::find_by_id(school_id)
        .find_also_related(authority::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(SchoolInfo {
        id: school.id,
        name: school.name,
        urn: school.urn,
        phase: school.phase,
        school_type: school.school_type,
        authority_name: authority.map(|a| a.name).unwrap_or_default(),
    })
}

/// Schools with their latest portfolio's standing; all of them, or one
/// authority's. Four queries however many schools there are.
pub async fn list(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    authority_id: Option<i32>,
) -> ServiceResult<Vec<SchoolListItem>> {
    let mut query = school::Entity::find()
        .find_also_related(authority::Entity)
        .order_by_asc(school::Column::Name);
    if let Some(id) = authority_id {
        query = query.filter(school::Column::AuthorityId.eq(id));
    }
    let rows = query.all(db).await?;
    let mut members = membership::Entity::find()
        .select_only()
        .column(membership::Column::SchoolId)
        .column_as(membership::Column::Id.count(), "members")
        .group_by(membership::Column::SchoolId);
    // The award's portfolios, not a self-audit.
    let mut all = portfolio::Entity::find()
        .filter(portfolio::Column::FrameworkId.is_in(frameworks.award_ids()))
        .order_by_desc(portfolio::Column::Id);
    if authority_id.is_some() {
        let ids: Vec<i32> = rows.iter().map(|(s, _)| s.id).collect();
        members = members.filter(membership::Column::SchoolId.is_in(ids.clone()));
        all = all.filter(portfolio::Column::SchoolId.is_in(ids));
    }
    let members: HashMap<i32, i64> = members
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let all = all.all(db).await?;
    let mut latest: HashMap<i32, &portfolio::Model> = HashMap::new();
    for p in &all {
        latest.entry(p.school_id).or_insert(p);
    }
    let newest: Vec<&portfolio::Model> = latest.values().copied().collect();
    let percents = super::portfolios::percents(db, frameworks, &newest).await?;
    Ok(rows
        .into_iter()
        .map(|(school, authority)| {
            let newest = latest.get(&school.id);
            SchoolListItem {
                id: school.id,
                members: members.get(&school.id).copied().unwrap_or(0).max(0) as u64,
                portfolio_status: newest.and_then(|p| PortfolioStatus::parse(&p.status)),
                percent_complete: newest.and_then(|p| percents.get(&p.id).copied()),
                name: school.name,
                urn: school.urn,
                authority_name: authority.map(|a| a.name).unwrap_or_default(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::TestDb;
    use crate::db_test;

    #[test]
    fn urns() {
        assert!(is_urn("120123"));
        assert!(is_urn("1201234"));
        assert!(!is_urn("12012"));
        assert!(!is_urn("12O123"));
    }

    db_test!(a_urn_is_registered_once, |t: TestDb| async move {
        let a = create_authority(&t.db, "Lincolnshire").await.unwrap();
        let new = || NewSchool {
            authority_id: a.id,
            name: "Fen Primary",
            urn: "120123",
            phase: "Primary",
            school_type: "Maintained",
        };
        let s = create_school(&t.db, new()).await.unwrap();
        assert_eq!(
            target(&t.db, s.id).await.unwrap(),
            Target::School {
                school_id: s.id,
                authority_id: a.id
            }
        );
        let err = create_school(&t.db, new()).await.unwrap_err();
        assert!(
            matches!(err, ServiceError::Invalid(ref e) if e[0].field == "urn"),
            "{err:?}"
        );
        assert!(matches!(
            target(&t.db, 9999).await,
            Err(ServiceError::NotFound)
        ));
    });
}
