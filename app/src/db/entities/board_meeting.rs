use sea_orm::entity::prelude::*;

/// A meeting of the authority's Assessment Board.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "board_meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub authority_id: i32,
    pub meets_on: Date,
    pub place: String,
    pub notes: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
