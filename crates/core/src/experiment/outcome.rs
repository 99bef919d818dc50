//! The outcomes an experiment can compare, declared before it starts, and each one's series of dated
//! observations computed from the log ([`observations`]).
//!
//! | outcome | one observation | unit | better |
//! |---|---|---|---|
//! | [`OutcomeKind::E1rm`] | a session's best e1RM of the declared lift ([`readiness::best_e1rm`]: Epley, 1–12 reps) | kg | higher |
//! | [`OutcomeKind::EasyRunEfficiency`] | a run's metres per heartbeat over its easy, steady part (below a ceiling fixed at the start) | m/beat | higher |
//! | [`OutcomeKind::RestingHr`] | a morning's resting heart rate, for the day before | bpm | lower |
//! | [`OutcomeKind::Hrv`] | a morning's ln rMSSD, for the day before | ln ms | higher |
//! | [`OutcomeKind::Hooper`] | a morning's Hooper score (4–28), for the day before | points | lower |
//! | [`OutcomeKind::Soreness`] | a morning's soreness item (1–7), for the day before | points | lower |
//! | [`OutcomeKind::SessionRpe`] | a session's own rating (CR-10) | CR-10 | lower |
//! | [`OutcomeKind::Adherence`] | a day's share of sessions done as the strategy says (the caller's series) | % | higher |
//! | [`OutcomeKind::WeeklyMinutes`] | a day's training minutes × 7 (so a period's mean is minutes a week) | min/week | neither |
//!
//! Morning measures (resting HR, HRV, Hooper, soreness) are dated the day **before** the check-in: they tell
//! how the athlete came out of that day's training, so they belong to the period that day was in. The
//! adherence and the minutes describe what was done, not how the body answered: no washout applies to
//! them ([`OutcomeKind::uses_washout`]).

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::athlete::Athlete;
use crate::catalogue::{self, Aliases};
use crate::hr_zones::MAX_SAMPLE_GAP_S;
use crate::limits;
use crate::load::lift_minutes;
use crate::readiness::{self, RUN_AVG_HR, RUN_SPEED_MPS, RunSummary};
use crate::science::amount;
use crate::session::{Activity, Sport, StrengthSession, Wellness};

/// The first seconds of a run left out of its efficiency: oxygen uptake and heart rate need about 3 min
/// to reach a steady state at a moderate effort (Whipp BJ & Wasserman K 1972, "Oxygen uptake kinetics
/// for various intensities of constant-load work", J Appl Physiol 33:351); 5 min leaves a margin.
/// Friel's aerobic decoupling is likewise read after the warm-up. afterlift's choice of the margin.
pub const STEADY_FROM_S: u32 = 300;

/// The least easy, steady running (after [`STEADY_FROM_S`]) that gives a run's efficiency, seconds: less
/// says more about the watch than the runner. afterlift's choice.
pub const MIN_STEADY_S: f64 = 300.0;

/// What was measured, and how ([`observations`]). Serialised as `{"kind": "e1rm", "exercise": "Squat
/// (Barbell)"}`, `{"kind": "resting_hr"}`, …
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutcomeKind {
    /// The session's best estimated 1RM of one lift, as the catalogue names it (the athlete's aliases and
    /// confident close matches read as the history and readiness read them).
    E1rm { exercise: String },
    /// Easy-run efficiency: metres per heartbeat over the easy, steady part of each run, at or below
    /// `ceiling_bpm` — fixed when the experiment is declared ([`OutcomeKind::declared_for`]), so a later
    /// change of the profile does not change what is measured; `None` reads the athlete's current ceiling.
    EasyRunEfficiency {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ceiling_bpm: Option<u16>,
    },
    /// Next-morning resting heart rate.
    RestingHr,
    /// Next-morning HRV as ln rMSSD.
    Hrv,
    /// Next-morning Hooper score: sleep quality + fatigue + stress + soreness.
    Hooper,
    /// Next-morning soreness (the Hooper item).
    Soreness,
    /// Session RPE, as rated.
    SessionRpe,
    /// Adherence to the strategy, the caller's daily series.
    Adherence,
    /// Training minutes a week (cardio timer time and lifts).
    WeeklyMinutes,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Higher,
    Lower,
    /// Neither is better in itself (the minutes trained): a difference is reported as higher or lower.
    Neither,
}

/// How a difference can be put as a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// A quantity with a true zero (kg, m/beat, bpm, minutes): the difference as % of the mean level.
    Ratio,
    /// A natural logarithm (ln rMSSD): a difference d is a ratio e^d, (e^d − 1) × 100 %.
    Log,
    /// A rating scale (Hooper, soreness, RPE) or a share already in %: points only.
    Points,
}

impl OutcomeKind {
    /// Every outcome kind, the lift's with an empty name.
    pub fn all() -> Vec<OutcomeKind> {
        vec![
            OutcomeKind::E1rm {
                exercise: String::new(),
            },
            OutcomeKind::EasyRunEfficiency { ceiling_bpm: None },
            OutcomeKind::RestingHr,
            OutcomeKind::Hrv,
            OutcomeKind::Hooper,
            OutcomeKind::Soreness,
            OutcomeKind::SessionRpe,
            OutcomeKind::Adherence,
            OutcomeKind::WeeklyMinutes,
        ]
    }

    /// This outcome as declared for `athlete`: what depends on the profile is fixed now (the easy-run
    /// ceiling, to the bpm), so the outcome means the same at the end as at the start.
    pub fn declared_for(&self, athlete: &Athlete) -> OutcomeKind {
        match self {
            OutcomeKind::EasyRunEfficiency { ceiling_bpm: None } => {
                OutcomeKind::EasyRunEfficiency {
                    ceiling_bpm: Some(readiness::conversational_ceiling_bpm(athlete).floor() as u16),
                }
            }
            other => other.clone(),
        }
    }

    /// The JSON name of the kind (its serde tag): `"e1rm"`, `"resting_hr"`, …
    pub fn code(&self) -> &'static str {
        match self {
            OutcomeKind::E1rm { .. } => "e1rm",
            OutcomeKind::EasyRunEfficiency { .. } => "easy_run_efficiency",
            OutcomeKind::RestingHr => "resting_hr",
            OutcomeKind::Hrv => "hrv",
            OutcomeKind::Hooper => "hooper",
            OutcomeKind::Soreness => "soreness",
            OutcomeKind::SessionRpe => "session_rpe",
            OutcomeKind::Adherence => "adherence",
            OutcomeKind::WeeklyMinutes => "weekly_minutes",
        }
    }

    /// The smallest difference offered when an athlete declares this outcome, in its unit — a starting
    /// point they change to what matters to them, never imposed. afterlift's choice, each about the
    /// smallest step a person notices or acts on:
    /// - e1RM 2.5 kg: the smallest usual jump on a barbell (a pair of 1.25 kg plates);
    /// - easy-run efficiency 0.03 m/beat: about 2.5 % of a typical easy run's 1.2 m/beat, what 3–4 bpm
    ///   at the same pace make;
    /// - resting heart rate 2 bpm: a watch reads whole beats, and a week's mean moves by less than that
    ///   from one week to the next without a reason;
    /// - HRV 0.05 ln ms: about 5 % of rMSSD;
    /// - Hooper score 2 points, soreness 1 point, session RPE 1 point: one step of a rating (two of the
    ///   four items of the Hooper score's);
    /// - adherence 10 %: one session in ten;
    /// - weekly minutes 30: a short session a week.
    pub fn suggested_smallest_effect(&self) -> f64 {
        match self {
            OutcomeKind::E1rm { .. } => 2.5,
            OutcomeKind::EasyRunEfficiency { .. } => 0.03,
            OutcomeKind::RestingHr => 2.0,
            OutcomeKind::Hrv => 0.05,
            OutcomeKind::Hooper => 2.0,
            OutcomeKind::Soreness | OutcomeKind::SessionRpe => 1.0,
            OutcomeKind::Adherence => 10.0,
            OutcomeKind::WeeklyMinutes => 30.0,
        }
    }

    /// A short name for people.
    pub fn name(&self) -> String {
        match self {
            OutcomeKind::E1rm { exercise } => format!("{exercise} e1RM"),
            OutcomeKind::EasyRunEfficiency { .. } => "easy-run efficiency".into(),
            OutcomeKind::RestingHr => "next-morning resting heart rate".into(),
            OutcomeKind::Hrv => "next-morning HRV (ln rMSSD)".into(),
            OutcomeKind::Hooper => "next-morning Hooper score".into(),
            OutcomeKind::Soreness => "next-morning soreness".into(),
            OutcomeKind::SessionRpe => "session RPE".into(),
            OutcomeKind::Adherence => "adherence".into(),
            OutcomeKind::WeeklyMinutes => "weekly training minutes".into(),
        }
    }

    pub fn unit(&self) -> &'static str {
        match self {
            OutcomeKind::E1rm { .. } => "kg",
            OutcomeKind::EasyRunEfficiency { .. } => "m/beat",
            OutcomeKind::RestingHr => "bpm",
            OutcomeKind::Hrv => "ln ms",
            OutcomeKind::Hooper | OutcomeKind::Soreness => "points",
            OutcomeKind::SessionRpe => "CR-10",
            OutcomeKind::Adherence => "%",
            OutcomeKind::WeeklyMinutes => "min/week",
        }
    }

    pub fn direction(&self) -> Direction {
        match self {
            OutcomeKind::E1rm { .. }
            | OutcomeKind::EasyRunEfficiency { .. }
            | OutcomeKind::Hrv
            | OutcomeKind::Adherence => Direction::Higher,
            OutcomeKind::RestingHr
            | OutcomeKind::Hooper
            | OutcomeKind::Soreness
            | OutcomeKind::SessionRpe => Direction::Lower,
            OutcomeKind::WeeklyMinutes => Direction::Neither,
        }
    }

    pub fn scale(&self) -> Scale {
        match self {
            OutcomeKind::E1rm { .. }
            | OutcomeKind::EasyRunEfficiency { .. }
            | OutcomeKind::RestingHr
            | OutcomeKind::WeeklyMinutes => Scale::Ratio,
            OutcomeKind::Hrv => Scale::Log,
            OutcomeKind::Hooper
            | OutcomeKind::Soreness
            | OutcomeKind::SessionRpe
            | OutcomeKind::Adherence => Scale::Points,
        }
    }

    /// A morning reading, dated the day before its check-in (the day whose training it follows).
    pub fn is_morning(&self) -> bool {
        matches!(
            self,
            OutcomeKind::RestingHr | OutcomeKind::Hrv | OutcomeKind::Hooper | OutcomeKind::Soreness
        )
    }

    /// Whether a period's washout days are left out of this outcome. Adherence and minutes record what
    /// was done in the period — there is nothing carried over to wash out — so they count every day.
    pub fn uses_washout(&self) -> bool {
        !matches!(self, OutcomeKind::Adherence | OutcomeKind::WeeklyMinutes)
    }

    /// Decimals worth showing in the outcome's unit.
    pub fn decimals(&self) -> usize {
        match self {
            OutcomeKind::EasyRunEfficiency { .. } => 3,
            OutcomeKind::Hrv => 2,
            OutcomeKind::Adherence | OutcomeKind::WeeklyMinutes => 0,
            _ => 1,
        }
    }

    /// How it is measured, with its source: the report's description of the outcome (CENT item 6a).
    pub fn method(&self) -> String {
        match self {
            OutcomeKind::E1rm { exercise } => format!(
                "the best estimated 1RM of {exercise} in each session (Epley 1985: kg × (1 + reps/30), \
                 working sets of 1–{} reps), one value per session",
                readiness::E1RM_MAX_REPS
            ),
            OutcomeKind::EasyRunEfficiency { ceiling_bpm } => format!(
                "metres run per heartbeat (speed × 60 ÷ heart rate, time-weighted) over the part of each run \
                 from minute {} on with heart rate at or below {} (the top of the ACSM moderate band, 59 % of \
                 heart-rate reserve): the efficiency factor of Coggan and Allen (speed, not power, per beat), \
                 as readiness reads easy runs; at least {} min of such running",
                STEADY_FROM_S / 60,
                ceiling_bpm.map_or("the conversational ceiling".to_string(), |c| format!(
                    "{c} bpm"
                )),
                MIN_STEADY_S / 60.0
            ),
            OutcomeKind::RestingHr => {
                "the morning resting heart rate, counted for the day before".into()
            }
            OutcomeKind::Hrv => {
                "the morning rMSSD, natural log (Plews et al. 2014), counted for the day \
                                 before"
                    .into()
            }
            OutcomeKind::Hooper => {
                "the morning Hooper score, sleep quality + fatigue + stress + soreness, \
                                    4 (best) … 28 (Hooper et al. 1995), counted for the day before"
                    .into()
            }
            OutcomeKind::Soreness => {
                "the morning soreness rating, 1 (very good) … 7 (very bad), counted for \
                                      the day before"
                    .into()
            }
            OutcomeKind::SessionRpe => {
                "each session's own rating of perceived exertion, CR-10 (Foster 2001)".into()
            }
            OutcomeKind::Adherence => {
                "the share of each day's sessions done as the scheduled strategy says \
                                       (from the strategy tagger)"
                    .into()
            }
            OutcomeKind::WeeklyMinutes => {
                "cardio timer minutes plus lifting minutes per day, × 7".into()
            }
        }
    }
}

/// An outcome as declared before the start: what, and the smallest difference the athlete cares about, in
/// the outcome's unit (for [`OutcomeKind::Hrv`], ln units: 0.05 is about 5 %). The primary outcome's sets
/// the experiment's length. Its OpenAPI schema is one object per kind, its fields inline (the kind is
/// flattened into it), written out below from [`OutcomeKind::all`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OutcomeSpec {
    #[serde(flatten)]
    pub kind: OutcomeKind,
    pub smallest_effect: f64,
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for OutcomeSpec {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        use utoipa::openapi::{KnownFormat, SchemaFormat};
        let mut one_of = OneOfBuilder::new().description(Some(
            "An outcome declared before the start: its `kind` (with the lift's name for `e1rm`) and the \
             smallest difference that matters, in its unit (more than 0).",
        ));
        for kind in OutcomeKind::all() {
            let mut object = ObjectBuilder::new()
                .property(
                    "kind",
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some([kind.code()])),
                )
                .required("kind")
                .property(
                    "smallest_effect",
                    ObjectBuilder::new()
                        .schema_type(Type::Number)
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Double)))
                        .description(Some(format!("In {}; more than 0", kind.unit()))),
                )
                .required("smallest_effect");
            match kind {
                OutcomeKind::E1rm { .. } => {
                    object = object
                        .property(
                            "exercise",
                            ObjectBuilder::new()
                                .schema_type(Type::String)
                                .description(Some("The lift, as the catalogue names it")),
                        )
                        .required("exercise");
                }
                OutcomeKind::EasyRunEfficiency { .. } => {
                    object = object.property(
                        "ceiling_bpm",
                        ObjectBuilder::new()
                            .schema_type(Type::Integer)
                            .minimum(Some(0))
                            .description(Some(
                                "The heart-rate ceiling of easy running, fixed when declared (the \
                                 profile's conversational ceiling when left out)",
                            )),
                    );
                }
                _ => {}
            }
            one_of = one_of.item(object);
        }
        one_of.into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for OutcomeSpec {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("OutcomeSpec")
    }
}

/// One dated value of an outcome.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Observation {
    pub date: Date,
    pub value: f64,
}

/// The log the outcomes are read from.
#[derive(Debug, Clone, Copy)]
pub struct LogInput<'a> {
    pub athlete: &'a Athlete,
    pub time_zone: &'a TimeZone,
    /// The athlete's own names for exercises.
    pub aliases: &'a Aliases,
    pub activities: &'a [Activity],
    pub lifts: &'a [StrengthSession],
    /// Daily check-ins by the athlete's local date; a date given twice uses the later entry.
    pub wellness: &'a [(Date, Wellness)],
    /// The share (0–1) of each day's sessions done as the scheduled strategy says, from the strategy
    /// tagger; days it cannot judge are absent.
    pub adherence: &'a [(Date, f64)],
}

/// `kind`'s observations dated `from` to `to` (inclusive; morning readings by the day before their
/// check-in), in date order.
pub fn observations(
    kind: &OutcomeKind,
    log: &LogInput<'_>,
    from: Date,
    to: Date,
) -> Vec<Observation> {
    let tz = log.time_zone;
    let local = |t: jiff::Timestamp| tz.to_datetime(t).date();
    let mut out: Vec<Observation> = match kind {
        OutcomeKind::E1rm { exercise } => e1rm_observations(exercise, log),
        OutcomeKind::EasyRunEfficiency { ceiling_bpm } => {
            let ceiling = ceiling_bpm.map_or_else(
                || readiness::conversational_ceiling_bpm(log.athlete),
                f64::from,
            );
            log.activities
                .iter()
                .filter(|a| a.sport == Sport::Run)
                .filter_map(|a| {
                    Some(Observation {
                        date: local(a.started_at),
                        value: easy_run_metres_per_beat(a, ceiling)?,
                    })
                })
                .collect()
        }
        OutcomeKind::RestingHr | OutcomeKind::Hrv | OutcomeKind::Hooper | OutcomeKind::Soreness => {
            let by_day: BTreeMap<Date, &Wellness> =
                log.wellness.iter().map(|(d, w)| (*d, w)).collect();
            by_day
                .into_iter()
                .filter_map(|(d, w)| {
                    let value = morning_value(kind, w)?;
                    Some(Observation {
                        date: d.checked_sub(1.day()).ok()?,
                        value,
                    })
                })
                .collect()
        }
        OutcomeKind::SessionRpe => {
            let rated = |r: Option<f64>| r.filter(|&r| limits::SESSION_RPE.contains(r));
            let cardio = log
                .activities
                .iter()
                .filter_map(|a| Some((local(a.started_at), rated(a.rpe)?)));
            let lifts = log
                .lifts
                .iter()
                .filter_map(|s| Some((local(s.started_at), rated(s.rpe)?)));
            cardio
                .chain(lifts)
                .map(|(date, value)| Observation { date, value })
                .collect()
        }
        OutcomeKind::Adherence => log
            .adherence
            .iter()
            .filter(|(_, share)| (0.0..=1.0).contains(share))
            .map(|&(date, share)| Observation {
                date,
                value: share * 100.0,
            })
            .collect(),
        OutcomeKind::WeeklyMinutes => {
            let mut minutes: BTreeMap<Date, f64> = BTreeMap::new();
            for a in log.activities {
                *minutes.entry(local(a.started_at)).or_default() += amount(a.timer_s) / 60.0;
            }
            for s in log.lifts {
                *minutes.entry(local(s.started_at)).or_default() += lift_minutes(s);
            }
            // Every day counts, a rest day as 0.
            from.series(1.day())
                .take_while(|d| *d <= to)
                .map(|date| Observation {
                    date,
                    value: minutes.get(&date).copied().unwrap_or(0.0) * 7.0,
                })
                .collect()
        }
    };
    out.retain(|o| o.value.is_finite() && (from..=to).contains(&o.date));
    out.sort_by_key(|o| o.date);
    out
}

fn morning_value(kind: &OutcomeKind, w: &Wellness) -> Option<f64> {
    match kind {
        OutcomeKind::RestingHr => w.resting_hr_bpm.filter(|&v| limits::RESTING_HR.contains(v)),
        OutcomeKind::Hrv => w
            .hrv_rmssd_ms
            .filter(|&v| limits::HRV_RMSSD.contains(v))
            .map(f64::ln),
        OutcomeKind::Hooper => readiness::hooper_score(w),
        OutcomeKind::Soreness => w
            .soreness
            .map(f64::from)
            .filter(|&v| limits::HOOPER.contains(v)),
        _ => None,
    }
}

/// The catalogue's name for `name` (with the athlete's aliases), else `name` itself, lower-cased.
fn lift_key(name: &str, aliases: &Aliases) -> String {
    match catalogue::catalogue()
        .resolve_with(name, aliases)
        .exercise()
    {
        Some(e) => e.name.clone(),
        None => name.trim().to_lowercase(),
    }
}

fn e1rm_observations(exercise: &str, log: &LogInput<'_>) -> Vec<Observation> {
    let wanted = lift_key(exercise, log.aliases);
    log.lifts
        .iter()
        .filter_map(|s| {
            // One value per session, its best, even when the lift was logged twice.
            let best = s
                .exercises
                .iter()
                .filter(|e| lift_key(&e.name, log.aliases) == wanted)
                .filter_map(|e| readiness::best_e1rm(&e.sets))
                .reduce(f64::max)?;
            Some(Observation {
                date: log.time_zone.to_datetime(s.started_at).date(),
                value: best,
            })
        })
        .collect()
}

/// A run's easy-run efficiency, metres per heartbeat, or `None` when it has too little easy running.
///
/// From the samples: every sample from [`STEADY_FROM_S`] on whose heart rate is at most `ceiling_bpm` (and
/// plausible: [`RUN_AVG_HR`]) and whose speed (recorded, else from the distance to the next sample) is a
/// running speed ([`RUN_SPEED_MPS`]) holds until the next sample, at most [`MAX_SAMPLE_GAP_S`] (a longer
/// gap is a pause, as for the heart-rate zones); the result is Σ speed × time ÷ Σ heart rate × time / 60,
/// with at least [`MIN_STEADY_S`] of such time. A run without heart-rate samples is read from its summary
/// ([`readiness::metres_per_beat`]) when its average heart rate is at most the ceiling.
///
/// The efficiency factor — output per heartbeat — is Coggan and Allen's (normalised power or graded pace ÷
/// average heart rate: Allen H & Coggan A, "Training and Racing with a Power Meter", 2010); the first minutes
/// are left out as in Friel's aerobic decoupling (Friel J, "The Triathlete's Training Bible", 2016).
pub fn easy_run_metres_per_beat(a: &Activity, ceiling_bpm: f64) -> Option<f64> {
    let samples = &a.samples;
    if samples.iter().any(|s| s.hr_bpm.is_some()) {
        let (mut seconds, mut metres, mut beats) = (0.0, 0.0, 0.0);
        for (i, s) in samples.iter().enumerate() {
            let Some(next) = samples.get(i + 1) else {
                break;
            };
            if s.offset_s < STEADY_FROM_S {
                continue;
            }
            let gap = next.offset_s.saturating_sub(s.offset_s);
            if gap == 0 {
                continue;
            }
            let held = f64::from(gap.min(MAX_SAMPLE_GAP_S));
            let Some(hr) = s.hr_bpm.map(f64::from) else {
                continue;
            };
            let speed = match (s.speed_mps, s.distance_m, next.distance_m) {
                (Some(v), _, _) => f64::from(v),
                (None, Some(d0), Some(d1)) if gap <= MAX_SAMPLE_GAP_S => (d1 - d0) / f64::from(gap),
                _ => continue,
            };
            if hr > ceiling_bpm || !RUN_AVG_HR.contains(hr) || !RUN_SPEED_MPS.contains(speed) {
                continue;
            }
            seconds += held;
            metres += speed * held;
            beats += hr * held / 60.0;
        }
        return (seconds >= MIN_STEADY_S && beats > 0.0).then(|| metres / beats);
    }
    let summary = RunSummary {
        started_at: a.started_at,
        duration_s: a.timer_s,
        distance_m: a.distance_m?,
        avg_hr_bpm: a.avg_hr_bpm.filter(|&hr| hr <= ceiling_bpm)?,
    };
    readiness::metres_per_beat(&summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{ExerciseLog, Sample, SetKind, SetLog};
    use jiff::Timestamp;
    use jiff::civil::date;

    fn at(day: i8, hour: i8) -> Timestamp {
        date(2025, 3, day)
            .at(hour, 0, 0, 0)
            .to_zoned(TimeZone::UTC)
            .unwrap()
            .timestamp()
    }

    fn run(day: i8, samples: Vec<Sample>) -> Activity {
        Activity {
            sport: Sport::Run,
            started_at: at(day, 7),
            utc_offset_s: Some(0),
            timer_s: 1800.0,
            elapsed_s: 1800.0,
            distance_m: Some(5400.0),
            avg_hr_bpm: Some(150.0),
            max_hr_bpm: None,
            calories_kcal: None,
            rpe: Some(3.0),
            source: "test".into(),
            samples,
            laps: Vec::new(),
        }
    }

    fn sample(offset_s: u32, hr: u8, speed: f32) -> Sample {
        Sample {
            offset_s,
            hr_bpm: Some(hr),
            speed_mps: Some(speed),
            ..Sample::default()
        }
    }

    fn athlete() -> Athlete {
        // HRmax 190, resting 60: the conversational ceiling is 60 + 0.59 × 130 = 136.7 bpm.
        Athlete {
            max_hr_bpm: Some(190.0),
            ..Athlete::example()
        }
    }

    #[test]
    fn efficiency_reads_the_easy_steady_part() {
        let ceiling = readiness::conversational_ceiling_bpm(&athlete());
        assert!((ceiling - 136.7).abs() < 1e-9, "{ceiling}");
        // Every 10 s for 30 min. The first 5 min at 3.5 m/s and 150 bpm (left out: the warm-up), then
        // 10 min at 3.0 m/s and 135 bpm, 5 min at 4.0 m/s and 165 bpm (above the ceiling: left out), 10 min
        // at 2.8 m/s and 120 bpm.
        let mut samples = Vec::new();
        for k in 0..180u32 {
            let t = k * 10;
            let (hr, v) = match t {
                0..300 => (150, 3.5),
                300..900 => (135, 3.0),
                900..1200 => (165, 4.0),
                _ => (120, 2.8),
            };
            samples.push(sample(t, hr, v));
        }
        // The last sample holds for nothing (no next): 590 s at 120 bpm count.
        // metres = 600 × 3.0 + 590 × 2.8 = 3452; beats = (600 × 135 + 590 × 120) / 60 = 2530.
        let a = run(3, samples);
        let got = easy_run_metres_per_beat(&a, ceiling).unwrap();
        assert!((got - 3452.0 / 2530.0).abs() < 1e-4, "{got}");
    }

    #[test]
    fn efficiency_caps_pauses_and_needs_enough_easy_running() {
        // 4 min of easy samples after the warm-up, then a 20-min pause: only 10 s of it counts.
        let mut samples: Vec<Sample> = (30..=54).map(|k| sample(k * 10, 130, 3.0)).collect();
        samples.push(sample(1740, 130, 3.0));
        samples.push(sample(1741, 130, 3.0));
        // 24 × 10 s + 10 s + 1 s = 251 s < 300 s.
        assert_eq!(
            easy_run_metres_per_beat(&run(3, samples.clone()), 136.7),
            None
        );
        // With 60 s more it is enough: 3 m/s at 130 bpm is 3 × 60 / 130 m per beat.
        samples.extend((0..6).map(|k| sample(1742 + k * 10, 130, 3.0)));
        samples.push(sample(1802, 130, 3.0));
        let got = easy_run_metres_per_beat(&run(3, samples), 136.7).unwrap();
        assert!((got - 180.0 / 130.0).abs() < 1e-9, "{got}");
    }

    #[test]
    fn efficiency_derives_speed_from_distance_and_falls_back_to_the_summary() {
        let samples: Vec<Sample> = (0..=120u32)
            .map(|k| Sample {
                offset_s: k * 10,
                hr_bpm: Some(125),
                distance_m: Some(f64::from(k) * 25.0),
                ..Sample::default()
            })
            .collect();
        // 2.5 m/s at 125 bpm from minute 5 to 20: 150 / 125 = 1.2 m/beat.
        let got = easy_run_metres_per_beat(&run(3, samples), 136.7).unwrap();
        assert!((got - 1.2).abs() < 1e-9, "{got}");
        // No samples: 5400 m in 30 min at 130 bpm → 5400 / (30 × 130).
        let mut summary = run(3, Vec::new());
        summary.avg_hr_bpm = Some(130.0);
        let got = easy_run_metres_per_beat(&summary, 136.7).unwrap();
        assert!((got - 5400.0 / 3900.0).abs() < 1e-9);
        // A hard run (150 bpm average) is no easy run.
        summary.avg_hr_bpm = Some(150.0);
        assert_eq!(easy_run_metres_per_beat(&summary, 136.7), None);
    }

    fn lift(day: i8, name: &str, sets: Vec<SetLog>, rpe: Option<f64>) -> StrengthSession {
        StrengthSession {
            started_at: at(day, 18),
            duration_s: Some(3600.0),
            title: None,
            rpe,
            source: "test".into(),
            exercises: vec![ExerciseLog {
                name: name.into(),
                sets,
            }],
        }
    }

    static UTC: TimeZone = TimeZone::UTC;

    fn log<'a>(
        athlete: &'a Athlete,
        aliases: &'a Aliases,
        activities: &'a [Activity],
        lifts: &'a [StrengthSession],
        wellness: &'a [(Date, Wellness)],
        adherence: &'a [(Date, f64)],
    ) -> LogInput<'a> {
        LogInput {
            athlete,
            time_zone: &UTC,
            aliases,
            activities,
            lifts,
            wellness,
            adherence,
        }
    }

    #[test]
    fn e1rm_is_the_sessions_best_of_the_declared_lift() {
        let athlete = athlete();
        let aliases = Aliases::default();
        let warmup = SetLog {
            kind: SetKind::Warmup,
            ..SetLog::working(Some(1), Some(200.0), None)
        };
        let lifts = [
            // 100 × (1 + 5/30) = 116.67; 105 × (1 + 3/30) = 115.5; the warm-up does not count.
            lift(
                3,
                "Squat (Barbell)",
                vec![
                    warmup,
                    SetLog::working(Some(5), Some(100.0), None),
                    SetLog::working(Some(3), Some(105.0), None),
                ],
                Some(7.0),
            ),
            lift(
                5,
                "Bench Press (Barbell)",
                vec![SetLog::working(Some(5), Some(80.0), None)],
                None,
            ),
            // A close match of the name is the same lift: 110 × (1 + 2/30) = 117.33.
            lift(
                7,
                "squat (barbell)",
                vec![SetLog::working(Some(2), Some(110.0), None)],
                None,
            ),
        ];
        let input = log(&athlete, &aliases, &[], &lifts, &[], &[]);
        let kind = OutcomeKind::E1rm {
            exercise: "Squat (Barbell)".into(),
        };
        let got = observations(&kind, &input, date(2025, 3, 1), date(2025, 3, 31));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].date, date(2025, 3, 3));
        assert!((got[0].value - 116.666_666).abs() < 1e-4);
        assert_eq!(got[1].date, date(2025, 3, 7));
        assert!((got[1].value - 117.333_333).abs() < 1e-4);
        // The range is inclusive and cuts the rest.
        let got = observations(&kind, &input, date(2025, 3, 4), date(2025, 3, 7));
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn morning_readings_count_for_the_day_before() {
        let athlete = athlete();
        let aliases = Aliases::default();
        let w = |rhr: f64, hrv: f64, items: [u8; 4]| Wellness {
            resting_hr_bpm: Some(rhr),
            hrv_rmssd_ms: Some(hrv),
            sleep_quality: Some(items[0]),
            fatigue: Some(items[1]),
            stress: Some(items[2]),
            soreness: Some(items[3]),
            ..Wellness::default()
        };
        let wellness = [
            (date(2025, 3, 4), w(52.0, 60.0, [2, 3, 2, 4])),
            (date(2025, 3, 5), w(200.0, 1.0, [2, 3, 2, 9])),
            (date(2025, 3, 5), w(55.0, 40.0, [3, 3, 3, 5])),
        ];
        let input = log(&athlete, &aliases, &[], &[], &wellness, &[]);
        let (from, to) = (date(2025, 3, 1), date(2025, 3, 31));
        let rhr = observations(&OutcomeKind::RestingHr, &input, from, to);
        // The later entry of the 5th wins; each is dated the day before.
        assert_eq!(
            rhr,
            vec![
                Observation {
                    date: date(2025, 3, 3),
                    value: 52.0
                },
                Observation {
                    date: date(2025, 3, 4),
                    value: 55.0
                }
            ]
        );
        let hrv = observations(&OutcomeKind::Hrv, &input, from, to);
        assert!((hrv[0].value - 60f64.ln()).abs() < 1e-12);
        let hooper = observations(&OutcomeKind::Hooper, &input, from, to);
        assert_eq!(
            hooper.iter().map(|o| o.value).collect::<Vec<_>>(),
            [11.0, 14.0]
        );
        let soreness = observations(&OutcomeKind::Soreness, &input, from, to);
        assert_eq!(
            soreness.iter().map(|o| o.value).collect::<Vec<_>>(),
            [4.0, 5.0]
        );
        // The check-in of the 4th is the 3rd's: outside a range starting on the 4th.
        let late = observations(&OutcomeKind::RestingHr, &input, date(2025, 3, 4), to);
        assert_eq!(late.len(), 1);
    }

    #[test]
    fn rpe_adherence_and_minutes() {
        let athlete = athlete();
        let aliases = Aliases::default();
        let activities = [run(3, Vec::new())];
        let lifts = [lift(
            3,
            "Squat (Barbell)",
            vec![SetLog::working(Some(5), Some(100.0), None)],
            Some(8.0),
        )];
        let adherence = [(date(2025, 3, 3), 0.5), (date(2025, 3, 4), 1.5)];
        let input = log(&athlete, &aliases, &activities, &lifts, &[], &adherence);
        let (from, to) = (date(2025, 3, 2), date(2025, 3, 4));
        let rpe = observations(&OutcomeKind::SessionRpe, &input, from, to);
        assert_eq!(rpe.iter().map(|o| o.value).collect::<Vec<_>>(), [3.0, 8.0]);
        let adh = observations(&OutcomeKind::Adherence, &input, from, to);
        assert_eq!(
            adh,
            vec![Observation {
                date: date(2025, 3, 3),
                value: 50.0
            }]
        );
        // 30 min run + 60 min lift on the 3rd, nothing on the 2nd and 4th: × 7 a week.
        let minutes = observations(&OutcomeKind::WeeklyMinutes, &input, from, to);
        assert_eq!(
            minutes.iter().map(|o| o.value).collect::<Vec<_>>(),
            [0.0, 630.0, 0.0]
        );
    }

    #[test]
    fn the_ceiling_is_fixed_when_declared() {
        let kind = OutcomeKind::EasyRunEfficiency { ceiling_bpm: None };
        // 136.7 bpm → 136: at or below it, never above.
        assert_eq!(
            kind.declared_for(&athlete()),
            OutcomeKind::EasyRunEfficiency {
                ceiling_bpm: Some(136)
            }
        );
        assert_eq!(
            OutcomeKind::RestingHr.declared_for(&athlete()),
            OutcomeKind::RestingHr
        );
        // A declared ceiling is what the observations use, whatever the profile says now.
        let aliases = Aliases::default();
        let mut easy = run(3, Vec::new());
        easy.avg_hr_bpm = Some(136.5);
        let activities = [easy];
        let athlete = athlete();
        let input = log(&athlete, &aliases, &activities, &[], &[], &[]);
        let (from, to) = (date(2025, 3, 1), date(2025, 3, 31));
        assert_eq!(observations(&kind, &input, from, to).len(), 1);
        let fixed = kind.declared_for(&athlete);
        assert!(observations(&fixed, &input, from, to).is_empty());
        assert_eq!(
            serde_json::to_string(&fixed).unwrap(),
            r#"{"kind":"easy_run_efficiency","ceiling_bpm":136}"#
        );
        assert_eq!(
            serde_json::from_str::<OutcomeKind>(r#"{"kind":"easy_run_efficiency"}"#).unwrap(),
            kind
        );
    }

    #[test]
    fn kinds_serialise_with_a_tag() {
        let spec = OutcomeSpec {
            kind: OutcomeKind::E1rm {
                exercise: "Squat (Barbell)".into(),
            },
            smallest_effect: 2.5,
        };
        let json = serde_json::to_string(&spec).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"e1rm","exercise":"Squat (Barbell)","smallest_effect":2.5}"#
        );
        assert_eq!(serde_json::from_str::<OutcomeSpec>(&json).unwrap(), spec);
        for kind in OutcomeKind::all() {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(serde_json::from_str::<OutcomeKind>(&json).unwrap(), kind);
            // `code` is the serde tag.
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value["kind"], kind.code());
            assert!(kind.suggested_smallest_effect() > 0.0, "{}", kind.code());
        }
    }
}
