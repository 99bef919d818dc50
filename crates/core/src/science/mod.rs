//! Published formulas, one function each, with its source in the doc comment and a test against the
//! published numbers.
//!
//! Everything the advisor calculates about the body comes from here: maximum and target heart rates
//! ([`heart`]), energy cost of activities ([`mets`], [`energy`]), the afterburn ([`epoc`]), the fuel split
//! ([`substrate`]), the carbohydrate a session uses ([`glycogen`]), lifting arithmetic ([`strength`]),
//! running performance ([`running`]) and refuelling and sleep ([`recovery`]).
//!
//! Conventions:
//! - Plain `f64` with the unit in the name (`weight_kg`, `speed_kmh`, `minutes`, `_bpm`); fractions are
//!   0–1 (`fraction_vo2max = 0.7` is 70 % VO2max).
//! - No function panics. Amounts (kcal, grams, millilitres, minutes) treat negative or non-finite inputs
//!   as zero and never return a negative amount; other out-of-range inputs are clamped to the range the
//!   formula was published for, as each function documents. Pure unit conversions let `NaN` through.
//! - Where a published source gives a range, the function returns the range (e.g. [`epoc::KcalRange`]);
//!   where the advisor needs one number the function documents which end or point it picks.
//! - Sources are cited as author year, journal volume:first page. Constants that are afterlift's own
//!   modelling choices (a curve through published anchors, a calibration) say so and name their anchors.

pub mod energy;
pub mod epoc;
pub mod glycogen;
pub mod heart;
pub mod mets;
pub mod recovery;
pub mod running;
pub mod strength;
pub mod substrate;

pub use epoc::KcalRange;
pub use heart::{HrMaxFormula, IntensityBand, Zone};
pub use mets::{Met, MetActivity};

/// Linear interpolation in a table of `(x, y)` points sorted by `x`, clamped to the end values.
/// A non-finite `x` gives the first point's `y` (callers guard their inputs; this keeps the helper total).
pub(crate) fn interpolate(table: &[(f64, f64)], x: f64) -> f64 {
    let (Some(first), Some(last)) = (table.first(), table.last()) else {
        return 0.0;
    };
    if !x.is_finite() || x <= first.0 {
        return first.1;
    }
    if x >= last.0 {
        return last.1;
    }
    for pair in table.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        if x <= x1 {
            if x1 <= x0 {
                return y1;
            }
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    last.1
}

/// A non-negative finite amount, or zero.
pub(crate) fn amount(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolate_is_linear_between_points_and_clamped_outside() {
        let t = [(0.0, 0.0), (1.0, 10.0), (3.0, 30.0)];
        assert_eq!(interpolate(&t, -5.0), 0.0);
        assert_eq!(interpolate(&t, 0.5), 5.0);
        assert_eq!(interpolate(&t, 2.0), 20.0);
        assert_eq!(interpolate(&t, 9.0), 30.0);
        assert_eq!(interpolate(&t, f64::NAN), 0.0);
        assert_eq!(interpolate(&[], 1.0), 0.0);
    }

    proptest::proptest! {
        /// Every public function accepts any `f64`, NaN and infinities included, without panicking.
        #[test]
        fn no_function_panics(
            a in proptest::num::f64::ANY,
            b in proptest::num::f64::ANY,
            c in proptest::num::f64::ANY,
            n in proptest::num::u32::ANY,
            flag: bool,
        ) {
            use crate::Sex;
            let band = heart::CONVERSATIONAL;
            for f in heart::HrMaxFormula::ALL {
                heart::predicted_hr_max(a, f);
            }
            heart::karvonen(a, b, c);
            heart::heart_rate_range(a, Some(b), &band);
            heart::zones(a, Some(b));
            heart::cr10_from_borg(a);
            for activity in [
                MetActivity::Running { speed_kmh: a },
                MetActivity::Walking { speed_kmh: a },
                MetActivity::StationaryCycling { watts: Some(a) },
                MetActivity::Rowing { watts: Some(a) },
            ] {
                mets::met(activity);
            }
            mets::kcal_from_met(a, b, c);
            mets::net_kcal_from_met(a, b, c);
            energy::acsm_running_vo2(a, b);
            energy::acsm_walking_vo2(a, b);
            energy::keytel_kcal_per_min(if flag { Sex::Male } else { Sex::Female }, a, b, c);
            epoc::epoc_kcal(a, b, c);
            epoc::resistance_epoc_kcal(a, flag, b);
            substrate::fat_fraction(a);
            substrate::fat_fraction_after_lifting(a);
            substrate::rq_to_carb_fraction(a);
            strength::epley_1rm(a, n);
            strength::brzycki_1rm(a, n);
            strength::rir_from_rpe(a);
            strength::percent_1rm(n, a);
            strength::volume_load_kg([(n, a), (n, b)]);
            running::vdot(a, b);
            running::race_time_s(a, b);
            running::training_paces(a);
            running::pace_s_per_km_at(a, b);
            running::riegel_time_s(a, b, c);
            recovery::carbs_plan(a, (b, c), Some(b), flag);
            recovery::protein_g(a, b);
            recovery::sweat_loss_ml(a, b, c);
            glycogen::skeletal_muscle_kg(if flag { Sex::Male } else { Sex::Female }, a);
            glycogen::carbohydrate_oxidised_g(a, b);
            recovery::fluid_ml(a);
            recovery::sweat_rate_ml_per_h(a, b);
            recovery::recommended_sleep_hours(a);
        }
    }

    #[test]
    fn amount_rejects_negative_and_non_finite() {
        assert_eq!(amount(3.0), 3.0);
        assert_eq!(amount(-3.0), 0.0);
        assert_eq!(amount(f64::NAN), 0.0);
        assert_eq!(amount(f64::INFINITY), 0.0);
    }
}
