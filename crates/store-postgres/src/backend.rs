//! [`PgLog`] as a backend of the store interface: each method of [`Log`] is the inherent method of
//! the same name, which lives next to its SQL.

use std::path::Path;

use afterlift_core::catalogue::Alias;
use afterlift_core::session::{Activity, StrengthSession, Wellness};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{Attempt, CopyWatch, Log, WellnessChange};
use async_trait::async_trait;
use jiff::civil::Date;

use crate::{
    AdviceRecord, AthleteId, EntryId, Export, ImportBatch, ImportOutcome, LedgerEntry, NewAdvice,
    PgLog, Profile, StoreError, StoredActivity, StoredLift, TimeFilter, WellnessEntry,
};

type R<T> = Result<T, StoreError>;

#[async_trait]
impl Log for PgLog {
    /// `user@host:port/database`: never the password.
    fn describe(&self) -> String {
        format!("postgres://{}", self.place())
    }

    fn version(&self, athlete: AthleteId) -> u64 {
        PgLog::version(self, athlete)
    }

    fn follow_other_writers(&self) {
        PgLog::follow_other_writers(self)
    }

    async fn close(&self) {
        PgLog::close(self).await
    }

    async fn check_integrity(&self) -> R<()> {
        PgLog::check_integrity(self).await
    }

    async fn profile(&self, athlete: AthleteId) -> R<Option<Profile>> {
        PgLog::profile(self, athlete).await
    }

    async fn set_profile(&self, athlete: AthleteId, profile: &Profile) -> R<()> {
        PgLog::set_profile(self, athlete, profile).await
    }

    async fn upsert_wellness(&self, athlete: AthleteId, date: Date, wellness: &Wellness) -> R<()> {
        PgLog::upsert_wellness(self, athlete, date, wellness).await
    }

    async fn update_wellness(
        &self,
        athlete: AthleteId,
        date: Date,
        change: WellnessChange<'_>,
    ) -> R<Wellness> {
        PgLog::update_wellness(self, athlete, date, change).await
    }

    async fn wellness(&self, athlete: AthleteId, from: Date, to: Date) -> R<Vec<WellnessEntry>> {
        PgLog::wellness(self, athlete, from, to).await
    }

    async fn insert_activity(&self, athlete: AthleteId, activity: &Activity) -> R<EntryId> {
        PgLog::insert_activity(self, athlete, activity).await
    }

    async fn activities(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<ActivityRow>> {
        PgLog::activities(self, athlete, filter).await
    }

    async fn activity_rows(&self, athlete: AthleteId, ids: &[i64]) -> R<Vec<ActivityRow>> {
        PgLog::activity_rows(self, athlete, ids).await
    }

    async fn activity(&self, athlete: AthleteId, id: i64) -> R<StoredActivity> {
        PgLog::activity(self, athlete, id).await
    }

    async fn insert_lift(&self, athlete: AthleteId, lift: &StrengthSession) -> R<EntryId> {
        PgLog::insert_lift(self, athlete, lift).await
    }

    async fn lifts(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<LiftRow>> {
        PgLog::lifts(self, athlete, filter).await
    }

    async fn lift(&self, athlete: AthleteId, id: i64) -> R<StoredLift> {
        PgLog::lift(self, athlete, id).await
    }

    async fn delete(&self, athlete: AthleteId, id: EntryId) -> R<()> {
        PgLog::delete(self, athlete, id).await
    }

    async fn aliases(&self, athlete: AthleteId) -> R<Vec<Alias>> {
        PgLog::aliases(self, athlete).await
    }

    async fn set_aliases(&self, athlete: AthleteId, aliases: &[Alias]) -> R<()> {
        PgLog::set_aliases(self, athlete, aliases).await
    }

    async fn delete_alias(&self, athlete: AthleteId, name: &str) -> R<Option<Alias>> {
        PgLog::delete_alias(self, athlete, name).await
    }

    async fn import(&self, athlete: AthleteId, batch: ImportBatch) -> R<ImportOutcome> {
        PgLog::import(self, athlete, batch).await
    }

    async fn imported_ids(
        &self,
        athlete: AthleteId,
        content_hash: &str,
    ) -> R<Option<Vec<EntryId>>> {
        PgLog::imported_ids(self, athlete, content_hash).await
    }

    async fn record_attempt(&self, athlete: AthleteId, attempt: &Attempt<'_>) -> R<()> {
        PgLog::record_attempt(self, athlete, attempt).await
    }

    async fn record_archive(
        &self,
        athlete: AthleteId,
        content_hash: &str,
        path: &Path,
        format: &str,
        ids: &[EntryId],
    ) -> R<()> {
        PgLog::record_archive(self, athlete, content_hash, path, format, ids).await
    }

    async fn ledger(&self, athlete: AthleteId, content_hash: &str) -> R<Vec<LedgerEntry>> {
        PgLog::ledger(self, athlete, content_hash).await
    }

    async fn record_advice(&self, athlete: AthleteId, advice: NewAdvice) -> R<i64> {
        PgLog::record_advice(self, athlete, advice).await
    }

    async fn advice_log(&self, athlete: AthleteId, filter: &TimeFilter) -> R<Vec<AdviceRecord>> {
        PgLog::advice_log(self, athlete, filter).await
    }

    async fn export_all(&self, athlete: AthleteId) -> R<Export> {
        PgLog::export_all(self, athlete).await
    }

    async fn current_version(&self, athlete: AthleteId) -> R<u64> {
        PgLog::current_version(self, athlete).await
    }

    async fn copy_in(&self, athlete: AthleteId, log: &Export, watch: &CopyWatch<'_>) -> R<bool> {
        PgLog::copy_in(self, athlete, log, watch).await
    }
}
