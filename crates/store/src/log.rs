//! [`Log`]: what a backend of the training log implements — every statement afterlift runs, each for one
//! athlete — and [`Store`], the handle the rest of afterlift holds: one athlete's log on some backend.
//!
//! A backend (`afterlift-store-sqlite`, `afterlift-store-postgres`) owns its schema, its migrations and its SQL;
//! nothing above it writes SQL. Every method takes the [`AthleteId`] it acts for, and a backend must never
//! let one athlete's call read, change, count or match (import dedup, the ledger) another's data: ids of
//! another athlete's entries are "not found". The behaviour every backend must show is written once, as
//! the conformance suite ([`crate::conformance`]).
//!
//! Values are validated before they reach a backend's storage by the shared checks in [`crate::validate`]
//! (the backends call them), so every backend refuses the same values with the same messages.

use std::path::Path;
use std::sync::Arc;

use afterlift_core::catalogue::Alias;
use afterlift_core::session::{Activity, StrengthSession, Wellness};
use async_trait::async_trait;
use jiff::civil::Date;

use crate::rows::{ActivityRow, LiftRow};
use crate::{
    Accounts, AdviceRecord, EntryId, ExperimentRecord, Export, ImportBatch, ImportOutcome,
    LedgerEntry, NewAdvice, NewExperiment, Profile, StoreError, StoredActivity, StoredLift,
    TimeFilter, WellnessEntry,
};

/// Whose log: an athlete's number, unique within one database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AthleteId(pub i64);

impl AthleteId {
    /// The athlete of a personal log (the single-user mode): every entry of a log written before logs
    /// had athletes is theirs.
    pub const LOCAL: AthleteId = AthleteId(1);
}

impl std::fmt::Display for AthleteId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "athlete {}", self.0)
    }
}

/// The change [`Log::update_wellness`] makes: given the stored check-in (if any), the one to keep.
pub type WellnessChange<'a> = Box<dyn FnOnce(Option<Wellness>) -> Wellness + Send + 'a>;

type R<T> = Result<T, StoreError>;

/// A backend of the training log; see the module's documentation. The methods' meanings are those of
/// the same methods of [`Store`], which documents them.
#[async_trait]
pub trait Log: Accounts + Send + Sync + std::fmt::Debug + 'static {
    /// Where the log lives, for people and logs (a path; never a password).
    fn describe(&self) -> String;
    /// The change signal: a number that moves whenever `athlete`'s log changes (the advice log
    /// excepted), at once for this process's writes and soon for other processes' once
    /// [`Log::follow_other_writers`] runs. A backend may move it for changes of other athletes too.
    fn version(&self, athlete: AthleteId) -> u64;
    /// Starts following other processes' writes (idempotent; on the current tokio runtime).
    fn follow_other_writers(&self);
    /// A version of `athlete`'s log that has moved for every write committed before the call, by any
    /// process: what a cache checks before it answers. Backends whose [`Log::version`] is that already
    /// (one writer process) keep this default; a shared database reads its own counter.
    async fn current_version(&self, athlete: AthleteId) -> R<u64> {
        Ok(self.version(athlete))
    }
    /// Closes the backend's connections; the log stays usable by others.
    async fn close(&self);
    /// The database's own consistency checks; `Err(Corrupt)` names what is wrong.
    async fn check_integrity(&self) -> R<()>;

    async fn profile(&self, athlete: AthleteId) -> R<Option<Profile>>;
    async fn set_profile(&self, athlete: AthleteId, profile: &Profile) -> R<()>;
    async fn upsert_wellness(&self, athlete: AthleteId, date: Date, wellness: &Wellness) -> R<()>;
    async fn update_wellness(
        &self,
        athlete: AthleteId,
        date: Date,
        change: WellnessChange<'_>,
    ) -> R<Wellness>;
    async fn wellness(&self, athlete: AthleteId, from: Date, to: Date) -> R<Vec<WellnessEntry>>;

    async fn insert_activity(&self, athlete: AthleteId, activity: &Activity) -> R<EntryId>;
    async fn activities(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<ActivityRow>>;
    async fn activity_rows(&self, athlete: AthleteId, ids: &[i64]) -> R<Vec<ActivityRow>>;
    async fn activity(&self, athlete: AthleteId, id: i64) -> R<StoredActivity>;
    async fn insert_lift(&self, athlete: AthleteId, lift: &StrengthSession) -> R<EntryId>;
    async fn lifts(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<LiftRow>>;
    async fn lift(&self, athlete: AthleteId, id: i64) -> R<StoredLift>;
    async fn delete(&self, athlete: AthleteId, id: EntryId) -> R<()>;

    async fn aliases(&self, athlete: AthleteId) -> R<Vec<Alias>>;
    async fn set_aliases(&self, athlete: AthleteId, aliases: &[Alias]) -> R<()>;
    async fn delete_alias(&self, athlete: AthleteId, name: &str) -> R<Option<Alias>>;

    async fn import(&self, athlete: AthleteId, batch: ImportBatch) -> R<ImportOutcome>;
    async fn imported_ids(&self, athlete: AthleteId, content_hash: &str)
    -> R<Option<Vec<EntryId>>>;
    async fn record_attempt(&self, athlete: AthleteId, attempt: &Attempt<'_>) -> R<()>;
    async fn record_archive(
        &self,
        athlete: AthleteId,
        content_hash: &str,
        path: &Path,
        format: &str,
        ids: &[EntryId],
    ) -> R<()>;
    async fn ledger(&self, athlete: AthleteId, content_hash: &str) -> R<Vec<LedgerEntry>>;

    async fn record_advice(&self, athlete: AthleteId, advice: NewAdvice) -> R<i64>;
    async fn advice_log(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<AdviceRecord>>;

    async fn insert_experiment(
        &self,
        athlete: AthleteId,
        new: &NewExperiment,
    ) -> R<ExperimentRecord>;
    async fn experiments(&self, athlete: AthleteId) -> R<Vec<ExperimentRecord>>;
    async fn experiment(&self, athlete: AthleteId, id: i64) -> R<ExperimentRecord>;
    async fn stop_experiment(&self, athlete: AthleteId, id: i64, on: Date) -> R<ExperimentRecord>;

    async fn export_all(&self, athlete: AthleteId) -> R<Export>;

    /// Writes a whole log (another database's [`Export`], ids and ledger included) into `athlete`'s
    /// log, which must be empty, in one transaction; see [`Store::copy_in`]. A backend that cannot
    /// refuses.
    async fn copy_in(&self, athlete: AthleteId, log: &Export, watch: &CopyWatch<'_>) -> R<bool> {
        let _ = (athlete, log, watch);
        Err(StoreError::Conflict(format!(
            "{} cannot take a whole log copied into it",
            self.describe()
        )))
    }
}

/// What the caller of [`Store::copy_in`] sees of the copy: `progress` is told each item written (an
/// activity, a lift, a check-in, a ledger row, an advice…), and `check` is given the log as read back
/// inside the transaction, before it commits: `false` rolls it back.
pub struct CopyWatch<'a> {
    pub progress: &'a (dyn Fn(u64) + Send + Sync),
    pub check: &'a (dyn Fn(&Export) -> bool + Send + Sync),
}

/// A file that gave nothing to the log, for the ledger: it failed (`Error`) or held nothing to import
/// (`Skipped`). Neither blocks a later import of the same content.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    pub status: afterlift_core::contract::FileStatus,
    pub content_hash: &'a str,
    pub path: &'a Path,
    pub format: &'a str,
    pub message: &'a str,
}

/// One athlete's training log: what the rest of afterlift holds. Cheap to clone; safe to share between
/// tasks. Every method acts for [`Store::athlete`].
#[derive(Debug, Clone)]
pub struct Store {
    log: Arc<dyn Log>,
    athlete: AthleteId,
    /// The athlete's [`Log::current_version`] as already read during this request, if it was.
    known: Option<KnownVersion>,
}

/// An athlete's [`Log::current_version`] read from a shared database along with something else (their
/// token, on PostgreSQL), and the process's own [`Log::version`] of them sampled before that read: while
/// the latter has not moved, no write of this process has been committed since, so the read stands for a
/// fresh [`Log::current_version`] — one query fewer per request. For a request's duration only: after
/// [`KnownVersion::TRUSTED_FOR`] it is read again (a task kept from a request must not go on trusting it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownVersion {
    database: u64,
    local: u64,
    read_at: std::time::Instant,
}

impl KnownVersion {
    /// How long a version read with a request stands for the current one.
    pub const TRUSTED_FOR: std::time::Duration = std::time::Duration::from_secs(1);

    /// `database` read just now, after `local` was sampled.
    pub fn new(database: u64, local: u64) -> KnownVersion {
        KnownVersion {
            database,
            local,
            read_at: std::time::Instant::now(),
        }
    }
}

impl Store {
    /// `athlete`'s log on `log`.
    pub fn new(log: Arc<dyn Log>, athlete: AthleteId) -> Store {
        Store {
            log,
            athlete,
            known: None,
        }
    }

    /// The same backend, for another athlete.
    pub fn for_athlete(&self, athlete: AthleteId) -> Store {
        Store {
            log: Arc::clone(&self.log),
            athlete,
            known: None,
        }
    }

    /// This handle, knowing the athlete's current version as read with `known` (a request's handle:
    /// the read must have started after the request arrived).
    pub fn with_known_version(mut self, known: KnownVersion) -> Store {
        self.known = Some(known);
        self
    }

    /// Whose log this is.
    pub fn athlete(&self) -> AthleteId {
        self.athlete
    }

    /// The accounts of the database this log is in (see [`crate::accounts`]).
    pub fn accounts(&self) -> &dyn Accounts {
        &*self.log
    }

    /// Where the log lives, for people (a path; never a password).
    pub fn describe(&self) -> String {
        self.log.describe()
    }

    /// The change signal ([`Log::version`]): equal versions mean nothing of this athlete's log changed
    /// in between.
    pub fn version(&self) -> u64 {
        self.log.version(self.athlete)
    }

    /// The version to check a cache against ([`Log::current_version`]): it has moved for every write
    /// committed before the call, this process's or another's. Compare it only with itself.
    pub async fn current_version(&self) -> R<u64> {
        match self.known {
            Some(k)
                if self.log.version(self.athlete) == k.local
                    && k.read_at.elapsed() < KnownVersion::TRUSTED_FOR =>
            {
                Ok(k.database)
            }
            _ => self.log.current_version(self.athlete).await,
        }
    }

    /// Starts following other processes' writes, so that [`Store::version`] moves for them too.
    pub fn follow_other_writers(&self) {
        self.log.follow_other_writers()
    }

    /// Closes the backend's connections (a personal log's write-ahead log is checkpointed). Dropping a
    /// `Store` is safe too.
    pub async fn close(self) {
        self.log.close().await
    }

    /// The database's consistency checks; `Err(Corrupt)` names what is wrong.
    pub async fn check_integrity(&self) -> R<()> {
        self.log.check_integrity().await
    }

    /// The athlete profile, if one was set.
    pub async fn profile(&self) -> R<Option<Profile>> {
        self.log.profile(self.athlete).await
    }

    /// Sets the athlete profile (replacing any previous one). When the maximum heart rate changes, every
    /// activity's time in zones is recomputed in the same transaction.
    pub async fn set_profile(&self, profile: &Profile) -> R<()> {
        self.log.set_profile(self.athlete, profile).await
    }

    /// Sets the wellness check-in of the athlete's local `date` (replacing any earlier one that day).
    pub async fn upsert_wellness(&self, date: Date, wellness: &Wellness) -> R<()> {
        self.log.upsert_wellness(self.athlete, date, wellness).await
    }

    /// Changes the check-in of `date`: `change` is given the stored one (`None` when there is none) and
    /// returns the check-in to keep, which is also returned. Read and write are one transaction, so two
    /// updates of the same day (another process logging too) cannot lose each other's answers; an invalid
    /// result writes nothing.
    pub async fn update_wellness(
        &self,
        date: Date,
        change: impl FnOnce(Option<Wellness>) -> Wellness + Send,
    ) -> R<Wellness> {
        self.log
            .update_wellness(self.athlete, date, Box::new(change))
            .await
    }

    /// Wellness check-ins from `from` to `to`, both included, oldest first.
    pub async fn wellness(&self, from: Date, to: Date) -> R<Vec<WellnessEntry>> {
        self.log.wellness(self.athlete, from, to).await
    }

    /// Stores one activity as given (a manual entry): validated, but not checked for duplicates.
    pub async fn insert_activity(&self, activity: &Activity) -> R<EntryId> {
        self.log.insert_activity(self.athlete, activity).await
    }

    /// Activity summaries (no samples) started within `filter`, newest first.
    pub async fn activities(&self, filter: &TimeFilter) -> R<Vec<ActivityRow>> {
        self.log.activities(self.athlete, filter).await
    }

    /// The summaries of the activities `ids` that exist, in the order of `ids`.
    pub async fn activity_rows(&self, ids: &[i64]) -> R<Vec<ActivityRow>> {
        self.log.activity_rows(self.athlete, ids).await
    }

    /// One activity with its samples; `NotFound` when there is none of this id.
    pub async fn activity(&self, id: i64) -> R<StoredActivity> {
        self.log.activity(self.athlete, id).await
    }

    /// Stores one strength session as given (a manual entry): validated, not checked for duplicates.
    pub async fn insert_lift(&self, lift: &StrengthSession) -> R<EntryId> {
        self.log.insert_lift(self.athlete, lift).await
    }

    /// Strength session summaries started within `filter`, newest first.
    pub async fn lifts(&self, filter: &TimeFilter) -> R<Vec<LiftRow>> {
        self.log.lifts(self.athlete, filter).await
    }

    /// One strength session with its exercises and sets; `NotFound` when there is none of this id.
    pub async fn lift(&self, id: i64) -> R<StoredLift> {
        self.log.lift(self.athlete, id).await
    }

    /// Deletes an activity (with its samples) or a lift (with its exercises and sets), and its links in the
    /// import ledger: a file none of whose entries remain can be imported again.
    pub async fn delete(&self, id: EntryId) -> R<()> {
        self.log.delete(self.athlete, id).await
    }

    /// The athlete's exercise aliases, by normalised name.
    pub async fn aliases(&self) -> R<Vec<Alias>> {
        self.log.aliases(self.athlete).await
    }

    /// Keeps `alias`, replacing an alias of the same (normalised) name.
    pub async fn set_alias(&self, alias: &Alias) -> R<()> {
        self.set_aliases(std::slice::from_ref(alias)).await
    }

    /// Keeps every alias of `aliases` (a restore), all or none: one invalid alias writes nothing.
    pub async fn set_aliases(&self, aliases: &[Alias]) -> R<()> {
        self.log.set_aliases(self.athlete, aliases).await
    }

    /// Forgets the alias of this name (normalised as aliases are); returns the one removed, if any.
    pub async fn delete_alias(&self, name: &str) -> R<Option<Alias>> {
        self.log.delete_alias(self.athlete, name).await
    }

    /// Writes one file's sessions in one transaction, all or nothing, with its ledger row (see the
    /// crate's documentation: a file seen before is not imported again; a session already in the log is
    /// merged, not duplicated).
    pub async fn import(&self, batch: ImportBatch) -> R<ImportOutcome> {
        self.log.import(self.athlete, batch).await
    }

    /// The entries a file with this content hash gave, if it was imported and any of them remain: lets the
    /// caller skip decoding a file it has seen. `None` when the file would be imported.
    pub async fn imported_ids(&self, content_hash: &str) -> R<Option<Vec<EntryId>>> {
        self.log.imported_ids(self.athlete, content_hash).await
    }

    /// Records that a file failed to import. It stays importable: a failure never blocks a later
    /// successful import of the same content. Repeated failures of a file update one ledger row.
    pub async fn record_failure(
        &self,
        content_hash: &str,
        path: &Path,
        format: &str,
        message: &str,
    ) -> R<()> {
        self.log
            .record_attempt(
                self.athlete,
                &Attempt {
                    status: afterlift_core::contract::FileStatus::Error,
                    content_hash,
                    path,
                    format,
                    message,
                },
            )
            .await
    }

    /// Records that a file holds nothing to import (e.g. a FIT settings file), with the reason. Like a
    /// failure, it does not block a later import of the same content.
    pub async fn record_skipped(
        &self,
        content_hash: &str,
        path: &Path,
        format: &str,
        reason: &str,
    ) -> R<()> {
        self.log
            .record_attempt(
                self.athlete,
                &Attempt {
                    status: afterlift_core::contract::FileStatus::Skipped,
                    content_hash,
                    path,
                    format,
                    message: reason,
                },
            )
            .await
    }

    /// Records an archive whose every entry is in the log (`ids`: what its entries gave), so the same
    /// archive again is answered from the ledger ([`Store::imported_ids`]) without reading it.
    pub async fn record_archive(
        &self,
        content_hash: &str,
        path: &Path,
        format: &str,
        ids: &[EntryId],
    ) -> R<()> {
        self.log
            .record_archive(self.athlete, content_hash, path, format, ids)
            .await
    }

    /// The ledger rows of a content hash, newest first.
    pub async fn ledger(&self, content_hash: &str) -> R<Vec<LedgerEntry>> {
        self.log.ledger(self.athlete, content_hash).await
    }

    /// Records a piece of advice and returns its id once it is durable: an advice is answered only after
    /// this returns. An error means the advice is not in the log.
    pub async fn record_advice(&self, advice: NewAdvice) -> R<i64> {
        self.log.record_advice(self.athlete, advice).await
    }

    /// Advice given within `filter` (by its time), newest first.
    pub async fn advice_log(&self, filter: &TimeFilter) -> R<Vec<AdviceRecord>> {
        self.log.advice_log(self.athlete, filter).await
    }

    /// Keeps a personal experiment (validated: [`crate::validate::experiment`]) and returns it with its
    /// id, the athlete's next experiment number. With [`NewExperiment::exclusive_on`] it is refused
    /// (`Conflict`, naming the other) while another experiment is open on that day — at most one open
    /// experiment, checked in the same transaction as the insert.
    pub async fn insert_experiment(&self, new: &NewExperiment) -> R<ExperimentRecord> {
        self.log.insert_experiment(self.athlete, new).await
    }

    /// The athlete's experiments, newest first.
    pub async fn experiments(&self) -> R<Vec<ExperimentRecord>> {
        self.log.experiments(self.athlete).await
    }

    /// One experiment; `Missing` ("no experiment 7") when the athlete has none of this id.
    pub async fn experiment(&self, id: i64) -> R<ExperimentRecord> {
        self.log.experiment(self.athlete, id).await
    }

    /// Stops an experiment on `on` (its last day) and returns it; one stopped already keeps the day it
    /// was stopped. `Missing` for an unknown id.
    pub async fn stop_experiment(&self, id: i64, on: Date) -> R<ExperimentRecord> {
        self.log.stop_experiment(self.athlete, id, on).await
    }

    /// Everything in the log the athlete owns, oldest first, read in one snapshot.
    pub async fn export_all(&self) -> R<Export> {
        self.log.export_all(self.athlete).await
    }

    /// Copies a whole log — another database's [`Store::export_all`] — into this athlete's log, keeping
    /// every id, the ledger (so the same files are still duplicates) and the activities' partial marks.
    /// One transaction: this log must be empty (`Conflict` otherwise), and it commits only if
    /// `watch.check` accepts what it reads back inside the transaction (`Ok(false)`: rolled back, nothing
    /// written). Id counters continue after the copied ids.
    pub async fn copy_in(&self, log: &Export, watch: &CopyWatch<'_>) -> R<bool> {
        self.log.copy_in(self.athlete, log, watch).await
    }
}
