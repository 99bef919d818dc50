//! What was done: the training sessions afterlift reads from files, stores in the log and learns from.
//!
//! These are the types every reader in `afterlift-formats` produces and the store persists. They carry
//! UTC instants (`jiff::Timestamp`) plus, where the device said so, its local UTC offset.

use jiff::Timestamp;

/// The sport of a cardio activity. Mirrors the `sport` values of the `activities` JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sport {
    Run,
    Cycle,
    Swim,
    Row,
    Walk,
    Hike,
    Elliptical,
    Other,
}

impl Sport {
    pub const ALL: [Sport; 8] = [
        Sport::Run,
        Sport::Cycle,
        Sport::Swim,
        Sport::Row,
        Sport::Walk,
        Sport::Hike,
        Sport::Elliptical,
        Sport::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sport::Run => "run",
            Sport::Cycle => "cycle",
            Sport::Swim => "swim",
            Sport::Row => "row",
            Sport::Walk => "walk",
            Sport::Hike => "hike",
            Sport::Elliptical => "elliptical",
            Sport::Other => "other",
        }
    }

    /// Running-type sports load the legs with impact (ground reaction forces); cycling, rowing,
    /// swimming and the elliptical do not.
    pub fn is_impact(self) -> bool {
        matches!(self, Sport::Run | Sport::Hike)
    }
}

impl std::str::FromStr for Sport {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        let sport = match norm.as_str() {
            "run" | "running" | "jog" | "trail_running" | "treadmill" => Sport::Run,
            "cycle" | "cycling" | "bike" | "biking" | "ride" => Sport::Cycle,
            "swim" | "swimming" => Sport::Swim,
            "row" | "rowing" => Sport::Row,
            "walk" | "walking" => Sport::Walk,
            "hike" | "hiking" => Sport::Hike,
            "elliptical" => Sport::Elliptical,
            "other" => Sport::Other,
            _ => {
                return Err(format!(
                    "unknown sport '{s}': expected run, cycle, swim, row, walk, hike, elliptical or other"
                ));
            }
        };
        Ok(sport)
    }
}

/// One cardio activity: a run, a ride, a swim… Summary plus optional per-second samples.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub sport: Sport,
    pub started_at: Timestamp,
    /// The device's local offset from UTC at the start, in seconds, when the file said so.
    pub utc_offset_s: Option<i32>,
    /// Moving/timer time in seconds (pauses excluded).
    pub timer_s: f64,
    /// Wall-clock time from start to end in seconds.
    pub elapsed_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    pub calories_kcal: Option<f64>,
    /// Session RPE (CR-10) when the athlete rated it.
    pub rpe: Option<f64>,
    /// Where it came from, e.g. `"fit"`, `"gpx"`, `"tcx"`, `"manual"`; plus the device when known.
    pub source: String,
    pub samples: Vec<Sample>,
    /// The device's laps, in time order (empty when the file has none, as GPX never does).
    pub laps: Vec<Lap>,
}

impl Activity {
    /// When the activity ended (start + elapsed time).
    pub fn ended_at(&self) -> Timestamp {
        self.started_at
            .checked_add(crate::time::seconds(self.elapsed_s.max(0.0)))
            .unwrap_or(self.started_at)
    }
}

/// A gap between samples longer than this, seconds, is a pause: it counts in elapsed time, not in timer
/// (moving) time. Devices stop recording while auto-paused, so a minute without a sample is a stop, not
/// a minute at the last sample's pace. The readers' timer time for a file without a summary and an
/// activity's splits ([`crate::streams::splits`]) both follow it.
pub const PAUSE_GAP_S: u32 = 60;

/// One recorded sample of an activity (usually one per second).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sample {
    /// Seconds since the activity's `started_at`.
    pub offset_s: u32,
    pub hr_bpm: Option<u8>,
    pub speed_mps: Option<f32>,
    /// Cumulative distance from the start, metres.
    pub distance_m: Option<f64>,
    pub cadence_rpm: Option<u8>,
    pub altitude_m: Option<f32>,
    pub power_w: Option<u16>,
    pub lat_deg: Option<f64>,
    pub lon_deg: Option<f64>,
}

/// One lap as the device recorded it (a FIT `lap` message, a TCX `<Lap>`): the device's own division of
/// the activity — by the lap button, automatically by distance or time, at the session's end. Its numbers
/// are the device's, not recomputed from the samples (those are an activity's splits,
/// [`crate::streams::splits`]). Every value but the start may be missing; a reader drops an implausible one
/// (with a warning) rather than the lap.
#[derive(Debug, Clone, PartialEq)]
pub struct Lap {
    /// When the lap started.
    pub start: Timestamp,
    /// Wall-clock time from the lap's start to its end, seconds (FIT's `total_elapsed_time`; a TCX lap
    /// gives only its timer time).
    pub elapsed_s: Option<f64>,
    /// Timer time, seconds: pauses excluded (FIT's `total_timer_time`, TCX's `TotalTimeSeconds`).
    pub timer_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    /// The device's average speed over the lap, m/s.
    pub avg_speed_mps: Option<f64>,
    /// Metres climbed during the lap.
    pub ascent_m: Option<f64>,
    /// Average cadence as recorded, like [`Sample::cadence_rpm`]: revolutions a minute, for running one
    /// foot's strides a minute (steps a minute are twice this).
    pub avg_cadence_rpm: Option<f64>,
    /// What ended the lap.
    pub trigger: Option<LapTrigger>,
}

impl Lap {
    /// A lap starting at `start` with nothing else known.
    pub fn starting(start: Timestamp) -> Lap {
        Lap {
            start,
            elapsed_s: None,
            timer_s: None,
            distance_m: None,
            avg_hr_bpm: None,
            max_hr_bpm: None,
            avg_speed_mps: None,
            ascent_m: None,
            avg_cadence_rpm: None,
            trigger: None,
        }
    }
}

/// What ended a lap: FIT's `lap_trigger` (its four position triggers are one here) and TCX's
/// `TriggerMethod` (`Location` is a position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LapTrigger {
    /// The lap button.
    Manual,
    /// Auto-lap by time.
    Time,
    /// Auto-lap by distance.
    Distance,
    /// Auto-lap at a position (a start line, a marked place).
    Position,
    /// A heart rate reached (TCX).
    HeartRate,
    /// The end of the session.
    SessionEnd,
    /// A fitness machine's own lap.
    FitnessEquipment,
}

impl LapTrigger {
    pub const ALL: [LapTrigger; 7] = [
        LapTrigger::Manual,
        LapTrigger::Time,
        LapTrigger::Distance,
        LapTrigger::Position,
        LapTrigger::HeartRate,
        LapTrigger::SessionEnd,
        LapTrigger::FitnessEquipment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LapTrigger::Manual => "manual",
            LapTrigger::Time => "time",
            LapTrigger::Distance => "distance",
            LapTrigger::Position => "position",
            LapTrigger::HeartRate => "heart_rate",
            LapTrigger::SessionEnd => "session_end",
            LapTrigger::FitnessEquipment => "fitness_equipment",
        }
    }
}

impl std::str::FromStr for LapTrigger {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LapTrigger::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| format!("unknown lap trigger '{s}'"))
    }
}

/// One strength workout: the exercises and their sets.
#[derive(Debug, Clone, PartialEq)]
pub struct StrengthSession {
    pub started_at: Timestamp,
    pub duration_s: Option<f64>,
    /// The workout's title as the app named it ("Push Day", "Beine").
    pub title: Option<String>,
    /// Session RPE (CR-10) for the whole workout, when rated.
    pub rpe: Option<f64>,
    pub source: String,
    pub exercises: Vec<ExerciseLog>,
}

/// One exercise within a strength session, under the name the app exported.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseLog {
    pub name: String,
    pub sets: Vec<SetLog>,
}

/// The kind of a set, as strength apps mark it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SetKind {
    #[default]
    Normal,
    Warmup,
    Drop,
    Failure,
}

impl SetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SetKind::Normal => "normal",
            SetKind::Warmup => "warmup",
            SetKind::Drop => "drop",
            SetKind::Failure => "failure",
        }
    }
}

/// One set: reps at a load, with optional effort ratings. Timed or distance sets (planks, carries) have no reps.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SetLog {
    pub reps: Option<u32>,
    pub weight_kg: Option<f64>,
    /// Rating of perceived exertion on the 1–10 scale (RPE 10 = 0 reps in reserve).
    pub rpe: Option<f64>,
    pub kind: SetKind,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
}

impl SetLog {
    /// A normal working set of `reps` at `weight_kg`, as people type or list them (no time or distance).
    pub fn working(reps: Option<u32>, weight_kg: Option<f64>, rpe: Option<f64>) -> SetLog {
        SetLog {
            reps,
            weight_kg,
            rpe,
            ..SetLog::default()
        }
    }
}

/// A daily wellness check-in (Hooper-style items: 1 very good … 7 very bad).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wellness {
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<u8>,
    pub fatigue: Option<u8>,
    pub soreness: Option<u8>,
    pub stress: Option<u8>,
    pub mood: Option<u8>,
    /// Morning resting heart rate today.
    pub resting_hr_bpm: Option<f64>,
    /// Morning HRV as rMSSD, milliseconds.
    pub hrv_rmssd_ms: Option<f64>,
    pub pain: bool,
    pub illness: bool,
}
