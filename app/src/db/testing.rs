//! Fresh databases for tests: a new SQLite file each time, and a new
//! PostgreSQL database each time when `TEST_DATABASE_URL` is set.

use sea_orm::{ConnectionTrait, DatabaseConnection};

/// A migrated database that is removed when dropped (SQLite file) or left for
/// the server to clean (PostgreSQL databases are named `cs_test_*`).
#[derive(Clone)]
pub struct TestDb {
    pub db: DatabaseConnection,
    pub url: String,
    _dir: Option<std::sync::Arc<tempfile::TempDir>>,
}

/// Which databases the tests run on: SQLite always, PostgreSQL when configured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
        let db = super::connect_and_migrate(&url)
            .await
            .expect("sqlite test database");
        TestDb {
            db,
            url,
            _dir: Some(std::sync::Arc::new(dir)),
        }
    }

    /// `None` when `TEST_DATABASE_URL` is not set.
    pub async fn postgres() -> Option<TestDb> {
        let base = std::env::var("TEST_DATABASE_URL").ok()?;
        let admin = super::connect(&base)
            .await
            .expect("TEST_DATABASE_URL answers");
        let name = format!(
            "cs_test_{}",
            crate::security::tokens::new_token()
                .to_ascii_lowercase()
                .replace(['-', '_'], "")
                .chars()
                .take(20)
                .collect::<String>()
        );
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        let url = match base.rsplit_once('/') {
            Some((server, _)) => format!("{server}/{name}"),
            None => panic!("TEST_DATABASE_URL must end in /<database>"),
        };
        let db = super::connect_and_migrate(&url)
            .await
            .expect("postgres test database");
        Some(TestDb {
            db,
            url,
            _dir: None,
        })
    }

    pub async fn new(backend: Backend) -> Option<TestDb> {
        match backend {
            Backend::Sqlite => Some(Self::sqlite().await),
            Backend::Postgres => Self::postgres().await,
        }
    }
}

/// Writes a test once and runs it on SQLite and on PostgreSQL:
/// `db_test!(name, |db: TestDb| async move { ... });`
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::db::testing::TestDb::new($crate::db::testing::Backend::Sqlite)
                    .await
                    .unwrap();
                // The body may capture only `db.db`; this copy keeps the files alive.
                ($body)(db.clone()).await;
                drop(db);
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match $crate::db::testing::TestDb::new($crate::db::testing::Backend::Postgres).await
                {
                    Some(db) => {
                        ($body)(db.clone()).await;
                        drop(db);
                    }
                    None => eprintln!("TEST_DATABASE_URL not set: PostgreSQL run skipped"),
                }
            }
        }
    };
}
