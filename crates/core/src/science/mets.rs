//! Energy cost of activities as METs from the Compendium of Physical Activities, and kcal from METs.
//!
//! Source: the **2011 Compendium** (Ainsworth BE et al. 2011, "2011 Compendium of Physical Activities: a
//! second update of codes and MET values", Med Sci Sports Exerc 43:1575), the edition most tools and
//! studies still use. Values and codes were checked against the Compendium's published tables. Where the
//! 2024 Adult Compendium (Herrmann SD et al. 2024, J Sport Health Sci 13:6) differs, its value is noted in
//! the docs and tests only; the 2024 values here come from secondary transcriptions of its tables.
//!
//! A MET is a multiple of the conventional resting rate, 3.5 mL O2/kg/min ≈ 1 kcal/kg/h. Measured resting
//! VO2 is often lower (≈ 2.6–3.0), so METs overstate an individual's *net* cost somewhat; gross kcal by
//! [`kcal_from_met`] is the Compendium's own convention.

use crate::science::{amount, interpolate};

/// One Compendium entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Met {
    pub value: f64,
    /// The 5-digit Compendium activity code.
    pub code: &'static str,
    pub description: &'static str,
}

/// The activities afterlift prescribes or reads from session files.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetActivity {
    Running {
        speed_kmh: f64,
    },
    JoggingGeneral,
    Walking {
        speed_kmh: f64,
    },
    /// Watts shown by the bike; `None` = "general".
    StationaryCycling {
        watts: Option<f64>,
    },
    Elliptical {
        vigorous: bool,
    },
    /// Watts shown by the rower; `None` = "general, moderate effort".
    Rowing {
        watts: Option<f64>,
    },
    Swimming(SwimEffort),
    Resistance(ResistanceEffort),
    /// Also used for mobility work and foam rolling, which have no Compendium code of their own.
    Stretching,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SwimEffort {
    /// 18310 swimming, leisurely, not lap swimming: 6.0.
    Leisurely,
    /// 18240 swimming laps, freestyle, slow, light or moderate effort: 5.8.
    LapsSlow,
    /// 18230 swimming laps, freestyle, fast, vigorous effort: 9.8.
    LapsFast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResistanceEffort {
    /// 02054 resistance (weight) training, multiple exercises, 8–15 repetitions at varied resistance: 3.5.
    Light,
    /// 02052 resistance (weight) training, squats, slow or explosive effort: 5.0.
    Squats,
    /// 02050 resistance training, power lifting or body building, vigorous effort: 6.0.
    Vigorous,
}

/// The Compendium MET for an activity (2011 edition; see the module docs).
///
/// - Running and walking by speed: linear interpolation between the Compendium's speed entries (listed in
///   this file's `RUNNING` and `WALKING` tables), clamped at the slowest and fastest entry; the `code`
///   returned is that of the entry nearest in speed. Below walking's 2.0 mph entry the Compendium's "less than 2.0 mph" entry (2.0 MET)
///   applies. A non-finite or negative speed counts as the slowest entry.
/// - Stationary cycling and rowing by watts: the Compendium gives bands for cycling (each band's value
///   applies to its whole band) and single points for rowing (100/150/200 W, interpolated, clamped at
///   200 W); under 100 W the rower's "moderate effort" entry applies, as the Compendium has no lower point.
/// - Elliptical, vigorous: the 2011 edition lists only a moderate entry (02048, 5.0); the vigorous value
///   is the 2024 Adult Compendium's 02049, 9.0 (the 2011 stair-treadmill ergometer, 02065, is also 9.0).
pub fn met(activity: MetActivity) -> Met {
    match activity {
        MetActivity::Running { speed_kmh } => by_speed(&RUNNING, speed_kmh),
        MetActivity::JoggingGeneral => entry(7.0, "12020", "jogging, general"),
        MetActivity::Walking { speed_kmh } => {
            if speed_kmh.is_finite() && speed_kmh < mph(2.0) {
                entry(
                    2.0,
                    "17151",
                    "walking, less than 2.0 mph, level, strolling, very slow",
                )
            } else {
                by_speed(&WALKING, speed_kmh)
            }
        }
        MetActivity::StationaryCycling { watts } => stationary_cycling(watts),
        MetActivity::Elliptical { vigorous: false } => {
            entry(5.0, "02048", "elliptical trainer, moderate effort")
        }
        MetActivity::Elliptical { vigorous: true } => entry(
            9.0,
            "02049",
            "elliptical trainer, vigorous effort (2024 Adult Compendium)",
        ),
        MetActivity::Rowing { watts } => rowing(watts),
        MetActivity::Swimming(SwimEffort::Leisurely) => entry(
            6.0,
            "18310",
            "swimming, leisurely, not lap swimming, general",
        ),
        MetActivity::Swimming(SwimEffort::LapsSlow) => entry(
            5.8,
            "18240",
            "swimming laps, freestyle, front crawl, slow, light or moderate effort",
        ),
        MetActivity::Swimming(SwimEffort::LapsFast) => entry(
            9.8,
            "18230",
            "swimming laps, freestyle, fast, vigorous effort",
        ),
        MetActivity::Resistance(ResistanceEffort::Light) => entry(
            3.5,
            "02054",
            "resistance (weight) training, multiple exercises, 8-15 repetitions at varied resistance",
        ),
        MetActivity::Resistance(ResistanceEffort::Squats) => entry(
            5.0,
            "02052",
            "resistance (weight) training, squats, slow or explosive effort",
        ),
        MetActivity::Resistance(ResistanceEffort::Vigorous) => entry(
            6.0,
            "02050",
            "resistance training (weight lifting, free weight, nautilus or universal), power lifting or body building, vigorous effort",
        ),
        MetActivity::Stretching => entry(2.3, "02101", "stretching, mild"),
    }
}

/// Gross energy: kcal = MET × body mass (kg) × hours, taking 1 MET ≈ 1 kcal/kg/h as the Compendium does
/// (Ainsworth 2011, Med Sci Sports Exerc 43:1575). Negative or non-finite inputs count as zero.
/// Example: 7.0 MET, 75 kg, 30 min → 262.5 kcal.
pub fn kcal_from_met(met: f64, weight_kg: f64, minutes: f64) -> f64 {
    amount(met) * amount(weight_kg) * amount(minutes) / 60.0
}

/// Net energy above rest: kcal = (MET − 1) × kg × hours, the cost the activity adds over sitting
/// quietly (the Compendium's definition of 1 MET as rest; Ainsworth 2011). Never negative.
/// Example: 7.0 MET, 75 kg, 30 min → 225 kcal.
pub fn net_kcal_from_met(met: f64, weight_kg: f64, minutes: f64) -> f64 {
    kcal_from_met(amount(met - 1.0), weight_kg, minutes)
}

/// One published speed point: (speed km/h, MET, code, description).
type SpeedEntry = (f64, f64, &'static str, &'static str);

const MPH_TO_KMH: f64 = 1.609_344;

const fn mph(x: f64) -> f64 {
    x * MPH_TO_KMH
}

/// 2011 Compendium running entries (code 12029–12135). The 2024 Adult Compendium differs at several
/// speeds, e.g. 4 mph 6.5 (12028), 5 mph 8.5, 6 mph 9.3, 8 mph 12.0, 10 mph 14.8.
const RUNNING: [SpeedEntry; 15] = [
    (mph(4.0), 6.0, "12029", "running, 4 mph (15 min/mile)"),
    (mph(5.0), 8.3, "12030", "running, 5 mph (12 min/mile)"),
    (mph(5.2), 9.0, "12040", "running, 5.2 mph (11.5 min/mile)"),
    (mph(6.0), 9.8, "12050", "running, 6 mph (10 min/mile)"),
    (mph(6.7), 10.5, "12060", "running, 6.7 mph (9 min/mile)"),
    (mph(7.0), 11.0, "12070", "running, 7 mph (8.5 min/mile)"),
    (mph(7.5), 11.8, "12080", "running, 7.5 mph (8 min/mile)"),
    (mph(8.0), 11.8, "12090", "running, 8 mph (7.5 min/mile)"),
    (mph(8.6), 12.3, "12100", "running, 8.6 mph (7 min/mile)"),
    (mph(9.0), 12.8, "12110", "running, 9 mph (6.5 min/mile)"),
    (mph(10.0), 14.5, "12120", "running, 10 mph (6 min/mile)"),
    (mph(11.0), 16.0, "12130", "running, 11 mph (5.5 min/mile)"),
    (mph(12.0), 19.0, "12132", "running, 12 mph (5 min/mile)"),
    (mph(13.0), 19.8, "12134", "running, 13 mph (4.6 min/mile)"),
    (mph(14.0), 23.0, "12135", "running, 14 mph (4.3 min/mile)"),
];

/// 2011 Compendium level walking entries, firm surface. The 2024 Adult Compendium gives 3.8 / 4.8 / 5.5
/// for 2.8–3.2 / 3.5 / 4.0 mph. The 2.8–3.2 mph entry is placed at 3.0 mph.
const WALKING: [SpeedEntry; 7] = [
    (
        mph(2.0),
        2.8,
        "17152",
        "walking, 2.0 mph, level, slow pace, firm surface",
    ),
    (
        mph(2.5),
        3.0,
        "17170",
        "walking, 2.5 mph, level, firm surface",
    ),
    (
        mph(3.0),
        3.5,
        "17190",
        "walking, 2.8 to 3.2 mph, level, moderate pace, firm surface",
    ),
    (
        mph(3.5),
        4.3,
        "17200",
        "walking, 3.5 mph, level, brisk, firm surface, walking for exercise",
    ),
    (
        mph(4.0),
        5.0,
        "17220",
        "walking, 4.0 mph, level, firm surface, very brisk pace",
    ),
    (
        mph(4.5),
        7.0,
        "17230",
        "walking, 4.5 mph, level, firm surface, very, very brisk",
    ),
    (
        mph(5.0),
        8.3,
        "17231",
        "walking, 5.0 mph, level, firm surface",
    ),
];

fn entry(value: f64, code: &'static str, description: &'static str) -> Met {
    Met {
        value,
        code,
        description,
    }
}

fn by_speed(table: &[SpeedEntry], speed_kmh: f64) -> Met {
    let speed = if speed_kmh.is_finite() {
        speed_kmh.max(0.0)
    } else {
        0.0
    };
    let points: Vec<(f64, f64)> = table.iter().map(|e| (e.0, e.1)).collect();
    let value = interpolate(&points, speed);
    let nearest = table
        .iter()
        .min_by(|a, b| (a.0 - speed).abs().total_cmp(&(b.0 - speed).abs()))
        .unwrap_or(&table[0]);
    Met {
        value,
        code: nearest.2,
        description: nearest.3,
    }
}

fn stationary_cycling(watts: Option<f64>) -> Met {
    let Some(w) = watts.filter(|w| w.is_finite()) else {
        return entry(7.0, "02010", "bicycling, stationary, general");
    };
    // 2011 bands; a band's upper bound is inclusive, gaps between bands (e.g. 89–90 W) go up.
    if w <= 50.0 {
        entry(
            3.5,
            "02011",
            "bicycling, stationary, 30-50 watts, very light to light effort",
        )
    } else if w < 90.0 {
        entry(
            4.8,
            "02017",
            "bicycling, stationary, 51-89 watts, light-to-moderate effort",
        )
    } else if w <= 100.0 {
        entry(
            6.8,
            "02012",
            "bicycling, stationary, 90-100 watts, moderate to vigorous effort",
        )
    } else if w <= 160.0 {
        entry(
            8.8,
            "02013",
            "bicycling, stationary, 101-160 watts, vigorous effort",
        )
    } else if w <= 200.0 {
        entry(
            11.0,
            "02014",
            "bicycling, stationary, 161-200 watts, vigorous effort",
        )
    } else {
        entry(
            14.0,
            "02015",
            "bicycling, stationary, 201-270 watts, very vigorous effort",
        )
    }
}

fn rowing(watts: Option<f64>) -> Met {
    const MODERATE: Met = Met {
        value: 4.8,
        code: "02071",
        description: "rowing, stationary, general, moderate effort",
    };
    const POINTS: [SpeedEntry; 3] = [
        (
            100.0,
            7.0,
            "02072",
            "rowing, stationary, 100 watts, moderate effort",
        ),
        (
            150.0,
            8.5,
            "02073",
            "rowing, stationary, 150 watts, vigorous effort",
        ),
        (
            200.0,
            12.0,
            "02074",
            "rowing, stationary, 200 watts, very vigorous effort",
        ),
    ];
    match watts.filter(|w| w.is_finite()) {
        Some(w) if w >= 100.0 => by_speed(&POINTS, w),
        _ => MODERATE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    fn run(kmh: f64) -> Met {
        met(MetActivity::Running { speed_kmh: kmh })
    }

    fn walk(kmh: f64) -> Met {
        met(MetActivity::Walking { speed_kmh: kmh })
    }

    #[test]
    fn running_at_published_speeds_gives_the_compendium_entry() {
        for (mph_, value, code) in [
            (4.0, 6.0, "12029"),
            (5.0, 8.3, "12030"),
            (6.0, 9.8, "12050"),
            (7.0, 11.0, "12070"),
            (8.0, 11.8, "12090"),
            (10.0, 14.5, "12120"),
            (14.0, 23.0, "12135"),
        ] {
            let m = run(mph(mph_));
            assert!(close(m.value, value, 1e-9), "{mph_} mph: {}", m.value);
            assert_eq!(m.code, code);
        }
    }

    #[test]
    fn running_between_entries_is_interpolated_and_clamped() {
        // 9 km/h lies between 5.2 mph (8.369 km/h, 9.0) and 6 mph (9.656 km/h, 9.8).
        let m = run(9.0);
        let expected = 9.0 + 0.8 * (9.0 - mph(5.2)) / (mph(6.0) - mph(5.2));
        assert!(close(m.value, expected, 1e-9));
        assert!(close(m.value, 9.392, 1e-3));
        assert_eq!(m.code, "12040");
        assert!(close(run(5.0).value, 6.0, 1e-9));
        assert_eq!(run(5.0).code, "12029");
        assert!(close(run(30.0).value, 23.0, 1e-9));
        assert!(close(run(f64::NAN).value, 6.0, 1e-9));
        assert!(close(run(-3.0).value, 6.0, 1e-9));
    }

    #[test]
    fn walking_entries() {
        assert!(close(walk(mph(3.0)).value, 3.5, 1e-9));
        assert_eq!(walk(mph(3.0)).code, "17190");
        assert!(close(walk(mph(3.5)).value, 4.3, 1e-9));
        assert_eq!(walk(mph(4.0)).code, "17220");
        assert!(close(walk(mph(4.0)).value, 5.0, 1e-9));
        assert!(close(walk(2.0).value, 2.0, 1e-9));
        assert_eq!(walk(2.0).code, "17151");
        assert!(close(walk(5.0).value, 3.671, 1e-3)); // 5 km/h = 3.107 mph, between 3.0 and 3.5 mph
    }

    #[test]
    fn fixed_entries_match_the_2011_compendium() {
        let cases = [
            (MetActivity::JoggingGeneral, 7.0, "12020"),
            (MetActivity::Elliptical { vigorous: false }, 5.0, "02048"),
            (MetActivity::Elliptical { vigorous: true }, 9.0, "02049"),
            (MetActivity::Swimming(SwimEffort::Leisurely), 6.0, "18310"),
            (MetActivity::Swimming(SwimEffort::LapsSlow), 5.8, "18240"),
            (MetActivity::Swimming(SwimEffort::LapsFast), 9.8, "18230"),
            (
                MetActivity::Resistance(ResistanceEffort::Light),
                3.5,
                "02054",
            ),
            (
                MetActivity::Resistance(ResistanceEffort::Squats),
                5.0,
                "02052",
            ),
            (
                MetActivity::Resistance(ResistanceEffort::Vigorous),
                6.0,
                "02050",
            ),
            (MetActivity::Stretching, 2.3, "02101"),
            (MetActivity::StationaryCycling { watts: None }, 7.0, "02010"),
            (
                MetActivity::StationaryCycling { watts: Some(40.0) },
                3.5,
                "02011",
            ),
            (
                MetActivity::StationaryCycling { watts: Some(75.0) },
                4.8,
                "02017",
            ),
            (
                MetActivity::StationaryCycling { watts: Some(95.0) },
                6.8,
                "02012",
            ),
            (
                MetActivity::StationaryCycling { watts: Some(150.0) },
                8.8,
                "02013",
            ),
            (
                MetActivity::StationaryCycling { watts: Some(180.0) },
                11.0,
                "02014",
            ),
            (
                MetActivity::StationaryCycling { watts: Some(250.0) },
                14.0,
                "02015",
            ),
            (MetActivity::Rowing { watts: None }, 4.8, "02071"),
            (MetActivity::Rowing { watts: Some(60.0) }, 4.8, "02071"),
            (MetActivity::Rowing { watts: Some(100.0) }, 7.0, "02072"),
            (MetActivity::Rowing { watts: Some(150.0) }, 8.5, "02073"),
            (MetActivity::Rowing { watts: Some(200.0) }, 12.0, "02074"),
            (MetActivity::Rowing { watts: Some(400.0) }, 12.0, "02074"),
        ];
        for (activity, value, code) in cases {
            let m = met(activity);
            assert!(close(m.value, value, 1e-9), "{activity:?}: {}", m.value);
            assert_eq!(m.code, code, "{activity:?}");
            assert!(!m.description.is_empty());
        }
        // Rowing 125 W interpolates between 100 W (7.0) and 150 W (8.5).
        assert!(close(
            met(MetActivity::Rowing { watts: Some(125.0) }).value,
            7.75,
            1e-9
        ));
    }

    #[test]
    fn kcal_worked_examples() {
        assert!(close(kcal_from_met(7.0, 75.0, 30.0), 262.5, 1e-9));
        assert!(close(net_kcal_from_met(7.0, 75.0, 30.0), 225.0, 1e-9));
        assert!(close(kcal_from_met(6.0, 80.0, 60.0), 480.0, 1e-9));
        assert_eq!(kcal_from_met(7.0, -75.0, 30.0), 0.0);
        assert_eq!(kcal_from_met(f64::NAN, 75.0, 30.0), 0.0);
        assert_eq!(net_kcal_from_met(0.5, 75.0, 30.0), 0.0);
    }

    proptest! {
        #[test]
        fn met_by_speed_is_monotone(a in 0.0f64..30.0, b in 0.0f64..30.0) {
            let (a, b) = (a.min(b), a.max(b));
            prop_assert!(run(a).value <= run(b).value);
            prop_assert!(walk(a).value <= walk(b).value);
        }

        #[test]
        fn kcal_is_never_negative(m in -5.0f64..25.0, kg in -10.0f64..200.0, min in -10.0f64..300.0) {
            prop_assert!(kcal_from_met(m, kg, min) >= 0.0);
            prop_assert!(net_kcal_from_met(m, kg, min) >= 0.0);
            prop_assert!(net_kcal_from_met(m, kg, min) <= kcal_from_met(m, kg, min));
        }
    }
}
