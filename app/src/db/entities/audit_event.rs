use sea_orm::entity::prelude::*;

/// Someone changed a criterion field; repeated edits by the same person to the
/// same field within a few minutes extend one event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    pub criterion_id: String,
    /// `practice`, `impact`, `next_steps`, `standard`, `status` or `owner`.
    pub field: String,
    pub user_id: Option<i32>,
    pub first_at: DateTimeUtc,
    pub last_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
