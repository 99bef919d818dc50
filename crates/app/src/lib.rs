//! afterlift-app: the use cases that combine the pure core with files and the log, shared by the CLI and
//! the HTTP server so both behave the same.
//!
//! - [`import`]: files and folders (recursively) → readers → one atomic store import per file, with a
//!   report in the contract's shape.
//! - [`from_log`]: the advice request as the log knows it — the stored profile, today's strength session,
//!   today's check-in — for callers to lay their own fields over.
//!
//! Architecture invariant: no argument parsing, rendering or HTTP here; errors are typed ([`AppError`]).

pub mod from_log;
pub mod import;

mod error;

pub use error::AppError;
