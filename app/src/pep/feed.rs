//! The PEP dates as an iCalendar feed (RFC 5545): an all-day event for each
//! meeting and for each ePEP deadline not yet met. It names no pupil: no
//! reference, year group or placing authority, only "PEP meeting".

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::model::PepRow;

pub fn ical(school_name: &str, rows: &[PepRow], stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar
        .name(&format!("{school_name}: PEP meetings and ePEP deadlines"))
        .description("From the Caring Schools Portfolio. Pupils are not named.");
    for row in rows {
        let meeting = crate::calendar::long_date(&row.meeting_date);
        calendar.push(
            Event::new()
                .uid(&format!("pep-{}-meeting@caring-schools", row.id))
                .timestamp(stamp)
                .summary("PEP meeting")
                .description("A Personal Education Plan meeting. Before it: pupil views captured, SDQ done, ePEP updated, PP+ costed, SMART outcomes.")
                .all_day(row.meeting_date)
                .done(),
        );
        if let (Some(deadline), false) = (row.deadline, row.status.finalised()) {
            calendar.push(
                Event::new()
                    .uid(&format!("pep-{}-deadline@caring-schools", row.id))
                    .timestamp(stamp)
                    .summary("ePEP to be finalised")
                    .description(&format!(
                        "The ePEP of the PEP meeting on {meeting} is finalised by today: 5 school days after the meeting."
                    ))
                    .all_day(deadline)
                    .done(),
            );
        }
    }
    calendar.done().to_string()
}
