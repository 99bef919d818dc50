//! The export document: everything in the log, losslessly, as `afterlift export --format json` writes it
//! and `afterlift import` reads it back. Samples are stored by column (one array per channel) to keep
//! long histories compact.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::ProfileDoc;
use crate::session::{
    Activity, ExerciseLog, Sample, SetKind, SetLog, Sport, StrengthSession, Wellness,
};

/// The version of the export document; readers refuse newer versions. Version 2 added `aliases` and the
/// profile's day window and race result (fields version 1 readers reject); version 3 the advice log
/// (`advice`); version 4 the personal experiments (`experiments`). Older documents still read.
pub const EXPORT_VERSION: u32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportDoc {
    /// Marks the document as an afterlift export, and its version.
    pub afterlift_export: u32,
    pub exported_at: Timestamp,
    pub profile: Option<ProfileDoc>,
    pub activities: Vec<ActivityDoc>,
    pub lifts: Vec<LiftDoc>,
    pub wellness: Vec<WellnessDoc>,
    /// The athlete's exercise aliases (`afterlift exercises alias`); absent in version 1 documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<crate::catalogue::Alias>,
    /// The advice log, oldest first; absent before version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice: Vec<super::AdviceLogEntry>,
    /// The personal experiments, oldest first; absent before version 4.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experiments: Vec<super::ExperimentDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityDoc {
    pub id: String,
    pub sport: Sport,
    pub started_at: Timestamp,
    pub utc_offset_s: Option<i32>,
    pub timer_s: f64,
    pub elapsed_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    pub calories_kcal: Option<f64>,
    pub rpe: Option<f64>,
    pub source: String,
    pub samples: SamplesDoc,
}

/// Samples by channel; every array has one entry per sample.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplesDoc {
    pub offset_s: Vec<u32>,
    pub hr_bpm: Vec<Option<u8>>,
    pub speed_mps: Vec<Option<f32>>,
    pub distance_m: Vec<Option<f64>>,
    pub cadence_rpm: Vec<Option<u8>>,
    pub altitude_m: Vec<Option<f32>>,
    pub power_w: Vec<Option<u16>>,
    pub lat_deg: Vec<Option<f64>>,
    pub lon_deg: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LiftDoc {
    pub id: String,
    pub started_at: Timestamp,
    pub duration_s: Option<f64>,
    pub title: Option<String>,
    pub rpe: Option<f64>,
    pub source: String,
    pub exercises: Vec<ExerciseDoc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseDoc {
    pub name: String,
    pub sets: Vec<SetDoc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetDoc {
    pub reps: Option<u32>,
    pub kg: Option<f64>,
    pub rpe: Option<f64>,
    pub kind: SetKind,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WellnessDoc {
    pub date: Date,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<u8>,
    pub fatigue: Option<u8>,
    pub soreness: Option<u8>,
    pub stress: Option<u8>,
    pub mood: Option<u8>,
    pub resting_hr_bpm: Option<f64>,
    pub hrv_rmssd_ms: Option<f64>,
    pub pain: bool,
    pub illness: bool,
}

/// Why a document's samples cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("activity {id}: sample channel '{channel}' has {len} values, expected {expected}")]
pub struct SamplesMismatch {
    pub id: String,
    pub channel: &'static str,
    pub len: usize,
    pub expected: usize,
}

impl ActivityDoc {
    pub fn new(id: String, a: &Activity) -> ActivityDoc {
        let s = &a.samples;
        ActivityDoc {
            id,
            sport: a.sport,
            started_at: a.started_at,
            utc_offset_s: a.utc_offset_s,
            timer_s: a.timer_s,
            elapsed_s: a.elapsed_s,
            distance_m: a.distance_m,
            avg_hr_bpm: a.avg_hr_bpm,
            max_hr_bpm: a.max_hr_bpm,
            calories_kcal: a.calories_kcal,
            rpe: a.rpe,
            source: a.source.clone(),
            samples: SamplesDoc {
                offset_s: s.iter().map(|x| x.offset_s).collect(),
                hr_bpm: s.iter().map(|x| x.hr_bpm).collect(),
                speed_mps: s.iter().map(|x| x.speed_mps).collect(),
                distance_m: s.iter().map(|x| x.distance_m).collect(),
                cadence_rpm: s.iter().map(|x| x.cadence_rpm).collect(),
                altitude_m: s.iter().map(|x| x.altitude_m).collect(),
                power_w: s.iter().map(|x| x.power_w).collect(),
                lat_deg: s.iter().map(|x| x.lat_deg).collect(),
                lon_deg: s.iter().map(|x| x.lon_deg).collect(),
            },
        }
    }

    pub fn to_activity(&self) -> Result<Activity, SamplesMismatch> {
        let d = &self.samples;
        let n = d.offset_s.len();
        let check = |channel: &'static str, len: usize| {
            if len == n {
                Ok(())
            } else {
                Err(SamplesMismatch {
                    id: self.id.clone(),
                    channel,
                    len,
                    expected: n,
                })
            }
        };
        check("hr_bpm", d.hr_bpm.len())?;
        check("speed_mps", d.speed_mps.len())?;
        check("distance_m", d.distance_m.len())?;
        check("cadence_rpm", d.cadence_rpm.len())?;
        check("altitude_m", d.altitude_m.len())?;
        check("power_w", d.power_w.len())?;
        check("lat_deg", d.lat_deg.len())?;
        check("lon_deg", d.lon_deg.len())?;
        let samples = (0..n)
            .map(|i| Sample {
                offset_s: d.offset_s[i],
                hr_bpm: d.hr_bpm[i],
                speed_mps: d.speed_mps[i],
                distance_m: d.distance_m[i],
                cadence_rpm: d.cadence_rpm[i],
                altitude_m: d.altitude_m[i],
                power_w: d.power_w[i],
                lat_deg: d.lat_deg[i],
                lon_deg: d.lon_deg[i],
            })
            .collect();
        Ok(Activity {
            sport: self.sport,
            started_at: self.started_at,
            utc_offset_s: self.utc_offset_s,
            timer_s: self.timer_s,
            elapsed_s: self.elapsed_s,
            distance_m: self.distance_m,
            avg_hr_bpm: self.avg_hr_bpm,
            max_hr_bpm: self.max_hr_bpm,
            calories_kcal: self.calories_kcal,
            rpe: self.rpe,
            source: self.source.clone(),
            samples,
        })
    }
}

impl LiftDoc {
    pub fn new(id: String, s: &StrengthSession) -> LiftDoc {
        LiftDoc {
            id,
            started_at: s.started_at,
            duration_s: s.duration_s,
            title: s.title.clone(),
            rpe: s.rpe,
            source: s.source.clone(),
            exercises: s
                .exercises
                .iter()
                .map(|e| ExerciseDoc {
                    name: e.name.clone(),
                    sets: e
                        .sets
                        .iter()
                        .map(|x| SetDoc {
                            reps: x.reps,
                            kg: x.weight_kg,
                            rpe: x.rpe,
                            kind: x.kind,
                            duration_s: x.duration_s,
                            distance_m: x.distance_m,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn to_session(&self) -> StrengthSession {
        StrengthSession {
            started_at: self.started_at,
            duration_s: self.duration_s,
            title: self.title.clone(),
            rpe: self.rpe,
            source: self.source.clone(),
            exercises: self
                .exercises
                .iter()
                .map(|e| ExerciseLog {
                    name: e.name.clone(),
                    sets: e
                        .sets
                        .iter()
                        .map(|x| SetLog {
                            reps: x.reps,
                            weight_kg: x.kg,
                            rpe: x.rpe,
                            kind: x.kind,
                            duration_s: x.duration_s,
                            distance_m: x.distance_m,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl WellnessDoc {
    pub fn new(date: Date, w: &Wellness) -> WellnessDoc {
        WellnessDoc {
            date,
            sleep_hours: w.sleep_hours,
            sleep_quality: w.sleep_quality,
            fatigue: w.fatigue,
            soreness: w.soreness,
            stress: w.stress,
            mood: w.mood,
            resting_hr_bpm: w.resting_hr_bpm,
            hrv_rmssd_ms: w.hrv_rmssd_ms,
            pain: w.pain,
            illness: w.illness,
        }
    }

    pub fn to_wellness(&self) -> Wellness {
        Wellness {
            sleep_hours: self.sleep_hours,
            sleep_quality: self.sleep_quality,
            fatigue: self.fatigue,
            soreness: self.soreness,
            stress: self.stress,
            mood: self.mood,
            resting_hr_bpm: self.resting_hr_bpm,
            hrv_rmssd_ms: self.hrv_rmssd_ms,
            pain: self.pain,
            illness: self.illness,
        }
    }
}
