//! Surveys over the database: starting one from a template, sharing it,
//! closing it, answering it (no account; counted once), and the results.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::{ServiceError, ServiceResult};
use crate::db::entities::{school, survey, survey_link, survey_response};
use crate::error::FieldError;
use crate::model::{Availability, SurveyStatus, SurveySummary};
use crate::security::tokens;
use crate::surveys::answers::{Answers, check};
use crate::surveys::design::{Audience, SurveyDesign};
use crate::surveys::templates;

/// A survey as stored, its design read back.
#[derive(Clone, Debug)]
pub struct Stored {
    pub id: i32,
    pub school_id: i32,
    pub design: SurveyDesign,
    pub status: SurveyStatus,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
}

fn stored(row: survey::Model) -> ServiceResult<Stored> {
    let design: SurveyDesign = serde_json::from_str(&row.design)
        .map_err(|e| ServiceError::Internal(format!("survey {} design unreadable: {e}", row.id)))?;
    Ok(Stored {
        id: row.id,
        school_id: row.school_id,
        design,
        status: SurveyStatus::parse(&row.status).unwrap_or_default(),
        opens_on: row.opens_on,
        closes_on: row.closes_on,
    })
}

/// Whether it can be answered on `today`.
pub fn availability(s: &Stored, today: NaiveDate) -> Availability {
    match s.status {
        SurveyStatus::Open => match (s.opens_on, s.closes_on) {
            (Some(open), _) if today < open => Availability::NotYetOpen(open),
            (_, Some(close)) if today > close => Availability::Closed,
            _ => Availability::Open,
        },
        SurveyStatus::Draft | SurveyStatus::Closed => Availability::Closed,
    }
}

async fn insert(
    db: &impl ConnectionTrait,
    school_id: i32,
    design: &SurveyDesign,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let problems = design.problems();
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError::new("design", p))
                .collect(),
        ));
    }
    let json = serde_json::to_string(design).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let row = survey::ActiveModel {
        school_id: Set(school_id),
        title: Set(design.title.clone()),
        audience: Set(design.audience.as_str().into()),
        design: Set(json),
        status: Set(SurveyStatus::Draft.as_str().into()),
        opens_on: Set(None),
        closes_on: Set(None),
        created_by: Set(Some(user_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Starts a draft survey from a template (`voice-of-the-carer`, …).
pub async fn start_from_template(
    db: &impl ConnectionTrait,
    school_id: i32,
    template: &str,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let design = templates::all()
        .into_iter()
        .find(|(name, _)| *name == template)
        .map(|(_, d)| d)
        .ok_or_else(|| ServiceError::invalid("template", "Choose a survey to start from"))?;
    insert(db, school_id, &design, user_id, now).await
}

/// A draft copy, to change questions once the original has answers.
pub async fn copy(
    db: &impl ConnectionTrait,
    survey_id: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let s = get(db, survey_id).await?;
    let mut design = s.design;
    design.title = format!("{} (copy)", design.title)
        .chars()
        .take(200)
        .collect();
    insert(db, s.school_id, &design, user_id, now).await
}

pub async fn get(db: &impl ConnectionTrait, survey_id: i32) -> ServiceResult<Stored> {
    stored(
        survey::Entity::find_by_id(survey_id)
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?,
    )
}

/// The school a survey belongs to, and its authority (for the policy).
pub async fn locate(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> ServiceResult<crate::security::Target> {
    let school_id = survey::Entity::find_by_id(survey_id)
        .select_only()
        .column(survey::Column::SchoolId)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let authority_id = school::Entity::find_by_id(school_id)
        .select_only()
        .column(school::Column::AuthorityId)
        .into_tuple::<i32>()
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(crate::security::Target::School {
        school_id,
        authority_id,
    })
}

pub async fn response_count(db: &impl ConnectionTrait, survey_id: i32) -> ServiceResult<usize> {
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .count(db)
        .await? as usize)
}

pub async fn list(db: &impl ConnectionTrait, school_id: i32) -> ServiceResult<Vec<SurveySummary>> {
    let rows = survey::Entity::find()
        .filter(survey::Column::SchoolId.eq(school_id))
        .order_by_desc(survey::Column::CreatedAt)
        .order_by_desc(survey::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let responses = response_count(db, row.id).await?;
        out.push(SurveySummary {
            id: row.id,
            title: row.title,
            audience: Audience::parse(&row.audience).unwrap_or(Audience::Carers),
            status: SurveyStatus::parse(&row.status).unwrap_or_default(),
            responses,
            opens_on: row.opens_on,
            closes_on: row.closes_on,
        });
    }
    Ok(out)
}

/// The live share link's token, if any.
pub async fn live_token(
    db: &impl ConnectionTrait,
    survey_id: i32,
) -> ServiceResult<Option<String>> {
    Ok(survey_link::Entity::find()
        .filter(survey_link::Column::SurveyId.eq(survey_id))
        .filter(survey_link::Column::RevokedAt.is_null())
        .order_by_desc(survey_link::Column::Id)
        .one(db)
        .await?
        .map(|l| l.token))
}

async fn set_status(
    db: &impl ConnectionTrait,
    survey_id: i32,
    status: SurveyStatus,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let row = survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut row: survey::ActiveModel = row.into();
    row.status = Set(status.as_str().into());
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// Opens the survey for answers (between the dates, if given) and makes
/// sure it has a share link; returns the link's token.
pub async fn open(
    db: &impl ConnectionTrait,
    survey_id: i32,
    opens_on: Option<NaiveDate>,
    closes_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> ServiceResult<String> {
    if let (Some(a), Some(b)) = (opens_on, closes_on)
        && b < a
    {
        return Err(ServiceError::invalid(
            "closes_on",
            "The closing date must be on or after the opening date",
        ));
    }
    let row = survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut row: survey::ActiveModel = row.into();
    row.status = Set(SurveyStatus::Open.as_str().into());
    row.opens_on = Set(opens_on);
    row.closes_on = Set(closes_on);
    row.updated_at = Set(now);
    row.update(db).await?;
    match live_token(db, survey_id).await? {
        Some(token) => Ok(token),
        None => new_link(db, survey_id, now).await,
    }
}

pub async fn close(
    db: &impl ConnectionTrait,
    survey_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    set_status(db, survey_id, SurveyStatus::Closed, now).await
}

/// Retires the current link (it stops working) and makes a new one.
pub async fn new_link(
    db: &impl ConnectionTrait,
    survey_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<String> {
    survey_link::Entity::update_many()
        .col_expr(
            survey_link::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(survey_link::Column::SurveyId.eq(survey_id))
        .filter(survey_link::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    let token = tokens::new_token();
    survey_link::ActiveModel {
        survey_id: Set(survey_id),
        token: Set(token.clone()),
        created_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The survey behind a live link; not found for an unknown or retired one
/// (the same answer either way, so nothing is revealed).
pub async fn by_token(db: &impl ConnectionTrait, token: &str) -> ServiceResult<Stored> {
    if !tokens::looks_like_token(token) {
        return Err(ServiceError::NotFound);
    }
    let link = survey_link::Entity::find()
        .filter(survey_link::Column::Token.eq(token))
        .filter(survey_link::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    get(db, link.survey_id).await
}

/// What became of a submission.
#[derive(Debug, PartialEq, Eq)]
pub enum Submitted {
    Counted,
    /// The same form again: already counted, not counted twice.
    AlreadyCounted,
}

/// Checks and stores one submission: all or nothing, once per form.
pub async fn submit(
    db: &impl ConnectionTrait,
    token: &str,
    submission_key: &str,
    form: &[(String, String)],
    now: DateTime<Utc>,
) -> ServiceResult<Submitted> {
    let s = by_token(db, token).await?;
    match availability(&s, crate::calendar::england_date(now)) {
        Availability::Open => {}
        Availability::NotYetOpen(_) | Availability::Closed => {
            return Err(ServiceError::Conflict(
                "This survey is not open for answers.".into(),
            ));
        }
    }
    if !tokens::looks_like_token(submission_key) {
        return Err(ServiceError::invalid(
            "form",
            "The form was incomplete. Reload the page and try again.",
        ));
    }
    let answers: Answers = check(&s.design, form).map_err(ServiceError::Invalid)?;
    let json =
        serde_json::to_string(&answers).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let inserted = survey_response::Entity::insert(survey_response::ActiveModel {
        survey_id: Set(s.id),
        submission_key: Set(submission_key.into()),
        answers: Set(json),
        submitted_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            survey_response::Column::SurveyId,
            survey_response::Column::SubmissionKey,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(if inserted == 0 {
        Submitted::AlreadyCounted
    } else {
        Submitted::Counted
    })
}

/// Every response's answers, oldest first.
pub async fn responses(db: &impl ConnectionTrait, survey_id: i32) -> ServiceResult<Vec<Answers>> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey_id))
        .order_by_asc(survey_response::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            serde_json::from_str(&r.answers)
                .map_err(|e| ServiceError::Internal(format!("response {} unreadable: {e}", r.id)))
        })
        .collect()
}

/// The school's portfolio being written now (the newest in progress).
async fn current_portfolio(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> ServiceResult<crate::db::entities::portfolio::Model> {
    use crate::db::entities::portfolio;
    portfolio::Entity::find()
        .filter(portfolio::Column::SchoolId.eq(school_id))
        .filter(portfolio::Column::Status.eq(crate::model::PortfolioStatus::InProgress.as_str()))
        // Not the DT self-audit: survey evidence is for the award.
        .filter(portfolio::Column::FrameworkId.ne(super::virtual_school::DT_AUDIT))
        .order_by_desc(portfolio::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| {
            ServiceError::Conflict("There is no portfolio in progress to add evidence to.".into())
        })
}

/// Turns one written answer (`answer` = its place in the list staff see) or
/// one question's chart into an evidence item of the school's portfolio,
/// linked to `criteria` (the question's own when none are given). Only once
/// results are shown, and never an answer that may identify someone.
#[allow(clippy::too_many_arguments)]
pub async fn to_evidence<C: ConnectionTrait + sea_orm::TransactionTrait>(
    db: &C,
    frameworks: &crate::rubric::Catalog,
    survey_id: i32,
    question_id: &str,
    answer: Option<usize>,
    criteria: Vec<String>,
    user_id: i32,
    now: DateTime<Utc>,
) -> ServiceResult<(i32, i32)> {
    use super::evidence::{self, NewEvidence, Saved, UploadedFile};
    use crate::surveys::results::{Results, summary_text, tally};
    let s = get(db, survey_id).await?;
    let responses = responses(db, survey_id).await?;
    let Results::Shown {
        responses: n,
        questions,
    } = tally(&s.design, &responses, true)
    else {
        return Err(ServiceError::Conflict(
            "Results can be used as evidence once at least 5 people have answered.".into(),
        ));
    };
    let q = questions
        .into_iter()
        .find(|q| q.id == question_id)
        .ok_or(ServiceError::NotFound)?;
    let criteria = if criteria.is_empty() {
        s.design
            .question(question_id)
            .map(|q| q.criteria.clone())
            .unwrap_or_default()
    } else {
        criteria
    };
    let portfolio = current_portfolio(db, s.school_id).await?;
    let framework = frameworks
        .get(&portfolio.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let title = &s.design.title;
    let input = match answer {
        Some(i) => {
            let quote = q.texts.get(i).ok_or(ServiceError::NotFound)?.clone();
            if !crate::protection::identifiers::scan(&quote, chrono::Datelike::year(&now))
                .is_empty()
            {
                return Err(ServiceError::Conflict(
                    "This answer may identify someone, so it cannot be used as evidence as it is."
                        .into(),
                ));
            }
            let short: String = quote.chars().take(60).collect();
            let ellipsis = if quote.chars().count() > 60 {
                "…"
            } else {
                ""
            };
            NewEvidence {
                title: format!("“{short}{ellipsis}”"),
                kind: "voice".into(),
                description: format!(
                    "An answer to “{}” in the survey “{title}” ({n} responses).",
                    q.prompt
                ),
                file: Some(UploadedFile {
                    name: "quote.txt".into(),
                    bytes: format!("{title}\n{}\n\n“{quote}”\n", q.prompt).into_bytes(),
                }),
                ..Default::default()
            }
        }
        None => {
            if q.counts.is_empty() {
                return Err(ServiceError::invalid("answer", "Choose an answer to use"));
            }
            NewEvidence {
                title: format!("Survey results: {}", q.prompt)
                    .chars()
                    .take(200)
                    .collect(),
                kind: "survey_results".into(),
                description: format!("From the survey “{title}” ({n} responses)."),
                file: Some(UploadedFile {
                    name: "survey-results.txt".into(),
                    bytes: summary_text(title, &q, n).into_bytes(),
                }),
                ..Default::default()
            }
        }
    };
    // The member of staff choosing it is the one confirming it is anonymised.
    let input = NewEvidence {
        criteria,
        confirm_anonymised: true,
        ..input
    };
    match evidence::create(
        db,
        &framework,
        s.school_id,
        portfolio.id,
        user_id,
        input,
        now,
    )
    .await?
    {
        Saved::Item(id) => Ok((portfolio.id, id)),
        Saved::NeedsDecision(_) => Err(ServiceError::Conflict(
            "This may identify someone, so it cannot be used as evidence as it is.".into(),
        )),
    }
}

/// Replaces a survey's questions. Once anyone has answered, the questions
/// are frozen (their answers must keep their meaning): make a copy instead.
pub async fn save_design(
    db: &impl ConnectionTrait,
    survey_id: i32,
    design: &SurveyDesign,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    if response_count(db, survey_id).await? > 0 {
        return Err(ServiceError::Conflict(
            "People have answered this survey, so its questions can no longer change. Make a copy to change them.".into(),
        ));
    }
    let problems = design.problems();
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError::new("questions", p))
                .collect(),
        ));
    }
    let row = survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let json = serde_json::to_string(design).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let mut row: survey::ActiveModel = row.into();
    row.title = Set(design.title.clone());
    row.design = Set(json);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}
