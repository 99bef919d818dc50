//! Browse rows: an activity without its samples, a strength session with its sets — what a listing
//! reads from the log.
//!
//! Plain data: the JSON of `afterlift activities|lifts --json` and `GET /api/v1/activities|lifts` is the
//! contract's `ActivitySummary` / `LiftSummary`, made from these rows in one place
//! (`afterlift_app::browse`).

use afterlift_core::session::{ExerciseLog, SetKind, SetLog, Sport, StrengthSession};
use jiff::Timestamp;

use crate::EntryId;

/// One cardio activity, without samples.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// `a<N>`.
    pub id: EntryId,
    pub sport: Sport,
    /// RFC 3339, UTC.
    pub started_at: Timestamp,
    pub timer_s: f64,
    pub elapsed_s: f64,
    pub distance_m: Option<f64>,
    /// Average heart rate, bpm.
    pub avg_hr: Option<f64>,
    /// Maximum heart rate, bpm.
    pub max_hr: Option<f64>,
    pub source: String,
}

/// One strength session with its exercises and sets.
#[derive(Debug, Clone, PartialEq)]
pub struct LiftRow {
    /// `l<N>`.
    pub id: EntryId,
    /// RFC 3339, UTC.
    pub started_at: Timestamp,
    /// Duration in minutes, when known.
    pub minutes: Option<f64>,
    /// The session's RPE (1–10), when it was logged.
    pub rpe: Option<f64>,
    pub exercises: Vec<ExerciseRow>,
}

impl LiftRow {
    /// The strength session as the row holds it — every set as logged, its kind, time and distance too,
    /// and the session's RPE (a listing keeps no title or source).
    pub fn to_session(&self) -> StrengthSession {
        StrengthSession {
            started_at: self.started_at,
            duration_s: self.minutes.map(|m| m * 60.0),
            title: None,
            rpe: self.rpe,
            source: String::new(),
            exercises: self
                .exercises
                .iter()
                .map(|e| ExerciseLog {
                    name: e.name.clone(),
                    sets: e
                        .sets
                        .iter()
                        .map(|s| SetLog {
                            reps: s.reps,
                            weight_kg: s.kg,
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseRow {
    pub name: String,
    pub sets: Vec<SetRow>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SetRow {
    pub reps: Option<u32>,
    pub kg: Option<f64>,
    pub rpe: Option<f64>,
    /// A timed set's seconds (a plank, a treadmill run).
    pub duration_s: Option<f64>,
    /// A distance set's metres (a farmer's walk, a row).
    pub distance_m: Option<f64>,
    /// Warm-up, drop set, to failure, or normal: what the history counts as a hard set.
    pub kind: SetKind,
}
