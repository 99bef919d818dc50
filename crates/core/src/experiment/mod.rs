//! Personal experiments: n-of-1 trials on the athlete's own log — "find what works for you, measured
//! honestly".
//!
//! Two strategies, A and B, are compared in a **randomised, blocked crossover** (ABAB…): the experiment is
//! a run of blocks, each of two periods of 1 or 2 weeks, one of each arm, in an order (AB or BA) drawn at
//! random per block from a ChaCha stream seeded by the caller ([`design`]). The first days of every period
//! may be a **washout** — kept out of the outcomes, so what the previous period left behind does not count
//! for this one. The outcomes are **declared before the start** ([`outcome`]: e1RM of a main lift, easy-run
//! efficiency, next-morning resting HR, HRV, Hooper score, soreness, session RPE, adherence, weekly minutes),
//! each computed from the log as a series of dated observations. The number of blocks is the **minimum
//! length** giving 80 % power for the smallest difference the athlete cares about, from their own
//! period-to-period variability before the start.
//!
//! The **analysis** ([`analysis`]) averages each outcome per period (washout excluded) and fits the period
//! means on arm and a linear time trend (ordinary least squares); the effect A − B has a t interval at the
//! period level, whose degrees of freedom count periods, not days — so day-to-day autocorrelation inside
//! a period does not make it falsely narrow. Below the design's minimum it says "not enough data yet, N
//! more weeks" instead of a guess. The **report** ([`mod@report`]) follows the CENT 2015 checklist (Vohra et al.,
//! BMJ 2015;350:h1738) as serde data, with a Markdown rendering: question, arms, pre-declared outcomes,
//! design with its seed, deviations and missing data, per-outcome estimates with intervals, harms, a
//! plain-language verdict and the caveats (this athlete only; not medical advice).
//!
//! Invariants: pure (no I/O, no clock — the report's date is an argument), deterministic (the only
//! randomness is the schedule's, from the caller's seed: the same protocol, log and date give the same
//! report, byte for byte), every public type serde data. The method and its sources: `docs/experiments.md`.
//! The simulation tests (`tests/experiment_simulation.rs`) check the intervals' coverage, the false-positive
//! rate and the minimum length's power on generated athletes.

pub mod analysis;
pub mod design;
mod html;
pub mod outcome;
pub mod report;
mod stats;
pub mod strategy;

pub use analysis::{Analysis, Estimate, Interval, PeriodMean, Verdict, analyse};
pub use design::{
    DesignError, DesignParams, MinLength, Period, Schedule, Variability, history_window,
    min_length, power, propose, variability,
};
pub use outcome::{
    Direction, LogInput, Observation, OutcomeKind, OutcomeSpec, Scale, observations,
};
pub use report::{
    Adherence, ArmNames, ByArm, DeclaredOutcome, DesignSummary, Deviation, ExperimentReport, Harms,
    OutcomeResult, Progress, Protocol, ProtocolError, ReportInput, Setup, Status, progress, report,
};

/// One of the two strategies compared (`"a"`, `"b"` in JSON, snake_case like every name of the contract). What each means is the comparison's
/// ([`strategy::Comparison::strategy`]) and the protocol's names ([`ArmNames`]); the schedule only says
/// which is followed when.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    A,
    B,
}

impl Arm {
    pub fn as_str(self) -> &'static str {
        match self {
            Arm::A => "A",
            Arm::B => "B",
        }
    }

    /// The other arm.
    pub fn other(self) -> Arm {
        match self {
            Arm::A => Arm::B,
            Arm::B => Arm::A,
        }
    }
}

impl std::fmt::Display for Arm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
