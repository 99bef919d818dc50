//! Refuelling that fits the session and the goal, the lift's own energy, and structured hard sessions:
//! the bounds a strength & conditioning coach checked (issue 10, "Advice a coach would sign").

use afterlift_core::advice::advise;
use afterlift_core::contract::{
    AdviceRequest, AdviceResponse, AthleteInput, Focus, LiftInput, LoadLevel, Modality,
    PlannedInput, PlannedKind, RaceResult, Range, ReadinessInput, RefuelBasis, VdotFrom,
};
use afterlift_core::{Goal, Sex};
use jiff::Timestamp;
use proptest::prelude::*;

const NOW: &str = "2026-11-24T18:00:00Z";

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn athlete(sex: Sex, weight_kg: f64, goal: Goal) -> AthleteInput {
    AthleteInput {
        age: 34.0,
        sex,
        weight_kg,
        resting_hr: Some(60.0),
        max_hr: None,
        hrv_rmssd_ms: None,
        goal,
        concurrent_weeks: Some(26),
        injury_prone: None,
        time_zone: None,
        wake_time: None,
        sleep_time: None,
        race: None,
    }
}

fn request(
    athlete: AthleteInput,
    focus: Focus,
    load: LoadLevel,
    lift_minutes: f64,
    planned: PlannedKind,
    run_minutes: Option<f64>,
) -> AdviceRequest {
    AdviceRequest {
        athlete,
        lift: Some(LiftInput {
            ended_at: Some(ts(NOW)),
            minutes: Some(lift_minutes),
            focus: Some(focus),
            load: Some(load),
            ..Default::default()
        }),
        planned: PlannedInput {
            kind: planned,
            minutes: run_minutes,
        },
        readiness: None,
        now: Some(ts(NOW)),
        strategy: None,
    }
}

fn advice(req: &AdviceRequest) -> AdviceResponse {
    advise(req, ts(NOW)).unwrap()
}

fn refuel_message(r: &AdviceResponse) -> &str {
    &r.reasons
        .iter()
        .find(|x| x.code == "refuel")
        .unwrap()
        .message
}

/// A heavy upper-body lift of 45 min by a 120-kg man whose goal is fat loss.
fn big_fat_loss(planned: PlannedKind) -> AdviceRequest {
    request(
        athlete(Sex::Male, 120.0, Goal::FatLoss),
        Focus::Upper,
        LoadLevel::Heavy,
        45.0,
        planned,
        None,
    )
}

fn with_pain(mut r: AdviceRequest) -> AdviceRequest {
    r.readiness = Some(ReadinessInput {
        pain: Some(true),
        ..Default::default()
    });
    r
}

#[test]
fn a_120_kg_fat_loss_client_after_upper_body_gets_tens_of_grams_not_hundreds() {
    // No run: the lift alone (pain makes the answer rest).
    let r = advice(&with_pain(big_fat_loss(PlannedKind::None)));
    assert_eq!(r.now.modality, Modality::Rest);
    // 41.2 kg of muscle × 0.25 worked × 17.5 g/kg × 24–40 % = 43–72 g used (middle 58).
    assert_eq!(r.refuel.carbs_used_g, 58.0);
    assert!(r.refuel.carbs_range_g.max <= 60, "{:?}", r.refuel);
    assert_eq!(r.refuel.basis, RefuelBasis::EnergyBalance);
    assert_eq!(r.refuel.within_hours, 2.0);
    // Fat loss: no more than was likely used, and said to be part of a meal, not on top of it.
    assert!(f64::from(r.refuel.carbs_range_g.max) <= r.refuel.carbs_used_g);
    let m = refuel_message(&r);
    assert!(m.starts_with("In the next 2 h, as part of your next meal rather than on top of it: about 45–55 g of carbohydrate (you used about 58 g), 30 g of protein"), "{m}");
    assert!(m.contains("Your lift cost about 540 kcal; eating extra on top of your usual meals would undo the deficit."), "{m}");
    assert!(!m.contains("from fat"), "nothing is done now: {m}");
    // With the easy run the advisor adds for fat loss, still under 100 g.
    let r = advice(&big_fat_loss(PlannedKind::None));
    assert_eq!(r.now.modality, Modality::Run);
    assert!(r.refuel.carbs_range_g.max < 100, "{:?}", r.refuel);
    // Protein 0.25 g/kg; fluid from a 120-kg body's sweat, not a flat number.
    assert_eq!(r.refuel.protein_g, 30.0);
    let light = advice(&request(
        athlete(Sex::Male, 60.0, Goal::FatLoss),
        Focus::Upper,
        LoadLevel::Heavy,
        45.0,
        PlannedKind::None,
        None,
    ));
    assert!(r.refuel.fluid_ml > light.refuel.fluid_ml * 1.5);
}

#[test]
fn a_60_kg_woman_after_a_moderate_session_and_an_easy_run_needs_well_under_150_g() {
    let r = advice(&request(
        athlete(Sex::Female, 60.0, Goal::General),
        Focus::Full,
        LoadLevel::Moderate,
        60.0,
        PlannedKind::Easy,
        Some(20.0),
    ));
    assert_eq!(r.now.modality, Modality::Run);
    assert!(r.refuel.carbs_range_g.max < 100, "{:?}", r.refuel);
    assert!(r.refuel.carbs_range_g.min >= 30, "{:?}", r.refuel);
    assert_eq!(r.refuel.basis, RefuelBasis::Meals);
    let m = refuel_message(&r);
    assert!(m.starts_with("In the next 2 h: about "), "{m}");
    assert!(m.contains("(you used about "), "{m}");
    assert!(m.contains("normal meals"), "{m}");
}

#[test]
fn a_hard_session_5_h_later_gets_the_rapid_rate_for_the_window() {
    // Heavy upper body ended an hour ago (at noon); intervals planned: moved to 6 h after the lift, 5 h from
    // now — within the athlete's day (an evening lift's 6 h would fall in the night and move to the morning).
    let mut req = request(
        athlete(Sex::Male, 75.0, Goal::Endurance),
        Focus::Upper,
        LoadLevel::Heavy,
        75.0,
        PlannedKind::Intervals,
        Some(30.0),
    );
    req.lift.as_mut().unwrap().ended_at = Some(ts("2026-11-24T12:00:00Z"));
    req.now = Some(ts("2026-11-24T13:00:00Z"));
    let r = advise(&req, ts("2026-11-24T13:00:00Z")).unwrap();
    assert!(r.later.is_some());
    let f = r.refuel;
    assert_eq!(f.basis, RefuelBasis::Rapid);
    let next = f.next_session_hours.unwrap();
    assert!((4.0..=5.0).contains(&next), "{next}");
    // 1.0–1.2 g/kg per hour of the window, the window at most 4 h and before the next session.
    assert!(f.within_hours > 0.0 && f.within_hours <= 4.0 && f.within_hours <= next);
    let (lo, hi) = (75.0 * f.within_hours, 1.2 * 75.0 * f.within_hours);
    assert!((f64::from(f.carbs_range_g.min) - lo).abs() <= 2.5, "{f:?}");
    assert!(f64::from(f.carbs_range_g.max) <= hi && f64::from(f.carbs_range_g.max) > hi - 5.0);
    let m = refuel_message(&r);
    assert!(m.contains("the rapid-refuelling rate"), "{m}");
    assert!(m.contains("intervals session comes in about"), "{m}");
    // The same lift with nothing hard planned: normal meals, and less.
    let mut easy = req.clone();
    easy.planned = PlannedInput {
        kind: PlannedKind::Easy,
        minutes: Some(20.0),
    };
    let e = advice(&easy).refuel;
    assert_eq!(e.basis, RefuelBasis::Meals);
    assert!(e.next_session_hours.is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// Carbohydrate never exceeds what the guidance allows: at most 1.2 g/kg per hour of the window (for
    /// at most 4 h) when refuelling fast, otherwise no more than was used.
    #[test]
    fn carbohydrate_never_exceeds_the_guidance(
        kg in 30.0f64..250.0,
        female: bool,
        goal in 0usize..5,
        focus in 0usize..3,
        load in 0usize..3,
        lift_minutes in 1.0f64..300.0,
        planned in 0usize..5,
        run_minutes in proptest::option::of(1.0f64..600.0),
        ago_min in 0i64..600,
    ) {
        let mut req = request(
            athlete(if female { Sex::Female } else { Sex::Male }, kg, Goal::ALL[goal]),
            [Focus::Upper, Focus::Lower, Focus::Full][focus],
            [LoadLevel::Light, LoadLevel::Moderate, LoadLevel::Heavy][load],
            lift_minutes,
            [PlannedKind::None, PlannedKind::Easy, PlannedKind::Long, PlannedKind::Tempo, PlannedKind::Intervals][planned],
            run_minutes,
        );
        req.lift.as_mut().unwrap().ended_at =
            Some(ts(NOW).checked_sub(jiff::SignedDuration::from_mins(ago_min)).unwrap());
        let r = advice(&req);
        let f = r.refuel;
        prop_assert!(f.carbs_range_g.min <= f.carbs_range_g.max);
        prop_assert!(f.within_hours > 0.0 && f.within_hours <= 4.0);
        prop_assert!(f64::from(f.carbs_range_g.max) <= 1.2 * kg * f.within_hours + 1e-9);
        match f.basis {
            RefuelBasis::Rapid => prop_assert!(f.next_session_hours.is_some_and(|h| h < 8.0)),
            // What was used (its middle is carbs_used_g), never a flat g/kg on top; a meal's worth at most.
            _ => {
                prop_assert!(f64::from(f.carbs_range_g.min) <= f.carbs_used_g + 2.5);
                prop_assert!(f64::from(f.carbs_range_g.max) <= kg * 2.0 + 1e-9);
            }
        }
        prop_assert!((20.0..=40.0).contains(&f.protein_g));
        prop_assert!(f.fluid_ml >= f.sweat_loss_ml);
        // The lift counts while it is the session just done (the 6-h post-workout window), not days later.
        let fresh = ago_min < 6 * 60;
        prop_assert_eq!(r.reasons.iter().any(|x| x.code == "refuel"), fresh);
        if fresh {
            prop_assert!(refuel_message(&r).starts_with("In the next "));
        }
        prop_assert_eq!(r.energy.lift_kcal.is_some_and(|k| k > 0.0), fresh);
    }
}

#[test]
fn a_lift_from_three_days_ago_adds_nothing_to_refuelling() {
    let mut old = big_fat_loss(PlannedKind::Easy);
    old.lift.as_mut().unwrap().ended_at = Some(
        ts(NOW)
            .checked_sub(jiff::SignedDuration::from_hours(72))
            .unwrap(),
    );
    let fresh = advice(&big_fat_loss(PlannedKind::Easy));
    let r = advice(&old);
    assert!(
        r.refuel.carbs_used_g < fresh.refuel.carbs_used_g,
        "{:?}",
        r.refuel
    );
    assert!(r.energy.lift_kcal.is_none());
}

#[test]
fn a_rest_answer_shows_the_lifts_own_energy() {
    let r = advice(&with_pain(big_fat_loss(PlannedKind::Easy)));
    assert_eq!(r.now.modality, Modality::Rest);
    assert_eq!(r.energy.kcal, 0.0);
    // Compendium 02050, 6.0 MET × 120 kg × 0.75 h.
    assert_eq!(r.energy.lift_kcal, Some(540.0));
    assert!(r.energy.epoc_kcal > 0.0);
    // Without a lift there is no lift energy.
    let mut none = big_fat_loss(PlannedKind::Easy);
    none.lift = None;
    assert_eq!(advice(&none).energy.lift_kcal, None);
}

fn race(date: &str) -> RaceResult {
    RaceResult {
        distance_m: 10_000.0,
        time_s: 45.0 * 60.0,
        date: Some(date.parse().unwrap()),
    }
}

fn fresh_run(kind: PlannedKind, minutes: f64) -> AdviceRequest {
    let mut r = request(
        athlete(Sex::Male, 75.0, Goal::Endurance),
        Focus::Upper,
        LoadLevel::Light,
        30.0,
        kind,
        Some(minutes),
    );
    r.lift = None;
    r.athlete.race = Some(race("2026-10-10"));
    r
}

#[test]
fn intervals_are_warm_up_reps_and_cool_down_with_paces_from_a_race() {
    // "intervals:50" is the whole session, as in the planner.
    let r = advice(&fresh_run(PlannedKind::Intervals, 50.0));
    let s = r.now.structure.as_ref().expect("a structure");
    assert_eq!(s.kind, PlannedKind::Intervals);
    let b = s.blocks[0];
    // 4 × 4 min at I pace with 4 min jog (28 of the 30 main minutes), a 12-min warm-up (10 + the 2 spare)
    // and a 10-min cool-down: 50 minutes in all.
    assert_eq!((b.reps, b.work.minutes), (4, 4.0));
    assert_eq!(b.recovery.unwrap().minutes, 4.0);
    assert_eq!(
        (s.warm_up.minutes, s.cool_down.minutes, s.total_minutes),
        (12.0, 10.0, 50)
    );
    // VDOT 45.3 from 10 km in 45:00: I pace 4:14 /km in a 4:11–4:18 window.
    let paces = s.paces.unwrap();
    assert_eq!(
        (paces.from, paces.vdot, paces.stale),
        (VdotFrom::Race, 45.3, false)
    );
    assert_eq!(b.work.pace_s_per_km, Some(Range::new(251, 258)));
    // The prescription's heart rate is the work's.
    assert_eq!(r.now.heart_rate_bpm, b.work.heart_rate_bpm);
    let why = r
        .reasons
        .iter()
        .find(|x| x.code == "session_structure")
        .unwrap();
    assert!(
        why.message.starts_with("Intervals: 12 min warm-up at 5:21–6:01 /km (HR 110–133) · 4 × 4 min at 4:11–4:18 /km (HR 159–178) with 4 min jog · 10 min cool-down"),
        "{}",
        why.message
    );
    assert!(
        why.message
            .contains("(≈ 50 min). Paces from your 10 km race of 2026-10-10 in 45:00 (VDOT 45.3)."),
        "{}",
        why.message
    );
    // Energy part by part: less than 50 minutes all at the hard pace, more than 50 minutes easy.
    let per_min = r.energy.kcal / 50.0;
    let hard = 11.8 * 75.0 / 60.0;
    let easy = 7.0 * 75.0 / 60.0;
    assert!(per_min < hard && per_min > easy, "{}", r.energy.kcal);
}

#[test]
fn tempo_is_a_steady_20_minutes_at_t_pace_with_daniels_heart_rate() {
    // A 40-minute tempo session: 10 min warm-up, 20 min at T pace, 10 min cool-down.
    let r = advice(&fresh_run(PlannedKind::Tempo, 40.0));
    let s = r.now.structure.as_ref().unwrap();
    assert_eq!(
        (s.warm_up.minutes, s.cool_down.minutes, s.total_minutes),
        (10.0, 10.0, 40)
    );
    let b = s.blocks[0];
    assert_eq!((b.reps, b.work.minutes, b.recovery), (1, 20.0, None));
    // Tanaka HRmax at 34: 184.2; Daniels' T: 88–92 % → 162–169.
    assert_eq!(b.work.heart_rate_bpm, Some(Range::new(162, 169)));
    assert_eq!(r.now.heart_rate_bpm, Some(Range::new(162, 169)));
    assert_eq!(b.work.pace_s_per_km, Some(Range::new(273, 280)));
}

#[test]
fn an_old_race_is_called_stale_and_no_race_means_heart_rate_and_effort() {
    let mut req = fresh_run(PlannedKind::Intervals, 25.0);
    req.athlete.race = Some(race("2026-03-01"));
    let r = advice(&req);
    let p = r.now.structure.as_ref().unwrap().paces.unwrap();
    assert!(p.stale && p.age_days == Some(268));
    let why = r
        .reasons
        .iter()
        .find(|x| x.code == "session_structure")
        .unwrap();
    assert!(
        why.message
            .contains("8 months old, so the paces may be stale"),
        "{}",
        why.message
    );

    req.athlete.race = None;
    let r = advice(&req);
    let s = r.now.structure.as_ref().unwrap();
    assert!(s.paces.is_none() && s.blocks[0].work.pace_s_per_km.is_none());
    assert!(s.blocks[0].work.heart_rate_bpm.is_some());
    let why = r
        .reasons
        .iter()
        .find(|x| x.code == "session_structure")
        .unwrap();
    assert!(
        why.message.contains("give a recent race"),
        "{}",
        why.message
    );
}

#[test]
fn easy_runs_and_eased_sessions_have_no_structure() {
    assert!(
        advice(&fresh_run(PlannedKind::Easy, 30.0))
            .now
            .structure
            .is_none()
    );
    // Intervals right after a heavy leg day are postponed: what is done now is easy, unstructured.
    let r = advice(&request(
        athlete(Sex::Male, 75.0, Goal::General),
        Focus::Lower,
        LoadLevel::Heavy,
        60.0,
        PlannedKind::Intervals,
        Some(25.0),
    ));
    assert!(r.now.structure.is_none());
    assert!(r.reasons.iter().all(|x| x.code != "session_structure"));
}

#[test]
fn an_implausible_race_is_named() {
    let mut req = fresh_run(PlannedKind::Intervals, 25.0);
    req.athlete.race = Some(RaceResult {
        distance_m: 10_000.0,
        time_s: 600.0,
        date: Some("2027-01-01".parse().unwrap()),
    });
    let err = advise(&req, ts(NOW)).unwrap_err();
    let fields: Vec<&str> = err.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["athlete.race.time_s", "athlete.race.date"]);
}
