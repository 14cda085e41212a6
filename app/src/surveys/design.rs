//! What a survey asks, of whom.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Carers,
    Pupils,
    Staff,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Carers, Audience::Pupils, Audience::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Carers => "carers",
            Audience::Pupils => "pupils",
            Audience::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Audience::Carers => "Carers",
            Audience::Pupils => "Pupils",
            Audience::Staff => "Staff",
        }
    }
}

/// The five points of agreement, most to least.
pub const AGREEMENT: [&str; 5] = [
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
];

/// The longest free-text answer unless a question says otherwise.
pub const DEFAULT_TEXT_CHARS: u32 = 1000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    /// Strongly agree … strongly disagree.
    Agreement,
    Single {
        options: Vec<String>,
    },
    Multiple {
        options: Vec<String>,
    },
    FreeText {
        max_chars: u32,
    },
}

impl QuestionKind {
    /// The choices offered, in order (none for free text).
    pub fn options(&self) -> Vec<String> {
        match self {
            QuestionKind::Agreement => AGREEMENT.iter().map(|s| s.to_string()).collect(),
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                options.clone()
            }
            QuestionKind::FreeText { .. } => Vec::new(),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            QuestionKind::Agreement => "Agree or disagree",
            QuestionKind::Single { .. } => "Choose one",
            QuestionKind::Multiple { .. } => "Choose any",
            QuestionKind::FreeText { .. } => "Written answer",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within the survey: `q1`, `q2`, …
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub help: Option<String>,
    pub required: bool,
    pub kind: QuestionKind,
    /// The criteria this question informs.
    #[serde(default)]
    pub criteria: Vec<String>,
}

impl Question {
    /// The form field that carries the answer.
    pub fn field(&self) -> String {
        format!("q_{}", self.id)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDesign {
    pub title: String,
    pub audience: Audience,
    /// A short welcome, in plain English.
    pub intro: String,
    pub questions: Vec<Question>,
    /// Answers are anonymous unless the survey says otherwise.
    #[serde(default = "yes")]
    pub anonymous: bool,
}

fn yes() -> bool {
    true
}

impl SurveyDesign {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Problems with the design itself: ids unique, prompts present, choices
    /// with at least two distinct options, sensible text limits.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push("The survey needs a title".to_string());
        }
        if self.questions.is_empty() {
            out.push("The survey needs at least one question".to_string());
        }
        for (i, q) in self.questions.iter().enumerate() {
            let n = i + 1;
            if q.id.is_empty() || !q.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.push(format!(
                    "Question {n} has an id that is not plain letters and digits"
                ));
            }
            if self.questions[..i].iter().any(|p| p.id == q.id) {
                out.push(format!("Question {n} repeats the id {}", q.id));
            }
            if q.prompt.trim().is_empty() {
                out.push(format!("Question {n} has no question text"));
            }
            match &q.kind {
                QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                    let mut seen: Vec<&str> = options.iter().map(|o| o.trim()).collect();
                    seen.sort_unstable();
                    seen.dedup();
                    if options.len() < 2 || seen.len() != options.len() || seen.contains(&"") {
                        out.push(format!("Question {n} needs at least two different options"));
                    }
                }
                QuestionKind::FreeText { max_chars } => {
                    if !(1..=5000).contains(max_chars) {
                        out.push(format!(
                            "Question {n} allows answers of 1 to 5000 characters"
                        ));
                    }
                }
                QuestionKind::Agreement => {}
            }
        }
        out
    }
}
