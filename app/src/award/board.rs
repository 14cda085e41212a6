//! Which Assessment Board meeting a submission joins.

use chrono::NaiveDate;

/// The next meeting for a portfolio submitted `today`: the earliest on or
/// after today and, for a resubmission, strictly after the meeting that
/// decided the previous round (it goes to a later board).
pub fn next_meeting(
    meetings: &[(i32, NaiveDate)],
    today: NaiveDate,
    after: Option<NaiveDate>,
) -> Option<i32> {
    meetings
        .iter()
        .filter(|(_, on)| *on >= today && after.is_none_or(|a| *on > a))
        .min_by_key(|(id, on)| (*on, *id))
        .map(|(id, _)| *id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, day).unwrap()
    }

    #[test]
    fn the_earliest_meeting_from_today() {
        let meetings = [(3, d(6, 10)), (1, d(2, 11)), (2, d(10, 7))];
        assert_eq!(next_meeting(&meetings, d(1, 5), None), Some(1));
        // a meeting today still takes it
        assert_eq!(next_meeting(&meetings, d(2, 11), None), Some(1));
        assert_eq!(next_meeting(&meetings, d(2, 12), None), Some(3));
        assert_eq!(next_meeting(&meetings, d(11, 1), None), None);
        assert_eq!(next_meeting(&[], d(1, 1), None), None);
    }

    #[test]
    fn a_resubmission_goes_to_a_later_board() {
        let meetings = [(1, d(2, 11)), (2, d(6, 10))];
        // returned by the February board, resubmitted on the same day
        assert_eq!(next_meeting(&meetings, d(2, 11), Some(d(2, 11))), Some(2));
        assert_eq!(next_meeting(&meetings, d(1, 20), Some(d(2, 11))), Some(2));
    }

    #[test]
    fn two_meetings_on_one_day_take_the_first_made() {
        let meetings = [(5, d(3, 1)), (4, d(3, 1))];
        assert_eq!(next_meeting(&meetings, d(1, 1), None), Some(4));
    }
}
