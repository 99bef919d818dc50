//! From a request to the advisor's domain: validation (every wrong field named, with its valid range)
//! and what the lifting session was — how heavy, which region, whether the legs were trained.

use jiff::Timestamp;

use crate::athlete::Athlete;
use crate::catalogue::{self, Region};
use crate::contract::{
    AdviceRequest, Focus, InvalidRequest, LiftInput, LoadLevel, PlannedKind, RaceResult,
    ReadinessInput,
};
use crate::science::strength;
use crate::session::Wellness;
use crate::status::Status;
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
    /// The athlete's race result, for training paces (validated: a plausible running race).
    pub race: Option<RaceResult>,
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
    /// The legs were trained (a lower or full-body session, or leg exercises in the list).
    pub legs_trained: bool,
    /// Working sets (warm-ups excluded) that were counted, when exercises were given.
    pub working_sets: u32,
}

impl Lift {
    pub fn is_heavy(&self) -> bool {
        self.heaviness == LoadLevel::Heavy
    }
    pub fn heavy_legs(&self) -> bool {
        self.legs_trained && self.is_heavy()
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

/// Valid ranges, shown in error messages.
pub(crate) mod limits {
    pub const AGE: (f64, f64) = (10.0, 100.0);
    pub const WEIGHT_KG: (f64, f64) = (30.0, 250.0);
    pub const RESTING_HR: (f64, f64) = (30.0, 110.0);
    pub const MAX_HR: (f64, f64) = (120.0, 230.0);
    pub const HRV_MS: (f64, f64) = (5.0, 300.0);
    pub const LIFT_MINUTES: (f64, f64) = (1.0, 300.0);
    pub const RPE: (f64, f64) = (1.0, 10.0);
    pub const PLANNED_MINUTES: (f64, f64) = (1.0, 600.0);
    pub const SLEEP_HOURS: (f64, f64) = (0.0, 16.0);
    pub const HOOPER: (u8, u8) = (1, 7);
    pub const REPS: (u32, u32) = (1, 100);
    pub const KG: (f64, f64) = (0.0, 600.0);
    pub const CONCURRENT_WEEKS: u32 = 2000;
}

impl Context {
    /// Validates a request and derives the lifting summary. `clock_now` is the current time, used when
    /// the request gives neither `now` nor `lift.ended_at` (core never reads the clock itself).
    pub fn from_request(
        req: &AdviceRequest,
        clock_now: Timestamp,
    ) -> Result<Context, InvalidRequest> {
        let mut check = Checker::default();
        let a = &req.athlete;
        check.range("athlete.age", a.age, limits::AGE, "years");
        check.range("athlete.weight_kg", a.weight_kg, limits::WEIGHT_KG, "kg");
        check.opt_range(
            "athlete.resting_hr",
            a.resting_hr,
            limits::RESTING_HR,
            "bpm",
        );
        check.opt_range("athlete.max_hr", a.max_hr, limits::MAX_HR, "bpm");
        check.opt_range("athlete.hrv_rmssd_ms", a.hrv_rmssd_ms, limits::HRV_MS, "ms");
        if let (Some(rest), Some(max)) = (a.resting_hr, a.max_hr)
            && rest >= max - 20.0
        {
            check.fail(
                "athlete.max_hr",
                format!("{max} bpm must be well above the resting heart rate of {rest} bpm"),
            );
        }
        if let Some(w) = a.concurrent_weeks
            && w > limits::CONCURRENT_WEEKS
        {
            check.fail(
                "athlete.concurrent_weeks",
                format!(
                    "{w} is out of range: expected 0–{} weeks",
                    limits::CONCURRENT_WEEKS
                ),
            );
        }

        if let Some(m) = req.planned.minutes {
            check.range("planned.minutes", m, limits::PLANNED_MINUTES, "minutes");
        }

        let readiness = req
            .readiness
            .map(|r| readiness(&mut check, &r))
            .unwrap_or_default();

        // The lift may have ended hours ago: "now" is the clock's, never the lift's end.
        let now = req.now.unwrap_or(clock_now);
        if let Some(race) = &a.race {
            race_check(&mut check, race, now);
        }
        let mut warnings = Vec::new();
        let lift = req
            .lift
            .as_ref()
            .map(|l| lift(&mut check, l, now, &mut warnings));
        if let Some(Lift { ended_at, .. }) = &lift
            && *ended_at > now
        {
            check.fail(
                "lift.ended_at",
                format!("{ended_at} is after now ({now}): expected a time in the past"),
            );
        }

        check.finish()?;
        Ok(Context {
            athlete: a.to_athlete(),
            lift,
            planned: Planned {
                kind: req.planned.kind,
                minutes: req.planned.minutes.map(|m| m.round() as u32),
            },
            readiness,
            now,
            warnings,
            status: None,
            race: a.race,
        })
    }

    /// Hours from the end of the lift to `now`; `None` without a lift.
    pub fn hours_since_lift(&self) -> Option<f64> {
        self.lift.as_ref().map(|l| {
            let secs = self.now.as_second() - l.ended_at.as_second();
            secs.max(0) as f64 / 3600.0
        })
    }
}

/// A race result must be a plausible running race, run on or before today (UTC, a day's grace).
fn race_check(check: &mut Checker, race: &RaceResult, now: Timestamp) {
    if let Some((field, message)) = crate::workout::race_problem(race) {
        check.fail(format!("athlete.race.{field}"), message);
    }
    let today = now.to_zoned(jiff::tz::TimeZone::UTC).date();
    if let Some(date) = race.date
        && date > today.tomorrow().unwrap_or(today)
    {
        check.fail(
            "athlete.race.date",
            format!("{date} is in the future: expected the date the race was run"),
        );
    }
}

fn readiness(check: &mut Checker, r: &ReadinessInput) -> Wellness {
    check.opt_range(
        "readiness.sleep_hours",
        r.sleep_hours,
        limits::SLEEP_HOURS,
        "hours",
    );
    check.hooper("readiness.sleep_quality", r.sleep_quality);
    check.hooper("readiness.fatigue", r.fatigue);
    check.hooper("readiness.soreness", r.soreness);
    check.hooper("readiness.stress", r.stress);
    check.hooper("readiness.mood", r.mood);
    check.opt_range(
        "readiness.resting_hr",
        r.resting_hr,
        limits::RESTING_HR,
        "bpm",
    );
    check.opt_range(
        "readiness.hrv_rmssd_ms",
        r.hrv_rmssd_ms,
        limits::HRV_MS,
        "ms",
    );
    r.to_wellness()
}

fn lift(
    check: &mut Checker,
    l: &LiftInput,
    now: Timestamp,
    warnings: &mut Vec<InputWarning>,
) -> Lift {
    check.opt_range("lift.minutes", l.minutes, limits::LIFT_MINUTES, "minutes");
    check.opt_range("lift.rpe", l.rpe, limits::RPE, "(CR-10 scale)");
    for (i, ex) in l.exercises.iter().enumerate() {
        if ex.name.trim().is_empty() {
            check.fail(
                format!("lift.exercises[{i}].name"),
                "expected an exercise name, e.g. \"Squat (Barbell)\"",
            );
        }
        for (j, set) in ex.sets.iter().enumerate() {
            let field = format!("lift.exercises[{i}].sets[{j}]");
            let (lo, hi) = limits::REPS;
            if !(lo..=hi).contains(&set.reps) {
                check.fail(
                    format!("{field}.reps"),
                    format!("{} is out of range: expected {lo}–{hi} reps", set.reps),
                );
            }
            check.opt_range(&format!("{field}.kg"), set.kg, limits::KG, "kg");
            check.opt_range(
                &format!("{field}.rpe"),
                set.rpe,
                limits::RPE,
                "(RPE 10 = no reps in reserve)",
            );
        }
    }

    let (region, legs_trained) = region(l, warnings);
    let (heaviness, heaviness_basis, working_sets) = heaviness(l);
    Lift {
        ended_at: l.ended_at.unwrap_or(now),
        minutes: l.minutes,
        heaviness,
        heaviness_basis,
        region,
        legs_trained,
        working_sets,
    }
}

/// The region: an explicit `focus` wins; otherwise it is taken from the known exercises.
fn region(l: &LiftInput, warnings: &mut Vec<InputWarning>) -> (Option<Region>, bool) {
    let summary = (!l.exercises.is_empty()).then(|| {
        let cat = catalogue::catalogue();
        let summary = cat.summarize(l.exercises.iter().map(|e| (e.name.as_str(), e.sets.len().max(1))));
        for unknown in &summary.unknown {
            let message = match &unknown.suggestion {
                Some(s) => format!("'{}' is not in the exercise catalogue (did you mean '{s}'?); the session's region is taken from the exercises that are known", unknown.name),
                None => format!("'{}' is not in the exercise catalogue; the session's region is taken from the exercises that are known", unknown.name),
            };
            warnings.push(InputWarning { code: "unknown_exercise", message });
        }
        summary
    });
    match (l.focus, summary) {
        (Some(Focus::Upper), _) => (Some(Region::Upper), false),
        (Some(Focus::Lower), _) => (Some(Region::Lower), true),
        (Some(Focus::Full), _) => (Some(Region::Full), true),
        // A few sets of calf raises on an upper-body day do not make it a leg day.
        (None, Some(s)) => (s.region, s.is_leg_day()),
        (None, None) => (None, false),
    }
}

/// Session RPE at or above which a session counts as heavy, and at or below which it is light (CR-10).
const HEAVY_SESSION_RPE: f64 = 8.0;
const LIGHT_SESSION_RPE: f64 = 5.0;
/// Reps in reserve assumed for a set with no RPE: most trainees stop 1–3 reps short of failure.
const ASSUMED_RIR: f64 = 2.0;
/// A working set at or above this share of the estimated 1RM is a heavy (strength-zone) set: ≈ 5 reps with
/// 2 in reserve by Epley (1/(1+7/30) = 0.81).
const HEAVY_SET_PCT_1RM: f64 = 0.80;

/// How heavy the session was: `load` if given; else session RPE; else the sets (effort from RPE/RIR and
/// %1RM by Epley); else the duration; else moderate, which the reasons say was assumed.
fn heaviness(l: &LiftInput) -> (LoadLevel, String, u32) {
    let working_sets: u32 = l.exercises.iter().map(|e| e.sets.len() as u32).sum();
    if let Some(load) = l.load {
        return (
            load,
            format!("you rated it {}", load_name(load)),
            working_sets,
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
        );
    }
    let sets: Vec<_> = l.exercises.iter().flat_map(|e| e.sets.iter()).collect();
    if !sets.is_empty() {
        let efforts: Vec<(f64, f64)> = sets
            .iter()
            .map(|s| {
                let rir = s
                    .rpe
                    .map(strength::rir_from_rpe)
                    .unwrap_or(ASSUMED_RIR)
                    .max(0.0);
                (rir, strength::percent_1rm(s.reps, rir))
            })
            .collect();
        let n = efforts.len() as f64;
        let mean_rir = efforts.iter().map(|e| e.0).sum::<f64>() / n;
        let heavy_sets = efforts.iter().filter(|e| e.1 >= HEAVY_SET_PCT_1RM).count();
        let hard_sets = efforts.iter().filter(|e| e.0 <= 3.0).count();
        let level = if heavy_sets >= 3 || hard_sets >= 15 || (mean_rir <= 1.0 && working_sets >= 6)
        {
            LoadLevel::Heavy
        } else if mean_rir >= 4.0 || working_sets < 6 {
            LoadLevel::Light
        } else {
            LoadLevel::Moderate
        };
        let basis = format!(
            "from your {working_sets} sets ({heavy_sets} at ≥ {:.0}% of estimated 1RM, about {mean_rir:.0} reps in reserve on average)",
            HEAVY_SET_PCT_1RM * 100.0
        );
        return (level, basis, working_sets);
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
        );
    }
    (
        LoadLevel::Moderate,
        "assumed moderate: no load, RPE or sets were given".into(),
        0,
    )
}

pub(crate) fn load_name(load: LoadLevel) -> &'static str {
    match load {
        LoadLevel::Light => "light",
        LoadLevel::Moderate => "moderate",
        LoadLevel::Heavy => "heavy",
    }
}
