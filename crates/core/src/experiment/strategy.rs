//! The strategies an athlete can compare in a personal (n-of-1) experiment, and what the log shows was
//! followed.
//!
//! The source text ends: "Experiment with different strategies to find what works best for your individual
//! needs and optimizes your progress." A [`Comparison`] is two [`Strategy`] arms (A and B) that the source
//! text leaves open for the individual: run straight after lifting or on separate days; lift or run first
//! on shared days; cycle or run after leg days; a 15- or 30-minute post-lift run; HIIT from 6 h or from
//! 24 h after heavy lifting.
//!
//! **A strategy is a rule the planner and the advisor follow while it is active**
//! (`WeekRequest::strategy`, `AdviceRequest::strategy`): it constrains where sessions go and what is
//! advised now, and every reason it shapes names it ("experiment: runs on separate days"). **Safety rules
//! outrank it**: pain, illness, red readiness and the interference rules of [`crate::interference`] are
//! never broken for an experiment; where the strategy cannot be honoured the plan lists the exception and
//! the advice says the experiment was overridden and why — such a day is a deviation, never hidden.
//!
//! **Observational mode** ([`tag_days`], [`tag_weeks`], [`adherence`]): which arm the log shows was
//! followed, day by day — `followed` A or B, `neither` (the day could have followed an arm and followed
//! none), or `not_applicable` (nothing for the comparison to judge: no lift that day; or the log cannot
//! tell, e.g. a session without heart rate or RPE where HIIT is the question) — each with a short
//! reason. The share of applicable days that followed the scheduled arm is the experiment's adherence;
//! the others are its deviations.
//!
//! Pure: no clock, no I/O; every date is the athlete's local date in the time zone passed in.

use std::collections::BTreeMap;

pub use super::Arm;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

use crate::advice::band;
use crate::athlete::Athlete;
use crate::catalogue::Aliases;
use crate::contract::{Intensity, LiftInput, LoadLevel};
use crate::interference::Legs;
use crate::session::{Activity, Sport, StrengthSession};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

// ---------------------------------------------------------------------------------------------
// Comparisons and strategies
// ---------------------------------------------------------------------------------------------

/// What an experiment compares: two strategies, arm A and arm B. The JSON names are the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// `run_after_lift` (A) vs `run_separate_day` (B).
    RunAfterLiftOrSeparateDay,
    /// `lift_first` (A) vs `run_first` (B), on days with both.
    LiftOrRunFirst,
    /// `cycle_after_legs` (A) vs `run_after_legs` (B).
    CycleOrRunAfterLegs,
    /// `post_lift_run_15` (A) vs `post_lift_run_30` (B).
    #[serde(rename = "post_lift_run_15_or_30")]
    PostLiftRun15Or30,
    /// `hiit_gap_6h` (A) vs `hiit_gap_24h` (B).
    #[serde(rename = "hiit_gap_6h_or_24h")]
    HiitGap6hOr24h,
}

/// A strategy: a rule the planner and the advisor follow while it is active. The JSON names are the
/// contract (`"strategy": "run_separate_day"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// On lifting days, an easy run straight after the lift (within the hour).
    RunAfterLift,
    /// No running on lifting days: runs go on days without lifting.
    RunSeparateDay,
    /// On days with both, the lift comes first and the run after it.
    LiftFirst,
    /// On days with both, the run comes first and the lift after it.
    RunFirst,
    /// On a leg day, cardio after the leg session is non-impact (cycling, elliptical), not running.
    CycleAfterLegs,
    /// On a leg day, cardio after the leg session is an easy run.
    RunAfterLegs,
    /// The easy run straight after lifting lasts 15 minutes.
    #[serde(rename = "post_lift_run_15")]
    PostLiftRun15,
    /// The easy run straight after lifting lasts 30 minutes.
    #[serde(rename = "post_lift_run_30")]
    PostLiftRun30,
    /// High-intensity intervals (HIIT) 6–16 h after heavy lifting: the same day, or the next morning after
    /// an evening lift.
    #[serde(rename = "hiit_gap_6h")]
    HiitGap6h,
    /// HIIT at least 24 h after heavy lifting: on another day.
    #[serde(rename = "hiit_gap_24h")]
    HiitGap24h,
}

/// The source text's closing advice, which every comparison answers for one athlete.
pub const SOURCE_EXPERIMENT: &str = "Experiment with different strategies to find what works best for your individual needs and optimizes your progress.";

/// A run that starts at most this long after a lift ends is "straight after" it (afterlift's reading of
/// "running after a workout": the same session, a change of shoes apart).
pub const RIGHT_AFTER_H: f64 = 1.0;
/// The gap arm A of [`Comparison::HiitGap6hOr24h`] allows: the source text's "at least 6–8 hours of
/// recovery between sessions" ([`crate::interference::HARD_RUN_SEPARATION_H`]).
pub const HIIT_GAP_SHORT_H: f64 = crate::interference::HARD_RUN_SEPARATION_H;
/// Arm A's HIIT comes before this many hours after the lift: the same day, or the next morning after an
/// evening lift (an evening lift ending at 19:00 and intervals at 07:00 are 12 h apart) — not a day later,
/// so that the arms differ (a morning lift and the next morning's intervals are 23 h apart: almost B).
pub const HIIT_GAP_SHORT_END_H: f64 = 16.0;
/// The gap arm B asks for: "perform it on a separate day" — a whole day.
pub const HIIT_GAP_LONG_H: f64 = 24.0;
/// The post-lift run lengths compared: the two ends of the source text's "15-30 minute low-intensity jog".
pub const POST_LIFT_SHORT_MINUTES: u32 = crate::interference::LISS_MINUTES.0;
pub const POST_LIFT_LONG_MINUTES: u32 = crate::interference::LISS_MINUTES.1;

impl Comparison {
    pub const ALL: [Comparison; 5] = [
        Comparison::RunAfterLiftOrSeparateDay,
        Comparison::LiftOrRunFirst,
        Comparison::CycleOrRunAfterLegs,
        Comparison::PostLiftRun15Or30,
        Comparison::HiitGap6hOr24h,
    ];

    /// The JSON name.
    pub fn code(self) -> &'static str {
        match self {
            Comparison::RunAfterLiftOrSeparateDay => "run_after_lift_or_separate_day",
            Comparison::LiftOrRunFirst => "lift_or_run_first",
            Comparison::CycleOrRunAfterLegs => "cycle_or_run_after_legs",
            Comparison::PostLiftRun15Or30 => "post_lift_run_15_or_30",
            Comparison::HiitGap6hOr24h => "hiit_gap_6h_or_24h",
        }
    }

    /// Arm A and arm B.
    pub fn arms(self) -> [Strategy; 2] {
        match self {
            Comparison::RunAfterLiftOrSeparateDay => {
                [Strategy::RunAfterLift, Strategy::RunSeparateDay]
            }
            Comparison::LiftOrRunFirst => [Strategy::LiftFirst, Strategy::RunFirst],
            Comparison::CycleOrRunAfterLegs => [Strategy::CycleAfterLegs, Strategy::RunAfterLegs],
            Comparison::PostLiftRun15Or30 => [Strategy::PostLiftRun15, Strategy::PostLiftRun30],
            Comparison::HiitGap6hOr24h => [Strategy::HiitGap6h, Strategy::HiitGap24h],
        }
    }

    pub fn strategy(self, arm: Arm) -> Strategy {
        let [a, b] = self.arms();
        match arm {
            Arm::A => a,
            Arm::B => b,
        }
    }

    /// The question, in plain language.
    pub fn question(self) -> &'static str {
        match self {
            Comparison::RunAfterLiftOrSeparateDay => {
                "An easy run straight after lifting, or runs on separate days?"
            }
            Comparison::LiftOrRunFirst => "On days with both: lift first, or run first?",
            Comparison::CycleOrRunAfterLegs => "After a leg session: cycle, or run?",
            Comparison::PostLiftRun15Or30 => "The run after lifting: 15 minutes, or 30?",
            Comparison::HiitGap6hOr24h => {
                "HIIT after heavy lifting: from 6 hours (the same day), or only after 24 hours (another day)?"
            }
        }
    }

    /// The passage of the source text the comparison tests.
    pub fn source(self) -> &'static str {
        match self {
            Comparison::RunAfterLiftOrSeparateDay => {
                "If maximizing strength or muscle gain is your priority, consider separating your cardio sessions from your strength workouts by several hours (e.g., morning run, evening lift) or dedicating specific days to each. If you must combine, keep post-workout cardio low-intensity and short."
            }
            Comparison::LiftOrRunFirst => {
                "When we talk about \"running after a workout,\" we are typically referring to performing cardiovascular exercise subsequent to a resistance training session. … consider separating your cardio sessions from your strength workouts by several hours (e.g., morning run, evening lift)"
            }
            Comparison::CycleOrRunAfterLegs => {
                "It's generally less taxing to run after an upper body strength workout than after a heavy leg workout. After a leg day, opt for very low-intensity cardio or choose a non-impact modality like cycling or elliptical if you must do cardio."
            }
            Comparison::PostLiftRun15Or30 => {
                "A 15-30 minute low-intensity jog (where you can hold a conversation) is generally the safest and most beneficial option post-strength training."
            }
            Comparison::HiitGap6hOr24h => {
                "If you want to do HIIT, perform it on a separate day or with at least 6-8 hours of recovery between sessions."
            }
        }
    }
}

impl Strategy {
    pub const ALL: [Strategy; 10] = [
        Strategy::RunAfterLift,
        Strategy::RunSeparateDay,
        Strategy::LiftFirst,
        Strategy::RunFirst,
        Strategy::CycleAfterLegs,
        Strategy::RunAfterLegs,
        Strategy::PostLiftRun15,
        Strategy::PostLiftRun30,
        Strategy::HiitGap6h,
        Strategy::HiitGap24h,
    ];

    /// The JSON name.
    pub fn code(self) -> &'static str {
        match self {
            Strategy::RunAfterLift => "run_after_lift",
            Strategy::RunSeparateDay => "run_separate_day",
            Strategy::LiftFirst => "lift_first",
            Strategy::RunFirst => "run_first",
            Strategy::CycleAfterLegs => "cycle_after_legs",
            Strategy::RunAfterLegs => "run_after_legs",
            Strategy::PostLiftRun15 => "post_lift_run_15",
            Strategy::PostLiftRun30 => "post_lift_run_30",
            Strategy::HiitGap6h => "hiit_gap_6h",
            Strategy::HiitGap24h => "hiit_gap_24h",
        }
    }

    /// The stable code of the rule the strategy puts on the planner and the advisor (a plan's unmet
    /// session names it in `blocked_by`; an advice reason carries it).
    pub fn rule_code(self) -> &'static str {
        match self {
            Strategy::RunAfterLift => "experiment_run_after_lift",
            Strategy::RunSeparateDay => "experiment_run_separate_day",
            Strategy::LiftFirst => "experiment_lift_first",
            Strategy::RunFirst => "experiment_run_first",
            Strategy::CycleAfterLegs => "experiment_cycle_after_legs",
            Strategy::RunAfterLegs => "experiment_run_after_legs",
            Strategy::PostLiftRun15 => "experiment_post_lift_run_15",
            Strategy::PostLiftRun30 => "experiment_post_lift_run_30",
            Strategy::HiitGap6h => "experiment_hiit_gap_6h",
            Strategy::HiitGap24h => "experiment_hiit_gap_24h",
        }
    }

    pub fn comparison(self) -> Comparison {
        match self {
            Strategy::RunAfterLift | Strategy::RunSeparateDay => {
                Comparison::RunAfterLiftOrSeparateDay
            }
            Strategy::LiftFirst | Strategy::RunFirst => Comparison::LiftOrRunFirst,
            Strategy::CycleAfterLegs | Strategy::RunAfterLegs => Comparison::CycleOrRunAfterLegs,
            Strategy::PostLiftRun15 | Strategy::PostLiftRun30 => Comparison::PostLiftRun15Or30,
            Strategy::HiitGap6h | Strategy::HiitGap24h => Comparison::HiitGap6hOr24h,
        }
    }

    /// A or B within its comparison.
    pub fn arm(self) -> Arm {
        if self.comparison().arms()[0] == self {
            Arm::A
        } else {
            Arm::B
        }
    }

    /// The other arm of the comparison.
    pub fn other(self) -> Strategy {
        self.comparison().strategy(self.arm().other())
    }

    /// A short name in lower case, as the reasons quote it ("experiment: runs on separate days").
    pub fn short(self) -> &'static str {
        match self {
            Strategy::RunAfterLift => "run straight after lifting",
            Strategy::RunSeparateDay => "runs on separate days",
            Strategy::LiftFirst => "lift first on days with both",
            Strategy::RunFirst => "run first on days with both",
            Strategy::CycleAfterLegs => "cycle after leg days",
            Strategy::RunAfterLegs => "run after leg days",
            Strategy::PostLiftRun15 => "15-minute run after lifting",
            Strategy::PostLiftRun30 => "30-minute run after lifting",
            Strategy::HiitGap6h => "HIIT 6 h after heavy lifting",
            Strategy::HiitGap24h => "HIIT 24 h after heavy lifting",
        }
    }

    /// The name people read: "Runs on separate days".
    pub fn label(self) -> String {
        let s = self.short();
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }

    /// `experiment: runs on separate days` — the tag every reason the strategy shapes carries.
    pub fn tag(self) -> String {
        format!("experiment: {}", self.short())
    }

    /// The rule, in plain language.
    pub fn describe(self) -> &'static str {
        match self {
            Strategy::RunAfterLift => {
                "On lifting days, an easy run straight after the lift (within the hour), as one session."
            }
            Strategy::RunSeparateDay => {
                "No running on lifting days: every run goes on a day without lifting."
            }
            Strategy::LiftFirst => {
                "On days with both a lift and a run, the lift comes first and the run after it."
            }
            Strategy::RunFirst => {
                "On days with both a lift and a run, the run comes first and the lift after it."
            }
            Strategy::CycleAfterLegs => {
                "On a leg day, cardio after the leg session is non-impact (cycling or the elliptical), never a run."
            }
            Strategy::RunAfterLegs => {
                "On a leg day, cardio after the leg session is an easy run (very easy: after leg work the legs are tired), never cycling. After heavy legs the safety rules allow no running that day."
            }
            Strategy::PostLiftRun15 => {
                "The easy run straight after lifting lasts 15 minutes, at conversational pace."
            }
            Strategy::PostLiftRun30 => {
                "The easy run straight after lifting lasts 30 minutes, at conversational pace (within the caps your goal and experience put on it)."
            }
            Strategy::HiitGap6h => {
                "High-intensity intervals (HIIT) 6–16 h after heavy upper-body lifting: the same day, or the next morning after an evening lift — not a day later. After heavy legs HIIT still waits 36 h."
            }
            Strategy::HiitGap24h => {
                "High-intensity intervals (HIIT) no sooner than 24 h after heavy lifting: on another day."
            }
        }
    }

    /// The passage of the source text this arm takes up, where there is one.
    pub fn source(self) -> Option<&'static str> {
        Some(match self {
            Strategy::RunAfterLift => {
                "Time Efficiency: For individuals with limited time, combining strength and cardio into one session can be a practical way to meet fitness recommendations."
            }
            Strategy::RunSeparateDay => {
                "Dedicated Cardio Days: Schedule your running sessions on separate days from your strength training to allow for full recovery and minimize interference."
            }
            Strategy::LiftFirst => {
                "When we talk about \"running after a workout,\" we are typically referring to performing cardiovascular exercise subsequent to a resistance training session."
            }
            Strategy::RunFirst => {
                "consider separating your cardio sessions from your strength workouts by several hours (e.g., morning run, evening lift)"
            }
            Strategy::CycleAfterLegs => {
                "After a leg day, opt for very low-intensity cardio or choose a non-impact modality like cycling or elliptical if you must do cardio."
            }
            Strategy::RunAfterLegs => "After a leg day, opt for very low-intensity cardio",
            Strategy::PostLiftRun15 => {
                "Low-intensity running (e.g., a slow jog for 10-15 minutes) can serve as an effective active cool-down."
            }
            Strategy::PostLiftRun30 => {
                "A 15-30 minute low-intensity jog (where you can hold a conversation) is generally the safest and most beneficial option post-strength training."
            }
            Strategy::HiitGap6h => "with at least 6-8 hours of recovery between sessions",
            Strategy::HiitGap24h => "If you want to do HIIT, perform it on a separate day",
        })
    }

    /// The post-lift run's length this strategy sets, minutes.
    pub fn post_lift_minutes(self) -> Option<u32> {
        match self {
            Strategy::PostLiftRun15 => Some(POST_LIFT_SHORT_MINUTES),
            Strategy::PostLiftRun30 => Some(POST_LIFT_LONG_MINUTES),
            _ => None,
        }
    }

    /// The strategies that want an easy run straight after each lift.
    pub fn wants_run_after_lift(self) -> bool {
        matches!(
            self,
            Strategy::RunAfterLift | Strategy::PostLiftRun15 | Strategy::PostLiftRun30
        )
    }

    /// The least hours between heavy lifting and HIIT this strategy allows, beyond the safety rules.
    pub fn hiit_gap_h(self) -> Option<f64> {
        match self {
            Strategy::HiitGap6h => Some(HIIT_GAP_SHORT_H),
            Strategy::HiitGap24h => Some(HIIT_GAP_LONG_H),
            _ => None,
        }
    }
}

impl std::fmt::Display for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Strategy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Strategy::ALL
            .into_iter()
            .find(|x| x.code() == norm)
            .ok_or_else(|| {
                let all: Vec<&str> = Strategy::ALL.iter().map(|x| x.code()).collect();
                format!("unknown strategy '{s}': expected one of {}", all.join(", "))
            })
    }
}

impl std::str::FromStr for Comparison {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Comparison::ALL
            .into_iter()
            .find(|x| x.code() == norm)
            .ok_or_else(|| {
                let all: Vec<&str> = Comparison::ALL.iter().map(|x| x.code()).collect();
                format!(
                    "unknown comparison '{s}': expected one of {}",
                    all.join(", ")
                )
            })
    }
}

// ---------------------------------------------------------------------------------------------
// Observational mode: which arm the log shows was followed
// ---------------------------------------------------------------------------------------------

/// What one day (or week) of the log shows for a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", content = "arm", rename_all = "snake_case")]
pub enum Observed {
    /// The day followed this arm.
    Followed(Arm),
    /// The day could have followed an arm and followed neither (or, for a week, a mix of both).
    Neither,
    /// Nothing for the comparison to judge (no lift that day, no shared day, …), or the log cannot tell.
    NotApplicable,
}

impl Observed {
    pub fn arm(self) -> Option<Arm> {
        match self {
            Observed::Followed(arm) => Some(arm),
            _ => None,
        }
    }
    pub fn is_applicable(self) -> bool {
        self != Observed::NotApplicable
    }
}

/// One day of the log, tagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayTag {
    /// The athlete's local date.
    pub date: Date,
    pub observed: Observed,
    /// The strategy followed, when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Strategy>,
    /// Why, with the numbers ("ran 10 min after the lift ended").
    pub reason: String,
}

/// One ISO week (Monday to Sunday, local dates), tagged from its days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekTag {
    pub week_start: Date,
    pub observed: Observed,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Strategy>,
    pub followed_a: u32,
    pub followed_b: u32,
    pub neither: u32,
    pub not_applicable: u32,
    pub reason: String,
}

/// A week is tagged with an arm when at least this share of its applicable days followed it
/// (afterlift's threshold: two days in three); otherwise it is mixed (`neither`).
pub const WEEK_MAJORITY: f64 = 2.0 / 3.0;
/// A session spending at least this long at or above the "hard" band's heart rate
/// ([`HIIT_HR_MAX_FRACTION`] of HRmax) was high-intensity intervals (afterlift's threshold: e.g. 5 × 1 min
/// hard, or the work of a 4 × 4 min session once the heart rate has risen).
pub const HIIT_MIN_HARD_S: u32 = 300;
/// The lower edge of the advisor's "hard" intensity band (intervals), as a share of HRmax: 88 %
/// (`advice::INTENSITY_BANDS`, the upper part of ACSM "vigorous"; Garber 2011).
pub fn hiit_hr_max_fraction() -> f64 {
    band(Intensity::High).hr_max.0
}
/// Session RPE (CR-10) from which a session was HIIT: the lower edge of the "hard" band (7).
pub fn hiit_min_rpe() -> f64 {
    f64::from(band(Intensity::High).rpe_cr10.0)
}
/// HIIT later than this after a heavy lift is not about that lift.
pub const HIIT_WINDOW_H: f64 = 48.0;
/// The post-lift run's length: about 15 minutes is from 7.5 to 22.5 min, about 30 from 22.5 to 45 (half
/// of the shorter either side); shorter or longer is neither.
pub const POST_LIFT_SPLIT_MINUTES: f64 = 22.5;
pub const POST_LIFT_MIN_MINUTES: f64 = 7.5;
pub const POST_LIFT_MAX_MINUTES: f64 = 45.0;
/// At most this many days are tagged at once (ten years).
pub const MAX_TAG_DAYS: i64 = 3660;

/// The log the tagging reads: the athlete (for HRmax and the lifts' reference 1RMs), their time zone
/// (for local dates) and aliases, and the sessions — give the day after the range too, where
/// "the next day" matters (runs on separate days).
#[derive(Debug, Clone, Copy)]
pub struct TagLog<'a> {
    pub athlete: &'a Athlete,
    pub time_zone: &'a TimeZone,
    pub aliases: &'a Aliases,
    pub activities: &'a [Activity],
    pub lifts: &'a [StrengthSession],
}

/// Whether an activity was high-intensity intervals, and why: from its samples (time at or above
/// [`hiit_hr_max_fraction`] of `hr_max_bpm`), else its session RPE; `None` when neither says.
/// An average heart rate alone cannot tell intervals from a steady run, so it decides nothing.
pub fn hiit_of(a: &Activity, hr_max_bpm: f64) -> (Option<bool>, String) {
    if a.samples.iter().any(|s| s.hr_bpm.is_some()) && hr_max_bpm > 0.0 {
        let hard_bpm = hiit_hr_max_fraction() * hr_max_bpm;
        let mut hard_s = 0u32;
        for (i, s) in a.samples.iter().enumerate() {
            let Some(hr) = s.hr_bpm else { continue };
            let held = match a.samples.get(i + 1) {
                Some(next) => next
                    .offset_s
                    .saturating_sub(s.offset_s)
                    .min(crate::hr_zones::MAX_SAMPLE_GAP_S),
                None => 1,
            };
            if f64::from(hr) >= hard_bpm {
                hard_s = hard_s.saturating_add(held);
            }
        }
        let hiit = hard_s >= HIIT_MIN_HARD_S;
        return (
            Some(hiit),
            format!(
                "{:.1} min at ≥ {:.0} bpm ({:.0}% of HRmax){}",
                f64::from(hard_s) / 60.0,
                hard_bpm,
                hiit_hr_max_fraction() * 100.0,
                if hiit { ": HIIT" } else { ": not HIIT" }
            ),
        );
    }
    if let Some(rpe) = a.rpe.filter(|r| r.is_finite()) {
        let hiit = rpe >= hiit_min_rpe();
        return (
            Some(hiit),
            format!(
                "session RPE {rpe}{}",
                if hiit { ": HIIT" } else { ": not HIIT" }
            ),
        );
    }
    (
        None,
        "no heart-rate samples or RPE: cannot tell whether it was HIIT".into(),
    )
}

#[derive(Debug, Clone)]
struct LiftSeen {
    start: Timestamp,
    end: Timestamp,
    date: Date,
    legs: Legs,
    heaviness: LoadLevel,
}

#[derive(Debug, Clone)]
struct CardioSeen<'a> {
    activity: &'a Activity,
    start: Timestamp,
    date: Date,
    minutes: f64,
}

impl CardioSeen<'_> {
    fn is_run(&self) -> bool {
        self.activity.sport == Sport::Run
    }
    fn is_non_impact(&self) -> bool {
        matches!(
            self.activity.sport,
            Sport::Cycle | Sport::Elliptical | Sport::Swim | Sport::Row
        )
    }
    /// Sports where HIIT is possible (not walking or hiking).
    fn may_be_hiit(&self) -> bool {
        !matches!(self.activity.sport, Sport::Walk | Sport::Hike)
    }
}

fn hours(from: Timestamp, to: Timestamp) -> f64 {
    to.duration_since(from).as_secs_f64() / 3600.0
}

/// The log's sessions read once: lifts as the advisor reads them, cardio by local date.
struct Seen<'a> {
    lifts: BTreeMap<Date, Vec<LiftSeen>>,
    cardio: BTreeMap<Date, Vec<CardioSeen<'a>>>,
    all_cardio: Vec<CardioSeen<'a>>,
    hr_max: f64,
}

impl<'a> Seen<'a> {
    fn new(log: &TagLog<'a>) -> Seen<'a> {
        let date = |t: Timestamp| log.time_zone.to_datetime(t).date();
        let mut status = crate::status::Status::empty(Timestamp::UNIX_EPOCH, log.time_zone.clone());
        status.aliases = log.aliases.clone();
        let mut lifts: BTreeMap<Date, Vec<LiftSeen>> = BTreeMap::new();
        for s in log.lifts {
            let minutes = crate::load::lift_minutes(s).clamp(0.0, 600.0);
            let end = s
                .started_at
                .checked_add(crate::time::seconds(minutes * 60.0))
                .unwrap_or(s.started_at);
            let mut input = LiftInput::from_session(s);
            input.ended_at = Some(end);
            let read = crate::advice::context::read_lift(&input, end, log.athlete, Some(&status));
            lifts.entry(date(s.started_at)).or_default().push(LiftSeen {
                start: s.started_at,
                end,
                date: date(s.started_at),
                legs: read.legs,
                heaviness: read.heaviness,
            });
        }
        for day in lifts.values_mut() {
            day.sort_by_key(|l| l.start);
        }
        let mut all_cardio: Vec<CardioSeen<'a>> = log
            .activities
            .iter()
            .map(|a| CardioSeen {
                activity: a,
                start: a.started_at,
                date: date(a.started_at),
                minutes: if a.timer_s > 0.0 {
                    a.timer_s
                } else {
                    a.elapsed_s.max(0.0)
                } / 60.0,
            })
            .collect();
        all_cardio.sort_by_key(|c| c.start);
        let mut cardio: BTreeMap<Date, Vec<CardioSeen<'a>>> = BTreeMap::new();
        for c in &all_cardio {
            cardio.entry(c.date).or_default().push(c.clone());
        }
        Seen {
            lifts,
            cardio,
            all_cardio,
            hr_max: crate::science::heart::hr_max(
                log.athlete,
                crate::science::heart::HrMaxFormula::default(),
            ),
        }
    }

    fn lifts_on(&self, d: Date) -> &[LiftSeen] {
        self.lifts.get(&d).map_or(&[], Vec::as_slice)
    }

    fn runs_on(&self, d: Date) -> Vec<&CardioSeen<'a>> {
        self.cardio
            .get(&d)
            .map(|v| v.iter().filter(|c| c.is_run()).collect())
            .unwrap_or_default()
    }

    /// The first run that starts after one of `lifts` began and within [`RIGHT_AFTER_H`] of its end.
    fn run_right_after<'s>(
        &'s self,
        lifts: &'s [LiftSeen],
    ) -> Option<(&'s CardioSeen<'a>, &'s LiftSeen)> {
        let d = lifts.first()?.date;
        self.runs_on(d).into_iter().find_map(|r| {
            lifts
                .iter()
                .find(|l| r.start >= l.start && hours(l.end, r.start) <= RIGHT_AFTER_H)
                .map(|l| (r, l))
        })
    }
}

fn min_text(m: f64) -> String {
    format!("{m:.0} min")
}

fn hours_text(h: f64) -> String {
    if h < 0.0 {
        "before".into()
    } else if h < 1.0 {
        format!("{:.0} min", h * 60.0)
    } else {
        format!("{h:.1} h")
    }
}

fn tag(date: Date, comparison: Comparison, observed: Observed, reason: String) -> DayTag {
    DayTag {
        date,
        observed,
        strategy: observed.arm().map(|a| comparison.strategy(a)),
        reason,
    }
}

/// Tags each day from `from` to `to` (inclusive, local dates; at most [`MAX_TAG_DAYS`]) with the arm of
/// `comparison` the log shows was followed. Per comparison:
///
/// - **run after lift / separate day**: no lift → not applicable; a run starting within
///   [`RIGHT_AFTER_H`] of a lift's end → A; no run that day and the next day's run on a day without
///   lifting → B; a run the same day but not straight after (before the lift, or hours later), or no run
///   that day or the next → neither.
/// - **lift / run first**: not applicable unless the day has a lift and a run; every run after the first
///   lift began → A; every run before it → B; runs on both sides → neither.
/// - **cycle / run after legs**: not applicable without a leg day (the advisor's reading of the exercises:
///   a substantial share of leg work; a session whose unreadable names could have made it one cannot be
///   judged); non-impact cardio only after the leg session → A; running only → B; both, or no cardio
///   after it → neither.
/// - **15 / 30-minute post-lift run**: not applicable without a run straight after a lift; its moving time
///   from [`POST_LIFT_MIN_MINUTES`] to [`POST_LIFT_SPLIT_MINUTES`] → A, to [`POST_LIFT_MAX_MINUTES`] → B,
///   else neither.
/// - **HIIT 6 h / 24 h**: not applicable without a heavy lift, after heavy legs (HIIT waits 36 h
///   whichever arm), without HIIT in the [`HIIT_WINDOW_H`] after it, or when a session before the first
///   HIIT cannot be judged ([`hiit_of`]: no heart-rate samples or RPE); HIIT [`HIIT_GAP_SHORT_H`] to
///   [`HIIT_GAP_SHORT_END_H`] after → A, at least [`HIIT_GAP_LONG_H`] → B, sooner than 6 h or between
///   the arms (16–24 h) → neither.
pub fn tag_days(comparison: Comparison, log: &TagLog<'_>, from: Date, to: Date) -> Vec<DayTag> {
    let seen = Seen::new(log);
    let mut out = Vec::new();
    let mut d = from;
    let mut n = 0;
    while d <= to && n < MAX_TAG_DAYS {
        out.push(tag_day(comparison, &seen, d));
        n += 1;
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

fn tag_day(comparison: Comparison, seen: &Seen<'_>, d: Date) -> DayTag {
    let lifts = seen.lifts_on(d);
    let na = |reason: &str| tag(d, comparison, Observed::NotApplicable, reason.to_string());
    let followed = |arm: Arm, reason: String| tag(d, comparison, Observed::Followed(arm), reason);
    let neither = |reason: String| tag(d, comparison, Observed::Neither, reason);
    match comparison {
        Comparison::RunAfterLiftOrSeparateDay => {
            if lifts.is_empty() {
                return na("no lift that day");
            }
            if let Some((run, lift)) = seen.run_right_after(lifts) {
                return followed(
                    Arm::A,
                    format!(
                        "ran {} after the lift ended",
                        hours_text(hours(lift.end, run.start).max(0.0))
                    ),
                );
            }
            let runs = seen.runs_on(d);
            if let Some(run) = runs.first() {
                let first_lift = &lifts[0];
                let why = if run.start < first_lift.start {
                    "ran before lifting, the same day".to_string()
                } else {
                    let last_before = lifts
                        .iter()
                        .rfind(|l| l.start <= run.start)
                        .unwrap_or(first_lift);
                    format!(
                        "ran the same day, {} after lifting: not straight after, not another day",
                        hours_text(hours(last_before.end, run.start))
                    )
                };
                return neither(why);
            }
            let Ok(next) = d.tomorrow() else {
                return na("no next day");
            };
            if seen.runs_on(next).is_empty() {
                return neither("lifted without running, and no run the next day".into());
            }
            if !seen.lifts_on(next).is_empty() {
                return neither(
                    "no run on the lift day; the next day's run was on a lifting day too".into(),
                );
            }
            followed(
                Arm::B,
                "no run on the lift day; ran the next day, without lifting".into(),
            )
        }
        Comparison::LiftOrRunFirst => {
            let runs = seen.runs_on(d);
            if lifts.is_empty() || runs.is_empty() {
                return na("not a day with both a lift and a run");
            }
            let first_lift = lifts[0].start;
            let before = runs.iter().filter(|r| r.start < first_lift).count();
            let after = runs.len() - before;
            match (before, after) {
                (0, _) => followed(Arm::A, "lifted first, ran after".into()),
                (_, 0) => followed(Arm::B, "ran first, lifted after".into()),
                _ => neither("ran both before and after lifting".into()),
            }
        }
        Comparison::CycleOrRunAfterLegs => {
            let Some(legs) = lifts.iter().find(|l| l.legs == Legs::Yes) else {
                if lifts.iter().any(|l| l.legs == Legs::Unknown) {
                    return na(
                        "some exercise names could not be read: cannot tell whether it was a leg day",
                    );
                }
                return na("no leg day");
            };
            let after: Vec<&CardioSeen<'_>> = seen
                .cardio
                .get(&d)
                .map(|v| v.iter().filter(|c| c.start >= legs.start).collect())
                .unwrap_or_default();
            let ran = after.iter().any(|c| c.is_run());
            let rode = after.iter().any(|c| c.is_non_impact());
            match (rode, ran) {
                (true, false) => followed(
                    Arm::A,
                    "non-impact cardio after the leg session, no running".into(),
                ),
                (false, true) => followed(Arm::B, "ran after the leg session".into()),
                (true, true) => neither("both cycled and ran after the leg session".into()),
                (false, false) => neither("no cardio after the leg session".into()),
            }
        }
        Comparison::PostLiftRun15Or30 => {
            if lifts.is_empty() {
                return na("no lift that day");
            }
            let Some((run, _)) = seen.run_right_after(lifts) else {
                return na("no run straight after lifting");
            };
            let m = run.minutes;
            if (POST_LIFT_MIN_MINUTES..POST_LIFT_SPLIT_MINUTES).contains(&m) {
                followed(
                    Arm::A,
                    format!("the run after lifting lasted {}", min_text(m)),
                )
            } else if (POST_LIFT_SPLIT_MINUTES..POST_LIFT_MAX_MINUTES).contains(&m) {
                followed(
                    Arm::B,
                    format!("the run after lifting lasted {}", min_text(m)),
                )
            } else {
                neither(format!(
                    "the run after lifting lasted {}: neither about 15 nor about 30",
                    min_text(m)
                ))
            }
        }
        Comparison::HiitGap6hOr24h => {
            let Some(heavy) = lifts.iter().rev().find(|l| l.heaviness == LoadLevel::Heavy) else {
                return na("no heavy lift that day");
            };
            if heavy.legs != Legs::No {
                return na(
                    "heavy legs (or a session that may have been): HIIT waits 36 h whichever arm",
                );
            }
            let from = seen.all_cardio.partition_point(|c| c.start < heavy.start);
            for c in seen.all_cardio[from..].iter().filter(|c| c.may_be_hiit()) {
                let gap = hours(heavy.end, c.start);
                if gap > HIIT_WINDOW_H {
                    break;
                }
                let (hiit, why) = hiit_of(c.activity, seen.hr_max);
                match hiit {
                    None => {
                        return na(&format!(
                            "the {} {} after the heavy lift: {why}",
                            c.activity.sport.as_str(),
                            hours_text(gap.max(0.0))
                        ));
                    }
                    Some(false) => continue,
                    Some(true) => {
                        let at = format!(
                            "HIIT ({} {}, {why}) {} after heavy lifting",
                            c.activity.sport.as_str(),
                            min_text(c.minutes),
                            hours_text(gap.max(0.0))
                        );
                        return if gap < HIIT_GAP_SHORT_H {
                            neither(format!("{at}: sooner than either arm allows"))
                        } else if gap < HIIT_GAP_SHORT_END_H {
                            followed(Arm::A, at)
                        } else if gap < HIIT_GAP_LONG_H {
                            neither(format!(
                                "{at}: between the arms (neither within 16 h nor a whole day)"
                            ))
                        } else {
                            followed(Arm::B, at)
                        };
                    }
                }
            }
            na("no HIIT in the 48 h after the heavy lift")
        }
    }
}

/// The ISO weeks (Monday start) of `days`, each tagged with the arm at least [`WEEK_MAJORITY`] of its
/// applicable days followed; a week without applicable days is not applicable, any other mix `neither`.
pub fn tag_weeks(comparison: Comparison, days: &[DayTag]) -> Vec<WeekTag> {
    let mut weeks: BTreeMap<Date, [u32; 4]> = BTreeMap::new();
    for t in days {
        let offset = i64::from(t.date.weekday().to_monday_zero_offset());
        let start = t
            .date
            .checked_sub(Span::new().days(offset))
            .unwrap_or(t.date);
        let c = weeks.entry(start).or_default();
        let k = match t.observed {
            Observed::Followed(Arm::A) => 0,
            Observed::Followed(Arm::B) => 1,
            Observed::Neither => 2,
            Observed::NotApplicable => 3,
        };
        c[k] += 1;
    }
    weeks
        .into_iter()
        .map(|(week_start, [a, b, neither, na])| {
            let applicable = a + b + neither;
            let share = |n: u32| f64::from(n) / f64::from(applicable.max(1));
            let observed = if applicable == 0 {
                Observed::NotApplicable
            } else if share(a) >= WEEK_MAJORITY {
                Observed::Followed(Arm::A)
            } else if share(b) >= WEEK_MAJORITY {
                Observed::Followed(Arm::B)
            } else {
                Observed::Neither
            };
            let reason = if applicable == 0 {
                "no day of the week to judge".to_string()
            } else {
                format!(
                    "{a} day(s) followed A ({}), {b} B ({}), {neither} neither, of {applicable} to judge",
                    comparison.strategy(Arm::A).short(),
                    comparison.strategy(Arm::B).short()
                )
            };
            WeekTag {
                week_start,
                observed,
                strategy: observed.arm().map(|x| comparison.strategy(x)),
                followed_a: a,
                followed_b: b,
                neither,
                not_applicable: na,
                reason,
            }
        })
        .collect()
}

/// A day the log shows did not follow the arm scheduled for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagDeviation {
    pub date: Date,
    pub scheduled: Arm,
    pub observed: Observed,
    pub reason: String,
}

/// How well the log followed a schedule of arms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagAdherence {
    /// Days with a scheduled arm that the comparison could judge (not `not_applicable`).
    pub applicable: u32,
    /// Of those, the days that followed the scheduled arm.
    pub followed: u32,
    /// `followed / applicable`; absent without applicable days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// The applicable days that did not follow the scheduled arm, in date order.
    pub deviations: Vec<TagDeviation>,
}

/// Adherence to a schedule: `scheduled(date)` is the arm planned for that day (`None`: outside the
/// experiment). Not-applicable days count for neither side.
pub fn adherence(tags: &[DayTag], scheduled: impl Fn(Date) -> Option<Arm>) -> TagAdherence {
    let mut applicable = 0u32;
    let mut followed = 0u32;
    let mut deviations = Vec::new();
    for t in tags {
        let Some(arm) = scheduled(t.date) else {
            continue;
        };
        if !t.observed.is_applicable() {
            continue;
        }
        applicable += 1;
        if t.observed == Observed::Followed(arm) {
            followed += 1;
        } else {
            deviations.push(TagDeviation {
                date: t.date,
                scheduled: arm,
                observed: t.observed,
                reason: t.reason.clone(),
            });
        }
    }
    TagAdherence {
        applicable,
        followed,
        share: (applicable > 0).then(|| f64::from(followed) / f64::from(applicable)),
        deviations,
    }
}

/// The days the log shows followed an arm, for the analysis (`(date, arm)`; `neither` and
/// `not_applicable` days are left out).
pub fn followed_arms(tags: &[DayTag]) -> Vec<(Date, Arm)> {
    tags.iter()
        .filter_map(|t| Some((t.date, t.observed.arm()?)))
        .collect()
}

/// Each judged day's adherence to the schedule as a daily series (0–1): 1 when the day followed the
/// scheduled arm, 0 when it followed the other or neither; days without a scheduled arm or that the
/// comparison cannot judge are left out.
pub fn daily_adherence(
    tags: &[DayTag],
    scheduled: impl Fn(Date) -> Option<Arm>,
) -> Vec<(Date, f64)> {
    tags.iter()
        .filter(|t| t.observed.is_applicable())
        .filter_map(|t| {
            let arm = scheduled(t.date)?;
            Some((
                t.date,
                if t.observed == Observed::Followed(arm) {
                    1.0
                } else {
                    0.0
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_are_stable() {
        let names: Vec<String> = Strategy::ALL
            .iter()
            .map(|s| serde_json::to_string(s).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "\"run_after_lift\"",
                "\"run_separate_day\"",
                "\"lift_first\"",
                "\"run_first\"",
                "\"cycle_after_legs\"",
                "\"run_after_legs\"",
                "\"post_lift_run_15\"",
                "\"post_lift_run_30\"",
                "\"hiit_gap_6h\"",
                "\"hiit_gap_24h\"",
            ]
        );
        for s in Strategy::ALL {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.code())
            );
            assert_eq!(s.code().parse::<Strategy>(), Ok(s));
            assert_eq!(s.comparison().strategy(s.arm()), s);
            assert_ne!(s.other(), s);
            assert!(s.tag().starts_with("experiment: "));
        }
        for c in Comparison::ALL {
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.code())
            );
            assert_eq!(c.code().parse::<Comparison>(), Ok(c));
            assert_eq!(c.arms()[0].arm(), Arm::A);
            assert_eq!(c.arms()[1].arm(), Arm::B);
        }
        assert_eq!(
            serde_json::to_string(&Observed::Followed(Arm::A)).unwrap(),
            r#"{"status":"followed","arm":"a"}"#
        );
        assert_eq!(
            serde_json::to_string(&Observed::NotApplicable).unwrap(),
            r#"{"status":"not_applicable"}"#
        );
    }
}
