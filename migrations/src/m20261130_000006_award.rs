//! The award team's side: a portfolio's registration and the cycle it renews,
//! the authority's board meetings, every submission round with its decision,
//! the assessors' feedback, and the log of downloads a coordinator can read.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Authorities {
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
enum Portfolios {
    Table,
    Id,
    /// The day the school registered its start date with the award team.
    RegisteredOn,
    /// The cycle this one renews (no foreign key: SQLite cannot add one).
    PreviousPortfolioId,
}

#[derive(DeriveIden)]
enum CriterionResponses {
    Table,
    /// Copied from the previous cycle and not changed since.
    CarriedOver,
}

#[derive(DeriveIden)]
enum BoardMeetings {
    Table,
    Id,
    AuthorityId,
    MeetsOn,
    Place,
    Notes,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Submissions {
    Table,
    Id,
    PortfolioId,
    Round,
    SubmittedOn,
    SubmittedBy,
    MeetingId,
    /// `awarded`, `not_yet` or `reopened`; null until decided.
    Outcome,
    AwardLevel,
    Reasons,
    DecidedOn,
    DecidedBy,
    DecidedAt,
    /// The decision being written, before "check your answers".
    DraftOutcome,
    DraftReasons,
    DraftBy,
}

#[derive(DeriveIden)]
enum FeedbackNotes {
    Table,
    Id,
    SubmissionId,
    /// `domain:2` or `criterion:2.5`.
    Place,
    Body,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Downloads {
    Table,
    Id,
    SchoolId,
    PortfolioId,
    UserId,
    /// `evidence`, `pack_pdf`, `pack_zip`.
    Kind,
    EvidenceItemId,
    /// What was downloaded, as it was called then.
    Title,
    At,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Portfolios::Table)
                    .add_column(date_null(Portfolios::RegisteredOn))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Portfolios::Table)
                    .add_column(integer_null(Portfolios::PreviousPortfolioId))
                    .to_owned(),
            )
            .await?;
        // A cycle is renewed once.
        manager
            .create_index(
                Index::create()
                    .name("portfolios_renewed_once")
                    .table(Portfolios::Table)
                    .col(Portfolios::PreviousPortfolioId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Before registration was recorded, the cover sheet's start date was
        // the one registered with the award team.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE portfolios SET registered_on = start_date WHERE start_date IS NOT NULL",
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CriterionResponses::Table)
                    .add_column(boolean(CriterionResponses::CarriedOver).default(false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BoardMeetings::Table)
                    .col(pk_auto(BoardMeetings::Id))
                    .col(integer(BoardMeetings::AuthorityId))
                    .col(date(BoardMeetings::MeetsOn))
                    .col(string(BoardMeetings::Place).default(""))
                    .col(text(BoardMeetings::Notes).default(""))
                    .col(integer_null(BoardMeetings::CreatedBy))
                    .col(timestamp_with_time_zone(BoardMeetings::CreatedAt))
                    .foreign_key(&mut fk(
                        (BoardMeetings::Table, BoardMeetings::AuthorityId),
                        (Authorities::Table, Authorities::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (BoardMeetings::Table, BoardMeetings::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("board_meetings_authority_date")
                    .table(BoardMeetings::Table)
                    .col(BoardMeetings::AuthorityId)
                    .col(BoardMeetings::MeetsOn)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Submissions::Table)
                    .col(pk_auto(Submissions::Id))
                    .col(integer(Submissions::PortfolioId))
                    .col(integer(Submissions::Round))
                    .col(date(Submissions::SubmittedOn))
                    .col(integer_null(Submissions::SubmittedBy))
                    .col(integer_null(Submissions::MeetingId))
                    .col(string_null(Submissions::Outcome))
                    .col(string_null(Submissions::AwardLevel))
                    .col(text(Submissions::Reasons).default(""))
                    .col(date_null(Submissions::DecidedOn))
                    .col(integer_null(Submissions::DecidedBy))
                    .col(timestamp_with_time_zone_null(Submissions::DecidedAt))
                    .col(string_null(Submissions::DraftOutcome))
                    .col(text(Submissions::DraftReasons).default(""))
                    .col(integer_null(Submissions::DraftBy))
                    .foreign_key(&mut fk(
                        (Submissions::Table, Submissions::PortfolioId),
                        (Portfolios::Table, Portfolios::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Submissions::Table, Submissions::MeetingId),
                        (BoardMeetings::Table, BoardMeetings::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Submissions::Table, Submissions::SubmittedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Submissions::Table, Submissions::DecidedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Submissions::Table, Submissions::DraftBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("submissions_portfolio_round")
                    .table(Submissions::Table)
                    .col(Submissions::PortfolioId)
                    .col(Submissions::Round)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("submissions_meeting")
                    .table(Submissions::Table)
                    .col(Submissions::MeetingId)
                    .to_owned(),
            )
            .await?;
        // Portfolios submitted before rounds were kept become round 1.
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO submissions (portfolio_id, round, submitted_on, reasons, draft_reasons) \
             SELECT id, 1, COALESCE(submission_date, DATE(updated_at)), '', '' \
             FROM portfolios WHERE status = 'submitted'",
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackNotes::Table)
                    .col(pk_auto(FeedbackNotes::Id))
                    .col(integer(FeedbackNotes::SubmissionId))
                    .col(string(FeedbackNotes::Place))
                    .col(text(FeedbackNotes::Body))
                    .col(integer_null(FeedbackNotes::UpdatedBy))
                    .col(timestamp_with_time_zone(FeedbackNotes::UpdatedAt))
                    .foreign_key(&mut fk(
                        (FeedbackNotes::Table, FeedbackNotes::SubmissionId),
                        (Submissions::Table, Submissions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (FeedbackNotes::Table, FeedbackNotes::UpdatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("feedback_notes_place")
                    .table(FeedbackNotes::Table)
                    .col(FeedbackNotes::SubmissionId)
                    .col(FeedbackNotes::Place)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Downloads::Table)
                    .col(pk_auto(Downloads::Id))
                    .col(integer(Downloads::SchoolId))
                    .col(integer_null(Downloads::PortfolioId))
                    .col(integer_null(Downloads::UserId))
                    .col(string(Downloads::Kind))
                    .col(integer_null(Downloads::EvidenceItemId))
                    .col(string(Downloads::Title))
                    .col(timestamp_with_time_zone(Downloads::At))
                    .foreign_key(&mut fk(
                        (Downloads::Table, Downloads::SchoolId),
                        (Schools::Table, Schools::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Downloads::Table, Downloads::PortfolioId),
                        (Portfolios::Table, Portfolios::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Downloads::Table, Downloads::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("downloads_school_at")
                    .table(Downloads::Table)
                    .col(Downloads::SchoolId)
                    .col(Downloads::At)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Downloads::Table.into_iden(),
            FeedbackNotes::Table.into_iden(),
            Submissions::Table.into_iden(),
            BoardMeetings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(CriterionResponses::Table)
                    .drop_column(CriterionResponses::CarriedOver)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("portfolios_renewed_once")
                    .table(Portfolios::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Portfolios::PreviousPortfolioId, Portfolios::RegisteredOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Portfolios::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
