//! Property tests: the advisor's invariants over generated requests.
//! - nothing the source text advises against comes out (no hard running within 6 h of heavy lifting,
//!   no running after heavy legs the same day, no training with pain or illness);
//! - worse readiness never yields a harder or longer prescription;
//! - minutes and heart rates stay in range; the verdict agrees with the prescription.

use afterlift_core::advice::advise;
use afterlift_core::contract::{
    AdviceRequest, AdviceResponse, AthleteInput, Focus, Intensity, LiftInput, LoadLevel, Modality,
    PlannedInput, PlannedKind, ReadinessInput, Verdict,
};
use afterlift_core::{Goal, Sex};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

fn lift_end() -> Timestamp {
    "2026-11-24T18:00:00Z".parse().unwrap()
}

fn goal() -> impl Strategy<Value = Goal> {
    prop::sample::select(Goal::ALL.to_vec())
}

fn kind() -> impl Strategy<Value = PlannedKind> {
    prop::sample::select(vec![
        PlannedKind::None,
        PlannedKind::Easy,
        PlannedKind::Long,
        PlannedKind::Tempo,
        PlannedKind::Intervals,
    ])
}

fn hooper() -> impl Strategy<Value = Option<u8>> {
    prop::option::of(1u8..=7)
}

fn readiness() -> impl Strategy<Value = ReadinessInput> {
    (
        hooper(),
        hooper(),
        hooper(),
        hooper(),
        hooper(),
        prop::option::of(3.0f64..10.0),
        prop::option::of(45.0f64..85.0),
        prop::option::of(20.0f64..90.0),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                sleep_quality,
                fatigue,
                soreness,
                stress,
                mood,
                sleep_hours,
                resting_hr,
                hrv,
                pain,
                illness,
                rare,
            )| ReadinessInput {
                sleep_hours,
                sleep_quality,
                fatigue,
                soreness,
                stress,
                mood,
                resting_hr,
                hrv_rmssd_ms: hrv,
                // pain and illness are rare, so other rules get exercised too
                pain: Some(pain && rare),
                illness: Some(illness && rare && pain),
            },
        )
}

fn request() -> impl Strategy<Value = AdviceRequest> {
    let athlete = (
        18.0f64..75.0,
        any::<bool>(),
        45.0f64..120.0,
        prop::option::of(45.0f64..75.0),
        goal(),
        prop::option::of(0u32..60),
        any::<bool>(),
    )
        .prop_map(
            |(age, female, weight_kg, resting_hr, goal, concurrent_weeks, injury_prone)| {
                AthleteInput {
                    age,
                    sex: if female { Sex::Female } else { Sex::Male },
                    weight_kg,
                    resting_hr,
                    max_hr: None,
                    hrv_rmssd_ms: Some(60.0),
                    goal,
                    concurrent_weeks,
                    injury_prone: Some(injury_prone),
                    time_zone: None,
                    wake_time: None,
                    sleep_time: None,
                    race: None,
                }
            },
        );
    let lift = prop::option::of((
        prop::option::of(prop::sample::select(vec![
            Focus::Upper,
            Focus::Lower,
            Focus::Full,
        ])),
        prop::option::of(prop::sample::select(vec![
            LoadLevel::Light,
            LoadLevel::Moderate,
            LoadLevel::Heavy,
        ])),
        prop::option::of(1.0f64..10.0),
        prop::option::of(20.0f64..120.0),
    ));
    (
        athlete,
        lift,
        kind(),
        prop::option::of(10.0f64..150.0),
        prop::option::of(readiness()),
        0i64..(36 * 60),
    )
        .prop_map(
            |(athlete, lift, kind, minutes, readiness, minutes_after)| AdviceRequest {
                athlete,
                lift: lift.map(|(focus, load, rpe, lift_minutes)| LiftInput {
                    ended_at: Some(lift_end()),
                    minutes: lift_minutes,
                    rpe,
                    focus,
                    load,
                    exercises: Vec::new(),
                }),
                planned: PlannedInput { kind, minutes },
                readiness,
                now: Some(
                    lift_end()
                        .checked_add(SignedDuration::from_mins(minutes_after))
                        .unwrap(),
                ),
                strategy: None,
            },
        )
}

fn run(r: &AdviceRequest) -> AdviceResponse {
    advise(r, lift_end()).expect("generated requests are valid")
}

/// How much a prescription asks of the body, for "never harder" comparisons: compared in order — impact
/// and kind of activity first, then intensity, then minutes (15 minutes of mobility ask less than a 14-minute run).
fn demand(r: &AdviceResponse) -> (u8, Intensity, u32) {
    let modality_rank = match r.now.modality {
        Modality::Rest => 0,
        Modality::Mobility => 1,
        Modality::Walk => 2,
        Modality::Run => 4,
        _ => 3,
    };
    (modality_rank, r.now.intensity, r.now.minutes.max)
}

fn hours_since_lift(r: &AdviceRequest) -> Option<f64> {
    let lift = r.lift.as_ref()?;
    Some((r.now.unwrap().as_second() - lift.ended_at.unwrap().as_second()) as f64 / 3600.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_what_the_source_text_advises_against(req in request()) {
        let r = run(&req);
        let lift = req.lift.as_ref();
        let heavy = lift.is_some_and(|l| l.load == Some(LoadLevel::Heavy) || (l.load.is_none() && l.rpe.is_some_and(|x| x >= 8.0)));
        let legs = lift.is_some_and(|l| matches!(l.focus, Some(Focus::Lower | Focus::Full)));
        let since = hours_since_lift(&req).unwrap_or(f64::INFINITY);

        // HIIT/tempo after heavy lifting: 6 h at least, another day after heavy legs.
        if heavy && since < 6.0 {
            prop_assert!(r.now.intensity < Intensity::Moderate, "{r:#?}");
            prop_assert!(r.alternatives.iter().all(|a| a.intensity < Intensity::Moderate));
        }
        // After heavy legs: no running that day (12 h), then only very easy running until the next (24 h).
        if heavy && legs && since < 12.0 {
            prop_assert!(r.now.modality != Modality::Run, "running after heavy legs: {r:#?}");
            prop_assert!(r.now.intensity < Intensity::Moderate);
            prop_assert!(r.alternatives.iter().all(|a| a.modality != Modality::Run || a.intensity == Intensity::VeryLow));
        }
        if heavy && legs && since < 24.0 {
            prop_assert!(r.now.modality != Modality::Run || r.now.intensity == Intensity::VeryLow, "{r:#?}");
            prop_assert!(r.now.intensity < Intensity::Moderate);
        }
        // Pain or illness: no training.
        let unwell = req.readiness.is_some_and(|x| x.pain == Some(true) || x.illness == Some(true));
        if unwell {
            prop_assert_eq!(r.now.modality, Modality::Rest);
            prop_assert_eq!(r.verdict, Verdict::Skip);
            prop_assert!(r.later.is_none());
        }
        // Injury-prone athletes are not sent running after lifting.
        if req.athlete.injury_prone == Some(true) && lift.is_some() && since < 6.0 {
            prop_assert!(r.now.modality != Modality::Run);
            prop_assert!(r.alternatives.iter().all(|a| a.modality != Modality::Run));
        }
        // Nothing hard after a strength/hypertrophy lift of any weight within 6 h.
        if req.athlete.goal.is_muscle_first() && lift.is_some() && since < 6.0 {
            prop_assert!(r.now.intensity <= Intensity::Low);
        }
    }

    #[test]
    fn numbers_stay_in_range_and_the_verdict_agrees(req in request()) {
        let r = run(&req);
        prop_assert!(r.now.minutes.min <= r.now.minutes.max);
        let planned_max = req.planned.minutes.map_or(90, |m| m.round() as u32).max(30);
        prop_assert!(r.now.minutes.max <= planned_max, "{} > {planned_max}", r.now.minutes.max);
        if let Some(hr) = r.now.heart_rate_bpm {
            prop_assert!(hr.min < hr.max);
            prop_assert!(f64::from(hr.min) >= req.athlete.resting_hr.unwrap_or(40.0).min(100.0) - 1.0);
            prop_assert!(hr.max <= 230);
        }
        prop_assert!(r.now.rpe.max <= 10);
        prop_assert!((0.0..=1.0).contains(&r.energy.fat_fraction));
        prop_assert!(r.energy.kcal >= 0.0 && r.energy.epoc_kcal >= 0.0);
        prop_assert!(r.refuel.carbs_g >= 0.0 && r.refuel.protein_g > 0.0 && r.refuel.fluid_ml >= 0.0);
        match r.verdict {
            Verdict::Skip => prop_assert!(matches!(r.now.modality, Modality::Rest | Modality::Mobility)),
            Verdict::Postpone => prop_assert!(r.later.is_some()),
            Verdict::Swap => prop_assert!(r.now.modality != Modality::Run),
            Verdict::Go | Verdict::Modify => prop_assert_eq!(r.now.modality, Modality::Run),
        }
        if let Some(later) = &r.later {
            let now = req.now.unwrap();
            prop_assert!(later.not_before.timestamp() > now);
            // Within the athlete's day (default 06:00–22:00 UTC here).
            let clock = later.not_before.time();
            prop_assert!(clock >= jiff::civil::time(6, 0, 0, 0) && clock < jiff::civil::time(22, 0, 0, 0), "{later:?}");
            match &later.condition {
                // Moved by the lift alone: at least the 6 h the source text asks.
                None if req.lift.is_some() => prop_assert!(later.hours_after_lift >= 6.0),
                // Moved by readiness: never the same day.
                Some(_) => prop_assert!(later.not_before.date() > now.to_zoned(jiff::tz::TimeZone::UTC).date()
                    || now.to_zoned(jiff::tz::TimeZone::UTC).time() < jiff::civil::time(6, 0, 0, 0)),
                None => {}
            }
        }
        prop_assert!(r.alternatives.iter().all(|a| a.modality != r.now.modality));
        prop_assert!(r.reasons.iter().all(|x| !x.code.is_empty() && !x.message.is_empty() && !x.principle.is_empty()));
    }

    #[test]
    fn worse_readiness_never_asks_for_more(req in request(), item in 0usize..7) {
        let mut worse = req.clone();
        let mut rd = worse.readiness.unwrap_or_default();
        let bump = |v: Option<u8>| Some(v.unwrap_or(1).saturating_add(2).min(7));
        match item {
            0 => rd.fatigue = bump(rd.fatigue),
            1 => rd.soreness = bump(rd.soreness),
            2 => rd.stress = bump(rd.stress),
            3 => rd.mood = bump(rd.mood),
            4 => rd.sleep_hours = Some(rd.sleep_hours.unwrap_or(8.0) - 2.5).map(|h| h.max(0.0)),
            5 => rd.resting_hr = Some(rd.resting_hr.unwrap_or(req.athlete.resting_hr.unwrap_or(60.0)) + 8.0).map(|h| h.min(110.0)),
            _ => rd.hrv_rmssd_ms = Some(rd.hrv_rmssd_ms.unwrap_or(60.0) * 0.7).map(|h| h.max(5.0)),
        }
        worse.readiness = Some(rd);
        let (a, b) = (run(&req), run(&worse));
        let (da, db) = (demand(&a), demand(&b));
        prop_assert!(db <= da, "asks for more: {da:?} -> {db:?}\n{a:#?}\n{b:#?}");
        prop_assert!(db.1 <= da.1, "intensity got harder: {:?} -> {:?}", da.1, db.1);
    }

    #[test]
    fn heavier_lifting_never_asks_for_more(req in request()) {
        let Some(lift) = req.lift.clone() else { return Ok(()) };
        let mut heavier = req.clone();
        heavier.lift = Some(LiftInput { load: Some(LoadLevel::Heavy), ..lift });
        let (a, b) = (run(&req), run(&heavier));
        prop_assert!(demand(&b) <= demand(&a), "{:?} -> {:?}", demand(&a), demand(&b));
    }
}
