//! EPOC, the "afterburn": extra energy used after exercise, as a range rather than one number.
//!
//! The source text mentions EPOC as a reason to lift or run hard; the literature says it is real but
//! small. After aerobic exercise EPOC is at most 6–15 % of the exercise's net oxygen cost, and only that
//! much after long or very hard exercise (LaForgia J, Withers RT, Gore CJ 2006, "Effects of exercise
//! intensity and duration on the excess post-exercise oxygen consumption", J Sports Sci 24:1247). The
//! advisor shows it so that people do not overrate it.

use std::ops::Add;

use crate::science::{amount, interpolate};

/// A range of kcal (`low <= high`, both ≥ 0).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KcalRange {
    pub low: f64,
    pub high: f64,
}

impl KcalRange {
    pub const ZERO: KcalRange = KcalRange {
        low: 0.0,
        high: 0.0,
    };

    /// The middle of the range, the single number the advisor shows.
    pub fn midpoint(self) -> f64 {
        (self.low + self.high) / 2.0
    }
}

impl Add for KcalRange {
    type Output = KcalRange;
    fn add(self, other: KcalRange) -> KcalRange {
        KcalRange {
            low: self.low + other.low,
            high: self.high + other.high,
        }
    }
}

/// EPOC as a fraction of the net exercise cost once exercise is long or hard enough for a prolonged
/// EPOC: 6–15 % (LaForgia 2006, J Sports Sci 24:1247). Bahr R et al. 1987 ("Effect of duration of
/// exercise on excess postexercise O2 consumption", J Appl Physiol 62:485) found 12-h EPOC after 20, 40
/// and 80 min at 70 % VO2max proportional to duration and, on average, 15.2 ± 2.0 % of the exercise O2.
pub const SUSTAINED_EPOC_FRACTION: (f64, f64) = (0.06, 0.15);

/// EPOC fraction of net cost for bouts too short or easy for a prolonged EPOC, by intensity (fraction of
/// VO2max → low, high). After 20–40 min at 60–70 % VO2max, oxygen uptake is back to rest within about
/// 40 min (Maresh CM et al. 1992, "Oxygen consumption following exercise of moderate intensity and
/// duration", Eur J Appl Physiol 65:421), so the low end is a few percent; the high end reaches Bahr's
/// 15 % at 70 % VO2max. Below 30 % VO2max only the fast component remains.
pub const SHORT_EPOC_FRACTION: [(f64, f64, f64); 3] =
    [(0.30, 0.01, 0.04), (0.50, 0.02, 0.08), (0.70, 0.04, 0.15)];

/// EPOC after aerobic exercise, from its net cost (kcal above rest, e.g. [`super::mets::net_kcal_from_met`]).
///
/// When the bout meets LaForgia's conditions for a prolonged EPOC — at least 50 min at ≥ 70 % VO2max, or
/// at least 6 min at ≥ 105 % (supramaximal) — the range is [`SUSTAINED_EPOC_FRACTION`] of the net cost;
/// otherwise it is [`SHORT_EPOC_FRACTION`] at the bout's intensity, interpolated and clamped at its ends.
/// Negative or non-finite inputs count as zero. Example: 300 kcal net at 65 % for 30 min → 10.5–39.8 kcal;
/// 700 kcal net at 75 % for 60 min → 42–105 kcal.
pub fn epoc_kcal(net_exercise_kcal: f64, fraction_vo2max: f64, minutes: f64) -> KcalRange {
    let net = amount(net_exercise_kcal);
    let f = amount(fraction_vo2max);
    let minutes = amount(minutes);
    let sustained = (f >= 0.70 && minutes >= 50.0) || (f >= 1.05 && minutes >= 6.0);
    let (lo, hi) = if sustained {
        SUSTAINED_EPOC_FRACTION
    } else {
        let low = SHORT_EPOC_FRACTION.map(|(x, lo, _)| (x, lo));
        let high = SHORT_EPOC_FRACTION.map(|(x, _, hi)| (x, hi));
        (interpolate(&low, f), interpolate(&high, f))
    };
    KcalRange {
        low: net * lo,
        high: net * hi,
    }
}

/// EPOC of a 30-min heavy resistance session for an 80-kg lifter, kcal: the reference the scaling in
/// [`resistance_epoc_kcal`] starts from. Anchors:
///
/// - Schuenke MD, Mikat RP, McBride JM 2002 ("Effect of an acute period of resistance exercise on excess
///   post-exercise oxygen consumption: implications for body mass management", Eur J Appl Physiol 86:411):
///   after 31 min of heavy circuits to failure (men of 83 kg), VO2 was still raised at 14, 19 and 38 h.
/// - Greer BK et al. 2015 ("EPOC comparison between isocaloric bouts of steady-state aerobic, intermittent
///   aerobic, and resistance training", Res Q Exerc Sport 86:190, doi:10.1080/02701367.2014.999190):
///   resting VO2 12 h after resistance training 4.7 vs 4.3 mL/kg/min after steady aerobic exercise; 3.7
///   vs 3.2 at 21 h.
///
/// Low end, 20 kcal (≈ 4 L O2): only the first hours' elevation. High end, 80 kcal: that plus a resting
/// rate about 3 % higher for a day (≈ 58 kcal for 80 kg at 1 kcal/kg/h); single-point elevations have been
/// measured larger (Greer), and some studies find none beyond 12 h, so this stays modest.
pub const HEAVY_RESISTANCE_EPOC_REF: KcalRange = KcalRange {
    low: 20.0,
    high: 80.0,
};

/// The same reference for a light or moderate session (sets well short of failure, moderate loads), where
/// only the short post-exercise elevation is expected (LaForgia 2006): 5–25 kcal.
pub const LIGHT_RESISTANCE_EPOC_REF: KcalRange = KcalRange {
    low: 5.0,
    high: 25.0,
};

/// EPOC after a resistance session, kcal, scaled from [`HEAVY_RESISTANCE_EPOC_REF`] or
/// [`LIGHT_RESISTANCE_EPOC_REF`] (30 min, 80 kg).
///
/// Scaling: proportional to body mass, and to minutes up to 30; beyond 30 min by the square root of
/// (minutes / 30), capped at 120 min, because longer sessions mostly add rest between sets rather than
/// intensity, and EPOC depends more on intensity than on duration (LaForgia 2006). Negative or non-finite
/// inputs count as zero. Example: heavy, 60 min, 80 kg → 28.3–113.1 kcal.
pub fn resistance_epoc_kcal(session_minutes: f64, heavy: bool, weight_kg: f64) -> KcalRange {
    let reference = if heavy {
        HEAVY_RESISTANCE_EPOC_REF
    } else {
        LIGHT_RESISTANCE_EPOC_REF
    };
    let minutes = amount(session_minutes).min(120.0);
    let duration = if minutes <= 30.0 {
        minutes / 30.0
    } else {
        (minutes / 30.0).sqrt()
    };
    let scale = duration * amount(weight_kg) / 80.0;
    KcalRange {
        low: reference.low * scale,
        high: reference.high * scale,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn kcal_range_basics() {
        let r = KcalRange {
            low: 10.0,
            high: 30.0,
        };
        assert_eq!(r.midpoint(), 20.0);
        assert_eq!(
            r + KcalRange {
                low: 1.0,
                high: 2.0
            },
            KcalRange {
                low: 11.0,
                high: 32.0
            }
        );
        assert_eq!(KcalRange::ZERO.midpoint(), 0.0);
    }

    #[test]
    fn prolonged_epoc_is_laforgias_6_to_15_percent() {
        let r = epoc_kcal(700.0, 0.75, 60.0);
        assert!(close(r.low, 42.0, 1e-9) && close(r.high, 105.0, 1e-9));
        // Supramaximal intervals for 6 min or more also qualify.
        let r = epoc_kcal(100.0, 1.10, 8.0);
        assert!(close(r.low, 6.0, 1e-9) && close(r.high, 15.0, 1e-9));
        // 49 min at 75 % does not: the short-bout range at 70 % and above applies.
        let r = epoc_kcal(700.0, 0.75, 49.0);
        assert!(close(r.low, 28.0, 1e-9) && close(r.high, 105.0, 1e-9));
    }

    #[test]
    fn short_moderate_bouts_have_a_small_epoc() {
        // 65 %: low 0.02 + 0.75 × 0.02 = 0.035, high 0.08 + 0.75 × 0.07 = 0.1325.
        let r = epoc_kcal(300.0, 0.65, 30.0);
        assert!(close(r.low, 10.5, 1e-9) && close(r.high, 39.75, 1e-9));
        let r = epoc_kcal(150.0, 0.40, 25.0);
        assert!(close(r.low, 2.25, 1e-9) && close(r.high, 9.0, 1e-9));
        let r = epoc_kcal(100.0, 0.1, 20.0);
        assert!(close(r.low, 1.0, 1e-9) && close(r.high, 4.0, 1e-9));
        assert_eq!(epoc_kcal(-50.0, 0.6, 30.0), KcalRange::ZERO);
        assert_eq!(epoc_kcal(f64::NAN, 0.6, 30.0), KcalRange::ZERO);
    }

    #[test]
    fn resistance_epoc_anchors_and_scaling() {
        assert_eq!(
            resistance_epoc_kcal(30.0, true, 80.0),
            HEAVY_RESISTANCE_EPOC_REF
        );
        assert_eq!(
            resistance_epoc_kcal(30.0, false, 80.0),
            LIGHT_RESISTANCE_EPOC_REF
        );
        assert!(close(
            resistance_epoc_kcal(30.0, true, 80.0).midpoint(),
            50.0,
            1e-9
        ));
        let r = resistance_epoc_kcal(15.0, true, 40.0);
        assert!(close(r.low, 5.0, 1e-9) && close(r.high, 20.0, 1e-9));
        let r = resistance_epoc_kcal(60.0, true, 80.0);
        assert!(close(r.low, 20.0 * 2f64.sqrt(), 1e-9) && close(r.high, 80.0 * 2f64.sqrt(), 1e-9));
        assert_eq!(
            resistance_epoc_kcal(500.0, true, 80.0),
            resistance_epoc_kcal(120.0, true, 80.0)
        );
        assert_eq!(resistance_epoc_kcal(-10.0, true, 80.0), KcalRange::ZERO);
    }

    proptest! {
        #[test]
        fn ranges_are_ordered_and_non_negative(
            net in -100.0f64..2000.0,
            f in -0.5f64..1.5,
            min in -10.0f64..300.0,
            heavy: bool,
            kg in -10.0f64..200.0,
        ) {
            for r in [epoc_kcal(net, f, min), resistance_epoc_kcal(min, heavy, kg)] {
                prop_assert!(r.low >= 0.0 && r.low <= r.high);
            }
            prop_assert!(epoc_kcal(net, f, min).high <= 0.15 * net.max(0.0) + 1e-9);
        }
    }
}
