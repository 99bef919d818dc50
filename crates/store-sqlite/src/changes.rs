//! The change signal: a version number that moves whenever what the log holds changes, so that a reader
//! keeping the log in memory (the server's cache in `afterlift-app`) knows when to read it again.
//!
//! - This process's writes move it as they commit (every write method calls [`SqliteLog::changed`]).
//! - Other processes' writes (the CLI importing or logging a check-in while the server runs) are seen by
//!   [`SqliteLog::follow_other_writers`]: every [`WATCH_EVERY`] it asks SQLite's `PRAGMA data_version` on the
//!   writer connection, which changes when *another* connection committed. The advice log is written on
//!   the writer connection itself, so recording advice does not move the version (it is not what a
//!   reader caches); this process's pool writes move it twice, which only costs a reload.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use crate::SqliteLog;

/// How often [`SqliteLog::follow_other_writers`] asks whether another connection committed.
pub const WATCH_EVERY: Duration = Duration::from_millis(25);

#[derive(Debug, Default)]
pub(super) struct Changes {
    version: AtomicU64,
    following: AtomicBool,
}

impl SqliteLog {
    /// The log's version: it moves after every committed change to the log (the advice log excepted), at
    /// once for this process's writes and within [`WATCH_EVERY`] for other processes' once
    /// [`SqliteLog::follow_other_writers`] runs. Equal versions mean nothing changed in between.
    pub fn version(&self) -> u64 {
        self.changes.version.load(Ordering::Acquire)
    }

    /// A write committed.
    pub(super) fn changed(&self) {
        self.changes.version.fetch_add(1, Ordering::AcqRel);
    }

    /// Starts following other processes' commits (once per store; on the current tokio runtime). The
    /// task ends when the store is dropped.
    pub fn follow_other_writers(&self) {
        if self.changes.following.swap(true, Ordering::AcqRel) {
            return;
        }
        let writer = Arc::downgrade(&self.writer);
        let changes = Arc::downgrade(&self.changes);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(WATCH_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut last = None;
            loop {
                tick.tick().await;
                let (Some(writer), Some(changes)) = (writer.upgrade(), changes.upgrade()) else {
                    return;
                };
                let now = {
                    let mut slot = writer.conn.lock().await;
                    // A closed store's writer stays closed.
                    let Some(conn) = slot.as_mut() else { continue };
                    sqlx::query_as::<_, (i64,)>("PRAGMA data_version")
                        .fetch_one(conn)
                        .await
                        .map(|(v,)| v)
                };
                match now {
                    Ok(v) if last == Some(v) => {}
                    Ok(v) => {
                        if last.is_some() {
                            changes.version.fetch_add(1, Ordering::AcqRel);
                        }
                        last = Some(v);
                    }
                    // Unsure what happened: assume a change.
                    Err(_) => {
                        changes.version.fetch_add(1, Ordering::AcqRel);
                        last = None;
                    }
                }
            }
        });
    }
}
