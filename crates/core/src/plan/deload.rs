//! Stepping back after a bad week: the deload.
//!
//! When the week before was amber or red (readiness from the log: a load spike, a heart that will not settle,
//! persistent fatigue …), the next week does not carry on as usual, and the post-lift run's progression does
//! not build on the week that went wrong:
//!
//! - **volume about halved** ([`DELOAD_VOLUME`]): every session of the week is planned at half its usual
//!   minutes, and the weekly running ceiling is half the *last good week's* running;
//! - **the same number of sessions**: deloads in strength sports keep training frequency and cut volume and
//!   effort (Bell L et al. 2022, "You can't shoot another bullet until you've reloaded the gun", Front Sports
//!   Act Living 4:1073223 — coaches' deloads of 5–7 days every 4–6 weeks; Rogerson D, … Bell L 2024,
//!   "Deloading practices in strength and physique sports: a cross-sectional survey", Sports Med Open 10:26 —
//!   6.4 ± 1.7 days every 5.6 ± 2.3 weeks, frequency unchanged), and tapering research found frequency
//!   worth keeping too (Bosquet 2007);
//! - **nothing hard on the first days** ([`easy_days`]): two after an amber week, three after a red one;
//! - **after a red week, the effort comes down as well**: heavy lifting becomes moderate (more reps in
//!   reserve, lighter loads — what the deloading athletes and coaches above reported) and tempo and intervals
//!   become easy runs. After an amber week the intensity is kept from the third day: cutting volume while
//!   keeping intensity was what worked in the taper meta-analysis (Bosquet L et al. 2007, Med Sci Sports
//!   Exerc 39:1358: volume −41–60 %, intensity and frequency unchanged).
//!
//! One week: the week after it is planned from the log again (see `progression::weekly_plan_after` for the
//! running ceiling's return to the last good week).

use crate::contract::{LoadLevel, ReadinessLevel, RunKind, WeekRequest};

use super::rules::What;
use super::week::default_minutes;

/// Share of the usual volume in a deload week: half — the middle of the 41–60 % reduction that worked best
/// in Bosquet 2007's meta-analysis of tapering (27 studies), the only quantified volume cut in the
/// literature cited here (the deloading surveys report a reduction without a figure).
pub const DELOAD_VOLUME: f64 = 0.5;

/// Days at the start of a deload week with nothing hard (heavy lifting, tempo, intervals, long runs): two
/// after an amber week — the 24–48 h that running economy stays impaired after heavy leg work (Doma 2019)
/// is the shortest recovery window the sources name — and three after a red one. afterlift's choice.
pub const EASY_DAYS_AFTER_AMBER: i16 = 2;
pub const EASY_DAYS_AFTER_RED: i16 = 3;

/// No session of a deload week is planned shorter than this, minutes: the source text's first
/// post-lift runs ("start with short, low-intensity runs (e.g., 10 minutes)").
pub const DELOAD_MIN_MINUTES: u32 = 10;

/// Was the week amber or red?
pub fn is_flagged(level: Option<ReadinessLevel>) -> bool {
    level.is_some_and(|l| l >= ReadinessLevel::Amber)
}

/// Days at the start of the week that hold nothing hard after a week of `previous` readiness: 0 after a
/// green week (or an unknown one), [`EASY_DAYS_AFTER_AMBER`] after amber, [`EASY_DAYS_AFTER_RED`] after red.
pub fn easy_days(previous: Option<ReadinessLevel>) -> i16 {
    match previous {
        Some(ReadinessLevel::Red) => EASY_DAYS_AFTER_RED,
        Some(ReadinessLevel::Amber) => EASY_DAYS_AFTER_AMBER,
        _ => 0,
    }
}

/// `minutes` (or the default length of `what`) scaled to a deload week: × [`DELOAD_VOLUME`], rounded to
/// 5 minutes, at least [`DELOAD_MIN_MINUTES`] — but never longer than the usual session.
pub(crate) fn deload_minutes(minutes: Option<u32>, what: What) -> u32 {
    let usual = minutes.unwrap_or_else(|| default_minutes(what)).max(1);
    let half = (f64::from(usual) * DELOAD_VOLUME / 5.0).round() * 5.0;
    // f64 → u32 `as` saturates; `usual` bounds the result.
    (half as u32).max(DELOAD_MIN_MINUTES).min(usual)
}

/// The week as the planner plans it: unchanged after a green (or unknown) week; after an amber or red
/// one, every lift, run and non-impact session at [`deload_minutes`], and after red heavy lifting made
/// moderate and tempo and intervals made easy (see the module documentation). Competitions are kept as
/// they are. Never panics.
pub fn deload_request(request: &WeekRequest) -> WeekRequest {
    let previous = request.previous_week_readiness;
    if !is_flagged(previous) {
        return request.clone();
    }
    let red = previous == Some(ReadinessLevel::Red);
    let mut r = request.clone();
    for l in &mut r.lifts {
        if red && l.load == LoadLevel::Heavy {
            l.load = LoadLevel::Moderate;
        }
        let what = What::Lift {
            focus: l.focus,
            load: l.load,
        };
        l.minutes = Some(deload_minutes(l.minutes, what));
    }
    for run in &mut r.runs {
        let what = What::Run(run.kind);
        let minutes = deload_minutes(run.minutes, what);
        if red && run.kind.is_hard() {
            run.kind = RunKind::Easy;
        }
        run.minutes = Some(minutes);
    }
    r
}

/// The deload as the plan explains it, or `None` for a normal week.
pub(crate) fn explanation(request: &WeekRequest, first_hard_day: Option<&str>) -> Option<String> {
    let previous = request
        .previous_week_readiness
        .filter(|l| *l >= ReadinessLevel::Amber)?;
    let red = previous == ReadinessLevel::Red;
    let from = first_hard_day.map_or_else(String::new, |d| format!(", nothing hard before {d}"));
    Some(format!(
        "Deload week: last week's readiness was {} — about half the usual minutes, the same number of sessions{from}{}.",
        previous.as_str(),
        if red {
            "; heavy lifting moderate (stop 2–3 reps further from failure) and tempo or intervals as easy runs"
        } else {
            ""
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Focus;

    #[test]
    fn minutes_are_halved_to_five_with_a_floor() {
        let easy = What::Run(RunKind::Easy);
        assert_eq!(deload_minutes(Some(60), easy), 30);
        assert_eq!(deload_minutes(Some(45), easy), 25); // 22.5 → 25 (rounded to 5)
        assert_eq!(deload_minutes(Some(90), What::Run(RunKind::Long)), 45);
        assert_eq!(deload_minutes(Some(15), easy), 10);
        assert_eq!(deload_minutes(Some(8), easy), 8); // never longer than usual
        assert_eq!(
            deload_minutes(Some(u32::MAX), easy),
            u32::MAX / 2 / 5 * 5 + 5
        );
        let lift = What::Lift {
            focus: Focus::Full,
            load: LoadLevel::Heavy,
        };
        assert_eq!(deload_minutes(None, lift), 30); // the 60-minute default
        assert_eq!(easy_days(None), 0);
        assert_eq!(easy_days(Some(ReadinessLevel::Green)), 0);
        assert_eq!(easy_days(Some(ReadinessLevel::Amber)), 2);
        assert_eq!(easy_days(Some(ReadinessLevel::Red)), 3);
    }
}
