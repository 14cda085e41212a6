//! Reading the calendar files at start (`calendars/`): the bank holidays and
//! every authority's term dates. A mistake stops the server with the file's
//! name, line and column, as the framework files do.

use std::fmt;
use std::path::{Path, PathBuf};

use super::terms::TermDates;
use super::{BankHolidays, Closure, SchoolCalendar};

/// The bank holidays and the term dates this server knows.
#[derive(Clone, Debug, Default)]
pub struct Calendars {
    pub bank_holidays: BankHolidays,
    pub term_dates: Vec<TermDates>,
}

#[derive(Debug)]
pub enum CalendarError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// `line` and `column` are 0 when the message says where itself.
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::Io { path, error } => {
                write!(f, "{}: cannot read: {error}", path.display())
            }
            CalendarError::Invalid {
                path,
                line: 0,
                message,
                ..
            } => write!(f, "{}: {message}", path.display()),
            CalendarError::Invalid {
                path,
                line,
                column,
                message,
            } => write!(f, "{}:{line}:{column}: {message}", path.display()),
        }
    }
}

impl std::error::Error for CalendarError {}

/// The file with GOV.UK's bank holidays, in the calendars folder.
pub const BANK_HOLIDAYS_FILE: &str = "bank-holidays.json";
/// The folder of term date files, in the calendars folder.
pub const TERMS_DIR: &str = "terms";

fn read(path: &Path) -> Result<String, CalendarError> {
    std::fs::read_to_string(path).map_err(|error| CalendarError::Io {
        path: path.to_path_buf(),
        error,
    })
}

impl Calendars {
    /// Loads `dir/bank-holidays.json` and every `dir/terms/*.toml`.
    pub fn load_dir(dir: &Path) -> Result<Calendars, CalendarError> {
        let path = dir.join(BANK_HOLIDAYS_FILE);
        let bank_holidays = BankHolidays::from_govuk_json(&read(&path)?).map_err(|message| {
            CalendarError::Invalid {
                path: path.clone(),
                line: 0,
                column: 0,
                message,
            }
        })?;
        let terms_dir = dir.join(TERMS_DIR);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&terms_dir)
            .map_err(|error| CalendarError::Io {
                path: terms_dir.clone(),
                error,
            })?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        let mut term_dates: Vec<TermDates> = Vec::new();
        for path in paths {
            let dates = TermDates::parse(&read(&path)?).map_err(|m| CalendarError::Invalid {
                path: path.clone(),
                line: m.line,
                column: m.column,
                message: m.message,
            })?;
            let invalid = |message: String| CalendarError::Invalid {
                path: path.clone(),
                line: 0,
                column: 0,
                message,
            };
            if term_dates.iter().any(|t| t.id == dates.id) {
                return Err(invalid(format!(
                    "the id `{}` is already used by another file",
                    dates.id
                )));
            }
            if let Some(name) = dates
                .authorities
                .iter()
                .find(|a| term_dates.iter().any(|t| t.serves(a)))
            {
                return Err(invalid(format!(
                    "the authority “{name}” already has term dates in another file"
                )));
            }
            term_dates.push(dates);
        }
        Ok(Calendars {
            bank_holidays,
            term_dates,
        })
    }

    /// The term dates an authority's schools follow, if this server has them.
    pub fn terms_for(&self, authority_name: &str) -> Option<&TermDates> {
        self.term_dates.iter().find(|t| t.serves(authority_name))
    }

    /// A school's calendar: its authority's terms (if known), the bank
    /// holidays and its own closure days.
    pub fn school_calendar(&self, authority_name: &str, closures: &[Closure]) -> SchoolCalendar {
        let years = self
            .terms_for(authority_name)
            .map(|t| t.years.as_slice())
            .unwrap_or_default();
        SchoolCalendar::new(years, self.bank_holidays.clone(), closures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../calendars")
    }

    #[test]
    fn the_shipped_calendars_load() {
        let c = Calendars::load_dir(&shipped()).unwrap();
        assert!(c.terms_for("Lincolnshire (demo)").is_some());
        assert!(c.terms_for("Rutland").is_none());
    }

    fn folder(bank_holidays: &str, terms: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(BANK_HOLIDAYS_FILE), bank_holidays).unwrap();
        std::fs::create_dir(dir.path().join(TERMS_DIR)).unwrap();
        for (name, text) in terms {
            std::fs::write(dir.path().join(TERMS_DIR).join(name), text).unwrap();
        }
        dir
    }

    const HOLIDAYS: &str = r#"{"england-and-wales":{"events":[]}}"#;

    #[test]
    fn bad_files_give_clear_errors_naming_file_and_line() {
        let dir = folder("{\n\"england-and-wales\": 3\n}", &[]);
        let e = Calendars::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains("bank-holidays.json: line 2"), "{e}");

        let dir = folder(
            HOLIDAYS,
            &[(
                "shire.toml",
                "id = \"shire\"\ntitle = \"Shire\"\nauthorities = [\"Shire\"]\n[[years]]\nyear = \"2026/27\"\nterms = [{ name = \"A\", first = \"2026-09-31\", last = \"2026-10-23\" }]\n",
            )],
        );
        let e = Calendars::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains("shire.toml:6:"), "{e}");
        assert!(e.contains("2026-09-31"), "{e}");

        let file = "id = \"shire\"\ntitle = \"Shire\"\nauthorities = [\"Shire\"]\nyears = []\n";
        let dir = folder(HOLIDAYS, &[("a.toml", file), ("b.toml", file)]);
        let e = Calendars::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains("b.toml: the id `shire`"), "{e}");

        let dir = tempfile::tempdir().unwrap();
        let e = Calendars::load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains("bank-holidays.json: cannot read"), "{e}");
    }
}
