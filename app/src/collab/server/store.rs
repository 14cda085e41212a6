//! The document's persistence: a snapshot per portfolio plus an append-only
//! update log, compacted into the snapshot when it grows. The criterion
//! columns (for pages, search and export) and the audit trail are written in
//! the same transaction as the updates they come from.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
    TransactionTrait,
};
use yrs::updates::decoder::Decode;
use yrs::{ReadTxn, StateVector, Transact, Update};

use crate::collab::schema::{self, CriterionContent};
use crate::db::entities::{audit_event, criterion_response, doc_snapshot, doc_update};
use crate::model::ResponseStatus;

/// The PostgreSQL channel on which instances announce stored batches.
pub const CHANNEL: &str = "collab_updates";

/// Repeated edits of one field by one person within this window are one audit event.
pub const AUDIT_WINDOW_MINUTES: i64 = 5;

#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    /// This server instance, so peers can skip their own rows.
    origin: String,
}

/// A stored document: its snapshot and the updates after it.
pub struct Loaded {
    pub updates: Vec<Vec<u8>>,
    pub last_id: i32,
    /// Who has written each criterion's text: (criterion, person).
    pub writers: Vec<(String, i32)>,
}

/// One update waiting to be stored, and who made it.
#[derive(Clone, Debug)]
pub struct PendingUpdate {
    pub data: Vec<u8>,
    pub user_id: Option<i32>,
}

/// One document's batch for the shared writer.
pub struct WriteJob {
    pub portfolio_id: i32,
    pub batch: Vec<PendingUpdate>,
    pub projections: Vec<Projection>,
    pub touches: Vec<Touch>,
}

/// A criterion as the document now holds it, for its columns, and who
/// changed it in this batch (whether or not an audit entry went with it).
#[derive(Clone, Debug)]
pub struct Projection {
    pub criterion: String,
    pub content: CriterionContent,
    pub by: Option<i32>,
}

/// A field someone changed, for the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Touch {
    pub criterion: String,
    pub field: String,
    pub user_id: Option<i32>,
}

impl Store {
    pub fn new(db: DatabaseConnection, origin: String) -> Self {
        Store { db, origin }
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    fn postgres(&self) -> bool {
        self.db.get_database_backend() == DatabaseBackend::Postgres
    }

    /// Tells the other instances that the right to write a portfolio changed
    /// (submitted, reopened), so they close its sockets too.
    pub async fn announce_access_changed(&self, portfolio_id: i32) -> Result<(), DbErr> {
        if !self.postgres() {
            return Ok(());
        }
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [
                    CHANNEL.into(),
                    super::peers::access_payload(portfolio_id, &self.origin).into(),
                ],
            ))
            .await?;
        Ok(())
    }

    /// The document as stored. The first time, it is made from the criterion
    /// columns and saved as the snapshot, once, whichever instance gets there first.
    pub async fn load(&self, portfolio_id: i32) -> Result<Loaded, DbErr> {
        let snapshot = match doc_snapshot::Entity::find_by_id(portfolio_id)
            .one(&self.db)
            .await?
        {
            Some(s) => s,
            None => {
                let seed = self.seed(portfolio_id).await?;
                doc_snapshot::Entity::insert(doc_snapshot::ActiveModel {
                    portfolio_id: Set(portfolio_id),
                    state: Set(seed),
                    last_update_id: Set(0),
                    updated_at: Set(Utc::now()),
                })
                .on_conflict_do_nothing()
                .exec(&self.db)
                .await?;
                doc_snapshot::Entity::find_by_id(portfolio_id)
                    .one(&self.db)
                    .await?
                    .ok_or_else(|| DbErr::RecordNotFound("snapshot".into()))?
            }
        };
        let rows = doc_update::Entity::find()
            .filter(doc_update::Column::PortfolioId.eq(portfolio_id))
            .filter(doc_update::Column::Id.gt(snapshot.last_update_id))
            .order_by_asc(doc_update::Column::Id)
            .all(&self.db)
            .await?;
        let last_id = rows.last().map_or(snapshot.last_update_id, |r| r.id);
        let mut updates = Vec::with_capacity(rows.len() + 1);
        updates.push(snapshot.state);
        updates.extend(rows.into_iter().map(|r| r.data));
        let writers = writers(&self.db, portfolio_id, None).await?;
        Ok(Loaded {
            updates,
            last_id,
            writers,
        })
    }

    /// A document holding what the criterion columns hold.
    async fn seed(&self, portfolio_id: i32) -> Result<Vec<u8>, DbErr> {
        let rows = criterion_response::Entity::find()
            .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
            .all(&self.db)
            .await?;
        let doc = schema::new_doc();
        {
            let mut txn = doc.transact_mut();
            for row in &rows {
                let content = CriterionContent {
                    practice: row.practice.clone(),
                    impact: row.impact.clone(),
                    next_steps: row.next_steps.clone(),
                    standard: row.standard_met.clone(),
                    status: ResponseStatus::parse(&row.status).unwrap_or_default(),
                    owner: row.owner_user_id,
                };
                schema::write_criterion(&mut txn, &row.criterion_id, &content);
            }
        }
        Ok(doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default()))
    }

    /// Stores a batch with its projections and audit entries in one
    /// transaction; returns the first and last row ids.
    pub async fn append(
        &self,
        portfolio_id: i32,
        batch: &[PendingUpdate],
        projections: &[Projection],
        touches: &[Touch],
        now: DateTime<Utc>,
    ) -> Result<(i32, i32), DbErr> {
        let txn = self.db.begin().await?;
        let ids = self
            .append_in(&txn, portfolio_id, batch, projections, touches, now)
            .await?;
        txn.commit().await?;
        Ok(ids)
    }

    /// Stores the batches of several documents in one transaction (one
    /// commit, one disk flush, however many documents are busy).
    pub async fn append_all(&self, jobs: &[WriteJob], now: DateTime<Utc>) -> Result<(), DbErr> {
        let txn = self.db.begin().await?;
        for job in jobs {
            self.append_in(
                &txn,
                job.portfolio_id,
                &job.batch,
                &job.projections,
                &job.touches,
                now,
            )
            .await?;
        }
        txn.commit().await
    }

    async fn append_in(
        &self,
        txn: &impl ConnectionTrait,
        portfolio_id: i32,
        batch: &[PendingUpdate],
        projections: &[Projection],
        touches: &[Touch],
        now: DateTime<Utc>,
    ) -> Result<(i32, i32), DbErr> {
        let mut first = None;
        let mut last = 0;
        for update in batch {
            let id = doc_update::Entity::insert(doc_update::ActiveModel {
                portfolio_id: Set(portfolio_id),
                data: Set(update.data.clone()),
                origin: Set(self.origin.clone()),
                user_id: Set(update.user_id),
                created_at: Set(now),
                ..Default::default()
            })
            .exec(txn)
            .await?
            .last_insert_id;
            first.get_or_insert(id);
            last = id;
        }
        for projection in projections {
            project(txn, portfolio_id, projection, now).await?;
        }
        for touch in touches {
            audit(txn, portfolio_id, touch, now).await?;
        }
        if self.postgres() && !batch.is_empty() {
            let payload = format!(
                "{portfolio_id}:{}:{last}:{}",
                first.unwrap_or(last),
                self.origin
            );
            txn.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            ))
            .await?;
        }
        Ok((first.unwrap_or(last), last))
    }

    /// Rows `first..=last` of a portfolio (a peer's batch), with who made each.
    pub async fn rows(
        &self,
        portfolio_id: i32,
        first: i32,
        last: i32,
    ) -> Result<Vec<(Vec<u8>, Option<i32>)>, DbErr> {
        Ok(doc_update::Entity::find()
            .filter(doc_update::Column::PortfolioId.eq(portfolio_id))
            .filter(doc_update::Column::Id.between(first, last))
            .order_by_asc(doc_update::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| (r.data, r.user_id))
            .collect())
    }

    /// Folds the update log into the snapshot. Reads what it folds inside the
    /// transaction (the snapshot row locked on PostgreSQL) and deletes exactly
    /// those rows, so a row another instance adds meanwhile is never lost.
    pub async fn compact(&self, portfolio_id: i32) -> Result<usize, DbErr> {
        let txn = self.db.begin().await?;
        let mut query = doc_snapshot::Entity::find_by_id(portfolio_id);
        if self.postgres() {
            query = query.lock_exclusive();
        }
        let Some(snapshot) = query.one(&txn).await? else {
            return Ok(0);
        };
        let rows = doc_update::Entity::find()
            .filter(doc_update::Column::PortfolioId.eq(portfolio_id))
            .filter(doc_update::Column::Id.gt(snapshot.last_update_id))
            .order_by_asc(doc_update::Column::Id)
            .all(&txn)
            .await?;
        if rows.is_empty() {
            return Ok(0);
        }
        let doc = schema::new_doc();
        {
            let mut t = doc.transact_mut();
            for data in std::iter::once(&snapshot.state).chain(rows.iter().map(|r| &r.data)) {
                let update = Update::decode_v1(data)
                    .map_err(|e| DbErr::Custom(format!("stored update: {e}")))?;
                t.apply_update(update)
                    .map_err(|e| DbErr::Custom(format!("stored update: {e}")))?;
            }
        }
        let state = doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default());
        let last = rows.last().map_or(snapshot.last_update_id, |r| r.id);
        doc_snapshot::ActiveModel {
            portfolio_id: Set(portfolio_id),
            state: Set(state),
            last_update_id: Set(last),
            updated_at: Set(Utc::now()),
        }
        .update(&txn)
        .await?;
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        doc_update::Entity::delete_many()
            .filter(doc_update::Column::Id.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(ids.len())
    }
}

/// Who has written the text of a portfolio's criteria (or of one): the
/// people the audit trail shows changing a text field.
pub async fn writers(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion: Option<&str>,
) -> Result<Vec<(String, i32)>, DbErr> {
    let texts = crate::rubric::FieldKind::ALL.map(|f| f.as_str());
    let mut query = audit_event::Entity::find()
        .select_only()
        .column(audit_event::Column::CriterionId)
        .column(audit_event::Column::UserId)
        .distinct()
        .filter(audit_event::Column::PortfolioId.eq(portfolio_id))
        .filter(audit_event::Column::Field.is_in(texts))
        .filter(audit_event::Column::UserId.is_not_null());
    if let Some(criterion) = criterion {
        query = query.filter(audit_event::Column::CriterionId.eq(criterion));
    }
    let rows: Vec<(String, Option<i32>)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, u)| Some((c, u?)))
        .collect())
}

/// Keeps a criterion's columns in step with the document.
async fn project(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    projection: &Projection,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (criterion, content, by) = (
        projection.criterion.as_str(),
        &projection.content,
        projection.by,
    );
    let mut update = criterion_response::Entity::update_many()
        .col_expr(
            criterion_response::Column::Practice,
            Expr::value(content.practice.clone()),
        )
        .col_expr(
            criterion_response::Column::Impact,
            Expr::value(content.impact.clone()),
        )
        .col_expr(
            criterion_response::Column::NextSteps,
            Expr::value(content.next_steps.clone()),
        )
        .col_expr(
            criterion_response::Column::StandardMet,
            Expr::value(content.standard.clone()),
        )
        .col_expr(
            criterion_response::Column::Status,
            Expr::value(content.status.as_str()),
        )
        .col_expr(
            criterion_response::Column::OwnerUserId,
            Expr::value(content.owner),
        )
        .col_expr(criterion_response::Column::UpdatedAt, Expr::value(now))
        // Changed in this cycle: no longer what the last cycle said.
        .col_expr(criterion_response::Column::CarriedOver, Expr::value(false))
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .filter(criterion_response::Column::CriterionId.eq(criterion));
    // A change the server made itself (putting a status back) names nobody:
    // whoever changed it before stays the last to have changed it.
    if let Some(by) = by {
        update = update.col_expr(criterion_response::Column::UpdatedBy, Expr::value(by));
    }
    update.exec(db).await?;
    Ok(())
}

/// Extends the person's recent event for this field, or starts a new one.
async fn audit(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    touch: &Touch,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut recent = audit_event::Entity::find()
        .filter(audit_event::Column::PortfolioId.eq(portfolio_id))
        .filter(audit_event::Column::CriterionId.eq(touch.criterion.as_str()))
        .filter(audit_event::Column::Field.eq(touch.field.as_str()))
        .filter(audit_event::Column::LastAt.gt(now - Duration::minutes(AUDIT_WINDOW_MINUTES)));
    recent = match touch.user_id {
        Some(id) => recent.filter(audit_event::Column::UserId.eq(id)),
        None => recent.filter(audit_event::Column::UserId.is_null()),
    };
    match recent
        .order_by_desc(audit_event::Column::LastAt)
        .one(db)
        .await?
    {
        Some(event) => {
            let mut event: audit_event::ActiveModel = event.into();
            event.last_at = Set(now);
            event.update(db).await?;
        }
        None => {
            audit_event::ActiveModel {
                portfolio_id: Set(portfolio_id),
                criterion_id: Set(touch.criterion.clone()),
                field: Set(touch.field.clone()),
                user_id: Set(touch.user_id),
                first_at: Set(now),
                last_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
