//! Training load: how much one session took out of the athlete ([`activity_load`], [`lift_load`]), and the
//! daily series and trends built from it ([`series`]: acute/chronic load and their ratio, monotony and strain,
//! fitness/fatigue/form).
//!
//! # One scale for running and lifting: session-RPE arbitrary units (AU)
//!
//! Every session's load is expressed in Foster's **session-RPE units**: CR-10 rating × minutes (Foster 2001,
//! J Strength Cond Res 15:109). An hour at "moderate" (CR-10 3–4) is about 210 AU; an hour "very hard"
//! (CR-10 7) is 420 AU. Why this scale and not heart-rate TSS ("1 h at threshold = 100"):
//!
//! - **Lifting has no heart-rate load.** Heart rate badly under-reads resistance work, and TRIMP was never
//!   validated for it; session RPE was, in men and women and across heavy, moderate and light protocols
//!   (Day 2004, J Strength Cond Res 18:353: ICC 0.88; McGuigan & Foster 2004, Strength Cond J 26(6):42).
//!   With session RPE the lifting and the running are measured in the same currency natively.
//! - **The thresholds people quote were defined in these units**: Foster's monotony and strain (Foster 1998,
//!   Med Sci Sports Exerc 30:1164) and most acute:chronic studies used session-RPE loads.
//! - **Session RPE tracks heart-rate load in endurance work** (Foster 2001 against summated heart-rate zones),
//!   so converting a TRIMP to AU is a change of unit, not of meaning.
//!
//! Heart-rate sessions are still measured with Banister's TRIMP (more objective than a rating given after the
//! fact) and then converted with one sex-specific factor ([`au_per_trimp`]): the factor makes an hour in the
//! middle of the conversational band (49.5 % of heart-rate reserve, where the ACSM/Garber 2011 table puts a
//! CR-10 rating of 3–4 → 3.5) worth exactly 3.5 × 60 = 210 AU, the same as a session rated 3.5. Calibrating
//! there, rather than at threshold, makes the commonest session — easy running, about three quarters of an
//! endurance athlete's time (Seiler & Kjerland 2006, Scand J Med Sci Sports 16:49) and what the source text
//! prescribes after lifting — exact. The price: TRIMP weights intensity exponentially while CR-10 is close to
//! linear in heart-rate reserve, so hard efforts run ahead of their session-RPE equivalent (against the ACSM
//! table's ratings: 1.15× at 60 % HRR, 1.5× at 75 %, 1.9× at 89 %) and very easy sessions come out ~1.2×
//! (35 % HRR). Both errors lean towards caution: more load, more conservative advice.
//!
//! A session with neither heart rate nor a rating is given an assumed rating ([`LoadMethod::Assumed`]): the
//! conversational 3.5 for cardio (walking: ACSM "light", 1.5), and 5 for lifting.
//!
//! The store computes these once at import and keeps the number and its [`LoadMethod`], so that status and
//! trends never need the samples again.

pub mod series;

pub use series::{
    ACUTE_DAYS, ATL_DAYS, CHRONIC_DAYS, CTL_DAYS, DailyMetrics, LoadMetrics, MONOTONY_DAYS,
    Maturity, daily_loads, ewma_lambda, goldencheetah_lambda, load_metrics, metrics_series,
    monotony, pmc_lambda, pmc_seed, strain, weekly_strain,
};

use serde::{Deserialize, Serialize};

use crate::athlete::{Athlete, Sex};
use crate::science::heart::{self, HrMaxFormula};
use crate::science::{amount, strength};
use crate::session::{Activity, ExerciseLog, Sample, SetKind, Sport, StrengthSession};

/// How a session's load was obtained, best first. Kept with the load so that it can be shown ("from heart
/// rate") and recomputed when a better method becomes possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LoadMethod {
    /// Banister TRIMP integrated over the heart-rate samples, converted to AU.
    HrSamples,
    /// Banister TRIMP from the session's average heart rate (Banister's original form), converted to AU.
    HrAverage,
    /// The athlete's session RPE × minutes (Foster 2001).
    SessionRpe,
    /// A lifting session without a rating: session RPE estimated from its sets (reps in reserve, %e1RM).
    EstimatedFromSets,
    /// Nothing to measure with: a typical rating for the kind of session × minutes.
    Assumed,
}

impl LoadMethod {
    pub const ALL: [LoadMethod; 5] = [
        LoadMethod::HrSamples,
        LoadMethod::HrAverage,
        LoadMethod::SessionRpe,
        LoadMethod::EstimatedFromSets,
        LoadMethod::Assumed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LoadMethod::HrSamples => "hr_samples",
            LoadMethod::HrAverage => "hr_average",
            LoadMethod::SessionRpe => "session_rpe",
            LoadMethod::EstimatedFromSets => "estimated_from_sets",
            LoadMethod::Assumed => "assumed",
        }
    }
}

impl std::fmt::Display for LoadMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for LoadMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LoadMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown load method '{s}': expected hr_samples, hr_average, session_rpe, estimated_from_sets or assumed"
                )
            })
    }
}

/// One session's training load in session-RPE arbitrary units (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionLoad {
    /// Arbitrary units (CR-10 × minutes); finite, 0 ≤ load ≤ [`MAX_SESSION_LOAD`].
    pub load: f64,
    pub method: LoadMethod,
}

/// No session can hold more than 24 hours at a maximal rating (10 × 1440 min). Loads are clamped to this, so
/// that junk input (a watch that never stopped) cannot overflow the trends.
pub const MAX_SESSION_LOAD: f64 = 10.0 * 1440.0;

/// Resting heart rate assumed when the athlete's is unknown: the bottom of the 60–100 bpm adult normal range
/// (American Heart Association), where trained people usually sit or below.
pub const DEFAULT_RESTING_HR_BPM: f64 = 60.0;

/// The conversational (LISS) rating in CR-10: the middle of [`heart::CONVERSATIONAL`]'s 3–4. Also the
/// calibration point of [`au_per_trimp`] and the rating assumed for cardio without heart rate or RPE.
pub const CONVERSATIONAL_CR10: f64 = 3.5;
/// The heart-rate-reserve fraction of that rating: the middle of the conversational band's 40–59 % HRR
/// (ACSM "moderate", Garber 2011 Med Sci Sports Exerc 43:1334, Table 2).
pub const CONVERSATIONAL_HRR: f64 = 0.495;
/// Rating assumed for walking without heart rate or RPE: the middle of ACSM "light" (CR-10 1–2).
pub const WALK_CR10: f64 = 1.5;
/// Session RPE assumed for a lifting session with neither a rating nor sets: 5 ("hard"). Six-exercise
/// sessions were rated 4.3 and 5.7 in Kraft 2014 (J Strength Cond Res 28:2042).
pub const ASSUMED_LIFT_RPE: f64 = 5.0;
/// Reps in reserve assumed for a set logged without RPE: most trainees stop 1–3 reps short of failure (the
/// same assumption as the advisor's).
pub const ASSUMED_RIR: f64 = 2.0;
/// Minutes a working set takes with its rest, for sessions logged without a duration: 2–3 min rest between
/// sets of multi-joint exercises (ACSM 2009 progression models, Ratamess et al., Med Sci Sports Exerc
/// 41:687) plus the set itself.
pub const MINUTES_PER_WORKING_SET: f64 = 3.0;
/// Minutes per warm-up set (shorter rests).
pub const MINUTES_PER_WARMUP_SET: f64 = 1.5;
/// Gaps between heart-rate samples longer than this are pauses: only this much of the gap is counted.
pub const MAX_SAMPLE_GAP_S: f64 = 30.0;
/// Heart-rate samples must cover at least this share of the moving time to be used; otherwise the average
/// heart rate is (when known). Short dropouts are filled at the session's own mean intensity.
pub const MIN_HR_COVERAGE: f64 = 0.5;

// ---------------------------------------------------------------------------------------------
// Banister TRIMP
// ---------------------------------------------------------------------------------------------

/// Fractional elevation of heart rate (heart-rate reserve fraction): ΔHR = (HR − HRrest) / (HRmax − HRrest),
/// clamped to 0–1. `NaN` or a non-positive reserve gives 0.
///
/// Banister EW 1991, "Modeling elite athletic performance", in Physiological Testing of Elite Athletes,
/// Human Kinetics, pp. 403–424; Morton RH, Fitz-Clarke JR, Banister EW 1990, J Appl Physiol 69:1171.
pub fn delta_hr(hr_bpm: f64, resting_bpm: f64, max_bpm: f64) -> f64 {
    let reserve = max_bpm - resting_bpm;
    let x = (hr_bpm - resting_bpm) / reserve;
    if reserve > 0.0 && x.is_finite() {
        x.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Banister's sex-specific weighting of a heart-rate reserve fraction: y = 0.64·e^(1.92·ΔHR) for men and
/// 0.86·e^(1.67·ΔHR) for women, fitted to the rise of blood lactate with intensity.
///
/// Morton RH, Fitz-Clarke JR, Banister EW 1990, "Modeling human performance in running", J Appl Physiol
/// 69:1171; Banister 1991. `delta_hr` is clamped to 0–1 (`NaN` → 0).
pub fn banister_weight(sex: Sex, delta_hr: f64) -> f64 {
    let x = if delta_hr.is_finite() {
        delta_hr.clamp(0.0, 1.0)
    } else {
        0.0
    };
    match sex {
        Sex::Male => 0.64 * (1.92 * x).exp(),
        Sex::Female => 0.86 * (1.67 * x).exp(),
    }
}

/// Banister TRIMP = minutes × ΔHR × y(ΔHR) (see [`banister_weight`]). Negative or non-finite minutes give 0.
///
/// Worked example (man, rest 60, max 190, 30 min at 150 bpm): ΔHR = 90/130 = 0.6923; y = 0.64·e^1.3292 =
/// 2.4180; TRIMP = 30 × 0.6923 × 2.4180 = 50.2. Banister 1991; Morton 1990, J Appl Physiol 69:1171.
pub fn banister_trimp(sex: Sex, minutes: f64, delta_hr: f64) -> f64 {
    let x = if delta_hr.is_finite() {
        delta_hr.clamp(0.0, 1.0)
    } else {
        0.0
    };
    amount(minutes) * x * banister_weight(sex, x)
}

/// The heart rates TRIMP reads from a recording: a device's range ([`crate::limits::DEVICE_HR`]) without
/// its lowest readings — under 25 bpm no heart beats, even at rest, so such a reading is a strap losing
/// contact. Plausibility bound.
pub const EXERCISE_HR: crate::limits::Range =
    crate::limits::Range::new(25.0, crate::limits::DEVICE_HR.max, "bpm");

/// TRIMP integrated over heart-rate samples: Σ Δt × ΔHR × y(ΔHR), each sample's heart rate held until the next
/// sample (at most [`MAX_SAMPLE_GAP_S`]; the last sample counts one second). Samples without heart rate, with
/// an implausible one (outside [`EXERCISE_HR`]) or out of order add nothing.
///
/// Returns `(trimp, minutes_covered)`, or `None` when no sample has a usable heart rate.
pub fn trimp_from_samples(
    samples: &[Sample],
    sex: Sex,
    resting_bpm: f64,
    max_bpm: f64,
) -> Option<(f64, f64)> {
    let mut trimp = 0.0;
    let mut seconds = 0.0;
    let mut any = false;
    for (i, s) in samples.iter().enumerate() {
        let Some(hr) = s
            .hr_bpm
            .map(f64::from)
            .filter(|hr| EXERCISE_HR.contains(*hr))
        else {
            continue;
        };
        let dt = match samples.get(i + 1) {
            Some(next) if next.offset_s >= s.offset_s => {
                f64::from(next.offset_s - s.offset_s).min(MAX_SAMPLE_GAP_S)
            }
            Some(_) => continue,
            None => 1.0,
        };
        any = true;
        let x = delta_hr(hr, resting_bpm, max_bpm);
        trimp += dt / 60.0 * x * banister_weight(sex, x);
        seconds += dt;
    }
    any.then_some((trimp, seconds / 60.0))
}

/// AU per TRIMP unit: the factor that makes an hour at the middle of the conversational band
/// ([`CONVERSATIONAL_HRR`] = 49.5 % HRR) worth the same as an hour rated [`CONVERSATIONAL_CR10`] = 3.5:
/// k = 3.5 / (0.495 × y(0.495)). Men: 3.5 / (0.495 × 0.64·e^0.9504) = 3.5 / 0.8195 = 4.271; women:
/// 3.5 / (0.495 × 0.86·e^0.8267) = 3.5 / 0.9730 = 3.597. afterlift's calibration; the module documentation
/// explains the choice and its error at the extremes.
pub fn au_per_trimp(sex: Sex) -> f64 {
    CONVERSATIONAL_CR10 / (CONVERSATIONAL_HRR * banister_weight(sex, CONVERSATIONAL_HRR))
}

/// Foster's session load: CR-10 session RPE × minutes (Foster C et al. 2001, "A new approach to monitoring
/// exercise training", J Strength Cond Res 15:109). RPE is clamped to 0–10; negative or non-finite values
/// give 0. Example: 45 min rated 6 → 270 AU.
pub fn srpe_load(rpe: f64, minutes: f64) -> f64 {
    let rpe = if rpe.is_finite() {
        rpe.clamp(0.0, 10.0)
    } else {
        0.0
    };
    clamp_load(rpe * amount(minutes))
}

fn clamp_load(load: f64) -> f64 {
    amount(load).min(MAX_SESSION_LOAD)
}

/// The athlete's resting and maximum heart rate as TRIMP uses them: the profile's resting HR (else
/// [`DEFAULT_RESTING_HR_BPM`]) and measured maximum (else Tanaka's 208 − 0.7 × age). An implausible pair
/// (rest not at least 20 bpm below max) falls back to the defaults.
pub fn heart_rate_anchors(athlete: &Athlete) -> (f64, f64) {
    let max = heart::hr_max(athlete, HrMaxFormula::default());
    let rest = athlete
        .resting_hr_bpm
        .filter(|r| r.is_finite() && *r >= 25.0 && *r <= max - 20.0)
        .unwrap_or(DEFAULT_RESTING_HR_BPM);
    if max.is_finite() && max > rest + 20.0 {
        (rest, max)
    } else {
        (DEFAULT_RESTING_HR_BPM, heart::hr_max_tanaka(35.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------

/// The load of a cardio activity, best method first:
/// 1. heart-rate samples covering ≥ [`MIN_HR_COVERAGE`] of the moving time → integrated TRIMP (dropouts
///    filled at the session's mean intensity, at most doubling it) × [`au_per_trimp`];
/// 2. an average heart rate → Banister's TRIMP from it × [`au_per_trimp`];
/// 3. a session RPE → Foster's RPE × minutes;
/// 4. otherwise an assumed rating (3.5, walking 1.5) × minutes.
///
/// Minutes are the moving time (`timer_s`), else the elapsed time.
pub fn activity_load(a: &Activity, athlete: &Athlete) -> SessionLoad {
    let minutes = {
        let timer = amount(a.timer_s);
        if timer > 0.0 {
            timer
        } else {
            amount(a.elapsed_s)
        }
    } / 60.0;
    let (rest, max) = heart_rate_anchors(athlete);
    let k = au_per_trimp(athlete.sex);

    if let Some((trimp, covered)) = trimp_from_samples(&a.samples, athlete.sex, rest, max) {
        let enough = minutes <= 0.0 || covered >= MIN_HR_COVERAGE * minutes;
        if enough && covered > 0.0 {
            let fill = if minutes > covered {
                (minutes / covered).min(2.0)
            } else {
                1.0
            };
            return SessionLoad {
                load: clamp_load(trimp * fill * k),
                method: LoadMethod::HrSamples,
            };
        }
    }
    if let Some(avg) = a.avg_hr_bpm.filter(|hr| EXERCISE_HR.contains(*hr)) {
        let x = delta_hr(avg, rest, max);
        return SessionLoad {
            load: clamp_load(banister_trimp(athlete.sex, minutes, x) * k),
            method: LoadMethod::HrAverage,
        };
    }
    if let Some(rpe) = a.rpe.filter(|r| r.is_finite() && *r >= 0.0) {
        return SessionLoad {
            load: srpe_load(rpe, minutes),
            method: LoadMethod::SessionRpe,
        };
    }
    let assumed = if a.sport == Sport::Walk {
        WALK_CR10
    } else {
        CONVERSATIONAL_CR10
    };
    SessionLoad {
        load: srpe_load(assumed, minutes),
        method: LoadMethod::Assumed,
    }
}

/// The load of a lifting session: session RPE × minutes (Foster 2001; validated for resistance training by
/// Day 2004, J Strength Cond Res 18:353).
///
/// - The rating is the session's own RPE when given; otherwise it is estimated from the working sets as the
///   mean of their RIR-based RPEs ([`estimated_session_rpe`]; Day 2004 found session RPE follows the
///   intensity of the sets: higher after 90 % 1RM sets than after 70 % or 50 %); otherwise
///   [`ASSUMED_LIFT_RPE`].
/// - Minutes are the logged duration, else [`MINUTES_PER_WORKING_SET`] per working set and
///   [`MINUTES_PER_WARMUP_SET`] per warm-up.
///
/// The athlete is not needed today (session RPE is already personal); it is taken for symmetry with
/// [`activity_load`] and for future methods.
pub fn lift_load(s: &StrengthSession, _athlete: &Athlete) -> SessionLoad {
    let minutes = lift_minutes(s);
    if let Some(rpe) = s.rpe.filter(|r| r.is_finite() && *r >= 0.0) {
        return SessionLoad {
            load: srpe_load(rpe, minutes),
            method: LoadMethod::SessionRpe,
        };
    }
    if let Some(rpe) = estimated_session_rpe(s) {
        return SessionLoad {
            load: srpe_load(rpe, minutes),
            method: LoadMethod::EstimatedFromSets,
        };
    }
    SessionLoad {
        load: srpe_load(ASSUMED_LIFT_RPE, minutes),
        method: LoadMethod::Assumed,
    }
}

/// The session's minutes: its logged duration, else estimated from its sets (see [`lift_load`]).
pub fn lift_minutes(s: &StrengthSession) -> f64 {
    let logged = amount(s.duration_s.unwrap_or(0.0)) / 60.0;
    if logged > 0.0 {
        return logged;
    }
    let (mut working, mut warmup) = (0.0, 0.0);
    for set in s.exercises.iter().flat_map(|e| &e.sets) {
        if set.kind == SetKind::Warmup {
            warmup += 1.0;
        } else {
            working += 1.0;
        }
    }
    working * MINUTES_PER_WORKING_SET + warmup * MINUTES_PER_WARMUP_SET
}

/// Session RPE estimated from the working sets: the mean RPE (RPE = 10 − reps in reserve, Zourdos 2016) of
/// the sets whose effort can be estimated ([`estimated_rir`]). `None` without such a set.
pub fn estimated_session_rpe(s: &StrengthSession) -> Option<f64> {
    let mut sum = 0.0;
    let mut n = 0.0;
    for exercise in &s.exercises {
        for (set, rir) in exercise.sets.iter().zip(estimated_rir(exercise)) {
            if set.kind == SetKind::Warmup {
                continue;
            }
            if let Some(rir) = rir {
                sum += strength::rpe_from_rir(rir);
                n += 1.0;
            }
        }
    }
    (n > 0.0).then(|| (sum / n).clamp(1.0, 10.0))
}

/// Reps in reserve of each set of one exercise, in set order; `None` for a set without reps (timed sets).
///
/// - Failure and drop sets: 0.
/// - A set with RPE: 10 − RPE (Zourdos 2016, J Strength Cond Res 30:267).
/// - A weighted set without RPE: from its share of the session's best estimated 1RM for the exercise — the
///   Epley relation inverted, reps to failure = 30 × (e1RM / weight − 1), minus the reps done. The best e1RM
///   uses the rated sets where there are any, else the sets with [`ASSUMED_RIR`] in reserve (so the heaviest
///   set is taken as 2 reps short of failure and lighter ones as further from it).
/// - A bodyweight set without RPE: [`ASSUMED_RIR`].
pub fn estimated_rir(exercise: &ExerciseLog) -> Vec<Option<f64>> {
    let rated_rir = |rpe: Option<f64>| {
        rpe.filter(|r| r.is_finite())
            .map(strength::rir_from_rpe)
            .map(|r| r.max(0.0))
    };
    let known_rir = |set: &crate::session::SetLog| -> Option<f64> {
        match set.kind {
            SetKind::Failure | SetKind::Drop => Some(0.0),
            _ => rated_rir(set.rpe),
        }
    };
    let e1rm_with = |only_rated: bool| -> f64 {
        exercise
            .sets
            .iter()
            .filter(|s| s.kind != SetKind::Warmup)
            .filter_map(|s| {
                let reps = s.reps.filter(|r| *r > 0)?;
                let kg = s.weight_kg.filter(|w| w.is_finite() && *w > 0.0)?;
                let rir = match known_rir(s) {
                    Some(rir) => rir,
                    None if only_rated => return None,
                    None => ASSUMED_RIR,
                };
                Some(kg * (1.0 + (f64::from(reps) + rir) / 30.0))
            })
            .fold(0.0, f64::max)
    };
    let rated = e1rm_with(true);
    let best = if rated > 0.0 { rated } else { e1rm_with(false) };

    exercise
        .sets
        .iter()
        .map(|set| {
            let reps = set.reps.filter(|r| *r > 0)?;
            if let Some(rir) = known_rir(set) {
                return Some(rir.min(10.0));
            }
            match set.weight_kg.filter(|w| w.is_finite() && *w > 0.0) {
                Some(kg) if best > 0.0 => {
                    let to_failure = 30.0 * (best / kg - 1.0);
                    Some((to_failure - f64::from(reps)).clamp(0.0, 10.0))
                }
                _ => Some(ASSUMED_RIR),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SetLog;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn calibration_factors_are_as_documented() {
        assert!(close(au_per_trimp(Sex::Male), 4.271, 1e-3));
        assert!(close(au_per_trimp(Sex::Female), 3.597, 1e-3));
        // An hour at 49.5 % HRR is 210 AU for both sexes.
        for sex in [Sex::Male, Sex::Female] {
            let au = banister_trimp(sex, 60.0, CONVERSATIONAL_HRR) * au_per_trimp(sex);
            assert!(close(au, 210.0, 1e-9), "{au}");
        }
    }

    #[test]
    fn estimated_rir_from_percent_of_e1rm() {
        let ex = ExerciseLog {
            name: "Squat (Barbell)".into(),
            sets: vec![
                SetLog {
                    reps: Some(5),
                    weight_kg: Some(60.0),
                    kind: SetKind::Warmup,
                    ..Default::default()
                },
                SetLog {
                    reps: Some(5),
                    weight_kg: Some(100.0),
                    ..Default::default()
                },
                SetLog {
                    reps: Some(8),
                    weight_kg: Some(100.0),
                    ..Default::default()
                },
                SetLog {
                    reps: Some(3),
                    weight_kg: Some(100.0),
                    rpe: Some(10.0),
                    kind: SetKind::Failure,
                    ..Default::default()
                },
                SetLog {
                    duration_s: Some(60.0),
                    ..Default::default()
                },
            ],
        };
        // The failure set is rated (RIR 0): best e1RM = 100 × (1 + 3/30) = 110.
        // 100 kg × 5 → reps to failure 30 × (1.1 − 1) = 3 → RIR max(0, 3 − 5) = 0.
        let rir = estimated_rir(&ex);
        assert_eq!(rir.len(), 5);
        assert!(close(rir[1].unwrap(), 0.0, 1e-9));
        assert_eq!(rir[3], Some(0.0));
        assert_eq!(rir[4], None);
        // Without any rated set, the heaviest set gets the assumed 2 RIR.
        let ex2 = ExerciseLog {
            name: "Bench Press (Barbell)".into(),
            sets: vec![
                SetLog {
                    reps: Some(5),
                    weight_kg: Some(80.0),
                    ..Default::default()
                },
                SetLog {
                    reps: Some(5),
                    weight_kg: Some(60.0),
                    ..Default::default()
                },
            ],
        };
        let rir = estimated_rir(&ex2);
        // best = 80 × (1 + 7/30) = 98.667; 60 kg: 30 × (98.667/60 − 1) = 19.33 → RIR 14.33 → clamped to 10.
        assert!(close(rir[0].unwrap(), 2.0, 1e-9));
        assert!(close(rir[1].unwrap(), 10.0, 1e-9));
    }

    #[test]
    fn load_method_round_trips() {
        for m in LoadMethod::ALL {
            assert_eq!(m.as_str().parse::<LoadMethod>(), Ok(m));
        }
        assert!("x".parse::<LoadMethod>().is_err());
    }
}
