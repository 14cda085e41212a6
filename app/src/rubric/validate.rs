use std::collections::HashSet;
use std::fmt;

use super::model::Framework;

/// One problem in a framework, with the place it was found
/// (`domains[2].criteria[4] (2.5)`), so an author can go straight to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameworkError {
    pub place: String,
    pub message: String,
}

impl fmt::Display for FrameworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

struct Problems(Vec<FrameworkError>);

impl Problems {
    fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.0.push(FrameworkError {
            place: place.into(),
            message: message.into(),
        });
    }

    fn require_text(&mut self, place: &str, name: &str, value: &str) {
        if value.trim().is_empty() {
            self.add(place, format!("`{name}` must not be empty"));
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Checks everything the types cannot: unique ids, a descriptor for every level,
/// only known levels, criteria numbered within their domain. Returns every problem
/// found, not only the first.
pub fn validate(fw: &Framework) -> Result<(), Vec<FrameworkError>> {
    let mut p = Problems(Vec::new());

    if !is_slug(&fw.id) {
        p.add(
            "id",
            format!(
                "`{}` is not a valid id (use lower-case letters, digits, - or _)",
                fw.id
            ),
        );
    }
    p.require_text("", "title", &fw.title);
    p.require_text("", "version", &fw.version);
    p.require_text("", "not_met_label", &fw.not_met_label);

    if fw.levels.is_empty() {
        p.add("levels", "a framework needs at least one level");
    }
    let mut level_ids = HashSet::new();
    for (i, level) in fw.levels.iter().enumerate() {
        let place = format!("levels[{i}]");
        if !is_slug(&level.id) {
            p.add(&place, format!("`{}` is not a valid level id", level.id));
        }
        if level.id == "not_yet" {
            p.add(
                &place,
                "`not_yet` is reserved for criteria that meet no level",
            );
        }
        if !level_ids.insert(level.id.as_str()) {
            p.add(&place, format!("level id `{}` is used twice", level.id));
        }
        p.require_text(&place, "label", &level.label);
    }

    let mut kinds = HashSet::new();
    for (i, field) in fw.completion_fields.iter().enumerate() {
        let place = format!("completion_fields[{i}]");
        if !kinds.insert(field.id) {
            p.add(
                &place,
                format!("field `{}` is listed twice", field.id.as_str()),
            );
        }
        p.require_text(&place, "label", &field.label);
        if field.max_chars == 0 || field.max_chars > 50_000 {
            p.add(&place, "`max_chars` must be between 1 and 50000");
        }
    }
    if fw.evidence.per_domain_guideline == 0 {
        p.add("evidence", "`per_domain_guideline` must be at least 1");
    }

    if fw.domains.is_empty() {
        p.add("domains", "a framework needs at least one domain");
    }
    let mut criterion_ids = HashSet::new();
    for (di, domain) in fw.domains.iter().enumerate() {
        let dplace = format!("domains[{di}]");
        let expected = di as u32 + 1;
        if domain.number != expected {
            p.add(
                &dplace,
                format!(
                    "domain number is {} but domains must be numbered 1, 2, 3… in order (expected {expected})",
                    domain.number
                ),
            );
        }
        p.require_text(&dplace, "title", &domain.title);
        if domain.criteria.is_empty() {
            p.add(&dplace, "a domain needs at least one criterion");
        }
        for (ci, criterion) in domain.criteria.iter().enumerate() {
            let cplace = format!("{dplace}.criteria[{ci}] ({})", criterion.id);
            let expected_id = format!("{}.{}", domain.number, ci + 1);
            if criterion.id != expected_id {
                p.add(
                    &cplace,
                    format!(
                        "criterion id is `{}` but should be `{expected_id}` (domain number, dot, place in the domain)",
                        criterion.id
                    ),
                );
            }
            if !criterion_ids.insert(criterion.id.as_str()) {
                p.add(
                    &cplace,
                    format!("criterion id `{}` is used twice", criterion.id),
                );
            }
            p.require_text(&cplace, "statement", &criterion.statement);

            for level in criterion.descriptors.keys() {
                if !level_ids.contains(level.as_str()) {
                    p.add(&cplace, format!("descriptor for unknown level `{level}`"));
                }
            }
            if fw.criterion_descriptors {
                for level in &fw.levels {
                    match criterion.descriptors.get(&level.id) {
                        None => p.add(&cplace, format!("no descriptor for level `{}`", level.id)),
                        Some(examples) if examples.is_empty() => p.add(
                            &cplace,
                            format!(
                                "the descriptor for level `{}` has no practice examples",
                                level.id
                            ),
                        ),
                        Some(examples) => {
                            if examples.iter().any(|e| e.trim().is_empty()) {
                                p.add(
                                    &cplace,
                                    format!(
                                        "the descriptor for level `{}` has an empty practice example",
                                        level.id
                                    ),
                                );
                            }
                        }
                    }
                }
            } else if !criterion.descriptors.is_empty() {
                p.add(
                    &cplace,
                    "this framework says `criterion_descriptors = false`, so criteria carry no descriptors",
                );
            }
        }
    }

    if let Some(award) = &fw.award {
        for (name, value, most) in [
            ("target_months", award.target_months, 60),
            ("renewal_years", award.renewal_years, 10),
            ("renewal_notice_months", award.renewal_notice_months, 24),
        ] {
            if value == 0 || value > most {
                p.add(
                    format!("award.{name}"),
                    format!("must be between 1 and {most} (it is {value})"),
                );
            }
        }
    }

    if p.0.is_empty() { Ok(()) } else { Err(p.0) }
}
