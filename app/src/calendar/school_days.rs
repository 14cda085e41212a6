//! What a school day is: a weekday in one of the school's terms that is not a
//! bank holiday and not one of the school's own closure (INSET) days. In a
//! school year the authority's term dates do not cover, every weekday that is
//! not a bank holiday or a closure day counts.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::BankHolidays;

/// One term (or half term): the first and last days pupils attend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A school year ("2026/27", from 1 September to 31 August) and its terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolYear {
    /// The calendar year it starts in (2026 for 2026/27).
    pub starts: i32,
    pub terms: Vec<Term>,
}

impl SchoolYear {
    pub fn label(&self) -> String {
        school_year_label(self.starts)
    }
}

/// "2026/27".
pub fn school_year_label(starts: i32) -> String {
    format!("{starts}/{:02}", (starts + 1).rem_euclid(100))
}

/// The school year a date falls in: 1 September to 31 August.
pub fn school_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 9 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// A stretch of a school year, for counting what happened in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// A day the school is closed, as its coordinator entered it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub reason: String,
}

/// Why a day is not a school day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayOff {
    Weekend,
    BankHoliday(String),
    /// Between terms (a half term or a holiday).
    Holiday,
    /// One of the school's own closure days, with its reason.
    Closed(String),
}

impl DayOff {
    pub fn describe(&self) -> String {
        match self {
            DayOff::Weekend => "a weekend".into(),
            DayOff::BankHoliday(name) => format!("a bank holiday ({name})"),
            DayOff::Holiday => "in the school holidays".into(),
            DayOff::Closed(reason) => format!("a closure day ({reason})"),
        }
    }
}

/// A school's calendar: the authority's terms, the bank holidays and the
/// school's closure days.
#[derive(Clone, Debug, Default)]
pub struct SchoolCalendar {
    years: BTreeMap<i32, Vec<Term>>,
    bank_holidays: BankHolidays,
    closed: BTreeMap<NaiveDate, String>,
}

/// How far to look for the next school day before giving up (a calendar
/// closed for a whole year is a mistake, not a reason to loop for ever).
const SEARCH_LIMIT_DAYS: i64 = 3 * 366;

impl SchoolCalendar {
    pub fn new(years: &[SchoolYear], bank_holidays: BankHolidays, closures: &[Closure]) -> Self {
        let mut closed = BTreeMap::new();
        for c in closures {
            let mut d = c.first;
            while d <= c.last {
                closed.entry(d).or_insert_with(|| c.reason.clone());
                d += Duration::days(1);
            }
        }
        SchoolCalendar {
            years: years.iter().map(|y| (y.starts, y.terms.clone())).collect(),
            bank_holidays,
            closed,
        }
    }

    /// The terms of a school year, if the authority's dates cover it.
    pub fn terms_of(&self, school_year: i32) -> Option<&[Term]> {
        self.years.get(&school_year).map(Vec::as_slice)
    }

    /// `None` on a school day; otherwise why not.
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            return Some(DayOff::Weekend);
        }
        if let Some(name) = self.bank_holidays.name_of(date) {
            return Some(DayOff::BankHoliday(name));
        }
        if let Some(reason) = self.closed.get(&date) {
            return Some(DayOff::Closed(reason.clone()));
        }
        match self.terms_of(school_year_of(date)) {
            Some(terms) if !terms.iter().any(|t| t.first <= date && date <= t.last) => {
                Some(DayOff::Holiday)
            }
            _ => None,
        }
    }

    pub fn is_school_day(&self, date: NaiveDate) -> bool {
        self.day_off(date).is_none()
    }

    /// The `n`th school day after `date` (not counting `date` itself), or
    /// `None` if the calendar has no such day within three years.
    pub fn school_day_after(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.nth_school_day(date, n, NaiveDate::succ_opt)
    }

    /// The `n`th school day before `date` (for demo data and tests).
    pub fn school_day_before(&self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.nth_school_day(date, n, NaiveDate::pred_opt)
    }

    /// Steps from `date` a day at a time until `n` school days are passed.
    fn nth_school_day(
        &self,
        date: NaiveDate,
        n: u32,
        step: fn(&NaiveDate) -> Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        let mut day = date;
        let mut found = 0;
        for _ in 0..SEARCH_LIMIT_DAYS {
            if found == n {
                return Some(day);
            }
            day = step(&day)?;
            if self.is_school_day(day) {
                found += 1;
            }
        }
        (found == n).then_some(day)
    }

    /// School days after `from` up to and including `to` (0 when `to` is
    /// not after `from`).
    pub fn school_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_school_day(*d))
            .count() as i64
    }

    /// The stretches of a school year PEPs are counted in: each term from
    /// its first day to the day before the next term (the holiday after a
    /// term belongs to it); without term dates, autumn (September to
    /// December), spring (January to March) and summer (April to August).
    pub fn periods(&self, school_year: i32) -> Vec<Period> {
        let start = NaiveDate::from_ymd_opt(school_year, 9, 1);
        let end = NaiveDate::from_ymd_opt(school_year + 1, 8, 31);
        let (Some(start), Some(end)) = (start, end) else {
            return Vec::new();
        };
        match self.terms_of(school_year) {
            Some(terms) if !terms.is_empty() => terms
                .iter()
                .enumerate()
                .map(|(i, t)| Period {
                    label: t.name.clone(),
                    from: if i == 0 { start } else { t.first },
                    to: terms
                        .get(i + 1)
                        .and_then(|next| next.first.pred_opt())
                        .unwrap_or(end),
                })
                .collect(),
            _ => {
                let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(start);
                vec![
                    Period {
                        label: "Autumn term".into(),
                        from: start,
                        to: date(school_year, 12, 31),
                    },
                    Period {
                        label: "Spring term".into(),
                        from: date(school_year + 1, 1, 1),
                        to: date(school_year + 1, 3, 31),
                    },
                    Period {
                        label: "Summer term".into(),
                        from: date(school_year + 1, 4, 1),
                        to: end,
                    },
                ]
            }
        }
    }

    /// School days in a term (for the calendar page).
    pub fn school_days_in(&self, first: NaiveDate, last: NaiveDate) -> i64 {
        match first.pred_opt() {
            Some(before) => self.school_days_between(before, last),
            None => 0,
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Lincolnshire's shipped term dates and the shipped bank holidays.
    pub(crate) fn lincolnshire(closures: &[Closure]) -> SchoolCalendar {
        let holidays =
            BankHolidays::from_govuk_json(include_str!("../../../calendars/bank-holidays.json"))
                .unwrap();
        let terms = super::super::terms::TermDates::parse(include_str!(
            "../../../calendars/terms/lincolnshire.toml"
        ))
        .unwrap();
        SchoolCalendar::new(&terms.years, holidays, closures)
    }

    fn inset(y: i32, m: u32, d: u32) -> Closure {
        Closure {
            first: date(y, m, d),
            last: date(y, m, d),
            reason: "INSET day".into(),
        }
    }

    #[test]
    fn weekends_bank_holidays_holidays_and_closures_are_not_school_days() {
        let cal = lincolnshire(&[inset(2026, 11, 2)]);
        assert_eq!(cal.day_off(date(2026, 11, 28)), Some(DayOff::Weekend));
        assert_eq!(cal.day_off(date(2026, 10, 28)), Some(DayOff::Holiday));
        assert_eq!(
            cal.day_off(date(2026, 11, 2)),
            Some(DayOff::Closed("INSET day".into()))
        );
        assert!(matches!(
            cal.day_off(date(2026, 12, 28)),
            Some(DayOff::BankHoliday(_))
        ));
        assert!(cal.is_school_day(date(2026, 11, 30)));
        // The first day of a term counts; the day before it does not.
        assert!(cal.is_school_day(date(2026, 9, 3)));
        assert!(!cal.is_school_day(date(2026, 9, 2)));
    }

    #[test]
    fn five_school_days_across_a_weekend() {
        let cal = lincolnshire(&[]);
        // Wednesday 18 November 2026 → Wednesday 25 November.
        assert_eq!(
            cal.school_day_after(date(2026, 11, 18), 5),
            Some(date(2026, 11, 25))
        );
    }

    #[test]
    fn five_school_days_across_half_term() {
        let cal = lincolnshire(&[]);
        // Friday 23 October 2026, the last day before half term: the week of
        // 26 October is a holiday, so the fifth school day is Friday 6 November.
        assert_eq!(
            cal.school_day_after(date(2026, 10, 23), 5),
            Some(date(2026, 11, 6))
        );
        // 2025/26: Thursday 23 October 2025 → Friday 7 November 2025.
        assert_eq!(
            cal.school_day_after(date(2025, 10, 23), 5),
            Some(date(2025, 11, 7))
        );
    }

    #[test]
    fn an_inset_day_after_half_term_moves_the_deadline() {
        let cal = lincolnshire(&[inset(2026, 11, 2)]);
        assert_eq!(
            cal.school_day_after(date(2026, 10, 23), 5),
            Some(date(2026, 11, 9))
        );
    }

    #[test]
    fn five_school_days_across_christmas_and_its_substitute_days() {
        let cal = lincolnshire(&[]);
        // Wednesday 16 December 2026: 17, 18 December, then term starts 5 January.
        assert_eq!(
            cal.school_day_after(date(2026, 12, 16), 5),
            Some(date(2027, 1, 7))
        );
        // In a year the term dates do not cover, only weekends and bank
        // holidays (the substitute days of 2027) are skipped:
        let no_terms = SchoolCalendar::new(
            &[],
            BankHolidays::from_govuk_json(include_str!("../../../calendars/bank-holidays.json"))
                .unwrap(),
            &[],
        );
        // Thursday 23 December 2027: 24, 29, 30, 31 December, 4 January (3rd is New Year's substitute).
        assert_eq!(
            no_terms.school_day_after(date(2027, 12, 23), 5),
            Some(date(2028, 1, 4))
        );
    }

    #[test]
    fn five_school_days_across_easter_bank_holidays_without_terms() {
        let no_terms = SchoolCalendar::new(
            &[],
            BankHolidays::from_govuk_json(include_str!("../../../calendars/bank-holidays.json"))
                .unwrap(),
            &[],
        );
        // Wednesday 1 April 2026: 2 April, (3rd Good Friday, 6th Easter Monday) 7, 8, 9, 10 April.
        assert_eq!(
            no_terms.school_day_after(date(2026, 4, 1), 5),
            Some(date(2026, 4, 10))
        );
    }

    #[test]
    fn five_school_days_across_the_summer_holiday() {
        let cal = lincolnshire(&[]);
        // Monday 20 July 2026: 21, 22 July, then 3, 4, 7 September 2026.
        assert_eq!(
            cal.school_day_after(date(2026, 7, 20), 5),
            Some(date(2026, 9, 7))
        );
    }

    #[test]
    fn a_meeting_on_a_day_that_is_not_a_school_day() {
        let cal = lincolnshire(&[]);
        // Saturday 21 November 2026 → Friday 27 November.
        assert_eq!(
            cal.school_day_after(date(2026, 11, 21), 5),
            Some(date(2026, 11, 27))
        );
        // During half term, Tuesday 27 October 2026 → Friday 6 November.
        assert_eq!(
            cal.school_day_after(date(2026, 10, 27), 5),
            Some(date(2026, 11, 6))
        );
    }

    #[test]
    fn a_calendar_closed_for_ever_gives_no_deadline() {
        let cal = lincolnshire(&[Closure {
            first: date(2026, 1, 1),
            last: date(2032, 1, 1),
            reason: "closed".into(),
        }]);
        assert_eq!(cal.school_day_after(date(2026, 3, 2), 5), None);
    }

    #[test]
    fn counting_school_days() {
        let cal = lincolnshire(&[]);
        assert_eq!(
            cal.school_days_between(date(2026, 11, 27), date(2026, 11, 30)),
            1
        );
        assert_eq!(
            cal.school_days_between(date(2026, 11, 30), date(2026, 11, 30)),
            0
        );
        assert_eq!(
            cal.school_days_between(date(2026, 12, 1), date(2026, 11, 30)),
            0
        );
        // Autumn term, second half 2026: 2 November to 18 December, 7 weeks.
        assert_eq!(
            cal.school_days_in(date(2026, 11, 2), date(2026, 12, 18)),
            35
        );
        assert_eq!(school_year_label(2026), "2026/27");
        assert_eq!(school_year_label(2099), "2099/00");
        assert_eq!(school_year_of(date(2026, 8, 31)), 2025);
        assert_eq!(school_year_of(date(2026, 9, 1)), 2026);
    }

    #[test]
    fn periods_cover_the_school_year_without_gaps() {
        let cal = lincolnshire(&[]);
        for year in [2026, 2030] {
            let periods = cal.periods(year);
            assert_eq!(periods[0].from, date(year, 9, 1));
            assert_eq!(periods.last().unwrap().to, date(year + 1, 8, 31));
            for pair in periods.windows(2) {
                assert_eq!(pair[0].to.succ_opt().unwrap(), pair[1].from);
            }
        }
        // Half term belongs to the half term before it.
        let p = cal.periods(2026);
        assert_eq!(p.len(), 6);
        assert!(p[0].contains(date(2026, 10, 30)));
        assert_eq!(p[1].label, "Autumn term, second half");
        assert_eq!(cal.periods(2030).len(), 3);
    }

    proptest! {
        /// For any meeting date and any closure days, the deadline is a
        /// school day and exactly five school days follow the meeting up to
        /// and including it.
        #[test]
        fn the_deadline_is_the_fifth_school_day_after(
            offset in 0i64..(4 * 365),
            closures in proptest::collection::vec((0i64..(4 * 365), 0i64..10), 0..8),
        ) {
            let start = date(2025, 1, 1);
            let closures: Vec<Closure> = closures
                .into_iter()
                .map(|(from, len)| Closure {
                    first: start + Duration::days(from),
                    last: start + Duration::days(from + len),
                    reason: "closed".into(),
                })
                .collect();
            let cal = lincolnshire(&closures);
            let meeting = start + Duration::days(offset);
            let deadline = cal.school_day_after(meeting, 5).unwrap();
            prop_assert!(cal.is_school_day(deadline));
            prop_assert!(deadline > meeting);
            prop_assert_eq!(cal.school_days_between(meeting, deadline), 5);
        }
    }
}
