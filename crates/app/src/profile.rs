//! The stored profile as the contract's `ProfileDoc`, both ways.
//!
//! The profile document carries everything in `athlete` (an `AthleteInput`, exactly what the advisor is
//! given): the time zone, the day window and the race result included. Its top-level `time_zone` is where
//! the zone used to be: still read, so that older profiles and exports load, but never written.

use afterlift_core::contract::{AthleteInput, FieldError, InvalidRequest, ProfileDoc};
use afterlift_store::{Profile, Store};
use jiff::Timestamp;

use crate::AppError;
use crate::journal::{Doc, field_error};

/// The profile as the contract names it.
pub fn to_doc(p: &Profile) -> ProfileDoc {
    ProfileDoc {
        athlete: athlete_input(p),
        time_zone: None,
    }
}

/// The document as the stored profile ([`check`] validates it). The time zone is `athlete.time_zone`, or
/// the older top-level `time_zone`; given both, they must agree.
pub fn from_doc(d: &ProfileDoc) -> Result<Profile, FieldError> {
    let a = &d.athlete;
    let time_zone = match (&a.time_zone, &d.time_zone) {
        (Some(new), Some(old)) if new != old => {
            return Err(FieldError {
                field: "time_zone".into(),
                message: format!(
                    "'{old}' disagrees with athlete.time_zone '{new}': give the zone once, as athlete.time_zone"
                ),
            });
        }
        (Some(zone), _) => Some(("athlete.time_zone", zone)),
        (None, Some(zone)) => Some(("time_zone", zone)),
        (None, None) => None,
    };
    if let Some((field, zone)) = time_zone
        && let Some(message) = afterlift_core::validate::zone_problem(zone)
    {
        return Err(FieldError {
            field: field.into(),
            message,
        });
    }
    Ok(Profile {
        athlete: a.to_athlete(),
        time_zone: time_zone.map(|(_, z)| z.clone()),
        wake_time: a.wake_time,
        sleep_time: a.sleep_time,
        race: a.race,
    })
}

/// The stored profile as the advice request's athlete: with the time zone, the day window and the race,
/// so that advice from the log is given in the athlete's time and paces.
pub fn athlete_input(p: &Profile) -> AthleteInput {
    p.athlete_input()
}

/// Whether the advisor would accept the profile: every wrong field of it named as the profile document
/// names it (`athlete.hrv_rmssd_ms`), with the advisor's message ([`afterlift_core::validate::athlete`]);
/// a race dated after `now` is refused too.
pub fn check(p: &Profile, now: Timestamp) -> Result<(), InvalidRequest> {
    afterlift_core::validate::athlete("athlete", &p.athlete_input(), Some(now))
}

/// Replaces the stored profile with `p` once [`check`] accepts it (`afterlift profile set`, `PUT
/// /api/v1/profile`): a profile the advisor would refuse is never stored, so no later advice fails on it.
/// What the store itself refuses (times with seconds) is named the same way.
pub async fn save(store: &Store, p: &Profile, now: Timestamp) -> Result<(), AppError> {
    check(p, now)?;
    store
        .set_profile(p)
        .await
        .map_err(|e| match field_error(&e, Doc::Profile) {
            Some(f) => AppError::Invalid(InvalidRequest { errors: vec![f] }),
            None => e.into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(v: serde_json::Value) -> ProfileDoc {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn the_time_zone_is_read_from_either_place_and_written_in_athlete() {
        let athlete = json!({"age": 30, "sex": "male", "weight_kg": 80, "goal": "general"});
        let old = doc(json!({"athlete": athlete, "time_zone": "Europe/Berlin"}));
        let p = from_doc(&old).unwrap();
        assert_eq!(p.time_zone.as_deref(), Some("Europe/Berlin"));
        let written = to_doc(&p);
        assert_eq!(written.time_zone, None);
        assert_eq!(written.athlete.time_zone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(from_doc(&written).unwrap(), p, "what is written reads back");

        let mut both = old.clone();
        both.athlete.time_zone = Some("Europe/Berlin".into());
        assert_eq!(from_doc(&both).unwrap(), p, "agreeing twice is fine");
        both.athlete.time_zone = Some("America/New_York".into());
        assert_eq!(from_doc(&both).unwrap_err().field, "time_zone");

        let mut bad = doc(json!({"athlete": athlete}));
        bad.athlete.time_zone = Some("Mars/Olympus".into());
        assert_eq!(from_doc(&bad).unwrap_err().field, "athlete.time_zone");
        let bad = doc(json!({"athlete": athlete, "time_zone": "Mars/Olympus"}));
        assert_eq!(from_doc(&bad).unwrap_err().field, "time_zone");
    }
}
