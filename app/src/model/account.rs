use serde::{Deserialize, Serialize};

/// A role within one school.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolRole {
    Coordinator,
    Editor,
    Governor,
}

impl SchoolRole {
    pub const ALL: [SchoolRole; 3] = [
        SchoolRole::Coordinator,
        SchoolRole::Editor,
        SchoolRole::Governor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SchoolRole::Coordinator => "coordinator",
            SchoolRole::Editor => "editor",
            SchoolRole::Governor => "governor",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            SchoolRole::Coordinator => "Coordinator",
            SchoolRole::Editor => "Editor",
            SchoolRole::Governor => "Governor",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            SchoolRole::Coordinator => {
                "Usually the Designated Teacher. Writes the portfolio, invites and removes members, registers and submits the portfolio."
            }
            SchoolRole::Editor => "Writes the portfolio, adds evidence and runs surveys.",
            SchoolRole::Governor => "Reads the dashboard and reports. Cannot change anything.",
        }
    }
}

/// What an invitation makes its holder: a member of a school, or an assessor
/// for a whole authority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitedRole {
    School(SchoolRole),
    Assessor,
}

impl InvitedRole {
    pub fn as_str(self) -> &'static str {
        match self {
            InvitedRole::School(r) => r.as_str(),
            InvitedRole::Assessor => "assessor",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        if s == "assessor" {
            Some(InvitedRole::Assessor)
        } else {
            SchoolRole::parse(s).map(InvitedRole::School)
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            InvitedRole::School(r) => r.label(),
            InvitedRole::Assessor => "Assessor",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembershipInfo {
    pub school_id: i32,
    pub school_name: String,
    pub role: SchoolRole,
}

/// The signed-in person, as the pages need to know them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    /// The authority whose award team this person belongs to.
    pub assessor_of: Option<(i32, String)>,
    pub memberships: Vec<MembershipInfo>,
}

impl Me {
    /// Where this person starts after signing in.
    pub fn home_path(&self) -> String {
        if let [only] = self.memberships.as_slice() {
            return format!("/schools/{}", only.school_id);
        }
        if let Some((authority, _)) = &self.assessor_of {
            return format!("/authorities/{authority}");
        }
        if self.is_admin && self.memberships.is_empty() {
            return "/admin".into();
        }
        "/schools".into()
    }

    pub fn role_in(&self, school_id: i32) -> Option<SchoolRole> {
        self.memberships
            .iter()
            .find(|m| m.school_id == school_id)
            .map(|m| m.role)
    }
}

/// What the viewer may do with a portfolio (and its school); decided by the
/// server's policy and sent so the page shows only the controls that will work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    pub view: bool,
    pub edit: bool,
    pub read_narratives: bool,
    /// Read the staff's review comments.
    pub read_comments: bool,
    /// Leave, answer and resolve review comments.
    pub comment: bool,
    pub manage_members: bool,
    /// See the log of evidence and pack downloads.
    pub read_downloads: bool,
    /// Register the start date with the award team.
    pub register: bool,
    /// Send the portfolio to the award team.
    pub submit: bool,
    /// Start the next cycle from an awarded portfolio.
    pub start_renewal: bool,
    /// Open a submitted portfolio again.
    pub reopen: bool,
    /// Write feedback on a submitted portfolio.
    pub assess: bool,
    /// Record the board's decision.
    pub decide: bool,
    /// Read the feedback of decided rounds.
    pub read_feedback: bool,
    /// Read feedback still being written (the award team).
    pub read_draft_feedback: bool,
    /// Keep board meetings and change target dates.
    pub manage_award: bool,
    /// Keep the school's PEP meetings (staff).
    pub keep_peps: bool,
    /// Add the school's own closure days (the coordinator).
    pub manage_calendar: bool,
}

/// Whose password a reset link is for (shown on the reset page).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResetPreview {
    pub name: String,
    pub email: String,
}
