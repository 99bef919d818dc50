//! Property tests: the weekly planner over many generated weeks (random goals, availability, session counts,
//! events, beginners). The plan is checked by a checker written here from the rules as specified — the
//! source text's hours and the advisor's constants — not by the planner's own code:
//! - no hard rule is ever broken (tempo/intervals/competitions 6, 8 or 24 h after lifting and never in a
//!   heavy lift's slot; not the day after heavy legs for strength/hypertrophy; a rest day; no consecutive
//!   hard running for beginners; nothing hard and no leg lifting on or the day before a competition;
//!   availability and slot capacity);
//! - every requested session is either placed or listed unmet — with a rule, and truly unplaceable: adding
//!   it anywhere in the week would break a rule;
//! - every session has a reason; the same request gives the same plan.

use afterlift_core::advice::rules::{
    ANOTHER_DAY_H, HARD_RUN_SEPARATION_AFTER_LEGS_H, HARD_RUN_SEPARATION_H,
};
use afterlift_core::contract::{
    Availability, EventInput, EventKind, Focus, LiftRequest, LoadLevel, RunKind, RunRequest,
    SessionKind, Slot, WeekPlan, WeekRequest, Weekday,
};
use afterlift_core::plan::plan_week;
use afterlift_core::Goal;
use afterlift_core::athlete::NEW_TO_COMBINING_WEEKS;
use jiff::civil::{Date, date};
use proptest::prelude::*;

/// A session in the checker's terms.
#[derive(Debug, Clone, Copy, PartialEq)]
struct S {
    day: i32,
    evening: bool,
    /// Order within the slot.
    order: usize,
    kind: SessionKind,
    focus: Option<Focus>,
    load: Option<LoadLevel>,
}

impl S {
    fn start_h(&self) -> f64 {
        f64::from(self.day) * 24.0 + if self.evening { 18.0 } else { 7.0 }
    }
    fn lift(&self) -> bool {
        self.kind == SessionKind::Lift
    }
    fn heavy(&self) -> bool {
        self.lift() && self.load == Some(LoadLevel::Heavy)
    }
    fn legs(&self) -> bool {
        self.lift() && matches!(self.focus, Some(Focus::Lower | Focus::Full))
    }
    fn run(&self) -> bool {
        self.kind.is_run()
    }
    fn cardio(&self) -> bool {
        self.run() || self.kind == SessionKind::Cross
    }
    fn event(&self) -> bool {
        self.kind == SessionKind::Event
    }
    /// The sessions the 6–8 h rule is about.
    fn hard_run(&self) -> bool {
        matches!(self.kind, SessionKind::Tempo | SessionKind::Intervals) || self.event()
    }
    fn beginner_hard(&self) -> bool {
        self.hard_run() || self.kind == SessionKind::Long
    }
    fn hard(&self) -> bool {
        self.heavy() || self.beginner_hard()
    }
}

/// Hours a hard run needs after this lift (0 = none): the source text's 6–8 h, 24 h after heavy legs.
fn required_h(lift: &S, goal: Goal) -> f64 {
    match (lift.load, lift.legs()) {
        (Some(LoadLevel::Heavy), true) => ANOTHER_DAY_H,
        (Some(LoadLevel::Heavy), false) => HARD_RUN_SEPARATION_H,
        (Some(LoadLevel::Moderate), true) => HARD_RUN_SEPARATION_AFTER_LEGS_H,
        _ if goal.is_muscle_first() => HARD_RUN_SEPARATION_H,
        _ => 0.0,
    }
}

fn beginner(req: &WeekRequest) -> bool {
    req.beginner
        .unwrap_or_else(|| req.concurrent_weeks.is_some_and(|w| w < NEW_TO_COMBINING_WEEKS))
}

fn day_index(start: Date, d: Date) -> i32 {
    (0..9)
        .find(|k| start.checked_add(jiff::Span::new().days(*k as i64 - 1)).ok() == Some(d))
        .map_or(99, |k| k - 1)
}

/// Every session of the plan, plus the request's competitions the day before and after the week.
fn sessions(req: &WeekRequest, plan: &WeekPlan) -> Vec<S> {
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
            });
        }
    }
    out
}

fn free(req: &WeekRequest, day: i32, evening: bool) -> bool {
    let Some(list) = &req.available else {
        return true;
    };
    let Ok(date) = req.start.checked_add(jiff::Span::new().days(i64::from(day))) else {
        return false;
    };
    let slot = if evening { Slot::Evening } else { Slot::Morning };
    list.iter()
        .any(|a| a.weekday == Weekday::of(date) && a.slots.contains(&slot))
}

/// The first rule the sessions break, if any.
fn violation(req: &WeekRequest, all: &[S]) -> Option<String> {
    let goal = req.goal;
    for a in all {
        for b in all {
            if a == b {
                continue;
            }
            // Hard running after lifting.
            if a.lift() && b.hard_run() {
                let need = required_h(a, goal);
                let same_slot = a.day == b.day && a.evening == b.evening;
                if same_slot && a.heavy() {
                    return Some(format!("hard run in a heavy lift's slot: {a:?} {b:?}"));
                }
                if same_slot && need > 0.0 && a.order < b.order {
                    return Some(format!("hard run straight after lifting: {a:?} {b:?}"));
                }
                let gap = b.start_h() - a.start_h() - 1.0;
                if !same_slot && gap >= 0.0 && gap < need {
                    return Some(format!("hard run {gap} h after lifting, {need} needed: {a:?} {b:?}"));
                }
                if goal.is_muscle_first() && a.heavy() && a.legs() && b.day == a.day + 1 {
                    return Some(format!("hard run the day after heavy legs: {a:?} {b:?}"));
                }
            }
            // Competitions.
            if a.event() && !b.event() && (b.hard() || b.legs()) && (b.day == a.day || b.day + 1 == a.day) {
                return Some(format!("hard session on or before a competition: {a:?} {b:?}"));
            }
            // Beginners.
            if beginner(req)
                && a.beginner_hard()
                && b.beginner_hard()
                && !(a.event() && b.event())
                && b.day == a.day + 1
            {
                return Some(format!("beginner: hard running on consecutive days: {a:?} {b:?}"));
            }
        }
    }
    let week: Vec<&S> = all.iter().filter(|s| (0..7).contains(&s.day)).collect();
    let rest_day = (0..7).any(|d| {
        week.iter()
            .filter(|s| s.day == d)
            .all(|s| matches!(s.kind, SessionKind::Rest | SessionKind::Mobility))
    });
    if !rest_day {
        return Some("no rest or active-recovery day".into());
    }
    for d in 0..7 {
        let day: Vec<&&S> = week.iter().filter(|s| s.day == d).collect();
        if day.iter().filter(|s| s.lift()).count() > 1 {
            return Some(format!("two lifts on day {d}"));
        }
        if day.iter().filter(|s| s.run()).count() > 1 {
            return Some(format!("two runs on day {d}"));
        }
        if day.iter().filter(|s| s.kind == SessionKind::Cross).count() > 1 {
            return Some(format!("two non-impact sessions on day {d}"));
        }
        for evening in [false, true] {
            let slot: Vec<&&&S> = day.iter().filter(|s| s.evening == evening).collect();
            if slot.iter().filter(|s| s.cardio()).count() > 1 {
                return Some(format!("two cardio sessions in one slot, day {d}"));
            }
            if slot.iter().any(|s| s.event()) && slot.len() > 1 {
                return Some(format!("a competition's slot holds more, day {d}"));
            }
            if slot.iter().any(|s| s.lift() || s.cardio()) && !free(req, d, evening) {
                return Some(format!("training in a slot not available, day {d}"));
            }
        }
    }
    None
}

/// The planner's order within a slot: an endurance athlete's key run first, then lifting, then cardio.
fn slot_rank(kind: SessionKind, goal: Goal) -> u8 {
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

/// Could `extra` be added at (day, slot) without breaking a rule?
fn fits(req: &WeekRequest, all: &[S], extra: S) -> bool {
    let mut with: Vec<S> = all
        .iter()
        .filter(|s| !(s.kind == SessionKind::Rest || (s.kind == SessionKind::Mobility && s.day == extra.day)))
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
    violation(req, &with).is_none()
}

fn key(kind: SessionKind, focus: Option<Focus>, load: Option<LoadLevel>) -> String {
    format!("{kind:?}/{focus:?}/{load:?}")
}

fn check(req: &WeekRequest) -> Result<(), TestCaseError> {
    let plan = plan_week(req);
    prop_assert_eq!(plan.days.len(), 7);
    let all = sessions(req, &plan);
    if let Some(v) = violation(req, &all) {
        return Err(TestCaseError::fail(format!(
            "{v}\nrequest: {}\nplan: {}",
            serde_json::to_string(req).unwrap(),
            serde_json::to_string_pretty(&plan).unwrap()
        )));
    }
    for day in &plan.days {
        for s in &day.sessions {
            prop_assert!(!s.why.trim().is_empty(), "a session without a reason: {s:?}");
        }
    }

    // Accounting: requested = placed + unmet, per kind.
    let mut want: std::collections::BTreeMap<String, u64> = Default::default();
    for l in &req.lifts {
        *want.entry(key(SessionKind::Lift, Some(l.focus), Some(l.load))).or_default() += u64::from(l.count);
    }
    for r in &req.runs {
        *want.entry(key(r.kind.session_kind(), None, None)).or_default() += u64::from(r.count);
    }
    *want.entry(key(SessionKind::Cross, None, None)).or_default() += u64::from(req.cross);
    let mut got: std::collections::BTreeMap<String, u64> = Default::default();
    for day in &plan.days {
        for s in &day.sessions {
            if matches!(s.kind, SessionKind::Rest | SessionKind::Mobility | SessionKind::Event) {
                continue;
            }
            *got.entry(key(s.kind, s.focus, s.load)).or_default() += 1;
        }
    }
    for u in &plan.unmet {
        prop_assert!(u.count >= 1);
        prop_assert!(!u.rule.is_empty() && u.blocked_by.contains(&u.rule), "{u:?}");
        prop_assert!(!u.suggestion.is_empty() && !u.why.is_empty());
        *got.entry(key(u.session.kind, u.session.focus, u.session.load)).or_default() += u64::from(u.count);
    }
    want.retain(|_, n| *n > 0);
    prop_assert_eq!(&want, &got, "requested vs placed + unmet");

    // Unmet means unplaceable: adding it anywhere breaks a rule.
    for u in &plan.unmet {
        for day in 0..7 {
            for evening in [false, true] {
                let extra = S {
                    day,
                    evening,
                    order: usize::MAX,
                    kind: u.session.kind,
                    focus: u.session.focus,
                    load: u.session.load,
                };
                prop_assert!(
                    !fits(req, &all, extra),
                    "unmet {:?} ({}) fits on day {day} evening={evening}\nrequest: {}\nplan: {}",
                    u.session,
                    u.rule,
                    serde_json::to_string(req).unwrap(),
                    serde_json::to_string_pretty(&plan).unwrap()
                );
            }
        }
    }

    // Deterministic.
    let again = plan_week(req);
    prop_assert_eq!(
        serde_json::to_string(&plan).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
    Ok(())
}

// ----- generators ------------------------------------------------------------------------------

fn goal() -> impl Strategy<Value = Goal> {
    prop::sample::select(Goal::ALL.to_vec())
}

fn focus() -> impl Strategy<Value = Focus> {
    prop::sample::select(vec![Focus::Upper, Focus::Lower, Focus::Full])
}

fn load() -> impl Strategy<Value = LoadLevel> {
    prop::sample::select(vec![LoadLevel::Heavy, LoadLevel::Moderate, LoadLevel::Light])
}

fn run_kind() -> impl Strategy<Value = RunKind> {
    prop::sample::select(RunKind::ALL.to_vec())
}

fn availability() -> impl Strategy<Value = Option<Vec<Availability>>> {
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

fn request() -> impl Strategy<Value = WeekRequest> {
    (
        goal(),
        0i64..365,
        availability(),
        prop::collection::vec((focus(), load(), 0u32..4), 0..4),
        prop::collection::vec((run_kind(), 0u32..4), 0..4),
        0u32..3,
        prop::collection::vec(
            (-1i64..8, any::<bool>(), prop::sample::select(vec![EventKind::Race, EventKind::Match])),
            0..3,
        ),
        prop::option::of(any::<bool>()),
        prop::option::of(0u32..10),
    )
        .prop_map(
            |(goal, offset, available, lifts, runs, cross, events, beginner, concurrent_weeks)| {
                let start = date(2026, 1, 1)
                    .checked_add(jiff::Span::new().days(offset))
                    .unwrap();
                WeekRequest {
                    goal,
                    start,
                    available,
                    lifts: lifts
                        .into_iter()
                        .map(|(focus, load, count)| LiftRequest { focus, load, count, minutes: None })
                        .collect(),
                    runs: runs
                        .into_iter()
                        .map(|(kind, count)| RunRequest { kind, count, minutes: None })
                        .collect(),
                    cross,
                    events: events
                        .into_iter()
                        .map(|(d, evening, kind)| EventInput {
                            date: start.checked_add(jiff::Span::new().days(d)).unwrap(),
                            slot: if evening { Slot::Evening } else { Slot::Morning },
                            kind,
                            minutes: None,
                            name: None,
                        })
                        .collect(),
                    beginner,
                    concurrent_weeks,
                    post_lift_run_minutes: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn plans_never_break_a_hard_rule(req in request()) {
        check(&req)?;
    }

    /// Oversized and odd requests: huge counts, zero and enormous minutes — no panic, everything accounted.
    #[test]
    fn odd_requests_are_accounted_for(
        goal in goal(),
        lifts in prop::collection::vec((focus(), load(), 0u32..40, prop::option::of(any::<u32>())), 0..5),
        runs in prop::collection::vec((run_kind(), 0u32..40, prop::option::of(any::<u32>())), 0..5),
        cross in 0u32..20,
        beginner in any::<bool>(),
    ) {
        let req = WeekRequest {
            goal,
            start: date(2026, 3, 2),
            available: None,
            lifts: lifts.into_iter().map(|(focus, load, count, minutes)| LiftRequest { focus, load, count, minutes }).collect(),
            runs: runs.into_iter().map(|(kind, count, minutes)| RunRequest { kind, count, minutes }).collect(),
            cross,
            events: vec![],
            beginner: Some(beginner),
            concurrent_weeks: None,
            post_lift_run_minutes: None,
        };
        check(&req)?;
    }
}

#[test]
fn extreme_counts_and_dates_do_not_panic() {
    let req = WeekRequest {
        goal: Goal::General,
        start: Date::MAX,
        available: None,
        lifts: vec![LiftRequest {
            focus: Focus::Full,
            load: LoadLevel::Heavy,
            count: u32::MAX,
            minutes: Some(u32::MAX),
        }],
        runs: vec![RunRequest {
            kind: RunKind::Intervals,
            count: u32::MAX,
            minutes: Some(0),
        }],
        cross: u32::MAX,
        events: vec![],
        beginner: None,
        concurrent_weeks: None,
        post_lift_run_minutes: Some(u32::MAX),
    };
    let plan = plan_week(&req);
    assert_eq!(plan.days.len(), 1, "only the last representable day exists");
    let total: u64 = plan.unmet.iter().map(|u| u64::from(u.count)).sum::<u64>()
        + plan
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .filter(|s| s.kind != SessionKind::Rest)
            .count() as u64;
    assert_eq!(total, 3 * u64::from(u32::MAX));
}
