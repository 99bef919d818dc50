//! What an athlete can choose when starting a personal experiment — the comparisons with both arms
//! described, the outcomes with their units and directions, the period lengths with their washouts and the
//! length in blocks: `GET /api/v1/experiments/comparisons`, from which the dashboard's form is built, so
//! the choices and their limits have one source ([`ExperimentChoices::new`], from
//! [`crate::experiment`]).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::experiment::design::{
    DEFAULT_BLOCKS, MAX_BLOCKS, MIN_BLOCKS, MIN_OUTCOME_DAYS, PERIOD_WEEKS,
};
use crate::experiment::outcome::{Direction, OutcomeKind};
use crate::experiment::strategy::{Comparison, SOURCE_EXPERIMENT, Strategy};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Everything the start of an experiment offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExperimentChoices {
    /// The athlete's local date today.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub today: Date,
    /// The start offered, as `StartExperiment`'s default: the Monday after today ([`super::next_monday`]).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub default_start: Date,
    /// The source text's closing advice, which every comparison answers for one athlete.
    pub source: String,
    /// The five comparisons, each of two strategies (arm A and arm B).
    pub comparisons: Vec<ComparisonChoice>,
    /// The outcomes that can be declared, in the order offered.
    pub outcomes: Vec<OutcomeChoice>,
    /// The period lengths, each with the longest washout it leaves room for.
    pub periods: Vec<PeriodChoice>,
    /// How many blocks (of two periods) an experiment may have.
    pub blocks: BlockChoice,
}

/// One comparison: its question, the passage it tests, and its two arms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComparisonChoice {
    /// The JSON name (`run_after_lift_or_separate_day`, …), as `StartExperiment` names it.
    pub comparison: Comparison,
    /// The question, in plain language.
    pub question: String,
    /// The passage of the source text the comparison tests.
    pub source: String,
    pub a: ArmChoice,
    pub b: ArmChoice,
}

/// One arm: the strategy followed while it is scheduled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ArmChoice {
    pub strategy: Strategy,
    /// The name people read: "Runs on separate days".
    pub label: String,
    /// The rule, in plain language.
    pub describe: String,
    /// The passage of the source text this arm takes up, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One outcome kind, as an athlete declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OutcomeChoice {
    /// The `kind` of an `OutcomeSpec`: `e1rm`, `easy_run_efficiency`, `resting_hr`, …
    pub kind: String,
    /// Its name for people ("next-morning resting heart rate"; the e1RM's names no lift).
    pub name: String,
    pub unit: String,
    /// Which way is better.
    pub direction: Direction,
    /// Decimals worth showing in the unit.
    pub decimals: u8,
    /// How it is measured, with its source.
    pub method: String,
    /// Whether the declaration names a lift (`"exercise"`, as the catalogue names it): the e1RM's.
    pub needs_exercise: bool,
    /// A smallest difference to offer, in the unit; the athlete chooses their own (more than 0).
    pub suggested_smallest_effect: f64,
    /// Whether a period's washout days are left out of it (not for adherence and minutes, which record
    /// what was done).
    pub uses_washout: bool,
}

/// A period length and the washout it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PeriodChoice {
    pub weeks: u8,
    /// The longest washout: the period's days less the 4 left for outcomes.
    pub max_washout_days: u8,
}

/// The length in blocks of two periods: at least `min`; by default the minimum computed from the
/// athlete's own variability (or `default` without enough history); at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BlockChoice {
    pub min: u32,
    pub default: u32,
    pub max: u32,
}

impl ArmChoice {
    fn of(s: Strategy) -> ArmChoice {
        ArmChoice {
            strategy: s,
            label: s.label(),
            describe: s.describe().to_string(),
            source: s.source().map(str::to_string),
        }
    }
}

impl OutcomeChoice {
    fn of(kind: &OutcomeKind) -> OutcomeChoice {
        let needs_exercise = matches!(kind, OutcomeKind::E1rm { .. });
        OutcomeChoice {
            kind: kind.code().to_string(),
            name: if needs_exercise {
                "e1RM of a main lift".to_string()
            } else {
                kind.name()
            },
            unit: kind.unit().to_string(),
            direction: kind.direction(),
            decimals: kind.decimals() as u8,
            method: if needs_exercise {
                kind.method().replace("of  in", "of the lift in")
            } else {
                kind.method()
            },
            needs_exercise,
            suggested_smallest_effect: kind.suggested_smallest_effect(),
            uses_washout: kind.uses_washout(),
        }
    }
}

impl ExperimentChoices {
    /// Every choice, from the experiment module's own constants and texts, for an athlete whose local
    /// date is `today`.
    pub fn new(today: Date) -> ExperimentChoices {
        ExperimentChoices {
            today,
            default_start: super::next_monday(today),
            source: SOURCE_EXPERIMENT.to_string(),
            comparisons: Comparison::ALL
                .iter()
                .map(|&c| ComparisonChoice {
                    comparison: c,
                    question: c.question().to_string(),
                    source: c.source().to_string(),
                    a: ArmChoice::of(c.arms()[0]),
                    b: ArmChoice::of(c.arms()[1]),
                })
                .collect(),
            outcomes: OutcomeKind::all().iter().map(OutcomeChoice::of).collect(),
            periods: PERIOD_WEEKS
                .iter()
                .map(|&weeks| PeriodChoice {
                    weeks,
                    max_washout_days: weeks * 7 - MIN_OUTCOME_DAYS,
                })
                .collect(),
            blocks: BlockChoice {
                min: MIN_BLOCKS,
                default: DEFAULT_BLOCKS,
                max: MAX_BLOCKS,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::design::{DesignParams, propose};

    #[test]
    fn the_choices_are_what_the_design_accepts() {
        let c = ExperimentChoices::new(jiff::civil::date(2025, 1, 8));
        assert_eq!(c.default_start, jiff::civil::date(2025, 1, 13));
        // A Monday offers the next one: the outcomes are declared before the start.
        let monday = ExperimentChoices::new(jiff::civil::date(2025, 1, 13));
        assert_eq!(monday.default_start, jiff::civil::date(2025, 1, 20));
        assert_eq!(c.comparisons.len(), 5);
        for comparison in &c.comparisons {
            assert_eq!(comparison.a.strategy.comparison(), comparison.comparison);
            assert_eq!(comparison.b.strategy, comparison.a.strategy.other());
            assert!(!comparison.a.describe.is_empty() && !comparison.b.label.is_empty());
        }
        assert_eq!(c.outcomes.len(), OutcomeKind::all().len());
        let e1rm = &c.outcomes[0];
        assert!(e1rm.needs_exercise && e1rm.unit == "kg");
        assert!(!e1rm.method.contains("  "), "{}", e1rm.method);
        // Every period with its longest washout is a schedule; one day more is not.
        let start = jiff::civil::date(2025, 1, 6);
        for p in &c.periods {
            let params = |washout_days| DesignParams {
                start,
                period_weeks: p.weeks,
                washout_days,
                blocks: c.blocks.min,
            };
            assert!(propose(1, &params(p.max_washout_days)).is_ok());
            assert!(propose(1, &params(p.max_washout_days + 1)).is_err());
        }
        for blocks in [c.blocks.min, c.blocks.default, c.blocks.max] {
            let params = DesignParams {
                start,
                period_weeks: 1,
                washout_days: 0,
                blocks,
            };
            assert!(propose(1, &params).is_ok());
        }
    }

    #[test]
    fn json_names_are_the_contracts() {
        let v =
            serde_json::to_value(ExperimentChoices::new(jiff::civil::date(2025, 1, 8))).unwrap();
        assert_eq!(v["default_start"], "2025-01-13");
        assert_eq!(
            v["comparisons"][0]["comparison"],
            "run_after_lift_or_separate_day"
        );
        assert_eq!(v["comparisons"][0]["a"]["strategy"], "run_after_lift");
        assert_eq!(v["comparisons"][0]["b"]["label"], "Runs on separate days");
        assert_eq!(v["outcomes"][2]["kind"], "resting_hr");
        assert_eq!(v["outcomes"][2]["direction"], "lower");
        assert_eq!(
            v["periods"][1],
            serde_json::json!({"weeks": 2, "max_washout_days": 10})
        );
    }
}
