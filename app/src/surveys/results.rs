//! Tallying responses. Nothing is shown until at least five people have
//! answered: small numbers identify people.

use serde::{Deserialize, Serialize};

use super::answers::{Answer, Answers};
use super::design::{QuestionKind, SurveyDesign};

/// Fewer responses than this and no result is shown, to anyone.
pub const MIN_RESPONSES: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub id: String,
    pub prompt: String,
    pub kind: QuestionKind,
    /// Each option and how many chose it (empty for free text).
    pub counts: Vec<(String, usize)>,
    /// How many answered this question.
    pub answered: usize,
    /// Agreement questions: the share answering "agree" or "strongly agree".
    pub percent_agreeing: Option<u32>,
    /// Free-text answers; only ever filled for staff.
    pub texts: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Results {
    /// Too few responses to show anything.
    Hidden { responses: usize },
    Shown {
        responses: usize,
        questions: Vec<QuestionResult>,
    },
}

impl Results {
    pub fn responses(&self) -> usize {
        match self {
            Results::Hidden { responses } | Results::Shown { responses, .. } => *responses,
        }
    }

    /// What a page says when results are hidden.
    pub fn hidden_message(responses: usize) -> String {
        let have = match responses {
            0 => "No one has answered yet".to_string(),
            1 => "1 person has answered so far".to_string(),
            n => format!("{n} people have answered so far"),
        };
        format!(
            "{have}. Results are shown once at least {MIN_RESPONSES} people have answered, so that no one can be picked out from their answers."
        )
    }
}

/// Rounded percentage, never dividing by zero.
pub fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as f64 * 100.0) / whole as f64).round() as u32
    }
}

/// Tallies `responses`; free text is included only when `with_text` (staff).
pub fn tally(design: &SurveyDesign, responses: &[Answers], with_text: bool) -> Results {
    let n = responses.len();
    if n < MIN_RESPONSES {
        return Results::Hidden { responses: n };
    }
    let questions = design
        .questions
        .iter()
        .map(|q| {
            let options = q.kind.options();
            let mut counts: Vec<(String, usize)> = options.into_iter().map(|o| (o, 0)).collect();
            let mut answered = 0;
            let mut texts = Vec::new();
            for r in responses {
                match r.get(&q.id) {
                    Some(Answer::Choice(i)) => {
                        answered += 1;
                        if let Some(c) = counts.get_mut(*i) {
                            c.1 += 1;
                        }
                    }
                    Some(Answer::Choices(list)) => {
                        answered += 1;
                        for i in list {
                            if let Some(c) = counts.get_mut(*i) {
                                c.1 += 1;
                            }
                        }
                    }
                    Some(Answer::Text(t)) => {
                        answered += 1;
                        if with_text {
                            texts.push(t.clone());
                        }
                    }
                    None => {}
                }
            }
            let percent_agreeing = matches!(q.kind, QuestionKind::Agreement)
                .then(|| percent(counts.iter().take(2).map(|c| c.1).sum(), answered));
            QuestionResult {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                kind: q.kind.clone(),
                counts,
                answered,
                percent_agreeing,
                texts,
            }
        })
        .collect();
    Results::Shown {
        responses: n,
        questions,
    }
}

/// One agreement question's figure for the governors' dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub prompt: String,
    pub percent_agreeing: u32,
}

/// The survey's headline figures (agreement questions only, never text),
/// or `None` while fewer than five have answered.
pub fn headlines(design: &SurveyDesign, responses: &[Answers]) -> Option<Vec<Headline>> {
    match tally(design, responses, false) {
        Results::Hidden { .. } => None,
        Results::Shown { questions, .. } => Some(
            questions
                .into_iter()
                .filter_map(|q| {
                    q.percent_agreeing.map(|p| Headline {
                        prompt: q.prompt,
                        percent_agreeing: p,
                    })
                })
                .collect(),
        ),
    }
}

/// A question's results as plain text, for an evidence item.
pub fn summary_text(survey_title: &str, q: &QuestionResult, responses: usize) -> String {
    let mut out = format!("{survey_title}\n{}\n\n", q.prompt);
    for (option, count) in &q.counts {
        out.push_str(&format!(
            "{option}: {count} ({}%)\n",
            percent(*count, q.answered)
        ));
    }
    if let Some(p) = q.percent_agreeing {
        out.push_str(&format!("\n{p}% agree or strongly agree.\n"));
    }
    out.push_str(&format!(
        "{} of {responses} people answered this question.\n",
        q.answered
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::templates;

    fn response(q1: usize, text: &str) -> Answers {
        let mut a = Answers::new();
        a.insert("q1".into(), Answer::Choice(q1));
        if !text.is_empty() {
            a.insert("q7".into(), Answer::Text(text.into()));
        }
        a
    }

    #[test]
    fn four_responses_show_nothing_five_show_results() {
        let design = templates::voice_of_the_carer();
        let mut rs: Vec<Answers> = (0..4).map(|i| response(i % 2, "Kind staff")).collect();
        let hidden = tally(&design, &rs, true);
        assert_eq!(hidden, Results::Hidden { responses: 4 });
        assert!(Results::hidden_message(4).contains("at least 5"));
        rs.push(response(3, ""));
        let Results::Shown {
            responses,
            questions,
        } = tally(&design, &rs, true)
        else {
            panic!("five responses are shown");
        };
        assert_eq!(responses, 5);
        let q1 = &questions[0];
        assert_eq!(q1.answered, 5);
        assert_eq!(q1.counts[0], ("Strongly agree".to_string(), 2));
        assert_eq!(q1.counts[1].1, 2);
        assert_eq!(q1.counts[3].1, 1);
        assert_eq!(q1.percent_agreeing, Some(80));
    }

    #[test]
    fn free_text_only_for_staff() {
        let design = templates::voice_of_the_carer();
        let rs: Vec<Answers> = (0..5).map(|_| response(0, "They listen")).collect();
        let text_q = |r: Results| match r {
            Results::Shown { questions, .. } => {
                questions.into_iter().find(|q| q.id == "q7").unwrap()
            }
            Results::Hidden { .. } => panic!("shown"),
        };
        assert_eq!(text_q(tally(&design, &rs, true)).texts.len(), 5);
        let public = text_q(tally(&design, &rs, false));
        assert!(public.texts.is_empty());
        assert_eq!(public.answered, 5);
    }

    #[test]
    fn headlines_are_suppressed_and_carry_no_text() {
        let design = templates::voice_of_the_carer();
        let four: Vec<Answers> = (0..4).map(|_| response(0, "x")).collect();
        assert_eq!(headlines(&design, &four), None);
        let five: Vec<Answers> = (0..5).map(|i| response(i % 4, "private words")).collect();
        let h = headlines(&design, &five).unwrap();
        assert_eq!(h.len(), 5, "the five agreement questions");
        assert_eq!(h[0].percent_agreeing, 60);
        assert!(!format!("{h:?}").contains("private words"));
        let Results::Shown {
            questions,
            responses,
        } = tally(&design, &five, false)
        else {
            panic!()
        };
        let text = summary_text("Carers", &questions[0], responses);
        assert!(text.contains("Strongly agree: 2 (40%)"));
        assert!(text.contains("60% agree or strongly agree"));
    }

    #[test]
    fn percentages_round_and_never_divide_by_zero() {
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }
}
