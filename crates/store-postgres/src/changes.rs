//! The change feed: a version per athlete that moves whenever that athlete's log changes, so that a
//! reader keeping a log in memory (the server's cache in `afterlift-app`) knows when to read it again.
//!
//! - Every writing transaction (the advice log excepted) sends `pg_notify(CHANNEL, athlete_id)`; PostgreSQL
//!   delivers it to every listener once the transaction commits, and never for one rolled back.
//! - This process's writes move their athlete's version at once, after the commit ([`Changes::bump`]).
//! - [`PgLog::follow_other_writers`] spawns a task `LISTEN`ing on [`CHANNEL`] that moves the version of the
//!   athlete each notification names (this process's own writes too: one reload too many, never one too
//!   few). When its connection is lost notifications may have been missed, so it moves every athlete's
//!   version ([`Changes::bump_all`]) — on the reconnect and whenever it starts listening.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use afterlift_store::batch::RunBatch;
use sqlx::postgres::PgListener;

use crate::{AthleteId, PgLog};

/// The notification channel of the change feed; the payload is the athlete's id in decimal.
pub const CHANNEL: &str = "afterlift_changes";

/// How long the listener waits before connecting again after a failure.
const RETRY_AFTER: Duration = Duration::from_millis(500);

#[derive(Debug)]
pub(crate) struct Changes {
    /// Moves every athlete's version at once (missed notifications).
    epoch: AtomicU64,
    /// Each athlete's own changes.
    athletes: Mutex<HashMap<i64, u64>>,
    /// Moves with every change of any athlete (and with `epoch`): "did anything change meanwhile".
    any: AtomicU64,
    following: AtomicBool,
    /// Ends the listener task: set by `close`, and dropped with the log.
    stop: tokio::sync::watch::Sender<bool>,
}

impl Default for Changes {
    fn default() -> Changes {
        Changes {
            epoch: AtomicU64::new(0),
            athletes: Mutex::default(),
            any: AtomicU64::new(0),
            following: AtomicBool::new(false),
            stop: tokio::sync::watch::channel(false).0,
        }
    }
}

impl Changes {
    /// The athlete's version: the sum of two numbers that only grow, so it only grows.
    pub(crate) fn version(&self, athlete: AthleteId) -> u64 {
        let own = self
            .athletes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&athlete.0)
            .copied()
            .unwrap_or(0);
        self.epoch.load(Ordering::Acquire).wrapping_add(own)
    }

    /// A number that moves whenever any athlete's version does.
    pub(crate) fn any(&self) -> u64 {
        self.any.load(Ordering::Acquire)
    }

    /// `athlete`'s log changed.
    pub(crate) fn bump(&self, athlete: AthleteId) {
        self.any.fetch_add(1, Ordering::AcqRel);
        *self
            .athletes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(athlete.0)
            .or_default() += 1;
    }

    /// Any athlete's log may have changed.
    pub(crate) fn bump_all(&self) {
        self.any.fetch_add(1, Ordering::AcqRel);
        self.epoch.fetch_add(1, Ordering::AcqRel);
    }

    pub(crate) fn stop(&self) {
        self.stop.send_replace(true);
    }
}

impl PgLog {
    /// The version of `athlete`'s log; see the module's documentation.
    pub fn version(&self, athlete: AthleteId) -> u64 {
        self.changes.version(athlete)
    }

    /// The athlete's change counter as the database has it now (`athletes.version`, moved inside every
    /// writing transaction): unlike [`PgLog::version`], it has moved as soon as another process's write
    /// committed, before its notification arrives. One primary-key read.
    pub async fn current_version(&self, athlete: AthleteId) -> Result<u64, crate::StoreError> {
        // Every cached request reads it: batched with the others arriving meanwhile (each batch starts
        // after its requests arrived, so it sees every write committed before them).
        self.versions.submit(self, athlete.0).await
    }

    /// Starts following other processes' writes (once per log; on the current tokio runtime). The task
    /// ends when the log is closed or dropped.
    pub fn follow_other_writers(&self) {
        if self.changes.following.swap(true, Ordering::AcqRel) {
            return;
        }
        let pool = self.pool.clone();
        let changes = Arc::downgrade(&self.changes);
        let mut stop = self.changes.stop.subscribe();
        tokio::spawn(async move {
            let mut listener: Option<PgListener> = None;
            loop {
                if *stop.borrow_and_update() {
                    return;
                }
                let Some(l) = listener.as_mut() else {
                    let connected = async {
                        let mut l = PgListener::connect_with(&pool).await?;
                        l.listen(CHANNEL).await?;
                        Ok::<_, sqlx::Error>(l)
                    };
                    tokio::select! {
                        _ = stop.changed() => return,
                        l = connected => match l {
                            Ok(l) => {
                                listener = Some(l);
                                // Anything may have changed before LISTEN took effect.
                                let Some(changes) = changes.upgrade() else { return };
                                changes.bump_all();
                            }
                            Err(_) => {
                                tokio::select! {
                                    _ = stop.changed() => return,
                                    () = tokio::time::sleep(RETRY_AFTER) => {}
                                }
                            }
                        },
                    }
                    continue;
                };
                let received = tokio::select! {
                    _ = stop.changed() => return,
                    n = l.try_recv() => n,
                };
                let Some(changes) = changes.upgrade() else {
                    return;
                };
                match received {
                    Ok(Some(n)) => match n.payload().parse::<i64>() {
                        Ok(athlete) => changes.bump(AthleteId(athlete)),
                        Err(_) => changes.bump_all(),
                    },
                    // The connection was lost; the next `try_recv` reconnects and listens again.
                    Ok(None) => changes.bump_all(),
                    Err(_) => {
                        changes.bump_all();
                        listener = None;
                    }
                }
            }
        });
    }
}

/// Change counters, many requests' at once: athlete ids in, their versions out (0 for an athlete with no
/// row yet).
impl RunBatch<i64, u64> for PgLog {
    async fn run_batch(&self, athletes: &[i64]) -> Result<Vec<u64>, crate::StoreError> {
        let rows: Vec<(i64, i64)> =
            sqlx::query_as("SELECT id, version FROM athletes WHERE id = ANY($1)")
                .bind(athletes)
                .fetch_all(&self.pool)
                .await?;
        let versions: HashMap<i64, i64> = rows.into_iter().collect();
        Ok(athletes
            .iter()
            .map(|a| versions.get(a).map_or(0, |v| *v as u64))
            .collect())
    }
}
