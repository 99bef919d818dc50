//! The public JSON contract: the one place where afterlift's request and response shapes are defined.
//!
//! The CLI's `--json`, the HTTP API and library users all speak exactly these types. Everything here is
//! plain data with serde derives; requests are checked by [`AdviceRequest::validate`], which turns them into
//! the advisor's domain [`Context`](crate::advice::Context) or names every field that is wrong.
//!
//! Field names are part of the contract: renaming one is a breaking change.
//!
//! One file per concept: advice here, the calculators in `calc.rs`; each further concept (status, plans…)
//! gets its own file, re-exported from here so users write `contract::StatusResponse`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::athlete::{Goal, Sex};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

mod accounts;
pub use accounts::*;
mod advice_log;
pub use advice_log::*;
mod api;
pub use api::*;
mod calc;
mod exercises;
mod experiment;
pub use experiment::*;
mod experiment_choices;
pub use experiment_choices::*;
mod export;
mod history;
mod log;
pub use calc::*;
mod plan;
pub use exercises::*;
pub use export::*;
pub use history::*;
pub use log::*;
pub use plan::*;
mod status;
pub use status::*;
mod streams;
pub use streams::*;
mod structure;
pub use structure::*;

/// The educational-not-medical disclaimer ([`crate::advice::DISCLAIMER`]) every answer that advises
/// carries: the default of the `disclaimer` fields, so an answer read back without one gets it.
pub(crate) fn disclaimer() -> String {
    crate::advice::DISCLAIMER.to_string()
}

// ---------------------------------------------------------------------------------------------
// Request
// ---------------------------------------------------------------------------------------------

/// "I have just lifted (or am about to run): what should I do?"
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdviceRequest {
    pub athlete: AthleteInput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift: Option<LiftInput>,
    pub planned: PlannedInput,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<ReadinessInput>,
    /// The moment the advice is for (RFC 3339); defaults to the current time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub now: Option<Timestamp>,
    /// The personal experiment's strategy in force today (`run_separate_day`, `post_lift_run_15`, …): the
    /// advice follows it, below the safety rules (pain, illness, readiness and the interference rules
    /// win, and the answer says so). Absent: no experiment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<crate::experiment::strategy::Strategy>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AthleteInput {
    /// Age in years (10–100).
    pub age: f64,
    pub sex: Sex,
    /// Body mass in kilograms (30–250).
    pub weight_kg: f64,
    /// Usual morning resting heart rate, bpm (30–110).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resting_hr: Option<f64>,
    /// Measured maximum heart rate, bpm (120–230); wins over any formula.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hr: Option<f64>,
    /// Usual morning HRV (rMSSD), milliseconds: the baseline today's reading is compared with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hrv_rmssd_ms: Option<f64>,
    pub goal: Goal,
    /// Weeks of experience combining lifting and running; 0 = new to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrent_weeks: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injury_prone: Option<bool>,
    /// IANA time zone (`Europe/Berlin`): the athlete's days, and every time in the answer, are in it.
    /// Default UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// When the athlete's day starts, local time (`06:00`): nothing is rebooked earlier. Default 06:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "06:00"))]
    pub wake_time: Option<jiff::civil::Time>,
    /// When it ends, local time (`22:00`): nothing is rebooked to end later. Default 22:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "22:00"))]
    pub sleep_time: Option<jiff::civil::Time>,
    /// A recent race result: training paces come from it (Daniels' VDOT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub race: Option<RaceResult>,
}

/// A race the athlete ran, for their training paces.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RaceResult {
    /// Race distance in metres (1500–42195).
    pub distance_m: f64,
    /// Finishing time in seconds.
    pub time_s: f64,
    /// When it was run; older results say less about today's fitness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub date: Option<jiff::civil::Date>,
}

/// The strength session just done.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LiftInput {
    /// When the lifting ended (RFC 3339); defaults to `now`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ended_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
    /// Session RPE on the CR-10 scale (1–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadLevel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exercises: Vec<ExerciseInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExerciseInput {
    /// As Strong or Hevy name it (`Squat (Barbell)`), or a common alias (`squat`, `rdl`).
    pub name: String,
    #[serde(default)]
    pub sets: Vec<SetInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetInput {
    pub reps: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kg: Option<f64>,
    /// Set RPE (1–10; 10 = no reps left in reserve).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<f64>,
}

/// Which part of the body the lifting session trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    Upper,
    Lower,
    Full,
}

/// How heavy the lifting session was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoadLevel {
    Light,
    Moderate,
    Heavy,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlannedInput {
    pub kind: PlannedKind,
    /// Planned duration in minutes (1–600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<f64>,
}

/// The run the athlete had planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlannedKind {
    /// Nothing planned: "should I add something?"
    None,
    /// Low-intensity steady state (LISS), conversational.
    Easy,
    Long,
    Tempo,
    /// High-intensity interval training (HIIT).
    Intervals,
}

impl PlannedKind {
    /// Tempo and intervals are the hard sessions the source text separates from heavy lifting.
    pub fn is_hard(self) -> bool {
        matches!(self, PlannedKind::Tempo | PlannedKind::Intervals)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PlannedKind::None => "none",
            PlannedKind::Easy => "easy",
            PlannedKind::Long => "long",
            PlannedKind::Tempo => "tempo",
            PlannedKind::Intervals => "intervals",
        }
    }
}

/// How the athlete feels today. Hooper items: 1 very good … 7 very bad.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReadinessInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sleep_quality: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatigue: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soreness: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stress: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<u8>,
    /// This morning's resting heart rate, bpm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resting_hr: Option<f64>,
    /// This morning's HRV (rMSSD), milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hrv_rmssd_ms: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illness: Option<bool>,
}

impl AthleteInput {
    /// The athlete as the domain names them (unanswered `injury_prone` means "no"). Ranges are checked by
    /// [`crate::validate::athlete`] (the advisor, every write path and the store), not here.
    pub fn to_athlete(&self) -> crate::Athlete {
        crate::Athlete {
            age_years: self.age,
            sex: self.sex,
            weight_kg: self.weight_kg,
            resting_hr_bpm: self.resting_hr,
            max_hr_bpm: self.max_hr,
            hrv_rmssd_ms: self.hrv_rmssd_ms,
            goal: self.goal,
            concurrent_weeks: self.concurrent_weeks,
            injury_prone: self.injury_prone.unwrap_or(false),
        }
    }
}

impl From<&SetInput> for crate::session::SetLog {
    /// A typed set as the log keeps it: a working set of its reps, weight and RPE.
    fn from(s: &SetInput) -> crate::session::SetLog {
        crate::session::SetLog::working(Some(s.reps), s.kg, s.rpe)
    }
}

impl From<&ExerciseInput> for crate::session::ExerciseLog {
    /// A typed exercise as the log keeps it, its sets as [`SetLog`](crate::session::SetLog)s.
    fn from(e: &ExerciseInput) -> crate::session::ExerciseLog {
        crate::session::ExerciseLog {
            name: e.name.clone(),
            sets: e.sets.iter().map(Into::into).collect(),
        }
    }
}

impl LiftInput {
    /// A logged strength session as the advisor reads a lift: working sets only (warm-ups say nothing about
    /// how hard it was), and only what a person could have typed — a set without reps the advisor accepts
    /// is left out, a weight or RPE outside its ranges is left unsaid (the log keeps what files hold,
    /// `limits::LOGGED_*`). It ended at its start plus its logged duration.
    pub fn from_session(s: &crate::session::StrengthSession) -> LiftInput {
        use crate::limits;
        let duration = crate::time::seconds(s.duration_s.unwrap_or(0.0).max(0.0));
        let ended_at = s.started_at.checked_add(duration).unwrap_or(s.started_at);
        let exercises = s
            .exercises
            .iter()
            .map(|e| ExerciseInput {
                name: e.name.clone(),
                sets: e
                    .sets
                    .iter()
                    .filter(|set| set.kind != crate::session::SetKind::Warmup)
                    .filter_map(|set| {
                        let reps = set
                            .reps
                            .filter(|r| limits::SET_REPS.contains(f64::from(*r)))?;
                        Some(SetInput {
                            reps,
                            kg: set.weight_kg.filter(|kg| limits::SET_WEIGHT.contains(*kg)),
                            rpe: set.rpe.filter(|r| limits::SET_RPE.contains(*r)),
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
                .filter(|m| limits::LIFT_MINUTES.contains(*m)),
            rpe: s.rpe.filter(|r| limits::SESSION_RPE.contains(*r)),
            focus: None,
            load: None,
            exercises,
        }
    }
}

impl ReadinessInput {
    /// A stored check-in in the advice request's words (pain and illness answered, yes or no).
    pub fn from_wellness(w: &crate::session::Wellness) -> ReadinessInput {
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

    /// The check-in as the domain keeps it (unanswered pain/illness mean "no"). Ranges are checked by
    /// [`crate::validate::check_in`], not here.
    pub fn to_wellness(&self) -> crate::session::Wellness {
        crate::session::Wellness {
            sleep_hours: self.sleep_hours,
            sleep_quality: self.sleep_quality,
            fatigue: self.fatigue,
            soreness: self.soreness,
            stress: self.stress,
            mood: self.mood,
            resting_hr_bpm: self.resting_hr,
            hrv_rmssd_ms: self.hrv_rmssd_ms,
            pain: self.pain.unwrap_or(false),
            illness: self.illness.unwrap_or(false),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------

/// The advisor's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdviceResponse {
    pub verdict: Verdict,
    /// What to do now.
    pub now: Prescription,
    /// When the planned session fits better, if it was moved.
    pub later: Option<Later>,
    pub reasons: Vec<Reason>,
    pub alternatives: Vec<Alternative>,
    pub energy: Energy,
    pub refuel: Refuel,
    pub disclaimer: String,
    /// What the training log filled in, when the request was answered with its help (the CLI's
    /// `advise`, `POST /api/v1/advice`): absent when nothing came from the log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_log: Option<FromLog>,
}

/// What of an answer came from the training log rather than the request, so that a stale entry (this
/// morning's pain, a session logged by mistake) can be recognised and corrected.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FromLog {
    /// The stored strength session used as the lift (`l12`), when the request described none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift: Option<String>,
    /// The day of the stored check-in whose answers filled in `readiness` (those the request left out):
    /// today's, or — without a check-in today — the most recent one of the last 7 days that says pain or
    /// illness (only those are carried over: they hold until cleared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub check_in: Option<jiff::civil::Date>,
    /// `pain` and/or `illness`, when it was the stored check-in (not the request) that said so: either
    /// rules running out until it is cleared (`afterlift log wellness --no-pain`, or `"pain": false` in
    /// `PUT /api/v1/wellness/{date}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
}

/// - `go`: run as planned.
/// - `modify`: run, but shorter or easier than planned.
/// - `swap`: do a different modality now (non-impact cardio, mobility).
/// - `postpone`: the planned session belongs later (≥ 6–8 h or another day); do something light now.
/// - `skip`: no running today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Go,
    Modify,
    Swap,
    Postpone,
    Skip,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Go => "go",
            Verdict::Modify => "modify",
            Verdict::Swap => "swap",
            Verdict::Postpone => "postpone",
            Verdict::Skip => "skip",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Run,
    Walk,
    Cycle,
    Elliptical,
    Swim,
    Row,
    Mobility,
    Rest,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Run => "run",
            Modality::Walk => "walk",
            Modality::Cycle => "cycle",
            Modality::Elliptical => "elliptical",
            Modality::Swim => "swim",
            Modality::Row => "row",
            Modality::Mobility => "mobility",
            Modality::Rest => "rest",
        }
    }

    /// Running is the only modality here with a flight phase and its ground-impact loading.
    pub fn is_impact(self) -> bool {
        matches!(self, Modality::Run)
    }
}

/// Ordered from easiest to hardest, so `min`/`max` pick the more or less restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intensity {
    VeryLow,
    Low,
    Moderate,
    High,
}

impl Intensity {
    pub fn as_str(self) -> &'static str {
        match self {
            Intensity::VeryLow => "very_low",
            Intensity::Low => "low",
            Intensity::Moderate => "moderate",
            Intensity::High => "high",
        }
    }
}

/// An inclusive range, e.g. minutes `{ "min": 15, "max": 30 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Range {
    pub min: u32,
    pub max: u32,
}

impl Range {
    pub const ZERO: Range = Range { min: 0, max: 0 };
    pub fn new(min: u32, max: u32) -> Range {
        Range {
            min: min.min(max),
            max,
        }
    }
    pub fn midpoint(self) -> f64 {
        f64::from(self.min + self.max) / 2.0
    }
}

/// What to do now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Prescription {
    pub modality: Modality,
    pub intensity: Intensity,
    /// Minutes. For tempo and intervals (when `structure` is given): the main set — work and recoveries —
    /// with warm-up and cool-down on top (`structure.total_minutes` is the whole session).
    pub minutes: Range,
    /// The athlete's own heart-rate range for this intensity (for tempo and intervals: for the work);
    /// null for rest and mobility.
    pub heart_rate_bpm: Option<Range>,
    /// Effort on the CR-10 scale.
    pub rpe: Range,
    /// A talk-test cue: how it should feel.
    pub cue: String,
    /// Tempo and intervals: warm-up, repetitions of work and recovery with paces (from the athlete's VDOT)
    /// and heart rates, cool-down. Absent for easy running and everything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<SessionStructure>,
}

/// The planned session, moved to when it fits better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Later {
    pub kind: PlannedKind,
    /// Hours after the end of the lifting session.
    pub hours_after_lift: f64,
    /// The earliest sensible start, within the athlete's waking day: RFC 3339 with the athlete's local
    /// offset (`2026-11-25T06:00:00+01:00`).
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub not_before: jiff::Zoned,
    /// When today's readiness held the session back: what must be true first ("if your morning check-in
    /// is back to normal").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// One finding of the advisor: why the advice is what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Reason {
    /// Stable machine-readable identifier, e.g. `hiit_after_heavy_legs`.
    pub code: String,
    /// The principle from the science behind the rule.
    pub principle: String,
    /// The finding for this athlete, with the numbers.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Alternative {
    pub modality: Modality,
    pub intensity: Intensity,
    pub minutes: Range,
    pub why: String,
}

/// Energy estimate of the prescription for now.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Energy {
    /// Gross kcal of what is prescribed now (at the middle of its minutes range; for tempo and intervals,
    /// the whole structured session, part by part).
    pub kcal: f64,
    /// Extra kcal from excess post-exercise oxygen consumption, lifting and the prescription together.
    pub epoc_kcal: f64,
    /// Share of the prescription's energy expected from fat (0–1).
    pub fat_fraction: f64,
    /// Gross kcal of the lifting session itself (Compendium resistance-training METs × its minutes); absent
    /// without a lift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift_kcal: Option<f64>,
}

/// What to eat and drink after the session (the lift and what is prescribed now), and when.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Refuel {
    /// Carbohydrate, grams: the middle of `carbs_range_g`.
    pub carbs_g: f64,
    /// Protein, grams: one dose (0.25 g/kg, 0.40 g/kg for older athletes; 20–40 g).
    pub protein_g: f64,
    /// Fluid, millilitres: 150 % of the estimated sweat loss.
    pub fluid_ml: f64,
    /// Over the next this many hours.
    pub within_hours: f64,
    /// Carbohydrate, grams, rounded to 5 g.
    pub carbs_range_g: Range,
    /// Estimated carbohydrate the lift and the prescription use, grams (the middle of the estimate).
    pub carbs_used_g: f64,
    /// Estimated sweat loss of the lift and the prescription, millilitres.
    pub sweat_loss_ml: f64,
    /// `rapid` (the next hard session is < 8 h away), `meals` or `energy_balance` (fat loss).
    pub basis: RefuelBasis,
    /// Hours from the end of what is prescribed now to the next glycogen-demanding session (tempo,
    /// intervals, long), when one is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_session_hours: Option<f64>,
}

// ---------------------------------------------------------------------------------------------
// Validation errors
// ---------------------------------------------------------------------------------------------

/// One wrong field: its path in the request (`athlete.age`) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A request that failed validation; lists every wrong field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request: {}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct InvalidRequest {
    pub errors: Vec<FieldError>,
}
