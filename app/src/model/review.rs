//! Review comments, what changed, and a person's own work.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ResponseStatus;
use crate::rubric::FieldKind;

/// One comment or reply, as staff read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i32,
    pub author: String,
    /// The colleague mentioned, by name.
    pub mention: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// When, as a clock in England shows it.
    pub when: String,
}

/// Who resolved a thread, and when ("30 November 2026, 10:15" in England).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub by: String,
    pub when: String,
}

/// A comment with its replies; resolving it resolves the thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentThread {
    pub first: CommentView,
    /// The field it is about, or none for the criterion as a whole.
    pub field: Option<FieldKind>,
    pub replies: Vec<CommentView>,
    pub resolved: Option<Resolution>,
}

/// Who changed something last, and when, as a clock in England shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastChange {
    pub who: String,
    pub when: String,
}

/// The review side of a criterion's page, for staff.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewData {
    /// Open threads first ([`crate::review::order_threads`]).
    pub threads: Vec<CommentThread>,
    /// The reader has not written it, so may mark it reviewed.
    pub may_review: bool,
    /// Fields others changed since the reader last opened this page, with
    /// who changed each (empty on a first visit: everything is new then).
    pub changed_since: Vec<(String, String)>,
    /// When the reader last opened it ("30 November 2026, 10:15"), if ever.
    pub last_looked: Option<String>,
    pub last_change: Option<LastChange>,
}

/// A criterion in someone's work list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub criterion_id: String,
    pub statement: String,
    pub status: ResponseStatus,
    pub last_change: Option<LastChange>,
}

/// A comment that mentions someone and is not resolved yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionItem {
    pub comment_id: i32,
    pub criterion_id: String,
    pub author: String,
    pub body: String,
    pub when: String,
}

/// One portfolio's share of someone's work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortfolioWork {
    pub portfolio_id: i32,
    pub school_name: String,
    /// "Caring2Learn Caring Schools Award", "Designated Teacher expectations".
    pub framework_title: String,
    /// Criteria they own.
    pub owned: Vec<WorkItem>,
    /// Ready for review, and written by others: theirs to review.
    pub to_review: Vec<WorkItem>,
    /// Open comments that mention them.
    pub mentions: Vec<MentionItem>,
    /// Their criteria that others changed since they last looked.
    pub changed: Vec<WorkItem>,
}

impl PortfolioWork {
    /// What wants their attention: reviews, mentions and changes.
    pub fn waiting(&self) -> usize {
        self.to_review.len() + self.mentions.len() + self.changed.len()
    }
}

/// A person's own work across the portfolios they write.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    pub portfolios: Vec<PortfolioWork>,
}

impl MyWork {
    /// The count on the header's "My work" link.
    pub fn waiting(&self) -> usize {
        self.portfolios.iter().map(PortfolioWork::waiting).sum()
    }
}
