//! Time in heart-rate zones, computed from an activity's samples.
//!
//! Edwards' five zones as shares of maximum heart rate ([`crate::science::heart::zones`], the common
//! watch convention): Z1 50–60 %, Z2 60–70 %, Z3 70–80 %, Z4 80–90 %, Z5 ≥ 90 %; time below 50 % counts
//! in no zone. Each sample holds until the
//! next one, but at most [`MAX_SAMPLE_GAP_S`] — a longer gap is a pause, not time at that heart rate;
//! the last sample counts one second.
//!
//! The store computes zones on insert when it knows the athlete's maximum heart rate (the profile's
//! `max_hr_bpm`), records which maximum it used, and recomputes every activity when it changes.

use crate::session::Sample;

/// Zone lower bounds as fractions of maximum heart rate (Z1 … Z5): Edwards' zones (Edwards S 1993, The
/// Heart Rate Monitor Book), as [`crate::science::heart::zones`] gives them in bpm.
pub const ZONE_LOWER_BOUNDS: [f64; 5] = [0.50, 0.60, 0.70, 0.80, 0.90];

/// A gap between samples longer than this is a pause; only this much of it is counted.
pub const MAX_SAMPLE_GAP_S: u32 = 10;

/// Seconds spent in each of the five zones, and the maximum heart rate they were computed with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HrZones {
    pub max_hr_bpm: f64,
    /// Seconds in Z1 … Z5.
    pub seconds: [u32; 5],
}

/// The zone index (0 = Z1) of `hr_bpm`, or `None` below Z1.
fn zone_of(hr_bpm: u8, max_hr_bpm: f64) -> Option<usize> {
    let share = f64::from(hr_bpm) / max_hr_bpm;
    ZONE_LOWER_BOUNDS.iter().rposition(|&lo| share >= lo)
}

/// Time in zones for `samples`; `None` when no sample has a heart rate.
pub fn hr_zones(samples: &[Sample], max_hr_bpm: f64) -> Option<HrZones> {
    if !samples.iter().any(|s| s.hr_bpm.is_some()) {
        return None;
    }
    let mut seconds = [0u32; 5];
    for (i, s) in samples.iter().enumerate() {
        let Some(hr) = s.hr_bpm else { continue };
        let held_s = match samples.get(i + 1) {
            Some(next) => next
                .offset_s
                .saturating_sub(s.offset_s)
                .min(MAX_SAMPLE_GAP_S),
            None => 1,
        };
        if let Some(z) = zone_of(hr, max_hr_bpm) {
            seconds[z] = seconds[z].saturating_add(held_s);
        }
    }
    Some(HrZones {
        max_hr_bpm,
        seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_are_edwards_zones() {
        let zones = crate::science::heart::zones(190.0, None);
        let lower: Vec<f64> = zones.iter().map(|z| z.min_bpm / 190.0).collect();
        for (a, b) in lower.iter().zip(ZONE_LOWER_BOUNDS) {
            assert!((a - b).abs() < 1e-9, "{lower:?} vs {ZONE_LOWER_BOUNDS:?}");
        }
    }

    fn s(offset_s: u32, hr: Option<u8>) -> Sample {
        Sample {
            offset_s,
            hr_bpm: hr,
            ..Sample::default()
        }
    }

    #[test]
    fn counts_each_sample_until_the_next_and_caps_pauses() {
        // max 200: 100 → Z1 (50 %), 150 → Z3 (75 %), 190 → Z5 (95 %), 90 → none (45 %).
        let samples = [
            s(0, Some(100)),
            s(2, Some(150)),
            s(3, Some(190)),
            s(60, Some(150)),
            s(61, Some(90)),
            s(62, None),
        ];
        let z = hr_zones(&samples, 200.0).unwrap();
        assert_eq!(z.seconds, [2, 0, 2, 0, 10]);
        let z = hr_zones(&samples[..3], 200.0).unwrap();
        assert_eq!(z.seconds, [2, 0, 1, 0, 1]);
    }

    #[test]
    fn bounds_are_inclusive_below() {
        assert_eq!(zone_of(120, 200.0), Some(1)); // exactly 60 %
        assert_eq!(zone_of(99, 200.0), None);
        assert_eq!(zone_of(250, 200.0), Some(4));
    }

    #[test]
    fn no_heart_rate_means_no_zones() {
        assert_eq!(hr_zones(&[s(0, None)], 190.0), None);
        assert_eq!(hr_zones(&[], 190.0), None);
    }
}
