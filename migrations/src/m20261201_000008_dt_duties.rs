//! The Designated Teacher's duties: a school's own closure (INSET) days, the
//! PEP meetings it tracks (under a pupil reference, never a name), the
//! private calendar feed links of its staff, and the actions of the DT
//! self-audit's action plan.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Schools {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Portfolios {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SchoolClosures {
    Table,
    Id,
    SchoolId,
    FirstDay,
    LastDay,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PepMeetings {
    Table,
    Id,
    SchoolId,
    /// The school's own reference for the pupil: never a name.
    PupilRef,
    /// `looked_after` or `previously_looked_after`.
    CareStatus,
    /// 0 for Reception, 1 to 13 for Years 1 to 13.
    YearGroup,
    PlacingAuthority,
    MeetingDate,
    ChairedBy,
    PupilViewsOn,
    SdqOn,
    EpepUpdatedOn,
    PppCostedOn,
    PppAmountPence,
    SmartOutcomesOn,
    FinalisedOn,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    Id,
    SchoolId,
    UserId,
    /// SHA-256 of the token in the link; the token itself is never stored.
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DtActions {
    Table,
    Id,
    PortfolioId,
    CriterionId,
    What,
    OwnerId,
    DueOn,
    DoneOn,
    CreatedBy,
    CreatedAt,
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
            .create_table(
                Table::create()
                    .table(SchoolClosures::Table)
                    .col(pk_auto(SchoolClosures::Id))
                    .col(integer(SchoolClosures::SchoolId))
                    .col(date(SchoolClosures::FirstDay))
                    .col(date(SchoolClosures::LastDay))
                    .col(string(SchoolClosures::Reason))
                    .col(integer_null(SchoolClosures::CreatedBy))
                    .col(timestamp_with_time_zone(SchoolClosures::CreatedAt))
                    .foreign_key(&mut fk(
                        (SchoolClosures::Table, SchoolClosures::SchoolId),
                        (Schools::Table, Schools::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (SchoolClosures::Table, SchoolClosures::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("school_closures_school")
                    .table(SchoolClosures::Table)
                    .col(SchoolClosures::SchoolId)
                    .col(SchoolClosures::FirstDay)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PepMeetings::Table)
                    .col(pk_auto(PepMeetings::Id))
                    .col(integer(PepMeetings::SchoolId))
                    .col(string(PepMeetings::PupilRef))
                    .col(string(PepMeetings::CareStatus))
                    .col(integer(PepMeetings::YearGroup))
                    .col(string(PepMeetings::PlacingAuthority))
                    .col(date(PepMeetings::MeetingDate))
                    .col(string(PepMeetings::ChairedBy))
                    .col(date_null(PepMeetings::PupilViewsOn))
                    .col(date_null(PepMeetings::SdqOn))
                    .col(date_null(PepMeetings::EpepUpdatedOn))
                    .col(date_null(PepMeetings::PppCostedOn))
                    .col(big_integer_null(PepMeetings::PppAmountPence))
                    .col(date_null(PepMeetings::SmartOutcomesOn))
                    .col(date_null(PepMeetings::FinalisedOn))
                    .col(integer_null(PepMeetings::CreatedBy))
                    .col(timestamp_with_time_zone(PepMeetings::CreatedAt))
                    .col(timestamp_with_time_zone(PepMeetings::UpdatedAt))
                    .foreign_key(&mut fk(
                        (PepMeetings::Table, PepMeetings::SchoolId),
                        (Schools::Table, Schools::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (PepMeetings::Table, PepMeetings::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pep_meetings_school_date")
                    .table(PepMeetings::Table)
                    .col(PepMeetings::SchoolId)
                    .col(PepMeetings::MeetingDate)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pep_meetings_one_per_pupil_and_day")
                    .table(PepMeetings::Table)
                    .col(PepMeetings::SchoolId)
                    .col(PepMeetings::PupilRef)
                    .col(PepMeetings::MeetingDate)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(pk_auto(CalendarFeeds::Id))
                    .col(integer(CalendarFeeds::SchoolId))
                    .col(integer(CalendarFeeds::UserId))
                    .col(string_uniq(CalendarFeeds::TokenHash))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(&mut fk(
                        (CalendarFeeds::Table, CalendarFeeds::SchoolId),
                        (Schools::Table, Schools::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (CalendarFeeds::Table, CalendarFeeds::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("calendar_feeds_one_per_person")
                    .table(CalendarFeeds::Table)
                    .col(CalendarFeeds::SchoolId)
                    .col(CalendarFeeds::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DtActions::Table)
                    .col(pk_auto(DtActions::Id))
                    .col(integer(DtActions::PortfolioId))
                    .col(string(DtActions::CriterionId))
                    .col(text(DtActions::What))
                    .col(integer_null(DtActions::OwnerId))
                    .col(date_null(DtActions::DueOn))
                    .col(date_null(DtActions::DoneOn))
                    .col(integer_null(DtActions::CreatedBy))
                    .col(timestamp_with_time_zone(DtActions::CreatedAt))
                    .foreign_key(&mut fk(
                        (DtActions::Table, DtActions::PortfolioId),
                        (Portfolios::Table, Portfolios::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (DtActions::Table, DtActions::OwnerId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (DtActions::Table, DtActions::CreatedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            DtActions::Table.into_iden(),
            CalendarFeeds::Table.into_iden(),
            PepMeetings::Table.into_iden(),
            SchoolClosures::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
