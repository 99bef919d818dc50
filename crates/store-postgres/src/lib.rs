//! afterlift-store-postgres: the training log on PostgreSQL — one database for many athletes (coaches
//! and teams) — behind the store interface ([`afterlift_store::Log`]). [`open`] gives the local athlete's
//! [`Store`]; a server holding several athletes uses [`Store::for_athlete`].
//!
//! The schema is in `migrations/` (applied by `sqlx::migrate!` under PostgreSQL's advisory lock, so two
//! processes opening a new database at once do not race; never edited once committed). It is the SQLite
//! backend's schema with PostgreSQL's types, and every statement is scoped by athlete exactly as there.
//!
//! Three differences from SQLite, each for several athletes sharing one server:
//! - **Ids are numbered per athlete**: activities, lifts, imports and advice count from 1 for each athlete
//!   (counters on `athletes` and `advice_ids`, bumped inside the writing transaction), so nobody can infer
//!   another athlete's volume from gaps in their own ids. Keys are `(athlete_id, id)`.
//! - **Writers serialise per athlete**, not per database: every writing transaction (the advice log
//!   excepted) first locks its athlete's `athletes` row (`FOR NO KEY UPDATE`), which makes import dedup,
//!   the ledger and `update_wellness` as safe as SQLite's `BEGIN IMMEDIATE`, while other athletes write
//!   alongside. Advice takes its ids from a row of its own, so it never waits for an import.
//! - **The change feed** ([`changes`]) is PostgreSQL's `NOTIFY`, not a polled file counter.

mod accounts;
mod activities;
mod advice;
mod aliases;
mod backend;
mod changes;
mod copy;
mod experiments;
mod import;
mod journal;
mod lifts;
#[cfg(feature = "testing")]
pub mod testing;

pub use changes::CHANNEL;

pub(crate) use afterlift_store::{
    AdviceRecord, AthleteId, BatchItem, Duplicate, EntryId, Export, ImportBatch, ImportOutcome,
    LedgerEntry, NewAdvice, Profile, Store, StoreError, StoredActivity, StoredLift, TimeFilter,
    WellnessEntry, dedup, ledger_word, rows, samples, validate,
};
// What every backend reads rows into and converts them with; the SQL is this crate's.
use afterlift_store::batch::Batcher;
use afterlift_store::decode::{corrupt, filter_bounds, now_ms, secs_to_ms, to_ms};

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection, PgConnection, Postgres, Transaction};

/// A CLI needs one or two connections, a server a handful per core; PostgreSQL's default limit is 100
/// for every client together, so one process keeps to a tenth of it by default.
const MAX_CONNECTIONS: u32 = 10;
/// A pooled connection idle longer than this is pinged before it is used.
const PING_WHEN_IDLE: Duration = Duration::from_secs(10);
/// Overrides [`MAX_CONNECTIONS`] (1–1,000): a server of a team that commits much at once (every advice is
/// a commit) may use more, so that PostgreSQL can group the commits' WAL flushes.
pub const MAX_CONNECTIONS_VAR: &str = "AFTERLIFT_PG_MAX_CONNECTIONS";

fn max_connections() -> u32 {
    std::env::var(MAX_CONNECTIONS_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(MAX_CONNECTIONS)
}

/// How long a call waits for a free connection (or for the server to answer a connect).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

type Conn = PgConnection;

/// Opens the log at `url` (see [`PgLog::open`]) as the local athlete's [`Store`].
pub async fn open(url: &str) -> Result<Store, StoreError> {
    Ok(Store::new(
        Arc::new(PgLog::open(url).await?),
        AthleteId::LOCAL,
    ))
}

/// The training log in a PostgreSQL database. Cheap to clone (a connection pool); safe to share between
/// tasks and with other processes using the same database.
#[derive(Debug, Clone)]
pub struct PgLog {
    pool: PgPool,
    /// `user@host:port/database`: the URL without its password (or any other parameter).
    place: String,
    changes: Arc<changes::Changes>,
    /// The advice waiting for its group commit (`advice`).
    advice: Arc<afterlift_store::batch::AdviceQueue>,
    /// Change-counter reads waiting for their batch (`changes`).
    versions: Arc<Batcher<i64, u64>>,
    /// Token look-ups waiting for their batch (`accounts`).
    principals: Arc<Batcher<(String, i64), accounts::Found>>,
}

/// `user@host:port/database` of connect options: what a person needs to tell logs apart, and never the
/// password.
fn place(options: &PgConnectOptions) -> String {
    let host = match options.get_socket() {
        Some(dir) => dir.display().to_string(),
        None => options.get_host().to_owned(),
    };
    format!(
        "{}@{}:{}/{}",
        options.get_username(),
        host,
        options.get_port(),
        options.get_database().unwrap_or(options.get_username())
    )
}

impl PgLog {
    /// Connects to the database at `url` (`postgres://user:password@host:port/database`) and brings its
    /// schema up to date. The database must exist; its tables are created on first use.
    pub async fn open(url: &str) -> Result<PgLog, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(|source| StoreError::Open {
            // The URL may hold a password, and a parse error says nothing about where the log is.
            path: PathBuf::from("a PostgreSQL URL"),
            source,
        })?;
        let place = place(&options);
        // One connection first, for the migrations: a wrong address or password fails at once, where the
        // pool would retry until its acquire timeout.
        let mut first = PgConnection::connect_with(&options)
            .await
            .map_err(|source| StoreError::Open {
                path: PathBuf::from(&place),
                source,
            })?;
        MIGRATOR
            .run(&mut first)
            .await
            .map_err(StoreError::Migrate)?;
        let _ = first.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(max_connections())
            .min_connections(0)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // sqlx pings every connection it hands out by default: a round trip before each query,
            // which under load was as many wake-ups of PostgreSQL as the queries themselves. Only a
            // connection idle for a while (the server may have restarted meanwhile) is pinged first.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > PING_WHEN_IDLE {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .connect_lazy_with(options);
        Ok(PgLog {
            pool,
            place,
            changes: Arc::default(),
            advice: Arc::default(),
            versions: Arc::default(),
            principals: Arc::default(),
        })
    }

    /// Where the log lives, without the password: `user@host:port/database`.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// Stops following other writers and closes every connection.
    pub async fn close(&self) {
        self.changes.stop();
        self.pool.close().await;
    }

    /// A cheap consistency check beyond what the foreign keys hold: no athlete's id counters are behind
    /// the ids they gave (a counter behind would hand out an id twice).
    pub async fn check_integrity(&self) -> Result<(), StoreError> {
        let behind: Vec<(i64, String)> = sqlx::query_as(
            "SELECT t.id, 'activities' FROM athletes t \
               WHERE t.next_activity_id <= (SELECT COALESCE(MAX(id), 0) FROM activities WHERE athlete_id = t.id) \
             UNION ALL SELECT t.id, 'lifts' FROM athletes t \
               WHERE t.next_lift_id <= (SELECT COALESCE(MAX(id), 0) FROM lifts WHERE athlete_id = t.id) \
             UNION ALL SELECT t.id, 'imports' FROM athletes t \
               WHERE t.next_import_id <= (SELECT COALESCE(MAX(id), 0) FROM imports WHERE athlete_id = t.id) \
             UNION ALL SELECT a.athlete_id, 'advice' FROM advice_ids a \
               WHERE a.next_id <= (SELECT COALESCE(MAX(id), 0) FROM advice_log WHERE athlete_id = a.athlete_id)",
        )
        .fetch_all(&self.pool)
        .await?;
        if behind.is_empty() {
            return Ok(());
        }
        let found: Vec<String> = behind
            .into_iter()
            .map(|(athlete, what)| format!("athlete {athlete}: the {what} id counter is behind"))
            .collect();
        Err(StoreError::Corrupt(found.join("; ")))
    }

    /// A writing transaction for `athlete`: see [`WriteTx`].
    async fn begin_write(&self, athlete: AthleteId) -> Result<WriteTx, StoreError> {
        let mut tx = self.pool.begin().await?;
        let lock = "SELECT next_activity_id, next_lift_id, next_import_id FROM athletes \
                    WHERE id = $1 FOR NO KEY UPDATE";
        let mut row: Option<(i64, i64, i64)> = sqlx::query_as(lock)
            .bind(athlete.0)
            .fetch_optional(&mut *tx)
            .await?;
        if row.is_none() {
            ensure_athlete(&mut tx, athlete).await?;
            row = sqlx::query_as(lock)
                .bind(athlete.0)
                .fetch_optional(&mut *tx)
                .await?;
        }
        let (activity, lift, import) =
            row.ok_or_else(|| corrupt(format!("{athlete} has no row after adding it")))?;
        let next = Next {
            activity,
            lift,
            import,
        };
        Ok(WriteTx {
            tx,
            athlete,
            next,
            start: next,
        })
    }

    /// A read-only transaction on one snapshot (an export, a lift with its sets).
    async fn begin_read(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        Ok(self
            .pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?)
    }
}

/// The next ids of an athlete's entries and imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Next {
    activity: i64,
    lift: i64,
    import: i64,
}

/// A writing transaction of one athlete: holds the athlete's row lock from its start, hands out the
/// athlete's next ids, and on [`WriteTx::commit`] stores the counters, announces the change
/// (`pg_notify`) and moves this process's version. Dropped without committing, it rolls back (sqlx).
struct WriteTx {
    tx: Transaction<'static, Postgres>,
    athlete: AthleteId,
    next: Next,
    start: Next,
}

impl WriteTx {
    fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    fn next_activity(&mut self) -> i64 {
        let id = self.next.activity;
        self.next.activity += 1;
        id
    }

    fn next_lift(&mut self) -> i64 {
        let id = self.next.lift;
        self.next.lift += 1;
        id
    }

    fn next_import(&mut self) -> i64 {
        let id = self.next.import;
        self.next.import += 1;
        id
    }

    async fn commit(mut self, log: &PgLog) -> Result<(), StoreError> {
        // The counters, and the athlete's version (`Log::current_version`), moved with the change.
        sqlx::query(
            "UPDATE athletes SET next_activity_id = $2, next_lift_id = $3, next_import_id = $4, \
             version = version + 1 WHERE id = $1",
        )
        .bind(self.athlete.0)
        .bind(self.next.activity)
        .bind(self.next.lift)
        .bind(self.next.import)
        .execute(&mut *self.tx)
        .await?;
        // Delivered to listeners only if the transaction commits, and then after it.
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(self.athlete.0.to_string())
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await?;
        log.changes.bump(self.athlete);
        Ok(())
    }
}

/// Adds `athlete`'s row if it is missing. The `NOT EXISTS` reads the snapshot, so for an existing athlete
/// this never waits for a transaction holding the row (an import while advice is recorded).
async fn ensure_athlete(conn: &mut Conn, athlete: AthleteId) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO athletes (id, created_at_ms) SELECT $1, $2 \
         WHERE NOT EXISTS (SELECT 1 FROM athletes WHERE id = $1) ON CONFLICT (id) DO NOTHING",
    )
    .bind(athlete.0)
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

/// The zone basis: the profile's measured maximum heart rate, if any.
async fn zone_max_hr(conn: &mut Conn, athlete: AthleteId) -> Result<Option<f64>, StoreError> {
    let row: Option<(Option<f64>,)> =
        sqlx::query_as("SELECT max_hr_bpm FROM profile WHERE athlete_id = $1")
            .bind(athlete.0)
            .fetch_optional(conn)
            .await?;
    Ok(row.and_then(|r| r.0))
}
