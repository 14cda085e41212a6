//! The Designated Teacher's duties as the pages get them: the school's
//! calendar, its PEP meetings (staff only) and their figures.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::SchoolInfo;
use crate::pep::{CareStatus, Duty, PepStatus, Share, TermSummary};

/// The school's calendar page: the year as terms, and its closure days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarPage {
    pub school: SchoolInfo,
    /// Where the term dates come from ("Lincolnshire County Council term
    /// dates"), or `None` when this server has none for the authority.
    pub term_dates: Option<String>,
    pub years: Vec<CalendarYear>,
    pub closures: Vec<ClosureRow>,
    pub can_manage: bool,
    pub today: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarYear {
    /// "2026/27".
    pub label: String,
    pub terms: Vec<TermRow>,
    /// Bank holidays on weekdays in the school year.
    pub bank_holidays: Vec<(NaiveDate, String)>,
    pub school_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermRow {
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// After bank holidays and the school's closure days.
    pub school_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosureRow {
    pub id: i32,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub reason: String,
}

/// One PEP meeting as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PepRow {
    pub id: i32,
    pub pupil_ref: String,
    pub care_status: CareStatus,
    pub year_group: i32,
    pub placing_authority: String,
    pub meeting_date: NaiveDate,
    pub chaired_by: String,
    /// Each duty and the day it was done.
    pub duties: Vec<(Duty, Option<NaiveDate>)>,
    pub ppp_amount_pence: Option<i64>,
    /// The 5th school day after the meeting (`None` only if the school's
    /// calendar has no school day for years).
    pub deadline: Option<NaiveDate>,
    pub finalised_on: Option<NaiveDate>,
    pub status: PepStatus,
}

impl PepRow {
    pub fn duties_done(&self) -> usize {
        self.duties.iter().filter(|(_, d)| d.is_some()).count()
    }

    /// Adds this PEP to a term's (or year's) figures.
    pub fn count_in(&self, summary: &mut TermSummary) {
        let pupil_views = self
            .duties
            .iter()
            .any(|(d, on)| *d == Duty::PupilViews && on.is_some());
        summary.add(self.status, self.duties_done() as u32, pupil_views);
    }

    pub fn duties_missing(&self) -> Vec<Duty> {
        self.duties
            .iter()
            .filter(|(_, d)| d.is_none())
            .map(|(duty, _)| *duty)
            .collect()
    }
}

/// A stretch of the school year PEPs are counted in: a term, from its
/// first day to the day before the next one starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermFigures {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub summary: TermSummary,
}

/// The Designated Teacher's PEP page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PepTracker {
    pub school: SchoolInfo,
    pub today: NaiveDate,
    /// The term today falls in.
    pub this_term: TermFigures,
    /// The meetings of this term, by date.
    pub this_term_peps: Vec<PepRow>,
    /// Not finalised, deadline this week (Monday to Sunday).
    pub due_this_week: Vec<PepRow>,
    pub overdue: Vec<PepRow>,
    /// Meetings still to come with duties not yet done.
    pub duties_outstanding: Vec<PepRow>,
    /// Every term of this school year so far, and the year.
    pub terms: Vec<TermFigures>,
    pub year: TermFigures,
    /// Every meeting kept, newest first (for "all PEP meetings").
    pub all: Vec<PepRow>,
    /// This person has a calendar feed link.
    pub has_feed: bool,
    pub can_manage_calendar: bool,
    /// The DT self-audit, once started.
    pub audit: Option<AuditSummary>,
    /// The viewer may start the self-audit (the coordinator, while none).
    pub can_start_audit: bool,
}

/// The PEP figures governors and the Virtual School may see: aggregates,
/// small numbers hidden, never a pupil reference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PepFigures {
    /// "2026/27".
    pub school_year: String,
    /// Meetings held this school year.
    pub held: Share,
    /// Finalised within 5 school days, of those whose deadline has come.
    pub on_time: Share,
    /// With the pupil's views captured.
    pub pupil_views: Share,
}

impl PepFigures {
    /// Only the shown figures leave the server: the counts behind a hidden
    /// figure do not.
    pub fn of(school_year: String, year: &TermSummary) -> PepFigures {
        let hide = year.held < crate::pep::SMALL_NUMBER;
        let guard = |s: Share| {
            if hide && year.held > 0 {
                Share::Hidden
            } else {
                s
            }
        };
        PepFigures {
            school_year,
            held: if year.held == 0 {
                Share::Count(0)
            } else {
                year.held_shown()
            },
            on_time: guard(year.on_time_share()),
            pupil_views: guard(year.pupil_views_share()),
        }
    }
}

/// One school on the Virtual School's page: aggregates only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VirtualSchoolRow {
    pub school_id: i32,
    pub name: String,
    pub urn: String,
    /// The term the figures are for (the school's own calendar).
    pub term: String,
    pub held: Share,
    pub on_time: Share,
    pub overdue: Share,
    /// The DT self-audit, if the school has started one.
    pub audit: Option<crate::pep::AuditStanding>,
}

/// The Virtual School's page: PEPs across the authority's schools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VirtualSchoolPage {
    pub authority: super::AuthorityInfo,
    pub today: NaiveDate,
    pub rows: Vec<VirtualSchoolRow>,
}

impl VirtualSchoolRow {
    /// The shown figures of a school's term: counts resting on fewer than
    /// five meetings never leave the server.
    pub fn figures(summary: &TermSummary) -> (Share, Share, Share) {
        let held = if summary.held == 0 {
            Share::Count(0)
        } else {
            summary.held_shown()
        };
        let small = summary.held > 0 && summary.held < crate::pep::SMALL_NUMBER;
        let on_time = if small {
            Share::Hidden
        } else {
            summary.on_time_share()
        };
        let overdue = match (summary.held, small, summary.overdue) {
            (0, _, _) | (_, false, 0) => Share::Count(0),
            (_, true, _) => Share::Hidden,
            (_, false, n) if n < crate::pep::SMALL_NUMBER => Share::Hidden,
            (_, false, n) => Share::Count(n),
        };
        (held, on_time, overdue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pep::PepStatus;

    fn summary(on_time: u32, overdue: u32, to_finalise: u32) -> TermSummary {
        let mut s = TermSummary::default();
        for _ in 0..on_time {
            s.add(PepStatus::FinalisedOnTime, 5, true);
        }
        for _ in 0..overdue {
            s.add(
                PepStatus::Overdue {
                    school_days_late: 1,
                },
                5,
                true,
            );
        }
        for _ in 0..to_finalise {
            s.add(
                PepStatus::ToFinalise {
                    school_days_left: 3,
                },
                5,
                true,
            );
        }
        s
    }

    #[test]
    fn the_virtual_school_sees_no_small_count() {
        use Share::*;
        assert_eq!(
            VirtualSchoolRow::figures(&summary(0, 0, 0)),
            (Count(0), None, Count(0))
        );
        assert_eq!(
            VirtualSchoolRow::figures(&summary(2, 1, 0)),
            (Hidden, Hidden, Hidden)
        );
        // Six held, one overdue: the one is not shown.
        assert_eq!(
            VirtualSchoolRow::figures(&summary(5, 1, 0)),
            (Count(6), Percent(83), Hidden)
        );
        assert_eq!(
            VirtualSchoolRow::figures(&summary(5, 0, 1)),
            (Count(6), Percent(100), Count(0))
        );
        assert_eq!(
            VirtualSchoolRow::figures(&summary(1, 5, 0)),
            (Count(6), Percent(17), Count(5))
        );
    }

    #[test]
    fn governors_get_no_count_behind_a_hidden_figure() {
        let f = PepFigures::of("2026/27".into(), &summary(3, 1, 0));
        assert_eq!(
            (f.held, f.on_time, f.pupil_views),
            (Share::Hidden, Share::Hidden, Share::Hidden)
        );
        let f = PepFigures::of("2026/27".into(), &summary(5, 1, 0));
        assert_eq!(f.held, Share::Count(6));
        assert_eq!(f.on_time, Share::Percent(83));
    }
}

/// One action of the DT self-audit's plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    pub id: i32,
    /// The expectation it is for ("2.3").
    pub criterion_id: String,
    pub what: String,
    pub owner_id: Option<i32>,
    /// The owner's name ("Former member" once they have left).
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    /// Not done, and its date has passed.
    pub overdue: bool,
}

/// One expectation of the self-audit on the action plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    pub criterion_id: String,
    pub statement: String,
    /// "Partly", "Not yet" or "Not answered".
    pub standing: String,
    pub actions: Vec<ActionRow>,
}

/// The DT self-audit as an action plan: every expectation not in place,
/// with its actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPlan {
    pub portfolio_id: i32,
    pub school: SchoolInfo,
    pub framework_title: String,
    pub standing: crate::pep::AuditStanding,
    pub items: Vec<PlanItem>,
    pub staff: Vec<super::StaffMember>,
    pub can_edit: bool,
    pub today: NaiveDate,
}

/// The self-audit on the DT's page: its standing and the actions still open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditSummary {
    pub portfolio_id: i32,
    pub standing: crate::pep::AuditStanding,
    pub open_actions: Vec<ActionRow>,
}
