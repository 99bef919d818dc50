//! The post-lift run's progression: 10 → 15 → 20 … minutes for a new athlete when runs feel as intended;
//! amber holds, red steps back, runs that felt too hard hold or step back; the goal's ceiling; weekly
//! running never planned to grow more than 30 % over two weeks; no panic on any input.

use afterlift_core::advice::rules::{FIRST_RUNS_MINUTES, LISS_MINUTES, MUSCLE_FIRST_MAX_MINUTES};
use afterlift_core::contract::{
    Modality, PostLiftRun, ProgressionDecision, ProgressionRequest, ProgressionResponse,
    ProgressionStage, ReadinessLevel,
};
use afterlift_core::plan::progression::{
    TWO_WEEK_GROWTH_MAX, WEEKLY_FLOOR_MINUTES, WEEKLY_GROWTH_MAX, progression, weekly_plan,
};
use afterlift_core::{Athlete, Goal};
use jiff::Span;
use jiff::civil::{Date, date};
use proptest::prelude::*;

/// Named after the file, so that `cargo test -p afterlift-core plan` runs these.
mod plan_progression {
    use super::*;

    fn today() -> Date {
        date(2026, 3, 2)
    }

    fn new_athlete(goal: Goal) -> Athlete {
        Athlete {
            goal,
            concurrent_weeks: Some(0),
            ..Athlete::example()
        }
    }

    fn run(days_ago: i64, minutes: u32, rpe: f64) -> PostLiftRun {
        PostLiftRun {
            date: today().checked_sub(Span::new().days(days_ago)).unwrap(),
            minutes,
            rpe: Some(rpe),
            intended_rpe: Some(3.0),
        }
    }

    fn ask(
        athlete: &Athlete,
        readiness: ReadinessLevel,
        runs: Vec<PostLiftRun>,
    ) -> ProgressionResponse {
        progression(
            athlete,
            &ProgressionRequest {
                today: today(),
                readiness,
                recent_runs: runs,
                weekly_minutes: vec![60, 65],
                weekly_readiness: vec![],
            },
        )
    }

    fn minutes(r: &ProgressionResponse) -> Vec<u32> {
        r.next_sessions.iter().map(|s| s.minutes).collect()
    }

    #[test]
    fn a_new_athlete_starts_at_ten_minutes_and_builds_in_steps() {
        let athlete = new_athlete(Goal::General);
        let first = ask(&athlete, ReadinessLevel::Green, vec![]);
        assert_eq!(first.decision, ProgressionDecision::Start);
        assert_eq!(first.stage, ProgressionStage::Starting);
        assert_eq!(first.current_minutes, FIRST_RUNS_MINUTES);
        assert_eq!(minutes(&first), vec![10, 10, 15, 15]);
        assert!(first.reasons.iter().any(|r| r.code == "progression_start"));

        // Do each next run as prescribed, feeling as intended: 10 → 15 → 20 → 25 → 30, then hold at 30.
        let mut runs: Vec<PostLiftRun> = Vec::new();
        let mut done = Vec::new();
        for k in 0..12 {
            let r = ask(&athlete, ReadinessLevel::Green, runs.clone());
            done.push(r.next_minutes);
            runs.push(PostLiftRun {
                date: today().checked_sub(Span::new().days(30 - 2 * k)).unwrap(),
                minutes: r.next_minutes,
                rpe: Some(2.5),
                intended_rpe: Some(3.0),
            });
        }
        assert_eq!(done, vec![10, 10, 15, 15, 20, 20, 25, 25, 30, 30, 30, 30]);
        let last = ask(&athlete, ReadinessLevel::Green, runs);
        assert_eq!(last.stage, ProgressionStage::Established);
        assert_eq!(last.target_minutes, LISS_MINUTES.1);
    }

    #[test]
    fn steps_up_only_on_green_after_runs_that_felt_as_intended() {
        let athlete = new_athlete(Goal::Endurance);
        let two_good = vec![run(4, 10, 3.0), run(2, 10, 2.0)];
        let green = ask(&athlete, ReadinessLevel::Green, two_good.clone());
        assert_eq!(green.decision, ProgressionDecision::StepUp);
        assert_eq!(green.next_minutes, 15);
        assert_eq!(minutes(&green), vec![15, 15, 20, 20]);

        let one_good = ask(&athlete, ReadinessLevel::Green, vec![run(2, 10, 2.0)]);
        assert_eq!(one_good.decision, ProgressionDecision::Hold);
        assert_eq!(minutes(&one_good), vec![10, 15, 15, 20]);
        assert!(one_good.reasons.iter().any(|r| r.code == "hold_need_runs"));

        // No RPE given: not yet shown to feel as intended.
        let unknown = PostLiftRun {
            rpe: None,
            ..run(2, 10, 0.0)
        };
        let r = ask(
            &athlete,
            ReadinessLevel::Green,
            vec![run(4, 10, 2.0), unknown],
        );
        assert_eq!(r.decision, ProgressionDecision::Hold);
    }

    #[test]
    fn amber_holds() {
        let athlete = new_athlete(Goal::General);
        let r = ask(
            &athlete,
            ReadinessLevel::Amber,
            vec![run(4, 15, 2.0), run(2, 15, 2.0)],
        );
        assert_eq!(r.decision, ProgressionDecision::Hold);
        assert_eq!(r.next_minutes, 15);
        assert!(r.reasons.iter().any(|x| x.code == "hold_amber"));
        // Amber holds the week's running too.
        assert_eq!(r.next_weeks[0].max_running_minutes, 65);
    }

    #[test]
    fn red_steps_back() {
        let athlete = new_athlete(Goal::General);
        let r = ask(
            &athlete,
            ReadinessLevel::Red,
            vec![run(4, 20, 2.0), run(2, 20, 2.0)],
        );
        assert_eq!(r.decision, ProgressionDecision::StepBack);
        assert_eq!(r.current_minutes, 20);
        assert_eq!(r.next_minutes, 15);
        assert_eq!(
            r.next_sessions[0].intensity,
            afterlift_core::contract::Intensity::VeryLow
        );
        // Never below the first runs' length.
        let low = ask(&athlete, ReadinessLevel::Red, vec![run(2, 10, 2.0)]);
        assert_eq!(low.next_minutes, FIRST_RUNS_MINUTES);
    }

    #[test]
    fn runs_that_felt_too_hard_hold_or_step_back() {
        let athlete = new_athlete(Goal::General);
        let one_hard = ask(
            &athlete,
            ReadinessLevel::Green,
            vec![run(4, 20, 3.0), run(2, 20, 5.0)],
        );
        assert_eq!(one_hard.decision, ProgressionDecision::Hold);
        assert!(one_hard.reasons.iter().any(|x| x.code == "hold_felt_hard"));
        let two_hard = ask(
            &athlete,
            ReadinessLevel::Green,
            vec![run(4, 20, 6.0), run(2, 20, 5.0)],
        );
        assert_eq!(two_hard.decision, ProgressionDecision::StepBack);
        assert_eq!(two_hard.next_minutes, 15);
    }

    #[test]
    fn strength_goals_stop_short_and_injury_prone_athletes_go_non_impact() {
        let athlete = new_athlete(Goal::Strength);
        let r = ask(
            &athlete,
            ReadinessLevel::Green,
            vec![run(4, 40, 2.0), run(2, 40, 2.0)],
        );
        assert_eq!(r.target_minutes, MUSCLE_FIRST_MAX_MINUTES);
        assert_eq!(r.current_minutes, MUSCLE_FIRST_MAX_MINUTES);
        assert!(
            r.next_sessions
                .iter()
                .all(|s| s.minutes <= MUSCLE_FIRST_MAX_MINUTES)
        );
        assert_eq!(r.stage, ProgressionStage::Established);

        let prone = Athlete {
            injury_prone: true,
            ..new_athlete(Goal::General)
        };
        let r = ask(&prone, ReadinessLevel::Green, vec![]);
        assert_eq!(r.modality, Modality::Cycle);
    }

    #[test]
    fn experienced_athletes_without_history_start_at_fifteen() {
        let athlete = Athlete::example(); // 26 weeks of combining
        let r = ask(&athlete, ReadinessLevel::Green, vec![]);
        assert_eq!(r.current_minutes, LISS_MINUTES.0);
    }

    #[test]
    fn the_weekly_reason_cites_the_evidence() {
        let r = ask(&new_athlete(Goal::General), ReadinessLevel::Green, vec![]);
        let weekly = r
            .reasons
            .iter()
            .find(|x| x.code == "weekly_volume")
            .unwrap();
        assert!(weekly.principle.contains("Buist 2008"));
        assert!(weekly.principle.contains("Nielsen 2014"));
        assert_eq!(r.next_weeks.len(), 4);
        assert_eq!(r.next_weeks[0].week_start, today());
        assert_eq!(r.next_weeks[1].week_start, date(2026, 3, 9));
    }

    #[test]
    fn weekly_growth_examples() {
        // From nothing: the floor of three first runs, then ≤ 14 % a week.
        let plan: Vec<u32> = weekly_plan(&[], today(), true)
            .iter()
            .map(|w| w.max_running_minutes)
            .collect();
        assert_eq!(plan, vec![34, 38, 43, 49]);
        assert_eq!(WEEKLY_FLOOR_MINUTES, 30);
        // After a jump already made (50 → 200), hold rather than build on it.
        let plan: Vec<u32> = weekly_plan(&[50, 200], today(), true)
            .iter()
            .map(|w| w.max_running_minutes)
            .collect();
        assert_eq!(plan[0], 200);
    }

    #[test]
    fn after_a_red_week_the_progression_does_not_grow_from_the_spike() {
        use ReadinessLevel::{Amber, Green, Red};
        use afterlift_core::plan::progression::{last_good_week, weekly_plan_after};
        // Three ordinary weeks, then a spike (250 minutes) that turned readiness red.
        let history = [100, 105, 110, 250];
        // Before: the spike was the base — hold at 250, then +14 % a week from it.
        let old: Vec<u32> = weekly_plan(&history, today(), true)
            .iter()
            .map(|w| w.max_running_minutes)
            .collect();
        assert_eq!(old, vec![250, 285, 324, 369]);
        // Now: a deload at half the last good week (110 → 55), back to 110, held once (the two-week limit
        // counts the deload week), then ≤ 14 % a week: 110 × 1.14 = 125.4 → 125.
        let plan = weekly_plan_after(&history, &[Green, Green, Green, Red], today(), true);
        let caps: Vec<u32> = plan.iter().map(|w| w.max_running_minutes).collect();
        assert_eq!(caps, vec![55, 110, 110, 125]);
        assert_eq!(plan[0].change_pct, -78.0); // 250 → 55
        assert_eq!(plan[0].week_start, today());
        assert_eq!(plan[3].week_start, date(2026, 3, 23));
        // The last good week is the latest green one, skipping every flagged week; with none, the smallest.
        assert_eq!(last_good_week(&history, &[Green, Amber, Red]), Some(105));
        assert_eq!(last_good_week(&history, &[Amber, Red, Red]), Some(100)); // unknown: taken as good
        assert_eq!(last_good_week(&history, &[Red, Red, Red, Red]), Some(100));
        assert_eq!(last_good_week(&history, &[Red]), Some(110));
        // A red week of illness with little running: the way back is the ordinary gradual one, never more
        // than an unflagged week would allow (hold at the 30-minute floor, then ≤ 14 % a week).
        let ill: Vec<u32> = weekly_plan_after(&[200, 200, 20], &[Green, Green, Red], today(), true)
            .iter()
            .map(|w| w.max_running_minutes)
            .collect();
        assert_eq!(ill, vec![30, 34, 38, 43]);
        assert_eq!(last_good_week(&history, &[Red, Green]), None); // last week was fine
        assert_eq!(last_good_week(&[], &[Red]), None);

        // The whole answer: the post-lift run steps back from where it was before this week and stays
        // there all week, however often it is asked.
        let athlete = Athlete {
            concurrent_weeks: Some(12),
            ..Athlete::example()
        };
        let mut runs = vec![run(9, 25, 3.0), run(5, 25, 3.0), run(2, 25, 3.0)];
        let ask = |runs: &[PostLiftRun], readiness: Vec<ReadinessLevel>| {
            progression(
                &athlete,
                &ProgressionRequest {
                    today: today().checked_add(Span::new().days(3)).unwrap(), // Thursday
                    readiness: Green,
                    recent_runs: runs.to_vec(),
                    weekly_minutes: history.to_vec(),
                    weekly_readiness: readiness,
                },
            )
        };
        let r = ask(&runs, vec![Green, Green, Green, Red]);
        assert_eq!(r.decision, ProgressionDecision::StepBack);
        assert_eq!((r.current_minutes, r.next_minutes), (25, 20));
        let why = r
            .reasons
            .iter()
            .find(|x| x.code == "step_back_deload")
            .unwrap();
        assert!(why.message.contains("readiness was red"), "{}", why.message);
        assert!(why.principle.contains("Bosquet 2007"));
        let weekly = r
            .reasons
            .iter()
            .find(|x| x.code == "weekly_deload")
            .unwrap();
        assert!(
            weekly
                .message
                .contains("half your last good week (110 minutes)"),
            "{}",
            weekly.message
        );
        assert_eq!(r.next_weeks[0].max_running_minutes, 55);
        // A 20-minute run done on Tuesday of the deload week: still 20 next, not 15.
        runs.push(PostLiftRun {
            date: today().checked_add(Span::new().days(1)).unwrap(),
            minutes: 20,
            rpe: Some(3.0),
            intended_rpe: Some(3.0),
        });
        assert_eq!(ask(&runs, vec![Green, Green, Green, Red]).next_minutes, 20);
        // After an amber week the same; after a green one the progression builds as usual.
        assert_eq!(
            ask(&runs, vec![Amber]).decision,
            ProgressionDecision::StepBack
        );
        let green = ask(&runs[..3], vec![Green, Green, Green, Green]);
        assert_eq!(green.decision, ProgressionDecision::StepUp);
        assert!(green.next_weeks[0].max_running_minutes >= 250);
    }

    proptest! {
        /// Weekly running is never planned to grow more than 30 % over any two weeks (from the floor up), nor
        /// more than 14 % in one; without a green light week 1 does not grow at all.
        #[test]
        fn weekly_volume_never_jumps(history in prop::collection::vec(0u32..2000, 0..8), green in any::<bool>()) {
            let plan: Vec<u32> = weekly_plan(&history, today(), green).iter().map(|w| w.max_running_minutes).collect();
            prop_assert_eq!(plan.len(), 4);
            let mut seq: Vec<u32> = history.clone();
            for (k, &week) in plan.iter().enumerate() {
                let prev1 = seq.last().copied().unwrap_or(0).max(WEEKLY_FLOOR_MINUTES);
                let prev2 = if seq.len() >= 2 { seq[seq.len() - 2] } else { seq.last().copied().unwrap_or(0) }
                    .max(WEEKLY_FLOOR_MINUTES);
                prop_assert!(f64::from(week) <= f64::from(prev1) * WEEKLY_GROWTH_MAX + 1e-9);
                prop_assert!(
                    week <= prev1 || f64::from(week) <= f64::from(prev2) * TWO_WEEK_GROWTH_MAX + 1e-9,
                    "week {k}: {week} after {prev2}, {prev1}"
                );
                if k == 0 && !green {
                    prop_assert!(week <= prev1);
                }
                seq.push(week);
            }
            // Within the plan itself: any two weeks apart, at most +30 %.
            for w in plan.windows(3) {
                prop_assert!(f64::from(w[2]) <= f64::from(w[0]) * TWO_WEEK_GROWTH_MAX + 1e-9, "{plan:?}");
            }
        }

        /// Any input: no panic, the first next session is the next run, every length within the ladder.
        #[test]
        fn any_input_gives_a_sane_answer(
            goal in prop::sample::select(Goal::ALL.to_vec()),
            weeks in prop::option::of(0u32..60),
            readiness in prop::sample::select(vec![ReadinessLevel::Green, ReadinessLevel::Amber, ReadinessLevel::Red]),
            runs in prop::collection::vec(
                (-30i64..30, any::<u32>(), prop::option::of(prop_oneof![any::<f64>(), 0.0f64..10.0]), prop::option::of(prop_oneof![any::<f64>(), 0.0f64..10.0])),
                0..8,
            ),
            weekly in prop::collection::vec(any::<u32>(), 0..6),
            weekly_readiness in prop::collection::vec(
                prop::sample::select(vec![ReadinessLevel::Green, ReadinessLevel::Amber, ReadinessLevel::Red]),
                0..6,
            ),
        ) {
            let athlete = Athlete { goal, concurrent_weeks: weeks, ..Athlete::example() };
            let request = ProgressionRequest {
                today: today(),
                readiness,
                recent_runs: runs
                    .into_iter()
                    .map(|(d, minutes, rpe, intended_rpe)| PostLiftRun {
                        date: today().checked_add(Span::new().days(d)).unwrap(),
                        minutes,
                        rpe,
                        intended_rpe,
                    })
                    .collect(),
                weekly_minutes: weekly.clone(),
                weekly_readiness: weekly_readiness.clone(),
            };
            let r = progression(&athlete, &request);
            // After an amber or red week: the run does not grow, and weekly running steps back below the
            // last good week and never reaches the week that went wrong on the strength of it.
            if weekly_readiness.last().is_some_and(|l| *l != ReadinessLevel::Green) {
                prop_assert!(r.next_minutes <= r.current_minutes);
                if !weekly.is_empty() {
                    prop_assert!(r.reasons.iter().any(|x| x.code == "weekly_deload"));
                    // Never more than an ordinary week without a green light would allow, week by week.
                    let ordinary = weekly_plan(&weekly, today(), false);
                    for (a, b) in r.next_weeks.iter().zip(&ordinary) {
                        prop_assert!(a.max_running_minutes <= b.max_running_minutes);
                    }
                }
            }
            prop_assert_eq!(r.next_sessions.len(), 4);
            prop_assert_eq!(r.next_sessions[0].minutes, r.next_minutes);
            for s in &r.next_sessions {
                prop_assert!(s.minutes >= FIRST_RUNS_MINUTES && s.minutes <= r.target_minutes);
                prop_assert_eq!((s.minutes - FIRST_RUNS_MINUTES) % 5, 0);
            }
            for w in r.next_sessions.windows(2) {
                prop_assert!(w[1].minutes >= w[0].minutes && w[1].minutes - w[0].minutes <= 5);
            }
            if readiness != ReadinessLevel::Green {
                prop_assert!(r.next_minutes <= r.current_minutes);
            }
            prop_assert!(!r.reasons.is_empty());
            // Same input, same answer.
            prop_assert_eq!(&r, &progression(&athlete, &request));
        }
    }
}
