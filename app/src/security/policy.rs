//! The authorisation policy: one pure function that every route, server
//! function and websocket message goes through.

use crate::model::{Capabilities, SchoolRole};

/// The signed-in person as the policy sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i32,
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

/// What is being acted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A school and everything in it; the authority decides what assessors see.
    School { school_id: i32, authority_id: i32 },
    /// An authority's overview of its schools.
    Authority(i32),
    /// The whole site (schools, assessors, frameworks).
    Site,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See that it exists: names, aggregates, progress, the dashboard.
    View,
    /// Read what staff wrote. Assessors only once the portfolio is submitted.
    ReadNarratives { submitted: bool },
    /// Change the portfolio, evidence or surveys.
    Edit,
    /// Invite, change and remove members.
    ManageMembers,
    /// Send the portfolio to the award team (the coordinator).
    Submit,
    /// Open a submitted portfolio to the school again (the award team).
    Reopen,
    /// Create schools, authorities and assessors.
    Administer,
}

/// Why not: not signed in (401), may see it but not do this (403), or may not
/// even know it exists (404).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denial {
    Unauthenticated,
    Forbidden,
    NotFound,
}

pub fn decide(who: Option<&Principal>, action: Action, target: Target) -> Result<(), Denial> {
    let Some(p) = who else {
        return Err(Denial::Unauthenticated);
    };
    if p.is_admin {
        return Ok(());
    }
    match target {
        Target::Site => Err(Denial::Forbidden),
        Target::Authority(authority_id) => match action {
            Action::View if p.assessor_of == Some(authority_id) => Ok(()),
            _ => Err(Denial::Forbidden),
        },
        Target::School {
            school_id,
            authority_id,
        } => {
            let role = p.role_in(school_id);
            let assessor = p.assessor_of == Some(authority_id);
            if role.is_none() && !assessor {
                return Err(Denial::NotFound);
            }
            // Rights as a member and as the award team add up (an assessor
            // may also govern a school of their authority).
            let as_member = role.is_some_and(|role| {
                let staff = matches!(role, SchoolRole::Coordinator | SchoolRole::Editor);
                match action {
                    Action::View => true,
                    Action::ReadNarratives { .. } | Action::Edit => staff,
                    Action::ManageMembers | Action::Submit => role == SchoolRole::Coordinator,
                    Action::Administer | Action::Reopen => false,
                }
            });
            let as_assessor = assessor
                && match action {
                    Action::View | Action::Reopen => true,
                    Action::ReadNarratives { submitted } => submitted,
                    Action::Edit | Action::ManageMembers | Action::Submit | Action::Administer => {
                        false
                    }
                };
            if as_member || as_assessor {
                Ok(())
            } else {
                Err(Denial::Forbidden)
            }
        }
    }
}

/// What the pages may offer this person for a school (the same policy, asked ahead).
pub fn capabilities(who: Option<&Principal>, target: Target, submitted: bool) -> Capabilities {
    let can = |action| decide(who, action, target).is_ok();
    Capabilities {
        edit: can(Action::Edit),
        read_narratives: can(Action::ReadNarratives { submitted }),
        manage_members: can(Action::ManageMembers),
        submit: can(Action::Submit),
        reopen: can(Action::Reopen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHOOL_A: Target = Target::School {
        school_id: 1,
        authority_id: 10,
    };
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
        }
    }

    #[test]
    fn the_school_matrix() {
        use Action::*;
        let actions = [
            ("view", View),
            ("read draft", ReadNarratives { submitted: false }),
            ("read submitted", ReadNarratives { submitted: true }),
            ("edit", Edit),
            ("manage members", ManageMembers),
            ("administer", Administer),
            ("submit", Submit),
            ("reopen", Reopen),
        ];
        // rows: who; columns in the order of `actions`
        let expected: [(&str, [u16; 8]); 7] = [
            ("anonymous", [401, 401, 401, 401, 401, 401, 401, 401]),
            ("admin", [200, 200, 200, 200, 200, 200, 200, 200]),
            ("assessor", [200, 403, 200, 403, 403, 403, 403, 200]),
            ("coordinator", [200, 200, 200, 200, 200, 403, 200, 403]),
            ("editor", [200, 200, 200, 200, 403, 403, 403, 403]),
            ("governor", [200, 403, 403, 403, 403, 403, 403, 403]),
            ("other school", [404, 404, 404, 404, 404, 404, 404, 404]),
        ];
        for (name, codes) in expected {
            let p = who(name);
            for ((label, action), want) in actions.iter().zip(codes) {
                assert_eq!(
                    code(decide(p.as_ref(), *action, SCHOOL_A)),
                    want,
                    "{name} / {label}"
                );
            }
        }
    }

    #[test]
    fn an_assessor_who_governs_a_school_keeps_both_rights() {
        let p = Some(person(false, Some(10), &[(1, SchoolRole::Governor)]));
        let p = p.as_ref();
        assert_eq!(decide(p, Action::Reopen, SCHOOL_A), Ok(()));
        assert_eq!(
            decide(p, Action::ReadNarratives { submitted: true }, SCHOOL_A),
            Ok(())
        );
        assert_eq!(
            decide(p, Action::ReadNarratives { submitted: false }, SCHOOL_A),
            Err(Denial::Forbidden)
        );
        assert_eq!(decide(p, Action::Edit, SCHOOL_A), Err(Denial::Forbidden));
    }

    #[test]
    fn an_assessor_of_another_authority_does_not_see_the_school() {
        let p = who("assessor");
        assert_eq!(
            decide(p.as_ref(), Action::View, SCHOOL_C),
            Err(Denial::NotFound)
        );
    }

    #[test]
    fn authority_and_site_targets() {
        for (name, authority, site) in [
            ("anonymous", 401, 401),
            ("admin", 200, 200),
            ("assessor", 200, 403),
            ("coordinator", 403, 403),
            ("governor", 403, 403),
        ] {
            let p = who(name);
            assert_eq!(
                code(decide(p.as_ref(), Action::View, Target::Authority(10))),
                authority,
                "{name}"
            );
            assert_eq!(
                code(decide(p.as_ref(), Action::Administer, Target::Site)),
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
        let g = capabilities(who("governor").as_ref(), SCHOOL_A, false);
        assert_eq!(g, Capabilities::default());
        let c = capabilities(who("coordinator").as_ref(), SCHOOL_A, false);
        assert!(c.edit && c.read_narratives && c.manage_members && c.submit && !c.reopen);
        let e = capabilities(who("editor").as_ref(), SCHOOL_A, false);
        assert!(e.edit && !e.manage_members && !e.submit);
        let a = capabilities(who("assessor").as_ref(), SCHOOL_A, true);
        assert!(a.reopen && a.read_narratives && !a.edit && !a.submit);
    }
}
