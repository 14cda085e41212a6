//! What the Assessment Board decides about one submission, and the checks on
//! what an assessor writes (the decision's reasons, feedback per domain, a
//! note on a criterion).

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::rubric::Framework;

/// The longest reasons for a decision, in characters.
pub const MAX_REASONS: usize = 4000;
/// The longest feedback on a domain or note on a criterion, in characters.
pub const MAX_FEEDBACK: usize = 6000;

/// How a submission round ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Awarded at this level (a level id of the framework).
    Awarded(String),
    /// Not yet: returned to the school with feedback.
    NotYet,
    /// Opened to the school again before any decision.
    Reopened,
}

impl Outcome {
    /// The stored form: (`awarded` | `not_yet` | `reopened`, the level).
    pub fn as_parts(&self) -> (&'static str, Option<&str>) {
        match self {
            Outcome::Awarded(level) => ("awarded", Some(level)),
            Outcome::NotYet => ("not_yet", None),
            Outcome::Reopened => ("reopened", None),
        }
    }

    pub fn from_parts(outcome: &str, level: Option<&str>) -> Option<Outcome> {
        match (outcome, level) {
            ("awarded", Some(level)) => Some(Outcome::Awarded(level.to_string())),
            ("not_yet", _) => Some(Outcome::NotYet),
            ("reopened", _) => Some(Outcome::Reopened),
            _ => None,
        }
    }

    /// The radio button's value: a level id or `not_yet`.
    pub fn choice(&self) -> &str {
        match self {
            Outcome::Awarded(level) => level,
            Outcome::NotYet | Outcome::Reopened => "not_yet",
        }
    }

    /// "Silver awarded", "Not yet awarded", "Reopened without a decision".
    pub fn label(&self, framework: &Framework) -> String {
        match self {
            Outcome::Awarded(level) => format!("{} awarded", framework.standard_label(Some(level))),
            Outcome::NotYet => "Not yet awarded".into(),
            Outcome::Reopened => "Opened again before a decision".into(),
        }
    }

    /// A decision the board made (not a reopening).
    pub fn is_decision(&self) -> bool {
        !matches!(self, Outcome::Reopened)
    }
}

fn too_long(text: &str, most: usize) -> Option<usize> {
    let n = text.chars().count();
    (n > most).then_some(n)
}

/// Checks a decision as the form sends it: `choice` is a level id of the
/// framework or `not_yet`; the reasons are required.
pub fn check_decision(
    framework: &Framework,
    choice: &str,
    reasons: &str,
) -> Result<(Outcome, String), Vec<FieldError>> {
    let mut problems = Vec::new();
    let outcome = match choice.trim() {
        "" => {
            problems.push(FieldError::new("outcome", "Choose the board's decision"));
            None
        }
        "not_yet" => Some(Outcome::NotYet),
        level => match framework.level(level) {
            Some(l) => Some(Outcome::Awarded(l.id.clone())),
            None => {
                problems.push(FieldError::new(
                    "outcome",
                    "Choose a decision from the list",
                ));
                None
            }
        },
    };
    let reasons = reasons.replace("\r\n", "\n").trim().to_string();
    if reasons.is_empty() {
        problems.push(FieldError::new(
            "reasons",
            "Enter the reasons for the decision; the school reads them",
        ));
    } else if let Some(n) = too_long(&reasons, MAX_REASONS) {
        problems.push(FieldError::new(
            "reasons",
            format!("The reasons must be {MAX_REASONS} characters or fewer (they have {n})"),
        ));
    }
    match outcome {
        Some(outcome) if problems.is_empty() => Ok((outcome, reasons)),
        _ => Err(problems),
    }
}

/// Where a piece of feedback belongs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedbackPlace {
    Domain(u32),
    Criterion(String),
}

impl FeedbackPlace {
    pub fn key(&self) -> String {
        match self {
            FeedbackPlace::Domain(n) => format!("domain:{n}"),
            FeedbackPlace::Criterion(id) => format!("criterion:{id}"),
        }
    }

    /// A stored or posted key, if it names a place in the framework.
    pub fn parse(framework: &Framework, key: &str) -> Option<FeedbackPlace> {
        let (kind, rest) = key.split_once(':')?;
        match kind {
            "domain" => rest
                .parse::<u32>()
                .ok()
                .filter(|n| framework.domain(*n).is_some())
                .map(FeedbackPlace::Domain),
            "criterion" => framework
                .criterion(rest)
                .map(|(_, c)| FeedbackPlace::Criterion(c.id.clone())),
            _ => None,
        }
    }

    /// The domain it belongs to.
    pub fn domain(&self, framework: &Framework) -> Option<u32> {
        match self {
            FeedbackPlace::Domain(n) => Some(*n),
            FeedbackPlace::Criterion(id) => framework.criterion(id).map(|(d, _)| d.number),
        }
    }
}

/// Checks one piece of feedback; `field` is the form field it came from.
pub fn check_feedback(field: &str, text: &str) -> Result<String, FieldError> {
    let text = text.replace("\r\n", "\n");
    let trimmed = text.trim_end().to_string();
    match too_long(&trimmed, MAX_FEEDBACK) {
        Some(n) => Err(FieldError::new(
            field,
            format!("Feedback must be {MAX_FEEDBACK} characters or fewer (it has {n})"),
        )),
        None => Ok(trimmed),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn framework() -> std::sync::Arc<Framework> {
        crate::rubric::Catalog::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"),
        )
        .unwrap()
        .get("caring2learn")
        .unwrap()
    }

    #[test]
    fn a_decision_names_a_level_or_not_yet_and_gives_reasons() {
        let fw = framework();
        assert_eq!(
            check_decision(&fw, "silver", "  Strong practice.\r\nWell evidenced. ").unwrap(),
            (
                Outcome::Awarded("silver".into()),
                "Strong practice.\nWell evidenced.".into()
            )
        );
        assert_eq!(
            check_decision(&fw, "not_yet", "More evidence in domain 3.")
                .unwrap()
                .0,
            Outcome::NotYet
        );
        let fields = |r: Result<(Outcome, String), Vec<FieldError>>| -> Vec<String> {
            r.unwrap_err().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(check_decision(&fw, "", "")), ["outcome", "reasons"]);
        assert_eq!(fields(check_decision(&fw, "platinum", "x")), ["outcome"]);
        assert_eq!(fields(check_decision(&fw, "gold", "   ")), ["reasons"]);
        let long = "a".repeat(MAX_REASONS + 1);
        assert_eq!(fields(check_decision(&fw, "gold", &long)), ["reasons"]);
        // a reopening is not something the board chooses
        assert_eq!(fields(check_decision(&fw, "reopened", "x")), ["outcome"]);
    }

    #[test]
    fn outcomes_round_trip_through_storage() {
        for o in [
            Outcome::Awarded("gold".into()),
            Outcome::NotYet,
            Outcome::Reopened,
        ] {
            let (kind, level) = o.as_parts();
            assert_eq!(Outcome::from_parts(kind, level), Some(o.clone()));
        }
        assert_eq!(Outcome::from_parts("awarded", None), None);
        assert_eq!(Outcome::from_parts("maybe", None), None);
        let fw = framework();
        assert_eq!(
            Outcome::Awarded("silver".into()).label(&fw),
            "Silver awarded"
        );
        assert_eq!(Outcome::NotYet.label(&fw), "Not yet awarded");
    }

    #[test]
    fn feedback_places_name_the_framework() {
        let fw = framework();
        assert_eq!(
            FeedbackPlace::parse(&fw, "domain:3"),
            Some(FeedbackPlace::Domain(3))
        );
        assert_eq!(
            FeedbackPlace::parse(&fw, "criterion:2.5"),
            Some(FeedbackPlace::Criterion("2.5".into()))
        );
        assert_eq!(FeedbackPlace::parse(&fw, "domain:9"), None);
        assert_eq!(FeedbackPlace::parse(&fw, "criterion:9.9"), None);
        assert_eq!(FeedbackPlace::parse(&fw, "domain"), None);
        assert_eq!(FeedbackPlace::parse(&fw, "school:1"), None);
        assert_eq!(FeedbackPlace::Criterion("2.5".into()).domain(&fw), Some(2));
        assert_eq!(FeedbackPlace::Domain(4).key(), "domain:4");
    }

    #[test]
    fn feedback_is_limited_and_keeps_its_lines() {
        assert_eq!(
            check_feedback("f", "Good.\r\n- more\n\n").unwrap(),
            "Good.\n- more"
        );
        assert!(check_feedback("f", "").unwrap().is_empty());
        let e = check_feedback("domain-2", &"x".repeat(MAX_FEEDBACK + 1)).unwrap_err();
        assert_eq!(e.field, "domain-2");
    }
}
