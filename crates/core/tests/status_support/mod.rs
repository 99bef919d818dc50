//! Shared builders for the status tests: a training log with a steady weekly pattern, and ways to change it.
#![allow(dead_code)]

use afterlift_core::load::{activity_load, lift_load};
use afterlift_core::session::{Activity, ExerciseLog, SetLog, Sport, StrengthSession, Wellness};
use afterlift_core::status::{LoggedSession, RunSummary, SessionKind, StatusInput};
use afterlift_core::{Athlete, Goal, Sex};
use jiff::civil::{Date, Weekday, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// 34, male, 75 kg, resting HR 55, measured max 190, general fitness.
pub fn athlete() -> Athlete {
    Athlete {
        age_years: 34.0,
        sex: Sex::Male,
        weight_kg: 75.0,
        resting_hr_bpm: Some(55.0),
        max_hr_bpm: Some(190.0),
        hrv_rmssd_ms: Some(60.0),
        goal: Goal::General,
        concurrent_weeks: Some(26),
        injury_prone: false,
    }
}

/// Local time `hh:mm` on `d` in the log's time zone (UTC).
pub fn at(d: Date, hh: i8, mm: i8) -> Timestamp {
    d.at(hh, mm, 0, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

pub fn plus_hours(t: Timestamp, h: f64) -> Timestamp {
    t.checked_add(SignedDuration::from_secs_f64(h * 3600.0))
        .unwrap()
}

pub fn set(reps: u32, kg: f64, rpe: f64) -> SetLog {
    SetLog {
        reps: Some(reps),
        weight_kg: Some(kg),
        rpe: Some(rpe),
        ..Default::default()
    }
}

pub fn sets(n: usize, reps: u32, kg: f64, rpe: f64) -> Vec<SetLog> {
    vec![set(reps, kg, rpe); n]
}

pub struct Log {
    pub input: StatusInput,
}

impl Log {
    pub fn new() -> Log {
        Log {
            input: StatusInput {
                athlete: athlete(),
                time_zone: TimeZone::UTC,
                sessions: Vec::new(),
                lifts: Vec::new(),
                runs: Vec::new(),
                wellness: Vec::new(),
                aliases: Default::default(),
            },
        }
    }

    /// A run with average heart rate and distance, its load from Banister TRIMP.
    pub fn run(&mut self, start: Timestamp, minutes: f64, avg_hr: f64, km: f64) {
        let a = Activity {
            sport: Sport::Run,
            started_at: start,
            utc_offset_s: None,
            timer_s: minutes * 60.0,
            elapsed_s: minutes * 60.0,
            distance_m: Some(km * 1000.0),
            avg_hr_bpm: Some(avg_hr),
            max_hr_bpm: None,
            calories_kcal: None,
            rpe: None,
            source: "test".into(),
            samples: Vec::new(),
            laps: Vec::new(),
        };
        let load = activity_load(&a, &self.input.athlete).load;
        self.input.sessions.push(LoggedSession {
            started_at: start,
            duration_s: Some(minutes * 60.0),
            kind: SessionKind::Cardio(Sport::Run),
            load,
        });
        self.input.runs.push(RunSummary {
            started_at: start,
            duration_s: minutes * 60.0,
            distance_m: km * 1000.0,
            avg_hr_bpm: avg_hr,
        });
    }

    /// A lifting session of `minutes` with a session RPE, its load Foster's RPE × minutes.
    pub fn lift(
        &mut self,
        start: Timestamp,
        minutes: f64,
        rpe: f64,
        exercises: Vec<(&str, Vec<SetLog>)>,
    ) {
        let s = StrengthSession {
            started_at: start,
            duration_s: Some(minutes * 60.0),
            title: None,
            rpe: Some(rpe),
            source: "test".into(),
            exercises: exercises
                .into_iter()
                .map(|(name, sets)| ExerciseLog {
                    name: name.into(),
                    sets,
                })
                .collect(),
        };
        let load = lift_load(&s, &self.input.athlete).load;
        self.input.sessions.push(LoggedSession {
            started_at: start,
            duration_s: s.duration_s,
            kind: SessionKind::Lift,
            load,
        });
        self.input.lifts.push(s);
    }

    pub fn wellness(&mut self, d: Date, w: Wellness) {
        self.input.wellness.retain(|(x, _)| *x != d);
        self.input.wellness.push((d, w));
    }

    pub fn wellness_mut(&mut self, d: Date) -> &mut Wellness {
        if !self.input.wellness.iter().any(|(x, _)| *x == d) {
            self.input.wellness.push((d, Wellness::default()));
        }
        &mut self
            .input
            .wellness
            .iter_mut()
            .find(|(x, _)| *x == d)
            .unwrap()
            .1
    }
}

/// Resting HR and HRV wobble around 52 bpm / 60 ms with a 7-day pattern whose weekly mean is exactly the
/// baseline mean, so a steady athlete is exactly on their baseline.
const WOBBLE: [f64; 7] = [-1.0, 0.0, 1.0, 0.0, -1.0, 1.0, 0.0];

pub fn steady_wellness(i: usize) -> Wellness {
    let w = WOBBLE[i % 7];
    Wellness {
        sleep_hours: Some(7.5),
        sleep_quality: Some(2),
        fatigue: Some(3),
        soreness: Some(3),
        stress: Some(2),
        mood: Some(2),
        resting_hr_bpm: Some(52.0 + w),
        hrv_rmssd_ms: Some(60.0 * (1.0 + 0.05 * w)),
        pain: false,
        illness: false,
    }
}

/// A steady hybrid week, the same every week for `weeks` weeks ending on Sunday `last_sunday`:
/// - Monday 18:00 upper body (bench 4×8 at 70 kg RPE 8, rows, presses; 60 min, session RPE 7);
/// - Tuesday 07:00 easy run 40 min at 130 bpm, 8 km;
/// - Wednesday 18:00 lower body (squat 4×5 at 100 kg RPE 8, RDL 3×8 at 80 kg RPE 8; 60 min, RPE 7);
/// - Thursday 07:00 easy run 45 min at 130 bpm, 9 km;
/// - Saturday 08:00 long easy run 75 min at 128 bpm, 15 km;
/// - Friday and Sunday rest; a wellness check-in every morning.
pub fn steady_log(last_sunday: Date, weeks: i64) -> Log {
    assert_eq!(last_sunday.weekday(), Weekday::Sunday);
    let mut log = Log::new();
    let first = last_sunday
        .checked_sub(jiff::Span::new().days(weeks * 7 - 1))
        .unwrap();
    let mut d = first;
    let mut i = 0;
    while d <= last_sunday {
        match d.weekday() {
            Weekday::Monday => log.lift(
                at(d, 18, 0),
                60.0,
                7.0,
                vec![
                    ("Bench Press (Barbell)", sets(4, 8, 70.0, 8.0)),
                    ("Bent Over Row (Barbell)", sets(3, 10, 60.0, 8.0)),
                    ("Overhead Press (Barbell)", sets(3, 8, 40.0, 8.0)),
                ],
            ),
            Weekday::Tuesday => log.run(at(d, 7, 0), 40.0, 130.0, 8.0),
            Weekday::Wednesday => log.lift(
                at(d, 18, 0),
                60.0,
                7.0,
                vec![
                    ("Squat (Barbell)", sets(4, 5, 100.0, 8.0)),
                    ("Romanian Deadlift (Barbell)", sets(3, 8, 80.0, 8.0)),
                ],
            ),
            Weekday::Thursday => log.run(at(d, 7, 0), 45.0, 130.0, 9.0),
            Weekday::Saturday => log.run(at(d, 8, 0), 75.0, 128.0, 15.0),
            _ => {}
        }
        log.wellness(d, steady_wellness(i));
        d = d.tomorrow().unwrap();
        i += 1;
    }
    log
}

/// Sunday 1 March 2026.
pub fn last_sunday() -> Date {
    date(2026, 3, 1)
}

/// Monday 2 March 2026, 07:00: the morning after the steady log ends.
pub fn monday_morning() -> Timestamp {
    at(date(2026, 3, 2), 7, 0)
}

/// A heavy leg day: squat 5×5 at RPE 8.5, leg press 3×10 at RPE 8, RDL 3×8 at RPE 8; 75 min, session RPE 8.5.
pub fn heavy_leg_day(log: &mut Log, start: Timestamp) {
    log.lift(
        start,
        75.0,
        8.5,
        vec![
            ("Squat (Barbell)", sets(5, 5, 110.0, 8.5)),
            ("Leg Press", sets(3, 10, 180.0, 8.0)),
            ("Romanian Deadlift (Barbell)", sets(3, 8, 90.0, 8.0)),
        ],
    );
}
