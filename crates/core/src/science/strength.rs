//! Lifting arithmetic: estimated one-repetition maximum, reps in reserve, and volume load.
//!
//! The advisor judges how heavy a session was from the sets logged (reps, kg, RPE). These are the
//! standard estimates; all are least accurate for high-rep sets (above ~10 reps) and near failure.

use crate::science::amount;

/// Estimated 1RM by Epley: w × (1 + reps / 30). One rep is the 1RM itself (returns `weight_kg`); zero
/// reps tells nothing and gives 0. Negative or non-finite weight gives 0.
///
/// Epley B 1985, "Poundage chart", Boyd Epley Workout, Body Enterprises, Lincoln NE.
/// Example: 100 kg × 5 → 116.7 kg.
pub fn epley_1rm(weight_kg: f64, reps: u32) -> f64 {
    let w = amount(weight_kg);
    match reps {
        0 => 0.0,
        1 => w,
        r => w * (1.0 + f64::from(r) / 30.0),
    }
}

/// Estimated 1RM by Brzycki: w × 36 / (37 − reps). `None` for 0 reps and for 37 or more reps, where the
/// formula breaks down (division by zero, then negative). One rep returns `weight_kg`.
///
/// Brzycki M 1993, "Strength testing — predicting a one-rep max from reps-to-fatigue", J Phys Educ Recreat
/// Dance 64(1):88. Intended for up to ~10 reps. Example: 100 kg × 5 → 112.5 kg.
pub fn brzycki_1rm(weight_kg: f64, reps: u32) -> Option<f64> {
    match reps {
        0 | 37.. => None,
        // One rep is the 1RM itself (w·36/36, without the floating-point rounding).
        1 => Some(amount(weight_kg)),
        r => Some(amount(weight_kg) * 36.0 / (37.0 - f64::from(r))),
    }
}

/// Reps in reserve from a set's RPE on the RIR-based RPE scale: RIR = 10 − RPE (RPE 10 = no reps left,
/// RPE 9 = one, 8 = two …). RPE is clamped to 0–10, so RIR is 0–10; `NaN` passes through.
///
/// Zourdos MC et al. 2016, "Novel resistance training–specific rating of perceived exertion scale measuring
/// repetitions in reserve", J Strength Cond Res 30:267.
pub fn rir_from_rpe(rpe: f64) -> f64 {
    10.0 - rpe.clamp(0.0, 10.0)
}

/// RPE from reps in reserve, the inverse of [`rir_from_rpe`]: RPE = 10 − RIR, RIR clamped to 0–10.
/// Zourdos 2016, J Strength Cond Res 30:267.
pub fn rpe_from_rir(rir: f64) -> f64 {
    10.0 - rir.clamp(0.0, 10.0)
}

/// The load as a fraction of 1RM at which `reps` were done with `rir` reps still in reserve: the Epley
/// relation inverted at the reps-to-failure, 1 / (1 + (reps + RIR) / 30).
///
/// Reps to failure of 1 or less means the set was a 1RM (returns 1.0), matching [`epley_1rm`]'s one-rep
/// rule. Negative or `NaN` RIR counts as 0. Sources: Epley 1985 for the relation; Zourdos 2016 (J Strength
/// Cond Res 30:267) for RIR. Example: 5 reps at RIR 2 → 1/(1 + 7/30) = 0.811.
pub fn percent_1rm(reps: u32, rir: f64) -> f64 {
    let to_failure = f64::from(reps) + amount(rir);
    if to_failure <= 1.0 {
        1.0
    } else {
        1.0 / (1.0 + to_failure / 30.0)
    }
}

/// Volume load: Σ reps × kg over the sets, the usual measure of lifting work (McBride JM et al. 2009,
/// "Comparison of methods to quantify volume during resistance exercise", J Strength Cond Res 23:106).
/// Sets with negative or non-finite kg add nothing.
pub fn volume_load_kg(sets: impl IntoIterator<Item = (u32, f64)>) -> f64 {
    sets.into_iter()
        .map(|(reps, kg)| f64::from(reps) * amount(kg))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn epley_worked_examples() {
        assert!(close(epley_1rm(100.0, 5), 116.6667, 1e-4));
        assert!(close(epley_1rm(100.0, 10), 133.3333, 1e-4));
        assert!(close(epley_1rm(80.0, 3), 88.0, 1e-9));
        assert_eq!(epley_1rm(100.0, 1), 100.0);
        assert_eq!(epley_1rm(100.0, 0), 0.0);
        assert_eq!(epley_1rm(-100.0, 5), 0.0);
        assert_eq!(epley_1rm(f64::NAN, 5), 0.0);
    }

    #[test]
    fn brzycki_worked_examples() {
        assert!(close(brzycki_1rm(100.0, 5).unwrap(), 112.5, 1e-9));
        assert!(close(brzycki_1rm(100.0, 10).unwrap(), 133.3333, 1e-4));
        assert_eq!(brzycki_1rm(100.0, 1), Some(100.0));
        assert_eq!(brzycki_1rm(100.0, 36), Some(3600.0));
        assert_eq!(brzycki_1rm(100.0, 37), None);
        assert_eq!(brzycki_1rm(100.0, 80), None);
        assert_eq!(brzycki_1rm(100.0, 0), None);
        // Epley and Brzycki agree exactly at 10 reps.
        assert!(close(
            brzycki_1rm(100.0, 10).unwrap(),
            epley_1rm(100.0, 10),
            1e-9
        ));
    }

    #[test]
    fn rir_and_rpe_follow_zourdos() {
        assert_eq!(rir_from_rpe(10.0), 0.0);
        assert_eq!(rir_from_rpe(9.0), 1.0);
        assert_eq!(rir_from_rpe(8.5), 1.5);
        assert_eq!(rir_from_rpe(7.0), 3.0);
        assert_eq!(rir_from_rpe(12.0), 0.0);
        assert_eq!(rir_from_rpe(-1.0), 10.0);
        assert!(rir_from_rpe(f64::NAN).is_nan());
        assert_eq!(rpe_from_rir(0.0), 10.0);
        assert_eq!(rpe_from_rir(2.0), 8.0);
        assert_eq!(rpe_from_rir(15.0), 0.0);
    }

    #[test]
    fn percent_1rm_inverts_epley() {
        assert!(close(percent_1rm(5, 2.0), 30.0 / 37.0, 1e-12));
        assert!(close(percent_1rm(5, 2.0), 0.8108, 1e-4));
        assert!(close(percent_1rm(10, 0.0), 0.75, 1e-12));
        assert!(close(percent_1rm(8, 2.0), 0.75, 1e-12));
        assert_eq!(percent_1rm(1, 0.0), 1.0);
        assert_eq!(percent_1rm(0, 0.0), 1.0);
        assert!(close(percent_1rm(5, -3.0), percent_1rm(5, 0.0), 1e-12));
        // Round trip: lifting percent_1rm × e1RM for reps+RIR reps to failure.
        let e1rm = epley_1rm(100.0, 8);
        assert!(close(100.0 / e1rm, percent_1rm(6, 2.0), 1e-12));
    }

    #[test]
    fn volume_load_sums_reps_times_kg() {
        assert!(close(
            volume_load_kg([(5, 100.0), (5, 100.0), (8, 80.0)]),
            1640.0,
            1e-9
        ));
        assert_eq!(volume_load_kg([(10, -20.0), (10, f64::NAN)]), 0.0);
        assert_eq!(volume_load_kg(Vec::new()), 0.0);
    }

    proptest! {
        #[test]
        fn percent_1rm_is_a_fraction_and_falls_with_effort_left(
            reps in 0u32..50,
            a in 0.0f64..10.0,
            b in 0.0f64..10.0,
        ) {
            let (a, b) = (a.min(b), a.max(b));
            let (pa, pb) = (percent_1rm(reps, a), percent_1rm(reps, b));
            prop_assert!(pa > 0.0 && pa <= 1.0);
            prop_assert!(pb <= pa);
        }

        #[test]
        fn estimates_are_at_least_the_weight(w in 0.0f64..400.0, reps in 1u32..37) {
            prop_assert!(epley_1rm(w, reps) >= w);
            prop_assert!(brzycki_1rm(w, reps).unwrap() >= w);
        }
    }
}
