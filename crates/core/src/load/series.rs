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
//! Both smoothings start from zero before the first day of the series: an athlete's log begins at zero
//! load, which makes every value here a closed form of the inputs (constant load L for n days gives
//! L·(1 − (1 − λ)^n)) but means the chronic values are still building for the first 4–6 weeks.
//!
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
/// The ratio is only used for flags once this many days of history exist (the chronic window).
pub const MIN_HISTORY_DAYS_FOR_RATIO: u32 = 28;
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
/// `None` when it is undefined: an empty window, no load at all, or no variation (SD = 0: a week of identical
/// non-zero days is maximally monotonous, which [`is_monotonous`] treats as such). Non-finite or negative
/// loads count as 0. Example: [100, 200, 0, 100, 200, 0, 100]: mean 100, SD 75.59 → 1.32.
pub fn monotony(week: &[f64]) -> Option<f64> {
    let (mean, sd) = mean_sd(week)?;
    (mean > 0.0 && sd > 0.0).then(|| mean / sd)
}

/// Foster's strain: the week's total load × its [`monotony`] (Foster 1998). `None` when monotony is undefined.
pub fn strain(week: &[f64]) -> Option<f64> {
    let m = monotony(week)?;
    Some(week.iter().map(|&x| amount(x)).sum::<f64>() * m)
}

/// Monotony above `threshold`, or a week of identical non-zero days (infinite monotony).
pub fn is_monotonous(week: &[f64], threshold: f64) -> bool {
    match mean_sd(week) {
        Some((mean, sd)) if mean > 0.0 => sd == 0.0 || mean / sd > threshold,
        _ => false,
    }
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
pub fn metrics_series(daily: &[(Date, f64)]) -> Vec<DailyMetrics> {
    let la = ewma_lambda(ACUTE_DAYS);
    let lc = ewma_lambda(CHRONIC_DAYS);
    let lctl = pmc_lambda(CTL_DAYS);
    let latl = pmc_lambda(ATL_DAYS);
    let (mut acute, mut chronic, mut ctl, mut atl) = (0.0, 0.0, 0.0, 0.0);
    daily
        .iter()
        .map(|&(date, load)| {
            let load = day_load(load);
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
    /// Fitness (CTL, τ 42 d).
    pub ctl: f64,
    /// Fatigue (ATL, τ 7 d).
    pub atl: f64,
    /// CTL now minus CTL seven days earlier (0 before the series began).
    pub ramp: f64,
    /// Foster's monotony of the last seven days; `None` when undefined (see [`monotony`]).
    pub monotony: Option<f64>,
    /// Foster's strain of the last seven days.
    pub strain: Option<f64>,
    /// Total load of the last seven days (today included).
    pub week_load: f64,
    /// Total load of the seven days before those.
    pub previous_week_load: f64,
    /// The last seven days were monotonous: monotony above 2.0, or identical non-zero days.
    pub monotonous: bool,
    /// Days from the first day with any load to the last day, inclusive; 0 without any load.
    pub history_days: u32,
}

/// Foster's threshold: monotony above 2.0 marked the weeks before illness (Foster 1998).
pub const HIGH_MONOTONY: f64 = 2.0;

impl LoadMetrics {
    /// Acute ÷ chronic; `None` while chronic load is zero.
    pub fn acwr(&self) -> Option<f64> {
        (self.chronic > 0.0 && self.acute.is_finite()).then(|| self.acute / self.chronic)
    }

    /// Form: CTL − ATL.
    pub fn tsb(&self) -> f64 {
        self.ctl - self.atl
    }

    /// The ratio, when there is enough history for it to mean anything: at least
    /// [`MIN_HISTORY_DAYS_FOR_RATIO`] days and a chronic load of at least [`MIN_CHRONIC_AU_PER_DAY`].
    pub fn established_acwr(&self) -> Option<f64> {
        let enough = self.history_days >= MIN_HISTORY_DAYS_FOR_RATIO
            && self.chronic >= MIN_CHRONIC_AU_PER_DAY;
        self.acwr().filter(|_| enough)
    }

    /// This week's load ÷ last week's, when last week had at least 7 × [`MIN_CHRONIC_AU_PER_DAY`] AU.
    pub fn week_over_week(&self) -> Option<f64> {
        (self.previous_week_load >= 7.0 * MIN_CHRONIC_AU_PER_DAY)
            .then(|| self.week_load / self.previous_week_load)
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
    let week = &loads[end.saturating_sub(MONOTONY_DAYS)..];
    let previous = &loads[end.saturating_sub(2 * MONOTONY_DAYS)..end.saturating_sub(MONOTONY_DAYS)];
    let ctl_before = end
        .checked_sub(RAMP_DAYS + 1)
        .map_or(0.0, |i| series[i].ctl);
    let history_days = loads
        .iter()
        .position(|&l| l > 0.0)
        .map_or(0, |first| u32::try_from(end - first).unwrap_or(u32::MAX));
    LoadMetrics {
        date: Some(last.date),
        acute: last.acute,
        chronic: last.chronic,
        ctl: last.ctl,
        atl: last.atl,
        ramp: last.ctl - ctl_before,
        monotony: monotony(week),
        strain: strain(week),
        week_load: week.iter().sum(),
        previous_week_load: previous.iter().sum(),
        monotonous: is_monotonous(week, HIGH_MONOTONY),
        history_days,
    }
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
