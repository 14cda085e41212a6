//! The award team's side as the pages see it: the authority's schools and
//! their standing, board meetings and their agendas, submission rounds with
//! their decisions and feedback, the review of one portfolio, the decision.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::award::{Outcome, Standing, StandingKind};

/// A board meeting, named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRef {
    pub id: i32,
    pub meets_on: NaiveDate,
    pub place: String,
}

impl MeetingRef {
    /// "11 February 2027, County Offices".
    pub fn name(&self) -> String {
        let date = super::format_date(Some(self.meets_on));
        if self.place.trim().is_empty() {
            date
        } else {
            format!("{date}, {}", self.place)
        }
    }
}

/// One piece of the award team's feedback, where it belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackNote {
    /// `domain:2` or `criterion:2.5`.
    pub place: String,
    /// The domain it belongs to.
    pub domain: u32,
    /// The criterion, for a note on one.
    pub criterion: Option<String>,
    pub body: String,
    pub by: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// One time the portfolio was sent to the award team, and how it ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: i32,
    pub round: i32,
    pub submitted_on: NaiveDate,
    pub submitted_by: Option<String>,
    pub meeting: Option<MeetingRef>,
    /// None while the board has not decided.
    pub outcome: Option<Outcome>,
    /// "Silver awarded", "Not yet awarded", or "Waiting for the board".
    pub outcome_label: String,
    pub reasons: String,
    pub decided_on: Option<NaiveDate>,
    pub decided_by: Option<String>,
    /// Feedback per domain and notes on criteria: the school sees them once
    /// the round is decided; the award team sees its drafts.
    pub feedback: Vec<FeedbackNote>,
}

impl Round {
    pub fn decided(&self) -> bool {
        self.outcome.is_some()
    }

    pub fn domain_feedback(&self, domain: u32) -> Option<&FeedbackNote> {
        self.feedback
            .iter()
            .find(|f| f.domain == domain && f.criterion.is_none())
    }

    pub fn criterion_note(&self, criterion: &str) -> Option<&FeedbackNote> {
        self.feedback
            .iter()
            .find(|f| f.criterion.as_deref() == Some(criterion))
    }
}

/// Where the portfolio is with the award team, for its own pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardState {
    /// The framework is one the award team assesses.
    pub assessed: bool,
    pub registered_on: Option<NaiveDate>,
    /// Every round this person may see, newest first.
    pub rounds: Vec<Round>,
    /// The cycle this one renews: (portfolio, "Silver", awarded on).
    pub previous: Option<PreviousCycle>,
    /// The renewal that followed this cycle, if one has started.
    pub renewed_by: Option<i32>,
    /// The renewal clock of this cycle's award, when awarded.
    pub renewal: Option<RenewalNotice>,
}

impl AwardState {
    /// The latest round the board decided.
    pub fn last_decision(&self) -> Option<&Round> {
        self.rounds
            .iter()
            .find(|r| r.outcome.as_ref().is_some_and(Outcome::is_decision))
    }

    /// The round with the award team now, if any.
    pub fn current(&self) -> Option<&Round> {
        self.rounds.first().filter(|r| !r.decided())
    }
}

/// "Check your portfolio" before submitting: what to look at, and where the
/// submission would go.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionCheck {
    pub portfolio: super::PortfolioView,
    pub findings: Vec<crate::award::check::Finding>,
    /// The board meeting it would join if submitted today.
    pub joins: Option<MeetingRef>,
}

/// The award before this cycle, shown beside a renewal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousCycle {
    pub portfolio_id: i32,
    pub cycle: i32,
    pub level: Option<String>,
    pub awarded_on: Option<NaiveDate>,
    /// The decision that awarded it, with its feedback (for staff).
    pub decision: Option<Round>,
}

/// An award's renewal, for a notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalNotice {
    pub due: NaiveDate,
    pub state: crate::award::Renewal,
}

impl RenewalNotice {
    /// A sentence for a notice, or none while it is not yet due.
    pub fn message(&self) -> Option<String> {
        let due = super::format_date(Some(self.due));
        match self.state {
            crate::award::Renewal::NotYetDue => None,
            crate::award::Renewal::DueSoon => {
                Some(format!("The award is due for renewal on {due}."))
            }
            crate::award::Renewal::Overdue => Some(format!(
                "The award's renewal is overdue: it was due on {due}."
            )),
        }
    }
}

/// A school on the authority's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolStanding {
    pub school_id: i32,
    pub name: String,
    pub urn: String,
    /// The latest award portfolio.
    pub portfolio_id: Option<i32>,
    pub standing: Standing,
    pub percent: Option<u32>,
    pub target: Option<NaiveDate>,
    /// The current submission's board meeting.
    pub meeting: Option<MeetingRef>,
}

/// The award team's page for its authority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityOverview {
    pub authority_id: i32,
    pub name: String,
    pub today: NaiveDate,
    /// Every status with its count, in order (zeros included).
    pub counts: Vec<(StandingKind, usize)>,
    pub schools: Vec<SchoolStanding>,
    pub next_meeting: Option<MeetingRef>,
    /// The viewer is on the award team (not only an administrator).
    pub can_manage: bool,
}

/// How the list is cut and ordered (from the page's query string).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SchoolSort {
    #[default]
    Name,
    Status,
    Target,
    Complete,
}

impl SchoolSort {
    pub const ALL: [SchoolSort; 4] = [
        SchoolSort::Name,
        SchoolSort::Status,
        SchoolSort::Target,
        SchoolSort::Complete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SchoolSort::Name => "name",
            SchoolSort::Status => "status",
            SchoolSort::Target => "target",
            SchoolSort::Complete => "complete",
        }
    }

    pub fn parse(s: &str) -> Option<SchoolSort> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            SchoolSort::Name => "School name",
            SchoolSort::Status => "Status",
            SchoolSort::Target => "Target date",
            SchoolSort::Complete => "Complete (least first)",
        }
    }
}

impl AuthorityOverview {
    /// The schools with this status (all when none), in this order.
    pub fn view(&self, status: Option<StandingKind>, sort: SchoolSort) -> Vec<SchoolStanding> {
        let mut rows: Vec<SchoolStanding> = self
            .schools
            .iter()
            .filter(|s| status.is_none_or(|k| s.standing.kind() == k))
            .cloned()
            .collect();
        let name = |s: &SchoolStanding| s.name.to_lowercase();
        match sort {
            SchoolSort::Name => rows.sort_by_key(name),
            SchoolSort::Status => rows.sort_by_key(|s| (s.standing.kind(), name(s))),
            SchoolSort::Target => rows.sort_by_key(|s| (s.target.is_none(), s.target, name(s))),
            SchoolSort::Complete => rows.sort_by_key(|s| (s.percent.is_none(), s.percent, name(s))),
        }
        rows
    }
}

/// A board meeting in the award team's calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: i32,
    pub meets_on: NaiveDate,
    pub place: String,
    pub notes: String,
    pub on_agenda: usize,
    pub decided: usize,
}

impl Meeting {
    pub fn reference(&self) -> MeetingRef {
        MeetingRef {
            id: self.id,
            meets_on: self.meets_on,
            place: self.place.clone(),
        }
    }
}

/// The authority's board meetings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardCalendar {
    pub authority_id: i32,
    pub authority_name: String,
    pub today: NaiveDate,
    pub meetings: Vec<Meeting>,
    /// Submitted portfolios on no agenda.
    pub waiting: Vec<SchoolStanding>,
}

/// One portfolio on a meeting's agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub portfolio_id: i32,
    pub school_id: i32,
    pub school_name: String,
    pub round: i32,
    pub submitted_on: NaiveDate,
    /// The level the school's own judgements reach.
    pub self_assessed: String,
    pub evidence: Vec<super::DomainEvidenceCount>,
    /// Domains with feedback written, of all domains.
    pub reviewed_domains: usize,
    pub domains: usize,
    /// "Silver awarded", or none while undecided.
    pub decision: Option<String>,
    /// The award team may read it now (submitted or awarded; not once it is
    /// back with the school).
    pub readable: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingPage {
    pub authority_id: i32,
    pub authority_name: String,
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
    /// Meetings an undecided item may move to.
    pub others: Vec<MeetingRef>,
}

/// One criterion as the assessor reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCriterion {
    pub id: String,
    pub statement: String,
    /// The school's standard met, in words.
    pub standard: String,
    /// The descriptors of the level the school claims (none for "not yet").
    pub descriptors: Vec<String>,
    /// Safe HTML from the school's light Markdown.
    pub practice: String,
    pub impact: String,
    pub next_steps: String,
    pub evidence: Vec<super::EvidenceItem>,
    /// The assessor's note on it, this round.
    pub note: String,
}

/// The review of one domain of a submitted (or decided) portfolio.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub portfolio: super::PortfolioView,
    pub award: AwardState,
    /// The round under review (the current one, or the last decided).
    pub round: Option<Round>,
    pub domain: u32,
    pub criteria: Vec<ReviewCriterion>,
    /// The feedback on this domain, this round.
    pub feedback: String,
}

/// The decision being recorded, for its form and its "check your answers".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionPage {
    pub portfolio: super::PortfolioView,
    pub round: Round,
    /// (level id, label), lowest first, then ("not_yet", "Not yet").
    pub choices: Vec<(String, String)>,
    pub draft_choice: Option<String>,
    pub draft_reasons: String,
    /// Names this draft: "check your answers" sends it back with the decision.
    pub draft_token: String,
    /// Feedback per domain as the school will read it: (number, title, text).
    pub domains: Vec<(u32, String, String)>,
}

/// One download, for the coordinator's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadEntry {
    pub who: String,
    pub what: String,
    pub kind: String,
    pub at: DateTime<Utc>,
    /// When, in England: "30 November 2026, 10:15".
    pub when: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DownloadLog {
    pub school: super::SchoolInfo,
    pub entries: Vec<DownloadEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, standing: Standing, percent: Option<u32>) -> SchoolStanding {
        SchoolStanding {
            school_id: 1,
            name: name.into(),
            urn: "1".into(),
            portfolio_id: None,
            standing,
            percent,
            target: None,
            meeting: None,
        }
    }

    #[test]
    fn the_list_filters_and_sorts() {
        let overview = AuthorityOverview {
            authority_id: 1,
            name: "A".into(),
            today: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            counts: vec![],
            schools: vec![
                row("beta", Standing::NotRegistered, None),
                row(
                    "Alpha",
                    Standing::InProgress {
                        percent: 60,
                        target: None,
                        behind: false,
                    },
                    Some(60),
                ),
                row("gamma", Standing::Submitted { meeting: None }, Some(100)),
            ],
            next_meeting: None,
            can_manage: true,
        };
        let names = |rows: Vec<SchoolStanding>| -> Vec<String> {
            rows.into_iter().map(|r| r.name).collect()
        };
        assert_eq!(
            names(overview.view(None, SchoolSort::Name)),
            ["Alpha", "beta", "gamma"]
        );
        assert_eq!(
            names(overview.view(None, SchoolSort::Status)),
            ["beta", "Alpha", "gamma"]
        );
        assert_eq!(
            names(overview.view(None, SchoolSort::Complete)),
            ["Alpha", "gamma", "beta"]
        );
        assert_eq!(
            names(overview.view(Some(StandingKind::Submitted), SchoolSort::Name)),
            ["gamma"]
        );
        for s in SchoolSort::ALL {
            assert_eq!(SchoolSort::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn renewal_notices_read_plainly() {
        let due = NaiveDate::from_ymd_opt(2029, 5, 3).unwrap();
        let n = |state| RenewalNotice { due, state }.message();
        assert_eq!(n(crate::award::Renewal::NotYetDue), None);
        assert_eq!(
            n(crate::award::Renewal::DueSoon).unwrap(),
            "The award is due for renewal on 3 May 2029."
        );
        assert!(
            n(crate::award::Renewal::Overdue)
                .unwrap()
                .contains("overdue")
        );
    }
}
