//! What an assessor reads and writes: a domain of the submitted portfolio,
//! criterion by criterion (the school's standard met beside that level's
//! descriptors, the narratives, the linked evidence, the assessor's notes),
//! and the decision with its "check your answers".

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::rounds;
use crate::award::decision::FeedbackPlace;
use crate::db::entities::criterion_response;
use crate::model::{Capabilities, DecisionPage, ReviewCriterion, ReviewPage, Round};
use crate::rubric::Catalog;
use crate::services::markdown::render;
use crate::services::{ServiceError, ServiceResult, evidence, portfolios};

/// The round an assessor reviews: the one with the board now, or else the
/// last decided.
fn under_review(rounds: &[Round]) -> Option<Round> {
    rounds
        .iter()
        .find(|r| !r.decided())
        .or_else(|| {
            rounds
                .iter()
                .find(|r| r.outcome.as_ref().is_some_and(|o| o.is_decision()))
        })
        .cloned()
}

pub async fn page(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    portfolio_id: i32,
    can: Capabilities,
    domain: u32,
    today: NaiveDate,
) -> ServiceResult<ReviewPage> {
    let portfolio = portfolios::view(db, frameworks, portfolio_id, can, today).await?;
    let framework = &portfolio.framework;
    let Some(d) = framework.domain(domain) else {
        return Err(ServiceError::NotFound);
    };
    let round = under_review(&portfolio.award.rounds);
    let responses = criterion_response::Entity::find()
        .filter(criterion_response::Column::PortfolioId.eq(portfolio_id))
        .all(db)
        .await?;
    let items = evidence::list(db, framework, portfolio_id).await?;
    let criteria = d
        .criteria
        .iter()
        .map(|c| {
            let r = responses.iter().find(|r| r.criterion_id == c.id);
            let key = r.and_then(|r| r.standard_met.clone());
            ReviewCriterion {
                id: c.id.clone(),
                statement: c.statement.clone(),
                standard: framework.choice_label(key.as_deref()),
                descriptors: key
                    .as_deref()
                    .map(|k| c.descriptor(k).to_vec())
                    .unwrap_or_default(),
                practice: r.map(|r| render(&r.practice)).unwrap_or_default(),
                impact: r.map(|r| render(&r.impact)).unwrap_or_default(),
                next_steps: r.map(|r| render(&r.next_steps)).unwrap_or_default(),
                evidence: items
                    .iter()
                    .filter(|i| i.criteria.contains(&c.id))
                    .cloned()
                    .collect(),
                note: round
                    .as_ref()
                    .and_then(|r| r.criterion_note(&c.id))
                    .map(|n| n.body.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let feedback = round
        .as_ref()
        .and_then(|r| r.domain_feedback(domain))
        .map(|n| n.body.clone())
        .unwrap_or_default();
    Ok(ReviewPage {
        award: portfolio.award.clone(),
        portfolio,
        round,
        domain,
        criteria,
        feedback,
    })
}

/// The decision's form and its "check your answers": the round waiting for
/// the board, the choices, the draft, and the feedback the school will read.
pub async fn decision(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    portfolio_id: i32,
    can: Capabilities,
    today: NaiveDate,
) -> ServiceResult<DecisionPage> {
    let portfolio = portfolios::view(db, frameworks, portfolio_id, can, today).await?;
    let round = portfolio.award.current().cloned().ok_or_else(|| {
        ServiceError::Conflict("A decision has already been recorded for this submission.".into())
    })?;
    let stored = rounds::current(db, portfolio_id).await?;
    let framework = &portfolio.framework;
    let mut choices: Vec<(String, String)> = framework
        .levels
        .iter()
        .map(|l| (l.id.clone(), format!("Award {}", l.label)))
        .collect();
    choices.push((
        "not_yet".into(),
        "Not yet: return it to the school with feedback".into(),
    ));
    let domains = framework
        .domains
        .iter()
        .map(|d| {
            let text = round
                .domain_feedback(d.number)
                .map(|n| n.body.clone())
                .unwrap_or_default();
            (d.number, d.title.clone(), text)
        })
        .collect();
    let draft_choice = stored.as_ref().and_then(|s| s.draft_outcome.clone());
    let draft_reasons = stored.map(|s| s.draft_reasons).unwrap_or_default();
    Ok(DecisionPage {
        draft_token: rounds::draft_token(
            draft_choice.as_deref().unwrap_or_default(),
            &draft_reasons,
        ),
        draft_choice,
        draft_reasons,
        portfolio,
        round,
        choices,
        domains,
    })
}

/// The place key of a domain's feedback (for forms).
pub fn domain_place(number: u32) -> String {
    FeedbackPlace::Domain(number).key()
}
