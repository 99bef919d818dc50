//! [`forward_log_to_inherent!`]: a backend's `impl Log`, when each method of [`crate::Log`] is the
//! backend's inherent method of the same name and signature (which lives next to its SQL).

// What the macro's signatures name, reachable as `$crate::forward::…` from any backend.
#[doc(hidden)]
pub use afterlift_core::catalogue::Alias;
#[doc(hidden)]
pub use afterlift_core::session::{Activity, StrengthSession, Wellness};
#[doc(hidden)]
pub use async_trait::async_trait as __async_trait;
#[doc(hidden)]
pub use jiff::civil::Date;
#[doc(hidden)]
pub use std::path::Path;

/// Implements [`crate::Log`] for a backend type by calling, for each method, the type's inherent method
/// of the same name with the same arguments. The items in braces are written by the backend itself: the
/// methods that differ between backends, `describe` and `version`.
///
/// ```ignore
/// afterlift_store::forward_log_to_inherent!(SqliteLog {
///     fn describe(&self) -> String { self.path().display().to_string() }
///     fn version(&self, _athlete: AthleteId) -> u64 { SqliteLog::version(self) }
/// });
/// ```
///
/// A method added to `Log` is added here once; a backend without the inherent method then fails to
/// compile, naming it.
#[macro_export]
macro_rules! forward_log_to_inherent {
    ($backend:ty { $($own:tt)* }) => {
        #[$crate::forward::__async_trait]
        impl $crate::Log for $backend {
            $($own)*

            fn follow_other_writers(&self) {
                <$backend>::follow_other_writers(self)
            }

            async fn close(&self) {
                <$backend>::close(self).await
            }

            async fn check_integrity(&self) -> Result<(), $crate::StoreError> {
                <$backend>::check_integrity(self).await
            }

            async fn profile(
                &self,
                athlete: $crate::AthleteId,
            ) -> Result<Option<$crate::Profile>, $crate::StoreError> {
                <$backend>::profile(self, athlete).await
            }

            async fn set_profile(
                &self,
                athlete: $crate::AthleteId,
                profile: &$crate::Profile,
            ) -> Result<(), $crate::StoreError> {
                <$backend>::set_profile(self, athlete, profile).await
            }

            async fn upsert_wellness(
                &self,
                athlete: $crate::AthleteId,
                date: $crate::forward::Date,
                wellness: &$crate::forward::Wellness,
            ) -> Result<(), $crate::StoreError> {
                <$backend>::upsert_wellness(self, athlete, date, wellness).await
            }

            async fn update_wellness(
                &self,
                athlete: $crate::AthleteId,
                date: $crate::forward::Date,
                change: $crate::WellnessChange<'_>,
            ) -> Result<$crate::forward::Wellness, $crate::StoreError> {
                <$backend>::update_wellness(self, athlete, date, change).await
            }

            async fn wellness(
                &self,
                athlete: $crate::AthleteId,
                from: $crate::forward::Date,
                to: $crate::forward::Date,
            ) -> Result<Vec<$crate::WellnessEntry>, $crate::StoreError> {
                <$backend>::wellness(self, athlete, from, to).await
            }

            async fn insert_activity(
                &self,
                athlete: $crate::AthleteId,
                activity: &$crate::forward::Activity,
            ) -> Result<$crate::EntryId, $crate::StoreError> {
                <$backend>::insert_activity(self, athlete, activity).await
            }

            async fn activities(
                &self,
                athlete: $crate::AthleteId,
                filter: &$crate::TimeFilter,
            ) -> Result<Vec<$crate::rows::ActivityRow>, $crate::StoreError> {
                <$backend>::activities(self, athlete, filter).await
            }

            async fn activity_rows(
                &self,
                athlete: $crate::AthleteId,
                ids: &[i64],
            ) -> Result<Vec<$crate::rows::ActivityRow>, $crate::StoreError> {
                <$backend>::activity_rows(self, athlete, ids).await
            }

            async fn activity(
                &self,
                athlete: $crate::AthleteId,
                id: i64,
            ) -> Result<$crate::StoredActivity, $crate::StoreError> {
                <$backend>::activity(self, athlete, id).await
            }

            async fn insert_lift(
                &self,
                athlete: $crate::AthleteId,
                lift: &$crate::forward::StrengthSession,
            ) -> Result<$crate::EntryId, $crate::StoreError> {
                <$backend>::insert_lift(self, athlete, lift).await
            }

            async fn lifts(
                &self,
                athlete: $crate::AthleteId,
                filter: &$crate::TimeFilter,
            ) -> Result<Vec<$crate::rows::LiftRow>, $crate::StoreError> {
                <$backend>::lifts(self, athlete, filter).await
            }

            async fn lift(
                &self,
                athlete: $crate::AthleteId,
                id: i64,
            ) -> Result<$crate::StoredLift, $crate::StoreError> {
                <$backend>::lift(self, athlete, id).await
            }

            async fn delete(
                &self,
                athlete: $crate::AthleteId,
                id: $crate::EntryId,
            ) -> Result<(), $crate::StoreError> {
                <$backend>::delete(self, athlete, id).await
            }

            async fn aliases(
                &self,
                athlete: $crate::AthleteId,
            ) -> Result<Vec<$crate::forward::Alias>, $crate::StoreError> {
                <$backend>::aliases(self, athlete).await
            }

            async fn set_aliases(
                &self,
                athlete: $crate::AthleteId,
                aliases: &[$crate::forward::Alias],
            ) -> Result<(), $crate::StoreError> {
                <$backend>::set_aliases(self, athlete, aliases).await
            }

            async fn delete_alias(
                &self,
                athlete: $crate::AthleteId,
                name: &str,
            ) -> Result<Option<$crate::forward::Alias>, $crate::StoreError> {
                <$backend>::delete_alias(self, athlete, name).await
            }

            async fn import(
                &self,
                athlete: $crate::AthleteId,
                batch: $crate::ImportBatch,
            ) -> Result<$crate::ImportOutcome, $crate::StoreError> {
                <$backend>::import(self, athlete, batch).await
            }

            async fn imported_ids(
                &self,
                athlete: $crate::AthleteId,
                content_hash: &str,
            ) -> Result<Option<Vec<$crate::EntryId>>, $crate::StoreError> {
                <$backend>::imported_ids(self, athlete, content_hash).await
            }

            async fn record_attempt(
                &self,
                athlete: $crate::AthleteId,
                attempt: &$crate::Attempt<'_>,
            ) -> Result<(), $crate::StoreError> {
                <$backend>::record_attempt(self, athlete, attempt).await
            }

            async fn record_archive(
                &self,
                athlete: $crate::AthleteId,
                content_hash: &str,
                path: &$crate::forward::Path,
                format: &str,
                ids: &[$crate::EntryId],
            ) -> Result<(), $crate::StoreError> {
                <$backend>::record_archive(self, athlete, content_hash, path, format, ids).await
            }

            async fn ledger(
                &self,
                athlete: $crate::AthleteId,
                content_hash: &str,
            ) -> Result<Vec<$crate::LedgerEntry>, $crate::StoreError> {
                <$backend>::ledger(self, athlete, content_hash).await
            }

            async fn record_advice(
                &self,
                athlete: $crate::AthleteId,
                advice: $crate::NewAdvice,
            ) -> Result<i64, $crate::StoreError> {
                <$backend>::record_advice(self, athlete, advice).await
            }

            async fn advice_log(
                &self,
                athlete: $crate::AthleteId,
                filter: &$crate::TimeFilter,
            ) -> Result<Vec<$crate::AdviceRecord>, $crate::StoreError> {
                <$backend>::advice_log(self, athlete, filter).await
            }

            async fn insert_experiment(
                &self,
                athlete: $crate::AthleteId,
                new: &$crate::NewExperiment,
            ) -> Result<$crate::ExperimentRecord, $crate::StoreError> {
                <$backend>::insert_experiment(self, athlete, new).await
            }

            async fn experiments(
                &self,
                athlete: $crate::AthleteId,
            ) -> Result<Vec<$crate::ExperimentRecord>, $crate::StoreError> {
                <$backend>::experiments(self, athlete).await
            }

            async fn experiment(
                &self,
                athlete: $crate::AthleteId,
                id: i64,
            ) -> Result<$crate::ExperimentRecord, $crate::StoreError> {
                <$backend>::experiment(self, athlete, id).await
            }

            async fn stop_experiment(
                &self,
                athlete: $crate::AthleteId,
                id: i64,
                on: $crate::forward::Date,
            ) -> Result<$crate::ExperimentRecord, $crate::StoreError> {
                <$backend>::stop_experiment(self, athlete, id, on).await
            }

            async fn export_all(
                &self,
                athlete: $crate::AthleteId,
            ) -> Result<$crate::Export, $crate::StoreError> {
                <$backend>::export_all(self, athlete).await
            }
        }
    };
}
