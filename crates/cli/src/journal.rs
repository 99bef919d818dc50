//! `afterlift log lift|cardio|wellness`: sessions and check-ins entered by hand.

use std::process::ExitCode;

use afterlift_core::contract::{
    ExerciseInput, FieldError, InvalidRequest, ManualCardio, ManualLift, ReadinessInput,
    WellnessDay,
};
use afterlift_core::notation;
use afterlift_core::session::{Activity, Sport, StrengthSession};
use jiff::Timestamp;
use owo_colors::OwoColorize;
use serde_json::json;

use crate::advise::parse_time;
use crate::args::{Global, LogCardioArgs, LogCommand, LogLiftArgs, LogWellnessArgs};
use crate::failure::Failure;
use crate::profile::store_failure;
use crate::{db, output};

pub fn run(cmd: LogCommand, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let (what, result) = match cmd {
        LogCommand::Lift(a) => {
            let lift = lift(&a, now, json)?;
            let created = db::with_store(global, async |s| {
                afterlift_app::journal::save_lift(s, &lift)
                    .await
                    .map_err(|e| store_failure(e, json))
            })?;
            ("lift", json!(created))
        }
        LogCommand::Cardio(a) => {
            let activity = cardio(&a, now, json)?;
            let id = db::with_store(global, async |s| {
                s.insert_activity(&activity)
                    .await
                    .map_err(|e| store_failure(e, json))
            })?;
            ("cardio", json!({ "id": id.to_string() }))
        }
        LogCommand::Wellness(a) => {
            let day = db::with_store(global, async |s| {
                let profile = s.profile().await.map_err(|e| Failure::runtime(e, json))?;
                let tz = crate::zone::athlete(profile.as_ref(), json)?;
                let date = match &a.date {
                    Some(d) => d.parse::<jiff::civil::Date>().map_err(|_| {
                        Failure::invalid(
                            "--date",
                            format!("'{d}': expected a date as YYYY-MM-DD"),
                            json,
                        )
                    })?,
                    None => now.to_zoned(tz).date(),
                };
                // A second check-in the same day changes only what it answers; a day's first one starts
                // with the pain and illness an earlier one still holds.
                let saved = afterlift_app::journal::save_check_in(s, date, &check_in(&a), &[])
                    .await
                    .map_err(|e| match e {
                        afterlift_app::AppError::Invalid(i) => invalid(i, wellness_flag, json),
                        other => crate::advise::app_failure(other, json),
                    })?;
                // The same shape as `PUT /api/v1/wellness/{date}`.
                Ok(saved.day(date))
            })?;
            ("wellness", json!(day))
        }
    };
    if json {
        output::json(&result).map_err(|e| Failure::runtime(e, true))?;
    } else {
        output::human(|out| match what {
            "wellness" => {
                writeln!(
                    out,
                    "Check-in saved for {}.",
                    result["date"].as_str().unwrap_or_default()
                )?;
                carried_note(out, &result)
            }
            _ => {
                writeln!(
                    out,
                    "Saved as {}.",
                    result["id"].as_str().unwrap_or_default()
                )?;
                unknown_exercises(out, &result)
            }
        })
        .map_err(|e| Failure::runtime(e, false))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Pain or illness the new day's check-in carried over from an earlier one, and how to take it back.
fn carried_note(out: &mut dyn std::io::Write, result: &serde_json::Value) -> std::io::Result<()> {
    let Ok(day) = serde_json::from_value::<WellnessDay>(result.clone()) else {
        return Ok(());
    };
    let Some(from) = day.carried_from else {
        return Ok(());
    };
    let flags: Vec<String> = [
        ("pain", day.check_in.pain),
        ("illness", day.check_in.illness),
    ]
    .into_iter()
    .filter(|(_, set)| *set == Some(true))
    .map(|(name, _)| name.to_string())
    .collect();
    if flags.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", crate::advise::carried_note(from, &flags, false))
}

/// The warning for a lift's exercise names the catalogue cannot read (`unknown_exercises`), with the fix.
fn unknown_exercises(
    out: &mut dyn std::io::Write,
    result: &serde_json::Value,
) -> std::io::Result<()> {
    let Ok(unknown) = serde_json::from_value::<Vec<afterlift_core::contract::UnknownExercise>>(
        result["unknown_exercises"].clone(),
    ) else {
        return Ok(());
    };
    for u in &unknown {
        let check = u
            .suggestion
            .as_deref()
            .map(|s| format!(" (did you mean '{s}'?)"))
            .unwrap_or_default();
        writeln!(
            out,
            "{} '{}' is not in the exercise catalogue{check}: it is saved, but the advice counts none of its muscles and may treat the session as a leg day, to be safe. Fix it once with: afterlift exercises alias {} \"<exercise>\" (afterlift exercises {} lists candidates).",
            "warning:".yellow().bold(),
            u.name,
            shell_word(&u.name),
            shell_word(&u.name),
        )?;
    }
    Ok(())
}

/// `name` as one shell word (quoted when it has anything but letters, digits and `-_.`).
pub(crate) fn shell_word(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\\\""))
    }
}

fn start_time(
    at: Option<&String>,
    minutes: Option<f64>,
    now: Timestamp,
    json: bool,
) -> Result<Timestamp, Failure> {
    match at {
        Some(text) => parse_time(text, now).map_err(|m| Failure::invalid("--at", m, json)),
        None => Ok(now
            .checked_sub(afterlift_core::time::seconds(
                minutes.unwrap_or(0.0).clamp(0.0, 1440.0) * 60.0,
            ))
            .unwrap_or(now)),
    }
}

fn lift(a: &LogLiftArgs, now: Timestamp, json: bool) -> Result<StrengthSession, Failure> {
    if a.exercises.len() != a.sets.len() {
        return Err(Failure::invalid(
            "--sets",
            format!(
                "{} exercises but {} --sets: give each --exercise its --sets",
                a.exercises.len(),
                a.sets.len()
            ),
            json,
        ));
    }
    let mut exercises = Vec::new();
    for (i, (name, sets)) in a.exercises.iter().zip(&a.sets).enumerate() {
        let sets = notation::parse_sets(sets)
            .map_err(|e| Failure::invalid(format!("--sets ({})", i + 1), e.to_string(), json))?;
        exercises.push(ExerciseInput {
            name: name.clone(),
            sets,
        });
    }
    // The same manual lift as `POST /api/v1/lifts` (without `--at`, it ends now).
    let started_at =
        a.at.as_ref()
            .map(|text| parse_time(text, now).map_err(|m| Failure::invalid("--at", m, json)))
            .transpose()?;
    let manual = ManualLift {
        started_at,
        minutes: a.minutes,
        rpe: a.rpe,
        title: a.title.clone(),
        exercises,
    };
    afterlift_app::journal::manual_lift(&manual, now).map_err(|e| invalid(e, lift_flag, json))
}

fn cardio(a: &LogCardioArgs, now: Timestamp, json: bool) -> Result<Activity, Failure> {
    let sport: Sport = a
        .sport
        .parse()
        .map_err(|m: String| Failure::invalid("--sport", m, json))?;
    let manual = ManualCardio {
        sport,
        started_at: match &a.at {
            Some(_) => Some(start_time(a.at.as_ref(), Some(a.minutes), now, json)?),
            None => None,
        },
        minutes: a.minutes,
        distance_km: a.distance_km,
        avg_hr: a.avg_hr,
        max_hr: a.max_hr,
        rpe: a.rpe,
    };
    afterlift_app::journal::manual_cardio(&manual, now).map_err(|e| invalid(e, cardio_flag, json))
}

/// Wrong fields of an entry, each named by the flag that gave it (`flag`), with the advice's message.
fn invalid(e: InvalidRequest, flag: fn(&str) -> String, json: bool) -> Failure {
    Failure::Invalid {
        errors: e
            .errors
            .into_iter()
            .map(|f| FieldError {
                field: flag(&f.field),
                message: f.message,
            })
            .collect(),
        json,
    }
}

/// `exercises[1].sets[2].kg` → `--sets (2), set 3: kg`; `minutes` → `--minutes`.
fn lift_flag(field: &str) -> String {
    let index = |s: &str, open: &str| -> Option<usize> {
        s.strip_prefix(open)?
            .split_once(']')?
            .0
            .parse::<usize>()
            .ok()
    };
    match field {
        "minutes" | "rpe" => format!("--{field}"),
        "exercises" => "--exercise".into(),
        _ => match field.split_once('.') {
            Some((exercise, rest)) => match (index(exercise, "exercises["), rest.split_once('.')) {
                (Some(i), Some((set, what))) => match index(set, "sets[") {
                    Some(j) => format!("--sets ({}), set {}: {what}", i + 1, j + 1),
                    None => field.into(),
                },
                (Some(i), None) => format!("--exercise ({})", i + 1),
                _ => field.into(),
            },
            None => field.into(),
        },
    }
}

fn cardio_flag(field: &str) -> String {
    format!("--{}", field.replace('_', "-"))
}

/// `resting_hr` → `--morning-hr`, `hrv_rmssd_ms` → `--hrv`, `sleep_hours` → `--sleep`.
fn wellness_flag(field: &str) -> String {
    match field {
        "sleep_hours" => "--sleep".into(),
        "resting_hr" => "--morning-hr".into(),
        "hrv_rmssd_ms" => "--hrv".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

/// The check-in's answers in the advice request's words, saved as `PUT /api/v1/wellness/{date}` saves
/// them: what is not given keeps its stored value; `--no-pain`/`--no-illness` are `false`.
fn check_in(a: &LogWellnessArgs) -> ReadinessInput {
    let flag = |yes: bool, no: bool| match (yes, no) {
        (true, _) => Some(true),
        (false, true) => Some(false),
        (false, false) => None,
    };
    ReadinessInput {
        sleep_hours: a.sleep,
        sleep_quality: a.sleep_quality,
        fatigue: a.fatigue,
        soreness: a.soreness,
        stress: a.stress,
        mood: a.mood,
        resting_hr: a.morning_hr,
        hrv_rmssd_ms: a.hrv,
        pain: flag(a.pain, a.no_pain),
        illness: flag(a.ill, a.no_illness),
    }
}
