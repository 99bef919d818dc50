//! The protocol an athlete starts ([`Protocol::new`]: the question, the arms, the outcomes declared before
//! the start, the schedule and its length) and the report on it ([`report`]): a structured account after the
//! CENT 2015 checklist (Vohra S et al., "CONSORT extension for reporting N-of-1 trials (CENT) 2015
//! Statement", BMJ 2015;350:h1738) — question, interventions, outcomes, design and randomisation with its
//! seed, sample size, statistical methods, flow and deviations, results with 95 % intervals, harms,
//! limitations — as serde data with a Markdown rendering ([`ExperimentReport::to_markdown`]).
//!
//! **By schedule first.** Each outcome is analysed by the arm scheduled on each day (intention to treat),
//! the primary analysis: it keeps the randomisation that makes the comparison fair — days the athlete
//! chose to deviate are not a random subset (a tired day is when one skips the plan). Per protocol (the
//! deviation days left out) is reported beside it whenever there were deviations, with their count, so the
//! athlete sees both; when they disagree, deviations matter.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use jiff::ToSpan;
use jiff::civil::Date;

use super::Arm;
use super::analysis::{Analysis, Interval, Verdict, analyse};
use super::design::{
    DEFAULT_BLOCKS, DesignError, DesignParams, MinLength, Period, Schedule, Variability,
    min_length, propose, variability,
};
use super::outcome::{Direction, LogInput, OutcomeSpec, Scale, observations};
use crate::load::series::epoch_day;

/// A share of deviating days above which the report warns that the by-schedule estimate is diluted:
/// 20 %. afterlift's choice.
pub const DEVIATION_WARNING: f64 = 0.2;
/// A residual lag-1 autocorrelation of period means above which the report warns that the linear trend
/// misses a drift: 0.5. afterlift's choice.
pub const DRIFT_WARNING: f64 = 0.5;

/// What the two arms are, in words (the strategy helper's names, e.g. "easy run right after lifting").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArmNames {
    pub a: String,
    pub b: String,
}

impl ArmNames {
    pub fn name(&self, arm: Arm) -> &str {
        match arm {
            Arm::A => &self.a,
            Arm::B => &self.b,
        }
    }
}

/// What an athlete asks for when starting an experiment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Setup {
    pub question: String,
    pub arms: ArmNames,
    /// The outcome that decides, and sets the length.
    pub primary: OutcomeSpec,
    /// Further outcomes, reported as exploratory.
    #[serde(default)]
    pub secondary: Vec<OutcomeSpec>,
    pub start: Date,
    pub period_weeks: u8,
    pub washout_days: u8,
    /// Blocks of two periods; by default the minimum length. Fewer than the minimum are refused.
    #[serde(default)]
    pub blocks: Option<u32>,
}

/// A started experiment: everything declared before its start. The store keeps it as it is.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Protocol {
    pub question: String,
    pub arms: ArmNames,
    pub primary: OutcomeSpec,
    pub secondary: Vec<OutcomeSpec>,
    /// When the outcomes were declared (on or before the start).
    pub declared_on: Date,
    pub schedule: Schedule,
    /// The blocks needed before an estimate is given.
    pub min_blocks: u32,
    /// The primary outcome's variability before the start, when the log had enough of it.
    pub variability: Option<Variability>,
    /// The minimum length from it.
    pub min_length: Option<MinLength>,
}

/// A protocol that cannot start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProtocolError {
    #[error("{0}")]
    Design(DesignError),
    #[error("the question is empty")]
    Question,
    #[error("both arms need a name, and different ones")]
    ArmNames,
    #[error("outcomes are declared before the start: {declared_on} is after {start}")]
    DeclaredAfterStart { declared_on: Date, start: Date },
    #[error("{blocks} blocks are fewer than the {min_blocks} the design needs")]
    TooFewBlocks { blocks: u32, min_blocks: u32 },
    #[error("{outcome} is declared twice")]
    DuplicateOutcome { outcome: String },
    #[error("an e1RM outcome needs the lift's name")]
    NoLift,
}

impl From<DesignError> for ProtocolError {
    fn from(e: DesignError) -> Self {
        ProtocolError::Design(e)
    }
}

impl Protocol {
    /// The protocol for `setup`, declared on `declared_on` by `athlete` (what an outcome reads from the
    /// profile is fixed now: [`super::OutcomeKind::declared_for`]), its order drawn from `seed`.
    /// `primary_history` is the primary outcome's observations before the start ([`observations`] over
    /// [`super::design::history_window`]), from which the minimum length is computed — without enough of
    /// them it is [`DEFAULT_BLOCKS`].
    pub fn new(
        mut setup: Setup,
        seed: u64,
        declared_on: Date,
        athlete: &crate::athlete::Athlete,
        primary_history: &[super::Observation],
    ) -> Result<Protocol, ProtocolError> {
        if setup.question.trim().is_empty() {
            return Err(ProtocolError::Question);
        }
        let (a, b) = (setup.arms.a.trim(), setup.arms.b.trim());
        if a.is_empty() || b.is_empty() || a == b {
            return Err(ProtocolError::ArmNames);
        }
        if declared_on > setup.start {
            return Err(ProtocolError::DeclaredAfterStart {
                declared_on,
                start: setup.start,
            });
        }
        for spec in std::iter::once(&mut setup.primary).chain(&mut setup.secondary) {
            spec.kind = spec.kind.declared_for(athlete);
            if let super::OutcomeKind::E1rm { exercise } = &spec.kind
                && exercise.trim().is_empty()
            {
                return Err(ProtocolError::NoLift);
            }
        }
        let mut seen = BTreeSet::new();
        for spec in std::iter::once(&setup.primary).chain(&setup.secondary) {
            if !(spec.smallest_effect.is_finite() && spec.smallest_effect > 0.0) {
                return Err(DesignError::SmallestEffect {
                    smallest_effect: spec.smallest_effect,
                }
                .into());
            }
            if !seen.insert(&spec.kind) {
                return Err(ProtocolError::DuplicateOutcome {
                    outcome: spec.kind.name(),
                });
            }
        }
        let variability = variability(
            primary_history,
            setup.start,
            setup.period_weeks,
            setup.washout_days,
            setup.primary.kind.uses_washout(),
        );
        let min_length = variability
            .as_ref()
            .map(|v| min_length(v, setup.primary.smallest_effect, setup.period_weeks))
            .transpose()?;
        let min_blocks = min_length.map_or(DEFAULT_BLOCKS, |m| m.blocks);
        let blocks = setup.blocks.unwrap_or(min_blocks);
        if blocks < min_blocks {
            return Err(ProtocolError::TooFewBlocks { blocks, min_blocks });
        }
        let schedule = propose(
            seed,
            &DesignParams {
                start: setup.start,
                period_weeks: setup.period_weeks,
                washout_days: setup.washout_days,
                blocks,
            },
        )?;
        Ok(Protocol {
            question: setup.question.trim().to_string(),
            arms: ArmNames {
                a: a.to_string(),
                b: b.to_string(),
            },
            primary: setup.primary,
            secondary: setup.secondary,
            declared_on,
            schedule,
            min_blocks,
            variability,
            min_length,
        })
    }

    /// Every outcome, the primary first.
    pub fn outcomes(&self) -> impl Iterator<Item = &OutcomeSpec> {
        std::iter::once(&self.primary).chain(&self.secondary)
    }
}

/// What a report is computed from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub log: LogInput<'a>,
    /// The arm the athlete followed on the days the strategy tagger could tell.
    pub followed: &'a [(Date, Arm)],
    /// The athlete's local date today: days before it count.
    pub as_of: Date,
    /// When the athlete stopped the experiment, if they did: days after it do not count.
    pub stopped_on: Option<Date>,
}

/// Where the experiment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    Running,
    Finished,
    StoppedEarly,
}

/// A day the athlete followed the other arm than scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deviation {
    pub date: Date,
    pub planned: Arm,
    pub followed: Arm,
}

/// Days by arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ByArm {
    pub a: u32,
    pub b: u32,
}

impl ByArm {
    fn add(&mut self, arm: Arm) {
        match arm {
            Arm::A => self.a += 1,
            Arm::B => self.b += 1,
        }
    }
}

/// The design as the report states it (CENT items 4, 7, 8).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DesignSummary {
    pub start: Date,
    pub end: Date,
    pub period_weeks: u8,
    pub washout_days: u8,
    pub blocks: u32,
    pub min_blocks: u32,
    pub finished_blocks: u32,
    pub seed: u64,
    pub randomisation: String,
    /// Each block's order, `"AB"` or `"BA"`.
    pub orders: Vec<String>,
    pub periods: Vec<Period>,
    /// Why this many blocks.
    pub sample_size: String,
}

/// An outcome as declared (CENT item 6a).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclaredOutcome {
    pub spec: OutcomeSpec,
    pub name: String,
    pub unit: String,
    pub direction: Direction,
    pub method: String,
    pub primary: bool,
}

/// Adherence to the schedule (CENT items 13, 14).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Adherence {
    /// Days of the experiment so far (through the last day analysed).
    pub days: u32,
    /// Days the strategy tagger could tell which arm was followed.
    pub days_tagged: u32,
    /// Of those, days that followed the scheduled arm.
    pub days_as_scheduled: u32,
    /// Every day that did not, in date order.
    pub deviations: Vec<Deviation>,
}

/// One outcome's result (CENT item 17).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeResult {
    pub name: String,
    pub primary: bool,
    /// The primary analysis: every day by its scheduled arm.
    pub by_schedule: Analysis,
    /// The deviation days left out; only when there were deviations.
    pub per_protocol: Option<Analysis>,
    /// The result in one sentence.
    pub summary: String,
}

/// Pain and illness reported on check-ins, by the arm of the day before (CENT item 19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Harms {
    pub pain_days: ByArm,
    pub illness_days: ByArm,
}

/// The report on an experiment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperimentReport {
    pub question: String,
    pub arms: ArmNames,
    pub status: Status,
    pub as_of: Date,
    /// The last day analysed; `None` before the start.
    pub through: Option<Date>,
    pub declared_on: Date,
    pub design: DesignSummary,
    pub outcomes: Vec<DeclaredOutcome>,
    pub adherence: Adherence,
    /// In the order of `outcomes`.
    pub results: Vec<OutcomeResult>,
    pub harms: Harms,
    /// The plain-language answer.
    pub verdict: String,
    pub analysis_method: String,
    pub caveats: Vec<String>,
    pub disclaimer: String,
}

/// Where an experiment stands on `as_of` (the athlete's local date): the last day that counts, the blocks
/// finished by then and the status — what [`report`] states, for callers that need no report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The last day analysed: the day before `as_of`, at most the schedule's end and the day it was
    /// stopped; `None` before the start.
    pub through: Option<Date>,
    pub finished_blocks: u32,
    pub status: Status,
}

/// [`Progress`] of `schedule` on `as_of`, stopped on `stopped_on` if it was.
pub fn progress(schedule: &Schedule, as_of: Date, stopped_on: Option<Date>) -> Progress {
    let s = schedule;
    let yesterday = as_of.checked_sub(1.day()).unwrap_or(as_of);
    let mut last = yesterday.min(s.end());
    if let Some(stop) = stopped_on {
        last = last.min(stop);
    }
    let through = (last >= s.start).then_some(last);
    let finished_blocks = through.map_or(0, |t| {
        (0..s.blocks())
            .take_while(|&b| s.block_end(b).is_some_and(|end| end <= t))
            .count() as u32
    });
    let status = match (through, stopped_on) {
        (None, None) => Status::NotStarted,
        _ if finished_blocks == s.blocks() => Status::Finished,
        (_, Some(_)) => Status::StoppedEarly,
        _ => Status::Running,
    };
    Progress {
        through,
        finished_blocks,
        status,
    }
}

/// The report on `protocol` from `input`: deterministic — the same protocol, log and dates give the same
/// report.
pub fn report(protocol: &Protocol, input: &ReportInput<'_>) -> ExperimentReport {
    let s = &protocol.schedule;
    let yesterday = input.as_of.checked_sub(1.day()).unwrap_or(input.as_of);
    let Progress {
        through,
        finished_blocks,
        status,
    } = progress(s, input.as_of, input.stopped_on);

    // Deviations: tagged days in the experiment whose arm is not the scheduled one.
    let followed: BTreeMap<Date, Arm> = input.followed.iter().copied().collect();
    let mut adherence = Adherence {
        days: through.map_or(0, |t| (epoch_day(t) - epoch_day(s.start) + 1) as u32),
        days_tagged: 0,
        days_as_scheduled: 0,
        deviations: Vec::new(),
    };
    for (&date, &arm) in &followed {
        if through.is_none_or(|t| date > t) {
            continue;
        }
        let Some(planned) = s.arm_on(date) else {
            continue;
        };
        adherence.days_tagged += 1;
        if arm == planned {
            adherence.days_as_scheduled += 1;
        } else {
            adherence.deviations.push(Deviation {
                date,
                planned,
                followed: arm,
            });
        }
    }
    let deviation_days: BTreeSet<Date> = adherence.deviations.iter().map(|d| d.date).collect();

    let mut harms = Harms::default();
    for (date, w) in input.log.wellness {
        let Ok(day) = date.checked_sub(1.day()) else {
            continue;
        };
        if through.is_none_or(|t| day > t) {
            continue;
        }
        if let Some(arm) = s.arm_on(day) {
            if w.pain {
                harms.pain_days.add(arm);
            }
            if w.illness {
                harms.illness_days.add(arm);
            }
        }
    }

    let outcomes: Vec<DeclaredOutcome> = protocol
        .outcomes()
        .enumerate()
        .map(|(i, spec)| DeclaredOutcome {
            spec: spec.clone(),
            name: spec.kind.name(),
            unit: spec.kind.unit().to_string(),
            direction: spec.kind.direction(),
            method: spec.kind.method(),
            primary: i == 0,
        })
        .collect();
    let analysed_through = through.unwrap_or(yesterday);
    let results: Vec<OutcomeResult> = protocol
        .outcomes()
        .enumerate()
        .map(|(i, spec)| {
            let obs = observations(&spec.kind, &input.log, s.start, s.end());
            let run = |excluded: &BTreeSet<Date>| {
                analyse(
                    spec,
                    &obs,
                    s,
                    analysed_through,
                    protocol.min_blocks,
                    excluded,
                )
            };
            let stopped = |mut a: Analysis| {
                // A stopped experiment has no more weeks to give.
                if status == Status::StoppedEarly
                    && let Verdict::NotEnoughData { more_weeks, reason } = &mut a.verdict
                {
                    *more_weeks = None;
                    reason.push_str("; the experiment was stopped");
                }
                a
            };
            let by_schedule = stopped(run(&BTreeSet::new()));
            let per_protocol = (!deviation_days.is_empty()).then(|| stopped(run(&deviation_days)));
            let summary = summary(spec, &by_schedule, &protocol.arms);
            OutcomeResult {
                name: spec.kind.name(),
                primary: i == 0,
                by_schedule,
                per_protocol,
                summary,
            }
        })
        .collect();

    let design = DesignSummary {
        start: s.start,
        end: s.end(),
        period_weeks: s.period_weeks,
        washout_days: s.washout_days,
        blocks: s.blocks(),
        min_blocks: protocol.min_blocks,
        finished_blocks,
        seed: s.seed,
        randomisation: s.randomisation(),
        orders: s.orders(),
        periods: s.periods.clone(),
        sample_size: sample_size(protocol),
    };
    let verdict = overall_verdict(
        status,
        through,
        s,
        finished_blocks,
        protocol.min_blocks,
        &results,
    );
    let caveats = caveats(protocol, &adherence, &results);
    ExperimentReport {
        question: protocol.question.clone(),
        arms: protocol.arms.clone(),
        status,
        as_of: input.as_of,
        through,
        declared_on: protocol.declared_on,
        design,
        outcomes,
        adherence,
        results,
        harms,
        verdict,
        analysis_method: ANALYSIS_METHOD.to_string(),
        caveats,
        disclaimer: crate::advice::DISCLAIMER.to_string(),
    }
}

/// The statistical method, as the report states it (CENT item 12).
pub const ANALYSIS_METHOD: &str = "Each outcome is averaged per period, its washout days left out. The period \
means are fitted by least squares on the strategy (A or B) and a linear time trend; the difference A − B is the \
strategy's coefficient, with a 95 % interval from Student's t with (periods − 3) degrees of freedom — inference \
between periods, so day-to-day autocorrelation within a period cannot narrow it. The interval is also the 95 % \
posterior interval under a flat prior (Box & Tiao 1973). The primary analysis counts every day under its \
scheduled strategy (by schedule, intention to treat: it keeps the randomisation's fairness, since days one \
deviates are not random days); when there were deviations, the analysis without the deviation days (per \
protocol) is shown beside it. No estimate is given before the design's minimum number of blocks is finished. \
The primary outcome decides; secondary outcomes are exploratory, without correction for multiplicity.";

fn sample_size(p: &Protocol) -> String {
    let blocks = p.schedule.blocks();
    let weeks = p.schedule.weeks();
    match (&p.variability, &p.min_length) {
        (Some(v), Some(m)) => format!(
            "{blocks} blocks ({weeks} weeks). The minimum, {} blocks, gives {:.0} % power to find a difference of \
             {} {} in {} at the 5 % level, from the SD of your period means before the start ({} {}, {} \
             periods from {} to {}{}).",
            m.blocks,
            m.power * 100.0,
            number(p.primary.smallest_effect, p.primary.kind.decimals() + 1),
            p.primary.kind.unit(),
            p.primary.kind.name(),
            number(v.sd, p.primary.kind.decimals() + 1),
            p.primary.kind.unit(),
            v.periods,
            v.from,
            v.to,
            v.lag1
                .map(|r| format!(", lag-1 autocorrelation {r:.2}"))
                .unwrap_or_default()
        ),
        _ => format!(
            "{blocks} blocks ({weeks} weeks). Your log had too little {} before the start to compute a minimum \
             from your own variability, so afterlift's default of {DEFAULT_BLOCKS} blocks is the minimum: its \
             power is unknown.",
            p.primary.kind.name()
        ),
    }
}

/// `x` to `decimals` places with a real minus sign.
fn number(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x);
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit() && c != '0') => format!("−{rest}"),
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// `x` with its sign always shown.
fn signed(x: f64, decimals: usize) -> String {
    let text = number(x, decimals);
    if text.starts_with('−') || text.chars().all(|c| c == '0' || c == '.') {
        text
    } else {
        format!("+{text}")
    }
}

fn interval_text(i: &Interval, decimals: usize, unit: &str) -> String {
    format!(
        "{} to {}{unit}",
        signed(i.low, decimals),
        signed(i.high, decimals)
    )
}

/// One outcome's result in a sentence.
fn summary(spec: &OutcomeSpec, a: &Analysis, arms: &ArmNames) -> String {
    let kind = &spec.kind;
    let name = kind.name();
    let dec = kind.decimals();
    let unit = kind.unit();
    let Some(e) = a.estimate.as_ref() else {
        return match &a.verdict {
            Verdict::NotEnoughData {
                more_weeks: Some(w),
                reason,
            } => format!(
                "{name}: not enough data yet — {w} more week{} ({reason})",
                plural(*w)
            ),
            Verdict::NotEnoughData { reason, .. } => format!("{name}: not enough data ({reason})"),
            _ => format!("{name}: no estimate"),
        };
    };
    let pct = |p: Option<f64>, i: Option<Interval>| match (p, i) {
        (Some(p), Some(i)) => format!("; {} %, {}", signed(p, 1), interval_text(&i, 1, " %")),
        _ => String::new(),
    };
    match a.verdict {
        Verdict::NoDetectableDifference {
            rules_out_smallest_effect,
        } => {
            let mut text = format!(
                "{name}: no detectable difference (A − B: {} {unit}, 95 % interval {}{})",
                signed(e.difference, dec),
                interval_text(&e.interval, dec, &format!(" {unit}")),
                pct(e.percent, e.percent_interval)
            );
            if rules_out_smallest_effect {
                let _ = write!(
                    text,
                    "; a difference of {} {unit} or more, the smallest you care about, is unlikely",
                    number(spec.smallest_effect, dec)
                );
            }
            text
        }
        Verdict::Better { arm } | Verdict::Higher { arm } => {
            // The difference seen from `arm`: arm − other.
            let sign = if arm == Arm::A { 1.0 } else { -1.0 };
            let d = sign * e.difference;
            let (lo, hi) = {
                let (x, y) = (sign * e.interval.low, sign * e.interval.high);
                (x.min(y).abs(), x.max(y).abs())
            };
            let (lo, hi) = (lo.min(hi), lo.max(hi));
            let word = if d > 0.0 { "higher" } else { "lower" };
            let head = match a.verdict {
                Verdict::Better { .. } => format!("better with {arm} ({})", arms.name(arm)),
                _ => format!("{word} with {arm} ({})", arms.name(arm)),
            };
            let share = match kind.scale() {
                Scale::Ratio => e.percent.zip(e.percent_interval).map(|(p, i)| {
                    let (x, y) = ((sign * i.low).abs(), (sign * i.high).abs());
                    ((sign * p).abs(), x.min(y), x.max(y))
                }),
                Scale::Log => {
                    let r = |v: f64| 100.0 * (sign * v).exp_m1().abs();
                    let (x, y) = (r(e.interval.low), r(e.interval.high));
                    Some((r(e.difference), x.min(y), x.max(y)))
                }
                Scale::Points => None,
            };
            match share {
                Some((p, plo, phi)) => format!(
                    "{name}: {head}, {} % {word} (95 % interval {} % to {} %; {} {unit}, {} to {} {unit})",
                    number(p, 1),
                    number(plo, 1),
                    number(phi, 1),
                    number(d.abs(), dec),
                    number(lo, dec),
                    number(hi, dec),
                ),
                None => format!(
                    "{name}: {head}, {} {unit} {word} (95 % interval {} to {} {unit})",
                    number(d.abs(), dec),
                    number(lo, dec),
                    number(hi, dec),
                ),
            }
        }
        Verdict::NotEnoughData { .. } => format!("{name}: no estimate"),
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn overall_verdict(
    status: Status,
    through: Option<Date>,
    s: &Schedule,
    finished_blocks: u32,
    min_blocks: u32,
    results: &[OutcomeResult],
) -> String {
    let Some(t) = through else {
        return format!(
            "Not started: the experiment starts on {} and runs {} weeks.",
            s.start,
            s.weeks()
        );
    };
    let weeks = (epoch_day(t) - epoch_day(s.start) + 1) / 7;
    let mut text = format!(
        "After {weeks} week{} ({finished_blocks} of {} blocks{}): ",
        plural(weeks as u32),
        s.blocks(),
        if status == Status::StoppedEarly {
            ", stopped early"
        } else {
            ""
        }
    );
    if finished_blocks < min_blocks {
        // Before the minimum every outcome says the same: once is enough.
        let more = match results.first().map(|r| &r.by_schedule.verdict) {
            Some(Verdict::NotEnoughData {
                more_weeks: Some(w),
                ..
            }) => format!("{w} more week{} before the first estimate", plural(*w)),
            _ => "no estimate: the experiment stopped before its minimum".to_string(),
        };
        let _ = write!(
            text,
            "not enough data yet — {more} (the design needs {min_blocks} blocks)."
        );
        return text;
    }
    let mut parts = results.iter();
    if let Some(primary) = parts.next() {
        text.push_str(&primary.summary);
        text.push('.');
    }
    let secondary: Vec<&str> = parts.map(|r| r.summary.as_str()).collect();
    if !secondary.is_empty() {
        let _ = write!(text, " Exploratory: {}.", secondary.join("; "));
    }
    text
}

fn caveats(p: &Protocol, adherence: &Adherence, results: &[OutcomeResult]) -> Vec<String> {
    let mut out = vec![
        "This is an n-of-1 result: it describes you, over these weeks, with these two strategies — not \
         athletes in general, and not you under other training, health or life circumstances."
            .to_string(),
        "Not blinded: you knew which strategy you followed, and ratings (RPE, Hooper score, soreness) can \
         follow expectations."
            .to_string(),
        format!(
            "Carry-over: the {}-day washout assumes what the previous period left behind has faded by then. \
             Slow adaptations (strength, aerobic fitness) build across periods and a crossover of {}-week \
             periods barely sees them: it measures how a strategy affects you within days, not where each \
             would take you after months.",
            p.schedule.washout_days, p.schedule.period_weeks
        ),
        "The primary outcome decides; with several outcomes one may differ by chance (each has a 5 % chance \
         of a false alarm when nothing differs), so the others are exploratory."
            .to_string(),
        "Stopping when a result first appears, or looking again and again past the planned end, raises the \
         false-alarm rate: the planned length is the honest one."
            .to_string(),
        "Not medical advice. Never train through pain or illness: stop the experiment if either appears."
            .to_string(),
    ];
    if adherence.days_tagged > 0 {
        let share = adherence.deviations.len() as f64 / f64::from(adherence.days_tagged);
        if share > DEVIATION_WARNING {
            out.push(format!(
                "{:.0} % of the days with a recognised strategy followed the other one: the by-schedule \
                 estimate is diluted toward no difference; compare it with the per-protocol one.",
                share * 100.0
            ));
        }
    }
    for r in results {
        if let Some(lag) = r.by_schedule.estimate.and_then(|e| e.residual_lag1)
            && lag > DRIFT_WARNING
        {
            out.push(format!(
                "{}: the period means drift in a way a straight trend does not capture (lag-1 \
                 autocorrelation {lag:.2}); the interval may be too narrow.",
                r.name
            ));
        }
    }
    if p.min_length.is_none() {
        out.push(format!(
            "The length is afterlift's default ({DEFAULT_BLOCKS} blocks), not computed from your own \
             variability: a real difference of the size you care about may go undetected."
        ));
    }
    out
}

impl ExperimentReport {
    /// The report as Markdown, in the order of the CENT checklist.
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let w = &mut md;
        let _ = writeln!(w, "# Personal experiment: {}\n", esc(&self.question));
        let status = match self.status {
            Status::NotStarted => "not started",
            Status::Running => "running",
            Status::Finished => "finished",
            Status::StoppedEarly => "stopped early",
        };
        let _ = writeln!(
            w,
            "An n-of-1 trial (randomised, blocked crossover), reported after CENT 2015. Status on {}: **{status}**{}.\n",
            self.as_of,
            self.through
                .map(|t| format!(", data through {t}"))
                .unwrap_or_default()
        );
        let _ = writeln!(w, "## Verdict\n\n{}\n", esc(&self.verdict));

        let _ = writeln!(w, "## Strategies compared\n");
        let _ = writeln!(w, "- **A**: {}", esc(&self.arms.a));
        let _ = writeln!(w, "- **B**: {}\n", esc(&self.arms.b));

        let d = &self.design;
        let _ = writeln!(w, "## Design\n");
        let _ = writeln!(
            w,
            "- {} blocks of two {}-week periods, {} to {}; {} of {} blocks finished.",
            d.blocks, d.period_weeks, d.start, d.end, d.finished_blocks, d.blocks
        );
        let _ = writeln!(
            w,
            "- Washout: the first {} day{} of each period are not counted for outcomes (adherence and minutes count every day).",
            d.washout_days,
            plural(u32::from(d.washout_days))
        );
        let _ = writeln!(
            w,
            "- Randomisation: {} (seed {}).",
            esc(&d.randomisation),
            d.seed
        );
        let _ = writeln!(w, "- Sample size: {}", esc(&d.sample_size));
        let _ = writeln!(
            w,
            "- No estimate before {} blocks are finished.\n",
            d.min_blocks
        );
        let _ = writeln!(w, "| block | order | periods |");
        let _ = writeln!(w, "|---|---|---|");
        for (block, pair) in d.periods.chunks(2).enumerate() {
            let periods: Vec<String> = pair
                .iter()
                .map(|p| format!("{}: {} – {}", p.arm, p.start, p.end))
                .collect();
            let _ = writeln!(
                w,
                "| {} | {} | {} |",
                block + 1,
                d.orders.get(block).map_or("", String::as_str),
                periods.join("; ")
            );
        }
        let _ = writeln!(w);

        let _ = writeln!(
            w,
            "## Outcomes (declared {}, before the start)\n",
            self.declared_on
        );
        for o in &self.outcomes {
            let better = match o.direction {
                Direction::Higher => "higher is better",
                Direction::Lower => "lower is better",
                Direction::Neither => "neither way is better",
            };
            let _ = writeln!(
                w,
                "- **{}** ({}, {}; {better}; smallest difference that matters: {} {}): {}.",
                esc(&o.name),
                if o.primary { "primary" } else { "secondary" },
                esc(&o.unit),
                number(o.spec.smallest_effect, o.spec.kind.decimals() + 1),
                esc(&o.unit),
                esc(&o.method)
            );
        }
        let _ = writeln!(
            w,
            "\n## Statistical methods\n\n{}\n",
            esc(&self.analysis_method)
        );

        let a = &self.adherence;
        let _ = writeln!(w, "## Adherence and deviations\n");
        let _ = writeln!(
            w,
            "{} days so far; the strategy could be told on {}, of which {} followed the schedule and {} the other strategy.",
            a.days,
            a.days_tagged,
            a.days_as_scheduled,
            a.deviations.len()
        );
        if !a.deviations.is_empty() {
            let list: Vec<String> = a
                .deviations
                .iter()
                .map(|d| format!("{} ({} planned, {} done)", d.date, d.planned, d.followed))
                .collect();
            let _ = writeln!(w, "Deviations: {}.", list.join(", "));
        }
        let _ = writeln!(w);

        let _ = writeln!(w, "## Results\n");
        let _ = writeln!(
            w,
            "| outcome | mean A | mean B | A − B (95 % interval) | % of mean | periods | observations | days without |"
        );
        let _ = writeln!(w, "|---|---|---|---|---|---|---|---|");
        for (r, o) in self.results.iter().zip(&self.outcomes) {
            let dec = o.spec.kind.decimals();
            let row = |an: &Analysis, label: &str| match &an.estimate {
                Some(e) => format!(
                    "| {}{label} | {} | {} | {} ({}) | {} | {} | {} | {} |",
                    esc(&r.name),
                    number(e.mean_a, dec),
                    number(e.mean_b, dec),
                    signed(e.difference, dec),
                    interval_text(&e.interval, dec, ""),
                    e.percent
                        .zip(e.percent_interval)
                        .map(|(p, i)| format!("{} ({})", signed(p, 1), interval_text(&i, 1, "")))
                        .unwrap_or_else(|| "–".into()),
                    e.periods,
                    an.observations,
                    an.days_without_observation
                ),
                None => format!(
                    "| {}{label} | – | – | not enough data | – | {} | {} | {} |",
                    esc(&r.name),
                    an.periods.iter().filter(|p| p.mean.is_some()).count(),
                    an.observations,
                    an.days_without_observation
                ),
            };
            let _ = writeln!(w, "{}", row(&r.by_schedule, ""));
            if let Some(pp) = &r.per_protocol {
                let _ = writeln!(
                    w,
                    "{}",
                    row(pp, &format!(" (per protocol, {} left out)", pp.excluded))
                );
            }
        }
        let _ = writeln!(w);
        for r in &self.results {
            let _ = writeln!(w, "- {}", esc(&r.summary));
        }
        let _ = writeln!(w);

        let h = &self.harms;
        let _ = writeln!(w, "## Harms\n");
        let _ = writeln!(
            w,
            "Check-ins reporting pain: {} after A days, {} after B days; illness: {} after A days, {} after B days.\n",
            h.pain_days.a, h.pain_days.b, h.illness_days.a, h.illness_days.b
        );

        let _ = writeln!(w, "## Caveats\n");
        for c in &self.caveats {
            let _ = writeln!(w, "- {}", esc(c));
        }
        let _ = writeln!(w, "\n_{}_", esc(&self.disclaimer));
        md
    }
}

/// Text made safe for Markdown: the characters that would start markup, a table cell's pipe or HTML are
/// escaped with a backslash, so a question or an arm named by the athlete renders as written.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_real_minus_signs_and_no_negative_zero() {
        assert_eq!(number(-1.25, 1), "−1.2");
        assert_eq!(number(-0.01, 1), "0.0");
        assert_eq!(signed(2.0, 0), "+2");
        assert_eq!(signed(-0.04, 1), "0.0");
        assert_eq!(signed(-3.0, 1), "−3.0");
    }

    fn setup() -> Setup {
        serde_json::from_str(
            r#"{
                "question": "Lift first or run first?",
                "arms": {"a": "lift first", "b": "run first"},
                "primary": {"kind": "e1rm", "exercise": "Squat (Barbell)", "smallest_effect": 2.5},
                "secondary": [{"kind": "easy_run_efficiency", "smallest_effect": 0.02}],
                "start": "2025-01-06",
                "period_weeks": 1,
                "washout_days": 1
            }"#,
        )
        .unwrap()
    }

    #[test]
    fn a_protocol_from_the_json_an_athlete_sends() {
        let athlete = crate::athlete::Athlete {
            max_hr_bpm: Some(190.0),
            ..crate::athlete::Athlete::example()
        };
        let declared = jiff::civil::date(2025, 1, 5);
        // No history: the default length, and the efficiency ceiling fixed from the profile.
        let p = Protocol::new(setup(), 9, declared, &athlete, &[]).unwrap();
        assert_eq!(p.min_blocks, DEFAULT_BLOCKS);
        assert_eq!(p.schedule.blocks(), DEFAULT_BLOCKS);
        assert!(p.variability.is_none() && p.min_length.is_none());
        assert_eq!(
            p.secondary[0].kind,
            super::super::OutcomeKind::EasyRunEfficiency {
                ceiling_bpm: Some(136)
            }
        );
        // What cannot start.
        let err = |f: &dyn Fn(&mut Setup), declared| {
            let mut s = setup();
            f(&mut s);
            Protocol::new(s, 9, declared, &athlete, &[]).unwrap_err()
        };
        assert_eq!(
            err(&|s| s.question = " ".into(), declared),
            ProtocolError::Question
        );
        assert_eq!(
            err(&|s| s.arms.b = "lift first".into(), declared),
            ProtocolError::ArmNames
        );
        assert!(matches!(
            err(&|_| (), jiff::civil::date(2025, 1, 7)),
            ProtocolError::DeclaredAfterStart { .. }
        ));
        assert!(matches!(
            err(&|s| s.blocks = Some(3), declared),
            ProtocolError::TooFewBlocks {
                blocks: 3,
                min_blocks: 4
            }
        ));
        assert!(matches!(
            err(&|s| s.secondary.push(s.primary.clone()), declared),
            ProtocolError::DuplicateOutcome { .. }
        ));
        assert!(matches!(
            err(&|s| s.primary.smallest_effect = 0.0, declared),
            ProtocolError::Design(DesignError::SmallestEffect { .. })
        ));
        assert!(matches!(
            err(&|s| s.washout_days = 5, declared),
            ProtocolError::Design(DesignError::Washout { .. })
        ));
        assert_eq!(
            err(
                &|s| s.primary.kind = super::super::OutcomeKind::E1rm {
                    exercise: " ".into()
                },
                declared
            ),
            ProtocolError::NoLift
        );
        // A typo in a field is named, not ignored.
        let typo = r#"{"question": "q", "arms": {"a": "x", "b": "y"}, "primary": {"kind": "hrv", "smallest_effect": 0.05},
            "start": "2025-01-06", "period_weeks": 1, "washout_days": 1, "block": 4}"#;
        assert!(serde_json::from_str::<Setup>(typo).is_err());
    }

    #[test]
    fn markdown_escapes_what_the_athlete_wrote() {
        assert_eq!(esc("a|b <script>"), "a\\|b \\<script\\>");
    }
}
