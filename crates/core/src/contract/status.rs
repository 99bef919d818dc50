//! The status report: load trends, muscle recovery and readiness — the JSON of `afterlift status --json` and
//! of the HTTP API, built by [`crate::status::status`].
//!
//! Loads are session-RPE arbitrary units (CR-10 × minutes; see [`crate::load`]); acute, chronic, CTL and
//! ATL are per-day averages in those units.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::catalogue::Muscle;

use super::ReadinessLevel;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The status as of one instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatusResponse {
    /// The instant the status is for: RFC 3339 with the athlete's local offset.
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: jiff::Zoned,
    pub load: LoadSummary,
    /// One entry per day, oldest first, ending with the day of `at` (the last `days` days asked for).
    pub daily: Vec<DailyLoad>,
    /// Every muscle group, in the catalogue's order.
    pub muscles: Vec<MuscleRecovery>,
    /// The lowest recovery among the muscles running loads (quads, hamstrings, glutes, calves, hip
    /// flexors), per cent.
    pub leg_readiness_pct: f64,
    /// When leg readiness reaches the level wanted before hard running (75 %), in the athlete's zone; null
    /// when it already has.
    #[serde(with = "crate::time::rfc3339_local_opt")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub legs_ready_for_hard_running_at: Option<jiff::Zoned>,
    pub readiness: ReadinessReport,
    /// What to keep in mind when reading these numbers.
    pub caveats: Vec<Caveat>,
    /// Educational guidance, not medical advice: the advice's own disclaimer.
    #[serde(default = "super::disclaimer")]
    pub disclaimer: String,
}

/// Load trends as of the day of `at`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoadSummary {
    /// Acute load: EWMA with λ = 2/(7+1) (Williams 2017), AU per day.
    pub acute: f64,
    /// Chronic load: EWMA with λ = 2/(28+1), AU per day.
    pub chronic: f64,
    /// Acute ÷ chronic; null while chronic load is zero. A trend, not an injury predictor.
    pub acwr: Option<f64>,
    /// Fitness: chronic training load, τ = 42 days, λ = 1/τ (Coggan).
    pub ctl: f64,
    /// Fatigue: acute training load, τ = 7 days, λ = 1/τ.
    pub atl: f64,
    /// Form: CTL − ATL.
    pub tsb: f64,
    /// CTL change over the last 7 days.
    pub ramp: f64,
    /// Foster's monotony of the last 7 days (mean ÷ SD of daily load, capped at 10: a week of identical days
    /// gives 10); null without load or before the log holds a whole week.
    pub monotony: Option<f64>,
    /// Foster's strain: the week's load × monotony; null when monotony is.
    pub strain: Option<f64>,
    /// Total load of the last 7 days, AU.
    pub week: f64,
    /// Total load of the 7 days before those, AU.
    pub previous_week: f64,
    /// Days since the first day with any load (the chronic values need about 28–42 to settle).
    pub history_days: u32,
    /// Whether `acwr` is to be trusted yet: `building` before 28 days of history, `low_base` when chronic
    /// load is under 20 AU a day. Until `established` the ratio drives no flag and no advice.
    pub acwr_maturity: TrendMaturity,
    /// Whether `ctl`, `atl`, `tsb` and `ramp` are to be trusted yet: `building` before 42 days (one CTL time
    /// constant). They start from the mean daily load of the first 28 logged days, not from zero.
    pub form_maturity: TrendMaturity,
    /// Whether `monotony` and `strain` can raise a flag yet: `building` before 28 days (this week and the
    /// three before it, whose strain is the athlete's usual).
    pub monotony_maturity: TrendMaturity,
    /// The athlete's usual weekly strain: the mean of the 3 weeks before the last 7 days; null while
    /// `monotony_maturity` is building. The monotony flag needs this week's strain ≥ 1.5 × it.
    pub usual_strain: Option<f64>,
}

/// How far a trend has come: `{"state": "building", "days": 12, "days_needed": 28}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TrendMaturity {
    pub state: MaturityState,
    /// Days of history so far (`history_days`).
    pub days: u32,
    /// Days of history the trend needs before it is trusted.
    pub days_needed: u32,
}

/// `building`: too little history — the number is shown but drives nothing; `low_base`: enough days but
/// too little load for a ratio to mean anything; `established`: trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MaturityState {
    Building,
    LowBase,
    Established,
}

impl MaturityState {
    pub fn as_str(self) -> &'static str {
        match self {
            MaturityState::Building => "building",
            MaturityState::LowBase => "low_base",
            MaturityState::Established => "established",
        }
    }
}

/// One day of the series, with the smoothed values as of the end of that day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DailyLoad {
    /// The athlete's local date (YYYY-MM-DD).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    /// The day's load, AU.
    pub load: f64,
    pub acute: f64,
    pub chronic: f64,
    pub acwr: Option<f64>,
    pub ctl: f64,
    pub atl: f64,
    pub tsb: f64,
}

/// How recovered one muscle group is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MuscleRecovery {
    pub muscle: Muscle,
    /// 0–100 (a model's estimate).
    pub recovered_pct: f64,
    /// When it will be ≥ 90 % recovered (RFC 3339, the athlete's zone); null when it already is.
    #[serde(with = "crate::time::rfc3339_local_opt")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub ready_at: Option<jiff::Zoned>,
}

/// The readiness level and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReadinessReport {
    /// `green`: nothing says back off; `amber`: a signal is off — train shorter and easier; `red`: a strong
    /// signal, or several kinds agreeing — very easy or rest. (The same levels the planner takes.)
    pub level: ReadinessLevel,
    /// Every flag raised, most severe first; empty when green.
    pub reasons: Vec<ReadinessReason>,
}

/// One flag: a stable code (e.g. `resting_hr_up`), its level and a message with the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReadinessReason {
    pub code: String,
    pub level: ReadinessLevel,
    pub message: String,
}

/// A caveat: a stable code and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Caveat {
    pub code: String,
    pub message: String,
}
