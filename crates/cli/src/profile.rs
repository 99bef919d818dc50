//! `afterlift profile show|set`: who the advice is for.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::contract::{FieldError, ProfileDoc, RaceResult};
use afterlift_core::{Athlete, Goal};
use afterlift_store::Profile;
use jiff::civil::Time;
use owo_colors::OwoColorize;

use crate::args::{Global, ProfileCommand, ProfileSetArgs};
use crate::failure::Failure;
use crate::{db, output};

pub fn run(cmd: ProfileCommand, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let profile = db::with_store(global, async |store| {
        let current = store
            .profile()
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        match cmd {
            ProfileCommand::Show => Ok(current),
            ProfileCommand::Set(args) => {
                let updated = apply(current, &args, json)?;
                let now = crate::clock::now(global)?;
                // Checked as the advice checks it, every wrong value named by its flag: a profile the
                // advice would refuse is never stored.
                afterlift_app::profile::check(&updated, now).map_err(|e| Failure::Invalid {
                    errors: e
                        .errors
                        .into_iter()
                        .map(|f| FieldError {
                            field: profile_flag(f.field.trim_start_matches("athlete.")),
                            message: f.message,
                        })
                        .collect(),
                    json,
                })?;
                store
                    .set_profile(&updated)
                    .await
                    .map_err(|e| profile_failure(e, json))?;
                Ok(Some(updated))
            }
        }
    })?;
    let doc = profile.as_ref().map(afterlift_app::profile::to_doc);
    if json {
        output::json(&doc).map_err(|e| Failure::runtime(e, true))?;
    } else {
        output::human(|out| human(out, doc.as_ref())).map_err(|e| Failure::runtime(e, false))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A store validation error is the user's input: exit 2, naming the field.
pub fn store_failure(e: afterlift_store::StoreError, json: bool) -> Failure {
    match e {
        afterlift_store::StoreError::Invalid { field, message } => {
            Failure::invalid(field, message, json)
        }
        other => Failure::runtime(other, json),
    }
}

/// The flag that sets a field of the profile's athlete (`hrv_rmssd_ms` → `--hrv`).
fn profile_flag(field: &str) -> String {
    match field {
        "age" => "--age",
        "weight_kg" => "--weight-kg",
        "resting_hr" => "--resting-hr",
        "max_hr" => "--max-hr",
        "hrv_rmssd_ms" => "--hrv",
        "concurrent_weeks" => "--concurrent-weeks",
        "time_zone" => "--time-zone",
        "wake_time" => "--wake",
        "sleep_time" => "--sleep",
        f if f.starts_with("race") => "--race",
        other => other,
    }
    .to_string()
}

/// A store validation error of the profile, named by the flag that set the field.
fn profile_failure(e: afterlift_store::StoreError, json: bool) -> Failure {
    match e {
        afterlift_store::StoreError::Invalid { field, message } => {
            Failure::invalid(profile_flag(&field), message, json)
        }
        other => Failure::runtime(other, json),
    }
}

/// `HH:MM` (or `none`: `Ok(None)`).
fn parse_clock(text: &str) -> Result<Option<Time>, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let (h, m) = t
        .split_once(':')
        .and_then(|(h, m)| Some((h.parse::<i8>().ok()?, m.parse::<i8>().ok()?)))
        .filter(|_| t.len() <= 5)
        .ok_or_else(|| format!("'{text}': expected a local time as HH:MM, e.g. 06:30 (or none)"))?;
    Time::new(h, m, 0, 0)
        .map(Some)
        .map_err(|_| format!("'{text}': expected hours 00–23 and minutes 00–59, e.g. 06:30"))
}

/// `DISTANCE:TIME[@DATE]` (or `none`: `Ok(None)`), e.g. `10k:45:30`, `half:1:39:00`,
/// `5000:19:45@2026-10-04`. The ranges are checked with the rest of the profile (1500 m to the marathon,
/// a running pace, run by today).
fn parse_race(text: &str) -> Result<Option<RaceResult>, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    const SYNTAX: &str =
        "expected DISTANCE:TIME[@DATE], e.g. 10k:45:30, half:1:39:00 or 5000:19:45@2026-10-04";
    let (result, date) = match t.rsplit_once('@') {
        Some((r, d)) => (
            r,
            Some(d.trim().parse::<jiff::civil::Date>().map_err(|_| {
                format!("'{d}' is not a date: expected YYYY-MM-DD after @ ({SYNTAX})")
            })?),
        ),
        None => (t, None),
    };
    let (distance, time) = result
        .split_once(':')
        .ok_or_else(|| format!("'{text}': {SYNTAX}"))?;
    let distance_m = afterlift_core::calc::parse_distance_m(distance).ok_or_else(|| {
        format!("'{distance}' is not a distance: expected 5k, 10k, half, marathon, mile or metres ({SYNTAX})")
    })?;
    let time_s = afterlift_core::calc::parse_duration(time)
        .filter(|s| *s > 0.0)
        .ok_or_else(|| {
            format!("'{time}' is not a race time: expected MM:SS or H:MM:SS ({SYNTAX})")
        })?;
    Ok(Some(RaceResult {
        distance_m,
        time_s,
        date,
    }))
}

fn apply(current: Option<Profile>, a: &ProfileSetArgs, json: bool) -> Result<Profile, Failure> {
    let mut p = match current {
        Some(p) => p,
        None => {
            let missing: Vec<&str> = [
                ("--age", a.age.is_none()),
                ("--sex", a.sex.is_none()),
                ("--weight-kg", a.weight_kg.is_none()),
                ("--goal", a.goal.is_none()),
            ]
            .into_iter()
            .filter_map(|(flag, missing)| missing.then_some(flag))
            .collect();
            if !missing.is_empty() {
                return Err(Failure::invalid(
                    "profile",
                    format!("no profile yet: a new profile needs {}", missing.join(", ")),
                    json,
                ));
            }
            Profile::new(Athlete {
                age_years: 0.0,
                sex: afterlift_core::Sex::Male,
                weight_kg: 0.0,
                resting_hr_bpm: None,
                max_hr_bpm: None,
                hrv_rmssd_ms: None,
                goal: Goal::General,
                concurrent_weeks: None,
                injury_prone: false,
            })
        }
    };
    let athlete = &mut p.athlete;
    if let Some(v) = a.age {
        athlete.age_years = v;
    }
    if let Some(v) = a.sex {
        athlete.sex = v.into();
    }
    if let Some(v) = a.weight_kg {
        athlete.weight_kg = v;
    }
    if let Some(v) = a.resting_hr {
        athlete.resting_hr_bpm = Some(v);
    }
    if let Some(v) = a.max_hr {
        athlete.max_hr_bpm = Some(v);
    }
    if let Some(v) = a.hrv {
        athlete.hrv_rmssd_ms = Some(v);
    }
    if let Some(v) = a.goal {
        athlete.goal = v.into();
    }
    if let Some(v) = a.concurrent_weeks {
        athlete.concurrent_weeks = Some(v);
    }
    if let Some(v) = a.injury_prone {
        athlete.injury_prone = v;
    }
    if let Some(tz) = &a.time_zone {
        p.time_zone = Some(tz.clone());
    }
    if let Some(t) = &a.wake {
        p.wake_time = parse_clock(t).map_err(|m| Failure::invalid("--wake", m, json))?;
    }
    if let Some(t) = &a.sleep {
        p.sleep_time = parse_clock(t).map_err(|m| Failure::invalid("--sleep", m, json))?;
    }
    if let Some(r) = &a.race {
        p.race = parse_race(r).map_err(|m| Failure::invalid("--race", m, json))?;
    }
    Ok(p)
}

fn human(out: &mut dyn Write, doc: Option<&ProfileDoc>) -> std::io::Result<()> {
    let Some(d) = doc else {
        return writeln!(
            out,
            "No profile yet. Set one: afterlift profile set --age 34 --sex female --weight-kg 62 --goal general"
        );
    };
    let a = &d.athlete;
    let opt = |v: Option<f64>, unit: &str| v.map_or("—".to_string(), |v| format!("{v} {unit}"));
    writeln!(out, "{}", "Profile".bold())?;
    writeln!(out, "  goal              {}", a.goal.as_str())?;
    writeln!(out, "  age               {} years", a.age)?;
    writeln!(out, "  sex               {:?}", a.sex)?;
    writeln!(out, "  weight            {} kg", a.weight_kg)?;
    writeln!(out, "  resting HR        {}", opt(a.resting_hr, "bpm"))?;
    writeln!(
        out,
        "  max HR            {}",
        opt(a.max_hr, "bpm (measured)")
    )?;
    writeln!(out, "  usual HRV         {}", opt(a.hrv_rmssd_ms, "ms"))?;
    writeln!(
        out,
        "  combining for     {}",
        a.concurrent_weeks
            .map_or("—".into(), |w| format!("{w} weeks"))
    )?;
    writeln!(
        out,
        "  injury-prone      {}",
        if a.injury_prone == Some(true) {
            "yes"
        } else {
            "no"
        }
    )?;
    let zone = match a.time_zone.as_deref() {
        Some(name) => name.to_string(),
        // The CLI then answers in this machine's zone (the server in UTC).
        None => format!(
            "{} (not set: this computer's zone)",
            crate::zone::name(&crate::zone::machine())
        ),
    };
    writeln!(out, "  time zone         {zone}")?;
    let clock = |t: Option<Time>, default: &str| {
        t.map_or(format!("{default} (not set)"), |t| {
            t.strftime("%H:%M").to_string()
        })
    };
    writeln!(
        out,
        "  day               {} – {}",
        clock(a.wake_time, "06:00"),
        clock(a.sleep_time, "22:00")
    )?;
    let race = a.race.map_or("—".to_string(), |r| {
        let distance = afterlift_core::calc::RACES
            .iter()
            .find(|(_, m)| (m - r.distance_m).abs() < 0.5)
            .map_or(format!("{} m", r.distance_m), |(name, _)| name.to_string());
        let date = r.date.map_or(String::new(), |d| format!(" on {d}"));
        let vdot = afterlift_core::science::running::vdot(r.distance_m, r.time_s);
        format!(
            "{distance} in {}{date} (VDOT {vdot:.1})",
            afterlift_core::calc::format_duration(r.time_s)
        )
    });
    writeln!(out, "  race              {race}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_times_and_races_parse_or_say_what_was_expected() {
        assert_eq!(
            parse_clock("06:30").unwrap(),
            Some(Time::new(6, 30, 0, 0).unwrap())
        );
        assert_eq!(parse_clock("none").unwrap(), None);
        for bad in ["6.30", "25:00", "06:61", "06:30:00", "morning"] {
            assert!(
                parse_clock(bad).unwrap_err().contains("HH:MM")
                    || parse_clock(bad).unwrap_err().contains("00–23"),
                "{bad}"
            );
        }
        let r = parse_race("10k:45:30").unwrap().unwrap();
        assert_eq!((r.distance_m, r.time_s, r.date), (10_000.0, 2730.0, None));
        let r = parse_race("half:1:39:00").unwrap().unwrap();
        assert_eq!((r.distance_m, r.time_s), (21_097.5, 5940.0));
        let r = parse_race("5000:19:45@2026-10-04").unwrap().unwrap();
        assert_eq!(
            (r.distance_m, r.time_s, r.date),
            (5000.0, 1185.0, Some(jiff::civil::date(2026, 10, 4)))
        );
        assert_eq!(
            parse_race("marathon:3:30:00").unwrap().unwrap().distance_m,
            42_195.0
        );
        assert_eq!(parse_race("none").unwrap(), None);
        assert!(parse_race("10k").unwrap_err().contains("DISTANCE:TIME"));
        assert!(
            parse_race("far:45:00")
                .unwrap_err()
                .contains("not a distance")
        );
        assert!(
            parse_race("10k:soon")
                .unwrap_err()
                .contains("not a race time")
        );
        assert!(
            parse_race("10k:45:00@yesterday")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
    }
}
