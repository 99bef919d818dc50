//! The stored profile as the contract's `ProfileDoc`, both ways.

use afterlift_core::Athlete;
use afterlift_core::contract::{AthleteInput, ProfileDoc};
use afterlift_store::Profile;

pub fn to_doc(p: &Profile) -> ProfileDoc {
    ProfileDoc {
        athlete: athlete_input(&p.athlete),
        time_zone: p.time_zone.clone(),
    }
}

/// The contract's athlete fields as the stored athlete (the store validates the ranges).
pub fn from_doc(d: &ProfileDoc) -> Result<Profile, String> {
    let a = &d.athlete;
    Ok(Profile {
        athlete: a.to_athlete(),
        time_zone: d.time_zone.clone(),
    })
}

pub fn athlete_input(a: &Athlete) -> AthleteInput {
    AthleteInput {
        age: a.age_years,
        sex: a.sex,
        weight_kg: a.weight_kg,
        resting_hr: a.resting_hr_bpm,
        max_hr: a.max_hr_bpm,
        hrv_rmssd_ms: a.hrv_rmssd_ms,
        goal: a.goal,
        concurrent_weeks: a.concurrent_weeks,
        injury_prone: Some(a.injury_prone),
        time_zone: None,
        wake_time: None,
        sleep_time: None,
        race: None,
    }
}
