//! The checkpointer: copies the write-ahead log into the database beside the writer, not inside its commits.
//!
//! SQLite checkpoints automatically when a commit leaves more than 1,000 pages in the WAL, inside that
//! commit — so under a stream of advice (each batch a commit of a few kilobytes a row) one batch in a few
//! dozen waits for ~4 MB to be copied and two fsyncs, and every request in it with it. The writer
//! connection has the automatic checkpoint off ([`crate::connect_writer`]); this task runs a `PASSIVE`
//! checkpoint (which never blocks the writer or readers) from a pooled connection every
//! [`CHECKPOINT_EVERY`] after the writer committed anything. The other connections keep SQLite's own,
//! and the last connection to close checkpoints what is left, as before.

use std::sync::Weak;
use std::sync::atomic::Ordering;
use std::time::Duration;

use sqlx::SqlitePool;

use crate::Writer;

/// How often the checkpointer looks for new commits.
pub const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

/// Starts the checkpointer for `writer`'s commits (on the current tokio runtime); it ends when the log is
/// dropped or its pool closed.
pub(crate) fn start(pool: SqlitePool, writer: Weak<Writer>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECKPOINT_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut seen = 0;
        loop {
            tick.tick().await;
            let commits = match writer.upgrade() {
                Some(w) => w.commits.load(Ordering::Relaxed),
                None => return,
            };
            if pool.is_closed() {
                return;
            }
            if commits == seen {
                continue;
            }
            seen = commits;
            // A busy or failed checkpoint is retried at the next commit; nothing depends on it but the
            // WAL's size.
            let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await;
        }
    });
}
