//! The analysis of one outcome ([`analyse`]): the difference A − B adjusted for a linear trend, with a 95 %
//! interval at the period level, and a verdict that says "not enough data yet" rather than guess.
//!
//! # Method
//! 1. Each finished period's mean of the outcome's observations, its washout days left out (for outcomes
//!    that use one) and, per protocol, the days the athlete did not follow the scheduled arm.
//! 2. Ordinary least squares of the period means on an intercept, the arm (A = 1, B = 0) and time (the
//!    midpoint of the period's counted days, in weeks): the arm's coefficient is the difference A − B at
//!    the same point of the trend.
//! 3. Its 95 % interval: ± t₀.₉₇₅ with (periods − 3) degrees of freedom × the standard error. The same interval
//!    is the 95 % posterior interval of a Bayesian normal regression with the reference prior (flat on the
//!    coefficients, 1/σ on the residual SD; Box & Tiao 1973, §2.7), so it may be read either way.
//!
//! Inference is at the period level: days inside a period are averaged, so their autocorrelation (a good
//! night followed by another) shrinks into the period mean's variance and cannot make the interval falsely
//! narrow, as a day-level test would (Senn 2002; Kravitz & Duan 2014 ch. 7). What is left between periods is
//! small once the washout separates them, and positive correlation of adjacent periods makes the interval
//! conservative here, because the two periods of a block always differ in arm. The simulation tests check
//! the coverage with AR(1) days, a trend, weekly shocks and missing days.
//!
//! # Verdict
//! Below the design's minimum number of finished blocks there is no estimate, only how many weeks are
//! left ([`Verdict::NotEnoughData`]): looking early and stopping on a lucky result would break the stated
//! error rates. Then: a 95 % interval holding 0 is [`Verdict::NoDetectableDifference`] (and says whether it
//! also rules out the smallest effect the athlete cares about); otherwise the better arm
//! ([`Verdict::Better`]) or, for an outcome where neither way is better, the higher ([`Verdict::Higher`]).

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::Arm;
use super::design::{ALPHA, Schedule};
use super::outcome::{Direction, Observation, OutcomeKind, OutcomeSpec, Scale};
use super::stats;
use crate::load::series::epoch_day;

/// The fewest periods with observations that give an interval: 4, one degree of freedom after the three
/// coefficients (intercept, arm, trend).
pub const MIN_PERIODS: usize = 4;
/// The fewest periods with observations of each arm: 2, so that an arm's level is not one period's noise
/// confounded with the trend. afterlift's choice.
pub const MIN_PERIODS_PER_ARM: usize = 2;

/// A closed interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// One finished period's mean of the outcome.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodMean {
    pub block: u32,
    pub arm: Arm,
    pub start: Date,
    pub end: Date,
    /// Days counted for the outcome (the period less its washout).
    pub days: u32,
    /// Observations averaged.
    pub observations: u32,
    /// `None` without an observation.
    pub mean: Option<f64>,
}

/// The adjusted difference A − B.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Estimate {
    /// A − B in the outcome's unit, at the same point of the trend.
    pub difference: f64,
    /// Its 95 % interval.
    pub interval: Interval,
    pub standard_error: f64,
    pub degrees_of_freedom: u32,
    /// The difference as a share of the mean level, in % (e^d − 1 for a logarithm); `None` for rating scales.
    pub percent: Option<f64>,
    pub percent_interval: Option<Interval>,
    /// The raw means of each arm's period means.
    pub mean_a: f64,
    pub mean_b: f64,
    /// The linear trend, outcome units per week.
    pub trend_per_week: f64,
    /// The SD of the period means around the fit.
    pub residual_sd: f64,
    /// The lag-1 autocorrelation of the residuals in date order, a check of the independence assumed.
    pub residual_lag1: Option<f64>,
    pub periods: u32,
}

/// What the data say about one outcome. (`ExperimentVerdict` in the OpenAPI document: the advice has its
/// own `Verdict`.)
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ExperimentVerdict))]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// No estimate yet. `more_weeks`: until the design's minimum (or, for an outcome short of periods with
    /// observations, the next block) is finished; `None` when the schedule has nothing left to give.
    NotEnoughData {
        more_weeks: Option<u32>,
        reason: String,
    },
    /// The 95 % interval holds 0. `rules_out_smallest_effect`: it also lies inside ± the smallest effect
    /// the athlete cares about, so a difference that large is unlikely.
    NoDetectableDifference { rules_out_smallest_effect: bool },
    /// The interval excludes 0 on the side where `arm` is better.
    Better { arm: Arm },
    /// For an outcome where neither way is better: the interval excludes 0 with `arm` higher.
    Higher { arm: Arm },
}

/// One outcome's analysis.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Analysis {
    /// Every finished period, with or without observations.
    pub periods: Vec<PeriodMean>,
    /// Observations counted.
    pub observations: u32,
    /// Observations left out for being on an excluded day (per protocol: a deviation).
    pub excluded: u32,
    /// Counted days (finished periods less washout) without an observation of this outcome.
    pub days_without_observation: u32,
    pub estimate: Option<Estimate>,
    pub verdict: Verdict,
}

/// `spec`'s analysis from `observations` on `schedule`, counting the periods finished by `through` (the
/// last day included) and leaving out `excluded` days; no estimate before `min_blocks` blocks are finished.
pub fn analyse(
    spec: &OutcomeSpec,
    observations: &[Observation],
    schedule: &Schedule,
    through: Date,
    min_blocks: u32,
    excluded: &BTreeSet<Date>,
) -> Analysis {
    let kind = &spec.kind;
    let finished: Vec<_> = schedule
        .periods
        .iter()
        .filter(|p| p.end <= through)
        .collect();
    let mut periods = Vec::with_capacity(finished.len());
    let (mut counted, mut dropped, mut empty_days) = (0u32, 0u32, 0u32);
    let mut times = Vec::with_capacity(finished.len());
    for p in &finished {
        let from = if kind.uses_washout() {
            p.outcomes_from
        } else {
            p.start
        };
        let (mut sum, mut n) = (0.0, 0u32);
        let mut seen = BTreeSet::new();
        for o in observations
            .iter()
            .filter(|o| (from..=p.end).contains(&o.date))
        {
            if excluded.contains(&o.date) {
                dropped += 1;
                continue;
            }
            sum += o.value;
            n += 1;
            seen.insert(o.date);
        }
        let days = (epoch_day(p.end) - epoch_day(from) + 1) as u32;
        empty_days += days - seen.len() as u32;
        counted += n;
        // Time: the middle of the counted days, in weeks from the start.
        let mid =
            (epoch_day(from) + epoch_day(p.end)) as f64 / 2.0 - epoch_day(schedule.start) as f64;
        times.push(mid / 7.0);
        periods.push(PeriodMean {
            block: p.block,
            arm: p.arm,
            start: p.start,
            end: p.end,
            days,
            observations: n,
            mean: (n > 0).then(|| sum / f64::from(n)),
        });
    }
    let finished_blocks = (0..schedule.blocks())
        .take_while(|&b| schedule.block_end(b).is_some_and(|end| end <= through))
        .count() as u32;
    let weeks_until = |block: u32| {
        schedule.block_end(block).map(|end| {
            let days = epoch_day(end) - epoch_day(through);
            days.div_euclid(7) as u32 + u32::from(days.rem_euclid(7) > 0)
        })
    };
    let mut analysis = Analysis {
        periods,
        observations: counted,
        excluded: dropped,
        days_without_observation: empty_days,
        estimate: None,
        verdict: Verdict::NotEnoughData {
            more_weeks: None,
            reason: String::new(),
        },
    };
    let min_blocks = min_blocks.min(schedule.blocks());
    if finished_blocks < min_blocks {
        analysis.verdict = Verdict::NotEnoughData {
            more_weeks: weeks_until(min_blocks - 1),
            reason: format!(
                "blocks finished: {finished_blocks} of the {min_blocks} the design needs"
            ),
        };
        return analysis;
    }
    let with_data = analysis.periods.iter().filter(|p| p.mean.is_some());
    let per_arm = |arm| with_data.clone().filter(|p| p.arm == arm).count();
    let total = with_data.clone().count();
    let enough = total >= MIN_PERIODS
        && per_arm(Arm::A) >= MIN_PERIODS_PER_ARM
        && per_arm(Arm::B) >= MIN_PERIODS_PER_ARM;
    let estimate = if enough {
        estimate(kind, &analysis.periods, &times)
    } else {
        None
    };
    match estimate {
        Some(e) => {
            analysis.verdict = verdict(kind.direction(), spec.smallest_effect, &e);
            analysis.estimate = Some(e);
        }
        None => {
            analysis.verdict = Verdict::NotEnoughData {
                more_weeks: weeks_until(finished_blocks),
                reason: format!(
                    "{total} of the {} finished periods have observations of {} (needed: {MIN_PERIODS}, \
                     {MIN_PERIODS_PER_ARM} of each arm)",
                    analysis.periods.len(),
                    kind.name()
                ),
            };
        }
    }
    analysis
}

fn estimate(kind: &OutcomeKind, periods: &[PeriodMean], times: &[f64]) -> Option<Estimate> {
    let rows: Vec<(usize, f64)> = periods
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p.mean?)))
        .collect();
    let n = rows.len() as f64;
    let t_mean = rows.iter().map(|&(i, _)| times[i]).sum::<f64>() / n;
    let x: Vec<[f64; 3]> = rows
        .iter()
        .map(|&(i, _)| {
            let a = if periods[i].arm == Arm::A { 1.0 } else { 0.0 };
            [1.0, a, times[i] - t_mean]
        })
        .collect();
    let y: Vec<f64> = rows.iter().map(|&(_, m)| m).collect();
    let fit = stats::ols(&x, &y)?;
    let difference = fit.coef[1];
    let se = (fit.sigma2 * fit.xtx_inv[1][1]).sqrt();
    let q = stats::t_quantile(1.0 - ALPHA / 2.0, fit.df as f64);
    let interval = Interval {
        low: difference - q * se,
        high: difference + q * se,
    };
    let arm_mean = |arm| {
        let v: Vec<f64> = periods
            .iter()
            .filter(|p| p.arm == arm)
            .filter_map(|p| p.mean)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let level = y.iter().sum::<f64>() / n;
    let (percent, percent_interval) = match kind.scale() {
        Scale::Ratio if level > 0.0 => (
            Some(100.0 * difference / level),
            Some(Interval {
                low: 100.0 * interval.low / level,
                high: 100.0 * interval.high / level,
            }),
        ),
        Scale::Log => (
            Some(100.0 * difference.exp_m1()),
            Some(Interval {
                low: 100.0 * interval.low.exp_m1(),
                high: 100.0 * interval.high.exp_m1(),
            }),
        ),
        _ => (None, None),
    };
    let residuals: Vec<Option<f64>> = {
        let mut out = vec![None; periods.len()];
        for (row, &(i, yi)) in x.iter().zip(&rows) {
            let fitted: f64 = (0..3).map(|j| row[j] * fit.coef[j]).sum();
            out[i] = Some(yi - fitted);
        }
        out
    };
    Some(Estimate {
        difference,
        interval,
        standard_error: se,
        degrees_of_freedom: fit.df as u32,
        percent,
        percent_interval,
        mean_a: arm_mean(Arm::A),
        mean_b: arm_mean(Arm::B),
        trend_per_week: fit.coef[2],
        residual_sd: fit.sigma2.sqrt(),
        residual_lag1: stats::lag1(&residuals),
        periods: rows.len() as u32,
    })
}

fn verdict(direction: Direction, smallest_effect: f64, e: &Estimate) -> Verdict {
    if e.interval.contains(0.0) {
        let s = smallest_effect.abs();
        return Verdict::NoDetectableDifference {
            rules_out_smallest_effect: s > 0.0 && e.interval.low > -s && e.interval.high < s,
        };
    }
    let higher = if e.difference > 0.0 { Arm::A } else { Arm::B };
    match direction {
        Direction::Higher => Verdict::Better { arm: higher },
        Direction::Lower => Verdict::Better {
            arm: higher.other(),
        },
        Direction::Neither => Verdict::Higher { arm: higher },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::design::{DesignParams, propose};
    use crate::load::series::date_from_epoch_day;
    use jiff::civil::date;

    fn schedule() -> Schedule {
        propose(
            3,
            &DesignParams {
                start: date(2025, 1, 6),
                period_weeks: 1,
                washout_days: 2,
                blocks: 3,
            },
        )
        .unwrap()
    }

    fn spec() -> OutcomeSpec {
        OutcomeSpec {
            kind: OutcomeKind::RestingHr,
            smallest_effect: 2.0,
        }
    }

    /// A value every day: 50, + `effect` on A days, + 0.1 × day, + `noise(day)`; 99 on washout days.
    fn series(s: &Schedule, effect: f64, noise: impl Fn(i64) -> f64) -> Vec<Observation> {
        let first = epoch_day(s.start);
        (0..i64::from(s.weeks()) * 7)
            .map(|k| {
                let d = date_from_epoch_day(first + k).unwrap();
                let value = if s.is_washout(d) {
                    99.0
                } else {
                    let a = if s.arm_on(d) == Some(Arm::A) {
                        effect
                    } else {
                        0.0
                    };
                    50.0 + a + 0.1 * k as f64 + noise(k)
                };
                Observation { date: d, value }
            })
            .collect()
    }

    #[test]
    fn recovers_an_exact_effect_despite_the_trend_and_the_washout() {
        let s = schedule();
        let obs = series(&s, -3.0, |_| 0.0);
        let a = analyse(&spec(), &obs, &s, s.end(), 3, &BTreeSet::new());
        let e = a.estimate.unwrap();
        assert!((e.difference + 3.0).abs() < 1e-9, "{e:?}");
        assert!((e.trend_per_week - 0.7).abs() < 1e-9);
        assert!(e.standard_error < 1e-6);
        assert_eq!(e.degrees_of_freedom, 3);
        assert_eq!(a.observations, 6 * 5);
        assert_eq!(a.days_without_observation, 0);
        // Lower resting HR is better: A.
        assert_eq!(a.verdict, Verdict::Better { arm: Arm::A });
        assert!(e.percent.unwrap() < 0.0);
    }

    #[test]
    fn hand_computed_fit_with_noise() {
        // Period means 50 + noise: with a deterministic ± pattern the fit can be checked by hand.
        let s = schedule();
        // Noise +1 on every day of periods 0 and 3, −1 on the others. The counted days of period k are
        // days 7k+2 … 7k+6.
        let obs = series(&s, 0.0, |k| if matches!(k / 7, 0 | 3) { 1.0 } else { -1.0 });
        let a = analyse(&spec(), &obs, &s, s.end(), 3, &BTreeSet::new());
        let means: Vec<f64> = a.periods.iter().map(|p| p.mean.unwrap()).collect();
        // Period k's mean: 50 + 0.1 × (7k + 4) ± 1.
        for (k, m) in means.iter().enumerate() {
            let sign = if matches!(k, 0 | 3) { 1.0 } else { -1.0 };
            assert!((m - (50.0 + 0.1 * (7.0 * k as f64 + 4.0) + sign)).abs() < 1e-9);
        }
        // Refit by hand from the normal equations with the same design: the estimate must agree.
        let x: Vec<[f64; 3]> = a
            .periods
            .iter()
            .enumerate()
            .map(|(k, p)| [1.0, f64::from(u8::from(p.arm == Arm::A)), k as f64 - 2.5])
            .collect();
        let fit = stats::ols(&x, &means).unwrap();
        let e = a.estimate.unwrap();
        assert!((e.difference - fit.coef[1]).abs() < 1e-9);
        assert!((e.trend_per_week - fit.coef[2]).abs() < 1e-9);
    }

    #[test]
    fn not_enough_data_says_how_long() {
        let s = schedule();
        let obs = series(&s, 0.0, |k| (k % 3) as f64);
        // Through the end of block 0 (2025-01-19): 1 of 3 blocks; block 2 ends 2025-02-16, 4 weeks on.
        let a = analyse(&spec(), &obs, &s, date(2025, 1, 19), 3, &BTreeSet::new());
        assert_eq!(
            a.verdict,
            Verdict::NotEnoughData {
                more_weeks: Some(4),
                reason: "blocks finished: 1 of the 3 the design needs".into()
            }
        );
        assert!(a.estimate.is_none());
        // A day into the next block: still 4 weeks (rounded up).
        let a = analyse(&spec(), &obs, &s, date(2025, 1, 20), 3, &BTreeSet::new());
        assert!(matches!(
            a.verdict,
            Verdict::NotEnoughData {
                more_weeks: Some(4),
                ..
            }
        ));
        // An outcome with observations in too few periods: no estimate either.
        let sparse: Vec<Observation> = obs
            .iter()
            .filter(|o| o.date < date(2025, 1, 27))
            .copied()
            .collect();
        let a = analyse(&spec(), &sparse, &s, s.end(), 3, &BTreeSet::new());
        assert!(
            matches!(
                a.verdict,
                Verdict::NotEnoughData {
                    more_weeks: None,
                    ..
                }
            ),
            "{:?}",
            a.verdict
        );
    }

    #[test]
    fn excluded_days_are_counted_not_hidden() {
        let s = schedule();
        let obs = series(&s, 1.0, |k| (k % 5) as f64 * 0.3);
        let excluded: BTreeSet<Date> = [date(2025, 1, 9), date(2025, 1, 10)].into();
        let a = analyse(&spec(), &obs, &s, s.end(), 3, &excluded);
        assert_eq!(a.excluded, 2);
        assert_eq!(a.observations, 28);
        assert_eq!(a.days_without_observation, 2);
    }

    #[test]
    fn no_detectable_difference_and_the_smallest_effect() {
        let e = |low: f64, high: f64| Estimate {
            difference: (low + high) / 2.0,
            interval: Interval { low, high },
            standard_error: 1.0,
            degrees_of_freedom: 5,
            percent: None,
            percent_interval: None,
            mean_a: 0.0,
            mean_b: 0.0,
            trend_per_week: 0.0,
            residual_sd: 1.0,
            residual_lag1: None,
            periods: 8,
        };
        assert_eq!(
            verdict(Direction::Higher, 2.0, &e(-1.0, 1.5)),
            Verdict::NoDetectableDifference {
                rules_out_smallest_effect: true
            }
        );
        assert_eq!(
            verdict(Direction::Higher, 2.0, &e(-1.0, 2.5)),
            Verdict::NoDetectableDifference {
                rules_out_smallest_effect: false
            }
        );
        assert_eq!(
            verdict(Direction::Higher, 2.0, &e(0.5, 2.5)),
            Verdict::Better { arm: Arm::A }
        );
        assert_eq!(
            verdict(Direction::Lower, 2.0, &e(0.5, 2.5)),
            Verdict::Better { arm: Arm::B }
        );
        assert_eq!(
            verdict(Direction::Neither, 2.0, &e(-3.0, -0.5)),
            Verdict::Higher { arm: Arm::B }
        );
    }
}
