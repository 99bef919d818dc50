//! The calculators' contract: `zones`, `vdot` and `energy` requests and responses.

use serde::{Deserialize, Serialize};

use super::{Intensity, Range};
use crate::athlete::Sex;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// `afterlift zones`: heart-rate maximum and zones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ZonesRequest {
    pub age: f64,
    pub sex: Sex,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resting_hr: Option<f64>,
    /// A measured maximum always wins over the formula.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hr: Option<f64>,
    /// `tanaka` (default), `gellish`, `fox` or `gulati` (women).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ZonesResponse {
    pub max_hr: f64,
    /// `measured`, or the formula's name.
    pub max_hr_source: String,
    pub resting_hr: Option<f64>,
    pub zones: Vec<ZoneOut>,
    /// afterlift's prescription intensities in bpm (very_low, low, moderate, high).
    pub intensities: Vec<IntensityOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ZoneOut {
    pub zone: u8,
    pub name: String,
    pub min_bpm: u32,
    pub max_bpm: u32,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IntensityOut {
    pub intensity: Intensity,
    pub heart_rate_bpm: Range,
    pub rpe: Range,
}

/// `afterlift vdot`: a race result in, fitness and paces out.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VdotRequest {
    /// Race distance in metres (1500–42195 gives the best estimates).
    pub distance_m: f64,
    /// Finishing time in seconds.
    pub time_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VdotResponse {
    pub vdot: f64,
    pub predictions: Vec<RacePrediction>,
    pub paces: Vec<PaceOut>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RacePrediction {
    pub distance: String,
    pub distance_m: f64,
    /// Daniels' VDOT prediction.
    pub time_s: f64,
    pub time: String,
    /// Riegel's (1981) prediction from the same result, for comparison.
    pub riegel_time_s: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PaceOut {
    /// `easy`, `marathon`, `threshold`, `interval`, `repetition`.
    pub kind: String,
    /// Seconds per kilometre; for easy, the fast end.
    pub min_s_per_km: f64,
    /// Seconds per kilometre; for easy, the slow end (equal to `min` for single paces).
    pub max_s_per_km: f64,
    /// e.g. `5:12–5:48 /km`.
    pub pace: String,
}

/// `afterlift energy`: what an activity costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnergyRequest {
    pub activity: EnergyActivity,
    pub minutes: f64,
    pub weight_kg: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_kmh: Option<f64>,
    /// With `age` and `sex`, switches to Keytel's heart-rate equation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avg_hr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnergyActivity {
    Run,
    Walk,
    Cycle,
    Elliptical,
    Row,
    Swim,
    Lift,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EnergyResponse {
    pub kcal: f64,
    /// `met` (Compendium) or `keytel` (heart rate).
    pub method: String,
    /// The MET value used, when the method is `met`.
    pub met: Option<f64>,
    /// The Compendium activity code and description, when the method is `met`.
    pub compendium: Option<String>,
    pub minutes: f64,
}
