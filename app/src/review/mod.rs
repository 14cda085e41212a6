//! Reviewing a criterion: who may mark it reviewed, and the order its
//! comments are read in. Plain rules, used by the document (whatever a
//! socket sends), the plain form, the page (to offer only what will work)
//! and the tests.

use crate::model::{CommentThread, ResponseStatus};

/// Why a writer cannot mark their own criterion reviewed, in their words.
pub const ONLY_ANOTHER: &str =
    "Someone who has not written this criterion marks it as reviewed: ask a colleague to review it";

/// How an identifier warning on a comment begins (the page then offers
/// "It does not identify anyone").
pub const IDENTIFIER_WARNING: &str = "Your comment seems to contain";

pub fn identifier_warning(kind: &str, found: &str) -> String {
    format!(
        "{IDENTIFIER_WARNING} {kind} (“{found}”). Remove it, or tick “It does not identify anyone” to keep it"
    )
}

/// The "who may mark reviewed" rule: a criterion moves to Reviewed only by
/// someone other than its writers (everyone who has changed its text).
/// Any other move, including back from Reviewed, is anyone's to make.
pub fn may_set_status(
    from: ResponseStatus,
    to: ResponseStatus,
    who: i32,
    writers: impl IntoIterator<Item = i32>,
) -> Result<(), &'static str> {
    let marking_reviewed = to == ResponseStatus::Reviewed && from != ResponseStatus::Reviewed;
    if marking_reviewed && writers.into_iter().any(|w| w == who) {
        Err(ONLY_ANOTHER)
    } else {
        Ok(())
    }
}

/// Whether this person may mark the criterion reviewed (for the page).
pub fn may_review(who: i32, writers: &[i32]) -> bool {
    !writers.contains(&who)
}

/// Open threads first (what still needs an answer), then resolved ones;
/// each group oldest first, as a conversation reads.
pub fn order_threads(threads: &mut [CommentThread]) {
    threads.sort_by_key(|t| (t.resolved.is_some(), t.first.created_at, t.first.id));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CommentView, Resolution};
    use ResponseStatus::*;

    #[test]
    fn a_writer_cannot_mark_their_own_criterion_reviewed() {
        assert_eq!(
            may_set_status(ReadyForReview, Reviewed, 7, [7, 8]),
            Err(ONLY_ANOTHER)
        );
        assert_eq!(
            may_set_status(Drafting, Reviewed, 8, [7, 8]),
            Err(ONLY_ANOTHER)
        );
    }

    #[test]
    fn someone_else_may_mark_it_reviewed() {
        assert_eq!(may_set_status(ReadyForReview, Reviewed, 9, [7, 8]), Ok(()));
        // Nobody has written it yet (text carried in from a seed): anyone.
        assert_eq!(may_set_status(NotStarted, Reviewed, 7, []), Ok(()));
        assert!(may_review(9, &[7, 8]) && !may_review(7, &[7, 8]));
    }

    #[test]
    fn other_moves_are_anyones() {
        for (from, to) in [
            (NotStarted, Drafting),
            (Drafting, ReadyForReview),
            (Reviewed, Drafting),
            (Reviewed, Reviewed),
            (ReadyForReview, NotStarted),
        ] {
            assert_eq!(
                may_set_status(from, to, 7, [7]),
                Ok(()),
                "{from:?} → {to:?}"
            );
        }
    }

    fn thread(id: i32, minute: u32, resolved: bool) -> CommentThread {
        use chrono::TimeZone;
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 11, 30, 9, minute, 0)
            .unwrap();
        CommentThread {
            first: CommentView {
                id,
                author: "Sam".into(),
                mention: None,
                body: "Is this right?".into(),
                created_at: at,
                when: String::new(),
            },
            field: None,
            replies: vec![],
            resolved: resolved.then(|| Resolution {
                by: "Ana".into(),
                when: String::new(),
            }),
        }
    }

    #[test]
    fn unresolved_comments_come_first_then_oldest_first() {
        let mut threads = vec![
            thread(1, 1, true),
            thread(2, 2, false),
            thread(3, 3, true),
            thread(4, 0, false),
        ];
        order_threads(&mut threads);
        let ids: Vec<i32> = threads.iter().map(|t| t.first.id).collect();
        assert_eq!(ids, [4, 2, 1, 3]);
    }
}
