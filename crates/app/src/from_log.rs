//! The advice request as the log knows it: the stored profile, the most recent strength session (started in
//! the last 36 h: the interference rules reach that far, and last night's lift is still the lift after midnight) and today's wellness check-in — or, without one, the pain and illness an
//! earlier check-in still holds ([`crate::journal::carried`]). Callers lay their own fields over it
//! (flags, `--input`, a request body), so anything typed wins over what was stored.
//!
//! The log also counts towards the athlete's experience of combining lifting and running: the profile's
//! `concurrent_weeks` is raised to the weeks since the first logged run done within 2 h after a lift
//! ([`concurrent_weeks`]).

use afterlift_core::contract::{AthleteInput, LiftInput, ReadinessInput};
use afterlift_core::limits;
use afterlift_core::session::{StrengthSession, Wellness};
use afterlift_store::{Profile, Store, TimeFilter, WellnessEntry};
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
    /// Today's check-in, and its date (the athlete's local today); without one, the pain and illness
    /// (only those) of the most recent check-in of the last [`crate::journal::CARRY_DAYS`] days that
    /// says either, and that check-in's date: they rule running out until taken back.
    pub readiness: Option<(Date, ReadinessInput)>,
    /// The athlete's time zone: the profile's, else the caller's fallback ([`time_zone`]).
    pub time_zone: TimeZone,
}

/// The athlete's time zone: the profile's, else `fallback` — the zone the caller answers in when the
/// profile names none. The server passes UTC; the CLI this machine's zone (a person at a terminal lives
/// where their computer does). Every use case that reads "today" or writes a time takes the fallback, so
/// one run of a front end uses one zone throughout. The name is read as the advisor reads it, from the
/// bundled database ([`afterlift_core::time::time_zone`]), which is what the store checked it against.
pub fn time_zone(profile: Option<&Profile>, fallback: &TimeZone) -> Result<TimeZone, AppError> {
    match profile.and_then(|p| p.time_zone.as_deref()) {
        Some(name) => afterlift_core::time::time_zone(name).ok_or_else(|| AppError::TimeZone {
            name: name.to_string(),
        }),
        None => Ok(fallback.clone()),
    }
}

/// How far back the lift the advice is about may have started: the interference rules reach 36 h after a
/// heavy leg day, so last night's session is still "the lift" this morning (and after midnight).
pub const RECENT_LIFT: SignedDuration = SignedDuration::from_secs(
    (afterlift_core::interference::HARD_AFTER_HEAVY_LEGS_H as i64) * 3600,
);

/// The earliest start of the lift the advice at `now` is about ([`RECENT_LIFT`]).
pub fn recent_lifts_from(now: Timestamp) -> Timestamp {
    now.checked_sub(RECENT_LIFT).unwrap_or(now)
}

/// Reads the profile, the most recent lift (started within [`RECENT_LIFT`]) and today's check-in; `fallback` is the zone when the profile
/// names none ([`time_zone`]).
pub async fn defaults(
    store: &Store,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<LogDefaults, AppError> {
    let profile = store.profile().await?;
    let tz = time_zone(profile.as_ref(), fallback)?;
    let today = now.to_zoned(tz.clone()).date();
    let lifts = store
        .lifts(
            &TimeFilter::between(
                recent_lifts_from(now),
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
    let earlier = match &wellness {
        Some(_) => None,
        None => crate::journal::earlier_check_in(store, today).await?,
    };
    // The whole log's lifts and runs (listings, no samples), for the weeks of combining them.
    let first_post_lift_run = match profile.as_ref().and_then(|p| p.athlete.concurrent_weeks) {
        Some(_) => {
            let all = TimeFilter {
                from: None,
                to: now.checked_add(SignedDuration::from_secs(1)).ok(),
                limit: None,
            };
            let lifts = store.lifts(&all).await?;
            let activities = store.activities(&all).await?;
            crate::replan::first_post_lift_run(&lifts, &activities)
        }
        None => None,
    };
    Ok(defaults_from(
        profile.as_ref(),
        tz,
        lift.as_ref().map(|(id, s)| (*id, s)),
        Checkins {
            today: wellness.as_ref(),
            earlier: earlier.as_ref(),
        },
        first_post_lift_run,
        now,
    ))
}

/// The check-ins [`defaults_from`] reads: today's, and (without it) the most recent of the days before
/// ([`crate::journal::earlier_check_in`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Checkins<'a> {
    pub today: Option<&'a WellnessEntry>,
    pub earlier: Option<&'a WellnessEntry>,
}

/// The profile's weeks of combining lifting and running, raised to what the log shows: at least the
/// whole weeks since `first_post_lift_run` (the first logged run done within 2 h after a lift — the
/// progression's definition, [`crate::replan::first_post_lift_run`]), so that the advisor's
/// new-to-combining cap and `afterlift progression` read the same history. Only a number the athlete
/// gave is raised: "not said" (`None`) already counts as experienced, and the log never makes it fewer.
pub fn concurrent_weeks(
    profile: Option<u32>,
    first_post_lift_run: Option<Timestamp>,
    now: Timestamp,
) -> Option<u32> {
    let given = profile?;
    let logged = first_post_lift_run.map_or(0, |t| crate::replan::weeks_since(t, now));
    // The advisor's range for the field.
    Some(given.max(logged.min(limits::CONCURRENT_WEEKS.max as u32)))
}

/// The pure part of [`defaults`]: the profile, today's most recent lift (started before `now` + 1 s),
/// the check-ins and the first logged run after a lift, already read.
pub fn defaults_from(
    profile: Option<&Profile>,
    time_zone: TimeZone,
    lift: Option<(afterlift_store::EntryId, &StrengthSession)>,
    checkins: Checkins<'_>,
    first_post_lift_run: Option<Timestamp>,
    now: Timestamp,
) -> LogDefaults {
    let athlete = profile.map(|p| {
        let mut a = crate::profile::athlete_input(p);
        a.concurrent_weeks = concurrent_weeks(a.concurrent_weeks, first_post_lift_run, now);
        a
    });
    let today = now.to_zoned(time_zone.clone()).date();
    let readiness = match checkins.today {
        Some(w) => Some((w.date, readiness_input(&w.wellness))),
        // No check-in today: pain and illness from the last one still hold, and nothing else of it.
        None => crate::journal::carried(today, checkins.earlier.map(|e| (e.date, &e.wellness)))
            .map(|c| (c.from, c.check_in())),
    };
    LogDefaults {
        athlete,
        lift: lift.map(|(id, s)| (id.to_string(), lift_input(s, now))),
        readiness,
        time_zone,
    }
}

/// A stored session as the advisor's lift: working sets only (warm-ups say nothing about how hard it was).
pub fn lift_input(s: &StrengthSession, now: Timestamp) -> LiftInput {
    let mut input = LiftInput::from_session(s);
    input.ended_at = input.ended_at.map(|t| t.min(now));
    input
}

pub fn readiness_input(w: &Wellness) -> ReadinessInput {
    ReadinessInput::from_wellness(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::Athlete;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn the_log_raises_the_weeks_of_combining_never_lowers_them() {
        let now = ts("2026-11-25T17:00:00Z");
        let first = Some(ts("2026-11-03T17:30:00Z")); // 21.98 days: 3 whole weeks
        assert_eq!(concurrent_weeks(Some(0), first, now), Some(3));
        assert_eq!(concurrent_weeks(Some(10), first, now), Some(10));
        assert_eq!(concurrent_weeks(Some(0), None, now), Some(0));
        assert_eq!(
            concurrent_weeks(None, first, now),
            None,
            "not said counts as experienced: the log does not make it new"
        );
        assert_eq!(
            concurrent_weeks(Some(1), Some(ts("1950-01-01T00:00:00Z")), now),
            Some(2000),
            "within the advisor's range"
        );
    }

    #[test]
    fn without_a_check_in_today_only_the_pain_and_illness_of_an_earlier_one_are_used() {
        let mut athlete = Athlete::example();
        athlete.concurrent_weeks = Some(0);
        let profile = Profile::new(athlete);
        let now = ts("2026-11-26T17:00:00Z");
        let tue = WellnessEntry {
            date: jiff::civil::date(2026, 11, 24),
            wellness: Wellness {
                sleep_hours: Some(5.0),
                pain: true,
                ..Wellness::default()
            },
        };
        let d = defaults_from(
            Some(&profile),
            TimeZone::UTC,
            None,
            Checkins {
                today: None,
                earlier: Some(&tue),
            },
            Some(ts("2026-11-01T17:00:00Z")),
            now,
        );
        let (date, r) = d.readiness.unwrap();
        assert_eq!(date, tue.date);
        assert_eq!(
            r,
            ReadinessInput {
                pain: Some(true),
                ..ReadinessInput::default()
            },
            "only the flags: Tuesday's sleep says nothing about Thursday"
        );
        assert_eq!(d.athlete.unwrap().concurrent_weeks, Some(3));
        // Today's check-in is today's, whole.
        let today = WellnessEntry {
            date: jiff::civil::date(2026, 11, 26),
            wellness: Wellness {
                sleep_hours: Some(8.0),
                ..Wellness::default()
            },
        };
        let d = defaults_from(
            Some(&profile),
            TimeZone::UTC,
            None,
            Checkins {
                today: Some(&today),
                earlier: Some(&tue),
            },
            None,
            now,
        );
        let (date, r) = d.readiness.unwrap();
        assert_eq!(
            (date, r.sleep_hours, r.pain),
            (today.date, Some(8.0), Some(false))
        );
    }
}
