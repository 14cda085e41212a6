//! Results as CSV: one row per response for staff; only counts per answer
//! for anyone else (never free text). The caller applies the five-response rule.

use super::answers::{Answer, Answers};
use super::design::{QuestionKind, SurveyDesign};
use super::results::{Results, percent, tally};

fn cell(q: &QuestionKind, answer: Option<&Answer>) -> String {
    let options = q.options();
    match answer {
        Some(Answer::Choice(i)) => options.get(*i).cloned().unwrap_or_default(),
        Some(Answer::Choices(list)) => list
            .iter()
            .filter_map(|i| options.get(*i).cloned())
            .collect::<Vec<_>>()
            .join("; "),
        Some(Answer::Text(t)) => t.clone(),
        None => String::new(),
    }
}

use crate::protection::spreadsheet_safe as safe;

pub fn responses_csv(design: &SurveyDesign, responses: &[Answers]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Response".to_string()];
    header.extend(design.questions.iter().map(|q| safe(q.prompt.clone())));
    w.write_record(&header).map_err(|e| e.to_string())?;
    for (n, r) in responses.iter().enumerate() {
        let mut row = vec![(n + 1).to_string()];
        row.extend(
            design
                .questions
                .iter()
                .map(|q| safe(cell(&q.kind, r.get(&q.id)))),
        );
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

pub fn aggregate_csv(design: &SurveyDesign, responses: &[Answers]) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Question", "Answer", "Count", "Percent of those answering"])
        .map_err(|e| e.to_string())?;
    if let Results::Shown { questions, .. } = tally(design, responses, false) {
        for q in questions {
            if matches!(q.kind, QuestionKind::FreeText { .. }) {
                w.write_record([
                    safe(q.prompt.clone()),
                    "(written answers, not shared)".into(),
                    q.answered.to_string(),
                    String::new(),
                ])
                .map_err(|e| e.to_string())?;
                continue;
            }
            for (option, count) in &q.counts {
                w.write_record([
                    safe(q.prompt.clone()),
                    safe(option.clone()),
                    count.to_string(),
                    percent(*count, q.answered).to_string(),
                ])
                .map_err(|e| e.to_string())?;
            }
        }
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::templates::voice_of_the_carer;

    fn five() -> Vec<Answers> {
        (0..5)
            .map(|i| {
                let mut a = Answers::new();
                a.insert("q1".into(), Answer::Choice(i % 2));
                a.insert("q6".into(), Answer::Choices(vec![0, 2]));
                a.insert(
                    "q7".into(),
                    Answer::Text(format!("=HYPERLINK(\"x\") note {i}")),
                );
                a
            })
            .collect()
    }

    #[test]
    fn staff_get_every_response_formulas_defused() {
        let csv = responses_csv(&voice_of_the_carer(), &five()).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[0].starts_with("Response,I know who to talk to"));
        assert!(lines[1].contains("Strongly agree"));
        assert!(lines[1].contains("Phone call; Email"));
        assert!(lines[1].contains("'=HYPERLINK"), "{}", lines[1]);
    }

    #[test]
    fn others_get_counts_and_no_free_text() {
        let csv = aggregate_csv(&voice_of_the_carer(), &five()).unwrap();
        assert!(!csv.contains("note"), "no written answer leaks");
        assert!(csv.contains("\"(written answers, not shared)\",5"), "{csv}");
        assert!(csv.contains("Strongly agree,3,60"));
    }
}
