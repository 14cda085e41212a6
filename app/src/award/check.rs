//! "Check your portfolio": what to look at before submitting, each thing
//! linked to where it is put right. Nothing here blocks a submission — the
//! toolkit's evidence guideline is advice ("never block"), and a school may
//! send what it has — but the coordinator sees all of it first.

use serde::{Deserialize, Serialize};

use crate::glossary;
use crate::model::{CriterionRow, DomainEvidenceCount};
use crate::rubric::{Framework, Missing};

/// One thing to look at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Finding {
    /// A criterion that is not complete, with what it lacks.
    Incomplete {
        criterion: String,
        missing: Vec<Missing>,
    },
    /// A criterion that claims a level with no evidence linked to it.
    ClaimWithoutEvidence { criterion: String, level: String },
    /// A domain with more evidence than the toolkit suggests.
    OverGuideline {
        domain: u32,
        title: String,
        items: usize,
        guideline: usize,
    },
}

impl Finding {
    /// What the error summary says.
    pub fn message(&self) -> String {
        match self {
            Finding::Incomplete { criterion, missing } => {
                let todo = glossary::still_to_do(missing);
                format!("{criterion} is not complete. {todo}")
            }
            Finding::ClaimWithoutEvidence { criterion, level } => {
                format!("{criterion} claims {level} but has no evidence linked to it")
            }
            Finding::OverGuideline {
                domain,
                title,
                items,
                guideline,
            } => format!(
                "Domain {domain} ({title}) has {items} items of evidence; the toolkit suggests up to {guideline}"
            ),
        }
    }

    /// Where it is put right.
    pub fn href(&self, portfolio_id: i32) -> String {
        match self {
            Finding::Incomplete { criterion, .. }
            | Finding::ClaimWithoutEvidence { criterion, .. } => {
                format!("/portfolios/{portfolio_id}/criteria/{criterion}")
            }
            Finding::OverGuideline { domain, .. } => {
                format!("/portfolios/{portfolio_id}/evidence?domain={domain}")
            }
        }
    }
}

/// Everything to look at, in the order the portfolio reads: incomplete
/// criteria, then levels claimed without evidence, then domains over the
/// evidence guideline.
pub fn check(
    fw: &Framework,
    rows: &[CriterionRow],
    evidence: &[DomainEvidenceCount],
) -> Vec<Finding> {
    let in_order = || {
        fw.criteria()
            .filter_map(|(_, c)| rows.iter().find(|r| r.id == c.id))
    };
    let incomplete = in_order()
        .filter(|r| !r.complete())
        .map(|r| Finding::Incomplete {
            criterion: r.id.clone(),
            missing: r.missing.clone(),
        });
    let unevidenced = in_order().filter(|r| r.evidence == 0).filter_map(|r| {
        let level = fw.level(r.standard.as_deref()?)?;
        Some(Finding::ClaimWithoutEvidence {
            criterion: r.id.clone(),
            level: level.label.clone(),
        })
    });
    let guideline = fw.evidence.per_domain_guideline as usize;
    let over = evidence
        .iter()
        .filter(|d| d.items > guideline)
        .map(|d| Finding::OverGuideline {
            domain: d.number,
            title: d.title.clone(),
            items: d.items,
            guideline,
        });
    incomplete.chain(unevidenced).chain(over).collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::model::ResponseStatus;
    use crate::rubric::FieldKind;

    fn framework() -> Framework {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks");
        let catalog = crate::rubric::Catalog::load_dir(&dir).unwrap();
        (*catalog.get("caring2learn").unwrap()).clone()
    }

    fn row(
        id: &str,
        standard: Option<&str>,
        missing: Vec<Missing>,
        evidence: usize,
    ) -> CriterionRow {
        CriterionRow {
            id: id.into(),
            statement: String::new(),
            status: ResponseStatus::Drafting,
            standard: standard.map(Into::into),
            owner: None,
            missing,
            evidence,
            carried_over: false,
            last_change: None,
        }
    }

    fn domain(number: u32, items: usize) -> DomainEvidenceCount {
        DomainEvidenceCount {
            number,
            title: format!("D{number}"),
            items,
        }
    }

    #[test]
    fn a_finished_portfolio_has_nothing_to_look_at() {
        let fw = framework();
        let rows: Vec<_> = fw
            .criteria()
            .map(|(_, c)| row(&c.id, Some("silver"), vec![], 1))
            .collect();
        let evidence: Vec<_> = (1..=4).map(|n| domain(n, 5)).collect();
        assert_eq!(check(&fw, &rows, &evidence), []);
    }

    #[test]
    fn lists_incomplete_then_unevidenced_claims_then_crowded_domains() {
        let fw = framework();
        let rows = vec![
            // out of order on purpose: the check follows the framework
            row("2.1", Some("gold"), vec![], 0),
            row(
                "1.2",
                None,
                vec![Missing::Field(FieldKind::Impact), Missing::Standard],
                0,
            ),
            row("1.1", Some("not_yet"), vec![], 0),
            row("1.3", Some("bronze"), vec![], 2),
        ];
        let evidence = vec![domain(1, 6), domain(2, 5)];
        let found = check(&fw, &rows, &evidence);
        assert_eq!(
            found,
            [
                Finding::Incomplete {
                    criterion: "1.2".into(),
                    missing: vec![Missing::Field(FieldKind::Impact), Missing::Standard],
                },
                // "not yet" claims nothing, so needs no evidence
                Finding::ClaimWithoutEvidence {
                    criterion: "2.1".into(),
                    level: "Gold".into(),
                },
                Finding::OverGuideline {
                    domain: 1,
                    title: "D1".into(),
                    items: 6,
                    guideline: 5,
                },
            ]
        );
        assert_eq!(
            found[0].message(),
            "1.2 is not complete. Still to write: impact; still to choose: standard met"
        );
        assert_eq!(found[0].href(7), "/portfolios/7/criteria/1.2");
        assert_eq!(
            found[1].message(),
            "2.1 claims Gold but has no evidence linked to it"
        );
        assert_eq!(found[2].href(7), "/portfolios/7/evidence?domain=1");
    }
}
