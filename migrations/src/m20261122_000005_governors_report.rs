//! The governors' annual report: what the Designated Teacher and head teacher
//! write for it, one per portfolio and school year.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Portfolios {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GovernorReports {
    Table,
    Id,
    PortfolioId,
    /// The calendar year the school year starts in (2026 for 2026–27).
    SchoolYear,
    Commentary,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GovernorReports::Table)
                    .col(pk_auto(GovernorReports::Id))
                    .col(integer(GovernorReports::PortfolioId))
                    .col(integer(GovernorReports::SchoolYear))
                    .col(text(GovernorReports::Commentary))
                    .col(integer_null(GovernorReports::UpdatedBy))
                    .col(timestamp_with_time_zone(GovernorReports::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GovernorReports::Table, GovernorReports::PortfolioId)
                            .to(Portfolios::Table, Portfolios::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GovernorReports::Table, GovernorReports::UpdatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("governor_reports_one_per_year")
                    .table(GovernorReports::Table)
                    .col(GovernorReports::PortfolioId)
                    .col(GovernorReports::SchoolYear)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GovernorReports::Table).to_owned())
            .await?;
        Ok(())
    }
}
