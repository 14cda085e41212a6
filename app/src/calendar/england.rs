//! The date in England for an instant, by the time-zone database (jiff, with
//! its own bundled copy, so a server without one gives the same answer).

use chrono::{DateTime, NaiveDate, Utc};
use jiff::Timestamp;
use jiff::tz::TimeZone;

const ENGLAND: &str = "Europe/London";

/// The calendar date in England at `instant`.
pub fn england_date(instant: DateTime<Utc>) -> NaiveDate {
    let fallback = instant.date_naive();
    let Ok(zone) = TimeZone::get(ENGLAND) else {
        // The database is compiled in; this cannot happen short of a broken build.
        tracing::error!("no time zone {ENGLAND}; using UTC");
        return fallback;
    };
    let Ok(stamp) = Timestamp::new(instant.timestamp(), instant.timestamp_subsec_nanos() as i32)
    else {
        return fallback;
    };
    let date = stamp.to_zoned_datetime(zone).date();
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        date.month() as u32,
        date.day() as u32,
    )
    .unwrap_or(fallback)
}

/// "30 November 2026, 10:15": a moment as a clock in England shows it.
pub fn england_time(instant: DateTime<Utc>) -> String {
    let Ok(zone) = TimeZone::get(ENGLAND) else {
        return instant.format("%-d %B %Y, %H:%M UTC").to_string();
    };
    match Timestamp::new(instant.timestamp(), 0) {
        Ok(stamp) => stamp
            .to_zoned_datetime(zone)
            .strftime("%-d %B %Y, %H:%M")
            .to_string(),
        Err(_) => instant.format("%-d %B %Y, %H:%M UTC").to_string(),
    }
}

/// Today in England.
pub fn today() -> NaiveDate {
    england_date(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn summer_midnight_to_one_is_already_tomorrow_in_england() {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        assert_eq!(england_date(at(2026, 6, 30, 23, 30)), date(2026, 7, 1));
        assert_eq!(england_date(at(2026, 6, 30, 22, 59)), date(2026, 6, 30));
    }

    #[test]
    fn times_read_as_a_clock_in_england_shows_them() {
        assert_eq!(england_time(at(2026, 7, 1, 9, 5)), "1 July 2026, 10:05");
        assert_eq!(
            england_time(at(2026, 12, 1, 9, 5)),
            "1 December 2026, 09:05"
        );
    }

    #[test]
    fn winter_is_utc() {
        assert_eq!(england_date(at(2026, 12, 31, 23, 59)), date(2026, 12, 31));
        assert_eq!(england_date(at(2027, 1, 1, 0, 0)), date(2027, 1, 1));
    }

    #[test]
    fn clocks_change_on_the_last_sundays() {
        // BST starts at 01:00 UTC on 29 March 2026 and ends at 01:00 UTC on 25 October.
        assert_eq!(england_date(at(2026, 3, 28, 23, 30)), date(2026, 3, 28));
        assert_eq!(england_date(at(2026, 3, 29, 23, 30)), date(2026, 3, 30));
        assert_eq!(england_date(at(2026, 10, 24, 23, 30)), date(2026, 10, 25));
        assert_eq!(england_date(at(2026, 10, 25, 23, 30)), date(2026, 10, 25));
    }
}
