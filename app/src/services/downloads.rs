//! Every download of an evidence file or a submission pack is recorded (who,
//! what, when) for the school's coordinator to read.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::ServiceResult;
use super::accounts::display_names;
use crate::db::entities::download;
use crate::model::DownloadEntry;

/// What was downloaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Evidence,
    PackPdf,
    PackZip,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Evidence => "evidence",
            Kind::PackPdf => "pack_pdf",
            Kind::PackZip => "pack_zip",
        }
    }

    fn label(kind: &str) -> &'static str {
        match kind {
            "evidence" => "Evidence file",
            "pack_pdf" => "Portfolio PDF",
            "pack_zip" => "Submission pack (ZIP)",
            _ => "Download",
        }
    }
}

pub struct Record<'a> {
    pub school_id: i32,
    pub portfolio_id: i32,
    pub user_id: i32,
    pub kind: Kind,
    pub evidence_item_id: Option<i32>,
    pub title: &'a str,
}

pub async fn record(
    db: &impl ConnectionTrait,
    r: Record<'_>,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    download::ActiveModel {
        school_id: Set(r.school_id),
        portfolio_id: Set(Some(r.portfolio_id)),
        user_id: Set(Some(r.user_id)),
        kind: Set(r.kind.as_str().into()),
        evidence_item_id: Set(r.evidence_item_id),
        title: Set(r.title.chars().take(300).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The school's downloads, newest first (the latest 500).
pub async fn log(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<Vec<DownloadEntry>> {
    let rows = download::Entity::find()
        .filter(download::Column::SchoolId.eq(school_id))
        .order_by_desc(download::Column::At)
        .order_by_desc(download::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let names = display_names(db, rows.iter().filter_map(|r| r.user_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| DownloadEntry {
            who: r
                .user_id
                .and_then(|u| names.get(&u).cloned())
                .unwrap_or_else(|| "A former user".into()),
            what: r.title,
            kind: Kind::label(&r.kind).into(),
            when: crate::calendar::england_time(r.at),
            at: r.at,
        })
        .collect())
}
