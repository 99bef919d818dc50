//! The store's one error type.
//!
//! Messages are for people: invalid input names the field and the accepted range. Database errors keep
//! the driver's text in the error's `source()` — for logs; the server must not send it to clients
//! (the variant's own message is deliberately generic).

use std::path::PathBuf;

use crate::EntryId;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path} for the training log")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot open the training log at {path}")]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },

    #[error("cannot bring the training log's schema up to date")]
    Migrate(#[source] sqlx::migrate::MigrateError),

    #[error("training log database error")]
    Database(#[source] sqlx::Error),

    /// SQLite's "database or disk is full" (SQLITE_FULL) or the OS's "no space left on device": the
    /// transaction was rolled back, so nothing was half-written.
    #[error(
        "the disk is full: the training log could not be written and nothing was changed; free some space and try again"
    )]
    DiskFull(#[source] sqlx::Error),

    /// A value the store refuses to keep, e.g. `activities[0].avg_hr_bpm: must be between 1 and 250 bpm`.
    #[error("invalid {field}: {message}")]
    Invalid { field: String, message: String },

    #[error("no entry {0} in the training log")]
    NotFound(EntryId),

    /// Something that must be unique exists already, e.g. `a user named 'ana' already exists`.
    #[error("{0}")]
    Conflict(String),

    /// Something named is not there, e.g. `no user named 'ana'`.
    #[error("{0}")]
    Missing(String),

    /// A batched request's batch stopped before it answered (the task running it ended,
    /// [`crate::batch`]); whether a write in it was committed is not known.
    #[error("the training log's request stopped before it was answered")]
    Interrupted,

    /// Stored data that cannot be read back (damaged file or a row written by an incompatible version).
    #[error("the training log is damaged: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> StoreError {
        if is_disk_full(&e) {
            StoreError::DiskFull(e)
        } else {
            StoreError::Database(e)
        }
    }
}

/// SQLITE_FULL (13, and its extended codes), PostgreSQL's `disk_full` (SQLSTATE 53100), or an I/O
/// error with ENOSPC. The numeric test is SQLite's alone: PostgreSQL's SQLSTATEs are five characters, some
/// of them digits only, and must not be read as SQLite result codes.
fn is_disk_full(e: &sqlx::Error) -> bool {
    if let sqlx::Error::Io(io) = e {
        return io.kind() == std::io::ErrorKind::StorageFull;
    }
    let Some(d) = e.as_database_error() else {
        return false;
    };
    if d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
        .is_some()
    {
        return d.code().as_deref() == Some("53100");
    }
    sqlite_code(d).is_some_and(|n| n & 0xff == 13)
}

/// A SQLite error's (extended) result code; `None` for another database's error.
fn sqlite_code(d: &dyn sqlx::error::DatabaseError) -> Option<u32> {
    d.try_downcast_ref::<sqlx::sqlite::SqliteError>()?;
    d.code().and_then(|c| c.parse::<u32>().ok())
}

impl StoreError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// True when another process held the database for longer than the busy timeout.
    pub fn is_busy(&self) -> bool {
        let db = match self {
            StoreError::Database(e) | StoreError::Open { source: e, .. } => e,
            _ => return false,
        };
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6), including their extended codes (low byte).
        db.as_database_error()
            .and_then(sqlite_code)
            .is_some_and(|n| matches!(n & 0xff, 5 | 6))
    }
}
