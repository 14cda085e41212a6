//! The collaborative documents: an update log, compacted into one snapshot per
//! portfolio, and the audit trail of who changed which criterion field.

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
enum DocSnapshots {
    Table,
    PortfolioId,
    State,
    LastUpdateId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DocUpdates {
    Table,
    Id,
    PortfolioId,
    Data,
    Origin,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    PortfolioId,
    CriterionId,
    Field,
    UserId,
    FirstAt,
    LastAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DocSnapshots::Table)
                    .col(integer(DocSnapshots::PortfolioId).primary_key())
                    .col(blob(DocSnapshots::State))
                    .col(integer(DocSnapshots::LastUpdateId).default(0))
                    .col(timestamp_with_time_zone(DocSnapshots::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DocSnapshots::Table, DocSnapshots::PortfolioId)
                            .to(Portfolios::Table, Portfolios::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DocUpdates::Table)
                    .col(pk_auto(DocUpdates::Id))
                    .col(integer(DocUpdates::PortfolioId))
                    .col(blob(DocUpdates::Data))
                    .col(string(DocUpdates::Origin))
                    .col(integer_null(DocUpdates::UserId))
                    .col(timestamp_with_time_zone(DocUpdates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(DocUpdates::Table, DocUpdates::PortfolioId)
                            .to(Portfolios::Table, Portfolios::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DocUpdates::Table, DocUpdates::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("doc_updates_portfolio_id")
                    .table(DocUpdates::Table)
                    .col(DocUpdates::PortfolioId)
                    .col(DocUpdates::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEvents::Table)
                    .col(pk_auto(AuditEvents::Id))
                    .col(integer(AuditEvents::PortfolioId))
                    .col(string(AuditEvents::CriterionId))
                    .col(string(AuditEvents::Field))
                    .col(integer_null(AuditEvents::UserId))
                    .col(timestamp_with_time_zone(AuditEvents::FirstAt))
                    .col(timestamp_with_time_zone(AuditEvents::LastAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditEvents::Table, AuditEvents::PortfolioId)
                            .to(Portfolios::Table, Portfolios::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditEvents::Table, AuditEvents::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_events_criterion")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::PortfolioId)
                    .col(AuditEvents::CriterionId)
                    .col(AuditEvents::LastAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvents::Table.into_iden(),
            DocUpdates::Table.into_iden(),
            DocSnapshots::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
