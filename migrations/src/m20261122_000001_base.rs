//! Authorities, schools, people, sessions, portfolios and their criterion responses.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Authorities {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Schools {
    Table,
    Id,
    AuthorityId,
    Name,
    Urn,
    Phase,
    SchoolType,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    IsAdmin,
    AssessorAuthorityId,
    CreatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Id,
    UserId,
    SchoolId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    TokenHash,
    SchoolId,
    AuthorityId,
    Role,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Portfolios {
    Table,
    Id,
    SchoolId,
    FrameworkId,
    FrameworkVersion,
    Cycle,
    Status,
    SettingName,
    HeadTeacher,
    DesignatedTeacher,
    GovernorLac,
    StartDate,
    TargetDate,
    SubmissionDate,
    AwardLevel,
    AwardDate,
    RenewalDueDate,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CriterionResponses {
    Table,
    Id,
    PortfolioId,
    CriterionId,
    Practice,
    Impact,
    NextSteps,
    StandardMet,
    OwnerUserId,
    Status,
    UpdatedAt,
    UpdatedBy,
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Authorities::Table)
                    .col(pk_auto(Authorities::Id))
                    .col(string(Authorities::Name))
                    .col(timestamp_with_time_zone(Authorities::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Schools::Table)
                    .col(pk_auto(Schools::Id))
                    .col(integer(Schools::AuthorityId))
                    .col(string(Schools::Name))
                    .col(string_uniq(Schools::Urn))
                    .col(string(Schools::Phase))
                    .col(string(Schools::SchoolType))
                    .col(timestamp_with_time_zone(Schools::CreatedAt))
                    .foreign_key(&mut fk(
                        Schools::Table,
                        Schools::AuthorityId,
                        Authorities::Table,
                        Authorities::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::DisplayName))
                    .col(string(Users::PasswordHash))
                    .col(boolean(Users::IsAdmin).default(false))
                    .col(integer_null(Users::AssessorAuthorityId))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone_null(Users::LastSignInAt))
                    .foreign_key(&mut fk(
                        Users::Table,
                        Users::AssessorAuthorityId,
                        Authorities::Table,
                        Authorities::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .col(pk_auto(Memberships::Id))
                    .col(integer(Memberships::UserId))
                    .col(integer(Memberships::SchoolId))
                    .col(string(Memberships::Role))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .foreign_key(&mut fk(
                        Memberships::Table,
                        Memberships::UserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Memberships::Table,
                        Memberships::SchoolId,
                        Schools::Table,
                        Schools::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("memberships_user_school")
                    .table(Memberships::Table)
                    .col(Memberships::UserId)
                    .col(Memberships::SchoolId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(pk_auto(Invitations::Id))
                    .col(string_uniq(Invitations::TokenHash))
                    .col(integer_null(Invitations::SchoolId))
                    .col(integer_null(Invitations::AuthorityId))
                    .col(string(Invitations::Role))
                    .col(integer_null(Invitations::CreatedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(integer_null(Invitations::AcceptedBy))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::SchoolId,
                        Schools::Table,
                        Schools::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::AuthorityId,
                        Authorities::Table,
                        Authorities::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::CreatedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Invitations::Table,
                        Invitations::AcceptedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string(Sessions::Id).primary_key())
                    .col(blob(Sessions::Data))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sessions_expires_at")
                    .table(Sessions::Table)
                    .col(Sessions::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Portfolios::Table)
                    .col(pk_auto(Portfolios::Id))
                    .col(integer(Portfolios::SchoolId))
                    .col(string(Portfolios::FrameworkId))
                    .col(string(Portfolios::FrameworkVersion))
                    .col(integer(Portfolios::Cycle).default(1))
                    .col(string(Portfolios::Status))
                    .col(string(Portfolios::SettingName).default(""))
                    .col(string(Portfolios::HeadTeacher).default(""))
                    .col(string(Portfolios::DesignatedTeacher).default(""))
                    .col(string(Portfolios::GovernorLac).default(""))
                    .col(date_null(Portfolios::StartDate))
                    .col(date_null(Portfolios::TargetDate))
                    .col(date_null(Portfolios::SubmissionDate))
                    .col(string_null(Portfolios::AwardLevel))
                    .col(date_null(Portfolios::AwardDate))
                    .col(date_null(Portfolios::RenewalDueDate))
                    .col(timestamp_with_time_zone(Portfolios::CreatedAt))
                    .col(timestamp_with_time_zone(Portfolios::UpdatedAt))
                    .foreign_key(&mut fk(
                        Portfolios::Table,
                        Portfolios::SchoolId,
                        Schools::Table,
                        Schools::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CriterionResponses::Table)
                    .col(pk_auto(CriterionResponses::Id))
                    .col(integer(CriterionResponses::PortfolioId))
                    .col(string(CriterionResponses::CriterionId))
                    .col(text(CriterionResponses::Practice).default(""))
                    .col(text(CriterionResponses::Impact).default(""))
                    .col(text(CriterionResponses::NextSteps).default(""))
                    .col(string_null(CriterionResponses::StandardMet))
                    .col(integer_null(CriterionResponses::OwnerUserId))
                    .col(string(CriterionResponses::Status))
                    .col(timestamp_with_time_zone(CriterionResponses::UpdatedAt))
                    .col(integer_null(CriterionResponses::UpdatedBy))
                    .foreign_key(&mut fk(
                        CriterionResponses::Table,
                        CriterionResponses::PortfolioId,
                        Portfolios::Table,
                        Portfolios::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        CriterionResponses::Table,
                        CriterionResponses::OwnerUserId,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        CriterionResponses::Table,
                        CriterionResponses::UpdatedBy,
                        Users::Table,
                        Users::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("criterion_responses_portfolio_criterion")
                    .table(CriterionResponses::Table)
                    .col(CriterionResponses::PortfolioId)
                    .col(CriterionResponses::CriterionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CriterionResponses::Table.into_iden(),
            Portfolios::Table.into_iden(),
            Sessions::Table.into_iden(),
            Invitations::Table.into_iden(),
            Memberships::Table.into_iden(),
            Users::Table.into_iden(),
            Schools::Table.into_iden(),
            Authorities::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
