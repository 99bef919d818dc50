//! The planning contract: the post-lift run's progression, the weekly concurrent-training plan, and the
//! re-plan of the rest of a week from what was actually done (`afterlift progression`, `afterlift plan week`).
//!
//! Field names are part of the contract: renaming one is a breaking change. The computations live in
//! [`crate::plan`]; everything here is plain data.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Focus, Intensity, LoadLevel, Modality, RaceResult, Reason, SessionStructure};
use crate::athlete::Goal;
use crate::experiment::strategy::{Comparison, Strategy};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

// ---------------------------------------------------------------------------------------------
// Shared
// ---------------------------------------------------------------------------------------------

/// Today's readiness as a traffic light: green = train as planned, amber = hold (nothing harder or longer
/// than before), red = step back (recovery only today). The readiness model maps its findings onto it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadinessLevel {
    #[default]
    Green,
    Amber,
    Red,
}

impl ReadinessLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadinessLevel::Green => "green",
            ReadinessLevel::Amber => "amber",
            ReadinessLevel::Red => "red",
        }
    }
}

/// A time slot of a day. The planner places sessions in slots, not at clock times; see
/// [`crate::plan::slot_start`] for the default clock times (morning 07:00, evening 18:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    Morning,
    Evening,
}

impl Slot {
    pub const ALL: [Slot; 2] = [Slot::Morning, Slot::Evening];
    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Morning => "morning",
            Slot::Evening => "evening",
        }
    }
}

/// A day of the week, for recurring availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }
    pub fn of(date: Date) -> Weekday {
        use jiff::civil::Weekday as W;
        match date.weekday() {
            W::Monday => Weekday::Monday,
            W::Tuesday => Weekday::Tuesday,
            W::Wednesday => Weekday::Wednesday,
            W::Thursday => Weekday::Thursday,
            W::Friday => Weekday::Friday,
            W::Saturday => Weekday::Saturday,
            W::Sunday => Weekday::Sunday,
        }
    }
}

/// What a planned session is.
///
/// `cross` is non-impact cardio (cycling, elliptical, swimming, rowing); `mobility` is active recovery
/// (foam rolling, dynamic stretching); `event` is a fixed race or match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Lift,
    Easy,
    Long,
    Tempo,
    Intervals,
    Cross,
    Mobility,
    Rest,
    Event,
}

impl SessionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::Lift => "lift",
            SessionKind::Easy => "easy",
            SessionKind::Long => "long",
            SessionKind::Tempo => "tempo",
            SessionKind::Intervals => "intervals",
            SessionKind::Cross => "cross",
            SessionKind::Mobility => "mobility",
            SessionKind::Rest => "rest",
            SessionKind::Event => "event",
        }
    }
    /// Easy, long, tempo and intervals: the running sessions.
    pub fn is_run(self) -> bool {
        matches!(
            self,
            SessionKind::Easy | SessionKind::Long | SessionKind::Tempo | SessionKind::Intervals
        )
    }
}

/// The running sessions a week can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// Low-intensity steady state (LISS), conversational.
    Easy,
    Long,
    Tempo,
    /// High-intensity interval training (HIIT).
    Intervals,
}

impl RunKind {
    pub const ALL: [RunKind; 4] = [
        RunKind::Easy,
        RunKind::Long,
        RunKind::Tempo,
        RunKind::Intervals,
    ];
    pub fn as_str(self) -> &'static str {
        self.session_kind().as_str()
    }
    pub fn session_kind(self) -> SessionKind {
        match self {
            RunKind::Easy => SessionKind::Easy,
            RunKind::Long => SessionKind::Long,
            RunKind::Tempo => SessionKind::Tempo,
            RunKind::Intervals => SessionKind::Intervals,
        }
    }
    /// Tempo and intervals: the hard runs the source text keeps 6–8 h away from heavy lifting.
    pub fn is_hard(self) -> bool {
        matches!(self, RunKind::Tempo | RunKind::Intervals)
    }
}

/// A fixed competition in the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A running race.
    Race,
    /// A team-sport match (hard, intermittent running).
    Match,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Race => "race",
            EventKind::Match => "match",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Progression
// ---------------------------------------------------------------------------------------------

/// `afterlift progression`: where the athlete is with the run after lifting, and the next steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgressionRequest {
    /// The day the progression is for (no clock in core: it is passed in).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub today: Date,
    /// Today's readiness; green when not given.
    #[serde(default)]
    pub readiness: ReadinessLevel,
    /// The recent runs done after lifting, any order.
    #[serde(default)]
    pub recent_runs: Vec<PostLiftRun>,
    /// Running minutes of each recent full week, oldest first: the last entry is last week.
    #[serde(default)]
    pub weekly_minutes: Vec<u32>,
    /// Readiness at the end of each of those weeks, oldest first, aligned with `weekly_minutes` from the
    /// end (the last entry is last week's; a shorter list covers the latest weeks). After an amber or red
    /// week the progression deloads: the post-lift run steps back and the weekly ceiling is half the last
    /// good (green) week's running instead of growing from the week that went wrong.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekly_readiness: Vec<ReadinessLevel>,
}

/// One run done after a lifting session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostLiftRun {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub minutes: u32,
    /// How hard it felt, session RPE on the CR-10 scale (0–10); unknown counts as "not yet shown".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpe: Option<f64>,
    /// How hard it was meant to be (CR-10); defaults to the top of the conversational band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_rpe: Option<f64>,
}

/// Where the athlete stands with the post-lift run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgressionStage {
    /// At the first runs' length (about 10 minutes): new to combining.
    Starting,
    /// Building toward the target length.
    Building,
    /// At the target length for the goal: maintain; more running belongs on separate days.
    Established,
}

/// What the next post-lift run does relative to the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgressionDecision {
    /// No post-lift run yet: begin at the first runs' length.
    Start,
    StepUp,
    Hold,
    StepBack,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgressionResponse {
    pub stage: ProgressionStage,
    pub decision: ProgressionDecision,
    /// The length the athlete has reached (from the recent runs), minutes.
    pub current_minutes: u32,
    /// The next post-lift run, minutes.
    pub next_minutes: u32,
    /// Where the progression leads for this goal, minutes.
    pub target_minutes: u32,
    pub intensity: Intensity,
    /// `run`, or non-impact cardio for athletes prone to injury.
    pub modality: Modality,
    /// The next post-lift runs if each feels as intended.
    pub next_sessions: Vec<ProgressionStep>,
    /// Upper bounds for total weekly running over the next weeks.
    pub next_weeks: Vec<WeeklyVolume>,
    pub reasons: Vec<Reason>,
    /// Educational guidance, not medical advice: the advice's own disclaimer.
    #[serde(default = "super::disclaimer")]
    pub disclaimer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgressionStep {
    /// 1 = the next post-lift run.
    pub session: u32,
    pub minutes: u32,
    pub intensity: Intensity,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WeeklyVolume {
    /// The first day of the week (week 1 starts today).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub week_start: Date,
    /// At most this many minutes of running that week.
    pub max_running_minutes: u32,
    /// Change from the week before, percent.
    pub change_pct: f64,
}

// ---------------------------------------------------------------------------------------------
// Weekly plan: request
// ---------------------------------------------------------------------------------------------

/// `afterlift plan week`: what the athlete wants to fit into the seven days from `start`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WeekRequest {
    pub goal: Goal,
    /// The first of the seven days.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub start: Date,
    /// Which slots of which weekdays are free for training; absent = every slot of every day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available: Option<Vec<Availability>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifts: Vec<LiftRequest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<RunRequest>,
    /// Non-impact cardio sessions (cycling, elliptical, swimming, rowing) wanted this week.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cross: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventInput>,
    /// A beginner runner: no hard running on consecutive days. Defaults to "new to combining"
    /// (fewer than 4 `concurrent_weeks`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beginner: Option<bool>,
    /// Weeks of experience combining lifting and running; 0 = new to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrent_weeks: Option<u32>,
    /// The post-lift run's current length from the progression; caps easy runs done right after lifting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_lift_run_minutes: Option<u32>,
    /// A recent race result: tempo and interval sessions get paces from it (Daniels' VDOT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub race: Option<RaceResult>,
    /// Readiness at the end of the week before `start`. After an `amber` or `red` week the week is planned as
    /// a deload: every session at about half its minutes, the same number of sessions, nothing hard on the
    /// first 2 days (3 after red), and after red heavy lifting made moderate and tempo/intervals easy
    /// (rule `deload`; [`crate::plan::deload`]). Absent or `green`: a normal week. Filled in from the log
    /// when the week is planned from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_week_readiness: Option<ReadinessLevel>,
    /// The personal experiment's strategy in force this week (`run_separate_day`, `lift_first`, …): the
    /// plan follows it — a rule on where sessions go, below every hard rule — and says where it could not
    /// ([`WeekPlan::experiment`]). Absent: no experiment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Strategy>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Availability {
    pub weekday: Weekday,
    pub slots: Vec<Slot>,
}

/// `count` strength sessions of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LiftRequest {
    pub focus: Focus,
    pub load: LoadLevel,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// `count` runs of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    pub kind: RunKind,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

fn one() -> u32 {
    1
}

/// A fixed event: a race or a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub slot: Slot,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Weekly plan: answer
// ---------------------------------------------------------------------------------------------

/// Seven days of sessions, and what could not be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WeekPlan {
    pub goal: Goal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub start: Date,
    pub days: Vec<PlanDay>,
    /// Requested sessions the hard rules left no room for: which rule blocks each and what to do.
    pub unmet: Vec<Unmet>,
    /// The personal experiment this week follows, when the request named a strategy: the rule, what it
    /// changed in the week, and where it could not be honoured and why (safety and readiness come first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experiment: Option<PlanExperiment>,
    /// Educational guidance, not medical advice: the advice's own disclaimer (added to the shape; a plan
    /// read back without it gets it).
    #[serde(default = "super::disclaimer")]
    pub disclaimer: String,
}

/// The experiment a week plan follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanExperiment {
    pub strategy: Strategy,
    pub comparison: Comparison,
    /// The rule, in plain language.
    pub rule: String,
    /// What the strategy changed in the week as requested (e.g. an easy run made non-impact cardio, for
    /// after a leg session).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
    /// Where the week does not follow the strategy, and why: a safety rule, readiness, a deload, or nothing
    /// in the week for it to apply to. Each is a deviation the experiment's analysis should know of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanDay {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub weekday: Weekday,
    /// In order: morning before evening, and within a slot in the order to do them.
    pub sessions: Vec<PlannedSession>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlannedSession {
    pub slot: Slot,
    pub kind: SessionKind,
    /// Lifts: which part of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    /// Lifts: how heavy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadLevel>,
    /// Events: race or match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventKind>,
    /// Events: the name given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub minutes: u32,
    pub intensity: Intensity,
    /// Why the session is where it is, and how to do it.
    pub why: String,
    #[serde(default, skip_serializing_if = "SessionStatus::is_planned")]
    pub status: SessionStatus,
    /// Tempo and intervals: warm-up, repetitions and cool-down filling `minutes` (paces when the request
    /// gives a race; heart rates are left to the renderer, which knows the athlete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<SessionStructure>,
}

/// `planned` (the default, omitted in JSON), `done` (logged, kept fixed when re-planning) or `moved`
/// (re-planned away from where it was, e.g. after being missed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    #[default]
    Planned,
    Done,
    Moved,
}

impl SessionStatus {
    pub fn is_planned(&self) -> bool {
        *self == SessionStatus::Planned
    }
}

/// A requested session that could not be placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Unmet {
    pub session: UnmetSession,
    /// How many such sessions (identical requests that could not be placed are listed once).
    pub count: u32,
    /// The rule that blocks it (stable code, e.g. `beginner_consecutive_hard`).
    pub rule: String,
    /// Every rule that blocks it somewhere in the week.
    pub blocked_by: Vec<String>,
    /// Why, with the days it was tried on.
    pub why: String,
    /// What to drop or change.
    pub suggestion: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnmetSession {
    pub kind: SessionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadLevel>,
    pub minutes: u32,
}

// ---------------------------------------------------------------------------------------------
// Adapting
// ---------------------------------------------------------------------------------------------

/// Re-plan the rest of the week from what was actually done and today's readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdaptRequest {
    /// The week as requested.
    pub week: WeekRequest,
    /// Today; days before it are history.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub today: Date,
    /// The earliest slot still open today (`evening` once the morning is over); default morning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_slot: Option<Slot>,
    #[serde(default)]
    pub readiness: ReadinessLevel,
    /// What was actually done this week (and the day before it), planned or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<DoneSession>,
    /// The plan made earlier for this week, if any: sessions stay where they were when they still fit,
    /// and the ones not done are recognised as missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<WeekPlan>,
}

/// One session from the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DoneSession {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub slot: Slot,
    pub kind: SessionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Focus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}
