use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "portfolios")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub framework_id: String,
    pub framework_version: String,
    /// 1 for the first award, 2 for the first renewal…
    pub cycle: i32,
    pub status: String,
    pub setting_name: String,
    pub head_teacher: String,
    pub designated_teacher: String,
    pub governor_lac: String,
    pub start_date: Option<Date>,
    pub target_date: Option<Date>,
    pub submission_date: Option<Date>,
    pub award_level: Option<String>,
    pub award_date: Option<Date>,
    pub renewal_due_date: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The day the school registered its start date with the award team.
    pub registered_on: Option<Date>,
    /// The cycle this one renews.
    pub previous_portfolio_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::school::Entity",
        from = "Column::SchoolId",
        to = "super::school::Column::Id"
    )]
    School,
    #[sea_orm(has_many = "super::criterion_response::Entity")]
    CriterionResponse,
}

impl Related<super::school::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::School.def()
    }
}

impl Related<super::criterion_response::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CriterionResponse.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
