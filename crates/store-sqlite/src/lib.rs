//! afterlift-store-sqlite: the training log in an embedded SQLite file — the personal log, with no
//! setup — behind the store interface ([`afterlift_store::Log`]). [`open`] gives the [`Store`] handle of
//! the local athlete; everything else in afterlift goes through that handle.
//!
//! The file is created on first use at the path the caller gives (`afterlift_store::default_db_path` is
//! the usual one), in WAL mode with foreign keys on, `synchronous=NORMAL`, and a busy timeout so that two
//! processes writing at once wait for each other instead of failing. The schema is in `migrations/`
//! (applied by `sqlx::migrate!`, never edited once committed); every athlete's rows carry their
//! `athlete_id` (migration 0004; a log written before it is the local athlete's, [`AthleteId::LOCAL`]).
//!
//! The methods live next to their SQL, one file per area: [`activities`], [`lifts`], [`import`],
//! [`journal`] (profile, wellness), [`advice`] (the advice log, by group commit), [`aliases`] (the
//! athlete's exercise names), [`changes`] (the change signal). Every multi-statement write runs in a
//! `BEGIN IMMEDIATE` transaction: it takes the write lock up front, so a concurrent writer waits for the
//! busy timeout rather than failing when a read transaction would have to be upgraded (SQLite's
//! `SQLITE_BUSY_SNAPSHOT`).
//!
//! sqlx runs each SQLite connection on its own thread, so every statement is a round trip between
//! threads, and a pooled connection is pinged on its way back to the pool. Importing — many small
//! transactions in a row — and the advice log therefore go through one dedicated connection, the
//! [`Writer`], kept out of the pool with its prepared statements: its transactions send their statements
//! in as few round trips as possible (`BEGIN IMMEDIATE` with the first queries, `COMMIT` with the last
//! writes; see [`WriteTx`]). Everything else uses the pool.

mod accounts;
mod activities;
mod advice;
mod aliases;
mod archive;
mod changes;
mod checkpoint;
mod experiments;
mod import;
mod journal;
mod lifts;

mod backend;

pub use changes::WATCH_EVERY;

// The interface crate's types and shared checks, as if they were this crate's own.
#[cfg(test)]
pub(crate) use afterlift_store::testdata;
pub(crate) use afterlift_store::{
    AdviceRecord, AthleteId, BatchItem, Duplicate, EntryId, Export, ImportBatch, ImportOutcome,
    LedgerEntry, NewAdvice, Profile, Store, StoreError, StoredActivity, StoredLift, TimeFilter,
    WellnessEntry, dedup, ledger_word, rows, samples, validate,
};
// What every backend reads rows into and converts them with; the SQL is this crate's.
use afterlift_store::decode::{corrupt, filter_bounds, now_ms, secs_to_ms, to_ms};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Sqlite, SqliteConnection, Transaction};

/// How long a writer waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads can run alongside the single writer in WAL mode; a CLI needs few.
const MAX_CONNECTIONS: u32 = 4;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

type Conn = SqliteConnection;

/// Statements sent to SQLite in one round trip (`;`-separated, `?` parameters bound in order).
type Writes<'q> = sqlx::QueryBuilder<'q, Sqlite>;

/// Opens the log at `path` (see [`SqliteLog::open`]) as the local athlete's [`Store`].
pub async fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
    Ok(Store::new(
        Arc::new(SqliteLog::open(path).await?),
        AthleteId::LOCAL,
    ))
}

/// The training log in one SQLite file. Cheap to clone (a connection pool); safe to share between tasks
/// and with other processes using the same file.
#[derive(Debug, Clone)]
pub struct SqliteLog {
    pool: SqlitePool,
    writer: Arc<Writer>,
    path: PathBuf,
    advice: Arc<afterlift_store::batch::AdviceQueue>,
    changes: Arc<changes::Changes>,
}

/// The connection imports write through, outside the pool (see the module docs). `None` after a write
/// transaction was abandoned (a failed statement, or its future dropped): closing the connection is what
/// rolled it back, and the next user opens a new one.
#[derive(Debug)]
struct Writer {
    options: SqliteConnectOptions,
    conn: tokio::sync::Mutex<Option<SqliteConnection>>,
    /// Transactions committed on it, for the [`checkpoint`]er.
    commits: std::sync::atomic::AtomicU64,
}

impl Writer {
    /// The writer connection, exclusively, reconnecting if the last one was discarded.
    async fn lock(
        &self,
    ) -> Result<tokio::sync::MutexGuard<'_, Option<SqliteConnection>>, StoreError> {
        let mut slot = self.conn.lock().await;
        if slot.is_none() {
            *slot = Some(connect_writer(&self.options).await?);
        }
        Ok(slot)
    }

    /// A write transaction on the writer connection; see [`WriteTx`].
    async fn begin(&self) -> Result<WriteTx<'_>, StoreError> {
        Ok(WriteTx {
            slot: self.lock().await?,
            open: true,
            commits: &self.commits,
        })
    }

    async fn close(&self) {
        if let Some(conn) = self.conn.lock().await.take() {
            let _ = conn.close().await;
        }
    }
}

/// A write transaction on the [`Writer`] that sqlx does not track: the caller sends [`BEGIN_WRITE`] along
/// with its first queries and `COMMIT` along with its last writes, then calls [`WriteTx::committed`]. Until
/// then the transaction counts as open, and dropping the `WriteTx` — after a failed statement, or when the
/// future is dropped — discards the connection: SQLite rolls the transaction back as the connection closes,
/// and the write lock is released at once. All or nothing, as with sqlx's own transactions.
struct WriteTx<'a> {
    slot: tokio::sync::MutexGuard<'a, Option<SqliteConnection>>,
    open: bool,
    commits: &'a std::sync::atomic::AtomicU64,
}

/// The first statement of a [`WriteTx`]: takes the write lock up front, waiting for the busy timeout.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE;";

impl WriteTx<'_> {
    fn conn(&mut self) -> &mut SqliteConnection {
        self.slot
            .as_mut()
            .expect("the writer slot holds a connection while a WriteTx is open")
    }

    /// The statement ending in `COMMIT` succeeded.
    fn committed(mut self) {
        self.open = false;
        self.commits
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Rolls back (nothing the transaction did remains) and keeps the connection.
    async fn rollback(mut self) -> Result<(), StoreError> {
        sqlx::query("ROLLBACK").execute(self.conn()).await?;
        self.open = false;
        Ok(())
    }
}

impl Drop for WriteTx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Closing the connection (its worker thread ends once this drops) rolls the transaction back.
            self.slot.take();
        }
    }
}

impl SqliteLog {
    /// Opens the log at `path`, creating it (and its folder) on first use and bringing its schema up to
    /// date. Opening an existing, current log takes about a millisecond.
    pub async fn open(path: impl AsRef<Path>) -> Result<SqliteLog, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // With WAL, NORMAL loses no committed transaction on a crash of the process, only possibly the
            // last ones on a power cut, and never corrupts the file.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        // A new log is created and given its schema without waiting for the disk (switching a new file
        // to WAL and migrating it costs six fsyncs, most of a short import's time): until the schema is
        // in, the file holds nothing to lose, and a power cut then leaves at worst a file that does not
        // open — said so, never a log missing data. From then on, NORMAL.
        let fresh = !path.exists();
        // (sqlx sets the journal mode before `synchronous`: a new file is switched to WAL by hand, after.)
        let first = if fresh {
            options
                .clone()
                .journal_mode(SqliteJournalMode::Delete)
                .synchronous(SqliteSynchronous::Off)
        } else {
            options.clone()
        };
        // The writer is the first connection: it proves the file can be opened, and applies migrations.
        let open_error = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let (mut writer, fresh) = if fresh {
            match first.connect().await {
                Ok(conn) => (writer_settings(conn).await.map_err(open_error)?, true),
                // Another process created the same new log a moment before and switched it to WAL
                // (asking for another journal mode is then refused at once): open it as it is.
                Err(e) if is_busy(&e) => {
                    (connect_writer(&options).await.map_err(open_error)?, false)
                }
                Err(e) => return Err(open_error(e)),
            }
        } else {
            (connect_writer(&first).await.map_err(open_error)?, false)
        };
        migrate(&mut writer).await?;
        if fresh {
            to_wal(&mut writer).await?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .min_connections(0)
            // A local file needs no liveness ping on every checkout.
            .test_before_acquire(false)
            .connect_lazy_with(options.clone());
        let log = SqliteLog {
            pool,
            writer: Arc::new(Writer {
                options,
                conn: tokio::sync::Mutex::new(Some(writer)),
                commits: std::sync::atomic::AtomicU64::new(0),
            }),
            path,
            advice: Arc::default(),
            changes: Arc::default(),
        };
        checkpoint::start(log.pool.clone(), Arc::downgrade(&log.writer));
        Ok(log)
    }

    /// Where the log lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection, checkpointing the WAL into the database file. Dropping the log is
    /// safe too; closing first just leaves a tidier folder.
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }

    /// Runs SQLite's `integrity_check` and `foreign_key_check`; `Err(Corrupt)` names what is wrong.
    pub async fn check_integrity(&self) -> Result<(), StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        if rows.len() != 1 || rows[0].0 != "ok" {
            let found: Vec<String> = rows.into_iter().map(|r| r.0).collect();
            return Err(StoreError::Corrupt(found.join("; ")));
        }
        let broken = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&self.pool)
            .await?;
        if !broken.is_empty() {
            return Err(StoreError::Corrupt(format!(
                "{} rows break a foreign key",
                broken.len()
            )));
        }
        Ok(())
    }

    /// A write transaction holding the write lock from its first statement.
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

/// The writer's connection: as [`connect`], without SQLite's automatic checkpoint — a commit on the writer
/// (an import, a batch of advice) never waits for the WAL to be copied into the database; the
/// [`checkpoint`]er does that beside it.
async fn connect_writer(options: &SqliteConnectOptions) -> Result<SqliteConnection, sqlx::Error> {
    writer_settings(connect(options).await?).await
}

async fn writer_settings(mut conn: SqliteConnection) -> Result<SqliteConnection, sqlx::Error> {
    sqlx::query("PRAGMA wal_autocheckpoint = 0")
        .execute(&mut conn)
        .await?;
    Ok(conn)
}

/// SQLITE_BUSY, or its extended codes.
fn is_busy(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d)
        if d.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| c & 0xff == 5))
}

/// Opens a connection, retrying for up to [`BUSY_TIMEOUT`] while the file is locked: the connection's
/// `PRAGMA journal_mode = WAL` can fail at once with `SQLITE_BUSY` (the busy timeout does not apply) while
/// another process is creating the same log.
async fn connect(options: &SqliteConnectOptions) -> Result<SqliteConnection, sqlx::Error> {
    let deadline = tokio::time::Instant::now() + BUSY_TIMEOUT;
    let mut backoff = Duration::from_millis(5);
    loop {
        match options.connect().await {
            Err(e) if is_busy(&e) && tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_millis(500));
            }
            result => return result,
        }
    }
}

/// Switches the new log this connection created to WAL with `synchronous = NORMAL`. The switch needs the
/// file to itself and fails at once with `SQLITE_BUSY` (the busy timeout does not apply) while another
/// process opens the same new log: retried for up to [`BUSY_TIMEOUT`].
async fn to_wal(conn: &mut SqliteConnection) -> Result<(), StoreError> {
    let deadline = tokio::time::Instant::now() + BUSY_TIMEOUT;
    let mut backoff = Duration::from_millis(5);
    loop {
        match sqlx::query("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
            .execute(&mut *conn)
            .await
        {
            Err(e) if is_busy(&e) && tokio::time::Instant::now() < deadline => {
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_millis(500));
            }
            result => return result.map(drop).map_err(StoreError::from),
        }
    }
}

async fn migrate(conn: &mut SqliteConnection) -> Result<(), StoreError> {
    // Two processes creating the same new log race to apply each migration; the loser fails with "table
    // already exists" or "duplicate column name" after the winner commits, and the next run finds it
    // applied. The race can be lost once per migration, so each may be retried.
    let retries = 2 * MIGRATOR.iter().count() + 2;
    let mut attempt = 0;
    loop {
        match MIGRATOR.run(&mut *conn).await {
            Ok(()) => return Ok(()),
            Err(
                sqlx::migrate::MigrateError::Execute(_)
                | sqlx::migrate::MigrateError::ExecuteMigration(..),
            ) if attempt < retries => attempt += 1,
            Err(e) => return Err(StoreError::Migrate(e)),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A new log is created without fsyncs, but every connection writes with `synchronous = NORMAL`
    /// from then on: the writer that created it, the pool, and the next process.
    #[tokio::test]
    async fn a_new_log_writes_with_normal_synchronous() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let log = SqliteLog::open(&path).await.unwrap();
        async fn level(conn: &mut SqliteConnection) -> Result<(i64,), sqlx::Error> {
            sqlx::query_as("PRAGMA synchronous").fetch_one(conn).await
        }
        {
            let mut slot = log.writer.lock().await.unwrap();
            let conn = slot.as_mut().unwrap();
            assert_eq!(level(conn).await.unwrap().0, 1, "writer");
            let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
                .fetch_one(conn)
                .await
                .unwrap();
            assert_eq!(mode, "wal");
        }
        let mut pooled = log.pool.acquire().await.unwrap();
        assert_eq!(level(&mut pooled).await.unwrap().0, 1, "pool");
        drop(pooled);
        log.close().await;
        let again = SqliteLog::open(&path).await.unwrap();
        let mut slot = again.writer.lock().await.unwrap();
        assert_eq!(
            level(slot.as_mut().unwrap()).await.unwrap().0,
            1,
            "reopened"
        );
    }

    /// The writer's commits are copied into the database by the checkpointer while the log is open (the
    /// writer itself never checkpoints: without the checkpointer the file would not grow until closed).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_checkpointer_copies_the_writers_commits_into_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let log = SqliteLog::open(&path).await.unwrap();
        let before = std::fs::metadata(&path).unwrap().len();
        let text: std::sync::Arc<str> = "x".repeat(4000).into();
        for i in 0..500 {
            log.record_advice(
                AthleteId::LOCAL,
                NewAdvice {
                    at: jiff::Timestamp::from_second(1_700_000_000 + i).unwrap(),
                    request_json: text.clone(),
                    response_json: text.clone(),
                },
            )
            .await
            .unwrap();
        }
        let mut grown = 0;
        for _ in 0..50 {
            tokio::time::sleep(checkpoint::CHECKPOINT_EVERY).await;
            grown = std::fs::metadata(&path).unwrap().len();
            if grown > before + 2_000_000 {
                break;
            }
        }
        assert!(
            grown > before + 2_000_000,
            "the database file grew from {before} to {grown} bytes only"
        );
        log.close().await;
    }
}
