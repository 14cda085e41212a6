use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A self-assessment framework: ordered levels, domains of criteria, and the
/// guidance a school needs to complete it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    /// Words that lead into every criterion statement ("In our Caring School we:").
    #[serde(default)]
    pub intro: String,
    /// What a criterion that meets no level is called ("Not yet").
    pub not_met_label: String,
    /// Whether every criterion carries practice examples for every level.
    pub criterion_descriptors: bool,
    pub levels: Vec<Level>,
    pub completion_fields: Vec<CompletionField>,
    pub standard_met: StandardMetGuide,
    pub evidence: EvidenceGuidance,
    pub domains: Vec<Domain>,
    /// How the award team assesses it; none for a self-audit that stays in school.
    #[serde(default)]
    pub award: Option<AwardTerms>,
}

/// The award's clock: when a portfolio should be complete, how long an award
/// lasts, and how early the renewal is flagged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AwardTerms {
    /// Months from the registered start date to the target for completion.
    pub target_months: u32,
    /// Years from the award to the renewal due date.
    pub renewal_years: u32,
    /// Months before the renewal due date from which it is shown as due.
    pub renewal_notice_months: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub description: String,
}

/// The written parts of a criterion response. Storage knows these three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Practice,
    Impact,
    NextSteps,
}

impl FieldKind {
    pub const ALL: [FieldKind; 3] = [FieldKind::Practice, FieldKind::Impact, FieldKind::NextSteps];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Practice => "practice",
            FieldKind::Impact => "impact",
            FieldKind::NextSteps => "next_steps",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompletionField {
    pub id: FieldKind,
    pub label: String,
    #[serde(default)]
    pub guidance: Vec<String>,
    pub max_chars: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandardMetGuide {
    pub label: String,
    #[serde(default)]
    pub guidance: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceGuidance {
    /// "Up to 5 pieces per domain": a guideline shown and warned about, never enforced.
    pub per_domain_guideline: u32,
    #[serde(default)]
    pub guidance: String,
    #[serde(default)]
    pub tips: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub number: u32,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub introduction: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    pub criteria: Vec<Criterion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub text: String,
    pub author: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// "2.5": the domain number, a dot, the criterion's place in the domain.
    pub id: String,
    pub statement: String,
    /// Practice examples keyed by level id.
    #[serde(default)]
    pub descriptors: BTreeMap<String, Vec<String>>,
}

impl Framework {
    pub fn criteria(&self) -> impl Iterator<Item = (&Domain, &Criterion)> {
        self.domains
            .iter()
            .flat_map(|d| d.criteria.iter().map(move |c| (d, c)))
    }

    /// The criteria before and after this one, in framework order, across
    /// domains: the way through for previous / next.
    pub fn neighbours(&self, id: &str) -> (Option<&Criterion>, Option<&Criterion>) {
        let all: Vec<&Criterion> = self.criteria().map(|(_, c)| c).collect();
        match all.iter().position(|c| c.id == id) {
            Some(i) => (i.checked_sub(1).map(|p| all[p]), all.get(i + 1).copied()),
            None => (None, None),
        }
    }

    /// Where a criterion comes in framework order (unknown ones last).
    pub fn position(&self, id: &str) -> usize {
        self.criteria()
            .position(|(_, c)| c.id == id)
            .unwrap_or(usize::MAX)
    }

    pub fn criterion(&self, id: &str) -> Option<(&Domain, &Criterion)> {
        self.criteria().find(|(_, c)| c.id == id)
    }

    pub fn domain(&self, number: u32) -> Option<&Domain> {
        self.domains.iter().find(|d| d.number == number)
    }

    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// Position of a level in the framework's order (0 = lowest).
    pub fn level_rank(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    pub fn field(&self, kind: FieldKind) -> Option<&CompletionField> {
        self.completion_fields.iter().find(|f| f.id == kind)
    }

    /// The label of a standard-met choice; `None` is the framework's "not yet".
    pub fn standard_label(&self, level: Option<&str>) -> String {
        match level.and_then(|id| self.level(id)) {
            Some(l) => l.label.clone(),
            None => self.not_met_label.clone(),
        }
    }

    /// The label of a stored choice: nothing chosen, "not yet", or a level.
    pub fn choice_label(&self, key: Option<&str>) -> String {
        match key {
            None => crate::glossary::NOT_CHOSEN.into(),
            Some("not_yet") => self.not_met_label.clone(),
            Some(level) => self.standard_label(Some(level)),
        }
    }

    /// The level a portfolio stands at, in words: a level's label, or
    /// "Not yet at any level".
    pub fn level_reached_label(&self, level: Option<&str>) -> String {
        match level.and_then(|id| self.level(id)) {
            Some(l) => l.label.clone(),
            None => crate::glossary::NO_LEVEL.into(),
        }
    }

    pub fn criterion_count(&self) -> usize {
        self.domains.iter().map(|d| d.criteria.len()).sum()
    }
}

impl Criterion {
    pub fn descriptor(&self, level: &str) -> &[String] {
        self.descriptors
            .get(level)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// A framework in a list: enough to name and link it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameworkSummary {
    pub id: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub domains: usize,
    pub criteria: usize,
    pub levels: Vec<String>,
}

impl From<&Framework> for FrameworkSummary {
    fn from(f: &Framework) -> Self {
        FrameworkSummary {
            id: f.id.clone(),
            title: f.title.clone(),
            version: f.version.clone(),
            publisher: f.publisher.clone(),
            domains: f.domains.len(),
            criteria: f.criterion_count(),
            levels: f.levels.iter().map(|l| l.label.clone()).collect(),
        }
    }
}
