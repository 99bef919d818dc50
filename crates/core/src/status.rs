//! The status report: how much the athlete has been training compared with what they are used to, which
//! muscles are still recovering, and whether the body says "back off" — in one call, [`status`].
//!
//! The store gathers a [`StatusInput`] (the athlete, their time zone, every session's stored load, the
//! recent strength sessions with their sets, recent runs, wellness check-ins); [`status`] turns it into the
//! JSON contract's [`StatusResponse`]. [`snapshot`] gives the same as a domain value, [`Status`], which the
//! advisor takes as history: `advice::advise_with(&request, now, Some(&snapshot(&input, now)))`.
//!
//! Pure and deterministic: the instant is passed in, nothing is read from a clock, and sessions after it
//! are ignored (so a status "as of last Tuesday" is what it was last Tuesday).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::athlete::Athlete;
use crate::catalogue::{Aliases, Muscle};
use crate::contract::{
    Caveat, DailyLoad, LoadSummary, MaturityState, MuscleRecovery, ReadinessReason,
    ReadinessReport, StatusResponse, TrendMaturity,
};
use crate::fatigue::{self, CardioDose, MuscleFatigue};
use crate::load::series::{self, DailyMetrics, MAX_HISTORY_DAYS, date_from_epoch_day, epoch_day};
use crate::load::{LoadMetrics, Maturity, lift_minutes};
use crate::readiness::{self, Readiness, Signals};
use crate::science::amount;
use crate::session::{Sport, StrengthSession, Wellness};

pub use crate::readiness::RunSummary;

/// Everything the status is computed from, as the store keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusInput {
    pub athlete: Athlete,
    /// Where the athlete's days begin and end.
    pub time_zone: TimeZone,
    /// Every session's load (cardio and lifting), as computed at import by [`crate::load::activity_load`] and
    /// [`crate::load::lift_load`]. The whole history is best (the chronic values need weeks); order does not
    /// matter.
    pub sessions: Vec<LoggedSession>,
    /// Strength sessions with their sets: the last two weeks for muscle fatigue, the last nine for the e1RM
    /// trend (older ones are ignored).
    pub lifts: Vec<StrengthSession>,
    /// Runs of the last eight weeks, for easy-run efficiency (older ones are ignored).
    pub runs: Vec<RunSummary>,
    /// Daily check-ins by local date: the last ten weeks are used.
    pub wellness: Vec<(Date, Wellness)>,
    /// The athlete's own exercise names (`afterlift exercises alias`).
    pub aliases: Aliases,
}

/// One session's stored load.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoggedSession {
    pub started_at: Timestamp,
    /// Duration in seconds when known (cardio fatigue counts from the end).
    pub duration_s: Option<f64>,
    pub kind: SessionKind,
    /// Session load, AU.
    pub load: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionKind {
    Cardio(Sport),
    Lift,
}

/// The status as a domain value: what the report shows and what the advisor reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub at: Timestamp,
    /// The athlete's local date of `at`.
    pub today: Date,
    pub time_zone: TimeZone,
    pub load: LoadMetrics,
    pub muscles: MuscleFatigue,
    pub readiness: Readiness,
    /// When the most recent strength session before `at` ended.
    pub last_lift_ended_at: Option<Timestamp>,
    /// The athlete's own exercise names, for the advisor to read today's lift with.
    pub aliases: Aliases,
    /// Each logged session's best estimated 1RM per exercise, for judging a new session's bar weights
    /// against the athlete's own strength ([`Status::best_e1rm_kg`]).
    /// Shared: a snapshot is cloned for every advice a cache answers from it, and a long log holds
    /// thousands of these.
    pub strength: std::sync::Arc<[LoggedE1rm]>,
    /// The key runs (long or hard) of the last two days, for the advice on lifting after them.
    pub key_runs: Vec<KeyRun>,
    /// VDOT estimated from the recent runs with heart rate (for training paces when no race is given).
    pub vdot_estimate: Option<crate::contract::PaceSource>,
}

/// A run long or hard enough to be an endurance athlete's key session.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeyRun {
    pub ended_at: Timestamp,
    pub minutes: f64,
    /// Average heart rate in the "comfortably hard" band or above.
    pub hard: bool,
}

impl KeyRun {
    /// `long run (95 min)` or `hard run (40 min)`.
    pub fn describe(&self) -> String {
        let what = if self.hard { "hard run" } else { "long run" };
        format!("{what} ({:.0} min)", self.minutes)
    }
}

/// A run at least this long is a long run (afterlift's threshold: beyond the 30–60 min of an easy run).
pub const LONG_RUN_MINUTES: f64 = 75.0;
/// A run whose average heart rate is at least this share of HRmax was hard: the lower edge of the
/// "comfortably hard" (tempo) band, 77 % HRmax (ACSM vigorous; Garber 2011).
pub const HARD_RUN_HR_MAX_FRACTION: f64 = 0.77;

/// One exercise's best estimated 1RM in one logged session (Epley, working sets of 1–12 reps).
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedE1rm {
    /// The catalogue's name of the exercise.
    pub exercise: String,
    pub ended_at: Timestamp,
    pub e1rm_kg: f64,
}

/// How far back a logged e1RM still says what the athlete can lift: 12 weeks, the span of a typical
/// training block; strength gained or lost beyond it makes older numbers unreliable.
pub const E1RM_LOOKBACK_DAYS: i64 = 84;

impl Status {
    /// A status with no history at all: zero load, fresh muscles, green.
    pub fn empty(at: Timestamp, time_zone: TimeZone) -> Status {
        Status {
            at,
            today: time_zone.to_datetime(at).date(),
            time_zone,
            load: LoadMetrics::default(),
            muscles: MuscleFatigue::fresh(at),
            readiness: Readiness::default(),
            last_lift_ended_at: None,
            aliases: Aliases::new(),
            strength: std::sync::Arc::from([]),
            key_runs: Vec::new(),
            vdot_estimate: None,
        }
    }

    /// This snapshot moved on to `t` (later, on the same day, before the history's next change point:
    /// [`ChangePoints::steady_until`]): the muscles' fatigue decayed to `t`, the rest as it is — which is
    /// then the snapshot as of `t` up to floating-point rounding.
    pub fn later(&self, t: Timestamp) -> Status {
        Status {
            at: t,
            muscles: self.muscles.decayed_to(t),
            ..self.clone()
        }
    }

    /// Leg readiness at `t` (per cent), from the muscle model.
    pub fn leg_readiness_pct(&self, t: Timestamp) -> f64 {
        self.muscles.leg_readiness_pct(t)
    }

    /// The most recent key run that ended before `t` and at most `within_h` hours before it.
    pub fn key_run_before(&self, t: Timestamp, within_h: f64) -> Option<&KeyRun> {
        self.key_runs
            .iter()
            .filter(|r| {
                r.ended_at <= t && t.duration_since(r.ended_at).as_secs_f64() <= within_h * 3600.0
            })
            .max_by_key(|r| r.ended_at)
    }

    /// The best e1RM for `exercise` (catalogue name) from sessions that ended before `before` and within
    /// [`E1RM_LOOKBACK_DAYS`] of it: the athlete's own strength, so a session is not judged against itself.
    pub fn best_e1rm_kg(&self, exercise: &str, before: Timestamp) -> Option<f64> {
        let since = before
            .checked_sub(SignedDuration::from_hours(24 * E1RM_LOOKBACK_DAYS))
            .unwrap_or(before);
        self.strength
            .iter()
            .filter(|e| e.exercise == exercise && e.ended_at < before && e.ended_at >= since)
            .map(|e| e.e1rm_kg)
            .reduce(f64::max)
    }
}

/// The status as of `at`. See [`status`] for the report.
pub fn snapshot(input: &StatusInput, at: Timestamp) -> Status {
    compute(input, at, 0).0
}

/// [`status`] in two parts: the snapshot as of `at` and the daily series its report for `days` shows,
/// so that a reader re-using the snapshot ([`Status::later`]) can give the report again
/// ([`report_of`]) without walking the history.
pub fn snapshot_with_series(
    input: &StatusInput,
    at: Timestamp,
    days: u32,
) -> (Status, Vec<DailyMetrics>) {
    compute(input, at, days)
}

/// The report of a snapshot and the series [`snapshot_with_series`] gave with it for the same `days`.
pub fn report_of(snapshot: &Status, series: &[DailyMetrics], days: u32) -> StatusResponse {
    response(snapshot, series, days)
}

/// How long a key run counts for the advice on lifting after it ([`Status::key_runs`]).
pub const KEY_RUN_WINDOW_H: i64 = 48;

/// The margin kept around every change point: the core computes session ends in floating point.
const CHANGE_MARGIN: SignedDuration = SignedDuration::from_secs(1);

/// When [`snapshot`] changes other than by the muscles' exponential decay: every session's start and end,
/// when it leaves the fatigue model's look-back ([`fatigue::LOOKBACK_H`]), when a run leaves the key-run
/// window ([`KEY_RUN_WINDOW_H`]) and the VDOT estimate's ([`crate::workout::ESTIMATE_WINDOW_DAYS`]), and
/// midnight. Between two of them, with no session in progress, the snapshot at `t` equals the snapshot at
/// an earlier `t0` moved on to `t` ([`Status::later`]): the load series, the check-ins, the e1RM and
/// run-efficiency trends are per day, the key runs and the VDOT estimate change only when a run enters
/// or leaves their windows, and the muscles' fatigue decays exponentially (memoryless), so the report and
/// the advisor's questions give the same answers up to floating-point rounding. A reader may therefore
/// re-use a snapshot until [`ChangePoints::steady_until`] (the server's log cache does).
#[derive(Debug, Clone, Default)]
pub struct ChangePoints {
    /// Sorted.
    events: Vec<Timestamp>,
    /// Every session as `[start, end)`, for "is one in progress": a session's fatigue counts from its end
    /// but is dealt at the present while it lasts, which decays differently.
    sessions: Vec<(Timestamp, Timestamp)>,
}

impl ChangePoints {
    /// The change points of `input`'s history.
    pub fn of(input: &StatusInput) -> ChangePoints {
        let lookback = SignedDuration::try_from_secs_f64(fatigue::LOOKBACK_H * 3600.0)
            .unwrap_or(SignedDuration::ZERO);
        let key_run = SignedDuration::from_hours(KEY_RUN_WINDOW_H);
        let vdot_window = SignedDuration::from_hours(24 * crate::workout::ESTIMATE_WINDOW_DAYS);
        let end = |start: Timestamp, secs: f64| {
            SignedDuration::try_from_secs_f64(if secs.is_finite() { secs.max(0.0) } else { 0.0 })
                .ok()
                .and_then(|d| start.checked_add(d).ok())
                .unwrap_or(start)
        };
        let mut events = Vec::with_capacity(
            input.sessions.len() * 4 + input.lifts.len() * 3 + input.runs.len() * 2,
        );
        let mut sessions = Vec::with_capacity(input.sessions.len() + input.lifts.len());
        for s in &input.sessions {
            let ended = end(s.started_at, s.duration_s.unwrap_or(0.0));
            events.extend([
                s.started_at,
                ended,
                shift(s.started_at, lookback),
                shift(ended, lookback),
            ]);
            sessions.push((s.started_at, ended));
        }
        for l in &input.lifts {
            let ended = end(l.started_at, lift_minutes(l) * 60.0);
            events.extend([l.started_at, ended, shift(l.started_at, lookback)]);
            sessions.push((l.started_at, ended));
        }
        for r in &input.runs {
            let ended = end(r.started_at, r.duration_s);
            events.extend([
                r.started_at,
                ended,
                shift(ended, key_run),
                shift(r.started_at, vdot_window),
            ]);
            sessions.push((r.started_at, ended));
        }
        events.sort_unstable();
        ChangePoints { events, sessions }
    }

    /// Until when a snapshot taken at `at` may be re-used ([`Status::later`]): a second before the next
    /// change point after it, and before the local midnight after it in `time_zone`. `None` when it may
    /// not be re-used at all: a session is in progress at `at`, or a change point is within a second of it.
    pub fn steady_until(&self, at: Timestamp, time_zone: &TimeZone) -> Option<Timestamp> {
        let in_progress = self.sessions.iter().any(|&(start, end)| {
            shift(start, -CHANGE_MARGIN) <= at && at < shift(end, CHANGE_MARGIN)
        });
        if in_progress {
            return None;
        }
        let first = self
            .events
            .partition_point(|e| *e < shift(at, -CHANGE_MARGIN));
        let midnight = time_zone
            .to_datetime(at)
            .date()
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned(time_zone.clone()).ok())
            .map_or(at, |z| z.timestamp());
        let until = match self.events.get(first) {
            Some(e) => midnight.min(shift(*e, -CHANGE_MARGIN)),
            None => midnight,
        };
        (until > at).then_some(until)
    }
}

/// `t + d`, saturating at the ends of time.
fn shift(t: Timestamp, d: SignedDuration) -> Timestamp {
    t.checked_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// The status report as of `at`, with the last `days` days of the daily series (0 gives none; at most
/// [`MAX_HISTORY_DAYS`]). Never panics: empty history, one day or junk values give a (mostly zero) report.
pub fn status(input: &StatusInput, at: Timestamp, days: u32) -> StatusResponse {
    let (s, series) = compute(input, at, days);
    response(&s, &series, days)
}

fn end_of(start: Timestamp, duration_s: Option<f64>) -> Timestamp {
    let secs = amount(duration_s.unwrap_or(0.0));
    SignedDuration::try_from_secs_f64(secs)
        .ok()
        .and_then(|d| start.checked_add(d).ok())
        .unwrap_or(start)
}

fn compute(input: &StatusInput, at: Timestamp, days: u32) -> (Status, Vec<DailyMetrics>) {
    let tz = &input.time_zone;
    let today = tz.to_datetime(at).date();
    let past: Vec<&LoggedSession> = input
        .sessions
        .iter()
        .filter(|s| s.started_at <= at)
        .collect();

    // The daily series: from the first session (or the first day asked for) to today.
    let t = epoch_day(today);
    let first_session = past
        .iter()
        .map(|s| epoch_day(tz.to_datetime(s.started_at).date()))
        .min()
        .unwrap_or(t);
    let asked = t - i64::from(days.max(1)) + 1;
    let start = first_session.min(asked).max(t - MAX_HISTORY_DAYS);
    let first = date_from_epoch_day(start).unwrap_or(today);
    let daily = series::daily_loads(
        past.iter().map(|s| (s.started_at, s.load)),
        tz,
        first,
        today,
    );
    let metrics = series::metrics_series(&daily);
    let load = series::metrics_at(&metrics, metrics.len());

    // Muscles: lifts with their sets, cardio from the stored loads.
    let cardio: Vec<CardioDose> = past
        .iter()
        .filter_map(|s| match s.kind {
            SessionKind::Cardio(sport) => Some(CardioDose {
                started_at: s.started_at,
                ended_at: end_of(s.started_at, s.duration_s),
                sport,
                load: s.load,
            }),
            SessionKind::Lift => None,
        })
        .collect();
    let muscles = MuscleFatigue::from_history_with(&input.lifts, &cardio, at, &input.aliases);

    let lift_ends = input
        .lifts
        .iter()
        .filter(|l| l.started_at <= at)
        .map(|l| end_of(l.started_at, Some(lift_minutes(l) * 60.0)))
        .chain(
            past.iter()
                .filter(|s| s.kind == SessionKind::Lift)
                .map(|s| end_of(s.started_at, s.duration_s)),
        );
    let last_lift_ended_at = lift_ends.map(|e| e.min(at)).max();

    let lifts = readiness::e1rm_trends(&input.lifts, tz, today, &input.aliases);
    let efficiency = readiness::easy_run_efficiency(&input.runs, &input.athlete, tz, today);
    let readiness = readiness::assess(&Signals {
        wellness: &input.wellness,
        today,
        load: &load,
        lifts: &lifts,
        efficiency: efficiency.as_ref(),
    });

    let status = Status {
        at,
        today,
        time_zone: tz.clone(),
        load,
        muscles,
        readiness,
        last_lift_ended_at,
        aliases: input.aliases.clone(),
        strength: strength_history(&input.lifts, &input.aliases, at).into(),
        key_runs: key_runs(input, at),
        vdot_estimate: crate::workout::pace_source_from_runs(&input.runs, &input.athlete, at),
    };
    (status, metrics)
}

/// Reps in reserve assumed for a logged set without RPE: most trainees stop 1–3 reps short of failure
/// (Zourdos 2016 found RIR ratings accurate within about a rep near failure; Helms 2016 recommends 1–3 RIR
/// for most working sets). The same assumption as the advisor's for a set without RPE.
pub const ASSUMED_RIR: f64 = 2.0;

/// A session's best e1RM for one exercise: Epley at the reps the set could have been taken to (reps + RIR,
/// RIR from the set's RPE, else [`ASSUMED_RIR`]), over working sets of 1–12 reps
/// ([`crate::readiness::E1RM_MAX_REPS`]) with a weight.
fn session_e1rm(sets: &[crate::session::SetLog]) -> Option<f64> {
    sets.iter()
        .filter(|s| s.kind != crate::session::SetKind::Warmup)
        .filter_map(|s| {
            let reps = s
                .reps
                .filter(|r| (1..=crate::readiness::E1RM_MAX_REPS).contains(r))?;
            let kg = s.weight_kg.filter(|w| w.is_finite() && *w > 0.0)?;
            let rir = s
                .rpe
                .filter(|r| crate::limits::SET_RPE.contains(*r))
                .map_or(ASSUMED_RIR, crate::science::strength::rir_from_rpe);
            Some(kg * (1.0 + (f64::from(reps) + rir) / 30.0))
        })
        .reduce(f64::max)
}

fn key_runs(input: &StatusInput, at: Timestamp) -> Vec<KeyRun> {
    let hr_max = crate::science::heart::hr_max(
        &input.athlete,
        crate::science::heart::HrMaxFormula::default(),
    );
    input
        .runs
        .iter()
        .filter_map(|r| {
            let ended_at = end_of(r.started_at, Some(r.duration_s));
            let age_h = at.duration_since(ended_at).as_secs_f64() / 3600.0;
            if ended_at > at || age_h > KEY_RUN_WINDOW_H as f64 {
                return None;
            }
            let minutes = amount(r.duration_s) / 60.0;
            let hard =
                r.avg_hr_bpm.is_finite() && r.avg_hr_bpm >= HARD_RUN_HR_MAX_FRACTION * hr_max;
            (hard || minutes >= LONG_RUN_MINUTES).then_some(KeyRun {
                ended_at,
                minutes,
                hard,
            })
        })
        .collect()
}

fn strength_history(
    lifts: &[StrengthSession],
    aliases: &Aliases,
    at: Timestamp,
) -> Vec<LoggedE1rm> {
    let cat = crate::catalogue::catalogue();
    // Each distinct name is resolved once: a log repeats a few exercises thousands of times, and this runs
    // for every status and snapshot (the same name with the same aliases always resolves the same way).
    let mut resolved: std::collections::HashMap<&str, Option<&crate::catalogue::Exercise>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for s in lifts.iter().filter(|s| s.started_at <= at) {
        let ended_at = end_of(s.started_at, Some(lift_minutes(s) * 60.0));
        for e in &s.exercises {
            let known = *resolved
                .entry(e.name.as_str())
                .or_insert_with(|| cat.resolve_with(&e.name, aliases).exercise());
            let Some(known) = known else {
                continue;
            };
            if let Some(best) = session_e1rm(&e.sets) {
                out.push(LoggedE1rm {
                    exercise: known.name.clone(),
                    ended_at,
                    e1rm_kg: best,
                });
            }
        }
    }
    out
}

fn round(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    let r = (x * f).round() / f;
    if r.is_finite() { r } else { 0.0 }
}

fn response(s: &Status, series: &[DailyMetrics], days: u32) -> StatusResponse {
    let l = &s.load;
    let keep = usize::try_from(days)
        .unwrap_or(usize::MAX)
        .min(series.len());
    let daily = series[series.len() - keep..]
        .iter()
        .map(|d| DailyLoad {
            date: d.date,
            load: round(d.load, 1),
            acute: round(d.acute, 1),
            chronic: round(d.chronic, 1),
            acwr: d.acwr().map(|r| round(r, 2)),
            ctl: round(d.ctl, 1),
            atl: round(d.atl, 1),
            tsb: round(d.tsb(), 1),
        })
        .collect();
    let muscles = Muscle::ALL
        .into_iter()
        .map(|m| MuscleRecovery {
            muscle: m,
            recovered_pct: round(s.muscles.recovered_pct(m, s.at), 1),
            ready_at: s
                .muscles
                .ready_at(m, fatigue::READY_PCT)
                .map(|t| ready_time(t, &s.time_zone)),
        })
        .collect();
    let reasons = s
        .readiness
        .flags
        .iter()
        .map(|f| ReadinessReason {
            code: f.code.to_string(),
            level: f.level,
            message: f.message.clone(),
        })
        .collect();

    StatusResponse {
        at: crate::time::local(s.at, &s.time_zone),
        load: LoadSummary {
            acute: round(l.acute, 1),
            chronic: round(l.chronic, 1),
            acwr: l.acwr().map(|r| round(r, 2)),
            ctl: round(l.ctl, 1),
            atl: round(l.atl, 1),
            tsb: round(l.tsb(), 1),
            ramp: round(l.ramp, 1),
            monotony: l.monotony.map(|m| round(m, 2)),
            strain: l.strain.map(|x| round(x, 0)),
            week: round(l.week_load, 0),
            previous_week: round(l.previous_week_load, 0),
            history_days: l.history_days,
            acwr_maturity: maturity(l.acwr_maturity()),
            form_maturity: maturity(l.form_maturity()),
            monotony_maturity: maturity(l.monotony_maturity()),
            usual_strain: l.usual_strain.map(|x| round(x, 0)),
        },
        daily,
        muscles,
        leg_readiness_pct: round(s.leg_readiness_pct(s.at), 1),
        legs_ready_for_hard_running_at: s
            .muscles
            .legs_ready_at(fatigue::LEGS_HARD_RUN_PCT)
            .map(|t| ready_time(t, &s.time_zone)),
        readiness: ReadinessReport {
            level: s.readiness.level,
            reasons,
        },
        caveats: caveats(s),
        disclaimer: crate::advice::DISCLAIMER.to_string(),
    }
}

/// A modelled "ready at" time, to the second: the model is no finer, and the same instant computed along
/// two paths (fresh, or a snapshot moved on) may differ in its last nanoseconds.
fn ready_time(t: Timestamp, tz: &TimeZone) -> jiff::Zoned {
    crate::time::local(t.round(jiff::Unit::Second).unwrap_or(t), tz)
}

fn maturity(m: Maturity) -> TrendMaturity {
    let state = match m {
        Maturity::Building { .. } => MaturityState::Building,
        Maturity::LowBase { .. } => MaturityState::LowBase,
        Maturity::Established { .. } => MaturityState::Established,
    };
    let (days, days_needed) = m.days();
    TrendMaturity {
        state,
        days,
        days_needed,
    }
}

fn caveat(code: &str, message: impl Into<String>) -> Caveat {
    Caveat {
        code: code.into(),
        message: message.into(),
    }
}

fn caveats(s: &Status) -> Vec<Caveat> {
    let mut out = vec![
        caveat(
            "load_units",
            "Loads are session-RPE units (effort 0–10 × minutes). Sessions with heart rate are measured by Banister's TRIMP and converted so that an hour at conversational effort is 210, the same as an hour rated 3.5; lifting uses its session RPE, or one estimated from the sets.",
        ),
        caveat(
            "acwr_is_a_trend",
            "The acute:chronic ratio shows how this week compares with what you are used to. It is a trend, not an injury predictor: the evidence behind it has been seriously criticised (Lolli 2019; Impellizzeri 2021).",
        ),
        caveat(
            "muscle_model",
            "Muscle recovery is a model's estimate from your sets and sessions (recovery times of 15–24 h constants after published timelines); how your muscles feel overrules it.",
        ),
    ];
    let l = &s.load;
    let h = l.history_days;
    if h == 0 {
        out.push(caveat(
            "no_history",
            "No training logged before this moment: load trends start with your first session.",
        ));
    }
    match l.acwr_maturity() {
        Maturity::Building { days, needed } if h > 0 => out.push(caveat(
            "acwr_building",
            format!(
                "The acute:chronic ratio is building ({days} of {needed} days): the 28-day average starts from zero when your log begins, so early ratios overstate how much more you are doing than usual. It raises no flag and changes no advice until day {needed}."
            ),
        )),
        Maturity::LowBase { .. } => out.push(caveat(
            "acwr_low_base",
            format!(
                "Your 28-day average is under {:.0} AU a day (about 40 minutes of easy running a week): a ratio over so small a base is noise, so it raises no flag.",
                series::MIN_CHRONIC_AU_PER_DAY
            ),
        )),
        _ => {}
    }
    if let Maturity::Building { days, needed } = l.form_maturity()
        && h > 0
    {
        out.push(caveat(
            "form_building",
            format!(
                "Fitness, fatigue and form are building ({days} of {needed} days): fitness (CTL) averages over a 42-day time constant (Coggan), so it needs at least that long to reflect your training. Both curves start from your average daily load over your first {} logged days (as if you trained before the log as you did in its first weeks); until day {needed} read them as rough.",
                series::PMC_SEED_DAYS
            ),
        ));
    }
    if let Maturity::Building { days, needed } = l.monotony_maturity()
        && h > 0
    {
        out.push(caveat(
            "monotony_building",
            format!(
                "Monotony and strain are building ({days} of {needed} days): a week's strain is judged against your usual — the three weeks before it — so the monotony flag waits until day {needed}."
            ),
        ));
    }
    if s.readiness.resting_hr.is_none() && s.readiness.ln_rmssd.is_none() {
        out.push(caveat(
            "no_baselines",
            format!(
                "Resting heart rate and HRV are compared with your own baseline once there are at least {} morning readings this week and {} in the 60 days before.",
                readiness::MIN_RECENT_READINGS,
                readiness::MIN_BASELINE_READINGS
            ),
        ));
    }
    out
}
