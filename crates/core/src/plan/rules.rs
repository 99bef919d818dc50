//! The weekly planner's rules: the hard ones a plan may never break, and the soft ones it is scored on.
//!
//! **Positions.** A week is 7 days × 2 slots = 14 positions, `pos = 2·day + slot` (morning 0, evening 1).
//! Fixed sessions (events, the log when re-planning) may also sit on the day before the week (`day = -1`)
//! or the day after it (`day = 7`), so that their neighbours are checked.
//!
//! **Hours between sessions.** The hard rules speak in hours (the source text's "6–8 hours"); slots are
//! turned into hours with the default clock times (morning 07:00, evening 18:00) and a lifting block of
//! [`NOMINAL_BLOCK_H`] (the gap is measured from the end of the lift to the start of the run). So a lift
//! and a run in the **same slot** are 0 h apart; **morning → evening** of one day is 10 h; **evening →
//! next morning** 12 h; **morning → next morning** 23 h; **morning → next evening** 34 h; **evening →
//! next evening** 23 h. A slot is taken to hold up to ~3 h of training, which keeps every cross-slot gap
//! on the same side of 6, 8 and 24 h, so the outcome does not depend on the exact minutes.
//!
//! **Hard rules** (a violation is never produced; fixed sessions are exempt between themselves):
//! - `hiit_after_heavy_legs`, `hiit_after_heavy_lift`, `hard_run_after_legs`, `interference_separation`:
//!   tempo, intervals (and races, matches) at least the advisor's separation after lifting —
//!   [`HARD_RUN_SEPARATION_H`] after heavy lifting, [`HARD_RUN_SEPARATION_AFTER_LEGS_H`] after moderate leg
//!   work, [`ANOTHER_DAY_H`] after heavy legs; for strength and hypertrophy goals not on the day after heavy
//!   legs at all; and never in the same slot as heavy lifting, in either order ("at least 6–8 hours of
//!   recovery between sessions");
//! - `rest_day`: at least one day a week with no training but rest or mobility;
//! - `beginner_consecutive_hard`: a beginner never runs hard (tempo, intervals, long, races) on
//!   consecutive days;
//! - `hard_before_event`: nothing hard (heavy lifting, tempo, intervals, long runs) and no leg lifting
//!   (running economy stays impaired 24–48 h after lower-body resistance exercise: Doma 2019) on the day
//!   before a race or match, nor on its day;
//! - `taper`: no long run and no heavy leg lifting in the [`TAPER_DAYS`] days before a race or match
//!   (Bosquet 2007: cut volume, keep intensity);
//! - when re-planning: `readiness_red` (nothing but mobility today), `readiness_amber` (nothing hard today);
//! - `deload`: after an amber or red week, nothing hard on the first 2–3 days (`super::deload`);
//! - structure: `slot_full` (one lift and one cardio session per slot, one lift and one run per day, an
//!   event's slot holds nothing else), `not_available`, `slot_in_past`;
//! - the personal experiment's strategy, when the request names one (`experiment_*`, [`experiment_conflict`]):
//!   no run on a lifting day (`run_separate_day`); on days with both, the lift or the run first
//!   (`lift_first`, `run_first`, which also order a shared slot); no run after a leg session that day
//!   (`cycle_after_legs`), no non-impact cardio after it (`run_after_legs`); no intervals within 24 h after
//!   heavy lifting (`hiit_gap_24h`). These only ever forbid more: every rule above still holds, and is
//!   named first when both block.
//!
//! **Soft rules** (penalty points, lower is better): see the `W_*` constants.

use crate::athlete::Goal;
use crate::contract::{EventKind, Focus, LoadLevel, ReadinessLevel, RunKind, SessionStatus};
use crate::experiment::strategy::{
    HIIT_GAP_LONG_H, HIIT_GAP_SHORT_END_H, HIIT_GAP_SHORT_H, Strategy,
};
use crate::interference::{self, Legs, LiftKind, Next};

use super::{EVENING_START, MORNING_START};

/// Positions inside the week: 0..14.
pub(crate) const WEEK_POSITIONS: i16 = 14;
/// The length of a lifting block for the hours between sessions (see the module documentation).
pub const NOMINAL_BLOCK_H: f64 = 1.0;

// ----- soft-rule weights (penalty points) ---------------------------------------------------------

/// Strength/hypertrophy: a run before the lift on the same day. Strength before endurance gave larger
/// lower-limb strength gains with no difference in VO2max (Gao & Yu 2023, Front Physiol, 19 RCTs); the
/// source text frames the combination as running *after* the workout.
pub const W_RUN_BEFORE_LIFT: u32 = 60;
/// Strength/hypertrophy: a tempo, interval or long run on a lifting day at all. Source text: "consider
/// separating your cardio sessions from your strength workouts by several hours … or dedicating specific
/// days to each."
pub const W_HARD_RUN_ON_LIFT_DAY: u32 = 40;
/// Strength/hypertrophy: any run straight after the lift in the same slot ("if you must combine, keep
/// post-workout cardio low-intensity and short"); separate slots are better.
pub const W_RUN_SAME_SLOT_MUSCLE_FIRST: u32 = 10;
/// Endurance: a key run (long, tempo, intervals) after lifting on the same day. Source text: "If you're
/// training for a race, your running volume and intensity should be prioritized" — key runs are done fresh.
pub const W_KEY_RUN_AFTER_LIFT: u32 = 80;
/// Endurance: a key run on the day after heavy legs; the cost of running stays raised for up to 48 h after
/// lower-body resistance exercise (Doma K et al. 2019, Sports Med Open 5:19).
pub const W_KEY_RUN_DAY_AFTER_HEAVY_LEGS: u32 = 50;
/// Endurance: a key run the day after moderate leg work (the same effect, smaller).
pub const W_KEY_RUN_DAY_AFTER_LEGS: u32 = 20;
/// Endurance: heavy lifting straight after a run in the same slot. Source text: "heavy post-run lifting
/// might be counterproductive."
pub const W_HEAVY_LIFT_AFTER_RUN: u32 = 20;
/// Other goals: a long run after lifting on the same day (the advisor's `long_run_after_lift`: "long
/// runs on already-depleted glycogen and tired muscles are better on a separate day").
pub const W_LONG_AFTER_LIFT: u32 = 40;
/// An easy run after heavy legs on the same day. Source text: "After a leg day, opt for very
/// low-intensity cardio or choose a non-impact modality like cycling or elliptical."
pub const W_EASY_AFTER_HEAVY_LEGS: u32 = 50;
/// An easy run after moderate or light leg work on the same day.
pub const W_EASY_AFTER_LEGS: u32 = 20;
/// Non-impact cardio placed away from leg days (neither after a leg session that day nor the day after
/// one) while the week has leg sessions: "especially after a heavy leg day" is where it helps.
pub const W_CROSS_AWAY_FROM_LEGS: u32 = 10;
/// Spread of load: two hard sessions (heavy lifting, tempo, intervals, long runs, events) on one day.
pub const W_HARD_SAME_DAY: u32 = 30;
/// Spread of load: hard sessions on consecutive days ("consistently layering high-intensity running on
/// top of intense strength training without adequate recovery can lead to … overtraining").
pub const W_HARD_CONSECUTIVE: u32 = 25;
/// Spread of load: the same muscles lifted on consecutive days (full body counts for both), heavy.
pub const W_SAME_MUSCLES_CONSECUTIVE_HEAVY: u32 = 30;
/// …and when neither session is heavy.
pub const W_SAME_MUSCLES_CONSECUTIVE: u32 = 15;
/// A hard session on the day after a race or match.
pub const W_HARD_AFTER_EVENT: u32 = 30;
/// Any other training on the day of a race or match: the competition is the day's session.
pub const W_SAME_DAY_AS_EVENT: u32 = 20;
/// Spread of load: each day costs the square of its load points (see [`What::load_points`]), so the same
/// work spread over more days scores better.
pub const W_SPREAD: u32 = 1;
/// Re-planning: a session not yet due moved away from where the earlier plan had it.
pub const W_MOVE: u32 = 15;
/// The experiment's wish not met by a session it concerns ([`experiment_penalty`]): an easy run not
/// straight after a lift (`run_after_lift`, `post_lift_run_*`), non-impact cardio not after a leg session
/// (`cycle_after_legs`), an easy run not after one (`run_after_legs`), intervals not 6–16 h after heavy
/// lifting (`hiit_gap_6h`). Above every other soft rule together, below leaving a session unplaced: the
/// experiment decides where sessions go as long as the week holds them.
pub const W_EXPERIMENT: u32 = 500;
/// A requested session left unplaced: every placed session counts before any soft preference, then the
/// goal's priorities decide what is dropped first.
pub const UNMET_BASE: u64 = 10_000_000;
pub const UNMET_PER_PRIORITY: u64 = 1_000_000;

/// What a session is, for the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum What {
    Lift { focus: Focus, load: LoadLevel },
    Run(RunKind),
    Cross,
    Mobility,
    Event(EventKind),
}

impl What {
    pub fn is_lift(self) -> bool {
        matches!(self, What::Lift { .. })
    }
    pub fn is_run(self) -> bool {
        matches!(self, What::Run(_))
    }
    pub fn is_cardio(self) -> bool {
        matches!(self, What::Run(_) | What::Cross)
    }
    pub fn is_event(self) -> bool {
        matches!(self, What::Event(_))
    }
    pub fn legs(self) -> bool {
        matches!(
            self,
            What::Lift {
                focus: Focus::Lower | Focus::Full,
                ..
            }
        )
    }
    pub fn heavy(self) -> bool {
        matches!(
            self,
            What::Lift {
                load: LoadLevel::Heavy,
                ..
            }
        )
    }
    pub fn heavy_legs(self) -> bool {
        self.heavy() && self.legs()
    }
    /// The sessions the 6–8 h rule keeps away from lifting: tempo, intervals, and competitions.
    pub fn hard_run(self) -> bool {
        matches!(
            self,
            What::Run(RunKind::Tempo | RunKind::Intervals) | What::Event(_)
        )
    }
    /// Hard running for a beginner: the hard runs and the long run.
    pub fn beginner_hard(self) -> bool {
        self.hard_run() || self == What::Run(RunKind::Long)
    }
    /// Long, tempo and intervals: an endurance athlete's key runs.
    pub fn key_run(self) -> bool {
        matches!(
            self,
            What::Run(RunKind::Long | RunKind::Tempo | RunKind::Intervals)
        )
    }
    /// A hard day's session: heavy lifting, tempo, intervals, long runs, competitions.
    pub fn hard(self) -> bool {
        self.heavy() || self.beginner_hard()
    }
    /// Lifting at least moderate, or any leg work, taxes a run that follows (the advisor's rule).
    pub fn taxes_running(self) -> bool {
        match self {
            What::Lift { focus, load } => load >= LoadLevel::Moderate || focus != Focus::Upper,
            _ => false,
        }
    }
    /// Points of load for the spread score: heavy lifting, hard and long runs 3, moderate lifting 2,
    /// easy and non-impact cardio or light lifting 1, competitions 4, mobility 0.
    pub fn load_points(self) -> u32 {
        match self {
            What::Lift { load, .. } => match load {
                LoadLevel::Heavy => 3,
                LoadLevel::Moderate => 2,
                LoadLevel::Light => 1,
            },
            What::Run(RunKind::Easy) | What::Cross => 1,
            What::Run(_) => 3,
            What::Event(_) => 4,
            What::Mobility => 0,
        }
    }
}

/// One session to place (or already fixed).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub what: What,
    pub minutes: u32,
    /// Fixed at this position (events, sessions already done).
    pub fixed: Option<i16>,
    /// Positions 0..14 it may take (bit `pos`).
    pub allowed: u16,
    /// Where the earlier plan had it (re-planning).
    pub prev: Option<i16>,
    /// Where it was planned and missed (re-planning).
    pub missed_from: Option<i16>,
    /// Higher = dropped later.
    pub priority: u32,
    pub status: SessionStatus,
    pub name: Option<String>,
    /// How many identical sessions this one stands for: 1, except for the requests beyond what a week can
    /// hold, which are reported unmet together and never searched.
    pub copies: u32,
}

/// What the rules need to know besides the sessions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Setup {
    pub goal: Goal,
    pub beginner: bool,
    /// Positions before this are history.
    pub now_pos: i16,
    /// Today (a day index) and its readiness, when re-planning.
    pub today: Option<(i16, ReadinessLevel)>,
    /// Days at the start of the week with nothing hard: a deload after an amber or red week
    /// ([`super::deload::easy_days`]); 0 for a normal week.
    pub easy_days: i16,
    /// The personal experiment's strategy in force, if any.
    pub strategy: Option<Strategy>,
    /// Fewer than [`crate::athlete::NEW_TO_COMBINING_WEEKS`] weeks of combining lifting and running.
    pub new_to_combining: bool,
}

/// A hard rule. The order is the order of precedence when naming the rule that blocks a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Rule {
    ReadinessRed,
    ReadinessAmber,
    Deload,
    ExtraSessionDone,
    HardBeforeEvent,
    Taper,
    /// What may follow a lift, and when: the advisor's own rules ([`crate::interference`]).
    Interference(interference::Rule),
    /// New to combining: no long or hard run within the post-workout hours after a lift (the advisor's
    /// `new_to_combining`). Only reachable when a key run follows a lift in its slot, which without an
    /// experiment never happens (an endurance athlete's key run comes first; other goals' limits block it).
    NewToCombining,
    /// Heavy lifting straight after a long or hard run, in the same slot.
    HeavyLiftAfterKeyRun,
    /// Two heavy leg sessions less than [`HEAVY_LEGS_APART_H`] apart.
    HeavyLegsRecovering,
    BeginnerConsecutiveHard,
    /// The personal experiment's strategy ([`experiment_conflict`]).
    Experiment(Strategy),
    RestDay,
    SlotFull,
    SlotInPast,
    NotAvailable,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::ReadinessRed => "readiness_red",
            Rule::ReadinessAmber => "readiness_amber",
            Rule::Deload => "deload",
            Rule::ExtraSessionDone => "extra_session_done",
            Rule::HardBeforeEvent => "hard_before_event",
            Rule::Taper => "taper",
            Rule::HeavyLiftAfterKeyRun => "heavy_lift_after_key_run",
            Rule::HeavyLegsRecovering => "heavy_legs_recovering",
            Rule::Interference(r) => r.code(),
            Rule::NewToCombining => "new_to_combining",
            Rule::BeginnerConsecutiveHard => "beginner_consecutive_hard",
            Rule::Experiment(s) => s.rule_code(),
            Rule::RestDay => "rest_day",
            Rule::SlotFull => "slot_full",
            Rule::SlotInPast => "slot_in_past",
            Rule::NotAvailable => "not_available",
        }
    }

    /// Rules about the week's shape rather than training science.
    pub fn is_structural(self) -> bool {
        matches!(self, Rule::SlotFull | Rule::SlotInPast | Rule::NotAvailable)
    }

    /// The principle behind the rule, from the source text or the study.
    pub fn principle(self) -> &'static str {
        match self {
            Rule::ReadinessRed => {
                "Listen to your body: if you feel excessively drained, skip the run or reduce its intensity and duration; prioritise rest."
            }
            Rule::ReadinessAmber => {
                "Listen to your body: on a day you are not fresh, reduce intensity — nothing hard."
            }
            Rule::Deload => {
                "After an amber or red week, step back before building again: a deload week with about half the volume and the same number of sessions (Bell 2022; Rogerson 2024: deloads of 5–7 days keep frequency and cut volume and effort; Bosquet 2007: volume −41–60 %), and nothing hard on its first days."
            }
            Rule::ExtraSessionDone => {
                "Consistently layering high-intensity running on top of intense strength training without adequate recovery can lead to overtraining."
            }
            Rule::HardBeforeEvent => {
                "Nothing hard the day before or on the day of a race or match, and no leg lifting (running economy stays impaired 24–48 h after leg work: Doma 2019): arrive fresh."
            }
            Rule::HeavyLiftAfterKeyRun => {
                "Strength training can support running, but heavy post-run lifting might be counterproductive: after a long or hard run, lift heavy in another session."
            }
            Rule::HeavyLegsRecovering => {
                "Legs need 48 h or more to recover from heavy leg work (McLester 2003: performance back at 48 h, not 24 h; running economy impaired 24–48 h, Doma 2019): two heavy leg sessions belong at least 36 h apart."
            }
            Rule::Taper => {
                "Taper into a race or match: no long run and no heavy leg session in the last 3 days before it — cut the volume, keep the intensity. A 2-week taper cutting volume by 41–60 % without changing intensity or frequency was best for performance (Bosquet 2007, meta-analysis of 27 studies; Mujika & Padilla 2003), and running economy stays impaired for up to 48 h or more after heavy leg work (Doma 2019)."
            }
            Rule::Interference(r) => r.principle(),
            Rule::NewToCombining => {
                "Progress gradually: if you're new to combining lifting and running, start with short, low-intensity runs after lifting (about 10 minutes); long and hard runs belong in a separate session."
            }
            Rule::BeginnerConsecutiveHard => {
                "Progress gradually: while you are new, keep an easy or rest day between hard runs (Couch-to-5K spaces its three weekly runs with rest days)."
            }
            Rule::Experiment(s) => s.describe(),
            Rule::RestDay => {
                "Prioritise recovery: at least one full rest or active-recovery day a week (foam rolling, dynamic stretching, light mobility)."
            }
            Rule::SlotFull => {
                "One strength session and one cardio session per slot, one lift and one run per day."
            }
            Rule::SlotInPast => "That slot is already over.",
            Rule::NotAvailable => "Only the slots you said are free are used.",
        }
    }
}

// ----- positions and hours ----------------------------------------------------------------------

pub(crate) fn day_of(pos: i16) -> i16 {
    pos.div_euclid(2)
}

pub(crate) fn is_evening(pos: i16) -> bool {
    pos.rem_euclid(2) == 1
}

fn slot_start_h(pos: i16) -> f64 {
    let t = if is_evening(pos) {
        EVENING_START
    } else {
        MORNING_START
    };
    f64::from(t.hour()) + f64::from(t.minute()) / 60.0
}

/// Hours from the end of a lift at `lift_pos` to the start of a run at `run_pos` in another slot
/// (negative when the run comes first).
pub(crate) fn hours_between(lift_pos: i16, run_pos: i16) -> f64 {
    let h = |p: i16| f64::from(day_of(p)) * 24.0 + slot_start_h(p);
    h(run_pos) - h(lift_pos) - NOMINAL_BLOCK_H
}

/// The order within a slot: competitions first; an endurance athlete's key run before lifting ("key runs
/// fresh"); otherwise lifting first, then cardio ("running after a workout"), then mobility. The
/// experiment's `run_first` puts every run before the lift, `lift_first` every run after it.
pub(crate) fn slot_rank(what: What, setup: &Setup) -> u8 {
    match (what, setup.strategy) {
        (What::Event(_), _) => 0,
        (What::Run(_), Some(Strategy::RunFirst)) => 0,
        (What::Run(_), Some(Strategy::LiftFirst)) => 2,
        (What::Run(_), _) if setup.goal == Goal::Endurance && what.key_run() => 0,
        (What::Lift { .. }, _) => 1,
        (What::Run(_) | What::Cross, _) => 2,
        (What::Mobility, _) => 3,
    }
}

/// Does `a` (item index `ai`) come before `b` within one slot?
pub(crate) fn first_in_slot(a: What, ai: usize, b: What, bi: usize, setup: &Setup) -> bool {
    (slot_rank(a, setup), ai) < (slot_rank(b, setup), bi)
}

/// Does `a` at `pa` come before `b` at `pb` in time?
pub(crate) fn comes_before(a: (What, usize, i16), b: (What, usize, i16), setup: &Setup) -> bool {
    if a.2 == b.2 {
        first_in_slot(a.0, a.1, b.0, b.1, setup)
    } else {
        a.2 < b.2
    }
}

/// The lift as the interference rules see it.
pub(crate) fn lift_kind(lift: What) -> Option<LiftKind> {
    let What::Lift { focus, load } = lift else {
        return None;
    };
    Some(LiftKind {
        heaviness: load,
        legs: if focus == Focus::Upper {
            Legs::No
        } else {
            Legs::Yes
        },
    })
}

/// What a session is to the interference rules, if a lift can limit it.
pub(crate) fn next_of(what: What) -> Option<Next> {
    match what {
        What::Run(k) => Some(Next::from_run(k)),
        What::Event(_) => Some(Next::Race),
        What::Cross => Some(Next::NonImpact),
        _ => None,
    }
}

/// Minutes assumed for a key session when the rules compare it with a length cap: a long, tempo or
/// interval run is never shortened to fit (it would be another session), so any cap blocks it.
const KEY_SESSION_MINUTES: u32 = u32::MAX;

// ----- hard rules between two sessions ------------------------------------------------------------

/// A placed session: what, its index, its position.
pub(crate) type Placed = (What, usize, i16);

/// The hard rule `a` and `b` break together, if any.
/// Two heavy leg sessions at least this many hours apart (end of one to start of the other): not on
/// consecutive days — Monday evening's squats, Wednesday morning's at the earliest.
pub const HEAVY_LEGS_APART_H: f64 = 36.0;

pub(crate) fn pair_conflict(setup: &Setup, a: Placed, b: Placed) -> Option<Rule> {
    lift_run_conflict(setup, a, b)
        .or_else(|| lift_run_conflict(setup, b, a))
        .or_else(|| heavy_legs_conflict(a, b))
        .or_else(|| event_conflict(a, b))
        .or_else(|| event_conflict(b, a))
        .or_else(|| {
            (setup.beginner
                && a.0.beginner_hard()
                && b.0.beginner_hard()
                && (day_of(a.2) - day_of(b.2)).abs() == 1)
                .then_some(Rule::BeginnerConsecutiveHard)
        })
        .or_else(|| experiment_conflict(setup, a, b))
        .or_else(|| experiment_conflict(setup, b, a))
}

/// Hours from the end of `lift` to the start of `other`: 0 when `other` follows it in the same slot,
/// negative when it comes first.
pub(crate) fn hours_after(setup: &Setup, lift: Placed, other: Placed) -> f64 {
    if lift.2 == other.2 {
        if first_in_slot(lift.0, lift.1, other.0, other.1, setup) {
            0.0
        } else {
            -1.0
        }
    } else {
        hours_between(lift.2, other.2)
    }
}

/// The experiment's hard rule `lift` and `other` break together, if any (see the module documentation).
/// Only ever more than the rules above: a strategy never allows what they forbid.
pub(crate) fn experiment_conflict(setup: &Setup, lift: Placed, other: Placed) -> Option<Rule> {
    let strategy = setup.strategy?;
    if !lift.0.is_lift() {
        return None;
    }
    let same_day = day_of(lift.2) == day_of(other.2);
    let after = || comes_before(lift, other, setup);
    let broken = match strategy {
        Strategy::RunSeparateDay => same_day && other.0.is_run(),
        Strategy::LiftFirst => same_day && other.0.is_run() && !after(),
        Strategy::RunFirst => same_day && other.0.is_run() && after(),
        Strategy::CycleAfterLegs => same_day && lift.0.legs() && other.0.is_run() && after(),
        Strategy::RunAfterLegs => same_day && lift.0.legs() && other.0 == What::Cross && after(),
        Strategy::HiitGap24h => {
            lift.0.heavy()
                && other.0 == What::Run(RunKind::Intervals)
                && (0.0..HIIT_GAP_LONG_H).contains(&hours_after(setup, lift, other))
        }
        Strategy::RunAfterLift
        | Strategy::PostLiftRun15
        | Strategy::PostLiftRun30
        | Strategy::HiitGap6h => false,
    };
    broken.then_some(Rule::Experiment(strategy))
}

/// The sessions the experiment wants placed after a lift ([`W_EXPERIMENT`]): easy runs for
/// `run_after_lift`, `post_lift_run_*` and `run_after_legs`, non-impact cardio for `cycle_after_legs`,
/// intervals for `hiit_gap_6h`.
pub(crate) fn experiment_concerns(strategy: Strategy, what: What) -> bool {
    match strategy {
        Strategy::CycleAfterLegs => what == What::Cross,
        Strategy::RunAfterLegs => what == What::Run(RunKind::Easy),
        Strategy::HiitGap6h => what == What::Run(RunKind::Intervals),
        s => s.wants_run_after_lift() && what == What::Run(RunKind::Easy),
    }
}

/// Does `lift` give `me` the place the experiment wants for it: straight after it in its slot, after a
/// leg session that day, or 6–16 h after heavy lifting?
pub(crate) fn experiment_pairs(
    setup: &Setup,
    strategy: Strategy,
    lift: Placed,
    me: Placed,
) -> bool {
    if !lift.0.is_lift() {
        return false;
    }
    match strategy {
        Strategy::CycleAfterLegs | Strategy::RunAfterLegs => {
            lift.0.legs() && day_of(lift.2) == day_of(me.2) && comes_before(lift, me, setup)
        }
        Strategy::HiitGap6h => {
            lift.0.heavy()
                && (HIIT_GAP_SHORT_H..HIIT_GAP_SHORT_END_H).contains(&hours_after(setup, lift, me))
        }
        _ => lift.2 == me.2 && first_in_slot(lift.0, lift.1, me.0, me.1, setup),
    }
}

/// Whether the experiment's wish for `me` is met by one of the sessions `around` it; `None` when the
/// experiment has no wish for this session.
pub(crate) fn experiment_wish_met(
    setup: &Setup,
    me: Placed,
    mut around: impl Iterator<Item = Placed>,
) -> Option<bool> {
    let strategy = setup.strategy?;
    if !experiment_concerns(strategy, me.0) {
        return None;
    }
    Some(around.any(|o| experiment_pairs(setup, strategy, o, me)))
}

/// The experiment's penalty for `me` where it is (0 when its wish is met or it has none).
pub(crate) fn experiment_penalty(
    setup: &Setup,
    me: Placed,
    around: impl Iterator<Item = Placed>,
) -> u32 {
    match experiment_wish_met(setup, me, around) {
        Some(false) => W_EXPERIMENT,
        _ => 0,
    }
}

fn heavy_legs_conflict(a: Placed, b: Placed) -> Option<Rule> {
    if !(a.0.heavy_legs() && b.0.heavy_legs()) {
        return None;
    }
    let (first, second) = if a.2 <= b.2 { (a, b) } else { (b, a) };
    (first.2 == second.2 || hours_between(first.2, second.2) < HEAVY_LEGS_APART_H)
        .then_some(Rule::HeavyLegsRecovering)
}

/// The interference rule that keeps `run` where it is after `lift`: the advisor's rules
/// ([`crate::interference::check`]) asked at the hours between them. In one slot a lift comes first unless an
/// endurance athlete's key run is done fresh before it; heavy lifting and hard running in one slot clash in
/// either order ("at least 6–8 hours of recovery between sessions").
fn lift_run_conflict(setup: &Setup, lift: Placed, run: Placed) -> Option<Rule> {
    let kind = lift_kind(lift.0)?;
    let next = next_of(run.0)?;
    let gap = if lift.2 == run.2 {
        if !first_in_slot(lift.0, lift.1, run.0, run.1, setup) {
            // The run comes first: heavy lifting straight after a hard session clashes as the other way
            // round ("6–8 hours between"), and after a long run it is heavy post-run lifting.
            if kind.heavy() && next.is_hard() {
                return interference::check(kind, next, setup.goal, 0.0, KEY_SESSION_MINUTES)
                    .blocked_by
                    .map(Rule::Interference);
            }
            return (kind.heavy() && next == Next::Long).then_some(Rule::HeavyLiftAfterKeyRun);
        }
        0.0
    } else {
        hours_between(lift.2, run.2)
    };
    if gap < 0.0 {
        return None;
    }
    let minutes = if next == Next::Easy || next == Next::NonImpact {
        0
    } else {
        KEY_SESSION_MINUTES
    };
    interference::check(kind, next, setup.goal, gap, minutes)
        .blocked_by
        .map(Rule::Interference)
        .or_else(|| {
            (setup.new_to_combining
                && (next.is_hard() || next == Next::Long)
                && gap < interference::POST_WORKOUT_H)
                .then_some(Rule::NewToCombining)
        })
}

/// The taper before a race or match, in days: nothing hard and no leg lifting on the day or the day
/// before (`hard_before_event`); no long run and no heavy leg session in the [`TAPER_DAYS`] days before it
/// (`taper`). Tempo and intervals stay allowed from two days out: the taper cuts volume, not intensity
/// (Bosquet L et al. 2007, Med Sci Sports Exerc 39:1358: a 2-week taper with volume cut 41–60 %, intensity
/// and frequency kept, overall effect 0.59–0.72; Mujika I, Padilla S 2003, Med Sci Sports Exerc 35:1182).
/// Three days: the planner sees one week, so the long run and the heavy leg day — the sessions that leave
/// the most fatigue (running economy impaired 24–48 h after heavy leg work: Doma 2019) — move to earlier
/// in the week; afterlift's reading of a taper within a week.
pub const TAPER_DAYS: i16 = 3;

fn event_conflict(event: Placed, other: Placed) -> Option<Rule> {
    if !event.0.is_event() || other.0.is_event() {
        return None;
    }
    let d = day_of(event.2) - day_of(other.2);
    if (d == 0 || d == 1) && (other.0.hard() || other.0.legs()) {
        return Some(Rule::HardBeforeEvent);
    }
    let taxing = other.0 == What::Run(RunKind::Long) || other.0.heavy_legs();
    ((2..=TAPER_DAYS).contains(&d) && taxing).then_some(Rule::Taper)
}

/// Rules that depend on the position alone.
pub(crate) fn position_block(setup: &Setup, item: &Item, pos: i16) -> Option<Rule> {
    if !(0..WEEK_POSITIONS).contains(&pos) {
        return Some(Rule::NotAvailable);
    }
    if pos < setup.now_pos {
        return Some(Rule::SlotInPast);
    }
    if item.allowed & (1u16 << pos) == 0 {
        return Some(Rule::NotAvailable);
    }
    if day_of(pos) < setup.easy_days && item.what.hard() && !item.what.is_event() {
        return Some(Rule::Deload);
    }
    if let Some((today, level)) = setup.today
        && day_of(pos) == today
    {
        match level {
            ReadinessLevel::Red if item.what != What::Mobility => return Some(Rule::ReadinessRed),
            ReadinessLevel::Amber if item.what.hard() => return Some(Rule::ReadinessAmber),
            _ => {}
        }
    }
    None
}

// ----- soft rules between two sessions ------------------------------------------------------------

/// Penalty points for `a` and `b` together (symmetric).
pub(crate) fn pair_penalty(setup: &Setup, a: Placed, b: Placed) -> u32 {
    let goal = setup.goal;
    let (first, second) = if comes_before(a, b, setup) {
        (a, b)
    } else {
        (b, a)
    };
    let same_day = day_of(a.2) == day_of(b.2);
    let next_day = day_of(second.2) == day_of(first.2) + 1;
    let mut p = 0;

    // Lift and run on one day.
    for (lift, run) in [(first, second), (second, first)] {
        if !lift.0.is_lift() || !run.0.is_run() {
            continue;
        }
        let run_after = comes_before(lift, run, setup);
        if same_day {
            if goal.is_muscle_first() {
                // Run first is what the experiment `run_first` tests: not held against it.
                if !run_after && setup.strategy != Some(Strategy::RunFirst) {
                    p += W_RUN_BEFORE_LIFT;
                } else if lift.2 == run.2 {
                    p += W_RUN_SAME_SLOT_MUSCLE_FIRST;
                }
                if run.0.key_run() {
                    p += W_HARD_RUN_ON_LIFT_DAY;
                }
            }
            if goal == Goal::Endurance {
                if run.0.key_run() && run_after && lift.0.taxes_running() {
                    p += W_KEY_RUN_AFTER_LIFT;
                }
                if lift.2 == run.2 && !run_after && lift.0.heavy() {
                    p += W_HEAVY_LIFT_AFTER_RUN;
                }
            } else if run.0 == What::Run(RunKind::Long) && run_after && lift.0.taxes_running() {
                p += W_LONG_AFTER_LIFT;
            }
            if run.0 == What::Run(RunKind::Easy) && run_after && lift.0.legs() {
                p += if lift.0.heavy() {
                    W_EASY_AFTER_HEAVY_LEGS
                } else {
                    W_EASY_AFTER_LEGS
                };
            }
        } else if next_day && lift == first && goal == Goal::Endurance && run.0.key_run() {
            if lift.0.heavy_legs() {
                p += W_KEY_RUN_DAY_AFTER_HEAVY_LEGS;
            } else if lift.0.legs() {
                p += W_KEY_RUN_DAY_AFTER_LEGS;
            }
        }
    }

    // Spread of load.
    if a.0.hard() && b.0.hard() {
        if same_day {
            p += W_HARD_SAME_DAY;
        } else if next_day {
            p += W_HARD_CONSECUTIVE;
        }
    }
    if next_day && first.0.is_event() && second.0.hard() && !second.0.is_event() {
        p += W_HARD_AFTER_EVENT;
    }
    if same_day
        && a.0.is_event() != b.0.is_event()
        && a.0 != What::Mobility
        && b.0 != What::Mobility
    {
        p += W_SAME_DAY_AS_EVENT;
    }
    if next_day
        && let (
            What::Lift {
                focus: f1,
                load: l1,
            },
            What::Lift {
                focus: f2,
                load: l2,
            },
        ) = (first.0, second.0)
        && (f1 == f2 || f1 == Focus::Full || f2 == Focus::Full)
    {
        p += if l1 == LoadLevel::Heavy || l2 == LoadLevel::Heavy {
            W_SAME_MUSCLES_CONSECUTIVE_HEAVY
        } else {
            W_SAME_MUSCLES_CONSECUTIVE
        };
    }
    p
}

/// Penalty for an item at a position on its own (re-planning: moving it).
pub(crate) fn unary_penalty(item: &Item, pos: i16) -> u32 {
    match item.prev {
        Some(prev) if prev != pos => W_MOVE,
        _ => 0,
    }
}

/// The penalty for leaving `item` unplaced.
pub(crate) fn unmet_penalty(item: &Item) -> u64 {
    UNMET_BASE + UNMET_PER_PRIORITY * u64::from(item.priority)
}

/// How much the goal wants this session kept (dropped lowest first): strength and hypertrophy keep their
/// lifts, endurance its key runs, the general goals everything but the hardest runs and the extras.
pub(crate) fn priority(goal: Goal, what: What) -> u32 {
    match (goal, what) {
        (_, What::Event(_)) => 9,
        (_, What::Cross | What::Mobility) => 1,
        (Goal::Strength | Goal::Hypertrophy, What::Lift { load, .. }) => {
            if load == LoadLevel::Heavy { 5 } else { 4 }
        }
        (Goal::Strength | Goal::Hypertrophy, What::Run(_)) => 2,
        (Goal::Endurance, What::Run(RunKind::Easy)) => 4,
        (Goal::Endurance, What::Run(_)) => 5,
        (Goal::Endurance, What::Lift { .. }) => 2,
        (Goal::General | Goal::FatLoss, What::Run(k)) if k.is_hard() => 2,
        (Goal::General | Goal::FatLoss, _) => 3,
    }
}
