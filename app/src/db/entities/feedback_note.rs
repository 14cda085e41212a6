use sea_orm::entity::prelude::*;

/// The award team's feedback on one domain, or a note on one criterion, for
/// one submission round. Seen by the school only once the round is decided.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub submission_id: i32,
    /// `domain:2` or `criterion:2.5`.
    pub place: String,
    pub body: String,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
