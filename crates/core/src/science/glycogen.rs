//! Carbohydrate used in a session: the glycogen cost of a lifting session and the carbohydrate oxidised
//! while running. Refuelling ([`super::recovery`]) replaces what these say was used — not a flat g/kg.
//!
//! Lifting: glycogen used = the skeletal muscle a session works × the glycogen those muscles hold × the
//! share of it a session uses. Every factor is a published number or an anchored modelling choice, and the
//! result is a range, because the studies behind it disagree by that much.
//!
//! Running: carbohydrate oxidised = the run's net energy × the carbohydrate share of energy at its intensity
//! ([`super::substrate`]) ÷ the energy in a gram of glycogen.

use crate::athlete::Sex;
use crate::catalogue::Region;
use crate::contract::LoadLevel;
use crate::science::amount;

/// Muscle glycogen on a mixed diet: 1.75 g per 100 g of wet muscle = 17.5 g/kg (Bergström J, Hermansen L,
/// Hultman E, Saltin B 1967, "Diet, muscle glycogen and physical performance", Acta Physiol Scand 71:140:
/// 1.75 g/100 g after a mixed diet, 0.63 after a fat-and-protein diet, 3.31 after a carbohydrate diet).
pub const MUSCLE_GLYCOGEN_G_PER_KG: f64 = 17.5;

/// Skeletal muscle mass by MRI in 468 adults (Janssen I, Heymsfield SB, Wang ZM, Ross R 2000, "Skeletal
/// muscle mass and distribution in 468 men and women aged 18–88 yr", J Appl Physiol 89:81): men 33.0 kg,
/// 38.4 % of body mass; women 21.0 kg, 30.6 %. `(kg, fraction of body mass)`.
pub const SKELETAL_MUSCLE_MEN: (f64, f64) = (33.0, 0.384);
pub const SKELETAL_MUSCLE_WOMEN: (f64, f64) = (21.0, 0.306);

/// The share of a worked muscle's glycogen one lifting session uses: 24–40 % (Haff GG et al. 2003,
/// "Carbohydrate supplementation and resistance training", J Strength Cond Res 17:187, reviewing the
/// biopsy studies). Examples behind it: three sets of biceps curls at 80 % 1RM to failure lowered biceps
/// glycogen by 24 % (one set: 12 %) (MacDougall JD et al. 1999, "Muscle substrate utilization and lactate
/// production during weightlifting", Can J Appl Physiol 24:209); six sets of knee extensions used the same
/// glycogen at 35 % and 70 % 1RM when the work was matched — glycogen follows the work done, not the load
/// (Robergs RA et al. 1991, "Muscle glycogenolysis during differing intensities of weight-resistance
/// exercise", J Appl Physiol 70:1700).
pub const RESISTANCE_DEPLETION: (f64, f64) = (0.24, 0.40);

/// The session length the [`RESISTANCE_DEPLETION`] range is taken to describe, minutes (the biopsy
/// sessions were about 30–60 min of work), and the working sets in it (about 3 min per set with rests).
pub const REFERENCE_SESSION_MINUTES: f64 = 45.0;
pub const REFERENCE_SESSION_SETS: f64 = 15.0;

/// How depletion grows with volume: as volume^0.63. MacDougall 1999 found three sets used twice the
/// glycogen of one (12 % → 24 %); 2 = 3^0.63.
pub const VOLUME_EXPONENT: f64 = 0.63;

/// Energy in a gram of glycogen oxidised: 17.5 kJ = 4.18 kcal (the heat of combustion of glycogen/starch;
/// Jéquier E, Acheson K, Schutz Y 1987, "Assessment of energy expenditure and fuel utilization in man",
/// Annu Rev Nutr 7:187). Glucose itself yields 3.74 kcal/g; glycogen is stored as glucosyl units.
pub const KCAL_PER_G_GLYCOGEN: f64 = 4.18;

/// Skeletal muscle mass, kg, for a body mass: Janssen's sex-specific share of body mass up to the mean body
/// mass of that study's sample (33.0 / 0.384 = 85.9 kg for men, 21.0 / 0.306 = 68.6 kg for women), and
/// beyond it growing as (body mass)^(2/3) from the sample's mean muscle mass — afterlift's choice for
/// Janssen's finding that "the contribution of SM to weight gain decreased with increasing body weight"
/// (a heavier person's extra mass is mostly not muscle). Non-finite or negative mass gives 0.
/// Example: man of 70 kg → 26.9 kg; of 120 kg → 41.2 kg; woman of 60 kg → 18.4 kg.
pub fn skeletal_muscle_kg(sex: Sex, weight_kg: f64) -> f64 {
    let (sm, share) = match sex {
        Sex::Male => SKELETAL_MUSCLE_MEN,
        Sex::Female => SKELETAL_MUSCLE_WOMEN,
    };
    let w = amount(weight_kg).min(1000.0);
    let reference = sm / share;
    if w <= reference {
        share * w
    } else {
        sm * (w / reference).powf(2.0 / 3.0)
    }
}

/// The share of all skeletal muscle a session of a region works hard enough to use its glycogen —
/// afterlift's modelling choice, anchored on where muscle is: the lower body holds about half of all
/// skeletal muscle (Janssen 2000), and a leg session works most of it (thighs, hips, calves): 0.40. An
/// upper-body session works the chest, back, shoulders and arms, a smaller mass: 0.25. A full-body session
/// works both with fewer sets each: 0.50. A core session: 0.10. An unknown region counts as 0.40.
pub fn worked_muscle_share(region: Option<Region>) -> f64 {
    match region {
        Some(Region::Upper) => 0.25,
        Some(Region::Lower) => 0.40,
        Some(Region::Full) => 0.50,
        Some(Region::Core) => 0.10,
        None => 0.40,
    }
}

/// How far from failure the sets were, as a multiplier on depletion — afterlift's choice: heavy sessions
/// (sets near failure, the biopsy studies' protocols) 1.0; moderate 0.85; light (sets well short of
/// failure, less glycolysis per set) 0.6.
pub fn effort_factor(heaviness: LoadLevel) -> f64 {
    match heaviness {
        LoadLevel::Heavy => 1.0,
        LoadLevel::Moderate => 0.85,
        LoadLevel::Light => 0.6,
    }
}

/// What a lifting session was, for its glycogen cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiftVolume {
    pub region: Option<Region>,
    pub heaviness: LoadLevel,
    /// Session length, minutes (used when no sets are known).
    pub minutes: f64,
    /// Working sets, when the exercises were given (0 = unknown).
    pub working_sets: u32,
}

/// Glycogen a lifting session used, grams `(low, high)`:
/// [`skeletal_muscle_kg`] × [`worked_muscle_share`] × [`MUSCLE_GLYCOGEN_G_PER_KG`] × depletion, where
/// depletion is [`RESISTANCE_DEPLETION`] × (volume / reference)^[`VOLUME_EXPONENT`] × [`effort_factor`],
/// capped at the range's top (40 %: no study found more). Volume is the working sets against
/// [`REFERENCE_SESSION_SETS`] when known, else minutes against [`REFERENCE_SESSION_MINUTES`].
///
/// Example: a 120-kg man, 45 min of heavy upper-body lifting: 41.2 kg × 0.25 × 17.5 g/kg × 24–40 % =
/// 43–72 g. Inputs that are not finite count as zero.
pub fn lift_glycogen_g(sex: Sex, weight_kg: f64, lift: &LiftVolume) -> (f64, f64) {
    let stored = skeletal_muscle_kg(sex, weight_kg)
        * worked_muscle_share(lift.region)
        * MUSCLE_GLYCOGEN_G_PER_KG;
    let volume = if lift.working_sets > 0 {
        f64::from(lift.working_sets) / REFERENCE_SESSION_SETS
    } else {
        amount(lift.minutes) / REFERENCE_SESSION_MINUTES
    };
    let scale = volume.powf(VOLUME_EXPONENT) * effort_factor(lift.heaviness);
    let cap = RESISTANCE_DEPLETION.1;
    (
        stored * (RESISTANCE_DEPLETION.0 * scale).min(cap),
        stored * (RESISTANCE_DEPLETION.1 * scale).min(cap),
    )
}

/// Carbohydrate oxidised, grams, from the net energy of exercise (kcal above rest) and the share of energy
/// from carbohydrate (0–1): kcal × share ÷ [`KCAL_PER_G_GLYCOGEN`]. The share is clamped to 0–1; other
/// non-finite or negative inputs count as zero. Example: 300 kcal at 60 % carbohydrate → 43.1 g.
pub fn carbohydrate_oxidised_g(net_kcal: f64, carb_fraction: f64) -> f64 {
    let share = if carb_fraction.is_finite() {
        carb_fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    amount(net_kcal) * share / KCAL_PER_G_GLYCOGEN
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn published_constants() {
        // Bergström 1967: 1.75 g per 100 g wet muscle on a mixed diet.
        assert!(close(MUSCLE_GLYCOGEN_G_PER_KG, 1.75 * 10.0, 1e-12));
        // Janssen 2000: the sample means (absolute and relative) describe the same people.
        assert!(close(
            SKELETAL_MUSCLE_MEN.0 / SKELETAL_MUSCLE_MEN.1,
            85.94,
            0.01
        ));
        assert!(close(
            SKELETAL_MUSCLE_WOMEN.0 / SKELETAL_MUSCLE_WOMEN.1,
            68.63,
            0.01
        ));
        // MacDougall 1999: one set 12 %, three sets 24 % — the exponent reproduces it.
        assert!(close(0.12 * 3f64.powf(VOLUME_EXPONENT), 0.24, 0.002));
        // Haff 2003's range.
        assert_eq!(RESISTANCE_DEPLETION, (0.24, 0.40));
    }

    #[test]
    fn muscle_mass_follows_janssen() {
        // At the sample's mean body mass, the sample's mean muscle mass.
        assert!(close(skeletal_muscle_kg(Sex::Male, 85.94), 33.0, 0.01));
        assert!(close(skeletal_muscle_kg(Sex::Female, 68.63), 21.0, 0.01));
        assert!(close(skeletal_muscle_kg(Sex::Male, 70.0), 26.88, 0.01));
        assert!(close(skeletal_muscle_kg(Sex::Female, 60.0), 18.36, 0.01));
        // Heavier: less than 38.4 % of the extra mass is muscle.
        let heavy = skeletal_muscle_kg(Sex::Male, 120.0);
        assert!(close(heavy, 41.2, 0.1), "{heavy}");
        assert!(heavy < 0.384 * 120.0);
        assert_eq!(skeletal_muscle_kg(Sex::Male, f64::NAN), 0.0);
        assert_eq!(skeletal_muscle_kg(Sex::Female, -5.0), 0.0);
    }

    #[test]
    fn a_heavy_upper_body_session_uses_tens_of_grams_not_hundreds() {
        let upper = LiftVolume {
            region: Some(Region::Upper),
            heaviness: LoadLevel::Heavy,
            minutes: 45.0,
            working_sets: 0,
        };
        let (lo, hi) = lift_glycogen_g(Sex::Male, 120.0, &upper);
        // 41.2 kg × 0.25 × 17.5 × 24 % / 40 %.
        assert!(close(lo, 43.3, 0.3) && close(hi, 72.1, 0.3), "{lo}–{hi}");
        // A leg session of the same length uses more; a light one less; fewer minutes less.
        let legs = LiftVolume {
            region: Some(Region::Lower),
            ..upper
        };
        assert!(lift_glycogen_g(Sex::Male, 120.0, &legs).0 > lo);
        let light = LiftVolume {
            heaviness: LoadLevel::Light,
            ..upper
        };
        assert!(close(
            lift_glycogen_g(Sex::Male, 120.0, &light).1,
            hi * 0.6,
            0.01
        ));
        let short = LiftVolume {
            minutes: 15.0,
            ..upper
        };
        // A third of the volume: 3^-0.63 = half the depletion.
        assert!(close(
            lift_glycogen_g(Sex::Male, 120.0, &short).0,
            lo / 2.0,
            0.2
        ));
        // Sets win over minutes when known: 15 sets is the reference session.
        let sets = LiftVolume {
            minutes: 200.0,
            working_sets: 15,
            ..upper
        };
        assert!(close(lift_glycogen_g(Sex::Male, 120.0, &sets).0, lo, 1e-9));
        // A very long session never uses more than 40 % of the worked muscles' glycogen.
        let long = LiftVolume {
            minutes: 300.0,
            ..upper
        };
        let (l, h) = lift_glycogen_g(Sex::Male, 120.0, &long);
        assert!(close(h, hi, 1e-9) && l <= h);
    }

    #[test]
    fn carbohydrate_from_energy() {
        assert!(close(carbohydrate_oxidised_g(300.0, 0.6), 43.06, 0.01));
        assert!(close(carbohydrate_oxidised_g(418.0, 1.0), 100.0, 1e-9));
        assert_eq!(carbohydrate_oxidised_g(300.0, f64::NAN), 0.0);
        assert_eq!(carbohydrate_oxidised_g(-300.0, 0.5), 0.0);
        assert_eq!(carbohydrate_oxidised_g(300.0, 2.0), 300.0 / 4.18);
    }

    proptest! {
        #[test]
        fn lift_glycogen_is_an_ordered_bounded_range(
            kg in proptest::num::f64::ANY,
            minutes in proptest::num::f64::ANY,
            sets in 0u32..1000,
            female: bool,
            region in 0usize..5,
            heaviness in 0usize..3,
        ) {
            let lift = LiftVolume {
                region: [None, Some(Region::Upper), Some(Region::Lower), Some(Region::Full), Some(Region::Core)][region],
                heaviness: [LoadLevel::Light, LoadLevel::Moderate, LoadLevel::Heavy][heaviness],
                minutes,
                working_sets: sets,
            };
            let sex = if female { Sex::Female } else { Sex::Male };
            let (lo, hi) = lift_glycogen_g(sex, kg, &lift);
            prop_assert!(lo.is_finite() && hi.is_finite());
            prop_assert!(0.0 <= lo && lo <= hi);
            // Never more than 40 % of what the whole body's muscle holds.
            prop_assert!(hi <= 0.4 * skeletal_muscle_kg(sex, kg) * MUSCLE_GLYCOGEN_G_PER_KG + 1e-9);
        }
    }
}
