//! The way through a portfolio: staff's review comments on criteria, when
//! each person last looked at a criterion (for "changed since you last
//! looked"), and password reset links a coordinator or administrator issues.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Portfolios {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    PortfolioId,
    CriterionId,
    /// `practice`, `impact` or `next_steps`; null for the criterion as a whole.
    Field,
    /// The comment this replies to (always the first of its thread).
    ParentId,
    AuthorId,
    /// The colleague mentioned, who finds it in their work.
    MentionId,
    Body,
    CreatedAt,
    ResolvedBy,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum Looks {
    Table,
    UserId,
    PortfolioId,
    CriterionId,
    At,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    Id,
    UserId,
    /// SHA-256 of the token in the link; the token itself is never stored.
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
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
                    .table(Comments::Table)
                    .col(pk_auto(Comments::Id))
                    .col(integer(Comments::PortfolioId))
                    .col(string(Comments::CriterionId))
                    .col(string_null(Comments::Field))
                    .col(integer_null(Comments::ParentId))
                    .col(integer_null(Comments::AuthorId))
                    .col(integer_null(Comments::MentionId))
                    .col(text(Comments::Body))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .col(integer_null(Comments::ResolvedBy))
                    .col(timestamp_with_time_zone_null(Comments::ResolvedAt))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::PortfolioId),
                        (Portfolios::Table, Portfolios::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::ParentId),
                        (Comments::Table, Comments::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::AuthorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::MentionId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::ResolvedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comments_portfolio_criterion")
                    .table(Comments::Table)
                    .col(Comments::PortfolioId)
                    .col(Comments::CriterionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("comments_mention")
                    .table(Comments::Table)
                    .col(Comments::MentionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Looks::Table)
                    .col(integer(Looks::UserId))
                    .col(integer(Looks::PortfolioId))
                    .col(string(Looks::CriterionId))
                    .col(timestamp_with_time_zone(Looks::At))
                    .primary_key(
                        Index::create()
                            .col(Looks::UserId)
                            .col(Looks::PortfolioId)
                            .col(Looks::CriterionId),
                    )
                    .foreign_key(&mut fk(
                        (Looks::Table, Looks::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Looks::Table, Looks::PortfolioId),
                        (Portfolios::Table, Portfolios::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(pk_auto(PasswordResets::Id))
                    .col(integer(PasswordResets::UserId))
                    .col(string_uniq(PasswordResets::TokenHash))
                    .col(integer_null(PasswordResets::CreatedBy))
                    .col(timestamp_with_time_zone(PasswordResets::CreatedAt))
                    .col(timestamp_with_time_zone(PasswordResets::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PasswordResets::UsedAt))
                    .foreign_key(&mut fk(
                        (PasswordResets::Table, PasswordResets::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (PasswordResets::Table, PasswordResets::CreatedBy),
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
            PasswordResets::Table.into_iden(),
            Looks::Table.into_iden(),
            Comments::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
