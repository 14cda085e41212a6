use sea_orm::entity::prelude::*;

/// An action of the DT self-audit's plan, on an item not yet in place.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dt_actions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    pub criterion_id: String,
    pub what: String,
    pub owner_id: Option<i32>,
    pub due_on: Option<Date>,
    pub done_on: Option<Date>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
