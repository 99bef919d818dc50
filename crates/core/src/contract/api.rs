//! The HTTP API's own shapes: what only the API needs beyond the shared contract — a manual lift, the
//! detail of one log entry (the JSON of `afterlift show --json`), a wellness day, and the error body.
//!
//! Everything else the API speaks is the shared contract (`AdviceRequest`, `ProfileDoc`, `ImportReport`,
//! the calculators' requests and responses …), exactly as the CLI's `--json`.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{ExerciseInput, FieldError, ReadinessInput};
use crate::catalogue::{self, Aliases, Muscle, Pattern, ReadAsReason, Region, Resolution};
use crate::science::strength;
use crate::session::{ExerciseLog, SetKind, SetLog, Sport};

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

/// Seconds in each of five zones (Edwards: Z1 50–60 % … Z5 ≥ 90 % of `max_hr_bpm`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HrZonesOut {
    pub max_hr_bpm: f64,
    pub seconds: [u32; 5],
    /// Each zone's lowest heart rate, bpm (its share of `max_hr_bpm`, to 0.1 bpm): Z1 ends where Z2 begins.
    pub lower_bpm: [f64; 5],
}

impl From<crate::hr_zones::HrZones> for HrZonesOut {
    fn from(z: crate::hr_zones::HrZones) -> HrZonesOut {
        HrZonesOut {
            max_hr_bpm: z.max_hr_bpm,
            seconds: z.seconds,
            lower_bpm: crate::hr_zones::ZONE_LOWER_BOUNDS
                .map(|share| (share * z.max_hr_bpm * 10.0).round() / 10.0),
        }
    }
}

/// One strength session in full (`afterlift show l3 --json`): its exercises and sets, each exercise as
/// the catalogue reads it (with the athlete's aliases) with its estimated 1RM, and the muscles the
/// session worked.
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
    /// What the session trained, as the advice reads it: `lower`, `upper`, `core` or `full`; null when
    /// no strength exercise was read.
    pub region: Option<Region>,
    /// The muscles worked, most first: per muscle the working sets (warm-ups left out) of the exercises
    /// that train it, a prime mover's set counting 1 and a synergist's 0.5 — the per-muscle load the
    /// advice's fatigue model starts from. Strength exercises only (a run or a stretch logged in the app
    /// counts nothing), and nothing of `unknown_exercises`.
    pub muscles: Vec<MuscleWorked>,
    /// The names the catalogue cannot read, even with the athlete's aliases: their sets are listed in
    /// `exercises` but none of their muscles is counted. Fix one with `afterlift exercises alias NAME
    /// EXERCISE` (or `PUT /api/v1/exercises/aliases`).
    pub unknown_exercises: Vec<UnknownExercise>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LiftDetailExercise {
    /// As logged.
    pub name: String,
    pub sets: Vec<LiftDetailSet>,
    /// The catalogue exercise the name was read as; null when it cannot be read (see the session's
    /// `unknown_exercises`).
    pub read_as: Option<ExerciseReading>,
    /// The best estimated one-repetition maximum of its working sets; null without a working set of
    /// 1–12 reps with a weight.
    pub e1rm: Option<E1rm>,
}

/// How a logged name was read, and what that exercise trains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExerciseReading {
    /// The catalogue's name.
    pub exercise: String,
    pub by: ReadBy,
    pub region: Region,
    pub pattern: Pattern,
    /// Prime movers.
    pub primary: Vec<Muscle>,
    /// Synergists and stabilisers that do real work.
    pub secondary: Vec<Muscle>,
}

/// Why a logged name is read as a catalogue exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadBy {
    /// The catalogue's own name or one of its names (up to case, plurals and equipment).
    Name,
    /// The athlete's alias.
    Alias,
    /// The closest catalogue name, one or two typing slips away: add an alias if it is wrong.
    CloseMatch,
}

/// An exercise's estimated 1RM from its best set: the working set (not a warm-up) of 1–12 reps with a
/// weight whose Epley estimate is highest — the estimate the readiness's e1RM trend reads. Both formulas
/// lose accuracy beyond about 10 reps; beyond 12 none is given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct E1rm {
    /// Epley (1985): kg × (1 + reps / 30), to 0.1 kg.
    pub epley_kg: f64,
    /// Brzycki (1993): kg × 36 / (37 − reps), the same set, to 0.1 kg.
    pub brzycki_kg: f64,
    /// The set it comes from: its index in `sets` (from 0), its reps and weight.
    pub set: usize,
    pub reps: u32,
    pub kg: f64,
}

/// One muscle a session worked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MuscleWorked {
    pub muscle: Muscle,
    /// Working sets, a prime mover's counting 1 and a synergist's 0.5.
    pub sets: f64,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

impl E1rm {
    /// The best set's estimates ([`crate::readiness::best_e1rm_set`]); `None` without a set that allows one.
    pub fn of(sets: &[SetLog]) -> Option<E1rm> {
        let (i, epley) = crate::readiness::best_e1rm_set(sets)?;
        let set = &sets[i];
        let (reps, kg) = (set.reps?, set.weight_kg?);
        Some(E1rm {
            epley_kg: round1(epley),
            brzycki_kg: round1(strength::brzycki_1rm(kg, reps)?),
            set: i,
            reps,
            kg,
        })
    }
}

impl ExerciseReading {
    /// How the catalogue reads `name` with `aliases`; `None` when it cannot.
    pub fn of(name: &str, aliases: &Aliases) -> Option<ExerciseReading> {
        let (exercise, by) = match catalogue::catalogue().resolve_with(name, aliases) {
            Resolution::Known(e) => (e, ReadBy::Name),
            Resolution::ReadAs {
                exercise, because, ..
            } => (
                exercise,
                match because {
                    ReadAsReason::Alias => ReadBy::Alias,
                    ReadAsReason::CloseMatch => ReadBy::CloseMatch,
                },
            ),
            Resolution::Unknown { .. } => return None,
        };
        Some(ExerciseReading {
            exercise: exercise.name.clone(),
            by,
            region: exercise.region,
            pattern: exercise.pattern,
            primary: exercise.primary.clone(),
            secondary: exercise.secondary.clone(),
        })
    }
}

impl LiftDetailExercise {
    /// A logged exercise with its reading and e1RM.
    pub fn new(e: &ExerciseLog, aliases: &Aliases) -> LiftDetailExercise {
        LiftDetailExercise {
            name: e.name.clone(),
            sets: e
                .sets
                .iter()
                .map(|s| LiftDetailSet {
                    reps: s.reps,
                    kg: s.weight_kg,
                    rpe: s.rpe,
                    kind: s.kind,
                    duration_s: s.duration_s,
                    distance_m: s.distance_m,
                })
                .collect(),
            read_as: ExerciseReading::of(&e.name, aliases),
            e1rm: E1rm::of(&e.sets),
        }
    }
}

/// What a session trained ([`catalogue::summarize`] with the athlete's aliases): its region, the muscles
/// worked (most first, then in the catalogue's muscle order) and the names it cannot read.
pub fn session_training(
    exercises: &[ExerciseLog],
    aliases: &Aliases,
) -> (Option<Region>, Vec<MuscleWorked>, Vec<UnknownExercise>) {
    let summary = catalogue::catalogue().summarize_with_aliases(exercises, aliases);
    let mut muscles: Vec<MuscleWorked> = summary
        .muscles
        .iter()
        .map(|(&muscle, &sets)| MuscleWorked { muscle, sets })
        .collect();
    muscles.sort_by(|a, b| b.sets.total_cmp(&a.sets).then(a.muscle.cmp(&b.muscle)));
    let unknown = summary
        .unknown
        .iter()
        .map(|u| UnknownExercise {
            name: u.name.clone(),
            suggestion: u.suggestion.map(|e| e.name.clone()),
            sets: Some(u.sets),
        })
        .collect();
    (summary.region, muscles, unknown)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SetLog;

    fn set(reps: u32, kg: f64) -> SetLog {
        SetLog::working(Some(reps), Some(kg), None)
    }

    fn log(name: &str, sets: Vec<SetLog>) -> ExerciseLog {
        ExerciseLog {
            name: name.into(),
            sets,
        }
    }

    /// The published examples: Epley (1985) 100 kg × 5 → 116.7 kg, Brzycki (1993) 100 kg × 5 → 112.5 kg;
    /// and the two agree at 10 reps, which both tables put at 75 % of the 1RM (80 kg × 10 → 106.7 kg).
    #[test]
    fn e1rm_from_the_best_set_with_both_published_formulas() {
        let sets = [
            SetLog {
                kind: SetKind::Warmup,
                ..set(5, 140.0)
            },
            set(5, 100.0),
            set(3, 102.5),
            set(13, 90.0),
        ];
        // The warm-up and the 13-rep set are not trusted; of 5 × 100 (116.7) and 3 × 102.5 (112.75) the
        // first is best.
        let e = E1rm::of(&sets).unwrap();
        assert_eq!((e.set, e.reps, e.kg), (1, 5, 100.0));
        assert_eq!(e.epley_kg, 116.7);
        assert_eq!(e.brzycki_kg, 112.5);
        let ten = E1rm::of(&[set(10, 80.0)]).unwrap();
        assert_eq!((ten.epley_kg, ten.brzycki_kg), (106.7, 106.7));
        // One rep is the 1RM itself.
        let single = E1rm::of(&[set(1, 180.0)]).unwrap();
        assert_eq!((single.epley_kg, single.brzycki_kg), (180.0, 180.0));
    }

    #[test]
    fn no_e1rm_without_a_set_that_allows_one() {
        assert_eq!(E1rm::of(&[]), None);
        assert_eq!(E1rm::of(&[set(13, 60.0), set(20, 40.0)]), None);
        assert_eq!(E1rm::of(&[SetLog::working(Some(10), None, None)]), None);
        assert_eq!(E1rm::of(&[set(5, 0.0)]), None);
        let timed = SetLog {
            duration_s: Some(60.0),
            ..SetLog::default()
        };
        assert_eq!(E1rm::of(&[timed]), None);
        let warmups = [SetLog {
            kind: SetKind::Warmup,
            ..set(5, 60.0)
        }];
        assert_eq!(E1rm::of(&warmups), None);
    }

    #[test]
    fn names_are_read_with_the_athletes_aliases_and_unknown_ones_are_flagged() {
        let aliases = Aliases::from_pairs([("Kniebeuge", "Squat (Barbell)")]);
        let squat = ExerciseReading::of("Kniebeuge", &aliases).unwrap();
        assert_eq!(squat.exercise, "Squat (Barbell)");
        assert_eq!(squat.by, ReadBy::Alias);
        assert_eq!(squat.primary, [Muscle::Quads, Muscle::Glutes]);
        assert!(ExerciseReading::of("Kniebeuge", &Aliases::new()).is_none());
        let bench = ExerciseReading::of("Bench Press (Barbell)", &aliases).unwrap();
        assert_eq!(bench.by, ReadBy::Name);
        assert_eq!(bench.secondary, [Muscle::Triceps, Muscle::FrontDelts]);
        assert_eq!(
            ExerciseReading::of("Sqaut (Barbell)", &aliases).map(|r| (r.exercise, r.by)),
            Some(("Squat (Barbell)".into(), ReadBy::CloseMatch))
        );

        let session = [
            log("Kniebeuge", vec![set(5, 100.0); 3]),
            log("Bench Press (Barbell)", vec![set(5, 80.0); 2]),
            log("Zorblax Press", vec![set(10, 20.0); 4]),
        ];
        let (region, muscles, unknown) = session_training(&session, &aliases);
        assert_eq!(region, Some(Region::Full));
        // Squat: quads and glutes 3 sets each as prime movers; bench: chest 2, triceps 2 × 0.5 = 1.
        let sets = |m: Muscle| muscles.iter().find(|w| w.muscle == m).map(|w| w.sets);
        assert_eq!(sets(Muscle::Quads), Some(3.0));
        assert_eq!(sets(Muscle::Chest), Some(2.0));
        assert_eq!(sets(Muscle::Triceps), Some(1.0));
        assert_eq!(sets(Muscle::Hamstrings), Some(1.5));
        assert_eq!(muscles[0].muscle, Muscle::Quads, "most first: {muscles:?}");
        assert!(muscles.windows(2).all(|w| w[0].sets >= w[1].sets));
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].name, "Zorblax Press");
        assert_eq!(unknown[0].sets, Some(4));
        let without = session_training(&session, &Aliases::new());
        assert_eq!(without.0, Some(Region::Upper));
        assert_eq!(without.2.len(), 2);
    }
}
