//! Surveys of carers, pupils and staff: the survey (its questions as JSON),
//! its share links, and the responses. No IP address or account is stored
//! with a response.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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
enum Surveys {
    Table,
    Id,
    SchoolId,
    Title,
    Audience,
    Design,
    Status,
    OpensOn,
    ClosesOn,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SurveyLinks {
    Table,
    Id,
    SurveyId,
    Token,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    Id,
    SurveyId,
    SubmissionKey,
    Answers,
    SubmittedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Surveys::Table)
                    .col(pk_auto(Surveys::Id))
                    .col(integer(Surveys::SchoolId))
                    .col(string(Surveys::Title))
                    .col(string(Surveys::Audience))
                    .col(text(Surveys::Design))
                    .col(string(Surveys::Status))
                    .col(date_null(Surveys::OpensOn))
                    .col(date_null(Surveys::ClosesOn))
                    .col(integer_null(Surveys::CreatedBy))
                    .col(timestamp_with_time_zone(Surveys::CreatedAt))
                    .col(timestamp_with_time_zone(Surveys::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Surveys::Table, Surveys::SchoolId)
                            .to(Schools::Table, Schools::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Surveys::Table, Surveys::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyLinks::Table)
                    .col(pk_auto(SurveyLinks::Id))
                    .col(integer(SurveyLinks::SurveyId))
                    .col(string_uniq(SurveyLinks::Token))
                    .col(timestamp_with_time_zone(SurveyLinks::CreatedAt))
                    .col(timestamp_with_time_zone_null(SurveyLinks::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyLinks::Table, SurveyLinks::SurveyId)
                            .to(Surveys::Table, Surveys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyResponses::Table)
                    .col(pk_auto(SurveyResponses::Id))
                    .col(integer(SurveyResponses::SurveyId))
                    .col(string(SurveyResponses::SubmissionKey))
                    .col(text(SurveyResponses::Answers))
                    .col(timestamp_with_time_zone(SurveyResponses::SubmittedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyResponses::Table, SurveyResponses::SurveyId)
                            .to(Surveys::Table, Surveys::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("survey_responses_once")
                    .table(SurveyResponses::Table)
                    .col(SurveyResponses::SurveyId)
                    .col(SurveyResponses::SubmissionKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SurveyResponses::Table.into_iden(),
            SurveyLinks::Table.into_iden(),
            Surveys::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
