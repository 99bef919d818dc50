//! afterlift-app: the use cases that combine the pure core with files and the log, shared by the CLI and
//! the HTTP server so both behave the same.
//!
//! - [`accounts`]: users, API tokens, sign-in sessions, invitations and grants; who may act for whom.
//! - [`import`]: files and folders (recursively) → readers → one atomic store import per file (per entry
//!   of an archive, `import_archive`), with a report in the contract's shape that lists the sessions as a
//!   person reads them (`session_lines`).
//! - [`collect`]: which files an import reads (folders walked, hidden files skipped).
//! - [`from_log`]: the advice request as the log knows it — the stored profile, the last strength session (36 h),
//!   today's check-in — for callers to lay their own fields over.
//! - [`export`]: everything in the log as one JSON document, and that document imported back.
//! - [`advice_log`]: the advice given, listed, exported and restored without duplicates.
//! - [`advise`]: advice with the log's help (the caller's JSON over what the log knows), recorded.
//! - [`fields`]: JSON into contract types with every mistake named (line/column, or the field's path).
//! - [`journal`], [`browse`]: manual entries and check-ins (a second check-in of a day changes only what
//!   it answers); one log entry in full.
//! - [`exercises`]: the catalogue searched, and the athlete's exercise aliases kept and read.
//! - [`plan`]: the usual week from the log (last four weeks; a template for the goal when empty), planned,
//!   and as an iCalendar file.
//! - [`profile`]: the stored profile as the contract's `ProfileDoc`.
//! - [`replan`]: the current week re-planned from what was done; the post-lift run's progression.
//! - [`watch`]: `import --watch` — the folders imported, then every file that arrives in them.
//! - [`open`]: the log a `--db` location names (`sqlite://PATH` or a path), on its backend.
//! - [`live`]: the log kept in memory for a server ([`live::LogCache`]), invalidated by the log's version.
//! - [`status`]: load, muscle recovery and readiness from the log (the report, and the advisor's snapshot).
//! - [`experiment`]: personal experiments — started (sized from the log), listed, stopped, reported on
//!   from the log; the strategy of the day, which advice and plans follow when the request names none.
//! - [`history`]: weekly volume by sport and muscle group, e1RM per exercise, and the log's first and last
//!   dates, from one read of the log.
//!
//! Architecture invariant: no argument parsing, rendering or HTTP here; errors are typed ([`AppError`]).

pub mod accounts;
pub mod advice_log;
pub mod advise;
pub mod browse;
pub mod collect;
pub mod exercises;
pub mod experiment;
pub mod export;
pub mod fields;
pub mod from_log;
pub mod history;
pub mod import;
mod import_archive;
pub mod journal;
pub mod live;
pub mod migrate;
pub mod open;
pub mod plan;
pub mod profile;
pub mod replan;
pub mod status;
pub mod watch;

mod error;
mod session_lines;

pub use error::AppError;
