//! Where a school stands with the award team: one status per school, derived
//! from what is stored by one plain function, so the list, its counts, its
//! filters and its CSV all say the same.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::terms::{Renewal, renewal};
use crate::model::{PortfolioStatus, format_date};
use crate::rubric::AwardTerms;

/// What is known of a school's latest award portfolio (and the award before it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SchoolFacts {
    /// None when the school has no award portfolio at all.
    pub status: Option<PortfolioStatus>,
    pub registered_on: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub target: Option<NaiveDate>,
    /// Criteria complete, as a whole percentage.
    pub percent: u32,
    /// The board meeting the current submission is on, if any.
    pub meeting: Option<NaiveDate>,
    /// When the latest "not yet" was decided.
    pub returned_on: Option<NaiveDate>,
    /// The latest award: level label, awarded on, renewal due.
    pub award: Option<(String, NaiveDate, NaiveDate)>,
}

/// The statuses, in the order the award team works through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandingKind {
    NotRegistered,
    Registered,
    InProgress,
    Submitted,
    Returned,
    Awarded,
    RenewalDue,
    RenewalOverdue,
}

impl StandingKind {
    pub const ALL: [StandingKind; 8] = [
        StandingKind::NotRegistered,
        StandingKind::Registered,
        StandingKind::InProgress,
        StandingKind::Submitted,
        StandingKind::Returned,
        StandingKind::Awarded,
        StandingKind::RenewalDue,
        StandingKind::RenewalOverdue,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StandingKind::NotRegistered => "not_registered",
            StandingKind::Registered => "registered",
            StandingKind::InProgress => "in_progress",
            StandingKind::Submitted => "submitted",
            StandingKind::Returned => "returned",
            StandingKind::Awarded => "awarded",
            StandingKind::RenewalDue => "renewal_due",
            StandingKind::RenewalOverdue => "renewal_overdue",
        }
    }

    pub fn parse(s: &str) -> Option<StandingKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            StandingKind::NotRegistered => "Not registered",
            StandingKind::Registered => "Registered",
            StandingKind::InProgress => "In progress",
            StandingKind::Submitted => "Submitted",
            StandingKind::Returned => "Returned with feedback",
            StandingKind::Awarded => "Awarded",
            StandingKind::RenewalDue => "Renewal due",
            StandingKind::RenewalOverdue => "Renewal overdue",
        }
    }
}

/// One status, with what the award team needs to know about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    NotRegistered,
    Registered {
        start: Option<NaiveDate>,
    },
    InProgress {
        percent: u32,
        target: Option<NaiveDate>,
        behind: bool,
    },
    Submitted {
        meeting: Option<NaiveDate>,
    },
    Returned {
        on: Option<NaiveDate>,
    },
    Awarded {
        level: String,
        on: NaiveDate,
    },
    RenewalDue {
        level: String,
        due: NaiveDate,
    },
    RenewalOverdue {
        level: String,
        due: NaiveDate,
    },
}

impl Standing {
    pub fn kind(&self) -> StandingKind {
        match self {
            Standing::NotRegistered => StandingKind::NotRegistered,
            Standing::Registered { .. } => StandingKind::Registered,
            Standing::InProgress { .. } => StandingKind::InProgress,
            Standing::Submitted { .. } => StandingKind::Submitted,
            Standing::Returned { .. } => StandingKind::Returned,
            Standing::Awarded { .. } => StandingKind::Awarded,
            Standing::RenewalDue { .. } => StandingKind::RenewalDue,
            Standing::RenewalOverdue { .. } => StandingKind::RenewalOverdue,
        }
    }

    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    /// The status's detail in words: "45% complete; target 12 January 2027;
    /// behind target".
    pub fn detail(&self) -> String {
        match self {
            Standing::NotRegistered => "No start date registered".into(),
            Standing::Registered { start } => format!("Start date {}", format_date(*start)),
            Standing::InProgress {
                percent,
                target,
                behind,
            } => {
                let mut s = format!("{percent}% complete; target {}", format_date(*target));
                if *behind {
                    s.push_str("; behind target");
                }
                s
            }
            Standing::Submitted { meeting: Some(m) } => {
                format!("For the board on {}", format_date(Some(*m)))
            }
            Standing::Submitted { meeting: None } => "Not on a board's agenda yet".into(),
            Standing::Returned { on } => format!("Returned on {}", format_date(*on)),
            Standing::Awarded { level, on } => {
                format!("{level}, awarded {}", format_date(Some(*on)))
            }
            Standing::RenewalDue { level, due } | Standing::RenewalOverdue { level, due } => {
                format!("{level}; renewal due {}", format_date(Some(*due)))
            }
        }
    }

    /// Whether the school needs chasing: behind target, or renewal overdue.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self,
            Standing::InProgress { behind: true, .. } | Standing::RenewalOverdue { .. }
        )
    }
}

/// How many percentage points a school may trail the time gone (a term's
/// slack) before it counts as behind.
pub const SLACK_POINTS: i64 = 20;

/// Behind target: the target has passed with work left, or what is complete
/// trails the share of the time from start to target already gone by more
/// than [`SLACK_POINTS`].
pub fn behind(
    start: Option<NaiveDate>,
    target: Option<NaiveDate>,
    percent: u32,
    today: NaiveDate,
) -> bool {
    let (Some(start), Some(target)) = (start, target) else {
        return false;
    };
    if today > target {
        return percent < 100;
    }
    let whole = (target - start).num_days();
    let gone = (today - start).num_days();
    if whole <= 0 || gone <= 0 {
        return false;
    }
    (i64::from(percent) + SLACK_POINTS) * whole < gone * 100
}

/// The one status of a school with these facts on `today`.
pub fn standing(facts: &SchoolFacts, terms: &AwardTerms, today: NaiveDate) -> Standing {
    let Some(status) = facts.status else {
        return Standing::NotRegistered;
    };
    match status {
        PortfolioStatus::Awarded => match &facts.award {
            Some((level, on, due)) => match renewal(terms, *due, today) {
                Renewal::NotYetDue => Standing::Awarded {
                    level: level.clone(),
                    on: *on,
                },
                Renewal::DueSoon => Standing::RenewalDue {
                    level: level.clone(),
                    due: *due,
                },
                Renewal::Overdue => Standing::RenewalOverdue {
                    level: level.clone(),
                    due: *due,
                },
            },
            // An awarded portfolio with no award recorded: say what is known.
            None => Standing::Submitted {
                meeting: facts.meeting,
            },
        },
        PortfolioStatus::Submitted => Standing::Submitted {
            meeting: facts.meeting,
        },
        PortfolioStatus::NotYetAwarded => Standing::Returned {
            on: facts.returned_on,
        },
        PortfolioStatus::InProgress => {
            if facts.registered_on.is_none() {
                return Standing::NotRegistered;
            }
            let behind = behind(facts.start, facts.target, facts.percent, today);
            if facts.percent == 0 && !behind {
                Standing::Registered { start: facts.start }
            } else {
                Standing::InProgress {
                    percent: facts.percent,
                    target: facts.target,
                    behind,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn terms() -> AwardTerms {
        AwardTerms {
            target_months: 12,
            renewal_years: 3,
            renewal_notice_months: 6,
        }
    }

    fn registered(percent: u32) -> SchoolFacts {
        SchoolFacts {
            status: Some(PortfolioStatus::InProgress),
            registered_on: Some(d(2026, 1, 5)),
            start: Some(d(2026, 1, 12)),
            target: Some(d(2027, 1, 12)),
            percent,
            ..Default::default()
        }
    }

    fn at(facts: &SchoolFacts, today: NaiveDate) -> Standing {
        standing(facts, &terms(), today)
    }

    #[test]
    fn no_portfolio_or_no_registration_is_not_registered() {
        let today = d(2026, 6, 1);
        assert_eq!(at(&SchoolFacts::default(), today), Standing::NotRegistered);
        let unregistered = SchoolFacts {
            registered_on: None,
            ..registered(40)
        };
        assert_eq!(at(&unregistered, today), Standing::NotRegistered);
    }

    #[test]
    fn registered_until_something_is_complete() {
        assert_eq!(
            at(&registered(0), d(2026, 1, 20)),
            Standing::Registered {
                start: Some(d(2026, 1, 12))
            }
        );
        assert_eq!(
            at(&registered(10), d(2026, 1, 20)),
            Standing::InProgress {
                percent: 10,
                target: Some(d(2027, 1, 12)),
                behind: false
            }
        );
    }

    #[test]
    fn behind_target_compares_work_done_with_time_gone() {
        // half the year gone (12 January to 13 July is 182 of 365 days):
        // 30% is within a term's slack, 29% is not
        let mid = d(2026, 7, 13);
        assert!(behind(Some(d(2026, 1, 12)), Some(d(2027, 1, 12)), 29, mid));
        assert!(!behind(Some(d(2026, 1, 12)), Some(d(2027, 1, 12)), 30, mid));
        // early on, nothing written is not yet behind
        assert!(!behind(
            Some(d(2026, 1, 12)),
            Some(d(2027, 1, 12)),
            0,
            d(2026, 2, 20)
        ));
        // before the start, or without dates, nobody is behind
        assert!(!behind(
            Some(d(2026, 1, 12)),
            Some(d(2027, 1, 12)),
            0,
            d(2026, 1, 1)
        ));
        assert!(!behind(None, Some(d(2027, 1, 12)), 0, mid));
        // the target day itself is still on time if the work is done
        assert!(!behind(
            Some(d(2026, 1, 12)),
            Some(d(2027, 1, 12)),
            100,
            d(2027, 1, 12)
        ));
        // after the target, anything short of complete is behind
        assert!(behind(
            Some(d(2026, 1, 12)),
            Some(d(2027, 1, 12)),
            99,
            d(2027, 1, 13)
        ));
        // nothing written and the target gone: in progress, behind (not "registered")
        assert_eq!(
            at(&registered(0), d(2027, 2, 1)),
            Standing::InProgress {
                percent: 0,
                target: Some(d(2027, 1, 12)),
                behind: true
            }
        );
    }

    #[test]
    fn submitted_names_its_board_and_returned_its_day() {
        let facts = SchoolFacts {
            status: Some(PortfolioStatus::Submitted),
            meeting: Some(d(2027, 2, 11)),
            ..registered(100)
        };
        let s = at(&facts, d(2027, 1, 20));
        assert_eq!(s.kind(), StandingKind::Submitted);
        assert_eq!(s.detail(), "For the board on 11 February 2027");
        let waiting = SchoolFacts {
            meeting: None,
            ..facts.clone()
        };
        assert_eq!(
            at(&waiting, d(2027, 1, 20)).detail(),
            "Not on a board's agenda yet"
        );
        let returned = SchoolFacts {
            status: Some(PortfolioStatus::NotYetAwarded),
            returned_on: Some(d(2027, 2, 11)),
            ..facts
        };
        assert_eq!(
            at(&returned, d(2027, 3, 1)),
            Standing::Returned {
                on: Some(d(2027, 2, 11))
            }
        );
    }

    #[test]
    fn an_award_turns_due_then_overdue() {
        let facts = SchoolFacts {
            status: Some(PortfolioStatus::Awarded),
            award: Some(("Silver".into(), d(2027, 2, 11), d(2030, 2, 11))),
            ..registered(100)
        };
        assert_eq!(at(&facts, d(2029, 8, 10)).kind(), StandingKind::Awarded);
        assert_eq!(at(&facts, d(2029, 8, 11)).kind(), StandingKind::RenewalDue);
        assert_eq!(at(&facts, d(2030, 2, 11)).kind(), StandingKind::RenewalDue);
        let overdue = at(&facts, d(2030, 2, 12));
        assert_eq!(overdue.kind(), StandingKind::RenewalOverdue);
        assert_eq!(overdue.detail(), "Silver; renewal due 11 February 2030");
        assert!(overdue.needs_attention());
    }

    #[test]
    fn a_renewal_under_way_is_in_progress_again() {
        // The coordinator started the renewal: the latest portfolio is the new
        // cycle, registered on the day it started.
        let facts = SchoolFacts {
            status: Some(PortfolioStatus::InProgress),
            registered_on: Some(d(2029, 9, 1)),
            start: Some(d(2029, 9, 1)),
            target: Some(d(2030, 2, 11)),
            percent: 20,
            award: Some(("Silver".into(), d(2027, 2, 11), d(2030, 2, 11))),
            ..Default::default()
        };
        assert_eq!(at(&facts, d(2029, 10, 1)).kind(), StandingKind::InProgress);
    }

    #[test]
    fn every_kind_has_a_key_that_parses_back_and_a_label() {
        for k in StandingKind::ALL {
            assert_eq!(StandingKind::parse(k.as_str()), Some(k));
            assert!(!k.label().is_empty());
        }
        assert_eq!(StandingKind::parse("nope"), None);
    }
}
