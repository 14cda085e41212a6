//! How a portfolio is laid out in its document. Every text field is a
//! root-level `Y.Text` named `"{criterion}/{field}"` (root types are found by
//! name and never clobbered); the choices of a criterion are a root-level
//! `Y.Map` named after the criterion.

use serde::{Deserialize, Serialize};
use yrs::{
    Any, Doc, GetString, Map, OffsetKind, Options, Out, ReadTxn, Text, TransactionMut, WriteTxn,
};

use super::text_diff::diff;
use crate::model::ResponseStatus;
use crate::rubric::FieldKind;

pub const STANDARD: &str = "standard";
pub const STATUS: &str = "status";
pub const OWNER: &str = "owner";

/// A fresh document using UTF-16 offsets, as browsers and Yjs count.
pub fn new_doc() -> Doc {
    Doc::with_options(Options {
        offset_kind: OffsetKind::Utf16,
        ..Options::default()
    })
}

pub fn text_name(criterion: &str, field: FieldKind) -> String {
    format!("{criterion}/{}", field.as_str())
}

/// What a root name refers to: a criterion and, for text, its field.
pub fn parse_root(name: &str) -> Option<(&str, Option<FieldKind>)> {
    match name.split_once('/') {
        Some((criterion, field)) => Some((criterion, Some(FieldKind::parse(field)?))),
        None => Some((name, None)),
    }
}

/// One criterion's response as the document holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionContent {
    pub practice: String,
    pub impact: String,
    pub next_steps: String,
    /// `not_yet`, a level id, or none.
    pub standard: Option<String>,
    pub status: ResponseStatus,
    pub owner: Option<i32>,
}

impl CriterionContent {
    pub fn text(&self, field: FieldKind) -> &str {
        match field {
            FieldKind::Practice => &self.practice,
            FieldKind::Impact => &self.impact,
            FieldKind::NextSteps => &self.next_steps,
        }
    }

    /// What progress needs to know of it (the same rule as the server's).
    pub fn state(
        &self,
        fw: &crate::rubric::Framework,
        criterion_id: &str,
    ) -> crate::rubric::CriterionState {
        crate::rubric::CriterionState::from_parts(
            fw,
            criterion_id,
            FieldKind::ALL.map(|f| (f, self.text(f))),
            self.standard.as_deref(),
        )
    }

    pub fn text_mut(&mut self, field: FieldKind) -> &mut String {
        match field {
            FieldKind::Practice => &mut self.practice,
            FieldKind::Impact => &mut self.impact,
            FieldKind::NextSteps => &mut self.next_steps,
        }
    }
}

pub fn read_text<T: ReadTxn>(txn: &T, criterion: &str, field: FieldKind) -> String {
    txn.get_text(text_name(criterion, field))
        .map(|t| t.get_string(txn))
        .unwrap_or_default()
}

fn read_choice<T: ReadTxn>(txn: &T, criterion: &str, key: &str) -> Option<String> {
    let map = txn.get_map(criterion)?;
    match map.get(txn, key)? {
        Out::Any(Any::String(s)) if !s.is_empty() => Some(s.to_string()),
        _ => None,
    }
}

pub fn read_criterion<T: ReadTxn>(txn: &T, criterion: &str) -> CriterionContent {
    CriterionContent {
        practice: read_text(txn, criterion, FieldKind::Practice),
        impact: read_text(txn, criterion, FieldKind::Impact),
        next_steps: read_text(txn, criterion, FieldKind::NextSteps),
        standard: read_choice(txn, criterion, STANDARD),
        status: read_choice(txn, criterion, STATUS)
            .and_then(|s| ResponseStatus::parse(&s))
            .unwrap_or_default(),
        owner: read_choice(txn, criterion, OWNER).and_then(|s| s.parse().ok()),
    }
}

/// Replaces a text field's content with `new`, as one delete and one insert
/// around the common prefix and suffix (so concurrent edits elsewhere merge).
pub fn set_text(txn: &mut TransactionMut, criterion: &str, field: FieldKind, new: &str) {
    let text = txn.get_or_insert_text(text_name(criterion, field));
    let old = text.get_string(txn);
    if old == new {
        return;
    }
    let change = diff(&old, new);
    if change.delete > 0 {
        text.remove_range(txn, change.start, change.delete);
    }
    if !change.insert.is_empty() {
        text.insert(txn, change.start, &change.insert);
    }
}

/// Sets a choice; `None` clears it. Unchanged values write nothing.
pub fn set_choice(txn: &mut TransactionMut, criterion: &str, key: &str, value: Option<&str>) {
    if read_choice(txn, criterion, key).as_deref() == value {
        return;
    }
    let map = txn.get_or_insert_map(criterion);
    map.insert(txn, key, value.unwrap_or(""));
}

/// Gives the roots of these criteria their types. A root first met in a
/// remote update has no type until someone asks for it as text or map, and
/// its changes are then not reported; this makes them known up front.
pub fn define_roots<'a>(txn: &mut TransactionMut, criteria: impl IntoIterator<Item = &'a str>) {
    for criterion in criteria {
        for field in FieldKind::ALL {
            txn.get_or_insert_text(text_name(criterion, field));
        }
        txn.get_or_insert_map(criterion);
    }
}

/// Writes a whole criterion (seeding a document from stored columns).
pub fn write_criterion(txn: &mut TransactionMut, criterion: &str, content: &CriterionContent) {
    for field in FieldKind::ALL {
        set_text(txn, criterion, field, content.text(field));
    }
    set_choice(txn, criterion, STANDARD, content.standard.as_deref());
    set_choice(txn, criterion, STATUS, Some(content.status.as_str()));
    let owner = content.owner.map(|o| o.to_string());
    set_choice(txn, criterion, OWNER, owner.as_deref());
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::Transact;

    #[test]
    fn a_criterion_round_trips_through_the_document() {
        let doc = new_doc();
        let content = CriterionContent {
            practice: "- Daily check-ins ✓".into(),
            impact: "Attendance up".into(),
            next_steps: String::new(),
            standard: Some("silver".into()),
            status: ResponseStatus::ReadyForReview,
            owner: Some(7),
        };
        write_criterion(&mut doc.transact_mut(), "2.5", &content);
        assert_eq!(read_criterion(&doc.transact(), "2.5"), content);
        assert_eq!(
            read_criterion(&doc.transact(), "9.9"),
            CriterionContent::default()
        );
    }

    #[test]
    fn clearing_a_choice_reads_back_as_none() {
        let doc = new_doc();
        set_choice(&mut doc.transact_mut(), "1.1", STANDARD, Some("gold"));
        set_choice(&mut doc.transact_mut(), "1.1", STANDARD, None);
        assert_eq!(read_criterion(&doc.transact(), "1.1").standard, None);
    }

    #[test]
    fn root_names_parse() {
        assert_eq!(
            parse_root("2.5/impact"),
            Some(("2.5", Some(FieldKind::Impact)))
        );
        assert_eq!(parse_root("2.5"), Some(("2.5", None)));
        assert_eq!(parse_root("2.5/nonsense"), None);
    }
}
