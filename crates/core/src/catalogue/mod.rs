//! The exercise catalogue: which muscles an exercise trains, so that an upper-body day is not a leg day.
//!
//! The data lives in `crates/core/data/exercises.toml` (about 240 exercises under the names the Strong and Hevy
//! apps export, plus what people type: `squat`, `rdl`, `ohp`). It is embedded at compile time and parsed once
//! on first use ([`catalogue`]); the tests check it (no duplicates, muscles consistent with the region, every
//! name of a real Strong export resolves).
//!
//! - [`Catalogue::resolve`] turns a logged name into an [`Exercise`]: exact match after normalisation (case,
//!   punctuation, spacing, plurals), then an equipment/variant fallback (`Goblet Squat (Dumbbell)` is the goblet
//!   squat the catalogue knows as `Goblet Squat (Kettlebell)`), and only then, for an unknown name, a
//!   suggestion for a likely typo (`Sqaut (Barbell)` → did you mean `Squat (Barbell)`?).
//! - [`summarize`] reads a whole session: its [`Region`], whether and how much the legs were trained, and
//!   the load per [`Muscle`]. See [`summary`] for the rules and thresholds.
//!
//! Muscle weights: a primary muscle (prime mover) counts 1.0 per set, a secondary one (synergist or
//! stabiliser that does real work) 0.5, any other 0 ([`Exercise::muscle_weight`]). Per-muscle fatigue
//! builds on these numbers.

mod normalize;
mod suggest;
pub mod summary;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use normalize::{
    normalize, without_dash_qualifier, without_equipment_words, without_parenthetical,
};
use suggest::SuggestionKey;
pub use summary::{
    LoggedExercise, ReadAsExercise, RegionShares, SUBSTANTIAL_SHARE, SessionEntry, SessionSummary,
    SetCount, UnknownExercise, summarize,
};

/// A muscle group, in the fixed vocabulary of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Muscle {
    Quads,
    Hamstrings,
    Glutes,
    Adductors,
    Abductors,
    Calves,
    HipFlexors,
    LowerBack,
    Abs,
    Obliques,
    Chest,
    Lats,
    /// Trapezius and rhomboids.
    UpperBack,
    FrontDelts,
    SideDelts,
    RearDelts,
    Biceps,
    Triceps,
    Forearms,
    Neck,
}

impl Muscle {
    pub const ALL: [Muscle; 20] = [
        Muscle::Quads,
        Muscle::Hamstrings,
        Muscle::Glutes,
        Muscle::Adductors,
        Muscle::Abductors,
        Muscle::Calves,
        Muscle::HipFlexors,
        Muscle::LowerBack,
        Muscle::Abs,
        Muscle::Obliques,
        Muscle::Chest,
        Muscle::Lats,
        Muscle::UpperBack,
        Muscle::FrontDelts,
        Muscle::SideDelts,
        Muscle::RearDelts,
        Muscle::Biceps,
        Muscle::Triceps,
        Muscle::Forearms,
        Muscle::Neck,
    ];

    /// The snake_case name used in the data file and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Muscle::Quads => "quads",
            Muscle::Hamstrings => "hamstrings",
            Muscle::Glutes => "glutes",
            Muscle::Adductors => "adductors",
            Muscle::Abductors => "abductors",
            Muscle::Calves => "calves",
            Muscle::HipFlexors => "hip_flexors",
            Muscle::LowerBack => "lower_back",
            Muscle::Abs => "abs",
            Muscle::Obliques => "obliques",
            Muscle::Chest => "chest",
            Muscle::Lats => "lats",
            Muscle::UpperBack => "upper_back",
            Muscle::FrontDelts => "front_delts",
            Muscle::SideDelts => "side_delts",
            Muscle::RearDelts => "rear_delts",
            Muscle::Biceps => "biceps",
            Muscle::Triceps => "triceps",
            Muscle::Forearms => "forearms",
            Muscle::Neck => "neck",
        }
    }

    /// For messages: `hip flexors`, `upper back`.
    pub fn label(self) -> &'static str {
        match self {
            Muscle::HipFlexors => "hip flexors",
            Muscle::LowerBack => "lower back",
            Muscle::UpperBack => "upper back",
            Muscle::FrontDelts => "front delts",
            Muscle::SideDelts => "side delts",
            Muscle::RearDelts => "rear delts",
            other => other.as_str(),
        }
    }

    /// The leg muscles: quads, hamstrings, glutes, adductors, abductors, calves, hip flexors.
    pub fn is_leg(self) -> bool {
        matches!(
            self,
            Muscle::Quads
                | Muscle::Hamstrings
                | Muscle::Glutes
                | Muscle::Adductors
                | Muscle::Abductors
                | Muscle::Calves
                | Muscle::HipFlexors
        )
    }

    /// The trunk: abs, obliques, lower back.
    pub fn is_trunk(self) -> bool {
        matches!(self, Muscle::Abs | Muscle::Obliques | Muscle::LowerBack)
    }

    /// Chest, back, shoulders, arms and neck: neither leg nor trunk.
    pub fn is_upper_body(self) -> bool {
        !self.is_leg() && !self.is_trunk()
    }

    /// The muscles running loads with every stride (quads, hamstrings, glutes, calves, hip flexors): fatigue in
    /// them changes running mechanics. The hip ab- and adductors work in running too, but far less.
    pub fn is_loaded_by_running(self) -> bool {
        matches!(
            self,
            Muscle::Quads
                | Muscle::Hamstrings
                | Muscle::Glutes
                | Muscle::Calves
                | Muscle::HipFlexors
        )
    }
}

impl fmt::Display for Muscle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a [`Muscle`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown muscle '{0}': expected one of {list}", list = muscle_list())]
pub struct ParseMuscleError(pub String);

fn muscle_list() -> String {
    Muscle::ALL.map(Muscle::as_str).join(", ")
}

impl std::str::FromStr for Muscle {
    type Err = ParseMuscleError;

    /// Accepts the snake_case name in any case, with spaces or hyphens for the underscore (`Lower Back`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Muscle::ALL
            .into_iter()
            .find(|m| m.as_str() == wanted)
            .ok_or_else(|| ParseMuscleError(s.to_owned()))
    }
}

/// The part of the body an exercise, or a session, trains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Upper,
    Lower,
    Core,
    /// Legs and upper body together.
    Full,
}

impl Region {
    pub const ALL: [Region; 4] = [Region::Upper, Region::Lower, Region::Core, Region::Full];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::Upper => "upper",
            Region::Lower => "lower",
            Region::Core => "core",
            Region::Full => "full",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Region::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| format!("unknown region '{s}': expected upper, lower, core or full"))
    }
}

/// The movement pattern of an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    Squat,
    Hinge,
    Lunge,
    PushHorizontal,
    PushVertical,
    PullHorizontal,
    PullVertical,
    Carry,
    IsolationUpper,
    IsolationLower,
    Core,
    Olympic,
    Plyometric,
    /// Running, cycling, rowing… logged inside a strength workout.
    Cardio,
    /// Stretching, yoga, warm-up: no muscle list.
    Mobility,
}

impl Pattern {
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::Squat => "squat",
            Pattern::Hinge => "hinge",
            Pattern::Lunge => "lunge",
            Pattern::PushHorizontal => "push_horizontal",
            Pattern::PushVertical => "push_vertical",
            Pattern::PullHorizontal => "pull_horizontal",
            Pattern::PullVertical => "pull_vertical",
            Pattern::Carry => "carry",
            Pattern::IsolationUpper => "isolation_upper",
            Pattern::IsolationLower => "isolation_lower",
            Pattern::Core => "core",
            Pattern::Olympic => "olympic",
            Pattern::Plyometric => "plyometric",
            Pattern::Cardio => "cardio",
            Pattern::Mobility => "mobility",
        }
    }

    /// Resistance work, as opposed to cardio or mobility that a strength app also lets you log.
    pub fn is_strength(self) -> bool {
        !matches!(self, Pattern::Cardio | Pattern::Mobility)
    }
}

/// One exercise of the catalogue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// The name as Strong or Hevy export it, e.g. `Squat (Barbell)`.
    pub name: String,
    /// Other names that mean this exercise (other apps' names, what people type).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Prime movers (weight 1.0).
    pub primary: Vec<Muscle>,
    /// Synergists and stabilisers that do real work (weight 0.5).
    #[serde(default)]
    pub secondary: Vec<Muscle>,
    pub region: Region,
    pub pattern: Pattern,
    /// Running loads the same muscles: a leg muscle that running impact-loads is primary.
    pub running_overlap: bool,
}

/// Weight of a primary muscle per set: the exercise's prime movers.
pub const PRIMARY_WEIGHT: f64 = 1.0;
/// Weight of a secondary muscle per set: a synergist does real work, about half as much.
pub const SECONDARY_WEIGHT: f64 = 0.5;

impl Exercise {
    /// Whether a leg muscle (quads, hamstrings, glutes, ad-/abductors, calves, hip flexors) is a prime mover.
    pub fn involves_legs(&self) -> bool {
        self.primary.iter().any(|m| m.is_leg())
    }

    /// How much one set of this exercise works `muscle`: [`PRIMARY_WEIGHT`] (1.0) for a primary muscle,
    /// [`SECONDARY_WEIGHT`] (0.5) for a secondary one, 0 otherwise. Multiplied by sets, this is the per-muscle
    /// load the fatigue model starts from.
    pub fn muscle_weight(&self, muscle: Muscle) -> f64 {
        if self.primary.contains(&muscle) {
            PRIMARY_WEIGHT
        } else if self.secondary.contains(&muscle) {
            SECONDARY_WEIGHT
        } else {
            0.0
        }
    }

    /// Every muscle this exercise works, with its [`muscle_weight`](Self::muscle_weight).
    pub fn muscles(&self) -> impl Iterator<Item = (Muscle, f64)> + '_ {
        let primary = self.primary.iter().map(|&m| (m, PRIMARY_WEIGHT));
        primary.chain(self.secondary.iter().map(|&m| (m, SECONDARY_WEIGHT)))
    }

    /// Resistance work (not cardio or mobility).
    pub fn is_strength(&self) -> bool {
        self.pattern.is_strength()
    }
}

impl fmt::Display for Exercise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// What a logged exercise name turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution<'a> {
    Known(&'a Exercise),
    /// Not the catalogue's name, but read as `exercise` — the athlete's own alias, or a close match
    /// confident enough to use (`Sqaut (Barbell)` is the squat). Counted like a known name, and named
    /// in the answer so that a wrong reading can be fixed with an alias.
    ReadAs {
        name: String,
        exercise: &'a Exercise,
        because: ReadAsReason,
    },
    /// Not in the catalogue; `suggestion` is a close match worth proposing (a typo, a gym-specific suffix)
    /// but not confident enough to use: nothing is counted for an unknown name.
    Unknown {
        name: String,
        suggestion: Option<&'a Exercise>,
    },
}

/// Why a name was read as another exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadAsReason {
    /// The athlete said so (`afterlift exercises alias`).
    Alias,
    /// One or two typing slips away from one known name and clearly closer to it than to any other
    /// ([`suggest::is_confident`]).
    CloseMatch,
}

impl<'a> Resolution<'a> {
    /// The exercise, when the name was recognised (directly, by alias or by a confident close match).
    pub fn exercise(&self) -> Option<&'a Exercise> {
        match self {
            Resolution::Known(exercise) | Resolution::ReadAs { exercise, .. } => Some(exercise),
            Resolution::Unknown { .. } => None,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Resolution::Unknown { .. })
    }
}

/// The athlete's own names for exercises (`Leg Press Technogym` → `Leg Press`), kept in the training log
/// and used wherever a name is resolved: import reports, advice, status and plans alike. Keys are
/// normalised like catalogue names, so `leg press technogym` is the same alias.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    by_key: std::collections::BTreeMap<String, Alias>,
}

/// One alias: the name as the athlete logs it and the catalogue exercise it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// As logged, e.g. `Leg Press Technogym`.
    pub name: String,
    /// The catalogue's name of the exercise it means, e.g. `Leg Press`.
    pub exercise: String,
}

/// Why an alias cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error(
        "the alias name is empty: expected the name as you log it, e.g. \"Leg Press Technogym\""
    )]
    EmptyName,
    #[error("'{name}' is already the catalogue's name for {exercise}: no alias needed")]
    AlreadyKnown { name: String, exercise: String },
    #[error("'{target}' is not an exercise of the catalogue{}", suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default())]
    UnknownTarget {
        target: String,
        suggestion: Option<String>,
    },
}

impl Aliases {
    /// No aliases.
    pub const fn new() -> Aliases {
        Aliases {
            by_key: std::collections::BTreeMap::new(),
        }
    }

    /// Aliases as stored (name, exercise); entries whose exercise the catalogue does not know (an older
    /// catalogue's name) are left out rather than failing the whole set.
    pub fn from_pairs<I, N, E>(pairs: I) -> Aliases
    where
        I: IntoIterator<Item = (N, E)>,
        N: Into<String>,
        E: AsRef<str>,
    {
        let cat = catalogue();
        let mut aliases = Aliases::new();
        for (name, exercise) in pairs {
            if let Some(known) = cat.get(exercise.as_ref()) {
                let name = name.into();
                let key = normalize(&name);
                if !key.is_empty() {
                    aliases.by_key.insert(
                        key,
                        Alias {
                            name,
                            exercise: known.name.clone(),
                        },
                    );
                }
            }
        }
        aliases
    }

    /// Checks a new alias against the catalogue: the name must not be a catalogue name already and the
    /// exercise must be one (by name or alias). Returns the alias with the exercise's catalogue name.
    pub fn check(name: &str, exercise: &str) -> Result<Alias, AliasError> {
        let cat = catalogue();
        let name = name.trim();
        if normalize(name).is_empty() {
            return Err(AliasError::EmptyName);
        }
        if let Some(known) = cat.get(name) {
            return Err(AliasError::AlreadyKnown {
                name: name.to_string(),
                exercise: known.name.clone(),
            });
        }
        match cat.get(exercise) {
            Some(known) => Ok(Alias {
                name: name.to_string(),
                exercise: known.name.clone(),
            }),
            None => Err(AliasError::UnknownTarget {
                target: exercise.to_string(),
                suggestion: cat
                    .resolve(exercise)
                    .exercise()
                    .map(|e| e.name.clone())
                    .or_else(|| match cat.resolve(exercise) {
                        Resolution::Unknown { suggestion, .. } => {
                            suggestion.map(|e| e.name.clone())
                        }
                        _ => None,
                    }),
            }),
        }
    }

    /// Adds (or replaces) an alias checked by [`Aliases::check`].
    pub fn insert(&mut self, alias: Alias) {
        let key = normalize(&alias.name);
        if !key.is_empty() {
            self.by_key.insert(key, alias);
        }
    }

    /// The key an alias is kept under: `name` normalised as catalogue names are (case, punctuation,
    /// spacing, plurals), so `Leg Press Technogym` and `leg press technogym` are one alias. Empty for a
    /// name with nothing to normalise.
    pub fn key(name: &str) -> String {
        normalize(name)
    }

    /// The alias for a logged name, if the athlete defined one.
    pub fn get(&self, name: &str) -> Option<&Alias> {
        self.by_key.get(&normalize(name))
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    /// Every alias, ordered by its normalised name.
    pub fn iter(&self) -> impl Iterator<Item = &Alias> {
        self.by_key.values()
    }
}

/// No aliases, for callers without a log.
pub static NO_ALIASES: Aliases = Aliases::new();

/// Why a catalogue file was rejected.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("the exercise catalogue is not valid TOML for its schema: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("exercise #{index} has an empty name")]
    EmptyName { index: usize },
    #[error("'{key}' names two exercises: '{first}' and '{second}'")]
    DuplicateName {
        key: String,
        first: String,
        second: String,
    },
    #[error("'{name}' has no primary muscle (only mobility entries may have none)")]
    NoPrimaryMuscle { name: String },
    #[error("'{name}' lists {muscle} twice")]
    MuscleListedTwice { name: String, muscle: Muscle },
}

/// The exercises plus their lookup indexes.
#[derive(Debug)]
pub struct Catalogue {
    exercises: Vec<Exercise>,
    /// Normalised name or alias → exercise index. Unique: duplicates are rejected when loading.
    by_name: HashMap<String, usize>,
    /// Normalised name or alias without its parenthesised equipment → the first exercise (in file order) with
    /// that base, for names the catalogue only knows with other equipment.
    by_base: HashMap<String, usize>,
    /// The keys of both indexes in file order, for deterministic suggestions.
    suggestion_keys: Vec<SuggestionKey>,
}

/// The embedded catalogue file.
const EMBEDDED: &str = include_str!("../../data/exercises.toml");

/// Inputs longer than this (in characters, normalised) get no typo suggestion: no exercise name is that long,
/// and it bounds the work spent on junk input.
const SUGGESTION_MAX_CHARS: usize = 80;
/// Shorter keys are not offered as a prefix suggestion (`dl` in `dl machine…` means little).
const PREFIX_SUGGESTION_MIN_CHARS: usize = 4;

/// The built-in catalogue, parsed on first use.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        Catalogue::from_toml_str(EMBEDDED)
            .expect("the embedded data/exercises.toml is valid: the catalogue tests parse it")
    })
}

impl Catalogue {
    /// Parses and indexes a catalogue in the format of `data/exercises.toml`.
    pub fn from_toml_str(text: &str) -> Result<Catalogue, CatalogueError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            exercise: Vec<Exercise>,
        }
        let File {
            exercise: exercises,
        } = toml::from_str(text)?;

        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (index, exercise) in exercises.iter().enumerate() {
            validate(index, exercise)?;
            for written in std::iter::once(&exercise.name).chain(&exercise.aliases) {
                let key = normalize(written);
                if key.is_empty() {
                    return Err(CatalogueError::EmptyName { index });
                }
                if let Some(&first) = by_name.get(&key) {
                    return Err(CatalogueError::DuplicateName {
                        key: written.clone(),
                        first: exercises[first].name.clone(),
                        second: exercise.name.clone(),
                    });
                }
                by_name.insert(key, index);
            }
        }

        let mut by_base: HashMap<String, usize> = HashMap::new();
        let mut suggestion_keys: Vec<SuggestionKey> = Vec::new();
        for (index, exercise) in exercises.iter().enumerate() {
            for written in std::iter::once(&exercise.name).chain(&exercise.aliases) {
                suggestion_keys.push(SuggestionKey::new(normalize(written), index));
                let Some(base) = without_parenthetical(written).map(normalize) else {
                    continue;
                };
                if !base.is_empty() && !by_name.contains_key(&base) && !by_base.contains_key(&base)
                {
                    suggestion_keys.push(SuggestionKey::new(base.clone(), index));
                    by_base.insert(base, index);
                }
            }
        }

        Ok(Catalogue {
            exercises,
            by_name,
            by_base,
            suggestion_keys,
        })
    }

    /// All exercises, in file order.
    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    /// The exercise with exactly this name or alias (after normalisation), without any fallback.
    pub fn get(&self, name: &str) -> Option<&Exercise> {
        self.by_name
            .get(&normalize(name))
            .map(|&i| &self.exercises[i])
    }

    /// Resolves a logged exercise name. Never panics, whatever the input.
    ///
    /// In order: (1) the name or an alias, ignoring case, punctuation, spacing and plurals; (2) the same
    /// movement with other equipment or grip: trailing `(…)` and ` - …` qualifiers are dropped
    /// (`Goblet Squat (Dumbbell)` → `Goblet Squat`, `Seated Cable Row - V Grip (Cable)` → `Seated Cable Row`)
    /// and then equipment words (`Smith Machine Hip Thrust` → `Hip Thrust`), each matched against names,
    /// aliases and names without their equipment; (3) a confident close match ([`Resolution::ReadAs`]).
    /// Otherwise the name is unknown, with a suggestion when one is close (see [`Resolution::Unknown`]).
    pub fn resolve(&self, name: &str) -> Resolution<'_> {
        self.resolve_with(name, &NO_ALIASES)
    }

    /// [`Catalogue::resolve`], with the athlete's own aliases tried first.
    pub fn resolve_with(&self, name: &str, aliases: &Aliases) -> Resolution<'_> {
        if let Some(alias) = aliases.get(name)
            && let Some(exercise) = self.get(&alias.exercise)
        {
            return Resolution::ReadAs {
                name: name.to_owned(),
                exercise,
                because: ReadAsReason::Alias,
            };
        }
        if let Some(index) = self.find(name) {
            return Resolution::Known(&self.exercises[index]);
        }
        let key = normalize(name);
        if !key.is_empty() && key.chars().count() <= SUGGESTION_MAX_CHARS {
            let candidates = fallback_keys(name, key);
            if let Some(index) = suggest::confident_match(&candidates, &self.suggestion_keys) {
                return Resolution::ReadAs {
                    name: name.to_owned(),
                    exercise: &self.exercises[index],
                    because: ReadAsReason::CloseMatch,
                };
            }
        }
        Resolution::Unknown {
            name: name.to_owned(),
            suggestion: self.suggest(name),
        }
    }

    /// Summarises a session with the athlete's aliases; see [`summarize`].
    pub fn summarize_with_aliases<I>(&self, entries: I, aliases: &Aliases) -> SessionSummary<'_>
    where
        I: IntoIterator,
        I::Item: SessionEntry,
    {
        summary::summarize_with(self, entries, aliases)
    }

    /// Summarises a session against this catalogue; see [`summarize`].
    pub fn summarize<I>(&self, entries: I) -> SessionSummary<'_>
    where
        I: IntoIterator,
        I::Item: SessionEntry,
    {
        summary::summarize_with(self, entries, &NO_ALIASES)
    }

    fn find(&self, name: &str) -> Option<usize> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        if let Some(&index) = self.by_name.get(&key) {
            return Some(index);
        }
        let candidates = fallback_keys(name, key);
        let lookup = |key: &str| {
            self.by_name
                .get(key)
                .or_else(|| self.by_base.get(key))
                .copied()
        };
        candidates.iter().find_map(|key| lookup(key)).or_else(|| {
            candidates
                .iter()
                .filter_map(|key| without_equipment_words(key))
                .find_map(|key| lookup(&key))
        })
    }

    /// A close match for an unknown name: the most similar name or alias (see the [`suggest`](mod@suggest) module for the measure),
    /// else the longest known name the input starts with (`Leg Press Hammer Strength` → `Leg Press`).
    fn suggest(&self, name: &str) -> Option<&Exercise> {
        let key = normalize(name);
        if key.is_empty() || key.chars().count() > SUGGESTION_MAX_CHARS {
            return None;
        }
        let candidates = fallback_keys(name, key);
        suggest::best_match(&candidates, &self.suggestion_keys)
            .or_else(|| {
                candidates
                    .iter()
                    .find_map(|key| self.longest_known_prefix(key))
            })
            .map(|index| &self.exercises[index])
    }

    /// The longest name or alias that the key starts with, word by word.
    fn longest_known_prefix(&self, key: &str) -> Option<usize> {
        let word_ends = key.match_indices(' ').map(|(i, _)| i);
        let mut prefixes: Vec<&str> = word_ends.map(|end| &key[..end]).collect();
        prefixes.reverse();
        prefixes
            .into_iter()
            .filter(|prefix| prefix.len() >= PREFIX_SUGGESTION_MIN_CHARS)
            .find_map(|prefix| {
                self.by_name
                    .get(prefix)
                    .or_else(|| self.by_base.get(prefix))
                    .copied()
            })
    }
}

/// The normalised keys to try for a name, most specific first: the whole name, then without its trailing
/// `(…)` qualifiers, then also without a ` - …` grip qualifier.
fn fallback_keys(name: &str, key: String) -> Vec<String> {
    let mut keys = vec![key];
    let without_parens = without_parenthetical(name);
    let base = without_parens.unwrap_or(name);
    let without_dash = without_dash_qualifier(base);
    for variant in [without_parens, without_dash].into_iter().flatten() {
        let variant = normalize(variant);
        if !variant.is_empty() && !keys.contains(&variant) {
            keys.push(variant);
        }
    }
    keys
}

fn validate(index: usize, exercise: &Exercise) -> Result<(), CatalogueError> {
    if exercise.name.trim().is_empty() {
        return Err(CatalogueError::EmptyName { index });
    }
    if exercise.primary.is_empty() && exercise.pattern != Pattern::Mobility {
        return Err(CatalogueError::NoPrimaryMuscle {
            name: exercise.name.clone(),
        });
    }
    let all: Vec<Muscle> = exercise
        .primary
        .iter()
        .chain(&exercise.secondary)
        .copied()
        .collect();
    for (i, muscle) in all.iter().enumerate() {
        if all[..i].contains(muscle) {
            return Err(CatalogueError::MuscleListedTwice {
                name: exercise.name.clone(),
                muscle: *muscle,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
