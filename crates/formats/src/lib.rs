//! afterlift-formats: turn the bytes of a watch file or a strength-app export into core session types.
//!
//! One entry point, [`read`], takes a file's bytes and name and returns what is in it: cardio
//! [`Activity`]s (FIT, GPX, TCX), strength sessions ([`StrengthSession`]: Strong and Hevy CSV, FIT
//! strength workouts), or a reason the file was skipped (a FIT monitoring file). Gzip files and zip
//! archives (Strava and Garmin bulk exports) are opened transparently and recursively.
//!
//! ```no_run
//! use afterlift_formats::{read, Content, ReadOptions};
//! let bytes = std::fs::read("run.fit")?;
//! for parsed in read(&bytes, "run.fit", &ReadOptions::default())? {
//!     match parsed.content {
//!         Content::Activities(activities) => println!("{} activities", activities.len()),
//!         Content::Lifts(lifts) => println!("{} strength sessions", lifts.len()),
//!         Content::Skipped { reason } => println!("skipped: {reason}"),
//!         Content::Failed { error } => println!("failed: {error}"),
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The shape of the result:
//! - `read` fails with a [`ReadError`] (file, place, what was expected) when the file itself cannot be read.
//! - Otherwise it returns one [`Parsed`] per item: one for a plain file (two when a FIT file holds both
//!   cardio and strength sessions), one per entry for a zip archive. An archive entry that fails becomes
//!   [`Content::Failed`], so one bad entry never loses the rest; entries of unknown format are
//!   [`Content::Skipped`] with `format: None`. Each item of an archive names its entry and the entry's
//!   content hash ([`Parsed::member`]), so that a caller can import, and retry, entries one by one.
//! - A file that is not a workout file at all — its content is of no known format and its name has no
//!   workout extension (README, LICENSE, photos, notes) — is [`Content::Skipped`] with `format: None`
//!   rather than an error, in an archive or not. A `.fit`, `.gpx`, `.tcx`, `.csv`, `.gz` or `.zip`
//!   file of unknown content, and an XML document of another kind (KML), are still errors that say
//!   what was found: they were meant to be read.
//! - Strava's bulk export: its `activities.csv` supplies the sport (when the recording has none) and
//!   the name ([`Parsed::title`]) of the recordings it lists.
//! - A FIT file damaged after valid data (truncated, a bad CRC, garbage after some kilobytes) gives what
//!   was read before the damage, with [`Parsed::partial`] saying where and why, and a warning; with
//!   nothing readable before the damage it is still an error.
//! - Implausible values (heart rate 0 or above 250 bpm, a 45-hour workout, a run at 40 m/s) are dropped
//!   and reported in [`Parsed::warnings`], naming the place; they do not fail the file.
//! - The format comes from the content ([`detect`]); the file name's extension only breaks ties.
//!
//! Every format is one module implementing [`FileFormat`], listed once in the [`registry`]
//! ([`FORMATS`]): adding a format is one file plus one registry line. Detection, reading, the error
//! messages about unknown files and the format names callers show all walk that list. The one writer,
//! [`hevy::write`], is beside its reader.
//!
//! Architecture invariant: no I/O here (bytes in, values out), no panics on any input, and no
//! allocation sized by a length field read from a file.

mod activity;
mod archive;
mod csv_common;
mod csv_dates;
mod detect;
mod error;
mod fit;
mod gpx;
pub mod hevy;
pub mod registry;
pub mod spreadsheet;
mod strava_index;
mod strong;
mod strong_headers;
mod tcx;
mod xml;

use afterlift_core::session::{Activity, StrengthSession};

use archive::Container;
use registry::Kind;

pub use archive::{MAX_ARCHIVE_BYTES, MAX_ENTRY_BYTES};
pub use detect::detect;
pub use error::{ErrorKind, Place, ReadError};
pub use registry::{Confidence, FORMATS, FileFormat, Format, Signature};
pub use strava_index::StravaIndex;

/// How to interpret what a file does not say itself.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadOptions {
    /// The zone of local wall-clock times without an offset (Strong and Hevy CSV dates; FIT files
    /// whose clock is relative to device power-on). Default UTC; the CLI passes the athlete's zone.
    pub time_zone: jiff::tz::TimeZone,
    /// The unit of Strong's `Weight` column when the export has no `Weight Unit` column.
    pub weight_unit: WeightUnit,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            time_zone: jiff::tz::TimeZone::UTC,
            weight_unit: WeightUnit::Kg,
        }
    }
}

/// A unit of weight used in strength-app exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightUnit {
    #[default]
    Kg,
    Lb,
}

impl WeightUnit {
    /// Kilograms per unit (1 lb = 0.45359237 kg exactly).
    pub fn kg_per_unit(self) -> f64 {
        match self {
            WeightUnit::Kg => 1.0,
            WeightUnit::Lb => 0.453_592_37,
        }
    }
}

/// One item read from a file (or from an entry of an archive).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The file name, or `archive.zip!activities/123.fit.gz` for an archive entry.
    pub source_name: String,
    /// The format of the content (`Fit` for `run.fit.gz`); `None` only for archive entries of unknown format.
    pub format: Option<Format>,
    pub content: Content,
    /// Values dropped or clamped, and other things the reader noticed, each naming its place.
    pub warnings: Vec<String>,
    /// Set when the file is damaged after valid data: the content is what was read before the damage.
    pub partial: Option<Partial>,
    /// The archive entry this item came from (`None` for a file that is not in an archive).
    pub member: Option<Member>,
    /// The name its app gave the activity, from Strava's `activities.csv` in a bulk export.
    pub title: Option<String>,
}

/// An entry of a zip archive: what the import ledger records of it, so that a re-imported archive
/// retries only the entries that failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Its path inside the archive (`activities/1234.fit.gz`).
    pub path: String,
    /// SHA-256 of its bytes (as stored, e.g. still gzipped), 64 lowercase hex digits: the same hash
    /// the log's ledger uses for files.
    pub content_hash: String,
}

/// Where a damaged file stopped being readable. What came before is kept; the store marks the import
/// partial so that a repaired copy of the same file replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partial {
    /// The byte offset (in the decompressed file) where reading stopped.
    pub offset: u64,
    /// What was wrong there.
    pub reason: String,
}

/// What an item holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Activities(Vec<Activity>),
    Lifts(Vec<StrengthSession>),
    /// Nothing to import, for a stated reason (a FIT monitoring file, a photo in an export archive).
    Skipped {
        reason: String,
    },
    /// An archive entry that could not be read (the other entries are still returned).
    Failed {
        error: ReadError,
    },
}

/// Reads every activity and strength session in `bytes`. `file_name` names the file in errors and
/// warnings and breaks ties in format detection. See the crate documentation for the result's shape.
pub fn read(bytes: &[u8], file_name: &str, opts: &ReadOptions) -> Result<Vec<Parsed>, ReadError> {
    read_nested(bytes, file_name, file_name, opts, 0)
}

/// What one reader ([`FileFormat::read`]) found in one (decompressed) file; [`read`] makes it the
/// [`Parsed`] items of the file.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Output {
    pub activities: Vec<Activity>,
    pub lifts: Vec<StrengthSession>,
    /// Set when the file is deliberately not imported (e.g. a FIT monitoring file).
    pub skipped: Option<String>,
    pub warnings: Vec<String>,
    pub partial: Option<Partial>,
}

/// `source_name` names the item in results and errors; `detect_name` is the name whose extension
/// breaks ties (`123.fit` inside `123.fit.gz`); `depth` counts the archives around this file.
pub(crate) fn read_nested(
    bytes: &[u8],
    source_name: &str,
    detect_name: &str,
    opts: &ReadOptions,
    depth: u8,
) -> Result<Vec<Parsed>, ReadError> {
    if bytes.is_empty() {
        return Err(detect::explain_unknown(bytes, source_name));
    }
    let Some(format) = detect(bytes, Some(detect_name)) else {
        if strava_index::is_index(detect_name) && strava_index::parse(bytes).is_some() {
            return Ok(vec![strava_index_file(source_name)]);
        }
        // An XML document of another kind (KML, a route planner's format) is worth an explanation.
        if !detect::has_workout_extension(detect_name) && !detect::is_xml(bytes) {
            return Ok(vec![not_a_workout_file(source_name)]);
        }
        return Err(detect::explain_unknown(bytes, source_name));
    };
    let output = match format.0 {
        Kind::Container(Container::Gzip) => {
            return archive::read_gzip(bytes, source_name, detect_name, opts, depth);
        }
        Kind::Container(Container::Zip) => {
            return archive::read_zip(bytes, source_name, opts, depth);
        }
        Kind::File(reader) => reader.read(bytes, source_name, opts)?,
    };
    Ok(into_parsed(output, source_name, format))
}

/// A README, a photo, a notes file: skipped, and not worth a word.
pub(crate) fn not_a_workout_file(source_name: &str) -> Parsed {
    Parsed {
        source_name: source_name.to_owned(),
        format: None,
        content: Content::Skipped {
            reason: "not a workout file".to_owned(),
        },
        warnings: Vec::new(),
        partial: None,
        member: None,
        title: None,
    }
}

/// Strava's `activities.csv`: read for what it says about the recordings beside it in an archive.
pub(crate) fn strava_index_file(source_name: &str) -> Parsed {
    Parsed {
        content: Content::Skipped {
            reason:
                "Strava's activity index: it names the recordings of an export and their sports"
                    .to_owned(),
        },
        ..not_a_workout_file(source_name)
    }
}

fn into_parsed(output: Output, source_name: &str, format: Format) -> Vec<Parsed> {
    let Output {
        activities,
        lifts,
        skipped,
        mut warnings,
        partial,
    } = output;
    let item = |content, warnings| Parsed {
        source_name: source_name.to_owned(),
        format: Some(format),
        content,
        warnings,
        partial: partial.clone(),
        member: None,
        title: None,
    };
    if let Some(reason) = skipped {
        return vec![item(Content::Skipped { reason }, warnings)];
    }
    let mut items = Vec::with_capacity(2);
    if !activities.is_empty() {
        items.push(item(
            Content::Activities(activities),
            std::mem::take(&mut warnings),
        ));
    }
    if !lifts.is_empty() {
        items.push(item(Content::Lifts(lifts), std::mem::take(&mut warnings)));
    }
    if items.is_empty() {
        items.push(item(
            Content::Skipped {
                reason: "the file holds no activities or workouts".to_owned(),
            },
            warnings,
        ));
    }
    items
}
