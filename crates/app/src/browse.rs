//! Browsing the log: time bounds as people type them, the listings and one entry in full (the JSON of
//! `afterlift activities|lifts|show --json` and `GET /api/v1/activities`, `/lifts`, `/activities/{id}`),
//! every start time in the athlete's time zone (RFC 3339 with its local offset).

use afterlift_core::contract::{
    ActivityDetail, ActivitySummary, HrZonesOut, LiftDetail, LiftDetailExercise, LiftDetailSet,
    LiftExercise, LiftSet, LiftSummary,
};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{StoredActivity, StoredLift};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// RFC 3339, or a date (YYYY-MM-DD) meaning its start in `tz`.
pub fn parse_bound(text: &str, tz: &TimeZone) -> Option<Timestamp> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Some(ts);
    }
    t.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp())
}

/// A listed activity, its start in `tz`.
pub fn activity_summary(r: &ActivityRow, tz: &TimeZone) -> ActivitySummary {
    ActivitySummary {
        id: r.id.to_string(),
        sport: r.sport,
        started_at: r.started_at.to_zoned(tz.clone()),
        timer_s: r.timer_s,
        elapsed_s: r.elapsed_s,
        distance_m: r.distance_m,
        avg_hr: r.avg_hr,
        max_hr: r.max_hr,
        source: r.source.clone(),
    }
}

/// A listed strength session, its start in `tz`.
pub fn lift_summary(r: &LiftRow, tz: &TimeZone) -> LiftSummary {
    LiftSummary {
        id: r.id.to_string(),
        started_at: r.started_at.to_zoned(tz.clone()),
        minutes: r.minutes,
        exercises: r
            .exercises
            .iter()
            .map(|e| LiftExercise {
                name: e.name.clone(),
                sets: e
                    .sets
                    .iter()
                    .map(|s| LiftSet {
                        reps: s.reps,
                        kg: s.kg,
                        rpe: s.rpe,
                        duration_s: s.duration_s,
                        distance_m: s.distance_m,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// One activity in full, its start in `tz`.
pub fn activity_detail(a: &StoredActivity, tz: &TimeZone) -> ActivityDetail {
    let x = &a.activity;
    ActivityDetail {
        id: a.entry_id().to_string(),
        sport: x.sport,
        started_at: x.started_at.to_zoned(tz.clone()),
        utc_offset_s: x.utc_offset_s,
        timer_s: x.timer_s,
        elapsed_s: x.elapsed_s,
        distance_m: x.distance_m,
        avg_hr: x.avg_hr_bpm,
        max_hr: x.max_hr_bpm,
        calories_kcal: x.calories_kcal,
        rpe: x.rpe,
        source: x.source.clone(),
        hr_zones: a.hr_zones.map(|z| HrZonesOut {
            max_hr_bpm: z.max_hr_bpm,
            seconds: z.seconds,
        }),
        samples: x.samples.len(),
    }
}

/// One strength session in full, its start in `tz`.
pub fn lift_detail(l: &StoredLift, tz: &TimeZone) -> LiftDetail {
    let x = &l.session;
    LiftDetail {
        id: l.entry_id().to_string(),
        started_at: x.started_at.to_zoned(tz.clone()),
        minutes: x.duration_s.map(|d| d / 60.0),
        title: x.title.clone(),
        rpe: x.rpe,
        source: x.source.clone(),
        exercises: x
            .exercises
            .iter()
            .map(|e| LiftDetailExercise {
                name: e.name.clone(),
                sets: e
                    .sets
                    .iter()
                    .map(|s| LiftDetailSet {
                        reps: s.reps,
                        kg: s.weight_kg,
                        rpe: s.rpe,
                        kind: s.kind,
                        duration_s: s.duration_s,
                        distance_m: s.distance_m,
                    })
                    .collect(),
            })
            .collect(),
    }
}
