//! Heart rate: maximum heart rate from age, target ranges from intensity bands, and training zones.
//!
//! The advisor turns "easy, conversational" into the athlete's own beats per minute here. A measured
//! maximum always beats a formula: age-predicted maxima have a standard error of 7–11 bpm (Robergs &
//! Landwehr 2002), so the formula is a fallback, never the truth.
//!
//! Borg 6–20 RPE and CR-10 correspondence used for the bands' `rpe_cr10`: the scales are matched by their
//! verbal anchors ([`cr10_from_borg`]), Borg's own way of relating them (Borg 1982, Med Sci Sports Exerc
//! 14:377), with the CR-10 wording of Foster's session-RPE scale (Foster 2001, J Strength Cond Res 15:109:
//! 0 rest, 1 very very easy, 2 easy, 3 moderate, 4 somewhat hard, 5 hard, 7 very hard, 10 maximal), the
//! scale the rest of afterlift uses.

use std::str::FromStr;

use crate::Athlete;
use crate::science::interpolate;

/// Which age-predicted maximum heart rate equation to use when no measured maximum is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HrMaxFormula {
    /// 208 − 0.7 × age: [`hr_max_tanaka`]. The default: a meta-analysis of 351 studies, confirmed in the lab.
    #[default]
    Tanaka,
    /// 207 − 0.7 × age: [`hr_max_gellish`].
    Gellish,
    /// 220 − age: [`hr_max_fox`]. Kept because people know it; not recommended.
    Fox,
    /// 206 − 0.88 × age, the women's equation: [`hr_max_gulati`].
    Gulati,
}

impl HrMaxFormula {
    pub const ALL: [HrMaxFormula; 4] = [
        HrMaxFormula::Tanaka,
        HrMaxFormula::Gellish,
        HrMaxFormula::Fox,
        HrMaxFormula::Gulati,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HrMaxFormula::Tanaka => "tanaka",
            HrMaxFormula::Gellish => "gellish",
            HrMaxFormula::Fox => "fox",
            HrMaxFormula::Gulati => "gulati",
        }
    }

    /// The equation and its source, for explanations shown to people.
    pub fn citation(self) -> &'static str {
        match self {
            HrMaxFormula::Tanaka => "208 − 0.7 × age (Tanaka 2001, J Am Coll Cardiol 37:153)",
            HrMaxFormula::Gellish => "207 − 0.7 × age (Gellish 2007, Med Sci Sports Exerc 39:822)",
            HrMaxFormula::Fox => {
                "220 − age (Fox 1971; criticised by Robergs & Landwehr 2002, JEPonline 5(2):1)"
            }
            HrMaxFormula::Gulati => "206 − 0.88 × age (Gulati 2010, Circulation 122:130)",
        }
    }
}

impl FromStr for HrMaxFormula {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase();
        match norm.as_str() {
            "tanaka" => Ok(HrMaxFormula::Tanaka),
            "gellish" => Ok(HrMaxFormula::Gellish),
            "fox" | "220-age" | "220" => Ok(HrMaxFormula::Fox),
            "gulati" => Ok(HrMaxFormula::Gulati),
            _ => Err(format!(
                "unknown HRmax formula '{s}': expected tanaka, gellish, fox or gulati"
            )),
        }
    }
}

/// HRmax = 208 − 0.7 × age (bpm).
///
/// Tanaka H, Monahan KD, Seals DR 2001, "Age-predicted maximal heart rate revisited",
/// J Am Coll Cardiol 37:153 (meta-analysis of 351 studies, 18 712 subjects, confirmed in 514 lab tests).
/// Age is clamped to 0–120 years.
pub fn hr_max_tanaka(age_years: f64) -> f64 {
    208.0 - 0.7 * clamp_age(age_years)
}

/// HRmax = 207 − 0.7 × age (bpm).
///
/// Gellish RL et al. 2007, "Longitudinal modeling of the relationship between age and maximal heart rate",
/// Med Sci Sports Exerc 39:822 (132 people, 908 tests). Age clamped to 0–120.
pub fn hr_max_gellish(age_years: f64) -> f64 {
    207.0 - 0.7 * clamp_age(age_years)
}

/// HRmax = 220 − age (bpm).
///
/// The traditional rule usually attributed to Fox, Naughton & Haskell 1971 (Ann Clin Res 3:404). Robergs &
/// Landwehr 2002 ("The surprising history of the HRmax = 220 − age equation", JEPonline 5(2):1) traced it to
/// no original study and found a standard error of 7–11 bpm; it "has no scientific merit". Provided
/// because athletes ask for it. Age clamped to 0–120.
pub fn hr_max_fox(age_years: f64) -> f64 {
    220.0 - clamp_age(age_years)
}

/// HRmax = 206 − 0.88 × age (bpm), for women.
///
/// Gulati M et al. 2010, "Heart rate response to exercise stress testing in asymptomatic women: the St. James
/// Women Take Heart Project", Circulation 122:130 (5437 women). Age clamped to 0–120.
pub fn hr_max_gulati(age_years: f64) -> f64 {
    206.0 - 0.88 * clamp_age(age_years)
}

/// The age-predicted maximum heart rate by the chosen equation.
pub fn predicted_hr_max(age_years: f64, formula: HrMaxFormula) -> f64 {
    match formula {
        HrMaxFormula::Tanaka => hr_max_tanaka(age_years),
        HrMaxFormula::Gellish => hr_max_gellish(age_years),
        HrMaxFormula::Fox => hr_max_fox(age_years),
        HrMaxFormula::Gulati => hr_max_gulati(age_years),
    }
}

/// The athlete's maximum heart rate: the measured `max_hr_bpm` when known (it always wins), else the
/// age-predicted value by `formula`.
pub fn hr_max(athlete: &Athlete, formula: HrMaxFormula) -> f64 {
    match athlete.max_hr_bpm {
        Some(measured) if measured.is_finite() && measured > 0.0 => measured,
        _ => predicted_hr_max(athlete.age_years, formula),
    }
}

/// Target heart rate by the heart-rate-reserve method: HRrest + fraction × (HRmax − HRrest).
///
/// Karvonen MJ, Kentala E, Mustala O 1957, "The effects of training on heart rate; a longitudinal study",
/// Ann Med Exp Biol Fenn 35:307. `fraction_of_reserve` is clamped to 0–1, so the result stays between the
/// resting and the maximum heart rate. Example: rest 60, max 190, 50 % → 125 bpm.
pub fn karvonen(resting_bpm: f64, max_bpm: f64, fraction_of_reserve: f64) -> f64 {
    resting_bpm + fraction_of_reserve.clamp(0.0, 1.0) * (max_bpm - resting_bpm)
}

/// An exercise intensity band expressed in every unit the advisor may show.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IntensityBand {
    pub name: &'static str,
    /// Fractions of heart-rate reserve (use with [`karvonen`]).
    pub hrr: (f64, f64),
    /// Fractions of maximum heart rate.
    pub hr_max: (f64, f64),
    /// Borg 6–20 rating of perceived exertion.
    pub rpe_borg: (u8, u8),
    /// Borg CR-10 (Foster's session-RPE wording), converted from `rpe_borg` by [`cr10_from_borg`], rounded.
    pub rpe_cr10: (u8, u8),
    /// Fractions of VO2max.
    pub vo2max: (f64, f64),
}

/// ACSM "light": 30–39 % HRR, 57–63 % HRmax, RPE 9–11 (CR-10 1–2), 37–45 % VO2max.
///
/// Garber CE et al. 2011, ACSM position stand "Quantity and quality of exercise…", Med Sci Sports Exerc
/// 43:1334, Table 2.
pub const ACSM_LIGHT: IntensityBand = IntensityBand {
    name: "light",
    hrr: (0.30, 0.39),
    hr_max: (0.57, 0.63),
    rpe_borg: (9, 11),
    rpe_cr10: (1, 2),
    vo2max: (0.37, 0.45),
};

/// ACSM "moderate": 40–59 % HRR, 64–76 % HRmax, RPE 12–13 (CR-10 3–4), 46–63 % VO2max.
/// Garber 2011, Med Sci Sports Exerc 43:1334, Table 2.
pub const ACSM_MODERATE: IntensityBand = IntensityBand {
    name: "moderate",
    hrr: (0.40, 0.59),
    hr_max: (0.64, 0.76),
    rpe_borg: (12, 13),
    rpe_cr10: (3, 4),
    vo2max: (0.46, 0.63),
};

/// ACSM "vigorous": 60–89 % HRR, 77–95 % HRmax, RPE 14–17 (CR-10 5–7), 64–90 % VO2max.
/// Garber 2011, Med Sci Sports Exerc 43:1334, Table 2.
pub const ACSM_VIGOROUS: IntensityBand = IntensityBand {
    name: "vigorous",
    hrr: (0.60, 0.89),
    hr_max: (0.77, 0.95),
    rpe_borg: (14, 17),
    rpe_cr10: (5, 7),
    vo2max: (0.64, 0.90),
};

/// Conversational pace, the low-intensity steady state (LISS) the source text recommends after lifting:
/// the ACSM moderate band (40–59 % HRR / 64–76 % HRmax).
///
/// Why this band: the talk test's last stage at which speech is comfortable sits at about the first
/// ventilatory threshold (Persinger R, Foster C et al. 2004, "Consistency of the talk test for exercise
/// prescription", Med Sci Sports Exerc 36:1632; Reed JL & Pipe AL 2014, "The talk test: a useful tool for
/// prescribing and monitoring exercise intensity", Curr Opin Cardiol 29:475), which for most people falls in
/// the moderate band; Fatmax, 74 % HRmax (Achten 2002), sits inside it too.
pub const CONVERSATIONAL: IntensityBand = IntensityBand {
    name: "conversational",
    ..ACSM_MODERATE
};

/// Borg 6–20 RPE to CR-10, matched by verbal anchor and interpolated linearly between anchors.
///
/// Anchors (6–20 → CR-10): 6 no exertion → 0; 7 extremely light → 0.5; 9 very light → 1; 11 light → 2;
/// 13 somewhat hard → 4; 15 hard → 5; 17 very hard → 7; 19 extremely hard → 10; 20 maximal → 10
/// (Borg 1982, Med Sci Sports Exerc 14:377; CR-10 wording as Foster 2001, J Strength Cond Res 15:109).
/// Hence 12 → 3 "moderate". Input is clamped to 6–20; `NaN` gives 0.
pub fn cr10_from_borg(rpe_6_20: f64) -> f64 {
    const ANCHORS: [(f64, f64); 9] = [
        (6.0, 0.0),
        (7.0, 0.5),
        (9.0, 1.0),
        (11.0, 2.0),
        (13.0, 4.0),
        (15.0, 5.0),
        (17.0, 7.0),
        (19.0, 10.0),
        (20.0, 10.0),
    ];
    interpolate(&ANCHORS, rpe_6_20)
}

/// The heart-rate range for `band`: Karvonen on the band's HRR fractions when a plausible resting heart
/// rate is known (finite, above 0 and below `max_bpm`), else the band's %HRmax fractions.
/// Returns `(low, high)` in bpm with `low <= high`; a non-finite or non-positive `max_bpm` gives `(0, 0)`.
pub fn heart_rate_range(
    max_bpm: f64,
    resting_bpm: Option<f64>,
    band: &IntensityBand,
) -> (f64, f64) {
    if !(max_bpm.is_finite() && max_bpm > 0.0) {
        return (0.0, 0.0);
    }
    let (lo, hi) = match plausible_resting(resting_bpm, max_bpm) {
        Some(rest) => (
            karvonen(rest, max_bpm, band.hrr.0),
            karvonen(rest, max_bpm, band.hrr.1),
        ),
        None => (
            max_bpm * band.hr_max.0.clamp(0.0, 1.0),
            max_bpm * band.hr_max.1.clamp(0.0, 1.0),
        ),
    };
    (lo.min(hi), lo.max(hi))
}

/// One of Edwards' five heart-rate zones.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// 1 (easiest) to 5; also Edwards' TRIMP weight for time spent in the zone.
    pub number: u8,
    pub name: &'static str,
    /// Lower bound by %HRmax.
    pub min_bpm: f64,
    /// Upper bound by %HRmax.
    pub max_bpm: f64,
    pub purpose: &'static str,
    /// The same percentages applied to heart-rate reserve (Karvonen), when resting heart rate is known.
    pub karvonen_bpm: Option<(f64, f64)>,
}

/// Edwards' five zones: 50–60, 60–70, 70–80, 80–90 and 90–100 % of HRmax (Edwards S 1993, The Heart Rate
/// Monitor Book, Polar Electro; the zones of the Edwards TRIMP). When a plausible resting heart rate is
/// known each zone also carries its Karvonen equivalent (the same percentages of heart-rate reserve).
/// A non-finite or non-positive `max_bpm` gives no zones.
pub fn zones(max_bpm: f64, resting_bpm: Option<f64>) -> Vec<Zone> {
    const ZONES: [(u8, &str, f64, f64, &str); 5] = [
        (
            1,
            "very light",
            0.50,
            0.60,
            "warm-up, cool-down and active recovery",
        ),
        (
            2,
            "light",
            0.60,
            0.70,
            "aerobic base: easy, conversational running",
        ),
        (
            3,
            "moderate",
            0.70,
            0.80,
            "aerobic fitness: steady, talking in short sentences",
        ),
        (
            4,
            "hard",
            0.80,
            0.90,
            "threshold: comfortably hard, a few words at a time",
        ),
        (
            5,
            "maximum",
            0.90,
            1.00,
            "VO2max intervals and sprints: no talking",
        ),
    ];
    if !(max_bpm.is_finite() && max_bpm > 0.0) {
        return Vec::new();
    }
    let rest = plausible_resting(resting_bpm, max_bpm);
    ZONES
        .iter()
        .map(|&(number, name, lo, hi, purpose)| Zone {
            number,
            name,
            min_bpm: max_bpm * lo,
            max_bpm: max_bpm * hi,
            purpose,
            karvonen_bpm: rest.map(|r| (karvonen(r, max_bpm, lo), karvonen(r, max_bpm, hi))),
        })
        .collect()
}

fn clamp_age(age_years: f64) -> f64 {
    age_years.clamp(0.0, 120.0)
}

fn plausible_resting(resting_bpm: Option<f64>, max_bpm: f64) -> Option<f64> {
    resting_bpm.filter(|r| r.is_finite() && *r > 0.0 && *r < max_bpm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn hr_max_equations_match_their_papers() {
        assert!(close(hr_max_tanaka(40.0), 180.0, 1e-9));
        assert!(close(hr_max_tanaka(20.0), 194.0, 1e-9));
        assert!(close(hr_max_gellish(40.0), 179.0, 1e-9));
        assert!(close(hr_max_fox(40.0), 180.0, 1e-9));
        assert!(close(hr_max_fox(60.0), 160.0, 1e-9));
        assert!(close(hr_max_gulati(40.0), 170.8, 1e-9));
        assert!(close(hr_max_gulati(50.0), 162.0, 1e-9));
        // Tanaka's point: 220 − age underestimates older adults (at 70: 159 vs 150) and the two cross at 40.
        assert!(close(hr_max_tanaka(70.0) - hr_max_fox(70.0), 9.0, 1e-9));
    }

    #[test]
    fn predicted_hr_max_dispatches() {
        assert!(close(
            predicted_hr_max(30.0, HrMaxFormula::Tanaka),
            187.0,
            1e-9
        ));
        assert!(close(
            predicted_hr_max(30.0, HrMaxFormula::Gellish),
            186.0,
            1e-9
        ));
        assert!(close(
            predicted_hr_max(30.0, HrMaxFormula::Fox),
            190.0,
            1e-9
        ));
        assert!(close(
            predicted_hr_max(30.0, HrMaxFormula::Gulati),
            179.6,
            1e-9
        ));
        assert!(close(
            predicted_hr_max(-5.0, HrMaxFormula::Fox),
            220.0,
            1e-9
        ));
    }

    #[test]
    fn measured_max_wins() {
        let mut a = Athlete::example(); // 34 years
        assert!(close(hr_max(&a, HrMaxFormula::Tanaka), 184.2, 1e-9));
        a.max_hr_bpm = Some(201.0);
        assert_eq!(hr_max(&a, HrMaxFormula::Tanaka), 201.0);
        assert_eq!(hr_max(&a, HrMaxFormula::Fox), 201.0);
        a.max_hr_bpm = Some(f64::NAN);
        assert!(close(hr_max(&a, HrMaxFormula::Fox), 186.0, 1e-9));
    }

    #[test]
    fn formula_names_round_trip() {
        assert_eq!(HrMaxFormula::default(), HrMaxFormula::Tanaka);
        for f in HrMaxFormula::ALL {
            assert_eq!(f.as_str().parse::<HrMaxFormula>(), Ok(f));
        }
        assert_eq!(" Gulati ".parse::<HrMaxFormula>(), Ok(HrMaxFormula::Gulati));
        assert_eq!("220-age".parse::<HrMaxFormula>(), Ok(HrMaxFormula::Fox));
        assert!("astrand".parse::<HrMaxFormula>().is_err());
    }

    #[test]
    fn karvonen_worked_example() {
        assert!(close(karvonen(60.0, 190.0, 0.5), 125.0, 1e-9));
        assert!(close(karvonen(60.0, 190.0, 0.0), 60.0, 1e-9));
        assert!(close(karvonen(60.0, 190.0, 1.7), 190.0, 1e-9));
    }

    #[test]
    fn bands_match_garber_2011() {
        assert_eq!(ACSM_LIGHT.hrr, (0.30, 0.39));
        assert_eq!(ACSM_LIGHT.hr_max, (0.57, 0.63));
        assert_eq!(ACSM_LIGHT.rpe_borg, (9, 11));
        assert_eq!(ACSM_LIGHT.vo2max, (0.37, 0.45));
        assert_eq!(ACSM_MODERATE.hrr, (0.40, 0.59));
        assert_eq!(ACSM_MODERATE.hr_max, (0.64, 0.76));
        assert_eq!(ACSM_MODERATE.rpe_borg, (12, 13));
        assert_eq!(ACSM_MODERATE.vo2max, (0.46, 0.63));
        assert_eq!(ACSM_VIGOROUS.hrr, (0.60, 0.89));
        assert_eq!(ACSM_VIGOROUS.hr_max, (0.77, 0.95));
        assert_eq!(ACSM_VIGOROUS.rpe_borg, (14, 17));
        assert_eq!(ACSM_VIGOROUS.vo2max, (0.64, 0.90));
        assert_eq!(CONVERSATIONAL.name, "conversational");
        assert_eq!(CONVERSATIONAL.hrr, ACSM_MODERATE.hrr);
        assert_eq!(CONVERSATIONAL.hr_max, ACSM_MODERATE.hr_max);
    }

    #[test]
    fn cr10_follows_the_verbal_anchors_and_the_bands_use_it() {
        assert_eq!(cr10_from_borg(6.0), 0.0);
        assert_eq!(cr10_from_borg(9.0), 1.0);
        assert_eq!(cr10_from_borg(11.0), 2.0);
        assert_eq!(cr10_from_borg(12.0), 3.0);
        assert_eq!(cr10_from_borg(13.0), 4.0);
        assert_eq!(cr10_from_borg(14.0), 4.5);
        assert_eq!(cr10_from_borg(17.0), 7.0);
        assert_eq!(cr10_from_borg(19.0), 10.0);
        assert_eq!(cr10_from_borg(25.0), 10.0);
        for band in [ACSM_LIGHT, ACSM_MODERATE, ACSM_VIGOROUS, CONVERSATIONAL] {
            let lo = cr10_from_borg(f64::from(band.rpe_borg.0)).round();
            let hi = cr10_from_borg(f64::from(band.rpe_borg.1)).round();
            assert_eq!(band.rpe_cr10, (lo as u8, hi as u8), "{}", band.name);
        }
    }

    #[test]
    fn heart_rate_range_uses_karvonen_when_resting_is_known() {
        let (lo, hi) = heart_rate_range(190.0, Some(60.0), &CONVERSATIONAL);
        assert!(close(lo, 112.0, 1e-9));
        assert!(close(hi, 136.7, 1e-9));
        let (lo, hi) = heart_rate_range(190.0, None, &CONVERSATIONAL);
        assert!(close(lo, 121.6, 1e-9));
        assert!(close(hi, 144.4, 1e-9));
        // An implausible resting rate falls back to %HRmax.
        assert_eq!(
            heart_rate_range(190.0, Some(200.0), &ACSM_LIGHT),
            heart_rate_range(190.0, None, &ACSM_LIGHT)
        );
        assert_eq!(
            heart_rate_range(f64::NAN, Some(60.0), &ACSM_LIGHT),
            (0.0, 0.0)
        );
    }

    #[test]
    fn edwards_zones() {
        let z = zones(190.0, None);
        assert_eq!(z.len(), 5);
        assert_eq!(
            z.iter().map(|z| z.number).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        assert!(close(z[0].min_bpm, 95.0, 1e-9) && close(z[0].max_bpm, 114.0, 1e-9));
        assert!(close(z[2].min_bpm, 133.0, 1e-9) && close(z[2].max_bpm, 152.0, 1e-9));
        assert!(close(z[4].max_bpm, 190.0, 1e-9));
        assert!(z.iter().all(|z| z.karvonen_bpm.is_none()));
        for pair in z.windows(2) {
            assert!(close(pair[0].max_bpm, pair[1].min_bpm, 1e-9));
        }
        let z = zones(190.0, Some(60.0));
        let (lo, hi) = z[0].karvonen_bpm.unwrap();
        assert!(close(lo, 125.0, 1e-9) && close(hi, 138.0, 1e-9));
        assert!(zones(0.0, None).is_empty());
    }

    proptest! {
        #[test]
        fn range_is_ordered_and_between_rest_and_max(
            max in 100.0f64..230.0,
            rest in proptest::option::of(20.0f64..120.0),
            which in 0usize..4,
        ) {
            let band = [ACSM_LIGHT, ACSM_MODERATE, ACSM_VIGOROUS, CONVERSATIONAL][which];
            let (lo, hi) = heart_rate_range(max, rest, &band);
            prop_assert!(lo <= hi);
            prop_assert!(hi <= max + 1e-9);
            match rest.filter(|r| *r < max) {
                Some(r) => prop_assert!(lo >= r - 1e-9),
                None => prop_assert!(lo >= 0.5 * max),
            }
        }

        #[test]
        fn cr10_is_monotone(a in 0.0f64..25.0, b in 0.0f64..25.0) {
            let (a, b) = (a.min(b), a.max(b));
            prop_assert!(cr10_from_borg(a) <= cr10_from_borg(b));
        }
    }
}
