//! An authority's term dates file (`calendars/terms/*.toml`), read and
//! checked: every mistake is reported with its line and column.

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::school_days::{SchoolYear, Term, school_year_label, school_year_of};

/// One authority's term dates, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermDates {
    pub id: String,
    pub title: String,
    /// The authorities (as named in the product) whose schools follow them.
    pub authorities: Vec<String>,
    pub years: Vec<SchoolYear>,
}

/// A mistake and where it is (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mistake {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    id: Spanned<String>,
    title: Spanned<String>,
    authorities: Spanned<Vec<String>>,
    years: Vec<YearIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearIn {
    year: Spanned<String>,
    terms: Vec<TermIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermIn {
    name: Spanned<String>,
    first: Spanned<String>,
    last: Spanned<String>,
}

impl TermDates {
    pub fn parse(text: &str) -> Result<TermDates, Mistake> {
        let at = |offset: usize, message: String| {
            let (line, column) = crate::rubric::line_column(text, offset);
            Mistake {
                line,
                column,
                message,
            }
        };
        let file: File = toml::from_str(text).map_err(|e| {
            at(
                e.span().map_or(0, |s| s.start),
                e.message().trim().to_string(),
            )
        })?;
        let id = file.id.get_ref().trim();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(at(
                file.id.span().start,
                "`id` must be lower-case letters, digits and hyphens".into(),
            ));
        }
        if file.title.get_ref().trim().is_empty() {
            return Err(at(
                file.title.span().start,
                "`title` must not be empty".into(),
            ));
        }
        if file
            .authorities
            .get_ref()
            .iter()
            .all(|a| a.trim().is_empty())
        {
            return Err(at(
                file.authorities.span().start,
                "`authorities` must name at least one authority".into(),
            ));
        }
        let date = |value: &Spanned<String>, what: &str| {
            NaiveDate::parse_from_str(value.get_ref().trim(), "%Y-%m-%d").map_err(|_| {
                at(
                    value.span().start,
                    format!("{what} “{}” is not a date as YYYY-MM-DD", value.get_ref()),
                )
            })
        };
        let mut years: Vec<SchoolYear> = Vec::new();
        for year in &file.years {
            let label = year.year.get_ref().trim();
            let starts = label
                .split_once('/')
                .and_then(|(a, _)| a.parse::<i32>().ok())
                .filter(|s| school_year_label(*s) == label)
                .ok_or_else(|| {
                    at(
                        year.year.span().start,
                        format!("`year` “{label}” must be a school year such as 2026/27"),
                    )
                })?;
            if years.iter().any(|y| y.starts == starts) {
                return Err(at(
                    year.year.span().start,
                    format!("the school year {label} is given twice"),
                ));
            }
            if year.terms.is_empty() {
                return Err(at(
                    year.year.span().start,
                    format!("the school year {label} has no terms"),
                ));
            }
            let mut terms: Vec<Term> = Vec::new();
            for term in &year.terms {
                let name = term.name.get_ref().trim().to_string();
                if name.is_empty() {
                    return Err(at(
                        term.name.span().start,
                        "a term's `name` is empty".into(),
                    ));
                }
                let first = date(&term.first, "`first`")?;
                let last = date(&term.last, "`last`")?;
                if last < first {
                    return Err(at(
                        term.last.span().start,
                        format!("“{name}” ends ({last}) before it starts ({first})"),
                    ));
                }
                if school_year_of(first) != starts || school_year_of(last) != starts {
                    return Err(at(
                        term.first.span().start,
                        format!(
                            "“{name}” ({first} to {last}) is not within the school year {label} (1 September to 31 August)"
                        ),
                    ));
                }
                if let Some(before) = terms.last()
                    && first <= before.last
                {
                    return Err(at(
                        term.first.span().start,
                        format!(
                            "“{name}” starts ({first}) before “{}” ends ({}): list terms in order, without overlap",
                            before.name, before.last
                        ),
                    ));
                }
                terms.push(Term { name, first, last });
            }
            years.push(SchoolYear { starts, terms });
        }
        years.sort_by_key(|y| y.starts);
        Ok(TermDates {
            id: id.to_string(),
            title: file.title.get_ref().trim().to_string(),
            authorities: file
                .authorities
                .into_inner()
                .into_iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            years,
        })
    }

    /// Whether an authority (by its name in the product) follows these dates.
    pub fn serves(&self, authority_name: &str) -> bool {
        self.authorities
            .iter()
            .any(|a| a.eq_ignore_ascii_case(authority_name.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../../calendars/terms/lincolnshire.toml");

    #[test]
    fn the_shipped_lincolnshire_dates_read() {
        let t = TermDates::parse(SHIPPED).unwrap();
        assert_eq!(t.id, "lincolnshire");
        assert!(t.serves("Lincolnshire County Council"));
        assert!(t.serves("lincolnshire (demo)"));
        assert!(!t.serves("North Lincolnshire"));
        let first = &t.years[0];
        assert_eq!(first.label(), "2025/26");
        let days: Vec<(String, String)> = first
            .terms
            .iter()
            .map(|t| {
                (
                    t.first.format("%-d %b").to_string(),
                    t.last.format("%-d %b").to_string(),
                )
            })
            .collect();
        // As the council publishes them.
        let expect = [
            ("4 Sep", "23 Oct"),
            ("3 Nov", "19 Dec"),
            ("6 Jan", "13 Feb"),
            ("23 Feb", "2 Apr"),
            ("21 Apr", "22 May"),
            ("1 Jun", "22 Jul"),
        ];
        assert_eq!(
            days,
            expect
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        );
    }

    fn mistake(text: &str) -> Mistake {
        TermDates::parse(text).unwrap_err()
    }

    const HEAD: &str = "id = \"x\"\ntitle = \"X\"\nauthorities = [\"X\"]\n";

    #[test]
    fn mistakes_name_their_line() {
        let m = mistake(&format!(
            "{HEAD}[[years]]\nyear = \"2026/27\"\nterms = [\n  {{ name = \"A\", first = \"2026-09-03\", last = \"2026-13-01\" }},\n]\n"
        ));
        assert_eq!(m.line, 7, "{m:?}");
        assert!(m.message.contains("2026-13-01"), "{m:?}");

        let m = mistake(&format!(
            "{HEAD}[[years]]\nyear = \"2026/27\"\nterms = [\n  {{ name = \"A\", first = \"2026-10-03\", last = \"2026-09-01\" }},\n]\n"
        ));
        assert!(
            m.message.contains("ends (2026-09-01) before it starts"),
            "{m:?}"
        );

        let m = mistake(&format!(
            "{HEAD}[[years]]\nyear = \"2026/28\"\nterms = []\n"
        ));
        assert_eq!(m.line, 5);
        assert!(m.message.contains("2026/27"), "{m:?}");

        let m = mistake(&format!(
            "{HEAD}[[years]]\nyear = \"2026/27\"\nterms = [\n  {{ name = \"A\", first = \"2026-09-03\", last = \"2026-10-23\" }},\n  {{ name = \"B\", first = \"2026-10-20\", last = \"2026-12-18\" }},\n]\n"
        ));
        assert_eq!(m.line, 8);
        assert!(m.message.contains("in order"), "{m:?}");

        let m = mistake(&format!(
            "{HEAD}[[years]]\nyear = \"2026/27\"\nterms = [\n  {{ name = \"A\", first = \"2027-09-03\", last = \"2027-10-23\" }},\n]\n"
        ));
        assert!(
            m.message.contains("not within the school year 2026/27"),
            "{m:?}"
        );

        let m =
            mistake("id = \"x\"\ntitle = \"X\"\nauthorities = [\"X\"]\nyears = []\nholidays = 3\n");
        assert_eq!(m.line, 5, "{m:?}");

        let m = mistake("id = \"Bad Id\"\ntitle = \"X\"\nauthorities = [\"X\"]\nyears = []\n");
        assert_eq!(m.line, 1);
    }
}
