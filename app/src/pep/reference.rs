//! A pupil reference: a code the school chooses, never a name. The
//! identifier scanner runs on it, and a reference with no digit in it (a
//! name, initials) is warned about too.

use crate::protection::identifiers::scan;

pub const REFERENCE_HINT: &str =
    "A code your school chooses, such as PEP-07. Never a name, initials, a UPN or a date of birth.";

/// The longest reference kept.
pub const MAX_REFERENCE_CHARS: usize = 20;

/// Why a reference cannot be used, if it cannot: `Err` must be fixed,
/// `Ok(Some)` is a warning the DT may override ("It does not identify
/// anyone"), `Ok(None)` is fine.
pub fn reference_problem(reference: &str, this_year: i32) -> Result<Option<String>, String> {
    let r = reference.trim();
    if r.is_empty() {
        return Err("Enter a pupil reference".into());
    }
    if r.chars().count() > MAX_REFERENCE_CHARS {
        return Err(format!(
            "A pupil reference must be {MAX_REFERENCE_CHARS} characters or fewer"
        ));
    }
    if let Some(found) = scan(r, this_year).first() {
        return Ok(Some(format!(
            "The pupil reference seems to be {} (“{}”). Use a code your school chooses, or tick “It does not identify anyone” to keep it",
            found.kind.label(),
            found.text
        )));
    }
    if !r.chars().any(|c| c.is_ascii_digit()) {
        return Ok(Some(format!(
            "The pupil reference “{r}” looks like a name or initials. Use a code your school chooses, such as PEP-07, or tick “It does not identify anyone” to keep it"
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_pass_names_and_identifiers_are_warned_about() {
        assert_eq!(reference_problem("PEP-07", 2026), Ok(None));
        assert_eq!(reference_problem("LAC 2026/3", 2026), Ok(None));
        assert!(reference_problem("", 2026).is_err());
        assert!(reference_problem("A very long reference indeed", 2026).is_err());
        for name in ["Jayden Smith", "JS", "o'brien"] {
            let w = reference_problem(name, 2026).unwrap().unwrap();
            assert!(w.contains("looks like a name"), "{name}: {w}");
        }
        // A UPN (check letter A) and a date of birth.
        let w = reference_problem("A123456789012", 2026).unwrap().unwrap();
        assert!(w.contains("unique pupil number"), "{w}");
        let w = reference_problem("12/03/2015", 2026).unwrap().unwrap();
        assert!(w.contains("date of birth"), "{w}");
    }
}
