//! The status use case: gather a [`StatusInput`] from the log and compute the report or the snapshot the
//! advisor listens to.
//!
//! Session loads are computed here from what the listings hold (cardio: the average-heart-rate TRIMP, or
//! session RPE × minutes; lifting: session RPE, else the sets), so the whole history is read without its
//! per-second samples: ten years of log stays one query per table.

use afterlift_core::contract::{ReadinessLevel, StatusResponse};
use afterlift_core::load::{activity_load, lift_load};
use afterlift_core::session::{Activity, Sport, StrengthSession};
use afterlift_core::status::{self, LoggedSession, RunSummary, SessionKind, Status, StatusInput};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{Store, TimeFilter};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::AppError;
use crate::from_log::time_zone;

/// Check-ins further back than this do not affect the status (the readiness baselines use 60 days).
const WELLNESS_DAYS: i64 = 70;

/// Everything the status needs, from the log, as of `at`. `None` without a profile. `fallback` is the
/// time zone when the profile names none ([`crate::from_log::time_zone`]).
pub async fn input(
    store: &Store,
    at: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<StatusInput>, AppError> {
    input_for(store, at, at, fallback).await
}

/// [`input`] as of `at`, with the check-ins far enough back for a status as early as `earliest` too.
async fn input_for(
    store: &Store,
    at: Timestamp,
    earliest: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<StatusInput>, AppError> {
    let Some(profile) = store.profile().await? else {
        return Ok(None);
    };
    let tz = time_zone(Some(&profile), fallback)?;
    let athlete = profile.athlete;
    let until = TimeFilter {
        from: None,
        to: at.checked_add(SignedDuration::from_secs(1)).ok(),
        limit: None,
    };
    let activities = store.activities(&until).await?;
    let lifts = store.lifts(&until).await?;
    let today = at.to_zoned(tz.clone()).date();
    let first_day = earliest.min(at).to_zoned(tz.clone()).date();
    let wellness = store
        .wellness(wellness_from(first_day), today)
        .await?
        .into_iter()
        .map(|w| (w.date, w.wellness))
        .collect();
    let aliases = crate::exercises::aliases(store).await?;
    Ok(Some(input_from_rows(
        athlete,
        tz,
        &activities,
        &lifts,
        wellness,
        aliases,
    )))
}

/// The end of `date` in the athlete's time zone (its last second): what a status "as of a date" is for,
/// so that the whole of that local day counts. `None` for a date the zone cannot place.
pub fn end_of_local_day(date: jiff::civil::Date, tz: &jiff::tz::TimeZone) -> Option<Timestamp> {
    // The next day's start less a second, not 23:59:59: a day is not always 24 h long (DST).
    let next = date.checked_add(1.day()).ok()?.to_zoned(tz.clone()).ok()?;
    next.timestamp()
        .checked_sub(SignedDuration::from_secs(1))
        .ok()
}

/// [`end_of_local_day`] in the stored profile's time zone (`fallback` when it names none).
pub async fn end_of_day(
    store: &Store,
    date: jiff::civil::Date,
    fallback: &TimeZone,
) -> Result<Timestamp, AppError> {
    let profile = store.profile().await?;
    let tz = time_zone(profile.as_ref(), fallback)?;
    end_of_local_day(date, &tz).ok_or_else(|| {
        AppError::Invalid(afterlift_core::contract::InvalidRequest {
            errors: vec![afterlift_core::contract::FieldError {
                field: "at".into(),
                message: format!("{date} is beyond the dates afterlift can place in time"),
            }],
        })
    })
}

/// The first day of check-ins the status of `today` reads.
pub fn wellness_from(today: jiff::civil::Date) -> jiff::civil::Date {
    today.checked_sub(WELLNESS_DAYS.days()).unwrap_or(today)
}

/// The [`StatusInput`] from rows already read from the log (what [`input`] does after its queries): pure,
/// so a caller that keeps the rows (the server's log cache) builds it without a round trip. `aliases` are
/// the athlete's exercise names ([`crate::exercises::aliases`]), read by the muscles, the e1RM trends and
/// the advisor alike.
pub fn input_from_rows(
    athlete: afterlift_core::Athlete,
    tz: jiff::tz::TimeZone,
    activities: &[ActivityRow],
    lifts: &[LiftRow],
    wellness: Vec<(jiff::civil::Date, afterlift_core::session::Wellness)>,
    aliases: afterlift_core::catalogue::Aliases,
) -> StatusInput {
    let mut sessions = Vec::with_capacity(activities.len() + lifts.len());
    let mut runs = Vec::new();
    for row in activities {
        let a = activity(row);
        sessions.push(LoggedSession {
            started_at: a.started_at,
            duration_s: Some(a.elapsed_s),
            kind: SessionKind::Cardio(a.sport),
            load: activity_load(&a, &athlete).load,
        });
        if let (Sport::Run, Some(distance_m), Some(avg_hr_bpm)) =
            (a.sport, a.distance_m, a.avg_hr_bpm)
        {
            runs.push(RunSummary {
                started_at: a.started_at,
                duration_s: a.timer_s,
                distance_m,
                avg_hr_bpm,
            });
        }
    }
    // Every set as logged, its kind too (a warm-up is a warm-up), and the session's RPE.
    let lifts: Vec<StrengthSession> = lifts.iter().map(LiftRow::to_session).collect();
    for l in &lifts {
        sessions.push(LoggedSession {
            started_at: l.started_at,
            duration_s: l.duration_s,
            kind: SessionKind::Lift,
            load: lift_load(l, &athlete).load,
        });
    }
    StatusInput {
        athlete,
        time_zone: tz,
        sessions,
        lifts,
        runs,
        wellness,
        aliases,
    }
}

/// The status report as of `at` with `days` of daily loads; `None` without a profile.
pub async fn report(
    store: &Store,
    at: Timestamp,
    days: u32,
    fallback: &TimeZone,
) -> Result<Option<StatusResponse>, AppError> {
    Ok(input(store, at, fallback)
        .await?
        .map(|i| status::status(&i, at, days)))
}

/// [`report`], from `cache` when it covers `at` (the server's; see [`crate::live`]).
pub async fn report_with(
    store: &Store,
    cache: Option<&crate::live::LogCache>,
    at: Timestamp,
    days: u32,
    fallback: &TimeZone,
) -> Result<Option<StatusResponse>, AppError> {
    if let Some(cache) = cache
        && let Some(entry) = cache.get(store, at).await?
    {
        return Ok(entry.report(at, days));
    }
    report(store, at, days, fallback).await
}

/// The readiness level at each of `instants` (any order), from one read of the log; `None` without a
/// profile. How the planner learns how last week ended: the level at the end of a week is that week's
/// readiness (`WeekRequest::previous_week_readiness`, `ProgressionRequest::weekly_readiness`).
pub async fn levels_at(
    store: &Store,
    instants: &[Timestamp],
    fallback: &TimeZone,
) -> Result<Option<Vec<ReadinessLevel>>, AppError> {
    let (Some(&latest), Some(&earliest)) = (instants.iter().max(), instants.iter().min()) else {
        return Ok(Some(Vec::new()));
    };
    Ok(input_for(store, latest, earliest, fallback)
        .await?
        .map(|input| {
            instants
                .iter()
                .map(|&t| status::snapshot(&input, t).readiness.level)
                .collect()
        }))
}

/// The snapshot the advisor listens to; `None` without a profile.
pub async fn snapshot(
    store: &Store,
    at: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<Status>, AppError> {
    Ok(input(store, at, fallback)
        .await?
        .map(|i| status::snapshot(&i, at)))
}

fn activity(r: &ActivityRow) -> Activity {
    Activity {
        sport: r.sport,
        started_at: r.started_at,
        utc_offset_s: None,
        timer_s: r.timer_s,
        elapsed_s: r.elapsed_s,
        distance_m: r.distance_m,
        avg_hr_bpm: r.avg_hr,
        max_hr_bpm: r.max_hr,
        calories_kcal: None,
        rpe: None,
        source: r.source.clone(),
        samples: Vec::new(),
        laps: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_ends_at_the_last_second_of_the_local_day() {
        let d = jiff::civil::date(2026, 12, 2);
        let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        assert_eq!(
            end_of_local_day(d, &berlin).unwrap().to_string(),
            "2026-12-02T22:59:59Z"
        );
        assert_eq!(
            end_of_local_day(d, &jiff::tz::TimeZone::UTC)
                .unwrap()
                .to_string(),
            "2026-12-02T23:59:59Z"
        );
        // The day clocks go back is 25 hours long: it still ends at local midnight.
        let ny = jiff::tz::TimeZone::get("America/New_York").unwrap();
        assert_eq!(
            end_of_local_day(jiff::civil::date(2026, 11, 1), &ny)
                .unwrap()
                .to_string(),
            "2026-11-02T04:59:59Z"
        );
    }
}
