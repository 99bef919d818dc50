//! Without a strategy the planner and the advisor answer exactly as before the experiments came: the
//! answers to a few requests, written by the release before `strategy` existed (`tests/no_strategy/`), are
//! compared byte for byte. To write them again after a deliberate change to the advice or the plans:
//! `cargo test -p afterlift-core --test no_strategy_unchanged -- --ignored bless`.

use afterlift_core::advice::advise;
use afterlift_core::contract::{AdaptRequest, AdviceRequest, WeekRequest};
use afterlift_core::plan::{adapt_week, plan_week};
use jiff::Timestamp;

const FOUR_DAYS: &str = r#"[
    {"weekday": "monday", "slots": ["morning", "evening"]},
    {"weekday": "tuesday", "slots": ["morning", "evening"]},
    {"weekday": "thursday", "slots": ["morning", "evening"]},
    {"weekday": "friday", "slots": ["morning", "evening"]}]"#;

fn weeks() -> Vec<(&'static str, String)> {
    vec![
        (
            "week_strength_four_days",
            format!(
                r#"{{"goal": "strength", "start": "2026-03-02", "available": {FOUR_DAYS},
                "lifts": [{{"focus": "upper", "load": "heavy", "count": 2}}, {{"focus": "lower", "load": "heavy", "count": 2}}],
                "runs": [{{"kind": "easy", "count": 3}}]}}"#
            ),
        ),
        (
            "week_endurance_race",
            r#"{"goal": "endurance", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "heavy"}, {"focus": "full", "load": "moderate"}],
            "runs": [{"kind": "easy", "count": 3}, {"kind": "intervals"}, {"kind": "tempo"}, {"kind": "long"}],
            "events": [{"date": "2026-03-08", "slot": "morning", "kind": "race", "name": "10K"}],
            "race": {"distance_m": 10000, "time_s": 2700}}"#
                .into(),
        ),
        (
            "week_general_deload_red",
            r#"{"goal": "general", "start": "2026-03-02", "previous_week_readiness": "red",
            "lifts": [{"focus": "full", "load": "heavy", "count": 2}, {"focus": "upper", "load": "moderate"}],
            "runs": [{"kind": "easy", "count": 2}, {"kind": "intervals"}], "cross": 1}"#
                .into(),
        ),
        (
            "week_beginner_fat_loss",
            r#"{"goal": "fat_loss", "start": "2026-03-02", "concurrent_weeks": 1, "post_lift_run_minutes": 12,
            "lifts": [{"focus": "lower", "load": "moderate", "count": 2}, {"focus": "upper", "load": "light"}],
            "runs": [{"kind": "easy", "count": 3}, {"kind": "long"}, {"kind": "tempo"}], "cross": 2}"#
                .into(),
        ),
    ]
}

fn adapts() -> Vec<(&'static str, String)> {
    vec![(
        "adapt_amber_with_done",
        r#"{"week": {"goal": "hypertrophy", "start": "2026-03-02",
            "lifts": [{"focus": "lower", "load": "heavy"}, {"focus": "upper", "load": "heavy", "count": 2}],
            "runs": [{"kind": "easy", "count": 2}, {"kind": "intervals"}], "cross": 1},
          "today": "2026-03-04", "next_slot": "evening", "readiness": "amber",
          "done": [{"date": "2026-03-02", "slot": "morning", "kind": "lift", "focus": "lower", "load": "heavy"},
                   {"date": "2026-03-03", "slot": "evening", "kind": "intervals", "minutes": 35},
                   {"date": "2026-03-04", "slot": "morning", "kind": "easy", "minutes": 20}]}"#
            .into(),
    )]
}

fn advice() -> Vec<(&'static str, String)> {
    let athlete = |goal: &str| {
        format!(
            r#"{{"age": 34, "sex": "male", "weight_kg": 75, "resting_hr": 58, "hrv_rmssd_ms": 60, "goal": "{goal}",
            "concurrent_weeks": 20, "time_zone": "Europe/Berlin"}}"#
        )
    };
    vec![
        (
            "advice_heavy_legs_easy",
            format!(
                r#"{{"athlete": {}, "lift": {{"ended_at": "2026-11-24T17:00:00Z", "minutes": 70, "focus": "lower", "load": "heavy"}},
                "planned": {{"kind": "easy", "minutes": 30}}, "now": "2026-11-24T17:15:00Z"}}"#,
                athlete("general")
            ),
        ),
        (
            "advice_strength_intervals_soon",
            format!(
                r#"{{"athlete": {}, "lift": {{"ended_at": "2026-11-24T15:00:00Z", "focus": "upper", "load": "heavy"}},
                "planned": {{"kind": "intervals", "minutes": 40}}, "now": "2026-11-24T17:00:00Z"}}"#,
                athlete("strength")
            ),
        ),
        (
            "advice_endurance_sets_readiness",
            format!(
                r#"{{"athlete": {}, "lift": {{"ended_at": "2026-11-24T07:30:00Z",
                "exercises": [{{"name": "Squat (Barbell)", "sets": [{{"reps": 5, "kg": 120, "rpe": 8}}, {{"reps": 5, "kg": 120, "rpe": 8.5}}]}},
                              {{"name": "Bench Press (Barbell)", "sets": [{{"reps": 8, "kg": 80}}]}}]}},
                "planned": {{"kind": "tempo"}}, "readiness": {{"soreness": 5, "sleep_hours": 6, "resting_hr": 64, "hrv_rmssd_ms": 48}},
                "now": "2026-11-24T16:00:00Z"}}"#,
                athlete("endurance")
            ),
        ),
        (
            "advice_pain",
            format!(
                r#"{{"athlete": {}, "lift": {{"focus": "full", "load": "moderate"}}, "planned": {{"kind": "long"}},
                "readiness": {{"pain": true}}, "now": "2026-11-24T17:00:00Z"}}"#,
                athlete("hypertrophy")
            ),
        ),
        (
            "advice_fat_loss_nothing_planned",
            format!(
                r#"{{"athlete": {}, "lift": {{"ended_at": "2026-11-24T18:00:00Z", "rpe": 6, "minutes": 45}},
                "planned": {{"kind": "none"}}, "now": "2026-11-24T18:05:00Z"}}"#,
                athlete("fat_loss")
            ),
        ),
    ]
}

fn clock() -> Timestamp {
    "2026-11-24T17:00:00Z".parse().unwrap()
}

/// Every case's answer as pretty JSON.
fn answers() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for (name, json) in weeks() {
        let r: WeekRequest = serde_json::from_str(&json).unwrap();
        out.push((name, serde_json::to_string_pretty(&plan_week(&r)).unwrap()));
    }
    for (name, json) in adapts() {
        let r: AdaptRequest = serde_json::from_str(&json).unwrap();
        out.push((name, serde_json::to_string_pretty(&adapt_week(&r)).unwrap()));
    }
    for (name, json) in advice() {
        let r: AdviceRequest = serde_json::from_str(&json).unwrap();
        out.push((
            name,
            serde_json::to_string_pretty(&advise(&r, clock()).unwrap()).unwrap(),
        ));
    }
    out
}

fn expected(name: &str) -> &'static str {
    match name {
        "week_strength_four_days" => include_str!("no_strategy/week_strength_four_days.json"),
        "week_endurance_race" => include_str!("no_strategy/week_endurance_race.json"),
        "week_general_deload_red" => include_str!("no_strategy/week_general_deload_red.json"),
        "week_beginner_fat_loss" => include_str!("no_strategy/week_beginner_fat_loss.json"),
        "adapt_amber_with_done" => include_str!("no_strategy/adapt_amber_with_done.json"),
        "advice_heavy_legs_easy" => include_str!("no_strategy/advice_heavy_legs_easy.json"),
        "advice_strength_intervals_soon" => {
            include_str!("no_strategy/advice_strength_intervals_soon.json")
        }
        "advice_endurance_sets_readiness" => {
            include_str!("no_strategy/advice_endurance_sets_readiness.json")
        }
        "advice_pain" => include_str!("no_strategy/advice_pain.json"),
        "advice_fat_loss_nothing_planned" => {
            include_str!("no_strategy/advice_fat_loss_nothing_planned.json")
        }
        other => panic!("no expected answer for {other}"),
    }
}

#[test]
fn without_a_strategy_plans_and_advice_are_as_before() {
    for (name, got) in answers() {
        assert_eq!(got.trim_end(), expected(name).trim_end(), "{name} changed");
    }
}

/// Writes the expected answers (see the module documentation).
#[test]
#[ignore = "writes tests/no_strategy/: run by hand after a deliberate change"]
#[allow(clippy::disallowed_methods)] // a test writing its own fixtures
fn bless() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/no_strategy");
    for (name, got) in answers() {
        std::fs::write(format!("{dir}/{name}.json"), format!("{got}\n")).unwrap();
    }
}
