//! Reading framework files from disk at start. A file that does not parse or
//! does not validate stops the server with a message naming the file and place.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::model::{Framework, FrameworkSummary};
use super::validate::{FrameworkError, validate};

/// The frameworks this server offers, in file-name order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    frameworks: Vec<Arc<Framework>>,
}

#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    Invalid {
        path: PathBuf,
        problems: Vec<FrameworkError>,
    },
    DuplicateId {
        path: PathBuf,
        id: String,
    },
    Empty {
        dir: PathBuf,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => write!(f, "{}: cannot read: {error}", path.display()),
            LoadError::Parse {
                path,
                line,
                column,
                message,
            } => {
                write!(f, "{}:{line}:{column}: {message}", path.display())
            }
            LoadError::Invalid { path, problems } => {
                write!(f, "{}: {} problem(s):", path.display(), problems.len())?;
                for problem in problems {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
            LoadError::DuplicateId { path, id } => write!(
                f,
                "{}: framework id `{id}` is already used by another file",
                path.display()
            ),
            LoadError::Empty { dir } => {
                write!(f, "{}: no framework files (*.toml) found", dir.display())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// 1-based line and column of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses and validates one framework file's text; `path` only names it in errors.
pub fn parse(path: &Path, text: &str) -> Result<Framework, LoadError> {
    let framework: Framework = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_column(text, s.start))
            .unwrap_or((1, 1));
        LoadError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    validate(&framework).map_err(|problems| LoadError::Invalid {
        path: path.to_path_buf(),
        problems,
    })?;
    Ok(framework)
}

impl Catalog {
    /// Loads every `*.toml` in `dir`.
    pub fn load_dir(dir: &Path) -> Result<Self, LoadError> {
        let entries = std::fs::read_dir(dir).map_err(|error| LoadError::Io {
            path: dir.to_path_buf(),
            error,
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(LoadError::Empty {
                dir: dir.to_path_buf(),
            });
        }
        let mut catalog = Catalog::default();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|error| LoadError::Io {
                path: path.clone(),
                error,
            })?;
            let framework = parse(&path, &text)?;
            if catalog.get(&framework.id).is_some() {
                return Err(LoadError::DuplicateId {
                    path,
                    id: framework.id,
                });
            }
            catalog.frameworks.push(Arc::new(framework));
        }
        Ok(catalog)
    }

    pub fn from_frameworks(frameworks: Vec<Framework>) -> Self {
        Catalog {
            frameworks: frameworks.into_iter().map(Arc::new).collect(),
        }
    }

    pub fn get(&self, id: &str) -> Option<Arc<Framework>> {
        self.frameworks.iter().find(|f| f.id == id).cloned()
    }

    pub fn summaries(&self) -> Vec<FrameworkSummary> {
        self.frameworks.iter().map(|f| f.as_ref().into()).collect()
    }

    /// The frameworks the award team assesses (those with award terms).
    pub fn award_ids(&self) -> Vec<String> {
        self.frameworks
            .iter()
            .filter(|f| f.award.is_some())
            .map(|f| f.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks")
    }

    fn caring2learn_text() -> String {
        std::fs::read_to_string(shipped_dir().join("caring2learn.toml")).unwrap()
    }

    #[test]
    fn shipped_frameworks_load() {
        let catalog = Catalog::load_dir(&shipped_dir()).expect("shipped frameworks are valid");
        assert!(catalog.get("caring2learn").is_some());
        assert!(catalog.get("dt-expectations").is_some());
    }

    #[test]
    fn previous_and_next_run_across_domains() {
        use super::super::model::Criterion;
        let catalog = Catalog::load_dir(&shipped_dir()).unwrap();
        let fw = catalog.get("caring2learn").unwrap();
        let ids = |(p, n): (Option<&Criterion>, Option<&Criterion>)| {
            (p.map(|c| c.id.clone()), n.map(|c| c.id.clone()))
        };
        assert_eq!(ids(fw.neighbours("1.1")), (None, Some("1.2".into())));
        assert_eq!(
            ids(fw.neighbours("1.9")),
            (Some("1.8".into()), Some("2.1".into()))
        );
        assert_eq!(ids(fw.neighbours("4.8")), (Some("4.7".into()), None));
        assert_eq!(ids(fw.neighbours("9.9")), (None, None));
    }

    #[test]
    fn caring2learn_has_the_toolkits_shape() {
        let fw = Catalog::load_dir(&shipped_dir())
            .unwrap()
            .get("caring2learn")
            .unwrap();
        let counts: Vec<usize> = fw.domains.iter().map(|d| d.criteria.len()).collect();
        assert_eq!(counts, vec![9, 8, 5, 8]);
        assert_eq!(fw.criterion_count(), 30);
        let levels: Vec<&str> = fw.levels.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(levels, ["Bronze", "Silver", "Gold"]);
        let award = fw
            .award
            .clone()
            .expect("the award framework has award terms");
        assert_eq!(
            (
                award.target_months,
                award.renewal_years,
                award.renewal_notice_months
            ),
            (12, 3, 6)
        );
        let ids: Vec<&str> = fw.criteria().map(|(_, c)| c.id.as_str()).collect();
        let expected: Vec<String> = [(1, 9), (2, 8), (3, 5), (4, 8)]
            .iter()
            .flat_map(|&(d, n)| (1..=n).map(move |i| format!("{d}.{i}")))
            .collect();
        assert_eq!(ids, expected);
        for (_, c) in fw.criteria() {
            for level in ["bronze", "silver", "gold"] {
                assert!(!c.descriptor(level).is_empty(), "{} lacks {level}", c.id);
            }
        }
        let titles: Vec<&str> = fw.domains.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Ethos and Leadership",
                "A Child Centred Approach",
                "Working Together with Carers",
                "Working Together with Professionals and Other Agencies"
            ]
        );
        assert!(fw.domains.iter().all(|d| d.quotes.len() == 2));
    }

    #[test]
    fn caring2learn_text_is_the_toolkits() {
        let fw = Catalog::load_dir(&shipped_dir())
            .unwrap()
            .get("caring2learn")
            .unwrap();
        let (_, c) = fw.criterion("2.5").unwrap();
        assert_eq!(
            c.statement,
            "assess, plan for and actively address the emotional and well-being needs of all children"
        );
        assert_eq!(
            c.descriptor("gold"),
            [
                "We use standardised assessment tools across the setting to regularly measure well-being and plan for interventions based on our assessments. E.g. SDQ, Boxhall, Scaling.",
                "We provide specific interventions to support wellbeing e.g. Solution Focussed Coaching, Evolve Together Groups etc.",
                "There is access to counselling from a trained person either on site or sign-posted provision."
            ]
        );
        let (_, c) = fw.criterion("1.6").unwrap();
        assert_eq!(c.descriptor("bronze").len(), 3);
        assert_eq!(
            c.descriptor("bronze")[2],
            "Visitors, carers and children enjoy a warm and friendly welcome."
        );
        let (_, c) = fw.criterion("4.6").unwrap();
        assert!(c.descriptor("bronze")[1].contains("Designated Teacher for LAC & Post LAC"));
        assert_eq!(fw.evidence.per_domain_guideline, 5);
    }

    #[test]
    fn dt_expectations_is_a_three_level_self_audit() {
        let fw = Catalog::load_dir(&shipped_dir())
            .unwrap()
            .get("dt-expectations")
            .unwrap();
        let mut labels = vec![fw.not_met_label.as_str()];
        labels.extend(fw.levels.iter().map(|l| l.label.as_str()));
        assert_eq!(labels, ["Not yet", "Partly", "In place"]);
        assert_eq!(fw.criterion_count(), 19);
        assert!(
            fw.award.is_none(),
            "a self-audit is not sent to the award team"
        );
        assert!(
            fw.criteria().any(|(_, c)| c.statement
                == "Finalises the ePEP within 5 school days of the PEP meeting.")
        );
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let text = caring2learn_text().replacen("version = \"1\"", "version = ", 1);
        let err = parse(Path::new("frameworks/broken.toml"), &text).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with("frameworks/broken.toml:7:"),
            "{message}"
        );
    }

    #[test]
    fn an_unknown_field_is_refused_with_its_place() {
        let text = caring2learn_text().replacen("id = \"practice\"", "id = \"practise\"", 1);
        let message = parse(Path::new("x.toml"), &text).unwrap_err().to_string();
        assert!(message.starts_with("x.toml:"), "{message}");
        assert!(message.contains("practise"), "{message}");
    }

    #[test]
    fn a_missing_level_descriptor_is_refused_naming_the_criterion() {
        let mut fw = parse(Path::new("c.toml"), &caring2learn_text()).unwrap();
        fw.domains[1].criteria[4].descriptors.remove("gold");
        let text = toml::to_string(&fw).unwrap();
        let message = parse(Path::new("frameworks/c.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("frameworks/c.toml")
                && message.contains("domains[1].criteria[4] (2.5): no descriptor for level `gold`"),
            "{message}"
        );
    }

    #[test]
    fn duplicate_and_misnumbered_criteria_are_refused() {
        let mut fw = parse(Path::new("c.toml"), &caring2learn_text()).unwrap();
        fw.domains[0].criteria[2].id = "1.2".into();
        let problems = validate(&fw).unwrap_err();
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|p| p.contains("criterion id `1.2` is used twice")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|p| p.contains("should be `1.3`")),
            "{text:?}"
        );
    }

    #[test]
    fn unknown_and_duplicate_levels_are_refused() {
        let mut fw = parse(Path::new("c.toml"), &caring2learn_text()).unwrap();
        fw.domains[3].criteria[0]
            .descriptors
            .insert("platinum".into(), vec!["Shiny.".into()]);
        fw.levels[2].id = "silver".into();
        let text: Vec<String> = validate(&fw)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            text.iter()
                .any(|p| p == "levels[2]: level id `silver` is used twice"),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|p| p.contains("(4.1): descriptor for unknown level `platinum`")),
            "{text:?}"
        );
    }

    #[test]
    fn award_terms_out_of_range_are_refused_with_their_place() {
        let mut fw = parse(Path::new("c.toml"), &caring2learn_text()).unwrap();
        if let Some(award) = fw.award.as_mut() {
            award.renewal_years = 0;
        }
        let text: Vec<String> = validate(&fw)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            text,
            ["award.renewal_years: must be between 1 and 10 (it is 0)"]
        );
    }

    #[test]
    fn a_directory_with_a_bad_file_stops_loading() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), caring2learn_text()).unwrap();
        std::fs::write(dir.path().join("b.toml"), caring2learn_text()).unwrap();
        let err = Catalog::load_dir(dir.path()).unwrap_err();
        assert!(matches!(err, LoadError::DuplicateId { .. }), "{err}");
        assert!(err.to_string().contains("b.toml"));
    }
}
