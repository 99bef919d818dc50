//! Deterministic fixtures shared by the unit tests, integration tests and benches (not part of the API).
//!
//! A pseudo-random walk stands in for a real recording so that sizes and timings are reproducible
//! without reading files.

use afterlift_core::session::{
    Activity, ExerciseLog, Lap, LapTrigger, Sample, SetKind, SetLog, Sport, StrengthSession,
};
use jiff::Timestamp;

/// A tiny xorshift generator: enough noise for realistic deltas, no dependency.
struct Noise(u64);

impl Noise {
    fn next_unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    }
}

/// 3,600 one-second samples of an easy run: HR drifting 130–165, ~3 m/s with noise, cumulative distance,
/// cadence ~85, rolling altitude, and a GPS track heading north-east from Berlin.
pub fn one_hour_run_samples() -> Vec<Sample> {
    let mut noise = Noise(0x2545_f491_4f6c_dd1d);
    let (mut hr, mut distance_m, mut altitude_m) = (130.0f64, 0.0f64, 34.0f64);
    let (mut lat, mut lon) = (52.5163f64, 13.3777f64);
    (0..3600u32)
        .map(|t| {
            hr = (hr + noise.next_unit() * 2.0 + 0.01).clamp(125.0, 170.0);
            let speed = 3.0 + noise.next_unit() * 0.4;
            distance_m += speed;
            altitude_m += noise.next_unit() * 0.6;
            lat += speed * 0.7 / 111_320.0;
            lon += speed * 0.7 / 67_800.0;
            Sample {
                offset_s: t,
                hr_bpm: Some(hr.round() as u8),
                speed_mps: Some(speed as f32),
                distance_m: Some(distance_m),
                cadence_rpm: Some((85.0 + noise.next_unit() * 4.0).round() as u8),
                altitude_m: Some(altitude_m as f32),
                power_w: None,
                lat_deg: Some(lat),
                lon_deg: Some(lon),
            }
        })
        .collect()
}

/// The device's laps of [`one_hour_run`]: six of 10 minutes (auto-lap by time, the last ended with the
/// session), every value present in some and missing in others.
pub fn one_hour_run_laps(started_at: Timestamp, samples: &[Sample]) -> Vec<Lap> {
    let at = |s: u32| {
        samples
            .get(s as usize)
            .and_then(|x| x.distance_m)
            .unwrap_or(0.0)
    };
    (0..6u32)
        .map(|i| {
            let (from, to) = (i * 600, (i * 600 + 599).min(3599));
            Lap {
                start: started_at
                    .checked_add(jiff::SignedDuration::from_secs(i64::from(from)))
                    .expect("in range"),
                elapsed_s: Some(600.0),
                timer_s: Some(if i == 3 { 590.25 } else { 600.0 }),
                distance_m: Some(at(to) - at(from)),
                avg_hr_bpm: Some(140.0 + f64::from(i)),
                max_hr_bpm: (i != 2).then_some(150.0 + f64::from(i)),
                avg_speed_mps: Some(3.0 + 0.125 * f64::from(i)),
                ascent_m: (i % 2 == 0).then_some(4.0),
                avg_cadence_rpm: Some(85.5),
                trigger: Some(if i == 5 {
                    LapTrigger::SessionEnd
                } else {
                    LapTrigger::Time
                }),
            }
        })
        .collect()
}

/// A 1-hour run starting at `started_at`, with [`one_hour_run_samples`] and [`one_hour_run_laps`].
pub fn one_hour_run(started_at: Timestamp) -> Activity {
    let samples = one_hour_run_samples();
    let laps = one_hour_run_laps(started_at, &samples);
    let distance_m = samples.last().and_then(|s| s.distance_m);
    Activity {
        sport: Sport::Run,
        started_at,
        utc_offset_s: Some(3600),
        timer_s: 3600.0,
        elapsed_s: 3600.0,
        distance_m,
        avg_hr_bpm: Some(148.0),
        max_hr_bpm: Some(170.0),
        calories_kcal: Some(720.0),
        rpe: None,
        source: "fit (fixture)".into(),
        samples,
        laps,
    }
}

/// A simple cardio activity without samples.
pub fn activity(sport: Sport, started_at: Timestamp, minutes: f64, source: &str) -> Activity {
    Activity {
        sport,
        started_at,
        utc_offset_s: None,
        timer_s: minutes * 60.0,
        elapsed_s: minutes * 60.0,
        distance_m: None,
        avg_hr_bpm: None,
        max_hr_bpm: None,
        calories_kcal: None,
        rpe: None,
        source: source.into(),
        samples: Vec::new(),
        laps: Vec::new(),
    }
}

/// A leg day as a strength app exports it: squats with a warm-up set and RDLs.
pub fn leg_day(started_at: Timestamp, minutes: f64, source: &str) -> StrengthSession {
    let set = |reps, kg, kind| SetLog {
        reps: Some(reps),
        weight_kg: Some(kg),
        rpe: Some(8.0),
        kind,
        duration_s: None,
        distance_m: None,
    };
    StrengthSession {
        started_at,
        duration_s: Some(minutes * 60.0),
        title: Some("Legs".into()),
        rpe: Some(8.0),
        source: source.into(),
        exercises: vec![
            ExerciseLog {
                name: "Squat (Barbell)".into(),
                sets: vec![
                    set(5, 60.0, SetKind::Warmup),
                    set(5, 100.0, SetKind::Normal),
                    set(5, 100.0, SetKind::Normal),
                ],
            },
            ExerciseLog {
                name: "Romanian Deadlift (Barbell)".into(),
                sets: vec![
                    set(8, 80.0, SetKind::Normal),
                    set(6, 80.0, SetKind::Failure),
                ],
            },
        ],
    }
}
