//! What may follow a lift, and when: the source text's interference rules, decided once.
//!
//! Both the advisor ([`crate::advice`]: "I just lifted — may I run?") and the week planner
//! ([`crate::plan`]: "where may this run go in the week?") ask this module, so the two never disagree: a
//! session the planner places `h` hours after a lift is one the advisor, asked at that moment about the same
//! lift, lets go ahead (`tests/plan_agrees_with_advice.rs` holds them to it).
//!
//! The science, in one table ([`limits`]): each row is a limit a lift puts on what follows, in force until
//! some hours after the lift's end.
//!
//! | after the lift | on what follows | until | source |
//! |---|---|---|---|
//! | heavy, legs | tempo, intervals, races: wait | 36 h | "avoid HIIT immediately after a heavy strength session, particularly leg training … perform it on a separate day"; running economy impaired 24–48 h (Doma 2019) |
//! | heavy, no legs | tempo, intervals, races: wait | 6 h | "a separate day or with at least 6–8 hours of recovery" |
//! | moderate, legs | tempo, intervals, races: wait | 8 h | the upper end of 6–8 h after leg work ("high-intensity cardio immediately after a heavy leg workout is more likely to interfere") |
//! | light or moderate, strength/hypertrophy goal | tempo, intervals, races: wait | 6 h | "separating your cardio sessions from your strength workouts by several hours"; 0 h vs 6 h (Robineau 2016) |
//! | heavy, legs | long run: wait | 36 h | long runs on depleted glycogen and tired legs belong on a separate day |
//! | heavy upper, or moderate (any region); not endurance | long run: wait | 6 h | the same |
//! | heavy upper / moderate legs; endurance | long run: wait | 6 h / 8 h | "your running volume and intensity should be prioritized": key runs done fresh |
//! | heavy, legs | any running: none (non-impact instead) | 12 h | "after a leg day, opt for very low-intensity cardio or choose a non-impact modality" |
//! | heavy, legs | running: very easy at most | 24 h | the same, the day after |
//! | moderate, legs | running: very easy at most | 8 h | the same |
//! | any, strength/hypertrophy goal | any cardio: low, ≤ 20 min | 6 h | "if you must combine, keep post-workout cardio low-intensity and short" |
//! | any, general fitness/fat loss | any cardio: moderate, ≤ 30 min | 6 h | "combining low to moderate intensity running after strength training … 15–30 minutes" |
//! | any, endurance | easy run: low, ≤ 45 min | 6 h | easy volume counts; keep it conversational |
//!
//! Unknown legs (an exercise afterlift could not read that might have been a leg exercise) count as legs:
//! the cautious reading. For endurance athletes, light and moderate upper-body work limits nothing: "the
//! 6–8 h rule is for heavy lifting", and their running comes first.
//!
//! Pure and total: every input gives an answer, nothing panics.

use crate::athlete::Goal;
use crate::contract::{Intensity, LoadLevel, PlannedKind, RunKind};

/// Hours between heavy lifting and hard running: "at least 6–8 hours of recovery between sessions".
pub const HARD_RUN_SEPARATION_H: f64 = 6.0;
/// Stricter after leg training: the upper end of the source text's 6–8 h.
pub const HARD_RUN_SEPARATION_AFTER_LEGS_H: f64 = 8.0;
/// After heavy legs, hard and long running move to another day — not the next one: running economy stays
/// impaired for 24–48 h after lower-body resistance exercise (Doma et al. 2019, Sports Med Open 5:19; Doma &
/// Deakin 2013), and leg performance was back to baseline at 48 h but not 24 h (McLester 2003). 36 h, the middle
/// of that window, is also where the muscle model ([`crate::fatigue`]) has a heavy leg day (≈ 5 units) back to
/// the 75 % it wants before hard running: 24 h · ln(5 / 1.15) = 35 h. An evening session's intervals go to
/// the morning after next.
pub const HARD_AFTER_HEAVY_LEGS_H: f64 = 36.0;
/// "Another day": the day after, for the milder limits (very easy running after heavy legs).
pub const ANOTHER_DAY_H: f64 = 24.0;
/// No running for the rest of the day after heavy legs (12 h: an evening session's night and morning
/// start again): "after a leg day … choose a non-impact modality like cycling or elliptical".
pub const NO_RUN_AFTER_HEAVY_LEGS_H: f64 = 12.0;
/// After moderate leg work, running stays very easy for the upper end of the source text's 6–8 h — the same
/// hours hard running waits ([`HARD_RUN_SEPARATION_AFTER_LEGS_H`]).
pub const VERY_EASY_AFTER_LEGS_H: f64 = 8.0;
/// "Post-workout": within this many hours of lifting a run is the combined session the source text's
/// goal advice is about; later it is a separate session (the lower end of the 6–8 h).
pub const POST_WORKOUT_H: f64 = 6.0;
/// The post-lift run the source text calls "generally the safest": LISS, 15–30 minutes.
pub const LISS_MINUTES: (u32, u32) = (15, 30);
/// "If you must combine, keep post-workout cardio low-intensity and short" (strength/hypertrophy goals).
pub const MUSCLE_FIRST_MAX_MINUTES: u32 = 20;
/// Easy running an endurance athlete may add after lifting (their running volume is the priority).
pub const ENDURANCE_EASY_MAX_MINUTES: u32 = 45;

/// Whether the lift trained the legs, as far as afterlift can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legs {
    No,
    Yes,
    /// Names afterlift could not read might have been leg exercises: treated as legs, to be safe.
    Unknown,
}

/// The lift, as the interference rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LiftKind {
    pub heaviness: LoadLevel,
    pub legs: Legs,
}

impl LiftKind {
    /// Legs trained, or possibly trained.
    pub fn legs(self) -> bool {
        self.legs != Legs::No
    }
    pub fn heavy(self) -> bool {
        self.heaviness == LoadLevel::Heavy
    }
    pub fn heavy_legs(self) -> bool {
        self.heavy() && self.legs()
    }
}

/// What follows the lift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Next {
    Easy,
    Long,
    Tempo,
    Intervals,
    /// A race or a match.
    Race,
    /// Cycling, elliptical, swimming, rowing.
    NonImpact,
}

impl Next {
    pub fn is_run(self) -> bool {
        self != Next::NonImpact
    }
    /// Tempo, intervals and competitions: the hard sessions kept 6–8 h or a day away from heavy lifting.
    pub fn is_hard(self) -> bool {
        matches!(self, Next::Tempo | Next::Intervals | Next::Race)
    }
    /// The intensity the session is done at, as planned.
    pub fn intensity(self) -> Intensity {
        match self {
            Next::Easy | Next::Long | Next::NonImpact => Intensity::Low,
            Next::Tempo => Intensity::Moderate,
            Next::Intervals | Next::Race => Intensity::High,
        }
    }
    pub fn from_planned(kind: PlannedKind) -> Option<Next> {
        match kind {
            PlannedKind::None => None,
            PlannedKind::Easy => Some(Next::Easy),
            PlannedKind::Long => Some(Next::Long),
            PlannedKind::Tempo => Some(Next::Tempo),
            PlannedKind::Intervals => Some(Next::Intervals),
        }
    }
    pub fn from_run(kind: RunKind) -> Next {
        match kind {
            RunKind::Easy => Next::Easy,
            RunKind::Long => Next::Long,
            RunKind::Tempo => Next::Tempo,
            RunKind::Intervals => Next::Intervals,
        }
    }
}

/// What a limit allows while it is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// The session, as planned, waits until the limit ends.
    Wait,
    /// No running; non-impact cardio at most low intensity.
    NoRunning,
    /// Running at most this intensity.
    RunAtMost(Intensity),
    /// Any cardio at most this intensity and this long.
    AtMost { intensity: Intensity, minutes: u32 },
}

/// The rules of the table, with the stable codes the advisor's reasons and the planner's unmet sessions use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    HiitAfterHeavyLegs,
    HiitAfterHeavyLift,
    HardRunAfterLegs,
    InterferenceSeparation,
    LongRunAfterLift,
    EnduranceKeyRunFresh,
    LegsNonImpact,
    LegsVeryLow,
    MuscleFirstShortEasy,
    GeneralCombineLiss,
    EnduranceEasyVolume,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::HiitAfterHeavyLegs => "hiit_after_heavy_legs",
            Rule::HiitAfterHeavyLift => "hiit_after_heavy_lift",
            Rule::HardRunAfterLegs => "hard_run_after_legs",
            Rule::InterferenceSeparation => "interference_separation",
            Rule::LongRunAfterLift => "long_run_after_lift",
            Rule::EnduranceKeyRunFresh => "endurance_key_run_fresh",
            Rule::LegsNonImpact => "legs_non_impact",
            Rule::LegsVeryLow => "legs_very_low",
            Rule::MuscleFirstShortEasy => "muscle_first_short_easy",
            Rule::GeneralCombineLiss => "general_combine_liss",
            Rule::EnduranceEasyVolume => "endurance_easy_volume",
        }
    }

    /// The principle behind the rule, from the source text or the study.
    pub fn principle(self) -> &'static str {
        match self {
            Rule::HiitAfterHeavyLegs => {
                "Avoid HIIT immediately after a heavy strength session, particularly leg training: the combined stress is too high, increasing injury risk and the potential for overtraining. Running economy stays impaired 24–48 h after heavy leg work (Doma 2019)."
            }
            Rule::HiitAfterHeavyLift => {
                "Avoid HIIT immediately after a heavy strength session; do it on a separate day or with at least 6–8 hours of recovery between sessions."
            }
            Rule::HardRunAfterLegs => {
                "High-intensity cardio immediately after a leg workout is the combination most likely to interfere; keep 6–8 hours or a day between them."
            }
            Rule::InterferenceSeparation => {
                "For strength or hypertrophy, separate hard cardio from lifting by several hours: strength gains were smaller with 0 h than with 6 h between them (Robineau 2016)."
            }
            Rule::LongRunAfterLift => {
                "Long-duration cardio right after lifting adds a large load on depleted glycogen and tired muscles; it interferes with strength and hypertrophy and is better on a separate day."
            }
            Rule::EnduranceKeyRunFresh => {
                "Endurance focus: your running volume and intensity come first. Do key runs fresh — before lifting or on another day — and keep heavy lifting from compromising them."
            }
            Rule::LegsNonImpact | Rule::LegsVeryLow => {
                "After a leg day, opt for very low-intensity cardio or a non-impact modality like cycling or elliptical; running on fatigued legs compromises form and raises injury risk."
            }
            Rule::MuscleFirstShortEasy => {
                "Strength/hypertrophy focus: separate cardio from lifting by several hours or on its own days; if you must combine, keep post-workout cardio low-intensity and short. Running interfered with strength and hypertrophy gains more than cycling (Wilson 2012)."
            }
            Rule::GeneralCombineLiss => {
                "For general fitness or fat loss, low-to-moderate intensity running after strength training is effective and time-efficient; 15–30 minutes is the sweet spot."
            }
            Rule::EnduranceEasyVolume => {
                "Endurance focus: easy running volume is the base of your training; after lifting, keep it conversational."
            }
        }
    }
}

/// One limit of the table: `effect` holds until `until_h` hours after the lift's end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub rule: Rule,
    pub until_h: f64,
    pub effect: Effect,
}

impl Limit {
    /// Whether this limit keeps `next`, planned for `minutes`, from being done as planned while in force:
    /// a wait, no running for a run, or — for a key session (long, tempo, intervals, a race) — any cap
    /// below its intensity or length, as a key session done easier or shorter is another session. An easy
    /// run or non-impact cardio is only made easier or shorter.
    pub fn blocks(&self, next: Next, minutes: u32) -> bool {
        let key = next == Next::Long || next.is_hard();
        match self.effect {
            Effect::Wait => true,
            Effect::NoRunning => next.is_run(),
            Effect::RunAtMost(cap) => next.is_run() && key && cap < next.intensity(),
            Effect::AtMost {
                intensity: cap,
                minutes: m,
            } => key && (cap < next.intensity() || m < minutes),
        }
    }
}

/// Every limit `lift` puts on `next` for an athlete with `goal`, whatever the hours since: the table in
/// the module documentation. In the order the advisor shows their reasons: waits first, then the legs,
/// then the goal.
pub fn limits(lift: LiftKind, next: Next, goal: Goal) -> Vec<Limit> {
    let mut out = Vec::new();
    let mut push = |rule, until_h, effect| {
        out.push(Limit {
            rule,
            until_h,
            effect,
        })
    };
    let heavy = lift.heavy();
    let legs = lift.legs();
    let moderate = lift.heaviness == LoadLevel::Moderate;

    if next.is_hard() {
        match (lift.heaviness, legs) {
            (LoadLevel::Heavy, true) => push(
                Rule::HiitAfterHeavyLegs,
                HARD_AFTER_HEAVY_LEGS_H,
                Effect::Wait,
            ),
            (LoadLevel::Heavy, false) => push(
                Rule::HiitAfterHeavyLift,
                HARD_RUN_SEPARATION_H,
                Effect::Wait,
            ),
            (LoadLevel::Moderate, true) => push(
                Rule::HardRunAfterLegs,
                HARD_RUN_SEPARATION_AFTER_LEGS_H,
                Effect::Wait,
            ),
            _ if goal.is_muscle_first() => push(
                Rule::InterferenceSeparation,
                HARD_RUN_SEPARATION_H,
                Effect::Wait,
            ),
            _ => {}
        }
    }
    if next == Next::Long {
        if heavy && legs {
            push(
                Rule::LongRunAfterLift,
                HARD_AFTER_HEAVY_LEGS_H,
                Effect::Wait,
            );
        } else if goal == Goal::Endurance {
            if heavy {
                push(
                    Rule::EnduranceKeyRunFresh,
                    HARD_RUN_SEPARATION_H,
                    Effect::Wait,
                );
            } else if moderate && legs {
                push(
                    Rule::EnduranceKeyRunFresh,
                    HARD_RUN_SEPARATION_AFTER_LEGS_H,
                    Effect::Wait,
                );
            }
        } else if heavy || moderate {
            push(Rule::LongRunAfterLift, HARD_RUN_SEPARATION_H, Effect::Wait);
        }
    }
    if next.is_run() && legs {
        match lift.heaviness {
            LoadLevel::Heavy => {
                push(
                    Rule::LegsNonImpact,
                    NO_RUN_AFTER_HEAVY_LEGS_H,
                    Effect::NoRunning,
                );
                push(
                    Rule::LegsVeryLow,
                    ANOTHER_DAY_H,
                    Effect::RunAtMost(Intensity::VeryLow),
                );
            }
            LoadLevel::Moderate => push(
                Rule::LegsVeryLow,
                VERY_EASY_AFTER_LEGS_H,
                Effect::RunAtMost(Intensity::VeryLow),
            ),
            LoadLevel::Light => {}
        }
    }
    match goal {
        Goal::Strength | Goal::Hypertrophy => push(
            Rule::MuscleFirstShortEasy,
            POST_WORKOUT_H,
            Effect::AtMost {
                intensity: Intensity::Low,
                minutes: MUSCLE_FIRST_MAX_MINUTES,
            },
        ),
        Goal::General | Goal::FatLoss => push(
            Rule::GeneralCombineLiss,
            POST_WORKOUT_H,
            Effect::AtMost {
                intensity: Intensity::Moderate,
                minutes: LISS_MINUTES.1,
            },
        ),
        Goal::Endurance if next == Next::Easy => push(
            Rule::EnduranceEasyVolume,
            POST_WORKOUT_H,
            Effect::AtMost {
                intensity: Intensity::Low,
                minutes: ENDURANCE_EASY_MAX_MINUTES,
            },
        ),
        Goal::Endurance => {}
    }
    out
}

/// The limits still in force `hours` after the lift (a negative or non-finite `hours` counts as 0).
pub fn in_force(lift: LiftKind, next: Next, goal: Goal, hours: f64) -> Vec<Limit> {
    let hours = if hours.is_finite() {
        hours.max(0.0)
    } else {
        0.0
    };
    limits(lift, next, goal)
        .into_iter()
        .filter(|l| hours < l.until_h)
        .collect()
}

/// What may be done `hours` after the lift, for a session planned as `next` lasting `minutes`.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The rule that keeps the session, as planned, from being done then (a wait, no running, or a cap
    /// below its intensity or length), if any.
    pub blocked_by: Option<Rule>,
    /// The highest intensity allowed for it then (at most its own).
    pub intensity: Intensity,
    /// The longest it may be then, if capped.
    pub max_minutes: Option<u32>,
    /// Every rule in force, for the reasons.
    pub rules: Vec<Rule>,
}

/// May `next`, planned for `minutes`, be done `hours` after `lift`? An easy run or non-impact cardio is
/// never blocked by a cap, only made easier or shorter; a long, tempo or interval run is blocked by
/// anything that would change it (a key session done at a lower intensity or shorter is another session).
pub fn check(lift: LiftKind, next: Next, goal: Goal, hours: f64, minutes: u32) -> Check {
    let limits = in_force(lift, next, goal, hours);
    let mut intensity = next.intensity();
    let mut max_minutes: Option<u32> = None;
    let mut blocked_by = None;
    for l in &limits {
        match l.effect {
            Effect::RunAtMost(cap) if next.is_run() => intensity = intensity.min(cap),
            Effect::AtMost {
                intensity: cap,
                minutes: m,
            } => {
                intensity = intensity.min(cap);
                max_minutes = Some(max_minutes.map_or(m, |x| x.min(m)));
            }
            _ => {}
        }
        if l.blocks(next, minutes) && blocked_by.is_none() {
            blocked_by = Some(l.rule);
        }
    }
    Check {
        blocked_by,
        intensity,
        max_minutes,
        rules: limits.iter().map(|l| l.rule).collect(),
    }
}

/// The first hour after the lift from which `next`, planned for `minutes`, may be done as planned: the
/// end of the last limit that blocks it.
pub fn ready_after_h(lift: LiftKind, next: Next, goal: Goal, minutes: u32) -> f64 {
    let mut ends: Vec<f64> = limits(lift, next, goal).iter().map(|l| l.until_h).collect();
    ends.push(0.0);
    ends.sort_by(f64::total_cmp);
    // Limits end at a handful of distinct hours: the answer is the smallest of them from which nothing blocks.
    ends.into_iter()
        .find(|&h| check(lift, next, goal, h, minutes).blocked_by.is_none())
        .unwrap_or(HARD_AFTER_HEAVY_LEGS_H)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lift(heaviness: LoadLevel, legs: Legs) -> LiftKind {
        LiftKind { heaviness, legs }
    }

    #[test]
    fn intervals_wait_36_h_after_heavy_legs_and_six_hours_after_heavy_upper() {
        let heavy_legs = lift(LoadLevel::Heavy, Legs::Yes);
        let heavy_upper = lift(LoadLevel::Heavy, Legs::No);
        for goal in Goal::ALL {
            // Monday evening's squats: not Tuesday evening (23 h), Wednesday morning (36 h).
            let c = check(heavy_legs, Next::Intervals, goal, 23.0, 25);
            assert_eq!(c.blocked_by, Some(Rule::HiitAfterHeavyLegs), "{goal:?}");
            assert!(
                check(heavy_legs, Next::Intervals, goal, 36.0, 25)
                    .blocked_by
                    .is_none()
            );
            assert_eq!(ready_after_h(heavy_legs, Next::Intervals, goal, 25), 36.0);
            assert_eq!(
                check(heavy_upper, Next::Tempo, goal, 5.9, 30).blocked_by,
                Some(Rule::HiitAfterHeavyLift)
            );
            assert_eq!(ready_after_h(heavy_upper, Next::Tempo, goal, 30), 6.0);
        }
    }

    #[test]
    fn unknown_legs_are_treated_as_legs() {
        let unknown = lift(LoadLevel::Heavy, Legs::Unknown);
        assert_eq!(
            check(unknown, Next::Intervals, Goal::General, 7.0, 25).blocked_by,
            Some(Rule::HiitAfterHeavyLegs)
        );
        assert_eq!(
            check(unknown, Next::Easy, Goal::General, 1.0, 20).blocked_by,
            Some(Rule::LegsNonImpact)
        );
    }

    #[test]
    fn after_heavy_legs_no_running_that_day_then_very_easy_until_the_next() {
        let l = lift(LoadLevel::Heavy, Legs::Yes);
        assert_eq!(
            check(l, Next::Easy, Goal::General, 10.0, 30).blocked_by,
            Some(Rule::LegsNonImpact)
        );
        let next_morning = check(l, Next::Easy, Goal::General, 12.0, 30);
        assert_eq!(next_morning.blocked_by, None);
        assert_eq!(next_morning.intensity, Intensity::VeryLow);
        assert_eq!(
            check(l, Next::Easy, Goal::General, 24.0, 30).intensity,
            Intensity::Low
        );
        // Non-impact cardio is never blocked.
        assert_eq!(
            check(l, Next::NonImpact, Goal::General, 0.0, 30).blocked_by,
            None
        );
    }

    #[test]
    fn endurance_runs_go_ahead_after_light_or_moderate_upper_body_work() {
        for heaviness in [LoadLevel::Light, LoadLevel::Moderate] {
            let upper = lift(heaviness, Legs::No);
            for next in [Next::Easy, Next::Long, Next::Tempo, Next::Intervals] {
                let c = check(upper, next, Goal::Endurance, 0.0, 60);
                assert_eq!(c.blocked_by, None, "{heaviness:?} {next:?}");
                assert_eq!(c.intensity, next.intensity(), "{heaviness:?} {next:?}");
            }
        }
        // Heavy lifting still waits 6 h, even for endurance.
        let heavy = lift(LoadLevel::Heavy, Legs::No);
        assert_eq!(
            check(heavy, Next::Long, Goal::Endurance, 2.0, 90).blocked_by,
            Some(Rule::EnduranceKeyRunFresh)
        );
    }

    #[test]
    fn muscle_first_goals_keep_post_workout_cardio_short_and_easy() {
        let l = lift(LoadLevel::Light, Legs::No);
        let c = check(l, Next::Easy, Goal::Hypertrophy, 0.5, 30);
        assert_eq!(c.blocked_by, None);
        assert_eq!(c.max_minutes, Some(MUSCLE_FIRST_MAX_MINUTES));
        assert_eq!(
            check(l, Next::Intervals, Goal::Strength, 3.0, 25).blocked_by,
            Some(Rule::InterferenceSeparation)
        );
        assert!(in_force(l, Next::Easy, Goal::Strength, POST_WORKOUT_H).is_empty());
    }

    #[test]
    fn more_hours_never_add_a_limit() {
        for heaviness in [LoadLevel::Light, LoadLevel::Moderate, LoadLevel::Heavy] {
            for legs in [Legs::No, Legs::Yes, Legs::Unknown] {
                for next in [
                    Next::Easy,
                    Next::Long,
                    Next::Tempo,
                    Next::Intervals,
                    Next::Race,
                    Next::NonImpact,
                ] {
                    for goal in Goal::ALL {
                        let l = lift(heaviness, legs);
                        let mut before = usize::MAX;
                        for h in 0..=40 {
                            let n = in_force(l, next, goal, f64::from(h)).len();
                            assert!(n <= before);
                            before = n;
                        }
                        assert!(in_force(l, next, goal, f64::NAN).len() >= before);
                    }
                }
            }
        }
    }
}
