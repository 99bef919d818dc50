//! Every load and fatigue metric against values worked by hand from its published definition. The
//! arithmetic is in the comments; the tolerances only absorb the rounding of the hand-worked digits.

use afterlift_core::catalogue::Muscle;
use afterlift_core::fatigue::{self, CardioDose, MuscleFatigue};
use afterlift_core::load::series::{self, daily_loads, is_monotonous};
use afterlift_core::load::{
    self, LoadMethod, activity_load, banister_trimp, banister_weight, delta_hr, lift_load,
    load_metrics, metrics_series, monotony, strain,
};
use afterlift_core::session::{
    Activity, ExerciseLog, Sample, SetKind, SetLog, Sport, StrengthSession,
};
use afterlift_core::{Athlete, Sex};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

macro_rules! assert_close {
    ($a:expr, $b:expr, $tol:expr) => {{
        let (a, b) = ($a, $b);
        assert!(
            close(a, b, $tol),
            "{} = {a}, expected {b} ± {}",
            stringify!($a),
            $tol
        );
    }};
}

fn days(start: Date, loads: &[f64]) -> Vec<(Date, f64)> {
    let mut d = start;
    loads
        .iter()
        .map(|&l| {
            let out = (d, l);
            d = d.tomorrow().unwrap();
            out
        })
        .collect()
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

// ----- acute/chronic EWMA (Williams 2017) ------------------------------------------------------

#[test]
fn constant_300_a_day_for_28_days() {
    // λa = 2/(7+1) = 0.25, λc = 2/(28+1) = 0.068966. From zero, constant L for n days gives L·(1 − (1 − λ)^n):
    //   acute   = 300 × (1 − 0.75^28)        = 300 × (1 − 0.00031748) = 299.9048
    //   chronic = 300 × (1 − (27/29)^28)     = 300 × (1 − 0.13522)    = 259.4340
    //   ratio   = 299.9048 / 259.4340         = 1.1560
    let m = load_metrics(&days(date(2026, 1, 1), &[300.0; 28]));
    assert_close!(m.acute, 299.9048, 1e-3);
    assert_close!(m.chronic, 259.4340, 1e-3);
    assert_close!(m.acwr().unwrap(), 1.1560, 1e-4);
    assert_eq!(m.history_days, 28);
    assert_eq!(
        m.established_acwr().map(|r| (r * 1e4).round()),
        Some(11560.0)
    );
    // Week over week: 2100 vs 2100.
    assert_close!(m.week_load, 2100.0, 1e-9);
    assert_close!(m.week_over_week().unwrap(), 1.0, 1e-12);
}

#[test]
fn one_spike_day_moves_acute_four_times_as_much_as_chronic() {
    // After 100/day for 60 days then one 500 day: acute gains λa × 400-ish, chronic λc × ...
    // Exactly: each EWMA is first ≈ 100·(1 − (1−λ)^60), then + λ·(500 − that).
    let mut loads = vec![100.0; 60];
    loads.push(500.0);
    let m = load_metrics(&days(date(2026, 1, 1), &loads));
    let a60 = 100.0 * (1.0 - 0.75f64.powi(60));
    let c60 = 100.0 * (1.0 - (27.0f64 / 29.0).powi(60));
    assert_close!(m.acute, a60 + 0.25 * (500.0 - a60), 1e-9);
    assert_close!(m.chronic, c60 + 2.0 / 29.0 * (500.0 - c60), 1e-9);
    // ≈ 200.0 / 126.3 = 1.58: a spike.
    assert!(m.acwr().unwrap() > 1.5);
}

#[test]
fn ratio_needs_history_and_a_base() {
    // 27 days: not yet established; a near-empty base (10 AU/day): not established either.
    let m = load_metrics(&days(date(2026, 1, 1), &[300.0; 27]));
    assert!(m.acwr().is_some() && m.established_acwr().is_none());
    let m = load_metrics(&days(date(2026, 1, 1), &[10.0; 60]));
    assert!(m.established_acwr().is_none());
    let m = load_metrics(&[]);
    assert_eq!(m.acwr(), None);
    assert_eq!(m.date, None);
}

// ----- Foster monotony and strain (Foster 1998) ----------------------------------------------

#[test]
fn monotony_and_strain_of_a_known_week() {
    // [100, 200, 0, 100, 200, 0, 100]: total 700, mean 100; deviations 0, ±100 ×4, 0, 0
    // → variance 40000/7 = 5714.29, SD 75.593; monotony = 100/75.593 = 1.3229; strain = 700 × 1.3229 = 926.0.
    let week = [100.0, 200.0, 0.0, 100.0, 200.0, 0.0, 100.0];
    assert_close!(monotony(&week).unwrap(), 1.3229, 1e-4);
    assert_close!(strain(&week).unwrap(), 926.01, 1e-2);
    assert!(!is_monotonous(&week, 2.0));
    // Six days at 100 and one rest day: mean 85.714, SD = √(6×14.286² + 85.714²)/√7 = 34.993
    // → monotony 2.449: above Foster's 2.0.
    let week = [100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0];
    assert_close!(monotony(&week).unwrap(), 2.4495, 1e-4);
    assert!(is_monotonous(&week, 2.0));
    // Identical non-zero days have no variation: monotony is capped (10) rather than infinite, and strain
    // is the week's load × 10. Undefined without load.
    assert_eq!(monotony(&[100.0; 7]), Some(series::MAX_MONOTONY));
    assert_close!(strain(&[100.0; 7]).unwrap(), 7000.0, 1e-9);
    assert!(is_monotonous(&[100.0; 7], 2.0));
    assert_eq!(monotony(&[0.0; 7]), None);
    assert_eq!(monotony(&[]), None);
    assert_eq!(strain(&[0.0; 7]), None);
    // The series uses the last seven days.
    let mut loads = vec![500.0; 20];
    loads.extend(week);
    let m = load_metrics(&days(date(2026, 3, 1), &loads));
    assert_close!(m.monotony.unwrap(), 2.4495, 1e-4);
    assert_close!(m.week_load, 600.0, 1e-9);
    assert_close!(m.previous_week_load, 3500.0, 1e-9);
    // 27 days: the usual strain needs four whole weeks, so nothing is flagged yet.
    assert_eq!(m.history_days, 27);
    assert_eq!(m.usual_strain, None);
    assert!(!m.monotonous);
}

#[test]
fn monotony_flags_only_a_strain_above_the_usual() {
    // Foster 1998: illnesses clustered above each athlete's own strain threshold. Usual: three weeks of
    // [100, 200, 0, 100, 200, 0, 100], strain 926.01 each. This week six days at 300 and a rest day: total
    // 1800, monotony √6 = 2.44949, strain 4409.08 = 4.761 × usual → flagged.
    let varied = [100.0, 200.0, 0.0, 100.0, 200.0, 0.0, 100.0];
    let mut loads: Vec<f64> = varied.repeat(3);
    loads.extend([300.0, 300.0, 300.0, 300.0, 300.0, 300.0, 0.0]);
    let m = load_metrics(&days(date(2026, 3, 1), &loads));
    assert_eq!(m.history_days, 28);
    assert_close!(m.usual_strain.unwrap(), 926.01, 1e-2);
    assert_close!(m.strain.unwrap(), 4409.08, 1e-2);
    assert_close!(m.strain_vs_usual().unwrap(), 4.761, 1e-3);
    assert!(m.monotonous && m.strain_flag());

    // A steady six-on, one-off routine: monotony √6 = 2.449 every week, above 2.0 — but this week's strain
    // is the usual strain (ratio 1.0): not flagged.
    let steady: Vec<f64> = [100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0].repeat(5);
    let m = load_metrics(&days(date(2026, 3, 1), &steady));
    assert_close!(m.monotony.unwrap(), 2.4495, 1e-4);
    assert_close!(m.strain_vs_usual().unwrap(), 1.0, 1e-12);
    assert!(!m.monotonous && !m.strain_flag());

    // Strain 1.5 × usual exactly is flagged, just under is not: usual weeks of [100 × 6, 0] (strain
    // 1469.69), then six days at 150 (strain 2204.54 = 1.5 × usual) — and at 149, 1.49 ×.
    let mut at = [100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0].repeat(3);
    at.extend([150.0, 150.0, 150.0, 150.0, 150.0, 150.0, 0.0]);
    assert!(load_metrics(&days(date(2026, 3, 1), &at)).strain_flag());
    let mut under = [100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 0.0].repeat(3);
    under.extend([149.0, 149.0, 149.0, 149.0, 149.0, 149.0, 0.0]);
    assert!(!load_metrics(&days(date(2026, 3, 1), &under)).strain_flag());

    // A first session alone is not a "monotonous week": monotony needs its whole week in the log.
    let m = load_metrics(&days(date(2026, 3, 1), &[480.0]));
    assert_eq!((m.monotony, m.strain), (None, None));
    assert!(!m.monotonous);
}

// ----- fitness / fatigue / form (Coggan PMC, λ = 1/τ) ------------------------------------------

#[test]
fn ctl_and_atl_start_from_the_first_four_weeks_mean() {
    // Seeded at the mean daily load of the first 28 logged days (100), a steady log is at TSB 0 from its
    // first day: no "fatigue" from the log's start. Then 14 days at 200: from the seed s, n days of L give
    // L − (L − s)·(1 − λ)^n:
    //   CTL = 200 − 100 × (41/42)^14 = 200 − 100 × 0.713648 = 128.6352
    //   ATL = 200 − 100 × (6/7)^14   = 200 − 100 × 0.115543 = 188.4457;  TSB = −59.8104
    //   ramp = CTL(day 42) − CTL(day 35) = 100 × ((41/42)^7 − (41/42)^14) = 100 × (0.844777 − 0.713648)
    //        = 13.1129.
    let mut loads = vec![100.0; 28];
    let steady = load_metrics(&days(date(2026, 1, 1), &loads));
    assert_close!(steady.ctl, 100.0, 1e-9);
    assert_close!(steady.atl, 100.0, 1e-9);
    assert_close!(steady.tsb(), 0.0, 1e-9);
    assert_close!(steady.ramp, 0.0, 1e-9);
    loads.extend([200.0; 14]);
    let m = load_metrics(&days(date(2026, 1, 1), &loads));
    assert_close!(m.ctl, 128.6352, 1e-4);
    assert_close!(m.atl, 188.4457, 1e-4);
    assert_close!(m.tsb(), -59.8104, 1e-4);
    assert_close!(m.ramp, 13.1129, 1e-4);
    // Days before the log began stay at zero and do not dilute the seed.
    let mut padded = vec![0.0; 5];
    padded.extend(&loads);
    let series = metrics_series(&days(date(2026, 1, 1), &padded));
    assert!(series[..5].iter().all(|d| d.ctl == 0.0 && d.atl == 0.0));
    assert_close!(series.last().unwrap().ctl, 128.6352, 1e-4);
    // Every day of the 200s follows the closed form.
    for (n, d) in series[5 + 28..].iter().enumerate() {
        let n = (n + 1) as i32;
        assert_close!(d.ctl, 200.0 - 100.0 * (41.0f64 / 42.0).powi(n), 1e-9);
        assert_close!(d.atl, 200.0 - 100.0 * (6.0f64 / 7.0).powi(n), 1e-9);
    }
    // Shorter than 28 days: the seed is the mean of what there is. [300, 0, 300, 0]: seed 150;
    // after it CTL = 150 + (300 − 150)/42 = 153.5714, then × 41/42 + 0 … (hand-checked on day 1).
    let short = metrics_series(&days(date(2026, 1, 1), &[300.0, 0.0, 300.0, 0.0]));
    assert_close!(short[0].ctl, 150.0 + 150.0 / 42.0, 1e-9);
    assert_close!(short[0].atl, 150.0 + 150.0 / 7.0, 1e-9);
    assert_eq!(
        load::pmc_seed(&[0.0, 0.0, 300.0, 0.0, 300.0]),
        Some((2, 200.0))
    );
    assert_eq!(load::pmc_seed(&[0.0; 3]), None);
}

#[test]
fn the_two_smoothings_are_named_and_differ() {
    // Coggan/TrainingPeaks/Runalyze: λ = 1/τ; GoldenCheetah: λ = 1 − e^(−1/τ).
    assert_close!(load::pmc_lambda(42.0), 1.0 / 42.0, 1e-15);
    assert_close!(load::goldencheetah_lambda(42.0), 0.0235283, 1e-7);
    assert_close!(load::goldencheetah_lambda(7.0), 0.1331221, 1e-7);
    assert_close!(load::ewma_lambda(7.0), 0.25, 1e-15);
    assert_close!(load::ewma_lambda(28.0), 2.0 / 29.0, 1e-15);
    // Degenerate constants never panic and mean "no memory".
    assert_eq!(load::ewma_lambda(0.0), 1.0);
    assert_eq!(load::pmc_lambda(f64::NAN), 1.0);
    assert_eq!(load::goldencheetah_lambda(-1.0), 1.0);
}

// ----- the daily series ------------------------------------------------------------------------

#[test]
fn sessions_are_summed_by_the_athletes_local_day() {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin (UTC+1).
    let sessions = [
        (ts("2026-03-01T10:00:00Z"), 100.0),
        (ts("2026-03-01T23:30:00Z"), 50.0),
        (ts("2026-03-02T08:00:00Z"), 25.0),
        (ts("2026-03-09T08:00:00Z"), 999.0), // after the last day: left out
        (ts("2026-03-03T08:00:00Z"), f64::NAN),
        (ts("2026-03-03T09:00:00Z"), -5.0),
    ];
    let d = daily_loads(sessions, &tz, date(2026, 3, 1), date(2026, 3, 4));
    assert_eq!(
        d,
        vec![
            (date(2026, 3, 1), 100.0),
            (date(2026, 3, 2), 75.0),
            (date(2026, 3, 3), 0.0),
            (date(2026, 3, 4), 0.0),
        ]
    );
    assert!(daily_loads(sessions, &tz, date(2026, 3, 4), date(2026, 3, 1)).is_empty());
    // One day.
    assert_eq!(
        daily_loads(sessions, &tz, date(2026, 3, 1), date(2026, 3, 1)),
        vec![(date(2026, 3, 1), 100.0)]
    );
    // A century at most.
    let long = daily_loads([], &TimeZone::UTC, date(1000, 1, 1), date(2026, 1, 1));
    assert_eq!(long.len() as i64, series::MAX_HISTORY_DAYS + 1);
}

// ----- Banister TRIMP and session loads ---------------------------------------------------------

fn athlete(sex: Sex) -> Athlete {
    Athlete {
        resting_hr_bpm: Some(60.0),
        max_hr_bpm: Some(190.0),
        sex,
        ..Athlete::example()
    }
}

fn activity(sport: Sport, minutes: f64) -> Activity {
    Activity {
        sport,
        started_at: ts("2026-03-01T07:00:00Z"),
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

#[test]
fn banister_trimp_worked_example() {
    // Man, rest 60, max 190, 30 min at 150 bpm:
    //   ΔHR = (150 − 60)/(190 − 60) = 90/130 = 0.692308
    //   y   = 0.64 × e^(1.92 × 0.692308) = 0.64 × e^1.329231 = 0.64 × 3.778136 = 2.418007
    //   TRIMP = 30 × 0.692308 × 2.418007 = 50.2201
    // Woman, same: y = 0.86 × e^(1.67 × 0.692308) = 0.86 × e^1.156154 = 2.732812; TRIMP = 56.7584.
    let x = delta_hr(150.0, 60.0, 190.0);
    assert_close!(x, 0.692308, 1e-6);
    assert_close!(banister_weight(Sex::Male, x), 2.418007, 1e-6);
    assert_close!(banister_trimp(Sex::Male, 30.0, x), 50.2201, 1e-4);
    assert_close!(banister_trimp(Sex::Female, 30.0, x), 56.7584, 1e-4);
    // In session-RPE units: × 3.5/(0.495 × 0.64·e^(1.92×0.495)) = × 3.5/0.819481 = × 4.270998 → 214.490.
    let mut a = activity(Sport::Run, 30.0);
    a.avg_hr_bpm = Some(150.0);
    let l = activity_load(&a, &athlete(Sex::Male));
    assert_eq!(l.method, LoadMethod::HrAverage);
    assert_close!(l.load, 214.490, 1e-3);
    // ΔHR is clamped to 0–1 and junk gives 0.
    assert_eq!(delta_hr(40.0, 60.0, 190.0), 0.0);
    assert_eq!(delta_hr(230.0, 60.0, 190.0), 1.0);
    assert_eq!(delta_hr(f64::NAN, 60.0, 190.0), 0.0);
    assert_eq!(delta_hr(150.0, 190.0, 60.0), 0.0);
    assert_eq!(banister_trimp(Sex::Male, -30.0, x), 0.0);
}

#[test]
fn trimp_over_samples_equals_average_for_steady_heart_rate() {
    // 30 min of one sample per second at 150 bpm integrates to the same 50.2201 as the average.
    let samples: Vec<Sample> = (0..1800)
        .map(|s| Sample {
            offset_s: s,
            hr_bpm: Some(150),
            ..Default::default()
        })
        .collect();
    let (trimp, minutes) =
        load::trimp_from_samples(&samples, Sex::Male, 60.0, 190.0).expect("heart rate");
    assert_close!(minutes, 30.0, 1e-9);
    assert_close!(trimp, 50.2201, 1e-4);
    let mut a = activity(Sport::Run, 30.0);
    a.samples = samples.clone();
    a.avg_hr_bpm = Some(120.0); // ignored: samples win
    let l = activity_load(&a, &athlete(Sex::Male));
    assert_eq!(l.method, LoadMethod::HrSamples);
    assert_close!(l.load, 214.490, 1e-3);

    // Intervals: 15 min at 110, 15 min at 170 (ΔHR 0.384615 and 0.846154):
    //   15 × 0.384615 × 0.64·e^0.738462 + 15 × 0.846154 × 0.64·e^1.624615
    //   = 15 × 0.384615 × 1.339337 + 15 × 0.846154 × 3.248938 = 7.72694 + 41.23653 = 48.9635
    // — about as much as 30 min steady at 150, although the mean heart rate (140) is lower.
    let mixed: Vec<Sample> = (0..1800)
        .map(|s| Sample {
            offset_s: s,
            hr_bpm: Some(if s < 900 { 110 } else { 170 }),
            ..Default::default()
        })
        .collect();
    let (trimp, _) = load::trimp_from_samples(&mixed, Sex::Male, 60.0, 190.0).unwrap();
    assert_close!(trimp, 48.9635, 1e-3);

    // Pauses: a 10-minute gap counts 30 s.
    let paused = [
        Sample {
            offset_s: 0,
            hr_bpm: Some(150),
            ..Default::default()
        },
        Sample {
            offset_s: 600,
            hr_bpm: Some(150),
            ..Default::default()
        },
    ];
    let (_, minutes) = load::trimp_from_samples(&paused, Sex::Male, 60.0, 190.0).unwrap();
    assert_close!(minutes, (30.0 + 1.0) / 60.0, 1e-12);
    // No heart rate at all.
    assert!(load::trimp_from_samples(&[Sample::default(); 10], Sex::Male, 60.0, 190.0).is_none());
}

#[test]
fn session_rpe_and_assumed_loads() {
    // Foster: 45 min rated 6 → 270 AU.
    let mut a = activity(Sport::Cycle, 45.0);
    a.rpe = Some(6.0);
    let l = activity_load(&a, &athlete(Sex::Female));
    assert_eq!((l.load, l.method), (270.0, LoadMethod::SessionRpe));
    // Nothing known: conversational 3.5 × 40 = 140; walking 1.5 × 40 = 60.
    let l = activity_load(&activity(Sport::Run, 40.0), &athlete(Sex::Male));
    assert_eq!((l.load, l.method), (140.0, LoadMethod::Assumed));
    let l = activity_load(&activity(Sport::Walk, 40.0), &athlete(Sex::Male));
    assert_eq!(l.load, 60.0);
    // Junk durations give zero, never a panic or NaN.
    let mut junk = activity(Sport::Run, f64::NAN);
    junk.avg_hr_bpm = Some(f64::INFINITY);
    junk.rpe = Some(f64::NAN);
    let l = activity_load(&junk, &athlete(Sex::Male));
    assert_eq!(l.load, 0.0);
    // A watch that never stopped is clamped.
    let mut long = activity(Sport::Run, 1e9);
    long.rpe = Some(10.0);
    assert_eq!(
        activity_load(&long, &athlete(Sex::Male)).load,
        load::MAX_SESSION_LOAD
    );
}

fn set(reps: u32, kg: f64, rpe: Option<f64>) -> SetLog {
    SetLog {
        reps: Some(reps),
        weight_kg: Some(kg),
        rpe,
        ..Default::default()
    }
}

fn lift(started: &str, exercises: Vec<(&str, Vec<SetLog>)>) -> StrengthSession {
    StrengthSession {
        started_at: ts(started),
        duration_s: None,
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

#[test]
fn lifting_load_from_session_rpe_or_from_the_sets() {
    // Rated: 60 min at session RPE 7 → 420 AU.
    let mut s = lift("2026-03-01T17:00:00Z", vec![]);
    s.duration_s = Some(3600.0);
    s.rpe = Some(7.0);
    assert_eq!(
        lift_load(&s, &Athlete::example()),
        load::SessionLoad {
            load: 420.0,
            method: LoadMethod::SessionRpe
        }
    );
    // From the sets: a warm-up and 4 working sets rated 8, 8, 9, 9 → session RPE 8.5;
    // minutes 4 × 3 + 1 × 1.5 = 13.5 → 8.5 × 13.5 = 114.75 AU.
    let mut warmup = set(5, 60.0, None);
    warmup.kind = SetKind::Warmup;
    let s = lift(
        "2026-03-01T17:00:00Z",
        vec![(
            "Squat (Barbell)",
            vec![
                warmup,
                set(5, 100.0, Some(8.0)),
                set(5, 100.0, Some(8.0)),
                set(5, 100.0, Some(9.0)),
                set(5, 100.0, Some(9.0)),
            ],
        )],
    );
    let l = lift_load(&s, &Athlete::example());
    assert_eq!(l.method, LoadMethod::EstimatedFromSets);
    assert_close!(l.load, 114.75, 1e-9);
    // No sets, no rating, 50 minutes: assumed 5 × 50 = 250.
    let mut s = lift("2026-03-01T17:00:00Z", vec![]);
    s.duration_s = Some(3000.0);
    assert_eq!(
        lift_load(&s, &Athlete::example()),
        load::SessionLoad {
            load: 250.0,
            method: LoadMethod::Assumed
        }
    );
}

// ----- muscle fatigue -------------------------------------------------------------------------

/// One set of leg extensions to failure (10 reps, RPE 10): effort (10/10)² = 1, quads primary (weight 1):
/// one fatigue unit on the quads, dealt at the end of the set (60 s).
fn one_hard_set(at: &str) -> StrengthSession {
    let mut s = lift(
        at,
        vec![("Leg Extension (Machine)", vec![set(10, 50.0, Some(10.0))])],
    );
    s.duration_s = Some(60.0);
    s
}

fn hours(t: Timestamp, h: f64) -> Timestamp {
    t.checked_add(SignedDuration::from_secs_f64(h * 3600.0))
        .unwrap()
}

#[test]
fn fatigue_decays_with_its_time_constant() {
    let done = ts("2026-03-01T18:01:00Z");
    let f = MuscleFatigue::from_history(&[one_hard_set("2026-03-01T18:00:00Z")], &[], done);
    assert_close!(f.fatigue(Muscle::Quads), 1.0, 1e-12);
    assert_eq!(f.fatigue(Muscle::Chest), 0.0);
    // After τ = 24 h, 1/e of the fatigue remains; after 2τ, 1/e².
    let tau = fatigue::time_constant_h(Muscle::Quads);
    assert_eq!(tau, 24.0);
    assert_close!(
        f.fatigue_at(Muscle::Quads, hours(done, tau)),
        (-1.0f64).exp(),
        1e-12
    );
    assert_close!(
        f.fatigue_at(Muscle::Quads, hours(done, 2.0 * tau)),
        (-2.0f64).exp(),
        1e-12
    );
    // Recovery = 100·e^(−F/4): right after, 100·e^(−0.25) = 77.880 %; after τ, 100·e^(−1/(4e)) = 91.213 %.
    assert_close!(f.recovered_pct(Muscle::Quads, done), 77.880, 1e-3);
    assert_close!(
        f.recovered_pct(Muscle::Quads, hours(done, tau)),
        91.213,
        1e-3
    );
    // The same fatigue computed from a later instant agrees with decaying it forward.
    let later = MuscleFatigue::from_history(
        &[one_hard_set("2026-03-01T18:00:00Z")],
        &[],
        hours(done, 10.0),
    );
    assert_close!(
        later.fatigue(Muscle::Quads),
        f.fatigue_at(Muscle::Quads, hours(done, 10.0)),
        1e-12
    );
    // Smaller muscles recover faster; large upper-body muscles in between.
    assert!(fatigue::time_constant_h(Muscle::Biceps) < fatigue::time_constant_h(Muscle::Chest));
    assert!(fatigue::time_constant_h(Muscle::Chest) < fatigue::time_constant_h(Muscle::Quads));
}

#[test]
fn ready_at_follows_the_closed_form() {
    // Three sets to failure → 3 units. 90 % recovery means F ≤ 4·ln(10/9) = 0.421442; reached after
    // 24·ln(3/0.421442) = 24 × 1.962685 = 47.104 h (McLester 2003: back to baseline at 48 h, not at 24 h).
    let mut s = one_hard_set("2026-03-01T18:00:00Z");
    s.exercises[0].sets = vec![set(10, 50.0, Some(10.0)); 3];
    s.duration_s = Some(60.0);
    let done = ts("2026-03-01T18:01:00Z");
    let f = MuscleFatigue::from_history(&[s], &[], done);
    let ready = f.ready_at(Muscle::Quads, fatigue::READY_PCT).unwrap();
    assert_close!(
        ready.duration_since(done).as_secs_f64() / 3600.0,
        47.104,
        1e-3
    );
    assert_close!(f.recovered_pct(Muscle::Quads, ready), 90.0, 1e-9);
    // Already ready: None.
    assert_eq!(f.ready_at(Muscle::Chest, fatigue::READY_PCT), None);
    // Leg readiness is the least recovered running muscle: quads here.
    assert_close!(f.leg_readiness_pct(done), 100.0 * (-0.75f64).exp(), 1e-9);
    assert_eq!(f.legs_ready_at(fatigue::READY_PCT), Some(ready));
}

#[test]
fn warmups_add_nothing_and_effort_scales_with_proximity_to_failure() {
    let at = ts("2026-03-01T20:00:00Z");
    let mut warm = set(10, 20.0, Some(4.0));
    warm.kind = SetKind::Warmup;
    let s = lift(
        "2026-03-01T18:00:00Z",
        vec![("Leg Extension (Machine)", vec![warm])],
    );
    let f = MuscleFatigue::from_history(&[s], &[], at);
    assert_eq!(f.fatigue(Muscle::Quads), 0.0);
    // 5 reps with 5 in reserve (RPE 5): (5/10)² = 0.25 of a set to failure.
    let s = lift(
        "2026-03-01T18:00:00Z",
        vec![("Leg Extension (Machine)", vec![set(5, 20.0, Some(5.0))])],
    );
    let f = MuscleFatigue::from_history(&[s], &[], ts("2026-03-01T18:03:00Z"));
    assert_close!(f.fatigue(Muscle::Quads), 0.25, 1e-12);
    // Secondary muscles count half: squat to failure → quads 1 (primary), hamstrings 0.5 (secondary).
    let mut s = lift(
        "2026-03-01T18:00:00Z",
        vec![("Squat (Barbell)", vec![set(5, 100.0, Some(10.0))])],
    );
    s.duration_s = Some(60.0);
    let f = MuscleFatigue::from_history(&[s], &[], ts("2026-03-01T18:01:00Z"));
    assert_close!(f.fatigue(Muscle::Quads), 1.0, 1e-12);
    assert_close!(f.fatigue(Muscle::Hamstrings), 0.5, 1e-12);
}

#[test]
fn running_tires_the_legs_more_than_cycling() {
    let end = ts("2026-03-01T08:00:00Z");
    let dose = |sport| CardioDose {
        started_at: ts("2026-03-01T07:00:00Z"),
        ended_at: end,
        sport,
        load: 240.0,
    };
    let run = MuscleFatigue::from_history(&[], &[dose(Sport::Run)], end);
    let bike = MuscleFatigue::from_history(&[], &[dose(Sport::Cycle)], end);
    // 240 AU of running = 1 unit on quads and calves.
    assert_close!(run.fatigue(Muscle::Quads), 1.0, 1e-12);
    assert_close!(run.fatigue(Muscle::Calves), 1.0, 1e-12);
    assert!(bike.fatigue(Muscle::Quads) < run.fatigue(Muscle::Quads));
    assert!(bike.leg_readiness_pct(end) > run.leg_readiness_pct(end));
    assert_eq!(run.fatigue(Muscle::Chest), 0.0);
    // A session that starts after the instant adds nothing.
    let future = CardioDose {
        started_at: ts("2026-03-02T07:00:00Z"),
        ended_at: ts("2026-03-02T08:00:00Z"),
        sport: Sport::Run,
        load: 240.0,
    };
    assert_eq!(
        MuscleFatigue::from_history(&[], &[future], end).fatigue(Muscle::Quads),
        0.0
    );
}
