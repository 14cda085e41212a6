//! The governors' dashboard, from stored state: progress and level, evidence
//! per domain, the timeline, and survey headlines with small numbers hidden.

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{ServiceError, ServiceResult, evidence, portfolios, schools, surveys};
use crate::db::entities::portfolio;
use crate::model::{Dashboard, PortfolioStatus, SurveyHeadlines, Timeline};
use crate::rubric::Catalog;
use crate::surveys::results::headlines;

pub fn timeline(row: &portfolio::Model, today: NaiveDate) -> Timeline {
    Timeline {
        start: row.start_date,
        target: row.target_date,
        days_left: row.target_date.map(|t| (t - today).num_days()),
        submission: row.submission_date,
        renewal_due: row.renewal_due_date,
    }
}

pub async fn dashboard(
    db: &impl ConnectionTrait,
    frameworks: &Catalog,
    portfolio_id: i32,
    today: NaiveDate,
) -> ServiceResult<Dashboard> {
    let row = portfolio::Entity::find_by_id(portfolio_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let framework = frameworks
        .get(&row.framework_id)
        .ok_or(ServiceError::NotFound)?;
    let progress = portfolios::progress_of(db, frameworks, &row)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let items = evidence::list(db, &framework, portfolio_id).await?;
    let status = PortfolioStatus::parse(&row.status).unwrap_or(PortfolioStatus::InProgress);
    let mut survey_rows = Vec::new();
    for s in surveys::list(db, row.school_id).await? {
        let stored = surveys::get(db, s.id).await?;
        let responses = surveys::responses(db, s.id).await?;
        survey_rows.push(SurveyHeadlines {
            title: s.title,
            audience: s.audience,
            responses: responses.len(),
            headlines: headlines(&stored.design, &responses),
        });
    }
    Ok(Dashboard {
        portfolio_id,
        school: schools::info(db, row.school_id).await?,
        framework_title: framework.title.clone(),
        level_labels: framework
            .levels
            .iter()
            .map(|l| (l.id.clone(), l.label.clone()))
            .collect(),
        not_met_label: framework.not_met_label.clone(),
        progress,
        evidence: crate::evidence::rules::per_domain(&framework, &items),
        timeline: timeline(&row, today),
        surveys: survey_rows,
        locked: !crate::security::policy::Stage::of(status).open(),
        status,
        award: row
            .award_level
            .as_deref()
            .zip(row.award_date)
            .map(|(level, on)| (framework.standard_label(Some(level)), on)),
        renewal: match (&framework.award, row.award_date, row.renewal_due_date) {
            (Some(terms), Some(_), Some(due)) => Some(crate::model::RenewalNotice {
                due,
                state: crate::award::renewal(terms, due, today),
            }),
            _ => None,
        },
        can_manage_award: false,
        peps: None,
        can_read: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::Timeline;

    #[test]
    fn days_left_read_plainly() {
        let t = |d| Timeline {
            start: None,
            target: None,
            days_left: Some(d),
            submission: None,
            renewal_due: None,
        };
        assert_eq!(
            t(40).days_left_text().unwrap(),
            "40 days to the target date"
        );
        assert_eq!(t(1).days_left_text().unwrap(), "1 day to the target date");
        assert_eq!(t(0).days_left_text().unwrap(), "The target date is today");
        assert_eq!(
            t(-3).days_left_text().unwrap(),
            "The target date passed 3 days ago"
        );
    }
}
