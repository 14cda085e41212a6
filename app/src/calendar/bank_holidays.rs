//! England and Wales bank holidays: GOV.UK's published list where it has the
//! year, the rules where it does not (years beyond the list).
//!
//! The rules: New Year's Day, Christmas Day and Boxing Day move to the next
//! weekday(s) when they fall at a weekend (the "substitute days"); Good Friday
//! and Easter Monday follow Easter; the early May, spring and summer bank
//! holidays are the first Monday of May and the last Mondays of May and August.
//! One-off changes (a coronation, a jubilee, a moved May Day) only the list
//! knows, which is why the list wins.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BankHolidays {
    /// The listed days and their names.
    listed: BTreeMap<NaiveDate, String>,
    /// The years the list covers (any day listed in them).
    years: BTreeSet<i32>,
}

/// GOV.UK's `bank-holidays.json`: divisions, each with its events.
#[derive(Deserialize)]
struct GovUkFile {
    #[serde(rename = "england-and-wales")]
    england_and_wales: GovUkDivision,
}

#[derive(Deserialize)]
struct GovUkDivision {
    events: Vec<GovUkEvent>,
}

#[derive(Deserialize)]
struct GovUkEvent {
    title: String,
    date: String,
    #[serde(default)]
    notes: String,
}

impl BankHolidays {
    /// Reads GOV.UK's `bank-holidays.json` (its `england-and-wales` part).
    /// The message of an error says where: "line 12, column 5: …".
    pub fn from_govuk_json(text: &str) -> Result<BankHolidays, String> {
        let file: GovUkFile = serde_json::from_str(text)
            .map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
        let mut holidays = BankHolidays::default();
        for (i, event) in file.england_and_wales.events.into_iter().enumerate() {
            let date = NaiveDate::parse_from_str(&event.date, "%Y-%m-%d").map_err(|_| {
                format!(
                    "event {} (“{}”): the date “{}” is not YYYY-MM-DD",
                    i + 1,
                    event.title,
                    event.date
                )
            })?;
            if event.title.trim().is_empty() {
                return Err(format!("event {} ({date}): the title is empty", i + 1));
            }
            let name = if event.notes.trim().is_empty() {
                event.title
            } else {
                format!("{} ({})", event.title, event.notes.trim().to_lowercase())
            };
            if holidays.listed.insert(date, name).is_some() {
                return Err(format!("event {} ({date}) is listed twice", i + 1));
            }
            holidays.years.insert(date.year());
        }
        Ok(holidays)
    }

    /// The days the list gives for years it covers, the rules' otherwise.
    pub fn name_of(&self, date: NaiveDate) -> Option<String> {
        if self.years.contains(&date.year()) {
            self.listed.get(&date).cloned()
        } else {
            by_rule(date.year())
                .into_iter()
                .find(|(d, _)| *d == date)
                .map(|(_, name)| name.to_string())
        }
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        if self.years.contains(&date.year()) {
            self.listed.contains_key(&date)
        } else {
            by_rule(date.year()).iter().any(|(d, _)| *d == date)
        }
    }

    /// Every bank holiday of `year`, in order.
    pub fn in_year(&self, year: i32) -> Vec<(NaiveDate, String)> {
        if self.years.contains(&year) {
            self.listed
                .range(first_of(year)..first_of(year + 1))
                .map(|(d, n)| (*d, n.clone()))
                .collect()
        } else {
            by_rule(year)
                .into_iter()
                .map(|(d, n)| (d, n.to_string()))
                .collect()
        }
    }

    /// The years the published list covers.
    pub fn listed_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }
}

fn first_of(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The bank holidays of `year` by the standing rules, substitute days included.
pub fn by_rule(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let Some(new_year) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Vec::new();
    };
    let mut days: Vec<(NaiveDate, &'static str)> = Vec::new();
    let next_weekday = |mut d: NaiveDate, taken: &[(NaiveDate, &str)]| {
        while weekend(d) || taken.iter().any(|(t, _)| *t == d) {
            d += Duration::days(1);
        }
        d
    };
    days.push(if weekend(new_year) {
        (
            next_weekday(new_year, &days),
            "New Year’s Day (substitute day)",
        )
    } else {
        (new_year, "New Year’s Day")
    });
    if let Ok(easter) = computus::gregorian_naive(year) {
        days.push((easter - Duration::days(2), "Good Friday"));
        days.push((easter + Duration::days(1), "Easter Monday"));
    }
    if let Some(d) = NaiveDate::from_weekday_of_month_opt(year, 5, Weekday::Mon, 1) {
        days.push((d, "Early May bank holiday"));
    }
    if let Some(d) = last_monday(year, 5) {
        days.push((d, "Spring bank holiday"));
    }
    if let Some(d) = last_monday(year, 8) {
        days.push((d, "Summer bank holiday"));
    }
    // Christmas Day and Boxing Day on weekdays first, so a substitute day
    // never lands on either (Christmas on a Sunday: Boxing Day on Monday
    // 26th, Christmas's substitute on Tuesday 27th).
    let christmas = [
        (25, "Christmas Day", "Christmas Day (substitute day)"),
        (26, "Boxing Day", "Boxing Day (substitute day)"),
    ]
    .map(|(day, name, substitute)| (NaiveDate::from_ymd_opt(year, 12, day), name, substitute));
    for (d, name, _) in christmas {
        if let Some(d) = d.filter(|d| !weekend(*d)) {
            days.push((d, name));
        }
    }
    for (d, _, substitute) in christmas {
        if let Some(d) = d.filter(|d| weekend(*d)) {
            days.push((next_weekday(d, &days), substitute));
        }
    }
    days.sort();
    days
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../calendars/bank-holidays.json");

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_rules_give_every_year_of_the_shipped_list() {
        let list = BankHolidays::from_govuk_json(SHIPPED).unwrap();
        let years: Vec<i32> = list.listed_years().collect();
        assert_eq!(years, vec![2025, 2026, 2027, 2028]);
        for year in years {
            let listed: Vec<NaiveDate> = list.in_year(year).into_iter().map(|(d, _)| d).collect();
            let ruled: Vec<NaiveDate> = by_rule(year).into_iter().map(|(d, _)| d).collect();
            assert_eq!(listed, ruled, "{year}");
            assert_eq!(listed.len(), 8, "{year}");
        }
    }

    #[test]
    fn substitute_days_when_christmas_or_new_year_fall_at_a_weekend() {
        let list = BankHolidays::from_govuk_json(SHIPPED).unwrap();
        // Boxing Day 2026 is a Saturday.
        assert!(list.contains(date(2026, 12, 28)));
        assert!(!list.contains(date(2026, 12, 26)));
        // Christmas 2027 is a Saturday, Boxing Day a Sunday.
        assert!(list.contains(date(2027, 12, 27)));
        assert!(list.contains(date(2027, 12, 28)));
        // New Year's Day 2028 is a Saturday.
        assert!(list.contains(date(2028, 1, 3)));
        assert_eq!(
            list.name_of(date(2026, 12, 28)).as_deref(),
            Some("Boxing Day (substitute day)")
        );
    }

    #[test]
    fn years_beyond_the_list_follow_the_rules() {
        let list = BankHolidays::from_govuk_json(SHIPPED).unwrap();
        // 2032: Christmas on a Saturday, Boxing Day a Sunday; Easter 28 March.
        assert!(list.contains(date(2032, 12, 27)));
        assert!(list.contains(date(2032, 12, 28)));
        assert!(list.contains(date(2032, 3, 26)));
        assert!(list.contains(date(2032, 3, 29)));
        // 2033: New Year's Day on a Saturday.
        assert!(list.contains(date(2033, 1, 3)));
        assert!(!list.contains(date(2033, 1, 1)));
        assert_eq!(by_rule(2033).len(), 8);
        // 2033: Christmas on a Sunday, Boxing Day on the Monday, the
        // substitute for Christmas on the Tuesday.
        assert!(list.contains(date(2033, 12, 26)));
        assert!(list.contains(date(2033, 12, 27)));
        assert_eq!(
            list.name_of(date(2033, 12, 27)).as_deref(),
            Some("Christmas Day (substitute day)")
        );
        // Every year for a century: eight days, all different, all weekdays.
        for year in 2025..2125 {
            let days: Vec<NaiveDate> = by_rule(year).into_iter().map(|(d, _)| d).collect();
            let mut unique = days.clone();
            unique.dedup();
            assert_eq!(unique.len(), 8, "{year}: {days:?}");
            assert!(days.iter().all(|d| !weekend(*d)), "{year}");
        }
    }

    #[test]
    fn the_list_wins_where_it_has_a_one_off() {
        // 2023: the coronation (8 May) was a one-off bank holiday.
        let json = r#"{"england-and-wales":{"division":"england-and-wales","events":[
            {"title":"Bank holiday for the coronation of King Charles III","date":"2023-05-08","notes":"","bunting":true}
        ]}}"#;
        let list = BankHolidays::from_govuk_json(json).unwrap();
        assert!(list.contains(date(2023, 5, 8)));
        // The list has 2023, so the rules are not asked for it.
        assert!(!list.contains(date(2023, 12, 25)));
    }

    #[test]
    fn a_bad_file_says_where() {
        let e = BankHolidays::from_govuk_json(
            "{\n  \"england-and-wales\": {\n    \"events\": [,]\n  }\n}",
        )
        .unwrap_err();
        assert!(e.starts_with("line 3, column"), "{e}");
        let e = BankHolidays::from_govuk_json(
            r#"{"england-and-wales":{"events":[{"title":"Good Friday","date":"2026-13-03"}]}}"#,
        )
        .unwrap_err();
        assert!(e.contains("event 1") && e.contains("2026-13-03"), "{e}");
        let e = BankHolidays::from_govuk_json(
            r#"{"england-and-wales":{"events":[{"title":"A","date":"2026-12-25"},{"title":"B","date":"2026-12-25"}]}}"#,
        )
        .unwrap_err();
        assert!(e.contains("listed twice"), "{e}");
    }
}
