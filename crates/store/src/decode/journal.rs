//! The athlete's own entries: the profile and daily wellness check-ins. Dates and times are text here
//! (`YYYY-MM-DD`, `HH:MM`) on both backends.

use afterlift_core::contract::RaceResult;
use afterlift_core::session::Wellness;
use afterlift_core::{Athlete, Goal, Sex};
use jiff::civil::{Date, Time};
use sqlx::FromRow;

use super::corrupt;
use crate::{Profile, StoreError, WellnessEntry};

/// The profile row.
#[derive(FromRow)]
pub struct ProfileDb {
    pub age_years: f64,
    pub sex: String,
    pub weight_kg: f64,
    pub resting_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    pub goal: String,
    pub concurrent_weeks: Option<i64>,
    pub injury_prone: bool,
    pub time_zone: Option<String>,
    pub usual_hrv_rmssd_ms: Option<f64>,
    pub wake_time: Option<String>,
    pub sleep_time: Option<String>,
    pub race_distance_m: Option<f64>,
    pub race_time_s: Option<f64>,
    pub race_date: Option<String>,
}

/// A local time of day as stored: `HH:MM` (the profile keeps whole minutes).
pub fn time_text(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn parse_time(text: &str, what: &str) -> Result<Time, StoreError> {
    text.parse::<Time>()
        .map_err(|e| corrupt(format!("profile: {what} '{text}': {e}")))
}

/// The athlete's sex as stored.
pub fn sex_str(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

impl ProfileDb {
    pub fn into_profile(self) -> Result<Profile, StoreError> {
        let r = self;
        let concurrent_weeks = r
            .concurrent_weeks
            .map(|w| {
                u32::try_from(w).map_err(|_| corrupt(format!("profile: concurrent_weeks {w}")))
            })
            .transpose()?;
        let race = match (r.race_distance_m, r.race_time_s) {
            (Some(distance_m), Some(time_s)) => Some(RaceResult {
                distance_m,
                time_s,
                date: r
                    .race_date
                    .as_deref()
                    .map(|d| {
                        d.parse::<Date>()
                            .map_err(|e| corrupt(format!("profile: race date '{d}': {e}")))
                    })
                    .transpose()?,
            }),
            (None, None) => None,
            _ => {
                return Err(corrupt(
                    "profile: a race distance without its time, or a time without its distance",
                ));
            }
        };
        Ok(Profile {
            athlete: Athlete {
                age_years: r.age_years,
                sex: r
                    .sex
                    .parse::<Sex>()
                    .map_err(|e| corrupt(format!("profile: {e}")))?,
                weight_kg: r.weight_kg,
                resting_hr_bpm: r.resting_hr_bpm,
                max_hr_bpm: r.max_hr_bpm,
                hrv_rmssd_ms: r.usual_hrv_rmssd_ms,
                goal: r
                    .goal
                    .parse::<Goal>()
                    .map_err(|e| corrupt(format!("profile: {e}")))?,
                concurrent_weeks,
                injury_prone: r.injury_prone,
            },
            time_zone: r.time_zone,
            wake_time: r
                .wake_time
                .as_deref()
                .map(|t| parse_time(t, "wake_time"))
                .transpose()?,
            sleep_time: r
                .sleep_time
                .as_deref()
                .map(|t| parse_time(t, "sleep_time"))
                .transpose()?,
            race,
        })
    }
}

/// A check-in row.
#[derive(FromRow)]
pub struct WellnessDb {
    pub local_date: String,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<i64>,
    pub fatigue: Option<i64>,
    pub soreness: Option<i64>,
    pub stress: Option<i64>,
    pub mood: Option<i64>,
    pub resting_hr_bpm: Option<f64>,
    pub hrv_rmssd_ms: Option<f64>,
    pub pain: bool,
    pub illness: bool,
}

impl WellnessDb {
    pub fn into_entry(self) -> Result<WellnessEntry, StoreError> {
        let date: Date = self
            .local_date
            .parse()
            .map_err(|e| corrupt(format!("wellness date '{}': {e}", self.local_date)))?;
        let item = |v: Option<i64>| {
            v.map(|v| {
                u8::try_from(v).map_err(|_| corrupt(format!("wellness {date}: item value {v}")))
            })
            .transpose()
        };
        Ok(WellnessEntry {
            date,
            wellness: Wellness {
                sleep_hours: self.sleep_hours,
                sleep_quality: item(self.sleep_quality)?,
                fatigue: item(self.fatigue)?,
                soreness: item(self.soreness)?,
                stress: item(self.stress)?,
                mood: item(self.mood)?,
                resting_hr_bpm: self.resting_hr_bpm,
                hrv_rmssd_ms: self.hrv_rmssd_ms,
                pain: self.pain,
                illness: self.illness,
            },
        })
    }
}
