//! What a whole lifting session trained: its region, how much of it was legs, the load per muscle.
//!
//! Everything is counted in **working sets**, so five sets of squats and one set of curls is a leg day.
//! Only strength work counts: cardio and mobility entries (a run or a stretch logged in the app) are listed in
//! [`SessionSummary::other`] and change nothing; unknown names are listed with a suggestion in
//! [`SessionSummary::unknown`] and change nothing either.
//!
//! The rules, with `S` = [`SUBSTANTIAL_SHARE`] (0.3):
//! - **shares**: each exercise's sets go to its region; a full-body exercise (clean, thruster, carry) counts
//!   half to lower and half to upper. `lower + upper + core = 1`.
//! - **region**: none without a recognised strength exercise; `full` when lower ≥ S and upper ≥ S (squat,
//!   bench and rows in equal measure); else `lower` when lower ≥ S; else `upper` when upper ≥ S; else the largest
//!   share, which is `core` for an abs session (ties go to lower, then upper: the more cautious answer
//!   for a run).
//! - **leg share**: the share of sets in exercises with a leg muscle as prime mover
//!   ([`Exercise::involves_legs`]), full-body lifts included in full; **legs trained**: at least one such set;
//!   **leg day** ([`SessionSummary::is_leg_day`]): leg share ≥ S.
//! - **muscles**: per muscle, sets × [`Exercise::muscle_weight`] (1.0 primary, 0.5 secondary), summed.

use std::collections::BTreeMap;
use std::fmt;

use super::{
    Aliases, Catalogue, Exercise, Muscle, NO_ALIASES, ReadAsReason, Region, Resolution, catalogue,
};
use crate::contract::ExerciseInput;
use crate::session::{ExerciseLog, SetKind};

/// The share of a session's sets from which a region is substantial (30 %): a third of a classic
/// squat/bench/row full-body session, more than an upper day's token calf raises.
pub const SUBSTANTIAL_SHARE: f64 = 0.3;

/// One logged exercise of a session: its name and its working sets.
///
/// Implemented for names alone (`&str`, `String`: one set each), `(name, sets)` pairs with any integer
/// count, the [`ExerciseLog`] of an imported session (its non-warm-up sets) and the [`ExerciseInput`] of an
/// advice request. A count of 0 counts as one set: an exercise that was logged was done.
pub trait SessionEntry {
    fn exercise_name(&self) -> &str;
    fn working_sets(&self) -> u32 {
        1
    }
}

impl SessionEntry for str {
    fn exercise_name(&self) -> &str {
        self
    }
}

impl SessionEntry for String {
    fn exercise_name(&self) -> &str {
        self
    }
}

impl<N: AsRef<str>, S: SetCount> SessionEntry for (N, S) {
    fn exercise_name(&self) -> &str {
        self.0.as_ref()
    }
    fn working_sets(&self) -> u32 {
        self.1.to_sets()
    }
}

impl SessionEntry for ExerciseLog {
    fn exercise_name(&self) -> &str {
        &self.name
    }
    /// The sets that were not warm-ups; all sets if every one was marked warm-up.
    fn working_sets(&self) -> u32 {
        let working = self
            .sets
            .iter()
            .filter(|s| s.kind != SetKind::Warmup)
            .count();
        let count = if working > 0 {
            working
        } else {
            self.sets.len()
        };
        count.to_sets()
    }
}

impl SessionEntry for ExerciseInput {
    fn exercise_name(&self) -> &str {
        &self.name
    }
    fn working_sets(&self) -> u32 {
        self.sets.len().to_sets()
    }
}

impl<T: SessionEntry + ?Sized> SessionEntry for &T {
    fn exercise_name(&self) -> &str {
        (**self).exercise_name()
    }
    fn working_sets(&self) -> u32 {
        (**self).working_sets()
    }
}

/// An integer set count, clamped into `u32` (negative counts become 0).
pub trait SetCount: Copy {
    fn to_sets(self) -> u32;
}

macro_rules! set_count {
    ($($t:ty),*) => {$(
        impl SetCount for $t {
            fn to_sets(self) -> u32 {
                u32::try_from(self).unwrap_or(if self > 0 { u32::MAX } else { 0 })
            }
        }
    )*};
}
set_count!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// Shares of a session's strength sets by region; they sum to 1 when any set was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RegionShares {
    pub lower: f64,
    pub upper: f64,
    pub core: f64,
}

/// A recognised exercise of the session with its working sets (repeats of one exercise merged).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedExercise<'c> {
    pub exercise: &'c Exercise,
    pub sets: u32,
}

/// A name the catalogue does not know: nothing of it is counted.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownExercise<'c> {
    /// As logged.
    pub name: String,
    pub suggestion: Option<&'c Exercise>,
    pub sets: u32,
}

impl fmt::Display for UnknownExercise<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not in the exercise catalogue", self.name)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, " (did you mean '{suggestion}'?)")?;
        }
        f.write_str("; it is left out of the session's muscles and region")
    }
}

/// A name read as a catalogue exercise (the athlete's alias or a confident close match): counted as
/// that exercise, and named so that a wrong reading can be fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadAsExercise<'c> {
    /// As logged.
    pub name: String,
    pub exercise: &'c Exercise,
    pub because: ReadAsReason,
    pub sets: u32,
}

impl fmt::Display for ReadAsExercise<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.because {
            ReadAsReason::Alias => {
                write!(f, "read '{}' as {} (your alias)", self.name, self.exercise)
            }
            ReadAsReason::CloseMatch => write!(
                f,
                "read '{}' as {} (the closest name in the catalogue; if that is wrong, add an alias: afterlift exercises alias \"{}\" \"<exercise>\")",
                self.name, self.exercise, self.name
            ),
        }
    }
}

/// What a lifting session trained. Built by [`summarize`] or [`Catalogue::summarize`].
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary<'c> {
    /// `None` when no strength exercise was recognised.
    pub region: Option<Region>,
    /// At least one working set of an exercise with a leg muscle as prime mover.
    pub legs_trained: bool,
    /// Share (0–1) of the strength sets in exercises that involve the legs; 0 when none was recognised.
    pub leg_share: f64,
    pub shares: RegionShares,
    /// Recognised strength sets, the denominator of the shares.
    pub strength_sets: u64,
    /// Per muscle: Σ sets × weight (1.0 primary, 0.5 secondary). Muscles not trained are absent.
    pub muscles: BTreeMap<Muscle, f64>,
    /// Recognised strength exercises, in the order first logged.
    pub exercises: Vec<LoggedExercise<'c>>,
    /// Recognised cardio and mobility entries: not counted as strength work.
    pub other: Vec<LoggedExercise<'c>>,
    /// Names that were read as a catalogue exercise by alias or a confident close match (also counted in
    /// `exercises`/`other`).
    pub read_as: Vec<ReadAsExercise<'c>>,
    /// Names that were not recognised, with a suggestion where one is close.
    pub unknown: Vec<UnknownExercise<'c>>,
    /// Working sets of the unrecognised names: what the session's region cannot account for.
    pub unknown_sets: u64,
}

impl SessionSummary<'_> {
    /// The legs did a substantial share of the work (leg share ≥ [`SUBSTANTIAL_SHARE`]).
    pub fn is_leg_day(&self) -> bool {
        self.leg_share >= SUBSTANTIAL_SHARE
    }

    /// The load on one muscle (Σ sets × weight), 0 when it was not trained.
    pub fn muscle_load(&self, muscle: Muscle) -> f64 {
        self.muscles.get(&muscle).copied().unwrap_or(0.0)
    }

    /// One message per unknown name, for the user.
    pub fn warnings(&self) -> Vec<String> {
        self.unknown.iter().map(ToString::to_string).collect()
    }
}

/// Summarises a session against the built-in [`catalogue`]:
/// `summarize(&[("Squat (Barbell)", 5), ("Bicep Curl (Dumbbell)", 1)])` is a lower-body day, legs trained.
/// Accepts names alone (one set each) or anything else that is a [`SessionEntry`].
pub fn summarize<I>(entries: I) -> SessionSummary<'static>
where
    I: IntoIterator,
    I::Item: SessionEntry,
{
    summarize_with(catalogue(), entries, &NO_ALIASES)
}

pub(super) fn summarize_with<'c, I>(
    catalogue: &'c Catalogue,
    entries: I,
    aliases: &Aliases,
) -> SessionSummary<'c>
where
    I: IntoIterator,
    I::Item: SessionEntry,
{
    let mut exercises: Vec<LoggedExercise<'_>> = Vec::new();
    let mut other: Vec<LoggedExercise<'_>> = Vec::new();
    let mut unknown: Vec<UnknownExercise<'_>> = Vec::new();
    let mut read_as: Vec<ReadAsExercise<'_>> = Vec::new();

    for entry in entries {
        let sets = entry.working_sets().max(1);
        let resolution = catalogue.resolve_with(entry.exercise_name(), aliases);
        if let Resolution::ReadAs {
            name,
            exercise,
            because,
        } = &resolution
        {
            match read_as.iter_mut().find(|r| r.name == *name) {
                Some(seen) => seen.sets = seen.sets.saturating_add(sets),
                None => read_as.push(ReadAsExercise {
                    name: name.clone(),
                    exercise,
                    because: *because,
                    sets,
                }),
            }
        }
        match resolution {
            Resolution::Known(exercise) | Resolution::ReadAs { exercise, .. } => {
                let list = if exercise.is_strength() {
                    &mut exercises
                } else {
                    &mut other
                };
                match list
                    .iter_mut()
                    .find(|logged| std::ptr::eq(logged.exercise, exercise))
                {
                    Some(logged) => logged.sets = logged.sets.saturating_add(sets),
                    None => list.push(LoggedExercise { exercise, sets }),
                }
            }
            Resolution::Unknown { name, suggestion } => {
                match unknown.iter_mut().find(|u| u.name == name) {
                    Some(seen) => seen.sets = seen.sets.saturating_add(sets),
                    None => unknown.push(UnknownExercise {
                        name,
                        suggestion,
                        sets,
                    }),
                }
            }
        }
    }

    let mut lower = 0.0;
    let mut upper = 0.0;
    let mut core = 0.0;
    let mut leg_sets = 0.0;
    let mut strength_sets: u64 = 0;
    let mut muscles: BTreeMap<Muscle, f64> = BTreeMap::new();
    for LoggedExercise { exercise, sets } in &exercises {
        let sets_f = f64::from(*sets);
        strength_sets += u64::from(*sets);
        match exercise.region {
            Region::Lower => lower += sets_f,
            Region::Upper => upper += sets_f,
            Region::Core => core += sets_f,
            Region::Full => {
                lower += sets_f / 2.0;
                upper += sets_f / 2.0;
            }
        }
        if exercise.involves_legs() {
            leg_sets += sets_f;
        }
        for (muscle, weight) in exercise.muscles() {
            *muscles.entry(muscle).or_insert(0.0) += sets_f * weight;
        }
    }

    let total = strength_sets as f64;
    let (shares, leg_share) = if strength_sets == 0 {
        (RegionShares::default(), 0.0)
    } else {
        (
            RegionShares {
                lower: lower / total,
                upper: upper / total,
                core: core / total,
            },
            leg_sets / total,
        )
    };

    SessionSummary {
        region: (strength_sets > 0).then(|| region_of(shares)),
        legs_trained: leg_sets > 0.0,
        leg_share,
        shares,
        strength_sets,
        muscles,
        exercises,
        other,
        read_as,
        unknown_sets: unknown.iter().map(|u| u64::from(u.sets)).sum(),
        unknown,
    }
}

/// The session's region from its shares; the rules are in the module documentation.
fn region_of(shares: RegionShares) -> Region {
    let RegionShares { lower, upper, core } = shares;
    match (lower >= SUBSTANTIAL_SHARE, upper >= SUBSTANTIAL_SHARE) {
        (true, true) => Region::Full,
        (true, false) => Region::Lower,
        (false, true) => Region::Upper,
        (false, false) if lower >= upper && lower >= core => Region::Lower,
        (false, false) if upper >= core => Region::Upper,
        (false, false) => Region::Core,
    }
}
