//! Surveys to start from, in plain English: the voice of the carer (Domain 3,
//! criteria 3.1–3.5), pupil voice (2.1), and staff training and wellbeing (1.8).

use super::design::{Audience, DEFAULT_TEXT_CHARS, Question, QuestionKind, SurveyDesign};

fn agree(id: &str, prompt: &str, criteria: &[&str]) -> Question {
    Question {
        id: id.into(),
        prompt: prompt.into(),
        help: None,
        required: true,
        kind: QuestionKind::Agreement,
        criteria: criteria.iter().map(|c| c.to_string()).collect(),
    }
}

fn text(id: &str, prompt: &str, criteria: &[&str]) -> Question {
    Question {
        id: id.into(),
        prompt: prompt.into(),
        help: None,
        required: false,
        kind: QuestionKind::FreeText {
            max_chars: DEFAULT_TEXT_CHARS,
        },
        criteria: criteria.iter().map(|c| c.to_string()).collect(),
    }
}

/// Carers: how the school works with them (Domain 3).
pub fn voice_of_the_carer() -> SurveyDesign {
    SurveyDesign {
        title: "What carers think of our school".into(),
        audience: Audience::Carers,
        intro: "Thank you for caring for a child at our school. Your answers help us do better. It takes about 5 minutes.".into(),
        anonymous: true,
        questions: vec![
            agree("q1", "I know who to talk to at school about the child I care for.", &["3.1"]),
            agree("q2", "The school asks for my views and listens to them.", &["3.2"]),
            agree("q3", "The school tells me about good things, not only problems.", &["3.3"]),
            agree("q4", "I am invited to help plan the child's support, such as their PEP.", &["3.4"]),
            agree("q5", "The school understands the child's needs and past experiences.", &["3.5"]),
            Question {
                id: "q6".into(),
                prompt: "How do you like to hear from school?".into(),
                help: Some("Choose all that suit you.".into()),
                required: false,
                kind: QuestionKind::Multiple {
                    options: vec![
                        "Phone call".into(),
                        "Text message".into(),
                        "Email".into(),
                        "Letter".into(),
                        "Meeting in person".into(),
                    ],
                },
                criteria: vec!["3.3".into()],
            },
            text("q7", "Is there anything the school could do better for the child you care for?", &["3.2"]),
        ],
    }
}

/// Pupils: being heard (2.1).
pub fn pupil_voice() -> SurveyDesign {
    SurveyDesign {
        title: "Your say about school".into(),
        audience: Audience::Pupils,
        intro: "We want to know what school is like for you. There are no right or wrong answers, and you do not need to write your name.".into(),
        anonymous: true,
        questions: vec![
            agree("q1", "There is an adult at school I can talk to if I am worried.", &["2.1"]),
            agree("q2", "Adults at school listen to what I say.", &["2.1"]),
            agree("q3", "I feel safe at school.", &["2.1"]),
            Question {
                id: "q4".into(),
                prompt: "How do you feel about school most days?".into(),
                help: None,
                required: true,
                kind: QuestionKind::Single {
                    options: vec![
                        "Happy".into(),
                        "OK".into(),
                        "Not sure".into(),
                        "Unhappy".into(),
                    ],
                },
                criteria: vec!["2.1".into()],
            },
            text("q5", "What is one thing that would make school better for you?", &["2.1"]),
        ],
    }
}

/// Staff: training and wellbeing (1.8).
pub fn staff_training() -> SurveyDesign {
    SurveyDesign {
        title: "Staff training and wellbeing".into(),
        audience: Audience::Staff,
        intro: "Please tell us about the training and support you have had for working with children we care for.".into(),
        anonymous: true,
        questions: vec![
            agree("q1", "I have had training on attachment and trauma in the last two years.", &["1.8"]),
            agree("q2", "I feel confident supporting a child who is looked after.", &["1.8"]),
            agree("q3", "I know who the Designated Teacher is and how to reach them.", &["1.8"]),
            agree("q4", "My own wellbeing is looked after when the work is hard.", &["1.8"]),
            text("q5", "What further training would help you?", &["1.8"]),
        ],
    }
}

/// Every template, with a short name for the "start from" list.
pub fn all() -> Vec<(&'static str, SurveyDesign)> {
    vec![
        ("voice-of-the-carer", voice_of_the_carer()),
        ("pupil-voice", pupil_voice()),
        ("staff-training", staff_training()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_sound_and_name_real_criteria() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks");
        #[cfg(feature = "ssr")]
        let catalog = crate::rubric::Catalog::load_dir(&dir).expect("frameworks");
        #[cfg(not(feature = "ssr"))]
        let _ = dir;
        for (name, design) in all() {
            assert_eq!(design.problems(), Vec::<String>::new(), "{name}");
            for q in &design.questions {
                assert!(!q.criteria.is_empty(), "{name} {}", q.id);
                #[cfg(feature = "ssr")]
                for c in &q.criteria {
                    assert!(
                        catalog.get("caring2learn").unwrap().criterion(c).is_some(),
                        "{name}: {c}"
                    );
                }
            }
        }
        let carers = voice_of_the_carer();
        let informed: std::collections::BTreeSet<&str> = carers
            .questions
            .iter()
            .flat_map(|q| q.criteria.iter().map(String::as_str))
            .collect();
        assert_eq!(
            informed.into_iter().collect::<Vec<_>>(),
            ["3.1", "3.2", "3.3", "3.4", "3.5"]
        );
        assert_eq!(pupil_voice().audience, Audience::Pupils);
        assert!(
            staff_training()
                .questions
                .iter()
                .all(|q| q.criteria == ["1.8"])
        );
    }

    #[test]
    fn a_broken_design_is_described() {
        let mut d = pupil_voice();
        d.questions[1].id = "q1".into();
        d.questions[3].kind = QuestionKind::Single {
            options: vec!["Only".into()],
        };
        let problems = d.problems();
        assert!(problems.iter().any(|p| p.contains("repeats the id q1")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("at least two different options"))
        );
    }
}
