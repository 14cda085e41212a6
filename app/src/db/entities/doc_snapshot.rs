use sea_orm::entity::prelude::*;

/// A portfolio's document compacted: every update up to `last_update_id`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "doc_snapshots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub portfolio_id: i32,
    /// `encode_state_as_update_v1` of the merged document.
    pub state: Vec<u8>,
    pub last_update_id: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
