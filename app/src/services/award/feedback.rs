//! The award team's feedback on the round under review: per domain, and a
//! note on a criterion. Several assessors may write at once: a save names the
//! text it started from, and if someone else has changed it since, nothing is
//! overwritten and the writer is told (their words stay in their form).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession,
    TransactionTrait,
};

use super::rounds;
use crate::award::check_feedback;
use crate::award::decision::FeedbackPlace;
use crate::db::entities::feedback_note;
use crate::rubric::Framework;
use crate::services::{ServiceError, ServiceResult};

/// One piece of feedback to save. `base` is the text the writer's form was
/// loaded with (none: overwrite whatever is there).
pub struct FeedbackEdit<'a> {
    pub place: &'a str,
    pub body: &'a str,
    pub base: Option<&'a str>,
}

/// What was saved: (place, text as stored).
pub type Saved = Vec<(String, String)>;

const FINAL: &str = "The decision has been recorded, so the feedback is final.";

/// Saves feedback on the current round, all or nothing. One transaction that
/// first claims the round (still undecided) so that a decision, or another
/// assessor's save, waits for it: what is compared is what is replaced.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    framework: &Framework,
    portfolio_id: i32,
    by: i32,
    edits: &[FeedbackEdit<'_>],
    now: DateTime<Utc>,
) -> ServiceResult<Saved> {
    let txn = db.begin().await?;
    if !rounds::claim(&txn, portfolio_id).await? {
        return Err(ServiceError::Conflict(FINAL.into()));
    }
    let round = rounds::current(&txn, portfolio_id)
        .await?
        .ok_or_else(|| ServiceError::Conflict(FINAL.into()))?;
    let stored = feedback_note::Entity::find()
        .filter(feedback_note::Column::SubmissionId.eq(round.id))
        .all(&txn)
        .await?;
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for edit in edits {
        let Some(place) = FeedbackPlace::parse(framework, edit.place) else {
            return Err(ServiceError::NotFound);
        };
        let field = field_name(&place);
        let body = match check_feedback(&field, edit.body) {
            Ok(b) => b,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        let now_text = stored
            .iter()
            .find(|n| n.place == place.key())
            .map_or("", |n| n.body.as_str());
        if let Some(base) = edit.base {
            let base = base.replace("\r\n", "\n");
            if base.trim_end() != now_text && body != now_text {
                problems.push(crate::error::FieldError::new(
                    field,
                    "Another assessor changed this feedback while you were writing. Your text is still in the box: copy it, reload the page and combine the two.",
                ));
                continue;
            }
        }
        if body != now_text {
            checked.push((place.key(), body));
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    for (place, body) in &checked {
        feedback_note::Entity::insert(feedback_note::ActiveModel {
            submission_id: Set(round.id),
            place: Set(place.clone()),
            body: Set(body.clone()),
            updated_by: Set(Some(by)),
            updated_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                feedback_note::Column::SubmissionId,
                feedback_note::Column::Place,
            ])
            .update_columns([
                feedback_note::Column::Body,
                feedback_note::Column::UpdatedBy,
                feedback_note::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(checked)
}

/// The form field a place's text is written in: `domain-2`, `note-2.5`.
pub fn field_name(place: &FeedbackPlace) -> String {
    match place {
        FeedbackPlace::Domain(n) => format!("domain-{n}"),
        FeedbackPlace::Criterion(id) => format!("note-{id}"),
    }
}
