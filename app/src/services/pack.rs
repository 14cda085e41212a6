//! Gathers what the submission pack holds from the database: the portfolio's
//! contents for the PDF, the evidence files to add to the ZIP, and the index.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
};

use super::{ServiceError, ServiceResult};
use crate::db::entities::{criterion_response, evidence_file, evidence_item, portfolio};
use crate::model::{PortfolioStatus, ResponseStatus};
use crate::pack::{self, IndexEntry, PackContents, PackFile, PackInput};
use crate::rubric::Catalog;

pub struct Gathered {
    pub contents: PackContents,
    pub files: Vec<PackFile>,
    pub index: Vec<IndexEntry>,
    /// "Hillside Primary – Caring Schools Award portfolio", for file names.
    pub name: String,
}

/// Each file item's stored SHA-256, by item id.
async fn file_hashes(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
) -> ServiceResult<BTreeMap<i32, String>> {
    let rows: Vec<(i32, String)> = evidence_item::Entity::find()
        .select_only()
        .column(evidence_item::Column::Id)
        .column(evidence_file::Column::Sha256)
        .join(JoinType::InnerJoin, evidence_item::Relation::File.def())
        .filter(evidence_item::Column::PortfolioId.eq(portfolio_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn gather(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    portfolio_id: i32,
    today: NaiveDate,
) -> ServiceResult<Gathered> {
    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let framework = frameworks
        .get(&row.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let school = super::schools::info(db, row.school_id).await?;
    let responses: BTreeMap<String, crate::collab::schema::CriterionContent> =
        criterion_response::Entity::find()
            .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
            .all(db)
            .await?
            .into_iter()
            .map(|r| {
                (
                    r.criterion_id,
                    crate::collab::schema::CriterionContent {
                        practice: r.practice,
                        impact: r.impact,
                        next_steps: r.next_steps,
                        standard: r.standard_met,
                        status: ResponseStatus::parse(&r.status).unwrap_or_default(),
                        owner: r.owner_user_id,
                    },
                )
            })
            .collect();
    let progress = super::portfolios::progress_of(db, frameworks, &row)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let items = super::evidence::list(db, &framework, portfolio_id).await?;
    let hashes = file_hashes(db, portfolio_id).await?;
    let (index, files) = pack::index::plan(&framework, &items, &hashes);
    let item_criteria: BTreeMap<i32, Vec<String>> =
        items.iter().map(|i| (i.id, i.criteria.clone())).collect();
    let cover = super::portfolios::cover_of(&row);
    let contents = pack::build(PackInput {
        framework: &framework,
        school: &school.name,
        cycle: row.cycle,
        status: PortfolioStatus::parse(&row.status).unwrap_or(PortfolioStatus::InProgress),
        cover: &cover,
        progress: &progress,
        responses: &responses,
        index: &index,
        item_criteria: &item_criteria,
        generated: today,
    });
    Ok(Gathered {
        name: format!("{} - {}", school.name, framework.title),
        contents,
        files,
        index,
    })
}
