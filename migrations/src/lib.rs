//! Database schema, one timestamped file per change. Applied at server start.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_base;
mod m20261122_000002_collab;
mod m20261122_000003_evidence;
mod m20261122_000004_surveys;
mod m20261122_000005_governors_report;
mod m20261130_000006_award;
mod m20261130_000007_review;
mod m20261201_000008_dt_duties;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_base::Migration),
            Box::new(m20261122_000002_collab::Migration),
            Box::new(m20261122_000003_evidence::Migration),
            Box::new(m20261122_000004_surveys::Migration),
            Box::new(m20261122_000005_governors_report::Migration),
            Box::new(m20261130_000006_award::Migration),
            Box::new(m20261130_000007_review::Migration),
            Box::new(m20261201_000008_dt_duties::Migration),
        ]
    }
}
