//! The design: a randomised, blocked schedule of periods ([`propose`]) and its minimum length
//! ([`min_length`]) from the athlete's own variability ([`variability`]).
//!
//! # Schedule
//! `blocks` blocks of two periods of `period_weeks` weeks (1 or 2), back to back from `start`. Each block
//! holds one period of each arm, in the order AB or BA drawn at random for that block: block j is AB when
//! the j-th 32-bit output of ChaCha8 seeded with `seed` (`rand_core`'s `seed_from_u64`) is even, else BA.
//! Blocked randomisation keeps the arms balanced over time (a trend or a season cannot favour one arm for
//! long) while leaving the athlete unable to predict the order (Kravitz & Duan 2014, ch. 4; Senn 2002,
//! "Cross-over Trials in Clinical Research"). The same seed always gives the same order, and a longer
//! schedule from the same seed starts with the shorter one's blocks — an experiment can be extended.
//! The first `washout_days` of every period are a washout: the arm is followed, its outcomes are not
//! counted (Senn 2002 ch. 10: a washout removes carry-over only if it is long enough; see the docs).
//!
//! # Minimum length
//! The analysis ([`crate::experiment::analysis`]) regresses the period means on arm and a linear time
//! trend. With 2n periods and a period mean's standard deviation σ (around the trend), the effect's
//! standard error is σ √c with c = (2/n) · (4n² − 1)/(4n² − 4): 4/(2n) for a balanced arm, inflated by
//! 1/(1 − r²) for its correlation r² = 3/(4n² − 1) with time in the least favourable order (every block AB).
//! The power for a true effect Δ is the two-sided t test's with 2n − 3 degrees of freedom and
//! noncentrality Δ / (σ √c) — exact for normal, independent period means. σ is the athlete's own: the SD of
//! their period means before the start, computed with the same layout (period length and washout), around
//! a linear trend ([`variability`]). Positive lag-1 autocorrelation of period means lowers the variance of
//! the difference between the two adjacent periods of a block, so ignoring it is conservative; a negative
//! one raises it, by the factor 1 − ρ, which is applied. The minimum is the fewest blocks with at least
//! 80 % power at α = 0.05 ([`TARGET_POWER`], [`ALPHA`]).

use jiff::civil::Date;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

use super::Arm;
use super::outcome::Observation;
use super::stats;
use crate::load::series::{date_from_epoch_day, epoch_day};

/// Period lengths offered, weeks: one or two (Kravitz & Duan 2014 ch. 4: periods long enough for the
/// effect to appear and for several to fit; training strategies act within days, and a week is the unit
/// training is planned in).
pub const PERIOD_WEEKS: [u8; 2] = [1, 2];
/// The least days of a period left for outcomes after the washout: with fewer, a period's mean rests on
/// too few mornings or sessions. afterlift's choice.
pub const MIN_OUTCOME_DAYS: u8 = 4;
/// The fewest blocks that give an interval at all: 4 period means and 3 coefficients leave 1 degree of
/// freedom.
pub const MIN_BLOCKS: u32 = 2;
/// The minimum when the log has too little history to compute one ([`MIN_HISTORY_PERIODS`]): 4 blocks,
/// 8 periods, 5 degrees of freedom (t₀.₉₇₅ = 2.57 instead of 12.7 at 1). afterlift's choice.
pub const DEFAULT_BLOCKS: u32 = 4;
/// The longest experiment proposed: 26 blocks, a year of 1-week periods (two of 2-week ones). An effect that
/// needs more is too small to find in this athlete's noise. afterlift's choice.
pub const MAX_BLOCKS: u32 = 26;
/// The two-sided significance level of the intervals (95 %) and of the power calculation: the convention.
pub const ALPHA: f64 = 0.05;
/// The power the minimum length aims for: 80 %, the usual convention (Cohen J 1988, "Statistical Power
/// Analysis for the Behavioral Sciences", 2nd ed., §2.4).
pub const TARGET_POWER: f64 = 0.80;
/// How far back the variability is read: 26 weeks — recent enough to be the athlete as they are now, long
/// enough for a dozen or more periods. afterlift's choice.
pub const HISTORY_WEEKS: i64 = 26;
/// Period means the variability needs: 6, i.e. 4 degrees of freedom around the trend. afterlift's choice.
pub const MIN_HISTORY_PERIODS: usize = 6;

/// What the schedule is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesignParams {
    /// The first day (a Monday is natural).
    pub start: Date,
    /// 1 or 2.
    pub period_weeks: u8,
    /// The first days of each period left out of the outcomes.
    pub washout_days: u8,
    /// Blocks of two periods.
    pub blocks: u32,
}

/// A schedule the design cannot give.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    #[error("periods of {period_weeks} weeks: 1 or 2")]
    PeriodWeeks { period_weeks: u8 },
    #[error(
        "a washout of {washout_days} days leaves fewer than {MIN_OUTCOME_DAYS} days of a {period_days}-day period for outcomes"
    )]
    Washout { washout_days: u8, period_days: u32 },
    #[error("{blocks} blocks: {MIN_BLOCKS}–{MAX_BLOCKS}")]
    Blocks { blocks: u32 },
    #[error("the schedule runs past the last date")]
    Dates,
    #[error(
        "the smallest effect must be a positive number in the outcome's unit, not {smallest_effect}"
    )]
    SmallestEffect { smallest_effect: f64 },
    #[error(
        "a difference of {smallest_effect} is too small to find in this outcome's variation (SD {sd:.3} between periods): \
         {MAX_BLOCKS} blocks would give {:.0} % power; choose a larger difference or a less variable outcome",
        power_at_max * 100.0
    )]
    TooSmall {
        smallest_effect: f64,
        sd: f64,
        power_at_max: f64,
    },
}

/// One period: which arm, when, and from when its outcomes count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// The block, from 0.
    pub block: u32,
    pub arm: Arm,
    pub start: Date,
    /// The last day (inclusive).
    pub end: Date,
    /// The first day counted for outcomes with a washout (`start` without one).
    pub outcomes_from: Date,
}

/// The experiment's dated periods.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Schedule {
    /// The caller's seed: with the parameters, it gives this schedule again.
    pub seed: u64,
    pub start: Date,
    pub period_weeks: u8,
    pub washout_days: u8,
    /// In date order, two per block.
    pub periods: Vec<Period>,
}

impl Schedule {
    pub fn blocks(&self) -> u32 {
        (self.periods.len() / 2) as u32
    }

    pub fn period_days(&self) -> u32 {
        u32::from(self.period_weeks) * 7
    }

    /// Weeks from the start to the end.
    pub fn weeks(&self) -> u32 {
        self.blocks() * 2 * u32::from(self.period_weeks)
    }

    /// The last day.
    pub fn end(&self) -> Date {
        self.periods.last().map_or(self.start, |p| p.end)
    }

    /// The period `date` falls in.
    pub fn period_on(&self, date: Date) -> Option<&Period> {
        self.periods
            .iter()
            .find(|p| (p.start..=p.end).contains(&date))
    }

    /// The arm scheduled on `date`.
    pub fn arm_on(&self, date: Date) -> Option<Arm> {
        self.period_on(date).map(|p| p.arm)
    }

    /// Whether `date` is a washout day.
    pub fn is_washout(&self, date: Date) -> bool {
        self.period_on(date).is_some_and(|p| date < p.outcomes_from)
    }

    /// The last day of block `block` (from 0).
    pub fn block_end(&self, block: u32) -> Option<Date> {
        self.periods.get(block as usize * 2 + 1).map(|p| p.end)
    }

    /// Each block's order, `"AB"` or `"BA"`.
    pub fn orders(&self) -> Vec<String> {
        self.periods
            .chunks(2)
            .map(|pair| pair.iter().map(|p| p.arm.as_str()).collect())
            .collect()
    }

    /// How the order was drawn, for the report.
    pub fn randomisation(&self) -> String {
        format!(
            "blocked: each block of two periods is AB or BA at random — AB when the block's 32-bit draw from \
             ChaCha8 seeded with {} is even; the same seed gives the same schedule",
            self.seed
        )
    }
}

/// The schedule for `params`, its block orders drawn from `seed` (see the module's documentation).
pub fn propose(seed: u64, params: &DesignParams) -> Result<Schedule, DesignError> {
    let DesignParams {
        start,
        period_weeks,
        washout_days,
        blocks,
    } = *params;
    if !PERIOD_WEEKS.contains(&period_weeks) {
        return Err(DesignError::PeriodWeeks { period_weeks });
    }
    let period_days = u32::from(period_weeks) * 7;
    if u32::from(washout_days) + u32::from(MIN_OUTCOME_DAYS) > period_days {
        return Err(DesignError::Washout {
            washout_days,
            period_days,
        });
    }
    if !(MIN_BLOCKS..=MAX_BLOCKS).contains(&blocks) {
        return Err(DesignError::Blocks { blocks });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let first = epoch_day(start);
    let len = i64::from(period_days);
    let mut periods = Vec::with_capacity(blocks as usize * 2);
    for block in 0..blocks {
        let order = if rng.next_u32() % 2 == 0 {
            [Arm::A, Arm::B]
        } else {
            [Arm::B, Arm::A]
        };
        for (k, arm) in order.into_iter().enumerate() {
            let day0 = first + (i64::from(block) * 2 + k as i64) * len;
            let day = |offset: i64| date_from_epoch_day(day0 + offset).ok_or(DesignError::Dates);
            periods.push(Period {
                block,
                arm,
                start: day(0)?,
                end: day(len - 1)?,
                outcomes_from: day(i64::from(washout_days))?,
            });
        }
    }
    Ok(Schedule {
        seed,
        start,
        period_weeks,
        washout_days,
        periods,
    })
}

/// The days [`variability`] reads before `start`: the [`HISTORY_WEEKS`] weeks up to the day before, first
/// and last inclusive — the range to compute the primary outcome's observations over.
pub fn history_window(start: Date) -> Option<(Date, Date)> {
    let day = epoch_day(start);
    Some((
        date_from_epoch_day(day - HISTORY_WEEKS * 7)?,
        date_from_epoch_day(day - 1)?,
    ))
}

/// The athlete's period-to-period variation of an outcome before the experiment.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variability {
    /// The SD of a period's mean around a linear trend, in the outcome's unit.
    pub sd: f64,
    /// The lag-1 autocorrelation of those deviations, when there are 3 adjacent pairs.
    pub lag1: Option<f64>,
    /// Periods with observations it comes from.
    pub periods: u32,
    /// The window read.
    pub from: Date,
    pub to: Date,
}

/// The variability of `history` (one outcome's observations) over the [`HISTORY_WEEKS`] before `start`,
/// cut into periods of `period_weeks` ending the day before `start`, each averaged from its day
/// `washout_days` on when `uses_washout` (as the experiment will average them); the SD of those means
/// around their least-squares line (n − 2 degrees of freedom). `None` with fewer than
/// [`MIN_HISTORY_PERIODS`] periods holding an observation, or an invalid period length.
pub fn variability(
    history: &[Observation],
    start: Date,
    period_weeks: u8,
    washout_days: u8,
    uses_washout: bool,
) -> Option<Variability> {
    if !PERIOD_WEEKS.contains(&period_weeks) {
        return None;
    }
    let len = i64::from(period_weeks) * 7;
    let count = HISTORY_WEEKS * 7 / len;
    let first = epoch_day(start) - count * len;
    let skip = if uses_washout {
        i64::from(washout_days).min(len - 1)
    } else {
        0
    };
    let mut sums = vec![(0.0, 0u32); count as usize];
    for o in history {
        let day = epoch_day(o.date) - first;
        if !(0..count * len).contains(&day) || day % len < skip || !o.value.is_finite() {
            continue;
        }
        let slot = &mut sums[(day / len) as usize];
        slot.0 += o.value;
        slot.1 += 1;
    }
    let means: Vec<Option<f64>> = sums
        .iter()
        .map(|&(s, n)| (n > 0).then(|| s / f64::from(n)))
        .collect();
    let points: Vec<(f64, f64)> = means
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i as f64, (*m)?)))
        .collect();
    let k = points.len();
    if k < MIN_HISTORY_PERIODS {
        return None;
    }
    let (tx, ty) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let (mx, my) = (tx / k as f64, ty / k as f64);
    let sxx: f64 = points.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let residual = |i: usize, y: f64| y - my - slope * (i as f64 - mx);
    let rss: f64 = points
        .iter()
        .map(|&(x, y)| residual(x as usize, y).powi(2))
        .sum();
    let residuals: Vec<Option<f64>> = means
        .iter()
        .enumerate()
        .map(|(i, m)| m.map(|y| residual(i, y)))
        .collect();
    Some(Variability {
        sd: (rss / (k - 2) as f64).sqrt(),
        lag1: stats::lag1(&residuals),
        periods: k as u32,
        from: date_from_epoch_day(first)?,
        to: date_from_epoch_day(epoch_day(start) - 1)?,
    })
}

/// The experiment's length for the primary outcome, and the power it gives.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinLength {
    pub blocks: u32,
    pub weeks: u32,
    /// The power at `blocks` for `smallest_effect` (≥ [`TARGET_POWER`]).
    pub power: f64,
    pub smallest_effect: f64,
    /// The SD of a period mean used, and the factor for negative autocorrelation (≥ 1).
    pub sd: f64,
    pub variance_factor: f64,
}

/// The variance factor for the lag-1 autocorrelation ρ of period means: 1 − ρ when ρ < 0 (the two periods of a
/// block then differ more than independent ones would), else 1; ρ is held to −0.5 at most.
fn variance_factor(lag1: Option<f64>) -> f64 {
    1.0 - lag1.unwrap_or(0.0).clamp(-0.5, 0.0)
}

/// The standard error of the effect with `blocks` blocks, in units of a period mean's SD (see the module's
/// documentation): √((2/n) (4n² − 1)/(4n² − 4)).
pub fn standard_error_factor(blocks: u32) -> f64 {
    let n = f64::from(blocks);
    ((2.0 / n) * (4.0 * n * n - 1.0) / (4.0 * n * n - 4.0)).sqrt()
}

/// The power of the analysis with `blocks` blocks to find a true difference `effect` (two-sided, α =
/// [`ALPHA`]) when a period mean's SD is `sd` with lag-1 autocorrelation `lag1`.
pub fn power(blocks: u32, sd: f64, lag1: Option<f64>, effect: f64) -> f64 {
    if blocks < MIN_BLOCKS || !(sd.is_finite() && sd > 0.0) || !effect.is_finite() {
        return f64::NAN;
    }
    let se = sd * standard_error_factor(blocks) * variance_factor(lag1).sqrt();
    stats::power_t(effect.abs() / se, f64::from(2 * blocks - 3), ALPHA)
}

/// The fewest blocks (from [`MIN_BLOCKS`]) whose [`power`] for `smallest_effect` reaches [`TARGET_POWER`].
pub fn min_length(
    v: &Variability,
    smallest_effect: f64,
    period_weeks: u8,
) -> Result<MinLength, DesignError> {
    if !(smallest_effect.is_finite() && smallest_effect > 0.0) {
        return Err(DesignError::SmallestEffect { smallest_effect });
    }
    let factor = variance_factor(v.lag1);
    for blocks in MIN_BLOCKS..=MAX_BLOCKS {
        let p = power(blocks, v.sd, v.lag1, smallest_effect);
        if p >= TARGET_POWER {
            return Ok(MinLength {
                blocks,
                weeks: blocks * 2 * u32::from(period_weeks),
                power: p,
                smallest_effect,
                sd: v.sd,
                variance_factor: factor,
            });
        }
    }
    Err(DesignError::TooSmall {
        smallest_effect,
        sd: v.sd,
        power_at_max: power(MAX_BLOCKS, v.sd, v.lag1, smallest_effect),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn params(blocks: u32) -> DesignParams {
        DesignParams {
            start: date(2025, 1, 6),
            period_weeks: 1,
            washout_days: 2,
            blocks,
        }
    }

    #[test]
    fn every_block_is_balanced_and_the_dates_are_contiguous() {
        for seed in 0..50 {
            for (weeks, washout) in [(1, 0), (1, 3), (2, 4)] {
                let p = DesignParams {
                    period_weeks: weeks,
                    washout_days: washout,
                    ..params(6)
                };
                let s = propose(seed, &p).unwrap();
                assert_eq!(s.periods.len(), 12);
                assert_eq!(s.periods[0].start, p.start);
                for pair in s.periods.chunks(2) {
                    assert_ne!(pair[0].arm, pair[1].arm, "a block holds both arms");
                    assert_eq!(pair[0].block, pair[1].block);
                }
                for w in s.periods.windows(2) {
                    assert_eq!(
                        w[0].end.tomorrow().unwrap(),
                        w[1].start,
                        "no gap, no overlap"
                    );
                }
                for per in &s.periods {
                    assert_eq!(
                        epoch_day(per.end) - epoch_day(per.start) + 1,
                        i64::from(weeks) * 7
                    );
                    assert_eq!(
                        epoch_day(per.outcomes_from) - epoch_day(per.start),
                        i64::from(washout)
                    );
                }
                assert_eq!(s.weeks(), 12 * u32::from(weeks));
                assert_eq!(
                    epoch_day(s.end()) - epoch_day(s.start) + 1,
                    i64::from(s.weeks()) * 7
                );
            }
        }
    }

    #[test]
    fn the_seed_gives_the_order_and_a_longer_schedule_extends_a_shorter() {
        let a = propose(42, &params(4)).unwrap();
        assert_eq!(a, propose(42, &params(4)).unwrap());
        let longer = propose(42, &params(10)).unwrap();
        assert_eq!(a.periods[..], longer.periods[..8]);
        // Over many seeds both orders come up about equally often.
        let ab = (0..1000u64)
            .filter(|&s| propose(s, &params(2)).unwrap().orders()[0] == "AB")
            .count();
        assert!((440..=560).contains(&ab), "{ab}");
        // The orders are pinned: a change of the generator would change every stored schedule.
        assert_eq!(a.orders(), propose(42, &params(4)).unwrap().orders());
        let orders = propose(1, &params(6)).unwrap().orders().join(" ");
        assert_eq!(orders, PINNED_SEED_1);
        assert_eq!(a.period_on(date(2025, 1, 13)), Some(&a.periods[1]));
        assert!(a.is_washout(date(2025, 1, 14)));
        assert!(!a.is_washout(date(2025, 1, 15)));
        assert_eq!(a.arm_on(date(2024, 12, 31)), None);
        assert_eq!(a.block_end(0), Some(date(2025, 1, 19)));
    }

    /// The orders of seed 1, six blocks (ChaCha8, rand_chacha 0.10).
    const PINNED_SEED_1: &str = "BA AB BA AB BA BA";

    #[test]
    fn refuses_what_it_cannot_schedule() {
        let e = |p: DesignParams| propose(1, &p).unwrap_err();
        assert!(matches!(
            e(DesignParams {
                period_weeks: 3,
                ..params(4)
            }),
            DesignError::PeriodWeeks { .. }
        ));
        assert!(matches!(
            e(DesignParams {
                washout_days: 4,
                ..params(4)
            }),
            DesignError::Washout { .. }
        ));
        assert!(matches!(e(params(1)), DesignError::Blocks { .. }));
        assert!(matches!(e(params(27)), DesignError::Blocks { .. }));
        assert!(matches!(
            e(DesignParams {
                start: date(9999, 12, 1),
                ..params(4)
            }),
            DesignError::Dates
        ));
    }

    #[test]
    fn variability_is_the_sd_of_period_means_around_the_trend() {
        // Weekly means alternate 50 ± 1 on a rising line (+0.5 a week); the washout days hold outliers
        // of every third week that must not count. 26 weeks before 2025-01-06.
        let start = date(2025, 1, 6);
        let mut history = Vec::new();
        for week in 0..26i64 {
            let level = 50.0 + 0.5 * week as f64 + if week % 2 == 0 { 1.0 } else { -1.0 };
            for day in 0..7 {
                let d = date_from_epoch_day(epoch_day(start) - 182 + week * 7 + day).unwrap();
                let value = if day < 2 && week % 3 == 0 {
                    999.0
                } else {
                    level
                };
                history.push(Observation { date: d, value });
            }
        }
        let v = variability(&history, start, 1, 2, true).unwrap();
        assert_eq!(v.periods, 26);
        assert_eq!(v.from, date(2024, 7, 8));
        assert_eq!(v.to, date(2025, 1, 5));
        assert_eq!(history_window(start), Some((v.from, v.to)));
        // Residuals ±1 (the alternation is orthogonal to the line up to a small tilt): SD ≈ √(26/24).
        assert!((v.sd - (26.0f64 / 24.0).sqrt()).abs() < 0.01, "{v:?}");
        assert!(v.lag1.unwrap() < -0.9);
        // Without the washout the outliers count.
        assert!(variability(&history, start, 1, 2, false).unwrap().sd > 10.0);
        // Too little history.
        assert!(variability(&history[history.len() - 35..], start, 1, 0, true).is_none());
    }

    #[test]
    fn the_minimum_length_reaches_the_target_power() {
        let v = Variability {
            sd: 1.0,
            lag1: Some(0.1),
            periods: 20,
            from: date(2024, 7, 8),
            to: date(2025, 1, 5),
        };
        let m = min_length(&v, 1.5, 1).unwrap();
        assert!(m.power >= TARGET_POWER);
        assert!(power(m.blocks - 1, 1.0, Some(0.1), 1.5) < TARGET_POWER);
        assert_eq!(m.weeks, m.blocks * 2);
        // The z approximation: n ≈ 2 (z₀.₉₇₅ + z₀.₈)² σ² / Δ² = 2 × 7.85 / 2.25 ≈ 7; the t's few degrees of
        // freedom add a block or so.
        assert!((7..=9).contains(&m.blocks), "{m:?}");
        // Power rises with blocks and with the effect.
        assert!(power(4, 1.0, None, 1.5) < power(8, 1.0, None, 1.5));
        assert!(power(4, 1.0, None, 1.0) < power(4, 1.0, None, 2.0));
        // Negative autocorrelation costs blocks.
        let neg = min_length(
            &Variability {
                lag1: Some(-0.4),
                ..v
            },
            1.5,
            1,
        )
        .unwrap();
        assert!(neg.blocks > m.blocks && (neg.variance_factor - 1.4).abs() < 1e-12);
        assert!(matches!(
            min_length(&v, 0.1, 1),
            Err(DesignError::TooSmall { .. })
        ));
        assert!(matches!(
            min_length(&v, -1.0, 1),
            Err(DesignError::SmallestEffect { .. })
        ));
    }
}
