//! The personal experiment's strategies (`experiment::strategy`): the planner and the advisor follow the
//! active strategy below the safety rules, and the log's days are tagged with the arm they followed.

#[path = "plan_support/mod.rs"]
mod plan_support;

use afterlift_core::advice::advise;
use afterlift_core::catalogue::Aliases;
use afterlift_core::contract::{
    AdviceRequest, AdviceResponse, AthleteInput, Focus, Intensity, LiftInput, LoadLevel, Modality,
    PlanDay, PlannedInput, PlannedKind, PlannedSession, ReadinessInput, SessionKind, Slot, Verdict,
    WeekPlan, WeekRequest,
};
use afterlift_core::experiment::strategy::{
    Arm, Comparison, DayTag, Observed, Strategy, TagLog, adherence, daily_adherence, followed_arms,
    tag_days, tag_weeks,
};
use afterlift_core::interference::{self, Legs, LiftKind, Next};
use afterlift_core::plan::{adapt_week, plan_week};
use afterlift_core::session::{Activity, ExerciseLog, Sample, SetLog, Sport, StrengthSession};
use afterlift_core::{Athlete, Goal, Sex};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

// ---------------------------------------------------------------------------------------------
// The planner
// ---------------------------------------------------------------------------------------------

mod plan {
    use super::*;

    fn request(json: &str) -> WeekRequest {
        serde_json::from_str(json).expect("valid request")
    }

    fn with(json: &str, strategy: &str) -> WeekRequest {
        let mut r = request(json);
        r.strategy = Some(strategy.parse().unwrap());
        r
    }

    /// Start hour of a slot and the planner's lifting block (rules.rs: morning 07:00, evening 18:00, a
    /// lift ends 1 h after its slot starts).
    fn start_h(day: usize, slot: Slot) -> f64 {
        day as f64 * 24.0
            + match slot {
                Slot::Morning => 7.0,
                Slot::Evening => 18.0,
            }
    }

    /// (day, index in the day, session) of the training sessions, in time order.
    fn flat(plan: &WeekPlan) -> Vec<(usize, usize, &PlannedSession)> {
        plan.days
            .iter()
            .enumerate()
            .flat_map(|(d, day)| day.sessions.iter().enumerate().map(move |(k, s)| (d, k, s)))
            .filter(|(_, _, s)| !matches!(s.kind, SessionKind::Rest | SessionKind::Mobility))
            .collect()
    }

    fn show(plan: &WeekPlan) -> String {
        serde_json::to_string_pretty(plan).unwrap()
    }

    fn lift_kind(s: &PlannedSession) -> LiftKind {
        LiftKind {
            heaviness: s.load.unwrap(),
            legs: if s.focus == Some(Focus::Upper) {
                Legs::No
            } else {
                Legs::Yes
            },
        }
    }

    fn next_of(kind: SessionKind) -> Option<Next> {
        Some(match kind {
            SessionKind::Easy => Next::Easy,
            SessionKind::Long => Next::Long,
            SessionKind::Tempo => Next::Tempo,
            SessionKind::Intervals => Next::Intervals,
            SessionKind::Cross => Next::NonImpact,
            _ => return None,
        })
    }

    /// Hours from the lift's end to `other`'s start (the lift's slot start + 1 h); in one slot, 0 when
    /// `other` comes after it and negative before.
    fn hours_after(
        lift: (usize, usize, &PlannedSession),
        other: (usize, usize, &PlannedSession),
    ) -> f64 {
        if lift.0 == other.0 && lift.2.slot == other.2.slot {
            return if lift.1 < other.1 { 0.0 } else { -1.0 };
        }
        start_h(other.0, other.2.slot) - start_h(lift.0, lift.2.slot) - 1.0
    }

    /// The safety rules hold whatever the strategy: whatever follows a lift within the week is allowed
    /// by the interference rules at the hours between them.
    fn safe(goal: Goal, plan: &WeekPlan) {
        let all = flat(plan);
        for &l in all.iter().filter(|x| x.2.kind == SessionKind::Lift) {
            for &o in &all {
                let Some(next) = next_of(o.2.kind) else {
                    continue;
                };
                let h = hours_after(l, o);
                if h < 0.0 {
                    continue;
                }
                let minutes = if matches!(next, Next::Easy | Next::NonImpact) {
                    0
                } else {
                    u32::MAX
                };
                let check = interference::check(lift_kind(l.2), next, goal, h, minutes);
                assert!(
                    check.blocked_by.is_none(),
                    "{:?} {h} h after the lift on day {}: {:?}\n{}",
                    o.2.kind,
                    l.0,
                    check.blocked_by,
                    show(plan)
                );
            }
        }
    }

    /// Every planned training session's reason names the experiment.
    fn named(plan: &WeekPlan, strategy: Strategy) {
        let tag = strategy.tag();
        for (_, _, s) in flat(plan) {
            if s.kind == SessionKind::Event {
                continue;
            }
            assert!(
                s.why.to_lowercase().contains(&tag.to_lowercase()),
                "{:?} does not name '{tag}': {}",
                s.kind,
                s.why
            );
        }
        let e = plan.experiment.as_ref().expect("the plan's experiment");
        assert_eq!(e.strategy, strategy);
        assert_eq!(e.comparison, strategy.comparison());
    }

    fn day_has(day: &PlanDay, f: impl Fn(&PlannedSession) -> bool) -> bool {
        day.sessions.iter().any(f)
    }

    const WEEK: &str = r#"{"goal": "general", "start": "2026-03-02",
        "lifts": [{"focus": "full", "load": "moderate", "count": 2}, {"focus": "upper", "load": "heavy"}],
        "runs": [{"kind": "easy", "count": 3}, {"kind": "tempo"}], "cross": 1}"#;

    /// Four available days force lifts and runs to share days.
    const FOUR_DAYS: &str = r#"[
        {"weekday": "monday", "slots": ["morning", "evening"]},
        {"weekday": "tuesday", "slots": ["morning", "evening"]},
        {"weekday": "thursday", "slots": ["morning", "evening"]},
        {"weekday": "friday", "slots": ["morning", "evening"]}]"#;

    #[test]
    fn without_a_strategy_the_plan_says_nothing_of_experiments() {
        let r = request(WEEK);
        assert_eq!(r.strategy, None);
        let plan = plan_week(&r);
        assert!(plan.experiment.is_none());
        let json = serde_json::to_value(&plan).unwrap();
        assert!(json.get("experiment").is_none());
        assert!(!show(&plan).to_lowercase().contains("experiment"));
        // A request with the field absent, null, or round-tripped is the same request.
        let null: WeekRequest = serde_json::from_str(
            &WEEK.replace(r#""cross": 1}"#, r#""cross": 1, "strategy": null}"#),
        )
        .unwrap();
        assert_eq!(null, r);
        let back: WeekRequest = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
        assert!(!serde_json::to_string(&r).unwrap().contains("strategy"));
    }

    #[test]
    fn the_strategy_is_read_from_json_and_a_wrong_one_is_named() {
        let r = request(&WEEK.replace(
            r#""cross": 1}"#,
            r#""cross": 1, "strategy": "run_separate_day"}"#,
        ));
        assert_eq!(r.strategy, Some(Strategy::RunSeparateDay));
        let err = serde_json::from_str::<WeekRequest>(&WEEK.replace(
            r#""cross": 1}"#,
            r#""cross": 1, "strategy": "run_sometimes"}"#,
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("run_sometimes"), "{err}");
        // Still no unknown fields.
        assert!(
            serde_json::from_str::<WeekRequest>(
                &WEEK.replace(r#""cross": 1}"#, r#""cross": 1, "stratgey": "run_first"}"#,)
            )
            .is_err()
        );
    }

    #[test]
    fn run_separate_day_keeps_runs_off_lifting_days() {
        // Three lifting days and three running days leave the rest day.
        let r = with(
            &WEEK.replace(
                r#"{"kind": "easy", "count": 3}"#,
                r#"{"kind": "easy", "count": 2}"#,
            ),
            "run_separate_day",
        );
        let plan = plan_week(&r);
        for day in &plan.days {
            let lift = day_has(day, |s| s.kind == SessionKind::Lift);
            let run = day_has(day, |s| s.kind.is_run());
            assert!(!(lift && run), "{} has both\n{}", day.date, show(&plan));
        }
        assert!(plan.unmet.is_empty(), "{}", show(&plan));
        named(&plan, Strategy::RunSeparateDay);
        safe(r.goal, &plan);
        let runs = flat(&plan).into_iter().filter(|s| s.2.kind.is_run());
        for (_, _, s) in runs {
            assert!(s.why.contains("no lifting on this day"), "{}", s.why);
        }
    }

    #[test]
    fn run_separate_day_without_room_leaves_runs_unmet_and_says_so() {
        let json = WEEK.replace(
            r#""start": "2026-03-02","#,
            &format!(r#""start": "2026-03-02", "available": {FOUR_DAYS},"#),
        );
        let r = with(&json, "run_separate_day");
        let plan = plan_week(&r);
        for day in &plan.days {
            let lift = day_has(day, |s| s.kind == SessionKind::Lift);
            let run = day_has(day, |s| s.kind.is_run());
            assert!(!(lift && run), "{}\n{}", day.date, show(&plan));
        }
        let blocked: Vec<_> = plan
            .unmet
            .iter()
            .filter(|u| {
                u.blocked_by
                    .iter()
                    .any(|b| b == "experiment_run_separate_day")
            })
            .collect();
        assert!(!blocked.is_empty(), "{}", show(&plan));
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.exceptions
                .iter()
                .any(|x| x.contains("not placed") && x.contains("runs on separate days")),
            "{:?}",
            e.exceptions
        );
        // The same week without the experiment shares days and places everything.
        let free = plan_week(&request(&json));
        assert!(free.unmet.len() < plan.unmet.len() || free.unmet.is_empty());
    }

    #[test]
    fn run_after_lift_puts_an_easy_run_straight_after_each_lift_but_not_after_heavy_legs() {
        let r = with(
            r#"{"goal": "strength", "start": "2026-03-02",
            "lifts": [{"focus": "upper", "load": "moderate", "count": 2}, {"focus": "lower", "load": "heavy"}],
            "runs": [{"kind": "easy", "count": 3}]}"#,
            "run_after_lift",
        );
        let plan = plan_week(&r);
        named(&plan, Strategy::RunAfterLift);
        safe(r.goal, &plan);
        for day in &plan.days {
            let Some(l) = day
                .sessions
                .iter()
                .position(|s| s.kind == SessionKind::Lift)
            else {
                continue;
            };
            let lift = &day.sessions[l];
            let next = day.sessions.get(l + 1);
            let heavy_legs =
                lift.focus == Some(Focus::Lower) && lift.load == Some(LoadLevel::Heavy);
            if heavy_legs {
                assert!(
                    !day.sessions[l..].iter().any(|s| s.kind.is_run()),
                    "a run after heavy legs\n{}",
                    show(&plan)
                );
                assert!(lift.why.contains("safety"), "{}", lift.why);
            } else {
                let run = next.expect("an easy run after the lift");
                assert_eq!(run.kind, SessionKind::Easy, "{}", show(&plan));
                assert_eq!(run.slot, lift.slot, "{}", show(&plan));
                assert!(run.why.contains("straight after"), "{}", run.why);
                assert!(
                    run.minutes <= 20,
                    "strength goal: at most 20 min after lifting"
                );
            }
        }
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.exceptions
                .iter()
                .any(|x| x.contains("heavy legs") && x.contains("safety")),
            "{:?}",
            e.exceptions
        );
        // Without the experiment a strength week keeps its runs away from the lifts' slots.
        let free = plan_week(&request(
            r#"{"goal": "strength", "start": "2026-03-02",
            "lifts": [{"focus": "upper", "load": "moderate", "count": 2}, {"focus": "lower", "load": "heavy"}],
            "runs": [{"kind": "easy", "count": 3}]}"#,
        ));
        let same_slot = |p: &WeekPlan| {
            p.days
                .iter()
                .filter(|d| {
                    d.sessions.windows(2).any(|w| {
                        w[0].kind == SessionKind::Lift
                            && w[1].kind.is_run()
                            && w[0].slot == w[1].slot
                    })
                })
                .count()
        };
        assert!(same_slot(&plan) > same_slot(&free), "{}", show(&free));
    }

    fn order_on_shared_days(plan: &WeekPlan) -> Vec<bool> {
        plan.days
            .iter()
            .filter_map(|d| {
                let l = d
                    .sessions
                    .iter()
                    .position(|s| s.kind == SessionKind::Lift)?;
                let r = d.sessions.iter().position(|s| s.kind.is_run())?;
                Some(l < r)
            })
            .collect()
    }

    #[test]
    fn lift_first_and_run_first_order_the_shared_days() {
        for goal in ["general", "strength", "endurance"] {
            let json = format!(
                r#"{{"goal": "{goal}", "start": "2026-03-02", "available": {FOUR_DAYS},
                "lifts": [{{"focus": "upper", "load": "moderate", "count": 2}}, {{"focus": "lower", "load": "moderate", "count": 2}}],
                "runs": [{{"kind": "easy", "count": 3}}, {{"kind": "long"}}]}}"#
            );
            for (strategy, lift_first) in [("lift_first", true), ("run_first", false)] {
                let r = with(&json, strategy);
                let plan = plan_week(&r);
                let order = order_on_shared_days(&plan);
                assert!(
                    !order.is_empty(),
                    "{goal} {strategy}: no shared day\n{}",
                    show(&plan)
                );
                assert!(
                    order.iter().all(|&o| o == lift_first),
                    "{goal} {strategy}: {order:?}\n{}",
                    show(&plan)
                );
                named(&plan, r.strategy.unwrap());
                if lift_first {
                    safe(r.goal, &plan);
                }
            }
        }
    }

    #[test]
    fn run_first_never_puts_heavy_lifting_straight_after_a_hard_or_long_run() {
        let r = with(
            &format!(
                r#"{{"goal": "endurance", "start": "2026-03-02", "available": {FOUR_DAYS},
                "lifts": [{{"focus": "full", "load": "heavy", "count": 3}}],
                "runs": [{{"kind": "long"}}, {{"kind": "intervals"}}, {{"kind": "easy", "count": 2}}]}}"#
            ),
            "run_first",
        );
        let plan = plan_week(&r);
        for day in &plan.days {
            for w in day.sessions.windows(2) {
                let hard_then_heavy = matches!(
                    w[0].kind,
                    SessionKind::Long | SessionKind::Tempo | SessionKind::Intervals
                ) && w[1].kind == SessionKind::Lift
                    && w[1].load == Some(LoadLevel::Heavy)
                    && w[0].slot == w[1].slot;
                assert!(!hard_then_heavy, "{}\n{}", day.date, show(&plan));
            }
        }
    }

    #[test]
    fn cycle_after_legs_turns_easy_runs_into_cycling_after_the_leg_sessions() {
        let r = with(
            r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "moderate", "count": 2}, {"focus": "upper", "load": "moderate"}],
            "runs": [{"kind": "easy", "count": 3}]}"#,
            "cycle_after_legs",
        );
        let plan = plan_week(&r);
        named(&plan, Strategy::CycleAfterLegs);
        safe(r.goal, &plan);
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.changes
                .iter()
                .any(|c| c.contains("2 easy runs made non-impact")),
            "{:?}",
            e.changes
        );
        let mut leg_days = 0;
        for day in &plan.days {
            let Some(l) = day
                .sessions
                .iter()
                .position(|s| s.kind == SessionKind::Lift && s.focus == Some(Focus::Lower))
            else {
                continue;
            };
            leg_days += 1;
            let after = &day.sessions[l + 1..];
            assert!(!after.iter().any(|s| s.kind.is_run()), "{}", show(&plan));
            let cross = after.iter().find(|s| s.kind == SessionKind::Cross);
            assert!(
                cross.is_some(),
                "no cycling after the leg session\n{}",
                show(&plan)
            );
            assert!(cross.unwrap().why.contains("in place of a run"));
        }
        assert_eq!(leg_days, 2);
        assert!(e.exceptions.is_empty(), "{:?}", e.exceptions);
    }

    #[test]
    fn run_after_legs_runs_after_moderate_legs_and_says_heavy_legs_cannot() {
        let r = with(
            r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "moderate", "count": 2}, {"focus": "lower", "load": "heavy"}],
            "runs": [{"kind": "easy"}], "cross": 2}"#,
            "run_after_legs",
        );
        let plan = plan_week(&r);
        named(&plan, Strategy::RunAfterLegs);
        safe(r.goal, &plan);
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.changes
                .iter()
                .any(|c| c.contains("1 non-impact session made easy run")),
            "{:?}",
            e.changes
        );
        for day in &plan.days {
            let Some(l) = day
                .sessions
                .iter()
                .position(|s| s.kind == SessionKind::Lift)
            else {
                continue;
            };
            let after = &day.sessions[l + 1..];
            assert!(
                !after.iter().any(|s| s.kind == SessionKind::Cross),
                "{}",
                show(&plan)
            );
            if day.sessions[l].load == Some(LoadLevel::Heavy) {
                assert!(!after.iter().any(|s| s.kind.is_run()));
            } else {
                let run = after.iter().find(|s| s.kind == SessionKind::Easy);
                assert!(
                    run.is_some(),
                    "no run after the leg session\n{}",
                    show(&plan)
                );
                assert_eq!(run.unwrap().intensity, Intensity::VeryLow);
            }
        }
        assert!(
            e.exceptions
                .iter()
                .any(|x| x.contains("heavy legs") && x.contains("safety")),
            "{:?}",
            e.exceptions
        );
    }

    fn post_lift_minutes(plan: &WeekPlan) -> Vec<u32> {
        plan.days
            .iter()
            .filter_map(|d| {
                let l = d
                    .sessions
                    .iter()
                    .position(|s| s.kind == SessionKind::Lift)?;
                let run = d.sessions.get(l + 1)?;
                (run.kind == SessionKind::Easy && run.slot == d.sessions[l].slot)
                    .then_some(run.minutes)
            })
            .collect()
    }

    #[test]
    fn the_post_lift_run_lasts_the_arms_minutes_within_the_caps() {
        let week = r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "upper", "load": "moderate", "count": 2}],
            "runs": [{"kind": "easy", "count": 2, "minutes": 40}]}"#;
        for (strategy, minutes) in [("post_lift_run_15", 15), ("post_lift_run_30", 30)] {
            let plan = plan_week(&with(week, strategy));
            assert_eq!(
                post_lift_minutes(&plan),
                [minutes, minutes],
                "{}",
                show(&plan)
            );
            named(&plan, strategy.parse().unwrap());
            assert!(plan.experiment.as_ref().unwrap().exceptions.is_empty());
        }
        // A strength goal caps cardio after lifting at 20 minutes: the 30-minute arm cannot be honoured,
        // and the plan says so.
        let strength = week.replace("general", "strength");
        let plan = plan_week(&with(&strength, "post_lift_run_30"));
        assert_eq!(post_lift_minutes(&plan), [20, 20], "{}", show(&plan));
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.exceptions.iter().any(|x| x.contains("20 min, not 30")),
            "{:?}",
            e.exceptions
        );
        // New to combining: the first runs are about 10 minutes.
        let new = week.replace(r#""start""#, r#""concurrent_weeks": 1, "start""#);
        let plan = plan_week(&with(&new, "post_lift_run_15"));
        assert_eq!(post_lift_minutes(&plan), [10, 10], "{}", show(&plan));
        assert!(
            plan.experiment
                .as_ref()
                .unwrap()
                .exceptions
                .iter()
                .any(|x| x.contains("new to combining"))
        );
    }

    fn intervals_gaps(plan: &WeekPlan) -> Vec<f64> {
        let all = flat(plan);
        let mut gaps = Vec::new();
        for &i in all.iter().filter(|s| s.2.kind == SessionKind::Intervals) {
            for &l in all
                .iter()
                .filter(|s| s.2.kind == SessionKind::Lift && s.2.load == Some(LoadLevel::Heavy))
            {
                let h = hours_after(l, i);
                if h >= 0.0 {
                    gaps.push(h);
                }
            }
        }
        gaps
    }

    #[test]
    fn hiit_gap_24h_keeps_intervals_a_day_after_heavy_lifting() {
        // Only Monday and Tuesday morning: the intervals cannot follow the lift by 24 h, so they go first.
        let json = r#"{"goal": "general", "start": "2026-03-02",
            "available": [{"weekday": "monday", "slots": ["morning", "evening"]}, {"weekday": "tuesday", "slots": ["morning"]}],
            "lifts": [{"focus": "upper", "load": "heavy"}], "runs": [{"kind": "intervals"}]}"#;
        let plan = plan_week(&with(json, "hiit_gap_24h"));
        assert!(plan.unmet.is_empty(), "{}", show(&plan));
        assert!(
            intervals_gaps(&plan).iter().all(|&h| h >= 24.0),
            "{:?}\n{}",
            intervals_gaps(&plan),
            show(&plan)
        );
        named(&plan, Strategy::HiitGap24h);
        // A whole week: at least 24 h after.
        let week = r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "upper", "load": "heavy", "count": 3}], "runs": [{"kind": "intervals", "count": 2}]}"#;
        let plan = plan_week(&with(week, "hiit_gap_24h"));
        assert!(
            intervals_gaps(&plan).iter().all(|&h| h >= 24.0),
            "{}",
            show(&plan)
        );
        safe(Goal::General, &plan);
    }

    #[test]
    fn hiit_gap_6h_puts_intervals_6_to_16_h_after_heavy_upper_lifting_never_sooner() {
        let week = r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "upper", "load": "heavy", "count": 2}], "runs": [{"kind": "intervals", "count": 2}, {"kind": "easy"}]}"#;
        let plan = plan_week(&with(week, "hiit_gap_6h"));
        safe(Goal::General, &plan);
        named(&plan, Strategy::HiitGap6h);
        let all = flat(&plan);
        for &i in all.iter().filter(|s| s.2.kind == SessionKind::Intervals) {
            let paired = all
                .iter()
                .filter(|s| s.2.kind == SessionKind::Lift)
                .any(|&l| (6.0..16.0).contains(&hours_after(l, i)));
            assert!(paired, "{}", show(&plan));
            assert!(i.2.why.contains("h after the heavy"), "{}", i.2.why);
        }
        // After heavy legs the 36 h stay: the plan says the arm could not be honoured.
        let legs = r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "heavy"}], "runs": [{"kind": "intervals"}]}"#;
        let plan = plan_week(&with(legs, "hiit_gap_6h"));
        safe(Goal::General, &plan);
        assert!(
            intervals_gaps(&plan).iter().all(|&h| h >= 36.0),
            "{}",
            show(&plan)
        );
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.exceptions
                .iter()
                .any(|x| x.contains("36 h") && x.contains("safety")),
            "{:?}",
            e.exceptions
        );
    }

    #[test]
    fn safety_and_readiness_come_first_and_the_plan_says_so() {
        // After a red week (deload): heavy lifting is moderate and intervals easy — nothing for the HIIT
        // experiment to apply to, and the plan says why.
        let week = r#"{"goal": "general", "start": "2026-03-02", "previous_week_readiness": "red",
            "lifts": [{"focus": "upper", "load": "heavy", "count": 2}], "runs": [{"kind": "intervals", "count": 2}]}"#;
        for strategy in ["hiit_gap_6h", "hiit_gap_24h"] {
            let plan = plan_week(&with(week, strategy));
            assert!(
                !flat(&plan)
                    .iter()
                    .any(|s| s.2.kind == SessionKind::Intervals)
            );
            let e = plan.experiment.as_ref().unwrap();
            assert!(
                e.exceptions.iter().any(|x| x.contains("red readiness")),
                "{:?}",
                e.exceptions
            );
        }
        // Re-planning on a red day: nothing but mobility today, the experiment is paused, and said so.
        let mut w = with(
            r#"{"goal": "general", "start": "2026-03-02",
            "lifts": [{"focus": "upper", "load": "moderate", "count": 2}], "runs": [{"kind": "easy", "count": 2}]}"#,
            "run_after_lift",
        );
        w.strategy = Some(Strategy::RunAfterLift);
        let adapt: afterlift_core::contract::AdaptRequest =
            serde_json::from_value(serde_json::json!({
                "week": w, "today": "2026-03-04", "readiness": "red"
            }))
            .unwrap();
        let plan = adapt_week(&adapt);
        let today = &plan.days[2];
        assert!(
            today
                .sessions
                .iter()
                .all(|s| matches!(s.kind, SessionKind::Mobility | SessionKind::Rest)),
            "{}",
            show(&plan)
        );
        let e = plan.experiment.as_ref().unwrap();
        assert!(
            e.exceptions
                .iter()
                .any(|x| x.contains("readiness red") && x.contains("paused")),
            "{:?}",
            e.exceptions
        );
        // The rest of the week still follows it.
        for day in &plan.days[3..] {
            if let Some(l) = day
                .sessions
                .iter()
                .position(|s| s.kind == SessionKind::Lift)
            {
                assert_eq!(
                    day.sessions.get(l + 1).map(|s| s.kind),
                    Some(SessionKind::Easy)
                );
            }
        }
    }

    #[test]
    fn every_strategy_keeps_the_hard_rules_on_generated_weeks() {
        let goals = [
            "strength",
            "hypertrophy",
            "endurance",
            "general",
            "fat_loss",
        ];
        let mut n = 0;
        for (g, goal) in goals.iter().enumerate() {
            for strategy in Strategy::ALL {
                let json = format!(
                    r#"{{"goal": "{goal}", "start": "2026-03-02",
                    "lifts": [{{"focus": "lower", "load": "heavy"}}, {{"focus": "upper", "load": "heavy"}}, {{"focus": "full", "load": "moderate", "count": {}}}],
                    "runs": [{{"kind": "easy", "count": 2}}, {{"kind": "intervals"}}, {{"kind": "long"}}], "cross": {}}}"#,
                    1 + g % 2,
                    g % 3
                );
                let r = with(&json, strategy.code());
                let plan = plan_week(&r);
                if !matches!(strategy, Strategy::RunFirst) {
                    safe(r.goal, &plan);
                }
                named(&plan, strategy);
                n += 1;
            }
        }
        assert_eq!(n, 50);
    }
}

// ---------------------------------------------------------------------------------------------
// The advisor
// ---------------------------------------------------------------------------------------------

mod advice {
    use super::*;

    const LIFT_END: &str = "2026-11-24T17:00:00Z";

    fn request(
        goal: Goal,
        focus: Focus,
        load: LoadLevel,
        planned: PlannedKind,
        minutes: Option<f64>,
    ) -> AdviceRequest {
        AdviceRequest {
            athlete: AthleteInput {
                age: 34.0,
                sex: Sex::Male,
                weight_kg: 75.0,
                resting_hr: Some(60.0),
                max_hr: None,
                hrv_rmssd_ms: None,
                goal,
                concurrent_weeks: Some(26),
                injury_prone: None,
                time_zone: Some("Europe/Berlin".into()),
                wake_time: None,
                sleep_time: None,
                race: None,
            },
            lift: Some(LiftInput {
                ended_at: Some(ts(LIFT_END)),
                minutes: Some(60.0),
                focus: Some(focus),
                load: Some(load),
                ..Default::default()
            }),
            planned: PlannedInput {
                kind: planned,
                minutes,
            },
            readiness: None,
            now: Some(ts("2026-11-24T17:10:00Z")),
            strategy: None,
        }
    }

    fn easy_after_upper() -> AdviceRequest {
        request(
            Goal::General,
            Focus::Upper,
            LoadLevel::Moderate,
            PlannedKind::Easy,
            Some(30.0),
        )
    }

    fn run(r: &AdviceRequest) -> AdviceResponse {
        advise(r, ts("2026-11-24T17:10:00Z")).unwrap()
    }

    fn with(mut r: AdviceRequest, strategy: Strategy) -> AdviceRequest {
        r.strategy = Some(strategy);
        r
    }

    fn codes(a: &AdviceResponse) -> Vec<&str> {
        a.reasons.iter().map(|r| r.code.as_str()).collect()
    }

    fn message<'a>(a: &'a AdviceResponse, code: &str) -> &'a str {
        a.reasons
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.message.as_str())
            .unwrap_or_else(|| panic!("no {code} in {:?}", codes(a)))
    }

    fn overridden(a: &AdviceResponse) -> Option<&str> {
        a.reasons
            .iter()
            .find(|r| r.code == "experiment_overridden")
            .map(|r| r.message.as_str())
    }

    #[test]
    fn without_a_strategy_the_advice_says_nothing_of_experiments() {
        let r = easy_after_upper();
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("strategy"));
        let back: AdviceRequest = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        let a = run(&r);
        assert!(!codes(&a).iter().any(|c| c.starts_with("experiment")));
        assert_eq!(a.verdict, Verdict::Go);
        // Unknown fields are still refused.
        let typo = json.replace(r#""now""#, r#""strategi": "run_first", "now""#);
        assert!(serde_json::from_str::<AdviceRequest>(&typo).is_err());
        let named = json.replace(r#""now""#, r#""strategy": "run_first", "now""#);
        assert_eq!(
            serde_json::from_str::<AdviceRequest>(&named)
                .unwrap()
                .strategy,
            Some(Strategy::RunFirst)
        );
    }

    #[test]
    fn run_separate_day_after_lifting_is_not_today_but_tomorrow() {
        let a = run(&with(easy_after_upper(), Strategy::RunSeparateDay));
        assert_eq!(a.verdict, Verdict::Postpone, "{a:#?}");
        assert_ne!(a.now.modality, Modality::Run);
        let later = a.later.as_ref().unwrap();
        assert_eq!(later.not_before.date(), date(2026, 11, 25));
        let m = message(&a, "experiment_run_separate_day");
        assert!(
            m.contains("runs on separate days") && m.contains("no run today"),
            "{m}"
        );
        assert!(overridden(&a).is_none());
        // No lift today: the run goes ahead.
        let mut no_lift = with(easy_after_upper(), Strategy::RunSeparateDay);
        no_lift.lift = None;
        let a = run(&no_lift);
        assert_eq!(a.verdict, Verdict::Go);
        assert!(message(&a, "experiment_run_separate_day").contains("the run goes ahead"));
    }

    #[test]
    fn run_first_after_lifting_moves_the_run_to_tomorrow_and_lift_first_lets_it_go() {
        let a = run(&with(easy_after_upper(), Strategy::RunFirst));
        assert_eq!(a.verdict, Verdict::Postpone);
        assert_ne!(a.now.modality, Modality::Run);
        assert!(message(&a, "experiment_run_first").contains("no run today"));
        let a = run(&with(easy_after_upper(), Strategy::LiftFirst));
        assert_eq!(a.verdict, Verdict::Go);
        assert_eq!(a.now.modality, Modality::Run);
        assert!(overridden(&a).is_none());
    }

    #[test]
    fn run_after_lift_answers_run_now() {
        let mut r = with(easy_after_upper(), Strategy::RunAfterLift);
        r.planned = PlannedInput {
            kind: PlannedKind::None,
            minutes: None,
        };
        let a = run(&r);
        assert_eq!(a.now.modality, Modality::Run);
        assert!(message(&a, "experiment_run_after_lift").contains("an easy run now"));
        assert!(overridden(&a).is_none());
    }

    #[test]
    fn the_post_lift_run_is_the_arms_length_within_the_caps() {
        let a = run(&with(easy_after_upper(), Strategy::PostLiftRun15));
        assert_eq!(a.now.modality, Modality::Run);
        assert_eq!((a.now.minutes.min, a.now.minutes.max), (15, 15));
        let mut r = with(easy_after_upper(), Strategy::PostLiftRun30);
        r.planned.minutes = Some(20.0);
        let a = run(&r);
        assert_eq!((a.now.minutes.min, a.now.minutes.max), (30, 30), "{a:#?}");
        assert!(overridden(&a).is_none());
        // Strength: at most 20 minutes after lifting — the arm is overridden, and the answer says why.
        let mut r = with(easy_after_upper(), Strategy::PostLiftRun30);
        r.athlete.goal = Goal::Strength;
        let a = run(&r);
        assert_eq!(a.now.minutes.max, 20);
        let o = overridden(&a).expect("overridden");
        assert!(
            o.contains("muscle_first_short_easy") && o.contains("deviation"),
            "{o}"
        );
    }

    #[test]
    fn cycle_after_legs_swaps_the_run_for_cycling_and_run_after_legs_runs_unless_legs_were_heavy() {
        let legs = request(
            Goal::General,
            Focus::Lower,
            LoadLevel::Moderate,
            PlannedKind::Easy,
            Some(30.0),
        );
        let a = run(&with(legs.clone(), Strategy::CycleAfterLegs));
        assert_eq!(a.now.modality, Modality::Cycle, "{a:#?}");
        assert!(message(&a, "experiment_cycle_after_legs").contains("cycling"));
        assert!(overridden(&a).is_none());
        let a = run(&with(legs.clone(), Strategy::RunAfterLegs));
        assert_eq!(a.now.modality, Modality::Run);
        assert_eq!(a.now.intensity, Intensity::VeryLow);
        assert!(overridden(&a).is_none());
        // Heavy legs: no running the rest of the day — the experiment is overridden and says so.
        let heavy = request(
            Goal::General,
            Focus::Lower,
            LoadLevel::Heavy,
            PlannedKind::Easy,
            Some(30.0),
        );
        let a = run(&with(heavy, Strategy::RunAfterLegs));
        assert_ne!(a.now.modality, Modality::Run);
        let o = overridden(&a).expect("overridden");
        assert!(o.contains("legs_non_impact"), "{o}");
        // An upper-body day: nothing applies.
        let a = run(&with(easy_after_upper(), Strategy::CycleAfterLegs));
        assert_eq!(a.now.modality, Modality::Run);
        assert!(message(&a, "experiment_cycle_after_legs").contains("does not apply"));
    }

    #[test]
    fn hiit_gaps_follow_the_arm_above_the_six_hours_and_below_the_36() {
        let mut r = request(
            Goal::General,
            Focus::Upper,
            LoadLevel::Heavy,
            PlannedKind::Intervals,
            Some(40.0),
        );
        r.now = Some(ts("2026-11-25T00:00:00Z")); // 7 h after the lift, 01:00 in Berlin
        // A day with no night, so that nothing is rebooked for the morning.
        r.athlete.wake_time = Some("00:00".parse().unwrap());
        r.athlete.sleep_time = Some("00:00".parse().unwrap());
        let at = |r: &AdviceRequest| advise(r, r.now.unwrap()).unwrap();
        let a = at(&r);
        assert_eq!(a.verdict, Verdict::Go, "{a:#?}");
        // 24 h: the intervals wait a day.
        let a = at(&with(r.clone(), Strategy::HiitGap24h));
        assert_eq!(a.verdict, Verdict::Postpone);
        assert!(a.later.as_ref().unwrap().hours_after_lift >= 24.0);
        assert!(message(&a, "experiment_hiit_gap_24h").contains("24 h"));
        // 6 h: they go now.
        let a = at(&with(r.clone(), Strategy::HiitGap6h));
        assert_eq!(a.verdict, Verdict::Go);
        assert!(overridden(&a).is_none());
        // 2 h after: from 6 h, still today.
        let mut soon = with(r.clone(), Strategy::HiitGap6h);
        soon.now = Some(ts("2026-11-24T19:00:00Z"));
        let a = at(&soon);
        assert_eq!(a.verdict, Verdict::Postpone);
        let h = a.later.as_ref().unwrap().hours_after_lift;
        assert!((6.0..8.0).contains(&h), "{h}");
        assert!(overridden(&a).is_none());
        // Heavy legs: 36 h whatever the arm — overridden, and said.
        let mut legs = soon.clone();
        legs.lift.as_mut().unwrap().focus = Some(Focus::Lower);
        let a = at(&legs);
        assert!(a.later.as_ref().unwrap().hours_after_lift >= 36.0);
        let o = overridden(&a).expect("overridden");
        assert!(o.contains("hiit_after_heavy_legs"), "{o}");
    }

    #[test]
    fn pain_illness_and_exhaustion_outrank_every_strategy_and_the_answer_says_so() {
        let flags: [(&str, ReadinessInput); 3] = [
            (
                "pain",
                ReadinessInput {
                    pain: Some(true),
                    ..Default::default()
                },
            ),
            (
                "illness",
                ReadinessInput {
                    illness: Some(true),
                    ..Default::default()
                },
            ),
            (
                "drained",
                ReadinessInput {
                    fatigue: Some(7),
                    ..Default::default()
                },
            ),
        ];
        for strategy in Strategy::ALL {
            for (code, readiness) in &flags {
                for planned in [PlannedKind::None, PlannedKind::Easy, PlannedKind::Intervals] {
                    let mut r = with(
                        request(Goal::General, Focus::Upper, LoadLevel::Heavy, planned, None),
                        strategy,
                    );
                    r.readiness = Some(*readiness);
                    let a = run(&r);
                    assert!(
                        matches!(a.now.modality, Modality::Rest | Modality::Mobility),
                        "{strategy:?} {code}: {:?}",
                        a.now.modality
                    );
                    assert!(matches!(a.verdict, Verdict::Skip), "{strategy:?} {code}");
                    let o = overridden(&a)
                        .unwrap_or_else(|| panic!("{strategy:?} {code}: {:?}", codes(&a)));
                    assert!(o.contains(code) && o.contains(strategy.short()), "{o}");
                    // The arm's own request is not said beside a stop.
                    assert!(
                        !codes(&a).contains(&strategy.rule_code()),
                        "{:?}",
                        codes(&a)
                    );
                }
            }
        }
    }

    #[test]
    fn a_strategy_never_asks_for_more_than_the_advice_without_it_except_the_arms_run_length() {
        for strategy in Strategy::ALL {
            for goal in Goal::ALL {
                for (focus, load) in [
                    (Focus::Upper, LoadLevel::Heavy),
                    (Focus::Lower, LoadLevel::Heavy),
                    (Focus::Lower, LoadLevel::Moderate),
                    (Focus::Full, LoadLevel::Light),
                ] {
                    for planned in [
                        PlannedKind::None,
                        PlannedKind::Easy,
                        PlannedKind::Tempo,
                        PlannedKind::Intervals,
                        PlannedKind::Long,
                    ] {
                        let base = request(goal, focus, load, planned, None);
                        let free = run(&base);
                        let a = run(&with(base, strategy));
                        if a.now.modality == Modality::Run {
                            assert_eq!(
                                free.now.modality,
                                Modality::Run,
                                "{strategy:?} {goal:?} {focus:?} {load:?} {planned:?}"
                            );
                            assert!(a.now.intensity <= free.now.intensity);
                            if strategy.post_lift_minutes().is_none() {
                                assert!(a.now.minutes.max <= free.now.minutes.max);
                            }
                        }
                        if let (Some(l), Some(f)) = (&a.later, &free.later) {
                            assert!(l.not_before.timestamp() >= f.not_before.timestamp());
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Observational tagging
// ---------------------------------------------------------------------------------------------

mod tagging {
    use super::*;

    fn athlete() -> Athlete {
        Athlete {
            age_years: 34.0,
            sex: Sex::Male,
            weight_kg: 80.0,
            resting_hr_bpm: Some(55.0),
            max_hr_bpm: Some(190.0),
            hrv_rmssd_ms: None,
            goal: Goal::General,
            concurrent_weeks: Some(30),
            injury_prone: false,
        }
    }

    fn at(day: i8, hour: i8, minute: i8) -> Timestamp {
        date(2026, 3, day)
            .at(hour, minute, 0, 0)
            .to_zoned(TimeZone::UTC)
            .unwrap()
            .timestamp()
    }

    fn sets(n: usize, reps: u32, kg: f64, rpe: f64) -> Vec<SetLog> {
        (0..n)
            .map(|_| SetLog::working(Some(reps), Some(kg), Some(rpe)))
            .collect()
    }

    fn lift(start: Timestamp, exercises: Vec<(&str, Vec<SetLog>)>) -> StrengthSession {
        StrengthSession {
            started_at: start,
            duration_s: Some(3600.0),
            title: None,
            rpe: None,
            source: "test".into(),
            exercises: exercises
                .into_iter()
                .map(|(name, sets)| ExerciseLog {
                    name: name.into(),
                    sets,
                })
                .collect(),
        }
    }

    fn heavy_legs(start: Timestamp) -> StrengthSession {
        lift(start, vec![("Squat (Barbell)", sets(5, 5, 140.0, 9.0))])
    }

    fn moderate_legs(start: Timestamp) -> StrengthSession {
        lift(
            start,
            vec![
                ("Leg Press", sets(3, 10, 120.0, 6.5)),
                ("Lunge (Dumbbell)", sets(3, 10, 20.0, 6.5)),
            ],
        )
    }

    fn heavy_upper(start: Timestamp) -> StrengthSession {
        lift(
            start,
            vec![("Bench Press (Barbell)", sets(5, 5, 100.0, 9.0))],
        )
    }

    fn light_upper(start: Timestamp) -> StrengthSession {
        lift(
            start,
            vec![("Bicep Curl (Dumbbell)", sets(3, 12, 10.0, 5.0))],
        )
    }

    fn cardio(sport: Sport, start: Timestamp, minutes: f64) -> Activity {
        Activity {
            sport,
            started_at: start,
            utc_offset_s: None,
            timer_s: minutes * 60.0,
            elapsed_s: minutes * 60.0,
            distance_m: None,
            avg_hr_bpm: None,
            max_hr_bpm: None,
            calories_kcal: None,
            rpe: None,
            source: "test".into(),
            samples: Vec::new(),
            laps: Vec::new(),
        }
    }

    fn easy(sport: Sport, start: Timestamp, minutes: f64) -> Activity {
        let mut a = cardio(sport, start, minutes);
        a.rpe = Some(3.0);
        a
    }

    /// Intervals from heart rate: `hard_min` minutes at 175 bpm (92 % of 190) among easy running.
    fn intervals(start: Timestamp, hard_min: u32) -> Activity {
        let mut a = cardio(Sport::Run, start, 40.0);
        a.samples = (0..2400u32)
            .map(|s| Sample {
                offset_s: s,
                hr_bpm: Some(if (600..600 + hard_min * 60).contains(&s) {
                    175
                } else {
                    140
                }),
                ..Default::default()
            })
            .collect();
        a
    }

    fn tags(
        comparison: Comparison,
        lifts: &[StrengthSession],
        activities: &[Activity],
        days: (i8, i8),
    ) -> Vec<DayTag> {
        let athlete = athlete();
        let aliases = Aliases::default();
        let log = TagLog {
            athlete: &athlete,
            time_zone: &TimeZone::UTC,
            aliases: &aliases,
            activities,
            lifts,
        };
        tag_days(
            comparison,
            &log,
            date(2026, 3, days.0),
            date(2026, 3, days.1),
        )
    }

    fn on(tags: &[DayTag], day: i8) -> &DayTag {
        tags.iter().find(|t| t.date == date(2026, 3, day)).unwrap()
    }

    fn is(t: &DayTag, observed: Observed, reason: &str) {
        assert_eq!(t.observed, observed, "{t:?}");
        assert!(t.reason.contains(reason), "{t:?}");
        assert_eq!(t.strategy.is_some(), observed.arm().is_some());
    }

    const A: Observed = Observed::Followed(Arm::A);
    const B: Observed = Observed::Followed(Arm::B);
    const NEITHER: Observed = Observed::Neither;
    const NA: Observed = Observed::NotApplicable;

    #[test]
    fn run_after_lift_or_on_a_separate_day() {
        let lifts = [
            light_upper(at(2, 17, 0)), // Mon: run 10 min after → A
            light_upper(at(3, 17, 0)), // Tue: no run; Wed run, no lift → B
            light_upper(at(5, 7, 0)),  // Thu: run 11 h later → neither
            light_upper(at(6, 17, 0)), // Fri: ran before → neither
            light_upper(at(7, 17, 0)), // Sat: no run that day or Sunday → neither
        ];
        let runs = [
            easy(Sport::Run, at(2, 18, 10), 20.0),
            easy(Sport::Run, at(4, 7, 0), 30.0),
            easy(Sport::Run, at(5, 19, 0), 30.0),
            easy(Sport::Run, at(6, 7, 0), 30.0),
        ];
        let t = tags(Comparison::RunAfterLiftOrSeparateDay, &lifts, &runs, (2, 8));
        is(on(&t, 2), A, "10 min after");
        assert_eq!(on(&t, 2).strategy, Some(Strategy::RunAfterLift));
        is(on(&t, 3), B, "ran the next day");
        assert_eq!(on(&t, 3).strategy, Some(Strategy::RunSeparateDay));
        is(on(&t, 4), NA, "no lift");
        is(on(&t, 5), NEITHER, "11.0 h after lifting");
        is(on(&t, 6), NEITHER, "before lifting");
        is(on(&t, 7), NEITHER, "no run the next day");
        // The next day's run after another lift is not a separate day.
        let lifts = [light_upper(at(2, 17, 0)), light_upper(at(3, 7, 0))];
        let runs = [easy(Sport::Run, at(3, 8, 30), 20.0)];
        let t = tags(Comparison::RunAfterLiftOrSeparateDay, &lifts, &runs, (2, 3));
        is(on(&t, 2), NEITHER, "lifting day too");
        is(on(&t, 3), A, "30 min after");
    }

    #[test]
    fn lift_first_or_run_first() {
        let lifts = [
            light_upper(at(2, 17, 0)),
            light_upper(at(3, 18, 0)),
            light_upper(at(4, 12, 0)),
            light_upper(at(5, 12, 0)),
        ];
        let runs = [
            easy(Sport::Run, at(2, 18, 30), 20.0),
            easy(Sport::Run, at(3, 7, 0), 30.0),
            easy(Sport::Run, at(4, 7, 0), 30.0),
            easy(Sport::Run, at(4, 19, 0), 30.0),
            easy(Sport::Cycle, at(5, 7, 0), 30.0),
        ];
        let t = tags(Comparison::LiftOrRunFirst, &lifts, &runs, (2, 6));
        is(on(&t, 2), A, "lifted first");
        is(on(&t, 3), B, "ran first");
        is(on(&t, 4), NEITHER, "both before and after");
        is(on(&t, 5), NA, "not a day with both");
        is(on(&t, 6), NA, "not a day with both");
    }

    #[test]
    fn cycle_or_run_after_legs() {
        let lifts = [
            moderate_legs(at(2, 17, 0)),
            heavy_legs(at(3, 17, 0)),
            moderate_legs(at(4, 17, 0)),
            moderate_legs(at(5, 17, 0)),
            light_upper(at(6, 17, 0)),
            lift(
                at(7, 17, 0),
                vec![("Frobnicator Deluxe", sets(5, 5, 50.0, 8.0))],
            ),
        ];
        let cardio = [
            easy(Sport::Cycle, at(2, 18, 15), 30.0),
            easy(Sport::Run, at(3, 18, 15), 20.0),
            easy(Sport::Elliptical, at(4, 18, 15), 20.0),
            easy(Sport::Run, at(4, 19, 0), 20.0),
            easy(Sport::Cycle, at(6, 18, 15), 30.0),
            easy(Sport::Cycle, at(7, 18, 15), 30.0),
        ];
        let t = tags(Comparison::CycleOrRunAfterLegs, &lifts, &cardio, (2, 8));
        is(on(&t, 2), A, "non-impact");
        is(on(&t, 3), B, "ran after the leg session");
        is(on(&t, 4), NEITHER, "both");
        is(on(&t, 5), NEITHER, "no cardio");
        is(on(&t, 6), NA, "no leg day");
        is(on(&t, 7), NA, "could not be read");
        is(on(&t, 8), NA, "no leg day");
    }

    #[test]
    fn fifteen_or_thirty_minutes_after_lifting() {
        let lifts = [
            light_upper(at(2, 17, 0)),
            light_upper(at(3, 17, 0)),
            light_upper(at(4, 17, 0)),
            light_upper(at(5, 7, 0)),
        ];
        let runs = [
            easy(Sport::Run, at(2, 18, 5), 14.0),
            easy(Sport::Run, at(3, 18, 5), 31.0),
            easy(Sport::Run, at(4, 18, 5), 60.0),
            easy(Sport::Run, at(5, 11, 0), 15.0),
        ];
        let t = tags(Comparison::PostLiftRun15Or30, &lifts, &runs, (2, 6));
        is(on(&t, 2), A, "14 min");
        is(on(&t, 3), B, "31 min");
        is(on(&t, 4), NEITHER, "neither about 15 nor about 30");
        is(on(&t, 5), NA, "no run straight after");
        is(on(&t, 6), NA, "no lift");
    }

    #[test]
    fn hiit_6_or_24_hours_after_heavy_lifting_when_the_log_can_tell() {
        let lifts = [
            heavy_upper(at(2, 7, 0)),  // intervals 9 h later (HR samples) → A
            heavy_upper(at(9, 7, 0)), // a tempo-ish run (HR, not HIIT), then HIIT by RPE 30 h later → B
            heavy_upper(at(12, 7, 0)), // HIIT 3 h later → neither
            heavy_legs(at(16, 7, 0)), // heavy legs → not applicable
            heavy_upper(at(19, 7, 0)), // a run without HR or RPE first → cannot tell
            light_upper(at(23, 7, 0)), // not heavy
            heavy_upper(at(26, 7, 0)), // nothing hard after it
        ];
        let mut hiit_rpe = cardio(Sport::Run, at(10, 14, 0), 35.0);
        hiit_rpe.rpe = Some(8.0);
        let activities = [
            intervals(at(2, 17, 0), 12),
            intervals(at(9, 17, 0), 2),
            hiit_rpe,
            intervals(at(12, 11, 0), 8),
            intervals(at(17, 17, 0), 10),
            cardio(Sport::Run, at(19, 17, 0), 30.0),
            intervals(at(20, 17, 0), 10),
            intervals(at(23, 17, 0), 10),
            easy(Sport::Run, at(26, 17, 0), 30.0),
        ];
        let t = tags(Comparison::HiitGap6hOr24h, &lifts, &activities, (2, 27));
        is(on(&t, 2), A, "9.0 h after");
        assert!(on(&t, 2).reason.contains("min at ≥"), "{:?}", on(&t, 2));
        is(on(&t, 9), B, "30.0 h after");
        assert!(on(&t, 9).reason.contains("RPE 8"));
        is(on(&t, 12), NEITHER, "sooner than either arm");
        is(on(&t, 16), NA, "heavy legs");
        is(on(&t, 19), NA, "cannot tell");
        is(on(&t, 23), NA, "no heavy lift");
        is(on(&t, 26), NA, "no HIIT in the 48 h");
        is(on(&t, 3), NA, "no heavy lift");
    }

    #[test]
    fn local_dates_follow_the_athletes_time_zone() {
        // 23:10 UTC on Monday is 00:10 on Tuesday in Berlin: the lift (Monday in UTC) and the run after it
        // (Tuesday in UTC) are both Tuesday there.
        let lifts = [light_upper(at(2, 23, 10))];
        let runs = [easy(Sport::Run, at(3, 0, 30), 20.0)];
        let athlete = athlete();
        let aliases = Aliases::default();
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let log = TagLog {
            athlete: &athlete,
            time_zone: &berlin,
            aliases: &aliases,
            activities: &runs,
            lifts: &lifts,
        };
        let t = tag_days(
            Comparison::RunAfterLiftOrSeparateDay,
            &log,
            date(2026, 3, 2),
            date(2026, 3, 3),
        );
        is(on(&t, 2), NA, "no lift");
        is(on(&t, 3), A, "after the lift");
    }

    #[test]
    fn weeks_and_adherence() {
        // Week 1 (2–8 March): three days straight after lifting, one on a separate day.
        // Week 2 (9–15 March): separate days.
        let mut lifts = Vec::new();
        let mut runs = Vec::new();
        for d in [2, 3, 4] {
            lifts.push(light_upper(at(d, 17, 0)));
            runs.push(easy(Sport::Run, at(d, 18, 10), 20.0));
        }
        lifts.push(light_upper(at(6, 17, 0)));
        runs.push(easy(Sport::Run, at(7, 9, 0), 30.0));
        for d in [9, 11, 13] {
            lifts.push(light_upper(at(d, 17, 0)));
            runs.push(easy(Sport::Run, at(d + 1, 9, 0), 30.0));
        }
        let t = tags(
            Comparison::RunAfterLiftOrSeparateDay,
            &lifts,
            &runs,
            (2, 15),
        );
        let weeks = tag_weeks(Comparison::RunAfterLiftOrSeparateDay, &t);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].week_start, date(2026, 3, 2));
        assert_eq!((weeks[0].followed_a, weeks[0].followed_b), (3, 1));
        assert_eq!(weeks[0].observed, A);
        assert_eq!(weeks[0].strategy, Some(Strategy::RunAfterLift));
        assert_eq!(weeks[1].observed, B);
        assert_eq!(weeks[1].followed_b, 3);
        // Scheduled: A the first week, B the second.
        let schedule = |d: Date| Some(if d < date(2026, 3, 9) { Arm::A } else { Arm::B });
        let a = adherence(&t, schedule);
        assert_eq!((a.applicable, a.followed), (7, 6));
        assert_eq!(a.deviations.len(), 1);
        assert_eq!(a.deviations[0].date, date(2026, 3, 6));
        assert_eq!(a.deviations[0].scheduled, Arm::A);
        assert_eq!(a.deviations[0].observed, B);
        assert!((a.share.unwrap() - 6.0 / 7.0).abs() < 1e-9);
        // For the analysis: the days that followed an arm, and adherence as a daily series.
        let followed = followed_arms(&t);
        assert_eq!(followed.len(), 7);
        assert!(followed.contains(&(date(2026, 3, 6), Arm::B)));
        let daily = daily_adherence(&t, schedule);
        assert_eq!(daily.len(), 7);
        assert_eq!(daily.iter().filter(|(_, x)| *x == 1.0).count(), 6);
        assert!(daily.contains(&(date(2026, 3, 6), 0.0)));
        // No schedule: nothing to adhere to.
        let none = adherence(&t, |_| None);
        assert_eq!(none.applicable, 0);
        assert!(none.share.is_none());
        // JSON shape.
        let json = serde_json::to_value(&t[0]).unwrap();
        assert_eq!(json["observed"]["status"], "followed");
        assert_eq!(json["observed"]["arm"], "a");
        assert_eq!(json["strategy"], "run_after_lift");
    }

    #[test]
    fn a_mixed_week_is_neither_and_an_empty_one_not_applicable() {
        let lifts = [light_upper(at(2, 17, 0)), light_upper(at(4, 17, 0))];
        let runs = [
            easy(Sport::Run, at(2, 18, 10), 20.0),
            easy(Sport::Run, at(5, 9, 0), 20.0),
        ];
        let t = tags(
            Comparison::RunAfterLiftOrSeparateDay,
            &lifts,
            &runs,
            (2, 15),
        );
        let weeks = tag_weeks(Comparison::RunAfterLiftOrSeparateDay, &t);
        assert_eq!(weeks[0].observed, NEITHER, "{:?}", weeks[0]);
        assert!(weeks[0].reason.contains("1 day(s) followed A"));
        assert_eq!(weeks[1].observed, NA);
        let _ = SignedDuration::ZERO;
    }
}

// ---------------------------------------------------------------------------------------------
// Generated weeks: the hard rules, the strategy's own rules, and one voice with the advisor
// ---------------------------------------------------------------------------------------------

mod generated {
    use super::*;
    use afterlift_core::contract::SessionStatus;
    use afterlift_core::plan::slot_start;
    use proptest::prelude::{ProptestConfig, TestCaseError, prop_assert, prop_assert_eq, proptest};

    fn start_of(day: &PlanDay, slot: Slot) -> Timestamp {
        day.date
            .to_datetime(slot_start(slot))
            .to_zoned(TimeZone::UTC)
            .unwrap()
            .timestamp()
    }

    fn planned_kind(kind: SessionKind) -> Option<PlannedKind> {
        match kind {
            SessionKind::Easy => Some(PlannedKind::Easy),
            SessionKind::Long => Some(PlannedKind::Long),
            SessionKind::Tempo => Some(PlannedKind::Tempo),
            SessionKind::Intervals => Some(PlannedKind::Intervals),
            _ => None,
        }
    }

    /// The strategy's own hard rule, checked on the plan as rendered.
    fn strategy_holds(strategy: Strategy, plan: &WeekPlan) -> Result<(), String> {
        for day in &plan.days {
            let lift = day
                .sessions
                .iter()
                .position(|s| s.kind == SessionKind::Lift);
            let planned = |s: &PlannedSession| s.status != SessionStatus::Done;
            let Some(l) = lift else { continue };
            let legs = day.sessions[l].focus != Some(Focus::Upper);
            let after = &day.sessions[l + 1..];
            let before = &day.sessions[..l];
            let broken = match strategy {
                Strategy::RunSeparateDay => {
                    day.sessions.iter().any(|s| s.kind.is_run() && planned(s))
                }
                Strategy::LiftFirst => before.iter().any(|s| s.kind.is_run() && planned(s)),
                Strategy::RunFirst => after.iter().any(|s| s.kind.is_run() && planned(s)),
                Strategy::CycleAfterLegs => {
                    legs && after.iter().any(|s| s.kind.is_run() && planned(s))
                }
                Strategy::RunAfterLegs => {
                    legs && after
                        .iter()
                        .any(|s| s.kind == SessionKind::Cross && planned(s))
                }
                _ => false,
            };
            if broken {
                return Err(format!("{strategy:?} broken on {}", day.date));
            }
        }
        if strategy == Strategy::HiitGap24h {
            let mut heavy: Vec<Timestamp> = Vec::new();
            for day in &plan.days {
                for s in &day.sessions {
                    let start = start_of(day, s.slot);
                    if s.kind == SessionKind::Lift && s.load == Some(LoadLevel::Heavy) {
                        heavy.push(start.checked_add(SignedDuration::from_hours(1)).unwrap());
                    }
                    if s.kind == SessionKind::Intervals && s.status != SessionStatus::Done {
                        for end in &heavy {
                            let h = start.duration_since(*end).as_secs_f64() / 3600.0;
                            if h < 24.0 {
                                return Err(format!(
                                    "intervals {h} h after heavy lifting on {}",
                                    day.date
                                ));
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn re_plans_with_any_strategy_keep_the_hard_rules_and_the_strategy(
            req in plan_support::request(),
            k in 0usize..Strategy::ALL.len(),
            today in 0i64..7,
            evening in proptest::bool::ANY,
            readiness in proptest::sample::select(vec![
                afterlift_core::contract::ReadinessLevel::Green,
                afterlift_core::contract::ReadinessLevel::Amber,
                afterlift_core::contract::ReadinessLevel::Red,
            ]),
        ) {
            let strategy = Strategy::ALL[k];
            let mut req = req;
            req.strategy = Some(strategy);
            let plan = plan_week(&req);
            // Everything planned before now was done as planned.
            let mut done = Vec::new();
            for (d, day) in plan.days.iter().enumerate() {
                for s in &day.sessions {
                    let past = (d as i64, s.slot == Slot::Evening) < (today, evening);
                    let training = !matches!(s.kind, SessionKind::Rest | SessionKind::Mobility);
                    if past && training {
                        done.push(afterlift_core::contract::DoneSession {
                            date: day.date,
                            slot: s.slot,
                            kind: s.kind,
                            focus: s.focus,
                            load: s.load,
                            minutes: Some(s.minutes),
                        });
                    }
                }
            }
            let today_date = req.start.checked_add(jiff::Span::new().days(today)).unwrap();
            let adapted = adapt_week(&afterlift_core::contract::AdaptRequest {
                week: req.clone(),
                today: today_date,
                next_slot: Some(if evening { Slot::Evening } else { Slot::Morning }),
                readiness,
                done,
                previous: Some(plan.clone()),
            });
            let all = plan_support::sessions(&req, &adapted, &[]);
            let now = plan_support::Now { day: today as i32, evening, readiness };
            if let Some(v) = plan_support::violation(&req, &all, Some(now)) {
                return Err(TestCaseError::fail(format!("{v}\n{}", plan_support::show(&req, &adapted))));
            }
            if let Err(e) = strategy_holds(strategy, &adapted) {
                return Err(TestCaseError::fail(format!("{e}\n{}", plan_support::show(&req, &adapted))));
            }
            let e = adapted.experiment.as_ref().unwrap();
            if readiness == afterlift_core::contract::ReadinessLevel::Red {
                prop_assert!(e.exceptions.iter().any(|x| x.contains("paused today")), "{:?}", e.exceptions);
            }
        }

        #[test]
        fn with_any_strategy_the_hard_rules_hold_and_the_advisor_agrees(
            req in plan_support::request(),
            k in 0usize..Strategy::ALL.len(),
        ) {
            let strategy = Strategy::ALL[k];
            let mut req = req;
            req.strategy = Some(strategy);
            let plan = plan_week(&req);
            let all = plan_support::sessions(&req, &plan, &[]);
            if let Some(v) = plan_support::violation(&req, &all, None) {
                return Err(TestCaseError::fail(format!("{v}\n{}", plan_support::show(&req, &plan))));
            }
            if let Err(e) = strategy_holds(strategy, &plan) {
                return Err(TestCaseError::fail(format!("{e}\n{}", plan_support::show(&req, &plan))));
            }
            prop_assert!(plan.experiment.is_some());
            for day in &plan.days {
                for s in &day.sessions {
                    if matches!(s.kind, SessionKind::Rest | SessionKind::Mobility | SessionKind::Event) {
                        continue;
                    }
                    prop_assert!(s.why.contains(&format!("Experiment: {}", strategy.short())), "{}", s.why);
                }
            }
            for u in &plan.unmet {
                prop_assert!(u.blocked_by.contains(&u.rule));
            }
            // One voice: the advisor, with the same strategy, lets every planned run go ahead.
            let mut lifts = Vec::new();
            for day in &plan.days {
                for (k, s) in day.sessions.iter().enumerate() {
                    if s.kind == SessionKind::Lift {
                        lifts.push((s, start_of(day, s.slot), k));
                    }
                }
            }
            for day in &plan.days {
                for (k, run) in day.sessions.iter().enumerate() {
                    let Some(kind) = planned_kind(run.kind) else { continue };
                    let start = start_of(day, run.slot);
                    let before: Vec<_> = lifts
                        .iter()
                        .filter(|(_, at, order)| {
                            let earlier = *at < start || (*at == start && *order < k);
                            earlier && start.duration_since(*at).as_hours() < 48
                        })
                        .collect();
                    let asks: Vec<Option<LiftInput>> = if before.is_empty() {
                        vec![None]
                    } else {
                        before
                            .iter()
                            .map(|(lift, at, _)| {
                                let ended_at = if *at == start {
                                    start
                                } else {
                                    at.checked_add(SignedDuration::from_hours(1)).unwrap()
                                };
                                Some(LiftInput {
                                    ended_at: Some(ended_at),
                                    minutes: Some(60.0),
                                    focus: lift.focus,
                                    load: lift.load,
                                    ..Default::default()
                                })
                            })
                            .collect()
                    };
                    for lift in asks {
                        let request = AdviceRequest {
                            athlete: AthleteInput {
                                age: 34.0,
                                sex: Sex::Female,
                                weight_kg: 62.0,
                                resting_hr: Some(55.0),
                                max_hr: None,
                                hrv_rmssd_ms: None,
                                goal: req.goal,
                                concurrent_weeks: Some(req.concurrent_weeks.unwrap_or(26)),
                                injury_prone: None,
                                time_zone: None,
                                wake_time: None,
                                sleep_time: None,
                                race: None,
                            },
                            lift: lift.clone(),
                            planned: PlannedInput { kind, minutes: Some(f64::from(run.minutes)) },
                            readiness: None,
                            now: Some(start),
                            strategy: Some(strategy),
                        };
                        let answer = advise(&request, start).unwrap();
                        let context = || format!(
                            "{strategy:?}: planned {run:?} on {} after {lift:?}\nadvice: {answer:#?}\n{}",
                            day.date,
                            plan_support::show(&req, &plan)
                        );
                        prop_assert!(matches!(answer.verdict, Verdict::Go | Verdict::Modify), "{}", context());
                        prop_assert_eq!(answer.now.modality, Modality::Run, "{}", context());
                        prop_assert!(answer.now.intensity >= run.intensity, "{}", context());
                        prop_assert!(answer.now.minutes.max >= run.minutes, "{}", context());
                        // Where the advisor cannot follow the experiment, the plan has said so too.
                        if answer.reasons.iter().any(|r| r.code == "experiment_overridden") {
                            prop_assert!(
                                !plan.experiment.as_ref().unwrap().exceptions.is_empty(),
                                "{}", context()
                            );
                        }
                    }
                }
            }
        }
    }
}
