//! The service's words, in one place. One idea has one name: pages, tags,
//! checks and documents draw their wording from here rather than spelling it
//! out again, so "complete", "standard met" or "not chosen yet" read the same
//! on every page.

use crate::rubric::{FieldKind, Framework, Missing};

/// A criterion whose standard met nobody has chosen.
pub const NOT_CHOSEN: &str = "Not chosen yet";
/// The level a portfolio stands at when some criterion is below the lowest.
pub const NO_LEVEL: &str = "Not yet at any level";
/// The choice a criterion is judged against.
pub const STANDARD_MET: &str = "Standard met";
/// The member who writes a criterion.
pub const OWNER: &str = "Owner";
/// Nobody owns a criterion yet.
pub const NO_OWNER: &str = "Nobody yet";
/// Someone whose account has gone.
pub const FORMER_MEMBER: &str = "A former member";
/// The header link to a person's own work.
pub const MY_WORK: &str = "My work";
/// A review comment about the whole criterion, not one field.
pub const WHOLE_CRITERION: &str = "The whole criterion";

/// The cover sheet's words, as the toolkit's cover sheet has them; the
/// overview, the pack, the dashboard's timeline and the governors' report
/// all use these.
pub mod cover {
    pub const SETTING: &str = "Name of education setting";
    pub const HEAD_TEACHER: &str = "Head teacher";
    pub const DESIGNATED_TEACHER: &str = "Designated Teacher for Looked After Children";
    pub const GOVERNOR: &str = "Governor with responsibility for Looked After Children";
    pub const START_DATE: &str = "Start date";
    pub const TARGET_DATE: &str = "Target completion date";
    pub const SUBMISSION_DATE: &str = "Submission date";
    pub const AWARD: &str = "Award achieved";
    pub const RENEWAL_DUE: &str = "Renewal due date";
}

/// A completion field's short name, for lists of what is still to do.
pub fn field_name(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Practice => "current practice",
        FieldKind::Impact => "impact",
        FieldKind::NextSteps => "next steps",
    }
}

/// A part of a criterion as the audit trail names it (`practice`, `status`…).
pub fn changed_field_label(field: &str) -> &'static str {
    match field {
        "practice" => "Current practice",
        "impact" => "Impact on children and young people",
        "next_steps" => "Next steps",
        "standard" => STANDARD_MET,
        "status" => "Status",
        "owner" => OWNER,
        _ => "Other",
    }
}

/// One missing part of a criterion, in words.
pub fn missing_name(m: Missing) -> &'static str {
    match m {
        Missing::Field(kind) => field_name(kind),
        Missing::Standard => "standard met",
    }
}

/// "a", "a and b", "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} and {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// What a criterion still needs, as the task list shows it: "Still to write:
/// impact and next steps; standard met not chosen". Empty when complete.
pub fn still_to_do(missing: &[Missing]) -> String {
    let fields: Vec<&str> = missing
        .iter()
        .filter_map(|m| match m {
            Missing::Field(kind) => Some(field_name(*kind)),
            Missing::Standard => None,
        })
        .collect();
    let standard = missing.contains(&Missing::Standard);
    match (fields.is_empty(), standard) {
        (true, false) => String::new(),
        (true, true) => "Still to choose: standard met".into(),
        (false, false) => format!("Still to write: {}", and_list(&fields)),
        (false, true) => format!(
            "Still to write: {}; still to choose: standard met",
            and_list(&fields)
        ),
    }
}

/// The rule for "complete" in words, shown wherever completion is counted.
/// It is written from the same framework data [`crate::rubric::missing`] reads.
pub fn completion_rule(fw: &Framework) -> String {
    let fields: Vec<&str> = fw
        .completion_fields
        .iter()
        .map(|f| field_name(f.id))
        .collect();
    format!(
        "A criterion is complete when its {} {} written and a standard met is chosen (choosing “{}” counts).",
        and_list(&fields),
        if fields.len() == 1 { "is" } else { "are" },
        fw.not_met_label
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn still_to_do_names_fields_then_the_standard() {
        use FieldKind::*;
        assert_eq!(still_to_do(&[]), "");
        assert_eq!(
            still_to_do(&[Missing::Field(Impact), Missing::Field(NextSteps)]),
            "Still to write: impact and next steps"
        );
        assert_eq!(
            still_to_do(&[Missing::Standard]),
            "Still to choose: standard met"
        );
        assert_eq!(
            still_to_do(&[Missing::Field(Practice), Missing::Standard]),
            "Still to write: current practice; still to choose: standard met"
        );
    }
}
