//! Browse rows: an activity without its samples, a strength session with its sets — what a listing
//! reads from the log.
//!
//! Plain data: the JSON of `afterlift activities|lifts --json` and `GET /api/v1/activities|lifts` is the
//! contract's `ActivitySummary` / `LiftSummary`, made from these rows in one place
//! (`afterlift_app::browse`).

use afterlift_core::session::{SetKind, Sport};
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
