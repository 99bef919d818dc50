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

/// Reps to failure at a load that is `fraction` of the 1RM: Epley inverted, 30 × (1/fraction − 1). A load at
/// or above the 1RM leaves one rep (the max itself); a non-positive or non-finite fraction gives 0.
/// Epley 1985. Example: 80 % of 1RM → 7.5 reps.
pub fn reps_to_failure(fraction: f64) -> f64 {
    if !fraction.is_finite() || fraction <= 0.0 {
        return 0.0;
    }
    if fraction >= 1.0 {
        return 1.0;
    }
    30.0 * (1.0 / fraction - 1.0)
}

/// A barbell lift afterlift has a population reference 1RM for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceLift {
    BenchPress,
    /// The bent-over row: the same standard as the bench press (Super Squats lists both at 125 % of
    /// body weight for 12 reps; Hise 1988).
    BentOverRow,
    OverheadPress,
    Squat,
    Deadlift,
}

/// Body-weight classes (upper bounds, lb) of the Kennedy & Weis strength standards; the last is open.
pub const KW_CLASS_MAX_LB: [f64; 8] = [120.0, 135.0, 155.0, 170.0, 185.0, 205.0, 225.0, 245.0];

/// One-repetition maximums (lb) an advanced male lifter reaches, by body-weight class (105–120 … 246+ lb):
/// full squat, bench press, deadlift, standing press. Kennedy R & Weis DB, *Mass!* (1986), strength
/// standards; beginners' goal 60 %, intermediates' 80–85 % of them; women 56 % of men's upper-body and 72 %
/// of their lower-body strength (the same source).
pub const KW_ADVANCED_LB: [[f64; 9]; 4] = [
    [
        310.0, 340.0, 370.0, 400.0, 430.0, 460.0, 490.0, 520.0, 550.0,
    ],
    [
        260.0, 285.0, 310.0, 335.0, 360.0, 385.0, 410.0, 430.0, 440.0,
    ],
    [
        360.0, 390.0, 420.0, 450.0, 480.0, 510.0, 540.0, 570.0, 600.0,
    ],
    [
        170.0, 190.0, 210.0, 230.0, 250.0, 265.0, 275.0, 285.0, 295.0,
    ],
];
/// The beginner's share of the advanced standard (Kennedy & Weis): the reference afterlift uses.
pub const KW_BEGINNER_SHARE: f64 = 0.60;
pub const KW_WOMEN_UPPER: f64 = 0.56;
pub const KW_WOMEN_LOWER: f64 = 0.72;

/// Strength by age relative to 20–29, from the bench press norms of the Cooper Institute (the lower bound
/// of "fair", men then women, by age band < 20, 20–29, 30–39, 40–49, 50–59, 60+): The Cooper Institute,
/// *The Physical Fitness Specialist Manual* (rev. 2002), as printed in Fahey, Insel & Roth, *Fit & Well*,
/// Lab 4.1, and in ACSM's *Guidelines for Exercise Testing and Prescription*.
pub const COOPER_BENCH_FAIR: [[f64; 6]; 2] = [
    [1.06, 0.99, 0.88, 0.80, 0.71, 0.66],
    [0.58, 0.59, 0.53, 0.50, 0.44, 0.43],
];

const LB_PER_KG: f64 = 2.204_622_621_8;

/// A population reference 1RM for `lift` (kg): Kennedy & Weis' beginner standard for the athlete's body
/// weight class (60 % of the advanced lifter's; women 56 % / 72 % of men's upper/lower-body standard), scaled
/// for age by the Cooper norms' ratio of the athlete's age band to 20–29 (younger bands count as 20–29).
///
/// Used only when the athlete's log has no e1RM for the exercise. The beginner's level is deliberately low —
/// someone who lifts is usually stronger — so a given bar weight looks heavier rather than lighter when
/// afterlift does not know: an empty 20 kg bar is light for anyone, 100 kg squats are heavy for most.
/// Non-finite inputs give 0.
pub fn reference_1rm_kg(lift: ReferenceLift, female: bool, age_years: f64, body_kg: f64) -> f64 {
    let body_lb = amount(body_kg) * LB_PER_KG;
    if body_lb <= 0.0 {
        return 0.0;
    }
    let class = KW_CLASS_MAX_LB
        .iter()
        .position(|max| body_lb <= *max)
        .unwrap_or(KW_CLASS_MAX_LB.len());
    let (row, lower) = match lift {
        ReferenceLift::Squat => (0, true),
        ReferenceLift::BenchPress | ReferenceLift::BentOverRow => (1, false),
        ReferenceLift::Deadlift => (2, true),
        ReferenceLift::OverheadPress => (3, false),
    };
    let sex = match (female, lower) {
        (false, _) => 1.0,
        (true, true) => KW_WOMEN_LOWER,
        (true, false) => KW_WOMEN_UPPER,
    };
    let band = match age_years {
        a if a < 30.0 => 1,
        a if a < 40.0 => 2,
        a if a < 50.0 => 3,
        a if a < 60.0 => 4,
        _ => 5,
    };
    let cooper = COOPER_BENCH_FAIR[usize::from(female)];
    let age = cooper[band] / cooper[1];
    KW_ADVANCED_LB[row][class] * KW_BEGINNER_SHARE * sex * age / LB_PER_KG
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn reps_to_failure_inverts_epley() {
        assert!(close(reps_to_failure(0.8), 7.5, 1e-9));
        assert!(close(epley_1rm(80.0, 8) / epley_1rm(80.0, 8), 1.0, 1e-12));
        // 100 kg × 5 → e1RM 116.7; 100 kg is 85.7 % of it → 5 reps to failure.
        assert!(close(
            reps_to_failure(100.0 / epley_1rm(100.0, 5)),
            5.0,
            1e-9
        ));
        assert_eq!(reps_to_failure(1.2), 1.0);
        assert_eq!(reps_to_failure(f64::NAN), 0.0);
    }

    #[test]
    fn reference_1rms_follow_kennedy_weis_beginners_and_cooper_ages() {
        // An 80 kg (176 lb) man of 25: class 171–185 lb, squat 430 lb × 0.6 = 258 lb = 117.0 kg.
        let squat = reference_1rm_kg(ReferenceLift::Squat, false, 25.0, 80.0);
        assert!(close(squat, 117.0, 0.1), "{squat}");
        // At 34: × 0.88 / 0.99 (Cooper, 30–39 vs 20–29) = 104.0 kg.
        let squat34 = reference_1rm_kg(ReferenceLift::Squat, false, 34.0, 80.0);
        assert!(close(squat34, 104.0, 0.1), "{squat34}");
        // Bench 360 lb × 0.6 = 216 lb = 98.0 kg at 25; deadlift 480 × 0.6 = 288 lb = 130.6 kg.
        assert!(close(
            reference_1rm_kg(ReferenceLift::BenchPress, false, 25.0, 80.0),
            98.0,
            0.1
        ));
        assert!(close(
            reference_1rm_kg(ReferenceLift::Deadlift, false, 25.0, 80.0),
            130.6,
            0.1
        ));
        // A 62 kg (136.7 lb) woman of 25: class 136–155, squat 370 × 0.6 × 0.72 = 159.8 lb = 72.5 kg,
        // bench 310 × 0.6 × 0.56 = 104.2 lb = 47.2 kg.
        assert!(close(
            reference_1rm_kg(ReferenceLift::Squat, true, 25.0, 62.0),
            72.5,
            0.1
        ));
        assert!(close(
            reference_1rm_kg(ReferenceLift::BenchPress, true, 25.0, 62.0),
            47.2,
            0.1
        ));
        // An empty 20 kg bar is under a fifth of a man's squat reference: light by any measure; 140 kg is
        // above it.
        assert!(20.0 / squat34 < 0.2 && 140.0 / squat34 > 1.0);
        // Heavier classes lift more; the open class holds.
        assert!(
            reference_1rm_kg(ReferenceLift::Squat, false, 25.0, 140.0)
                > reference_1rm_kg(ReferenceLift::Squat, false, 25.0, 100.0)
        );
        assert_eq!(
            reference_1rm_kg(ReferenceLift::Deadlift, false, 30.0, f64::NAN),
            0.0
        );
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
