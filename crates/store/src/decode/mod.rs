//! What both sqlx backends read rows into; the SQL stays in each backend.
//!
//! The row structs (`…Db`, `…Row` tuples) are the columns a backend's `SELECT` names, decoded with sqlx's
//! `FromRow`, which is generic over the driver: one derive serves SQLite and PostgreSQL. Their conversions
//! into the store's types, the pure decisions around them (which stored entry a new one duplicates, what a
//! merge changes) and the small helpers every backend uses (milliseconds ↔ [`Timestamp`], a filter's
//! bounds, [`corrupt`]) live here, once. Column types agree across the backends: SQLite's INTEGER and
//! PostgreSQL's BIGINT are `i64`, REAL and DOUBLE PRECISION `f64`, INTEGER 0/1 and BOOLEAN `bool`, BLOB and
//! BYTEA `Vec<u8>`; PostgreSQL's DATE and TIME columns are read as text (`to_char`) by its own `SELECT`s,
//! so that both backends hand the same strings to [`ProfileDb`] and [`WellnessDb`].
//!
//! Nothing here runs a statement or names a table: a backend's files hold its SQL and how it is executed.

mod accounts;
mod activities;
mod experiments;
mod journal;
mod ledger;
mod lifts;

use std::path::Path;

use jiff::Timestamp;

use crate::{AdviceRecord, StoreError, TimeFilter};

pub use accounts::{
    GrantRow, PrincipalRow, TokenRow, UserRow, UserWithHashRow, checked_name, grant,
    is_unique_violation, name_key, name_taken, new_user, principal, token, user, user_with_hash,
};
pub use activities::{
    ActivityDb, ActivityWithSamplesDb, Merge, activity_span, blob_zone_params, pick_same,
    zone_params,
};
pub use experiments::{ExperimentDb, seed_column};
pub use journal::{ProfileDb, WellnessDb, sex_str, time_text};
pub use ledger::{
    ImportDb, LinkDb, RoleLinkDb, archive_message, ledger_entries, ledger_links, link_columns,
    link_ids,
};
pub use lifts::{
    ExerciseSetDb, LiftDb, LiftMerge, group_exercises, lift_row, lift_span, pick_same_lift,
    with_exercises,
};

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// An instant as stored: Unix milliseconds.
pub fn to_ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

/// A stored instant; `what` names it when it is out of range.
pub fn from_ms(ms: i64, what: &str) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// Seconds as whole milliseconds; callers have range-checked `s`, so this cannot overflow.
pub fn secs_to_ms(s: f64) -> i64 {
    (s * 1000.0).round() as i64
}

/// A stored value the store cannot read back.
pub fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

/// The lower and upper started_at bounds and the LIMIT of a filter, as SQL parameters.
pub fn filter_bounds(f: &TimeFilter) -> (i64, i64, i64) {
    (
        f.from.map_or(i64::MIN, to_ms),
        f.to.map_or(i64::MAX, to_ms),
        f.limit.map_or(i64::MAX, i64::from),
    )
}

/// A file's path as the ledger keeps it.
pub fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// An advice log row: id, time (ms), request and response JSON.
pub type AdviceRow = (i64, i64, String, String);

/// An [`AdviceRow`] as the store's record.
pub fn advice_record(
    (id, at_ms, request_json, response_json): AdviceRow,
) -> Result<AdviceRecord, StoreError> {
    Ok(AdviceRecord {
        id,
        at: from_ms(at_ms, "advice time")?,
        request_json,
        response_json,
    })
}
