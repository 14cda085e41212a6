//! Figures about a set of PEPs: for the DT (exact), and for governors and the
//! Virtual School (aggregates, with small numbers hidden so no child can be
//! picked out).

use serde::{Deserialize, Serialize};

use super::PepStatus;

/// Counts below this are not shown outside the school's staff (as survey
/// results are not).
pub const SMALL_NUMBER: u32 = 5;

/// Figures for a term (or a year) of PEPs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermSummary {
    /// Meetings held (on or before today).
    pub held: u32,
    pub finalised: u32,
    pub finalised_on_time: u32,
    pub overdue: u32,
    /// Held meetings whose pupil's views were captured.
    pub pupil_views: u32,
    /// Duties ticked, of those due (five per held meeting).
    pub duties_done: u32,
    pub duties_due: u32,
}

impl TermSummary {
    /// Adds one PEP: its status and how many of its duties are done, and
    /// whether the pupil's views were captured.
    pub fn add(&mut self, status: PepStatus, duties_done: u32, pupil_views: bool) {
        if status == PepStatus::Upcoming {
            return;
        }
        self.held += 1;
        self.finalised += u32::from(status.finalised());
        self.finalised_on_time += u32::from(status == PepStatus::FinalisedOnTime);
        self.overdue += u32::from(status.overdue());
        self.pupil_views += u32::from(pupil_views);
        self.duties_done += duties_done;
        self.duties_due += super::Duty::ALL.len() as u32;
    }

    /// Finalised within 5 school days, of the meetings whose deadline has
    /// come (finalised or overdue): a PEP still within its five days counts
    /// for neither.
    pub fn on_time_share(&self) -> Share {
        share(self.finalised_on_time, self.finalised + self.overdue)
    }

    pub fn duties_share(&self) -> Share {
        share(self.duties_done, self.duties_due)
    }

    pub fn pupil_views_share(&self) -> Share {
        share(self.pupil_views, self.held)
    }

    /// The figures as governors and the Virtual School may see them.
    pub fn held_shown(&self) -> Share {
        if self.held < SMALL_NUMBER {
            Share::Hidden
        } else {
            Share::Count(self.held)
        }
    }
}

/// A figure as it may be shown: hidden when it rests on fewer than
/// [`SMALL_NUMBER`] meetings, none when there is nothing to divide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Share {
    None,
    Hidden,
    Percent(u32),
    Count(u32),
}

impl Share {
    pub fn show(self) -> String {
        match self {
            Share::None => "None yet".into(),
            Share::Hidden => format!("Fewer than {SMALL_NUMBER}"),
            Share::Percent(p) => format!("{p}%"),
            Share::Count(n) => n.to_string(),
        }
    }

    /// The same figure as the DT sees it (never hidden).
    pub fn exact(part: u32, whole: u32) -> String {
        if whole == 0 {
            "None yet".into()
        } else {
            format!("{}% ({part} of {whole})", percent(part, whole))
        }
    }
}

fn percent(part: u32, whole: u32) -> u32 {
    ((f64::from(part) * 100.0) / f64::from(whole)).round() as u32
}

/// `part` of `whole` as a rounded percentage, hidden for small `whole`.
pub fn share(part: u32, whole: u32) -> Share {
    match whole {
        0 => Share::None,
        w if w < SMALL_NUMBER => Share::Hidden,
        w => Share::Percent(percent(part, w)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_small_numbers() {
        let mut s = TermSummary::default();
        s.add(PepStatus::Upcoming, 2, true);
        assert_eq!(s.held, 0);
        s.add(PepStatus::FinalisedOnTime, 5, true);
        s.add(
            PepStatus::FinalisedLate {
                school_days_late: 2,
            },
            4,
            false,
        );
        s.add(
            PepStatus::Overdue {
                school_days_late: 1,
            },
            3,
            true,
        );
        s.add(
            PepStatus::ToFinalise {
                school_days_left: 4,
            },
            5,
            true,
        );
        assert_eq!(s.held, 4);
        assert_eq!(s.held_shown(), Share::Hidden);
        assert_eq!(s.on_time_share(), Share::Hidden);
        s.add(PepStatus::FinalisedOnTime, 5, true);
        s.add(PepStatus::FinalisedOnTime, 5, true);
        assert_eq!(s.held_shown(), Share::Count(6));
        // 3 on time of 5 whose deadline has come.
        assert_eq!(s.on_time_share(), Share::Percent(60));
        assert_eq!(s.pupil_views_share(), Share::Percent(83));
        assert_eq!(s.duties_share(), Share::Percent(90));
        assert_eq!(Share::exact(3, 4), "75% (3 of 4)");
        assert_eq!(share(0, 0).show(), "None yet");
        assert_eq!(Share::Hidden.show(), "Fewer than 5");
    }
}
