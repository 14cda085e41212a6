use sea_orm::entity::prelude::*;

/// Someone downloaded an evidence file or a submission pack.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "downloads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    pub portfolio_id: Option<i32>,
    pub user_id: Option<i32>,
    /// `evidence`, `pack_pdf` or `pack_zip`.
    pub kind: String,
    pub evidence_item_id: Option<i32>,
    /// What was downloaded, as it was called then.
    pub title: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
