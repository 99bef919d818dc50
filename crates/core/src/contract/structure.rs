//! A structured hard run — warm-up, the main set as repetitions of work and recovery, cool-down — as the
//! advisor prescribes it now ([`super::Prescription::structure`]) and the planner schedules it
//! ([`super::PlannedSession::structure`]). Built by [`crate::workout`] after Daniels' Running Formula.
//!
//! Field names are part of the contract: renaming one is a breaking change.

use serde::{Deserialize, Serialize};

use super::{Intensity, PlannedKind, Range};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `"warm_up": 15 min easy, "blocks": [5 × (3 min at I pace + 3 min jog)], "cool_down": 10 min easy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionStructure {
    /// `intervals` (Daniels' I pace) or `tempo` (T pace: one steady run, or cruise intervals).
    pub kind: PlannedKind,
    pub warm_up: Step,
    /// The main set, in order.
    pub blocks: Vec<RepBlock>,
    pub cool_down: Step,
    /// Warm-up, main set and cool-down, minutes.
    pub total_minutes: u32,
    /// Minutes at the work pace (all repetitions).
    pub work_minutes: f64,
    /// Where the paces come from; null when no pace is known (heart rate and effort only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paces: Option<PaceSource>,
}

/// A stretch of running at one intensity.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Step {
    pub minutes: f64,
    pub intensity: Intensity,
    /// Pace window, seconds per km: `min` is the fast end, `max` the slow end. Null without a VDOT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace_s_per_km: Option<Range>,
    /// The athlete's heart-rate range for it; null when the heart rate is not known to the caller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heart_rate_bpm: Option<Range>,
    /// Effort on the CR-10 scale.
    pub rpe: Range,
}

/// `reps` × (work, then recovery). The recovery after the last repetition is the cool-down's start.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RepBlock {
    pub reps: u32,
    pub work: Step,
    /// About how far one repetition goes at the work pace, metres (to the nearest 50); null without a pace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_metres: Option<u32>,
    /// Between repetitions; null for one continuous run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<Recovery>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Recovery {
    pub minutes: f64,
    /// `jog` (very easy running) or `rest` (standing or walking).
    pub activity: RecoveryActivity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecoveryActivity {
    Jog,
    Rest,
}

impl RecoveryActivity {
    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryActivity::Jog => "jog",
            RecoveryActivity::Rest => "rest",
        }
    }
}

/// The VDOT the paces come from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PaceSource {
    /// Daniels' VDOT, one decimal.
    pub vdot: f64,
    /// `race` (the athlete's race result) or `log` (estimated from recent runs with heart rate).
    pub from: VdotFrom,
    /// How old the race is, days (race only, when its date was given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days: Option<u32>,
    /// The race is more than [`crate::workout::STALE_RACE_DAYS`] old: fitness may have changed since.
    pub stale: bool,
    /// Runs the estimate is the median of (log only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VdotFrom {
    Race,
    Log,
}

/// How the carbohydrate advice was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RefuelBasis {
    /// The next glycogen-demanding session is less than 8 h away: rapid refuelling, 1.0–1.2 g/kg per hour.
    Rapid,
    /// Replace what was used with normal meals.
    Meals,
    /// Fat loss: within the day's planned meals, replacing no more than was used.
    EnergyBalance,
}

impl RefuelBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            RefuelBasis::Rapid => "rapid",
            RefuelBasis::Meals => "meals",
            RefuelBasis::EnergyBalance => "energy_balance",
        }
    }
}
