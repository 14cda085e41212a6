//! Where a school's DT self-audit stands: how many of the Virtual School's
//! expectations are in place, partly in place, not yet, or not answered.

use serde::{Deserialize, Serialize};

use crate::rubric::{Framework, StandardMet};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditStanding {
    /// At the framework's highest level ("In place").
    pub in_place: u32,
    /// At a lower level ("Partly").
    pub partly: u32,
    pub not_yet: u32,
    pub unanswered: u32,
}

impl AuditStanding {
    /// From each criterion's stored standard (`None`: not answered).
    pub fn of<'a>(
        framework: &Framework,
        standards: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    ) -> AuditStanding {
        let top = framework.levels.last().map(|l| l.id.as_str());
        let answers: Vec<(&str, Option<&str>)> = standards.into_iter().collect();
        let mut s = AuditStanding::default();
        for (_, criterion) in framework.criteria() {
            let answer = answers
                .iter()
                .find(|(id, _)| *id == criterion.id)
                .and_then(|(_, a)| *a)
                .and_then(|key| StandardMet::from_key(framework, key));
            match answer {
                None => s.unanswered += 1,
                Some(StandardMet::NotYet) => s.not_yet += 1,
                Some(StandardMet::Level(id)) if Some(id.as_str()) == top => s.in_place += 1,
                Some(StandardMet::Level(_)) => s.partly += 1,
            }
        }
        s
    }

    pub fn total(&self) -> u32 {
        self.in_place + self.partly + self.not_yet + self.unanswered
    }

    /// "5 of 14 in place, 6 partly, 2 not yet, 1 not answered".
    pub fn describe(&self) -> String {
        let mut parts = vec![format!("{} of {} in place", self.in_place, self.total())];
        if self.partly > 0 {
            parts.push(format!("{} partly", self.partly));
        }
        if self.not_yet > 0 {
            parts.push(format!("{} not yet", self.not_yet));
        }
        if self.unanswered > 0 {
            parts.push(format!("{} not answered", self.unanswered));
        }
        parts.join(", ")
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn counts_each_answer_once() {
        let catalog = crate::rubric::Catalog::load_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frameworks"),
        )
        .unwrap();
        let dt = catalog.get("dt-expectations").unwrap();
        let ids: Vec<String> = dt.criteria().map(|(_, c)| c.id.clone()).collect();
        let answers = vec![
            (ids[0].as_str(), Some("in_place")),
            (ids[1].as_str(), Some("partly")),
            (ids[2].as_str(), Some("not_yet")),
            (ids[3].as_str(), None),
            (ids[4].as_str(), Some("in_place")),
        ];
        let s = AuditStanding::of(&dt, answers);
        assert_eq!(s.in_place, 2);
        assert_eq!(s.partly, 1);
        assert_eq!(s.not_yet, 1);
        assert_eq!(s.total() as usize, ids.len());
        assert_eq!(s.unanswered as usize, ids.len() - 4);
        assert!(
            s.describe()
                .starts_with(&format!("2 of {} in place, 1 partly, 1 not yet", ids.len()))
        );
    }
}
