//! The planner's tempo and interval sessions carry the same Daniels structure as the advisor's: warm-up,
//! repetitions and cool-down filling the session's minutes, with paces from the request's race, and the
//! calendar says it.

use afterlift_core::Athlete;
use afterlift_core::Goal;
use afterlift_core::contract::{
    PlannedKind, PlannedSession, RaceResult, RunKind, RunRequest, SessionKind, WeekPlan,
    WeekRequest,
};
use afterlift_core::plan::{ics, plan_week};
use jiff::civil::date;
use jiff::tz::TimeZone;

/// Named after the file, so that `cargo test -p afterlift-core plan` runs these.
mod plan_structure {
    use super::*;

    fn request(race: Option<RaceResult>) -> WeekRequest {
        WeekRequest {
            goal: Goal::Endurance,
            start: date(2026, 11, 30),
            available: None,
            lifts: Vec::new(),
            runs: vec![
                RunRequest {
                    kind: RunKind::Easy,
                    count: 3,
                    minutes: Some(40),
                },
                RunRequest {
                    kind: RunKind::Long,
                    count: 1,
                    minutes: Some(90),
                },
                RunRequest {
                    kind: RunKind::Tempo,
                    count: 1,
                    minutes: Some(50),
                },
                RunRequest {
                    kind: RunKind::Intervals,
                    count: 1,
                    minutes: None,
                },
            ],
            cross: 0,
            events: Vec::new(),
            beginner: None,
            concurrent_weeks: Some(30),
            post_lift_run_minutes: None,
            race,
            previous_week_readiness: None,
            strategy: None,
        }
    }

    fn sessions(plan: &WeekPlan) -> impl Iterator<Item = &PlannedSession> {
        plan.days.iter().flat_map(|d| &d.sessions)
    }

    fn find(plan: &WeekPlan, kind: SessionKind) -> &PlannedSession {
        sessions(plan).find(|s| s.kind == kind).unwrap()
    }

    #[test]
    fn hard_sessions_are_structured_to_fill_their_minutes() {
        let plan = plan_week(&request(None));
        for s in sessions(&plan) {
            assert_eq!(
                s.structure.is_some(),
                matches!(s.kind, SessionKind::Tempo | SessionKind::Intervals),
                "{s:?}"
            );
            if let Some(st) = &s.structure {
                assert_eq!(st.total_minutes, s.minutes);
                assert!(st.paces.is_none() && st.blocks[0].work.pace_s_per_km.is_none());
            }
        }
        // Default 40-min intervals: 10 min warm-up, 3 × 4 min with 4 min jog, 10 min cool-down.
        let i = find(&plan, SessionKind::Intervals)
            .structure
            .as_ref()
            .unwrap();
        assert_eq!(i.kind, PlannedKind::Intervals);
        assert_eq!(
            (
                i.warm_up.minutes,
                i.blocks[0].reps,
                i.blocks[0].work.minutes
            ),
            (10.0, 3, 4.0)
        );
        // 50-min tempo: 10 + 30 + 10. Five 5-min cruise intervals would fit, but Daniels' 10 % of a 300-min
        // week (≈ 24 min of T running) allows four — no more than one steady 20-min run, which wins ties.
        let t = find(&plan, SessionKind::Tempo).structure.as_ref().unwrap();
        assert_eq!((t.blocks[0].reps, t.blocks[0].work.minutes), (1, 20.0));
        assert_eq!((t.warm_up.minutes, t.cool_down.minutes), (15.0, 15.0));
    }

    #[test]
    fn a_race_gives_paces_and_the_week_caps_the_work() {
        let race = RaceResult {
            distance_m: 5000.0,
            time_s: 19.0 * 60.0 + 57.0,
            date: Some(date(2026, 11, 1)),
        };
        let plan = plan_week(&request(Some(race)));
        let i = find(&plan, SessionKind::Intervals)
            .structure
            .as_ref()
            .unwrap();
        let p = i.paces.unwrap();
        // Daniels' Table 5.1: 5 km in 19:57 is VDOT 50; I pace 3:55 /km (Table 5.2).
        assert!((p.vdot - 50.0).abs() < 0.1 && !p.stale && p.age_days == Some(29));
        let pace = i.blocks[0].work.pace_s_per_km.unwrap();
        assert!(pace.min < 235 && 235 < pace.max, "{pace:?}");
        // The week: 3 × 40 + 90 + 50 + 40 = 300 min; 8 % of its ≈ 55 km (at E pace) is 4.4 km ≈ 17 min of
        // I running, so the 12 min here fit; T ≤ 10 %.
        let week_min = 300.0;
        assert!(i.work_minutes <= 0.08 * week_min * 235.0 / 317.0 + 1e-9);
        let t = find(&plan, SessionKind::Tempo).structure.as_ref().unwrap();
        assert!(
            t.work_minutes <= 0.10 * week_min * 255.0 / 317.0 + 1e-9,
            "{}",
            t.work_minutes
        );
    }

    #[test]
    fn the_calendar_describes_the_structure_with_the_athletes_heart_rates() {
        let plan = plan_week(&request(None));
        let athlete = Athlete::example();
        let i = find(&plan, SessionKind::Intervals);
        let text = ics::prescription(&athlete, i);
        assert!(
            text.starts_with("40 min intervals: 10 min warm-up easy (HR 110–133) · 3 × 4 min hard (HR 159–178) with 4 min jog · 10 min cool-down easy (HR 110–133) (≈ 40 min). Work at heart rate 159–178 bpm, effort 7–9 of 10"),
            "{text}"
        );
        let cal = ics::to_ics(
            &plan,
            &TimeZone::UTC,
            "2026-11-29T12:00:00Z".parse().unwrap(),
            |s| ics::prescription(&athlete, s),
        );
        let unfolded = cal.replace("\r\n ", "");
        assert!(unfolded.contains("3 × 4 min hard (HR 159–178) with 4 min jog"));
    }
}
