//! [`PgLog`] as a backend of the store interface: each method of [`afterlift_store::Log`] is the inherent
//! method of the same name, which lives next to its SQL ([`afterlift_store::forward_log_to_inherent!`]).

use afterlift_store::CopyWatch;

use crate::{AthleteId, Export, PgLog, StoreError};

afterlift_store::forward_log_to_inherent!(PgLog {
    /// `user@host:port/database`: never the password.
    fn describe(&self) -> String {
        format!("postgres://{}", self.place())
    }

    fn version(&self, athlete: AthleteId) -> u64 {
        PgLog::version(self, athlete)
    }

    /// Read from the database: a write committed by another process counts before its NOTIFY arrives.
    async fn current_version(&self, athlete: AthleteId) -> Result<u64, StoreError> {
        PgLog::current_version(self, athlete).await
    }

    async fn copy_in(
        &self,
        athlete: AthleteId,
        log: &Export,
        watch: &CopyWatch<'_>,
    ) -> Result<bool, StoreError> {
        PgLog::copy_in(self, athlete, log, watch).await
    }
});
