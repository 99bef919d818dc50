//! The rules: each a small pure function of the [`Context`] that may return a [`Finding`] — a stable code,
//! the principle behind it (quoted from the source text or the study), a message with this athlete's numbers,
//! and a [`Constraint`] on what may be prescribed now.
//!
//! What may follow a lift is decided once, in [`crate::interference`], which the week planner asks too;
//! [`after_lift`] turns the limits in force into findings. The other rules are the person's: how they feel
//! today, their log, their experience.
//!
//! Rules never compute the prescription themselves; [`super::fold`] applies all constraints and the most
//! restrictive wins. Adding a rule means adding one function to [`findings`] and a line to the situation
//! table (`tests/situations.rs`).

use jiff::Timestamp;

use crate::athlete::Goal;
use crate::catalogue::Region;
use crate::contract::{Intensity, LoadLevel, PlannedKind, ReadinessLevel};
use crate::fatigue::{LEGS_EASY_RUN_PCT, LEGS_HARD_RUN_PCT, LEGS_NO_RUN_PCT, READY_PCT};
use crate::interference::{self, Effect, Legs, Next, Rule as Interference};
use crate::readiness::{ACWR_AMBER, ACWR_RED};

pub use crate::interference::{
    ANOTHER_DAY_H, ENDURANCE_EASY_MAX_MINUTES, HARD_RUN_SEPARATION_AFTER_LEGS_H,
    HARD_RUN_SEPARATION_H, LISS_MINUTES, MUSCLE_FIRST_MAX_MINUTES,
};

use super::context::{Context, load_name};

/// What one rule found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub principle: &'static str,
    pub message: String,
    pub constraint: Constraint,
    pub kind: Kind,
}

/// What a finding is about. The order is the order of importance in the answer: what stops training
/// first, what only encourages last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Pain, illness, exhaustion: stop rules.
    Safety,
    /// How the athlete is today (check-in) and what their log says (readiness, load).
    Readiness,
    /// The input itself: a name afterlift could not read, treated cautiously.
    Input,
    /// What the lift allows to follow, and when.
    Lift,
    /// The legs' recovery from the log's muscle model.
    Legs,
    /// The athlete's goal and experience.
    Person,
    /// The personal experiment's strategy in force ([`crate::experiment::strategy`]): what it asks now,
    /// or that something above it came first (`experiment_overridden`).
    Experiment,
    /// Notes about the input that change nothing (a name read as another, an unknown name that could not
    /// have made a leg day).
    Note,
    /// Notes that encourage: shown only when nothing stops or reduces the session.
    Encourage,
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
    /// It is the athlete's night: nothing now, sleep (the planned session is rebooked, not skipped).
    pub sleep: bool,
}

impl Constraint {
    /// The planned session is moved to later.
    pub fn is_postponed(&self) -> bool {
        self.postpone_hours.is_some() || self.not_before.is_some()
    }
    /// Constrains anything at all.
    pub fn restricts(&self) -> bool {
        *self != Constraint::default()
    }
}

/// Every finding for this context, in the order of the rules; [`super::advise_context`] orders the
/// reasons by [`Kind`].
pub fn findings(ctx: &Context) -> Vec<Finding> {
    let person: [fn(&Context) -> Option<Finding>; 9] = [
        outside_day,
        pain,
        illness,
        drained,
        soreness,
        poor_sleep,
        resting_hr_elevated,
        hrv_low,
        history_readiness,
    ];
    let mut out: Vec<Finding> = person.iter().filter_map(|rule| rule(ctx)).collect();
    out.extend(load_spike(ctx));
    out.extend(after_lift(ctx));
    out.extend(legs_not_recovered(ctx));
    let rest: [fn(&Context) -> Option<Finding>; 8] = [
        upper_body_day,
        legs_light,
        new_to_combining,
        injury_prone,
        no_lift_today,
        separation_met,
        heavy_lift_after_key_run,
        history_recovered,
    ];
    out.extend(rest.iter().filter_map(|rule| rule(ctx)));
    out.extend(super::experiment::finding(ctx).map(|(_, f)| f));
    out
}

/// "Start with short, low-intensity runs (e.g., 10 minutes)".
pub const FIRST_RUNS_MINUTES: u32 = 10;
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
    kind: Kind,
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
        kind,
    })
}

fn info(code: &'static str, principle: &'static str, message: String) -> Option<Finding> {
    finding(
        Kind::Encourage,
        code,
        principle,
        message,
        Constraint::default(),
    )
}

// ----- readiness ---------------------------------------------------------------------------

/// Outside the athlete's day (before they wake or after their bedtime) nothing is prescribed: sleep is
/// recovery too, and the planned session is rebooked for the morning.
fn outside_day(ctx: &Context) -> Option<Finding> {
    const PRINCIPLE: &str = "Prioritize sleep and nutrition: sleep is arguably the most critical component of recovery and adaptation (adults need 7–9 h: Hirshkowitz 2015); hard exercise ending shortly before bedtime can delay sleep (Stutz 2019).";
    let local = ctx.now.to_zoned(ctx.time_zone.clone());
    let clock = jiff::fmt::strtime::format("%H:%M %Z", &local).unwrap_or_default();
    let hm = |t: jiff::civil::Time| jiff::fmt::strtime::format("%H:%M", t).unwrap_or_default();
    let morning = ctx.day.next_morning(ctx.now, &ctx.time_zone);
    let kind = ctx.planned.kind;
    let planned = kind != PlannedKind::None;
    if !ctx.day.contains(ctx.now, &ctx.time_zone) {
        // When the run fits is the rebooking's to say: other rules may move it further.
        return finding(
            Kind::Readiness,
            "outside_day",
            PRINCIPLE,
            format!(
                "It is {clock}, outside your day ({}–{}): sleep first{}.",
                hm(ctx.day.wake),
                hm(ctx.day.sleep),
                if planned {
                    ", and run in the morning"
                } else {
                    ""
                }
            ),
            Constraint {
                sleep: true,
                not_before: planned.then_some(morning),
                ..Default::default()
            },
        );
    }
    // Within the day, but would the planned session end after bedtime?
    let left = ctx.day.minutes_left(ctx.now, &ctx.time_zone)?;
    let minutes = ctx.planned.minutes.unwrap_or(match kind {
        PlannedKind::Long => 90,
        PlannedKind::Tempo | PlannedKind::Intervals => 40,
        _ => LISS_MINUTES.1,
    });
    if !planned || minutes <= left {
        return None;
    }
    let key = matches!(
        kind,
        PlannedKind::Long | PlannedKind::Tempo | PlannedKind::Intervals
    );
    if left < FIRST_RUNS_MINUTES {
        return finding(
            Kind::Readiness,
            "outside_day",
            PRINCIPLE,
            format!(
                "It is {clock}, {left} min before your bedtime ({}): sleep first, and run in the morning.",
                hm(ctx.day.sleep)
            ),
            Constraint {
                sleep: true,
                not_before: Some(morning),
                ..Default::default()
            },
        );
    }
    let message = if key {
        format!(
            "It is {clock}: a {minutes}-min {} run would end after your bedtime ({}) — it moves to the morning; anything now at most {left} min, easy.",
            kind.as_str(),
            hm(ctx.day.sleep)
        )
    } else {
        format!(
            "It is {clock}: {left} min are left before your bedtime ({}), so at most that.",
            hm(ctx.day.sleep)
        )
    };
    finding(
        Kind::Person,
        "too_late",
        PRINCIPLE,
        message,
        Constraint {
            max_minutes: Some(left),
            max_intensity: key.then_some(Intensity::Low),
            not_before: key.then_some(morning),
            ..Default::default()
        },
    )
}

fn pain(ctx: &Context) -> Option<Finding> {
    ctx.readiness.pain.then_some(())?;
    finding(
        Kind::Safety,
        "pain",
        "Never train through pain: it is a warning sign, and running on it risks turning a niggle into an injury.",
        "You reported pain: no running today. Rest the painful area and have it checked if it persists; stop and seek care at once for chest pain, dizziness or unusual breathlessness.".into(),
        Constraint { rest: true, ..Default::default() },
    )
}

fn illness(ctx: &Context) -> Option<Finding> {
    ctx.readiness.illness.then_some(())?;
    finding(
        Kind::Safety,
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
            Kind::Safety,
            "drained",
            LISTEN,
            "You rated your fatigue 7 of 7: skip the run today. Rest, eat and sleep; running on empty invites overtraining.".into(),
            Constraint { rest: true, ..Default::default() },
        );
    }
    if fatigue >= 6 || worst.1 >= 7 {
        // Name what triggered it: fatigue 6, else the item at 7.
        let (item, rating) = if fatigue >= 6 {
            ("fatigue", fatigue)
        } else {
            worst
        };
        return finding(
            Kind::Safety,
            "drained",
            LISTEN,
            format!(
                "You rated your {item} {rating} of 7: skip the run; at most 10–15 minutes of gentle mobility or an easy walk as active recovery."
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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

/// What the lift limits now: one finding per interference rule in force ([`crate::interference`]), with
/// this athlete's numbers. After heavy legs, the "no running today" finding stands for the milder "very
/// easy" one that follows it.
pub fn after_lift(ctx: &Context) -> Vec<Finding> {
    let (Some(lift), Some(since)) = (ctx.lift.as_ref(), ctx.hours_since_lift()) else {
        return Vec::new();
    };
    // Nothing planned: "should I add something?" — judged as an easy run.
    let next = Next::from_planned(ctx.planned.kind).unwrap_or(Next::Easy);
    let limits = interference::in_force(lift.kind(), next, ctx.athlete.goal, since);
    let no_running = limits.iter().any(|l| l.effect == Effect::NoRunning);
    let key = next == Next::Long || next.is_hard();
    // A key session's planned length, for the caps that would cut it (the default lengths otherwise).
    let planned_minutes = ctx.planned.minutes.unwrap_or(match next {
        Next::Long => 60,
        _ => 20,
    });
    let kind = ctx.planned.kind.as_str();
    let goal = ctx.athlete.goal.as_str().replace('_', " ");
    // How heavy the lift was is said once, in the first reason that needs it.
    let mut basis_once = Some(lift.heaviness_basis.as_str());
    let mut basis = move || {
        basis_once
            .take()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default()
    };
    let region = lift.region_name();
    let session = match lift.legs {
        Legs::Unknown => "session that may have been leg work",
        _ => "leg session",
    };
    let mut out = Vec::new();
    for l in limits {
        let h = l.until_h;
        let message = match l.rule {
            Interference::HiitAfterHeavyLegs => format!(
                "You did a heavy {session}{} {}: move the {kind} run to another day, at least {h:.0} h after lifting.",
                basis(),
                ago(since)
            ),
            Interference::HiitAfterHeavyLift => format!(
                "Your {region} session was heavy{} and ended {}: the {kind} run fits at least {h:.0} h after lifting, or on another day.",
                basis(),
                ago(since)
            ),
            Interference::HardRunAfterLegs => format!(
                "You trained legs {}{}: the {kind} run fits at least {h:.0} h after lifting.",
                ago(since),
                basis()
            ),
            Interference::InterferenceSeparation => format!(
                "Your goal is {goal}: do the {kind} run at least {h:.0} h after lifting (it ended {}), or on another day.",
                ago(since)
            ),
            Interference::LongRunAfterLift => format!(
                "A long run right after {} lifting adds a large, glycogen-depleting load: move it at least {h:.0} h after lifting or to a dedicated cardio day.",
                load_name(lift.heaviness)
            ),
            Interference::EnduranceKeyRunFresh => format!(
                "Your goal is endurance: protect the {kind} run by doing it fresh, at least {h:.0} h after your {} {region} session or on another day; next time, run it before you lift.",
                load_name(lift.heaviness)
            ),
            Interference::LegsNonImpact => format!(
                "You trained legs heavily{}: no running on them for the rest of today; if you want cardio, cycle or use the elliptical, easy.",
                basis()
            ),
            Interference::LegsVeryLow if no_running => continue,
            Interference::LegsVeryLow if lift.is_heavy() => format!(
                "Your legs are still recovering from the heavy session {}: if you run, keep it very easy — or choose cycling or the elliptical.",
                ago(since)
            ),
            Interference::LegsVeryLow => format!(
                "You trained legs{}: if you run, keep it very easy — or choose cycling or the elliptical.",
                basis()
            ),
            Interference::MuscleFirstShortEasy => format!(
                "Your goal is {goal}: keep anything now low-intensity and at most {MUSCLE_FIRST_MAX_MINUTES} minutes; cycling interferes less than running."
            ),
            Interference::GeneralCombineLiss => {
                let fat = if ctx.athlete.goal == Goal::FatLoss {
                    " With glycogen lowered by lifting, a run now draws more on fat (Ormsbee 2007), though fat loss still follows your energy balance."
                } else {
                    ""
                };
                format!(
                    "Your goal is {goal}: {}–{} minutes at low to moderate intensity after lifting suits it.{fat}",
                    LISS_MINUTES.0, LISS_MINUTES.1
                )
            }
            // Said of a planned easy run; when nothing is planned the easy 15–30 minutes speak for themselves.
            Interference::EnduranceEasyVolume if ctx.planned.kind == PlannedKind::None => continue,
            Interference::EnduranceEasyVolume => format!(
                "Easy running after lifting counts toward your volume: up to {ENDURANCE_EASY_MAX_MINUTES} minutes at conversational pace."
            ),
        };
        let mut constraint = match l.effect {
            Effect::Wait => Constraint {
                postpone_hours: Some(h),
                max_intensity: Some(Intensity::Low),
                ..Default::default()
            },
            Effect::NoRunning => Constraint {
                no_running: true,
                max_intensity: Some(Intensity::Low),
                ..Default::default()
            },
            Effect::RunAtMost(i) => Constraint {
                max_run_intensity: Some(i),
                ..Default::default()
            },
            Effect::AtMost { intensity, minutes } => Constraint {
                max_intensity: Some(intensity),
                max_minutes: Some(minutes),
                ..Default::default()
            },
        };
        // A key session this limit would shorten or ease is not done as something else now: it waits
        // until the limit ends (what is done now keeps the cap), as the planner has it.
        if key && l.effect != Effect::Wait && l.blocks(next, planned_minutes) {
            constraint.postpone_hours = Some(h);
        }
        let kind = match l.rule {
            Interference::MuscleFirstShortEasy => Kind::Person,
            // "… suits it", "counts toward your volume": said only when nothing holds the session back.
            Interference::GeneralCombineLiss | Interference::EnduranceEasyVolume => Kind::Encourage,
            _ => Kind::Lift,
        };
        out.push(Finding {
            code: l.rule.code(),
            principle: l.rule.principle(),
            message,
            constraint,
            kind,
        });
    }
    out
}

/// Leg readiness now, one number: the log's muscle model (which holds today's lift when it is logged),
/// or, without a log, nothing — the lift's own rules speak for it.
pub fn legs_pct(ctx: &Context) -> Option<f64> {
    Some(ctx.status.as_ref()?.leg_readiness_pct(ctx.now))
}

fn upper_body_day(ctx: &Context) -> Option<Finding> {
    let lift = ctx.lift.as_ref()?;
    if !matches!(lift.region, Some(Region::Upper | Region::Core)) || lift.legs_trained() {
        return None;
    }
    // "Fresh" only when the one leg number agrees (the log may hold yesterday's squats).
    let message = match legs_pct(ctx) {
        Some(pct) if pct < READY_PCT => return None,
        Some(pct) => format!(
            "Your session was {}: your legs are {pct:.0}% recovered, so a run now costs your lifting little.",
            lift.region_name()
        ),
        None => format!(
            "Your session was {}: it left your legs fresh, so a run now costs your lifting little.",
            lift.region_name()
        ),
    };
    info(
        "upper_body_day",
        "It is generally less taxing to run after an upper-body strength workout than after a heavy leg workout.",
        message,
    )
}

fn legs_light(ctx: &Context) -> Option<Finding> {
    let lift = ctx.lift.as_ref()?;
    if lift.legs != Legs::Yes
        || lift.heaviness != LoadLevel::Light
        || ctx.hours_since_lift()? >= ANOTHER_DAY_H
    {
        return None;
    }
    if legs_pct(ctx).is_some_and(|pct| pct < LEGS_EASY_RUN_PCT) {
        return None;
    }
    info(
        "legs_light",
        "It is a heavy leg workout that makes running afterwards costly; light leg work leaves the legs able to run.",
        format!(
            "Your leg work was light ({}): running is fine.",
            lift.heaviness_basis
        ),
    )
}

/// The longest post-lift run for someone `weeks` into combining lifting and running (under
/// [`crate::athlete::NEW_TO_COMBINING_WEEKS`]): the source text's "about 10 minutes" for the first two
/// weeks, five more after that. The planner caps post-lift runs the same way.
pub fn new_to_combining_cap(weeks: u32) -> u32 {
    if weeks < 2 {
        FIRST_RUNS_MINUTES
    } else {
        FIRST_RUNS_MINUTES + 5
    }
}

fn new_to_combining(ctx: &Context) -> Option<Finding> {
    if !ctx.athlete.is_new_to_combining() || !just_lifted(ctx) {
        return None;
    }
    let weeks = ctx.athlete.concurrent_weeks.unwrap_or(0);
    let cap = new_to_combining_cap(weeks);
    // A long run or a hard session is not shrunk to a first post-lift jog: it waits for a separate
    // session (the "post-workout" window), and the short easy run is what is done now.
    let key = matches!(
        ctx.planned.kind,
        PlannedKind::Long | PlannedKind::Tempo | PlannedKind::Intervals
    );
    finding(
        Kind::Person,
        "new_to_combining",
        "Progress gradually: if you're new to combining lifting and running, start with short, low-intensity runs (about 10 minutes) and increase duration as your body adapts.",
        format!(
            "You have {weeks} week(s) of combining lifting and running: keep post-lift runs to about {cap} minutes, easy, and build from there."
        ),
        Constraint {
            max_intensity: Some(Intensity::Low),
            max_minutes: Some(cap),
            postpone_hours: key.then_some(interference::POST_WORKOUT_H),
            ..Default::default()
        },
    )
}

fn injury_prone(ctx: &Context) -> Option<Finding> {
    if !ctx.athlete.injury_prone || !just_lifted(ctx) {
        return None;
    }
    finding(
        Kind::Person,
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

/// The lift was "just now": within the source text's 6–8 h, post-workout rules apply; later, a run is a
/// separate session.
fn just_lifted(ctx: &Context) -> bool {
    ctx.hours_since_lift()
        .is_some_and(|h| h < interference::POST_WORKOUT_H)
}

fn no_lift_today(ctx: &Context) -> Option<Finding> {
    if ctx.lift.is_some() || legs_pct(ctx).is_some_and(|legs| legs < LEGS_HARD_RUN_PCT) {
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
    let next = Next::from_planned(ctx.planned.kind)?;
    if !(next.is_hard() || next == Next::Long) {
        return None;
    }
    let lift = ctx.lift.as_ref()?;
    let since = ctx.hours_since_lift()?;
    let minutes = ctx.planned.minutes.unwrap_or(30);
    let needed = interference::ready_after_h(lift.kind(), next, ctx.athlete.goal, minutes);
    if needed <= 0.0 || since < needed {
        return None;
    }
    info(
        "separation_met",
        "Hard running fits on a separate day or with at least 6–8 hours of recovery after heavy lifting.",
        format!(
            "Your {} session ({}) ended {} — at least the {needed:.0} h needed: the {} run can go ahead.",
            lift.region_name(),
            load_name(lift.heaviness),
            ago(since),
            ctx.planned.kind.as_str()
        ),
    )
}

/// Endurance athletes the other way round: a heavy lift after a key run is what the source text calls
/// counterproductive ("heavy post-run lifting might be counterproductive"). A note for next time, from
/// the log's runs of the day.
fn heavy_lift_after_key_run(ctx: &Context) -> Option<Finding> {
    if ctx.athlete.goal != Goal::Endurance {
        return None;
    }
    let lift = ctx.lift.as_ref()?;
    if !lift.is_heavy() {
        return None;
    }
    let s = ctx.status.as_ref()?;
    let lift_start = lift
        .ended_at
        .checked_sub(crate::time::seconds(
            lift.minutes.unwrap_or(60.0).clamp(0.0, 300.0) * 60.0,
        ))
        .unwrap_or(lift.ended_at);
    let run = s.key_run_before(lift_start, interference::POST_WORKOUT_H)?;
    finding(
        Kind::Person,
        "heavy_lift_after_key_run",
        "Endurance focus: strength training can support running, but heavy post-run lifting might be counterproductive; lift on another day, or at least 6 h after a key run, or keep lifting after it light.",
        format!(
            "You lifted heavy {:.1} h after a {}: for your goal, next time keep lifting after a key run light, or move the heavy lift at least 6 h away or to another day.",
            lift_start
                .duration_since(run.ended_at)
                .as_secs_f64()
                .max(0.0)
                / 3600.0,
            run.describe()
        ),
        Constraint::default(),
    )
}

// ----- history: the training log ------------------------------------------------------------

/// Reduce or skip for red/amber (Hooper 1995; Meeusen 2013).
const READINESS_RED_MAX_MINUTES: u32 = 20;
/// Amber: "reduce its intensity and duration" — a quarter shorter.
const AMBER_MINUTES_FACTOR: f64 = 0.75;

const LISTEN_TRENDS: &str = "Listen to your body: persistent fatigue, decreased performance and a heart that will not settle are signs to back off — skip the run or reduce its intensity and duration. No single marker diagnoses overreaching; several agreeing against your own baseline are the best warning (Meeusen 2013).";

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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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
            Kind::Readiness,
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

/// The legs from the log's muscle model: no running below 30 %, very easy below 50 %, and key runs moved
/// to when they reach 75 %. What today's lift already limits (its own rules, [`after_lift`]) is not said
/// twice: the finding adds only what the model asks beyond it, with the one leg number.
fn legs_not_recovered(ctx: &Context) -> Option<Finding> {
    let s = ctx.status.as_ref()?;
    let legs = s.leg_readiness_pct(ctx.now);
    let kind = ctx.planned.kind;
    let key_run = kind.is_hard() || kind == PlannedKind::Long;
    if legs >= LEGS_EASY_RUN_PCT && !(key_run && legs < LEGS_HARD_RUN_PCT) {
        return None;
    }
    // What today's lift already says about running now.
    let lift_limits: Vec<Effect> = match (ctx.lift.as_ref(), ctx.hours_since_lift()) {
        (Some(lift), Some(since)) => interference::in_force(
            lift.kind(),
            Next::from_planned(kind).unwrap_or(Next::Easy),
            ctx.athlete.goal,
            since,
        )
        .iter()
        .map(|l| l.effect)
        .collect(),
        _ => Vec::new(),
    };
    let lift_says_no_run = lift_limits.contains(&Effect::NoRunning);
    let lift_says_very_easy =
        lift_says_no_run || lift_limits.contains(&Effect::RunAtMost(Intensity::VeryLow));
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
    let now_part = if legs < LEGS_NO_RUN_PCT && !lift_says_no_run {
        c.no_running = true;
        c.max_intensity = Some(Intensity::Low);
        "no running on them now; if you want cardio, cycle or use the elliptical, easy"
    } else if legs < LEGS_EASY_RUN_PCT && !lift_says_very_easy {
        c.max_run_intensity = Some(Intensity::VeryLow);
        "if you run now, keep it very easy — or choose cycling or the elliptical"
    } else {
        ""
    };
    let when = s
        .muscles
        .legs_ready_at(LEGS_HARD_RUN_PCT)
        .map(crate::time::next_half_hour)
        .filter(|t| *t > ctx.now);
    if key_run && let Some(when) = when {
        c.not_before = Some(when);
        c.max_intensity = Some(
            c.max_intensity
                .map_or(Intensity::Low, |i| i.min(Intensity::Low)),
        );
        // When the legs are ready, in the athlete's day (the rebooking may be later still, for another rule).
        let minutes = ctx.planned.minutes.unwrap_or(40);
        let local = crate::time::relative_label(
            ctx.day.fit(when, minutes, &ctx.time_zone),
            ctx.now,
            &ctx.time_zone,
        );
        let now_part = if now_part.is_empty() {
            String::new()
        } else {
            format!("; {now_part}")
        };
        return finding(
            Kind::Legs,
            "legs_not_recovered",
            PRINCIPLE,
            format!(
                "Your legs are {legs:.0}% recovered ({list}): the {} run waits until they reach {LEGS_HARD_RUN_PCT:.0}%, {local} at the earliest{now_part}.",
                kind.as_str()
            ),
            c,
        );
    }
    if now_part.is_empty() {
        return None;
    }
    finding(
        Kind::Legs,
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
