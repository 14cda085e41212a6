use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evidence_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub portfolio_id: i32,
    pub title: String,
    pub kind: String,
    pub description: String,
    pub file_id: Option<i32>,
    /// The safe name the file is downloaded as.
    pub file_name: Option<String>,
    pub link_url: Option<String>,
    pub uploaded_by: Option<i32>,
    pub uploaded_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub anonymised_confirmed_by: Option<i32>,
    pub anonymised_confirmed_at: DateTimeUtc,
    pub photo_confirmed_by: Option<i32>,
    pub photo_confirmed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::evidence_file::Entity",
        from = "Column::FileId",
        to = "super::evidence_file::Column::Id"
    )]
    File,
}

impl Related<super::evidence_file::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::File.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
