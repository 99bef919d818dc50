//! The personal experiment in the week plan ([`crate::experiment::strategy`]).
//!
//! The strategy reaches the planner three ways:
//! - **hard rules** in `rules.rs` ([`super::rules::experiment_conflict`], code `experiment_*`): only ever
//!   forbidding more than the week's other hard rules, and named after them when both block;
//! - **a wish** where a session should go ([`super::rules::experiment_wish_met`], penalty
//!   [`super::rules::W_EXPERIMENT`]): after a lift, after a leg session, 6–16 h after heavy lifting;
//! - **the request** ([`strategy_request`]): `cycle_after_legs` turns easy runs into non-impact sessions,
//!   and `run_after_legs` non-impact sessions into easy runs, so that each leg session can have the
//!   cardio the arm compares; the post-lift run's length (`post_lift_run_15`/`_30`), within the same caps.
//!
//! Every planned session's reason names the experiment, and `WeekPlan::experiment` lists what it changed
//! and where it could not be honoured — a safety rule, readiness, a deload, or nothing to apply to —
//! so that no exception is silent.

use crate::contract::{
    Focus, LoadLevel, PlanExperiment, ReadinessLevel, RunKind, RunRequest, SessionStatus, Unmet,
    WeekRequest, Weekday,
};
use crate::experiment::strategy::Strategy;

use super::deload::deload_minutes;
use super::rules::{What, day_of, experiment_concerns, experiment_pairs, hours_after, lift_kind};
use super::week::{AfterLifts, At, View, capitalise, label, pos_name};
use crate::interference::{self, Next};

/// At most this many sessions of a kind are planned (`week::MAX_PER_CATEGORY`); counts beyond it
/// change nothing here.
const MAX_COUNT: u32 = super::week::MAX_PER_CATEGORY as u32;

/// The request as the experiment has it: `cycle_after_legs` makes easy runs non-impact cardio for the
/// leg sessions that have none, `run_after_legs` makes non-impact sessions easy runs for the moderate and
/// light leg sessions that have none (after heavy legs the safety rules allow no running that day). Every
/// other strategy leaves the request as it is. Returns the changes, in words.
pub(crate) fn strategy_request(request: &WeekRequest) -> (WeekRequest, Vec<String>) {
    let mut r = request.clone();
    let mut changes = Vec::new();
    let leg_lifts = |r: &WeekRequest, heavy_too: bool| {
        r.lifts
            .iter()
            .filter(|l| matches!(l.focus, Focus::Lower | Focus::Full))
            .filter(|l| heavy_too || l.load != LoadLevel::Heavy)
            .fold(0u32, |n, l| n.saturating_add(l.count))
            .min(MAX_COUNT)
    };
    let easy = |r: &WeekRequest| {
        r.runs
            .iter()
            .filter(|x| x.kind == RunKind::Easy)
            .fold(0u32, |n, x| n.saturating_add(x.count))
    };
    match r.strategy {
        Some(Strategy::CycleAfterLegs) => {
            let k = leg_lifts(&r, true)
                .saturating_sub(r.cross.min(MAX_COUNT))
                .min(easy(&r));
            if k > 0 {
                let mut left = k;
                for run in r.runs.iter_mut().filter(|x| x.kind == RunKind::Easy) {
                    let take = left.min(run.count);
                    run.count -= take;
                    left -= take;
                }
                r.runs.retain(|x| x.count > 0);
                r.cross = r.cross.saturating_add(k);
                changes.push(format!(
                    "{k} easy run{} made non-impact cardio (cycling or the elliptical), for after the leg sessions.",
                    plural(k)
                ));
            }
        }
        Some(Strategy::RunAfterLegs) => {
            let k = leg_lifts(&r, false)
                .saturating_sub(easy(&r).min(MAX_COUNT))
                .min(r.cross);
            if k > 0 {
                r.cross -= k;
                r.runs.push(RunRequest {
                    kind: RunKind::Easy,
                    count: k,
                    minutes: None,
                });
                changes.push(format!(
                    "{k} non-impact session{} made easy run{}, for after the leg sessions.",
                    plural(k),
                    plural(k)
                ));
            }
        }
        _ => {}
    }
    (r, changes)
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The session the experiment puts after a lift, in words.
fn follower_word(strategy: Strategy) -> &'static str {
    match strategy {
        Strategy::CycleAfterLegs => "non-impact cardio session",
        Strategy::HiitGap6h => "interval session",
        _ => "easy run",
    }
}

/// The lifts the experiment wants something after.
fn wants_follower(strategy: Strategy, lift: What) -> bool {
    lift.is_lift()
        && match strategy {
            Strategy::CycleAfterLegs | Strategy::RunAfterLegs => lift.legs(),
            s => s.wants_run_after_lift(),
        }
}

const SAFETY_HEAVY_LEGS: &str =
    "heavy legs: no running for the rest of the day (safety outranks the experiment)";

impl View<'_> {
    fn placed(&self) -> impl Iterator<Item = At<'_>> + '_ {
        self.items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| Some((i, it, self.at(i)?)))
    }

    fn planned(&self) -> impl Iterator<Item = At<'_>> + '_ {
        self.placed().filter(|a| a.1.status != SessionStatus::Done)
    }

    fn pairs(&self, strategy: Strategy, lift: At<'_>, me: At<'_>) -> bool {
        lift.0 != me.0
            && experiment_pairs(
                self.setup,
                strategy,
                (lift.1.what, lift.0, lift.2),
                (me.1.what, me.0, me.2),
            )
    }

    /// The session the experiment placed after `lift`.
    fn follower<'s>(&'s self, strategy: Strategy, lift: At<'s>) -> Option<At<'s>> {
        self.placed()
            .find(|o| experiment_concerns(strategy, o.1.what) && self.pairs(strategy, lift, *o))
    }

    /// The lift `me` follows as the experiment wants.
    fn leader<'s>(&'s self, strategy: Strategy, me: At<'s>) -> Option<At<'s>> {
        self.placed().find(|o| self.pairs(strategy, *o, me))
    }

    fn shared_day(&self, day: i16) -> bool {
        self.on_day(day).any(|o| o.1.what.is_lift()) && self.on_day(day).any(|o| o.1.what.is_run())
    }

    /// The post-lift run's length under `post_lift_run_*`: `wanted`, halved in a deload week, within the
    /// caps the lift puts on what follows it and the post-lift cap (goal, progression, new to combining);
    /// with what capped it.
    pub(super) fn experiment_post_lift_minutes(
        &self,
        wanted: u32,
        after: &AfterLifts,
    ) -> (u32, Option<String>) {
        let mut minutes = wanted;
        let mut why = None;
        if self.setup.easy_days > 0 {
            let d = deload_minutes(Some(wanted), What::Run(RunKind::Easy));
            if d < minutes {
                minutes = d;
                why = Some("a deload week: about half the usual minutes".to_string());
            }
        }
        if let Some(cap) = after.max_minutes
            && cap < minutes
        {
            minutes = cap;
            why = Some(format!(
                "at most {cap} min of cardio straight after lifting for your goal ({})",
                self.setup.goal.as_str().replace('_', " ")
            ));
        }
        let cap = self.post_lift_cap();
        if cap < minutes {
            minutes = cap;
            why = Some(match (self.new_to_combining, self.post_lift_minutes) {
                (Some(_), _) => {
                    format!("new to combining: {cap} min, building gradually")
                }
                (None, Some(_)) => format!("the progression's current length, {cap} min"),
                (None, None) => format!("at most {cap} min after lifting for your goal"),
            });
        }
        (minutes, why)
    }

    /// The sentence a planned session's reason ends with: the experiment, and what it means here.
    pub(super) fn experiment_sentence(
        &self,
        strategy: Strategy,
        me: At<'_>,
        minutes: u32,
    ) -> String {
        let what = me.1.what;
        let day = day_of(me.2);
        let after_word = |l: At<'_>| format!("after the {}", label(l.1.what));
        let detail: String = match strategy {
            Strategy::RunSeparateDay if what.is_lift() => "no run on this day".into(),
            Strategy::RunSeparateDay if what.is_run() => "no lifting on this day".into(),
            Strategy::LiftFirst | Strategy::RunFirst
                if self.shared_day(day) && (what.is_lift() || what.is_run()) =>
            {
                match (strategy, what.is_lift()) {
                    (Strategy::LiftFirst, true) => "the run comes after it".into(),
                    (Strategy::LiftFirst, false) => "after the lift".into(),
                    (_, true) => "after the run".into(),
                    (_, false) => "before the lift".into(),
                }
            }
            Strategy::LiftFirst | Strategy::RunFirst => {
                "it applies on days with both a lift and a run".into()
            }
            s if wants_follower(s, what) => match self.follower(s, me) {
                Some(f) if s == Strategy::CycleAfterLegs => {
                    format!("the {} follows it, no running", label(f.1.what))
                }
                Some(_) => format!("the {} follows straight after", follower_word(s)),
                None if s != Strategy::CycleAfterLegs && what.heavy_legs() => {
                    format!("no run after it — {SAFETY_HEAVY_LEGS}")
                }
                None if s == Strategy::CycleAfterLegs => {
                    "no running after it today (see the plan's exceptions)".into()
                }
                None => format!(
                    "no {} after it this week (see the plan's exceptions)",
                    follower_word(s)
                ),
            },
            s if experiment_concerns(s, what) => match self.leader(s, me) {
                Some(l) if s == Strategy::HiitGap6h => {
                    let gap =
                        hours_after(self.setup, (l.1.what, l.0, l.2), (me.1.what, me.0, me.2));
                    format!("{gap:.0} h after the {}", label(l.1.what))
                }
                Some(l) => match s.post_lift_minutes() {
                    Some(wanted) if minutes < wanted => format!(
                        "straight after the {}; {minutes} min rather than the experiment's {wanted} (see the plan's exceptions)",
                        label(l.1.what)
                    ),
                    Some(wanted) => {
                        format!("straight {}, {wanted} minutes", after_word(l))
                    }
                    None if s == Strategy::CycleAfterLegs => {
                        format!("in place of a run {}", after_word(l))
                    }
                    None if s == Strategy::RunAfterLegs => {
                        format!("very easy, {}", after_word(l))
                    }
                    None => format!("straight {}", after_word(l)),
                },
                None if s == Strategy::HiitGap6h => {
                    "not 6–16 h after heavy lifting this week (see the plan's exceptions)".into()
                }
                None => "not after a lift this week".into(),
            },
            Strategy::CycleAfterLegs
                if what.is_run() && self.on_day(day).any(|o| o.1.what.legs()) =>
            {
                "before the leg session: after it, non-impact cardio only".into()
            }
            Strategy::HiitGap24h if what.is_lift() && what.heavy() => {
                "no intervals for 24 h after it".into()
            }
            Strategy::HiitGap24h if what == What::Run(RunKind::Intervals) => {
                "at least 24 h after heavy lifting".into()
            }
            Strategy::HiitGap6h if what.is_lift() && what.heavy() && what.legs() => {
                format!(
                    "after heavy legs intervals still wait {:.0} h (safety outranks the experiment)",
                    interference::HARD_AFTER_HEAVY_LEGS_H
                )
            }
            Strategy::HiitGap6h if what.is_lift() && what.heavy() => {
                "intervals may follow from 6 h after it".into()
            }
            _ => "this session is not affected".into(),
        };
        format!("Experiment: {} — {detail}.", strategy.short())
    }

    /// Why no session of the kind the experiment wants follows `lift`.
    fn no_follower_reason(&self, strategy: Strategy, lift: At<'_>) -> String {
        let runs = !matches!(strategy, Strategy::CycleAfterLegs);
        if runs && lift.1.what.heavy_legs() {
            return SAFETY_HEAVY_LEGS.into();
        }
        if let Some((today, level)) = self.setup.today
            && today == day_of(lift.2)
            && level == ReadinessLevel::Amber
            && runs
        {
            return "readiness amber today".into();
        }
        let word = follower_word(strategy);
        let kind: Vec<At<'_>> = self
            .planned()
            .filter(|o| experiment_concerns(strategy, o.1.what))
            .collect();
        let wanting = self
            .planned()
            .filter(|o| wants_follower(strategy, o.1.what))
            .count();
        let free = kind
            .iter()
            .filter(|o| self.leader(strategy, **o).is_none())
            .count();
        if free == 0 {
            return format!(
                "no {word} left for it: the week has {} for {wanting} such lift{}",
                kind.len(),
                if wanting == 1 { "" } else { "s" }
            );
        }
        if let Some(kind) = lift_kind(lift.1.what)
            && runs
        {
            let check = interference::check(kind, Next::Easy, self.setup.goal, 0.0, 0);
            if let Some(rule) = check.blocked_by {
                return format!(
                    "{} (safety outranks the experiment)",
                    rule.code().replace('_', " ")
                );
            }
        }
        format!("no {word} could go after it without breaking a hard rule")
    }

    /// The experiment's summary for the plan: the rule, the request's changes, and every exception.
    pub(super) fn experiment_summary(
        &self,
        strategy: Strategy,
        request: &WeekRequest,
        changes: Vec<String>,
        unmet: &[Unmet],
    ) -> PlanExperiment {
        let mut exceptions: Vec<String> = Vec::new();
        let week = self.week;
        let planned: Vec<At<'_>> = self.planned().collect();
        let hiit = matches!(strategy, Strategy::HiitGap6h | Strategy::HiitGap24h);
        let red_deload = request.previous_week_readiness == Some(ReadinessLevel::Red);
        if let Some((today, level)) = self.setup.today {
            let name = week
                .date(today)
                .map_or("Today".to_string(), |d| capitalise(Weekday::of(d).as_str()));
            match level {
                ReadinessLevel::Red => exceptions.push(format!(
                    "{name} (today): readiness red — rest or gentle mobility only; the experiment is paused today, and today is a deviation from it."
                )),
                ReadinessLevel::Amber if hiit => exceptions.push(format!(
                    "{name} (today): readiness amber — nothing hard today, so no intervals today whatever the experiment says."
                )),
                _ => {}
            }
        }
        if hiit && red_deload {
            exceptions.push(
                "Deload week after red readiness: heavy lifting is moderate and intervals are easy runs, so the experiment has nothing to apply to until next week."
                    .into(),
            );
        }
        let nothing =
            |what: &str| format!("{what}: nothing for the experiment to apply to this week.");
        match strategy {
            s if s.wants_run_after_lift()
                || matches!(s, Strategy::CycleAfterLegs | Strategy::RunAfterLegs) =>
            {
                let lifts: Vec<At<'_>> = planned
                    .iter()
                    .copied()
                    .filter(|l| wants_follower(s, l.1.what))
                    .collect();
                if lifts.is_empty() {
                    exceptions.push(nothing(if s.wants_run_after_lift() {
                        "No lift this week"
                    } else {
                        "No leg session this week"
                    }));
                }
                for lift in lifts {
                    if self.follower(s, lift).is_none() {
                        exceptions.push(format!(
                            "{}: the {} has no {} after it — {}.",
                            pos_name(week, lift.2),
                            label(lift.1.what),
                            follower_word(s),
                            self.no_follower_reason(s, lift)
                        ));
                    }
                }
                if let Some(wanted) = s.post_lift_minutes() {
                    for run in planned
                        .iter()
                        .copied()
                        .filter(|o| experiment_concerns(s, o.1.what))
                    {
                        if self.leader(s, run).is_none() {
                            continue;
                        }
                        let (minutes, why) =
                            self.experiment_post_lift_minutes(wanted, &self.after_lifts(run));
                        if let Some(why) = why.filter(|_| minutes < wanted) {
                            exceptions.push(format!(
                                "{}: the run after lifting is {minutes} min, not {wanted} — {why}.",
                                pos_name(week, run.2)
                            ));
                        }
                    }
                }
            }
            Strategy::HiitGap6h | Strategy::HiitGap24h => {
                let intervals: Vec<At<'_>> = planned
                    .iter()
                    .copied()
                    .filter(|o| o.1.what == What::Run(RunKind::Intervals))
                    .collect();
                let heavy: Vec<At<'_>> = self
                    .placed()
                    .filter(|o| o.1.what.is_lift() && o.1.what.heavy())
                    .collect();
                if !red_deload {
                    if intervals.is_empty() {
                        exceptions.push(nothing("No intervals this week"));
                    } else if heavy.is_empty() {
                        exceptions.push(nothing("No heavy lifting this week"));
                    }
                }
                if strategy == Strategy::HiitGap6h && !heavy.is_empty() {
                    for run in intervals {
                        if self.leader(strategy, run).is_some() {
                            continue;
                        }
                        let why = if heavy.iter().all(|l| l.1.what.legs()) {
                            format!(
                                "the week's heavy lifting is leg work, after which intervals wait {:.0} h (safety outranks the experiment)",
                                interference::HARD_AFTER_HEAVY_LEGS_H
                            )
                        } else {
                            "no slot 6–16 h after a heavy upper-body lift was left for it without breaking a hard rule".to_string()
                        };
                        exceptions.push(format!(
                            "{}: the interval session is not 6–16 h after heavy lifting — {why}.",
                            pos_name(week, run.2)
                        ));
                    }
                }
            }
            Strategy::LiftFirst | Strategy::RunFirst if !(0..7).any(|d| self.shared_day(d)) => {
                exceptions.push(
                    "No day has both a lift and a run: nothing for the experiment to order this week."
                        .into(),
                );
            }
            _ => {}
        }
        for u in unmet {
            if u.blocked_by.iter().any(|r| r == strategy.rule_code()) {
                exceptions.push(format!(
                    "{} × {} session not placed: the experiment ({}) and the week's other rules left no slot for {}.",
                    u.count,
                    u.session.kind.as_str(),
                    strategy.short(),
                    if u.count == 1 { "it" } else { "them" }
                ));
            }
        }
        PlanExperiment {
            strategy,
            comparison: strategy.comparison(),
            rule: strategy.describe().to_string(),
            changes,
            exceptions,
        }
    }
}
