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
            PortfolioStatus::NotYetAwarded => "Returned with feedback",
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

    /// The tag's colour class: each status looks different, not only reads so.
    pub fn tag_class(self) -> &'static str {
        match self {
            ResponseStatus::NotStarted => "tag tag--grey",
            ResponseStatus::Drafting => "tag tag--blue",
            ResponseStatus::ReadyForReview => "tag tag--yellow",
            ResponseStatus::Reviewed => "tag tag--green",
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
    /// Towards an award (Caring2Learn), not a self-audit (the DT expectations).
    pub is_award: bool,
    pub framework_title: String,
    pub cycle: i32,
    pub status: PortfolioStatus,
    pub cover: CoverSheet,
    pub progress: Progress,
    /// Level ids with their labels, lowest first, for showing the profile.
    pub level_labels: Vec<(String, String)>,
    pub not_met_label: String,
    /// Days from today (in England) to the target date.
    pub days_left: Option<i64>,
    /// The award's renewal, once awarded.
    pub renewal: Option<super::RenewalNotice>,
    /// The person may read what is written in it.
    pub can_read: bool,
}

/// A member who may own a criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i32,
    pub name: String,
}

/// One criterion in a list: where it stands, not what it says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionRow {
    pub id: String,
    pub statement: String,
    pub status: ResponseStatus,
    pub standard: Option<String>,
    pub owner: Option<String>,
    /// What it lacks before it is complete ([`crate::rubric::missing`]).
    pub missing: Vec<crate::rubric::Missing>,
    /// Evidence items linked to it.
    pub evidence: usize,
    /// Copied from the last cycle and not changed since.
    pub carried_over: bool,
    /// Who changed it last, and when.
    pub last_change: Option<super::LastChange>,
}

/// A portfolio for its pages: the framework, the cover, where each criterion stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortfolioView {
    pub id: i32,
    pub school: super::SchoolInfo,
    pub framework: crate::rubric::Framework,
    pub status: PortfolioStatus,
    pub cover: CoverSheet,
    pub progress: Progress,
    pub rows: Vec<CriterionRow>,
    pub staff: Vec<StaffMember>,
    pub can: super::Capabilities,
    /// Evidence items per domain, against the toolkit's guideline.
    pub evidence: Vec<super::DomainEvidenceCount>,
    /// Submitted or awarded: nobody at the school may change it.
    pub locked: bool,
    /// Registration, submission rounds, decisions and feedback, renewal.
    pub award: super::AwardState,
}

impl CriterionRow {
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

impl PortfolioView {
    pub fn row(&self, criterion: &str) -> Option<&CriterionRow> {
        self.rows.iter().find(|r| r.id == criterion)
    }

    pub fn standard_label(&self, key: Option<&str>) -> String {
        self.framework.choice_label(key)
    }

    pub fn may_edit(&self) -> bool {
        self.can.edit && !self.locked
    }
}

/// Light Markdown already turned into safe HTML by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedText {
    pub practice: String,
    pub impact: String,
    pub next_steps: String,
}

/// One criterion's page: the portfolio around it and what is written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionPageData {
    pub portfolio: PortfolioView,
    pub criterion_id: String,
    pub content: crate::collab::schema::CriterionContent,
    pub rendered: RenderedText,
    /// Evidence linked to this criterion.
    pub evidence: Vec<super::EvidenceItem>,
    /// The portfolio's other items, to attach: (id, title).
    pub attachable: Vec<(i32, String)>,
    /// Identifier warnings already kept in this criterion: (field, text).
    pub kept_identifiers: Vec<(String, String)>,
    /// Comments, what changed, whether the reader may mark it reviewed:
    /// for staff only (none for anyone else).
    pub review: Option<super::ReviewData>,
}

/// Who changed a field, from when to when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub field: String,
    pub who: String,
    pub first_at: chrono::DateTime<chrono::Utc>,
    pub last_at: chrono::DateTime<chrono::Utc>,
}
