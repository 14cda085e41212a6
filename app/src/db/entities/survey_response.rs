use sea_orm::entity::prelude::*;

/// One person's answers. No account, no IP address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_id: i32,
    /// Made when the form was shown; the same form sent twice counts once.
    pub submission_key: String,
    /// The checked `Answers`, as JSON.
    pub answers: String,
    pub submitted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
