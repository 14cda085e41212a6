use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "criterion_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    pub criterion_id: String,
    pub practice: String,
    pub impact: String,
    pub next_steps: String,
    /// `not_yet`, a level id, or none when not chosen.
    pub standard_met: Option<String>,
    pub owner_user_id: Option<i32>,
    pub status: String,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
    /// Copied from the previous cycle and not changed since.
    pub carried_over: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::portfolio::Entity",
        from = "Column::PortfolioId",
        to = "super::portfolio::Column::Id"
    )]
    Portfolio,
}

impl Related<super::portfolio::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Portfolio.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
