//! [`PgLog`] as a backend of the store interface: each method of [`afterlift_store::Log`] is the inherent
//! method of the same name, which lives next to its SQL ([`afterlift_store::forward_log_to_inherent!`]).

use crate::{AthleteId, PgLog};

afterlift_store::forward_log_to_inherent!(PgLog {
    /// `user@host:port/database`: never the password.
    fn describe(&self) -> String {
        format!("postgres://{}", self.place())
    }

    fn version(&self, athlete: AthleteId) -> u64 {
        PgLog::version(self, athlete)
    }
});
