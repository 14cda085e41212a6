//! Checking one submission against the survey: required questions answered,
//! only offered options chosen, free text within its limit. All or nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::design::{QuestionKind, SurveyDesign};
use crate::error::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// The index of the option chosen (agreement: 0 = strongly agree).
    Choice(usize),
    Choices(Vec<usize>),
    Text(String),
}

/// One submission's answers, by question id (unanswered optional ones absent).
pub type Answers = BTreeMap<String, Answer>;

/// Reads the form's `q_{id}` fields (a multiple-choice question may repeat
/// its field). Other fields (the form's token and such) are ignored.
pub fn check(design: &SurveyDesign, form: &[(String, String)]) -> Result<Answers, Vec<FieldError>> {
    let mut answers = Answers::new();
    let mut errors = Vec::new();
    for q in &design.questions {
        let field = q.field();
        let given: Vec<&str> = form
            .iter()
            .filter(|(k, _)| *k == field)
            .map(|(_, v)| v.as_str())
            .collect();
        let options = q.kind.options();
        let choice = |value: &str| -> Option<usize> {
            value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|i| *i < options.len())
        };
        let answer = match &q.kind {
            QuestionKind::Agreement | QuestionKind::Single { .. } => match given.as_slice() {
                [] | [""] => None,
                [one] => match choice(one) {
                    Some(i) => Some(Answer::Choice(i)),
                    None => {
                        errors.push(FieldError::new(&field, "Choose one of the answers shown"));
                        continue;
                    }
                },
                _ => {
                    errors.push(FieldError::new(&field, "Choose only one answer"));
                    continue;
                }
            },
            QuestionKind::Multiple { .. } => {
                let picked: Vec<&str> = given.into_iter().filter(|v| !v.is_empty()).collect();
                let mut chosen: Vec<usize> = Vec::new();
                for v in &picked {
                    match choice(v) {
                        Some(i) if !chosen.contains(&i) => chosen.push(i),
                        Some(_) => {}
                        None => {
                            errors.push(FieldError::new(&field, "Choose from the answers shown"));
                            chosen.clear();
                            break;
                        }
                    }
                }
                chosen.sort_unstable();
                (!chosen.is_empty()).then_some(Answer::Choices(chosen))
            }
            QuestionKind::FreeText { max_chars } => {
                let text: String = given.concat().replace("\r\n", "\n").trim().to_string();
                let n = text.chars().count();
                if n > *max_chars as usize {
                    errors.push(FieldError::new(
                        &field,
                        format!("Your answer must be {max_chars} characters or fewer (it has {n})"),
                    ));
                    continue;
                }
                (!text.is_empty()).then_some(Answer::Text(text))
            }
        };
        match answer {
            Some(a) => {
                answers.insert(q.id.clone(), a);
            }
            None if q.required && !errors.iter().any(|e| e.field == field) => {
                let message = match q.kind {
                    QuestionKind::FreeText { .. } => "Write an answer to this question",
                    QuestionKind::Multiple { .. } => "Choose at least one answer",
                    _ => "Choose an answer to this question",
                };
                errors.push(FieldError::new(&field, message));
            }
            None => {}
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::design::{Audience, Question};

    fn design() -> SurveyDesign {
        let q = |id: &str, required, kind| Question {
            id: id.into(),
            prompt: format!("Question {id}"),
            help: None,
            required,
            kind,
            criteria: vec!["3.2".into()],
        };
        SurveyDesign {
            title: "Voice of the carer".into(),
            audience: Audience::Carers,
            intro: String::new(),
            anonymous: true,
            questions: vec![
                q("q1", true, QuestionKind::Agreement),
                q(
                    "q2",
                    false,
                    QuestionKind::Single {
                        options: vec!["Yes".into(), "No".into()],
                    },
                ),
                q(
                    "q3",
                    false,
                    QuestionKind::Multiple {
                        options: vec!["Phone".into(), "Email".into(), "Meeting".into()],
                    },
                ),
                q("q4", false, QuestionKind::FreeText { max_chars: 20 }),
            ],
        }
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_good_submission() {
        let answers = check(
            &design(),
            &form(&[
                ("csrf_token", "x"),
                ("q_q1", "1"),
                ("q_q3", "2"),
                ("q_q3", "0"),
                ("q_q3", "2"),
                ("q_q4", "  Lovely staff \r\n"),
            ]),
        )
        .unwrap();
        assert_eq!(answers["q1"], Answer::Choice(1));
        assert!(!answers.contains_key("q2"), "optional and unanswered");
        assert_eq!(answers["q3"], Answer::Choices(vec![0, 2]));
        assert_eq!(answers["q4"], Answer::Text("Lovely staff".into()));
    }

    #[test]
    fn required_unknown_and_too_long_are_refused_together() {
        let errors = check(
            &design(),
            &form(&[
                ("q_q2", "7"),
                ("q_q3", "1"),
                ("q_q3", "x"),
                ("q_q4", &"a".repeat(21)),
            ]),
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["q_q1", "q_q2", "q_q3", "q_q4"]);
        assert!(errors[0].message.contains("Choose an answer"));
        assert!(errors[1].message.contains("answers shown"));
        assert!(
            errors[3]
                .message
                .contains("20 characters or fewer (it has 21)")
        );
        let twice = check(&design(), &form(&[("q_q1", "0"), ("q_q1", "1")])).unwrap_err();
        assert!(twice[0].message.contains("only one"));
        assert!(
            check(&design(), &form(&[("q_q1", "5")])).is_err(),
            "agreement has 5 points: 0..=4"
        );
    }
}
