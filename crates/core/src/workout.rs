//! Structured hard runs: tempo and intervals as warm-up, repetitions of work and recovery, and cool-down,
//! after Daniels' Running Formula (the rules and their source are in [`crate::science::running`]:
//! [`INTERVAL_BOUT_MINUTES`], [`TEMPO_CONTINUOUS_MAX_MINUTES`], …). Paces come from the athlete's VDOT —
//! a race result ([`pace_source_from_race`]) or an estimate from runs with heart rate — and heart rates
//! from afterlift's intensity bands (for T pace, Daniels' own 88–92 % of HRmax).
//!
//! The advisor builds the main set it allows now and adds the warm-up and cool-down ([`for_main_set`]);
//! the planner fits the whole session into its calendar minutes ([`for_session`]). Both are pure and never
//! panic: any minutes, NaN included, give a sensible structure or none.

use jiff::civil::Date;

use crate::advice::band;
use crate::contract::{
    Intensity, PaceSource, PlannedKind, RaceResult, Range, RecoveryActivity, RepBlock,
    SessionStructure, Step, VdotFrom,
};
use crate::limits;
use crate::science::heart;
use crate::science::running::{
    self, CRUISE_BOUT_MINUTES, CRUISE_REST_PER_WORK_MINUTE, INTERVAL_BOUT_MINUTES,
    INTERVAL_FRACTION_RANGE, INTERVAL_MAX_KM, INTERVAL_MAX_WEEKLY_SHARE,
    TEMPO_CONTINUOUS_MAX_MINUTES, THRESHOLD_FRACTION_RANGE, THRESHOLD_HR_MAX_FRACTION,
    THRESHOLD_MAX_WEEKLY_SHARE, WARM_UP_MINUTES,
};

/// A race older than this many days (about six months) gives paces that may no longer fit: fitness
/// changes over a training cycle, and Daniels sets VDOT from a recent race and re-checks it as training
/// goes on (Daniels' Running Formula, 3rd ed., ch. 5) — afterlift's threshold.
pub const STALE_RACE_DAYS: u32 = 183;

/// Cool-down after the main set, minutes: easy running (Daniels 2013, ch. 4).
pub const COOL_DOWN_MINUTES: f64 = 10.0;

/// T running in one session when the week's volume is unknown, minutes — afterlift's cap standing in for
/// Daniels' "10 % of weekly mileage" (10 % of a 60-km week at a 6:40 /km average is 40 min).
pub const TEMPO_MAX_WORK_MINUTES: f64 = 40.0;

/// The VDOT used to turn Daniels' distance limits into minutes when the athlete's is unknown: a
/// recreational runner's (10 km in about 50 min).
pub const DEFAULT_VDOT: f64 = 45.0;

/// What the parts of a session are aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Targets {
    /// The VDOT the paces come from; no paces without it.
    pub paces: Option<PaceSource>,
    /// The athlete's `(HRmax, resting HR)`, when known to the caller; no heart rates without it.
    pub heart: Option<(f64, Option<f64>)>,
    /// The week's running minutes, when known: Daniels' weekly shares then cap the work.
    pub weekly_running_minutes: Option<f64>,
}

/// VDOT from a race result, if it is a plausible running race ([`limits::RACE_DISTANCE`], [`limits::RACE_SPEED`]),
/// with its age on `today` and whether it is [`STALE_RACE_DAYS`] old. A race dated after `today` has no age.
pub fn pace_source_from_race(race: &RaceResult, today: Option<Date>) -> Option<PaceSource> {
    if race_problem(race).is_some() {
        return None;
    }
    let vdot = running::vdot(race.distance_m, race.time_s);
    if !(running::VDOT_RANGE.0..=running::VDOT_RANGE.1).contains(&vdot) {
        return None;
    }
    let age_days = match (race.date, today) {
        (Some(d), Some(t)) if d <= t => t
            .since(d)
            .ok()
            .and_then(|span| u32::try_from(span.get_days()).ok()),
        _ => None,
    };
    Some(PaceSource {
        vdot: (vdot * 10.0).round() / 10.0,
        from: VdotFrom::Race,
        age_days,
        stale: age_days.is_some_and(|d| d > STALE_RACE_DAYS),
        runs: None,
    })
}

/// How far back runs count for the estimate ([`pace_source_from_runs`]), days: the eight weeks the status
/// keeps.
pub const ESTIMATE_WINDOW_DAYS: i64 = 56;

/// VDOT estimated from the runs with heart rate of the last [`ESTIMATE_WINDOW_DAYS`] before `at`
/// ([`running::vdot_from_runs`]: Daniels' oxygen cost and Swain's %HRR ≈ %VO2R, the median of at least 3
/// usable runs). Needs the athlete's usual resting heart rate (the reserve's floor); the maximum is the
/// measured one or the default prediction. `None` when too few runs are usable.
pub fn pace_source_from_runs(
    runs: &[crate::readiness::RunSummary],
    athlete: &crate::Athlete,
    at: jiff::Timestamp,
) -> Option<PaceSource> {
    let rest = athlete.resting_hr_bpm?;
    let max = heart::hr_max(athlete, heart::HrMaxFormula::default());
    let from = at
        .checked_sub(jiff::SignedDuration::from_hours(24 * ESTIMATE_WINDOW_DAYS))
        .unwrap_or(at);
    let recent: Vec<(f64, f64, f64)> = runs
        .iter()
        .filter(|r| r.started_at <= at && r.started_at >= from)
        .map(|r| (r.distance_m, r.duration_s, r.avg_hr_bpm))
        .collect();
    let (vdot, n) = running::vdot_from_runs(&recent, max, rest)?;
    Some(PaceSource {
        vdot: (vdot * 10.0).round() / 10.0,
        from: VdotFrom::Log,
        age_days: None,
        stale: false,
        runs: u32::try_from(n).ok(),
    })
}

/// What is wrong with a race result, if anything: `(field, message)` for the request's error list.
pub fn race_problem(race: &RaceResult) -> Option<(&'static str, String)> {
    if let Err(message) = limits::RACE_DISTANCE.check(race.distance_m) {
        return Some(("distance_m", message));
    }
    if !race.time_s.is_finite() || race.time_s <= 0.0 {
        return Some((
            "time_s",
            format!("{}: expected the finishing time in seconds", race.time_s),
        ));
    }
    let speed = race.distance_m / race.time_s * 3.6;
    if !limits::RACE_SPEED.contains(speed) {
        return Some((
            "time_s",
            format!(
                "{speed:.1} km/h is not a running race pace: expected {}",
                limits::RACE_SPEED.expected()
            ),
        ));
    }
    None
}

/// The advisor's structure: the main set it allows now (`main_minutes`, work and recoveries) with a
/// warm-up ([`WARM_UP_MINUTES`]: 15 min before a main set of 20 min or more, else 10) and a 10-min
/// cool-down on top. `None` for other kinds, or when not even one repetition fits.
pub fn for_main_set(
    kind: PlannedKind,
    main_minutes: f64,
    targets: &Targets,
) -> Option<SessionStructure> {
    let main = finite(main_minutes);
    let warm_up = if main >= 20.0 {
        WARM_UP_MINUTES.1
    } else {
        WARM_UP_MINUTES.0
    };
    let (blocks, used) = main_set(kind, main, targets)?;
    Some(assemble(
        kind,
        warm_up,
        blocks,
        used,
        COOL_DOWN_MINUTES,
        targets,
    ))
}

/// The planner's structure: a whole session of `total_minutes` — 15-min warm-up and 10-min cool-down from
/// 55 min, 10 + 10 from 35 min, 10 + 5 below — with the main set in between; what the main set leaves
/// over lengthens the warm-up (to 15 min), then the cool-down, so the parts add up to the session. `None` for other kinds, or when not
/// even one repetition fits.
pub fn for_session(
    kind: PlannedKind,
    total_minutes: f64,
    targets: &Targets,
) -> Option<SessionStructure> {
    let total = finite(total_minutes).min(600.0);
    let (warm_up, cool_down) = if total >= 55.0 {
        (WARM_UP_MINUTES.1, COOL_DOWN_MINUTES)
    } else if total >= 35.0 {
        (WARM_UP_MINUTES.0, COOL_DOWN_MINUTES)
    } else {
        (WARM_UP_MINUTES.0, 5.0)
    };
    let main = (total - warm_up - cool_down).max(0.0);
    let (blocks, used) = main_set(kind, main, targets)?;
    // Time the main set leaves over lengthens the warm-up (up to 15 min), then the cool-down.
    let spare = (main - used).max(0.0);
    let to_warm_up = (WARM_UP_MINUTES.1 - warm_up).clamp(0.0, spare);
    Some(assemble(
        kind,
        warm_up + to_warm_up,
        blocks,
        used,
        cool_down + spare - to_warm_up,
        targets,
    ))
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x.clamp(0.0, 600.0)
    } else {
        0.0
    }
}

/// The main set and the minutes it takes (the recovery after the last repetition is not counted).
fn main_set(kind: PlannedKind, main: f64, t: &Targets) -> Option<(Vec<RepBlock>, f64)> {
    match kind {
        PlannedKind::Intervals => intervals(main, t),
        PlannedKind::Tempo => tempo(main, t),
        _ => None,
    }
}

/// I pace as minutes per km over E pace (its middle), for turning Daniels' distance shares into minutes.
fn pace_ratio(t: &Targets, fraction: (f64, f64)) -> (f64, f64) {
    let vdot = t.paces.map_or(DEFAULT_VDOT, |p| p.vdot);
    let e = running::training_paces(vdot).easy_s_per_km;
    let work = running::pace_s_per_km_at(vdot, (fraction.0 + fraction.1) / 2.0);
    (work, work / ((e.0 + e.1) / 2.0))
}

/// Daniels' I session: `n` × `b` minutes at I pace (b = 3, 4 or 5) with `b` minutes of jogging between,
/// the combination with the most I running that fits in `main` minutes, within the lesser of 10 km and
/// 8 % of the week (when known).
fn intervals(main: f64, t: &Targets) -> Option<(Vec<RepBlock>, f64)> {
    let (i_pace_s, ratio) = pace_ratio(t, INTERVAL_FRACTION_RANGE);
    let mut cap = INTERVAL_MAX_KM * i_pace_s / 60.0;
    if let Some(week) = t
        .weekly_running_minutes
        .filter(|w| w.is_finite() && *w > 0.0)
    {
        cap = cap.min(INTERVAL_MAX_WEEKLY_SHARE * week * ratio);
    }
    let mut best: Option<(u32, f64)> = None;
    for b in INTERVAL_BOUT_MINUTES {
        let fit = ((main + b) / (2.0 * b)).floor();
        let n = fit.min((cap / b).floor()).max(0.0) as u32;
        if n == 0 {
            continue;
        }
        if best.is_none_or(|(bn, bb)| f64::from(n) * b > f64::from(bn) * bb) {
            best = Some((n, b));
        }
    }
    let (n, b) = best?;
    let block = RepBlock {
        reps: n,
        work: work_step(b, Intensity::High, t),
        work_metres: metres(b, t, INTERVAL_FRACTION_RANGE),
        recovery: Some(crate::contract::Recovery {
            minutes: b,
            activity: RecoveryActivity::Jog,
        }),
    };
    Some((vec![block], f64::from(2 * n - 1) * b))
}

/// Daniels' T session: one steady run of up to 20 min, or cruise intervals (5 or 10 min at T pace with
/// 1 min of rest per 5 min), whichever has the most T running in `main` minutes, within 10 % of the week
/// (when known, else [`TEMPO_MAX_WORK_MINUTES`]). Ties go to the steady run, then to fewer repetitions.
fn tempo(main: f64, t: &Targets) -> Option<(Vec<RepBlock>, f64)> {
    let (_, ratio) = pace_ratio(t, THRESHOLD_FRACTION_RANGE);
    let mut cap = TEMPO_MAX_WORK_MINUTES;
    if let Some(week) = t
        .weekly_running_minutes
        .filter(|w| w.is_finite() && *w > 0.0)
    {
        cap = THRESHOLD_MAX_WEEKLY_SHARE * week * ratio;
    }
    let steady = main.min(TEMPO_CONTINUOUS_MAX_MINUTES).min(cap).floor();
    // (reps, bout minutes, rest minutes)
    let mut best: Option<(u32, f64, f64)> = (steady >= 1.0).then_some((1, steady, 0.0));
    for b in CRUISE_BOUT_MINUTES.into_iter().rev() {
        let rest = b * CRUISE_REST_PER_WORK_MINUTE;
        let fit = ((main + rest) / (b + rest)).floor();
        let n = fit.min((cap / b).floor()).max(0.0) as u32;
        if n < 2 {
            continue;
        }
        if best.is_none_or(|(bn, bb, _)| f64::from(n) * b > f64::from(bn) * bb) {
            best = Some((n, b, rest));
        }
    }
    let (n, b, rest) = best?;
    let block = RepBlock {
        reps: n,
        work: work_step(b, Intensity::Moderate, t),
        work_metres: metres(b, t, THRESHOLD_FRACTION_RANGE),
        recovery: (n > 1).then_some(crate::contract::Recovery {
            minutes: rest,
            activity: RecoveryActivity::Rest,
        }),
    };
    Some((vec![block], f64::from(n) * b + f64::from(n - 1) * rest))
}

fn assemble(
    kind: PlannedKind,
    warm_up: f64,
    blocks: Vec<RepBlock>,
    main_used: f64,
    cool_down: f64,
    t: &Targets,
) -> SessionStructure {
    let work_minutes = blocks
        .iter()
        .map(|b| f64::from(b.reps) * b.work.minutes)
        .sum();
    SessionStructure {
        kind,
        warm_up: easy_step(warm_up, t),
        blocks,
        cool_down: easy_step(cool_down, t),
        total_minutes: (warm_up + main_used + cool_down).round() as u32,
        work_minutes,
        paces: t.paces,
    }
}

/// Warm-up and cool-down: conversational, at Daniels' E pace.
fn easy_step(minutes: f64, t: &Targets) -> Step {
    Step {
        minutes,
        intensity: Intensity::Low,
        pace_s_per_km: t.paces.map(|p| {
            let (fast, slow) = running::training_paces(p.vdot).easy_s_per_km;
            pace_range(fast, slow)
        }),
        heart_rate_bpm: t
            .heart
            .map(|(max, rest)| band_hr(max, rest, Intensity::Low)),
        rpe: rpe(Intensity::Low),
    }
}

/// A repetition: I pace at the "hard" band's heart rate, or T pace at Daniels' 88–92 % of HRmax.
fn work_step(minutes: f64, intensity: Intensity, t: &Targets) -> Step {
    let fractions = if intensity == Intensity::High {
        INTERVAL_FRACTION_RANGE
    } else {
        THRESHOLD_FRACTION_RANGE
    };
    Step {
        minutes,
        intensity,
        pace_s_per_km: t.paces.map(|p| {
            pace_range(
                running::pace_s_per_km_at(p.vdot, fractions.1),
                running::pace_s_per_km_at(p.vdot, fractions.0),
            )
        }),
        heart_rate_bpm: t.heart.map(|(max, rest)| {
            if intensity == Intensity::High {
                band_hr(max, rest, intensity)
            } else {
                let (lo, hi) = THRESHOLD_HR_MAX_FRACTION;
                Range::new((lo * max).round() as u32, (hi * max).round() as u32)
            }
        }),
        rpe: rpe(intensity),
    }
}

fn band_hr(max: f64, rest: Option<f64>, intensity: Intensity) -> Range {
    let (lo, hi) = heart::heart_rate_range(max, rest, band(intensity));
    Range::new(lo.round() as u32, hi.round() as u32)
}

fn rpe(intensity: Intensity) -> Range {
    let b = band(intensity);
    Range::new(u32::from(b.rpe_cr10.0), u32::from(b.rpe_cr10.1))
}

fn pace_range(fast_s: f64, slow_s: f64) -> Range {
    Range::new(fast_s.round() as u32, slow_s.round() as u32)
}

/// Distance of one repetition at the middle of its pace window, to the nearest 50 m.
fn metres(minutes: f64, t: &Targets, fractions: (f64, f64)) -> Option<u32> {
    let p = t.paces?;
    let pace = running::pace_s_per_km_at(p.vdot, (fractions.0 + fractions.1) / 2.0);
    let m = minutes * 60.0 / pace * 1000.0;
    Some(((m / 50.0).round() * 50.0) as u32)
}

/// The structure with every part's heart rate for an athlete of maximum `hr_max` and resting `hr_rest`
/// (as [`for_main_set`] gives them): for a plan made without the athlete's heart rate.
pub fn with_heart_rates(
    s: &SessionStructure,
    hr_max: f64,
    hr_rest: Option<f64>,
) -> SessionStructure {
    let t = Targets {
        heart: Some((hr_max, hr_rest)),
        ..Targets::default()
    };
    let hr = |step: &Step| -> Step {
        let fresh = if step.intensity >= Intensity::Moderate {
            work_step(step.minutes, step.intensity, &t)
        } else {
            easy_step(step.minutes, &t)
        };
        Step {
            heart_rate_bpm: fresh.heart_rate_bpm,
            ..*step
        }
    };
    let mut out = s.clone();
    out.warm_up = hr(&s.warm_up);
    out.cool_down = hr(&s.cool_down);
    for b in &mut out.blocks {
        b.work = hr(&b.work);
    }
    out
}

/// The parts of a structure in order, for energy: `(minutes, intensity, speed km/h when the pace is
/// known, standing rest)`. Warm-up, each repetition and the recovery after it (not after the last one),
/// cool-down.
pub fn segments(s: &SessionStructure) -> Vec<(f64, Intensity, Option<f64>, bool)> {
    let speed = |step: &Step| {
        step.pace_s_per_km
            .map(|p| 3600.0 / (f64::from(p.min + p.max) / 2.0).max(1.0))
    };
    let mut out = vec![(
        s.warm_up.minutes,
        s.warm_up.intensity,
        speed(&s.warm_up),
        false,
    )];
    for block in &s.blocks {
        for rep in 0..block.reps {
            out.push((
                block.work.minutes,
                block.work.intensity,
                speed(&block.work),
                false,
            ));
            if let Some(r) = block.recovery
                && rep + 1 < block.reps
            {
                out.push((
                    r.minutes,
                    Intensity::VeryLow,
                    None,
                    r.activity == RecoveryActivity::Rest,
                ));
            }
        }
    }
    out.push((
        s.cool_down.minutes,
        s.cool_down.intensity,
        speed(&s.cool_down),
        false,
    ));
    out
}

/// "5 × 3 min at 4:05–4:12 /km (HR 165–175) with 3 min jog": the main set in words.
pub fn describe_main_set(s: &SessionStructure) -> String {
    s.blocks
        .iter()
        .map(|b| {
            let mut text = if b.reps > 1 {
                format!("{} × {}", b.reps, minutes_text(b.work.minutes))
            } else {
                minutes_text(b.work.minutes)
            };
            text.push_str(&format!(
                " {}",
                effort_text(&b.work, intensity_word(b.work.intensity))
            ));
            if let Some(r) = b.recovery {
                text.push_str(&format!(
                    " with {} {}",
                    minutes_text(r.minutes),
                    r.activity.as_str()
                ));
            }
            text
        })
        .collect::<Vec<_>>()
        .join(", then ")
}

/// The whole session in one line: "15 min warm-up easy · 5 × 3 min at 4:05–4:12 /km (HR 165–175) with
/// 3 min jog · 10 min cool-down easy (≈ 55 min)".
pub fn describe(s: &SessionStructure) -> String {
    format!(
        "{} warm-up {} · {} · {} cool-down {} (≈ {} min)",
        minutes_text(s.warm_up.minutes),
        effort_text(&s.warm_up, "easy"),
        describe_main_set(s),
        minutes_text(s.cool_down.minutes),
        effort_text(&s.cool_down, "easy"),
        s.total_minutes
    )
}

fn intensity_word(i: Intensity) -> &'static str {
    match i {
        Intensity::High => "hard",
        Intensity::Moderate => "comfortably hard",
        _ => "easy",
    }
}

/// "at 4:05–4:12 /km (HR 165–175)", "easy (HR 120–140)", or the word alone.
fn effort_text(step: &Step, word: &str) -> String {
    let hr = step
        .heart_rate_bpm
        .map(|h| format!("HR {}–{}", h.min, h.max));
    match (step.pace_s_per_km, hr) {
        (Some(p), Some(hr)) => format!("at {} /km ({hr})", pace_text(p)),
        (Some(p), None) => format!("at {} /km", pace_text(p)),
        (None, Some(hr)) => format!("{word} ({hr})"),
        (None, None) => format!("{word} (RPE {}–{})", step.rpe.min, step.rpe.max),
    }
}

/// "4:05–4:12".
pub fn pace_text(p: Range) -> String {
    let mmss = |s: u32| format!("{}:{:02}", s / 60, s % 60);
    if p.min == p.max {
        mmss(p.min)
    } else {
        format!("{}–{}", mmss(p.min), mmss(p.max))
    }
}

/// "3 min", "1.5 min".
pub fn minutes_text(m: f64) -> String {
    if (m - m.round()).abs() < 0.05 {
        format!("{} min", m.round())
    } else {
        format!("{m:.1} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn race_10k_45() -> RaceResult {
        RaceResult {
            distance_m: 10_000.0,
            time_s: 45.0 * 60.0,
            date: Some("2026-10-01".parse().unwrap()),
        }
    }

    fn targets() -> Targets {
        Targets {
            paces: pace_source_from_race(&race_10k_45(), Some("2026-11-24".parse().unwrap())),
            heart: Some((185.0, Some(60.0))),
            weekly_running_minutes: None,
        }
    }

    #[test]
    fn a_race_gives_a_vdot_and_an_age() {
        let p = targets().paces.unwrap();
        // Daniels' Table 5.1: 10 km in 45:00 is VDOT ≈ 45.
        assert!((p.vdot - 45.3).abs() < 0.3, "{}", p.vdot);
        assert_eq!(p.from, VdotFrom::Race);
        assert_eq!(p.age_days, Some(54));
        assert!(!p.stale);
        let old =
            pace_source_from_race(&race_10k_45(), Some("2027-06-01".parse().unwrap())).unwrap();
        assert!(old.stale && old.age_days == Some(243));
        // Not a race: a 10 km "run" in 10 min, a 400 m, NaN.
        for bad in [
            RaceResult {
                time_s: 600.0,
                ..race_10k_45()
            },
            RaceResult {
                distance_m: 400.0,
                ..race_10k_45()
            },
            RaceResult {
                time_s: f64::NAN,
                ..race_10k_45()
            },
        ] {
            assert!(pace_source_from_race(&bad, None).is_none());
            assert!(race_problem(&bad).is_some());
        }
    }

    #[test]
    fn intervals_follow_daniels() {
        let s = for_main_set(PlannedKind::Intervals, 25.0, &targets()).unwrap();
        let b = s.blocks[0];
        // 3 × 5 min with 5-min jogs fills 25 min: the most I running of the 3-, 4- and 5-min options.
        assert_eq!((b.reps, b.work.minutes), (3, 5.0));
        let r = b.recovery.unwrap();
        assert_eq!((r.minutes, r.activity), (5.0, RecoveryActivity::Jog));
        assert_eq!(s.warm_up.minutes, 15.0);
        assert_eq!(s.cool_down.minutes, 10.0);
        assert_eq!(s.total_minutes, 15 + 25 + 10);
        assert_eq!(s.work_minutes, 15.0);
        // Work bouts are always 3–5 min with equal jogs.
        for main in [9.0, 12.0, 20.0, 30.0, 45.0, 60.0] {
            let s = for_main_set(PlannedKind::Intervals, main, &targets()).unwrap();
            let b = s.blocks[0];
            assert!((3.0..=5.0).contains(&b.work.minutes), "{main}");
            assert_eq!(b.recovery.unwrap().minutes, b.work.minutes);
            assert!(f64::from(2 * b.reps - 1) * b.work.minutes <= main + 1e-9);
        }
        // VDOT 45.3: Daniels' I pace 4:14 /km (between his 4:42 at VDOT 40 and 3:55 at 50) in a
        // 4:11–4:18 window; HR in the hard band (80–95 % of the 60–185 reserve); E pace warm-up.
        let i = running::training_paces(45.3).interval_s_per_km;
        assert!((i - 254.4).abs() < 0.5, "{i}");
        assert_eq!(b.work.pace_s_per_km, Some(Range::new(251, 258)));
        assert_eq!(b.work.heart_rate_bpm, Some(Range::new(160, 179)));
        assert_eq!(s.warm_up.pace_s_per_km, Some(Range::new(321, 361)));
        // 5 min at 4:14.5 /km = 1178 m → 1200 m.
        assert_eq!(b.work_metres, Some(1200));
    }

    #[test]
    fn interval_running_is_capped_by_10_km_and_8_percent_of_the_week() {
        // 120 min of main set: the 10-km cap (≈ 43 min at 4:19 /km) binds: at most 8 × 5 min.
        let s = for_main_set(PlannedKind::Intervals, 120.0, &targets()).unwrap();
        assert!(
            s.work_minutes <= 10.0 * 259.0 / 60.0 + 1e-9,
            "{}",
            s.work_minutes
        );
        // A 150-min week: 8 % of ~26 km is ~2 km, about 9 min of I running.
        let week = Targets {
            weekly_running_minutes: Some(150.0),
            ..targets()
        };
        let s = for_main_set(PlannedKind::Intervals, 30.0, &week).unwrap();
        assert!(
            s.work_minutes <= 9.5 && s.work_minutes >= 6.0,
            "{}",
            s.work_minutes
        );
    }

    #[test]
    fn tempo_is_steady_up_to_20_min_then_cruise_intervals() {
        let s = for_main_set(PlannedKind::Tempo, 20.0, &targets()).unwrap();
        let b = s.blocks[0];
        assert_eq!((b.reps, b.work.minutes, b.recovery), (1, 20.0, None));
        // Daniels' T HR: 88–92 % of 185.
        assert_eq!(b.work.heart_rate_bpm, Some(Range::new(163, 170)));
        // T pace for VDOT 45.3: 4:36 /km (between Daniels' 5:06 at 40 and 4:15 at 50), window 4:33–4:40.
        assert_eq!(b.work.pace_s_per_km, Some(Range::new(273, 280)));
        let s = for_main_set(PlannedKind::Tempo, 30.0, &targets()).unwrap();
        let b = s.blocks[0];
        // 5 × 5 min with 1 min rest (29 min) beats 2 × 10 with 2 min (22) and one 20-min run.
        assert_eq!((b.reps, b.work.minutes), (5, 5.0));
        assert_eq!(b.recovery.unwrap().minutes, 1.0);
        assert_eq!(b.recovery.unwrap().activity, RecoveryActivity::Rest);
        assert_eq!(s.total_minutes, 15 + 29 + 10);
        let s = for_main_set(PlannedKind::Tempo, 40.0, &targets()).unwrap();
        assert_eq!((s.blocks[0].reps, s.blocks[0].work.minutes), (3, 10.0));
    }

    #[test]
    fn the_planner_fills_its_minutes() {
        for total in [25.0, 40.0, 45.0, 60.0, 75.0] {
            for kind in [PlannedKind::Tempo, PlannedKind::Intervals] {
                let s = for_session(kind, total, &Targets::default()).unwrap();
                assert_eq!(f64::from(s.total_minutes), total, "{kind:?} {total}");
                assert!(s.blocks[0].work.pace_s_per_km.is_none());
                assert!(s.blocks[0].work.heart_rate_bpm.is_none());
            }
        }
        let s = for_session(PlannedKind::Intervals, 40.0, &Targets::default()).unwrap();
        assert_eq!(
            (
                s.warm_up.minutes,
                s.blocks[0].reps,
                s.blocks[0].work.minutes
            ),
            (10.0, 3, 4.0)
        );
        assert!(for_session(PlannedKind::Intervals, 15.0, &Targets::default()).is_none());
        assert!(for_session(PlannedKind::Easy, 40.0, &Targets::default()).is_none());
    }

    #[test]
    fn recent_runs_with_heart_rate_give_an_estimate() {
        use crate::readiness::RunSummary;
        let at: jiff::Timestamp = "2026-11-24T18:00:00Z".parse().unwrap();
        let athlete = crate::Athlete {
            max_hr_bpm: Some(185.0),
            ..crate::Athlete::example()
        };
        // A VDOT-50 runner's easy runs: 40 min at 5:15 /km at 141.7 bpm (60–185): see
        // running::vdot_from_heart_rate.
        let run = |days_ago: i64| RunSummary {
            started_at: at
                .checked_sub(jiff::SignedDuration::from_hours(24 * days_ago))
                .unwrap(),
            duration_s: 2400.0,
            distance_m: 2400.0 / 315.0 * 1000.0,
            avg_hr_bpm: 141.7,
        };
        let runs = [run(2), run(5), run(9), run(80)];
        let p = pace_source_from_runs(&runs, &athlete, at).unwrap();
        assert_eq!((p.vdot, p.from, p.runs), (50.0, VdotFrom::Log, Some(3)));
        // The 80-day-old run is outside the window: two are too few.
        assert!(pace_source_from_runs(&runs[1..], &athlete, at).is_none());
        // No usual resting heart rate, no reserve, no estimate.
        let unknown = crate::Athlete {
            resting_hr_bpm: None,
            ..athlete
        };
        assert!(pace_source_from_runs(&runs, &unknown, at).is_none());
    }

    #[test]
    fn segments_and_words() {
        let s = for_main_set(PlannedKind::Intervals, 25.0, &targets()).unwrap();
        let parts = segments(&s);
        // warm-up, 3 reps, 2 recoveries, cool-down
        assert_eq!(parts.len(), 7);
        let minutes: f64 = parts.iter().map(|p| p.0).sum();
        assert_eq!(minutes, f64::from(s.total_minutes));
        let text = describe(&s);
        assert!(text.starts_with("15 min warm-up at "), "{text}");
        assert!(text.contains("3 × 5 min at 4:"), "{text}");
        assert!(text.contains("(HR 160–179) with 5 min jog"), "{text}");
        assert!(text.ends_with("(≈ 50 min)"), "{text}");
        let plain = for_session(PlannedKind::Tempo, 40.0, &Targets::default()).unwrap();
        assert_eq!(
            describe(&plain),
            "10 min warm-up easy (RPE 3–4) · 20 min comfortably hard (RPE 5–6) · 10 min cool-down easy (RPE 3–4) (≈ 40 min)"
        );
        assert_eq!(pace_text(Range::new(245, 252)), "4:05–4:12");
        assert_eq!(minutes_text(1.5), "1.5 min");
    }

    proptest! {
        #[test]
        fn never_panics_and_adds_up(
            main in proptest::num::f64::ANY,
            week in proptest::option::of(proptest::num::f64::ANY),
            vdot_race in 1500.0f64..42_195.0,
            tempo: bool,
        ) {
            let kind = if tempo { PlannedKind::Tempo } else { PlannedKind::Intervals };
            let race = RaceResult { distance_m: vdot_race, time_s: vdot_race / 4.0, date: None };
            let t = Targets {
                paces: pace_source_from_race(&race, None),
                heart: Some((190.0, None)),
                weekly_running_minutes: week,
            };
            for s in [for_main_set(kind, main, &t), for_session(kind, main, &t)].into_iter().flatten() {
                let sum: f64 = segments(&s).iter().map(|p| p.0).sum();
                prop_assert!((sum - f64::from(s.total_minutes)).abs() <= 0.5 + 1e-9);
                prop_assert!(s.work_minutes > 0.0);
                prop_assert!(!describe(&s).is_empty());
            }
        }
    }
}
