use serde::{Deserialize, Serialize};

use super::{Capabilities, PortfolioCard, PortfolioStatus};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchoolInfo {
    pub id: i32,
    pub name: String,
    pub urn: String,
    pub phase: String,
    pub school_type: String,
    pub authority_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchoolHome {
    pub school: SchoolInfo,
    pub can: Capabilities,
    pub portfolios: Vec<PortfolioCard>,
}

/// A school in a list (the admin's or the award team's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchoolListItem {
    pub id: i32,
    pub name: String,
    pub urn: String,
    pub authority_name: String,
    pub members: u64,
    pub portfolio_status: Option<PortfolioStatus>,
    pub percent_complete: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthorityInfo {
    pub id: i32,
    pub name: String,
}

/// The admin's page: authorities and schools.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub authorities: Vec<AuthorityInfo>,
    pub schools: Vec<SchoolListItem>,
}
