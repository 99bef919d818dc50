//! Browsing the log: time bounds as people type them, the listings and one entry in full (the JSON of
//! `afterlift activities|lifts|show --json` and `GET /api/v1/activities`, `/lifts`, `/activities/{id}`),
//! every start time in the athlete's time zone (RFC 3339 with its local offset).

use afterlift_core::catalogue::Aliases;
use afterlift_core::contract::{
    ActivityDetail, ActivityStreams, ActivitySummary, HrZonesOut, LiftDetail, LiftDetailExercise,
    LiftExercise, LiftSet, LiftSummary, SplitUnit, session_training,
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
        hr_zones: a.hr_zones.map(HrZonesOut::from),
        samples: x.samples.len(),
    }
}

/// An activity's samples by channel, its track outline and its splits every `split` (the JSON of
/// `GET /api/v1/activities/{id}/streams` and `afterlift show a12 --samples --json`).
pub fn activity_streams(a: &StoredActivity, split: SplitUnit) -> ActivityStreams {
    ActivityStreams::new(a.entry_id().to_string(), &a.activity, split)
}

/// One strength session in full, its start in `tz`, each exercise read with the athlete's `aliases`.
pub fn lift_detail(l: &StoredLift, tz: &TimeZone, aliases: &Aliases) -> LiftDetail {
    let x = &l.session;
    let (region, muscles, unknown_exercises) = session_training(&x.exercises, aliases);
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
            .map(|e| LiftDetailExercise::new(e, aliases))
            .collect(),
        region,
        muscles,
        unknown_exercises,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::session::Sport;
    use afterlift_store::EntryId;
    use afterlift_store::rows::{ExerciseRow, SetRow};
    use serde_json::json;

    /// The listings' JSON (`afterlift activities|lifts --json`, `GET /api/v1/activities|lifts`): every key
    /// of issue 3 on every row, absent values as `null`, the start in the athlete's zone.
    #[test]
    fn listed_rows_have_the_issue_shapes() {
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let run = ActivityRow {
            id: EntryId::Activity(1),
            sport: Sport::Run,
            started_at: "2025-03-01T07:00:00Z".parse().unwrap(),
            timer_s: 1800.0,
            elapsed_s: 1800.0,
            distance_m: Some(5012.5),
            avg_hr: Some(151.0),
            max_hr: Some(172.0),
            source: "gpx".into(),
        };
        assert_eq!(
            serde_json::to_value(activity_summary(&run, &TimeZone::UTC)).unwrap(),
            json!({
                "id": "a1", "sport": "run", "started_at": "2025-03-01T07:00:00+00:00", "timer_s": 1800.0,
                "elapsed_s": 1800.0, "distance_m": 5012.5, "avg_hr": 151.0, "max_hr": 172.0, "source": "gpx"
            })
        );
        let set = |reps, kg| SetRow {
            reps: Some(reps),
            kg: Some(kg),
            rpe: Some(8.0),
            duration_s: None,
            distance_m: None,
            kind: afterlift_core::session::SetKind::Normal,
        };
        let legs = LiftRow {
            id: EntryId::Lift(1),
            started_at: "2025-03-01T17:00:00Z".parse().unwrap(),
            minutes: Some(45.0),
            rpe: None,
            exercises: vec![
                ExerciseRow {
                    name: "Squat (Barbell)".into(),
                    sets: vec![set(5, 60.0), set(5, 100.0)],
                },
                ExerciseRow {
                    name: "Plank".into(),
                    sets: vec![SetRow {
                        reps: None,
                        kg: None,
                        rpe: None,
                        duration_s: Some(60.0),
                        distance_m: None,
                        kind: afterlift_core::session::SetKind::Normal,
                    }],
                },
            ],
        };
        assert_eq!(
            serde_json::to_value(lift_summary(&legs, &berlin)).unwrap(),
            json!({
                "id": "l1", "started_at": "2025-03-01T18:00:00+01:00", "minutes": 45.0,
                "exercises": [
                    {"name": "Squat (Barbell)", "sets": [
                        {"reps": 5, "kg": 60.0, "rpe": 8.0, "duration_s": null, "distance_m": null},
                        {"reps": 5, "kg": 100.0, "rpe": 8.0, "duration_s": null, "distance_m": null}
                    ]},
                    {"name": "Plank", "sets": [
                        {"reps": null, "kg": null, "rpe": null, "duration_s": 60.0, "distance_m": null}
                    ]}
                ]
            })
        );
    }
}
