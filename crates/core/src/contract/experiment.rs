//! Personal experiments in the contract: what an athlete sends to start one ([`StartExperiment`]), one
//! experiment as every front end shows it ([`ExperimentOut`]), where it stands ([`ExperimentStatus`]) and
//! its entry in the export document ([`ExperimentDoc`]). The report is core's
//! [`ExperimentReport`](crate::experiment::ExperimentReport), already serde data.
//!
//! One JSON shape per concept: the CLI's `afterlift experiment … --json` and the HTTP API answer with
//! these types. Field names are the contract. The computations live in [`crate::experiment`].

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::experiment::strategy::{Comparison, Strategy};
use crate::experiment::{
    Arm, ArmNames, OutcomeResult, OutcomeSpec, Protocol, Setup, Status, progress,
};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The period length when the request names none: one week.
pub const DEFAULT_PERIOD_WEEKS: u8 = 1;
/// The washout when the request names none: the first 2 days of each period (of a 1-week period, 5 days
/// remain for the outcomes; the simulations of `docs/experiments.md` recover most of a 3-day carry-over
/// with it).
pub const DEFAULT_WASHOUT_DAYS: u8 = 2;

fn default_period_weeks() -> u8 {
    DEFAULT_PERIOD_WEEKS
}

fn default_washout_days() -> u8 {
    DEFAULT_WASHOUT_DAYS
}

/// "Start an experiment": what to compare, the outcomes declared before the start, and the design.
/// Everything but the comparison and the primary outcome has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StartExperiment {
    /// The two strategies compared (`run_after_lift_or_separate_day`, `lift_or_run_first`,
    /// `cycle_or_run_after_legs`, `post_lift_run_15_or_30`, `hiit_gap_6h_or_24h`). The arms are named
    /// after the comparison's strategies.
    pub comparison: Comparison,
    /// The outcome that decides and sets the length, with the smallest difference that matters, in its
    /// unit (`{"kind": "easy_run_efficiency", "smallest_effect": 0.05}`).
    pub primary: OutcomeSpec,
    /// Further outcomes, reported as exploratory.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary: Vec<OutcomeSpec>,
    /// The first day; default the Monday after the athlete's today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub start: Option<Date>,
    /// Weeks per period: 1 or 2 (default 1).
    #[serde(default = "default_period_weeks")]
    pub period_weeks: u8,
    /// The first days of each period that are followed but not counted for the outcomes (default 2; at
    /// least 4 days of a period must remain).
    #[serde(default = "default_washout_days")]
    pub washout_days: u8,
    /// Blocks of two periods (one of each strategy); default the minimum for 80 % power from the athlete's
    /// own variability (4 when the log has too little history). Fewer than the minimum are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocks: Option<u32>,
    /// The seed of the randomised order; default a random one drawn by the server or the CLI. It is kept,
    /// so the schedule and every report can be reproduced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The question in the athlete's words; default the comparison's
    /// ([`Comparison::question`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
}

impl StartExperiment {
    /// The request with the defaults: `primary` as the only outcome, starting on `start`.
    pub fn new(comparison: Comparison, primary: OutcomeSpec) -> StartExperiment {
        StartExperiment {
            comparison,
            primary,
            secondary: Vec::new(),
            start: None,
            period_weeks: DEFAULT_PERIOD_WEEKS,
            washout_days: DEFAULT_WASHOUT_DAYS,
            blocks: None,
            seed: None,
            question: None,
        }
    }

    /// The arms' names: the comparison's strategies' labels.
    pub fn arm_names(comparison: Comparison) -> ArmNames {
        let [a, b] = comparison.arms();
        ArmNames {
            a: a.label(),
            b: b.label(),
        }
    }

    /// The design core's [`Protocol::new`] takes, starting on `start` (the request's, or the caller's
    /// default).
    pub fn setup(&self, start: Date) -> Setup {
        Setup {
            question: self
                .question
                .clone()
                .unwrap_or_else(|| self.comparison.question().to_string()),
            arms: StartExperiment::arm_names(self.comparison),
            primary: self.primary.clone(),
            secondary: self.secondary.clone(),
            start: self.start.unwrap_or(start),
            period_weeks: self.period_weeks,
            washout_days: self.washout_days,
            blocks: self.blocks,
        }
    }
}

/// The Monday after `today` (a week later when `today` is a Monday): the default start.
pub fn next_monday(today: Date) -> Date {
    let ahead = 7 - i64::from(today.weekday().to_monday_zero_offset());
    today
        .checked_add(jiff::Span::new().days(ahead))
        .unwrap_or(today)
}

/// One day of an experiment: which strategy is followed, and whether the day counts for the outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExperimentDay {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub arm: Arm,
    /// The arm's strategy: what the planner and the advisor follow on this day.
    pub strategy: Strategy,
    /// A washout day: the strategy is followed, but the outcomes of the day do not count (what the
    /// previous period left behind is fading).
    pub in_washout: bool,
    /// The block (from 1) and the last day of the period this day is in: the strategy holds until then.
    pub block: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub period_ends: Date,
}

/// One experiment as every front end shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExperimentOut {
    /// The athlete's experiment number (1, 2, …).
    pub id: i64,
    pub comparison: Comparison,
    /// Everything declared at the start: the question, the arms, the outcomes, the schedule.
    pub protocol: Protocol,
    /// The seed the schedule's order was drawn from (also `protocol.schedule.seed`).
    pub seed: u64,
    /// When it was started.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: Timestamp,
    /// The day the athlete stopped it, if they did: that day is its last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub stopped_on: Option<Date>,
    /// Where it stands on `as_of` — as the report says: `not_started` until its first day is over,
    /// `running`, `finished` once every block is, `stopped_early`.
    pub status: Status,
    /// The athlete's local date this answer is for.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub as_of: Date,
    /// The strategy in force on `as_of`; absent before the start, after the end, and from the day it
    /// was stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<ExperimentDay>,
}

impl ExperimentOut {
    /// The experiment as of `as_of`.
    pub fn new(
        id: i64,
        comparison: Comparison,
        protocol: Protocol,
        created_at: Timestamp,
        stopped_on: Option<Date>,
        as_of: Date,
    ) -> ExperimentOut {
        let status = progress(&protocol.schedule, as_of, stopped_on).status;
        let today = day_of(comparison, &protocol, stopped_on, as_of);
        ExperimentOut {
            id,
            comparison,
            seed: protocol.schedule.seed,
            protocol,
            created_at,
            stopped_on,
            status,
            as_of,
            today,
        }
    }

    /// Whether it still claims the athlete's days: not stopped, and its schedule has not ended by `as_of`.
    /// At most one experiment is open at a time.
    pub fn is_open(&self) -> bool {
        is_open(&self.protocol, self.stopped_on, self.as_of)
    }
}

/// Whether an experiment of `protocol`, stopped on `stopped_on` if it was, still claims the athlete's
/// days on `as_of`: not stopped, and the schedule's last day not before `as_of`.
pub fn is_open(protocol: &Protocol, stopped_on: Option<Date>, as_of: Date) -> bool {
    stopped_on.is_none() && protocol.schedule.end() >= as_of
}

/// The strategy an experiment puts on `date`: the scheduled arm's, washout days included (the rule is
/// followed then too; only the outcomes of those days do not count). `None` outside the schedule and
/// from the day it was stopped on.
pub fn day_of(
    comparison: Comparison,
    protocol: &Protocol,
    stopped_on: Option<Date>,
    date: Date,
) -> Option<ExperimentDay> {
    if stopped_on.is_some_and(|s| date >= s) {
        return None;
    }
    let s = &protocol.schedule;
    let period = s.period_on(date)?;
    Some(ExperimentDay {
        date,
        arm: period.arm,
        strategy: comparison.strategy(period.arm),
        in_washout: s.is_washout(date),
        block: period.block + 1,
        period_ends: period.end,
    })
}

/// Where an experiment stands, in short: what `afterlift experiment status` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExperimentStatus {
    pub experiment: ExperimentOut,
    /// The planned length, weeks.
    pub weeks: u32,
    /// Days of the schedule over by `as_of` (through the day before, or the day it was stopped).
    pub days_done: u32,
    /// Whole weeks of the schedule left from `as_of` on (the rest of a week started counts).
    pub weeks_left: u32,
    /// The report's plain-language answer so far: "not enough data yet — N more weeks …", or the
    /// primary outcome's estimate.
    pub verdict: String,
    /// The primary outcome's result so far.
    pub primary: OutcomeResult,
}

/// An experiment in the export document, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentDoc {
    pub id: i64,
    pub created_at: Timestamp,
    pub comparison: Comparison,
    pub seed: u64,
    pub protocol: Protocol,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_on: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::OutcomeKind;

    #[test]
    fn a_start_request_takes_its_defaults_and_names_typos() {
        let r: StartExperiment = serde_json::from_str(
            r#"{"comparison": "run_after_lift_or_separate_day",
                "primary": {"kind": "easy_run_efficiency", "smallest_effect": 0.05}}"#,
        )
        .unwrap();
        assert_eq!(
            r,
            StartExperiment::new(
                Comparison::RunAfterLiftOrSeparateDay,
                OutcomeSpec {
                    kind: OutcomeKind::EasyRunEfficiency { ceiling_bpm: None },
                    smallest_effect: 0.05
                }
            )
        );
        let setup = r.setup(jiff::civil::date(2026, 3, 2));
        assert_eq!(
            setup.question,
            Comparison::RunAfterLiftOrSeparateDay.question()
        );
        assert_eq!(setup.arms, StartExperiment::arm_names(r.comparison));
        assert_ne!(setup.arms.a, setup.arms.b);
        assert_eq!((setup.period_weeks, setup.washout_days), (1, 2));
        let typo = r#"{"comparison": "lift_or_run_first", "primary": {"kind": "hrv", "smallest_effect": 0.05}, "block": 4}"#;
        assert!(serde_json::from_str::<StartExperiment>(typo).is_err());
    }

    #[test]
    fn the_default_start_is_the_next_monday() {
        use jiff::civil::date;
        assert_eq!(next_monday(date(2026, 3, 4)), date(2026, 3, 9)); // a Wednesday
        assert_eq!(next_monday(date(2026, 3, 8)), date(2026, 3, 9)); // a Sunday
        assert_eq!(next_monday(date(2026, 3, 9)), date(2026, 3, 16)); // a Monday: the next one
    }
}
