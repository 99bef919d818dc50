//! Energy expenditure from speed (ACSM metabolic equations) and from heart rate (Keytel).
//!
//! The advisor estimates the cost of a run from its pace when there is no heart rate, and from heart
//! rate when a watch recorded one. Both give gross cost; subtract 1 MET (3.5 mL/kg/min) for net.

use crate::Sex;
use crate::science::amount;

/// Oxygen cost of resting, by convention: 1 MET = 3.5 mL O2/kg/min.
pub const ML_O2_PER_KG_MIN_PER_MET: f64 = 3.5;

/// kJ per kcal (thermochemical calorie).
pub const KJ_PER_KCAL: f64 = 4.184;

/// ACSM running equation: VO2 (mL/kg/min) = 0.2 × S + 0.9 × S × G + 3.5, with S in m/min and G the grade
/// as a fraction (0.05 = 5 %).
///
/// American College of Sports Medicine, ACSM's Guidelines for Exercise Testing and Prescription, metabolic
/// equations (the running equation is meant for speeds above ~134 m/min, 8 km/h, or slower true jogging).
/// Speed below zero counts as zero; downhill grades count as level because the equation was not derived
/// for downhill running. Example: 10 km/h (166.7 m/min), level → 36.8 mL/kg/min.
pub fn acsm_running_vo2(speed_m_per_min: f64, grade: f64) -> f64 {
    let s = amount(speed_m_per_min);
    0.2 * s + 0.9 * s * uphill(grade) + ML_O2_PER_KG_MIN_PER_MET
}

/// ACSM walking equation: VO2 (mL/kg/min) = 0.1 × S + 1.8 × S × G + 3.5, S in m/min (valid ~50–100 m/min),
/// G the grade as a fraction. Same source and guards as [`acsm_running_vo2`].
/// Example: 80 m/min at 5 % → 18.7 mL/kg/min.
pub fn acsm_walking_vo2(speed_m_per_min: f64, grade: f64) -> f64 {
    let s = amount(speed_m_per_min);
    0.1 * s + 1.8 * s * uphill(grade) + ML_O2_PER_KG_MIN_PER_MET
}

/// mL O2/kg/min to METs (÷ 3.5, the conventional resting VO2).
pub fn vo2_to_met(vo2: f64) -> f64 {
    vo2 / ML_O2_PER_KG_MIN_PER_MET
}

/// Energy expenditure from heart rate, kcal/min, by Keytel's equations without a VO2max term:
///
/// - men:   kJ/min = −55.0969 + 0.6309 × HR + 0.1988 × kg + 0.2017 × age
/// - women: kJ/min = −20.4022 + 0.4472 × HR − 0.1263 × kg + 0.0740 × age
///
/// then ÷ 4.184 for kcal. Keytel LR et al. 2005, "Prediction of energy expenditure from heart rate
/// monitoring during submaximal exercise", J Sports Sci 23:289 (115 adults; validated at 57–90 % HRmax).
/// Meant for exercise heart rates (roughly 90 bpm and up): at rest it is not valid. Non-finite inputs give
/// 0, and the result is never negative. Example: man, 150 bpm, 75 kg, 35 y → 61.51 kJ/min = 14.70 kcal/min.
pub fn keytel_kcal_per_min(sex: Sex, hr_bpm: f64, weight_kg: f64, age_years: f64) -> f64 {
    if !(hr_bpm.is_finite() && weight_kg.is_finite() && age_years.is_finite()) {
        return 0.0;
    }
    let kj_per_min = match sex {
        Sex::Male => -55.0969 + 0.6309 * hr_bpm + 0.1988 * weight_kg + 0.2017 * age_years,
        Sex::Female => -20.4022 + 0.4472 * hr_bpm - 0.1263 * weight_kg + 0.0740 * age_years,
    };
    amount(kj_per_min / KJ_PER_KCAL)
}

fn uphill(grade: f64) -> f64 {
    if grade.is_finite() {
        grade.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn acsm_running_worked_examples() {
        let s = 10_000.0 / 60.0; // 10 km/h
        assert!(close(acsm_running_vo2(s, 0.0), 36.8333, 1e-3));
        assert!(close(vo2_to_met(acsm_running_vo2(s, 0.0)), 10.524, 1e-3));
        // 200 m/min at 5 %: 40 + 9 + 3.5.
        assert!(close(acsm_running_vo2(200.0, 0.05), 52.5, 1e-9));
        assert!(close(acsm_running_vo2(200.0, -0.05), 43.5, 1e-9));
        assert!(close(acsm_running_vo2(-10.0, 0.0), 3.5, 1e-9));
    }

    #[test]
    fn acsm_walking_worked_examples() {
        assert!(close(acsm_walking_vo2(80.0, 0.05), 18.7, 1e-9));
        assert!(close(acsm_walking_vo2(100.0, 0.0), 13.5, 1e-9));
        assert!(close(acsm_walking_vo2(80.0, f64::NAN), 11.5, 1e-9));
    }

    #[test]
    fn vo2_to_met_divides_by_resting_vo2() {
        assert!(close(vo2_to_met(35.0), 10.0, 1e-12));
        assert!(close(vo2_to_met(3.5), 1.0, 1e-12));
    }

    #[test]
    fn keytel_worked_examples() {
        // −55.0969 + 94.635 + 14.91 + 7.0595 = 61.5076 kJ/min.
        assert!(close(
            keytel_kcal_per_min(Sex::Male, 150.0, 75.0, 35.0),
            61.5076 / 4.184,
            1e-9
        ));
        assert!(close(
            keytel_kcal_per_min(Sex::Male, 150.0, 75.0, 35.0),
            14.7007,
            1e-4
        ));
        // −20.4022 + 62.608 − 7.578 + 2.22 = 36.8478 kJ/min.
        assert!(close(
            keytel_kcal_per_min(Sex::Female, 140.0, 60.0, 30.0),
            8.8068,
            1e-4
        ));
        assert_eq!(keytel_kcal_per_min(Sex::Male, 40.0, 60.0, 20.0), 0.0);
        assert_eq!(keytel_kcal_per_min(Sex::Male, f64::NAN, 60.0, 20.0), 0.0);
    }
}
