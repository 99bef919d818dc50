//! Personal experiments on simulated athletes with a known true effect (and with none): the 95 % intervals
//! cover the truth in 95 % of experiments, athletes without an effect hear "no detectable difference" at
//! the stated rate, and the minimum length has the power it claims — each within the Monte-Carlo error of
//! the number of experiments run (3 binomial standard errors, stated per check).
//!
//! The athlete: an outcome observed daily (or on training days only), with a level, a linear trend, the
//! true difference between the arms (switching in and out with a half-day time constant — the washout's
//! business), a shock per calendar week and AR(1) day-to-day noise; some days missing.
//!
//! Budget: every check runs in well under a second in a debug build (the whole file in a few seconds on
//! one core), so CI can afford the counts below.

use std::collections::BTreeSet;

use afterlift_core::experiment::{
    Arm, ArmNames, DesignParams, LogInput, Observation, OutcomeKind, OutcomeSpec, Protocol,
    ReportInput, Schedule, Setup, Status, Variability, Verdict, analyse, history_window,
    min_length, observations, power, propose, report,
};
use afterlift_core::session::{Activity, Sample, Sport, Wellness};
use afterlift_core::{Athlete, catalogue::Aliases};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal, StandardNormal};

/// A simulated athlete's outcome.
#[derive(Debug, Clone, Copy)]
struct Truth {
    level: f64,
    /// Per day.
    trend: f64,
    /// The true difference A − B once established.
    effect: f64,
    /// AR(1) coefficient of the day-to-day noise, and the SD of its innovations.
    phi: f64,
    innovation_sd: f64,
    /// SD of a shock shared by the days of a calendar week (stress, sleep, work).
    week_sd: f64,
    /// The chance a day has no observation.
    missing: f64,
    /// Observed only on these weekdays (0 = the start's weekday), e.g. training days; `None`: every day.
    days: Option<&'static [i64]>,
    /// The time constant, days, with which the arm's effect sets in and fades.
    carryover_days: f64,
}

const START: Date = date(2025, 1, 6);

/// The observations of one experiment on `s`.
fn simulate(truth: &Truth, s: &Schedule, rng: &mut ChaCha8Rng) -> Vec<Observation> {
    let n = i64::from(s.weeks()) * 7;
    let stationary = truth.innovation_sd / (1.0 - truth.phi * truth.phi).sqrt();
    let z = |rng: &mut ChaCha8Rng| -> f64 { StandardNormal.sample(rng) };
    let mut e: f64 = stationary * z(rng);
    let mut week_shock = 0.0;
    let mut effect = 0.0;
    let mut out = Vec::new();
    for k in 0..n {
        let d = START.checked_add(k.days()).unwrap();
        if k % 7 == 0 {
            week_shock = truth.week_sd * z(rng);
        }
        if k > 0 {
            e = truth.phi * e + truth.innovation_sd * z(rng);
        }
        // The effect approaches the arm's value exponentially (carry-over from the period before).
        let target = if s.arm_on(d) == Some(Arm::A) {
            truth.effect
        } else {
            0.0
        };
        let keep = (-1.0 / truth.carryover_days).exp();
        effect = target + (effect - target) * keep;
        let value = truth.level + truth.trend * k as f64 + effect + week_shock + e;
        let observed = truth.days.is_none_or(|days| days.contains(&(k % 7)));
        let u: f64 = rng.random();
        if observed && u >= truth.missing {
            out.push(Observation { date: d, value });
        }
    }
    out
}

fn schedule(seed: u64, period_weeks: u8, washout_days: u8, blocks: u32) -> Schedule {
    propose(
        seed,
        &DesignParams {
            start: START,
            period_weeks,
            washout_days,
            blocks,
        },
    )
    .unwrap()
}

struct Run {
    experiments: usize,
    covered: usize,
    detected: usize,
    widths: f64,
}

/// `experiments` simulated experiments of `truth` on fresh schedules: how often the interval covers the
/// true effect and how often a difference is declared.
fn run(
    truth: &Truth,
    period_weeks: u8,
    washout_days: u8,
    blocks: u32,
    experiments: usize,
    seed: u64,
) -> Run {
    let spec = OutcomeSpec {
        kind: OutcomeKind::RestingHr,
        smallest_effect: 1.0,
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut r = Run {
        experiments,
        covered: 0,
        detected: 0,
        widths: 0.0,
    };
    for i in 0..experiments {
        let s = schedule(
            seed.wrapping_mul(1_000_003) + i as u64,
            period_weeks,
            washout_days,
            blocks,
        );
        let obs = simulate(truth, &s, &mut rng);
        let a = analyse(&spec, &obs, &s, s.end(), blocks, &BTreeSet::new());
        let e = a
            .estimate
            .expect("every simulated experiment has enough periods");
        r.covered += usize::from(e.interval.contains(truth.effect));
        r.detected += usize::from(!matches!(a.verdict, Verdict::NoDetectableDifference { .. }));
        r.widths += e.interval.high - e.interval.low;
    }
    r
}

/// 3 binomial standard errors of a rate `p` over `n` trials.
fn tolerance(p: f64, n: usize) -> f64 {
    3.0 * (p * (1.0 - p) / n as f64).sqrt()
}

/// A resting heart rate read daily: falling 0.02 bpm a day, A 1.5 bpm lower, strongly autocorrelated
/// days (φ = 0.6), weekly shocks, 15 % of mornings missing.
const DAILY: Truth = Truth {
    level: 55.0,
    trend: -0.02,
    effect: -1.5,
    phi: 0.6,
    innovation_sd: 2.0,
    week_sd: 0.8,
    missing: 0.15,
    days: None,
    carryover_days: 0.5,
};

/// An e1RM read on three training days a week: rising 0.05 kg a day, A 1 kg stronger, φ = 0.7.
const SESSIONS: Truth = Truth {
    level: 120.0,
    trend: 0.05,
    effect: 1.0,
    phi: 0.7,
    innovation_sd: 2.0,
    week_sd: 1.0,
    missing: 0.1,
    days: Some(&[0, 2, 4]),
    carryover_days: 0.5,
};

/// Experiments per coverage check: 3 SE of 95 % over 1,500 is ±1.7 points.
const COVERAGE_RUNS: usize = 1500;

#[test]
fn intervals_cover_the_true_effect_95_percent_of_the_time() {
    for (name, truth, weeks, washout, blocks, seed) in [
        ("daily, 1-week periods", DAILY, 1, 2, 6, 11),
        ("training days, 2-week periods", SESSIONS, 2, 3, 4, 12),
        ("daily, short experiment", DAILY, 1, 2, 3, 13),
    ] {
        let r = run(&truth, weeks, washout, blocks, COVERAGE_RUNS, seed);
        let coverage = r.covered as f64 / r.experiments as f64;
        let tol = tolerance(0.95, r.experiments);
        println!(
            "{name}: coverage {:.1} % of {} (±{:.1}), mean width {:.2}",
            coverage * 100.0,
            r.experiments,
            tol * 100.0,
            r.widths / r.experiments as f64
        );
        assert!(
            (coverage - 0.95).abs() <= tol,
            "{name}: {coverage} of {} intervals cover the true effect; 0.95 ± {tol}",
            r.experiments
        );
    }
}

/// Experiments per false-positive check: 3 SE of 5 % over 1,500 is ±1.7 points.
const NULL_RUNS: usize = 1500;

#[test]
fn without_an_effect_no_detectable_difference_at_the_stated_rate() {
    for (name, truth, weeks, washout, blocks, seed) in [
        (
            "daily, no effect",
            Truth {
                effect: 0.0,
                ..DAILY
            },
            1,
            2,
            5,
            21,
        ),
        (
            "training days, no effect, no washout",
            Truth {
                effect: 0.0,
                ..SESSIONS
            },
            1,
            0,
            8,
            22,
        ),
    ] {
        let r = run(&truth, weeks, washout, blocks, NULL_RUNS, seed);
        let none = 1.0 - r.detected as f64 / r.experiments as f64;
        let tol = tolerance(0.95, r.experiments);
        println!(
            "{name}: \"no detectable difference\" in {:.1} % of {} (±{:.1})",
            none * 100.0,
            r.experiments,
            tol * 100.0
        );
        assert!(
            (none - 0.95).abs() <= tol,
            "{name}: {none} said no detectable difference; 0.95 ± {tol}"
        );
    }
}

/// The SD of a period's mean for a truth observed daily without gaps: the week's shock plus the mean of
/// the AR(1) noise over the `days` counted days (γ₀ / m² Σᵢⱼ φ^|i−j|).
fn period_sd(truth: &Truth, days: usize) -> f64 {
    let gamma0 = truth.innovation_sd.powi(2) / (1.0 - truth.phi.powi(2));
    let mut sum = 0.0;
    for i in 0..days {
        for j in 0..days {
            sum += truth.phi.powi((i as i32 - j as i32).abs());
        }
    }
    (truth.week_sd.powi(2) + gamma0 * sum / (days * days) as f64).sqrt()
}

/// Experiments per power check: 3 SE of 80 % over 1,200 is ±3.5 points.
const POWER_RUNS: usize = 1200;

#[test]
fn the_minimum_length_has_the_power_it_claims() {
    let truth = Truth {
        missing: 0.0,
        phi: 0.5,
        ..DAILY
    };
    let sd = period_sd(&truth, 5);
    // The smallest effect the athlete cares about: about one period SD.
    let effect = -1.2 * sd;
    let v = Variability {
        sd,
        lag1: None,
        periods: 26,
        from: date(2024, 7, 8),
        to: date(2025, 1, 5),
    };
    let m = min_length(&v, effect.abs(), 1).unwrap();
    let mut last = f64::INFINITY;
    for blocks in [m.blocks, (m.blocks / 2).max(2)] {
        let r = run(
            &Truth { effect, ..truth },
            1,
            2,
            blocks,
            POWER_RUNS,
            31 + u64::from(blocks),
        );
        let simulated = r.detected as f64 / r.experiments as f64;
        let claimed = power(blocks, sd, None, effect);
        let tol = tolerance(claimed, r.experiments);
        println!(
            "{blocks} blocks (minimum {}): power claimed {:.1} %, simulated {:.1} % of {} (±{:.1})",
            m.blocks,
            claimed * 100.0,
            simulated * 100.0,
            r.experiments,
            tol * 100.0
        );
        // The calculation ignores the small positive correlation of adjacent periods, which only helps:
        // the simulated power may exceed the claim by a little more than the Monte-Carlo error.
        assert!(
            simulated >= claimed - tol && simulated <= claimed + tol + 0.03,
            "{blocks} blocks: simulated power {simulated}, claimed {claimed} ± {tol}"
        );
        assert!(simulated < last, "fewer blocks, less power");
        last = simulated;
    }
    assert!(m.power >= 0.8 && last < 0.7);
}

#[test]
fn the_variability_read_from_history_is_the_period_sd() {
    // 300 athletes' 26 weeks before the start, no arms: the mean of the estimated variances is the true one.
    let truth = Truth {
        missing: 0.0,
        phi: 0.5,
        effect: 0.0,
        ..DAILY
    };
    let want = period_sd(&truth, 5).powi(2);
    let history_start = START.checked_sub(182.days()).unwrap();
    let dummy = schedule(0, 1, 2, 13);
    let mut rng = ChaCha8Rng::seed_from_u64(41);
    let n = 300;
    let mut sum = 0.0;
    for _ in 0..n {
        // Simulate 26 weeks as if they were an experiment, then move them before the start.
        let obs: Vec<Observation> = simulate(&truth, &dummy, &mut rng)
            .into_iter()
            .map(|o| Observation {
                date: history_start
                    .checked_add(START.until(o.date).unwrap())
                    .unwrap(),
                value: o.value,
            })
            .collect();
        let v = afterlift_core::experiment::variability(&obs, START, 1, 2, true).unwrap();
        assert_eq!(v.periods, 26);
        sum += v.sd.powi(2);
    }
    let mean = sum / n as f64;
    // The variance estimate's SD is about √(2/24) of the variance per athlete.
    let tol = 3.0 * want * (2.0f64 / 24.0).sqrt() / (n as f64).sqrt();
    println!("variance of period means: true {want:.3}, mean estimate {mean:.3} (±{tol:.3})");
    assert!((mean - want).abs() <= tol, "{mean} vs {want} ± {tol}");
}

// ---- The whole pipeline, from core's log types to the report ----

fn athlete() -> Athlete {
    Athlete {
        max_hr_bpm: Some(190.0),
        ..Athlete::example()
    }
}

/// A log of `weeks` weeks from `from`: a morning check-in every day (resting HR lower by `effect_a` bpm
/// after A days), an easy run every other day, drawn from `seed`.
fn generated_log(
    s: Option<&Schedule>,
    from: Date,
    days: i64,
    effect_a: f64,
    seed: u64,
) -> (Vec<(Date, Wellness)>, Vec<Activity>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let noise = Normal::new(0.0, 1.5).unwrap();
    let mut wellness = Vec::new();
    let mut runs = Vec::new();
    for k in 0..days {
        let day = from.checked_add(k.days()).unwrap();
        let after_a = s.and_then(|s| s.arm_on(day)) == Some(Arm::A);
        let rhr = 56.0 - if after_a { effect_a } else { 0.0 } + noise.sample(&mut rng);
        wellness.push((
            day.tomorrow().unwrap(),
            Wellness {
                resting_hr_bpm: Some((rhr * 10.0).round() / 10.0),
                soreness: Some(if after_a { 3 } else { 2 }),
                pain: k == 20,
                ..Wellness::default()
            },
        ));
        if k % 2 == 0 {
            let started_at = day
                .at(7, 0, 0, 0)
                .to_zoned(TimeZone::UTC)
                .unwrap()
                .timestamp();
            let speed = 2.9 + 0.05 * noise.sample(&mut rng) as f32 / 1.5;
            let samples = (0..180u32)
                .map(|i| Sample {
                    offset_s: i * 10,
                    hr_bpm: Some(128 + (i % 5) as u8),
                    speed_mps: Some(speed),
                    ..Sample::default()
                })
                .collect();
            runs.push(Activity {
                sport: Sport::Run,
                started_at,
                utc_offset_s: Some(0),
                timer_s: 1800.0,
                elapsed_s: 1800.0,
                distance_m: Some(5300.0),
                avg_hr_bpm: Some(130.0),
                max_hr_bpm: None,
                calories_kcal: None,
                rpe: Some(3.0),
                source: "sim".into(),
                samples,
                laps: Vec::new(),
            });
        }
    }
    (wellness, runs)
}

fn setup() -> Setup {
    Setup {
        question: "Does an easy run right after lifting leave me worse off the next morning than a run on a \
                   separate day?"
            .into(),
        arms: ArmNames {
            a: "easy run right after lifting".into(),
            b: "easy run on a separate day".into(),
        },
        primary: OutcomeSpec {
            kind: OutcomeKind::RestingHr,
            smallest_effect: 2.0,
        },
        secondary: vec![
            OutcomeSpec {
                kind: OutcomeKind::EasyRunEfficiency { ceiling_bpm: None },
                smallest_effect: 0.02,
            },
            OutcomeSpec {
                kind: OutcomeKind::Soreness,
                smallest_effect: 1.0,
            },
        ],
        start: START,
        period_weeks: 1,
        washout_days: 2,
        blocks: None,
    }
}

/// The protocol from a generated history and the report on a generated experiment.
fn pipeline(
    seed: u64,
    effect_a: f64,
    as_of: Date,
    stopped_on: Option<Date>,
) -> (Protocol, afterlift_core::experiment::ExperimentReport) {
    let athlete = athlete();
    let aliases = Aliases::default();
    let tz = TimeZone::UTC;
    // 26 weeks of history before the start, no experiment.
    let (history_from, history_to) = history_window(START).unwrap();
    let (wellness, runs) = generated_log(None, history_from, 182, 0.0, seed);
    let log = LogInput {
        athlete: &athlete,
        time_zone: &tz,
        aliases: &aliases,
        activities: &runs,
        lifts: &[],
        wellness: &wellness,
        adherence: &[],
    };
    let setup = setup();
    let history = observations(&setup.primary.kind, &log, history_from, history_to);
    let protocol = Protocol::new(
        setup,
        seed,
        START.checked_sub(3.days()).unwrap(),
        &athlete,
        &history,
    )
    .unwrap();
    let s = &protocol.schedule;
    let days = i64::from(s.weeks()) * 7;
    let (wellness, runs) = generated_log(Some(s), START, days, effect_a, seed + 1);
    // The athlete followed the other arm on three days.
    let followed: Vec<(Date, Arm)> = s
        .periods
        .iter()
        .flat_map(|p| p.start.series(1.day()).take(7).map(|d| (d, p.arm)))
        .enumerate()
        .map(|(i, (d, arm))| {
            (
                d,
                if matches!(i, 3 | 17 | 30) {
                    arm.other()
                } else {
                    arm
                },
            )
        })
        .collect();
    let log = LogInput {
        wellness: &wellness,
        activities: &runs,
        ..log
    };
    let input = ReportInput {
        log,
        followed: &followed,
        as_of,
        stopped_on,
    };
    let r = report(&protocol, &input);
    (protocol, r)
}

#[test]
fn the_same_seed_gives_the_same_report() {
    let as_of = date(2025, 12, 1);
    let (p1, r1) = pipeline(5, 3.0, as_of, None);
    let (p2, r2) = pipeline(5, 3.0, as_of, None);
    assert_eq!(p1, p2);
    assert_eq!(r1, r2);
    assert_eq!(
        serde_json::to_string(&r1).unwrap(),
        serde_json::to_string(&r2).unwrap()
    );
    assert_eq!(r1.to_markdown(), r2.to_markdown());
    // Another seed, another order (the minimum length comes from the history, so it may differ too).
    let (p3, _) = pipeline(6, 3.0, as_of, None);
    assert_ne!(p1.schedule.orders(), p3.schedule.orders());
    // The protocol and the report survive JSON.
    let back: Protocol = serde_json::from_str(&serde_json::to_string(&p1).unwrap()).unwrap();
    assert_eq!(back, p1);
    // serde_json reads a float back to the nearest value of its shortest text, not always to the same
    // bits; what the athlete reads is the same, and a second trip changes nothing.
    let back: afterlift_core::experiment::ExperimentReport =
        serde_json::from_str(&serde_json::to_string(&r1).unwrap()).unwrap();
    assert_eq!(back.to_markdown(), r1.to_markdown());
    let again: afterlift_core::experiment::ExperimentReport =
        serde_json::from_str(&serde_json::to_string(&back).unwrap()).unwrap();
    assert_eq!(again, back);
}

#[test]
fn the_report_finds_a_real_effect_and_says_so_plainly() {
    let (p, r) = pipeline(5, 3.0, date(2025, 12, 1), None);
    assert_eq!(r.status, Status::Finished);
    let v = p.variability.expect("26 weeks of mornings");
    assert!((0.4..1.2).contains(&v.sd), "{v:?}");
    assert!(p.min_blocks >= 2 && p.min_length.unwrap().power >= 0.8);
    let primary = &r.results[0];
    assert!(primary.primary);
    assert_eq!(primary.by_schedule.verdict, Verdict::Better { arm: Arm::A });
    let e = primary.by_schedule.estimate.unwrap();
    assert!(e.interval.contains(-3.0), "{e:?}");
    assert!(
        primary
            .summary
            .contains("better with A (easy run right after lifting)"),
        "{}",
        primary.summary
    );
    assert!(primary.summary.contains("% lower"), "{}", primary.summary);
    // Three deviations are recorded and the per-protocol analysis leaves their days out.
    assert_eq!(r.adherence.deviations.len(), 3);
    assert_eq!(r.adherence.days_tagged, r.adherence.days);
    let pp = primary.per_protocol.as_ref().unwrap();
    assert!(pp.excluded >= 1);
    // Soreness is 1 point higher after A days, exactly.
    let soreness = &r.results[2];
    assert_eq!(
        soreness.by_schedule.verdict,
        Verdict::Better { arm: Arm::B }
    );
    // The easy runs are the same in both arms.
    assert!(matches!(
        r.results[1].by_schedule.verdict,
        Verdict::NoDetectableDifference { .. }
    ));
    assert!(
        r.verdict
            .starts_with(&format!("After {} weeks", p.schedule.weeks()))
    );
    assert!(r.verdict.contains("Exploratory:"));
    assert_eq!(r.harms.pain_days.a + r.harms.pain_days.b, 1);
    let md = r.to_markdown();
    for section in [
        "# Personal experiment:",
        "## Verdict",
        "## Design",
        "## Outcomes (declared 2025-01-03, before the start)",
        "## Statistical methods",
        "## Adherence and deviations",
        "## Results",
        "## Harms",
        "## Caveats",
        "n-of-1 result: it describes you",
        "per protocol",
        "not medical advice",
    ] {
        assert!(
            md.to_lowercase().contains(&section.to_lowercase()),
            "{section}\n{md}"
        );
    }
}

#[test]
fn before_the_minimum_it_says_how_many_weeks_are_left() {
    // Two weeks in: one block of the minimum done.
    let (p, r) = pipeline(5, 3.0, START.checked_add(14.days()).unwrap(), None);
    assert_eq!(r.status, Status::Running);
    assert_eq!(r.design.finished_blocks, 1);
    let weeks_left = (p.min_blocks - 1) * 2;
    match &r.results[0].by_schedule.verdict {
        Verdict::NotEnoughData {
            more_weeks: Some(w),
            ..
        } => assert_eq!(*w, weeks_left),
        other => panic!("{other:?}"),
    }
    assert!(r.results[0].by_schedule.estimate.is_none());
    assert!(
        r.verdict
            .contains(&format!("not enough data yet — {weeks_left} more weeks")),
        "{}",
        r.verdict
    );
    // Before the start: nothing to analyse.
    let (_, r) = pipeline(5, 3.0, START, None);
    assert_eq!(r.status, Status::NotStarted);
    assert!(r.verdict.starts_with("Not started"));
    // Stopped after three weeks: no more weeks to promise, and no estimate.
    let (_, r) = pipeline(
        5,
        3.0,
        date(2025, 6, 1),
        Some(START.checked_add(20.days()).unwrap()),
    );
    assert_eq!(r.status, Status::StoppedEarly);
    assert!(r.verdict.contains("stopped early"), "{}", r.verdict);
    match &r.results[0].by_schedule.verdict {
        Verdict::NotEnoughData {
            more_weeks: None,
            reason,
        } => assert!(reason.ends_with("the experiment was stopped"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

/// The calibration over harder settings, for `docs/experiments.md` (20,000 experiments each; run in release:
/// `cargo test --release -p afterlift-core --test experiment_simulation -- --ignored --nocapture`).
#[test]
#[ignore = "a long table for the documentation, not a check"]
fn calibration_table() {
    let n = 20_000;
    println!("| setting | coverage | \"no detectable difference\" without an effect |");
    println!("|---|---|---|");
    for (name, truth, weeks, washout, blocks) in [
        (
            "daily, φ 0.6, weekly shocks, 15 % missing, 6 × 1 wk, washout 2",
            DAILY,
            1,
            2,
            6,
        ),
        ("the same, 3 blocks", DAILY, 1, 2, 3),
        (
            "3 training days a week, φ 0.7, 4 × 2 wk, washout 3",
            SESSIONS,
            2,
            3,
            4,
        ),
        (
            "daily, φ 0.3, no weekly shocks, no washout, 6 × 1 wk",
            Truth {
                phi: 0.3,
                week_sd: 0.0,
                ..DAILY
            },
            1,
            0,
            6,
        ),
        (
            "daily, φ 0.9, weekly shocks, 6 × 1 wk, washout 2",
            Truth { phi: 0.9, ..DAILY },
            1,
            2,
            6,
        ),
        (
            "daily, φ 0.9, no washout, 6 × 1 wk",
            Truth { phi: 0.9, ..DAILY },
            1,
            0,
            6,
        ),
        (
            "daily, carry-over τ 3 days, washout 2",
            Truth {
                carryover_days: 3.0,
                ..DAILY
            },
            1,
            2,
            6,
        ),
        (
            "daily, carry-over τ 3 days, no washout",
            Truth {
                carryover_days: 3.0,
                ..DAILY
            },
            1,
            0,
            6,
        ),
        (
            "daily, steep trend (1 bpm/week)",
            Truth {
                trend: -1.0 / 7.0,
                ..DAILY
            },
            1,
            2,
            6,
        ),
    ] {
        let with = run(&truth, weeks, washout, blocks, n, 101);
        let without = run(
            &Truth {
                effect: 0.0,
                ..truth
            },
            weeks,
            washout,
            blocks,
            n,
            202,
        );
        println!(
            "| {name} | {:.1} % | {:.1} % |",
            100.0 * with.covered as f64 / n as f64,
            100.0 * (1.0 - without.detected as f64 / n as f64)
        );
    }
}

/// The power actually reached when the minimum length comes from 26 weeks of the athlete's own history
/// (its SD estimated, not known), for `docs/experiments.md`.
#[test]
#[ignore = "a long table for the documentation, not a check"]
fn realised_power_with_estimated_variability() {
    let truth = Truth {
        missing: 0.0,
        phi: 0.5,
        ..DAILY
    };
    let effect = -1.2 * period_sd(&truth, 5);
    let spec = OutcomeSpec {
        kind: OutcomeKind::RestingHr,
        smallest_effect: effect.abs(),
    };
    let history_start = START.checked_sub(182.days()).unwrap();
    let dummy = schedule(0, 1, 2, 13);
    let mut rng = ChaCha8Rng::seed_from_u64(303);
    let n = 5000;
    let (mut detected, mut blocks_sum, mut claimed_sum) = (0, 0u64, 0.0);
    for i in 0..n {
        let history: Vec<Observation> = simulate(
            &Truth {
                effect: 0.0,
                ..truth
            },
            &dummy,
            &mut rng,
        )
        .into_iter()
        .map(|o| Observation {
            date: history_start
                .checked_add(START.until(o.date).unwrap())
                .unwrap(),
            value: o.value,
        })
        .collect();
        let v = afterlift_core::experiment::variability(&history, START, 1, 2, true).unwrap();
        let blocks = min_length(&v, effect.abs(), 1).map_or(26, |m| m.blocks);
        blocks_sum += u64::from(blocks);
        claimed_sum += power(blocks, period_sd(&truth, 5), None, effect);
        let s = schedule(i, 1, 2, blocks);
        let obs = simulate(&Truth { effect, ..truth }, &s, &mut rng);
        let a = analyse(&spec, &obs, &s, s.end(), blocks, &BTreeSet::new());
        detected += usize::from(!matches!(a.verdict, Verdict::NoDetectableDifference { .. }));
    }
    println!(
        "minimum from 26 weeks of history: mean {:.1} blocks, power {:.1} % of {n} (true power at those lengths {:.1} %)",
        blocks_sum as f64 / n as f64,
        100.0 * detected as f64 / n as f64,
        100.0 * claimed_sum / n as f64
    );
}

#[test]
fn the_html_report_says_what_the_markdown_says_escaped() {
    let (_, mut r) = pipeline(5, 3.0, date(2025, 12, 1), None);
    r.question = "Run <script>alert(1)</script> & \"lift\"?".into();
    r.arms.a = "easy run | <b>straight</b> after".into();
    let md = r.to_markdown();
    let html = r.to_html();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.contains("<script") && !html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;lift&quot;"));
    assert!(html.contains("easy run | &lt;b&gt;straight&lt;/b&gt; after"));
    // Every section and every table row of the Markdown, in the same order.
    let headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    let mut at = 0;
    for h in &headings {
        let found = html[at..]
            .find(&format!("<h2>{}", h.split(' ').next().unwrap()))
            .unwrap_or_else(|| panic!("{h} in order"));
        at += found;
    }
    let md_rows = md.lines().filter(|l| l.starts_with('|')).count();
    let separators = md.lines().filter(|l| l.starts_with("|---")).count();
    assert_eq!(html.matches("<tr>").count(), md_rows - separators);
    // Nothing to fetch: no script, link, image or remote address.
    for never in ["<script", "<link", "<img", "http://", "https://", "src="] {
        assert!(!html.contains(never), "{never}");
    }
    assert!(html.contains(&r.disclaimer.replace('\'', "&#39;")));
}
