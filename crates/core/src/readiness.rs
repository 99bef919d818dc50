//! Readiness: "listen to your body", read from the log — persistent fatigue, falling performance, a heart
//! that will not settle — as a level (green / amber / red) with every reason and its numbers.
//!
//! No single marker diagnoses overreaching; the consensus is to look at several and at their trend against
//! the athlete's own normal (Meeusen et al. 2013, ECSS/ACSM consensus, Med Sci Sports Exerc 45:186). So:
//!
//! - **Personal baselines** ([`baseline`]): the mean of the last 7 days against the 60 days before them, in
//!   units of the athlete's own day-to-day variation (the SD of those 60 days) — for morning resting heart rate
//!   and ln rMSSD (Plews et al. 2014, Int J Sports Physiol Perform 9:783, weekly-averaged lnRMSSD; Buchheit
//!   2014, Front Physiol 5:73, changes judged against the athlete's own typical variation) and for the Hooper
//!   well-being score. The baseline ends where the week begins, so a bad week cannot raise its own yardstick.
//! - **Flags**, each raised by one small rule — a function of the [`Evidence`] (the signals, the check-ins by
//!   day and the baselines, derived once) that returns its flag with the reason and numbers, or nothing —
//!   listed with its stable code in [`RULES`], which [`assess`] folds: `resting_hr_up`, `hrv_down`,
//!   `wellbeing_down`, `persistent_fatigue`, `poor_sleep`, `illness`, `pain`, `e1rm_falling`,
//!   `easy_run_efficiency_falling`, `load_spike`, `load_jump`, `monotony_high`.
//! - **Level** ([`level_of`]): red for any red flag, or for amber flags from three or more *kinds* of signal
//!   (load, autonomic, subjective, performance) agreeing; amber for any amber flag; else green.
//!
//! Every threshold below is named and sourced; where the literature gives none (the 1-SD flag, the 5 % drops)
//! the constant says it is afterlift's choice. The ranges of what a check-in may hold are
//! [`crate::limits`]'s.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::athlete::Athlete;
use crate::catalogue::{self, Pattern};
use crate::contract::ReadinessLevel;
use crate::limits;
use crate::load::LoadMetrics;
use crate::load::series::{date_from_epoch_day, epoch_day};
use crate::science::heart::{self, HrMaxFormula};
use crate::science::strength;
use crate::session::{SetKind, StrengthSession, Wellness};

/// Days of the "recent" window of a baseline.
pub const RECENT_DAYS: i64 = 7;
/// Days of the baseline window before it.
pub const BASELINE_DAYS: i64 = 60;
/// Readings needed in the recent week: at least three valid days a week (Plews 2014).
pub const MIN_RECENT_READINGS: usize = 3;
/// Readings needed in the baseline window (two weeks' worth; afterlift's choice).
pub const MIN_BASELINE_READINGS: usize = 14;
/// A 7-day mean this many baseline SDs in the unfavourable direction is amber; [`RED_SD`] is red.
/// A shift of one day-to-day SD in a 7-day mean is ≈ 2.6 standard errors of that mean — beyond normal noise.
/// Plews 2014 saw standardised changes of 0.4–0.5 in functional overreaching, so this catches clear cases,
/// not every dip. afterlift's choice.
pub const AMBER_SD: f64 = 1.0;
pub const RED_SD: f64 = 2.0;
/// Floors on the baseline SD, so that a very steady baseline cannot turn a trivial change into many SDs:
/// 1 bpm (the resolution of most readings), 0.05 ln-units of rMSSD (≈ 5 %), 1 point of the Hooper score.
pub const MIN_SD_RESTING_HR: f64 = 1.0;
pub const MIN_SD_LN_RMSSD: f64 = 0.05;
pub const MIN_SD_HOOPER: f64 = 1.0;
/// Hooper items are 1 (very good) … 7 (very bad); 5 or worse is "bad".
pub const HOOPER_BAD: u8 = 5;
/// Fatigue rated bad on this many consecutive check-ins is amber ("persistent fatigue").
pub const PERSISTENT_FATIGUE_DAYS: usize = 3;
/// Fatigue above 5 (6 or 7) for more than 7 consecutive days marked staleness (Hooper et al. 1995, Med Sci
/// Sports Exerc 27:106): red.
pub const STALE_FATIGUE: u8 = 6;
pub const STALE_DAYS: usize = 8;
/// Short nights: under 6 h is "not recommended" for adults (Hirshkowitz et al. 2015, Sleep Health 1:40).
pub const SHORT_SLEEP_H: f64 = 6.0;
/// Short or poor nights in the last 7 for the `poor_sleep` flag (afterlift's choice: most of a week's
/// nights minus one).
pub const POOR_NIGHTS: usize = 3;
/// A drop in e1RM or in easy-run efficiency of at least this share is a flag: beyond the few per cent that
/// day-to-day form moves them. afterlift's choice.
pub const PERFORMANCE_DROP: f64 = 0.05;
/// e1RM windows: the last 3 weeks against the 6 before.
pub const E1RM_RECENT_DAYS: i64 = 21;
pub const E1RM_PREVIOUS_DAYS: i64 = 42;
/// Easy-run windows: the last 2 weeks against the 6 before.
pub const RUN_RECENT_DAYS: i64 = 14;
pub const RUN_PREVIOUS_DAYS: i64 = 42;
/// Acute:chronic ratio flags. ≥ 1.5 was Gabbett's "danger zone" (Gabbett 2016, Br J Sports Med 50:273);
/// ≥ 2.0 is twice the usual load. Used as "you have done much more than you are used to", not as an injury
/// risk (Impellizzeri 2021).
pub const ACWR_AMBER: f64 = 1.5;
pub const ACWR_RED: f64 = 2.0;
/// A week more than 30 % above the one before (both weeks inside the log): runners progressing weekly distance by > 30 % had more
/// distance-related injuries (Nielsen et al. 2014, J Orthop Sports Phys Ther 44:739; HR 1.59, 95 % CI
/// 0.96–2.66 — suggestive, not conclusive).
pub const WEEKLY_JUMP: f64 = 1.3;

/// The kind of signal a flag comes from: red needs three kinds to agree when no single flag is red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signal {
    Load,
    Autonomic,
    Subjective,
    Performance,
}

/// One reason for the readiness level.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub code: &'static str,
    pub level: ReadinessLevel,
    pub signal: Signal,
    pub message: String,
}

/// The readiness assessment.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Readiness {
    pub level: ReadinessLevel,
    /// Most severe first.
    pub flags: Vec<Flag>,
    pub resting_hr: Option<Baseline>,
    pub ln_rmssd: Option<Baseline>,
    pub hooper: Option<Baseline>,
}

impl Readiness {
    pub fn has(&self, code: &str) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }
}

/// A recent week against its baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    pub recent_mean: f64,
    pub recent_readings: usize,
    pub baseline_mean: f64,
    /// Sample SD of the baseline readings, floored (see the `MIN_SD_*` constants).
    pub baseline_sd: f64,
    pub baseline_readings: usize,
    /// (recent − baseline mean) / baseline SD.
    pub z: f64,
}

/// The last [`RECENT_DAYS`] days up to `today` against the [`BASELINE_DAYS`] days before them. Values are
/// `(date, value)`; non-finite values and dates outside the windows are ignored, and a date given twice counts
/// twice. `None` without [`MIN_RECENT_READINGS`] recent and [`MIN_BASELINE_READINGS`] baseline readings.
pub fn baseline(values: &[(Date, f64)], today: Date, min_sd: f64) -> Option<Baseline> {
    let t = epoch_day(today);
    let (mut recent, mut base) = (Vec::new(), Vec::new());
    for &(d, v) in values {
        if !v.is_finite() {
            continue;
        }
        let ago = t - epoch_day(d);
        if (0..RECENT_DAYS).contains(&ago) {
            recent.push(v);
        } else if (RECENT_DAYS..RECENT_DAYS + BASELINE_DAYS).contains(&ago) {
            base.push(v);
        }
    }
    if recent.len() < MIN_RECENT_READINGS || base.len() < MIN_BASELINE_READINGS {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let recent_mean = mean(&recent);
    let baseline_mean = mean(&base);
    let var = base
        .iter()
        .map(|x| (x - baseline_mean).powi(2))
        .sum::<f64>()
        / (base.len() - 1) as f64;
    let floor = if min_sd.is_finite() && min_sd > 0.0 {
        min_sd
    } else {
        f64::MIN_POSITIVE
    };
    let baseline_sd = var.sqrt().max(floor);
    Some(Baseline {
        recent_mean,
        recent_readings: recent.len(),
        baseline_mean,
        baseline_sd,
        baseline_readings: base.len(),
        z: (recent_mean - baseline_mean) / baseline_sd,
    })
}

/// The Hooper well-being score: sleep quality + fatigue + stress + soreness, each 1 (very good) … 7 (very
/// bad), so 4 (best) … 28 (worst) (Hooper et al. 1995, Med Sci Sports Exerc 27:106). `None` unless all four
/// are given and in range ([`limits::HOOPER`]).
pub fn hooper_score(w: &Wellness) -> Option<f64> {
    let items = [w.sleep_quality?, w.fatigue?, w.stress?, w.soreness?];
    items
        .iter()
        .all(|&v| limits::HOOPER.contains(f64::from(v)))
        .then(|| items.iter().map(|&v| f64::from(v)).sum())
}

/// A summary of one run, for easy-run efficiency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunSummary {
    pub started_at: Timestamp,
    /// Moving time, seconds.
    pub duration_s: f64,
    pub distance_m: f64,
    pub avg_hr_bpm: f64,
}

/// The average heart rate of a run whose efficiency is read: below 60 bpm it was no run; above the highest
/// maximum heart rate ([`limits::MAX_HR`]) it is a sensor error.
pub const RUN_AVG_HR: limits::Range = limits::Range::new(60.0, limits::MAX_HR.max, "bpm");
/// The speed of a run whose efficiency is read, m/s: a brisk walk (3.6 km/h) to a sprint (25 km/h).
/// afterlift's choice.
pub const RUN_SPEED_MPS: limits::Range = limits::Range::new(1.0, 7.0, "m/s");
/// Runs shorter than this say little about efficiency (heart rate lags the first minutes). afterlift's choice.
pub const MIN_RUN_MINUTES: f64 = 10.0;

/// Speed per heartbeat: metres run per heartbeat = distance ÷ (minutes × average HR). Higher is fitter or
/// fresher at the same effort. `None` for an implausible run (under [`MIN_RUN_MINUTES`], speed outside
/// [`RUN_SPEED_MPS`], heart rate outside [`RUN_AVG_HR`]).
pub fn metres_per_beat(r: &RunSummary) -> Option<f64> {
    let minutes = r.duration_s / 60.0;
    let speed = r.distance_m / r.duration_s;
    let plausible = minutes >= MIN_RUN_MINUTES
        && RUN_SPEED_MPS.contains(speed)
        && RUN_AVG_HR.contains(r.avg_hr_bpm);
    plausible.then(|| r.distance_m / (minutes * r.avg_hr_bpm))
}

/// The heart rate below which a run counts as easy: the top of the conversational band for this athlete
/// ([`heart::CONVERSATIONAL`]: 59 % of heart-rate reserve, or 76 % of maximum without a resting heart rate).
pub fn conversational_ceiling_bpm(athlete: &Athlete) -> f64 {
    let max = heart::hr_max(athlete, HrMaxFormula::default());
    heart::heart_rate_range(max, athlete.resting_hr_bpm, &heart::CONVERSATIONAL).1
}

/// Easy-run efficiency now against before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EfficiencyTrend {
    pub recent_m_per_beat: f64,
    pub recent_runs: usize,
    pub previous_m_per_beat: f64,
    pub previous_runs: usize,
    /// The easy-run heart-rate ceiling used.
    pub ceiling_bpm: f64,
}

impl EfficiencyTrend {
    /// Relative change, e.g. −0.06 for 6 % less distance per beat.
    pub fn change(&self) -> f64 {
        self.recent_m_per_beat / self.previous_m_per_beat - 1.0
    }
}

/// Metres per beat of the easy runs (average HR at or below [`conversational_ceiling_bpm`]) of the last
/// [`RUN_RECENT_DAYS`] days against the [`RUN_PREVIOUS_DAYS`] before; `None` without at least 2 recent and 3
/// earlier easy runs.
pub fn easy_run_efficiency(
    runs: &[RunSummary],
    athlete: &Athlete,
    tz: &TimeZone,
    today: Date,
) -> Option<EfficiencyTrend> {
    let ceiling = conversational_ceiling_bpm(athlete);
    let t = epoch_day(today);
    let (mut recent, mut previous) = (Vec::new(), Vec::new());
    for r in runs {
        if r.avg_hr_bpm > ceiling {
            continue;
        }
        let Some(mpb) = metres_per_beat(r) else {
            continue;
        };
        let ago = t - epoch_day(tz.to_datetime(r.started_at).date());
        if (0..RUN_RECENT_DAYS).contains(&ago) {
            recent.push(mpb);
        } else if (RUN_RECENT_DAYS..RUN_RECENT_DAYS + RUN_PREVIOUS_DAYS).contains(&ago) {
            previous.push(mpb);
        }
    }
    if recent.len() < 2 || previous.len() < 3 {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    Some(EfficiencyTrend {
        recent_m_per_beat: mean(&recent),
        recent_runs: recent.len(),
        previous_m_per_beat: mean(&previous),
        previous_runs: previous.len(),
        ceiling_bpm: ceiling,
    })
}

/// A main lift's estimated 1RM now against before.
#[derive(Debug, Clone, PartialEq)]
pub struct LiftTrend {
    /// The catalogue name, e.g. `Squat (Barbell)`.
    pub exercise: String,
    /// Mean of the per-session best e1RM, kg.
    pub recent_e1rm_kg: f64,
    pub recent_sessions: usize,
    pub previous_e1rm_kg: f64,
    pub previous_sessions: usize,
}

impl LiftTrend {
    /// Relative change, e.g. −0.07 for 7 % weaker.
    pub fn change(&self) -> f64 {
        self.recent_e1rm_kg / self.previous_e1rm_kg - 1.0
    }
}

/// Main lifts: squat, hinge (deadlift) and the horizontal and vertical presses, every variant on its own.
pub fn is_main_lift(pattern: Pattern) -> bool {
    matches!(
        pattern,
        Pattern::Squat | Pattern::Hinge | Pattern::PushHorizontal | Pattern::PushVertical
    )
}

/// The most reps a set may have for its 1RM estimate: Epley and Brzycki are poor beyond ~10–12 reps.
pub const E1RM_MAX_REPS: u32 = 12;

/// The best estimated 1RM of a session's sets of one exercise: Epley (w × (1 + reps/30); Epley 1985) over the
/// working sets of 1–[`E1RM_MAX_REPS`] reps with a weight. `None` without such a set.
pub fn best_e1rm(sets: &[crate::session::SetLog]) -> Option<f64> {
    best_e1rm_set(sets).map(|(_, kg)| kg)
}

/// [`best_e1rm`] and the index of the set it comes from (the first of equals).
pub fn best_e1rm_set(sets: &[crate::session::SetLog]) -> Option<(usize, f64)> {
    sets.iter()
        .enumerate()
        .filter(|(_, s)| s.kind != SetKind::Warmup)
        .filter_map(|(i, s)| {
            let reps = s.reps.filter(|r| (1..=E1RM_MAX_REPS).contains(r))?;
            let kg = s.weight_kg.filter(|w| w.is_finite() && *w > 0.0)?;
            Some((i, strength::epley_1rm(kg, reps)))
        })
        .reduce(|best, next| if next.1 > best.1 { next } else { best })
}

/// Per main lift: the mean of the per-session best e1RM over the last [`E1RM_RECENT_DAYS`] days against the
/// [`E1RM_PREVIOUS_DAYS`] before, for lifts with at least 2 sessions in each window. Sorted by name.
pub fn e1rm_trends(
    lifts: &[StrengthSession],
    tz: &TimeZone,
    today: Date,
    aliases: &catalogue::Aliases,
) -> Vec<LiftTrend> {
    let t = epoch_day(today);
    let cat = catalogue::catalogue();
    // name → (recent bests, previous bests)
    let mut by_lift: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for s in lifts {
        let ago = t - epoch_day(tz.to_datetime(s.started_at).date());
        if !(0..E1RM_RECENT_DAYS + E1RM_PREVIOUS_DAYS).contains(&ago) {
            continue;
        }
        // One best per lift per session, even when the exercise was logged twice.
        let mut session_best: BTreeMap<&str, f64> = BTreeMap::new();
        for e in &s.exercises {
            let Some(known) = cat.resolve_with(&e.name, aliases).exercise() else {
                continue;
            };
            if !is_main_lift(known.pattern) {
                continue;
            }
            if let Some(best) = best_e1rm(&e.sets) {
                let slot = session_best.entry(known.name.as_str()).or_insert(0.0);
                *slot = slot.max(best);
            }
        }
        for (name, best) in session_best {
            let entry = by_lift.entry(name).or_default();
            if ago < E1RM_RECENT_DAYS {
                entry.0.push(best);
            } else {
                entry.1.push(best);
            }
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    by_lift
        .into_iter()
        .filter(|(_, (r, p))| r.len() >= 2 && p.len() >= 2)
        .map(|(name, (r, p))| LiftTrend {
            exercise: name.to_string(),
            recent_e1rm_kg: mean(&r),
            recent_sessions: r.len(),
            previous_e1rm_kg: mean(&p),
            previous_sessions: p.len(),
        })
        .collect()
}

/// Everything readiness is judged from.
#[derive(Debug, Clone, Copy)]
pub struct Signals<'a> {
    /// Daily check-ins by the athlete's local date; a date given twice uses the later entry.
    pub wellness: &'a [(Date, Wellness)],
    /// The athlete's local date of the assessment.
    pub today: Date,
    pub load: &'a LoadMetrics,
    pub lifts: &'a [LiftTrend],
    pub efficiency: Option<&'a EfficiencyTrend>,
}

/// The level from the flags: red for any red flag or amber flags of three or more kinds of signal; amber for
/// any amber flag; else green. Raising a flag never lowers the level.
pub fn level_of(flags: &[Flag]) -> ReadinessLevel {
    let mut kinds: Vec<Signal> = flags
        .iter()
        .filter(|f| f.level >= ReadinessLevel::Amber)
        .map(|f| f.signal)
        .collect();
    kinds.sort();
    kinds.dedup();
    let worst = flags
        .iter()
        .map(|f| f.level)
        .max()
        .unwrap_or(ReadinessLevel::Green);
    if worst == ReadinessLevel::Red || kinds.len() >= 3 {
        ReadinessLevel::Red
    } else {
        worst
    }
}

/// A flag of `level` from one kind of signal.
fn flag(code: &'static str, level: ReadinessLevel, signal: Signal, message: String) -> Flag {
    Flag {
        code,
        level,
        signal,
        message,
    }
}

fn by_sd(z: f64) -> Option<ReadinessLevel> {
    if z >= RED_SD {
        Some(ReadinessLevel::Red)
    } else if z >= AMBER_SD {
        Some(ReadinessLevel::Amber)
    } else {
        None
    }
}

/// The worst Hooper rating (7, "very bad").
const HOOPER_WORST: u8 = limits::HOOPER.max as u8;

/// What the rules read: the signals, and — derived once — the check-ins of the windows by day and the
/// personal baselines.
#[derive(Debug, Clone)]
pub struct Evidence<'a> {
    pub signals: Signals<'a>,
    /// The day of the assessment, as an epoch day.
    today: i64,
    /// The check-ins of the baseline and recent windows by epoch day; later entries for a date win.
    days: BTreeMap<i64, &'a Wellness>,
    pub resting_hr: Option<Baseline>,
    pub ln_rmssd: Option<Baseline>,
    pub hooper: Option<Baseline>,
}

impl<'a> Evidence<'a> {
    pub fn new(s: &Signals<'a>) -> Evidence<'a> {
        let t = epoch_day(s.today);
        let mut days: BTreeMap<i64, &'a Wellness> = BTreeMap::new();
        for (d, w) in s.wellness {
            let day = epoch_day(*d);
            if (t - (RECENT_DAYS + BASELINE_DAYS) + 1..=t).contains(&day) {
                days.insert(day, w);
            }
        }
        let series = |f: &dyn Fn(&Wellness) -> Option<f64>| -> Vec<(Date, f64)> {
            days.iter()
                .filter_map(|(&d, w)| Some((date_from_epoch_day(d)?, f(w)?)))
                .collect()
        };
        // Readings outside the ranges a check-in may hold (`limits`) — only logs older than those ranges
        // have them — are left out.
        let resting_hr = baseline(
            &series(&|w| w.resting_hr_bpm.filter(|h| limits::RESTING_HR.contains(*h))),
            s.today,
            MIN_SD_RESTING_HR,
        );
        let ln_rmssd = baseline(
            &series(&|w| {
                w.hrv_rmssd_ms
                    .filter(|v| limits::HRV_RMSSD.contains(*v))
                    .map(f64::ln)
            }),
            s.today,
            MIN_SD_LN_RMSSD,
        );
        let hooper = baseline(&series(&|w| hooper_score(w)), s.today, MIN_SD_HOOPER);
        Evidence {
            signals: *s,
            today: t,
            days,
            resting_hr,
            ln_rmssd,
            hooper,
        }
    }

    /// Consecutive check-ins, ending today or yesterday, with fatigue rated `at_least` or worse.
    fn fatigue_streak(&self, at_least: u8) -> usize {
        let t = self.today;
        let start = if self.days.contains_key(&t) { t } else { t - 1 };
        (0..)
            .map(|i| start - i)
            .take_while(|d| {
                self.days
                    .get(d)
                    .and_then(|w| w.fatigue)
                    .is_some_and(|f| (at_least..=HOOPER_WORST).contains(&f))
            })
            .count()
    }
}

/// One readiness rule: a flag with its reason and numbers, or nothing.
pub type Rule = fn(&Evidence<'_>) -> Option<Flag>;

/// Every rule with the code of its flag, in the order flags of the same level are listed: autonomic,
/// subjective, performance, load. [`assess`] runs them all; adding a flag means adding a rule here.
pub const RULES: &[(&str, Rule)] = &[
    ("resting_hr_up", resting_hr_up),
    ("hrv_down", hrv_down),
    ("wellbeing_down", wellbeing_down),
    ("persistent_fatigue", persistent_fatigue),
    ("poor_sleep", poor_sleep),
    ("illness", illness),
    ("pain", pain),
    ("e1rm_falling", e1rm_falling),
    ("easy_run_efficiency_falling", easy_run_efficiency_falling),
    ("load_spike", load_spike),
    ("load_jump", load_jump),
    ("monotony_high", monotony_high),
];

/// Assesses readiness from the signals: every rule of [`RULES`], the flags most severe first, and the
/// level from them ([`level_of`]). See the module documentation.
pub fn assess(s: &Signals<'_>) -> Readiness {
    let evidence = Evidence::new(s);
    let mut flags: Vec<Flag> = RULES
        .iter()
        .filter_map(|(_, rule)| rule(&evidence))
        .collect();
    flags.sort_by_key(|f| std::cmp::Reverse(f.level));
    Readiness {
        level: level_of(&flags),
        flags,
        resting_hr: evidence.resting_hr,
        ln_rmssd: evidence.ln_rmssd,
        hooper: evidence.hooper,
    }
}

/// Autonomic: the morning resting heart rate's 7-day mean [`AMBER_SD`] (amber) or [`RED_SD`] (red) above
/// its 60-day baseline (Dressendorfer 1985; Meeusen 2013).
fn resting_hr_up(e: &Evidence<'_>) -> Option<Flag> {
    let b = e.resting_hr?;
    let level = by_sd(b.z)?;
    Some(flag(
        "resting_hr_up",
        level,
        Signal::Autonomic,
        format!(
            "Your morning resting heart rate has averaged {:.1} bpm over the last 7 days, {:.1} SD above your 60-day baseline of {:.1} ± {:.1} bpm.",
            b.recent_mean, b.z, b.baseline_mean, b.baseline_sd
        ),
    ))
}

/// Autonomic: ln rMSSD's 7-day mean [`AMBER_SD`] (amber) or [`RED_SD`] (red) below its 60-day baseline
/// (Plews 2014; Buchheit 2014).
fn hrv_down(e: &Evidence<'_>) -> Option<Flag> {
    let b = e.ln_rmssd?;
    let level = by_sd(-b.z)?;
    Some(flag(
        "hrv_down",
        level,
        Signal::Autonomic,
        format!(
            "Your HRV (ln rMSSD) has averaged {:.2} (≈ {:.0} ms) over the last 7 days, {:.1} SD below your 60-day baseline of {:.2} (≈ {:.0} ms) ± {:.2}.",
            b.recent_mean,
            b.recent_mean.exp(),
            -b.z,
            b.baseline_mean,
            b.baseline_mean.exp(),
            b.baseline_sd
        ),
    ))
}

/// Subjective: the Hooper score's 7-day mean [`AMBER_SD`] worse than its baseline (Hooper 1995): amber.
fn wellbeing_down(e: &Evidence<'_>) -> Option<Flag> {
    let b = e.hooper.filter(|b| b.z >= AMBER_SD)?;
    Some(flag(
        "wellbeing_down",
        ReadinessLevel::Amber,
        Signal::Subjective,
        format!(
            "Your well-being score (sleep quality + fatigue + stress + soreness, 4 best … 28 worst) has averaged {:.1} over the last 7 days, {:.1} SD worse than your 60-day baseline of {:.1}.",
            b.recent_mean, b.z, b.baseline_mean
        ),
    ))
}

/// Subjective: fatigue above 5 for more than a week is staleness (Hooper 1995): red; fatigue rated bad
/// ([`HOOPER_BAD`]) on [`PERSISTENT_FATIGUE_DAYS`] check-ins in a row: amber.
fn persistent_fatigue(e: &Evidence<'_>) -> Option<Flag> {
    let stale = e.fatigue_streak(STALE_FATIGUE);
    let tired = e.fatigue_streak(HOOPER_BAD);
    if stale >= STALE_DAYS {
        Some(flag(
            "persistent_fatigue",
            ReadinessLevel::Red,
            Signal::Subjective,
            format!(
                "You have rated your fatigue {STALE_FATIGUE} or worse (of 7) for {stale} days in a row; fatigue above 5 for more than a week marked staleness (Hooper 1995)."
            ),
        ))
    } else if tired >= PERSISTENT_FATIGUE_DAYS {
        Some(flag(
            "persistent_fatigue",
            ReadinessLevel::Amber,
            Signal::Subjective,
            format!(
                "You have rated your fatigue {HOOPER_BAD} or worse (of 7) for {tired} days in a row."
            ),
        ))
    } else {
        None
    }
}

/// Subjective: [`POOR_NIGHTS`] of the last 7 nights short (under [`SHORT_SLEEP_H`], Hirshkowitz 2015) or
/// poor (quality [`HOOPER_BAD`] or worse): amber.
fn poor_sleep(e: &Evidence<'_>) -> Option<Flag> {
    let t = e.today;
    let week: Vec<&Wellness> = e
        .days
        .range(t - RECENT_DAYS + 1..=t)
        .map(|(_, w)| *w)
        .collect();
    let poor = week
        .iter()
        .filter(|w| {
            w.sleep_hours
                .is_some_and(|h| h.is_finite() && h < SHORT_SLEEP_H)
                || w.sleep_quality
                    .is_some_and(|q| (HOOPER_BAD..=HOOPER_WORST).contains(&q))
        })
        .count();
    (poor >= POOR_NIGHTS).then(|| {
        flag(
            "poor_sleep",
            ReadinessLevel::Amber,
            Signal::Subjective,
            format!(
                "{poor} of your last {} nights were short (under {SHORT_SLEEP_H:.0} h) or poor (quality {HOOPER_BAD} or worse of 7); adults need 7–9 h (Hirshkowitz 2015).",
                week.len()
            ),
        )
    })
}

/// Subjective: illness reported today or yesterday: red.
fn illness(e: &Evidence<'_>) -> Option<Flag> {
    let t = e.today;
    let (&d, _) = e.days.range(t - 1..=t).rev().find(|(_, w)| w.illness)?;
    let when = if d == t { "today" } else { "yesterday" };
    Some(flag(
        "illness",
        ReadinessLevel::Red,
        Signal::Subjective,
        format!(
            "You reported feeling ill {when}: rest until you have been symptom-free for a day or two."
        ),
    ))
}

/// Subjective: pain reported today: amber.
fn pain(e: &Evidence<'_>) -> Option<Flag> {
    e.days.get(&e.today).is_some_and(|w| w.pain).then(|| {
        flag(
            "pain",
            ReadinessLevel::Amber,
            Signal::Subjective,
            "You reported pain today: never train through it.".into(),
        )
    })
}

/// Performance: a main lift's e1RM down by [`PERFORMANCE_DROP`] or more (last 3 weeks against the 6
/// before): amber.
fn e1rm_falling(e: &Evidence<'_>) -> Option<Flag> {
    let falling: Vec<&LiftTrend> = e
        .signals
        .lifts
        .iter()
        .filter(|l| l.previous_e1rm_kg > 0.0 && l.change() <= -PERFORMANCE_DROP)
        .collect();
    if falling.is_empty() {
        return None;
    }
    let list = falling
        .iter()
        .map(|l| {
            format!(
                "{} {:.0} → {:.0} kg ({:+.0}%)",
                l.exercise,
                l.previous_e1rm_kg,
                l.recent_e1rm_kg,
                l.change() * 100.0
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(flag(
        "e1rm_falling",
        ReadinessLevel::Amber,
        Signal::Performance,
        format!(
            "Your estimated 1RM is falling: {list} (last 3 weeks against the 6 before). Decreased performance is the hallmark of overreaching — unless you are deloading on purpose."
        ),
    ))
}

/// Performance: easy runs cover [`PERFORMANCE_DROP`] or more fewer metres per heartbeat (last 2 weeks
/// against the 6 before): amber.
fn easy_run_efficiency_falling(e: &Evidence<'_>) -> Option<Flag> {
    let eff = e
        .signals
        .efficiency
        .filter(|eff| eff.change() <= -PERFORMANCE_DROP)?;
    Some(flag(
        "easy_run_efficiency_falling",
        ReadinessLevel::Amber,
        Signal::Performance,
        format!(
            "Your easy runs (average heart rate ≤ {:.0} bpm) covered {:.2} m per heartbeat over the last 2 weeks against {:.2} in the 6 before ({:+.0}%). Heat, hills and surfaces change this too.",
            eff.ceiling_bpm,
            eff.recent_m_per_beat,
            eff.previous_m_per_beat,
            eff.change() * 100.0
        ),
    ))
}

/// Load: the established acute:chronic ratio at or above [`ACWR_AMBER`] (amber) or [`ACWR_RED`] (red).
fn load_spike(e: &Evidence<'_>) -> Option<Flag> {
    let load = e.signals.load;
    let ratio = load.established_acwr().filter(|r| *r >= ACWR_AMBER)?;
    let level = if ratio >= ACWR_RED {
        ReadinessLevel::Red
    } else {
        ReadinessLevel::Amber
    };
    Some(flag(
        "load_spike",
        level,
        Signal::Load,
        format!(
            "Your 7-day load is {ratio:.1}× your 28-day average ({:.0} vs {:.0} AU a day): much more than you are used to.",
            load.acute, load.chronic
        ),
    ))
}

/// Load: this week more than [`WEEKLY_JUMP`] × last week (Nielsen 2014): amber.
fn load_jump(e: &Evidence<'_>) -> Option<Flag> {
    let load = e.signals.load;
    let ratio = load.week_over_week().filter(|r| *r > WEEKLY_JUMP)?;
    Some(flag(
        "load_jump",
        ReadinessLevel::Amber,
        Signal::Load,
        format!(
            "This week's load ({:.0} AU) is {:.0}% above last week's ({:.0} AU); weekly jumps above 30% were linked to more running injuries (Nielsen 2014).",
            load.week_load,
            (ratio - 1.0) * 100.0,
            load.previous_week_load
        ),
    ))
}

/// Load: a monotonous week strained beyond the athlete's usual (Foster 1998; [`LoadMetrics::strain_flag`]):
/// amber.
fn monotony_high(e: &Evidence<'_>) -> Option<Flag> {
    let load = e.signals.load;
    if !load.strain_flag() {
        return None;
    }
    let (Some(m), Some(st), Some(usual)) = (load.monotony, load.strain, load.usual_strain) else {
        return None;
    };
    let monotony = if m >= crate::load::series::MAX_MONOTONY {
        "the same load every day".to_string()
    } else {
        format!("monotony {m:.1}")
    };
    let usual = if usual > 0.0 {
        format!(
            "{:.1}× your usual strain of {usual:.0} (the {} weeks before)",
            st / usual,
            crate::load::series::USUAL_STRAIN_WEEKS
        )
    } else {
        format!(
            "after {} weeks without training",
            crate::load::series::USUAL_STRAIN_WEEKS
        )
    };
    Some(flag(
        "monotony_high",
        ReadinessLevel::Amber,
        Signal::Load,
        format!(
            "Your last 7 days were monotonous and hard: {monotony}, strain {st:.0} — {usual}. Illnesses clustered where athletes went above their own usual strain (Foster 1998). Put easy days or a rest day between the hard ones."
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(level: ReadinessLevel, signal: Signal) -> Flag {
        Flag {
            code: "x",
            level,
            signal,
            message: String::new(),
        }
    }

    #[test]
    fn level_rules() {
        use ReadinessLevel::*;
        assert_eq!(level_of(&[]), Green);
        assert_eq!(level_of(&[f(Amber, Signal::Load)]), Amber);
        assert_eq!(
            level_of(&[
                f(Amber, Signal::Load),
                f(Amber, Signal::Load),
                f(Amber, Signal::Autonomic)
            ]),
            Amber
        );
        assert_eq!(
            level_of(&[
                f(Amber, Signal::Load),
                f(Amber, Signal::Subjective),
                f(Amber, Signal::Autonomic)
            ]),
            Red
        );
        assert_eq!(level_of(&[f(Red, Signal::Performance)]), Red);
    }

    #[test]
    fn hooper_score_needs_all_four_items() {
        let mut w = Wellness {
            sleep_quality: Some(3),
            fatigue: Some(4),
            stress: Some(2),
            soreness: Some(5),
            ..Default::default()
        };
        assert_eq!(hooper_score(&w), Some(14.0));
        w.stress = None;
        assert_eq!(hooper_score(&w), None);
        w.stress = Some(9);
        assert_eq!(hooper_score(&w), None);
    }
}
