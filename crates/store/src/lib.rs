//! afterlift-store: the training log's interface — what the athlete did, how they felt, what they
//! imported and what afterlift advised — and the types and checks every backend shares.
//!
//! [`Log`] is the trait a backend implements (`afterlift-store-sqlite` for the embedded personal log;
//! `afterlift-store-postgres` for coaches and teams), every method for one athlete ([`AthleteId`]);
//! [`Store`] is the handle the rest of afterlift holds — one athlete's log on some backend — and no SQL
//! exists outside the backend crates. [`conformance`] is the behaviour every backend must show, as tests a backend runs on
//! itself.
//!
//! # What is stored how
//! - Instants are Unix milliseconds (UTC), so anything finer than a millisecond is truncated.
//! - Activity samples are one compact BLOB per activity ([`samples`] documents the layout); time in
//!   heart-rate zones ([`zones`]) is computed on insert when the profile has a maximum heart rate, and
//!   recomputed for every activity when that changes.
//! - Activities and lifts are addressed by [`EntryId`]s: `a12`, `l3`.
//! - Values are checked by [`validate`] before they are written, the same on every backend.
//! - Rows are read into [`decode`]'s structs, the same on every sqlx backend; the SQL is each backend's.
//!
//! # Import
//! [`Store::import`] writes one file's worth of sessions in one transaction, all or nothing: a file whose
//! content hash is already in the athlete's ledger is not imported again
//! ([`ImportOutcome::AlreadyImported`]), and a session that is already in the athlete's log from another
//! source (the rule is in [`dedup`]) is not stored twice. Instead the two are merged, keeping the existing
//! entry and its id:
//! - cardio: a recording (with samples) replaces a summary without samples (a manual entry, a GPX without
//!   times); otherwise only the existing entry's missing values are filled in;
//! - strength: an app's session with exercises fills in a watch's session without them; otherwise only
//!   missing values (duration, title, RPE) are filled in.
//! - an entry imported from a damaged file (a partial import, [`ImportBatch::partial`]) is replaced by
//!   the same session from a whole file: its samples, times and distance.
//!
//! Deleting an entry ([`Store::delete`]) deletes its links in the ledger; once none of a file's entries
//! remain, the file can be imported again. Failed files are in the ledger too ([`Store::record_failure`]),
//! but never block a later successful import.
//!
//! # Advice
//! [`Store::record_advice`] returns once the advice is durable; callers answer only then ("every advice
//! is recorded"). The advice log is the athlete's data like the rest: listed and exported.
//!
//! Architecture invariant: the store knows the core's session types and nothing of files, formats, the CLI
//! or JSON (advice is kept as the caller's text; the JSON shapes are the contract's, in
//! `afterlift_core::contract`, made from the store's types by `afterlift-app`). Database errors stay inside [`StoreError`].

pub mod accounts;
pub mod batch;
#[doc(hidden)]
pub mod conformance;
pub mod decode;
mod error;
#[doc(hidden)]
pub mod forward;
mod id;
mod log;
pub mod rows;
pub mod samples;
#[doc(hidden)]
pub mod testdata;
pub mod validate;

use std::path::PathBuf;

use afterlift_core::Athlete;
use afterlift_core::catalogue::Alias;
use afterlift_core::contract::{FileStatus, RaceResult};
use afterlift_core::session::{Activity, StrengthSession, Wellness};
use jiff::Timestamp;
use jiff::civil::{Date, Time};

// The domain rules the store applies, kept in core: the duplicate rule and time in heart-rate zones.
pub use accounts::{
    Accounts, Grant, NewToken, Principal, Role, TokenKind, TokenRecord, User, UserId,
};
pub use afterlift_core::dedup::{self, MIN_SPAN_MS};
pub use afterlift_core::hr_zones::{self as zones, HrZones};
pub use error::StoreError;
pub use id::{EntryId, ParseEntryIdError};
pub use log::{AthleteId, Attempt, CopyWatch, KnownVersion, Log, Store, WellnessChange};
pub use validate::{MAX_ACTIVITY_S, MAX_STRENGTH_S};

/// The log's default location: `afterlift/afterlift.db` in the user's data directory
/// (`$XDG_DATA_HOME`, else `~/.local/share` on Linux; Application Support on macOS; AppData on Windows).
/// `None` when the system has no home directory.
pub fn default_db_path() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    Some(base.data_dir().join("afterlift").join("afterlift.db"))
}

/// The ledger's content hash of a file's bytes: SHA-256 as 64 lowercase hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = sha2::Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}

/// The athlete profile as stored: the core's [`Athlete`] plus where and when their day is, and a race.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub athlete: Athlete,
    /// IANA time zone name, e.g. `Europe/Berlin`: where "today" is.
    pub time_zone: Option<String>,
    /// When the athlete's day starts, local time (whole minutes).
    pub wake_time: Option<Time>,
    /// When it ends, local time (whole minutes); after `wake_time`.
    pub sleep_time: Option<Time>,
    /// A recent race result (1500 m to the marathon), for training paces.
    pub race: Option<RaceResult>,
}

impl Profile {
    /// A profile of `athlete` with nothing else set.
    pub fn new(athlete: Athlete) -> Profile {
        Profile {
            athlete,
            time_zone: None,
            wake_time: None,
            sleep_time: None,
            race: None,
        }
    }

    /// The profile as the advice request's athlete (`contract::AthleteInput`): with the time zone, the
    /// day window and the race. What the store validates, and what advice from the log is given for.
    pub fn athlete_input(&self) -> afterlift_core::contract::AthleteInput {
        let a = &self.athlete;
        afterlift_core::contract::AthleteInput {
            age: a.age_years,
            sex: a.sex,
            weight_kg: a.weight_kg,
            resting_hr: a.resting_hr_bpm,
            max_hr: a.max_hr_bpm,
            hrv_rmssd_ms: a.hrv_rmssd_ms,
            goal: a.goal,
            concurrent_weeks: a.concurrent_weeks,
            injury_prone: Some(a.injury_prone),
            time_zone: self.time_zone.clone(),
            wake_time: self.wake_time,
            sleep_time: self.sleep_time,
            race: self.race,
        }
    }
}

/// Which entries to list: `from` ≤ started_at < `to`, newest first, at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimeFilter {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub limit: Option<u32>,
}

impl TimeFilter {
    /// Everything.
    pub fn all() -> TimeFilter {
        TimeFilter::default()
    }

    /// Entries started in `[from, to)`.
    pub fn between(from: Timestamp, to: Timestamp) -> TimeFilter {
        TimeFilter {
            from: Some(from),
            to: Some(to),
            limit: None,
        }
    }

    /// At most the `n` newest.
    pub fn limit(self, n: u32) -> TimeFilter {
        TimeFilter {
            limit: Some(n),
            ..self
        }
    }
}

/// An activity read back from the log, with its samples.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredActivity {
    pub id: i64,
    pub activity: Activity,
    /// Time in heart-rate zones; `None` without samples with heart rate or without a maximum heart rate.
    pub hr_zones: Option<HrZones>,
    /// Recorded from a damaged file (what preceded the damage): the same session from a whole file
    /// replaces it on import.
    pub partial: bool,
}

impl StoredActivity {
    pub fn entry_id(&self) -> EntryId {
        EntryId::Activity(self.id)
    }
}

/// A strength session read back from the log.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLift {
    pub id: i64,
    pub session: StrengthSession,
}

impl StoredLift {
    pub fn entry_id(&self) -> EntryId {
        EntryId::Lift(self.id)
    }
}

/// One day's wellness check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct WellnessEntry {
    /// The athlete's local date.
    pub date: Date,
    pub wellness: Wellness,
}

/// An advice to keep: when it was given for, and the request and response as JSON text (shared with the
/// caller, who usually sends the same text as the answer).
#[derive(Debug, Clone)]
pub struct NewAdvice {
    pub at: Timestamp,
    pub request_json: std::sync::Arc<str>,
    pub response_json: std::sync::Arc<str>,
}

/// One piece of advice given, as recorded by [`Store::record_advice`].
#[derive(Debug, Clone, PartialEq)]
pub struct AdviceRecord {
    pub id: i64,
    pub at: Timestamp,
    pub request_json: String,
    pub response_json: String,
}

/// A personal experiment to keep ([`Store::insert_experiment`]): what was declared at its start, as the
/// caller's JSON text (the store keeps it as given, like the advice log), and the dates the store needs to
/// know which experiment is open.
#[derive(Debug, Clone, PartialEq)]
pub struct NewExperiment {
    pub created_at: Timestamp,
    /// The comparison's JSON name (`run_after_lift_or_separate_day`).
    pub comparison: String,
    /// The seed its schedule was drawn from.
    pub seed: u64,
    /// The protocol (`afterlift_core::experiment::Protocol`) as JSON text.
    pub protocol_json: String,
    /// The schedule's first and last days (inclusive), athlete's local dates.
    pub starts_on: Date,
    pub ends_on: Date,
    /// Set when an experiment is kept stopped already (a restore).
    pub stopped_on: Option<Date>,
    /// At most one experiment is open at a time: with `Some(today)`, the insert is refused (`Conflict`,
    /// naming it) while another experiment is neither stopped nor ended before `today` — checked in the
    /// writing transaction. `None` keeps it without the check (a restore of what another log held).
    pub exclusive_on: Option<Date>,
}

/// A personal experiment as the log keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentRecord {
    /// The athlete's experiment number, from 1.
    pub id: i64,
    pub created_at: Timestamp,
    pub comparison: String,
    pub seed: u64,
    pub protocol_json: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// The day it was stopped, if it was.
    pub stopped_on: Option<Date>,
}

impl ExperimentRecord {
    /// Whether it is open on `today`: not stopped, and its last day not before `today`.
    pub fn is_open(&self, today: Date) -> bool {
        self.stopped_on.is_none() && self.ends_on >= today
    }
}

/// Everything in the log an athlete owns, for `afterlift export` (oldest first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Export {
    pub profile: Option<Profile>,
    pub activities: Vec<StoredActivity>,
    pub lifts: Vec<StoredLift>,
    pub wellness: Vec<WellnessEntry>,
    /// The athlete's exercise aliases, by normalised name.
    pub aliases: Vec<Alias>,
    /// The advice log, oldest first.
    pub advice: Vec<AdviceRecord>,
    /// The import ledger, oldest first: what makes a file imported before a duplicate.
    pub ledger: Vec<LedgerEntry>,
    /// The personal experiments, by id.
    pub experiments: Vec<ExperimentRecord>,
}

/// One file's sessions, to be imported all or nothing by [`Store::import`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportBatch {
    /// SHA-256 of the file's bytes, 64 lowercase hex digits ([`content_hash`]).
    pub content_hash: String,
    /// The file as the user named it (for the ledger and messages).
    pub path: PathBuf,
    /// The detected format, e.g. `fit`, `gpx`, `tcx`, `strong_csv`, `hevy_csv`.
    pub format: String,
    pub activities: Vec<Activity>,
    pub lifts: Vec<StrengthSession>,
    /// A note for the ledger, e.g. the reader's warnings.
    pub message: Option<String>,
    /// Set when the file is damaged and its sessions are what was read before the damage: where and
    /// what (`byte 7471: …`). The ledger keeps it, and the activities are marked partial, so that the
    /// same session from a whole file later replaces them.
    pub partial: Option<String>,
}

/// An item of an [`ImportBatch`], by its index in `activities` or `lifts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BatchItem {
    Activity(usize),
    Lift(usize),
}

/// An imported item that was already in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duplicate {
    pub item: BatchItem,
    /// The entry it is the same session as (which keeps its id).
    pub existing: EntryId,
    /// Whether the existing entry took anything from the item (samples, exercises, missing values).
    pub merged: bool,
    /// Whether the existing entry came from a damaged file and the item replaced its recording.
    pub replaced_partial: bool,
}

/// What [`Store::import`] did with a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A file with this content hash was imported before (and at least one of its entries is still in
    /// the log); nothing was written. `ids` are the entries it gave.
    AlreadyImported { ids: Vec<EntryId> },
    /// The batch was written: `created` are the new entries (activities first, each in batch order),
    /// `duplicates` the items that were already in the log.
    Imported {
        created: Vec<EntryId>,
        duplicates: Vec<Duplicate>,
    },
}

impl ImportOutcome {
    /// The file's result, for the ledger and the import report: `imported` when anything new was stored
    /// (a new entry, or the recording of a partial one replaced), `duplicate` when the file or all its
    /// items were already in the log, `skipped` when the batch was empty. Never `partial` or `error`: the
    /// report says `partial` for an `imported` batch read from a damaged file ([`ImportBatch::partial`]).
    pub fn status(&self) -> FileStatus {
        match self {
            ImportOutcome::AlreadyImported { .. } => FileStatus::Duplicate,
            ImportOutcome::Imported {
                created,
                duplicates,
            } if !created.is_empty() || duplicates.iter().any(|d| d.replaced_partial) => {
                FileStatus::Imported
            }
            ImportOutcome::Imported { duplicates, .. } if !duplicates.is_empty() => {
                FileStatus::Duplicate
            }
            ImportOutcome::Imported { .. } => FileStatus::Skipped,
        }
    }

    /// Every entry the file corresponds to: new ones, then existing ones it duplicated.
    pub fn ids(&self) -> Vec<EntryId> {
        match self {
            ImportOutcome::AlreadyImported { ids } => ids.clone(),
            ImportOutcome::Imported {
                created,
                duplicates,
            } => created
                .iter()
                .copied()
                .chain(duplicates.iter().map(|d| d.existing))
                .collect(),
        }
    }
}

/// A file's result as the ledger keeps it: the import report's [`FileStatus`] under the words existing logs
/// hold — `imported`, `duplicate`, `skipped`, `error` —, a partial import being `imported` with its
/// [`LedgerEntry::partial`] note beside it.
pub fn ledger_word(status: FileStatus) -> &'static str {
    match status {
        FileStatus::Imported | FileStatus::Partial => "imported",
        FileStatus::Duplicate => "duplicate",
        FileStatus::Skipped => "skipped",
        FileStatus::Error => "error",
    }
}

/// A ledger word read back ([`ledger_word`]): `imported` with a `partial` note is [`FileStatus::Partial`],
/// as the report named it. `None` for a word the ledger never writes.
pub fn ledger_status(word: &str, partial: bool) -> Option<FileStatus> {
    Some(match word {
        "imported" if partial => FileStatus::Partial,
        "imported" => FileStatus::Imported,
        "duplicate" => FileStatus::Duplicate,
        "skipped" => FileStatus::Skipped,
        "error" => FileStatus::Error,
        _ => return None,
    })
}

/// One row of the import ledger.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerEntry {
    pub id: i64,
    pub content_hash: String,
    pub path: String,
    pub format: String,
    /// `Partial` when the file was damaged (the note is [`LedgerEntry::partial`]); never `Partial` for a
    /// duplicate.
    pub status: FileStatus,
    pub message: Option<String>,
    /// Where the file was damaged, when only what preceded the damage was imported.
    pub partial: Option<String>,
    pub imported_at: Timestamp,
    /// The entries still linked to this import (created, then duplicated), in the order of the outcome.
    pub ids: Vec<EntryId>,
    /// How many of `ids`, from the first, the import created (the others it found in the log).
    pub created: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ledger keeps the words logs already hold; read back, a file's status is the report's.
    #[test]
    fn ledger_words_read_back_as_the_reports_status() {
        for (status, word) in [
            (FileStatus::Imported, "imported"),
            (FileStatus::Partial, "imported"),
            (FileStatus::Duplicate, "duplicate"),
            (FileStatus::Skipped, "skipped"),
            (FileStatus::Error, "error"),
        ] {
            assert_eq!(ledger_word(status), word);
            let partial = status == FileStatus::Partial;
            assert_eq!(ledger_status(word, partial), Some(status));
        }
        assert_eq!(
            ledger_status("duplicate", true),
            Some(FileStatus::Duplicate)
        );
        assert_eq!(ledger_status("partial", false), None, "never written");
    }
}
