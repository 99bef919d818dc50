//! [`SqliteLog`] as a backend of the store interface: each method of [`Log`] is the inherent method of
//! the same name, which lives next to its SQL.

use std::path::Path;

use afterlift_core::catalogue::Alias;
use afterlift_core::session::{Activity, StrengthSession, Wellness};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{Attempt, Log, WellnessChange};
use async_trait::async_trait;
use jiff::civil::Date;

use crate::{
    AdviceRecord, AthleteId, EntryId, Export, ImportBatch, ImportOutcome, LedgerEntry, NewAdvice,
    Profile, SqliteLog, StoreError, StoredActivity, StoredLift, TimeFilter, WellnessEntry,
};

type R<T> = Result<T, StoreError>;

#[async_trait]
impl Log for SqliteLog {
    fn describe(&self) -> String {
        self.path().display().to_string()
    }

    /// One version for the whole file: a change for any athlete moves every athlete's version (a
    /// reload too many, never one too few).
    fn version(&self, _athlete: AthleteId) -> u64 {
        SqliteLog::version(self)
    }

    fn follow_other_writers(&self) {
        SqliteLog::follow_other_writers(self)
    }

    async fn close(&self) {
        SqliteLog::close(self).await
    }

    async fn check_integrity(&self) -> R<()> {
        SqliteLog::check_integrity(self).await
    }

    async fn profile(&self, athlete: AthleteId) -> R<Option<Profile>> {
        SqliteLog::profile(self, athlete).await
    }

    async fn set_profile(&self, athlete: AthleteId, profile: &Profile) -> R<()> {
        SqliteLog::set_profile(self, athlete, profile).await
    }

    async fn upsert_wellness(&self, athlete: AthleteId, date: Date, wellness: &Wellness) -> R<()> {
        SqliteLog::upsert_wellness(self, athlete, date, wellness).await
    }

    async fn update_wellness(
        &self,
        athlete: AthleteId,
        date: Date,
        change: WellnessChange<'_>,
    ) -> R<Wellness> {
        SqliteLog::update_wellness(self, athlete, date, change).await
    }

    async fn wellness(&self, athlete: AthleteId, from: Date, to: Date) -> R<Vec<WellnessEntry>> {
        SqliteLog::wellness(self, athlete, from, to).await
    }

    async fn insert_activity(&self, athlete: AthleteId, activity: &Activity) -> R<EntryId> {
        SqliteLog::insert_activity(self, athlete, activity).await
    }

    async fn activities(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<ActivityRow>> {
        SqliteLog::activities(self, athlete, filter).await
    }

    async fn activity_rows(&self, athlete: AthleteId, ids: &[i64]) -> R<Vec<ActivityRow>> {
        SqliteLog::activity_rows(self, athlete, ids).await
    }

    async fn activity(&self, athlete: AthleteId, id: i64) -> R<StoredActivity> {
        SqliteLog::activity(self, athlete, id).await
    }

    async fn insert_lift(&self, athlete: AthleteId, lift: &StrengthSession) -> R<EntryId> {
        SqliteLog::insert_lift(self, athlete, lift).await
    }

    async fn lifts(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<LiftRow>> {
        SqliteLog::lifts(self, athlete, filter).await
    }

    async fn lift(&self, athlete: AthleteId, id: i64) -> R<StoredLift> {
        SqliteLog::lift(self, athlete, id).await
    }

    async fn delete(&self, athlete: AthleteId, id: EntryId) -> R<()> {
        SqliteLog::delete(self, athlete, id).await
    }

    async fn aliases(&self, athlete: AthleteId) -> R<Vec<Alias>> {
        SqliteLog::aliases(self, athlete).await
    }

    async fn set_aliases(&self, athlete: AthleteId, aliases: &[Alias]) -> R<()> {
        SqliteLog::set_aliases(self, athlete, aliases).await
    }

    async fn delete_alias(&self, athlete: AthleteId, name: &str) -> R<Option<Alias>> {
        SqliteLog::delete_alias(self, athlete, name).await
    }

    async fn import(&self, athlete: AthleteId, batch: ImportBatch) -> R<ImportOutcome> {
        SqliteLog::import(self, athlete, batch).await
    }

    async fn imported_ids(
        &self,
        athlete: AthleteId,
        content_hash: &str,
    ) -> R<Option<Vec<EntryId>>> {
        SqliteLog::imported_ids(self, athlete, content_hash).await
    }

    async fn record_attempt(&self, athlete: AthleteId, attempt: &Attempt<'_>) -> R<()> {
        SqliteLog::record_attempt(self, athlete, attempt).await
    }

    async fn record_archive(
        &self,
        athlete: AthleteId,
        content_hash: &str,
        path: &Path,
        format: &str,
        ids: &[EntryId],
    ) -> R<()> {
        SqliteLog::record_archive(self, athlete, content_hash, path, format, ids).await
    }

    async fn ledger(&self, athlete: AthleteId, content_hash: &str) -> R<Vec<LedgerEntry>> {
        SqliteLog::ledger(self, athlete, content_hash).await
    }

    async fn record_advice(&self, athlete: AthleteId, advice: NewAdvice) -> R<i64> {
        SqliteLog::record_advice(self, athlete, advice).await
    }

    async fn advice_log(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<AdviceRecord>> {
        SqliteLog::advice_log(self, athlete, filter).await
    }

    async fn export_all(&self, athlete: AthleteId) -> R<Export> {
        SqliteLog::export_all(self, athlete).await
    }
}
