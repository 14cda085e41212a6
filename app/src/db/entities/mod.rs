//! sea-orm entities: the server's view of the tables. They never leave the
//! server; services map them to the plain types in `crate::model`.

pub mod audit_event;
pub mod authority;
pub mod board_meeting;
pub mod calendar_feed;
pub mod comment;
pub mod criterion_response;
pub mod doc_snapshot;
pub mod doc_update;
pub mod download;
pub mod dt_action;
pub mod evidence_file;
pub mod evidence_item;
pub mod evidence_link;
pub mod feedback_note;
pub mod governor_report;
pub mod identifier_override;
pub mod invitation;
pub mod look;
pub mod membership;
pub mod password_reset;
pub mod pep_meeting;
pub mod portfolio;
pub mod school;
pub mod school_closure;
pub mod session;
pub mod submission;
pub mod survey;
pub mod survey_link;
pub mod survey_response;
pub mod user;
