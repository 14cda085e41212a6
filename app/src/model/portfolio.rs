use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::rubric::Progress;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortfolioStatus {
    InProgress,
    Submitted,
    Awarded,
    NotYetAwarded,
}

impl PortfolioStatus {
    pub const ALL: [PortfolioStatus; 4] = [
        PortfolioStatus::InProgress,
        PortfolioStatus::Submitted,
        PortfolioStatus::Awarded,
        PortfolioStatus::NotYetAwarded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PortfolioStatus::InProgress => "in_progress",
            PortfolioStatus::Submitted => "submitted",
            PortfolioStatus::Awarded => "awarded",
            PortfolioStatus::NotYetAwarded => "not_yet_awarded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            PortfolioStatus::InProgress => "In progress",
            PortfolioStatus::Submitted => "Submitted",
            PortfolioStatus::Awarded => "Awarded",
            PortfolioStatus::NotYetAwarded => "Not yet awarded",
        }
    }
}

/// Where one criterion's response is in the school's own workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseStatus {
    #[default]
    NotStarted,
    Drafting,
    ReadyForReview,
    Reviewed,
}

impl ResponseStatus {
    pub const ALL: [ResponseStatus; 4] = [
        ResponseStatus::NotStarted,
        ResponseStatus::Drafting,
        ResponseStatus::ReadyForReview,
        ResponseStatus::Reviewed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::NotStarted => "not_started",
            ResponseStatus::Drafting => "drafting",
            ResponseStatus::ReadyForReview => "ready_for_review",
            ResponseStatus::Reviewed => "reviewed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ResponseStatus::NotStarted => "Not started",
            ResponseStatus::Drafting => "Drafting",
            ResponseStatus::ReadyForReview => "Ready for review",
            ResponseStatus::Reviewed => "Reviewed",
        }
    }
}

/// The cover sheet of the toolkit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CoverSheet {
    pub setting_name: String,
    pub head_teacher: String,
    pub designated_teacher: String,
    pub governor_lac: String,
    pub start_date: Option<NaiveDate>,
    pub target_date: Option<NaiveDate>,
    pub submission_date: Option<NaiveDate>,
    pub award_level: Option<String>,
    pub award_date: Option<NaiveDate>,
    pub renewal_due_date: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortfolioCard {
    pub id: i32,
    pub framework_id: String,
    pub framework_title: String,
    pub cycle: i32,
    pub status: PortfolioStatus,
    pub cover: CoverSheet,
    pub progress: Progress,
    /// Level ids with their labels, lowest first, for showing the profile.
    pub level_labels: Vec<(String, String)>,
    pub not_met_label: String,
}
