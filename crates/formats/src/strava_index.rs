//! Strava's bulk export index, `activities.csv`: one row per activity with its name, its type and the
//! file of its recording (`activities/1234567.gpx`, `activities/1234567.fit.gz`).
//!
//! The recordings often lack what the index has: a GPX without `<type>`, a FIT file of a sport the
//! device did not know. The index supplies the sport of a recording that has none ([`Sport::Other`])
//! and its name: read from an export archive here, and by callers that import an unpacked export
//! folder through [`StravaIndex`].
//!
//! The header is Strava's (English account): `Activity ID,Activity Date,Activity Name,Activity
//! Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity
//! Private Note,Activity Gear,Filename,Athlete Weight,…` — some names repeat (`Elapsed Time`,
//! `Distance`), the first of each is used. Exports of accounts in other languages translate the
//! header but keep its order, so a header without the English names is read by position when its
//! `Filename` column (the 13th) holds `activities/…` paths.

use std::collections::HashMap;

use afterlift_core::session::Sport;

use crate::detect::strip_bom;

/// Strava's `activities.csv`, read: what it says about each recording of the export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StravaIndex {
    entries: HashMap<String, IndexEntry>,
}

impl StravaIndex {
    /// The index in `bytes`, or `None` when they are not Strava's `activities.csv`.
    pub fn parse(bytes: &[u8]) -> Option<StravaIndex> {
        parse(bytes).map(|entries| StravaIndex { entries })
    }

    /// Whether a file name is the index's (`activities.csv`, in any case).
    pub fn is_index_name(path: &str) -> bool {
        is_index(path)
    }

    /// Gives an item read from the recording at `path` (relative to the export's root:
    /// `activities/123.gpx`) its name and, when it has none, its sport.
    pub fn describe(&self, path: &str, item: &mut crate::Parsed) {
        if let Some(entry) = lookup(&self.entries, path) {
            entry.apply(item);
        }
    }

    pub(crate) fn entry(&self, path: &str) -> Option<&IndexEntry> {
        lookup(&self.entries, path)
    }
}

/// What the index says about one recording.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IndexEntry {
    pub name: Option<String>,
    /// Strava's activity type as written ("Ride", "Run", "Weight Training", "Virtual Ride"…).
    pub kind: Option<String>,
}

impl IndexEntry {
    /// The sport of the type, when it is one afterlift tracks.
    pub fn sport(&self) -> Option<Sport> {
        self.kind.as_deref().and_then(crate::gpx::sport_from_type)
    }

    /// The name, and the sport when the recording has none, with a warning saying where it came from.
    pub(crate) fn apply(&self, item: &mut crate::Parsed) {
        let crate::Content::Activities(activities) = &mut item.content else {
            return;
        };
        if let Some(name) = &self.name {
            item.title = Some(name.clone());
        }
        let Some(sport) = self.sport() else { return };
        for a in activities.iter_mut().filter(|a| a.sport == Sport::Other) {
            a.sport = sport;
            item.warnings.push(format!(
                "{}: sport {} from Strava's activities.csv (\"{}\")",
                a.started_at,
                sport.as_str(),
                self.kind.as_deref().unwrap_or_default()
            ));
        }
    }
}

/// Whether `path` (inside an archive) is a Strava export's index.
pub(crate) fn is_index(path: &str) -> bool {
    let base = path.rsplit('/').next().unwrap_or(path);
    base.eq_ignore_ascii_case("activities.csv")
}

/// Column positions in Strava's header, used when the names are not English.
const NAME_COLUMN: usize = 2;
const TYPE_COLUMN: usize = 3;
const FILE_COLUMN: usize = 12;

/// The index by recording path (as in the archive: `activities/123.gpx`, compared case-insensitively),
/// or `None` when `bytes` is not Strava's `activities.csv`.
pub(crate) fn parse(bytes: &[u8]) -> Option<HashMap<String, IndexEntry>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(strip_bom(bytes));
    let mut records = reader.records();
    let header = records.next()?.ok()?;
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let named = (
        find("Activity Name"),
        find("Activity Type"),
        find("Filename"),
    );
    let (name_at, type_at, file_at, by_position) = match named {
        (name, kind, Some(file)) => (name, kind, file, false),
        _ if header.len() > FILE_COLUMN => {
            (Some(NAME_COLUMN), Some(TYPE_COLUMN), FILE_COLUMN, true)
        }
        _ => return None,
    };
    let mut index = HashMap::new();
    for record in records {
        let Ok(record) = record else { continue };
        let Some(file) = record.get(file_at).map(str::trim).filter(|f| !f.is_empty()) else {
            continue; // a manual activity: no recording
        };
        if by_position && !file.to_ascii_lowercase().starts_with("activities/") {
            return None; // not Strava's column order after all
        }
        let cell = |at: Option<usize>| {
            at.and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        index.insert(
            file.to_ascii_lowercase(),
            IndexEntry {
                name: cell(name_at),
                kind: cell(type_at),
            },
        );
    }
    Some(index)
}

/// The entry for a recording at `path` inside the archive. The export's paths are relative to its
/// root; an archive that wraps the export in a folder (`export_123/activities/1.gpx`) still matches.
pub(crate) fn lookup<'a>(
    index: &'a HashMap<String, IndexEntry>,
    path: &str,
) -> Option<&'a IndexEntry> {
    let lower = path.to_ascii_lowercase();
    index.get(&lower).or_else(|| {
        let at = lower.find("activities/")?;
        index.get(&lower[at..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strava's header as exported (columns repeat), with a manual activity (no file), a quoted name
    /// with a comma, and a gym session.
    const INDEX: &str = "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance\n\
        1001,\"Jun 12, 2017, 4:09:22 PM\",\"Morning Ride, easy\",Ride,,61,0.46,114,,false,,,activities/1001.gpx,,,61.0,61.0,460.3\n\
        1002,\"Jun 13, 2017, 6:00:00 PM\",Manual run,Run,,1800,5.00,,,false,,,,,,1800.0,1800.0,5000.0\n\
        1003,\"Jun 14, 2017, 6:00:00 PM\",Legs,Weight Training,,3600,0,,,false,,,activities/1003.fit.gz,,,3600.0,3600.0,0\n";

    #[test]
    fn reads_name_and_type_by_file() {
        let index = parse(INDEX.as_bytes()).unwrap();
        assert_eq!(index.len(), 2);
        let ride = lookup(&index, "activities/1001.gpx").unwrap();
        assert_eq!(ride.name.as_deref(), Some("Morning Ride, easy"));
        assert_eq!(ride.sport(), Some(Sport::Cycle));
        let legs = lookup(&index, "export_99/Activities/1003.fit.gz").unwrap();
        assert_eq!(legs.kind.as_deref(), Some("Weight Training"));
        assert_eq!(legs.sport(), None);
    }

    #[test]
    fn translated_header_is_read_by_position() {
        let translated = INDEX.replacen(
            "Activity ID,Activity Date,Activity Name,Activity Type",
            "ID de actividad,Fecha de la actividad,Nombre de la actividad,Tipo de actividad",
            1,
        );
        let translated = translated.replacen(",Filename,", ",Nombre del archivo,", 1);
        let index = parse(translated.as_bytes()).unwrap();
        assert_eq!(
            lookup(&index, "activities/1001.gpx").unwrap().sport(),
            Some(Sport::Cycle)
        );
        assert!(parse(b"a,b,c\n1,2,3\n").is_none());
        assert!(parse(b"").is_none());
    }
}
