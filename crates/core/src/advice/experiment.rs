//! The personal experiment in the advice ([`crate::experiment::strategy`]): what the active strategy asks
//! for now, as one finding of kind [`Kind::Experiment`], and — once the answer is folded — whether it
//! could be followed.
//!
//! The strategy's finding only restricts (no run today, cycling instead, intervals not before 24 h) or,
//! for `post_lift_run_15`/`_30`, sets the post-lift run's length before the constraints ([`post_lift_minutes`]);
//! every other rule still applies on top, so safety always wins. When it wins against the experiment —
//! pain, illness, exhaustion (always), or anything that keeps the answer from what the arm asks —
//! [`overridden`] adds the reason `experiment_overridden`, naming what came first: that day is a
//! deviation from the experiment, not a day of either arm.

use crate::contract::{Later, Modality, PlannedKind, Prescription};
use crate::experiment::strategy::{
    HIIT_GAP_LONG_H, HIIT_GAP_SHORT_END_H, HIIT_GAP_SHORT_H, RIGHT_AFTER_H, Strategy,
};
use crate::interference;

use super::Context;
use super::rules::{Constraint, Finding, Kind};

/// What the strategy asks of the answer now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Intent {
    /// A run now (easy), of these minutes when the arm sets them.
    RunNow { minutes: Option<u32> },
    /// No run today; a planned run tomorrow.
    NoRunToday,
    /// Non-impact cardio, not running.
    CycleNow,
    /// The planned intervals this many hours after the heavy lift's end (6: from then, and before 16;
    /// 24: not before).
    HiitFrom(f64),
    /// A note only: the strategy asks nothing of this answer.
    Note,
}

/// The principle every experiment finding carries.
const PRINCIPLE: &str = "Experiment with different strategies to find what works best for your individual needs (the source text's last advice): while an experiment runs, its strategy decides what it compares — below the safety rules, which always come first.";

fn lifted_today(ctx: &Context) -> bool {
    ctx.lift.as_ref().is_some_and(|l| {
        let tz = &ctx.time_zone;
        tz.to_datetime(l.ended_at).date() == tz.to_datetime(ctx.now).date()
    })
}

fn just_lifted(ctx: &Context) -> bool {
    ctx.hours_since_lift()
        .is_some_and(|h| h < interference::POST_WORKOUT_H)
}

fn easy_or_nothing(ctx: &Context) -> bool {
    matches!(ctx.planned.kind, PlannedKind::None | PlannedKind::Easy)
}

/// The post-lift run's length the strategy sets now: `post_lift_run_15`/`_30` straight after lifting
/// (within the post-workout hours), for an easy run or when nothing is planned.
pub(super) fn post_lift_minutes(ctx: &Context) -> Option<u32> {
    let m = ctx.strategy?.post_lift_minutes()?;
    (just_lifted(ctx) && easy_or_nothing(ctx)).then_some(m)
}

/// The strategy's finding for this context, with what it asks of the answer.
pub(super) fn finding(ctx: &Context) -> Option<(Intent, Finding)> {
    let strategy = ctx.strategy?;
    let planned = ctx.planned.kind;
    let planned_run = planned != PlannedKind::None;
    let kind = planned.as_str();
    let tomorrow = ctx.day.next_morning(ctx.now, &ctx.time_zone);
    let tomorrow_text = crate::time::relative_label(tomorrow, ctx.now, &ctx.time_zone);
    let moves = if planned_run {
        format!("; the {kind} run moves to {tomorrow_text}")
    } else {
        String::new()
    };
    let head = format!("Your experiment: {}", strategy.short());
    let note = |message: String| {
        Some((
            Intent::Note,
            Finding {
                code: strategy.rule_code(),
                principle: PRINCIPLE,
                message,
                constraint: Constraint::default(),
                kind: Kind::Experiment,
            },
        ))
    };
    let ask = |intent: Intent, message: String, constraint: Constraint| {
        Some((
            intent,
            Finding {
                code: strategy.rule_code(),
                principle: PRINCIPLE,
                message,
                constraint,
                kind: Kind::Experiment,
            },
        ))
    };
    let no_run_today = Constraint {
        no_running: true,
        max_intensity: Some(crate::contract::Intensity::Low),
        not_before: planned_run.then_some(tomorrow),
        ..Default::default()
    };
    let legs_today = lifted_today(ctx) && ctx.lift.as_ref().is_some_and(|l| l.legs_trained());
    match strategy {
        Strategy::RunAfterLift | Strategy::PostLiftRun15 | Strategy::PostLiftRun30 => {
            if !just_lifted(ctx) {
                return note(format!(
                    "{head} — it applies straight after a lift; no lift in the last {:.0} h, so nothing changes.",
                    interference::POST_WORKOUT_H
                ));
            }
            if !easy_or_nothing(ctx) {
                return note(format!(
                    "{head} — it is about an easy run after lifting; the planned {kind} run follows the usual rules."
                ));
            }
            let since = ctx.hours_since_lift().unwrap_or(0.0);
            let late = if since > RIGHT_AFTER_H {
                format!(
                    " The lift ended {since:.1} h ago, later than the experiment's hour: the sooner the better."
                )
            } else {
                String::new()
            };
            let minutes = strategy.post_lift_minutes();
            let what = match minutes {
                Some(m) => format!("an easy {m}-minute run now, straight after the lift"),
                None => "an easy run now, as one session with the lift".to_string(),
            };
            ask(
                Intent::RunNow { minutes },
                format!("{head} — {what}.{late}"),
                Constraint::default(),
            )
        }
        Strategy::RunSeparateDay => {
            if !lifted_today(ctx) {
                return note(format!(
                    "{head} — no lift today, so {}.",
                    if planned_run {
                        "the run goes ahead"
                    } else {
                        "a run today keeps to it"
                    }
                ));
            }
            ask(
                Intent::NoRunToday,
                format!(
                    "{head} — you lifted today, so no run today{moves}. If you want to move now: easy non-impact cardio or mobility."
                ),
                no_run_today,
            )
        }
        Strategy::LiftFirst => {
            if lifted_today(ctx) {
                if easy_or_nothing(ctx) {
                    return ask(
                        Intent::RunNow { minutes: None },
                        format!(
                            "{head} — you have lifted, so a run now comes after it, as the experiment has it."
                        ),
                        Constraint::default(),
                    );
                }
                return note(format!(
                    "{head} — you have lifted, so the {kind} run comes after it; when, the usual rules decide."
                ));
            }
            note(format!(
                "{head} — if you lift today, lift before this run (or run another day)."
            ))
        }
        Strategy::RunFirst => {
            if lifted_today(ctx) {
                return ask(
                    Intent::NoRunToday,
                    format!(
                        "{head} — you have lifted already, so a run now would come after it: no run today{moves}, before any lift that day."
                    ),
                    no_run_today,
                );
            }
            note(format!(
                "{head} — {}",
                if planned_run {
                    "this run first; lift after it, if you lift today."
                } else {
                    "on a day with both, run before you lift."
                }
            ))
        }
        Strategy::CycleAfterLegs => {
            if !legs_today {
                return note(format!(
                    "{head} — no leg session today, so it does not apply."
                ));
            }
            ask(
                Intent::CycleNow,
                format!(
                    "{head} — after today's leg session, cardio is cycling or the elliptical, not running{moves}."
                ),
                no_run_today,
            )
        }
        Strategy::RunAfterLegs => {
            if !legs_today {
                return note(format!(
                    "{head} — no leg session today, so it does not apply."
                ));
            }
            if !easy_or_nothing(ctx) {
                return note(format!(
                    "{head} — it is about an easy run after the leg session; the planned {kind} run follows the usual rules."
                ));
            }
            ask(
                Intent::RunNow { minutes: None },
                format!(
                    "{head} — an easy run after the leg session, not cycling (very easy: the legs are tired)."
                ),
                Constraint::default(),
            )
        }
        Strategy::HiitGap6h | Strategy::HiitGap24h => {
            let gap = strategy.hiit_gap_h().unwrap_or(HIIT_GAP_SHORT_H);
            let heavy = ctx.lift.as_ref().filter(|l| l.is_heavy());
            let (Some(lift), Some(since)) = (heavy, ctx.hours_since_lift()) else {
                return note(format!(
                    "{head} — no heavy lift before this, so it does not apply."
                ));
            };
            if planned != PlannedKind::Intervals {
                return note(format!(
                    "{head} — it is about intervals (HIIT) after heavy lifting; nothing else changes."
                ));
            }
            if since >= HIIT_GAP_LONG_H {
                return note(format!(
                    "{head} — the heavy lift ended {since:.0} h ago, more than 24 h."
                ));
            }
            let at = lift
                .ended_at
                .checked_add(crate::time::seconds(gap * 3600.0))
                .unwrap_or(lift.ended_at);
            let when = crate::time::relative_label(at, ctx.now, &ctx.time_zone);
            if strategy == Strategy::HiitGap24h {
                return ask(
                    Intent::HiitFrom(gap),
                    format!(
                        "{head} — the intervals wait until {when}, 24 h after the heavy lift; anything now is easy."
                    ),
                    Constraint {
                        postpone_hours: Some(gap),
                        max_intensity: Some(crate::contract::Intensity::Low),
                        ..Default::default()
                    },
                );
            }
            if since >= HIIT_GAP_SHORT_END_H {
                return note(format!(
                    "{head} — the heavy lift ended {since:.0} h ago, past the experiment's 6–16 h: intervals now count for neither arm."
                ));
            }
            let message = if since >= gap {
                format!(
                    "{head} — the heavy lift ended {since:.1} h ago: the intervals fit now, if nothing else holds them back."
                )
            } else {
                format!(
                    "{head} — the intervals from {when}, 6 h after the heavy lift, and within 16 h of it: not a day later."
                )
            };
            ask(Intent::HiitFrom(gap), message, Constraint::default())
        }
    }
}

/// `experiment_overridden`, when the answer does not do what the strategy asks: always when a safety
/// rule (pain, illness, exhaustion) stops or reduces training, otherwise when the prescription or the
/// rebooking is not the arm's. Names what came first.
pub(super) fn overridden(
    ctx: &Context,
    intent: Intent,
    findings: &[Finding],
    now: &Prescription,
    later: Option<&Later>,
) -> Option<Finding> {
    let strategy = ctx.strategy?;
    let safety: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind == Kind::Safety && f.constraint.restricts())
        .map(|f| f.code)
        .collect();
    let deviation = "Today is a deviation from the experiment, not a day of either arm.";
    if !safety.is_empty() {
        return Some(Finding {
            code: "experiment_overridden",
            principle: PRINCIPLE,
            message: format!(
                "Your experiment ({}) is paused today: {} comes first. {deviation}",
                strategy.short(),
                safety.join(", ")
            ),
            constraint: Constraint::default(),
            kind: Kind::Experiment,
        });
    }
    let lift_end = ctx.lift.as_ref().map(|l| l.ended_at);
    let (followed, asked) = match intent {
        Intent::Note | Intent::NoRunToday => return None,
        Intent::RunNow { minutes } => (
            now.modality == Modality::Run && minutes.is_none_or(|m| now.minutes.max >= m),
            match minutes {
                Some(m) => format!("an easy {m}-minute run now"),
                None => "an easy run now".to_string(),
            },
        ),
        Intent::CycleNow => (
            matches!(
                now.modality,
                Modality::Cycle | Modality::Elliptical | Modality::Swim | Modality::Row
            ),
            "non-impact cardio now".to_string(),
        ),
        Intent::HiitFrom(gap) => {
            let since = ctx.hours_since_lift().unwrap_or(0.0);
            let hard_now =
                now.modality == Modality::Run && now.intensity == crate::contract::Intensity::High;
            let hours_after = |l: &Later| {
                lift_end.map_or(l.hours_after_lift, |end| {
                    l.not_before.timestamp().duration_since(end).as_secs_f64() / 3600.0
                })
            };
            let followed = if gap >= HIIT_GAP_LONG_H {
                !hard_now || since >= gap
            } else {
                (since >= gap && since < HIIT_GAP_SHORT_END_H && hard_now)
                    || later.is_some_and(|l| {
                        l.kind == PlannedKind::Intervals && hours_after(l) < HIIT_GAP_SHORT_END_H
                    })
            };
            (
                followed,
                if gap >= HIIT_GAP_LONG_H {
                    "the intervals not before 24 h after the heavy lift".to_string()
                } else {
                    "the intervals 6–16 h after the heavy lift".to_string()
                },
            )
        }
    };
    if followed {
        return None;
    }
    let causes: Vec<&str> = findings
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                Kind::Readiness | Kind::Input | Kind::Lift | Kind::Legs | Kind::Person
            ) && f.constraint.restricts()
        })
        .map(|f| f.code)
        .collect();
    let causes = if causes.is_empty() {
        "the other rules".to_string()
    } else {
        causes.join(", ")
    };
    Some(Finding {
        code: "experiment_overridden",
        principle: PRINCIPLE,
        message: format!(
            "Your experiment ({}) asks for {asked}; {causes} came first (see the reasons above). {deviation}",
            strategy.short()
        ),
        constraint: Constraint::default(),
        kind: Kind::Experiment,
    })
}
