//! Dates and times in words, as GOV.UK writes them: "3 May 2026",
//! "3 Nov 2026" where a table is tight, "14:05". Written out rather than
//! through chrono's `format`, whose strftime engine would otherwise be
//! compiled into the browser bundle of every page that shows a date.

use chrono::{Datelike, Timelike};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "3 May 2026".
pub fn long_date(d: &impl Datelike) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "3 Sep 2026": the month's first three letters, for tables.
pub fn short_date(d: &impl Datelike) -> String {
    let month = &MONTHS[d.month0() as usize][..3];
    format!("{} {month} {}", d.day(), d.year())
}

/// A month's number from its English name or the name's first three or
/// more letters ("Jan", "sept"), any case.
pub fn month_from_name(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| {
            word.len() >= 3 && m.len() >= word.len() && m[..word.len()].eq_ignore_ascii_case(word)
        })
        .map(|i| i as u32 + 1)
}

/// "09:05", on the 24-hour clock.
pub fn clock(t: &impl Timelike) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn dates_read_as_words_and_match_strftime() {
        let mut d = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        while d.year() == 2024 {
            assert_eq!(long_date(&d), d.format("%-d %B %Y").to_string());
            assert_eq!(short_date(&d), d.format("%-d %b %Y").to_string());
            d = d.succ_opt().unwrap();
        }
        assert_eq!(
            long_date(&NaiveDate::from_ymd_opt(2026, 5, 3).unwrap()),
            "3 May 2026"
        );
    }

    #[test]
    fn months_are_read_from_names_and_their_starts() {
        assert_eq!(month_from_name("September"), Some(9));
        assert_eq!(month_from_name("sept"), Some(9));
        assert_eq!(month_from_name("JAN"), Some(1));
        assert_eq!(
            month_from_name("ju"),
            None,
            "too short to tell June from July"
        );
        assert_eq!(month_from_name("Septembers"), None);
        assert_eq!(month_from_name("Ñov"), None);
    }

    #[test]
    fn times_have_two_digit_hours_and_minutes() {
        let t = Utc.with_ymd_and_hms(2026, 11, 30, 9, 5, 59).unwrap();
        assert_eq!(clock(&t), "09:05");
        let t = Utc.with_ymd_and_hms(2026, 11, 30, 23, 45, 0).unwrap();
        assert_eq!(clock(&t), "23:45");
        assert_eq!(long_date(&t), "30 November 2026");
    }
}
