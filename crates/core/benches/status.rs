//! The status report over ten years of daily history: every load trend over the whole series, muscle
//! fatigue, baselines, e1RM and easy-run trends, readiness and the JSON-ready response.
//! Target (issue 4): < 50 ms. Run: `cargo bench -p afterlift-core --bench status`.
//!
//! The history is built here: 3,650 days, about 1.5 sessions a day with loads (runs, rides, lifts), about
//! 500 strength sessions with 5 exercises × 4 sets each, a run summary per run and a check-in every day.

use afterlift_core::Athlete;
use afterlift_core::session::{ExerciseLog, SetLog, Sport, StrengthSession, Wellness};
use afterlift_core::status::{
    LoggedSession, RunSummary, SessionKind, StatusInput, snapshot, status,
};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::hint::black_box;

/// A small deterministic generator (64-bit LCG, Knuth's constants) so the bench needs no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

const DAYS: i64 = 3650;

fn history() -> (StatusInput, Timestamp) {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let last = date(2026, 3, 1);
    let first = last.checked_sub(jiff::Span::new().days(DAYS - 1)).unwrap();
    let mut rng = Lcg(42);
    let mut sessions = Vec::new();
    let mut lifts = Vec::new();
    let mut runs = Vec::new();
    let mut wellness = Vec::new();
    let lower = [
        "Squat (Barbell)",
        "Romanian Deadlift (Barbell)",
        "Leg Press",
        "Lunge (Dumbbell)",
        "Leg Extension (Machine)",
    ];
    let upper = [
        "Bench Press (Barbell)",
        "Bent Over Row (Barbell)",
        "Overhead Press (Barbell)",
        "Lat Pulldown (Cable)",
        "Bicep Curl (Dumbbell)",
    ];
    let mut d = first;
    for i in 0..DAYS {
        let morning = d.at(7, 0, 0, 0).to_zoned(tz.clone()).unwrap().timestamp();
        let evening = d.at(18, 0, 0, 0).to_zoned(tz.clone()).unwrap().timestamp();
        // Cardio on ~95 % of days, a lift every ~7.3 days (≈ 500 in ten years), a second cardio sometimes:
        // ≈ 1.5 sessions a day.
        if rng.next() < 0.95 {
            let minutes = 30.0 + 60.0 * rng.next();
            let run = rng.next() < 0.7;
            let hr = 120.0 + 40.0 * rng.next();
            sessions.push(LoggedSession {
                started_at: morning,
                duration_s: Some(minutes * 60.0),
                kind: SessionKind::Cardio(if run { Sport::Run } else { Sport::Cycle }),
                load: minutes * (2.0 + 5.0 * rng.next()),
            });
            if run {
                runs.push(RunSummary {
                    started_at: morning,
                    duration_s: minutes * 60.0,
                    distance_m: minutes * 60.0 * (2.6 + 0.8 * rng.next()),
                    avg_hr_bpm: hr,
                });
            }
        }
        if i % 73 < 10 {
            let names = if i % 2 == 0 { &lower } else { &upper };
            let exercises = names
                .iter()
                .map(|name| ExerciseLog {
                    name: (*name).to_string(),
                    sets: (0..4)
                        .map(|_| SetLog {
                            reps: Some(5 + (rng.next() * 6.0) as u32),
                            weight_kg: Some(40.0 + 80.0 * rng.next()),
                            rpe: Some(7.0 + 2.0 * rng.next()),
                            ..Default::default()
                        })
                        .collect(),
                })
                .collect();
            lifts.push(StrengthSession {
                started_at: evening,
                duration_s: Some(3600.0),
                title: None,
                rpe: Some(7.0),
                source: "bench".into(),
                exercises,
            });
            sessions.push(LoggedSession {
                started_at: evening,
                duration_s: Some(3600.0),
                kind: SessionKind::Lift,
                load: 420.0,
            });
        }
        if rng.next() < 0.25 {
            let midday = morning.checked_add(SignedDuration::from_hours(5)).unwrap();
            sessions.push(LoggedSession {
                started_at: midday,
                duration_s: Some(1800.0),
                kind: SessionKind::Cardio(Sport::Walk),
                load: 45.0,
            });
        }
        let item = |r: f64| 1 + (r * 5.0) as u8;
        wellness.push((
            d,
            Wellness {
                sleep_hours: Some(6.0 + 2.5 * rng.next()),
                sleep_quality: Some(item(rng.next())),
                fatigue: Some(item(rng.next())),
                soreness: Some(item(rng.next())),
                stress: Some(item(rng.next())),
                mood: Some(item(rng.next())),
                resting_hr_bpm: Some(50.0 + 6.0 * rng.next()),
                hrv_rmssd_ms: Some(50.0 + 25.0 * rng.next()),
                pain: false,
                illness: false,
            },
        ));
        d = d.tomorrow().unwrap();
    }
    let at = last
        .at(20, 0, 0, 0)
        .to_zoned(tz.clone())
        .unwrap()
        .timestamp();
    let input = StatusInput {
        athlete: Athlete::example(),
        time_zone: tz,
        sessions,
        lifts,
        runs,
        wellness,
        aliases: Default::default(),
    };
    (input, at)
}

fn bench(c: &mut Criterion) {
    let (input, at) = history();
    assert!(input.lifts.len() >= 490, "{} lifts", input.lifts.len());
    let per_day = input.sessions.len() as f64 / DAYS as f64;
    assert!((1.3..1.7).contains(&per_day), "{per_day} sessions a day");
    c.bench_function("status/10y_report_90d", |b| {
        b.iter(|| status(black_box(&input), at, 90))
    });
    c.bench_function("status/10y_report_full_series", |b| {
        b.iter(|| status(black_box(&input), at, DAYS as u32))
    });
    c.bench_function("status/10y_snapshot", |b| {
        b.iter(|| snapshot(black_box(&input), at))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
