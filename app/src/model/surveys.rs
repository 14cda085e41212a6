//! Surveys as the pages see them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::surveys::design::{Audience, SurveyDesign};
use crate::surveys::results::Results;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    #[default]
    Draft,
    Open,
    Closed,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "draft",
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            SurveyStatus::Draft,
            SurveyStatus::Open,
            SurveyStatus::Closed,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            SurveyStatus::Draft => "Draft",
            SurveyStatus::Open => "Open",
            SurveyStatus::Closed => "Closed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub id: i32,
    pub title: String,
    pub audience: Audience,
    pub status: SurveyStatus,
    pub responses: usize,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
}

/// A school's surveys, and the templates to start one from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveysPage {
    pub school: super::SchoolInfo,
    pub surveys: Vec<SurveySummary>,
    /// (template name, title, audience)
    pub templates: Vec<(String, String, Audience)>,
    pub can_edit: bool,
}

/// One survey for staff: its questions, sharing, and results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyPage {
    pub id: i32,
    pub school: super::SchoolInfo,
    pub design: SurveyDesign,
    pub status: SurveyStatus,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    /// The answering page's path (`/s/{token}`), once shared.
    pub link: Option<String>,
    pub results: Results,
    /// Responses exist: the questions can no longer change (copy instead).
    pub frozen: bool,
    pub can_edit: bool,
}

/// Whether a survey can be answered today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    Open,
    NotYetOpen(NaiveDate),
    Closed,
}

/// What a carer (or pupil, or colleague) sees: no account needed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicSurvey {
    pub token: String,
    pub school_name: String,
    pub design: SurveyDesign,
    pub availability: Availability,
    /// Made for this showing of the form: the same form sent twice counts once.
    pub submission_key: String,
    /// The last attempt's problems and answers, when it was refused.
    pub problem: Option<SurveyFormProblem>,
}

/// A refused submission: the problems and what was entered, shown once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyFormProblem {
    pub errors: Vec<FieldError>,
    pub form: Vec<(String, String)>,
}

impl SurveyFormProblem {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn value(&self, field: &str) -> Vec<String> {
        self.form
            .iter()
            .filter(|(k, _)| k == field)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

/// The session key under which a refused answer form waits.
pub const SURVEY_PROBLEM_KEY: &str = "survey_form_problem";
