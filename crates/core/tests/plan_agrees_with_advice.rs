//! One product, one answer: every run the week planner places, the advisor — asked at that moment about the
//! same lift, the same hours since, the same readiness — lets go ahead as planned (or only easier and
//! shorter in the way the plan already says). And across generated requests, worse readiness never
//! rebooks a session earlier or harder.

#[path = "plan_support/mod.rs"]
mod plan_support;

use afterlift_core::advice::advise;
use afterlift_core::contract::{
    AdviceRequest, AthleteInput, Focus, LiftInput, LoadLevel, Modality, PlanDay, PlannedInput,
    PlannedKind, PlannedSession, ReadinessInput, SessionKind, SessionStatus, Slot, Verdict,
};
use afterlift_core::plan::{plan_week, slot_start};
use afterlift_core::{Goal, Sex};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

/// When a slot's session starts (UTC, the planner's default clock times).
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

fn athlete(goal: Goal, concurrent_weeks: Option<u32>) -> AthleteInput {
    AthleteInput {
        age: 34.0,
        sex: Sex::Female,
        weight_kg: 62.0,
        resting_hr: Some(55.0),
        max_hr: None,
        hrv_rmssd_ms: None,
        goal,
        concurrent_weeks: Some(concurrent_weeks.unwrap_or(26)),
        injury_prone: None,
        time_zone: None,
        wake_time: None,
        sleep_time: None,
        race: None,
    }
}

/// Every (lift, its slot's start, its order in the slot) of the plan, in time order.
fn lifts(days: &[PlanDay]) -> Vec<(&PlannedSession, Timestamp, usize)> {
    let mut out = Vec::new();
    for day in days {
        for (k, s) in day.sessions.iter().enumerate() {
            if s.kind == SessionKind::Lift {
                out.push((s, start_of(day, s.slot), k));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_advisor_lets_every_planned_run_go_ahead(req in plan_support::request()) {
        let plan = plan_week(&req);
        let all_lifts = lifts(&plan.days);
        for day in &plan.days {
            for (k, run) in day.sessions.iter().enumerate() {
                let Some(kind) = planned_kind(run.kind) else { continue };
                if run.status == SessionStatus::Done {
                    continue;
                }
                let start = start_of(day, run.slot);
                // Every lift before it within two days, asked about one at a time (the advisor takes one
                // lift); and with no lift at all when there is none.
                let before: Vec<_> = all_lifts
                    .iter()
                    .filter(|(_, at, order)| {
                        let same_slot = *at == start;
                        let earlier = *at < start || (same_slot && *order < k);
                        earlier && start.duration_since(*at).as_hours() < 48
                    })
                    .collect();
                let asks: Vec<Option<LiftInput>> = if before.is_empty() {
                    vec![None]
                } else {
                    before
                        .iter()
                        .map(|(lift, at, _)| {
                            // The planner counts a lift as ending an hour after its slot starts; in the
                            // run's own slot the run follows it at once.
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
                        athlete: athlete(req.goal, req.concurrent_weeks),
                        lift: lift.clone(),
                        planned: PlannedInput { kind, minutes: Some(f64::from(run.minutes)) },
                        readiness: None,
                        now: Some(start),
                        strategy: None,
                    };
                    let answer = advise(&request, start).unwrap();
                    let context = || format!(
                        "planned {run:?} on {} after {lift:?}\nadvice: {answer:#?}\n{}",
                        day.date,
                        plan_support::show(&req, &plan)
                    );
                    prop_assert!(
                        matches!(answer.verdict, Verdict::Go | Verdict::Modify),
                        "{}", context()
                    );
                    prop_assert_eq!(answer.now.modality, Modality::Run, "{}", context());
                    prop_assert!(answer.now.intensity >= run.intensity, "{}", context());
                    prop_assert!(answer.now.minutes.max >= run.minutes, "{}", context());
                }
            }
        }
    }

    #[test]
    fn worse_readiness_never_rebooks_earlier_or_harder(
        goal in plan_support::goal(),
        focus in prop::sample::select(vec![Focus::Upper, Focus::Lower, Focus::Full]),
        load in prop::sample::select(vec![LoadLevel::Light, LoadLevel::Moderate, LoadLevel::Heavy]),
        kind in prop::sample::select(vec![PlannedKind::Easy, PlannedKind::Long, PlannedKind::Tempo, PlannedKind::Intervals]),
        hours_ago in 0i64..30,
        clock_h in 0i64..24,
        item in 0usize..6,
    ) {
        let now = Timestamp::from_second(1_795_000_000 - 1_795_000_000 % 86_400 + clock_h * 3600).unwrap();
        let base = AdviceRequest {
            athlete: athlete(goal, None),
            lift: Some(LiftInput {
                ended_at: Some(now.checked_sub(SignedDuration::from_hours(hours_ago)).unwrap()),
                minutes: Some(60.0),
                focus: Some(focus),
                load: Some(load),
                ..Default::default()
            }),
            planned: PlannedInput { kind, minutes: None },
            readiness: Some(ReadinessInput::default()),
            now: Some(now),
            strategy: None,
        };
        let mut worse = base.clone();
        let r = worse.readiness.get_or_insert_with(ReadinessInput::default);
        match item {
            0 => r.fatigue = Some(5),
            1 => r.soreness = Some(6),
            2 => r.sleep_hours = Some(4.5),
            3 => r.resting_hr = Some(68.0),
            4 => r.sleep_quality = Some(6),
            _ => { r.resting_hr = Some(67.0); r.sleep_hours = Some(4.5); r.soreness = Some(6); }
        }
        let (a, b) = (advise(&base, now).unwrap(), advise(&worse, now).unwrap());
        // Today: never more.
        prop_assert!(b.now.intensity <= a.now.intensity || b.now.modality != Modality::Run);
        // Later: never earlier, never harder.
        if let (Some(la), Some(lb)) = (&a.later, &b.later) {
            prop_assert!(lb.not_before.timestamp() >= la.not_before.timestamp(), "{la:?} -> {lb:?}");
            prop_assert_eq!(la.kind, lb.kind);
        }
        // A session kept for today when fresh is not squeezed in tonight when tired: if readiness moved
        // it, it is on another day (the next morning: after midnight, that is this morning's 06:00).
        if let Some(lb) = &b.later
            && lb.condition.is_some()
        {
            let local = now.to_zoned(TimeZone::UTC);
            prop_assert!(
                lb.not_before.date() > local.date() || local.time() < jiff::civil::time(6, 0, 0, 0),
                "{lb:?}"
            );
        }
        if a.later.is_none() && b.later.is_some() {
            prop_assert!(b.later.as_ref().unwrap().not_before.timestamp() > now);
        }
    }
}
