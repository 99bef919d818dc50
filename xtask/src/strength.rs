//! Strength sessions of the synthetic athlete, written as the apps export them: Strong's CSV
//! (the first half of the history) and Hevy's CSV (after the athlete switched apps), one file per
//! year.
//!
//! The programme (assumptions): two full-body sessions a week (A: squat, bench press, barbell row,
//! pull-ups; B: deadlift, overhead press, Romanian deadlift, lunges), one warm-up set then three to
//! five working sets of five around 80 % of the current one-repetition maximum (rounded to 2.5 kg),
//! RPE 7–9, reps ±1. The maxima grow linearly for four years then hold (squat 100 → 132 kg, bench
//! 75 → 91 kg, deadlift 120 → 160 kg, press 50 → 62 kg); every fifth week is a deload at 85 % load.
//! A session lasts 50–80 minutes in the evening.

use std::fmt::Write as _;

use crate::calendar::Civil;
use crate::physiology::gauss;

/// One lifting session.
#[derive(Debug, Clone)]
pub struct Session {
    pub start: Civil,
    pub minutes: u32,
    pub name: &'static str,
    pub exercises: Vec<(&'static str, Vec<Set>)>,
}

#[derive(Debug, Clone, Copy)]
pub struct Set {
    pub warmup: bool,
    pub kg: f64,
    pub reps: u32,
    pub rpe: Option<f64>,
}

/// Session `index` (A/B alternate) on `start`, `years` into the history, `week` of the year.
pub fn session(
    start: Civil,
    index: usize,
    years: f64,
    week: i64,
    rng: &mut fastrand::Rng,
) -> Session {
    let grow = years.min(4.0) / 4.0;
    let deload = if week % 5 == 4 { 0.85 } else { 1.0 };
    let plan: [(&'static str, f64, f64); 4] = if index.is_multiple_of(2) {
        [
            ("Squat (Barbell)", 100.0, 132.0),
            ("Bench Press (Barbell)", 75.0, 91.0),
            ("Bent Over Row (Barbell)", 65.0, 80.0),
            ("Pull Up", 0.0, 0.0),
        ]
    } else {
        [
            ("Deadlift (Barbell)", 120.0, 160.0),
            ("Overhead Press (Barbell)", 50.0, 62.0),
            ("Romanian Deadlift (Barbell)", 90.0, 115.0),
            ("Lunge (Dumbbell)", 20.0, 28.0),
        ]
    };
    let mut exercises = Vec::new();
    for (name, from, to) in plan {
        let one_rm = from + (to - from) * grow;
        let work = round_to(0.8 * one_rm * deload, 2.5);
        let mut sets = Vec::new();
        if one_rm > 40.0 {
            sets.push(Set {
                warmup: true,
                kg: round_to(work * 0.5, 2.5),
                reps: 8,
                rpe: None,
            });
        }
        for _ in 0..rng.u32(3..=5) {
            let reps = if one_rm == 0.0 {
                rng.u32(6..=10)
            } else {
                (5 + rng.i32(-1..=1)) as u32
            };
            sets.push(Set {
                warmup: false,
                kg: work,
                reps,
                rpe: Some(((8.0 + gauss(rng, 0.6)).clamp(7.0, 9.5) * 2.0).round() / 2.0),
            });
        }
        exercises.push((name, sets));
    }
    Session {
        start,
        minutes: rng.u32(50..=80),
        name: if index.is_multiple_of(2) {
            "Full Body A"
        } else {
            "Full Body B"
        },
        exercises,
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

/// Strong's export (comma-separated, the columns of a current export).
pub fn strong_csv(sessions: &[Session]) -> String {
    let mut out = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    );
    for s in sessions {
        let date = s.start.datetime();
        let duration = format!("{}h {}m", s.minutes / 60, s.minutes % 60);
        for (exercise, sets) in &s.exercises {
            let mut n = 0;
            for set in sets {
                let order = if set.warmup {
                    "W".to_string()
                } else {
                    n += 1;
                    n.to_string()
                };
                let rpe = set.rpe.map(|r| format!("{r:.1}")).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{date},\"{}\",{duration},\"{exercise}\",{order},{:.1},{},0,0,\"\",\"\",{rpe}",
                    s.name, set.kg, set.reps
                );
            }
        }
    }
    out
}

/// Hevy's export.
pub fn hevy_csv(sessions: &[Session]) -> String {
    let mut out = String::from(
        "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\",\"distance_km\",\"duration_seconds\",\"rpe\"\n",
    );
    for s in sessions {
        let start = s.start.hevy();
        let end = s.start.plus_minutes(s.minutes).hevy();
        for (exercise, sets) in &s.exercises {
            for (i, set) in sets.iter().enumerate() {
                let kind = if set.warmup { "warmup" } else { "normal" };
                let rpe = set.rpe.map(|r| format!("{r}")).unwrap_or_default();
                let kg = if set.kg > 0.0 {
                    format!("{}", set.kg)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "\"{}\",\"{start}\",\"{end}\",\"\",\"{exercise}\",,\"\",{i},\"{kind}\",{kg},{},,,{rpe}",
                    s.name, set.reps
                );
            }
        }
    }
    out
}
