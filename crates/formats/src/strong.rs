//! Strong app CSV exports: one [`StrengthSession`] per workout (rows sharing `Date` and `Workout Name`).
//!
//! - Both export shapes are read: the older comma-separated one without units
//!   (`Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE`)
//!   and the newer semicolon-separated one with `Weight Unit` / `Distance Unit` columns and `Workout Duration`.
//! - Without a `Weight Unit` column, weights are in [`ReadOptions::weight_unit`] (kg by default);
//!   distances then are in km for kg users and miles for lb users.
//! - `Date` is local time without a zone: it is placed in [`ReadOptions::time_zone`].
//! - `Set Order` is the set number, or `W` warm-up, `D` drop set, `F` failure; `Rest Timer` rows are
//!   not sets and are skipped. Zero reps, weight, distance or seconds mean "not recorded".
//! - Durations read `2h 18m`, `45m`, `1h`, `30s`, `1:23:45` or plain seconds.
//! - A cell that cannot be parsed fails the file with its line and column; implausible values
//!   (a 45-hour workout, a 2000 kg squat) are dropped with a warning.

use afterlift_core::session::{SetKind, StrengthSession};

use crate::csv_common::{self, RawSet, Table, Workouts};
use crate::error::ReadError;
use crate::{Output, ReadOptions, WeightUnit};

const METRES_PER_MILE: f64 = 1609.344;

pub(crate) fn read(bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError> {
    let mut table = Table::new(bytes, file)?;
    let date = table.required("date")?;
    let workout_name = table.required("workout name")?;
    let exercise = table.required("exercise name")?;
    let set_order = table.required("set order")?;
    let duration = table
        .column("duration")
        .or(table.column("workout duration"));
    let weight = table.column("weight");
    let weight_unit = table.column("weight unit");
    let reps = table.column("reps");
    let distance = table.column("distance");
    let distance_unit = table.column("distance unit");
    let seconds = table.column("seconds");
    let rpe = table.column("rpe");

    let mut out = Output::default();
    let mut workouts = Workouts::default();
    let mut unknown_orders = 0;
    for (line, record) in table.rows()? {
        let row = table.row(line, record);
        let date_text = row.text(Some(date)).unwrap_or_default();
        let civil: jiff::civil::DateTime = date_text.parse().map_err(|_| {
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
        let title = row.text(Some(workout_name)).unwrap_or_default().to_owned();

        let kind = match row.text(Some(set_order)) {
            Some(o) if o.eq_ignore_ascii_case("w") => SetKind::Warmup,
            Some(o) if o.eq_ignore_ascii_case("d") => SetKind::Drop,
            Some(o) if o.eq_ignore_ascii_case("f") => SetKind::Failure,
            Some(o) if o.to_ascii_lowercase().starts_with("rest") => continue,
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
                // The first row of a workout carries its duration.
                let duration_s = match (duration, row.text(duration)) {
                    (Some(c), Some(text)) => Some(parse_duration_s(text).ok_or_else(|| {
                        row.error(
                            c,
                            format!("expected a duration like 1h 5m, found \"{text}\""),
                        )
                    })?),
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

        let unit = match row
            .text(weight_unit)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("lb" | "lbs" | "pounds") => WeightUnit::Lb,
            Some("kg" | "kgs" | "kilograms") => WeightUnit::Kg,
            Some(other) => {
                return Err(row.error(
                    weight_unit.unwrap_or(0),
                    format!("expected a weight unit kg or lbs, found \"{other}\""),
                ));
            }
            None => opts.weight_unit,
        };
        let metres_per_unit = match row
            .text(distance_unit)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("km") => 1000.0,
            Some("m") => 1.0,
            Some("mi" | "miles") => METRES_PER_MILE,
            Some("ft" | "feet") => 0.3048,
            Some("yd" | "yards") => 0.9144,
            Some(other) => {
                return Err(row.error(
                    distance_unit.unwrap_or(0),
                    format!("expected a distance unit km, m, mi, ft or yd, found \"{other}\""),
                ));
            }
            None if unit == WeightUnit::Lb => METRES_PER_MILE,
            None => 1000.0,
        };
        let raw = RawSet {
            reps: row.whole(reps)?,
            weight_kg: row.number(weight)?.map(|w| w * unit.kg_per_unit()),
            rpe: row.number(rpe)?,
            duration_s: row.number(seconds)?,
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

/// `2h 18m`, `45m`, `1h`, `30s`, `1:23:45`, `83:20` or plain seconds.
pub(crate) fn parse_duration_s(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds);
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
    let mut total = 0.0;
    let mut any = false;
    for token in text.split_whitespace() {
        let (number, unit) = token.split_at(token.find(|c: char| c.is_ascii_alphabetic())?);
        let value: f64 = number.parse().ok()?;
        total += value
            * match unit {
                "h" | "hr" | "hrs" => 3600.0,
                "m" | "min" | "mins" => 60.0,
                "s" | "sec" | "secs" => 1.0,
                _ => return None,
            };
        any = true;
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
    }
}
