//! Planning: the post-lift run's progression, the weekly concurrent-training planner, re-planning the rest
//! of a week from what was actually done, and the iCalendar export.
//!
//! The source text's last word is to "align your training schedule with your specific fitness goals":
//! dedicated cardio days, HIIT 6–8 h away from heavy lifting or on another day, easy runs after upper-body
//! sessions, non-impact cardio after leg days, key runs protected for endurance athletes, and a gradual
//! build from about 10 minutes. This module turns those into
//!
//! - [`progression::progression`]: where the athlete is with the run after lifting and the next steps;
//! - [`week::plan_week`]: seven days that satisfy the hard rules and score best on the soft ones, every
//!   session with its reason, and what could not be placed with the rule that blocks it;
//! - [`week::adapt_week`]: the rest of the current week re-planned from the log and today's readiness;
//! - [`deload`]: after an amber or red week, the next one steps back (half the volume, nothing hard on
//!   the first days) and the progression builds on the last good week, not the one that went wrong;
//! - [`ics::to_ics`]: an RFC 5545 calendar of the plan;
//! - the personal experiment's strategy (`WeekRequest::strategy`, [`crate::experiment::strategy`]): a rule on
//!   where sessions go, below every hard rule, named in each session's reason and summarised — with what it
//!   changed and where it could not be honoured — in `WeekPlan::experiment`.
//!
//! Architecture invariant: pure. No clock — dates, "today" and the calendar's DTSTAMP are passed in — no
//! I/O, deterministic (the same input gives the same output, byte for byte), and no panics on any input.

pub mod adapt;
pub mod deload;
mod experiment;
pub mod ics;
pub mod progression;
mod rules;
mod search;
pub mod week;

use jiff::civil::{Time, time};

use crate::contract::Slot;

pub use adapt::adapt_week;
pub use deload::deload_request;
pub use progression::progression;
pub use week::plan_week;

/// The default clock time a morning slot starts (used for the calendar, and for the hours between
/// sessions in the planner's hard rules).
pub const MORNING_START: Time = time(7, 0, 0, 0);
/// The default clock time an evening slot starts.
pub const EVENING_START: Time = time(18, 0, 0, 0);

/// The default clock time a slot starts: morning 07:00, evening 18:00.
pub fn slot_start(slot: Slot) -> Time {
    match slot {
        Slot::Morning => MORNING_START,
        Slot::Evening => EVENING_START,
    }
}
