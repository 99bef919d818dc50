//! `afterlift advise`: the request from `--input` and flags, answered with the log's help by the same use
//! case as `POST /api/v1/advice` (`afterlift_app::advise`), printed.
//!
//! The request is assembled as JSON — the `--input` document with each given flag written over its field —
//! and then laid over what the log knows and read into the contract type, so a flag and a JSON field are
//! checked by the same rules and a wrong one is named by its path (`athlete.age`).

use std::process::ExitCode;

use afterlift_app::AppError;
use afterlift_core::contract::{AdviceResponse, PlannedKind};
use afterlift_core::notation;
use jiff::{SignedDuration, Timestamp};
use owo_colors::OwoColorize;
use serde_json::{Map, Value, json};

use crate::args::{AdviseArgs, Global};
use crate::failure::Failure;
use crate::{db, output, render};

pub fn run(args: AdviseArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json_out = global.json;
    let verbose = args.verbose;
    let clock_now = crate::clock::now(global)?;
    let (body, at) = build_body(&args, global.now.is_some(), clock_now, json_out)?;
    let (response, today) = db::with_store(global, async |store| {
        let response =
            afterlift_app::advise::advise(store, None, body, at, &crate::zone::machine())
                .await
                .map(|advised| advised.response)
                .map_err(|e| app_failure(e, json_out))?;
        // The athlete's today, to say whether the check-in used was today's.
        let profile = store
            .profile()
            .await
            .map_err(|e| Failure::runtime(e, json_out))?;
        let today = at
            .to_zoned(crate::zone::athlete(profile.as_ref(), json_out)?)
            .date();
        Ok((response, today))
    })?;
    if json_out {
        output::json(&response)
    } else {
        output::human(|out| {
            for note in notes(&response, today) {
                writeln!(out, "{}", note.dimmed())?;
            }
            render::advice(out, &response, verbose)
        })
    }
    .map_err(|e| Failure::runtime(e, json_out))?;
    Ok(ExitCode::SUCCESS)
}

/// A use case's failure: wrong fields are the user's input (exit 2), anything else a failure (exit 1).
pub fn app_failure(e: AppError, json: bool) -> Failure {
    match e {
        AppError::Invalid(i) => Failure::from_invalid(i, json),
        AppError::Store(s) => crate::profile::store_failure(s, json),
        other => Failure::runtime(other, json),
    }
}

/// What the answer took from the log, said before it: the stored lift, and pain or illness from the
/// check-in — today's or an earlier day's, carried over — with how to take it back, since either rules
/// running out.
fn notes(response: &AdviceResponse, today: jiff::civil::Date) -> Vec<String> {
    let Some(used) = &response.from_log else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    if let Some(id) = &used.lift {
        notes.push(format!(
            "Using your last strength session, {id}, from the log (give --lifted, --focus or --load to override)."
        ));
    }
    if let (Some(date), false) = (used.check_in, used.flags.is_empty()) {
        notes.push(carried_note(date, &used.flags, date == today));
    }
    notes
}

/// `From your check-in on Tue 24 Nov: pain — clear it with `afterlift log wellness --no-pain`.` (or
/// `From today's check-in (2 Dec): …` when `today`).
pub fn carried_note(date: jiff::civil::Date, flags: &[String], today: bool) -> String {
    let (what, clear) = match (
        flags.iter().any(|f| f == "pain"),
        flags.iter().any(|f| f == "illness"),
    ) {
        (true, true) => ("pain and illness", "--no-pain --no-illness"),
        (true, false) => ("pain", "--no-pain"),
        _ => ("illness", "--no-illness"),
    };
    let from = if today {
        format!("From today's check-in ({})", date.strftime("%-d %b"))
    } else {
        format!("From your check-in on {}", date.strftime("%a %-d %b"))
    };
    format!("{from}: {what} — clear it with `afterlift log wellness {clear}`.")
}

fn has_lift_flags(a: &AdviseArgs) -> bool {
    a.lifted.is_some()
        || a.focus.is_some()
        || a.load.is_some()
        || a.lift_rpe.is_some()
        || a.lift_minutes.is_some()
        || a.ended.is_some()
}

/// The request body (the `--input` document with each flag written over it) and the instant it is for:
/// `--now` when given (`clock_now` is then it, and it is written into the body), else the document's own
/// `now`, else the clock. Relative times (`--ended 3h`) are measured from that instant.
pub fn build_body(
    args: &AdviseArgs,
    now_given: bool,
    clock_now: Timestamp,
    json_out: bool,
) -> Result<(Value, Timestamp), Failure> {
    let invalid = |field: &str, message: String| Failure::invalid(field, message, json_out);
    let mut doc = match &args.input {
        Some(path) => match read_input(path).map_err(|m| invalid("--input", m))? {
            Value::Object(input) => Value::Object(input),
            _ => {
                return Err(invalid(
                    "--input",
                    "expected a JSON object with \"athlete\" and \"planned\"".into(),
                ));
            }
        },
        None => Value::Object(Map::new()),
    };
    let at = if now_given {
        set(&mut doc, "now", Some(json!(clock_now)));
        clock_now
    } else {
        afterlift_app::advise::instant(&doc, clock_now)
    };
    if has_lift_flags(args)
        && let Value::Object(d) = &mut doc
    {
        // Lift flags describe a lift of their own, not an amendment of the stored one: a `lift` in the
        // request replaces the log's (and the flags amend the file's, if it has one).
        d.entry("lift").or_insert_with(|| Value::Object(Map::new()));
    }
    let a = args;
    set(
        &mut doc,
        "athlete.goal",
        a.goal.map(|g| json!(afterlift_core::Goal::from(g))),
    );
    set(&mut doc, "athlete.age", a.age.map(|v| json!(v)));
    set(
        &mut doc,
        "athlete.sex",
        a.sex.map(|s| json!(afterlift_core::Sex::from(s))),
    );
    set(&mut doc, "athlete.weight_kg", a.weight_kg.map(|v| json!(v)));
    set(
        &mut doc,
        "athlete.resting_hr",
        a.resting_hr.map(|v| json!(v)),
    );
    set(&mut doc, "athlete.max_hr", a.max_hr.map(|v| json!(v)));
    set(&mut doc, "athlete.hrv_rmssd_ms", a.hrv.map(|v| json!(v)));
    set(
        &mut doc,
        "athlete.concurrent_weeks",
        a.concurrent_weeks.map(|v| json!(v)),
    );
    set(
        &mut doc,
        "athlete.injury_prone",
        a.injury_prone.then_some(json!(true)),
    );

    if let Some(text) = &a.lifted {
        let exercises =
            notation::parse_lifted(text).map_err(|e| invalid("--lifted", e.to_string()))?;
        set(&mut doc, "lift.exercises", Some(json!(exercises)));
    }
    set(
        &mut doc,
        "lift.focus",
        a.focus
            .map(|f| json!(afterlift_core::contract::Focus::from(f))),
    );
    set(
        &mut doc,
        "lift.load",
        a.load
            .map(|l| json!(afterlift_core::contract::LoadLevel::from(l))),
    );
    set(&mut doc, "lift.rpe", a.lift_rpe.map(|v| json!(v)));
    set(&mut doc, "lift.minutes", a.lift_minutes.map(|v| json!(v)));
    if let Some(text) = &a.ended {
        let ended = parse_time(text, at).map_err(|m| invalid("--ended", m))?;
        set(&mut doc, "lift.ended_at", Some(json!(ended)));
    }

    if let Some(text) = &a.planned {
        let (kind, minutes) = parse_planned(text).map_err(|m| invalid("--planned", m))?;
        set(&mut doc, "planned.kind", Some(json!(kind)));
        set(&mut doc, "planned.minutes", minutes.map(|m| json!(m)));
    } else if doc.get("planned").is_none() {
        // Nothing planned: "should I add a run after lifting?"
        set(&mut doc, "planned.kind", Some(json!(PlannedKind::None)));
    }

    set(&mut doc, "readiness.sleep_hours", a.sleep.map(|v| json!(v)));
    set(
        &mut doc,
        "readiness.sleep_quality",
        a.sleep_quality.map(|v| json!(v)),
    );
    set(&mut doc, "readiness.fatigue", a.fatigue.map(|v| json!(v)));
    set(&mut doc, "readiness.soreness", a.soreness.map(|v| json!(v)));
    set(&mut doc, "readiness.stress", a.stress.map(|v| json!(v)));
    set(&mut doc, "readiness.mood", a.mood.map(|v| json!(v)));
    set(
        &mut doc,
        "readiness.resting_hr",
        a.morning_hr.map(|v| json!(v)),
    );
    set(
        &mut doc,
        "readiness.hrv_rmssd_ms",
        a.hrv_today.map(|v| json!(v)),
    );
    set(&mut doc, "readiness.pain", a.pain.then_some(json!(true)));
    set(&mut doc, "readiness.illness", a.ill.then_some(json!(true)));
    Ok((doc, at))
}

fn read_input(path: &std::path::Path) -> Result<Value, String> {
    let (name, text) = crate::output::read_input(path)?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "{name}: line {}, column {}: {}",
            e.line(),
            e.column(),
            strip_position(&e.to_string())
        )
    })
}

fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// Writes `value` at a dotted path, creating objects on the way; `None` leaves the document alone.
fn set(doc: &mut Value, path: &str, value: Option<Value>) {
    let Some(value) = value else { return };
    let mut node = doc;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let Value::Object(map) = node else { return };
        if parts.peek().is_none() {
            map.insert(part.to_string(), value);
            return;
        }
        node = map
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !node.is_object() {
            *node = Value::Object(Map::new());
        }
    }
}

/// `intervals:20`, `easy`, `long:90`.
fn parse_planned(text: &str) -> Result<(PlannedKind, Option<f64>), String> {
    let (kind, minutes) = match text.split_once(':') {
        Some((k, m)) => (k, Some(m)),
        None => (text, None),
    };
    let kind = match kind.trim().to_ascii_lowercase().as_str() {
        "easy" | "liss" | "recovery" => PlannedKind::Easy,
        "tempo" | "threshold" => PlannedKind::Tempo,
        "intervals" | "interval" | "hiit" => PlannedKind::Intervals,
        "long" => PlannedKind::Long,
        "none" => PlannedKind::None,
        other => {
            return Err(format!(
                "unknown kind '{other}': expected easy, tempo, intervals, long or none, optionally with minutes (intervals:20)"
            ));
        }
    };
    let minutes = match minutes {
        Some(m) => Some(
            m.trim()
                .trim_end_matches("min")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    format!("'{m}' is not a number of minutes: expected e.g. intervals:20")
                })?,
        ),
        None => None,
    };
    Ok((kind, minutes))
}

/// RFC 3339, or a duration ago: `90m`, `2h`, `1h30m`, `2h ago` — within [`PLAUSIBLE_YEARS`].
pub(crate) fn parse_time(text: &str, now: Timestamp) -> Result<Timestamp, String> {
    let ts = parse_any_time(text, now)?;
    let year = ts.to_zoned(jiff::tz::TimeZone::UTC).year();
    if PLAUSIBLE_YEARS.contains(&year) {
        Ok(ts)
    } else {
        Err(format!(
            "'{text}' is in the year {year}: expected a time between {} and {}",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        ))
    }
}

/// The years a training time can be in: no sports watch recorded before 1970, and a time centuries
/// ahead is a typo (`99999999h` ago once logged a run in the year −9382).
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i16> = 1970..=2199;

fn parse_any_time(text: &str, now: Timestamp) -> Result<Timestamp, String> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Ok(ts);
    }
    let ago = t.strip_suffix("ago").unwrap_or(t).trim();
    // Days are not a fixed length in jiff's duration syntax: `3d` is read as 72 hours.
    let days = ago
        .strip_suffix('d')
        .and_then(|n| n.trim().parse::<i64>().ok())
        .filter(|n| (0..=3650).contains(n));
    days.map(|d| SignedDuration::from_hours(d * 24))
        .or_else(|| ago.parse::<SignedDuration>().ok())
        .filter(|d| !d.is_negative())
        .and_then(|d| now.checked_sub(d).ok())
        .ok_or_else(|| format!("'{text}': expected an RFC 3339 time (2026-11-24T18:30:00Z) or how long ago (90m, 2h, 3d)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_and_times_parse() {
        assert_eq!(
            parse_planned("intervals:20").unwrap(),
            (PlannedKind::Intervals, Some(20.0))
        );
        assert_eq!(
            parse_planned("HIIT").unwrap(),
            (PlannedKind::Intervals, None)
        );
        assert!(
            parse_planned("sprint")
                .unwrap_err()
                .contains("expected easy")
        );
        assert!(parse_planned("easy:abc").unwrap_err().contains("minutes"));
        let now: Timestamp = "2026-11-24T18:00:00Z".parse().unwrap();
        assert_eq!(
            parse_time("2h", now).unwrap().to_string(),
            "2026-11-24T16:00:00Z"
        );
        assert_eq!(
            parse_time("90m ago", now).unwrap().to_string(),
            "2026-11-24T16:30:00Z"
        );
        assert_eq!(
            parse_time("3d", now).unwrap().to_string(),
            "2026-11-21T18:00:00Z"
        );
        assert_eq!(
            parse_time("2026-11-24T10:00:00+01:00", now)
                .unwrap()
                .to_string(),
            "2026-11-24T09:00:00Z"
        );
        assert!(parse_time("yesterday-ish", now).is_err());
        let far = parse_time("99999999h", now).unwrap_err();
        assert!(far.contains("between 1970 and 2199"), "{far}");
        assert!(parse_time("1969-12-31T23:00:00Z", now).is_err());
    }
}
