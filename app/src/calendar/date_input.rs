//! The GOV.UK date input: day, month and year in three boxes, read the same
//! whatever the browser's locale (a date picker shows 01/12/2026 for 12
//! January in a US-locale browser). The month may be a number or a name.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the three boxes held, as typed. Posted as `name[day]`, `name[month]`
/// and `name[year]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateParts {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub year: String,
}

fn month_number(text: &str) -> Option<u32> {
    match text.parse::<u32>() {
        Ok(n) => (1..=12).contains(&n).then_some(n),
        Err(_) => super::month_from_name(text),
    }
}

const YEAR_DIGITS: &str = "Year must include 4 numbers";

/// Every date the service asks for (a start, a target, a meeting, a survey's
/// opening) falls in this century: 1026 or 2206 is a slip of the finger.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

impl DateParts {
    /// Which boxes — day, month, year — a message from [`DateParts::parse`]
    /// is about, so only those are marked (the design system marks all three
    /// only when the date as a whole is wrong).
    pub fn boxes_in_error(message: &str) -> [bool; 3] {
        if let Some((_, missing)) = message.split_once(" must include a ") {
            return ["day", "month", "year"].map(|part| missing.split(' ').any(|w| w == part));
        }
        if message == YEAR_DIGITS || message.contains(" must be in the years ") {
            return [false, false, true];
        }
        [true, true, true]
    }

    pub fn of(date: NaiveDate) -> Self {
        use chrono::Datelike;
        DateParts {
            day: date.day().to_string(),
            month: date.month().to_string(),
            year: date.year().to_string(),
        }
    }

    /// The date, `None` when all three boxes are empty, or the GOV.UK
    /// message for what is wrong ("Start date must include a month").
    /// `label` names the date as a sentence starts it: "Start date".
    pub fn parse(&self, label: &str) -> Result<Option<NaiveDate>, String> {
        let (day, month, year) = (self.day.trim(), self.month.trim(), self.year.trim());
        let missing: Vec<&str> = [("day", day), ("month", month), ("year", year)]
            .iter()
            .filter(|(_, v)| v.is_empty())
            .map(|(part, _)| *part)
            .collect();
        match missing.len() {
            3 => return Ok(None),
            0 => {}
            _ => {
                return Err(format!(
                    "{label} must include a {}",
                    crate::glossary::and_list(&missing)
                ));
            }
        }
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(YEAR_DIGITS.into());
        }
        if !year.parse::<i32>().is_ok_and(|y| YEARS.contains(&y)) {
            return Err(format!(
                "{label} must be in the years {} to {}",
                YEARS.start(),
                YEARS.end()
            ));
        }
        let date = match (day.parse::<u32>(), month_number(month), year.parse::<i32>()) {
            (Ok(d), Some(m), Ok(y)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        };
        date.map(Some)
            .ok_or_else(|| format!("{label} must be a real date"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn day_month_year_in_that_order_whatever_the_locale() {
        assert_eq!(
            parts("12", "1", "2027").parse("Start date"),
            Ok(Some(d(2027, 1, 12)))
        );
        assert_eq!(
            parts(" 01 ", "12", "2026").parse("Start date"),
            Ok(Some(d(2026, 12, 1)))
        );
        assert_eq!(
            parts("12", "January", "2027").parse("Start date"),
            Ok(Some(d(2027, 1, 12)))
        );
        assert_eq!(
            parts("12", "jan", "2027").parse("Start date"),
            Ok(Some(d(2027, 1, 12)))
        );
        assert_eq!(parts("", "", " ").parse("Start date"), Ok(None));
    }

    #[test]
    fn each_problem_has_the_design_systems_message() {
        assert_eq!(
            parts("12", "", "2027").parse("Start date"),
            Err("Start date must include a month".into())
        );
        assert_eq!(
            parts("", "", "2027").parse("Start date"),
            Err("Start date must include a day and month".into())
        );
        assert_eq!(
            parts("12", "1", "27").parse("Start date"),
            Err("Year must include 4 numbers".into())
        );
        for (day, month) in [
            ("31", "2"),
            ("0", "1"),
            ("12", "13"),
            ("x", "1"),
            ("12", "ju"),
        ] {
            assert_eq!(
                parts(day, month, "2027").parse("Start date"),
                Err("Start date must be a real date".into()),
                "{day}/{month}"
            );
        }
    }

    #[test]
    fn only_the_boxes_at_fault_are_marked() {
        let marked = |day: &str, month: &str, year: &str| {
            DateParts::boxes_in_error(&parts(day, month, year).parse("Start date").unwrap_err())
        };
        assert_eq!(marked("12", "", "2027"), [false, true, false]);
        assert_eq!(marked("", "", "2027"), [true, true, false]);
        assert_eq!(marked("12", "1", ""), [false, false, true]);
        assert_eq!(marked("12", "1", "27"), [false, false, true]);
        assert_eq!(marked("12", "1", "1026"), [false, false, true]);
        // the date as a whole: all three
        assert_eq!(marked("31", "2", "2027"), [true, true, true]);
        // a rule of the page about the whole date ("must be after …")
        assert_eq!(
            DateParts::boxes_in_error("Closing date must be after the opening date"),
            [true, true, true]
        );
    }

    #[test]
    fn a_year_outside_this_century_is_refused() {
        assert_eq!(
            parts("12", "1", "1026").parse("Start date"),
            Err("Start date must be in the years 2000 to 2099".into())
        );
        assert_eq!(
            parts("1", "1", "2099").parse("Start date"),
            Ok(Some(d(2099, 1, 1)))
        );
    }

    #[test]
    fn a_date_goes_back_into_its_boxes() {
        let date = d(2027, 1, 12);
        assert_eq!(DateParts::of(date).parse("x"), Ok(Some(date)));
        assert_eq!(DateParts::of(date), parts("12", "1", "2027"));
    }
}
