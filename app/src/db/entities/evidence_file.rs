use sea_orm::entity::prelude::*;

/// A file's bytes, stored once per school however many items use it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub school_id: i32,
    /// Lower-case hex SHA-256 of `content`.
    pub sha256: String,
    pub size_bytes: i64,
    /// Detected from the bytes, never taken from the upload.
    pub content_type: String,
    pub content: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
