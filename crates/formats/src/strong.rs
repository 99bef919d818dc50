//! Strong app CSV exports: one [`StrengthSession`] per workout (rows sharing `Date` and `Workout Name`).
//!
//! - Every export shape and language Strong writes is read: columns are found by name
//!   ([`strong_headers`]: English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, Chinese,
//!   Japanese), in any order, separated by `,` or `;`. A column afterlift cannot place is a warning naming it.
//! - Units come from the row's `Weight Unit` / `Distance Unit` cells (`kg`, `lbs`, `km`, `mi`, `mi.`, `m`,
//!   `ft`…), else from the header (`Weight (lbs)`, `Distance (meters)`, `Duration (sec)`, or a header that
//!   is only the unit: `kg`, `lb`, `km`, `mi`), else weights are in [`ReadOptions::weight_unit`] (kg by
//!   default) and distances in km for kg users and miles for lb users. A unit afterlift does not know fails
//!   the file (a guessed unit would be a silently wrong weight).
//! - `Date` is local time without a zone, in the phone's format ([`csv_dates`]: ISO, 12-hour with a narrow
//!   no-break space before `pm`, `30.01.2025`, `30/01/2025` with the day order decided from the whole
//!   column), placed in [`ReadOptions::time_zone`].
//! - `Set Order` is the set number, or `W` warm-up, `D` drop set, `F` failure; rest-timer rows (`Rest Timer`,
//!   `Ruhezeit`…) are not sets and are skipped. Zero reps, weight, distance or seconds mean "not recorded".
//! - Durations read `2h 18m`, `45m`, `9min`, `1 Std. 5 Min.`, `1小时5分钟`, `1:23:45` or plain seconds (in the
//!   header's unit). Numbers may have a decimal comma (`102,5`).
//! - A cell that cannot be parsed fails the file with its line and column; implausible values
//!   (a 45-hour workout, a 2000 kg squat) are dropped with a warning.

use std::collections::HashMap;

use afterlift_core::session::{SetKind, StrengthSession};

use crate::csv_common::{self, RawSet, Table, Workouts};
use crate::csv_dates::{self, DayOrder};
use crate::error::ReadError;
use crate::registry::{Confidence, FileFormat, Signature};
use crate::strong_headers::{self, Field, Placed};
use crate::{Format, Output, ReadOptions, WeightUnit};

/// The Strong CSV format in the registry: a header naming a date, an exercise name and a set order, in
/// any of the languages of [`strong_headers`].
pub(crate) struct Strong;

impl FileFormat for Strong {
    fn name(&self) -> &'static str {
        "strong_csv"
    }
    fn label(&self) -> &'static str {
        "Strong CSV"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["csv"]
    }
    fn signature(&self) -> Signature {
        Signature::CsvHeader("Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,…")
    }
    fn sniff(&self, bytes: &[u8]) -> Confidence {
        match csv_common::header_names_of(bytes) {
            Some(names) if strong_headers::is_strong(&names) => Confidence::Likely,
            _ => Confidence::No,
        }
    }
    fn read(&self, bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
        read(bytes, file, opts)
    }
}

#[allow(non_upper_case_globals)]
impl Format {
    /// Strong CSV, from the registry.
    pub const StrongCsv: Format = Format::of(&Strong);
}

/// The columns found in the header: each field's column and the unit its header names.
struct Columns {
    by_field: HashMap<Field, (usize, Option<String>)>,
}

impl Columns {
    /// Places every header cell; a cell no language names is a warning (its values are not read).
    fn read(table: &Table<'_>, warnings: &mut Vec<String>) -> Columns {
        let mut by_field = HashMap::new();
        for (index, name) in table.names().iter().enumerate() {
            match strong_headers::place(name) {
                Some(Placed { field, unit }) => match by_field.entry(field) {
                    std::collections::hash_map::Entry::Occupied(first) => {
                        let (first, _): &(usize, Option<String>) = first.get();
                        warnings.push(format!(
                            "column \"{name}\" means the same as column \"{}\"; only the first is read",
                            table.names().get(*first).map_or("", String::as_str)
                        ));
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert((index, unit));
                    }
                },
                None if name.trim().is_empty() => {}
                None => warnings.push(format!(
                    "column \"{name}\" is not one afterlift knows in a Strong export; its values are not read"
                )),
            }
        }
        Columns { by_field }
    }

    fn get(&self, field: Field) -> Option<usize> {
        self.by_field.get(&field).map(|(c, _)| *c)
    }

    fn required(&self, table: &Table<'_>, field: Field, english: &str) -> Result<usize, ReadError> {
        self.get(field).ok_or_else(|| {
            table.header_error(format!("expected a column \"{english}\" (in any language)"))
        })
    }

    /// The unit written in a field's header, checked with `known`.
    fn unit<T>(
        &self,
        table: &Table<'_>,
        field: Field,
        known: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<Option<T>, ReadError> {
        let Some((column, Some(unit))) = self.by_field.get(&field) else {
            return Ok(None);
        };
        known(unit).map(Some).ok_or_else(|| {
            table.header_error(format!(
                "expected {expected} in column \"{}\", found \"{unit}\"",
                table.names().get(*column).map_or("", String::as_str)
            ))
        })
    }
}

fn read(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
    let mut out = Output::default();
    let mut table = Table::new(bytes, file)?;
    let columns = Columns::read(&table, &mut out.warnings);
    let date = columns.required(&table, Field::Date, "Date")?;
    let exercise = columns.required(&table, Field::ExerciseName, "Exercise Name")?;
    let set_order = columns.required(&table, Field::SetOrder, "Set Order")?;
    let workout_name = columns.get(Field::WorkoutName);
    let duration = columns.get(Field::Duration);
    let weight = columns.get(Field::Weight);
    let weight_unit = columns.get(Field::WeightUnit);
    let reps = columns.get(Field::Reps);
    let distance = columns.get(Field::Distance);
    let distance_unit = columns.get(Field::DistanceUnit);
    let seconds = columns.get(Field::Seconds);
    let rpe = columns.get(Field::Rpe);
    let header_weight_unit = columns.unit(
        &table,
        Field::Weight,
        strong_headers::weight_unit,
        "a weight unit (kg, lbs)",
    )?;
    let header_metres = columns.unit(
        &table,
        Field::Distance,
        strong_headers::metres_per,
        "a distance unit (km, m, mi, ft, yd)",
    )?;
    let duration_seconds_per = columns
        .unit(
            &table,
            Field::Duration,
            strong_headers::seconds_per,
            "a time unit (sec, min)",
        )?
        .unwrap_or(1.0);
    let seconds_per = columns
        .unit(
            &table,
            Field::Seconds,
            strong_headers::seconds_per,
            "a time unit (sec, min)",
        )?
        .unwrap_or(1.0);

    let rows = table.rows()?;
    let (order, order_warning) = DayOrder::decide(
        rows.iter()
            .map(|(line, record)| (*line, record.get(date).unwrap_or_default())),
    )
    .map_err(|message| table.column_error(date, message))?;
    out.warnings.extend(order_warning);

    let mut workouts = Workouts::default();
    let mut unknown_orders = 0;
    for (line, record) in rows {
        let row = table.row(line, record);
        let date_text = row.text(Some(date)).unwrap_or_default();
        let title = row.text(workout_name).unwrap_or_default().to_owned();

        let kind = match row.text(Some(set_order)) {
            Some(o) if o.eq_ignore_ascii_case("w") => SetKind::Warmup,
            Some(o) if o.eq_ignore_ascii_case("d") => SetKind::Drop,
            Some(o) if o.eq_ignore_ascii_case("f") => SetKind::Failure,
            Some(o) if strong_headers::is_rest_row(o) => continue,
            Some(o) if o.chars().all(|c| c.is_ascii_digit()) => SetKind::Normal,
            _ => {
                unknown_orders += 1;
                SetKind::Normal
            }
        };

        let key = (date_text.to_owned(), title);
        let workout = match workouts.find(&key) {
            Some(index) => index,
            None => {
                let civil = csv_dates::parse(date_text, order).ok_or_else(|| {
                    row.error(
                        date,
                        format!("expected a date like 2019-08-06 18:36:03, found \"{date_text}\""),
                    )
                })?;
                let started_at = csv_common::in_zone(civil, &opts.time_zone).ok_or_else(|| {
                    row.error(
                        date,
                        format!("\"{date_text}\" does not exist in the time zone"),
                    )
                })?;
                // The first row of a workout carries its duration.
                let duration_s = match (duration, row.text(duration)) {
                    (Some(c), Some(text)) => {
                        Some(duration_s(text, duration_seconds_per).ok_or_else(|| {
                            row.error(
                                c,
                                format!("expected a duration like 1h 5m, found \"{text}\""),
                            )
                        })?)
                    }
                    _ => None,
                };
                let duration_s = csv_common::plausible_duration(
                    duration_s,
                    &row.here(duration),
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
                        source: "strong".to_owned(),
                        exercises: Vec::new(),
                    },
                )
            }
        };

        let unit = match row.text(weight_unit) {
            Some(text) => strong_headers::weight_unit(text).ok_or_else(|| {
                row.error(
                    weight_unit.unwrap_or(0),
                    format!("expected a weight unit kg or lbs, found \"{text}\""),
                )
            })?,
            None => header_weight_unit.unwrap_or(opts.weight_unit),
        };
        let metres_per_unit = match row.text(distance_unit) {
            Some(text) => strong_headers::metres_per(text).ok_or_else(|| {
                row.error(
                    distance_unit.unwrap_or(0),
                    format!("expected a distance unit km, m, mi, ft or yd, found \"{text}\""),
                )
            })?,
            None => header_metres.unwrap_or(match unit {
                // Without a unit anywhere, Strong writes distances in the user's system.
                WeightUnit::Lb => strong_headers::metres_per("mi").unwrap_or(1609.344),
                WeightUnit::Kg => 1000.0,
            }),
        };
        let raw = RawSet {
            reps: row.whole(reps)?,
            weight_kg: row.number(weight)?.map(|w| w * unit.kg_per_unit()),
            rpe: row.number(rpe)?,
            duration_s: row.number(seconds)?.map(|s| s * seconds_per),
            distance_m: row.number(distance)?.map(|d| d * metres_per_unit),
        };
        let mut set = csv_common::plausible_set(raw, &row, &mut out.warnings);
        set.kind = kind;
        let name = row.text(Some(exercise)).unwrap_or("Unnamed exercise");
        workouts.add_set(workout, name, set);
    }
    if unknown_orders > 0 {
        out.warnings.push(format!(
            "{unknown_orders} rows with an unknown Set Order read as normal sets"
        ));
    }
    out.lifts = workouts.finish(&mut out.warnings);
    Ok(out)
}

/// A workout's duration: a plain number is in the header's unit (`Duration (sec)`), anything else is text.
fn duration_s(text: &str, seconds_per_unit: f64) -> Option<f64> {
    match csv_common::decimal(text) {
        Some(value) if value >= 0.0 => Some(value * seconds_per_unit),
        Some(_) => None,
        None => parse_duration_s(text),
    }
}

/// Words for hours, minutes and seconds in the durations Strong writes (`2h 18m`, `1 Std. 5 Min.`,
/// `1小时5分钟`, `1時間5分`, `1 ч 5 мин`), lowercase and without a trailing dot.
const DURATION_UNITS: &[(&str, f64)] = &[
    ("h", 3600.0),
    ("hr", 3600.0),
    ("hrs", 3600.0),
    ("hour", 3600.0),
    ("hours", 3600.0),
    ("std", 3600.0),
    ("stunde", 3600.0),
    ("stunden", 3600.0),
    ("u", 3600.0),
    ("uur", 3600.0),
    ("ч", 3600.0),
    ("час", 3600.0),
    ("小时", 3600.0),
    ("小時", 3600.0),
    ("時間", 3600.0),
    ("m", 60.0),
    ("min", 60.0),
    ("mins", 60.0),
    ("minute", 60.0),
    ("minutes", 60.0),
    ("minuten", 60.0),
    ("minuti", 60.0),
    ("minutos", 60.0),
    ("мин", 60.0),
    ("分", 60.0),
    ("分钟", 60.0),
    ("分鐘", 60.0),
    ("s", 1.0),
    ("sec", 1.0),
    ("secs", 1.0),
    ("sek", 1.0),
    ("seconds", 1.0),
    ("с", 1.0),
    ("сек", 1.0),
    ("秒", 1.0),
];

/// `2h 18m`, `45m`, `1h`, `30s`, `1:23:45`, `83:20`, plain seconds, or the same in other languages
/// ([`DURATION_UNITS`]).
pub(crate) fn parse_duration_s(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(seconds) = csv_common::decimal(text) {
        return (seconds >= 0.0).then_some(seconds);
    }
    if text.contains(':') {
        let parts: Vec<f64> = text
            .split(':')
            .map(|p| p.trim().parse::<f64>().ok())
            .collect::<Option<_>>()?;
        return match parts.as_slice() {
            [h, m, s] => Some(h * 3600.0 + m * 60.0 + s),
            [m, s] => Some(m * 60.0 + s),
            _ => None,
        };
    }
    // Number, unit, number, unit…: spaces and dots between them don't matter.
    let mut total = 0.0;
    let mut any = false;
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(rest.len());
        let value = csv_common::decimal(&rest[..number_end])?;
        rest = rest[number_end..].trim_start();
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c.is_whitespace())
            .unwrap_or(rest.len());
        let unit = rest[..unit_end].trim_end_matches('.').to_lowercase();
        let (_, per) = DURATION_UNITS.iter().find(|(u, _)| *u == unit)?;
        total += value * per;
        any = true;
        rest = &rest[unit_end..];
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_s("2h 18m"), Some(8280.0));
        assert_eq!(parse_duration_s("45m"), Some(2700.0));
        assert_eq!(parse_duration_s("1h"), Some(3600.0));
        assert_eq!(parse_duration_s("1:02:03"), Some(3723.0));
        assert_eq!(parse_duration_s("95"), Some(95.0));
        assert_eq!(parse_duration_s("abc"), None);
        assert_eq!(parse_duration_s("5x"), None);
        assert_eq!(parse_duration_s("1 Std. 5 Min."), Some(3900.0));
        assert_eq!(parse_duration_s("1小时5分钟"), Some(3900.0));
        assert_eq!(parse_duration_s("1時間5分"), Some(3900.0));
        assert_eq!(parse_duration_s("1 ч 5 мин"), Some(3900.0));
        assert_eq!(parse_duration_s("1h 5"), None);
        assert_eq!(duration_s("3600", 1.0), Some(3600.0));
        assert_eq!(duration_s("60", 60.0), Some(3600.0));
    }
}
