//! [`SqliteLog`] as a backend of the store interface: each method of [`afterlift_store::Log`] is the
//! inherent method of the same name, which lives next to its SQL
//! ([`afterlift_store::forward_log_to_inherent!`]).

use crate::{AthleteId, SqliteLog};

afterlift_store::forward_log_to_inherent!(SqliteLog {
    fn describe(&self) -> String {
        self.path().display().to_string()
    }

    /// One version for the whole file: a change for any athlete moves every athlete's version (a
    /// reload too many, never one too few).
    fn version(&self, _athlete: AthleteId) -> u64 {
        SqliteLog::version(self)
    }
});
