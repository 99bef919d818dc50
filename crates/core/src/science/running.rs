//! Running performance: Daniels/Gilbert VDOT, equivalent race times, training paces, and Riegel's
//! endurance formula.
//!
//! The advisor uses VDOT to turn "easy" or "threshold" into a pace for this athlete, and race
//! equivalents for the `afterlift vdot` command.
//!
//! Sources: the oxygen cost and sustainable-fraction equations are from Daniels J & Gilbert J 1979,
//! Oxygen Power: Performance Tables for Distance Runners (self-published, Tempe AZ); the tables they are
//! tested against are Daniels J 2013, Daniels' Running Formula, 3rd ed., Human Kinetics, Table 5.1 (race
//! times by VDOT) and Table 5.2 (training paces by VDOT).

use crate::science::amount;

/// Daniels/Gilbert oxygen cost of running, mL/kg/min, at velocity `v_m_per_min` (metres per minute):
/// VO2 = −4.60 + 0.182258 v + 0.000104 v² (Daniels & Gilbert 1979).
/// Example: 250 m/min (4:00 /km) → 47.46.
pub fn vo2_at_velocity(v_m_per_min: f64) -> f64 {
    let v = v_m_per_min;
    -4.60 + 0.182258 * v + 0.000104 * v * v
}

/// Fraction of VO2max a runner can sustain for a race lasting `minutes` (Daniels & Gilbert 1979):
/// 0.8 + 0.1894393 e^(−0.012778 t) + 0.2989558 e^(−0.1932605 t). Negative minutes count as 0.
/// Example: 20 min → 0.9530; at 0 min the curve starts at 1.288.
pub fn fraction_vo2max_sustainable(minutes: f64) -> f64 {
    let t = minutes.max(0.0);
    0.8 + 0.189_439_3 * (-0.012_778 * t).exp() + 0.298_955_8 * (-0.193_260_5 * t).exp()
}

/// VDOT (Daniels' "pseudo VO2max") from a race: oxygen cost at race speed ÷ the sustainable fraction for
/// its duration (Daniels & Gilbert 1979). Returns 0 for a non-positive or non-finite distance or time.
/// Example: 5 km in 19:57 → 49.95 (Daniels' table: 50).
pub fn vdot(distance_m: f64, time_s: f64) -> f64 {
    if amount(distance_m) == 0.0 || amount(time_s) == 0.0 {
        return 0.0;
    }
    vdot_unchecked(distance_m, time_s)
}

/// The race time (seconds) equivalent to `vdot` over `distance_m`: the time whose [`vdot`] equals
/// `vdot`, found by bisection (VDOT falls monotonically as time rises for any fixed distance).
///
/// `vdot` is clamped to 10–100 and `distance_m` to at most 1000 km; a non-positive or non-finite distance,
/// or a `NaN` vdot, gives 0. Example: VDOT 50, marathon → 3:10:40 (Daniels' table: 3:10:49).
pub fn race_time_s(vdot: f64, distance_m: f64) -> f64 {
    if vdot.is_nan() || amount(distance_m) == 0.0 {
        return 0.0;
    }
    let target = vdot.clamp(VDOT_RANGE.0, VDOT_RANGE.1);
    let d = distance_m.min(1_000_000.0);
    let (mut lo, mut hi) = (1e-3_f64, 1e9_f64);
    if vdot_unchecked(d, lo) <= target {
        return lo;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if vdot_unchecked(d, mid) > target {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-6 {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// Daniels' five training paces, in seconds per kilometre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainingPaces {
    /// Easy/long pace as `(fast end, slow end)`, i.e. `(min, max)` seconds per km.
    pub easy_s_per_km: (f64, f64),
    pub marathon_s_per_km: f64,
    pub threshold_s_per_km: f64,
    pub interval_s_per_km: f64,
    pub repetition_s_per_km: f64,
}

/// The fractions of VDOT (VO2max) afterlift runs each pace at. Daniels describes the zones as roughly
/// E 59–74 %, M 75–84 %, T 83–88 %, I 95–100 % and R faster than VO2max pace; the values below were
/// fitted to his published pace table (Daniels' Running Formula, 3rd ed., Table 5.2) and reproduce it
/// within ~1 s/km for VDOT 40–70:
///
/// - E: 63 % (slow end) to 73 % (fast end)
/// - M: not a fixed fraction: Daniels' M pace is the VDOT's equivalent marathon race pace ([`race_time_s`])
/// - T: 88 %
/// - I: 97.5 % (the km column of Daniels' I paces)
/// - R: 107.5 % (the 400 m column of Daniels' R paces)
pub const EASY_FRACTIONS: (f64, f64) = (0.63, 0.73);
pub const THRESHOLD_FRACTION: f64 = 0.88;
pub const INTERVAL_FRACTION: f64 = 0.975;
pub const REPETITION_FRACTION: f64 = 1.075;

/// Daniels' training paces for a VDOT (see [`EASY_FRACTIONS`] for the fractions used).
/// VDOT is clamped to 10–100; `NaN` is treated as 10. Example: VDOT 50 → E 4:57–5:34, M 4:31, T 4:15,
/// I 3:55, R 3:37 per km (Daniels: E 4:56–5:34, M 4:31, T 4:15, I 3:55, R 87 s per 400 m).
pub fn training_paces(vdot: f64) -> TrainingPaces {
    let vdot = clamp_vdot(vdot);
    TrainingPaces {
        easy_s_per_km: (
            pace_s_per_km_at(vdot, EASY_FRACTIONS.1),
            pace_s_per_km_at(vdot, EASY_FRACTIONS.0),
        ),
        marathon_s_per_km: race_time_s(vdot, 42_195.0) / 42.195,
        threshold_s_per_km: pace_s_per_km_at(vdot, THRESHOLD_FRACTION),
        interval_s_per_km: pace_s_per_km_at(vdot, INTERVAL_FRACTION),
        repetition_s_per_km: pace_s_per_km_at(vdot, REPETITION_FRACTION),
    }
}

/// The pace (seconds per km) at which running costs `fraction_vo2max` × `vdot` of oxygen, inverting
/// [`vo2_at_velocity`] (Daniels & Gilbert 1979). VDOT is clamped to 10–100, the fraction to 0–2.
/// Example: VDOT 50 at 88 % → 255 s/km (4:15).
pub fn pace_s_per_km_at(vdot: f64, fraction_vo2max: f64) -> f64 {
    let target = clamp_vdot(vdot) * amount(fraction_vo2max).min(2.0);
    let (a, b, c) = (0.000104, 0.182258, -4.60 - target);
    let v_m_per_min = (-b + (b * b - 4.0 * a * c).sqrt()) / (2.0 * a);
    60_000.0 / v_m_per_min
}

/// Pace windows around Daniels' T and I paces, as fractions of VDOT `(slow end, fast end)`: the fitted
/// [`THRESHOLD_FRACTION`] and [`INTERVAL_FRACTION`] ± 1.5 percentage points, about ±3 s/km at VDOT 50 —
/// afterlift's choice of a window a runner can hold by watch.
pub const THRESHOLD_FRACTION_RANGE: (f64, f64) = (0.865, 0.895);
pub const INTERVAL_FRACTION_RANGE: (f64, f64) = (0.96, 0.99);

/// Daniels' rules for structured sessions (Daniels J 2013, Daniels' Running Formula, 3rd ed., Human
/// Kinetics, ch. 4 "Training runs and intensities"):
///
/// - I (interval) pace: work bouts of 3–5 min ("not longer than 5 min"), each followed by a jog recovery of
///   about the same time; the I-pace running of one session is at most the lesser of 10 km and 8 % of the
///   week's mileage.
/// - T (threshold) pace: a steady tempo run of about 20 min, or "cruise intervals" — repeated T-pace runs
///   with 1 min of rest for every 5 min of running; T running in one session at most 10 % of the week's
///   mileage.
/// - Warm up with 10–15 min of easy (E-pace) running before quality work, and cool down with easy running.
pub const INTERVAL_BOUT_MINUTES: [f64; 3] = [3.0, 4.0, 5.0];
pub const INTERVAL_MAX_KM: f64 = 10.0;
pub const INTERVAL_MAX_WEEKLY_SHARE: f64 = 0.08;
pub const TEMPO_CONTINUOUS_MAX_MINUTES: f64 = 20.0;
/// Cruise-interval bouts afterlift uses, minutes (Daniels' are typically 1 mile to 2 km, ≈ 5–10 min at T pace).
pub const CRUISE_BOUT_MINUTES: [f64; 2] = [5.0, 10.0];
/// Rest per minute of T running in cruise intervals: 1 min per 5 min.
pub const CRUISE_REST_PER_WORK_MINUTE: f64 = 1.0 / 5.0;
pub const THRESHOLD_MAX_WEEKLY_SHARE: f64 = 0.10;
pub const WARM_UP_MINUTES: (f64, f64) = (10.0, 15.0);

/// Daniels' heart-rate guide for T pace: 88–92 % of maximum heart rate (Daniels 2013, ch. 4).
pub const THRESHOLD_HR_MAX_FRACTION: (f64, f64) = (0.88, 0.92);

/// Resting oxygen uptake, 1 MET, mL/kg/min: the origin of the oxygen-uptake reserve (VO2max − 3.5).
pub const RESTING_VO2: f64 = 3.5;

/// VDOT estimated from a steady run with heart rate, not a race: the run's oxygen cost by Daniels'
/// equation ([`vo2_at_velocity`]) and its share of the oxygen-uptake reserve taken as equal to its share
/// of the heart-rate reserve (Swain DP & Leutholtz BC 1997, "Heart rate reserve is equivalent to %VO2
/// reserve, not to %VO2max", Med Sci Sports Exerc 29:410):
///
/// VO2max ≈ 3.5 + (VO2(v) − 3.5) / %HRR, with %HRR = (HRavg − HRrest) / (HRmax − HRrest).
///
/// An estimate: a predicted HRmax is wrong by 7–11 bpm for many people, and heat, hills and cardiac drift
/// raise heart rate at a given pace — all of which move the result by several VDOT points. `None` unless
/// the run is usable: at least 20 min, a running speed (2–6.5 m/s), and an average heart rate at 50–95 % of
/// the reserve (below that the heart rate–VO2 relation is loose; above it the run was a race or intervals).
/// Example: 40 min at 5:15 /km (190.5 m/min, VO2 33.9) at 65.4 % of the reserve → VDOT 50.0.
pub fn vdot_from_heart_rate(
    distance_m: f64,
    duration_s: f64,
    avg_hr_bpm: f64,
    hr_max_bpm: f64,
    hr_rest_bpm: f64,
) -> Option<f64> {
    let finite = [distance_m, duration_s, avg_hr_bpm, hr_max_bpm, hr_rest_bpm]
        .iter()
        .all(|x| x.is_finite());
    if !finite || duration_s < 20.0 * 60.0 || hr_max_bpm - hr_rest_bpm < 20.0 {
        return None;
    }
    let speed_m_s = distance_m / duration_s;
    if !(2.0..=6.5).contains(&speed_m_s) {
        return None;
    }
    let reserve = (avg_hr_bpm - hr_rest_bpm) / (hr_max_bpm - hr_rest_bpm);
    if !(0.50..=0.95).contains(&reserve) {
        return None;
    }
    let vo2 = vo2_at_velocity(speed_m_s * 60.0);
    let vdot = RESTING_VO2 + (vo2 - RESTING_VO2) / reserve;
    (15.0..=90.0).contains(&vdot).then_some(vdot)
}

/// The VDOT of recent runs with heart rate: the median of [`vdot_from_heart_rate`] over the usable runs
/// `(distance_m, duration_s, avg_hr_bpm)`, with how many were usable; `None` with fewer than 3 (one run
/// says too much about its day's heat and hills). The median keeps a hilly or hot day from moving it.
pub fn vdot_from_runs(
    runs: &[(f64, f64, f64)],
    hr_max_bpm: f64,
    hr_rest_bpm: f64,
) -> Option<(f64, usize)> {
    let mut v: Vec<f64> = runs
        .iter()
        .filter_map(|&(d, t, hr)| vdot_from_heart_rate(d, t, hr, hr_max_bpm, hr_rest_bpm))
        .collect();
    if v.len() < 3 {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((median, n))
}

/// Riegel's endurance formula: T2 = T1 × (D2 / D1)^1.06.
///
/// Riegel PS 1981, "Athletic records and human endurance", American Scientist 69:285. Meant for efforts
/// of roughly 3.5 min to 4 h. Returns 0 if any input is non-positive or non-finite.
/// Example: 5 km in 20:00 → 10 km in 41:42.
pub fn riegel_time_s(t1_s: f64, d1_m: f64, d2_m: f64) -> f64 {
    let (t1, d1, d2) = (amount(t1_s), amount(d1_m), amount(d2_m));
    if t1 == 0.0 || d1 == 0.0 || d2 == 0.0 {
        return 0.0;
    }
    t1 * (d2 / d1).powf(RIEGEL_EXPONENT)
}

/// Riegel's fatigue exponent for running (Riegel 1981, American Scientist 69:285).
pub const RIEGEL_EXPONENT: f64 = 1.06;

fn vdot_unchecked(distance_m: f64, time_s: f64) -> f64 {
    let minutes = time_s / 60.0;
    vo2_at_velocity(distance_m / minutes) / fraction_vo2max_sustainable(minutes)
}

/// The VDOTs this module's race times and paces are computed for (others are clamped into it): from a
/// 10 (a brisk walk) to 100 (beyond the best performances, about 85). A race whose [`vdot`] falls outside it
/// is not a plausible running result.
pub const VDOT_RANGE: (f64, f64) = (10.0, 100.0);

fn clamp_vdot(vdot: f64) -> f64 {
    if vdot.is_nan() {
        VDOT_RANGE.0
    } else {
        vdot.clamp(VDOT_RANGE.0, VDOT_RANGE.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// "h:mm:ss" or "mm:ss" to seconds.
    fn secs(s: &str) -> f64 {
        s.split(':')
            .fold(0.0, |acc, part| acc * 60.0 + part.parse::<f64>().unwrap())
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    const HALF: f64 = 21_097.5;
    const MARATHON: f64 = 42_195.0;

    /// Daniels' Running Formula, 3rd ed., Table 5.1 (VDOT → 5 km, 10 km, half, marathon), VDOT 40/50/60.
    const RACE_TABLE: [(f64, [&str; 4]); 3] = [
        (40.0, ["24:08", "50:03", "1:50:59", "3:49:45"]),
        (50.0, ["19:57", "41:21", "1:31:35", "3:10:49"]),
        (60.0, ["17:03", "35:22", "1:18:09", "2:43:25"]),
    ];

    #[test]
    fn equations_worked_examples() {
        assert!(close(vo2_at_velocity(250.0), -4.6 + 45.5645 + 6.5, 1e-9));
        assert!(close(fraction_vo2max_sustainable(20.0), 0.95298, 1e-4));
        assert!(close(fraction_vo2max_sustainable(0.0), 1.2884, 1e-4));
        assert!(close(fraction_vo2max_sustainable(-5.0), 1.2884, 1e-4));
    }

    #[test]
    fn vdot_from_daniels_race_table() {
        for (expected, times) in RACE_TABLE {
            for (d, t) in [5000.0, 10_000.0, HALF, MARATHON].into_iter().zip(times) {
                let v = vdot(d, secs(t));
                assert!(close(v, expected, 0.1), "{d} m in {t}: VDOT {v}");
            }
        }
        assert_eq!(vdot(0.0, 1200.0), 0.0);
        assert_eq!(vdot(5000.0, f64::NAN), 0.0);
    }

    #[test]
    fn race_times_match_daniels_table_within_a_fifth_of_a_percent() {
        for (v, times) in RACE_TABLE {
            for (d, t) in [5000.0, 10_000.0, HALF, MARATHON].into_iter().zip(times) {
                let got = race_time_s(v, d);
                let want = secs(t);
                assert!(
                    (got - want).abs() / want < 0.002,
                    "VDOT {v}, {d} m: {got} vs {want}"
                );
            }
        }
        assert_eq!(race_time_s(50.0, 0.0), 0.0);
        assert_eq!(race_time_s(f64::NAN, 5000.0), 0.0);
    }

    #[test]
    fn training_paces_match_daniels_table() {
        // Daniels' Running Formula, 3rd ed., Table 5.2, per km: E fast–slow, M, T, I (km column),
        // R from the 400 m column × 2.5.
        let table = [
            (40.0, ("5:56", "6:38"), "5:29", "5:06", "4:42", 104.0 * 2.5),
            (50.0, ("4:56", "5:34"), "4:31", "4:15", "3:55", 87.0 * 2.5),
            (60.0, ("4:15", "4:49"), "3:52", "3:40", "3:23", 75.0 * 2.5),
        ];
        for (v, (e_fast, e_slow), m, t, i, r) in table {
            let p = training_paces(v);
            let check = |name: &str, got: f64, want: f64| {
                assert!(close(got, want, 3.0), "VDOT {v} {name}: {got:.1} vs {want}");
            };
            check("E fast", p.easy_s_per_km.0, secs(e_fast));
            check("E slow", p.easy_s_per_km.1, secs(e_slow));
            check("M", p.marathon_s_per_km, secs(m));
            check("T", p.threshold_s_per_km, secs(t));
            check("I", p.interval_s_per_km, secs(i));
            check("R", p.repetition_s_per_km, r);
            assert!(p.easy_s_per_km.0 < p.easy_s_per_km.1);
            assert!(p.easy_s_per_km.0 > p.marathon_s_per_km);
            assert!(p.marathon_s_per_km > p.threshold_s_per_km);
            assert!(p.threshold_s_per_km > p.interval_s_per_km);
            assert!(p.interval_s_per_km > p.repetition_s_per_km);
        }
        assert!(close(pace_s_per_km_at(50.0, 0.88), 255.0, 1.0));
    }

    #[test]
    fn pace_windows_bracket_daniels_paces() {
        // Daniels' Table 5.2 at VDOT 50: T 4:15, I 3:55 per km.
        let t = (
            pace_s_per_km_at(50.0, THRESHOLD_FRACTION_RANGE.1),
            pace_s_per_km_at(50.0, THRESHOLD_FRACTION_RANGE.0),
        );
        let i = (
            pace_s_per_km_at(50.0, INTERVAL_FRACTION_RANGE.1),
            pace_s_per_km_at(50.0, INTERVAL_FRACTION_RANGE.0),
        );
        assert!(t.0 < secs("4:15") && secs("4:15") < t.1, "{t:?}");
        assert!(i.0 < secs("3:55") && secs("3:55") < i.1, "{i:?}");
        assert!(t.1 - t.0 < 10.0 && i.1 - i.0 < 10.0);
    }

    #[test]
    fn daniels_session_rules() {
        assert_eq!(INTERVAL_BOUT_MINUTES, [3.0, 4.0, 5.0]);
        assert_eq!((INTERVAL_MAX_KM, INTERVAL_MAX_WEEKLY_SHARE), (10.0, 0.08));
        assert_eq!(TEMPO_CONTINUOUS_MAX_MINUTES, 20.0);
        assert!(close(CRUISE_REST_PER_WORK_MINUTE * 5.0, 1.0, 1e-12));
        assert_eq!(THRESHOLD_MAX_WEEKLY_SHARE, 0.10);
        assert_eq!(WARM_UP_MINUTES, (10.0, 15.0));
        assert_eq!(THRESHOLD_HR_MAX_FRACTION, (0.88, 0.92));
    }

    #[test]
    fn vdot_from_heart_rate_inverts_swain() {
        // A VDOT-50 runner at 5:15 /km: VO2 = 33.89; %VO2R = (33.89 − 3.5)/(50 − 3.5) = 0.6536; with HR
        // 60–185 that is 141.7 bpm.
        let v = 1000.0 / 315.0 * 60.0;
        let vo2 = vo2_at_velocity(v);
        assert!(close(vo2, 33.89, 0.01));
        let reserve = (vo2 - 3.5) / (50.0 - 3.5);
        let hr = 60.0 + reserve * 125.0;
        let est =
            vdot_from_heart_rate(40.0 * 60.0 / 315.0 * 1000.0, 2400.0, hr, 185.0, 60.0).unwrap();
        assert!(close(est, 50.0, 1e-6), "{est}");
        // A higher heart rate at the same pace means a lower VDOT.
        let tired = vdot_from_heart_rate(7619.0, 2400.0, hr + 10.0, 185.0, 60.0).unwrap();
        assert!(tired < 46.0);
        // Unusable runs.
        assert_eq!(vdot_from_heart_rate(3000.0, 900.0, hr, 185.0, 60.0), None); // 15 min
        assert_eq!(
            vdot_from_heart_rate(7619.0, 2400.0, 100.0, 185.0, 60.0),
            None
        ); // 32 % HRR
        assert_eq!(
            vdot_from_heart_rate(7619.0, 2400.0, 185.0, 185.0, 60.0),
            None
        ); // all-out
        assert_eq!(vdot_from_heart_rate(3000.0, 2400.0, hr, 185.0, 60.0), None); // a walk
        assert_eq!(
            vdot_from_heart_rate(f64::NAN, 2400.0, hr, 185.0, 60.0),
            None
        );
        assert_eq!(vdot_from_heart_rate(7619.0, 2400.0, hr, 70.0, 60.0), None);
    }

    #[test]
    fn vdot_from_runs_takes_the_median_of_three_or_more() {
        let run = |hr: f64| (7619.0, 2400.0, hr);
        assert_eq!(vdot_from_runs(&[run(141.7), run(141.7)], 185.0, 60.0), None);
        let (v, n) = vdot_from_runs(
            &[run(141.7), run(150.0), run(141.7), run(100.0)],
            185.0,
            60.0,
        )
        .unwrap();
        assert_eq!(n, 3);
        assert!(close(v, 50.0, 0.1), "{v}");
    }

    #[test]
    fn riegel_worked_examples() {
        assert!(close(
            riegel_time_s(1200.0, 5000.0, 10_000.0),
            1200.0 * 2f64.powf(1.06),
            1e-9
        ));
        assert!(close(
            riegel_time_s(1200.0, 5000.0, 10_000.0),
            secs("41:42"),
            1.0
        ));
        assert!(close(
            riegel_time_s(secs("1:40:00"), HALF, MARATHON),
            secs("3:28:30"),
            1.0
        ));
        assert!(close(riegel_time_s(1200.0, 5000.0, 5000.0), 1200.0, 1e-9));
        assert_eq!(riegel_time_s(1200.0, 0.0, 10_000.0), 0.0);
        assert_eq!(riegel_time_s(f64::NAN, 5000.0, 10_000.0), 0.0);
    }

    proptest! {
        #[test]
        fn race_time_rises_with_distance_and_falls_with_vdot(
            v1 in 20.0f64..90.0, v2 in 20.0f64..90.0, d1 in 400.0f64..100_000.0, d2 in 400.0f64..100_000.0,
        ) {
            let (va, vb) = (v1.min(v2), v1.max(v2));
            let (da, db) = (d1.min(d2), d1.max(d2));
            prop_assert!(race_time_s(va, da) <= race_time_s(va, db));
            prop_assert!(race_time_s(vb, da) <= race_time_s(va, da));
        }

        #[test]
        fn vdot_and_race_time_invert_each_other(v in 20.0f64..90.0, d in 800.0f64..50_000.0) {
            let t = race_time_s(v, d);
            prop_assert!((vdot(d, t) - v).abs() < 1e-3);
        }
    }
}
