//! What the portfolio PDF says, in order: cover sheet, each domain with its
//! criteria (standard met, the three narratives, linked evidence), and the
//! evidence index. Serialised as the data the PDF template reads.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::index::IndexEntry;
use super::prose::{Block, blocks};
use crate::collab::schema::CriterionContent;
use crate::model::{CoverSheet, PortfolioStatus, format_date};
use crate::rubric::{FieldKind, Framework, Progress};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Narrative {
    pub label: String,
    /// What is written, as blocks; empty when nothing is.
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackCriterion {
    pub id: String,
    pub statement: String,
    pub standard: String,
    pub narratives: Vec<Narrative>,
    /// "E3 – Attendance policy"
    pub evidence: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackDomain {
    pub number: u32,
    pub title: String,
    pub summary: String,
    pub complete: String,
    pub criteria: Vec<PackCriterion>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackContents {
    pub title: String,
    pub school: String,
    pub subtitle: String,
    pub generated: String,
    pub intro: String,
    pub cover: Vec<Row>,
    pub domains: Vec<PackDomain>,
    pub evidence: Vec<IndexEntry>,
}

pub struct PackInput<'a> {
    pub framework: &'a Framework,
    pub school: &'a str,
    pub cycle: i32,
    pub status: PortfolioStatus,
    pub cover: &'a CoverSheet,
    pub progress: &'a Progress,
    /// Each criterion's stored response, by criterion id.
    pub responses: &'a BTreeMap<String, CriterionContent>,
    /// The evidence index (see [`super::index::plan`]).
    pub index: &'a [IndexEntry],
    /// Each evidence item's criteria, by item id.
    pub item_criteria: &'a BTreeMap<i32, Vec<String>>,
    pub generated: NaiveDate,
}

pub fn build(input: PackInput<'_>) -> PackContents {
    let PackInput {
        framework,
        school,
        cycle,
        status,
        cover,
        progress,
        responses,
        index,
        item_criteria,
        generated,
    } = input;
    let reached = framework.level_reached_label(progress.level_reached.as_deref());
    let rows = [
        (crate::glossary::cover::SETTING, cover.setting_name.clone()),
        (
            crate::glossary::cover::HEAD_TEACHER,
            cover.head_teacher.clone(),
        ),
        (
            crate::glossary::cover::DESIGNATED_TEACHER,
            cover.designated_teacher.clone(),
        ),
        (crate::glossary::cover::GOVERNOR, cover.governor_lac.clone()),
        (
            crate::glossary::cover::START_DATE,
            format_date(cover.start_date),
        ),
        (
            crate::glossary::cover::TARGET_DATE,
            format_date(cover.target_date),
        ),
        (
            crate::glossary::cover::SUBMISSION_DATE,
            format_date(cover.submission_date),
        ),
        ("Status", status.label().to_string()),
        ("Award cycle", cycle.to_string()),
        (
            "Criteria complete",
            format!("{} of {}", progress.complete, progress.total),
        ),
        ("The portfolio stands at", reached),
        ("Framework version", framework.version.clone()),
    ];
    let cover = rows
        .into_iter()
        .map(|(label, value)| Row {
            label: label.into(),
            value: if value.trim().is_empty() {
                "Not given".into()
            } else {
                value
            },
        })
        .collect();
    let field_label = |kind: FieldKind| {
        framework
            .completion_fields
            .iter()
            .find(|f| f.id == kind)
            .map(|f| f.label.clone())
            .unwrap_or_else(|| kind.as_str().into())
    };
    let empty = CriterionContent::default();
    let domains = framework
        .domains
        .iter()
        .zip(&progress.domains)
        .map(|(domain, done)| PackDomain {
            number: domain.number,
            title: domain.title.clone(),
            summary: domain.summary.clone(),
            complete: format!("{} of {} criteria complete", done.complete, done.total),
            criteria: domain
                .criteria
                .iter()
                .map(|c| {
                    let response = responses.get(&c.id).unwrap_or(&empty);
                    PackCriterion {
                        id: c.id.clone(),
                        statement: c.statement.clone(),
                        standard: framework.choice_label(response.standard.as_deref()),
                        narratives: FieldKind::ALL
                            .into_iter()
                            .map(|kind| Narrative {
                                label: field_label(kind),
                                blocks: blocks(response.text(kind)),
                            })
                            .collect(),
                        evidence: index
                            .iter()
                            .filter(|e| {
                                item_criteria
                                    .get(&e.item_id)
                                    .is_some_and(|cs| cs.contains(&c.id))
                            })
                            .map(|e| format!("{} – {}", e.reference, e.title))
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    PackContents {
        title: framework.title.clone(),
        school: school.to_string(),
        subtitle: "Self-assessment portfolio".into(),
        generated: crate::calendar::long_date(&generated),
        intro: framework.intro.clone(),
        cover,
        domains,
        evidence: index.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{CriterionState, StandardMet, progress};

    #[test]
    fn every_criterion_in_order_with_its_words_standard_and_evidence() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks");
        let catalog = crate::rubric::Catalog::load_dir(&dir).expect("frameworks");
        let framework = catalog.get("caring2learn").expect("caring2learn");
        let level = framework.levels[0].id.clone();
        let mut responses = BTreeMap::new();
        responses.insert(
            "1.1".to_string(),
            CriterionContent {
                practice: "We meet weekly.\n\nThe DT leads.".into(),
                standard: Some(level.clone()),
                ..Default::default()
            },
        );
        responses.insert(
            "2.3".to_string(),
            CriterionContent {
                standard: Some("not_yet".into()),
                ..Default::default()
            },
        );
        let states: Vec<CriterionState> = vec![CriterionState {
            criterion_id: "1.1".into(),
            standard: StandardMet::from_key(&framework, &level),
            written: vec![FieldKind::Practice],
        }];
        let progress = progress(&framework, &states);
        let index = vec![IndexEntry {
            item_id: 5,
            reference: "E1".into(),
            title: "Induction policy".into(),
            kind: "Policy".into(),
            domains: "1".into(),
            criteria: "1.1".into(),
            location: "evidence/x/E1 - a.pdf".into(),
            sha256: "ab".into(),
            added: "1 May 2026".into(),
            added_by: String::new(),
        }];
        let item_criteria: BTreeMap<i32, Vec<String>> = [(5, vec!["1.1".to_string()])].into();
        let cover = CoverSheet {
            setting_name: "Hillside Primary".into(),
            ..Default::default()
        };
        let pack = build(PackInput {
            framework: &framework,
            school: "Hillside Primary",
            cycle: 1,
            status: PortfolioStatus::InProgress,
            cover: &cover,
            progress: &progress,
            responses: &responses,
            index: &index,
            item_criteria: &item_criteria,
            generated: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        });
        let ids: Vec<&str> = pack
            .domains
            .iter()
            .flat_map(|d| d.criteria.iter().map(|c| c.id.as_str()))
            .collect();
        let expected: Vec<&str> = framework.criteria().map(|(_, c)| c.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(ids.len(), 30);
        let first = &pack.domains[0].criteria[0];
        assert_eq!(first.standard, framework.levels[0].label);
        assert_eq!(
            crate::pack::prose::plain(&first.narratives[0].blocks),
            "We meet weekly.\n\nThe DT leads."
        );
        assert!(first.narratives[1].blocks.is_empty());
        assert_eq!(first.evidence, ["E1 – Induction policy"]);
        assert!(pack.domains[0].criteria[1].evidence.is_empty());
        let c23 = pack.domains[1]
            .criteria
            .iter()
            .find(|c| c.id == "2.3")
            .unwrap();
        assert_eq!(c23.standard, framework.not_met_label);
        assert_eq!(pack.domains[2].criteria[0].standard, "Not chosen yet");
        let row = |label: &str| {
            pack.cover
                .iter()
                .find(|r| r.label == label)
                .map(|r| r.value.clone())
                .unwrap()
        };
        assert_eq!(row("Name of education setting"), "Hillside Primary");
        assert_eq!(row("Head teacher"), "Not given");
        assert_eq!(
            row("Criteria complete"),
            format!("{} of 30", progress.complete)
        );
        assert_eq!(pack.generated, "22 November 2026");
    }
}
