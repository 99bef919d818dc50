//! `afterlift profile show|set`: who the advice is for.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::contract::ProfileDoc;
use afterlift_core::{Athlete, Goal};
use afterlift_store::Profile;
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
                store
                    .set_profile(&updated)
                    .await
                    .map_err(|e| store_failure(e, json))?;
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
            Profile {
                athlete: Athlete {
                    age_years: 0.0,
                    sex: afterlift_core::Sex::Male,
                    weight_kg: 0.0,
                    resting_hr_bpm: None,
                    max_hr_bpm: None,
                    hrv_rmssd_ms: None,
                    goal: Goal::General,
                    concurrent_weeks: None,
                    injury_prone: false,
                },
                time_zone: None,
            }
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
    writeln!(
        out,
        "  time zone         {}",
        d.time_zone.as_deref().unwrap_or("UTC (not set)")
    )
}
