//! Property tests: the weekly planner over many generated weeks (random goals, availability, session counts,
//! events, beginners). The plan is checked by `plan_support`'s checker, written from the rules as specified
//! — the source text's hours and the advisor's constants — not from the planner's code:
//! - no hard rule is ever broken (tempo/intervals/competitions 6, 8 or 24 h after lifting and never in a
//!   heavy lift's slot; not the day after heavy legs for strength/hypertrophy; a rest day; no consecutive
//!   hard running for beginners; nothing hard and no leg lifting on or the day before a competition, and
//!   no long run or heavy leg lifting in the 2–3 days before it (the taper);
//!   availability and slot capacity);
//! - every requested session is either placed or listed unmet — with a rule, and truly unplaceable: adding
//!   it anywhere in the week would break a rule;
//! - every session has a reason; the same request gives the same plan.

mod plan_support;

use afterlift_core::Goal;
use afterlift_core::contract::{
    Focus, LiftRequest, LoadLevel, RunKind, RunRequest, SessionKind, WeekRequest,
};
use afterlift_core::plan::plan_week;
use jiff::civil::{Date, date};
use plan_support::{check_accounting, check_plan, focus, goal, load, request, run_kind};
use proptest::prelude::*;

/// Named after the file, so that `cargo test -p afterlift-core plan` runs these.
mod plan_properties {
    use super::*;

    fn check(req: &WeekRequest) -> Result<(), TestCaseError> {
        let plan = plan_week(req);
        prop_assert_eq!(plan.days.len(), 7);
        check_plan(req, &plan, &[], None)?;
        check_accounting(req, &plan)?;
        // Deterministic.
        let again = plan_week(req);
        prop_assert_eq!(
            serde_json::to_string(&plan).unwrap(),
            serde_json::to_string(&again).unwrap()
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

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
                race: None,
                previous_week_readiness: None,
                strategy: None,
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
            race: None,
            previous_week_readiness: None,
            strategy: None,
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
}
