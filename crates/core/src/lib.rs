//! afterlift-core: the pure domain of afterlift.
//!
//! Science formulas ([`science`]), the exercise catalogue ([`catalogue`]), the session types every reader
//! produces ([`session`]), the public JSON contract ([`contract`]) and the advisor ([`advice`]); training load
//! ([`load`]), per-muscle fatigue ([`fatigue`]), readiness ([`readiness`]) and the status report built from
//! them ([`status`]); structured tempo and interval sessions ([`workout`]); personal n-of-1 experiments and
//! the strategies they compare ([`experiment`]). One range per quantity
//! ([`limits`]) and the validation every write and the advisor share ([`validate`]).
//!
//! Architecture invariant: this crate does no I/O — no files, no network, no clock, no database, no async.
//! The current time is always passed in. Everything here is deterministic and cheap to test.

pub mod advice;
pub mod athlete;
pub mod calc;
pub mod catalogue;
pub mod chart;
pub mod contract;
pub mod dedup;
pub mod experiment;
pub mod fatigue;
pub mod history;
pub mod hr_zones;
pub mod interference;
pub mod limits;
pub mod load;
pub mod notation;
pub mod plan;
pub mod readiness;
pub mod science;
pub mod session;
pub mod status;
pub mod streams;
pub mod time;
pub mod track;
pub mod validate;
pub mod workout;

pub use athlete::{Athlete, Goal, Sex};
