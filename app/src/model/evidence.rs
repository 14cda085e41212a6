//! Evidence as the pages see it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::protection::identifiers::Finding;

/// The kinds of evidence the toolkit suggests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    CaseStudy,
    Policy,
    AnonymisedRecord,
    SurveyResults,
    Photo,
    Data,
    Voice,
    Link,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 8] = [
        EvidenceKind::CaseStudy,
        EvidenceKind::Policy,
        EvidenceKind::AnonymisedRecord,
        EvidenceKind::SurveyResults,
        EvidenceKind::Photo,
        EvidenceKind::Data,
        EvidenceKind::Voice,
        EvidenceKind::Link,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::CaseStudy => "case_study",
            EvidenceKind::Policy => "policy",
            EvidenceKind::AnonymisedRecord => "anonymised_record",
            EvidenceKind::SurveyResults => "survey_results",
            EvidenceKind::Photo => "photo",
            EvidenceKind::Data => "data",
            EvidenceKind::Voice => "voice",
            EvidenceKind::Link => "link",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::CaseStudy => "Case study",
            EvidenceKind::Policy => "Policy",
            EvidenceKind::AnonymisedRecord => "Anonymised plan, minutes or review",
            EvidenceKind::SurveyResults => "Survey results",
            EvidenceKind::Photo => "Photo",
            EvidenceKind::Data => "Data",
            EvidenceKind::Voice => "Letter, card or quote",
            EvidenceKind::Link => "Link",
        }
    }
}

/// A stored file, as far as a reader needs to know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFileInfo {
    pub name: String,
    pub size_bytes: i64,
    pub content_type: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub id: i32,
    pub portfolio_id: i32,
    pub title: String,
    pub kind: EvidenceKind,
    pub description: String,
    pub file: Option<EvidenceFileInfo>,
    pub link: Option<String>,
    /// Criterion ids, in framework order.
    pub criteria: Vec<String>,
    pub uploaded_by: Option<String>,
    pub uploaded_at: DateTime<Utc>,
    pub anonymised_confirmed_by: Option<String>,
    pub photo_confirmed: bool,
}

impl EvidenceItem {
    pub fn download_url(&self) -> Option<String> {
        self.file
            .as_ref()
            .map(|_| format!("/evidence/{}/download", self.id))
    }
}

/// Items linked to a domain's criteria, against the toolkit's "up to 5".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainEvidenceCount {
    pub number: u32,
    pub title: String,
    pub items: usize,
}

impl DomainEvidenceCount {
    /// The toolkit suggests "up to 5 pieces of evidence per domain".
    pub const GUIDELINE: usize = 5;

    pub fn over_guideline(&self) -> bool {
        self.items > Self::GUIDELINE
    }

    /// "6 items – the toolkit suggests up to 5 per domain", or plain "3 items".
    pub fn summary(&self) -> String {
        let items = if self.items == 1 {
            "1 item".to_string()
        } else {
            format!("{} items", self.items)
        };
        if self.over_guideline() {
            format!(
                "{items}: more than the toolkit's suggested {} per domain. Choose the strongest.",
                Self::GUIDELINE
            )
        } else {
            items
        }
    }
}

/// The evidence page: every item of a portfolio and the count per domain.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceLibrary {
    pub portfolio: super::PortfolioView,
    pub items: Vec<EvidenceItem>,
    pub per_domain: Vec<DomainEvidenceCount>,
}

/// One item with its portfolio, for its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItemPage {
    pub portfolio: super::PortfolioView,
    pub item: EvidenceItem,
    pub overrides: Vec<OverrideRecord>,
}

/// An identifier warning someone chose to keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideRecord {
    pub place: String,
    pub kind: String,
    pub found_text: String,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// The session key under which a refused plain-form upload waits for its form.
pub const UPLOAD_PROBLEM_KEY: &str = "evidence_upload_problem";

/// What an upload that was refused, or needs a decision, sends back to the
/// form: the problems, any identifiers found (to fix or override), and the
/// fields as they were (so nothing typed is lost).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadProblem {
    pub message: String,
    pub errors: Vec<crate::error::FieldError>,
    pub findings: Vec<PlacedFinding>,
    pub form: EvidenceForm,
}

/// A finding and the field (or file) it is in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedFinding {
    /// `title`, `description` or `file`.
    pub field: String,
    pub finding: Finding,
}

impl PlacedFinding {
    pub fn describe(&self) -> String {
        let place = match self.field.as_str() {
            "title" => "the title",
            "description" => "the description",
            "file" => "the file's text",
            other => other,
        };
        format!(
            "{} ({}) in {place}",
            capitalise(self.finding.kind.label()),
            self.finding.text
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The upload form's fields (all but the file).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceForm {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub link: String,
    pub criteria: Vec<String>,
}
