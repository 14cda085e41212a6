use sea_orm::entity::prelude::*;

/// One time a portfolio was sent to the award team, and what was decided.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "submissions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    /// 1 for the first submission of this portfolio, 2 for a resubmission…
    pub round: i32,
    pub submitted_on: Date,
    pub submitted_by: Option<i32>,
    /// The board meeting whose agenda it is on.
    pub meeting_id: Option<i32>,
    /// `awarded`, `not_yet` or `reopened`; none until decided.
    pub outcome: Option<String>,
    pub award_level: Option<String>,
    pub reasons: String,
    pub decided_on: Option<Date>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    /// The decision being written, before "check your answers".
    pub draft_outcome: Option<String>,
    pub draft_reasons: String,
    pub draft_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
