//! Recovery: carbohydrate, protein and fluid after training, and how much sleep to aim for.
//!
//! The source text ends with "refuel and sleep"; these functions put numbers on it for one athlete.

use crate::science::amount;

/// Carbohydrate for rapid glycogen restoration: 1.0–1.2 g/kg/h, for the first 4 h after exercise.
///
/// Wallis GA & Podlogar T 2022, "Carbohydrate ingestion for rapid glycogen recovery", Gatorade Sports
/// Science Exchange; the same figure as the ISSN position stand on nutrient timing (Kerksick CM et al.
/// 2017, J Int Soc Sports Nutr 14:33) and the ACSM/AND/DC statement (Thomas DT et al. 2016, Med Sci Sports
/// Exerc 48:543).
pub const RAPID_CARBS_G_PER_KG_PER_H: (f64, f64) = (1.0, 1.2);

/// The rapid-refuelling rate applies for at most this many hours (Wallis & Podlogar 2022; Kerksick 2017).
pub const RAPID_REFUEL_MAX_HOURS: f64 = 4.0;

/// A next session closer than this (hours) calls for rapid refuelling: with less than ~8 h between
/// sessions, glycogen restoration is limited by time, so carbohydrate should start straight away
/// (Burke LM et al. 2011, "Carbohydrates for training and competition", J Sports Sci 29:S17;
/// Thomas 2016).
pub const RAPID_REFUEL_WITHIN_HOURS: f64 = 8.0;

/// Protein per post-exercise dose: 0.25–0.3 g/kg (ISSN: Jäger R et al. 2017, "International Society of
/// Sports Nutrition position stand: protein and exercise", J Int Soc Sports Nutr 14:20 — 0.25 g/kg or
/// 20–40 g; Thomas 2016, Med Sci Sports Exerc 48:543 — 0.3 g/kg after key sessions).
pub const PROTEIN_G_PER_KG_PER_DOSE: (f64, f64) = (0.25, 0.30);

/// The ISSN absolute range for one protein dose, grams (Jäger 2017).
pub const PROTEIN_G_PER_DOSE: (f64, f64) = (20.0, 40.0);

/// Fluid to drink after exercise, as a multiple of the fluid lost: 125–150 % ("≈ 1.25–1.5 L per kg of
/// body mass lost"), with sodium, because urine losses continue while rehydrating (Sawka MN et al. 2007,
/// ACSM position stand "Exercise and fluid replacement", Med Sci Sports Exerc 39:377; Thomas 2016).
pub const FLUID_REPLACEMENT: (f64, f64) = (1.25, 1.5);

/// How hard the exercise was, for the sweat estimate ([`sweat_loss_ml`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SweatEffort {
    /// A lifting session, rests included.
    Lifting,
    /// Easy, conversational cardio.
    Easy,
    /// Tempo, intervals, hard cardio.
    Hard,
}

impl SweatEffort {
    /// The typical gross MET used for the estimate: lifting 5.0 (between the Compendium's 02054, 3.5, and
    /// 02050, 6.0), easy running 7.0 (12020 jogging, general), hard running 10.0 (≈ 12050–12060).
    pub fn typical_met(self) -> f64 {
        match self {
            SweatEffort::Lifting => 5.0,
            SweatEffort::Easy => 7.0,
            SweatEffort::Hard => 10.0,
        }
    }
}

/// Carbohydrate to eat after a session, grams. afterlift's design from the guidance above:
///
/// - Next session within [`RAPID_REFUEL_WITHIN_HOURS`] (8 h): rapid refuelling at 1.2 g/kg/h after a heavy
///   or glycogen-depleting session (`heavy`), 1.0 g/kg/h otherwise, for the hours until the next session
///   clamped to 1–4 h (the guidance covers the first 4 h; less than an hour still means one dose).
/// - Otherwise (no session planned, or ≥ 8 h away): one post-exercise dose, 1.0 g/kg after a heavy session
///   (starting early matters: delaying carbohydrate by 2 h slowed glycogen resynthesis by about half, Ivy JL
///   et al. 1988, J Appl Physiol 64:1480) or 0.5 g/kg otherwise, an afterlift convention for a normal
///   carbohydrate-containing meal; the daily diet covers the rest (Burke 2011).
///
/// Non-finite or negative weight gives 0; a non-finite or negative `hours_to_next_session` counts as none.
/// Example: 75 kg, next session in 6 h, heavy → 1.2 × 75 × 4 = 360 g.
pub fn carbs_g(weight_kg: f64, hours_to_next_session: Option<f64>, heavy: bool) -> f64 {
    let kg = amount(weight_kg);
    let soon = hours_to_next_session
        .filter(|h| h.is_finite() && *h >= 0.0 && *h < RAPID_REFUEL_WITHIN_HOURS);
    match soon {
        Some(h) => {
            let rate = if heavy {
                RAPID_CARBS_G_PER_KG_PER_H.1
            } else {
                RAPID_CARBS_G_PER_KG_PER_H.0
            };
            rate * kg * h.clamp(1.0, RAPID_REFUEL_MAX_HOURS)
        }
        None => kg * if heavy { 1.0 } else { 0.5 },
    }
}

/// Protein for the post-exercise dose, grams: 0.3 g/kg (the upper per-kg figure, Thomas 2016), kept within
/// the ISSN's 20–40 g per dose (Jäger 2017). Non-finite or negative weight gives 0.
/// Example: 75 kg → 22.5 g; 50 kg → 20 g; 150 kg → 40 g.
pub fn protein_g(weight_kg: f64) -> f64 {
    let kg = amount(weight_kg);
    if kg == 0.0 {
        return 0.0;
    }
    (PROTEIN_G_PER_KG_PER_DOSE.1 * kg).clamp(PROTEIN_G_PER_DOSE.0, PROTEIN_G_PER_DOSE.1)
}

/// Fluid to drink after exercise, mL: 150 % of the estimated loss, the upper end of [`FLUID_REPLACEMENT`]
/// and the ACSM's "1.5 L per kg lost" (Sawka 2007, Med Sci Sports Exerc 39:377), because the loss here is
/// estimated rather than weighed and urine losses continue. Example: 800 mL lost → 1200 mL.
pub fn fluid_ml(estimated_loss_ml: f64) -> f64 {
    FLUID_REPLACEMENT.1 * amount(estimated_loss_ml)
}

/// Sweat lost in a session, mL: [`sweat_rate_ml_per_h`] at the effort's [`SweatEffort::typical_met`] for a
/// 75-kg athlete, × hours. This gives ≈ 0.48 L/h lifting, 0.68 L/h easy and 0.97 L/h hard in temperate
/// conditions; heat, humidity and body size can halve or double it. Negative or non-finite minutes give 0.
pub fn sweat_loss_ml(minutes: f64, effort: SweatEffort) -> f64 {
    sweat_rate_ml_per_h(effort.typical_met(), 75.0) * amount(minutes) / 60.0
}

/// Sweat rate from heat balance, mL/h: the metabolic heat (MET × kg kcal/h; nearly all of it is heat,
/// since running on the level does little external work) times the share that sweat must remove in
/// temperate conditions, [`EVAPORATIVE_SHARE`], divided by the heat removed per gram of sweat,
/// [`KCAL_PER_G_SWEAT`]. A rough population estimate (±50 %): weigh before and after to know.
///
/// Calibration: 7 MET at 75 kg gives ≈ 0.7 L/h, the runners' rate in temperate weather reported by the
/// Institute of Medicine (2005, Dietary Reference Intakes for Water, Potassium, Sodium, Chloride, and
/// Sulfate, National Academies Press, ch. 4, citing Cheuvront 2002: ≈ 0.7 L/h temperate, 1.1 L/h warm
/// for the same event); 10 MET gives ≈ 1 L/h, inside that range.
pub fn sweat_rate_ml_per_h(met: f64, weight_kg: f64) -> f64 {
    amount(met) * amount(weight_kg) * EVAPORATIVE_SHARE / KCAL_PER_G_SWEAT
}

/// Share of exercise heat that sweating has to remove in temperate conditions (≈ 20 °C), including sweat
/// that drips rather than evaporates; afterlift's calibration constant for [`sweat_rate_ml_per_h`].
pub const EVAPORATIVE_SHARE: f64 = 0.75;

/// Heat removed by evaporating 1 g of sweat: 0.58 kcal (latent heat of vaporisation of water at skin
/// temperature, ≈ 2.43 kJ/g).
pub const KCAL_PER_G_SWEAT: f64 = 0.58;

/// Recommended sleep, hours `(min, max)` for an age, per the National Sleep Foundation (Hirshkowitz M et
/// al. 2015, "National Sleep Foundation's sleep time duration recommendations: methodology and results
/// summary", Sleep Health 1:40): school age 6–13 y 9–11 h; teenagers 14–17 y 8–10 h; adults 18–64 y 7–9 h;
/// 65 y and over 7–8 h. Ages under 6 are given the school-age range (afterlift is not for young
/// children); a non-finite age gets the adult range.
pub fn recommended_sleep_hours(age_years: f64) -> (f64, f64) {
    if !age_years.is_finite() {
        return (7.0, 9.0);
    }
    if age_years < 14.0 {
        (9.0, 11.0)
    } else if age_years < 18.0 {
        (8.0, 10.0)
    } else if age_years < 65.0 {
        (7.0, 9.0)
    } else {
        (7.0, 8.0)
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
    fn carbs_follow_the_rapid_refuelling_rate_when_the_next_session_is_soon() {
        assert!(close(carbs_g(75.0, Some(6.0), true), 360.0, 1e-9));
        assert!(close(carbs_g(75.0, Some(6.0), false), 300.0, 1e-9));
        assert!(close(carbs_g(75.0, Some(2.5), true), 225.0, 1e-9));
        assert!(close(carbs_g(75.0, Some(0.2), false), 75.0, 1e-9));
        // 8 h or more, or nothing planned: one dose.
        assert!(close(carbs_g(75.0, Some(8.0), true), 75.0, 1e-9));
        assert!(close(carbs_g(75.0, None, true), 75.0, 1e-9));
        assert!(close(carbs_g(75.0, None, false), 37.5, 1e-9));
        assert!(close(carbs_g(75.0, Some(f64::NAN), false), 37.5, 1e-9));
        assert_eq!(carbs_g(-75.0, Some(3.0), true), 0.0);
    }

    #[test]
    fn protein_dose() {
        assert!(close(protein_g(75.0), 22.5, 1e-9));
        assert!(close(protein_g(100.0), 30.0, 1e-9));
        assert_eq!(protein_g(50.0), 20.0);
        assert_eq!(protein_g(150.0), 40.0);
        assert_eq!(protein_g(f64::NAN), 0.0);
    }

    #[test]
    fn fluid_is_150_percent_of_losses() {
        assert!(close(fluid_ml(800.0), 1200.0, 1e-9));
        assert!(close(fluid_ml(1000.0), 1500.0, 1e-9));
        assert_eq!(fluid_ml(-5.0), 0.0);
    }

    #[test]
    fn sweat_estimates() {
        // 7 MET × 75 kg = 525 kcal/h × 0.75 / 0.58 = 678.9 mL/h.
        assert!(close(sweat_rate_ml_per_h(7.0, 75.0), 678.879, 1e-3));
        assert!(close(sweat_loss_ml(60.0, SweatEffort::Easy), 678.879, 1e-3));
        assert!(close(sweat_loss_ml(30.0, SweatEffort::Hard), 484.914, 1e-3));
        assert!(close(
            sweat_loss_ml(60.0, SweatEffort::Lifting),
            484.914,
            1e-3
        ));
        assert_eq!(sweat_loss_ml(-10.0, SweatEffort::Hard), 0.0);
        assert_eq!(sweat_rate_ml_per_h(f64::NAN, 75.0), 0.0);
    }

    #[test]
    fn sleep_by_age_follows_hirshkowitz() {
        assert_eq!(recommended_sleep_hours(10.0), (9.0, 11.0));
        assert_eq!(recommended_sleep_hours(16.0), (8.0, 10.0));
        assert_eq!(recommended_sleep_hours(18.0), (7.0, 9.0));
        assert_eq!(recommended_sleep_hours(34.0), (7.0, 9.0));
        assert_eq!(recommended_sleep_hours(64.9), (7.0, 9.0));
        assert_eq!(recommended_sleep_hours(65.0), (7.0, 8.0));
        assert_eq!(recommended_sleep_hours(90.0), (7.0, 8.0));
        assert_eq!(recommended_sleep_hours(f64::NAN), (7.0, 9.0));
    }

    proptest! {
        #[test]
        fn amounts_are_non_negative(
            kg in -10.0f64..250.0,
            h in proptest::option::of(-5.0f64..48.0),
            heavy: bool,
            min in -10.0f64..300.0,
        ) {
            prop_assert!(carbs_g(kg, h, heavy) >= 0.0);
            prop_assert!(carbs_g(kg, h, true) >= carbs_g(kg, h, false));
            prop_assert!(protein_g(kg) >= 0.0 && protein_g(kg) <= 40.0);
            for e in [SweatEffort::Lifting, SweatEffort::Easy, SweatEffort::Hard] {
                prop_assert!(fluid_ml(sweat_loss_ml(min, e)) >= sweat_loss_ml(min, e));
            }
        }
    }
}
