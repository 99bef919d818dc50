//! [`Store`]: opening the SQLite log, and the methods everything else in afterlift calls.
//!
//! The methods live next to their SQL, one file per area: [`activities`], [`lifts`], [`import`],
//! [`journal`] (profile, wellness, advice). Every multi-statement write runs in a `BEGIN IMMEDIATE`
//! transaction: it takes the write lock up front, so a concurrent writer waits for the busy timeout rather
//! than failing when a read transaction would have to be upgraded (SQLite's `SQLITE_BUSY_SNAPSHOT`).

mod activities;
mod import;
mod journal;
mod lifts;

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, SqliteConnection, Transaction};

use crate::StoreError;

/// How long a writer waits for another process's transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads can run alongside the single writer in WAL mode; a CLI needs few.
const MAX_CONNECTIONS: u32 = 4;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

type Conn = SqliteConnection;

/// The training log. Cheap to clone (a connection pool); safe to share between tasks and with other
/// processes using the same file.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Opens the log at `path`, creating it (and its folder) on first use and bringing its schema up to
    /// date. Opening an existing, current log takes about a millisecond.
    pub async fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
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
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .min_connections(0)
            // A local file needs no liveness ping on every checkout.
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        migrate(&pool).await?;
        Ok(Store { pool, path })
    }

    /// Where the log lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection, checkpointing the WAL into the database file. Dropping a `Store` is
    /// safe too; closing first just leaves a tidier folder.
    pub async fn close(self) {
        self.pool.close().await;
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

async fn migrate(pool: &SqlitePool) -> Result<(), StoreError> {
    // Two processes creating the same new log race to apply the first migration; the loser fails with
    // "table already exists" after the winner commits, and a second run then finds it applied.
    let mut attempt = 0;
    loop {
        match MIGRATOR.run(pool).await {
            Ok(()) => return Ok(()),
            Err(
                sqlx::migrate::MigrateError::Execute(_)
                | sqlx::migrate::MigrateError::ExecuteMigration(..),
            ) if attempt < 2 => attempt += 1,
            Err(e) => return Err(StoreError::Migrate(e)),
        }
    }
}

fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

fn to_ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

fn from_ms(ms: i64, what: &str) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// Seconds as whole milliseconds; callers have range-checked `s`, so this cannot overflow.
fn secs_to_ms(s: f64) -> i64 {
    (s * 1000.0).round() as i64
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

/// The lower and upper started_at bounds and the LIMIT of a filter, as SQL parameters.
fn filter_bounds(f: &crate::TimeFilter) -> (i64, i64, i64) {
    (
        f.from.map_or(i64::MIN, to_ms),
        f.to.map_or(i64::MAX, to_ms),
        f.limit.map_or(i64::MAX, i64::from),
    )
}

/// The zone basis: the profile's measured maximum heart rate, if any.
async fn zone_max_hr(conn: &mut Conn) -> Result<Option<f64>, StoreError> {
    let row: Option<(Option<f64>,)> = sqlx::query_as("SELECT max_hr_bpm FROM profile WHERE id = 1")
        .fetch_optional(conn)
        .await?;
    Ok(row.and_then(|r| r.0))
}
