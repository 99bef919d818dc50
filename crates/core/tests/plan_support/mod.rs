//! Shared by the planner tests: a checker of the hard rules written from the rules as specified (the source
//! text's hours, the advisor's constants) — not from the planner's code — and request generators.
//!
//! Sessions fixed by the input (logged as done, competitions) are exempt between themselves: the planner
//! cannot move them. Every rule involving a session the planner placed is checked.
#![allow(dead_code)]

use afterlift_core::Goal;
use afterlift_core::advice::rules::{
    ANOTHER_DAY_H, HARD_RUN_SEPARATION_AFTER_LEGS_H, HARD_RUN_SEPARATION_H,
};
use afterlift_core::athlete::NEW_TO_COMBINING_WEEKS;
use afterlift_core::contract::{
    Availability, EventInput, EventKind, Focus, LiftRequest, LoadLevel, ReadinessLevel, RunKind,
    RunRequest, SessionKind, SessionStatus, Slot, WeekPlan, WeekRequest, Weekday,
};
use afterlift_core::interference::{self, Legs, LiftKind, Next};
use jiff::Span;
use jiff::civil::{Date, date};
use proptest::prelude::*;

/// A session in the checker's terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct S {
    pub day: i32,
    pub evening: bool,
    /// Order within the slot.
    pub order: usize,
    pub kind: SessionKind,
    pub focus: Option<Focus>,
    pub load: Option<LoadLevel>,
    /// Given by the input (done, or a competition): the planner could not move it.
    pub fixed: bool,
}

impl S {
    pub fn start_h(&self) -> f64 {
        f64::from(self.day) * 24.0 + if self.evening { 18.0 } else { 7.0 }
    }
    pub fn lift(&self) -> bool {
        self.kind == SessionKind::Lift
    }
    pub fn heavy(&self) -> bool {
        self.lift() && self.load == Some(LoadLevel::Heavy)
    }
    pub fn legs(&self) -> bool {
        self.lift() && matches!(self.focus, Some(Focus::Lower | Focus::Full))
    }
    pub fn run(&self) -> bool {
        self.kind.is_run()
    }
    pub fn cardio(&self) -> bool {
        self.run() || self.kind == SessionKind::Cross
    }
    pub fn event(&self) -> bool {
        self.kind == SessionKind::Event
    }
    /// The sessions the 6–8 h rule is about.
    pub fn hard_run(&self) -> bool {
        matches!(self.kind, SessionKind::Tempo | SessionKind::Intervals) || self.event()
    }
    pub fn beginner_hard(&self) -> bool {
        self.hard_run() || self.kind == SessionKind::Long
    }
    pub fn hard(&self) -> bool {
        self.heavy() || self.beginner_hard()
    }
    pub fn training(&self) -> bool {
        !matches!(self.kind, SessionKind::Rest | SessionKind::Mobility)
    }
}

/// Hours a hard run needs after this lift (0 = none): the source text's 6–8 h, 24 h after heavy legs.
pub fn required_h(lift: &S, goal: Goal) -> f64 {
    match (lift.load, lift.legs()) {
        (Some(LoadLevel::Heavy), true) => ANOTHER_DAY_H,
        (Some(LoadLevel::Heavy), false) => HARD_RUN_SEPARATION_H,
        (Some(LoadLevel::Moderate), true) => HARD_RUN_SEPARATION_AFTER_LEGS_H,
        _ if goal.is_muscle_first() => HARD_RUN_SEPARATION_H,
        _ => 0.0,
    }
}

pub fn beginner(req: &WeekRequest) -> bool {
    req.beginner.unwrap_or_else(|| {
        req.concurrent_weeks
            .is_some_and(|w| w < NEW_TO_COMBINING_WEEKS)
    })
}

/// The day index of `d` in the week (-1 = the day before, 7 = the day after; 99 = further away).
pub fn day_index(start: Date, d: Date) -> i32 {
    (0..9)
        .find(|k| start.checked_add(Span::new().days(*k as i64 - 1)).ok() == Some(d))
        .map_or(99, |k| k - 1)
}

/// Every session of the plan, plus the request's competitions on the day before and after the week and
/// `extra_fixed` (e.g. a logged session from the day before the week).
pub fn sessions(req: &WeekRequest, plan: &WeekPlan, extra_fixed: &[S]) -> Vec<S> {
    let mut out = Vec::new();
    for day in &plan.days {
        let d = day_index(req.start, day.date);
        let mut order = [0usize; 2];
        for s in &day.sessions {
            let evening = s.slot == Slot::Evening;
            out.push(S {
                day: d,
                evening,
                order: order[usize::from(evening)],
                kind: s.kind,
                focus: s.focus,
                load: s.load,
                fixed: s.status == SessionStatus::Done || s.kind == SessionKind::Event,
            });
            order[usize::from(evening)] += 1;
        }
    }
    for e in &req.events {
        let d = day_index(req.start, e.date);
        if d == -1 || d == 7 {
            out.push(S {
                day: d,
                evening: e.slot == Slot::Evening,
                order: 0,
                kind: SessionKind::Event,
                focus: None,
                load: None,
                fixed: true,
            });
        }
    }
    out.extend_from_slice(extra_fixed);
    out
}

pub fn free(req: &WeekRequest, day: i32, evening: bool) -> bool {
    let Some(list) = &req.available else {
        return true;
    };
    let Ok(date) = req.start.checked_add(Span::new().days(i64::from(day))) else {
        return false;
    };
    let slot = if evening {
        Slot::Evening
    } else {
        Slot::Morning
    };
    list.iter()
        .any(|a| a.weekday == Weekday::of(date) && a.slots.contains(&slot))
}

/// Re-planning context: sessions the planner adds must be at or after `now` (day, evening?), and today's
/// readiness limits today.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub day: i32,
    pub evening: bool,
    pub readiness: ReadinessLevel,
}

/// Days at the start of a deload week with nothing hard: 2 after an amber week, 3 after a red one.
pub fn deload_easy_days(req: &WeekRequest) -> i32 {
    match req.previous_week_readiness {
        Some(ReadinessLevel::Red) => 3,
        Some(ReadinessLevel::Amber) => 2,
        _ => 0,
    }
}

/// The sessions a request asks for, as (kind, focus, load, count): after a red week heavy lifting is
/// moderate and tempo and intervals are easy runs (the deload).
pub fn wanted(req: &WeekRequest) -> Vec<(SessionKind, Option<Focus>, Option<LoadLevel>, u32)> {
    let red = req.previous_week_readiness == Some(ReadinessLevel::Red);
    let mut out = Vec::new();
    for l in &req.lifts {
        let load = if red && l.load == LoadLevel::Heavy {
            LoadLevel::Moderate
        } else {
            l.load
        };
        out.push((SessionKind::Lift, Some(l.focus), Some(load), l.count));
    }
    for r in &req.runs {
        let kind = if red && r.kind.is_hard() {
            RunKind::Easy
        } else {
            r.kind
        };
        out.push((kind.session_kind(), None, None, r.count));
    }
    out.push((SessionKind::Cross, None, None, req.cross));
    out
}

/// The first rule the sessions break, if any.
pub fn violation(req: &WeekRequest, all: &[S], now: Option<Now>) -> Option<String> {
    let goal = req.goal;
    // The deload after an amber or red week: nothing hard on its first days; after red, no heavy lifting,
    // tempo or intervals placed at all.
    let easy_days = deload_easy_days(req);
    for s in all.iter().filter(|s| !s.fixed && !s.event()) {
        if s.hard() && (0..easy_days).contains(&s.day) {
            return Some(format!("hard on the first days of a deload week: {s:?}"));
        }
        let eased = s.heavy() || matches!(s.kind, SessionKind::Tempo | SessionKind::Intervals);
        if req.previous_week_readiness == Some(ReadinessLevel::Red) && eased {
            return Some(format!("hard in a deload week after a red week: {s:?}"));
        }
    }
    for a in all {
        for b in all {
            if a == b || (a.fixed && b.fixed) {
                continue;
            }
            // What may follow a lift, and when: the advisor's interference rules at the hours between them
            // (for key sessions any cap blocks; easy runs are only made easier). Heavy lifting and hard
            // running never share a slot, in either order.
            if a.lift() && (b.run() || b.event()) {
                let same_slot = a.day == b.day && a.evening == b.evening;
                if same_slot && a.heavy() && b.hard_run() {
                    return Some(format!("hard run in a heavy lift's slot: {a:?} {b:?}"));
                }
                let gap = if same_slot {
                    (a.order < b.order).then_some(0.0)
                } else {
                    Some(b.start_h() - a.start_h() - 1.0).filter(|g| *g >= 0.0)
                };
                if let Some(gap) = gap {
                    let kind = LiftKind {
                        heaviness: a.load.unwrap_or(LoadLevel::Moderate),
                        legs: if a.legs() { Legs::Yes } else { Legs::No },
                    };
                    let next = match b.kind {
                        SessionKind::Easy => Next::Easy,
                        SessionKind::Long => Next::Long,
                        SessionKind::Tempo => Next::Tempo,
                        SessionKind::Intervals => Next::Intervals,
                        _ => Next::Race,
                    };
                    let minutes = if next == Next::Easy { 0 } else { u32::MAX };
                    if let Some(rule) =
                        interference::check(kind, next, goal, gap, minutes).blocked_by
                    {
                        return Some(format!(
                            "{} {gap} h after lifting ({}): {a:?} {b:?}",
                            b.kind.as_str(),
                            rule.code()
                        ));
                    }
                }
            }
            // Heavy lifting straight after a long or hard run in the same slot ("heavy post-run lifting
            // might be counterproductive").
            if a.run()
                && matches!(
                    a.kind,
                    SessionKind::Long | SessionKind::Tempo | SessionKind::Intervals
                )
                && b.heavy()
                && a.day == b.day
                && a.evening == b.evening
                && a.order < b.order
            {
                return Some(format!("heavy lift straight after a key run: {a:?} {b:?}"));
            }
            // Two heavy leg sessions at least 36 h apart.
            if a.heavy() && a.legs() && b.heavy() && b.legs() && a.start_h() <= b.start_h() {
                let gap = b.start_h() - a.start_h() - 1.0;
                if gap < 36.0 {
                    return Some(format!("heavy legs {gap} h after heavy legs: {a:?} {b:?}"));
                }
            }
            // Competitions: nothing hard and no leg lifting on the day or the day before.
            if a.event()
                && !b.event()
                && (b.hard() || b.legs())
                && (b.day == a.day || b.day + 1 == a.day)
            {
                return Some(format!(
                    "hard session on or before a competition: {a:?} {b:?}"
                ));
            }
            // The taper: no long run and no heavy leg lifting in the 2–3 days before a competition (the day
            // before is covered above). Bosquet 2007: cut volume, keep intensity.
            if a.event()
                && !b.event()
                && (b.kind == SessionKind::Long || (b.heavy() && b.legs()))
                && (2..=3).contains(&(a.day - b.day))
            {
                return Some(format!(
                    "long run or heavy legs in the taper before a competition: {a:?} {b:?}"
                ));
            }
            // Beginners.
            if beginner(req)
                && a.beginner_hard()
                && b.beginner_hard()
                && !(a.event() && b.event())
                && b.day == a.day + 1
            {
                return Some(format!(
                    "beginner: hard running on consecutive days: {a:?} {b:?}"
                ));
            }
        }
    }
    let week: Vec<&S> = all.iter().filter(|s| (0..7).contains(&s.day)).collect();
    let rest_day = (0..7).any(|d| week.iter().filter(|s| s.day == d).all(|s| !s.training()));
    let fixed_days = (0..7)
        .filter(|&d| week.iter().any(|s| s.day == d && s.fixed && s.training()))
        .count();
    if !rest_day && fixed_days < 7 {
        return Some("no rest or active-recovery day".into());
    }
    for d in 0..7 {
        let day: Vec<&&S> = week.iter().filter(|s| s.day == d).collect();
        let too_many = |pred: &dyn Fn(&S) -> bool| {
            let n: Vec<_> = day.iter().filter(|s| pred(s)).collect();
            n.len() > 1 && n.iter().any(|s| !s.fixed)
        };
        if too_many(&|s| s.lift()) {
            return Some(format!("two lifts on day {d}"));
        }
        if too_many(&|s| s.run()) {
            return Some(format!("two runs on day {d}"));
        }
        if too_many(&|s| s.kind == SessionKind::Cross) {
            return Some(format!("two non-impact sessions on day {d}"));
        }
        for evening in [false, true] {
            let slot: Vec<&&&S> = day.iter().filter(|s| s.evening == evening).collect();
            let cardio: Vec<_> = slot.iter().filter(|s| s.cardio()).collect();
            if cardio.len() > 1 && cardio.iter().any(|s| !s.fixed) {
                return Some(format!("two cardio sessions in one slot, day {d}"));
            }
            if slot.iter().any(|s| s.event()) && slot.iter().any(|s| !s.fixed) {
                return Some(format!("a competition's slot holds more, day {d}"));
            }
            for s in slot.iter().filter(|s| !s.fixed && s.training()) {
                if !free(req, d, evening) {
                    return Some(format!("training in a slot not available: {s:?}"));
                }
                if let Some(now) = now {
                    if (d, evening) < (now.day, now.evening) {
                        return Some(format!("planned in the past: {s:?}"));
                    }
                    if d == now.day {
                        match now.readiness {
                            ReadinessLevel::Red => {
                                return Some(format!("training on a red day: {s:?}"));
                            }
                            ReadinessLevel::Amber if s.hard() => {
                                return Some(format!("hard on an amber day: {s:?}"));
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    None
}

/// The planner's order within a slot: an endurance athlete's key run first, then lifting, then cardio.
pub fn slot_rank(kind: SessionKind, goal: Goal) -> u8 {
    match kind {
        SessionKind::Event => 0,
        SessionKind::Long | SessionKind::Tempo | SessionKind::Intervals
            if goal == Goal::Endurance =>
        {
            0
        }
        SessionKind::Lift => 1,
        SessionKind::Mobility | SessionKind::Rest => 3,
        _ => 2,
    }
}

/// Could `extra` be added without breaking a rule?
pub fn fits(req: &WeekRequest, all: &[S], extra: S, now: Option<Now>) -> bool {
    let mut with: Vec<S> = all
        .iter()
        .filter(|s| s.training() || s.day != extra.day)
        .copied()
        .collect();
    // Re-number the slot's order with the newcomer in the planner's place.
    let mut slot: Vec<S> = with
        .iter()
        .filter(|s| s.day == extra.day && s.evening == extra.evening)
        .copied()
        .collect();
    with.retain(|s| !(s.day == extra.day && s.evening == extra.evening));
    slot.push(extra);
    slot.sort_by_key(|s| (slot_rank(s.kind, req.goal), s.order));
    for (k, s) in slot.iter_mut().enumerate() {
        s.order = k;
    }
    with.extend(slot);
    violation(req, &with, now).is_none()
}

fn key(kind: SessionKind, focus: Option<Focus>, load: Option<LoadLevel>) -> String {
    format!("{kind:?}/{focus:?}/{load:?}")
}

/// The plan as JSON, for failure messages.
pub fn show(req: &impl serde::Serialize, plan: &WeekPlan) -> String {
    format!(
        "request: {}\nplan: {}",
        serde_json::to_string(req).unwrap_or_default(),
        serde_json::to_string_pretty(plan).unwrap_or_default()
    )
}

/// Every hard rule holds; every unmet session has a rule and truly fits nowhere; every session has a why.
pub fn check_plan(
    req: &WeekRequest,
    plan: &WeekPlan,
    extra_fixed: &[S],
    now: Option<Now>,
) -> Result<(), TestCaseError> {
    prop_assert!(plan.days.len() <= 7);
    let all = sessions(req, plan, extra_fixed);
    if let Some(v) = violation(req, &all, now) {
        return Err(TestCaseError::fail(format!("{v}\n{}", show(req, plan))));
    }
    for day in &plan.days {
        for s in &day.sessions {
            prop_assert!(
                !s.why.trim().is_empty(),
                "a session without a reason: {s:?}"
            );
        }
    }
    for u in &plan.unmet {
        prop_assert!(u.count >= 1);
        prop_assert!(
            !u.rule.is_empty() && u.blocked_by.contains(&u.rule),
            "{u:?}"
        );
        prop_assert!(!u.suggestion.is_empty() && !u.why.is_empty());
        if u.rule == "extra_session_done" {
            continue; // dropped on purpose, not for lack of room
        }
        for day in 0..plan.days.len() as i32 {
            for evening in [false, true] {
                let extra = S {
                    day,
                    evening,
                    order: usize::MAX,
                    kind: u.session.kind,
                    focus: u.session.focus,
                    load: u.session.load,
                    fixed: false,
                };
                prop_assert!(
                    !fits(req, &all, extra, now),
                    "unmet {:?} ({}) fits on day {day} evening={evening}\n{}",
                    u.session,
                    u.rule,
                    show(req, plan)
                );
            }
        }
    }
    Ok(())
}

/// Requested = placed + unmet, per kind (sessions logged as done count as placed).
pub fn check_accounting(req: &WeekRequest, plan: &WeekPlan) -> Result<(), TestCaseError> {
    let mut want: std::collections::BTreeMap<String, u64> = Default::default();
    for (kind, focus, load, count) in wanted(req) {
        *want.entry(key(kind, focus, load)).or_default() += u64::from(count);
    }
    let mut got: std::collections::BTreeMap<String, u64> = Default::default();
    for day in &plan.days {
        for s in &day.sessions {
            if s.training() {
                *got.entry(key(s.kind, s.focus, s.load)).or_default() += 1;
            }
        }
    }
    for u in &plan.unmet {
        *got.entry(key(u.session.kind, u.session.focus, u.session.load))
            .or_default() += u64::from(u.count);
    }
    want.retain(|_, n| *n > 0);
    prop_assert_eq!(
        &want,
        &got,
        "requested vs placed + unmet\n{}",
        show(req, plan)
    );
    Ok(())
}

trait Training {
    fn training(&self) -> bool;
}

impl Training for afterlift_core::contract::PlannedSession {
    fn training(&self) -> bool {
        !matches!(
            self.kind,
            SessionKind::Rest | SessionKind::Mobility | SessionKind::Event
        )
    }
}

// ----- generators ------------------------------------------------------------------------------

pub fn goal() -> impl Strategy<Value = Goal> {
    prop::sample::select(Goal::ALL.to_vec())
}

pub fn focus() -> impl Strategy<Value = Focus> {
    prop::sample::select(vec![Focus::Upper, Focus::Lower, Focus::Full])
}

pub fn load() -> impl Strategy<Value = LoadLevel> {
    prop::sample::select(vec![
        LoadLevel::Heavy,
        LoadLevel::Moderate,
        LoadLevel::Light,
    ])
}

pub fn run_kind() -> impl Strategy<Value = RunKind> {
    prop::sample::select(RunKind::ALL.to_vec())
}

pub fn availability() -> impl Strategy<Value = Option<Vec<Availability>>> {
    prop_oneof![
        1 => Just(None),
        3 => prop::collection::vec(any::<bool>(), 14).prop_map(|bits| {
            Some(
                Weekday::ALL
                    .iter()
                    .enumerate()
                    .map(|(d, &weekday)| Availability {
                        weekday,
                        slots: Slot::ALL
                            .iter()
                            .enumerate()
                            .filter(|(s, _)| bits[d * 2 + s])
                            .map(|(_, &slot)| slot)
                            .collect(),
                    })
                    .collect(),
            )
        }),
    ]
}

pub fn request() -> impl Strategy<Value = WeekRequest> {
    (
        goal(),
        0i64..365,
        availability(),
        prop::collection::vec((focus(), load(), 0u32..4), 0..4),
        prop::collection::vec((run_kind(), 0u32..4), 0..4),
        0u32..3,
        prop::collection::vec(
            (
                -1i64..8,
                any::<bool>(),
                prop::sample::select(vec![EventKind::Race, EventKind::Match]),
            ),
            0..3,
        ),
        prop::option::of(any::<bool>()),
        prop::option::of(0u32..10),
        prop::option::of(prop::sample::select(vec![
            ReadinessLevel::Green,
            ReadinessLevel::Amber,
            ReadinessLevel::Red,
        ])),
    )
        .prop_map(
            |(
                goal,
                offset,
                available,
                lifts,
                runs,
                cross,
                events,
                beginner,
                concurrent_weeks,
                previous_week_readiness,
            )| {
                let start = date(2026, 1, 1)
                    .checked_add(Span::new().days(offset))
                    .unwrap();
                WeekRequest {
                    goal,
                    start,
                    available,
                    lifts: lifts
                        .into_iter()
                        .map(|(focus, load, count)| LiftRequest {
                            focus,
                            load,
                            count,
                            minutes: None,
                        })
                        .collect(),
                    runs: runs
                        .into_iter()
                        .map(|(kind, count)| RunRequest {
                            kind,
                            count,
                            minutes: None,
                        })
                        .collect(),
                    cross,
                    events: events
                        .into_iter()
                        .map(|(d, evening, kind)| EventInput {
                            date: start.checked_add(Span::new().days(d)).unwrap(),
                            slot: if evening {
                                Slot::Evening
                            } else {
                                Slot::Morning
                            },
                            kind,
                            minutes: None,
                            name: None,
                        })
                        .collect(),
                    beginner,
                    concurrent_weeks,
                    post_lift_run_minutes: None,
                    race: None,
                    previous_week_readiness,
                    strategy: None,
                }
            },
        )
}
