//! From a request to the advisor's domain: validation (every wrong field named, with its valid range)
//! and what the lifting session was — how heavy, which region, whether the legs were trained.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::athlete::Athlete;
use crate::catalogue::{self, Region};
use crate::contract::{
    AdviceRequest, Focus, InvalidRequest, LiftInput, LoadLevel, PlannedKind, RaceResult,
};
use crate::experiment::strategy::Strategy;
use crate::interference::{Legs, LiftKind};
use crate::limits;
use crate::science::strength;
use crate::session::Wellness;
use crate::status::Status;
use crate::time::DayWindow;
use crate::validate::Checker;

/// Everything the rules look at, validated and derived once.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub athlete: Athlete,
    pub lift: Option<Lift>,
    pub planned: Planned,
    pub readiness: Wellness,
    /// The moment the advice is for.
    pub now: Timestamp,
    /// Non-fatal notes about the input (unknown exercise names), shown as reasons.
    pub warnings: Vec<InputWarning>,
    /// History from the training log — load trends, muscle recovery, readiness — when the caller has it
    /// ([`crate::advice::advise_with`]); `None` advises from the request alone.
    pub status: Option<Status>,
    /// The athlete's time zone: every time in the answer is given in it.
    pub time_zone: TimeZone,
    /// Whether the request named the time zone (else the log's, else UTC).
    pub time_zone_given: bool,
    /// The athlete's waking day: nothing is rebooked outside it.
    pub day: DayWindow,
    /// The athlete's race result, for training paces (validated: a plausible running race).
    pub race: Option<RaceResult>,
    /// The personal experiment's strategy in force, if any: followed below the safety rules.
    pub strategy: Option<Strategy>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Planned {
    pub kind: PlannedKind,
    pub minutes: Option<u32>,
}

/// The lifting session, as far as the advice is concerned.
#[derive(Debug, Clone, PartialEq)]
pub struct Lift {
    pub ended_at: Timestamp,
    pub minutes: Option<f64>,
    pub heaviness: LoadLevel,
    /// How the heaviness was decided, for the reasons ("from your session RPE of 8").
    pub heaviness_basis: String,
    /// `None` when neither `focus` nor any known exercise says.
    pub region: Option<Region>,
    /// Whether the legs were trained: a lower or full-body session, a leg day by its exercises, or unknown
    /// when names afterlift could not read might have made it one (treated as legs, to be safe).
    pub legs: Legs,
    /// Names afterlift could not read (with a suggestion when one is close), and names it read as another
    /// exercise, for the reasons.
    pub unknown_names: Vec<String>,
    /// Working sets (warm-ups excluded) that were counted, when exercises were given.
    pub working_sets: u32,
    /// Reps in reserve of each set, per exercise in the request's order (from RPE, the bar weight, or
    /// assumed): the same effort the muscle model is given.
    pub set_rir: Vec<Vec<f64>>,
}

impl Lift {
    pub fn is_heavy(&self) -> bool {
        self.heaviness == LoadLevel::Heavy
    }
    /// Legs trained, or possibly trained (unknown names).
    pub fn legs_trained(&self) -> bool {
        self.legs != Legs::No
    }
    pub fn heavy_legs(&self) -> bool {
        self.legs_trained() && self.is_heavy()
    }
    /// The lift as the interference rules see it.
    pub fn kind(&self) -> LiftKind {
        LiftKind {
            heaviness: self.heaviness,
            legs: self.legs,
        }
    }
    pub fn region_name(&self) -> &'static str {
        match self.region {
            Some(Region::Upper) => "upper-body",
            Some(Region::Lower) => "leg",
            Some(Region::Core) => "core",
            Some(Region::Full) => "full-body",
            None => "strength",
        }
    }
}

/// A note about the input that did not stop the advice.
#[derive(Debug, Clone, PartialEq)]
pub struct InputWarning {
    pub code: &'static str,
    pub message: String,
}

impl Context {
    /// Validates a request and derives the lifting summary, without history. See
    /// [`Context::from_request_with`].
    pub fn from_request(
        req: &AdviceRequest,
        clock_now: Timestamp,
    ) -> Result<Context, InvalidRequest> {
        Context::from_request_with(req, clock_now, None)
    }

    /// Validates a request and derives the lifting summary. `clock_now` is the current time, used when
    /// the request gives neither `now` nor `lift.ended_at` (core never reads the clock itself). `status`
    /// is the log's snapshot: the athlete's aliases, their own e1RMs and their time zone come from it.
    pub fn from_request_with(
        req: &AdviceRequest,
        clock_now: Timestamp,
        status: Option<&Status>,
    ) -> Result<Context, InvalidRequest> {
        let mut check = Checker::default();
        let a = &req.athlete;
        // The lift may have ended hours ago: "now" is the clock's, never the lift's end.
        let now = req.now.unwrap_or(clock_now);
        check.athlete("athlete", a, Some(now));
        let time_zone = match a.time_zone.as_deref() {
            Some(name) => crate::time::time_zone(name).unwrap_or(TimeZone::UTC),
            None => status.map_or(TimeZone::UTC, |s| s.time_zone.clone()),
        };
        let day = DayWindow {
            wake: a.wake_time.unwrap_or(crate::time::DEFAULT_WAKE),
            sleep: a.sleep_time.unwrap_or(crate::time::DEFAULT_SLEEP),
        };
        if let Some(m) = req.planned.minutes {
            check.within("planned.minutes", m, &limits::PLANNED_MINUTES);
        }

        let readiness = req
            .readiness
            .map(|r| {
                check.check_in("readiness", &r);
                r.to_wellness()
            })
            .unwrap_or_default();

        let athlete = a.to_athlete();
        let mut warnings = Vec::new();
        let lift = req
            .lift
            .as_ref()
            .map(|l| lift(&mut check, l, now, &athlete, status, &mut warnings));
        if let Some(Lift { ended_at, .. }) = &lift
            && *ended_at > now
        {
            check.fail(
                "lift.ended_at",
                format!("{ended_at} is after now ({now}): expected a time in the past"),
            );
        }

        check.finish()?;
        // One leg number: the log's muscle model, with today's lift in it even when it was typed rather
        // than logged.
        let status = status.map(|s| {
            let mut s = s.clone();
            if let (Some(l), Some(input)) = (&lift, &req.lift) {
                add_unlogged_lift(&mut s, l, input);
            }
            s
        });
        Ok(Context {
            athlete,
            lift,
            planned: Planned {
                kind: req.planned.kind,
                minutes: req.planned.minutes.map(|m| m.round() as u32),
            },
            readiness,
            now,
            warnings,
            status,
            time_zone_given: a.time_zone.is_some(),
            time_zone,
            day,
            race: a.race,
            strategy: req.strategy,
        })
    }

    /// Hours from the end of the lift to `now`; `None` without a lift.
    pub fn hours_since_lift(&self) -> Option<f64> {
        self.lift.as_ref().map(|l| {
            let secs = self.now.as_second() - l.ended_at.as_second();
            secs.max(0) as f64 / 3600.0
        })
    }

    /// `Wed 25 Nov, 06:00` in the athlete's time zone.
    pub fn local_label(&self, t: Timestamp) -> String {
        crate::time::label(t, &self.time_zone)
    }
}

/// What a lift was, as the advisor reads it — heaviness, region, legs — without judging its fields: a value
/// out of range is read as given. `status` gives the athlete's aliases and e1RMs (none: the catalogue's
/// names and population reference 1RMs). The observational tagging of experiments reads the log's lifts
/// through it, so a "leg day" or a "heavy" lift means the same there as in the advice.
pub fn read_lift(
    l: &LiftInput,
    now: Timestamp,
    athlete: &Athlete,
    status: Option<&Status>,
) -> Lift {
    let mut check = Checker::default();
    let mut warnings = Vec::new();
    lift(&mut check, l, now, athlete, status, &mut warnings)
}

fn lift(
    check: &mut Checker,
    l: &LiftInput,
    now: Timestamp,
    athlete: &Athlete,
    status: Option<&Status>,
    warnings: &mut Vec<InputWarning>,
) -> Lift {
    check.lift("lift", l.minutes, l.rpe, &l.exercises);

    let aliases = status.map_or(&crate::catalogue::NO_ALIASES, |s| &s.aliases);
    let ended_at = l.ended_at.unwrap_or(now);
    let started_at = ended_at
        .checked_sub(crate::time::seconds(
            l.minutes
                .filter(|m| m.is_finite())
                .unwrap_or(60.0)
                .clamp(0.0, 300.0)
                * 60.0,
        ))
        .unwrap_or(ended_at);
    let (region, legs, unknown_names) = region(l, aliases, warnings);
    let (mut heaviness, mut heaviness_basis, working_sets, set_rir) =
        heaviness(l, athlete, aliases, status, started_at);
    // Exercises afterlift cannot read might have been hard ones: a session that could have been a leg day
    // is never judged light from sets whose effort was only assumed.
    let unknown_effort = l
        .exercises
        .iter()
        .any(|e| unknown_names.contains(&e.name) && e.sets.iter().any(|s| s.rpe.is_none()));
    if legs == Legs::Unknown && heaviness == LoadLevel::Light && unknown_effort {
        heaviness = LoadLevel::Moderate;
        heaviness_basis
            .push_str("; counted as at least moderate, as some exercises could not be read");
    }
    Lift {
        ended_at,
        minutes: l.minutes,
        heaviness,
        heaviness_basis,
        region,
        legs,
        unknown_names,
        working_sets,
        set_rir,
    }
}

/// The region and whether the legs were trained: an explicit `focus` wins; otherwise they are taken from
/// the exercises (names read with the athlete's aliases and confident close matches). Names afterlift
/// cannot read at all could have been leg exercises: when they could have made it a leg day, the legs
/// count as [`Legs::Unknown`] — treated like a leg day — and the warning says which name to fix.
fn region(
    l: &LiftInput,
    aliases: &crate::catalogue::Aliases,
    warnings: &mut Vec<InputWarning>,
) -> (Option<Region>, Legs, Vec<String>) {
    if let Some(focus) = l.focus {
        return match focus {
            Focus::Upper => (Some(Region::Upper), Legs::No, Vec::new()),
            Focus::Lower => (Some(Region::Lower), Legs::Yes, Vec::new()),
            Focus::Full => (Some(Region::Full), Legs::Yes, Vec::new()),
        };
    }
    if l.exercises.is_empty() {
        return (None, Legs::No, Vec::new());
    }
    let cat = catalogue::catalogue();
    let summary = cat.summarize_with_aliases(
        l.exercises
            .iter()
            .map(|e| (e.name.as_str(), e.sets.len().max(1))),
        aliases,
    );
    for read in &summary.read_as {
        warnings.push(InputWarning {
            code: "exercise_read_as",
            message: format!("{}.", capitalise(&read.to_string())),
        });
    }
    // "Could it have been a leg day?": the unknown sets, were they all leg work, would reach the share.
    let total = summary.strength_sets + summary.unknown_sets;
    let leg_sets = summary.leg_share * summary.strength_sets as f64;
    let could_be_leg_day = summary.unknown_sets > 0
        && !summary.is_leg_day()
        && (leg_sets + summary.unknown_sets as f64) / total.max(1) as f64
            >= catalogue::SUBSTANTIAL_SHARE;
    let legs = if summary.is_leg_day() {
        Legs::Yes
    } else if could_be_leg_day {
        Legs::Unknown
    } else {
        Legs::No
    };
    let names: Vec<String> = summary.unknown.iter().map(|u| u.name.clone()).collect();
    for unknown in &summary.unknown {
        let did_you_mean = unknown
            .suggestion
            .map(|s| format!(" (did you mean '{s}'?)"))
            .unwrap_or_default();
        let consequence = if could_be_leg_day {
            "it might have been leg work, so this session is treated like a leg day, to be safe"
        } else {
            "the session's region is taken from the exercises that are known"
        };
        warnings.push(InputWarning {
            code: "unknown_exercise",
            message: format!(
                "'{}' is not in the exercise catalogue{did_you_mean}: {consequence}. Fix it once with: afterlift exercises alias \"{}\" \"<exercise>\".",
                unknown.name, unknown.name
            ),
        });
    }
    let region = match (summary.region, legs) {
        (Some(Region::Upper | Region::Core), Legs::Unknown) => Some(Region::Full),
        (None, Legs::Unknown) => None,
        (r, _) => r,
    };
    // A few sets of calf raises on an upper-body day do not make it a leg day.
    (region, legs, names)
}

/// Fatigue units a lift given only by focus and load deals to each prime-mover leg muscle: a heavy leg day
/// ≈ 5 units (the muscle model's own anchor, `fatigue` module: 75 % again after 35 h, within the 36 h the
/// interference rules wait), a moderate one 1.6 (three sets of 8 with 3 in reserve: 3 × (8/11)²; 75 % after
/// 8 h, the rules' 8 h), a light one 0.5; a full-body session 60 % of that. afterlift's estimate, chosen so
/// the model and the interference table agree on a typical session; real sets are used when given.
fn nominal_leg_units(l: &Lift) -> f64 {
    let units = match l.heaviness {
        LoadLevel::Heavy => 5.0,
        LoadLevel::Moderate => 1.6,
        LoadLevel::Light => 0.5,
    };
    match l.region {
        Some(Region::Full) => 0.6 * units,
        _ => units,
    }
}

/// Adds today's lift to the log's muscle model when the log does not already hold it (a lift that ended
/// within 30 minutes of the log's last one is taken to be it).
fn add_unlogged_lift(status: &mut Status, lift: &Lift, input: &LiftInput) {
    let logged = status
        .last_lift_ended_at
        .is_some_and(|t| (t.as_second() - lift.ended_at.as_second()).abs() <= 30 * 60);
    if logged || lift.ended_at > status.at {
        return;
    }
    let minutes = lift
        .minutes
        .filter(|m| m.is_finite())
        .unwrap_or(60.0)
        .clamp(0.0, 300.0);
    let started_at = lift
        .ended_at
        .checked_sub(crate::time::seconds(minutes * 60.0))
        .unwrap_or(lift.ended_at);
    if input.exercises.iter().any(|e| !e.sets.is_empty()) && input.focus.is_none() {
        let session = crate::session::StrengthSession {
            started_at,
            duration_s: Some(minutes * 60.0),
            title: None,
            rpe: input.rpe,
            source: "request".into(),
            // Each set with the effort the advice judged it at, so the model and the advice agree.
            exercises: input
                .exercises
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut logged = crate::session::ExerciseLog::from(e);
                    for (j, set) in logged.sets.iter_mut().enumerate() {
                        let rir = lift.set_rir.get(i).and_then(|r| r.get(j)).copied();
                        set.rpe = set
                            .rpe
                            .or_else(|| rir.map(|r| strength::rpe_from_rir(r).clamp(1.0, 10.0)));
                    }
                    logged
                })
                .collect(),
        };
        let aliases = status.aliases.clone();
        status.muscles.add_lift_with(&session, &aliases);
    } else if lift.legs_trained() {
        use crate::catalogue::Muscle;
        let units = nominal_leg_units(lift);
        for (muscle, weight) in [
            (Muscle::Quads, 1.0),
            (Muscle::Glutes, 1.0),
            (Muscle::Hamstrings, 0.5),
            (Muscle::Adductors, 0.5),
        ] {
            status.muscles.add(muscle, units * weight, lift.ended_at);
        }
    }
    status.last_lift_ended_at = status.last_lift_ended_at.max(Some(lift.ended_at));
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Session RPE at or above which a session counts as heavy, and at or below which it is light (CR-10).
const HEAVY_SESSION_RPE: f64 = 8.0;
const LIGHT_SESSION_RPE: f64 = 5.0;
/// Reps in reserve assumed for a set whose effort is unknown (no RPE, no weight afterlift can judge):
/// most trainees stop 1–3 reps short of failure.
const ASSUMED_RIR: f64 = crate::status::ASSUMED_RIR;
/// A working set at or above this share of the estimated 1RM is a heavy (strength-zone) set: ≈ 5 reps with
/// 2 in reserve by Epley (1/(1+7/30) = 0.81); the ACSM progression models put strength at ≥ 80 % 1RM
/// (Kraemer & Ratamess 2004; ACSM 2009 position stand on progression models in resistance training).
const HEAVY_SET_PCT_1RM: f64 = 0.80;
/// A set at or above this share of 1RM is near-maximal (a single or double at ≥ 90 %, the top of the
/// strength zone: ACSM 2009 progression models): one makes the session heavy.
const NEAR_MAX_PCT_1RM: f64 = 0.90;

/// What a set's load is judged against.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reference {
    /// The athlete's best recent e1RM for this exercise, from the log.
    Own(f64),
    /// A population reference for their age, sex and body mass.
    Population(f64),
    /// What today's own sets prove, when it is more than the population reference.
    Shown(f64),
}

impl Reference {
    fn kg(self) -> f64 {
        match self {
            Reference::Own(kg) | Reference::Population(kg) | Reference::Shown(kg) => kg,
        }
    }
}

/// The barbell lifts with a population reference 1RM ([`strength::reference_1rm_kg`]).
fn reference_lift(name: &str) -> Option<strength::ReferenceLift> {
    use strength::ReferenceLift::*;
    Some(match name {
        "Squat (Barbell)" | "Box Squat (Barbell)" => Squat,
        "Deadlift (Barbell)" | "Sumo Deadlift (Barbell)" | "Deadlift (Trap bar)" => Deadlift,
        "Bench Press (Barbell)" => BenchPress,
        "Overhead Press (Barbell)" => OverheadPress,
        "Bent Over Row (Barbell)" | "Pendlay Row (Barbell)" => BentOverRow,
        _ => return None,
    })
}

/// How heavy the session was: `load` if given; else session RPE; else the sets — each set's reps in reserve
/// from its RPE, else from the weight on the bar against the athlete's best recent e1RM for the exercise
/// (from the log) or a population reference 1RM, else assumed; else the duration; else moderate, which the
/// reasons say was assumed.
fn heaviness(
    l: &LiftInput,
    athlete: &Athlete,
    aliases: &crate::catalogue::Aliases,
    status: Option<&Status>,
    started_at: Timestamp,
) -> (LoadLevel, String, u32, Vec<Vec<f64>>) {
    let working_sets: u32 = l.exercises.iter().map(|e| e.sets.len() as u32).sum();
    let mut set_rir: Vec<Vec<f64>> = Vec::new();
    if let Some(load) = l.load {
        return (
            load,
            format!("you rated it {}", load_name(load)),
            working_sets,
            set_rir,
        );
    }
    if let Some(rpe) = l.rpe {
        let level = if rpe >= HEAVY_SESSION_RPE {
            LoadLevel::Heavy
        } else if rpe <= LIGHT_SESSION_RPE {
            LoadLevel::Light
        } else {
            LoadLevel::Moderate
        };
        return (
            level,
            format!("from your session RPE of {rpe}"),
            working_sets,
            set_rir,
        );
    }
    if working_sets > 0 {
        let cat = catalogue::catalogue();
        let female = athlete.sex == crate::Sex::Female;
        let mut rirs: Vec<f64> = Vec::new();
        let mut heavy_sets = 0usize;
        let mut near_max_sets = 0usize;
        let (mut by_rpe, mut by_own, mut by_population, mut assumed) = (0, 0, 0, 0);
        let mut example: Option<String> = None;
        for e in &l.exercises {
            let exercise = cat
                .resolve_with(&e.name, aliases)
                .exercise()
                .filter(|x| x.is_strength());
            let reference = exercise.and_then(|x| {
                status
                    .and_then(|s| s.best_e1rm_kg(&x.name, started_at))
                    .map(Reference::Own)
                    .or_else(|| {
                        reference_lift(&x.name).map(|lift| {
                            Reference::Population(strength::reference_1rm_kg(
                                lift,
                                female,
                                athlete.age_years,
                                athlete.weight_kg,
                            ))
                        })
                    })
                    .filter(|r| r.kg() > 0.0)
                    // The sets themselves prove at least this much: whatever was lifted for N reps, the
                    // 1RM is at least Epley's estimate from it (N reps taken to failure). A reference
                    // below that is wrong for this athlete — 3 × 10 at 100 kg cannot be 96 % of 1RM.
                    .map(|r| {
                        let shown = e
                            .sets
                            .iter()
                            .filter_map(|s| s.kg.map(|kg| strength::epley_1rm(kg, s.reps)))
                            .fold(0.0, f64::max);
                        match r {
                            Reference::Own(kg) => Reference::Own(kg.max(shown)),
                            Reference::Population(kg) if shown > kg => Reference::Shown(shown),
                            other => other,
                        }
                    })
            });
            let plyometric =
                exercise.is_some_and(|x| x.pattern == crate::catalogue::Pattern::Plyometric);
            let mut rirs_here: Vec<f64> = Vec::new();
            for set in &e.sets {
                let judged = match (set.rpe, set.kg.filter(|kg| *kg > 0.0), reference) {
                    (Some(rpe), _, _) => {
                        by_rpe += 1;
                        let rir = strength::rir_from_rpe(rpe).max(0.0);
                        Some((rir, strength::percent_1rm(set.reps, rir)))
                    }
                    (None, Some(kg), Some(r)) => {
                        let fraction = kg / r.kg();
                        let rir =
                            (strength::reps_to_failure(fraction) - f64::from(set.reps)).max(0.0);
                        match r {
                            Reference::Own(_) | Reference::Shown(_) => by_own += 1,
                            Reference::Population(_) => by_population += 1,
                        }
                        if example.is_none() {
                            let whose = match r {
                                Reference::Own(_) => "your best recent e1RM",
                                Reference::Shown(_) => "the 1RM your sets today show",
                                Reference::Population(_) => {
                                    "a typical 1RM for your age, sex and body mass"
                                }
                            };
                            let name = exercise.map_or(e.name.as_str(), |x| x.name.as_str());
                            example = Some(if fraction > 1.0 {
                                format!(
                                    "{name} × {} kg is above {whose}, {:.0} kg",
                                    crate::notation::kg_text(kg),
                                    r.kg()
                                )
                            } else {
                                format!(
                                    "{name} × {} kg is {:.0}% of {whose}, {:.0} kg",
                                    crate::notation::kg_text(kg),
                                    fraction * 100.0,
                                    r.kg()
                                )
                            });
                        }
                        Some((rir, fraction.min(1.0)))
                    }
                    // No RPE and no weight afterlift can judge: the usual effort is assumed, and the reps
                    // say how heavy that is (5 reps 2 short of failure are ≈ 81 % of 1RM) — the cautious
                    // reading, as nothing says the load was light.
                    _ => {
                        assumed += 1;
                        Some((ASSUMED_RIR, strength::percent_1rm(set.reps, ASSUMED_RIR)))
                    }
                };
                if let Some((rir, fraction)) = judged {
                    rirs.push(rir);
                    rirs_here.push(rir);
                    // A jump is not a lift near 1RM, however few its reps.
                    if plyometric && set.kg.is_none() {
                        continue;
                    }
                    if fraction >= HEAVY_SET_PCT_1RM {
                        heavy_sets += 1;
                    }
                    if fraction >= NEAR_MAX_PCT_1RM {
                        near_max_sets += 1;
                    }
                }
            }
            set_rir.push(rirs_here);
        }
        let n = rirs.len().max(1) as f64;
        let mean_rir = rirs.iter().sum::<f64>() / n;
        let hard_sets = rirs.iter().filter(|r| **r <= 3.0).count();
        let sets = working_sets as usize;
        // Heavy: three or more strength-zone sets (or every set of a short session), a near-maximal single
        // or double, many hard sets, or six or more sets taken close to failure.
        let level = if heavy_sets >= sets.min(3)
            || near_max_sets > 0
            || hard_sets >= 15
            || (mean_rir <= 1.0 && sets >= 6)
        {
            LoadLevel::Heavy
        } else if mean_rir >= 4.0 || (sets <= 3 && heavy_sets == 0) {
            LoadLevel::Light
        } else {
            LoadLevel::Moderate
        };
        let mut how: Vec<String> = Vec::new();
        let all = |n: usize| {
            if n == rirs.len() {
                "all".to_string()
            } else {
                n.to_string()
            }
        };
        if by_rpe > 0 {
            how.push(format!("{} by their RPE", all(by_rpe)));
        }
        if by_own + by_population > 0 {
            how.push(format!(
                "{} by the weight on the bar{}",
                all(by_own + by_population),
                example.map(|x| format!(" ({x})")).unwrap_or_default()
            ));
        }
        if assumed > 0 {
            how.push(format!(
                "{} at an assumed {ASSUMED_RIR:.0} reps in reserve, with no RPE or weight afterlift can judge",
                all(assumed)
            ));
        }
        let basis = format!(
            "{working_sets} working sets, {heavy_sets} at ≥ {:.0}% of 1RM; judged {}",
            HEAVY_SET_PCT_1RM * 100.0,
            how.join(", ")
        );
        return (level, basis, working_sets, set_rir);
    }
    if let Some(minutes) = l.minutes {
        let level = if minutes >= 75.0 {
            LoadLevel::Heavy
        } else if minutes < 30.0 {
            LoadLevel::Light
        } else {
            LoadLevel::Moderate
        };
        return (
            level,
            format!("from its length ({minutes:.0} min), as no effort was given"),
            0,
            set_rir,
        );
    }
    (
        LoadLevel::Moderate,
        "assumed moderate: no load, RPE or sets were given".into(),
        0,
        set_rir,
    )
}

pub(crate) fn load_name(load: LoadLevel) -> &'static str {
    match load {
        LoadLevel::Light => "light",
        LoadLevel::Moderate => "moderate",
        LoadLevel::Heavy => "heavy",
    }
}
