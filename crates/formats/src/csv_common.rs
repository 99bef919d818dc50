//! Shared by the Strong and Hevy readers: header sniffing, column lookup by name, typed cell
//! parsing with line/column errors, local dates placed in a zone, and grouping rows into workouts.

use std::collections::HashMap;

use afterlift_core::session::{ExerciseLog, SetLog, StrengthSession};

use crate::detect::{is_xml, strip_bom};
use crate::error::{ErrorKind, Place, ReadError};
use afterlift_core::limits::{self, LOGGED_LIFT_SECONDS};

/// The first line of a text file, if the file looks like delimited text.
pub(crate) fn first_line(text: &[u8]) -> Option<String> {
    let end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let line = std::str::from_utf8(text.get(..end.min(1024))?).ok()?.trim();
    let printable = line.chars().all(|c| !c.is_control() || c == '\t');
    (printable && !line.is_empty() && (line.contains(',') || line.contains(';')))
        .then(|| line.to_owned())
}

/// The delimiter of a header line: `;` when it has more semicolons than commas.
pub(crate) fn delimiter(header: &str) -> u8 {
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

fn header_names(header: &str) -> Vec<String> {
    header
        .split(char::from(delimiter(header)))
        .map(|n| n.trim().trim_matches('"').trim().to_ascii_lowercase())
        .collect()
}

/// The names in the header line of a CSV file (lowercase, unquoted), for the CSV formats' sniffing;
/// `None` for text that is not delimited, and for an XML document.
pub(crate) fn header_names_of(bytes: &[u8]) -> Option<Vec<String>> {
    if is_xml(bytes) {
        return None;
    }
    Some(header_names(&first_line(strip_bom(bytes))?))
}

/// A CSV file read row by row, with columns found by (case-insensitive) header name.
pub(crate) struct Table<'a> {
    pub file: &'a str,
    reader: csv::Reader<&'a [u8]>,
    columns: HashMap<String, usize>,
    /// Header names as written, for error messages.
    names: Vec<String>,
}

/// One row: its line and cells.
pub(crate) struct Row<'t> {
    pub line: u64,
    record: csv::StringRecord,
    table: &'t Table<'t>,
}

impl<'a> Table<'a> {
    pub(crate) fn new(bytes: &'a [u8], file: &'a str) -> Result<Table<'a>, ReadError> {
        let text = strip_bom(bytes);
        let delimiter = first_line(text).map_or(b',', |h| delimiter(&h));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text);
        let headers = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
        let names: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
        let columns = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_ascii_lowercase(), i))
            .collect();
        Ok(Table {
            file,
            reader,
            columns,
            names,
        })
    }

    /// The header names as written.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// An error about the header line.
    pub(crate) fn header_error(&self, message: String) -> ReadError {
        ReadError::new(
            self.file,
            ErrorKind::UnknownFormat,
            Place::Line {
                line: 1,
                column: None,
            },
            message,
        )
    }

    /// An error about a whole column (its values disagree with each other).
    pub(crate) fn column_error(&self, column: usize, message: String) -> ReadError {
        ReadError::new(
            self.file,
            ErrorKind::InvalidValue,
            Place::Line {
                line: 1,
                column: Some(self.name(column)),
            },
            message,
        )
    }

    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }

    /// A column the format cannot do without.
    pub(crate) fn required(&self, name: &str) -> Result<usize, ReadError> {
        self.column(name).ok_or_else(|| {
            ReadError::new(
                self.file,
                ErrorKind::UnknownFormat,
                Place::Line {
                    line: 1,
                    column: None,
                },
                format!(
                    "expected a column \"{name}\" in the header, found {}",
                    self.names.join(", ")
                ),
            )
        })
    }

    /// Every data row, in order.
    pub(crate) fn rows(&mut self) -> Result<Vec<(u64, csv::StringRecord)>, ReadError> {
        let mut rows = Vec::new();
        for record in self.reader.records() {
            let record = record.map_err(|e| csv_error(self.file, &e))?;
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let line = record.position().map_or(0, |p| p.line());
            rows.push((line, record));
        }
        Ok(rows)
    }

    pub(crate) fn row<'t>(&'t self, line: u64, record: csv::StringRecord) -> Row<'t> {
        Row {
            line,
            record,
            table: self,
        }
    }

    fn name(&self, column: usize) -> String {
        self.names.get(column).cloned().unwrap_or_default()
    }
}

impl Row<'_> {
    /// A trimmed, non-empty cell.
    pub(crate) fn text(&self, column: Option<usize>) -> Option<&str> {
        column
            .and_then(|c| self.record.get(c))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    pub(crate) fn error(&self, column: usize, message: impl Into<String>) -> ReadError {
        ReadError::new(
            self.table.file,
            ErrorKind::InvalidValue,
            self.place(Some(column)),
            message,
        )
    }

    pub(crate) fn place(&self, column: Option<usize>) -> Place {
        Place::Line {
            line: self.line,
            column: column.map(|c| self.table.name(c)),
        }
    }

    /// "line 17, column \"Reps\"" for warnings.
    pub(crate) fn here(&self, column: Option<usize>) -> String {
        self.place(column)
            .to_string()
            .trim_start_matches(" at ")
            .to_owned()
    }

    /// A decimal number; a decimal comma is accepted (`102,5`).
    pub(crate) fn number(&self, column: Option<usize>) -> Result<Option<f64>, ReadError> {
        let Some(text) = self.text(column) else {
            return Ok(None);
        };
        match decimal(text) {
            Some(v) => Ok(Some(v)),
            None => Err(self.error(
                column.unwrap_or(0),
                format!("expected a number, found \"{text}\""),
            )),
        }
    }

    /// A whole number (`8`, `8.0` or `8,0`).
    pub(crate) fn whole(&self, column: Option<usize>) -> Result<Option<f64>, ReadError> {
        let Some(text) = self.text(column) else {
            return Ok(None);
        };
        match decimal(text) {
            Some(v) if v.fract() == 0.0 => Ok(Some(v)),
            _ => Err(self.error(
                column.unwrap_or(0),
                format!("expected a whole number, found \"{text}\""),
            )),
        }
    }
}

/// A finite decimal number written with a point or a decimal comma (`102.5`, `102,5`). A comma is read as
/// a decimal separator only when it is the only separator: no export writes thousands separators.
pub(crate) fn decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let value = match text.parse::<f64>() {
        Ok(v) => v,
        Err(_) if text.matches(',').count() == 1 && !text.contains('.') => {
            text.replace(',', ".").parse::<f64>().ok()?
        }
        Err(_) => return None,
    };
    value.is_finite().then_some(value)
}

fn csv_error(file: &str, e: &csv::Error) -> ReadError {
    let place = match e.position() {
        Some(p) => Place::Line {
            line: p.line(),
            column: None,
        },
        None => Place::File,
    };
    let kind = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => ErrorKind::InvalidValue,
        _ => ErrorKind::Malformed,
    };
    ReadError::new(file, kind, place, format!("expected CSV: {e}"))
}

/// A wall-clock time placed in `zone` (a time skipped by a DST change moves forward).
pub(crate) fn in_zone(
    civil: jiff::civil::DateTime,
    zone: &jiff::tz::TimeZone,
) -> Option<jiff::Timestamp> {
    zone.to_ambiguous_zoned(civil)
        .compatible()
        .ok()
        .map(|z| z.timestamp())
}

/// A set's values as exported, before the plausibility checks.
pub(crate) struct RawSet {
    pub reps: Option<f64>,
    pub weight_kg: Option<f64>,
    pub rpe: Option<f64>,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
}

/// Workouts assembled from rows, in the order they first appear.
#[derive(Default)]
pub(crate) struct Workouts {
    sessions: Vec<StrengthSession>,
    index: HashMap<(String, String), usize>,
    pub empty_sets: usize,
}

impl Workouts {
    /// The index of the workout with this key, if seen.
    pub(crate) fn find(&self, key: &(String, String)) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Adds a new workout; returns its index.
    pub(crate) fn push(&mut self, key: (String, String), session: StrengthSession) -> usize {
        self.sessions.push(session);
        let index = self.sessions.len() - 1;
        self.index.insert(key, index);
        index
    }

    /// Adds a set to the named exercise of a workout (sets of one exercise stay together).
    pub(crate) fn add_set(&mut self, workout: usize, exercise: &str, set: SetLog) {
        if set.reps.is_none()
            && set.weight_kg.is_none()
            && set.duration_s.is_none()
            && set.distance_m.is_none()
        {
            self.empty_sets += 1;
            return;
        }
        let Some(session) = self.sessions.get_mut(workout) else {
            return;
        };
        match session.exercises.iter_mut().find(|e| e.name == exercise) {
            Some(e) => e.sets.push(set),
            None => session.exercises.push(ExerciseLog {
                name: exercise.to_owned(),
                sets: vec![set],
            }),
        }
    }

    pub(crate) fn finish(self, warnings: &mut Vec<String>) -> Vec<StrengthSession> {
        if self.empty_sets > 0 {
            warnings.push(format!(
                "{} sets with no reps, weight, time or distance ignored",
                self.empty_sets
            ));
        }
        self.sessions
    }
}

/// Drops implausible set values with a warning naming the row.
pub(crate) fn plausible_set(raw: RawSet, row: &Row<'_>, warnings: &mut Vec<String>) -> SetLog {
    let mut check = |value: Option<f64>, ok: &dyn Fn(f64) -> bool, what: &str, unit: &str| {
        value.filter(|&v| {
            let fine = ok(v);
            if !fine {
                warnings.push(format!(
                    "{}: {what} {v}{unit} is implausible; dropped",
                    row.here(None)
                ));
            }
            fine
        })
    };
    let reps = check(
        raw.reps,
        &|v| limits::LOGGED_SET_REPS.contains(v),
        "reps",
        "",
    );
    let weight_kg = check(
        raw.weight_kg,
        &|v| limits::LOGGED_SET_WEIGHT.contains(v),
        "weight",
        " kg",
    );
    let rpe = check(raw.rpe, &|v| limits::SET_RPE.contains(v), "RPE", "");
    let duration_s = check(
        raw.duration_s,
        &|v| LOGGED_LIFT_SECONDS.contains(v),
        "set time",
        " s",
    );
    let distance_m = check(
        raw.distance_m,
        &|v| limits::LOGGED_SET_DISTANCE.contains(v),
        "distance",
        " m",
    );
    SetLog {
        // Apps write 0 for "not recorded".
        reps: reps.filter(|&r| r > 0.0).map(|r| r as u32),
        weight_kg: weight_kg.filter(|&w| w > 0.0),
        rpe,
        kind: Default::default(),
        duration_s: duration_s.filter(|&d| d > 0.0),
        distance_m: distance_m.filter(|&d| d > 0.0),
    }
}

/// A workout's duration if plausible (0 < d ≤ 12 h, [`LOGGED_LIFT_SECONDS`]), else None with a warning.
pub(crate) fn plausible_duration(
    duration_s: Option<f64>,
    place: &str,
    warnings: &mut Vec<String>,
) -> Option<f64> {
    let d = duration_s?;
    if d > 0.0 && LOGGED_LIFT_SECONDS.contains(d) {
        Some(d)
    } else {
        warnings.push(format!(
            "{place}: workout duration {}h {}m is implausible; ignored",
            (d / 3600.0).trunc(),
            ((d % 3600.0) / 60.0).round()
        ));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(delimiter("a;b;c"), b';');
        assert_eq!(delimiter("a,b;c,d"), b',');
    }

    #[test]
    fn first_line_rejects_binary() {
        assert_eq!(first_line(b"\x00\x01,\x02"), None);
        assert_eq!(first_line(b"a,b\r\nc,d").as_deref(), Some("a,b"));
    }
}
