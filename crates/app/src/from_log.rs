//! The advice request as the log knows it: the stored profile, the most recent strength session of today
//! (in the athlete's time zone) and today's wellness check-in. Callers lay their own fields over it
//! (flags, `--input`, a request body), so anything typed wins over what was stored.

use afterlift_core::contract::{AthleteInput, ExerciseInput, LiftInput, ReadinessInput, SetInput};
use afterlift_core::session::{SetKind, StrengthSession, Wellness};
use afterlift_store::{Profile, Store, TimeFilter};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::AppError;

/// What the log contributes to an advice request; every part may be missing.
#[derive(Debug, Clone, PartialEq)]
pub struct LogDefaults {
    pub athlete: Option<AthleteInput>,
    /// Today's most recent strength session, and its log id (`l12`).
    pub lift: Option<(String, LiftInput)>,
    /// Today's check-in, and its date (the athlete's local today).
    pub readiness: Option<(Date, ReadinessInput)>,
    /// The athlete's time zone: the profile's, else the caller's fallback ([`time_zone`]).
    pub time_zone: TimeZone,
}

/// The athlete's time zone: the profile's, else `fallback` — the zone the caller answers in when the
/// profile names none. The server passes UTC; the CLI this machine's zone (a person at a terminal lives
/// where their computer does). Every use case that reads "today" or writes a time takes the fallback, so
/// one run of a front end uses one zone throughout.
pub fn time_zone(profile: Option<&Profile>, fallback: &TimeZone) -> Result<TimeZone, AppError> {
    match profile.and_then(|p| p.time_zone.as_deref()) {
        Some(name) => TimeZone::get(name).map_err(|_| AppError::TimeZone {
            name: name.to_string(),
        }),
        None => Ok(fallback.clone()),
    }
}

/// Reads the profile, today's last lift and today's check-in; `fallback` is the zone when the profile
/// names none ([`time_zone`]).
pub async fn defaults(
    store: &Store,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<LogDefaults, AppError> {
    let profile = store.profile().await?;
    let tz = time_zone(profile.as_ref(), fallback)?;
    let today = now.to_zoned(tz.clone()).date();
    let start_of_day = today
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(now);

    let lifts = store
        .lifts(
            &TimeFilter::between(
                start_of_day,
                now.checked_add(SignedDuration::from_secs(1)).unwrap_or(now),
            )
            .limit(1),
        )
        .await?;
    let lift = match lifts.first().map(|row| row.id) {
        Some(id @ afterlift_store::EntryId::Lift(n)) => Some((id, store.lift(n).await?.session)),
        _ => None,
    };
    let wellness = store.wellness(today, today).await?.into_iter().next();
    Ok(defaults_from(
        profile.as_ref(),
        tz,
        lift.as_ref().map(|(id, s)| (*id, s)),
        wellness.as_ref().map(|w| (w.date, &w.wellness)),
        now,
    ))
}

/// The pure part of [`defaults`]: the profile, today's most recent lift (started before `now` + 1 s) and
/// today's check-in with its date, already read.
pub fn defaults_from(
    profile: Option<&Profile>,
    time_zone: TimeZone,
    lift: Option<(afterlift_store::EntryId, &StrengthSession)>,
    wellness: Option<(Date, &Wellness)>,
    now: Timestamp,
) -> LogDefaults {
    LogDefaults {
        athlete: profile.map(crate::profile::athlete_input),
        lift: lift.map(|(id, s)| (id.to_string(), lift_input(s, now))),
        readiness: wellness.map(|(date, w)| (date, readiness_input(w))),
        time_zone,
    }
}

/// A stored session as the advisor's lift: working sets only (warm-ups say nothing about how hard it was).
pub fn lift_input(s: &StrengthSession, now: Timestamp) -> LiftInput {
    let duration = SignedDuration::from_secs_f64(s.duration_s.unwrap_or(0.0).max(0.0));
    let ended_at = s
        .started_at
        .checked_add(duration)
        .unwrap_or(s.started_at)
        .min(now);
    let exercises = s
        .exercises
        .iter()
        .map(|e| ExerciseInput {
            name: e.name.clone(),
            sets: e
                .sets
                .iter()
                .filter(|set| set.kind != SetKind::Warmup)
                .filter_map(|set| {
                    let reps = set.reps.filter(|r| (1..=100).contains(r))?;
                    Some(SetInput {
                        reps,
                        kg: set.weight_kg,
                        rpe: set.rpe.filter(|r| (1.0..=10.0).contains(r)),
                    })
                })
                .collect(),
        })
        .filter(|e| !e.name.trim().is_empty())
        .collect();
    LiftInput {
        ended_at: Some(ended_at),
        minutes: s
            .duration_s
            .map(|d| (d / 60.0).round())
            .filter(|m| (1.0..=300.0).contains(m)),
        rpe: s.rpe.filter(|r| (1.0..=10.0).contains(r)),
        focus: None,
        load: None,
        exercises,
    }
}

pub fn readiness_input(w: &Wellness) -> ReadinessInput {
    ReadinessInput {
        sleep_hours: w.sleep_hours,
        sleep_quality: w.sleep_quality,
        fatigue: w.fatigue,
        soreness: w.soreness,
        stress: w.stress,
        mood: w.mood,
        resting_hr: w.resting_hr_bpm,
        hrv_rmssd_ms: w.hrv_rmssd_ms,
        pain: Some(w.pain),
        illness: Some(w.illness),
    }
}
