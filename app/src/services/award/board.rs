//! The authority's Assessment Board: its meetings (three a year is the
//! toolkit's rhythm, not a limit), their agendas, and moving a submission to
//! another meeting.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionSession, TransactionTrait,
};

use super::rounds;
use crate::award::Outcome;
use crate::db::entities::{board_meeting, feedback_note, portfolio, school, submission};
use crate::model::{AgendaItem, Meeting, MeetingRef};
use crate::rubric::Catalog;
use crate::services::{Problems, ServiceError, ServiceResult, portfolios};

/// The longest place, and notes, of a meeting.
pub const MAX_PLACE: usize = 120;
pub const MAX_NOTES: usize = 2000;

/// A meeting as the form sends it.
pub struct MeetingInput<'a> {
    pub meets_on: &'a crate::calendar::DateParts,
    pub place: &'a str,
    pub notes: &'a str,
}

struct Checked {
    meets_on: NaiveDate,
    place: String,
    notes: String,
}

fn check(input: &MeetingInput<'_>) -> ServiceResult<Checked> {
    let mut p = Problems::default();
    let meets_on = match input.meets_on.parse("Date of the meeting") {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            p.add("meets_on", "Enter the date of the meeting");
            None
        }
        Err(message) => {
            p.add("meets_on", message);
            None
        }
    };
    let place = input.place.trim().to_string();
    if place.chars().count() > MAX_PLACE {
        p.add(
            "place",
            format!("The place must be {MAX_PLACE} characters or fewer"),
        );
    }
    let notes = input.notes.replace("\r\n", "\n").trim().to_string();
    if notes.chars().count() > MAX_NOTES {
        p.add(
            "notes",
            format!("The notes must be {MAX_NOTES} characters or fewer"),
        );
    }
    p.check()?;
    Ok(Checked {
        meets_on: meets_on.unwrap_or_default(),
        place,
        notes,
    })
}

/// Adds a meeting. Submitted portfolios waiting on no agenda join it if it
/// is still to come.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    authority_id: i32,
    by: i32,
    input: MeetingInput<'_>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<board_meeting::Model> {
    let checked = check(&input)?;
    let txn = db.begin().await?;
    let meeting = board_meeting::ActiveModel {
        authority_id: Set(authority_id),
        meets_on: Set(checked.meets_on),
        place: Set(checked.place),
        notes: Set(checked.notes),
        created_by: Set(Some(by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if meeting.meets_on >= today {
        let mut joining = Vec::new();
        for round in waiting_rounds(&txn, authority_id).await? {
            // A resubmission only joins a board after the one that returned it.
            let after = rounds::returned_at(&txn, round.portfolio_id).await?;
            if after.is_none_or(|a| meeting.meets_on > a) {
                joining.push(round.id);
            }
        }
        if !joining.is_empty() {
            submission::Entity::update_many()
                .col_expr(submission::Column::MeetingId, Expr::value(Some(meeting.id)))
                .filter(submission::Column::Id.is_in(joining))
                .exec(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(meeting)
}

/// Undecided rounds of the authority's schools that are on no agenda.
async fn waiting_rounds(
    db: &impl ConnectionTrait,
    authority_id: i32,
) -> ServiceResult<Vec<submission::Model>> {
    let schools = school::Entity::find()
        .filter(school::Column::AuthorityId.eq(authority_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id);
    let portfolios: Vec<i32> = portfolio::Entity::find()
        .filter(portfolio::Column::SchoolId.is_in(schools))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if portfolios.is_empty() {
        return Ok(Vec::new());
    }
    Ok(submission::Entity::find()
        .filter(submission::Column::PortfolioId.is_in(portfolios))
        .filter(submission::Column::Outcome.is_null())
        .filter(submission::Column::MeetingId.is_null())
        .all(db)
        .await?)
}

/// A meeting of this authority, or not found.
pub async fn get(
    db: &impl ConnectionTrait,
    meeting_id: i32,
) -> ServiceResult<board_meeting::Model> {
    board_meeting::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Changes a meeting's date, place or notes.
pub async fn update(
    db: &impl ConnectionTrait,
    meeting_id: i32,
    input: MeetingInput<'_>,
) -> ServiceResult<()> {
    let checked = check(&input)?;
    let mut row: board_meeting::ActiveModel = get(db, meeting_id).await?.into();
    row.meets_on = Set(checked.meets_on);
    row.place = Set(checked.place);
    row.notes = Set(checked.notes);
    row.update(db).await?;
    Ok(())
}

/// The authority's meetings, soonest first, with their agendas counted.
pub async fn meetings(db: &impl ConnectionTrait, authority_id: i32) -> ServiceResult<Vec<Meeting>> {
    let rows = board_meeting::Entity::find()
        .filter(board_meeting::Column::AuthorityId.eq(authority_id))
        .order_by_asc(board_meeting::Column::MeetsOn)
        .order_by_asc(board_meeting::Column::Id)
        .all(db)
        .await?;
    let mut counts: HashMap<i32, (usize, usize)> = HashMap::new();
    if !rows.is_empty() {
        for s in submission::Entity::find()
            .filter(submission::Column::MeetingId.is_in(rows.iter().map(|m| m.id)))
            .all(db)
            .await?
        {
            let Some(m) = s.meeting_id else { continue };
            // A round opened again before the board leaves the agenda.
            if s.outcome.as_deref() == Some("reopened") {
                continue;
            }
            let c = counts.entry(m).or_default();
            c.0 += 1;
            if s.outcome.is_some() {
                c.1 += 1;
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|m| {
            let (on_agenda, decided) = counts.get(&m.id).copied().unwrap_or_default();
            Meeting {
                id: m.id,
                meets_on: m.meets_on,
                place: m.place,
                notes: m.notes,
                on_agenda,
                decided,
            }
        })
        .collect())
}

/// Everything on a meeting's agenda, by school name.
pub async fn agenda(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    meeting_id: i32,
) -> ServiceResult<Vec<AgendaItem>> {
    let rounds = submission::Entity::find()
        .filter(submission::Column::MeetingId.eq(meeting_id))
        .all(db)
        .await?;
    let mut items = Vec::new();
    for round in rounds {
        if round.outcome.as_deref() == Some("reopened") {
            continue;
        }
        let Some((p, Some(s))) = portfolio::Entity::find_by_id(round.portfolio_id)
            .find_also_related(school::Entity)
            .one(db)
            .await?
        else {
            continue;
        };
        let Some(framework) = frameworks.get(&p.framework_id) else {
            continue;
        };
        let progress = portfolios::progress_of(db, frameworks, &p).await?;
        let evidence = crate::services::evidence::list(db, &framework, p.id).await?;
        let reviewed = feedback_note::Entity::find()
            .filter(feedback_note::Column::SubmissionId.eq(round.id))
            .filter(feedback_note::Column::Place.starts_with("domain:"))
            .all(db)
            .await?
            .iter()
            .filter(|n| !n.body.trim().is_empty())
            .count();
        let decision = round
            .outcome
            .as_deref()
            .and_then(|o| Outcome::from_parts(o, round.award_level.as_deref()))
            .map(|o| o.label(&framework));
        items.push(AgendaItem {
            portfolio_id: p.id,
            school_id: s.id,
            school_name: s.name,
            round: round.round,
            submitted_on: round.submitted_on,
            self_assessed: framework
                .level_reached_label(progress.as_ref().and_then(|pr| pr.level_reached.as_deref())),
            evidence: crate::evidence::rules::per_domain(&framework, &evidence),
            reviewed_domains: reviewed,
            domains: framework.domains.len(),
            decision,
            readable: matches!(
                crate::model::PortfolioStatus::parse(&p.status),
                Some(
                    crate::model::PortfolioStatus::Submitted
                        | crate::model::PortfolioStatus::Awarded
                )
            ),
        });
    }
    items.sort_by_key(|i| i.school_name.to_lowercase());
    Ok(items)
}

/// Moves the portfolio's undecided submission to another meeting of the
/// same authority: one still to come, and after the board that last
/// returned it, if one did.
pub async fn move_to(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    authority_id: i32,
    meeting_id: i32,
    today: NaiveDate,
) -> ServiceResult<MeetingRef> {
    let after = rounds::returned_at(db, portfolio_id).await?;
    let meeting = board_meeting::Entity::find_by_id(meeting_id)
        .one(db)
        .await?
        .filter(|m| m.authority_id == authority_id)
        .filter(|m| m.meets_on >= today && after.is_none_or(|a| m.meets_on > a))
        .ok_or_else(|| {
            ServiceError::invalid(
                "meeting_id",
                "Choose a meeting from the list: one still to come, after the board that returned it",
            )
        })?;
    let round = rounds::current(db, portfolio_id).await?.ok_or_else(|| {
        ServiceError::Conflict("Only a submission waiting for a decision can be moved.".into())
    })?;
    let changed = submission::Entity::update_many()
        .col_expr(submission::Column::MeetingId, Expr::value(Some(meeting.id)))
        .filter(submission::Column::Id.eq(round.id))
        .filter(submission::Column::Outcome.is_null())
        .exec(db)
        .await?
        .rows_affected;
    if changed == 0 {
        return Err(ServiceError::Conflict(
            "Only a submission waiting for a decision can be moved.".into(),
        ));
    }
    Ok(MeetingRef {
        id: meeting.id,
        meets_on: meeting.meets_on,
        place: meeting.place,
    })
}
