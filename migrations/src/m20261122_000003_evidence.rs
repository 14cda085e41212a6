//! The evidence library: files (stored once per school, by content hash),
//! evidence items in a portfolio, their links to criteria, and the record of
//! identifier warnings a writer knowingly overrode.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Portfolios {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Schools {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EvidenceFiles {
    Table,
    Id,
    SchoolId,
    Sha256,
    SizeBytes,
    ContentType,
    Content,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EvidenceItems {
    Table,
    Id,
    PortfolioId,
    Title,
    Kind,
    Description,
    FileId,
    FileName,
    LinkUrl,
    UploadedBy,
    UploadedAt,
    UpdatedAt,
    AnonymisedConfirmedBy,
    AnonymisedConfirmedAt,
    PhotoConfirmedBy,
    PhotoConfirmedAt,
}

#[derive(DeriveIden)]
enum EvidenceLinks {
    Table,
    ItemId,
    CriterionId,
    LinkedBy,
    LinkedAt,
}

#[derive(DeriveIden)]
enum IdentifierOverrides {
    Table,
    Id,
    PortfolioId,
    Place,
    Kind,
    FoundText,
    UserId,
    CreatedAt,
}

fn user_fk(
    table: impl IntoIden + 'static,
    column: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EvidenceFiles::Table)
                    .col(pk_auto(EvidenceFiles::Id))
                    .col(integer(EvidenceFiles::SchoolId))
                    .col(string_len(EvidenceFiles::Sha256, 64))
                    .col(big_integer(EvidenceFiles::SizeBytes))
                    .col(string(EvidenceFiles::ContentType))
                    .col(blob(EvidenceFiles::Content))
                    .col(timestamp_with_time_zone(EvidenceFiles::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvidenceFiles::Table, EvidenceFiles::SchoolId)
                            .to(Schools::Table, Schools::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("evidence_files_school_sha256")
                    .table(EvidenceFiles::Table)
                    .col(EvidenceFiles::SchoolId)
                    .col(EvidenceFiles::Sha256)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceItems::Table)
                    .col(pk_auto(EvidenceItems::Id))
                    .col(integer(EvidenceItems::PortfolioId))
                    .col(string(EvidenceItems::Title))
                    .col(string(EvidenceItems::Kind))
                    .col(text(EvidenceItems::Description))
                    .col(integer_null(EvidenceItems::FileId))
                    .col(string_null(EvidenceItems::FileName))
                    .col(text_null(EvidenceItems::LinkUrl))
                    .col(integer_null(EvidenceItems::UploadedBy))
                    .col(timestamp_with_time_zone(EvidenceItems::UploadedAt))
                    .col(timestamp_with_time_zone(EvidenceItems::UpdatedAt))
                    .col(integer_null(EvidenceItems::AnonymisedConfirmedBy))
                    .col(timestamp_with_time_zone(
                        EvidenceItems::AnonymisedConfirmedAt,
                    ))
                    .col(integer_null(EvidenceItems::PhotoConfirmedBy))
                    .col(timestamp_with_time_zone_null(
                        EvidenceItems::PhotoConfirmedAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvidenceItems::Table, EvidenceItems::PortfolioId)
                            .to(Portfolios::Table, Portfolios::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvidenceItems::Table, EvidenceItems::FileId)
                            .to(EvidenceFiles::Table, EvidenceFiles::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(&mut user_fk(
                        EvidenceItems::Table,
                        EvidenceItems::UploadedBy,
                    ))
                    .foreign_key(&mut user_fk(
                        EvidenceItems::Table,
                        EvidenceItems::AnonymisedConfirmedBy,
                    ))
                    .foreign_key(&mut user_fk(
                        EvidenceItems::Table,
                        EvidenceItems::PhotoConfirmedBy,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("evidence_items_portfolio")
                    .table(EvidenceItems::Table)
                    .col(EvidenceItems::PortfolioId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("evidence_items_file")
                    .table(EvidenceItems::Table)
                    .col(EvidenceItems::FileId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EvidenceLinks::Table)
                    .col(integer(EvidenceLinks::ItemId))
                    .col(string(EvidenceLinks::CriterionId))
                    .col(integer_null(EvidenceLinks::LinkedBy))
                    .col(timestamp_with_time_zone(EvidenceLinks::LinkedAt))
                    .primary_key(
                        Index::create()
                            .col(EvidenceLinks::ItemId)
                            .col(EvidenceLinks::CriterionId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EvidenceLinks::Table, EvidenceLinks::ItemId)
                            .to(EvidenceItems::Table, EvidenceItems::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(EvidenceLinks::Table, EvidenceLinks::LinkedBy))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdentifierOverrides::Table)
                    .col(pk_auto(IdentifierOverrides::Id))
                    .col(integer(IdentifierOverrides::PortfolioId))
                    .col(string(IdentifierOverrides::Place))
                    .col(string(IdentifierOverrides::Kind))
                    .col(string(IdentifierOverrides::FoundText))
                    .col(integer_null(IdentifierOverrides::UserId))
                    .col(timestamp_with_time_zone(IdentifierOverrides::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(IdentifierOverrides::Table, IdentifierOverrides::PortfolioId)
                            .to(Portfolios::Table, Portfolios::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut user_fk(
                        IdentifierOverrides::Table,
                        IdentifierOverrides::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("identifier_overrides_place")
                    .table(IdentifierOverrides::Table)
                    .col(IdentifierOverrides::PortfolioId)
                    .col(IdentifierOverrides::Place)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdentifierOverrides::Table.into_iden(),
            EvidenceLinks::Table.into_iden(),
            EvidenceItems::Table.into_iden(),
            EvidenceFiles::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
