//! Submission rounds: the coordinator sends the portfolio (it joins the next
//! board meeting's agenda by itself), the award team opens it again or
//! records the board's decision. Every change of state is one conditional
//! update inside a transaction, so two people pressing a button at once
//! change it once; every round and its decision are kept.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionSession, TransactionTrait,
};

use crate::award::{Outcome, check_decision, next_meeting, renewal_due};
use crate::db::entities::{board_meeting, feedback_note, portfolio, school, submission};
use crate::model::{FeedbackNote, MeetingRef, PortfolioStatus, Round};
use crate::rubric::Framework;
use crate::services::accounts::display_names;
use crate::services::{ServiceError, ServiceResult};

const ALREADY_DECIDED: &str = "A decision has already been recorded for this submission.";
const DRAFT_CHANGED: &str = "Someone on the award team changed the decision since you checked it. Check it again before recording it.";

/// Why a conditional update changed nothing: gone, or not in the right state.
async fn not_changed(db: &impl ConnectionTrait, portfolio_id: i32, why: &str) -> ServiceError {
    match portfolio::Entity::find_by_id(portfolio_id).one(db).await {
        Ok(Some(_)) => ServiceError::Conflict(why.into()),
        Ok(None) => ServiceError::NotFound,
        Err(e) => e.into(),
    }
}

/// Claims the undecided round of a portfolio for this transaction (a write
/// that changes nothing): whoever claims it first finishes first, and the
/// transaction holds the write lock from its first statement (SQLite cannot
/// turn a reader into a writer once someone else has written). Returns
/// whether there was one.
pub(super) async fn claim(txn: &impl ConnectionTrait, portfolio_id: i32) -> ServiceResult<bool> {
    Ok(submission::Entity::update_many()
        .col_expr(submission::Column::Id, Expr::col(submission::Column::Id))
        .filter(submission::Column::PortfolioId.eq(portfolio_id))
        .filter(submission::Column::Outcome.is_null())
        .exec(txn)
        .await?
        .rows_affected
        > 0)
}

/// The round with the award team now (undecided), if any.
pub async fn current(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
) -> ServiceResult<Option<submission::Model>> {
    Ok(submission::Entity::find()
        .filter(submission::Column::PortfolioId.eq(portfolio_id))
        .filter(submission::Column::Outcome.is_null())
        .order_by_desc(submission::Column::Round)
        .one(db)
        .await?)
}

/// The meetings of the authority a portfolio's school belongs to.
pub(super) async fn meetings_for_portfolio(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
) -> ServiceResult<Vec<board_meeting::Model>> {
    let (_, school) = portfolio::Entity::find_by_id(portfolio_id)
        .find_also_related(school::Entity)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let school = school.ok_or(ServiceError::NotFound)?;
    Ok(board_meeting::Entity::find()
        .filter(board_meeting::Column::AuthorityId.eq(school.authority_id))
        .order_by_asc(board_meeting::Column::MeetsOn)
        .all(db)
        .await?)
}

/// The board meeting a submission made today would join (as [`submit`]
/// chooses it), for the coordinator to see before submitting.
pub async fn would_join(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    today: NaiveDate,
) -> ServiceResult<Option<MeetingRef>> {
    let meetings = meetings_for_portfolio(db, portfolio_id).await?;
    let after = returned_at(db, portfolio_id).await?;
    let dates: Vec<(i32, NaiveDate)> = meetings.iter().map(|m| (m.id, m.meets_on)).collect();
    let chosen = next_meeting(&dates, today, after);
    Ok(meetings
        .into_iter()
        .find(|m| Some(m.id) == chosen)
        .map(|m| MeetingRef {
            id: m.id,
            meets_on: m.meets_on,
            place: m.place,
        }))
}

/// The meeting date a new (or moved) submission of this portfolio must come
/// after: that of the board that last said "not yet", if any.
pub(super) async fn returned_at(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
) -> ServiceResult<Option<NaiveDate>> {
    let last_not_yet = submission::Entity::find()
        .filter(submission::Column::PortfolioId.eq(portfolio_id))
        .filter(submission::Column::Outcome.eq("not_yet"))
        .order_by_desc(submission::Column::Round)
        .one(db)
        .await?;
    let Some(meeting) = last_not_yet.and_then(|r| r.meeting_id) else {
        return Ok(None);
    };
    Ok(board_meeting::Entity::find_by_id(meeting)
        .one(db)
        .await?
        .map(|m| m.meets_on))
}

/// Submits an open (or returned) portfolio: it is locked for the school, its
/// submission date is `today`, and a new round joins the next board meeting
/// (after the one that decided the last round). `confirmed` is the
/// coordinator's tick that they mean it.
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    framework: &Framework,
    portfolio_id: i32,
    by: i32,
    confirmed: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<submission::Model> {
    if framework.award.is_none() {
        return Err(ServiceError::Conflict(
            "This self-audit stays in school: it is not sent to the award team.".into(),
        ));
    }
    if !confirmed {
        return Err(ServiceError::invalid(
            "confirm",
            "Tick the box to confirm the portfolio is ready to send",
        ));
    }
    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.registered_on.is_none() {
        return Err(ServiceError::Conflict(
            "Register the start date with the award team before submitting.".into(),
        ));
    }
    let txn = db.begin().await?;
    let changed = portfolio::Entity::update_many()
        .col_expr(
            portfolio::Column::Status,
            Expr::value(PortfolioStatus::Submitted.as_str()),
        )
        .col_expr(portfolio::Column::SubmissionDate, Expr::value(Some(today)))
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .filter(portfolio::Column::Status.is_in([
            PortfolioStatus::InProgress.as_str(),
            PortfolioStatus::NotYetAwarded.as_str(),
        ]))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(not_changed(&txn, portfolio_id, "It has already been submitted.").await);
    }
    let earlier = submission::Entity::find()
        .filter(submission::Column::PortfolioId.eq(portfolio_id))
        .order_by_desc(submission::Column::Round)
        .all(&txn)
        .await?;
    let meetings = meetings_for_portfolio(&txn, portfolio_id).await?;
    // A resubmission goes to a board after the one that said "not yet".
    let after = returned_at(&txn, portfolio_id).await?;
    let dates: Vec<(i32, NaiveDate)> = meetings.iter().map(|m| (m.id, m.meets_on)).collect();
    let round = new_round(
        portfolio_id,
        earlier.first().map_or(1, |r| r.round + 1),
        today,
        Some(by),
        next_meeting(&dates, today, after),
    )
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(round)
}

/// A round as it starts: submitted, on a meeting's agenda (or none yet),
/// nothing decided.
pub fn new_round(
    portfolio_id: i32,
    round: i32,
    submitted_on: NaiveDate,
    by: Option<i32>,
    meeting_id: Option<i32>,
) -> submission::ActiveModel {
    submission::ActiveModel {
        portfolio_id: Set(portfolio_id),
        round: Set(round),
        submitted_on: Set(submitted_on),
        submitted_by: Set(by),
        meeting_id: Set(meeting_id),
        outcome: Set(None),
        award_level: Set(None),
        reasons: Set(String::new()),
        decided_on: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        draft_outcome: Set(None),
        draft_reasons: Set(String::new()),
        draft_by: Set(None),
        ..Default::default()
    }
}

/// Ends the current round, in `txn`: opened again, or decided. A decision
/// ends it only if the draft is still the one that was checked (`checked`:
/// the choice and reasons the assessor saw on "check your answers").
async fn end_round(
    txn: &impl ConnectionTrait,
    round_id: i32,
    (outcome, reasons): (&Outcome, &str),
    checked: Option<(&str, &str)>,
    (by, today, now): (i32, NaiveDate, DateTime<Utc>),
) -> ServiceResult<()> {
    let (kind, level) = outcome.as_parts();
    let mut update = submission::Entity::update_many();
    if let Some((choice, text)) = checked {
        update = update
            .filter(submission::Column::DraftOutcome.eq(choice))
            .filter(submission::Column::DraftReasons.eq(text));
    }
    let changed = update
        .col_expr(submission::Column::Outcome, Expr::value(Some(kind)))
        .col_expr(
            submission::Column::AwardLevel,
            Expr::value(level.map(str::to_string)),
        )
        .col_expr(submission::Column::Reasons, Expr::value(reasons))
        .col_expr(submission::Column::DecidedOn, Expr::value(Some(today)))
        .col_expr(submission::Column::DecidedBy, Expr::value(Some(by)))
        .col_expr(submission::Column::DecidedAt, Expr::value(Some(now)))
        .filter(submission::Column::Id.eq(round_id))
        .filter(submission::Column::Outcome.is_null())
        .exec(txn)
        .await?
        .rows_affected;
    if changed == 0 {
        let decided = submission::Entity::find_by_id(round_id)
            .one(txn)
            .await?
            .is_none_or(|r| r.outcome.is_some());
        return Err(ServiceError::Conflict(
            if decided {
                ALREADY_DECIDED
            } else {
                DRAFT_CHANGED
            }
            .into(),
        ));
    }
    Ok(())
}

/// Opens a submitted portfolio to the school again, before any decision. The
/// round is kept, ended as "opened again"; the submission date is cleared
/// until the school submits again.
pub async fn reopen<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    portfolio_id: i32,
    by: i32,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let txn = db.begin().await?;
    // The round first, then the portfolio: the order a decision takes too,
    // so the two never wait on each other.
    claim(&txn, portfolio_id).await?;
    if let Some(round) = current(&txn, portfolio_id).await? {
        end_round(
            &txn,
            round.id,
            (&Outcome::Reopened, ""),
            None,
            (by, today, now),
        )
        .await?;
    }
    let changed = portfolio::Entity::update_many()
        .col_expr(
            portfolio::Column::Status,
            Expr::value(PortfolioStatus::InProgress.as_str()),
        )
        .col_expr(
            portfolio::Column::SubmissionDate,
            Expr::value(Option::<NaiveDate>::None),
        )
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .filter(portfolio::Column::Status.eq(PortfolioStatus::Submitted.as_str()))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(not_changed(
            &txn,
            portfolio_id,
            "Only a submitted portfolio can be reopened.",
        )
        .await);
    }
    txn.commit().await?;
    Ok(())
}

/// Keeps the decision being written (nothing is final yet): the form's
/// answers, checked, for the "check your answers" page.
pub async fn save_draft(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
    by: i32,
    choice: &str,
    reasons: &str,
) -> ServiceResult<()> {
    let (outcome, reasons) =
        check_decision(framework, choice, reasons).map_err(ServiceError::Invalid)?;
    let round = current(db, portfolio_id)
        .await?
        .ok_or_else(|| ServiceError::Conflict(ALREADY_DECIDED.into()))?;
    if round.meeting_id.is_none() {
        return Err(ServiceError::Conflict(
            "Put the portfolio on a board meeting's agenda before recording a decision.".into(),
        ));
    }
    let mut row: submission::ActiveModel = round.into();
    row.draft_outcome = Set(Some(outcome.choice().to_string()));
    row.draft_reasons = Set(reasons);
    row.draft_by = Set(Some(by));
    row.update(db).await?;
    Ok(())
}

/// What the decision does to the portfolio.
#[derive(Debug)]
pub struct Decided {
    pub outcome: Outcome,
    pub round: i32,
    /// The meeting it was decided for.
    pub meeting_id: i32,
}

/// Names a draft decision (its choice and reasons) for "check your answers":
/// the page sends it back, and the decision is recorded only if the draft is
/// still the one the assessor read.
pub fn draft_token(choice: &str, reasons: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(choice.as_bytes());
    h.update([0x1f]);
    h.update(reasons.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Records the board's decision as drafted and checked: final, and only if
/// the draft is still what was checked. Awarded, the cover sheet gets the
/// level, the award date (the day the board met) and the renewal due date;
/// not yet, the portfolio goes back to the school with the feedback. The
/// decision itself is dated `today`, the day it was recorded.
pub async fn decide<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    framework: &Framework,
    portfolio_id: i32,
    by: i32,
    checked: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<Decided> {
    let terms = framework.award.as_ref().ok_or_else(|| {
        ServiceError::Conflict("This self-audit is not assessed by the award team.".into())
    })?;
    let txn = db.begin().await?;
    if !claim(&txn, portfolio_id).await? {
        return Err(ServiceError::Conflict(ALREADY_DECIDED.into()));
    }
    let round = current(&txn, portfolio_id)
        .await?
        .ok_or_else(|| ServiceError::Conflict(ALREADY_DECIDED.into()))?;
    let Some(meeting_id) = round.meeting_id else {
        return Err(ServiceError::Conflict(
            "Put the portfolio on a board meeting's agenda before recording a decision.".into(),
        ));
    };
    let Some(choice) = round.draft_outcome.clone() else {
        return Err(ServiceError::invalid(
            "outcome",
            "Choose the board's decision and give the reasons first",
        ));
    };
    if draft_token(&choice, &round.draft_reasons) != checked {
        return Err(ServiceError::Conflict(DRAFT_CHANGED.into()));
    }
    let (outcome, reasons) =
        check_decision(framework, &choice, &round.draft_reasons).map_err(ServiceError::Invalid)?;
    let met_on = board_meeting::Entity::find_by_id(meeting_id)
        .one(&txn)
        .await?
        .map_or(today, |m| m.meets_on);
    end_round(
        &txn,
        round.id,
        (&outcome, &reasons),
        Some((&choice, &round.draft_reasons)),
        (by, today, now),
    )
    .await?;
    let mut update = portfolio::Entity::update_many()
        .col_expr(portfolio::Column::UpdatedAt, Expr::value(now))
        .filter(portfolio::Column::Id.eq(portfolio_id))
        .filter(portfolio::Column::Status.eq(PortfolioStatus::Submitted.as_str()));
    update = match &outcome {
        Outcome::Awarded(level) => update
            .col_expr(
                portfolio::Column::Status,
                Expr::value(PortfolioStatus::Awarded.as_str()),
            )
            .col_expr(
                portfolio::Column::AwardLevel,
                Expr::value(Some(level.clone())),
            )
            .col_expr(portfolio::Column::AwardDate, Expr::value(Some(met_on)))
            .col_expr(
                portfolio::Column::RenewalDueDate,
                Expr::value(renewal_due(terms, met_on)),
            ),
        _ => update.col_expr(
            portfolio::Column::Status,
            Expr::value(PortfolioStatus::NotYetAwarded.as_str()),
        ),
    };
    if update.exec(&txn).await?.rows_affected == 0 {
        return Err(not_changed(&txn, portfolio_id, ALREADY_DECIDED).await);
    }
    txn.commit().await?;
    Ok(Decided {
        outcome,
        round: round.round,
        meeting_id,
    })
}

/// Every round of a portfolio, newest first, with its meeting and feedback.
/// `drafts`: include the feedback of rounds not decided (the award team);
/// otherwise a round's feedback shows only once the board has decided.
pub async fn rounds(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
    feedback: bool,
    drafts: bool,
) -> ServiceResult<Vec<Round>> {
    let rows = submission::Entity::find()
        .filter(submission::Column::PortfolioId.eq(portfolio_id))
        .order_by_desc(submission::Column::Round)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let meeting_ids: Vec<i32> = rows.iter().filter_map(|r| r.meeting_id).collect();
    let meetings: HashMap<i32, MeetingRef> = if meeting_ids.is_empty() {
        HashMap::new()
    } else {
        board_meeting::Entity::find()
            .filter(board_meeting::Column::Id.is_in(meeting_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|m| {
                (
                    m.id,
                    MeetingRef {
                        id: m.id,
                        meets_on: m.meets_on,
                        place: m.place,
                    },
                )
            })
            .collect()
    };
    let notes = if feedback {
        feedback_note::Entity::find()
            .filter(feedback_note::Column::SubmissionId.is_in(rows.iter().map(|r| r.id)))
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let people = rows
        .iter()
        .flat_map(|r| [r.submitted_by, r.decided_by])
        .chain(notes.iter().map(|n| n.updated_by))
        .flatten()
        .collect();
    let names = display_names(db, people).await?;
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(rows
        .into_iter()
        .map(|r| {
            let outcome = r
                .outcome
                .as_deref()
                .and_then(|o| Outcome::from_parts(o, r.award_level.as_deref()));
            let shown = match &outcome {
                None => drafts,
                Some(o) => o.is_decision() || drafts,
            };
            let mut feedback: Vec<FeedbackNote> = notes
                .iter()
                .filter(|n| shown && n.submission_id == r.id && !n.body.trim().is_empty())
                .filter_map(|n| note_of(framework, n, &name))
                .collect();
            feedback.sort_by_key(|f| place_order(framework, f));
            Round {
                id: r.id,
                round: r.round,
                submitted_on: r.submitted_on,
                submitted_by: name(r.submitted_by),
                meeting: r.meeting_id.and_then(|id| meetings.get(&id).cloned()),
                outcome_label: outcome
                    .as_ref()
                    .map(|o| o.label(framework))
                    .unwrap_or_else(|| "Waiting for the board's decision".into()),
                outcome,
                reasons: r.reasons,
                decided_on: r.decided_on,
                decided_by: name(r.decided_by),
                feedback,
            }
        })
        .collect())
}

fn note_of(
    framework: &Framework,
    n: &feedback_note::Model,
    name: &impl Fn(Option<i32>) -> Option<String>,
) -> Option<FeedbackNote> {
    let place = crate::award::decision::FeedbackPlace::parse(framework, &n.place)?;
    Some(FeedbackNote {
        domain: place.domain(framework)?,
        criterion: match place {
            crate::award::decision::FeedbackPlace::Criterion(id) => Some(id),
            crate::award::decision::FeedbackPlace::Domain(_) => None,
        },
        place: n.place.clone(),
        body: n.body.clone(),
        by: name(n.updated_by),
        updated_at: n.updated_at,
    })
}

/// Domain feedback first within its domain, then its criteria in order.
fn place_order(framework: &Framework, f: &FeedbackNote) -> (u32, usize) {
    let within = match &f.criterion {
        None => 0,
        Some(id) => {
            1 + framework
                .criteria()
                .position(|(_, c)| &c.id == id)
                .unwrap_or(usize::MAX - 1)
        }
    };
    (f.domain, within)
}
