//! The governors' annual report as a document: every figure and sentence as
//! plain text, for the PDF, and the identifier check over all of it.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::{DomainEvidenceCount, GovernorsReport, format_date};
use crate::pack::contents::Row;
use crate::pack::prose::{Block, blocks, plain};
use crate::protection::identifiers::scan;
use crate::rubric::percent;
use crate::surveys::results::Results;

/// The school year a date falls in, named by the year it starts (September).
pub fn school_year(today: NaiveDate) -> i32 {
    if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    }
}

pub use crate::model::year_label;

pub const PURPOSE: &str = "The Virtual School asks every governing board for an annual evaluative report on the school's provision and outcomes for the children it cares for and has cared for: children looked after and previously looked after. This report is drawn from the school's Caring Schools Award portfolio and its surveys. It names no child: it holds figures and what the Designated Teacher and head teacher wrote for governors.";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportSurvey {
    pub title: String,
    pub summary: String,
    pub lines: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportDocument {
    pub title: String,
    pub school: String,
    pub framework: String,
    pub generated: String,
    pub purpose: String,
    pub people: Vec<Row>,
    pub standing: String,
    pub next: Option<String>,
    pub between: Vec<String>,
    pub progress: Vec<Row>,
    pub profile_header: Vec<String>,
    pub profile_rows: Vec<Vec<String>>,
    pub evidence: Vec<Row>,
    pub timeline: Vec<Row>,
    pub surveys: Vec<ReportSurvey>,
    pub self_audits: Vec<Row>,
    /// The school year's PEP figures (small numbers hidden).
    pub peps: Vec<Row>,
    pub commentary: Vec<Block>,
    pub commentary_by: String,
}

fn row(label: impl Into<String>, value: impl Into<String>) -> Row {
    Row {
        label: label.into(),
        value: value.into(),
    }
}

pub fn evidence_line(c: &DomainEvidenceCount) -> String {
    let guide = DomainEvidenceCount::GUIDELINE;
    if c.over_guideline() {
        format!(
            "{} items (more than the {guide} the toolkit suggests)",
            c.items
        )
    } else {
        format!("{} of up to {guide} items", c.items)
    }
}

pub fn document(report: &GovernorsReport, generated: NaiveDate) -> ReportDocument {
    let d = &report.dashboard;
    let p = &d.progress;
    let standing = d.standing();
    let next = d.level_label(p.next_level.as_deref());
    let mut profile_header = vec![
        "Domain".to_string(),
        crate::glossary::NOT_CHOSEN.into(),
        d.not_met_label.clone(),
    ];
    profile_header.extend(d.level_labels.iter().map(|(_, l)| l.clone()));
    let profile_rows = p
        .domains
        .iter()
        .map(|dp| {
            let mut cells = vec![
                format!("{}. {}", dp.number, dp.title),
                dp.profile.undecided.to_string(),
                dp.profile.not_yet.to_string(),
            ];
            cells.extend(dp.profile.levels.iter().map(|(_, n)| n.to_string()));
            cells
        })
        .collect();
    let t = &d.timeline;
    let mut target = format_date(t.target);
    if let Some(left) = t.days_left_text() {
        target = format!("{target} ({left})");
    }
    ReportDocument {
        title: report.title(),
        school: d.school.name.clone(),
        framework: d.framework_title.clone(),
        generated: crate::calendar::long_date(&generated),
        purpose: PURPOSE.into(),
        people: report
            .people
            .iter()
            .map(|(role, name)| {
                row(
                    role.clone(),
                    if name.trim().is_empty() {
                        "Not given".into()
                    } else {
                        name.clone()
                    },
                )
            })
            .collect(),
        standing: match &d.award {
            Some((level, on)) => format!(
                "The Assessment Board awarded {level} on {}. The school's own judgements stand at: {standing}.{}",
                format_date(Some(*on)),
                t.renewal_due
                    .map(|due| format!(
                        " The award is due for renewal on {}.",
                        format_date(Some(due))
                    ))
                    .unwrap_or_default()
            ),
            None => format!("The portfolio stands at: {standing}."),
        },
        next: next.map(|n| format!("What stands between it and {n}:")),
        between: report
            .standing_between
            .iter()
            .map(|(id, statement)| format!("{id} {statement}"))
            .collect(),
        progress: std::iter::once(row(
            "All criteria",
            format!(
                "{} of {} complete ({}%)",
                p.complete,
                p.total,
                percent(p.complete, p.total)
            ),
        ))
        .chain(p.domains.iter().map(|dp| {
            row(
                format!("Domain {}: {}", dp.number, dp.title),
                format!(
                    "{} of {} complete ({}%)",
                    dp.complete,
                    dp.total,
                    percent(dp.complete, dp.total)
                ),
            )
        }))
        .collect(),
        profile_header,
        profile_rows,
        evidence: d
            .evidence
            .iter()
            .map(|c| {
                row(
                    format!("Domain {}: {}", c.number, c.title),
                    evidence_line(c),
                )
            })
            .collect(),
        timeline: vec![
            row(crate::glossary::cover::START_DATE, format_date(t.start)),
            row(crate::glossary::cover::TARGET_DATE, target),
            row(
                crate::glossary::cover::SUBMISSION_DATE,
                format_date(t.submission),
            ),
            row(
                crate::glossary::cover::RENEWAL_DUE,
                format_date(t.renewal_due),
            ),
        ],
        surveys: d
            .surveys
            .iter()
            .map(|s| ReportSurvey {
                title: format!("{} ({})", s.title, s.audience.label().to_lowercase()),
                summary: match &s.headlines {
                    None => Results::hidden_message(s.responses),
                    Some(_) => format!("{} people answered.", s.responses),
                },
                lines: s
                    .headlines
                    .iter()
                    .flatten()
                    .map(|h| format!("{}% agree: {}", h.percent_agreeing, h.prompt))
                    .collect(),
            })
            .collect(),
        self_audits: report
            .self_audits
            .iter()
            .map(|(title, line)| row(title.clone(), line.clone()))
            .collect(),
        peps: d
            .peps
            .as_ref()
            .map(|f| {
                vec![
                    row(
                        format!("PEP meetings held in {}", f.school_year),
                        f.held.show(),
                    ),
                    row("ePEPs finalised within 5 school days", f.on_time.show()),
                    row("With the pupil’s views captured", f.pupil_views.show()),
                ]
            })
            .unwrap_or_default(),
        commentary: blocks(&report.commentary),
        commentary_by: report.commentary_by.clone().unwrap_or_default(),
    }
}

/// Every sentence of the document, for the identifier check.
fn all_text(doc: &ReportDocument) -> String {
    let mut parts: Vec<&str> = vec![&doc.title, &doc.school, &doc.standing];
    for r in doc
        .people
        .iter()
        .chain(&doc.progress)
        .chain(&doc.evidence)
        .chain(&doc.timeline)
    {
        parts.push(&r.label);
        parts.push(&r.value);
    }
    parts.extend(doc.between.iter().map(String::as_str));
    for s in &doc.surveys {
        parts.push(&s.title);
        parts.extend(s.lines.iter().map(String::as_str));
    }
    let mut text = parts.join("\n");
    text.push_str("\n\n");
    text.push_str(&plain(&doc.commentary));
    text
}

/// What in the report may identify a child: "a date of birth: 3 May 2015".
pub fn warnings(doc: &ReportDocument, this_year: i32) -> Vec<String> {
    let text = all_text(doc);
    scan(&text, this_year)
        .into_iter()
        .map(|f| format!("{}: {}", f.kind.label(), f.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dashboard, SchoolInfo, SurveyHeadlines, Timeline};
    use crate::rubric::{DomainProgress, LevelProfile, Progress};
    use crate::surveys::design::Audience;
    use crate::surveys::results::Headline;

    fn report(commentary: &str) -> GovernorsReport {
        let profile = LevelProfile {
            undecided: 1,
            not_yet: 0,
            levels: vec![
                ("bronze".into(), 2),
                ("silver".into(), 0),
                ("gold".into(), 0),
            ],
        };
        GovernorsReport {
            dashboard: Dashboard {
                portfolio_id: 1,
                school: SchoolInfo {
                    id: 1,
                    name: "Hillside Primary".into(),
                    urn: "100001".into(),
                    phase: "Primary".into(),
                    school_type: "Community".into(),
                    authority_name: "Northshire".into(),
                },
                framework_title: "Caring Schools Award".into(),
                level_labels: vec![
                    ("bronze".into(), "Bronze".into()),
                    ("silver".into(), "Silver".into()),
                    ("gold".into(), "Gold".into()),
                ],
                not_met_label: "Not yet".into(),
                progress: Progress {
                    domains: vec![DomainProgress {
                        number: 1,
                        title: "Leadership".into(),
                        total: 3,
                        complete: 2,
                        profile: profile.clone(),
                    }],
                    total: 3,
                    complete: 2,
                    profile,
                    level_reached: None,
                    next_level: Some("bronze".into()),
                    standing_between: vec!["1.3".into()],
                },
                evidence: vec![DomainEvidenceCount {
                    number: 1,
                    title: "Leadership".into(),
                    items: 6,
                }],
                timeline: Timeline {
                    start: NaiveDate::from_ymd_opt(2026, 9, 1),
                    target: NaiveDate::from_ymd_opt(2027, 9, 1),
                    days_left: Some(283),
                    submission: None,
                    renewal_due: None,
                },
                status: crate::model::PortfolioStatus::InProgress,
                award: None,
                renewal: None,
                can_manage_award: false,
                peps: None,
                can_read: false,
                surveys: vec![
                    SurveyHeadlines {
                        title: "Carers".into(),
                        audience: Audience::Carers,
                        responses: 3,
                        headlines: None,
                    },
                    SurveyHeadlines {
                        title: "Staff".into(),
                        audience: Audience::Staff,
                        responses: 8,
                        headlines: Some(vec![Headline {
                            prompt: "I know who the DT is".into(),
                            percent_agreeing: 88,
                        }]),
                    },
                ],
                locked: false,
            },
            school_year: 2026,
            people: vec![
                ("Designated Teacher".into(), "Dana Taylor".into()),
                ("Head teacher".into(), " ".into()),
            ],
            standing_between: vec![("1.3".into(), "Train all staff".into())],
            self_audits: vec![(
                "Designated Teacher expectations".into(),
                "3 of 20 complete: In place 2, Partly 1, Not yet 0, not chosen yet 17".into(),
            )],
            commentary: commentary.into(),
            commentary_by: Some("Dana Taylor, 1 October 2026".into()),
            warnings: vec![],
            can_edit: false,
        }
    }

    #[test]
    fn school_years_start_in_september() {
        assert_eq!(
            school_year(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            2026
        );
        assert_eq!(
            school_year(NaiveDate::from_ymd_opt(2027, 8, 31).unwrap()),
            2026
        );
        assert_eq!(
            school_year(NaiveDate::from_ymd_opt(2027, 9, 1).unwrap()),
            2027
        );
        assert_eq!(year_label(2026), "2026–27");
        assert_eq!(year_label(2099), "2099–00");
    }

    #[test]
    fn the_document_carries_figures_and_suppresses_small_surveys() {
        let doc = document(
            &report("Attendance rose.\n\nPEPs are on time."),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        );
        assert_eq!(doc.title, "Annual report to governors 2026–27");
        assert_eq!(
            doc.standing,
            "The portfolio stands at: Not yet at any level."
        );
        assert_eq!(
            doc.next.as_deref(),
            Some("What stands between it and Bronze:")
        );
        assert_eq!(doc.between, ["1.3 Train all staff"]);
        assert_eq!(doc.progress[0].value, "2 of 3 complete (66%)");
        assert_eq!(
            doc.profile_header,
            [
                "Domain",
                "Not chosen yet",
                "Not yet",
                "Bronze",
                "Silver",
                "Gold"
            ]
        );
        assert_eq!(
            doc.profile_rows[0],
            ["1. Leadership", "1", "0", "2", "0", "0"]
        );
        assert!(doc.evidence[0].value.contains("more than the 5"));
        assert!(doc.timeline[1].value.contains("283 days"));
        // the cover sheet's words, as on the overview and in the pack
        use crate::glossary::cover;
        let labels: Vec<&str> = doc.timeline.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                cover::START_DATE,
                cover::TARGET_DATE,
                cover::SUBMISSION_DATE,
                cover::RENEWAL_DUE
            ]
        );
        assert!(doc.surveys[0].lines.is_empty(), "under five: no figures");
        assert!(doc.surveys[0].summary.contains("at least 5"));
        assert_eq!(doc.surveys[1].lines, ["88% agree: I know who the DT is"]);
        assert_eq!(doc.people[1].value, "Not given");
        assert_eq!(doc.commentary.len(), 2);
        assert_eq!(doc.self_audits[0].label, "Designated Teacher expectations");
        assert!(warnings(&doc, 2026).is_empty());
    }

    #[test]
    fn an_award_is_named_with_its_renewal() {
        let mut r = report("");
        r.dashboard.award = Some((
            "Silver".into(),
            NaiveDate::from_ymd_opt(2027, 2, 11).unwrap(),
        ));
        r.dashboard.timeline.renewal_due = NaiveDate::from_ymd_opt(2030, 2, 11);
        let doc = document(&r, NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
        assert_eq!(
            doc.standing,
            "The Assessment Board awarded Silver on 11 February 2027. The school's own judgements stand at: Not yet at any level. The award is due for renewal on 11 February 2030."
        );
    }

    #[test]
    fn identifiers_anywhere_in_the_report_are_warned_about() {
        let doc = document(
            &report("One pupil, born 3 May 2015, joined us. Contact: dt@hillside.sch.uk"),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        );
        let w = warnings(&doc, 2026);
        assert!(w.iter().any(|w| w.starts_with("a date of birth")), "{w:?}");
        assert!(w.iter().any(|w| w.contains("dt@hillside.sch.uk")), "{w:?}");
    }
}
