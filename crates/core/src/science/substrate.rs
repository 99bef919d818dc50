//! Which fuel the body burns: the fat and carbohydrate share of energy by exercise intensity.
//!
//! The source text's claims about "burning fat" after lifting are checked against these numbers. The
//! model: intensity (fraction of VO2max) → non-protein respiratory quotient (RQ) → carbohydrate share of
//! energy by the Lusk table. The shape follows the crossover concept (Brooks GA & Mercier J 1994,
//! "Balance of carbohydrate and lipid utilization during exercise: the 'crossover' concept", J Appl
//! Physiol 76:2253): fat dominates at low intensity and carbohydrate increasingly above it; and Achten's
//! Fatmax data (Achten J, Gleeson M, Jeukendrup AE 2002, "Determination of the exercise intensity that
//! elicits maximal fat oxidation", Med Sci Sports Exerc 34:92): absolute fat oxidation peaks at
//! 64 ± 4 % VO2max (74 ± 3 % HRmax) and is ≈ 0 above 89 ± 3 % VO2max. The *share* of energy from fat
//! keeps falling as intensity rises, even through the Fatmax region where the absolute rate peaks.
//!
//! Fat mass follows energy balance over days, not the fuel mix of one session; the advisor says so.

use crate::science::interpolate;

/// The Lusk table (non-protein RQ → kcal per litre O2, % of energy from carbohydrate), at the points used.
///
/// Lusk G 1924, "Animal calorimetry: analysis of the oxidation of mixtures of carbohydrate and fat",
/// J Biol Chem 59:41; values as tabulated in the PAutilities R package's `lusk` data.
pub const LUSK: [(f64, f64, f64); 7] = [
    (0.707, 4.686, 0.0),
    (0.75, 4.739, 15.6),
    (0.80, 4.801, 33.4),
    (0.85, 4.862, 50.7),
    (0.90, 4.924, 67.5),
    (0.95, 4.985, 84.0),
    (1.00, 5.047, 100.0),
];

/// afterlift's RQ-by-intensity curve (fraction of VO2max → non-protein RQ), through these anchors:
///
/// - ≤ 0.25 → 0.80 (fat ≈ 67 % of energy): low intensity is fat-dominated (Brooks & Mercier 1994).
/// - 0.45 → 0.85 (fat ≈ 49 %): the crossover; in trained people lipid dominates up to ~45 % VO2max
///   (Brooks & Mercier 1994).
/// - 0.64 → 0.88 (fat ≈ 39 %): Fatmax (Achten 2002); e.g. 0.6 g fat/min at ~2.9 L O2/min is ≈ 40 %.
/// - 0.75 → 0.92 (fat ≈ 26 %).
/// - ≥ 0.89 → 1.00 (fat ≈ 0): Achten 2002.
///
/// Individual RQ varies with training, diet and glycogen by several hundredths; this is a population shape.
pub const RQ_BY_INTENSITY: [(f64, f64); 5] = [
    (0.25, 0.80),
    (0.45, 0.85),
    (0.64, 0.88),
    (0.75, 0.92),
    (0.89, 1.00),
];

/// How far (in RQ units) a preceding heavy lifting session lowers RQ during subsequent aerobic work at
/// up to ~65 % VO2max; tapering linearly to nothing at 89 % VO2max, where fat use is ≈ 0 anyway.
///
/// Evidence: after resistance exercise, resting RER during recovery was 0.71 vs 0.85 on a control day
/// (Ormsbee MJ et al. 2007, "Fat metabolism and acute resistance exercise in trained men", J Appl
/// Physiol 102:1767); fat oxidation was higher during 20 min of cycling at 50 % VO2peak after
/// high-intensity resistance training than after low-intensity training or none, with carbohydrate
/// oxidation unchanged (Kang J et al. 2009, "Effect of preceding resistance exercise on metabolism during
/// subsequent aerobic session", Eur J Appl Physiol 107:43). Once aerobic exercise dominates metabolism the
/// recovery shift is diluted, and one small order study found no difference during the aerobic bout, so
/// afterlift assumes a small shift: 0.02 (≈ +7 percentage points of fat at 50 % VO2max).
pub const RQ_SHIFT_AFTER_LIFTING: f64 = 0.02;

/// Share of energy from carbohydrate (0–1) for a non-protein RQ, interpolating the Lusk table linearly
/// between the points in [`LUSK`] (Lusk 1924, J Biol Chem 59:41). RQ is clamped to 0.707–1.00; `NaN` gives 0.
/// Example: RQ 0.85 → 0.507.
pub fn rq_to_carb_fraction(rq: f64) -> f64 {
    let points = LUSK.map(|(rq, _, carb_pct)| (rq, carb_pct / 100.0));
    interpolate(&points, rq)
}

/// Energy equivalent of one litre of oxygen (kcal/L) for a non-protein RQ, from the Lusk table
/// (Lusk 1924). RQ is clamped to 0.707–1.00. Example: RQ 0.85 → 4.862 kcal/L.
pub fn rq_to_kcal_per_litre_o2(rq: f64) -> f64 {
    let points = LUSK.map(|(rq, kcal, _)| (rq, kcal));
    interpolate(&points, rq)
}

/// The non-protein RQ expected at an intensity, by [`RQ_BY_INTENSITY`]. Clamped at the ends.
pub fn rq_at_intensity(fraction_vo2max: f64) -> f64 {
    interpolate(&RQ_BY_INTENSITY, fraction_vo2max)
}

/// Share of energy from fat (0–1) at a steady intensity, for someone who has not just lifted.
///
/// `1 − carbohydrate share` at the RQ of [`rq_at_intensity`]; never increases with intensity and is 0 at
/// and above 89 % VO2max (Achten 2002, Med Sci Sports Exerc 34:92). Example: 45 % VO2max → 0.493.
pub fn fat_fraction(fraction_vo2max: f64) -> f64 {
    1.0 - rq_to_carb_fraction(rq_at_intensity(fraction_vo2max))
}

/// Share of energy from fat (0–1) during aerobic exercise done soon after a heavy lifting session.
///
/// RQ is lowered by [`RQ_SHIFT_AFTER_LIFTING`] (see there for the evidence: Ormsbee 2007; Kang 2009) up to
/// 65 % VO2max, tapering to no shift at 89 %. Never below [`fat_fraction`] and never above 1.
/// Example: 50 % VO2max → 0.535 (vs 0.466 without the lifting).
pub fn fat_fraction_after_lifting(fraction_vo2max: f64) -> f64 {
    let shift = interpolate(
        &[(0.65, RQ_SHIFT_AFTER_LIFTING), (0.89, 0.0)],
        fraction_vo2max,
    );
    1.0 - rq_to_carb_fraction(rq_at_intensity(fraction_vo2max) - shift)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn lusk_table_points() {
        assert!(close(rq_to_carb_fraction(0.85), 0.507, 1e-12));
        assert!(close(rq_to_carb_fraction(0.707), 0.0, 1e-12));
        assert!(close(rq_to_carb_fraction(0.80), 0.334, 1e-12));
        assert!(close(rq_to_carb_fraction(0.95), 0.840, 1e-12));
        assert!(close(rq_to_carb_fraction(1.00), 1.0, 1e-12));
        assert!(close(rq_to_kcal_per_litre_o2(0.85), 4.862, 1e-12));
        assert!(close(rq_to_kcal_per_litre_o2(1.0), 5.047, 1e-12));
        assert!(close(rq_to_kcal_per_litre_o2(0.707), 4.686, 1e-12));
    }

    #[test]
    fn lusk_interpolation_and_clamping() {
        assert!(close(rq_to_carb_fraction(0.875), 0.591, 1e-12));
        // Lusk's own 0.82 entry is 40.3 %; linear interpolation between 0.80 and 0.85 gives 40.32 %.
        assert!(close(rq_to_carb_fraction(0.82), 0.403, 1e-3));
        assert_eq!(rq_to_carb_fraction(0.6), 0.0);
        assert_eq!(rq_to_carb_fraction(1.2), 1.0);
        assert_eq!(rq_to_carb_fraction(f64::NAN), 0.0);
    }

    #[test]
    fn fat_fraction_by_intensity() {
        assert!(close(fat_fraction(0.10), 0.666, 1e-9));
        assert!(close(fat_fraction(0.25), 0.666, 1e-9));
        assert!(close(fat_fraction(0.45), 0.493, 1e-9));
        assert!(close(fat_fraction(0.64), 1.0 - 0.6078, 1e-9));
        assert!(close(fat_fraction(0.89), 0.0, 1e-12));
        assert!(close(fat_fraction(0.95), 0.0, 1e-12));
        // Crossover: fat is about half the energy at 45 % VO2max, a minority above.
        assert!(fat_fraction(0.40) > 0.5 && fat_fraction(0.50) < 0.5);
    }

    #[test]
    fn lifting_raises_fat_use_modestly() {
        assert!(close(fat_fraction(0.50), 0.46647, 1e-4));
        assert!(close(fat_fraction_after_lifting(0.50), 0.53488, 1e-4));
        let gain = fat_fraction_after_lifting(0.5) - fat_fraction(0.5);
        assert!(gain > 0.05 && gain < 0.08, "{gain}");
        assert!(close(fat_fraction_after_lifting(0.89), 0.0, 1e-12));
        // Half-way along the taper (77 % VO2max) the shift is 0.01 RQ.
        assert!(close(fat_fraction(0.77), 0.22129, 1e-4));
        assert!(close(fat_fraction_after_lifting(0.77), 0.25429, 1e-4));
    }

    proptest! {
        #[test]
        fn fat_share_is_a_fraction_and_falls_with_intensity(a in -1.0f64..2.0, b in -1.0f64..2.0) {
            let (a, b) = (a.min(b), a.max(b));
            for f in [fat_fraction(a), fat_fraction_after_lifting(a)] {
                prop_assert!((0.0..=1.0).contains(&f));
            }
            prop_assert!(fat_fraction(a) >= fat_fraction(b) - 1e-12);
            prop_assert!(fat_fraction_after_lifting(a) >= fat_fraction_after_lifting(b) - 1e-12);
            prop_assert!(fat_fraction_after_lifting(a) >= fat_fraction(a) - 1e-12);
        }

        #[test]
        fn carb_share_rises_with_rq(a in 0.6f64..1.1, b in 0.6f64..1.1) {
            let (a, b) = (a.min(b), a.max(b));
            prop_assert!(rq_to_carb_fraction(a) <= rq_to_carb_fraction(b));
        }
    }
}
