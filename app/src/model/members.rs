use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{InvitedRole, SchoolInfo, SchoolRole};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: SchoolRole,
    pub is_me: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub role: SchoolRole,
    pub created_by: Option<String>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembersPage {
    pub school: SchoolInfo,
    pub members: Vec<Member>,
    pub pending: Vec<PendingInvitation>,
}

/// What an invitation link offers, shown before the invitee accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationPreview {
    /// The school's or the authority's name.
    pub place: String,
    pub role: InvitedRole,
    pub expires_at: DateTime<Utc>,
}
