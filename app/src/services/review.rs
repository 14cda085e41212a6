//! Review comments on criteria, when each person last looked at one, what
//! changed since, and each person's own work. Staff only: callers authorise
//! through `access` (`ReadComments`, `Comment`); nothing here reaches the
//! pack, the governors' views or the award team.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::{Problems, ServiceError, ServiceResult};
use crate::calendar::england_time;
use crate::db::entities::{audit_event, comment, criterion_response, look};
use crate::model::{
    CommentThread, CommentView, LastChange, MentionItem, Resolution, ResponseStatus, ReviewData,
};
use crate::protection::identifiers::scan;
use crate::rubric::{FieldKind, Framework};

/// A comment is a note between colleagues, not a second narrative.
pub const MAX_COMMENT_CHARS: usize = 2000;

/// Who has written a criterion's text (they may not mark it reviewed).
pub async fn writers(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion_id: &str,
) -> ServiceResult<Vec<i32>> {
    Ok(
        crate::collab::server::store::writers(db, portfolio_id, Some(criterion_id))
            .await?
            .into_iter()
            .map(|(_, user)| user)
            .collect(),
    )
}

/// A new comment, or a reply to one, as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct NewComment {
    pub criterion_id: String,
    /// `practice`, `impact`, `next_steps`, or empty for the whole criterion.
    pub field: String,
    pub reply_to: Option<i32>,
    /// A colleague's user id, or empty.
    pub mention: String,
    pub body: String,
    /// The writer saw the identifier warning and keeps the text.
    pub keep_identifiers: bool,
}

/// Adds a comment or reply, after checking everything; nothing is stored if
/// anything is wrong. `staff` are the school's coordinators and editors (the
/// only people who may be mentioned).
pub async fn add(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
    author: i32,
    staff: &[i32],
    input: NewComment,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    if framework.criterion(&input.criterion_id).is_none() {
        return Err(ServiceError::NotFound);
    }
    let mut problems = Problems::default();
    let body = input.body.replace("\r\n", "\n").trim().to_string();
    if body.is_empty() {
        problems.add("body", "Enter your comment");
    } else if body.chars().count() > MAX_COMMENT_CHARS {
        problems.add(
            "body",
            format!("Your comment must be {MAX_COMMENT_CHARS} characters or fewer"),
        );
    }
    let field = match input.field.trim() {
        "" => None,
        key => match FieldKind::parse(key).filter(|f| framework.field(*f).is_some()) {
            Some(f) => Some(f),
            None => {
                problems.add("field", "Choose a part of the criterion from the list");
                None
            }
        },
    };
    let mention = match input.mention.trim() {
        "" => None,
        id => match id.parse::<i32>().ok().filter(|id| staff.contains(id)) {
            Some(id) => Some(id),
            None => {
                problems.add("mention", "Choose a colleague from the list");
                None
            }
        },
    };
    let parent = match input.reply_to {
        None => None,
        Some(id) => {
            let parent = comment::Entity::find_by_id(id).one(db).await?;
            match parent {
                Some(p)
                    if p.portfolio_id == portfolio_id
                        && p.criterion_id == input.criterion_id
                        && p.parent_id.is_none() =>
                {
                    Some(p)
                }
                _ => return Err(ServiceError::NotFound),
            }
        }
    };
    if !problems.has("body") && !input.keep_identifiers {
        let found = scan(&body, chrono::Datelike::year(&now));
        if let Some(first) = found.first() {
            problems.add(
                "body",
                crate::review::identifier_warning(first.kind.label(), &first.text),
            );
        }
    }
    problems.check()?;
    let saved = comment::ActiveModel {
        portfolio_id: Set(portfolio_id),
        criterion_id: Set(input.criterion_id),
        // A reply sits in its thread: the thread says what it is about.
        field: Set(match &parent {
            Some(p) => p.field.clone(),
            None => field.map(|f| f.as_str().to_string()),
        }),
        parent_id: Set(parent.map(|p| p.id)),
        author_id: Set(Some(author)),
        mention_id: Set(mention),
        body: Set(body),
        created_at: Set(now),
        resolved_by: Set(None),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// Resolves a thread (anyone on the staff may); its criterion, for the way back.
pub async fn resolve(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    comment_id: i32,
    by: i32,
    now: DateTime<Utc>,
) -> ServiceResult<String> {
    let found = comment::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .filter(|c| c.portfolio_id == portfolio_id)
        .ok_or(ServiceError::NotFound)?;
    // A reply resolves the thread it belongs to.
    let thread = match found.parent_id {
        Some(parent) => comment::Entity::find_by_id(parent)
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?,
        None => found,
    };
    let criterion = thread.criterion_id.clone();
    if thread.resolved_by.is_none() {
        let mut active: comment::ActiveModel = thread.into();
        active.resolved_by = Set(Some(by));
        active.resolved_at = Set(Some(now));
        active.update(db).await?;
    }
    Ok(criterion)
}

/// A criterion's comments as threads, open ones first.
pub async fn threads(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion_id: &str,
) -> ServiceResult<Vec<CommentThread>> {
    let rows = comment::Entity::find()
        .filter(comment::Column::PortfolioId.eq(portfolio_id))
        .filter(comment::Column::CriterionId.eq(criterion_id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    let ids = rows
        .iter()
        .flat_map(|c| [c.author_id, c.mention_id, c.resolved_by])
        .flatten()
        .collect();
    let names = super::accounts::display_names(db, ids).await?;
    let name = |id: Option<i32>| match id.and_then(|id| names.get(&id)) {
        Some(n) => n.clone(),
        None => crate::glossary::FORMER_MEMBER.to_string(),
    };
    let view = |c: &comment::Model| CommentView {
        id: c.id,
        author: name(c.author_id),
        mention: c.mention_id.map(|m| name(Some(m))),
        body: c.body.clone(),
        created_at: c.created_at,
        when: england_time(c.created_at),
    };
    let mut threads: Vec<CommentThread> = rows
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| CommentThread {
            first: view(c),
            field: c.field.as_deref().and_then(FieldKind::parse),
            replies: rows
                .iter()
                .filter(|r| r.parent_id == Some(c.id))
                .map(view)
                .collect(),
            resolved: c.resolved_at.map(|at| Resolution {
                by: name(c.resolved_by),
                when: england_time(at),
            }),
        })
        .collect();
    crate::review::order_threads(&mut threads);
    Ok(threads)
}

/// The review side of a criterion's page for one person, and records that
/// they looked (so the next visit shows only what changed after this one).
pub async fn for_page(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
    criterion_id: &str,
    me: i32,
    now: DateTime<Utc>,
) -> ServiceResult<ReviewData> {
    let threads = threads(db, portfolio_id, criterion_id).await?;
    let writers = writers(db, portfolio_id, criterion_id).await?;
    let looked = look::Entity::find_by_id((me, portfolio_id, criterion_id.to_string()))
        .one(db)
        .await?
        .map(|l| l.at);
    let mut changed_since = Vec::new();
    if let Some(looked) = looked {
        let events = audit_event::Entity::find()
            .filter(audit_event::Column::PortfolioId.eq(portfolio_id))
            .filter(audit_event::Column::CriterionId.eq(criterion_id))
            .filter(audit_event::Column::LastAt.gt(looked))
            .filter(audit_event::Column::UserId.ne(me))
            .order_by_asc(audit_event::Column::Id)
            .all(db)
            .await?;
        let names =
            super::accounts::display_names(db, events.iter().filter_map(|e| e.user_id).collect())
                .await?;
        let mut by_field: Vec<(String, Vec<String>)> = Vec::new();
        for e in &events {
            let who = e
                .user_id
                .and_then(|u| names.get(&u).cloned())
                .unwrap_or_else(|| crate::glossary::FORMER_MEMBER.to_string());
            match by_field.iter_mut().find(|(f, _)| *f == e.field) {
                Some((_, people)) if !people.contains(&who) => people.push(who),
                Some(_) => {}
                None => by_field.push((e.field.clone(), vec![who])),
            }
        }
        changed_since = by_field
            .into_iter()
            .map(|(field, people)| (field, crate::glossary::and_list(&people)))
            .collect();
    }
    record_look(db, me, portfolio_id, criterion_id, now).await?;
    let last_change = last_changes(db, portfolio_id).await?.remove(criterion_id);
    Ok(ReviewData {
        threads,
        may_review: crate::review::may_review(me, &writers),
        changed_since,
        last_looked: looked.map(england_time),
        last_change,
    })
}

async fn record_look(
    db: &impl ConnectionTrait,
    me: i32,
    portfolio_id: i32,
    criterion_id: &str,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    look::Entity::insert(look::ActiveModel {
        user_id: Set(me),
        portfolio_id: Set(portfolio_id),
        criterion_id: Set(criterion_id.to_string()),
        at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            look::Column::UserId,
            look::Column::PortfolioId,
            look::Column::CriterionId,
        ])
        .update_column(look::Column::At)
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Who changed each criterion last, and when (from its columns, which the
/// document keeps in step).
pub async fn last_changes(
    db: &impl ConnectionTrait,
    portfolio_id: i32,
) -> ServiceResult<HashMap<String, LastChange>> {
    let rows = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .filter(criterion_response::Column::UpdatedBy.is_not_null())
        .all(db)
        .await?;
    let names =
        super::accounts::display_names(db, rows.iter().filter_map(|r| r.updated_by).collect())
            .await?;
    Ok(last_changes_of(&rows, &names))
}

/// [`last_changes`] from a portfolio's criterion rows already loaded, and the
/// names of whoever changed them (a name missing: a former member).
pub fn last_changes_of(
    rows: &[criterion_response::Model],
    names: &HashMap<i32, String>,
) -> HashMap<String, LastChange> {
    rows.iter()
        .filter_map(|r| {
            let by = r.updated_by?;
            let who = names
                .get(&by)
                .cloned()
                .unwrap_or_else(|| crate::glossary::FORMER_MEMBER.to_string());
            Some((
                r.criterion_id.clone(),
                LastChange {
                    who,
                    when: england_time(r.updated_at),
                },
            ))
        })
        .collect()
}

/// One portfolio's share of a person's work: what they own, what waits for
/// their review, open comments mentioning them, and their criteria others
/// changed since they last looked.
pub async fn work_in(
    db: &impl ConnectionTrait,
    framework: &Framework,
    portfolio_id: i32,
    me: i32,
) -> ServiceResult<WorkLists> {
    let rows = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .all(db)
        .await?;
    let writers = crate::collab::server::store::writers(db, portfolio_id, None).await?;
    let wrote: HashSet<&str> = writers
        .iter()
        .filter(|(_, u)| *u == me)
        .map(|(c, _)| c.as_str())
        .collect();
    let last = last_changes(db, portfolio_id).await?;
    let looks: HashMap<String, DateTime<Utc>> = look::Entity::find()
        .filter(look::Column::UserId.eq(me))
        .filter(look::Column::PortfolioId.eq(portfolio_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.criterion_id, l.at))
        .collect();
    let item = |r: &criterion_response::Model| crate::model::WorkItem {
        criterion_id: r.criterion_id.clone(),
        statement: framework
            .criterion(&r.criterion_id)
            .map(|(_, c)| c.statement.clone())
            .unwrap_or_default(),
        status: ResponseStatus::parse(&r.status).unwrap_or_default(),
        last_change: last.get(&r.criterion_id).cloned(),
    };
    let order = |items: &mut Vec<crate::model::WorkItem>| {
        items.sort_by_key(|i| framework.position(&i.criterion_id));
    };
    let in_framework =
        |r: &&criterion_response::Model| framework.criterion(&r.criterion_id).is_some();
    let mut owned: Vec<_> = rows
        .iter()
        .filter(in_framework)
        .filter(|r| r.owner_user_id == Some(me))
        .map(item)
        .collect();
    let mut to_review: Vec<_> = rows
        .iter()
        .filter(in_framework)
        .filter(|r| r.status == ResponseStatus::ReadyForReview.as_str())
        .filter(|r| !wrote.contains(r.criterion_id.as_str()))
        .map(item)
        .collect();
    // Changed by someone else after my last look (or ever, if I never looked).
    let mut changed: Vec<_> = rows
        .iter()
        .filter(in_framework)
        .filter(|r| r.owner_user_id == Some(me))
        .filter(|r| r.updated_by.is_some_and(|u| u != me))
        .filter(|r| {
            looks
                .get(&r.criterion_id)
                .is_none_or(|at| r.updated_at > *at)
        })
        .map(item)
        .collect();
    order(&mut owned);
    order(&mut to_review);
    order(&mut changed);
    let open = comment::Entity::find()
        .filter(comment::Column::PortfolioId.eq(portfolio_id))
        .filter(comment::Column::MentionId.eq(me))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    // A mention waits until its thread is resolved.
    let parents: HashMap<i32, bool> = comment::Entity::find()
        .filter(
            comment::Column::Id.is_in(open.iter().filter_map(|c| c.parent_id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.resolved_by.is_some() || p.resolved_at.is_some()))
        .collect();
    let open: Vec<comment::Model> = open
        .into_iter()
        .filter(|c| match c.parent_id {
            Some(p) => !parents.get(&p).copied().unwrap_or(true),
            None => c.resolved_at.is_none(),
        })
        .collect();
    let names =
        super::accounts::display_names(db, open.iter().filter_map(|c| c.author_id).collect())
            .await?;
    let mentions = open
        .into_iter()
        .map(|c| MentionItem {
            comment_id: c.id,
            author: c
                .author_id
                .and_then(|a| names.get(&a).cloned())
                .unwrap_or_else(|| crate::glossary::FORMER_MEMBER.to_string()),
            criterion_id: c.criterion_id,
            body: c.body,
            when: england_time(c.created_at),
        })
        .collect();
    Ok(WorkLists {
        owned,
        to_review,
        mentions,
        changed,
    })
}

/// The four lists of [`work_in`].
pub struct WorkLists {
    pub owned: Vec<crate::model::WorkItem>,
    pub to_review: Vec<crate::model::WorkItem>,
    pub mentions: Vec<MentionItem>,
    pub changed: Vec<crate::model::WorkItem>,
}

/// A person's work in every portfolio they write that their school still has
/// (not submitted, not awarded), each asked of the one door.
pub async fn my_work(
    db: &impl ConnectionTrait,
    frameworks: &crate::rubric::Catalog,
    who: &crate::security::Principal,
) -> ServiceResult<crate::model::MyWork> {
    use crate::db::entities::portfolio;
    use crate::model::{MyWork, PortfolioStatus, PortfolioWork};
    use crate::security::Action;
    let mut work = MyWork::default();
    for (school_id, _) in &who.memberships {
        let rows = portfolio::Entity::find()
            .filter(portfolio::Column::SchoolId.eq(*school_id))
            .filter(portfolio::Column::Status.is_in([
                PortfolioStatus::InProgress.as_str(),
                PortfolioStatus::NotYetAwarded.as_str(),
            ]))
            .order_by_desc(portfolio::Column::Id)
            .all(db)
            .await?;
        for row in rows {
            let allowed = super::access::portfolio(db, Some(who), row.id, Action::Comment).await;
            let (Ok(_), Some(framework)) = (allowed, frameworks.get(&row.framework_id)) else {
                continue;
            };
            let lists = work_in(db, &framework, row.id, who.user_id).await?;
            let nothing = lists.owned.is_empty()
                && lists.to_review.is_empty()
                && lists.mentions.is_empty()
                && lists.changed.is_empty();
            // A self-audit (the DT expectations) shows only when something in it waits.
            if nothing && framework.award.is_none() {
                continue;
            }
            work.portfolios.push(PortfolioWork {
                portfolio_id: row.id,
                school_name: super::schools::info(db, *school_id).await?.name,
                framework_title: framework.title.clone(),
                owned: lists.owned,
                to_review: lists.to_review,
                mentions: lists.mentions,
                changed: lists.changed,
            });
        }
    }
    Ok(work)
}

/// The school's staff (coordinators and editors): who may be mentioned.
pub async fn staff_ids(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<Vec<i32>> {
    use crate::db::entities::membership;
    use crate::model::SchoolRole;
    Ok(membership::Entity::find()
        .filter(membership::Column::SchoolId.eq(school_id))
        .filter(membership::Column::Role.is_in([
            SchoolRole::Coordinator.as_str(),
            SchoolRole::Editor.as_str(),
        ]))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}
