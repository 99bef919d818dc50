//! Hevy app CSV exports: one [`StrengthSession`] per workout (rows sharing `title` and `start_time`).
//!
//! - Header `title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,
//!   set_type,weight_kg,reps,distance_km,duration_seconds,rpe`; exports in imperial units carry
//!   `weight_lbs` / `distance_miles` instead, converted here (any `weight_`, `distance_`, `duration_` column
//!   with a unit afterlift knows is read; a column it does not know is a warning naming it).
//! - Dates like `2 Mar 2026, 19:59` (also ISO `2026-03-02 19:59:00`, and the other formats of
//!   `csv_dates`) are local time without a zone, placed in [`ReadOptions::time_zone`]; the duration is
//!   `end_time − start_time`. Timed and distance sets (a treadmill, a farmer's walk) keep both.
//! - `set_type` `normal`, `warmup`, `dropset`, `failure` map to [`SetKind`]; an unknown type is a
//!   normal set (with a warning).
//! - A cell that cannot be parsed fails the file with its line and column; implausible values are
//!   dropped with a warning.
//!
//! The writer is beside the reader: [`write()`] writes sessions in Hevy's shape ([`HEADER`]), which this
//! reader reads back as the same sessions (afterlift's CSV export of the log's lifts).

use std::borrow::Borrow;

use afterlift_core::session::{SetKind, StrengthSession};
use jiff::Timestamp;

use crate::csv_common::{self, RawSet, Row, Table, Workouts};
use crate::csv_dates::{self, DayOrder};
use crate::error::ReadError;
use crate::registry::{Confidence, FileFormat, Signature};
use crate::spreadsheet::{read_text_cell, text_cell};
use crate::strong_headers;
use crate::{Format, Output, ReadOptions, WeightUnit};

/// The Hevy CSV format in the registry: a header naming `title`, `start_time`, `exercise_title` and
/// `set_index`.
pub(crate) struct Hevy;

impl FileFormat for Hevy {
    fn name(&self) -> &'static str {
        "hevy_csv"
    }
    fn label(&self) -> &'static str {
        "Hevy CSV"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }
    fn signature(&self) -> Signature {
        Signature::CsvHeader(
            "title,start_time,end_time,description,exercise_title,…,set_type,weight_kg,reps,…",
        )
    }
    fn sniff(&self, bytes: &[u8]) -> Confidence {
        let Some(names) = csv_common::header_names_of(bytes) else {
            return Confidence::No;
        };
        if [TITLE, START_TIME, EXERCISE_TITLE, SET_INDEX]
            .iter()
            .all(|n| names.iter().any(|x| x == n))
        {
            Confidence::Likely
        } else {
            Confidence::No
        }
    }
    fn read(&self, bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
        read(bytes, file, opts)
    }
}

#[allow(non_upper_case_globals)]
impl Format {
    /// Hevy CSV, from the registry.
    pub const HevyCsv: Format = Format::of(&Hevy);
}

// Hevy's columns without a unit in their name.
const TITLE: &str = "title";
const START_TIME: &str = "start_time";
const END_TIME: &str = "end_time";
const DESCRIPTION: &str = "description";
const EXERCISE_TITLE: &str = "exercise_title";
const SUPERSET_ID: &str = "superset_id";
const EXERCISE_NOTES: &str = "exercise_notes";
const SET_INDEX: &str = "set_index";
const SET_TYPE: &str = "set_type";
const REPS: &str = "reps";
const RPE: &str = "rpe";
// The prefixes of the columns that carry their unit (`weight_kg`, `weight_lbs`, `distance_km`,
// `distance_miles`, `duration_seconds`), read by [`unit_column`].
const WEIGHT: &str = "weight_";
const DISTANCE: &str = "distance_";
const DURATION: &str = "duration_";
// The unit columns Hevy writes for metric users, and [`write()`] writes.
const WEIGHT_KG: &str = "weight_kg";
const DISTANCE_KM: &str = "distance_km";
const DURATION_SECONDS: &str = "duration_seconds";

/// Hevy's columns without a unit in their name. `weight_*`, `distance_*` and `duration_*` carry theirs
/// and are read by [`unit_column`].
const PLAIN_COLUMNS: &[&str] = &[
    TITLE,
    START_TIME,
    END_TIME,
    DESCRIPTION,
    EXERCISE_TITLE,
    SUPERSET_ID,
    EXERCISE_NOTES,
    SET_INDEX,
    SET_TYPE,
    REPS,
    RPE,
];

/// The header of Hevy's export (metric units), in its order: what [`write()`] writes.
pub const HEADER: [&str; 14] = [
    TITLE,
    START_TIME,
    END_TIME,
    DESCRIPTION,
    EXERCISE_TITLE,
    SUPERSET_ID,
    EXERCISE_NOTES,
    SET_INDEX,
    SET_TYPE,
    WEIGHT_KG,
    REPS,
    DISTANCE_KM,
    DURATION_SECONDS,
    RPE,
];

/// Hevy's `set_type` of a set kind (read back by [`set_kind`]).
fn set_type(kind: SetKind) -> &'static str {
    match kind {
        SetKind::Normal => "normal",
        SetKind::Warmup => "warmup",
        SetKind::Drop => "dropset",
        SetKind::Failure => "failure",
    }
}

/// The set kind of a `set_type` (lowercase; Hevy's words and their spellings); `None` for a type afterlift
/// does not know.
fn set_kind(set_type: &str) -> Option<SetKind> {
    match set_type {
        "normal" => Some(SetKind::Normal),
        "warmup" | "warm_up" | "warm-up" => Some(SetKind::Warmup),
        "dropset" | "drop_set" | "drop" => Some(SetKind::Drop),
        "failure" => Some(SetKind::Failure),
        _ => None,
    }
}

/// Hevy's date form, `2 Mar 2026, 19:59`, in UTC.
const HEVY_TIME: &str = "%-d %b %Y, %H:%M";

/// Writes `sessions` as a Hevy CSV export ([`HEADER`]), which [`crate::read`] and tools that read Hevy's
/// exports read back.
///
/// Read back with the default [`ReadOptions`] (times in UTC), it gives the same sessions: names, set kinds,
/// reps, weights, RPE and times of sets as stored (numbers are written in full), distances through
/// kilometres, start and end times to the minute (Hevy's `2 Mar 2026, 19:59`, in UTC). A session without
/// a title or a duration leaves its cell empty. What Hevy's format has no row or column for is not
/// written: a session without sets, the session's own RPE and its source (read back as `hevy`).
pub fn write<S: Borrow<StrengthSession>>(
    sessions: impl IntoIterator<Item = S>,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let time = |t: Timestamp| t.strftime(HEVY_TIME).to_string();
    for session in sessions {
        let session = session.borrow();
        let start = time(session.started_at);
        let end = session
            .duration_s
            .and_then(|d| {
                session
                    .started_at
                    .checked_add(afterlift_core::time::seconds(d.max(0.0)))
                    .ok()
            })
            .map(time)
            .unwrap_or_default();
        let title = session.title.clone().unwrap_or_default();
        for exercise in &session.exercises {
            for (index, set) in exercise.sets.iter().enumerate() {
                let cells = HEADER.map(|column| match column {
                    TITLE => text_cell(&title).into_owned(),
                    START_TIME => start.clone(),
                    END_TIME => end.clone(),
                    EXERCISE_TITLE => text_cell(&exercise.name).into_owned(),
                    SET_INDEX => index.to_string(),
                    SET_TYPE => set_type(set.kind).to_owned(),
                    WEIGHT_KG => number(set.weight_kg),
                    REPS => set.reps.map(|r| r.to_string()).unwrap_or_default(),
                    DISTANCE_KM => number(set.distance_m.map(|m| m / 1000.0)),
                    DURATION_SECONDS => number(set.duration_s),
                    RPE => number(set.rpe),
                    // Description, superset and notes: afterlift keeps none of them.
                    _ => String::new(),
                });
                w.write_record(cells)?;
            }
        }
    }
    w.flush()
}

/// The column whose name is `prefix_unit` with a unit `per_unit` knows, and that unit's size.
fn unit_column<T>(
    table: &Table<'_>,
    prefix: &str,
    per_unit: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    table.names().iter().enumerate().find_map(|(i, name)| {
        let unit = name.to_lowercase().strip_prefix(prefix)?.to_owned();
        per_unit(&unit).map(|size| (i, size))
    })
}

fn read(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
    let mut table = Table::new(bytes, file)?;
    let title = table.required(TITLE)?;
    let start_time = table.required(START_TIME)?;
    let end_time = table.column(END_TIME);
    let exercise = table.required(EXERCISE_TITLE)?;
    let set_type_column = table.column(SET_TYPE);
    let (weight, weight_unit) = unit_column(&table, WEIGHT, strong_headers::weight_unit).unzip();
    let weight_unit = weight_unit.unwrap_or(WeightUnit::Kg);
    let (distance, metres_per_unit) =
        unit_column(&table, DISTANCE, strong_headers::metres_per).unzip();
    let metres_per_unit = metres_per_unit.unwrap_or(1000.0);
    let (duration, seconds_per_unit) =
        unit_column(&table, DURATION, strong_headers::seconds_per).unzip();
    let seconds_per_unit = seconds_per_unit.unwrap_or(1.0);
    let reps = table.column(REPS);
    let rpe = table.column(RPE);

    let mut out = Output::default();
    let placed = [weight, distance, duration];
    for (index, name) in table.names().iter().enumerate() {
        let known =
            PLAIN_COLUMNS.contains(&name.to_lowercase().as_str()) || placed.contains(&Some(index));
        if !known && !name.trim().is_empty() {
            out.warnings.push(format!(
                "column \"{name}\" is not one afterlift knows in a Hevy export; its values are not read"
            ));
        }
    }
    let rows = table.rows()?;
    // Column by column, so that the rows of a workout repeat the same text one after another.
    let (order, order_warning) = DayOrder::decide(
        [Some(start_time), end_time]
            .into_iter()
            .flatten()
            .flat_map(|c| {
                rows.iter()
                    .map(move |(line, record)| (*line, record.get(c).unwrap_or_default()))
            }),
    )
    .map_err(|message| table.column_error(start_time, message))?;
    out.warnings.extend(order_warning);
    let mut workouts = Workouts::default();
    let mut unknown_types: Vec<String> = Vec::new();
    for (line, record) in rows {
        let row = table.row(line, record);
        let start_text = row.text(Some(start_time)).unwrap_or_default().to_owned();
        let name = read_text_cell(row.text(Some(title)).unwrap_or_default()).to_owned();
        let key = (start_text.clone(), name);
        let workout = match workouts.find(&key) {
            Some(index) => index,
            None => {
                let started_at = local_time(&row, start_time, order, opts)?.ok_or_else(|| {
                    row.error(
                        start_time,
                        "expected a start time like 2 Mar 2026, 19:59, found nothing",
                    )
                })?;
                let ended_at = match end_time {
                    Some(c) => local_time(&row, c, order, opts)?,
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
        let kind = match row.text(set_type_column).map(str::to_ascii_lowercase) {
            None => SetKind::Normal,
            Some(text) => set_kind(&text).unwrap_or_else(|| {
                if !unknown_types.contains(&text) {
                    unknown_types.push(text);
                }
                SetKind::Normal
            }),
        };
        let raw = RawSet {
            reps: row.whole(reps)?,
            weight_kg: row.number(weight)?.map(|w| w * weight_unit.kg_per_unit()),
            rpe: row.number(rpe)?,
            duration_s: row.number(duration)?.map(|d| d * seconds_per_unit),
            distance_m: row.number(distance)?.map(|d| d * metres_per_unit),
        };
        let mut set = csv_common::plausible_set(raw, &row, &mut out.warnings);
        set.kind = kind;
        let name = read_text_cell(row.text(Some(exercise)).unwrap_or("Unnamed exercise"));
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
    order: DayOrder,
    opts: &ReadOptions,
) -> Result<Option<jiff::Timestamp>, ReadError> {
    let Some(text) = row.text(Some(column)) else {
        return Ok(None);
    };
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Ok(Some(t));
    }
    let Some(civil) = csv_dates::parse(text, order) else {
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
