//! Browse rows: the JSON shapes of `afterlift activities --json` and `afterlift lifts --json`.
//!
//! Field names and nesting are those of issue 3 and are part of the public contract (the HTTP API will
//! serve the same rows). Absent values serialise as `null`, so every row has every key.

use afterlift_core::session::Sport;
use jiff::Timestamp;
use serde::Serialize;

use crate::EntryId;

/// One cardio activity, without samples.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LiftRow {
    /// `l<N>`.
    pub id: EntryId,
    /// RFC 3339, UTC.
    pub started_at: Timestamp,
    /// Duration in minutes, when known.
    pub minutes: Option<f64>,
    pub exercises: Vec<ExerciseRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExerciseRow {
    pub name: String,
    pub sets: Vec<SetRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SetRow {
    pub reps: Option<u32>,
    pub kg: Option<f64>,
    pub rpe: Option<f64>,
    /// A timed set's seconds (a plank, a treadmill run).
    pub duration_s: Option<f64>,
    /// A distance set's metres (a farmer's walk, a row).
    pub distance_m: Option<f64>,
}
