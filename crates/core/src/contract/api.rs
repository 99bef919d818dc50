//! The HTTP API's own shapes: what only the API needs beyond the shared contract — a manual lift, the
//! detail of one log entry (the JSON of `afterlift show --json`), a wellness day, and the error body.
//!
//! Everything else the API speaks is the shared contract (`AdviceRequest`, `ProfileDoc`, `ImportReport`,
//! the calculators' requests and responses …), exactly as the CLI's `--json`.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{ExerciseInput, FieldError, ReadinessInput};
use crate::session::{SetKind, Sport};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A strength session entered by hand (`POST /api/v1/lifts`, like `afterlift log lift`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualLift {
    /// When it started (RFC 3339); defaults to now minus `minutes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub started_at: Option<Timestamp>,
    /// Duration in minutes (1–300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
    /// Session RPE (1–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Exercises as Strong or Hevy name them, or common aliases; each with its working sets.
    pub exercises: Vec<ExerciseInput>,
}

/// A cardio session entered by hand (`afterlift log cardio`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ManualCardio {
    pub sport: Sport,
    /// When it started (RFC 3339); defaults to now minus `minutes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub started_at: Option<Timestamp>,
    /// Duration in minutes (1–1440).
    pub minutes: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// Average heart rate, bpm (30–230).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_hr: Option<f64>,
    /// Maximum heart rate, bpm (30–230).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hr: Option<f64>,
    /// Session RPE (1–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<f64>,
}

/// A new log entry's id (`afterlift log lift --json`, `POST /api/v1/lifts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Created {
    /// `a12` for an activity, `l3` for a lift.
    pub id: String,
    /// A lift's exercise names the catalogue cannot read, even with the athlete's aliases: saved as
    /// given, but the advice counts none of their muscles and may treat the session as a leg day. Fix
    /// one with `afterlift exercises alias NAME EXERCISE` (or `PUT /api/v1/exercises/aliases`). Absent
    /// when every name was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown_exercises: Vec<UnknownExercise>,
}

/// An exercise name the catalogue cannot read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnknownExercise {
    /// As logged.
    pub name: String,
    /// A close catalogue exercise worth checking (not used without an alias), when there is one: the same
    /// movement up to a typo, never merely a similar spelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// In an import report: how many sets the import logged under this name (absent elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<u32>,
}

/// A deleted log entry's id (`afterlift delete --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Deleted {
    pub deleted: String,
}

/// One cardio activity in full (`afterlift show a12 --json`), without its samples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivityDetail {
    pub id: String,
    pub sport: Sport,
    /// RFC 3339 with the athlete's local offset.
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub started_at: jiff::Zoned,
    /// The device's offset from UTC at the start, seconds, when it recorded one.
    pub utc_offset_s: Option<i32>,
    pub timer_s: f64,
    pub elapsed_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub calories_kcal: Option<f64>,
    pub rpe: Option<f64>,
    pub source: String,
    /// Time in heart-rate zones Z1…Z5; null without heart-rate samples or a maximum heart rate.
    pub hr_zones: Option<HrZonesOut>,
    /// How many per-second samples are stored.
    pub samples: usize,
}

/// Seconds in each of five zones (Z1 50–60 % … Z5 ≥ 90 % of `max_hr_bpm`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HrZonesOut {
    pub max_hr_bpm: f64,
    pub seconds: [u32; 5],
}

/// One strength session in full (`afterlift show l3 --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftDetail {
    pub id: String,
    /// RFC 3339 with the athlete's local offset.
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub started_at: jiff::Zoned,
    pub minutes: Option<f64>,
    pub title: Option<String>,
    pub rpe: Option<f64>,
    pub source: String,
    pub exercises: Vec<LiftDetailExercise>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftDetailExercise {
    pub name: String,
    pub sets: Vec<LiftDetailSet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftDetailSet {
    pub reps: Option<u32>,
    pub kg: Option<f64>,
    pub rpe: Option<f64>,
    pub kind: SetKind,
    /// A timed set's seconds (a plank, a treadmill run).
    #[serde(default)]
    pub duration_s: Option<f64>,
    /// A distance set's metres (a farmer's walk, a row).
    #[serde(default)]
    pub distance_m: Option<f64>,
}

/// One day's wellness check-in: the same fields as the advice request's `readiness`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WellnessDay {
    /// The athlete's local date (YYYY-MM-DD).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub check_in: ReadinessInput,
    /// Pain and illness outlast their day until taken back (`"pain": false`): the date of the earlier
    /// check-in that `check_in`'s pain or illness was carried over from — when this day's first check-in
    /// started with them and did not answer them, or when the day has no check-in yet (`check_in` then
    /// holds only them). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub carried_from: Option<Date>,
}

/// Every API error: a stable `error` code, a message naming what was wrong, and for invalid input each
/// wrong field with what was expected.
///
/// Codes: `malformed_json` (400, the message has the line and column), `bad_request` (400),
/// `unauthorized` (401), `forbidden` (403), `not_found` (404), `method_not_allowed` (405),
/// `payload_too_large` (413), `unsupported_media_type` (415), `invalid_input` (422), `internal` (500).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiErrorBody {
    pub error: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

/// The range the API accepts for one field a person types (`GET /api/v1/limits`): what a form's
/// `min`/`max` should say, so that the page and the server never disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldLimit {
    /// The field's path in the request bodies, as error messages name it; `[]` stands for any index
    /// (`lift.exercises[].sets[].kg`).
    pub field: String,
    pub min: f64,
    pub max: f64,
    /// `bpm`, `kg`, `(CR-10 scale)`; empty for none.
    pub unit: String,
}

/// Every typed field's range ([`FieldLimit`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LimitsResponse {
    pub fields: Vec<FieldLimit>,
}
