//! The DT self-audit as an action plan: each expectation not yet in place
//! gets actions (what, who, by when, done). The self-audit itself is a
//! portfolio of the `dt-expectations` framework, written like any other.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use super::access::Located;
use super::virtual_school::DT_AUDIT;
use super::{Problems, ServiceError, ServiceResult, clean_line};
use crate::calendar::DateParts;
use crate::db::entities::{criterion_response, dt_action, portfolio, user};
use crate::model::{ActionPlan, ActionRow, AuditSummary, CoverSheet, PlanItem};
use crate::pep::AuditStanding;
use crate::rubric::{Catalog, Framework};

pub const MAX_ACTION_CHARS: usize = 500;

/// An action plan belongs to the DT self-audit, not to an award portfolio.
fn only_the_audit(located: &Located) -> ServiceResult<()> {
    if located.framework_id == DT_AUDIT {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}

/// The school's latest self-audit, if it has started one.
pub async fn latest_audit(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> ServiceResult<Option<portfolio::Model>> {
    Ok(portfolio::Entity::find()
        .filter(portfolio::Column::SchoolId.eq(school_id))
        .filter(portfolio::Column::FrameworkId.eq(DT_AUDIT))
        .order_by_desc(portfolio::Column::Cycle)
        .order_by_desc(portfolio::Column::Id)
        .one(db)
        .await?)
}

/// Starts the school's self-audit (once); returns its portfolio id.
pub async fn start_audit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    frameworks: &Catalog,
    school_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    if let Some(existing) = latest_audit(db, school_id).await? {
        return Ok(existing.id);
    }
    let framework = frameworks
        .get(DT_AUDIT)
        .ok_or_else(|| ServiceError::Internal(format!("the {DT_AUDIT} framework is not loaded")))?;
    let school = super::schools::info(db, school_id).await?;
    let cover = CoverSheet {
        setting_name: school.name,
        ..Default::default()
    };
    Ok(
        super::portfolios::create(db, school_id, &framework, cover, now)
            .await?
            .id,
    )
}

async fn standards(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
) -> ServiceResult<Vec<(String, Option<String>)>> {
    Ok(criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.criterion_id, r.standard_met))
        .collect())
}

fn standing_of(framework: &Framework, given: &[(String, Option<String>)]) -> AuditStanding {
    AuditStanding::of(
        framework,
        given.iter().map(|(c, s)| (c.as_str(), s.as_deref())),
    )
}

async fn rows(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    today: NaiveDate,
) -> ServiceResult<Vec<ActionRow>> {
    let actions = dt_action::Entity::find()
        .filter(dt_action::Column::PortfolioId.eq(portfolio_id))
        .order_by_asc(dt_action::Column::CriterionId)
        .order_by_asc(dt_action::Column::Id)
        .all(db)
        .await?;
    let owners: Vec<i32> = actions.iter().filter_map(|a| a.owner_id).collect();
    let names: HashMap<i32, String> = if owners.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(owners))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    };
    Ok(actions
        .into_iter()
        .map(|a| ActionRow {
            overdue: a.done_on.is_none() && a.due_on.is_some_and(|d| d < today),
            owner: a.owner_id.and_then(|id| names.get(&id).cloned()),
            id: a.id,
            criterion_id: a.criterion_id,
            what: a.what,
            owner_id: a.owner_id,
            due: a.due_on,
            done_on: a.done_on,
        })
        .collect())
}

/// The plan: every expectation not in place (and any with actions), in
/// the framework's order.
pub async fn plan(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    located: &Located,
    can_edit: bool,
    today: NaiveDate,
) -> ServiceResult<ActionPlan> {
    only_the_audit(located)?;
    let framework = frameworks
        .get(&located.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let given = standards(db, located.portfolio_id).await?;
    let top = framework.levels.last().map(|l| l.id.clone());
    let mut actions = rows(db, located.portfolio_id, today).await?;
    let mut items = Vec::new();
    for (_, criterion) in framework.criteria() {
        let standard = given
            .iter()
            .find(|(id, _)| *id == criterion.id)
            .and_then(|(_, s)| s.clone());
        let mine: Vec<ActionRow> = actions
            .extract_if(.., |a| a.criterion_id == criterion.id)
            .collect();
        if standard.is_some() && standard == top && mine.is_empty() {
            continue;
        }
        items.push(PlanItem {
            criterion_id: criterion.id.clone(),
            statement: criterion.statement.clone(),
            standing: match standard.as_deref() {
                None => "Not answered".into(),
                Some(key) => framework.standard_label(Some(key)),
            },
            actions: mine,
        });
    }
    let school = super::schools::info(db, located.school_id).await?;
    Ok(ActionPlan {
        portfolio_id: located.portfolio_id,
        standing: standing_of(&framework, &given),
        framework_title: framework.title.clone(),
        staff: super::members::staff(db, located.school_id).await?,
        school,
        items,
        can_edit,
        today,
    })
}

/// The self-audit's standing and open actions, for the DT's page.
pub async fn summary(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    school_id: i32,
    today: NaiveDate,
) -> ServiceResult<Option<AuditSummary>> {
    let (Some(audit), Some(framework)) =
        (latest_audit(db, school_id).await?, frameworks.get(DT_AUDIT))
    else {
        return Ok(None);
    };
    let given = standards(db, audit.id).await?;
    let mut open: Vec<ActionRow> = rows(db, audit.id, today)
        .await?
        .into_iter()
        .filter(|a| a.done_on.is_none())
        .collect();
    open.sort_by_key(|a| (a.due.is_none(), a.due, a.id));
    Ok(Some(AuditSummary {
        portfolio_id: audit.id,
        standing: standing_of(&framework, &given),
        open_actions: open,
    }))
}

/// What was typed for a new action.
#[derive(Clone, Debug, Default)]
pub struct ActionInput {
    pub criterion_id: String,
    pub what: String,
    /// A staff member's id, or empty.
    pub owner: String,
    pub due: DateParts,
}

pub async fn add(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    located: &Located,
    input: ActionInput,
    by: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    only_the_audit(located)?;
    let framework = frameworks
        .get(&located.framework_id)
        .ok_or(ServiceError::NotFound)?;
    if framework.criterion(&input.criterion_id).is_none() {
        return Err(ServiceError::invalid(
            "criterion_id",
            "Choose an expectation",
        ));
    }
    let field = |name: &str| format!("{name}-{}", input.criterion_id);
    let mut problems = Problems::default();
    let what = clean_line(
        &mut problems,
        &field("what"),
        "what will be done",
        &input.what,
        MAX_ACTION_CHARS,
    );
    if !problems.has(&field("what"))
        && let Some(found) = crate::protection::identifiers::scan(&what, now.year()).first()
    {
        problems.add(
            &field("what"),
            format!(
                "The action seems to contain {} (“{}”). Remove it: an action names no child",
                found.kind.label(),
                found.text
            ),
        );
    }
    let owner = match input.owner.trim() {
        "" => None,
        typed => {
            let staff = super::review::staff_ids(db, located.school_id).await?;
            match typed.parse::<i32>().ok().filter(|id| staff.contains(id)) {
                Some(id) => Some(id),
                None => {
                    problems.add(&field("owner"), "Choose someone on the school’s staff");
                    None
                }
            }
        }
    };
    let due = match input.due.parse("The date") {
        Ok(d) => d,
        Err(message) => {
            problems.add(&field("due"), message);
            None
        }
    };
    problems.check()?;
    let saved = dt_action::ActiveModel {
        portfolio_id: Set(located.portfolio_id),
        criterion_id: Set(input.criterion_id),
        what: Set(what),
        owner_id: Set(owner),
        due_on: Set(due),
        done_on: Set(None),
        created_by: Set(Some(by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

async fn find(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    action_id: i32,
) -> ServiceResult<dt_action::Model> {
    dt_action::Entity::find_by_id(action_id)
        .filter(dt_action::Column::PortfolioId.eq(portfolio_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Marks an action done today, or not done.
pub async fn set_done(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    action_id: i32,
    done: bool,
    today: NaiveDate,
) -> ServiceResult<()> {
    let action = find(db, portfolio_id, action_id).await?;
    let mut row: dt_action::ActiveModel = action.into();
    row.done_on = Set(done.then_some(today));
    row.update(db).await?;
    Ok(())
}

pub async fn remove(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    action_id: i32,
) -> ServiceResult<()> {
    let action = find(db, portfolio_id, action_id).await?;
    dt_action::Entity::delete_by_id(action.id).exec(db).await?;
    Ok(())
}
