//! Server-side sessions kept in the database through sea-orm, so a restart or
//! a second instance keeps everyone signed in. The cookie holds only the id.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, SqlErr,
};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use crate::db::entities::session;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        DbSessionStore { db }
    }
}

fn backend(e: sea_orm::DbErr) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn expiry(record: &Record) -> DateTime<Utc> {
    DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0).unwrap_or_else(Utc::now)
}

fn row(record: &Record) -> session_store::Result<session::ActiveModel> {
    let data =
        serde_json::to_vec(record).map_err(|e| session_store::Error::Encode(e.to_string()))?;
    Ok(session::ActiveModel {
        id: Set(record.id.to_string()),
        data: Set(data),
        expires_at: Set(expiry(record)),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            match session::Entity::insert(row(record)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default();
                }
                Err(e) => return Err(backend(e)),
            }
        }
    }

    /// Saves a session still stored, and only that: one ended meanwhile (its
    /// person signed out, or reset their password, while this request ran)
    /// stays ended rather than coming back with this request's copy.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        session::Entity::update_many()
            .set(row(record)?)
            .filter(session::Column::Id.eq(record.id.to_string()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let found = session::Entity::find_by_id(id.to_string())
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        found
            .map(|m| {
                serde_json::from_slice(&m.data)
                    .map_err(|e| session_store::Error::Decode(e.to_string()))
            })
            .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of one person (their password was reset elsewhere).
/// The cookie names only the session, so the sessions are read to find theirs.
pub async fn end_sessions_of(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
) -> Result<u64, sea_orm::DbErr> {
    let key = crate::security::identity::SESSION_USER_KEY;
    let doomed: Vec<String> = session::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|row| {
            serde_json::from_slice::<Record>(&row.data)
                .ok()
                .and_then(|r| r.data.get(key).and_then(serde_json::Value::as_i64))
                == Some(i64::from(user_id))
        })
        .map(|row| row.id)
        .collect();
    if doomed.is_empty() {
        return Ok(0);
    }
    Ok(session::Entity::delete_many()
        .filter(session::Column::Id.is_in(doomed))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::TestDb;
    use crate::db_test;

    db_test!(
        a_session_ended_meanwhile_is_not_saved_back,
        |t: TestDb| async move {
            let store = DbSessionStore::new(t.db.clone());
            let mut record = Record {
                id: Id::default(),
                data: Default::default(),
                expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
            };
            store.create(&mut record).await.unwrap();
            record.data.insert("user_id".into(), serde_json::json!(7));
            store.save(&record).await.unwrap();
            let stored = store.load(&record.id).await.unwrap().expect("stored");
            assert_eq!(stored.data.get("user_id"), Some(&serde_json::json!(7)));

            // signed out (or a password reset) while a request held its copy
            store.delete(&record.id).await.unwrap();
            store.save(&record).await.unwrap();
            assert!(store.load(&record.id).await.unwrap().is_none());
            assert!(session::Entity::find().all(&t.db).await.unwrap().is_empty());
        }
    );
}
