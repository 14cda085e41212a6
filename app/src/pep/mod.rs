//! Personal Education Plans as the Virtual School expects the Designated
//! Teacher to keep them: the duties before each meeting, the ePEP finalised
//! within 5 school days of it, and where each PEP stands today. Plain rules,
//! unit tested; the services store, the pages show.

mod audit;
#[cfg(feature = "ssr")]
pub mod feed;
mod money;
mod reference;
mod summary;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::SchoolCalendar;

pub use audit::AuditStanding;
pub use money::{format_pounds, parse_pounds};
pub use reference::{REFERENCE_HINT, reference_problem};
pub use summary::{SMALL_NUMBER, Share, TermSummary, share};

/// The ePEP is finalised within this many school days of the meeting.
pub const FINALISE_WITHIN: u32 = 5;
/// "Due soon" from this many school days left.
pub const DUE_SOON_DAYS: i64 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CareStatus {
    LookedAfter,
    PreviouslyLookedAfter,
}

impl CareStatus {
    pub const ALL: [CareStatus; 2] = [CareStatus::LookedAfter, CareStatus::PreviouslyLookedAfter];

    pub fn as_str(self) -> &'static str {
        match self {
            CareStatus::LookedAfter => "looked_after",
            CareStatus::PreviouslyLookedAfter => "previously_looked_after",
        }
    }

    pub fn parse(s: &str) -> Option<CareStatus> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            CareStatus::LookedAfter => "Looked after",
            CareStatus::PreviouslyLookedAfter => "Previously looked after",
        }
    }
}

/// Reception (0) to Year 13.
pub const YEAR_GROUPS: std::ops::RangeInclusive<i32> = 0..=13;

pub fn year_group_label(year: i32) -> String {
    if year == 0 {
        "Reception".into()
    } else {
        format!("Year {year}")
    }
}

/// What the DT does before a PEP meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Duty {
    PupilViews,
    Sdq,
    EpepUpdated,
    PppCosted,
    SmartOutcomes,
}

impl Duty {
    pub const ALL: [Duty; 5] = [
        Duty::PupilViews,
        Duty::Sdq,
        Duty::EpepUpdated,
        Duty::PppCosted,
        Duty::SmartOutcomes,
    ];

    /// The form field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Duty::PupilViews => "pupil_views",
            Duty::Sdq => "sdq",
            Duty::EpepUpdated => "epep_updated",
            Duty::PppCosted => "ppp_costed",
            Duty::SmartOutcomes => "smart_outcomes",
        }
    }

    pub fn parse(s: &str) -> Option<Duty> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Duty::PupilViews => "Pupil views captured",
            Duty::Sdq => "SDQ done",
            Duty::EpepUpdated => "ePEP updated",
            Duty::PppCosted => "PP+ interventions costed",
            Duty::SmartOutcomes => "SMART outcomes set",
        }
    }

    /// The Virtual School's words for it.
    pub fn hint(self) -> &'static str {
        match self {
            Duty::PupilViews => "The pupil’s views are captured before the meeting.",
            Duty::Sdq => "The Strengths and Difficulties Questionnaire is done before the meeting.",
            Duty::EpepUpdated => "The ePEP is updated, as much as possible, before the meeting.",
            Duty::PppCosted => {
                "Interventions that might need Pupil Premium Plus are costed in advance, so funds can be released in time."
            }
            Duty::SmartOutcomes => "The PEP contains SMART, evidence-based outcomes.",
        }
    }
}

/// The ePEP finalisation deadline: the 5th school day after the meeting.
pub fn deadline(meeting: NaiveDate, calendar: &SchoolCalendar) -> Option<NaiveDate> {
    calendar.school_day_after(meeting, FINALISE_WITHIN)
}

/// Where a PEP stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PepStatus {
    /// The meeting is still to come.
    Upcoming,
    /// Held; the ePEP is to be finalised, more than 2 school days left.
    ToFinalise {
        school_days_left: i64,
    },
    /// Held; 2 school days or fewer left (0: due today).
    DueSoon {
        school_days_left: i64,
    },
    /// Past its deadline and not finalised.
    Overdue {
        school_days_late: i64,
    },
    FinalisedOnTime,
    FinalisedLate {
        school_days_late: i64,
    },
}

impl PepStatus {
    pub fn of(
        meeting: NaiveDate,
        deadline: NaiveDate,
        finalised_on: Option<NaiveDate>,
        today: NaiveDate,
        calendar: &SchoolCalendar,
    ) -> PepStatus {
        if let Some(done) = finalised_on {
            return if done <= deadline {
                PepStatus::FinalisedOnTime
            } else {
                PepStatus::FinalisedLate {
                    school_days_late: calendar.school_days_between(deadline, done),
                }
            };
        }
        if today < meeting {
            return PepStatus::Upcoming;
        }
        if today > deadline {
            return PepStatus::Overdue {
                school_days_late: calendar.school_days_between(deadline, today),
            };
        }
        let left = calendar.school_days_between(today, deadline);
        if left <= DUE_SOON_DAYS {
            PepStatus::DueSoon {
                school_days_left: left,
            }
        } else {
            PepStatus::ToFinalise {
                school_days_left: left,
            }
        }
    }

    /// The tag's words.
    pub fn label(self) -> String {
        match self {
            PepStatus::Upcoming => "Upcoming".into(),
            PepStatus::ToFinalise { .. } => "To finalise".into(),
            PepStatus::DueSoon {
                school_days_left: 0,
            } => "Due today".into(),
            PepStatus::DueSoon { .. } => "Due soon".into(),
            PepStatus::Overdue { .. } => "Overdue".into(),
            PepStatus::FinalisedOnTime => "Finalised on time".into(),
            PepStatus::FinalisedLate { .. } => "Finalised late".into(),
        }
    }

    /// The tag's colour (a GOV.UK tag modifier).
    pub fn tag_class(self) -> &'static str {
        match self {
            PepStatus::Upcoming => "tag tag--grey",
            PepStatus::ToFinalise { .. } => "tag tag--blue",
            PepStatus::DueSoon { .. } => "tag tag--yellow",
            PepStatus::Overdue { .. } => "tag tag--red",
            PepStatus::FinalisedOnTime => "tag tag--green",
            PepStatus::FinalisedLate { .. } => "tag tag--orange",
        }
    }

    /// A sentence beside the tag: "3 school days left".
    pub fn detail(self) -> Option<String> {
        let days = |n: i64| {
            if n == 1 {
                "1 school day".to_string()
            } else {
                format!("{n} school days")
            }
        };
        match self {
            PepStatus::ToFinalise { school_days_left }
            | PepStatus::DueSoon { school_days_left }
                if school_days_left > 0 =>
            {
                Some(format!("{} left", days(school_days_left)))
            }
            PepStatus::Overdue { school_days_late }
            | PepStatus::FinalisedLate { school_days_late }
                if school_days_late > 0 =>
            {
                Some(format!("{} late", days(school_days_late)))
            }
            _ => None,
        }
    }

    pub fn finalised(self) -> bool {
        matches!(
            self,
            PepStatus::FinalisedOnTime | PepStatus::FinalisedLate { .. }
        )
    }

    pub fn overdue(self) -> bool {
        matches!(self, PepStatus::Overdue { .. })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::calendar::{BankHolidays, Closure, SchoolCalendar};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn calendar() -> SchoolCalendar {
        let holidays =
            BankHolidays::from_govuk_json(include_str!("../../../calendars/bank-holidays.json"))
                .unwrap();
        let terms = crate::calendar::terms::TermDates::parse(include_str!(
            "../../../calendars/terms/lincolnshire.toml"
        ))
        .unwrap();
        SchoolCalendar::new(
            &terms.years,
            holidays,
            &[Closure {
                first: date(2026, 11, 2),
                last: date(2026, 11, 2),
                reason: "INSET day".into(),
            }],
        )
    }

    /// A meeting on Wednesday 18 November 2026: deadline Wednesday 25 November.
    fn status_on(today: NaiveDate, finalised: Option<NaiveDate>) -> PepStatus {
        let cal = calendar();
        let meeting = date(2026, 11, 18);
        let deadline = deadline(meeting, &cal).unwrap();
        assert_eq!(deadline, date(2026, 11, 25));
        PepStatus::of(meeting, deadline, finalised, today, &cal)
    }

    #[test]
    fn status_at_each_boundary() {
        assert_eq!(status_on(date(2026, 11, 17), None), PepStatus::Upcoming);
        // On the day of the meeting, five school days are left.
        assert_eq!(
            status_on(date(2026, 11, 18), None),
            PepStatus::ToFinalise {
                school_days_left: 5
            }
        );
        // Friday 20th: 23, 24, 25 left.
        assert_eq!(
            status_on(date(2026, 11, 20), None),
            PepStatus::ToFinalise {
                school_days_left: 3
            }
        );
        // Saturday 21st: still 3 (the weekend does not count).
        assert_eq!(
            status_on(date(2026, 11, 21), None),
            PepStatus::ToFinalise {
                school_days_left: 3
            }
        );
        // Monday 23rd: 2 left, due soon.
        assert_eq!(
            status_on(date(2026, 11, 23), None),
            PepStatus::DueSoon {
                school_days_left: 2
            }
        );
        // Wednesday 25th: due today.
        let today = status_on(date(2026, 11, 25), None);
        assert_eq!(
            today,
            PepStatus::DueSoon {
                school_days_left: 0
            }
        );
        assert_eq!(today.label(), "Due today");
        // Thursday 26th: overdue by one school day.
        let late = status_on(date(2026, 11, 26), None);
        assert_eq!(
            late,
            PepStatus::Overdue {
                school_days_late: 1
            }
        );
        assert_eq!(late.detail().as_deref(), Some("1 school day late"));
        // Finalised on the deadline: on time; the day after: late.
        assert_eq!(
            status_on(date(2026, 12, 1), Some(date(2026, 11, 25))),
            PepStatus::FinalisedOnTime
        );
        assert_eq!(
            status_on(date(2026, 12, 1), Some(date(2026, 11, 27))),
            PepStatus::FinalisedLate {
                school_days_late: 2
            }
        );
        // Finalised before the meeting's deadline even though today is later.
        assert!(status_on(date(2027, 1, 1), Some(date(2026, 11, 19))).finalised());
    }

    #[test]
    fn a_friday_before_half_term_with_an_inset_day_after_it() {
        let cal = calendar();
        // Friday 23 October 2026; half term; Monday 2 November is an INSET day.
        assert_eq!(deadline(date(2026, 10, 23), &cal), Some(date(2026, 11, 9)));
        // Over half term the PEP is not overdue and the days left do not shrink.
        let status = PepStatus::of(
            date(2026, 10, 23),
            date(2026, 11, 9),
            None,
            date(2026, 10, 28),
            &cal,
        );
        assert_eq!(
            status,
            PepStatus::ToFinalise {
                school_days_left: 5
            }
        );
    }

    #[test]
    fn names_and_codes() {
        for d in Duty::ALL {
            assert_eq!(Duty::parse(d.as_str()), Some(d));
        }
        for c in CareStatus::ALL {
            assert_eq!(CareStatus::parse(c.as_str()), Some(c));
        }
        assert_eq!(year_group_label(0), "Reception");
        assert_eq!(year_group_label(11), "Year 11");
    }
}
