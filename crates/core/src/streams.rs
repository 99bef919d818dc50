//! An activity's samples as people read them: **splits** (every kilometre, mile or 100 m of the recorded
//! distance, not the device's laps), and the speed a recording without a speed channel implies.
//!
//! Splits are cut where the cumulative distance crosses each multiple of the split length; the time of
//! the crossing is interpolated linearly between the two samples around it. A split's moving time leaves
//! out the gaps between samples longer than [`PAUSE_GAP_S`] (a stop: devices record nothing while
//! auto-paused), the rule the readers' timer time follows. A last, shorter split is kept when it is at
//! least [`LAST_SPLIT_MIN_SHARE`] of a split.

use crate::session::{PAUSE_GAP_S, Sample};

/// A last split shorter than this share of the split length (10 m of a kilometre) is left out: its pace
/// would be noise.
pub const LAST_SPLIT_MIN_SHARE: f64 = 0.01;

/// A metre per mile (international mile, 1959: 1,609.344 m).
pub const MILE_M: f64 = 1609.344;

/// Derived speed is the distance covered from this many seconds before a sample to as many after it,
/// over the time between: a 10-second centred difference, which smooths the metre-level noise of GPS
/// positions without hiding a change of pace.
pub const SPEED_WINDOW_S: u32 = 5;

/// One split of an activity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    /// The split length, or less for the last.
    pub distance_m: f64,
    /// Where it starts and ends, seconds since the activity's start (interpolated).
    pub start_s: f64,
    pub end_s: f64,
    /// Wall-clock time, `end_s − start_s`.
    pub elapsed_s: f64,
    /// `elapsed_s` without the pauses (gaps between samples longer than [`PAUSE_GAP_S`]).
    pub moving_s: f64,
    /// The mean of the heart-rate samples within the split.
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<u8>,
    /// The last altitude recorded within the split minus the first.
    pub elevation_change_m: Option<f64>,
}

/// Why an activity has no splits.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SplitsError {
    #[error("no distance was recorded along the way")]
    NoDistance,
    #[error(
        "the recording's clock goes back {back_s} s at {at_s} s from the start: its splits would be wrong"
    )]
    ClockBackwards { at_s: u32, back_s: u32 },
    #[error("split length {0} m: expected a positive length")]
    BadLength(f64),
}

/// The splits of `samples` every `split_m` metres of recorded distance. Samples must be in time order
/// (a recording whose clock went back is refused, not guessed at); a cumulative distance that drops
/// (a device reset) holds at its highest value.
pub fn splits(samples: &[Sample], split_m: f64) -> Result<Vec<Split>, SplitsError> {
    if !(split_m.is_finite() && split_m > 0.0) {
        return Err(SplitsError::BadLength(split_m));
    }
    if let Some(w) = samples.windows(2).find(|w| w[1].offset_s < w[0].offset_s) {
        return Err(SplitsError::ClockBackwards {
            at_s: w[0].offset_s,
            back_s: w[0].offset_s - w[1].offset_s,
        });
    }
    // (time, distance) of the samples with a distance, the distance never dropping.
    let mut along: Vec<(f64, f64)> = Vec::new();
    let mut highest = 0.0f64;
    for s in samples {
        if let Some(d) = s.distance_m.filter(|d| d.is_finite() && *d >= 0.0) {
            highest = highest.max(d);
            along.push((f64::from(s.offset_s), highest));
        }
    }
    let (Some(&first), Some(&last)) = (along.first(), along.last()) else {
        return Err(SplitsError::NoDistance);
    };
    if last.1 <= first.1 {
        return Err(SplitsError::NoDistance);
    }
    let moving = Moving::new(samples);
    // The boundaries: (time, distance) at the start, at every multiple of split_m, at the end.
    let mut bounds = vec![first];
    let mut next = (first.1 / split_m).floor() * split_m + split_m;
    for w in along.windows(2) {
        let ((t0, d0), (t1, d1)) = (w[0], w[1]);
        while d1 > d0 && next <= d1 {
            let t = t0 + (next - d0) / (d1 - d0) * (t1 - t0);
            bounds.push((t, next));
            next += split_m;
        }
    }
    let tail = last.1 - bounds.last().map_or(first.1, |b| b.1);
    if tail >= LAST_SPLIT_MIN_SHARE * split_m {
        bounds.push(last);
    }
    let n = bounds.len();
    // The samples are in time order: each split's are one range, found by bisection.
    let first_at = |t: f64| samples.partition_point(|s| f64::from(s.offset_s) < t);
    let after = |t: f64| samples.partition_point(|s| f64::from(s.offset_s) <= t);
    Ok(bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let ((start_s, d0), (end_s, d1)) = (w[0], w[1]);
            // [start, end), the last split with its end.
            let inside = &samples[first_at(start_s)..if i + 2 == n {
                after(end_s)
            } else {
                first_at(end_s)
            }];
            let (mut hr_sum, mut hr_n, mut hr_max) = (0u64, 0u64, None::<u8>);
            for h in inside.iter().filter_map(|s| s.hr_bpm) {
                hr_sum += u64::from(h);
                hr_n += 1;
                hr_max = Some(hr_max.map_or(h, |m| m.max(h)));
            }
            let mut altitudes = inside
                .iter()
                .filter_map(|s| s.altitude_m.filter(|a| a.is_finite()));
            let first_alt = altitudes.next();
            let last_alt = altitudes.next_back();
            Split {
                distance_m: d1 - d0,
                start_s,
                end_s,
                elapsed_s: end_s - start_s,
                moving_s: moving.at(end_s) - moving.at(start_s),
                avg_hr_bpm: (hr_n > 0).then(|| hr_sum as f64 / hr_n as f64),
                max_hr_bpm: hr_max,
                elevation_change_m: match (first_alt, last_alt) {
                    (Some(a), Some(b)) => Some(f64::from(b - a)),
                    _ => None,
                },
            }
        })
        .collect())
}

/// Moving time since the first sample, at any time: the gaps between samples up to [`PAUSE_GAP_S`]
/// count, longer ones do not.
struct Moving {
    /// (time, moving seconds at it, whether the gap after it counts).
    at: Vec<(f64, f64, bool)>,
}

impl Moving {
    fn new(samples: &[Sample]) -> Moving {
        let mut at = Vec::with_capacity(samples.len());
        let mut total = 0.0;
        for (i, s) in samples.iter().enumerate() {
            let counts = samples
                .get(i + 1)
                .is_some_and(|n| n.offset_s - s.offset_s <= PAUSE_GAP_S);
            at.push((f64::from(s.offset_s), total, counts));
            if let Some(n) = samples.get(i + 1)
                && counts
            {
                total += f64::from(n.offset_s - s.offset_s);
            }
        }
        Moving { at }
    }

    fn at(&self, t: f64) -> f64 {
        let i = self.at.partition_point(|p| p.0 <= t);
        match i.checked_sub(1).and_then(|i| self.at.get(i)) {
            Some(&(t0, m, counts)) => m + if counts { t - t0 } else { 0.0 },
            None => 0.0,
        }
    }
}

/// Speed from the distance channel, m/s, for every sample with a distance ([`SPEED_WINDOW_S`]): for a
/// recording that has positions or distances but no speed (most GPX files). `None` where the window
/// holds no time (a sample alone) or for a sample without a distance. Samples must be in time order.
pub fn speed_from_distance(samples: &[Sample]) -> Vec<Option<f32>> {
    let along: Vec<(usize, u32, f64)> = samples
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.distance_m
                .filter(|d| d.is_finite())
                .map(|d| (i, s.offset_s, d))
        })
        .collect();
    let mut out = vec![None; samples.len()];
    let (mut lo, mut hi) = (0usize, 0usize);
    for (k, &(i, t, _)) in along.iter().enumerate() {
        while along[lo].1.saturating_add(SPEED_WINDOW_S) < t {
            lo += 1;
        }
        hi = hi.max(k);
        while hi + 1 < along.len() && along[hi + 1].1 <= t.saturating_add(SPEED_WINDOW_S) {
            hi += 1;
        }
        let ((_, t0, d0), (_, t1, d1)) = (along[lo], along[hi]);
        if t1 > t0 && d1 >= d0 {
            out[i] = Some(((d1 - d0) / f64::from(t1 - t0)) as f32);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(offset_s: u32, distance_m: f64) -> Sample {
        Sample {
            offset_s,
            distance_m: Some(distance_m),
            ..Sample::default()
        }
    }

    #[test]
    fn a_steady_run_splits_every_kilometre() {
        // 4 m/s for 2,600 m: 250 s a kilometre, then a 600 m split of 150 s.
        let samples: Vec<Sample> = (0..=650).map(|t| s(t, 4.0 * f64::from(t))).collect();
        let splits = splits(&samples, 1000.0).unwrap();
        assert_eq!(splits.len(), 3);
        for (k, sp) in splits.iter().take(2).enumerate() {
            assert!((sp.distance_m - 1000.0).abs() < 1e-9);
            assert!((sp.start_s - 250.0 * k as f64).abs() < 1e-9);
            assert!((sp.elapsed_s - 250.0).abs() < 1e-9);
            assert!((sp.moving_s - 250.0).abs() < 1e-9);
        }
        assert!((splits[2].distance_m - 600.0).abs() < 1e-9);
        assert!((splits[2].elapsed_s - 150.0).abs() < 1e-9);
        // In miles: 1,609.344 m at 4 m/s is 402.336 s.
        let miles = super::splits(&samples, MILE_M).unwrap();
        assert_eq!(miles.len(), 2);
        assert!((miles[0].elapsed_s - 402.336).abs() < 1e-9);
    }

    #[test]
    fn a_boundary_between_samples_is_interpolated() {
        // 0 m at 0 s, 990 m at 300 s, 1,010 m at 301 s: the kilometre falls at 300.5 s.
        let samples = [s(0, 0.0), s(300, 990.0), s(301, 1010.0), s(400, 1200.0)];
        let splits = splits(&samples, 1000.0).unwrap();
        assert!((splits[0].end_s - 300.5).abs() < 1e-9);
        assert!((splits[1].start_s - 300.5).abs() < 1e-9);
        assert!((splits[1].distance_m - 200.0).abs() < 1e-9);
    }

    #[test]
    fn a_stop_counts_in_elapsed_but_not_in_moving_time() {
        // 500 m in 125 s, a 5-minute stop (no samples), 500 m more in 125 s.
        let mut samples: Vec<Sample> = (0..=125).map(|t| s(t, 4.0 * f64::from(t))).collect();
        samples.extend((425..=550).map(|t| s(t, 500.0 + 4.0 * f64::from(t - 425))));
        let splits = splits(&samples, 1000.0).unwrap();
        assert_eq!(splits.len(), 1);
        assert!((splits[0].elapsed_s - 550.0).abs() < 1e-9);
        assert!((splits[0].moving_s - 250.0).abs() < 1e-9);
        // A 60-second gap is not a pause: it is the limit.
        let samples = [s(0, 0.0), s(60, 240.0), s(300, 1200.0)];
        let splits = super::splits(&samples, 1000.0).unwrap();
        assert!((splits[0].moving_s - 60.0).abs() < 1e-9);
        assert!((splits[0].elapsed_s - 250.0).abs() < 1e-9);
    }

    #[test]
    fn heart_rate_and_elevation_per_split() {
        let samples: Vec<Sample> = (0..=500)
            .map(|t| Sample {
                hr_bpm: Some(if t < 250 { 140 } else { 160 }),
                altitude_m: Some(100.0 + t as f32 * 0.1),
                ..s(t, 4.0 * f64::from(t))
            })
            .collect();
        let splits = splits(&samples, 1000.0).unwrap();
        assert_eq!(splits.len(), 2);
        assert_eq!(splits[0].avg_hr_bpm, Some(140.0));
        assert_eq!(splits[1].max_hr_bpm, Some(160));
        assert_eq!(splits[1].avg_hr_bpm, Some(160.0));
        // 0–249 s: 24.9 m up; the last split holds its end sample: 250–500 s, 25 m.
        assert!((splits[0].elevation_change_m.unwrap() - 24.9).abs() < 1e-3);
        assert!((splits[1].elevation_change_m.unwrap() - 25.0).abs() < 1e-3);
    }

    #[test]
    fn what_cannot_be_split_says_why() {
        assert_eq!(
            splits(&[s(0, 0.0), s(10, 0.0)], 1000.0),
            Err(SplitsError::NoDistance)
        );
        assert_eq!(
            splits(&[Sample::default()], 1000.0),
            Err(SplitsError::NoDistance)
        );
        assert_eq!(
            splits(&[s(0, 0.0), s(20, 50.0), s(15, 70.0)], 1000.0),
            Err(SplitsError::ClockBackwards {
                at_s: 20,
                back_s: 5
            })
        );
        assert!(matches!(
            splits(&[s(0, 0.0)], 0.0),
            Err(SplitsError::BadLength(_))
        ));
        // A tail under 10 m is left out; a dropped distance holds.
        let samples = [s(0, 0.0), s(250, 1000.0), s(260, 5.0), s(261, 1005.0)];
        let splits = splits(&samples, 1000.0).unwrap();
        assert_eq!(splits.len(), 1);
    }

    #[test]
    fn speed_from_distance_is_a_centred_difference() {
        // 3 m/s with ±1 m of noise on every other sample: the window averages it away.
        let samples: Vec<Sample> = (0..=100)
            .map(|t| s(t, 3.0 * f64::from(t) + if t % 2 == 0 { 1.0 } else { -1.0 }))
            .collect();
        let v = speed_from_distance(&samples);
        assert_eq!(v.len(), 101);
        // In the middle: (d(55) − d(45)) / 10 = ((165 − 1) − (135 − 1)) / 10 = 3.0.
        assert!((v[50].unwrap() - 3.0).abs() < 1e-6);
        // At the start the window is one-sided: (d(5) − d(0)) / 5 = (15 − 1 − 1)/5.
        assert!((v[0].unwrap() - 2.6).abs() < 1e-6);
        let alone = [s(0, 0.0), Sample::default()];
        assert_eq!(speed_from_distance(&alone), vec![None, None]);
    }
}
