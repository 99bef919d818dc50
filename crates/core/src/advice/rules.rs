//! The rules: each a small pure function of the [`Context`] that may return a [`Finding`] — a stable code,
//! the principle behind it (quoted from the source text or the study), a message with this athlete's numbers,
//! and a [`Constraint`] on what may be prescribed now.
//!
//! Rules never compute the prescription themselves; [`super::fold`] applies all constraints and the most
//! restrictive wins. Adding a rule means adding one function to [`RULES`] and a scenario test.

use jiff::Timestamp;

use crate::athlete::Goal;
use crate::catalogue::Region;
use crate::contract::{Intensity, LoadLevel, PlannedKind, ReadinessLevel};
use crate::fatigue::{LEGS_EASY_RUN_PCT, LEGS_HARD_RUN_PCT, LEGS_NO_RUN_PCT};
use crate::readiness::{ACWR_AMBER, ACWR_RED};

use super::context::{Context, load_name};

/// What one rule found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub principle: &'static str,
    pub message: String,
    pub constraint: Constraint,
}

/// A limit on what may be done now. The default constrains nothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Constraint {
    /// Nothing at all now: rest.
    pub rest: bool,
    /// No running now; non-impact cardio or mobility only.
    pub no_running: bool,
    /// Only active recovery (mobility, an easy walk) — no cardio session.
    pub recovery_only: bool,
    /// Highest intensity for anything done now.
    pub max_intensity: Option<Intensity>,
    /// Highest intensity if the session now is a run (impact on tired legs).
    pub max_run_intensity: Option<Intensity>,
    pub max_minutes: Option<u32>,
    /// Scale the planned minutes (readiness: "reduce its intensity and duration").
    pub minutes_factor: Option<f64>,
    /// The planned session belongs at least this many hours after the lift.
    pub postpone_hours: Option<f64>,
    /// The planned session belongs at this time or later (e.g. when the legs have recovered).
    pub not_before: Option<Timestamp>,
}

impl Constraint {
    /// The planned session is moved to later.
    pub fn is_postponed(&self) -> bool {
        self.postpone_hours.is_some() || self.not_before.is_some()
    }
}

type Rule = fn(&Context) -> Option<Finding>;

/// Every rule, in the order their reasons are shown: safety first, then the session, then the person.
pub const RULES: &[Rule] = &[
    pain,
    illness,
    drained,
    soreness,
    poor_sleep,
    resting_hr_elevated,
    hrv_low,
    history_readiness,
    load_spike,
    legs_not_recovered,
    hard_run_after_lift,
    endurance_key_run_fresh,
    long_run_after_lift,
    legs_trained,
    upper_body_day,
    muscle_first_goal,
    combine_for_general_goals,
    endurance_easy_volume,
    new_to_combining,
    injury_prone,
    no_lift_today,
    separation_met,
    history_recovered,
];

/// Hours between heavy lifting and hard running (source text: "at least 6-8 hours of recovery between sessions").
pub const HARD_RUN_SEPARATION_H: f64 = 6.0;
/// Stricter after leg training: the upper end of the source text's 6–8 h.
pub const HARD_RUN_SEPARATION_AFTER_LEGS_H: f64 = 8.0;
/// After heavy legs, hard running moves to another day: running economy stays impaired for 24–48 h after
/// lower-body resistance exercise (Doma et al. 2019, Sports Med Open 5:19; Doma & Deakin 2013).
pub const ANOTHER_DAY_H: f64 = 24.0;
/// The post-lift run the source text calls "generally the safest": LISS, 15–30 minutes.
pub const LISS_MINUTES: (u32, u32) = (15, 30);
/// "Start with short, low-intensity runs (e.g., 10 minutes)".
pub const FIRST_RUNS_MINUTES: u32 = 10;
/// "If you must combine, keep post-workout cardio low-intensity and short" (strength/hypertrophy goals).
pub const MUSCLE_FIRST_MAX_MINUTES: u32 = 20;
/// Easy running an endurance athlete may add after lifting (their running volume is the priority).
pub const ENDURANCE_EASY_MAX_MINUTES: u32 = 45;
/// Morning resting HR this far above usual: reduce (≈ the day-to-day noise of 3–5 bpm, Buchheit 2014).
pub const RESTING_HR_REDUCE_BPM: f64 = 5.0;
/// …and this far: very easy only (+10 bpm accompanied overreaching in Dressendorfer 1985).
pub const RESTING_HR_SKIP_HARD_BPM: f64 = 10.0;
/// Today's rMSSD as a share of the usual: below 0.85 (ln drop > 0.16, about one day-to-day SD of lnRMSSD)
/// reduce; below 0.70 (ln drop > 0.36, beyond two SDs) very easy only. A convention after Plews 2014 and
/// Buchheit 2014 (interpret against the smallest worthwhile change); no single validated threshold exists.
pub const HRV_REDUCE_RATIO: f64 = 0.85;
pub const HRV_VERY_LOW_RATIO: f64 = 0.70;

const LISTEN: &str = "Listen to your body: if you feel excessively drained, skip the run or reduce its intensity and duration; prioritise rest, nutrition and hydration.";

fn finding(
    code: &'static str,
    principle: &'static str,
    message: String,
    constraint: Constraint,
) -> Option<Finding> {
    Some(Finding {
        code,
        principle,
        message,
        constraint,
    })
}

fn info(code: &'static str, principle: &'static str, message: String) -> Option<Finding> {
    finding(code, principle, message, Constraint::default())
}

// ----- readiness ---------------------------------------------------------------------------

fn pain(ctx: &Context) -> Option<Finding> {
    ctx.readiness.pain.then_some(())?;
    finding(
        "pain",
        "Never train through pain: it is a warning sign, and running on it risks turning a niggle into an injury.",
        "You reported pain: no running today. Rest the painful area and have it checked if it persists; stop and seek care at once for chest pain, dizziness or unusual breathlessness.".into(),
        Constraint { rest: true, ..Default::default() },
    )
}

fn illness(ctx: &Context) -> Option<Finding> {
    ctx.readiness.illness.then_some(())?;
    finding(
        "illness",
        "Training while ill adds stress the body cannot absorb; prioritise rest and recovery.",
        "You reported feeling ill: no training today. Rest, drink, sleep, and return gradually once you have been symptom-free for a day or two.".into(),
        Constraint { rest: true, ..Default::default() },
    )
}

/// Hooper items on the 1 (very good) … 7 (very bad) scale.
fn hooper_items(ctx: &Context) -> Vec<(&'static str, u8)> {
    let r = &ctx.readiness;
    [
        ("fatigue", r.fatigue),
        ("stress", r.stress),
        ("mood", r.mood),
        ("sleep quality", r.sleep_quality),
    ]
    .into_iter()
    .filter_map(|(n, v)| v.map(|v| (n, v)))
    .collect()
}

fn drained(ctx: &Context) -> Option<Finding> {
    let items = hooper_items(ctx);
    let worst = items.iter().max_by_key(|i| i.1).copied()?;
    let fatigue = ctx.readiness.fatigue.unwrap_or(1);
    if fatigue >= 7 {
        return finding(
            "drained",
            LISTEN,
            "You rated your fatigue 7 of 7: skip the run today. Rest, eat and sleep; running on empty invites overtraining.".into(),
            Constraint { rest: true, ..Default::default() },
        );
    }
    if fatigue >= 6 || worst.1 >= 7 {
        return finding(
            "drained",
            LISTEN,
            format!(
                "You rated your {} {} of 7: skip the run; at most 10–15 minutes of gentle mobility or an easy walk as active recovery.",
                worst.0, worst.1
            ),
            Constraint {
                recovery_only: true,
                no_running: true,
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(15),
                ..Default::default()
            },
        );
    }
    let mean = items.iter().map(|i| f64::from(i.1)).sum::<f64>() / items.len() as f64;
    if worst.1 >= 5 || mean >= 4.5 {
        return finding(
            "readiness_reduced",
            LISTEN,
            format!(
                "Your check-in ({}) says you are not fresh: keep it easy and about a third shorter.",
                items
                    .iter()
                    .map(|(n, v)| format!("{n} {v}/7"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Constraint {
                max_intensity: Some(Intensity::Low),
                minutes_factor: Some(0.7),
                ..Default::default()
            },
        );
    }
    None
}

fn soreness(ctx: &Context) -> Option<Finding> {
    let s = ctx.readiness.soreness?;
    if s >= 6 {
        finding(
            "soreness_high",
            "Running on sore, fatigued muscles compromises form and raises injury risk; gentle non-impact movement improves circulation and can ease soreness (DOMS).",
            format!(
                "You rated muscle soreness {s} of 7: no running now. Easy non-impact cardio or mobility for 10–20 minutes helps more than it hurts."
            ),
            Constraint {
                no_running: true,
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(20),
                ..Default::default()
            },
        )
    } else if s >= 5 {
        finding(
            "soreness_high",
            "Running on already fatigued muscles can lead to suboptimal running mechanics and compensatory movements.",
            format!("You rated muscle soreness {s} of 7: if you run, keep it very easy."),
            Constraint {
                max_run_intensity: Some(Intensity::VeryLow),
                ..Default::default()
            },
        )
    } else {
        None
    }
}

fn poor_sleep(ctx: &Context) -> Option<Finding> {
    let hours = ctx.readiness.sleep_hours?;
    let (lo, _) = crate::science::recovery::recommended_sleep_hours(ctx.athlete.age_years);
    const PRINCIPLE: &str = "Sleep is arguably the most critical component of recovery and adaptation (adults need 7–9 h: Hirshkowitz 2015).";
    if hours < 5.0 {
        finding(
            "poor_sleep",
            PRINCIPLE,
            format!(
                "You slept {hours:.1} h (you need at least {lo:.0} h): nothing hard today; at most 15 minutes, very easy."
            ),
            Constraint {
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(15),
                ..Default::default()
            },
        )
    } else if hours < lo - 1.0 {
        finding(
            "poor_sleep",
            PRINCIPLE,
            format!(
                "You slept {hours:.1} h, short of the {lo:.0} h you need: keep it easy and at most 20 minutes."
            ),
            Constraint {
                max_intensity: Some(Intensity::Low),
                max_minutes: Some(20),
                ..Default::default()
            },
        )
    } else {
        None
    }
}

fn resting_hr_elevated(ctx: &Context) -> Option<Finding> {
    let today = ctx.readiness.resting_hr_bpm?;
    let usual = ctx.athlete.resting_hr_bpm?;
    let delta = today - usual;
    const PRINCIPLE: &str = "A morning resting heart rate well above your usual is a sign of incomplete recovery, illness or overreaching (Dressendorfer 1985; Meeusen 2013).";
    if delta >= RESTING_HR_SKIP_HARD_BPM {
        finding(
            "resting_hr_elevated",
            PRINCIPLE,
            format!(
                "Your resting heart rate is {today:.0} bpm, {delta:.0} bpm above your usual {usual:.0}: very easy only, at most 20 minutes — or rest."
            ),
            // At least as restrictive as the milder level: its quarter off as well.
            Constraint {
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(20),
                minutes_factor: Some(0.75),
                ..Default::default()
            },
        )
    } else if delta >= RESTING_HR_REDUCE_BPM {
        finding(
            "resting_hr_elevated",
            PRINCIPLE,
            format!(
                "Your resting heart rate is {today:.0} bpm, {delta:.0} bpm above your usual {usual:.0}: keep it easy and a quarter shorter."
            ),
            Constraint {
                max_intensity: Some(Intensity::Low),
                minutes_factor: Some(0.75),
                ..Default::default()
            },
        )
    } else {
        None
    }
}

fn hrv_low(ctx: &Context) -> Option<Finding> {
    let today = ctx.readiness.hrv_rmssd_ms?;
    let usual = ctx.athlete.hrv_rmssd_ms?;
    let ratio = today / usual;
    const PRINCIPLE: &str = "A drop in morning HRV (lnRMSSD) beyond its normal day-to-day variation signals incomplete recovery (Plews 2014; Buchheit 2014).";
    let pct = (1.0 - ratio) * 100.0;
    if ratio < HRV_VERY_LOW_RATIO {
        finding(
            "hrv_low",
            PRINCIPLE,
            format!(
                "Your HRV is {today:.0} ms, {pct:.0}% below your usual {usual:.0} ms: very easy only, at most 20 minutes."
            ),
            Constraint {
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(20),
                ..Default::default()
            },
        )
    } else if ratio < HRV_REDUCE_RATIO {
        finding(
            "hrv_low",
            PRINCIPLE,
            format!(
                "Your HRV is {today:.0} ms, {pct:.0}% below your usual {usual:.0} ms: keep it easy."
            ),
            Constraint {
                max_intensity: Some(Intensity::Low),
                ..Default::default()
            },
        )
    } else {
        None
    }
}

// ----- the session just done ---------------------------------------------------------------

/// "just now" or "2.5 h ago".
fn ago(hours: f64) -> String {
    if hours < 0.1 {
        "just now".into()
    } else {
        format!("{hours:.1} h ago")
    }
}

/// The hours a hard run needs after this lift, or `None` if it may follow now.
pub fn hard_run_separation_h(ctx: &Context) -> Option<(f64, &'static str)> {
    let lift = ctx.lift.as_ref()?;
    match (lift.heaviness, lift.legs_trained) {
        (LoadLevel::Heavy, true) => Some((ANOTHER_DAY_H, "hiit_after_heavy_legs")),
        (LoadLevel::Heavy, false) => Some((HARD_RUN_SEPARATION_H, "hiit_after_heavy_lift")),
        (LoadLevel::Moderate, true) => {
            Some((HARD_RUN_SEPARATION_AFTER_LEGS_H, "hard_run_after_legs"))
        }
        (LoadLevel::Moderate | LoadLevel::Light, _) if ctx.athlete.goal.is_muscle_first() => {
            Some((HARD_RUN_SEPARATION_H, "interference_separation"))
        }
        _ => None,
    }
}

fn hard_run_after_lift(ctx: &Context) -> Option<Finding> {
    if !ctx.planned.kind.is_hard() {
        return None;
    }
    let (hours, code) = hard_run_separation_h(ctx)?;
    let since = ctx.hours_since_lift()?;
    if since >= hours {
        return None;
    }
    let lift = ctx.lift.as_ref()?;
    let kind = ctx.planned.kind.as_str();
    let (principle, message) = match code {
        "hiit_after_heavy_legs" => (
            "Avoid HIIT immediately after a heavy strength session, particularly leg training: the combined stress is too high, increasing injury risk and the potential for overtraining. Running economy stays impaired 24–48 h after heavy leg work (Doma 2019).",
            format!(
                "You did a heavy leg session ({}) {}: move the {kind} run to another day, at least {hours:.0} h after lifting.",
                lift.heaviness_basis,
                ago(since)
            ),
        ),
        "hiit_after_heavy_lift" => (
            "Avoid HIIT immediately after a heavy strength session; do it on a separate day or with at least 6–8 hours of recovery between sessions.",
            format!(
                "Your {} session was heavy ({}) and ended {}: the {kind} run fits at least {hours:.0} h after lifting, or on another day.",
                lift.region_name(),
                lift.heaviness_basis,
                ago(since)
            ),
        ),
        "hard_run_after_legs" => (
            "High-intensity cardio immediately after a leg workout is the combination most likely to interfere; keep 6–8 hours or a day between them.",
            format!(
                "You trained legs {} ({}): the {kind} run fits at least {hours:.0} h after lifting.",
                ago(since),
                lift.heaviness_basis
            ),
        ),
        _ => (
            "For strength or hypertrophy, separate hard cardio from lifting by several hours: strength gains were smaller with 0 h than with 6 h between them (Robineau 2016).",
            format!(
                "Your goal is {}: do the {kind} run at least {hours:.0} h after lifting (it ended {}), or on another day.",
                ctx.athlete.goal.as_str().replace('_', " "),
                ago(since)
            ),
        ),
    };
    finding(
        code,
        principle,
        message,
        Constraint {
            postpone_hours: Some(hours),
            max_intensity: Some(Intensity::Low),
            ..Default::default()
        },
    )
}

/// The lift was "just now": within the source text's 6–8 h, post-workout rules apply; later, a run is a
/// separate session.
fn just_lifted(ctx: &Context) -> bool {
    ctx.hours_since_lift()
        .is_some_and(|h| h < HARD_RUN_SEPARATION_H)
}

/// Lifting at least this heavy counts for the "key runs fresh" rule; a light upper-body session does not.
fn lift_taxes_running(ctx: &Context) -> bool {
    ctx.lift
        .as_ref()
        .is_some_and(|l| l.heaviness >= LoadLevel::Moderate || l.legs_trained)
}

fn endurance_key_run_fresh(ctx: &Context) -> Option<Finding> {
    let key = ctx.planned.kind.is_hard() || ctx.planned.kind == PlannedKind::Long;
    if ctx.athlete.goal != Goal::Endurance || !key || !lift_taxes_running(ctx) {
        return None;
    }
    let since = ctx.hours_since_lift()?;
    let hours = hard_run_separation_h(ctx).map_or(HARD_RUN_SEPARATION_H, |h| h.0);
    if since >= hours {
        return None;
    }
    finding(
        "endurance_key_run_fresh",
        "Endurance focus: your running volume and intensity come first. Do key runs fresh — before lifting or on another day — and keep lifting from compromising them.",
        format!(
            "Your goal is endurance: protect the {} run by doing it fresh, at least {hours:.0} h after lifting or on another day; next time, run it before you lift.",
            ctx.planned.kind.as_str()
        ),
        Constraint {
            postpone_hours: Some(hours),
            ..Default::default()
        },
    )
}

fn long_run_after_lift(ctx: &Context) -> Option<Finding> {
    if ctx.planned.kind != PlannedKind::Long
        || !lift_taxes_running(ctx)
        || ctx.athlete.goal == Goal::Endurance
    {
        return None;
    }
    let since = ctx.hours_since_lift()?;
    let hours = if ctx.lift.as_ref().is_some_and(|l| l.heavy_legs()) {
        ANOTHER_DAY_H
    } else {
        HARD_RUN_SEPARATION_H
    };
    if since >= hours {
        return None;
    }
    let principle = if ctx.athlete.goal.is_muscle_first() {
        "For strength or hypertrophy, long-duration cardio immediately after lifting can interfere with your adaptations; keep post-workout cardio short and easy and put long runs on their own day."
    } else {
        "After lifting, 15–30 minutes at low to moderate intensity is effective; long runs on already-depleted glycogen and tired muscles are better on a separate day."
    };
    finding(
        "long_run_after_lift",
        principle,
        format!(
            "A long run right after lifting adds a large, glycogen-depleting load: move it at least {hours:.0} h after lifting or to a dedicated cardio day."
        ),
        Constraint {
            postpone_hours: Some(hours),
            ..Default::default()
        },
    )
}

fn legs_trained(ctx: &Context) -> Option<Finding> {
    let lift = ctx.lift.as_ref()?;
    if !lift.legs_trained || ctx.hours_since_lift()? >= ANOTHER_DAY_H {
        return None;
    }
    const PRINCIPLE: &str = "After a leg day, opt for very low-intensity cardio or a non-impact modality like cycling or elliptical; running on fatigued legs compromises form and raises injury risk.";
    match lift.heaviness {
        LoadLevel::Heavy => finding(
            "legs_non_impact",
            PRINCIPLE,
            format!(
                "You trained legs heavily ({}): no running on them today; if you want cardio, cycle or use the elliptical, easy.",
                lift.heaviness_basis
            ),
            Constraint {
                no_running: true,
                max_intensity: Some(Intensity::Low),
                ..Default::default()
            },
        ),
        LoadLevel::Moderate => finding(
            "legs_very_low",
            PRINCIPLE,
            format!(
                "You trained legs ({}): if you run, keep it very easy — or choose cycling or the elliptical.",
                lift.heaviness_basis
            ),
            Constraint {
                max_run_intensity: Some(Intensity::VeryLow),
                max_intensity: Some(Intensity::Low),
                ..Default::default()
            },
        ),
        LoadLevel::Light => finding(
            "legs_light",
            PRINCIPLE,
            "Your leg work was light: an easy, conversational run is fine.".into(),
            Constraint {
                max_run_intensity: Some(Intensity::Low),
                ..Default::default()
            },
        ),
    }
}

fn upper_body_day(ctx: &Context) -> Option<Finding> {
    let lift = ctx.lift.as_ref()?;
    if !matches!(lift.region, Some(Region::Upper | Region::Core)) || lift.legs_trained {
        return None;
    }
    info(
        "upper_body_day",
        "It is generally less taxing to run after an upper-body strength workout than after a heavy leg workout.",
        format!(
            "Your session was {}: your legs are fresh, so a run now costs your lifting little.",
            lift.region_name()
        ),
    )
}

fn muscle_first_goal(ctx: &Context) -> Option<Finding> {
    if !ctx.athlete.goal.is_muscle_first() || !just_lifted(ctx) {
        return None;
    }
    finding(
        "muscle_first_short_easy",
        "Strength/hypertrophy focus: separate cardio from lifting by several hours or on its own days; if you must combine, keep post-workout cardio low-intensity and short. Running interfered with strength and hypertrophy gains more than cycling (Wilson 2012).",
        format!(
            "Your goal is {}: keep anything now low-intensity and at most {MUSCLE_FIRST_MAX_MINUTES} minutes; cycling interferes less than running.",
            ctx.athlete.goal.as_str()
        ),
        Constraint {
            max_intensity: Some(Intensity::Low),
            max_minutes: Some(MUSCLE_FIRST_MAX_MINUTES),
            ..Default::default()
        },
    )
}

fn combine_for_general_goals(ctx: &Context) -> Option<Finding> {
    if !matches!(ctx.athlete.goal, Goal::General | Goal::FatLoss) || !just_lifted(ctx) {
        return None;
    }
    let fat = if ctx.athlete.goal == Goal::FatLoss {
        " With glycogen lowered by lifting, a run now draws more on fat (Ormsbee 2007), though fat loss still follows your energy balance."
    } else {
        ""
    };
    finding(
        "general_combine_liss",
        "For general fitness or fat loss, low-to-moderate intensity running after strength training is effective and time-efficient; 15–30 minutes is the sweet spot.",
        format!(
            "Your goal is {}: {}–{} minutes at low to moderate intensity after lifting suits it.{fat}",
            ctx.athlete.goal.as_str().replace('_', " "),
            LISS_MINUTES.0,
            LISS_MINUTES.1
        ),
        Constraint {
            max_intensity: Some(Intensity::Moderate),
            max_minutes: Some(LISS_MINUTES.1),
            ..Default::default()
        },
    )
}

fn endurance_easy_volume(ctx: &Context) -> Option<Finding> {
    if ctx.athlete.goal != Goal::Endurance
        || !just_lifted(ctx)
        || ctx.planned.kind != PlannedKind::Easy
    {
        return None;
    }
    finding(
        "endurance_easy_volume",
        "Endurance focus: easy running volume is the base of your training; after lifting, keep it conversational.",
        format!(
            "Easy running after lifting counts toward your volume: up to {ENDURANCE_EASY_MAX_MINUTES} minutes at conversational pace."
        ),
        Constraint {
            max_intensity: Some(Intensity::Low),
            max_minutes: Some(ENDURANCE_EASY_MAX_MINUTES),
            ..Default::default()
        },
    )
}

fn new_to_combining(ctx: &Context) -> Option<Finding> {
    if !ctx.athlete.is_new_to_combining() || !just_lifted(ctx) {
        return None;
    }
    let weeks = ctx.athlete.concurrent_weeks.unwrap_or(0);
    let cap = if weeks < 2 {
        FIRST_RUNS_MINUTES
    } else {
        FIRST_RUNS_MINUTES + 5
    };
    finding(
        "new_to_combining",
        "Progress gradually: if you're new to combining lifting and running, start with short, low-intensity runs (about 10 minutes) and increase duration as your body adapts.",
        format!(
            "You have {weeks} week(s) of combining lifting and running: keep post-lift runs to about {cap} minutes, easy, and build from there."
        ),
        Constraint {
            max_intensity: Some(Intensity::Low),
            max_minutes: Some(cap),
            ..Default::default()
        },
    )
}

fn injury_prone(ctx: &Context) -> Option<Finding> {
    if !ctx.athlete.injury_prone || !just_lifted(ctx) {
        return None;
    }
    finding(
        "injury_prone_non_impact",
        "Running after lifting can be detrimental if you are prone to injury; non-impact cardio (cycling, elliptical, swimming, rowing) places less stress on the joints.",
        "You are prone to injury: after lifting, choose non-impact cardio instead of running."
            .into(),
        Constraint {
            no_running: true,
            ..Default::default()
        },
    )
}

fn no_lift_today(ctx: &Context) -> Option<Finding> {
    if ctx.lift.is_some() || legs_from_log(ctx).is_some_and(|legs| legs < LEGS_HARD_RUN_PCT) {
        return None;
    }
    let message = if ctx.athlete.goal == Goal::Endurance {
        "No lifting before this run: it is fresh, which is how key runs should be done.".to_string()
    } else {
        "No lifting before this run, so nothing from the gym limits it.".to_string()
    };
    info(
        "no_lift",
        "Running fresh, on a separate session from lifting, avoids most interference.",
        message,
    )
}

fn separation_met(ctx: &Context) -> Option<Finding> {
    if !ctx.planned.kind.is_hard() {
        return None;
    }
    let (hours, _) = hard_run_separation_h(ctx)?;
    let since = ctx.hours_since_lift()?;
    (since >= hours).then_some(())?;
    let lift = ctx.lift.as_ref()?;
    info(
        "separation_met",
        "Hard running fits on a separate day or with at least 6–8 hours of recovery after heavy lifting.",
        format!(
            "Your {} session ({}) ended {} — at least the {hours:.0} h needed: the {} run can go ahead.",
            lift.region_name(),
            load_name(lift.heaviness),
            ago(since),
            ctx.planned.kind.as_str()
        ),
    )
}

// ----- history: the training log ------------------------------------------------------------

/// Reduce or skip for red/amber (Hooper 1995; Meeusen 2013).
const READINESS_RED_MAX_MINUTES: u32 = 20;
/// Amber: "reduce its intensity and duration" — a quarter shorter.
const AMBER_MINUTES_FACTOR: f64 = 0.75;

const LISTEN_TRENDS: &str = "Listen to your body: persistent fatigue, decreased performance and a heart that will not settle are signs to back off — skip the run or reduce its intensity and duration. No single marker diagnoses overreaching; several agreeing against your own baseline are the best warning (Meeusen 2013).";

/// Leg readiness at the time of the advice, from the log; `None` without history.
fn legs_from_log(ctx: &Context) -> Option<f64> {
    Some(ctx.status.as_ref()?.leg_readiness_pct(ctx.now))
}

fn history_readiness(ctx: &Context) -> Option<Finding> {
    let s = ctx.status.as_ref()?;
    let level = s.readiness.level;
    if level == ReadinessLevel::Green {
        return None;
    }
    // The load spike has its own reason with its numbers.
    let reasons: Vec<&str> = s
        .readiness
        .flags
        .iter()
        .filter(|f| f.code != "load_spike")
        .map(|f| f.message.as_str())
        .collect();
    let why = if reasons.is_empty() {
        "your training load has jumped (see below)".to_string()
    } else {
        reasons.join(" ")
    };
    if level == ReadinessLevel::Red {
        finding(
            "readiness_red",
            LISTEN_TRENDS,
            format!(
                "Your readiness from your log is red. {why} Today: very easy only, at most {READINESS_RED_MAX_MINUTES} minutes — or rest."
            ),
            // Red is amber and more: the same quarter off, very easy and at most 20 minutes.
            Constraint {
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(READINESS_RED_MAX_MINUTES),
                minutes_factor: Some(AMBER_MINUTES_FACTOR),
                ..Default::default()
            },
        )
    } else {
        finding(
            "readiness_amber",
            LISTEN_TRENDS,
            format!(
                "Your readiness from your log is amber. {why} Today: keep it easy and a quarter shorter."
            ),
            Constraint {
                max_intensity: Some(Intensity::Low),
                minutes_factor: Some(AMBER_MINUTES_FACTOR),
                ..Default::default()
            },
        )
    }
}

fn load_spike(ctx: &Context) -> Option<Finding> {
    let s = ctx.status.as_ref()?;
    let ratio = s.load.established_acwr()?;
    const PRINCIPLE: &str = "Progress gradually: after a sharp rise in training load, ease off until your body has caught up. The acute:chronic ratio is a trend to act on, not an injury predictor (Impellizzeri 2021).";
    let numbers = format!(
        "Your 7-day load is {ratio:.1}× your 28-day average ({:.0} vs {:.0} AU a day)",
        s.load.acute, s.load.chronic
    );
    if ratio >= ACWR_RED {
        finding(
            "load_spike",
            PRINCIPLE,
            format!(
                "{numbers}: keep today very easy and at most {READINESS_RED_MAX_MINUTES} minutes, or rest."
            ),
            // Red is amber and more: the same quarter off, very easy and at most 20 minutes.
            Constraint {
                max_intensity: Some(Intensity::VeryLow),
                max_minutes: Some(READINESS_RED_MAX_MINUTES),
                minutes_factor: Some(AMBER_MINUTES_FACTOR),
                ..Default::default()
            },
        )
    } else if ratio >= ACWR_AMBER {
        finding(
            "load_spike",
            PRINCIPLE,
            format!("{numbers}: keep it easy and a quarter shorter."),
            Constraint {
                max_intensity: Some(Intensity::Low),
                minutes_factor: Some(AMBER_MINUTES_FACTOR),
                ..Default::default()
            },
        )
    } else {
        None
    }
}

/// Rounds up to the next half hour, for a readable "not before".
fn next_half_hour(t: Timestamp) -> Timestamp {
    let s = t.as_second();
    let rounded = s.div_euclid(1800) * 1800 + if s.rem_euclid(1800) == 0 { 0 } else { 1800 };
    Timestamp::from_second(rounded).unwrap_or(t)
}

fn legs_not_recovered(ctx: &Context) -> Option<Finding> {
    let s = ctx.status.as_ref()?;
    let legs = s.leg_readiness_pct(ctx.now);
    let kind = ctx.planned.kind;
    let key_run = kind.is_hard() || kind == PlannedKind::Long;
    if legs >= LEGS_EASY_RUN_PCT && !(key_run && legs < LEGS_HARD_RUN_PCT) {
        return None;
    }
    const PRINCIPLE: &str = "Running on already fatigued muscles, especially after a heavy leg day, leads to poorer mechanics and raises injury risk; running economy stays impaired for 24–48 h after lower-body strength work (Doma 2019). On tired legs choose very low intensity or non-impact cardio, and do hard runs once they have recovered.";
    let list = s
        .muscles
        .legs_below(LEGS_HARD_RUN_PCT, ctx.now)
        .iter()
        .take(3)
        .map(|(m, p)| format!("{} {p:.0}%", m.label()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut c = Constraint::default();
    let now_part = if legs < LEGS_NO_RUN_PCT {
        c.no_running = true;
        c.max_intensity = Some(Intensity::Low);
        "no running on them now; if you want cardio, cycle or use the elliptical, easy"
    } else if legs < LEGS_EASY_RUN_PCT {
        c.max_run_intensity = Some(Intensity::VeryLow);
        "if you run now, keep it very easy — or choose cycling or the elliptical"
    } else {
        ""
    };
    let when = s
        .muscles
        .legs_ready_at(LEGS_HARD_RUN_PCT)
        .map(next_half_hour)
        .filter(|t| *t > ctx.now);
    if key_run && let Some(when) = when {
        c.not_before = Some(when);
        c.max_intensity = Some(
            c.max_intensity
                .map_or(Intensity::Low, |i| i.min(Intensity::Low)),
        );
        let local =
            jiff::fmt::strtime::format("%a %-d %b, %H:%M", &when.to_zoned(s.time_zone.clone()))
                .unwrap_or_else(|_| when.to_string());
        let now_part = if now_part.is_empty() {
            String::new()
        } else {
            format!("; {now_part}")
        };
        return finding(
            "legs_not_recovered",
            PRINCIPLE,
            format!(
                "Your legs are {legs:.0}% recovered ({list}): move the {} run to {local} or later, when they reach {LEGS_HARD_RUN_PCT:.0}%{now_part}.",
                kind.as_str()
            ),
            c,
        );
    }
    if legs >= LEGS_EASY_RUN_PCT {
        return None;
    }
    finding(
        "legs_tired",
        PRINCIPLE,
        format!("Your legs are {legs:.0}% recovered ({list}): {now_part}."),
        c,
    )
}

/// A note that the log agrees with the plan: readiness green, no load spike, legs recovered. Constrains
/// nothing.
fn history_recovered(ctx: &Context) -> Option<Finding> {
    let s = ctx.status.as_ref()?;
    let legs = s.leg_readiness_pct(ctx.now);
    let ratio = s.load.established_acwr();
    if s.readiness.level != ReadinessLevel::Green
        || ratio.is_some_and(|r| r >= ACWR_AMBER)
        || legs < LEGS_HARD_RUN_PCT
    {
        return None;
    }
    let load = ratio.map_or_else(
        || "your load trend is still building".to_string(),
        |r| format!("your 7-day load is {r:.1}× your 28-day average"),
    );
    info(
        "history_recovered",
        "Hard training belongs on days when the body has recovered; your log is the check.",
        format!("Your log agrees: readiness green, {load}, legs {legs:.0}% recovered."),
    )
}
