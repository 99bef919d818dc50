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

/// Protein per post-exercise dose, g/kg, for young and for older adults: 0.25 g/kg is the ISSN's dose
/// for young adults (Jäger R et al. 2017, "International Society of Sports Nutrition position stand:
/// protein and exercise", J Int Soc Sports Nutr 14:20: "0.25 g of a high-quality protein per kg of body
/// weight, or an absolute dose of 20–40 g"), and older adults need about 0.40 g/kg for the same muscle
/// protein synthesis (Moore DR et al. 2015, "Protein ingestion to stimulate myofibrillar protein synthesis
/// requires greater relative protein intakes in healthy older versus younger men", J Gerontol A Biol Sci
/// Med Sci 70:57: 0.24 g/kg young, 0.40 g/kg older men).
pub const PROTEIN_G_PER_KG_PER_DOSE: (f64, f64) = (0.25, 0.40);

/// Ages between which the per-kg protein dose rises from the young to the older figure, years — afterlift's
/// choice between Moore 2015's groups (young ≈ 22 y, older ≈ 71 y): the rise starts at 40 and is complete
/// at 65.
pub const PROTEIN_AGE_YEARS: (f64, f64) = (40.0, 65.0);

/// The ISSN absolute range for one protein dose, grams (Jäger 2017).
pub const PROTEIN_G_PER_DOSE: (f64, f64) = (20.0, 40.0);

/// Fluid to drink after exercise, as a multiple of the fluid lost: 125–150 % ("≈ 1.25–1.5 L per kg of
/// body mass lost"), with sodium, because urine losses continue while rehydrating (Sawka MN et al. 2007,
/// ACSM position stand "Exercise and fluid replacement", Med Sci Sports Exerc 39:377; Thomas 2016).
pub const FLUID_REPLACEMENT: (f64, f64) = (1.25, 1.5);

/// Outside rapid refuelling, the post-session meal comes within this many hours: protein is best taken
/// within about 2 h after exercise (Jäger 2017: from immediately to 2 h after), and a carbohydrate-
/// containing meal then starts glycogen restoration (delaying carbohydrate by 2 h roughly halved early
/// glycogen resynthesis: Ivy JL et al. 1988, "Muscle glycogen synthesis after exercise: effect of time of
/// carbohydrate ingestion", J Appl Physiol 64:1480).
pub const MEAL_WINDOW_HOURS: f64 = 2.0;

/// How the carbohydrate advice was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CarbBasis {
    /// The next glycogen-demanding session is less than [`RAPID_REFUEL_WITHIN_HOURS`] away: eat at the
    /// rapid-refuelling rate.
    Rapid,
    /// Replace what was used with normal meals.
    Meals,
    /// Fat loss: within the day's planned meals, replacing no more than was used.
    EnergyBalance,
}

/// Carbohydrate after a session: how much, over how long, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CarbPlan {
    /// Grams, `(low, high)`.
    pub range_g: (f64, f64),
    /// Over the next this many hours.
    pub within_hours: f64,
    pub basis: CarbBasis,
}

/// Carbohydrate to eat after a session, from the glycogen it used (`used_g`, `(low, high)` grams, e.g.
/// [`super::glycogen::lift_glycogen_g`] plus the run's [`super::glycogen::carbohydrate_oxidised_g`]) and the
/// hours until the next glycogen-demanding session:
///
/// - Next session in less than [`RAPID_REFUEL_WITHIN_HOURS`] (Burke 2011; Thomas 2016): rapid refuelling at
///   [`RAPID_CARBS_G_PER_KG_PER_H`] (1.0–1.2 g/kg/h) for as long as it takes to replace what was used at
///   1.0 g/kg/h, to the nearest half hour, at least half an hour and at most
///   [`RAPID_REFUEL_MAX_HOURS`] or the time to the next session. The grams are the rate × the window, so
///   they never exceed what the guidance allows for it.
/// - Otherwise: what was used, with normal meals, the first within [`MEAL_WINDOW_HOURS`]: with ≥ 8 h to
///   recover, the day's total carbohydrate matters, not its timing (Burke 2011). That meal holds at most
///   1.0 g/kg per hour of the window (2 g/kg); more than that (after a very long session) comes back with
///   the day's later meals.
/// - Fat loss (and no session soon): at most what was most likely used (the low end to the middle of the
///   range), within the day's planned meals — eating more on top would undo the session's energy deficit.
///
/// Non-finite or negative inputs count as zero; a non-finite or negative `hours_to_next_session` counts as
/// none. Example: 75 kg, 110–130 g used, next session in 5 h → 120 g ÷ 75 g/h = 1.6 h → 1.5 h at 75–90 g/h =
/// 112.5–135 g.
pub fn carbs_plan(
    weight_kg: f64,
    used_g: (f64, f64),
    hours_to_next_session: Option<f64>,
    fat_loss: bool,
) -> CarbPlan {
    let kg = amount(weight_kg);
    let (lo, hi) = (amount(used_g.0), amount(used_g.1));
    let (lo, hi) = (lo.min(hi), hi.max(lo));
    let soon = hours_to_next_session
        .filter(|h| h.is_finite() && *h >= 0.0 && *h < RAPID_REFUEL_WITHIN_HOURS);
    match soon {
        Some(h) if kg > 0.0 => {
            let needed_h = (lo + hi) / 2.0 / (RAPID_CARBS_G_PER_KG_PER_H.0 * kg);
            let needed_h = (needed_h * 2.0).round() / 2.0;
            let most = h.clamp(0.5, RAPID_REFUEL_MAX_HOURS);
            let window = needed_h.clamp(0.5, most);
            CarbPlan {
                range_g: (
                    RAPID_CARBS_G_PER_KG_PER_H.0 * kg * window,
                    RAPID_CARBS_G_PER_KG_PER_H.1 * kg * window,
                ),
                within_hours: window,
                basis: CarbBasis::Rapid,
            }
        }
        _ => {
            // A meal, not a refuelling protocol: never more than the slower rapid rate over the window;
            // anything beyond it is replaced by the day's later meals.
            let meal_max = RAPID_CARBS_G_PER_KG_PER_H.0 * kg * MEAL_WINDOW_HOURS;
            let (range_g, basis) = if fat_loss {
                ((lo, (lo + hi) / 2.0), CarbBasis::EnergyBalance)
            } else {
                ((lo, hi), CarbBasis::Meals)
            };
            CarbPlan {
                range_g: (range_g.0.min(meal_max), range_g.1.min(meal_max)),
                within_hours: MEAL_WINDOW_HOURS,
                basis,
            }
        }
    }
}

/// Protein for the post-exercise dose, grams: [`PROTEIN_G_PER_KG_PER_DOSE`] per kg — 0.25 g/kg up to
/// age 40, rising linearly to 0.40 g/kg at 65 ([`PROTEIN_AGE_YEARS`]) — kept within the ISSN's 20–40 g per
/// dose (Jäger 2017). Non-finite or negative weight gives 0; a non-finite age counts as young.
/// Example: 75 kg at 34 → 20 g (18.75 raised to the ISSN minimum); 120 kg at 34 → 30 g; 70 kg at 70 → 28 g.
pub fn protein_g(weight_kg: f64, age_years: f64) -> f64 {
    let kg = amount(weight_kg);
    if kg == 0.0 {
        return 0.0;
    }
    let per_kg = crate::science::interpolate(
        &[
            (PROTEIN_AGE_YEARS.0, PROTEIN_G_PER_KG_PER_DOSE.0),
            (PROTEIN_AGE_YEARS.1, PROTEIN_G_PER_KG_PER_DOSE.1),
        ],
        age_years,
    );
    (per_kg * kg).clamp(PROTEIN_G_PER_DOSE.0, PROTEIN_G_PER_DOSE.1)
}

/// Fluid to drink after exercise, mL: 150 % of the estimated loss, the upper end of [`FLUID_REPLACEMENT`]
/// and the ACSM's "1.5 L per kg lost" (Sawka 2007, Med Sci Sports Exerc 39:377), because the loss here is
/// estimated rather than weighed and urine losses continue. Example: 800 mL lost → 1200 mL.
pub fn fluid_ml(estimated_loss_ml: f64) -> f64 {
    FLUID_REPLACEMENT.1 * amount(estimated_loss_ml)
}

/// Sweat lost in an activity, mL: [`sweat_rate_ml_per_h`] at its gross MET for this athlete's body mass,
/// × hours — so a heavier athlete, who makes more heat at the same MET, is told to drink more. For 75 kg
/// this gives ≈ 0.58 L/h lifting at 6 MET, 0.68 L/h jogging at 7 MET and 1.0 L/h at 10 MET, temperate
/// conditions; heat, humidity and clothing can halve or double it (sweat rates of athletes span about
/// 0.5–2.5 L/h: Baker LB 2017, "Sweating rate and sweat sodium concentration in athletes: a review of
/// methodology and intra/interindividual variability", Sports Med 47(Suppl 1):111). Negative or
/// non-finite inputs count as zero.
pub fn sweat_loss_ml(minutes: f64, met: f64, weight_kg: f64) -> f64 {
    sweat_rate_ml_per_h(met, weight_kg) * amount(minutes) / 60.0
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
    fn rapid_refuelling_follows_the_guidance_for_the_window() {
        // 75 kg, 110–130 g used, hard session in 5 h: 120 g at 75 g/h = 1.6 h → 1.5 h.
        let p = carbs_plan(75.0, (110.0, 130.0), Some(5.0), false);
        assert_eq!(p.basis, CarbBasis::Rapid);
        assert!(close(p.within_hours, 1.5, 1e-9));
        assert!(close(p.range_g.0, 112.5, 1e-9) && close(p.range_g.1, 135.0, 1e-9));
        // The rate is always 1.0–1.2 g/kg/h of the window.
        assert!(close(p.range_g.0 / 75.0 / p.within_hours, 1.0, 1e-12));
        assert!(close(p.range_g.1 / 75.0 / p.within_hours, 1.2, 1e-12));
        // A big depletion is capped at 4 h of the guidance (Wallis & Podlogar 2022).
        let big = carbs_plan(75.0, (500.0, 700.0), Some(6.0), false);
        assert!(close(big.within_hours, 4.0, 1e-9) && close(big.range_g.1, 360.0, 1e-9));
        // ... and by the time left before the next session.
        let close_by = carbs_plan(75.0, (500.0, 700.0), Some(2.5), false);
        assert!(close(close_by.within_hours, 2.5, 1e-9));
        // A small depletion: half an hour at the rate.
        let small = carbs_plan(75.0, (10.0, 20.0), Some(6.0), false);
        assert!(close(small.within_hours, 0.5, 1e-9) && close(small.range_g.0, 37.5, 1e-9));
        // Fat loss does not change rapid refuelling before a hard session.
        assert_eq!(carbs_plan(75.0, (110.0, 130.0), Some(5.0), true), p);
    }

    #[test]
    fn without_a_session_soon_normal_meals_replace_what_was_used() {
        for h in [None, Some(8.0), Some(24.0), Some(f64::NAN), Some(-1.0)] {
            let p = carbs_plan(75.0, (40.0, 60.0), h, false);
            assert_eq!(p.basis, CarbBasis::Meals, "{h:?}");
            assert_eq!(p.range_g, (40.0, 60.0));
            assert!(close(p.within_hours, 2.0, 1e-12));
        }
        let f = carbs_plan(120.0, (43.0, 72.0), None, true);
        assert_eq!(f.basis, CarbBasis::EnergyBalance);
        assert_eq!(f.range_g, (43.0, 57.5));
        // No body mass, no meal: nothing.
        assert_eq!(
            carbs_plan(-1.0, (f64::NAN, 5.0), Some(2.0), false).range_g,
            (0.0, 0.0)
        );
        // A very long session: the next meal holds at most 1.0 g/kg per hour of its 2 h.
        assert_eq!(
            carbs_plan(60.0, (250.0, 300.0), None, false).range_g,
            (120.0, 120.0)
        );
        // Swapped ends are put in order.
        assert_eq!(
            carbs_plan(75.0, (60.0, 40.0), None, false).range_g,
            (40.0, 60.0)
        );
    }

    #[test]
    fn protein_dose() {
        assert!(close(protein_g(120.0, 34.0), 30.0, 1e-9));
        assert!(close(protein_g(100.0, 25.0), 25.0, 1e-9));
        // 0.25 × 75 = 18.75, raised to the ISSN's 20 g minimum.
        assert_eq!(protein_g(75.0, 34.0), 20.0);
        // Older: 0.40 g/kg (Moore 2015); half-way between 40 and 65, 0.325.
        assert!(close(protein_g(70.0, 70.0), 28.0, 1e-9));
        assert!(close(protein_g(80.0, 52.5), 26.0, 1e-9));
        assert_eq!(protein_g(150.0, 70.0), 40.0);
        assert_eq!(protein_g(f64::NAN, 30.0), 0.0);
        assert!(close(protein_g(100.0, f64::NAN), 25.0, 1e-9));
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
        assert!(close(sweat_loss_ml(60.0, 7.0, 75.0), 678.879, 1e-3));
        assert!(close(sweat_loss_ml(30.0, 10.0, 75.0), 484.914, 1e-3));
        // Scaled to body mass: 120 kg sweats 1.6 times as much as 75 kg at the same MET.
        assert!(close(sweat_loss_ml(60.0, 7.0, 120.0), 678.879 * 1.6, 1e-3));
        assert_eq!(sweat_loss_ml(-10.0, 10.0, 75.0), 0.0);
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
            lo in -10.0f64..500.0,
            hi in -10.0f64..500.0,
            fat_loss: bool,
            age in -10.0f64..120.0,
            min in -10.0f64..300.0,
            met in -1.0f64..25.0,
        ) {
            let p = carbs_plan(kg, (lo, hi), h, fat_loss);
            prop_assert!(0.0 <= p.range_g.0 && p.range_g.0 <= p.range_g.1);
            prop_assert!(p.within_hours > 0.0 && p.within_hours <= RAPID_REFUEL_MAX_HOURS);
            // Never above what the rapid-refuelling guidance allows for the window.
            if p.basis == CarbBasis::Rapid {
                prop_assert!(p.range_g.1 <= RAPID_CARBS_G_PER_KG_PER_H.1 * kg.max(0.0) * p.within_hours + 1e-9);
            } else {
                prop_assert!(p.range_g.1 <= lo.max(hi).max(0.0) + 1e-9);
                prop_assert!(p.range_g.1 <= RAPID_CARBS_G_PER_KG_PER_H.0 * kg.max(0.0) * p.within_hours + 1e-9);
            }
            let protein = protein_g(kg, age);
            prop_assert!(protein == 0.0 || (20.0..=40.0).contains(&protein));
            prop_assert!(fluid_ml(sweat_loss_ml(min, met, kg)) >= sweat_loss_ml(min, met, kg));
        }
    }
}
