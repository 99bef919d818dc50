//! The daily load series and the trends read from it: acute and chronic load and their ratio, Foster's
//! monotony and strain, and the fitness/fatigue/form curves of the performance-management chart.
//!
//! Everything here works on **one load per calendar day, consecutive, oldest first, zeros filled** — the
//! athlete's local days, as [`daily_loads`] builds them. Loads are session-RPE units (see [`super`]).
//!
//! # Smoothing, named
//! Two different exponential smoothings are in use, and the literature mixes them up:
//! - **acute/chronic (ACWR)**: Williams et al. 2017 (Br J Sports Med 51:209), EWMA_t = λ·load_t +
//!   (1 − λ)·EWMA_(t−1) with **λ = 2/(N + 1)**, N = 7 (acute) and 28 (chronic) days ([`ewma_lambda`]).
//! - **fitness/fatigue/form (CTL/ATL/TSB)**: Coggan's performance-management chart with time constants
//!   τ = 42 and 7 days. afterlift uses **λ = 1/τ** ([`pmc_lambda`]), the form Coggan published
//!   (CTL_t = CTL_(t−1) + (load_t − CTL_(t−1))/τ) and TrainingPeaks and Runalyze use. GoldenCheetah uses
//!   the exact discretisation of a continuous exponential decay, **λ = 1 − e^(−1/τ)** ([`goldencheetah_lambda`]):
//!   0.02353 instead of 0.02381 for τ = 42 and 0.1331 instead of 0.1429 for τ = 7 — so its ATL reacts a little
//!   more slowly. Neither is "right"; numbers from the two tools differ by a few per cent.
//!
//! # Cold start: "building"
//! A log begins on the day the athlete started logging, not the day they started training, so the first
//! weeks of every smoothed value are an artefact of the log's start. afterlift shows them as **building**
//! and lets none of them drive readiness or advice until they mean something:
//! - **acute:chronic** starts from zero (Williams' EWMA as published: constant load L for n days gives
//!   L·(1 − (1 − λ)^n)) and is trusted from [`MIN_HISTORY_DAYS_FOR_RATIO`] = 28 days, the chronic window,
//!   when the chronic EWMA has reached 1 − (27/29)^28 = 86.5 % of a steady load;
//! - **fitness/fatigue/form** use a 42-day time constant, so they settle more slowly than the ratio: from zero,
//!   a steady athlete's CTL reaches only 1 − (41/42)^42 = 63.6 % of their load in 42 days and TSB reads
//!   −36 % of it — an athlete who trained before the log looks badly fatigued for months. afterlift therefore
//!   **seeds** CTL and ATL with the mean daily load of the first [`PMC_SEED_DAYS`] = 28 logged days (the
//!   assumption TrainingPeaks asks its users to make when they enter a starting CTL: that they trained
//!   before the log about as they did in its first weeks), and still calls form building until
//!   [`MIN_HISTORY_DAYS_FOR_FORM`] = 42 days, one CTL time constant (Coggan's τ, after Banister's fitness
//!   τ1 ≈ 42 d), by which the seed's weight in CTL has fallen to (41/42)^42 = 36 %. For the first 28 days
//!   the seed is the mean of the days logged so far, so earlier days of the chart move as days are added;
//!   after that every value depends only on the days up to it. A genuine beginner gets a CTL a little too
//!   high early on — harmless, as form drives nothing in afterlift;
//! - **monotony and strain** need their whole week inside the log ([`MIN_HISTORY_DAYS_FOR_MONOTONY`]; a
//!   first session alone is one "identical" day), and their flag compares this week's strain with the
//!   athlete's usual ([`USUAL_STRAIN_WEEKS`] weeks before it), so it waits for 28 days too.

//! # Caveats
//! The acute:chronic ratio is a **trend to watch, not an injury predictor**: it is mathematically coupled
//! (the acute week is part of the chronic window in the rolling-average form; Lolli et al. 2019, Br J Sports
//! Med 53:921), and re-analysis found its association with injury was not robust to how chronic load is
//! modelled (Impellizzeri et al. 2021, Sports Med 51:581, "time to dismiss"). afterlift uses a high ratio
//! only to suggest easing off, and always says why.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::science::amount;

use super::MAX_SESSION_LOAD;

/// Days of the acute window (Williams 2017).
pub const ACUTE_DAYS: f64 = 7.0;
/// Days of the chronic window (Williams 2017).
pub const CHRONIC_DAYS: f64 = 28.0;
/// Time constant of fitness (chronic training load), days (Coggan; Banister's fitness τ1 ≈ 42 d).
pub const CTL_DAYS: f64 = 42.0;
/// Time constant of fatigue (acute training load), days (Coggan; Banister's fatigue τ2 ≈ 7 d).
pub const ATL_DAYS: f64 = 7.0;
/// Days of Foster's monotony and strain window: one week (Foster 1998).
pub const MONOTONY_DAYS: usize = 7;
/// The ramp rate is the change of fitness (CTL) over this many days.
pub const RAMP_DAYS: usize = 7;
/// At most this many days of history are kept (a century): older entries cannot change any value here by
/// more than e^(−36525/42), and junk timestamps cannot make the series unbounded.
pub const MAX_HISTORY_DAYS: i64 = 36_525;
/// The ratio is only trusted (shown as established, used for flags and advice) once this many days of
/// history exist: the chronic window of Williams 2017 (N = 28), by which the chronic EWMA has reached
/// 86.5 % of a steady load.
pub const MIN_HISTORY_DAYS_FOR_RATIO: u32 = 28;
/// Fitness, fatigue and form are shown as building for this many days: one CTL time constant (τ = 42 d,
/// Coggan; Allen & Coggan, Training and Racing with a Power Meter; Banister's fitness τ1 ≈ 42 d). Longer than
/// the ratio's 28 because CTL moves more slowly than the chronic EWMA (λ = 1/42 = 0.024 against 2/29 = 0.069).
pub const MIN_HISTORY_DAYS_FOR_FORM: u32 = 42;
/// CTL and ATL start from the mean daily load of this many first days of the log (the chronic window);
/// see the module documentation.
pub const PMC_SEED_DAYS: usize = 28;
/// Monotony and strain are computed only when their whole week lies inside the log.
pub const MIN_HISTORY_DAYS_FOR_MONOTONY: u32 = MONOTONY_DAYS as u32;
/// The athlete's usual strain is the mean weekly strain of this many weeks before the last seven days
/// (afterlift's choice: with the current week, the 28-day chronic window).
pub const USUAL_STRAIN_WEEKS: usize = 3;
/// The monotony flag waits until this week and the [`USUAL_STRAIN_WEEKS`] before it are all in the log.
pub const MIN_HISTORY_DAYS_FOR_STRAIN_FLAG: u32 = ((USUAL_STRAIN_WEEKS + 1) * MONOTONY_DAYS) as u32;
/// Week-over-week change is only used when both weeks lie inside the log: a first week that began
/// mid-week is not "last week's load".
pub const MIN_HISTORY_DAYS_FOR_WEEK_OVER_WEEK: u32 = 2 * MONOTONY_DAYS as u32;
/// Monotony is capped here: as the week's SD goes to 0 (identical days) mean/SD goes to infinity, which
/// would make strain infinite. afterlift's choice (the cap fellrnr.com's monotony calculator uses); any
/// value well above Foster's 2.0 serves.
pub const MAX_MONOTONY: f64 = 10.0;
/// This week's strain must be at least this multiple of the athlete's usual weekly strain for the monotony
/// flag: "half as much again as usual", the same line as the acute:chronic amber (1.5, Gabbett 2016).
/// Foster 1998 found illnesses clustered where athletes exceeded *individually identifiable* strain
/// thresholds; with no illness history to find each athlete's threshold, afterlift takes a clear rise above
/// their own usual strain. afterlift's choice.
pub const STRAIN_ABOVE_USUAL: f64 = 1.5;
/// …and once chronic load is at least this many AU per day (≈ 40 min of easy running a week): a ratio over a
/// near-empty base is noise.
pub const MIN_CHRONIC_AU_PER_DAY: f64 = 20.0;

/// Williams' EWMA decay: λ = 2/(N + 1). N = 7 → 0.25; N = 28 → 0.0690. Williams S et al. 2017, "Better way to
/// determine the acute:chronic workload ratio?", Br J Sports Med 51:209. Non-positive N gives 1 (no memory).
pub fn ewma_lambda(n_days: f64) -> f64 {
    if n_days.is_finite() && n_days > 0.0 {
        2.0 / (n_days + 1.0)
    } else {
        1.0
    }
}

/// The performance-management chart's decay as Coggan published it (and TrainingPeaks and Runalyze use):
/// λ = 1/τ. τ = 42 → 0.02381; τ = 7 → 0.1429. Coggan AR 2003, "Training and racing using a power meter: an
/// introduction" (the PMC); Allen H, Coggan AR, Training and Racing with a Power Meter. τ < 1 gives 1.
pub fn pmc_lambda(tau_days: f64) -> f64 {
    if tau_days.is_finite() && tau_days >= 1.0 {
        1.0 / tau_days
    } else {
        1.0
    }
}

/// GoldenCheetah's decay for the same chart: λ = 1 − e^(−1/τ) (its PMC code multiplies yesterday's value by
/// e^(−1/τ)). τ = 42 → 0.02353; τ = 7 → 0.1331. Provided for comparison; afterlift uses [`pmc_lambda`].
pub fn goldencheetah_lambda(tau_days: f64) -> f64 {
    if tau_days.is_finite() && tau_days > 0.0 {
        1.0 - (-1.0 / tau_days).exp()
    } else {
        1.0
    }
}

/// Foster's monotony: the mean daily load of the window divided by its standard deviation (Foster C 1998,
/// "Monitoring training in athletes with reference to overtraining syndrome", Med Sci Sports Exerc
/// 30:1164). The SD is the population SD (÷ n, the window being the whole week, not a sample of one);
/// Foster did not say, and a sample SD would lower monotony by √((n−1)/n).
///
/// Capped at [`MAX_MONOTONY`]: a week of identical non-zero days (SD = 0) gives the cap. `None` for an empty
/// window or a window without load. Non-finite or negative loads count as 0.
/// Examples: [100, 200, 0, 100, 200, 0, 100]: mean 100, SD 75.59 → 1.32; six days at 100 and a rest day:
/// mean 85.71, SD 34.99 → √6 = 2.449 (monotony above 2.0 needs training on at least six of the seven days:
/// n equal days and 7 − n rest days give √(n/(7 − n)), 1.58 for five).
pub fn monotony(week: &[f64]) -> Option<f64> {
    let (mean, sd) = mean_sd(week)?;
    if mean <= 0.0 {
        return None;
    }
    Some(if sd > 0.0 {
        (mean / sd).min(MAX_MONOTONY)
    } else {
        MAX_MONOTONY
    })
}

/// Foster's strain: the week's total load × its [`monotony`] (Foster 1998). `None` when monotony is undefined.
pub fn strain(week: &[f64]) -> Option<f64> {
    let m = monotony(week)?;
    Some(week.iter().map(|&x| amount(x)).sum::<f64>() * m)
}

/// A week's strain for comparing weeks: [`strain`], and 0 for a week without load.
pub fn weekly_strain(week: &[f64]) -> f64 {
    strain(week).unwrap_or(0.0)
}

/// Monotony above `threshold`, or a week of identical non-zero days.
pub fn is_monotonous(week: &[f64], threshold: f64) -> bool {
    monotony(week).is_some_and(|m| m > threshold || m >= MAX_MONOTONY)
}

fn mean_sd(values: &[f64]) -> Option<(f64, f64)> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().map(|&x| amount(x)).sum::<f64>() / n;
    let var = values
        .iter()
        .map(|&x| (amount(x) - mean).powi(2))
        .sum::<f64>()
        / n;
    Some((mean, var.sqrt()))
}

/// One day of the series with its smoothed values (all as of the end of that day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyMetrics {
    pub date: Date,
    /// The day's load (AU).
    pub load: f64,
    /// Acute load: EWMA, λ = 2/8 (AU per day).
    pub acute: f64,
    /// Chronic load: EWMA, λ = 2/29 (AU per day).
    pub chronic: f64,
    /// Fitness: CTL, τ = 42 d, λ = 1/τ.
    pub ctl: f64,
    /// Fatigue: ATL, τ = 7 d, λ = 1/τ.
    pub atl: f64,
}

impl DailyMetrics {
    /// Acute ÷ chronic; `None` while chronic load is zero.
    pub fn acwr(&self) -> Option<f64> {
        (self.chronic > 0.0).then(|| self.acute / self.chronic)
    }

    /// Form: TSB = CTL − ATL of the same day (Coggan). TrainingPeaks shows yesterday's values as today's form;
    /// here today's training is included.
    pub fn tsb(&self) -> f64 {
        self.ctl - self.atl
    }
}

/// The smoothed values for every day of `daily` (one load per consecutive day, oldest first; see the module
/// documentation). Non-finite or negative loads count as 0; each is clamped to [`MAX_SESSION_LOAD`] × 10.
///
/// Acute and chronic start from zero; CTL and ATL are zero before the first day with load and start from
/// [`pmc_seed`] on it (see "Cold start" in the module documentation).
pub fn metrics_series(daily: &[(Date, f64)]) -> Vec<DailyMetrics> {
    let loads: Vec<f64> = daily.iter().map(|&(_, l)| day_load(l)).collect();
    let seed = pmc_seed(&loads);
    let la = ewma_lambda(ACUTE_DAYS);
    let lc = ewma_lambda(CHRONIC_DAYS);
    let lctl = pmc_lambda(CTL_DAYS);
    let latl = pmc_lambda(ATL_DAYS);
    let (mut acute, mut chronic, mut ctl, mut atl) = (0.0, 0.0, 0.0, 0.0);
    daily
        .iter()
        .zip(loads)
        .enumerate()
        .map(|(i, (&(date, _), load))| {
            if let Some((first, start)) = seed
                && i == first
            {
                ctl = start;
                atl = start;
            }
            acute += la * (load - acute);
            chronic += lc * (load - chronic);
            ctl += lctl * (load - ctl);
            atl += latl * (load - atl);
            DailyMetrics {
                date,
                load,
                acute,
                chronic,
                ctl,
                atl,
            }
        })
        .collect()
}

/// Where fitness and fatigue start: the index of the first day with load, and the mean daily load of the
/// [`PMC_SEED_DAYS`] days from it (fewer when the series is shorter). `None` without any load. Loads are
/// taken as [`metrics_series`] reads them (non-negative, finite).
///
/// Example: a log beginning [0, 0, 300, 0, 300, 0, …] with 8 400 AU in its first 28 days from the 300 gives
/// (2, 300): the zeros before the log began are not part of it.
pub fn pmc_seed(loads: &[f64]) -> Option<(usize, f64)> {
    let first = loads.iter().position(|&l| day_load(l) > 0.0)?;
    let window = &loads[first..loads.len().min(first + PMC_SEED_DAYS)];
    let mean = window.iter().map(|&l| day_load(l)).sum::<f64>() / window.len() as f64;
    Some((first, mean))
}

/// A day's load as the series uses it: non-negative, finite, at most ten maximal sessions.
fn day_load(load: f64) -> f64 {
    amount(load).min(10.0 * MAX_SESSION_LOAD)
}

/// The load trends as of the last day of the series.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LoadMetrics {
    /// The day these values are for (the last of the series); `None` for an empty series.
    pub date: Option<Date>,
    /// Acute load, EWMA λ = 2/8, AU per day.
    pub acute: f64,
    /// Chronic load, EWMA λ = 2/29, AU per day.
    pub chronic: f64,
    /// Fitness (CTL, τ 42 d, seeded: see the module documentation).
    pub ctl: f64,
    /// Fatigue (ATL, τ 7 d, seeded).
    pub atl: f64,
    /// CTL now minus CTL seven days earlier (the seed before the log began).
    pub ramp: f64,
    /// Foster's monotony of the last seven days; `None` when undefined (see [`monotony`]) or while the week
    /// is not wholly inside the log ([`MIN_HISTORY_DAYS_FOR_MONOTONY`]).
    pub monotony: Option<f64>,
    /// Foster's strain of the last seven days; `None` with monotony.
    pub strain: Option<f64>,
    /// The athlete's usual weekly strain: the mean of the [`USUAL_STRAIN_WEEKS`] weeks before the last seven
    /// days; `None` until they are all in the log ([`MIN_HISTORY_DAYS_FOR_STRAIN_FLAG`]).
    pub usual_strain: Option<f64>,
    /// Total load of the last seven days (today included).
    pub week_load: f64,
    /// Total load of the seven days before those.
    pub previous_week_load: f64,
    /// The last seven days were monotonous *and* strained beyond the athlete's usual: see
    /// [`LoadMetrics::strain_flag`].
    pub monotonous: bool,
    /// Days from the first day with any load to the last day, inclusive; 0 without any load.
    pub history_days: u32,
}

/// Foster's threshold: weekly monotony above 2.0 is the level usually quoted as too high (Foster 1998
/// reported monotony and strain against illness; the flag here needs strain above usual as well).
pub const HIGH_MONOTONY: f64 = 2.0;

/// How far a trend has come: still building, or to be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Maturity {
    /// Fewer days of history than the trend needs.
    Building {
        days: u32,
        needed: u32,
    },
    /// Enough days, but a base too small for a ratio to mean anything (chronic load under
    /// [`MIN_CHRONIC_AU_PER_DAY`]).
    LowBase {
        days: u32,
        needed: u32,
    },
    Established {
        days: u32,
        needed: u32,
    },
}

impl Maturity {
    fn of(days: u32, needed: u32) -> Maturity {
        if days < needed {
            Maturity::Building { days, needed }
        } else {
            Maturity::Established { days, needed }
        }
    }
    pub fn is_established(self) -> bool {
        matches!(self, Maturity::Established { .. })
    }
    pub fn is_building(self) -> bool {
        matches!(self, Maturity::Building { .. })
    }
    /// (days of history, days needed).
    pub fn days(self) -> (u32, u32) {
        match self {
            Maturity::Building { days, needed }
            | Maturity::LowBase { days, needed }
            | Maturity::Established { days, needed } => (days, needed),
        }
    }
}

impl LoadMetrics {
    /// Acute ÷ chronic; `None` while chronic load is zero. Shown, but see [`LoadMetrics::established_acwr`].
    pub fn acwr(&self) -> Option<f64> {
        (self.chronic > 0.0 && self.acute.is_finite()).then(|| self.acute / self.chronic)
    }

    /// Form: CTL − ATL.
    pub fn tsb(&self) -> f64 {
        self.ctl - self.atl
    }

    /// Whether the ratio can be trusted: [`MIN_HISTORY_DAYS_FOR_RATIO`] days and a chronic load of at least
    /// [`MIN_CHRONIC_AU_PER_DAY`].
    pub fn acwr_maturity(&self) -> Maturity {
        match Maturity::of(self.history_days, MIN_HISTORY_DAYS_FOR_RATIO) {
            Maturity::Established { days, needed } if self.chronic < MIN_CHRONIC_AU_PER_DAY => {
                Maturity::LowBase { days, needed }
            }
            m => m,
        }
    }

    /// Whether fitness, fatigue and form can be trusted: [`MIN_HISTORY_DAYS_FOR_FORM`] days.
    pub fn form_maturity(&self) -> Maturity {
        Maturity::of(self.history_days, MIN_HISTORY_DAYS_FOR_FORM)
    }

    /// Whether monotony and strain can flag: [`MIN_HISTORY_DAYS_FOR_STRAIN_FLAG`] days (the usual strain).
    pub fn monotony_maturity(&self) -> Maturity {
        Maturity::of(self.history_days, MIN_HISTORY_DAYS_FOR_STRAIN_FLAG)
    }

    /// The ratio, only when it is established ([`LoadMetrics::acwr_maturity`]): what readiness and the
    /// advisor read, so that a building ratio can never drive advice.
    pub fn established_acwr(&self) -> Option<f64> {
        self.acwr()
            .filter(|_| self.acwr_maturity().is_established())
    }

    /// This week's load ÷ last week's, when both weeks lie inside the log
    /// ([`MIN_HISTORY_DAYS_FOR_WEEK_OVER_WEEK`]) and last week had at least 7 × [`MIN_CHRONIC_AU_PER_DAY`] AU.
    pub fn week_over_week(&self) -> Option<f64> {
        (self.history_days >= MIN_HISTORY_DAYS_FOR_WEEK_OVER_WEEK
            && self.previous_week_load >= 7.0 * MIN_CHRONIC_AU_PER_DAY)
            .then(|| self.week_load / self.previous_week_load)
    }

    /// This week's strain ÷ the usual weekly strain; `None` while either is unknown or the usual is 0.
    pub fn strain_vs_usual(&self) -> Option<f64> {
        let usual = self.usual_strain.filter(|u| *u > 0.0)?;
        Some(self.strain? / usual)
    }

    /// Foster's warning, as validated: a monotonous week (monotony above [`HIGH_MONOTONY`]) whose strain is
    /// at least [`STRAIN_ABOVE_USUAL`] × the athlete's usual strain (or any strain after [`USUAL_STRAIN_WEEKS`]
    /// weeks without load), once the usual is known, and with at least 7 × [`MIN_CHRONIC_AU_PER_DAY`] AU in
    /// the week. A steady six-days-on, one-off week is monotonous by the number (√6 = 2.45 for equal days)
    /// but at the athlete's usual strain: not flagged.
    pub fn strain_flag(&self) -> bool {
        let (Some(m), Some(strain), Some(usual)) = (self.monotony, self.strain, self.usual_strain)
        else {
            return false;
        };
        self.monotony_maturity().is_established()
            && m > HIGH_MONOTONY
            && self.week_load >= 7.0 * MIN_CHRONIC_AU_PER_DAY
            && strain >= STRAIN_ABOVE_USUAL * usual
    }
}

/// All load trends as of the last day of `daily` (one load per consecutive day, oldest first).
/// An empty series gives all zeros.
pub fn load_metrics(daily: &[(Date, f64)]) -> LoadMetrics {
    let series = metrics_series(daily);
    metrics_at(&series, series.len())
}

/// The trends as of the end of `series[..end]`.
pub(crate) fn metrics_at(series: &[DailyMetrics], end: usize) -> LoadMetrics {
    let end = end.min(series.len());
    let Some(last) = end.checked_sub(1).map(|i| series[i]) else {
        return LoadMetrics::default();
    };
    let loads: Vec<f64> = series[..end].iter().map(|d| d.load).collect();
    let week_of = |k: usize| -> &[f64] {
        // The k-th week back: k = 0 is the last seven days.
        let hi = end.saturating_sub(k * MONOTONY_DAYS);
        &loads[hi.saturating_sub(MONOTONY_DAYS)..hi]
    };
    let week = week_of(0);
    let previous = week_of(1);
    let first_load = loads.iter().position(|&l| l > 0.0);
    let history_days = first_load.map_or(0, |first| u32::try_from(end - first).unwrap_or(u32::MAX));
    // Seven days back; before the log began that is where CTL started (the seed).
    let ctl_before = match (end.checked_sub(RAMP_DAYS + 1), first_load) {
        (Some(i), Some(first)) if i >= first => series[i].ctl,
        (_, Some(_)) => pmc_seed(&series.iter().map(|d| d.load).collect::<Vec<_>>())
            .map_or(0.0, |(_, seed)| seed),
        (_, None) => 0.0,
    };
    let (monotony, strain) = if history_days >= MIN_HISTORY_DAYS_FOR_MONOTONY {
        (monotony(week), strain(week))
    } else {
        (None, None)
    };
    let usual_strain = (history_days >= MIN_HISTORY_DAYS_FOR_STRAIN_FLAG).then(|| {
        (1..=USUAL_STRAIN_WEEKS)
            .map(|k| weekly_strain(week_of(k)))
            .sum::<f64>()
            / USUAL_STRAIN_WEEKS as f64
    });
    let mut m = LoadMetrics {
        date: Some(last.date),
        acute: last.acute,
        chronic: last.chronic,
        ctl: last.ctl,
        atl: last.atl,
        ramp: last.ctl - ctl_before,
        monotony,
        strain,
        usual_strain,
        // An empty sum of floats is −0.0; add +0.0 so that no "-0" is ever shown.
        week_load: week.iter().sum::<f64>() + 0.0,
        previous_week_load: previous.iter().sum::<f64>() + 0.0,
        monotonous: false,
        history_days,
    };
    m.monotonous = m.strain_flag();
    m
}

/// Sums session loads by the athlete's local calendar day from `first` to `last` inclusive, zero-filled.
/// Sessions outside those days are left out; non-finite or negative loads count as 0 and each is clamped to
/// [`MAX_SESSION_LOAD`]. At most [`MAX_HISTORY_DAYS`] days are returned (the most recent); `last` before
/// `first` gives an empty series.
pub fn daily_loads<I>(sessions: I, tz: &TimeZone, first: Date, last: Date) -> Vec<(Date, f64)>
where
    I: IntoIterator<Item = (Timestamp, f64)>,
{
    let end = epoch_day(last);
    let start = epoch_day(first).max(end - MAX_HISTORY_DAYS);
    if end < start {
        return Vec::new();
    }
    let len = usize::try_from(end - start + 1).unwrap_or(0);
    let mut loads = vec![0.0; len];
    for (at, load) in sessions {
        let day = epoch_day(tz.to_datetime(at).date());
        if (start..=end).contains(&day) {
            loads[(day - start) as usize] += amount(load).min(MAX_SESSION_LOAD);
        }
    }
    let Some(start_date) = date_from_epoch_day(start) else {
        return Vec::new();
    };
    let mut date = start_date;
    let mut out = Vec::with_capacity(len);
    for load in loads {
        out.push((date, load));
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    out
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian): H. Hinnant's `days_from_civil`.
pub(crate) fn epoch_day(d: Date) -> i64 {
    let month = i64::from(d.month());
    let y = i64::from(d.year()) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d.day()) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date `days` after 1970-01-01 (Hinnant's `civil_from_days`); `None` outside jiff's range.
pub(crate) fn date_from_epoch_day(days: i64) -> Option<Date> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn epoch_days_round_trip() {
        assert_eq!(epoch_day(date(1970, 1, 1)), 0);
        assert_eq!(epoch_day(date(2000, 3, 1)), 11_017);
        assert_eq!(epoch_day(date(1969, 12, 31)), -1);
        for d in [
            date(2024, 2, 29),
            date(1900, 3, 1),
            date(-9999, 1, 1),
            date(9999, 12, 31),
        ] {
            assert_eq!(date_from_epoch_day(epoch_day(d)), Some(d));
        }
        assert_eq!(date_from_epoch_day(i64::MAX), None);
        // Consistent with jiff's own arithmetic.
        let a = date(2026, 1, 15);
        let b = date(2031, 7, 2);
        assert_eq!(
            epoch_day(b) - epoch_day(a),
            i64::from(a.until(b).unwrap().get_days())
        );
    }
}
