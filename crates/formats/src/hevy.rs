//! Hevy app CSV exports: one [`StrengthSession`] per workout (rows sharing `title` and `start_time`).
//!
//! - Header `title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,
//!   set_type,weight_kg,reps,distance_km,duration_seconds,rpe`; exports in imperial units carry
//!   `weight_lbs` / `distance_miles` instead, converted here.
//! - Dates like `2 Mar 2026, 19:59` (also ISO `2026-03-02 19:59:00`) are local time without a zone,
//!   placed in [`ReadOptions::time_zone`]; the duration is `end_time − start_time`.
//! - `set_type` `normal`, `warmup`, `dropset`, `failure` map to [`SetKind`]; an unknown type is a
//!   normal set (with a warning).
//! - A cell that cannot be parsed fails the file with its line and column; implausible values are
//!   dropped with a warning.

use afterlift_core::session::{SetKind, StrengthSession};

use crate::csv_common::{self, RawSet, Row, Table, Workouts};
use crate::error::ReadError;
use crate::{Output, ReadOptions, WeightUnit};

const METRES_PER_MILE: f64 = 1609.344;
const DATE_FORMATS: [&str; 3] = ["%d %b %Y, %H:%M", "%d %B %Y, %H:%M", "%b %d, %Y, %H:%M"];

pub(crate) fn read(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
    let mut table = Table::new(bytes, file)?;
    let title = table.required("title")?;
    let start_time = table.required("start_time")?;
    let end_time = table.column("end_time");
    let exercise = table.required("exercise_title")?;
    let set_type = table.column("set_type");
    let (weight, weight_unit) = match (table.column("weight_kg"), table.column("weight_lbs")) {
        (Some(c), _) => (Some(c), WeightUnit::Kg),
        (None, Some(c)) => (Some(c), WeightUnit::Lb),
        (None, None) => (None, WeightUnit::Kg),
    };
    let (distance, metres_per_unit) =
        match (table.column("distance_km"), table.column("distance_miles")) {
            (Some(c), _) => (Some(c), 1000.0),
            (None, Some(c)) => (Some(c), METRES_PER_MILE),
            (None, None) => (None, 1000.0),
        };
    let reps = table.column("reps");
    let duration = table.column("duration_seconds");
    let rpe = table.column("rpe");

    let mut out = Output::default();
    let mut workouts = Workouts::default();
    let mut unknown_types: Vec<String> = Vec::new();
    for (line, record) in table.rows()? {
        let row = table.row(line, record);
        let start_text = row.text(Some(start_time)).unwrap_or_default().to_owned();
        let name = row.text(Some(title)).unwrap_or_default().to_owned();
        let key = (start_text.clone(), name);
        let workout = match workouts.find(&key) {
            Some(index) => index,
            None => {
                let started_at = local_time(&row, start_time, opts)?.ok_or_else(|| {
                    row.error(
                        start_time,
                        "expected a start time like 2 Mar 2026, 19:59, found nothing",
                    )
                })?;
                let ended_at = match end_time {
                    Some(c) => local_time(&row, c, opts)?,
                    None => None,
                };
                let duration_s =
                    ended_at.map(|end| (end.as_second() - started_at.as_second()) as f64);
                let duration_s = csv_common::plausible_duration(
                    duration_s,
                    &row.here(end_time),
                    &mut out.warnings,
                );
                let title = (!key.1.is_empty()).then(|| key.1.clone());
                workouts.push(
                    key,
                    StrengthSession {
                        started_at,
                        duration_s,
                        title,
                        rpe: None,
                        source: "hevy".to_owned(),
                        exercises: Vec::new(),
                    },
                )
            }
        };
        let kind = match row.text(set_type).map(str::to_ascii_lowercase).as_deref() {
            None | Some("normal") => SetKind::Normal,
            Some("warmup" | "warm_up" | "warm-up") => SetKind::Warmup,
            Some("dropset" | "drop_set" | "drop") => SetKind::Drop,
            Some("failure") => SetKind::Failure,
            Some(other) => {
                if !unknown_types.iter().any(|t| t == other) {
                    unknown_types.push(other.to_owned());
                }
                SetKind::Normal
            }
        };
        let raw = RawSet {
            reps: row.whole(reps)?,
            weight_kg: row.number(weight)?.map(|w| w * weight_unit.kg_per_unit()),
            rpe: row.number(rpe)?,
            duration_s: row.number(duration)?,
            distance_m: row.number(distance)?.map(|d| d * metres_per_unit),
        };
        let mut set = csv_common::plausible_set(raw, &row, &mut out.warnings);
        set.kind = kind;
        let name = row.text(Some(exercise)).unwrap_or("Unnamed exercise");
        workouts.add_set(workout, name, set);
    }
    if !unknown_types.is_empty() {
        out.warnings.push(format!(
            "unknown set_type {} read as normal sets",
            unknown_types.join(", ")
        ));
    }
    out.lifts = workouts.finish(&mut out.warnings);
    Ok(out)
}

/// A local date-time cell placed in the options' zone; `None` when the cell is empty.
fn local_time(
    row: &Row<'_>,
    column: usize,
    opts: &ReadOptions,
) -> Result<Option<jiff::Timestamp>, ReadError> {
    let Some(text) = row.text(Some(column)) else {
        return Ok(None);
    };
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Ok(Some(t));
    }
    let civil = text.parse::<jiff::civil::DateTime>().ok().or_else(|| {
        DATE_FORMATS
            .iter()
            .find_map(|f| jiff::civil::DateTime::strptime(f, text).ok())
    });
    let Some(civil) = civil else {
        return Err(row.error(
            column,
            format!("expected a date like 2 Mar 2026, 19:59, found \"{text}\""),
        ));
    };
    csv_common::in_zone(civil, &opts.time_zone)
        .map(Some)
        .ok_or_else(|| {
            row.error(
                column,
                format!("\"{text}\" does not exist in the time zone"),
            )
        })
}
