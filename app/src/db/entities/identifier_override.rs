use sea_orm::entity::prelude::*;

/// A writer saw an identifier warning and kept the text: who, when, what.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "identifier_overrides")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    /// Where: `evidence:{id}:{field}` or `criterion:{id}:{field}`.
    pub place: String,
    pub kind: String,
    pub found_text: String,
    pub user_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
