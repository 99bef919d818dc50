//! The calculators behind `afterlift zones`, `afterlift vdot` and `afterlift energy` (and their HTTP
//! endpoints): validate a contract request, call the science, shape the contract response.

use crate::advice::INTENSITY_BANDS;
use crate::athlete::{Athlete, Goal};
use crate::contract::{
    EnergyActivity, EnergyRequest, EnergyResponse, Intensity, IntensityOut, InvalidRequest,
    PaceOut, RacePrediction, Range, VdotRequest, VdotResponse, ZoneOut, ZonesRequest,
    ZonesResponse,
};
use crate::limits;
use crate::science::heart::{self, HrMaxFormula};
use crate::science::mets::{self, MetActivity, ResistanceEffort, SwimEffort};
use crate::science::{energy, running};
use crate::validate::Checker;

/// Heart-rate maximum (measured, else the chosen formula) and the zones in bpm.
pub fn zones(req: &ZonesRequest) -> Result<ZonesResponse, InvalidRequest> {
    let mut check = Checker::default();
    check.within("age", req.age, &limits::AGE);
    check.opt_within("resting_hr", req.resting_hr, &limits::RESTING_HR);
    check.opt_within("max_hr", req.max_hr, &limits::MAX_HR);
    let formula = match req.formula.as_deref().map(str::parse::<HrMaxFormula>) {
        None => HrMaxFormula::default(),
        Some(Ok(f)) => f,
        Some(Err(_)) => {
            check.fail("formula", "expected tanaka, gellish, fox or gulati");
            HrMaxFormula::default()
        }
    };
    check.finish()?;

    let athlete = Athlete {
        age_years: req.age,
        sex: req.sex,
        weight_kg: 70.0,
        resting_hr_bpm: req.resting_hr,
        max_hr_bpm: req.max_hr,
        hrv_rmssd_ms: None,
        goal: Goal::General,
        concurrent_weeks: None,
        injury_prone: false,
    };
    let max_hr = heart::hr_max(&athlete, formula);
    let zones = heart::zones(max_hr, req.resting_hr)
        .into_iter()
        .map(|z| ZoneOut {
            zone: z.number,
            name: z.name.to_string(),
            min_bpm: z.min_bpm.round() as u32,
            max_bpm: z.max_bpm.round() as u32,
            purpose: z.purpose.to_string(),
        })
        .collect();
    let intensities = [
        Intensity::VeryLow,
        Intensity::Low,
        Intensity::Moderate,
        Intensity::High,
    ]
    .into_iter()
    .map(|intensity| {
        let band = &INTENSITY_BANDS[intensity as usize];
        let (lo, hi) = heart::heart_rate_range(max_hr, req.resting_hr, band);
        IntensityOut {
            intensity,
            heart_rate_bpm: Range::new(lo.round() as u32, hi.round() as u32),
            rpe: Range::new(u32::from(band.rpe_cr10.0), u32::from(band.rpe_cr10.1)),
        }
    })
    .collect();
    Ok(ZonesResponse {
        max_hr: max_hr.round(),
        max_hr_source: if req.max_hr.is_some() {
            "measured".into()
        } else {
            formula.as_str().into()
        },
        resting_hr: req.resting_hr,
        zones,
        intensities,
    })
}

/// The standard race distances predictions are given for.
pub const RACES: [(&str, f64); 4] = [
    ("5k", 5000.0),
    ("10k", 10000.0),
    ("half", 21097.5),
    ("marathon", 42195.0),
];

/// VDOT from a race, predictions for the standard distances (Daniels, with Riegel beside it) and paces.
pub fn vdot(req: &VdotRequest) -> Result<VdotResponse, InvalidRequest> {
    let mut check = Checker::default();
    check.within("distance_m", req.distance_m, &limits::VDOT_DISTANCE);
    check.within("time_s", req.time_s, &limits::VDOT_TIME);
    if req.distance_m.is_finite() && req.time_s.is_finite() && req.time_s > 0.0 {
        let speed_kmh = req.distance_m / req.time_s * 3.6;
        if !limits::RACE_SPEED.contains(speed_kmh) {
            check.fail(
                "time_s",
                format!(
                    "{:.1} km/h is not a running race pace: expected {}",
                    speed_kmh,
                    limits::RACE_SPEED.expected()
                ),
            );
        }
    }
    check.finish()?;

    let vdot = running::vdot(req.distance_m, req.time_s);
    let predictions = RACES
        .iter()
        .map(|&(name, metres)| {
            let time_s = running::race_time_s(vdot, metres);
            RacePrediction {
                distance: name.to_string(),
                distance_m: metres,
                time_s: time_s.round(),
                time: format_duration(time_s),
                riegel_time_s: running::riegel_time_s(req.time_s, req.distance_m, metres).round(),
            }
        })
        .collect();
    let p = running::training_paces(vdot);
    let pace = |kind: &str, min: f64, max: f64| PaceOut {
        kind: kind.to_string(),
        min_s_per_km: min.round(),
        max_s_per_km: max.round(),
        pace: if (max - min).abs() < 1.0 {
            format!("{} /km", format_pace(min))
        } else {
            format!("{}–{} /km", format_pace(min), format_pace(max))
        },
    };
    let paces = vec![
        pace("easy", p.easy_s_per_km.0, p.easy_s_per_km.1),
        pace("marathon", p.marathon_s_per_km, p.marathon_s_per_km),
        pace("threshold", p.threshold_s_per_km, p.threshold_s_per_km),
        pace("interval", p.interval_s_per_km, p.interval_s_per_km),
        pace("repetition", p.repetition_s_per_km, p.repetition_s_per_km),
    ];
    Ok(VdotResponse {
        vdot: (vdot * 10.0).round() / 10.0,
        predictions,
        paces,
    })
}

/// kcal of an activity: Compendium METs × kg × h, or Keytel's heart-rate equation when `avg_hr`, `age`
/// and `sex` are all given.
pub fn energy(req: &EnergyRequest) -> Result<EnergyResponse, InvalidRequest> {
    let mut check = Checker::default();
    check.within("minutes", req.minutes, &limits::CARDIO_MINUTES);
    check.within("weight_kg", req.weight_kg, &limits::BODY_WEIGHT);
    check.opt_within("speed_kmh", req.speed_kmh, &limits::ENERGY_SPEED);
    check.opt_within("avg_hr", req.avg_hr, &limits::KEYTEL_HR);
    check.opt_within("age", req.age, &limits::AGE);
    if req.avg_hr.is_some() && (req.age.is_none() || req.sex.is_none()) {
        check.fail(
            "avg_hr",
            "the heart-rate equation (Keytel 2005) also needs age and sex",
        );
    }
    check.finish()?;

    if let (Some(hr), Some(age), Some(sex)) = (req.avg_hr, req.age, req.sex) {
        let per_min = energy::keytel_kcal_per_min(sex, hr, req.weight_kg, age).max(0.0);
        return Ok(EnergyResponse {
            kcal: (per_min * req.minutes).round(),
            method: "keytel".into(),
            met: None,
            compendium: None,
            minutes: req.minutes,
        });
    }
    let activity = match req.activity {
        EnergyActivity::Run => match req.speed_kmh {
            Some(speed_kmh) => MetActivity::Running { speed_kmh },
            None => MetActivity::JoggingGeneral,
        },
        EnergyActivity::Walk => MetActivity::Walking {
            speed_kmh: req.speed_kmh.unwrap_or(4.8),
        },
        EnergyActivity::Cycle => MetActivity::StationaryCycling { watts: None },
        EnergyActivity::Elliptical => MetActivity::Elliptical { vigorous: false },
        EnergyActivity::Row => MetActivity::Rowing { watts: None },
        EnergyActivity::Swim => MetActivity::Swimming(SwimEffort::LapsSlow),
        EnergyActivity::Lift => MetActivity::Resistance(ResistanceEffort::Vigorous),
    };
    let met = mets::met(activity);
    Ok(EnergyResponse {
        kcal: mets::kcal_from_met(met.value, req.weight_kg, req.minutes).round(),
        method: "met".into(),
        met: Some((met.value * 100.0).round() / 100.0),
        compendium: Some(format!(
            "{} ({}, Compendium 2011)",
            met.description, met.code
        )),
        minutes: req.minutes,
    })
}

/// `1:31:35` or `19:57`.
pub fn format_duration(seconds: f64) -> String {
    let s = seconds.round().max(0.0) as u64;
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{sec:02}")
    } else {
        format!("{m}:{sec:02}")
    }
}

fn format_pace(s_per_km: f64) -> String {
    format_duration(s_per_km)
}

/// Parses `MM:SS`, `H:MM:SS` or plain seconds.
pub fn parse_duration(text: &str) -> Option<f64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let nums: Option<Vec<f64>> = parts
        .iter()
        .map(|p| p.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0))
        .collect();
    let nums = nums?;
    match nums.as_slice() {
        [s] => Some(*s),
        [m, s] if *s < 60.0 => Some(m * 60.0 + s),
        [h, m, s] if *m < 60.0 && *s < 60.0 => Some(h * 3600.0 + m * 60.0 + s),
        _ => None,
    }
}

/// Parses a race distance: `5k`, `10k`, `half`, `marathon`, `mile`, or metres.
pub fn parse_distance_m(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    if let Some(&(_, m)) = RACES.iter().find(|(n, _)| *n == t) {
        return Some(m);
    }
    match t.as_str() {
        "half-marathon" | "half_marathon" | "hm" => Some(21097.5),
        "mile" => Some(1609.344),
        _ => {
            if let Some(km) = t.strip_suffix("km").or_else(|| t.strip_suffix('k')) {
                km.parse::<f64>().ok().map(|k| k * 1000.0)
            } else {
                t.trim_end_matches('m').parse::<f64>().ok()
            }
        }
        .filter(|m| m.is_finite() && *m > 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_distances_parse() {
        assert_eq!(parse_duration("19:57"), Some(1197.0));
        assert_eq!(parse_duration("1:31:35"), Some(5495.0));
        assert_eq!(parse_duration("3600"), Some(3600.0));
        assert_eq!(parse_duration("1:75"), None);
        assert_eq!(parse_duration("abc"), None);
        assert_eq!(parse_distance_m("5k"), Some(5000.0));
        assert_eq!(parse_distance_m("half"), Some(21097.5));
        assert_eq!(parse_distance_m("marathon"), Some(42195.0));
        assert_eq!(parse_distance_m("15km"), Some(15000.0));
        assert_eq!(parse_distance_m("3000"), Some(3000.0));
        assert_eq!(parse_distance_m("-5"), None);
        assert_eq!(format_duration(5495.0), "1:31:35");
        assert_eq!(format_duration(1197.0), "19:57");
    }
}
