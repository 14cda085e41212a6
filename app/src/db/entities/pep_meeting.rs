use sea_orm::entity::prelude::*;

/// One PEP meeting of one pupil, under the school's reference (never a name).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pep_meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub pupil_ref: String,
    pub care_status: String,
    pub year_group: i32,
    pub placing_authority: String,
    pub meeting_date: Date,
    pub chaired_by: String,
    pub pupil_views_on: Option<Date>,
    pub sdq_on: Option<Date>,
    pub epep_updated_on: Option<Date>,
    pub ppp_costed_on: Option<Date>,
    pub ppp_amount_pence: Option<i64>,
    pub smart_outcomes_on: Option<Date>,
    pub finalised_on: Option<Date>,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
