//! The PEP tracker: a school's PEP meetings under pupil references, the
//! duties before each, the ePEP finalisation deadline on the school's own
//! calendar, and the figures drawn from them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::{Problems, ServiceError, ServiceResult, clean_line};
use crate::calendar::{
    Calendars, DateParts, Period, SchoolCalendar, school_year_label, school_year_of,
};
use crate::db::entities::pep_meeting;
use crate::model::{PepFigures, PepRow, PepTracker, SchoolInfo, TermFigures};
use crate::pep::{
    CareStatus, Duty, PepStatus, TermSummary, YEAR_GROUPS, deadline, parse_pounds,
    reference_problem,
};

const MAX_LINE: usize = 80;

/// What the DT typed about a meeting.
#[derive(Clone, Debug, Default)]
pub struct PepInput {
    pub pupil_ref: String,
    pub care_status: String,
    pub year_group: String,
    pub placing_authority: String,
    pub meeting_date: DateParts,
    pub chaired_by: String,
    /// "It does not identify anyone": keep a reference or text the scanner
    /// warned about.
    pub keep_identifiers: bool,
}

struct Checked {
    pupil_ref: String,
    care_status: CareStatus,
    year_group: i32,
    placing_authority: String,
    meeting_date: NaiveDate,
    chaired_by: String,
}

fn check(input: PepInput, this_year: i32) -> ServiceResult<Checked> {
    let mut problems = Problems::default();
    let pupil_ref = input.pupil_ref.trim().to_string();
    match reference_problem(&pupil_ref, this_year) {
        Err(message) => problems.add("pupil_ref", message),
        Ok(Some(warning)) if !input.keep_identifiers => problems.add("pupil_ref", warning),
        Ok(_) => {}
    }
    let care_status = CareStatus::parse(&input.care_status);
    if care_status.is_none() {
        problems.add(
            "care_status",
            "Select whether the pupil is looked after or previously looked after",
        );
    }
    let year_group = input
        .year_group
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| YEAR_GROUPS.contains(y));
    if year_group.is_none() {
        problems.add("year_group", "Select the pupil’s year group");
    }
    let placing_authority = clean_line(
        &mut problems,
        "placing_authority",
        "the placing authority",
        &input.placing_authority,
        MAX_LINE,
    );
    let chaired_by = clean_line(
        &mut problems,
        "chaired_by",
        "who chaired the meeting",
        &input.chaired_by,
        MAX_LINE,
    );
    for (field, text) in [
        ("placing_authority", &placing_authority),
        ("chaired_by", &chaired_by),
    ] {
        if problems.has(field) || input.keep_identifiers {
            continue;
        }
        if let Some(found) = crate::protection::identifiers::scan(text, this_year).first() {
            problems.add(
                field,
                format!(
                    "This seems to contain {} (“{}”). Remove it, or tick “It does not identify anyone” to keep it",
                    found.kind.label(),
                    found.text
                ),
            );
        }
    }
    let meeting_date = match input.meeting_date.parse("The meeting date") {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            problems.add("meeting_date", "Enter the date of the PEP meeting");
            None
        }
        Err(message) => {
            problems.add("meeting_date", message);
            None
        }
    };
    problems.check()?;
    match (care_status, year_group, meeting_date) {
        (Some(care_status), Some(year_group), Some(meeting_date)) => Ok(Checked {
            pupil_ref,
            care_status,
            year_group,
            placing_authority,
            meeting_date,
            chaired_by,
        }),
        _ => Err(ServiceError::Internal("checked input lost a value".into())),
    }
}

/// Records a PEP meeting; returns its id.
pub async fn create(
    db: &impl ConnectionTrait,
    school_id: i32,
    input: PepInput,
    by: i32,
    now: DateTime<Utc>,
) -> ServiceResult<i32> {
    let c = check(input, now.year())?;
    refuse_twice(db, school_id, &c, None).await?;
    let twice = ServiceError::invalid(
        "meeting_date",
        format!(
            "{} already has a PEP meeting on {}",
            c.pupil_ref,
            crate::calendar::long_date(&c.meeting_date)
        ),
    );
    let saved = pep_meeting::ActiveModel {
        school_id: Set(school_id),
        pupil_ref: Set(c.pupil_ref),
        care_status: Set(c.care_status.as_str().into()),
        year_group: Set(c.year_group),
        placing_authority: Set(c.placing_authority),
        meeting_date: Set(c.meeting_date),
        chaired_by: Set(c.chaired_by),
        created_by: Set(Some(by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| match e.sql_err() {
        // Recorded at the same moment by someone else.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => twice,
        _ => ServiceError::Db(e),
    })?;
    Ok(saved.id)
}

/// Changes a meeting's details (its duties and finalisation stay).
pub async fn update(
    db: &impl ConnectionTrait,
    pep: pep_meeting::Model,
    input: PepInput,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let c = check(input, now.year())?;
    refuse_twice(db, pep.school_id, &c, Some(pep.id)).await?;
    if let Some(done) = pep.finalised_on
        && done < c.meeting_date
    {
        return Err(ServiceError::invalid(
            "meeting_date",
            "The meeting date must be on or before the day the ePEP was finalised",
        ));
    }
    let mut row: pep_meeting::ActiveModel = pep.into();
    row.pupil_ref = Set(c.pupil_ref);
    row.care_status = Set(c.care_status.as_str().into());
    row.year_group = Set(c.year_group);
    row.placing_authority = Set(c.placing_authority);
    row.meeting_date = Set(c.meeting_date);
    row.chaired_by = Set(c.chaired_by);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

async fn refuse_twice(
    db: &impl ConnectionTrait,
    school_id: i32,
    c: &Checked,
    except: Option<i32>,
) -> ServiceResult<()> {
    let mut query = pep_meeting::Entity::find()
        .filter(pep_meeting::Column::SchoolId.eq(school_id))
        .filter(pep_meeting::Column::PupilRef.eq(c.pupil_ref.clone()))
        .filter(pep_meeting::Column::MeetingDate.eq(c.meeting_date));
    if let Some(id) = except {
        query = query.filter(pep_meeting::Column::Id.ne(id));
    }
    if query.one(db).await?.is_some() {
        return Err(ServiceError::invalid(
            "meeting_date",
            format!(
                "{} already has a PEP meeting on {}",
                c.pupil_ref,
                crate::calendar::long_date(&c.meeting_date)
            ),
        ));
    }
    Ok(())
}

/// The duties ticked on the form, and the PP+ amount typed.
#[derive(Clone, Debug, Default)]
pub struct DutiesInput {
    pub done: Vec<Duty>,
    /// Pounds, as typed ("1,250" or "1250.50"); empty for none.
    pub ppp_amount: String,
}

/// Ticks and unticks the duties: a newly ticked duty is dated today, one
/// ticked before keeps its date, an unticked one loses it.
pub async fn set_duties(
    db: &impl ConnectionTrait,
    pep: pep_meeting::Model,
    input: DutiesInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let amount =
        parse_pounds(&input.ppp_amount).map_err(|m| ServiceError::invalid("ppp_amount", m))?;
    let ticked = |duty: Duty, before: Option<NaiveDate>| {
        if input.done.contains(&duty) {
            Some(before.unwrap_or(today))
        } else {
            None
        }
    };
    let mut row: pep_meeting::ActiveModel = pep.clone().into();
    row.pupil_views_on = Set(ticked(Duty::PupilViews, pep.pupil_views_on));
    row.sdq_on = Set(ticked(Duty::Sdq, pep.sdq_on));
    row.epep_updated_on = Set(ticked(Duty::EpepUpdated, pep.epep_updated_on));
    row.ppp_costed_on = Set(ticked(Duty::PppCosted, pep.ppp_costed_on));
    row.smart_outcomes_on = Set(ticked(Duty::SmartOutcomes, pep.smart_outcomes_on));
    row.ppp_amount_pence = Set(amount);
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

/// Records the day the ePEP was finalised (`None` to say it is not yet).
pub async fn finalise(
    db: &impl ConnectionTrait,
    pep: pep_meeting::Model,
    on: &DateParts,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let day = on
        .parse("The date the ePEP was finalised")
        .map_err(|m| ServiceError::invalid("finalised_on", m))?
        .ok_or_else(|| {
            ServiceError::invalid("finalised_on", "Enter the date the ePEP was finalised")
        })?;
    if day < pep.meeting_date {
        return Err(ServiceError::invalid(
            "finalised_on",
            format!(
                "The date the ePEP was finalised must be on or after the meeting ({})",
                crate::calendar::long_date(&pep.meeting_date)
            ),
        ));
    }
    if day > today {
        return Err(ServiceError::invalid(
            "finalised_on",
            "The date the ePEP was finalised must be today or in the past",
        ));
    }
    let mut row: pep_meeting::ActiveModel = pep.into();
    row.finalised_on = Set(Some(day));
    row.updated_at = Set(now);
    row.update(db).await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, pep: pep_meeting::Model) -> ServiceResult<()> {
    pep_meeting::Entity::delete_by_id(pep.id).exec(db).await?;
    Ok(())
}

fn duties_of(m: &pep_meeting::Model) -> Vec<(Duty, Option<NaiveDate>)> {
    vec![
        (Duty::PupilViews, m.pupil_views_on),
        (Duty::Sdq, m.sdq_on),
        (Duty::EpepUpdated, m.epep_updated_on),
        (Duty::PppCosted, m.ppp_costed_on),
        (Duty::SmartOutcomes, m.smart_outcomes_on),
    ]
}

/// A stored meeting as the pages show it, with its deadline and status today.
pub fn row(m: pep_meeting::Model, calendar: &SchoolCalendar, today: NaiveDate) -> PepRow {
    let due = deadline(m.meeting_date, calendar);
    // A calendar with no school day for years: count the meeting as due at once.
    let status = PepStatus::of(
        m.meeting_date,
        due.unwrap_or(m.meeting_date),
        m.finalised_on,
        today,
        calendar,
    );
    PepRow {
        duties: duties_of(&m),
        id: m.id,
        care_status: CareStatus::parse(&m.care_status).unwrap_or(CareStatus::LookedAfter),
        pupil_ref: m.pupil_ref,
        year_group: m.year_group,
        placing_authority: m.placing_authority,
        meeting_date: m.meeting_date,
        chaired_by: m.chaired_by,
        ppp_amount_pence: m.ppp_amount_pence,
        deadline: due,
        finalised_on: m.finalised_on,
        status,
    }
}

async fn meetings_between(
    db: &impl ConnectionTrait,
    school_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<Vec<pep_meeting::Model>> {
    Ok(pep_meeting::Entity::find()
        .filter(pep_meeting::Column::SchoolId.eq(school_id))
        .filter(pep_meeting::Column::MeetingDate.gte(from))
        .filter(pep_meeting::Column::MeetingDate.lte(to))
        .order_by_asc(pep_meeting::Column::MeetingDate)
        .order_by_asc(pep_meeting::Column::Id)
        .all(db)
        .await?)
}

fn summarise(rows: &[PepRow], period: &Period) -> TermFigures {
    let mut summary = TermSummary::default();
    for r in rows.iter().filter(|r| period.contains(r.meeting_date)) {
        r.count_in(&mut summary);
    }
    TermFigures {
        label: period.label.clone(),
        from: period.from,
        to: period.to,
        summary,
    }
}

/// The Designated Teacher's page.
pub async fn tracker(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: SchoolInfo,
    user_id: i32,
    can_manage_calendar: bool,
    today: NaiveDate,
) -> ServiceResult<PepTracker> {
    let calendar = super::school_calendar::of_school(db, calendars, &school).await?;
    let starts = school_year_of(today);
    let periods = calendar.periods(starts);
    let year = Period {
        label: school_year_label(starts),
        from: periods.first().map_or(today, |p| p.from),
        to: periods.last().map_or(today, |p| p.to),
    };
    let all: Vec<PepRow> = pep_meeting::Entity::find()
        .filter(pep_meeting::Column::SchoolId.eq(school.id))
        .order_by_desc(pep_meeting::Column::MeetingDate)
        .order_by_desc(pep_meeting::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| row(m, &calendar, today))
        .collect();
    let this_period = periods
        .iter()
        .find(|p| p.contains(today))
        .cloned()
        .unwrap_or_else(|| year.clone());
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let sunday = monday + Duration::days(6);
    let by_date = |mut v: Vec<PepRow>| {
        v.sort_by_key(|r| (r.meeting_date, r.id));
        v
    };
    let pick = |keep: &dyn Fn(&PepRow) -> bool| -> Vec<PepRow> {
        by_date(all.iter().filter(|r| keep(r)).cloned().collect())
    };
    let this_term_peps = pick(&|r| this_period.contains(r.meeting_date));
    let due_this_week = pick(&|r| {
        !r.status.finalised()
            && !r.status.overdue()
            && r.status != PepStatus::Upcoming
            && r.deadline.is_some_and(|d| monday <= d && d <= sunday)
    });
    let overdue = pick(&|r| r.status.overdue());
    let duties_outstanding =
        pick(&|r| r.meeting_date >= today && r.duties_done() < Duty::ALL.len());
    let has_feed = super::feeds::exists(db, school.id, user_id).await?;
    Ok(PepTracker {
        this_term: summarise(&all, &this_period),
        terms: periods
            .iter()
            .filter(|p| p.from <= today)
            .map(|p| summarise(&all, p))
            .collect(),
        year: summarise(&all, &year),
        school,
        today,
        this_term_peps,
        due_this_week,
        overdue,
        duties_outstanding,
        all,
        has_feed,
        can_manage_calendar,
        audit: None,
        can_start_audit: false,
    })
}

/// One meeting, as staff see it.
pub async fn one(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: &SchoolInfo,
    pep: pep_meeting::Model,
    today: NaiveDate,
) -> ServiceResult<PepRow> {
    let calendar = super::school_calendar::of_school(db, calendars, school).await?;
    Ok(row(pep, &calendar, today))
}

/// This school year's figures as governors and the Virtual School see them.
pub async fn figures(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: &SchoolInfo,
    today: NaiveDate,
) -> ServiceResult<PepFigures> {
    let summary = year_summary(db, calendars, school, today).await?;
    Ok(PepFigures::of(
        school_year_label(school_year_of(today)),
        &summary,
    ))
}

/// The school year's exact figures (for aggregating across schools; never
/// sent as they are to anyone but the school's staff).
pub async fn year_summary(
    db: &impl ConnectionTrait,
    calendars: &Calendars,
    school: &SchoolInfo,
    today: NaiveDate,
) -> ServiceResult<TermSummary> {
    let calendar = super::school_calendar::of_school(db, calendars, school).await?;
    let starts = school_year_of(today);
    let periods = calendar.periods(starts);
    let (Some(from), Some(to)) = (
        periods.first().map(|p| p.from),
        periods.last().map(|p| p.to),
    ) else {
        return Ok(TermSummary::default());
    };
    let rows: Vec<PepRow> = meetings_between(db, school.id, from, to)
        .await?
        .into_iter()
        .map(|m| row(m, &calendar, today))
        .collect();
    Ok(summarise(
        &rows,
        &Period {
            label: String::new(),
            from,
            to,
        },
    )
    .summary)
}
