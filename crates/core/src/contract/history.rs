//! The history to explore: weekly volume by sport and by muscle group, strength progress per exercise and
//! where the data is — the JSON of `afterlift history --json` and `GET /api/v1/history`, built by
//! [`crate::history::history`].

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::catalogue::{Muscle, Region};
use crate::session::Sport;

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The history between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HistoryResponse {
    /// The first date asked for (YYYY-MM-DD, the athlete's local date); by default the first date with
    /// data (today in an empty log).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub from: Date,
    /// The last date asked for (inclusive); by default today, or the last date with data when that is
    /// later.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub to: Date,
    /// The first local date with anything in the log (an activity, a lift or a check-in), whatever the
    /// range; null in an empty log. With `last_date`, where a view should look by default.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub first_date: Option<Date>,
    /// The last local date with anything in the log; null in an empty log.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub last_date: Option<Date>,
    /// Every ISO week (Monday to Sunday, in the athlete's time zone) that overlaps `from`–`to`, oldest
    /// first, empty weeks included. A week counts all of its sessions, even those outside `from`–`to`, so
    /// that its numbers do not depend on where a range cuts it.
    pub weeks: Vec<WeekVolume>,
    /// Strength progress per exercise, the most often logged first (then by name): the points between
    /// `from` and `to`. Exercises the catalogue knows are named as it names them (`Squat (Barbell)`, the
    /// athlete's aliases applied); others by the name logged.
    pub strength: Vec<ExerciseProgress>,
}

/// One ISO week's training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WeekVolume {
    /// The week's Monday (YYYY-MM-DD).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub week_start: Date,
    /// Cardio by sport, in the order of `sport`'s values; sports not done that week are left out.
    pub sports: Vec<SportVolume>,
    /// The week's strength sessions.
    pub strength: StrengthVolume,
    /// Hard sets and tonnage by the region of the exercise (upper, lower, core, full body), each set
    /// counted once: they add up to `strength.hard_sets` and `strength.tonnage_kg`. Regions not trained
    /// that week are left out.
    pub regions: Vec<RegionVolume>,
    /// Hard sets and tonnage by muscle group, in the catalogue's order of muscles; muscles not trained
    /// that week are left out. A set counts for every muscle it works, so these do not add up to the
    /// week's sets.
    pub muscles: Vec<MuscleVolume>,
}

/// One body region's strength work in a week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RegionVolume {
    pub region: Region,
    /// Hard sets of exercises of this region.
    pub sets: u32,
    /// Σ reps × kg of those sets.
    pub tonnage_kg: f64,
}

/// One sport's cardio in a week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SportVolume {
    pub sport: Sport,
    pub sessions: u32,
    /// Timer (moving) time, minutes.
    pub minutes: f64,
    /// Metres; sessions without a distance add nothing.
    pub distance_m: f64,
}

/// A week's strength sessions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StrengthVolume {
    pub sessions: u32,
    /// The sessions' logged minutes, else estimated from their sets (as the training load does).
    pub minutes: f64,
    /// Sets that are not warm-ups, of exercises the catalogue knows as resistance work.
    pub hard_sets: u32,
    /// Σ reps × kg over those sets.
    pub tonnage_kg: f64,
    /// Sets of exercises the catalogue cannot read (not in `muscles`: add an alias to count them).
    pub unknown_sets: u32,
}

/// One muscle group's strength work in a week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MuscleVolume {
    pub muscle: Muscle,
    /// Hard sets: 1 per set where the muscle is a prime mover, ½ where it is a synergist.
    pub sets: f64,
    /// Σ reps × kg of those sets, with the same weights.
    pub tonnage_kg: f64,
}

/// Estimated 1RM over time for one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExerciseProgress {
    pub exercise: String,
    /// Sessions with a point, in the whole log (not only the range): what orders the exercises.
    pub sessions: u32,
    /// One point per session, oldest first.
    pub points: Vec<E1rmPoint>,
}

/// A session's best estimated 1RM of one exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct E1rmPoint {
    /// The session's local date (YYYY-MM-DD).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    /// Epley's estimate from the session's best set (1–12 reps, not a warm-up), kg.
    pub e1rm_kg: f64,
    /// That set as people read it: `5×100 kg`.
    pub set: String,
    pub reps: u32,
    pub weight_kg: f64,
    /// The session (`l12`).
    pub lift_id: String,
}
