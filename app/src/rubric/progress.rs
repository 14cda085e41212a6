//! Where a portfolio stands: completion, the level profile, the level reached and
//! the criteria that stand between it and the next level.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::{FieldKind, Framework};

/// The standard a school judges a criterion to meet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StandardMet {
    NotYet,
    Level(String),
}

impl StandardMet {
    /// The stored form: `not_yet` or a level id.
    pub fn as_key(&self) -> &str {
        match self {
            StandardMet::NotYet => "not_yet",
            StandardMet::Level(id) => id,
        }
    }

    pub fn from_key(fw: &Framework, key: &str) -> Option<Self> {
        if key == "not_yet" {
            Some(StandardMet::NotYet)
        } else {
            fw.level(key).map(|l| StandardMet::Level(l.id.clone()))
        }
    }
}

/// What progress needs to know about one criterion's response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CriterionState {
    pub criterion_id: String,
    /// `None` until someone chooses.
    pub standard: Option<StandardMet>,
    /// The completion fields that have text in them.
    pub written: Vec<FieldKind>,
}

impl CriterionState {
    /// From what is stored: a field counts as written when it is not blank;
    /// the standard from its stored key (unknown keys count as not chosen).
    pub fn from_parts<'a>(
        fw: &Framework,
        criterion_id: &str,
        texts: impl IntoIterator<Item = (FieldKind, &'a str)>,
        standard: Option<&str>,
    ) -> Self {
        CriterionState {
            criterion_id: criterion_id.to_string(),
            standard: standard.and_then(|k| StandardMet::from_key(fw, k)),
            written: texts
                .into_iter()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(kind, _)| kind)
                .collect(),
        }
    }
}

/// How many criteria stand at each choice.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LevelProfile {
    pub undecided: usize,
    pub not_yet: usize,
    /// One entry per framework level, lowest first: (level id, count).
    pub levels: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DomainProgress {
    pub number: u32,
    pub title: String,
    pub total: usize,
    pub complete: usize,
    pub profile: LevelProfile,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub domains: Vec<DomainProgress>,
    pub total: usize,
    pub complete: usize,
    pub profile: LevelProfile,
    /// The highest level every criterion meets; `None` is "not yet".
    pub level_reached: Option<String>,
    /// The level above the one reached, if there is one.
    pub next_level: Option<String>,
    /// Criteria below the next level, in framework order.
    pub standing_between: Vec<String>,
}

/// Whole-number percentage, rounded down so 29 of 30 never shows as 100 %.
pub fn percent(part: usize, whole: usize) -> u32 {
    (part * 100).checked_div(whole).unwrap_or(0) as u32
}

impl Progress {
    pub fn percent(&self) -> u32 {
        percent(self.complete, self.total)
    }
}

impl DomainProgress {
    pub fn percent(&self) -> u32 {
        percent(self.complete, self.total)
    }
}

/// What a criterion still lacks before it counts as complete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// A completion field with no text in it.
    Field(FieldKind),
    /// No standard met chosen (choosing "not yet" is a choice).
    Standard,
}

/// The one rule for "complete", used by every page, count and check: every
/// completion field the framework asks for has text in it, and a standard
/// met has been chosen. Returns what is missing, in the order the criterion's
/// page asks for it; nothing missing is complete. `None` is a criterion
/// nobody has touched.
pub fn missing(fw: &Framework, state: Option<&CriterionState>) -> Vec<Missing> {
    let mut out: Vec<Missing> = fw
        .completion_fields
        .iter()
        .filter(|f| !state.is_some_and(|s| s.written.contains(&f.id)))
        .map(|f| Missing::Field(f.id))
        .collect();
    if state.and_then(|s| s.standard.as_ref()).is_none() {
        out.push(Missing::Standard);
    }
    out
}

/// A criterion is complete when nothing is [`missing`].
pub fn is_complete(fw: &Framework, state: &CriterionState) -> bool {
    missing(fw, Some(state)).is_empty()
}

/// Rank of a criterion's standard: 0 for undecided or not yet, 1 for the lowest level…
fn rank(fw: &Framework, standard: Option<&StandardMet>) -> usize {
    match standard {
        Some(StandardMet::Level(id)) => fw.level_rank(id).map_or(0, |r| r + 1),
        _ => 0,
    }
}

fn empty_profile(fw: &Framework) -> LevelProfile {
    LevelProfile {
        undecided: 0,
        not_yet: 0,
        levels: fw.levels.iter().map(|l| (l.id.clone(), 0)).collect(),
    }
}

fn count(profile: &mut LevelProfile, fw: &Framework, standard: Option<&StandardMet>) {
    match standard {
        None => profile.undecided += 1,
        Some(StandardMet::NotYet) => profile.not_yet += 1,
        Some(StandardMet::Level(id)) => match fw.level_rank(id) {
            Some(r) => profile.levels[r].1 += 1,
            None => profile.undecided += 1,
        },
    }
}

/// Progress of a portfolio. Criteria missing from `states` count as not started.
pub fn progress(fw: &Framework, states: &[CriterionState]) -> Progress {
    let by_id: HashMap<&str, &CriterionState> = states
        .iter()
        .map(|s| (s.criterion_id.as_str(), s))
        .collect();
    let mut overall = empty_profile(fw);
    let mut domains = Vec::with_capacity(fw.domains.len());
    let mut complete_total = 0;
    let mut lowest_rank = usize::MAX;

    for domain in &fw.domains {
        let mut profile = empty_profile(fw);
        let mut complete = 0;
        for criterion in &domain.criteria {
            let state = by_id.get(criterion.id.as_str()).copied();
            let standard = state.and_then(|s| s.standard.as_ref());
            count(&mut profile, fw, standard);
            count(&mut overall, fw, standard);
            if state.is_some_and(|s| is_complete(fw, s)) {
                complete += 1;
            }
            lowest_rank = lowest_rank.min(rank(fw, standard));
        }
        complete_total += complete;
        domains.push(DomainProgress {
            number: domain.number,
            title: domain.title.clone(),
            total: domain.criteria.len(),
            complete,
            profile,
        });
    }

    let lowest_rank = if lowest_rank == usize::MAX {
        0
    } else {
        lowest_rank
    };
    let level_reached = lowest_rank.checked_sub(1).map(|r| fw.levels[r].id.clone());
    let next_level = fw.levels.get(lowest_rank).map(|l| l.id.clone());
    let standing_between = match next_level {
        Some(_) => fw
            .criteria()
            .filter(|(_, c)| {
                let standard = by_id.get(c.id.as_str()).and_then(|s| s.standard.as_ref());
                rank(fw, standard) <= lowest_rank
            })
            .map(|(_, c)| c.id.clone())
            .collect(),
        None => Vec::new(),
    };

    Progress {
        domains,
        total: fw.criterion_count(),
        complete: complete_total,
        profile: overall,
        level_reached,
        next_level,
        standing_between,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::model::*;

    fn framework() -> Framework {
        let level = |id: &str| Level {
            id: id.into(),
            label: id.to_uppercase(),
            description: String::new(),
        };
        let criterion = |id: &str| Criterion {
            id: id.into(),
            statement: format!("statement {id}"),
            descriptors: Default::default(),
        };
        let field = |id| CompletionField {
            id,
            label: "x".into(),
            guidance: vec![],
            max_chars: 100,
        };
        Framework {
            id: "t".into(),
            title: "T".into(),
            version: "1".into(),
            publisher: "P".into(),
            intro: String::new(),
            not_met_label: "Not yet".into(),
            criterion_descriptors: false,
            levels: vec![level("bronze"), level("silver"), level("gold")],
            completion_fields: vec![field(FieldKind::Practice), field(FieldKind::Impact)],
            standard_met: StandardMetGuide {
                label: "Standard".into(),
                guidance: vec![],
            },
            evidence: EvidenceGuidance {
                per_domain_guideline: 5,
                guidance: String::new(),
                tips: vec![],
            },
            domains: vec![
                Domain {
                    number: 1,
                    title: "One".into(),
                    summary: String::new(),
                    introduction: vec![],
                    quotes: vec![],
                    criteria: vec![criterion("1.1"), criterion("1.2")],
                },
                Domain {
                    number: 2,
                    title: "Two".into(),
                    summary: String::new(),
                    introduction: vec![],
                    quotes: vec![],
                    criteria: vec![criterion("2.1")],
                },
            ],
            award: None,
        }
    }

    fn state(id: &str, level: Option<&str>, written: &[FieldKind]) -> CriterionState {
        CriterionState {
            criterion_id: id.into(),
            standard: level.map(|l| {
                if l == "not_yet" {
                    StandardMet::NotYet
                } else {
                    StandardMet::Level(l.into())
                }
            }),
            written: written.to_vec(),
        }
    }

    const BOTH: &[FieldKind] = &[FieldKind::Practice, FieldKind::Impact];

    #[test]
    fn nothing_written_is_not_yet_and_every_criterion_stands_before_the_first_level() {
        let p = progress(&framework(), &[]);
        assert_eq!((p.complete, p.total, p.percent()), (0, 3, 0));
        assert_eq!(p.level_reached, None);
        assert_eq!(p.next_level.as_deref(), Some("bronze"));
        assert_eq!(p.standing_between, ["1.1", "1.2", "2.1"]);
        assert_eq!(p.profile.undecided, 3);
    }

    #[test]
    fn the_level_reached_is_the_lowest_criterions_level() {
        let fw = framework();
        let states = [
            state("1.1", Some("gold"), BOTH),
            state("1.2", Some("silver"), BOTH),
            state("2.1", Some("gold"), BOTH),
        ];
        let p = progress(&fw, &states);
        assert_eq!(p.level_reached.as_deref(), Some("silver"));
        assert_eq!(p.next_level.as_deref(), Some("gold"));
        assert_eq!(p.standing_between, ["1.2"]);
        assert_eq!(
            p.profile.levels,
            [
                ("bronze".into(), 0),
                ("silver".into(), 1),
                ("gold".into(), 2)
            ]
        );
        assert_eq!(p.percent(), 100);
    }

    #[test]
    fn one_not_yet_holds_the_whole_portfolio_at_not_yet() {
        let fw = framework();
        let states = [
            state("1.1", Some("gold"), BOTH),
            state("1.2", Some("not_yet"), BOTH),
            state("2.1", Some("bronze"), BOTH),
        ];
        let p = progress(&fw, &states);
        assert_eq!(p.level_reached, None);
        assert_eq!(p.next_level.as_deref(), Some("bronze"));
        assert_eq!(p.standing_between, ["1.2"]);
        assert_eq!(p.profile.not_yet, 1);
    }

    #[test]
    fn all_gold_has_no_next_level() {
        let fw = framework();
        let states: Vec<_> = ["1.1", "1.2", "2.1"]
            .iter()
            .map(|id| state(id, Some("gold"), BOTH))
            .collect();
        let p = progress(&fw, &states);
        assert_eq!(p.level_reached.as_deref(), Some("gold"));
        assert_eq!(p.next_level, None);
        assert!(p.standing_between.is_empty());
    }

    #[test]
    fn completion_needs_every_field_and_a_standard() {
        let fw = framework();
        let states = [
            state("1.1", Some("bronze"), &[FieldKind::Practice]),
            state("1.2", None, BOTH),
            state("2.1", Some("not_yet"), BOTH),
        ];
        let p = progress(&fw, &states);
        assert_eq!(p.complete, 1);
        assert_eq!(p.domains[0].complete, 0);
        assert_eq!(p.domains[1].complete, 1);
        assert_eq!(p.domains[1].percent(), 100);
        assert_eq!(percent(29, 30), 96);
    }

    #[test]
    fn missing_names_each_empty_field_then_the_standard() {
        let fw = framework();
        assert_eq!(
            missing(&fw, None),
            [
                Missing::Field(FieldKind::Practice),
                Missing::Field(FieldKind::Impact),
                Missing::Standard
            ]
        );
        let half = state("1.1", None, &[FieldKind::Impact]);
        assert_eq!(
            missing(&fw, Some(&half)),
            [Missing::Field(FieldKind::Practice), Missing::Standard]
        );
        // "Not yet" is a choice: a criterion can be complete at not yet.
        let not_yet = state("1.1", Some("not_yet"), BOTH);
        assert!(missing(&fw, Some(&not_yet)).is_empty());
        assert!(is_complete(&fw, &not_yet));
        // A field the framework does not ask for is never missing.
        let written = state("1.1", Some("gold"), BOTH);
        assert!(!missing(&fw, Some(&written)).contains(&Missing::Field(FieldKind::NextSteps)));
    }
}
