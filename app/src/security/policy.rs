//! The authorisation policy: one pure function that every route, server
//! function, upload, download and websocket message goes through (by way of
//! `services::access`, which finds the thing and asks this).
//!
//! It answers in a fixed order: not signed in (401); not theirs to know of
//! (404); theirs to see but not to do (403); allowed, but not at this stage of
//! the portfolio (409, with a reason a person can act on).

use crate::model::{Capabilities, PortfolioStatus, SchoolRole};

/// The signed-in person as the policy sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i32,
    /// Runs the site: schools, accounts, frameworks, award teams. Reads a
    /// school's content only as a member or assessor, like anyone else.
    pub is_admin: bool,
    /// The authority whose award team this person is on.
    pub assessor_of: Option<i32>,
    pub memberships: Vec<(i32, SchoolRole)>,
}

impl Principal {
    pub fn role_in(&self, school_id: i32) -> Option<SchoolRole> {
        self.memberships
            .iter()
            .find(|(s, _)| *s == school_id)
            .map(|(_, r)| *r)
    }
}

/// Where a portfolio is in the award's cycle, as far as rights go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Being written.
    Open,
    /// With the award team: read-only for the school.
    Submitted,
    /// "Not yet": back with the school, with feedback, to change and resubmit.
    Returned,
    /// Awarded: kept as it was; a renewal starts a new cycle.
    Awarded,
}

impl Stage {
    pub fn of(status: PortfolioStatus) -> Stage {
        match status {
            PortfolioStatus::InProgress => Stage::Open,
            PortfolioStatus::Submitted => Stage::Submitted,
            PortfolioStatus::NotYetAwarded => Stage::Returned,
            PortfolioStatus::Awarded => Stage::Awarded,
        }
    }

    /// The school may change it.
    pub fn open(self) -> bool {
        matches!(self, Stage::Open | Stage::Returned)
    }
}

/// What is being acted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A school and what is its own beyond a portfolio: members, surveys,
    /// the governors' report commentary, the download log.
    School { school_id: i32, authority_id: i32 },
    /// One portfolio of a school, at its stage.
    Portfolio {
        school_id: i32,
        authority_id: i32,
        stage: Stage,
    },
    /// An authority: its schools' standing, its board meetings.
    Authority(i32),
    /// The whole site (schools, assessors, frameworks).
    Site,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See that it exists: names, aggregates, progress, the dashboard, the
    /// report, the certificate.
    View,
    /// Read what staff wrote and the evidence files; download the pack.
    /// The award team only once a portfolio is submitted or awarded.
    ReadNarratives,
    /// Change the portfolio (while the school has it), evidence or surveys.
    Edit,
    /// Read the staff's review comments on criteria (staff only: never the
    /// governors, the award team or the pack).
    ReadComments,
    /// Leave, answer and resolve review comments (staff, while the school has it).
    Comment,
    /// Invite, change and remove members.
    ManageMembers,
    /// Read who downloaded which evidence file or pack (the coordinator).
    ReadDownloads,
    /// Register the start date with the award team (the coordinator).
    Register,
    /// Send the portfolio to the award team (the coordinator).
    Submit,
    /// Start the next cycle from an awarded portfolio (the coordinator).
    StartRenewal,
    /// Open a submitted portfolio to the school again (the award team).
    Reopen,
    /// Write feedback and notes on a submitted portfolio (the award team).
    Assess,
    /// Record the board's decision on a submitted portfolio (the award team).
    Decide,
    /// Read the feedback of decided rounds (staff and the award team).
    ReadFeedback,
    /// Read feedback not yet decided on (the award team only).
    ReadDraftFeedback,
    /// Keep board meetings and agendas, change target dates (the award team).
    ManageAward,
    /// Create schools, authorities and assessors.
    Administer,
    /// Keep the school's PEP meetings (pupil references, duties, dates) and
    /// read them; follow them as a calendar feed (staff).
    KeepPeps,
    /// Add and remove the school's own closure (INSET) days (the coordinator).
    ManageCalendar,
    /// Start the school's Designated Teacher self-audit (the coordinator).
    StartAudit,
}

/// Why not: not signed in (401), may see it but not do this (403), may not
/// even know it exists (404), or may, but not at this stage (409).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denial {
    Unauthenticated,
    Forbidden,
    NotFound,
    NotNow(&'static str),
}

const SUBMITTED: &str = "This portfolio has been submitted, so it can no longer be changed.";
const AWARDED: &str = "This portfolio has been awarded, so it is kept as it is. Start the renewal to work on the next cycle.";
const ONLY_SUBMITTED: &str =
    "Only a submitted portfolio can be assessed, decided on or opened again.";
const ONLY_AWARDED: &str = "Only an awarded portfolio can be renewed.";

/// The stage an action needs, if it needs one.
fn stage_allows(action: Action, stage: Stage) -> Result<(), Denial> {
    let school_change = matches!(
        action,
        Action::Edit | Action::Comment | Action::Register | Action::Submit
    );
    let award_team = matches!(action, Action::Reopen | Action::Assess | Action::Decide);
    match stage {
        Stage::Submitted if school_change => Err(Denial::NotNow(SUBMITTED)),
        Stage::Awarded if school_change => Err(Denial::NotNow(AWARDED)),
        Stage::Open | Stage::Returned | Stage::Awarded if award_team => {
            Err(Denial::NotNow(ONLY_SUBMITTED))
        }
        Stage::Open | Stage::Returned | Stage::Submitted if action == Action::StartRenewal => {
            Err(Denial::NotNow(ONLY_AWARDED))
        }
        _ => Ok(()),
    }
}

/// What a member of the school may do, whatever the stage.
fn member_may(role: SchoolRole, action: Action, portfolio: bool) -> bool {
    let staff = matches!(role, SchoolRole::Coordinator | SchoolRole::Editor);
    let coordinator = role == SchoolRole::Coordinator;
    match action {
        Action::View => true,
        Action::ReadNarratives
        | Action::Edit
        | Action::ReadComments
        | Action::Comment
        | Action::ReadFeedback => staff,
        Action::ManageMembers
        | Action::ReadDownloads
        | Action::ManageCalendar
        | Action::StartAudit => coordinator && !portfolio,
        Action::KeepPeps => staff && !portfolio,
        Action::Register | Action::Submit | Action::StartRenewal => coordinator && portfolio,
        Action::Reopen
        | Action::Assess
        | Action::Decide
        | Action::ReadDraftFeedback
        | Action::ManageAward
        | Action::Administer => false,
    }
}

/// What the award team may do with a school of its authority.
fn assessor_may(action: Action, stage: Option<Stage>) -> bool {
    match action {
        Action::View => true,
        Action::ReadNarratives => matches!(stage, Some(Stage::Submitted | Stage::Awarded)),
        Action::Reopen | Action::Assess | Action::Decide => stage.is_some(),
        Action::ReadFeedback | Action::ReadDraftFeedback | Action::ManageAward => true,
        Action::Edit
        | Action::ReadComments
        | Action::Comment
        | Action::ManageMembers
        | Action::ReadDownloads
        | Action::Register
        | Action::Submit
        | Action::StartRenewal
        | Action::Administer
        | Action::KeepPeps
        | Action::ManageCalendar
        | Action::StartAudit => false,
    }
}

/// What an administrator may do with a school they are not part of: see it
/// and manage its accounts, never read its content.
fn admin_may(action: Action, portfolio: bool) -> bool {
    match action {
        Action::View => true,
        Action::ManageMembers => !portfolio,
        _ => false,
    }
}

pub fn decide(who: Option<&Principal>, action: Action, target: Target) -> Result<(), Denial> {
    let Some(p) = who else {
        return Err(Denial::Unauthenticated);
    };
    match target {
        Target::Site => match action {
            Action::Administer if p.is_admin => Ok(()),
            _ => Err(Denial::Forbidden),
        },
        Target::Authority(authority_id) => {
            let assessor = p.assessor_of == Some(authority_id);
            match action {
                Action::View if assessor || p.is_admin => Ok(()),
                Action::ManageAward if assessor => Ok(()),
                _ => Err(Denial::Forbidden),
            }
        }
        Target::School {
            school_id,
            authority_id,
        } => on_school(p, action, school_id, authority_id, None),
        Target::Portfolio {
            school_id,
            authority_id,
            stage,
        } => on_school(p, action, school_id, authority_id, Some(stage)),
    }
}

fn on_school(
    p: &Principal,
    action: Action,
    school_id: i32,
    authority_id: i32,
    stage: Option<Stage>,
) -> Result<(), Denial> {
    let role = p.role_in(school_id);
    let assessor = p.assessor_of == Some(authority_id);
    if role.is_none() && !assessor && !p.is_admin {
        return Err(Denial::NotFound);
    }
    let portfolio = stage.is_some();
    // Rights as a member, as the award team and as an administrator add up
    // (an assessor may also govern a school of their authority).
    let allowed = role.is_some_and(|r| member_may(r, action, portfolio))
        || (assessor && assessor_may(action, stage))
        || (p.is_admin && admin_may(action, portfolio));
    if !allowed {
        return Err(Denial::Forbidden);
    }
    match stage {
        Some(stage) => stage_allows(action, stage),
        None => Ok(()),
    }
}

/// May `who` issue a password reset link for `account`? A coordinator, for
/// someone whose every school is one they coordinate (never an administrator
/// or a member of an award team: that would hand over more than the school);
/// an administrator, for coordinators and award teams. Nobody for themselves:
/// they know their password, or ask.
pub fn may_reset(who: Option<&Principal>, account: &Principal) -> Result<(), Denial> {
    let Some(p) = who else {
        return Err(Denial::Unauthenticated);
    };
    if p.user_id == account.user_id {
        return Err(Denial::Forbidden);
    }
    let coordinates = |school: i32| p.role_in(school) == Some(SchoolRole::Coordinator);
    let in_my_school = account.memberships.iter().any(|(s, _)| coordinates(*s));
    let site_wide = account.is_admin || account.assessor_of.is_some();
    let a_coordinator = account
        .memberships
        .iter()
        .any(|(_, r)| *r == SchoolRole::Coordinator);
    if p.is_admin && !account.is_admin && (a_coordinator || account.assessor_of.is_some()) {
        return Ok(());
    }
    if in_my_school {
        let only_mine = account.memberships.iter().all(|(s, _)| coordinates(*s));
        return if only_mine && !site_wide {
            Ok(())
        } else {
            Err(Denial::Forbidden)
        };
    }
    if p.is_admin {
        Err(Denial::Forbidden)
    } else {
        Err(Denial::NotFound)
    }
}

/// What the pages may offer this person for a portfolio (the same policy,
/// asked ahead), so a page shows only the controls that will work.
pub fn capabilities(who: Option<&Principal>, target: Target) -> Capabilities {
    let can = |action| decide(who, action, target).is_ok();
    let school = match target {
        Target::Portfolio {
            school_id,
            authority_id,
            ..
        } => Target::School {
            school_id,
            authority_id,
        },
        other => other,
    };
    let on_school = |action| decide(who, action, school).is_ok();
    Capabilities {
        view: can(Action::View),
        edit: can(Action::Edit),
        read_narratives: can(Action::ReadNarratives),
        read_comments: can(Action::ReadComments),
        comment: can(Action::Comment),
        manage_members: on_school(Action::ManageMembers),
        read_downloads: on_school(Action::ReadDownloads),
        keep_peps: on_school(Action::KeepPeps),
        manage_calendar: on_school(Action::ManageCalendar),
        register: can(Action::Register),
        submit: can(Action::Submit),
        start_renewal: can(Action::StartRenewal),
        reopen: can(Action::Reopen),
        assess: can(Action::Assess),
        decide: can(Action::Decide),
        read_feedback: can(Action::ReadFeedback),
        read_draft_feedback: can(Action::ReadDraftFeedback),
        manage_award: can(Action::ManageAward),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHOOL_A: Target = Target::School {
        school_id: 1,
        authority_id: 10,
    };

    fn portfolio(stage: Stage) -> Target {
        Target::Portfolio {
            school_id: 1,
            authority_id: 10,
            stage,
        }
    }

    const SCHOOL_C: Target = Target::School {
        school_id: 3,
        authority_id: 20,
    };

    fn person(
        is_admin: bool,
        assessor_of: Option<i32>,
        memberships: &[(i32, SchoolRole)],
    ) -> Principal {
        Principal {
            user_id: 7,
            is_admin,
            assessor_of,
            memberships: memberships.to_vec(),
        }
    }

    const WHO: [&str; 7] = [
        "anonymous",
        "admin",
        "assessor",
        "coordinator",
        "editor",
        "governor",
        "other school",
    ];

    fn who(name: &str) -> Option<Principal> {
        Some(match name {
            "anonymous" => return None,
            "admin" => person(true, None, &[]),
            "assessor" => person(false, Some(10), &[]),
            "coordinator" => person(false, None, &[(1, SchoolRole::Coordinator)]),
            "editor" => person(false, None, &[(1, SchoolRole::Editor)]),
            "governor" => person(false, None, &[(1, SchoolRole::Governor)]),
            "other school" => person(false, None, &[(2, SchoolRole::Coordinator)]),
            other => panic!("{other}"),
        })
    }

    fn code(r: Result<(), Denial>) -> u16 {
        match r {
            Ok(()) => 200,
            Err(Denial::Unauthenticated) => 401,
            Err(Denial::Forbidden) => 403,
            Err(Denial::NotFound) => 404,
            Err(Denial::NotNow(_)) => 409,
        }
    }

    /// Checks one target against a table: rows are actions, columns the
    /// people of `WHO` in order.
    fn check(target: Target, table: &[(Action, [u16; 7])]) {
        for (action, codes) in table {
            for (name, want) in WHO.iter().zip(codes) {
                let p = who(name);
                assert_eq!(
                    code(decide(p.as_ref(), *action, target)),
                    *want,
                    "{name} / {action:?} on {target:?}"
                );
            }
        }
    }

    #[test]
    fn the_school_matrix() {
        use Action::*;
        //        anonymous admin assessor coordinator editor governor other
        check(
            SCHOOL_A,
            &[
                (View, [401, 200, 200, 200, 200, 200, 404]),
                (ReadNarratives, [401, 403, 403, 200, 200, 403, 404]),
                (Edit, [401, 403, 403, 200, 200, 403, 404]),
                (ManageMembers, [401, 200, 403, 200, 403, 403, 404]),
                (ReadDownloads, [401, 403, 403, 200, 403, 403, 404]),
                (ManageAward, [401, 403, 200, 403, 403, 403, 404]),
                (Administer, [401, 403, 403, 403, 403, 403, 404]),
                // Pupil references stay with the school's staff; governors
                // and the Virtual School see aggregates only (View).
                (KeepPeps, [401, 403, 403, 200, 200, 403, 404]),
                (ManageCalendar, [401, 403, 403, 200, 403, 403, 404]),
                (StartAudit, [401, 403, 403, 200, 403, 403, 404]),
            ],
        );
    }

    #[test]
    fn an_open_portfolio() {
        use Action::*;
        let t = portfolio(Stage::Open);
        check(
            t,
            &[
                (View, [401, 200, 200, 200, 200, 200, 404]),
                (ReadNarratives, [401, 403, 403, 200, 200, 403, 404]),
                (Edit, [401, 403, 403, 200, 200, 403, 404]),
                (ReadComments, [401, 403, 403, 200, 200, 403, 404]),
                (Comment, [401, 403, 403, 200, 200, 403, 404]),
                (Register, [401, 403, 403, 200, 403, 403, 404]),
                (Submit, [401, 403, 403, 200, 403, 403, 404]),
                (StartRenewal, [401, 403, 403, 409, 403, 403, 404]),
                (Reopen, [401, 403, 409, 403, 403, 403, 404]),
                (Assess, [401, 403, 409, 403, 403, 403, 404]),
                (Decide, [401, 403, 409, 403, 403, 403, 404]),
                (ReadFeedback, [401, 403, 200, 200, 200, 403, 404]),
                (ReadDraftFeedback, [401, 403, 200, 403, 403, 403, 404]),
                (ManageAward, [401, 403, 200, 403, 403, 403, 404]),
                (ManageMembers, [401, 403, 403, 403, 403, 403, 404]),
            ],
        );
    }

    #[test]
    fn a_submitted_portfolio() {
        use Action::*;
        let t = portfolio(Stage::Submitted);
        check(
            t,
            &[
                (View, [401, 200, 200, 200, 200, 200, 404]),
                (ReadNarratives, [401, 403, 200, 200, 200, 403, 404]),
                (Edit, [401, 403, 403, 409, 409, 403, 404]),
                (ReadComments, [401, 403, 403, 200, 200, 403, 404]),
                (Comment, [401, 403, 403, 409, 409, 403, 404]),
                (Register, [401, 403, 403, 409, 403, 403, 404]),
                (Submit, [401, 403, 403, 409, 403, 403, 404]),
                (StartRenewal, [401, 403, 403, 409, 403, 403, 404]),
                (Reopen, [401, 403, 200, 403, 403, 403, 404]),
                (Assess, [401, 403, 200, 403, 403, 403, 404]),
                (Decide, [401, 403, 200, 403, 403, 403, 404]),
                (ReadFeedback, [401, 403, 200, 200, 200, 403, 404]),
                (ReadDraftFeedback, [401, 403, 200, 403, 403, 403, 404]),
            ],
        );
    }

    #[test]
    fn a_returned_portfolio_is_the_schools_again() {
        use Action::*;
        let t = portfolio(Stage::Returned);
        check(
            t,
            &[
                (ReadNarratives, [401, 403, 403, 200, 200, 403, 404]),
                (Edit, [401, 403, 403, 200, 200, 403, 404]),
                (Submit, [401, 403, 403, 200, 403, 403, 404]),
                (Decide, [401, 403, 409, 403, 403, 403, 404]),
                (ReadFeedback, [401, 403, 200, 200, 200, 403, 404]),
            ],
        );
    }

    #[test]
    fn an_awarded_portfolio_is_kept_and_renewed() {
        use Action::*;
        let t = portfolio(Stage::Awarded);
        check(
            t,
            &[
                (View, [401, 200, 200, 200, 200, 200, 404]),
                (ReadNarratives, [401, 403, 200, 200, 200, 403, 404]),
                (Edit, [401, 403, 403, 409, 409, 403, 404]),
                (Submit, [401, 403, 403, 409, 403, 403, 404]),
                (StartRenewal, [401, 403, 403, 200, 403, 403, 404]),
                (Reopen, [401, 403, 409, 403, 403, 403, 404]),
                (Decide, [401, 403, 409, 403, 403, 403, 404]),
            ],
        );
    }

    #[test]
    fn an_administrator_never_reads_content() {
        let admin = who("admin");
        for stage in [
            Stage::Open,
            Stage::Submitted,
            Stage::Returned,
            Stage::Awarded,
        ] {
            for action in [
                Action::ReadNarratives,
                Action::ReadComments,
                Action::ReadFeedback,
                Action::ReadDraftFeedback,
                Action::Edit,
                Action::Decide,
            ] {
                assert_eq!(
                    decide(admin.as_ref(), action, portfolio(stage)),
                    Err(Denial::Forbidden),
                    "{action:?} at {stage:?}"
                );
            }
        }
        // …unless they are also a member of the school.
        let member = person(true, None, &[(1, SchoolRole::Editor)]);
        assert_eq!(
            decide(
                Some(&member),
                Action::ReadNarratives,
                portfolio(Stage::Open)
            ),
            Ok(())
        );
    }

    #[test]
    fn an_assessor_who_governs_a_school_keeps_both_rights() {
        let p = Some(person(false, Some(10), &[(1, SchoolRole::Governor)]));
        let p = p.as_ref();
        assert_eq!(
            decide(p, Action::Reopen, portfolio(Stage::Submitted)),
            Ok(())
        );
        assert_eq!(
            decide(p, Action::ReadNarratives, portfolio(Stage::Submitted)),
            Ok(())
        );
        assert_eq!(
            decide(p, Action::ReadNarratives, portfolio(Stage::Open)),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            decide(p, Action::Edit, portfolio(Stage::Open)),
            Err(Denial::Forbidden)
        );
    }

    #[test]
    fn an_assessor_of_another_authority_does_not_see_the_school() {
        let p = who("assessor");
        assert_eq!(
            decide(p.as_ref(), Action::View, SCHOOL_C),
            Err(Denial::NotFound)
        );
        let other = Target::Portfolio {
            school_id: 3,
            authority_id: 20,
            stage: Stage::Submitted,
        };
        assert_eq!(
            decide(p.as_ref(), Action::ReadNarratives, other),
            Err(Denial::NotFound)
        );
    }

    #[test]
    fn authority_and_site_targets() {
        for (name, view, manage, site) in [
            ("anonymous", 401, 401, 401),
            ("admin", 200, 403, 200),
            ("assessor", 200, 200, 403),
            ("coordinator", 403, 403, 403),
            ("governor", 403, 403, 403),
        ] {
            let p = who(name);
            let p = p.as_ref();
            assert_eq!(
                code(decide(p, Action::View, Target::Authority(10))),
                view,
                "{name}"
            );
            assert_eq!(
                code(decide(p, Action::ManageAward, Target::Authority(10))),
                manage,
                "{name}"
            );
            assert_eq!(
                code(decide(p, Action::Administer, Target::Site)),
                site,
                "{name}"
            );
        }
        let p = who("assessor");
        assert_eq!(
            code(decide(p.as_ref(), Action::View, Target::Authority(20))),
            403
        );
    }

    #[test]
    fn capabilities_follow_the_policy() {
        let g = capabilities(who("governor").as_ref(), portfolio(Stage::Open));
        assert_eq!(
            g,
            Capabilities {
                view: true,
                ..Capabilities::default()
            }
        );
        let c = capabilities(who("coordinator").as_ref(), portfolio(Stage::Open));
        assert!(c.edit && c.read_narratives && c.manage_members && c.submit && c.register);
        assert!(!c.reopen && !c.start_renewal && c.read_downloads && c.read_feedback);
        let e = capabilities(who("editor").as_ref(), portfolio(Stage::Open));
        assert!(e.edit && !e.manage_members && !e.submit && !e.read_downloads);
        // PEPs are the staff's; the calendar is the coordinator's.
        assert!(c.keep_peps && c.manage_calendar && e.keep_peps && !e.manage_calendar);
        assert!(!g.keep_peps && !g.manage_calendar);
        let a = capabilities(who("assessor").as_ref(), portfolio(Stage::Submitted));
        assert!(a.reopen && a.read_narratives && a.assess && a.decide && !a.edit && !a.submit);
        // Review comments are the school staff's own, even once submitted.
        assert!(!a.read_comments && !a.comment);
        assert!(e.read_comments && e.comment && !g.read_comments);
        let done = capabilities(who("coordinator").as_ref(), portfolio(Stage::Awarded));
        assert!(done.start_renewal && !done.edit && !done.submit);
    }

    #[test]
    fn who_may_issue_a_password_reset_link() {
        let account = |id, admin, assessor: Option<i32>, ms: &[(i32, SchoolRole)]| Principal {
            user_id: id,
            is_admin: admin,
            assessor_of: assessor,
            memberships: ms.to_vec(),
        };
        use SchoolRole::*;
        let editor = account(20, false, None, &[(1, Editor)]);
        let governor = account(21, false, None, &[(1, Governor)]);
        let coordinator = account(22, false, None, &[(1, Coordinator)]);
        let two_schools = account(23, false, None, &[(1, Editor), (2, Editor)]);
        let assessor = account(24, false, Some(10), &[]);
        let admin_member = account(25, true, None, &[(1, Editor)]);
        let assessing_governor = account(26, false, Some(10), &[(1, Governor)]);
        let stranger = account(27, false, None, &[(3, Editor)]);
        for (name, target, want) in [
            // the coordinator of school 1
            ("coordinator", &editor, 200),
            ("coordinator", &governor, 200),
            ("coordinator", &coordinator, 200),
            ("coordinator", &two_schools, 403),
            ("coordinator", &assessor, 404),
            ("coordinator", &admin_member, 403),
            ("coordinator", &assessing_governor, 403),
            ("coordinator", &stranger, 404),
            // an administrator
            ("admin", &coordinator, 200),
            ("admin", &assessor, 200),
            ("admin", &assessing_governor, 200),
            ("admin", &editor, 403),
            ("admin", &admin_member, 403),
            // nobody else
            ("editor", &governor, 404),
            ("governor", &editor, 404),
            ("assessor", &coordinator, 404),
            ("anonymous", &editor, 401),
        ] {
            assert_eq!(
                code(may_reset(who(name).as_ref(), target)),
                want,
                "{name} → {}",
                target.user_id
            );
        }
        // nobody resets their own password this way
        let me = who("coordinator").unwrap();
        assert_eq!(may_reset(Some(&me), &me), Err(Denial::Forbidden));
    }

    #[test]
    fn stages_follow_the_status() {
        assert_eq!(Stage::of(PortfolioStatus::InProgress), Stage::Open);
        assert_eq!(Stage::of(PortfolioStatus::NotYetAwarded), Stage::Returned);
        assert!(Stage::Returned.open() && Stage::Open.open());
        assert!(!Stage::Submitted.open() && !Stage::Awarded.open());
    }
}
