//! The post-lift run's progression: from about 10 minutes for someone new to combining lifting and running
//! toward the 15–30 minutes of easy running the source text recommends after lifting, one step at a time,
//! and a ceiling on total weekly running that grows gradually.
//!
//! The source text: "If you're new to combining these modalities, start with short, low-intensity runs
//! (e.g., 10 minutes) and gradually increase duration as your body adapts", and "Listen to your body … If you
//! feel excessively drained, skip the run or reduce its intensity and duration."
//!
//! The decision for the next post-lift run:
//! - **step up** by [`STEP_MINUTES`] only when today's readiness is green *and* the last
//!   [`STEP_UP_AFTER_RUNS`] post-lift runs, at the current length or longer, felt at or below the intended
//!   effort;
//! - **hold** when readiness is amber, when a recent run felt harder than intended, or when there are not
//!   yet enough runs at the current length;
//! - **step back** one step when readiness is red, or when the last [`STEP_UP_AFTER_RUNS`] runs all felt
//!   harder than intended;
//! - **deload** after an amber or red week (`weekly_readiness`): one step back from the length reached
//!   before this week, for the whole week (see [`super::deload`]).
//!
//! Weekly volume: see [`WEEKLY_GROWTH_MAX`] and [`TWO_WEEK_GROWTH_MAX`], and [`weekly_plan_after`] for the
//! week after an amber or red one: half the last good week, not growth from the week that went wrong.

use jiff::Span;
use jiff::civil::Date;

use crate::advice::band;
use crate::advice::rules::{FIRST_RUNS_MINUTES, LISS_MINUTES, MUSCLE_FIRST_MAX_MINUTES};
use crate::athlete::Athlete;
use crate::contract::{
    Intensity, Modality, PostLiftRun, ProgressionDecision, ProgressionRequest, ProgressionResponse,
    ProgressionStage, ProgressionStep, ReadinessLevel, Reason, WeeklyVolume,
};

use super::deload::{self, DELOAD_VOLUME};

/// One step of the post-lift run, minutes. NHS Couch-to-5K builds continuous running in 5-minute steps
/// (20 → 25 minutes by weeks 5–6, 30 minutes by week 9); the source text's "e.g. 10 minutes" to its
/// "15–30 minutes" is three such steps.
pub const STEP_MINUTES: u32 = 5;

/// Step up after this many post-lift runs in a row at the current length felt at or below the intended
/// effort: one easy-feeling run can be a good day, two show the body has adapted ("gradually increase
/// duration as your body adapts"). With two or three post-lift runs a week that is about one step a week,
/// the pace of Couch-to-5K, which repeats each week's session three times before moving on.
pub const STEP_UP_AFTER_RUNS: usize = 2;

/// The most total weekly running may grow from one week to the next: 14 %, so that any two weeks compound
/// to at most 1.14² ≈ 1.30 ([`TWO_WEEK_GROWTH_MAX`]). Not the "10 % rule": a graded programme growing
/// 10 % a week did not prevent injuries better than a standard 8-week programme (Buist I et al. 2008,
/// Am J Sports Med 36:33, n = 532: 20.8 % vs 20.3 % injured, P = .90).
pub const WEEKLY_GROWTH_MAX: f64 = 1.14;

/// The most total weekly running may grow over two weeks: novice runners whose weekly distance grew more
/// than 30 % over two weeks had more distance-related injuries than those growing less than 10 %
/// (Nielsen RO et al. 2014, J Orthop Sports Phys Ther 44:739, n = 874: hazard ratio 1.59, 95 % CI
/// 0.96–2.66; no difference for injuries overall).
pub const TWO_WEEK_GROWTH_MAX: f64 = 1.30;

/// Weekly running anyone may start from, minutes: three first runs of [`FIRST_RUNS_MINUTES`], the
/// three-runs-a-week rhythm of Couch-to-5K. Growth limits apply from this floor up (a week with no running
/// cannot grow by a percentage).
pub const WEEKLY_FLOOR_MINUTES: u32 = 3 * FIRST_RUNS_MINUTES;

/// How many upcoming post-lift runs and weeks the answer lays out.
pub const LOOKAHEAD: u32 = 4;

const PROGRESS_PRINCIPLE: &str = "Progress gradually: if you're new to combining lifting and running, start with short, low-intensity runs (about 10 minutes) and increase duration as your body adapts; 15–30 minutes of easy running is the safest run after lifting.";
const LISTEN: &str = "Listen to your body: if you feel excessively drained, skip the run or reduce its intensity and duration.";
const DELOAD_PRINCIPLE: &str = "After an amber or red week, step back before building again: a deload week at about half the volume (Bosquet 2007: volume −41–60 %, intensity and frequency kept; Bell 2022, Rogerson 2024: deloads of 5–7 days that cut volume and effort), and the next weeks build on the last good week, not on the week that went wrong (Nielsen 2014: more than 30 % over two weeks went with more running injuries).";

/// Where the athlete is with the post-lift run, what the next run should be, the next steps if the runs
/// keep feeling as intended, and a ceiling for weekly running over the next weeks.
///
/// Runs dated after `request.today` are ignored; RPEs that are missing or not finite count as "not yet
/// shown to feel as intended". Never panics.
pub fn progression(athlete: &Athlete, request: &ProgressionRequest) -> ProgressionResponse {
    let target = target_minutes(athlete);
    let mut runs: Vec<&PostLiftRun> = request
        .recent_runs
        .iter()
        .filter(|r| r.date <= request.today)
        .collect();
    runs.sort_by_key(|r| r.date); // stable: same-day runs keep their given order
    let latest_first: Vec<&PostLiftRun> = runs.iter().rev().copied().collect();

    let mut reasons = Vec::new();
    let current = match latest_first.first() {
        Some(r) => snap(r.minutes, target),
        None if athlete.is_new_to_combining() || athlete.concurrent_weeks.is_none() => {
            // Not said counts as new here: starting short costs little.
            FIRST_RUNS_MINUTES
        }
        None => LISS_MINUTES.0.min(target),
    };

    let good = latest_first
        .iter()
        .take_while(|r| r.minutes >= current && felt_as_intended(r))
        .count();
    let recent_hard = latest_first
        .iter()
        .take(STEP_UP_AFTER_RUNS)
        .filter(|r| felt_harder(r))
        .count();
    let all_recent_hard =
        latest_first.len() >= STEP_UP_AFTER_RUNS && recent_hard == STEP_UP_AFTER_RUNS;

    // Last week's readiness, and the length reached before this week began (the deload steps back from
    // there, so that the week's own shorter runs do not step it back again and again).
    let last_week_flagged = deload::is_flagged(request.weekly_readiness.last().copied());
    let this_monday = request
        .today
        .checked_sub(Span::new().days(i64::from(request.today.weekday().to_monday_zero_offset())))
        .unwrap_or(request.today);
    let before_this_week = latest_first
        .iter()
        .find(|r| r.date < this_monday)
        .map_or(current, |r| snap(r.minutes, target));

    let (decision, next) = if latest_first.is_empty() {
        reasons.push(reason(
            "progression_start",
            PROGRESS_PRINCIPLE,
            format!(
                "No post-lift runs yet: start with {current} minutes, easy and conversational, and build from there."
            ),
        ));
        (ProgressionDecision::Start, current)
    } else if request.readiness == ReadinessLevel::Red {
        let back = step_back(current);
        reasons.push(reason(
            "step_back_red",
            LISTEN,
            format!(
                "Readiness is red today: skip the run or keep it very easy; the next post-lift run steps back to {back} minutes."
            ),
        ));
        (ProgressionDecision::StepBack, back)
    } else if all_recent_hard {
        let back = step_back(current);
        reasons.push(reason(
            "step_back_felt_hard",
            LISTEN,
            format!(
                "Your last {STEP_UP_AFTER_RUNS} post-lift runs felt harder than intended: step back to {back} minutes and slow down."
            ),
        ));
        (ProgressionDecision::StepBack, back)
    } else if last_week_flagged {
        let back = step_back(before_this_week).min(current);
        let level = request
            .weekly_readiness
            .last()
            .map_or("amber", |l| l.as_str());
        reasons.push(reason(
            "step_back_deload",
            DELOAD_PRINCIPLE,
            format!(
                "Last week's readiness was {level}: this week is a deload — the post-lift run steps back to {back} minutes (from {before_this_week}) and builds again from there next week."
            ),
        ));
        (ProgressionDecision::StepBack, back)
    } else if request.readiness == ReadinessLevel::Amber {
        reasons.push(reason(
            "hold_amber",
            LISTEN,
            format!(
                "Readiness is amber today: hold at {current} minutes; step up again on a green day."
            ),
        ));
        (ProgressionDecision::Hold, current)
    } else if recent_hard > 0 {
        reasons.push(reason(
            "hold_felt_hard",
            PROGRESS_PRINCIPLE,
            format!(
                "Your last post-lift run felt harder than intended: hold at {current} minutes until {STEP_UP_AFTER_RUNS} in a row feel as intended."
            ),
        ));
        (ProgressionDecision::Hold, current)
    } else if current >= target {
        reasons.push(reason(
            "at_target",
            target_principle(athlete),
            format!(
                "You are at {current} minutes, the target for your goal: keep it there; more running belongs on separate days."
            ),
        ));
        (ProgressionDecision::Hold, current)
    } else if good >= STEP_UP_AFTER_RUNS {
        let up = step_up(current, target);
        reasons.push(reason(
            "step_up",
            PROGRESS_PRINCIPLE,
            format!(
                "Your last {good} post-lift runs at {current} minutes or more felt as intended and readiness is green: the next one is {up} minutes."
            ),
        ));
        (ProgressionDecision::StepUp, up)
    } else {
        let more = STEP_UP_AFTER_RUNS - good;
        reasons.push(reason(
            "hold_need_runs",
            PROGRESS_PRINCIPLE,
            format!(
                "{more} more post-lift run(s) at {current} minutes that feel as intended, then step up by {STEP_MINUTES} minutes."
            ),
        ));
        (ProgressionDecision::Hold, current)
    };

    // The next sessions if each feels as intended: a step up after STEP_UP_AFTER_RUNS at a length.
    let mut next_sessions = Vec::new();
    let mut level = next;
    let mut at_level: usize = if decision == ProgressionDecision::Hold {
        good.min(STEP_UP_AFTER_RUNS)
    } else {
        0
    };
    for session in 1..=LOOKAHEAD {
        // The first is the decision just made; later ones step up after enough good runs at a length.
        if session > 1 && at_level >= STEP_UP_AFTER_RUNS && level < target {
            level = step_up(level, target);
            at_level = 0;
        }
        let intensity = if session == 1 && request.readiness == ReadinessLevel::Red {
            Intensity::VeryLow
        } else {
            Intensity::Low
        };
        next_sessions.push(ProgressionStep {
            session,
            minutes: level,
            intensity,
        });
        at_level += 1;
    }

    let next_weeks = weekly_plan_after(
        &request.weekly_minutes,
        &request.weekly_readiness,
        request.today,
        request.readiness == ReadinessLevel::Green,
    );
    reasons.push(weekly_reason(&next_weeks));
    if let Some(base) = last_good_week(&request.weekly_minutes, &request.weekly_readiness) {
        let spiked = request.weekly_minutes.last().copied().unwrap_or(0);
        reasons.push(reason(
            "weekly_deload",
            DELOAD_PRINCIPLE,
            format!(
                "After last week's {} readiness, weekly running steps back to at most {} minutes — half your last good week ({base} minutes), not growth from last week's {spiked} — then returns to {base} and grows from there.",
                request.weekly_readiness.last().map_or("amber", |l| l.as_str()),
                next_weeks.first().map_or(0, |w| w.max_running_minutes),
            ),
        ));
    }
    if target < LISS_MINUTES.1 {
        reasons.push(reason(
            "muscle_first_short_easy",
            "Strength/hypertrophy focus: if you must combine, keep post-workout cardio low-intensity and short.",
            format!(
                "Your goal is {}: the post-lift run builds to {target} minutes at most; longer running goes on its own day.",
                athlete.goal.as_str()
            ),
        ));
    }
    let modality = if athlete.injury_prone {
        reasons.push(reason(
            "injury_prone_non_impact",
            "Running after lifting can be detrimental if you are prone to injury; non-impact cardio (cycling, elliptical, swimming, rowing) places less stress on the joints.",
            "You are prone to injury: do these minutes as non-impact cardio after lifting.".into(),
        ));
        Modality::Cycle
    } else {
        Modality::Run
    };

    ProgressionResponse {
        stage: stage(current, target),
        decision,
        current_minutes: current,
        next_minutes: next,
        target_minutes: target,
        intensity: Intensity::Low,
        modality,
        next_sessions,
        next_weeks,
        reasons,
        disclaimer: crate::advice::DISCLAIMER.to_string(),
    }
}

/// Where the post-lift run leads for this athlete's goal: the top of the source text's 15–30 minutes of
/// LISS, or [`MUSCLE_FIRST_MAX_MINUTES`] for strength and hypertrophy ("keep post-workout cardio
/// low-intensity and short").
pub fn target_minutes(athlete: &Athlete) -> u32 {
    if athlete.goal.is_muscle_first() {
        MUSCLE_FIRST_MAX_MINUTES
    } else {
        LISS_MINUTES.1
    }
}

/// The running minutes of the last good week before an amber or red last week: the latest week of
/// `history` whose readiness was green (or unknown), or the smallest week of the history when every one was
/// flagged. `None` when last week was not amber or red. `readiness` is aligned with `history` from the end.
pub fn last_good_week(history: &[u32], readiness: &[ReadinessLevel]) -> Option<u32> {
    let last = history.len().checked_sub(1)?;
    let level_of = |i: usize| -> Option<ReadinessLevel> {
        let from_end = history.len() - i;
        readiness
            .len()
            .checked_sub(from_end)
            .and_then(|k| readiness.get(k).copied())
    };
    if !deload::is_flagged(level_of(last)) {
        return None;
    }
    (0..last)
        .rev()
        .find(|&i| !deload::is_flagged(level_of(i)))
        .map(|i| history[i])
        .or_else(|| history.iter().copied().min())
}

/// [`weekly_plan`], stepping back after an amber or red week: when the last week of `history` was flagged
/// (`readiness`, aligned with `history` from the end), week 1 is a deload at [`DELOAD_VOLUME`] × the last
/// good week ([`last_good_week`]), week 2 returns to the last good week, and growth resumes from there
/// under the usual limits (which hold week 3 at the same level: the two-week limit counts the deload week)
/// — the spiked week is never the base. Each week is also kept at or below what [`weekly_plan`] allows
/// without a green light, so a flagged week never permits more than an ordinary one (after a red week of
/// illness with little running, the way back is the usual gradual one). Otherwise the same as
/// [`weekly_plan`].
pub fn weekly_plan_after(
    history: &[u32],
    readiness: &[ReadinessLevel],
    today: Date,
    grow_now: bool,
) -> Vec<WeeklyVolume> {
    let Some(base) = last_good_week(history, readiness) else {
        return weekly_plan(history, today, grow_now);
    };
    let ordinary = weekly_plan(history, today, false);
    let deload = scale(base, DELOAD_VOLUME);
    // The weeks before, as the growth limits see them: the flagged week replaced by the last good one.
    let mut seq: Vec<u32> = history[..history.len().saturating_sub(1)].to_vec();
    seq.push(base);
    seq.extend([deload, base]);
    let later = weekly_plan(&seq, today, true);
    let wanted = [deload, base]
        .into_iter()
        .chain(later.iter().map(|w| w.max_running_minutes));
    let mut prev = history.last().copied().unwrap_or(0);
    ordinary
        .iter()
        .zip(wanted)
        .map(|(o, want)| {
            let cap = want.min(o.max_running_minutes);
            let w = WeeklyVolume {
                week_start: o.week_start,
                max_running_minutes: cap,
                change_pct: change_pct(prev, cap),
            };
            prev = cap;
            w
        })
        .collect()
}

fn change_pct(prev: u32, cap: u32) -> f64 {
    if prev > 0 {
        ((f64::from(cap) - f64::from(prev)) / f64::from(prev) * 1000.0).round() / 10.0
    } else {
        0.0
    }
}

/// The ceilings for weekly running over the next [`LOOKAHEAD`] weeks. `history` is oldest first.
///
/// Each week may grow by at most [`WEEKLY_GROWTH_MAX`] over the week before and
/// [`TWO_WEEK_GROWTH_MAX`] over the week two before (both measured from at least
/// [`WEEKLY_FLOOR_MINUTES`]); when the history already grew faster than that, the plan holds. With
/// `grow_now` false (readiness not green) week 1 holds.
pub fn weekly_plan(history: &[u32], today: Date, grow_now: bool) -> Vec<WeeklyVolume> {
    let mut seq: Vec<u32> = history.to_vec();
    let mut out = Vec::new();
    for week in 0..LOOKAHEAD {
        let Ok(week_start) = today.checked_add(Span::new().days(i64::from(week) * 7)) else {
            break;
        };
        let prev1 = seq.last().copied().unwrap_or(0);
        let prev2 = if seq.len() >= 2 {
            seq[seq.len() - 2]
        } else {
            prev1
        };
        let base1 = prev1.max(WEEKLY_FLOOR_MINUTES);
        let base2 = prev2.max(WEEKLY_FLOOR_MINUTES);
        let cap = if week == 0 && !grow_now {
            base1
        } else {
            let one_week = scale(base1, WEEKLY_GROWTH_MAX);
            let two_weeks = scale(base2, TWO_WEEK_GROWTH_MAX);
            one_week.min(two_weeks.max(base1))
        };
        out.push(WeeklyVolume {
            week_start,
            max_running_minutes: cap,
            change_pct: change_pct(prev1, cap),
        });
        seq.push(cap);
    }
    out
}

fn scale(minutes: u32, factor: f64) -> u32 {
    // f64 → u32 `as` saturates; the floor keeps the limit a true upper bound.
    (f64::from(minutes) * factor).floor() as u32
}

fn weekly_reason(weeks: &[WeeklyVolume]) -> Reason {
    let list = weeks
        .iter()
        .map(|w| w.max_running_minutes.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    reason(
        "weekly_volume",
        "Grow weekly running gradually. The 10 % rule itself has weak support (Buist 2008: a graded 10 %-a-week programme injured as many novices, 20.8 % vs 20.3 %), but increases above 30 % over two weeks went with more distance-related injuries (Nielsen 2014, hazard ratio 1.59).",
        format!(
            "Total running, post-lift runs included: at most {list} minutes a week over the next {} weeks (≤ {:.0} % a week, ≤ {:.0} % over two weeks).",
            weeks.len(),
            (WEEKLY_GROWTH_MAX - 1.0) * 100.0,
            (TWO_WEEK_GROWTH_MAX - 1.0) * 100.0
        ),
    )
}

fn target_principle(athlete: &Athlete) -> &'static str {
    if athlete.goal.is_muscle_first() {
        "Strength/hypertrophy focus: if you must combine, keep post-workout cardio low-intensity and short."
    } else {
        "A 15–30 minute low-intensity jog (where you can hold a conversation) is generally the safest and most beneficial option after strength training."
    }
}

/// The intended effort when none was given: the top of the conversational band on the CR-10 scale.
fn default_intended_rpe() -> f64 {
    f64::from(band(Intensity::Low).rpe_cr10.1)
}

fn felt_as_intended(run: &PostLiftRun) -> bool {
    let intended = run
        .intended_rpe
        .filter(|x| x.is_finite())
        .unwrap_or_else(default_intended_rpe);
    run.rpe
        .is_some_and(|rpe| rpe.is_finite() && rpe <= intended)
}

fn felt_harder(run: &PostLiftRun) -> bool {
    let intended = run
        .intended_rpe
        .filter(|x| x.is_finite())
        .unwrap_or_else(default_intended_rpe);
    run.rpe.is_some_and(|rpe| rpe.is_finite() && rpe > intended)
}

/// The ladder: FIRST_RUNS_MINUTES + k·STEP_MINUTES up to `target`. Any length snaps down onto it.
fn snap(minutes: u32, target: u32) -> u32 {
    let m = minutes.clamp(FIRST_RUNS_MINUTES, target.max(FIRST_RUNS_MINUTES));
    let steps = (m - FIRST_RUNS_MINUTES) / STEP_MINUTES;
    (FIRST_RUNS_MINUTES + steps * STEP_MINUTES).min(target.max(FIRST_RUNS_MINUTES))
}

fn step_up(current: u32, target: u32) -> u32 {
    current
        .saturating_add(STEP_MINUTES)
        .min(target)
        .max(current)
}

fn step_back(current: u32) -> u32 {
    current.saturating_sub(STEP_MINUTES).max(FIRST_RUNS_MINUTES)
}

fn stage(current: u32, target: u32) -> ProgressionStage {
    if current >= target {
        ProgressionStage::Established
    } else if current <= FIRST_RUNS_MINUTES {
        ProgressionStage::Starting
    } else {
        ProgressionStage::Building
    }
}

fn reason(code: &str, principle: &str, message: String) -> Reason {
    Reason {
        code: code.to_string(),
        principle: principle.to_string(),
        message,
    }
}
