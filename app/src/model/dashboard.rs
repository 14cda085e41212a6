//! The governors' dashboard: aggregates only — no narrative, no written
//! survey answer, no evidence file.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rubric::Progress;
use crate::surveys::design::Audience;
use crate::surveys::results::Headline;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub start: Option<NaiveDate>,
    pub target: Option<NaiveDate>,
    /// Days from today to the target (negative once passed).
    pub days_left: Option<i64>,
    pub submission: Option<NaiveDate>,
    pub renewal_due: Option<NaiveDate>,
}

impl Timeline {
    pub fn days_left_text(&self) -> Option<String> {
        self.days_left.map(|d| match d {
            0 => "The target date is today".to_string(),
            1 => "1 day to the target date".to_string(),
            d if d > 1 => format!("{d} days to the target date"),
            -1 => "The target date passed yesterday".to_string(),
            d => format!("The target date passed {} days ago", -d),
        })
    }
}

/// One survey's headline figures; `None` while fewer than 5 have answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyHeadlines {
    pub title: String,
    pub audience: Audience,
    pub responses: usize,
    pub headlines: Option<Vec<Headline>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub portfolio_id: i32,
    pub school: super::SchoolInfo,
    pub framework_title: String,
    pub level_labels: Vec<(String, String)>,
    pub not_met_label: String,
    pub progress: Progress,
    pub evidence: Vec<super::DomainEvidenceCount>,
    pub timeline: Timeline,
    pub surveys: Vec<SurveyHeadlines>,
    pub locked: bool,
    pub status: super::PortfolioStatus,
    /// The level awarded ("Silver") and when, once the board has decided.
    pub award: Option<(String, NaiveDate)>,
    /// The award's renewal, once awarded.
    pub renewal: Option<super::RenewalNotice>,
    /// The viewer is on the award team (may move the target date).
    pub can_manage_award: bool,
    /// The viewer may open the portfolio itself.
    pub can_read: bool,
    /// The school's PEP figures this school year (aggregates, small numbers
    /// hidden, no pupil reference).
    pub peps: Option<super::PepFigures>,
}

impl Dashboard {
    /// A level's label ("Silver"), if `key` names one.
    pub fn level_label(&self, key: Option<&str>) -> Option<String> {
        key.and_then(|k| self.level_labels.iter().find(|(id, _)| id == k))
            .map(|(_, label)| label.clone())
    }

    /// The level the portfolio stands at, in words.
    pub fn standing(&self) -> String {
        self.level_label(self.progress.level_reached.as_deref())
            .unwrap_or_else(|| crate::glossary::NO_LEVEL.into())
    }
}
