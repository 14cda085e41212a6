//! Persistence: connecting (SQLite by default, PostgreSQL by URL), migrating,
//! and the entities.

pub mod entities;
pub mod testing;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// The embedded default: a file under `./data/`, created on first run.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/caring-schools.db?mode=rwc";

/// Connects and brings the schema up to date.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = connect(url).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(dir) = sqlite_path(url).and_then(|p| std::path::Path::new(p).parent())
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(if sqlite_path(url).is_some() { 4 } else { 16 })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    // Every connection of the pool: readers never wait for the writer, a
    // committed write survives a power cut, and a busy file is waited for.
    options.map_sqlx_sqlite_opts(|o| {
        o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
    });
    let mut db = Database::connect(options).await?;
    // `RUST_LOG=caring_schools::sql=trace` lists every statement and its time.
    db.set_metric_callback(|info| {
        tracing::trace!(
            target: "caring_schools::sql",
            micros = info.elapsed.as_micros() as u64,
            failed = info.failed,
            sql = %info.statement.sql,
        );
    });
    Ok(db)
}

/// The file of a `sqlite://` URL (not the in-memory database).
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// True when the database answers.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_paths() {
        assert_eq!(
            sqlite_path("sqlite://data/x.db?mode=rwc"),
            Some("data/x.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/db"), None);
    }
}
