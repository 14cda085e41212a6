//! The annual evaluative report for governors: the dashboard's aggregates for
//! the school year, with what the Designated Teacher and head teacher wrote.

use serde::{Deserialize, Serialize};

use super::Dashboard;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GovernorsReport {
    pub dashboard: Dashboard,
    /// The calendar year the school year starts in (2026 for 2026–27).
    pub school_year: i32,
    /// Designated Teacher, head teacher, governor: (role, name).
    pub people: Vec<(String, String)>,
    /// Criteria between the level reached and the next: (id, statement).
    pub standing_between: Vec<(String, String)>,
    /// The school's other self-audits (the Designated Teacher expectations…),
    /// newest of each framework: (title, where it stands).
    pub self_audits: Vec<(String, String)>,
    /// What the Designated Teacher and head teacher wrote for this year.
    pub commentary: String,
    /// "Dana Taylor, 3 October 2026"
    pub commentary_by: Option<String>,
    /// Possible identifiers found anywhere in the report, as warnings.
    pub warnings: Vec<String>,
    /// The viewer may write the commentary.
    pub can_edit: bool,
}

/// 2026 → "2026–27"
pub fn year_label(start: i32) -> String {
    format!("{start}–{:02}", (start + 1) % 100)
}

impl GovernorsReport {
    pub fn title(&self) -> String {
        format!(
            "Annual report to governors {}",
            year_label(self.school_year)
        )
    }
}

/// "12 of 20 complete: In place 8, Partly 4, Not yet 2, not chosen yet 6"
pub fn self_audit_line(card: &super::PortfolioCard) -> String {
    let p = &card.progress;
    let mut parts: Vec<String> = card
        .progress
        .profile
        .levels
        .iter()
        .rev()
        .map(|(id, n)| {
            let label = card
                .level_labels
                .iter()
                .find(|(l, _)| l == id)
                .map(|(_, label)| label.as_str())
                .unwrap_or(id);
            format!("{label} {n}")
        })
        .collect();
    parts.push(format!("{} {}", card.not_met_label, p.profile.not_yet));
    parts.push(format!(
        "{} {}",
        crate::glossary::NOT_CHOSEN.to_lowercase(),
        p.profile.undecided
    ));
    format!(
        "{} of {} complete: {}",
        p.complete,
        p.total,
        parts.join(", ")
    )
}
