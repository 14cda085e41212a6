//! The award's clock, from the framework's terms: the target for completion
//! (12 months after the registered start), the renewal due date (3 years
//! after the award) and when a renewal is flagged (6 months before).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::rubric::AwardTerms;

/// The toolkit's "ideally within 12 months", for a framework without terms.
pub const DEFAULT_TARGET_MONTHS: u32 = 12;

/// The target date for completion. A month without the start's day ends on
/// its last day (31 January + 1 month is 28 or 29 February).
pub fn target_date(terms: Option<&AwardTerms>, start: NaiveDate) -> Option<NaiveDate> {
    let months = terms.map_or(DEFAULT_TARGET_MONTHS, |t| t.target_months);
    start.checked_add_months(Months::new(months))
}

/// When an award made on `awarded_on` is due for renewal (29 February + 3
/// years is 28 February).
pub fn renewal_due(terms: &AwardTerms, awarded_on: NaiveDate) -> Option<NaiveDate> {
    awarded_on.checked_add_months(Months::new(terms.renewal_years.saturating_mul(12)))
}

/// Where an award stands against its renewal due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Renewal {
    NotYetDue,
    /// Within the notice period; the due date itself is still "due".
    DueSoon,
    /// The due date has passed.
    Overdue,
}

pub fn renewal(terms: &AwardTerms, due: NaiveDate, today: NaiveDate) -> Renewal {
    let notice_from = due
        .checked_sub_months(Months::new(terms.renewal_notice_months))
        .unwrap_or(due);
    if today > due {
        Renewal::Overdue
    } else if today >= notice_from {
        Renewal::DueSoon
    } else {
        Renewal::NotYetDue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> AwardTerms {
        AwardTerms {
            target_months: 12,
            renewal_years: 3,
            renewal_notice_months: 6,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_target_is_twelve_months_on() {
        assert_eq!(
            target_date(Some(&terms()), d(2026, 1, 12)),
            Some(d(2027, 1, 12))
        );
        assert_eq!(target_date(None, d(2026, 9, 1)), Some(d(2027, 9, 1)));
        // 29 February 2028 + 12 months: there is no 29 February 2029.
        assert_eq!(
            target_date(Some(&terms()), d(2028, 2, 29)),
            Some(d(2029, 2, 28))
        );
        let six = AwardTerms {
            target_months: 6,
            ..terms()
        };
        assert_eq!(
            target_date(Some(&six), d(2026, 8, 31)),
            Some(d(2027, 2, 28))
        );
    }

    #[test]
    fn an_award_on_29_february_is_due_on_28_february_three_years_on() {
        assert_eq!(renewal_due(&terms(), d(2028, 2, 29)), Some(d(2031, 2, 28)));
        assert_eq!(renewal_due(&terms(), d(2026, 5, 3)), Some(d(2029, 5, 3)));
        // …and four years on, a leap year again, it is the 29th.
        let four = AwardTerms {
            renewal_years: 4,
            ..terms()
        };
        assert_eq!(renewal_due(&four, d(2028, 2, 29)), Some(d(2032, 2, 29)));
    }

    #[test]
    fn renewal_is_flagged_six_months_before_and_overdue_the_day_after() {
        let due = d(2029, 5, 3);
        let t = terms();
        assert_eq!(renewal(&t, due, d(2028, 11, 2)), Renewal::NotYetDue);
        assert_eq!(renewal(&t, due, d(2028, 11, 3)), Renewal::DueSoon);
        assert_eq!(renewal(&t, due, d(2029, 5, 3)), Renewal::DueSoon);
        assert_eq!(renewal(&t, due, d(2029, 5, 4)), Renewal::Overdue);
        assert_eq!(renewal(&t, due, d(2032, 1, 1)), Renewal::Overdue);
    }

    #[test]
    fn notice_from_a_31st_counts_back_to_the_months_last_day() {
        // 31 August - 6 months is 28 February (no 31 February).
        let due = d(2029, 8, 31);
        assert_eq!(renewal(&terms(), due, d(2029, 2, 27)), Renewal::NotYetDue);
        assert_eq!(renewal(&terms(), due, d(2029, 2, 28)), Renewal::DueSoon);
    }
}
