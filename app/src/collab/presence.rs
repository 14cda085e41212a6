//! What each person's awareness state says: who they are and where they are.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub user: PresenceUser,
    /// The criterion being viewed or edited, if any.
    #[serde(default)]
    pub criterion: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceUser {
    pub id: i32,
    pub name: String,
}

impl Presence {
    pub fn parse(json: &str) -> Option<Presence> {
        serde_json::from_str(json).ok()
    }
}
