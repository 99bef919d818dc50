//! The time zone the CLI answers in: the profile's, else this machine's (`TZ`, else the system's setting,
//! as `jiff::tz::TimeZone::system` finds it; UTC when there is none). A person at a terminal lives where
//! their computer does, so "today", "this week" and every time printed are theirs without a profile zone.
//! The server answers in UTC instead (`afterlift_server::NO_PROFILE_ZONE`).
//!
//! The machine's zone is used by its IANA name from the bundled tz database when it has one
//! (`Europe/Berlin`), so an answer is the same on every machine set to that zone.

use afterlift_store::Profile;
use jiff::tz::TimeZone;

use crate::failure::Failure;

/// This machine's time zone: the fallback when the profile names none.
pub fn machine() -> TimeZone {
    let system = TimeZone::try_system().unwrap_or(TimeZone::UTC);
    system
        .iana_name()
        .and_then(afterlift_core::time::time_zone)
        .unwrap_or(system)
}

/// The athlete's time zone: the profile's, else [`machine`].
pub fn athlete(profile: Option<&Profile>, json: bool) -> Result<TimeZone, Failure> {
    afterlift_app::from_log::time_zone(profile, &machine()).map_err(|e| Failure::runtime(e, json))
}

/// How the zone is named to a person: its IANA name, else its abbreviation now (`CET`).
pub fn name(tz: &TimeZone) -> String {
    match tz.iana_name() {
        Some(name) => name.to_string(),
        None => jiff::Timestamp::now()
            .to_zoned(tz.clone())
            .strftime("%Z")
            .to_string(),
    }
}
