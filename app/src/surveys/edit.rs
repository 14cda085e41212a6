//! Changing a survey's questions from the edit form: the form's fields in,
//! a checked design out (or the problems, each on its field).

use serde::{Deserialize, Serialize};

use super::design::{DEFAULT_TEXT_CHARS, Question, QuestionKind, SurveyDesign};
use crate::error::FieldError;

/// One question as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub help: Option<String>,
    /// A ticked checkbox sends something; an unticked one nothing.
    #[serde(default)]
    pub required: Option<String>,
    /// `agreement`, `single`, `multiple` or `free_text`.
    pub kind: String,
    /// Choices, one per line.
    #[serde(default)]
    pub options: Option<String>,
    /// Criterion ids, separated by commas or spaces.
    #[serde(default)]
    pub criteria: Option<String>,
    #[serde(default)]
    pub remove: Option<String>,
}

impl QuestionForm {
    pub fn of(q: &Question) -> Self {
        let kind = match q.kind {
            QuestionKind::Agreement => "agreement",
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::FreeText { .. } => "free_text",
        };
        let options = match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                Some(options.join("\n"))
            }
            _ => None,
        };
        QuestionForm {
            id: q.id.clone(),
            prompt: q.prompt.clone(),
            help: q.help.clone(),
            required: q.required.then(|| "yes".to_string()),
            kind: kind.into(),
            options,
            criteria: Some(q.criteria.join(", ")),
            remove: None,
        }
    }
}

pub const KINDS: [(&str, &str); 4] = [
    ("agreement", "Agree or disagree (5 points)"),
    ("single", "Choose one"),
    ("multiple", "Choose any"),
    ("free_text", "Written answer"),
];

const MAX_PROMPT: usize = 300;
const MAX_INTRO: usize = 1000;

/// The design the form describes, keeping the audience; `known_criterion`
/// says which criterion ids exist. Question ids are kept, and new questions
/// get the next free `qN`, so answers never change meaning.
pub fn design_from_form(
    current: &SurveyDesign,
    title: &str,
    intro: &str,
    questions: &[QuestionForm],
    known_criterion: impl Fn(&str) -> bool,
) -> Result<SurveyDesign, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = title.trim().to_string();
    if title.is_empty() {
        errors.push(FieldError::new("title", "Enter a title"));
    } else if title.chars().count() > 200 {
        errors.push(FieldError::new(
            "title",
            "The title must be 200 characters or fewer",
        ));
    }
    let intro = intro.replace("\r\n", "\n").trim().to_string();
    if intro.chars().count() > MAX_INTRO {
        errors.push(FieldError::new(
            "intro",
            format!("The welcome must be {MAX_INTRO} characters or fewer"),
        ));
    }
    let mut next = current
        .questions
        .iter()
        .filter_map(|q| q.id.strip_prefix('q').and_then(|n| n.parse::<u32>().ok()))
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for (i, f) in questions.iter().enumerate() {
        let field = |name: &str| format!("questions[{i}][{name}]");
        let prompt = f.prompt.trim().to_string();
        let is_new = f.id.is_empty();
        if f.remove.is_some() || (is_new && prompt.is_empty()) {
            continue;
        }
        if prompt.is_empty() {
            errors.push(FieldError::new(
                field("prompt"),
                format!("Enter the text of question {}", i + 1),
            ));
        } else if prompt.chars().count() > MAX_PROMPT {
            errors.push(FieldError::new(
                field("prompt"),
                format!(
                    "Question {} must be {MAX_PROMPT} characters or fewer",
                    i + 1
                ),
            ));
        }
        let options: Vec<String> = f
            .options
            .as_deref()
            .unwrap_or("")
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let kind = match f.kind.as_str() {
            "agreement" => QuestionKind::Agreement,
            "single" => QuestionKind::Single { options },
            "multiple" => QuestionKind::Multiple { options },
            "free_text" => QuestionKind::FreeText {
                max_chars: DEFAULT_TEXT_CHARS,
            },
            _ => {
                errors.push(FieldError::new(field("kind"), "Choose a kind of question"));
                continue;
            }
        };
        if let QuestionKind::Single { options } | QuestionKind::Multiple { options } = &kind {
            let mut distinct = options.clone();
            distinct.sort();
            distinct.dedup();
            if options.len() < 2 || distinct.len() != options.len() {
                errors.push(FieldError::new(
                    field("options"),
                    format!(
                        "Give question {} at least two different choices, one per line",
                        i + 1
                    ),
                ));
            }
        }
        let criteria: Vec<String> = f
            .criteria
            .as_deref()
            .unwrap_or("")
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(bad) = criteria.iter().find(|c| !known_criterion(c)) {
            errors.push(FieldError::new(
                field("criteria"),
                format!("There is no criterion {bad}"),
            ));
        }
        let id = if is_new || current.question(&f.id).is_none() {
            next += 1;
            format!("q{next}")
        } else {
            f.id.clone()
        };
        out.push(Question {
            id,
            prompt,
            help: f
                .help
                .as_ref()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty()),
            required: f.required.is_some(),
            kind,
            criteria,
        });
    }
    if out.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("questions", "Keep at least one question"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SurveyDesign {
        title,
        audience: current.audience,
        intro,
        questions: out,
        anonymous: current.anonymous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::templates::pupil_voice;

    fn known(c: &str) -> bool {
        matches!(c, "2.1" | "3.2")
    }

    #[test]
    fn edits_keep_ids_and_new_questions_get_the_next() {
        let current = pupil_voice();
        let mut forms: Vec<QuestionForm> = current.questions.iter().map(QuestionForm::of).collect();
        forms[0].prompt = "There is an adult I trust at school.".into();
        forms[1].remove = Some("yes".into());
        forms.push(QuestionForm {
            prompt: "Which clubs do you go to?".into(),
            kind: "multiple".into(),
            options: Some("Football\r\nArt\n\nChoir".into()),
            criteria: Some("2.1".into()),
            ..Default::default()
        });
        forms.push(QuestionForm {
            kind: "agreement".into(),
            ..Default::default()
        }); // empty new row
        let d = design_from_form(&current, "Your say", "Hello", &forms, known).unwrap();
        let ids: Vec<&str> = d.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q1", "q3", "q4", "q5", "q6"]);
        assert_eq!(
            d.questions[0].prompt,
            "There is an adult I trust at school."
        );
        assert_eq!(
            d.questions[4].kind,
            QuestionKind::Multiple {
                options: vec!["Football".into(), "Art".into(), "Choir".into()]
            }
        );
        assert!(d.problems().is_empty());
    }

    #[test]
    fn problems_name_their_fields() {
        let current = pupil_voice();
        let forms = vec![
            QuestionForm {
                id: "q1".into(),
                prompt: " ".into(),
                kind: "agreement".into(),
                ..Default::default()
            },
            QuestionForm {
                id: "q4".into(),
                prompt: "Pick".into(),
                kind: "single".into(),
                options: Some("One".into()),
                ..Default::default()
            },
            QuestionForm {
                id: "q5".into(),
                prompt: "Say".into(),
                kind: "free_text".into(),
                criteria: Some("9.9".into()),
                ..Default::default()
            },
        ];
        let errors = design_from_form(&current, "", "", &forms, known).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "questions[0][prompt]",
                "questions[1][options]",
                "questions[2][criteria]"
            ]
        );
        assert!(errors[3].message.contains("9.9"));
        let none = vec![QuestionForm {
            id: "q1".into(),
            prompt: "x".into(),
            kind: "agreement".into(),
            remove: Some("yes".into()),
            ..Default::default()
        }];
        assert_eq!(
            design_from_form(&current, "T", "", &none, known).unwrap_err()[0].field,
            "questions"
        );
    }
}
