use sea_orm::entity::prelude::*;

/// A review comment by staff on a criterion (or one of its fields), or a
/// reply to one. Staff-only: never in the pack or the governors' views.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    pub criterion_id: String,
    /// `practice`, `impact` or `next_steps`; none for the whole criterion.
    pub field: Option<String>,
    /// The first comment of the thread this replies to.
    pub parent_id: Option<i32>,
    pub author_id: Option<i32>,
    /// The colleague mentioned.
    pub mention_id: Option<i32>,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub resolved_by: Option<i32>,
    pub resolved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
