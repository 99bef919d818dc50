//! The Hevy CSV writer beside its reader: what `hevy::write` writes, `read` reads back as the same sessions.

mod common;

use afterlift_core::session::{ExerciseLog, SetKind, SetLog, StrengthSession};
use afterlift_formats::{Format, ReadOptions, WeightUnit, hevy, read};
use common::{bytes, lifts_of, read_data, ts};
use jiff::{SignedDuration, Timestamp};

/// Written, then read back with the default options (UTC, as the writer writes): the sessions, and the
/// reader's warnings.
fn round_trip(sessions: &[StrengthSession]) -> (Vec<StrengthSession>, Vec<String>) {
    let mut csv = Vec::new();
    hevy::write(sessions, &mut csv).unwrap();
    let header = String::from_utf8(csv.split(|&b| b == b'\n').next().unwrap().to_vec()).unwrap();
    assert_eq!(header, hevy::HEADER.join(","));
    let parsed = read(&csv, "lifts.csv", &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.iter().all(|p| p.format == Some(Format::HevyCsv)));
    let warnings = parsed.iter().flat_map(|p| p.warnings.clone()).collect();
    (lifts_of(parsed), warnings)
}

/// Distances go through kilometres: equal to the last bit or two.
fn same_distances(a: &[StrengthSession], b: &[StrengthSession]) -> Vec<StrengthSession> {
    let sets = |s: &[StrengthSession]| -> Vec<Option<f64>> {
        s.iter()
            .flat_map(|s| &s.exercises)
            .flat_map(|e| &e.sets)
            .map(|x| x.distance_m)
            .collect()
    };
    for (x, y) in sets(a).into_iter().zip(sets(b)) {
        match (x, y) {
            (Some(x), Some(y)) => assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{x} {y}"),
            _ => assert_eq!(x, y),
        }
    }
    // The rest compared exactly, with a's distances.
    let mut out = b.to_vec();
    for (s, t) in out.iter_mut().zip(a) {
        for (e, f) in s.exercises.iter_mut().zip(&t.exercises) {
            for (x, y) in e.sets.iter_mut().zip(&f.sets) {
                x.distance_m = y.distance_m;
            }
        }
    }
    out
}

#[test]
fn a_real_hevy_export_reads_back_as_the_same_sessions() {
    let original = lifts_of(read_data("hevy/strong-statistics-hevy.csv.gz").unwrap());
    assert_eq!(original.len(), 335);
    let (back, warnings) = round_trip(&original);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back.len(), original.len());
    let back = same_distances(&original, &back);
    for (a, b) in original.iter().zip(&back) {
        assert_eq!(a, b, "{}", a.started_at);
    }
}

#[test]
fn a_real_strong_export_reads_back_as_hevy_keeps_every_set() {
    let original = lifts_of(read_data("strong/strong.csv").unwrap());
    let (back, warnings) = round_trip(&original);
    assert!(warnings.is_empty(), "{warnings:?}");
    // What Hevy's format keeps of a session: its times to the minute; not its RPE; the source is Hevy's.
    let minute = |t: Timestamp| Timestamp::from_second(t.as_second().div_euclid(60) * 60).unwrap();
    let expected: Vec<StrengthSession> = original
        .iter()
        .map(|s| {
            let start = minute(s.started_at);
            let duration_s = s.duration_s.map(|d| {
                let end = minute(s.started_at + SignedDuration::from_secs_f64(d));
                (end.as_second() - start.as_second()) as f64
            });
            StrengthSession {
                started_at: start,
                duration_s,
                rpe: None,
                source: "hevy".into(),
                ..s.clone()
            }
        })
        .collect();
    assert_eq!(back.len(), expected.len());
    let back = same_distances(&expected, &back);
    for (a, b) in expected.iter().zip(&back) {
        assert_eq!(a, b, "{}", a.started_at);
    }
}

#[test]
fn weights_come_back_to_the_last_bit() {
    // Strong's weights read as pounds: kilograms with every decimal of 0.45359237.
    let lb = ReadOptions {
        weight_unit: WeightUnit::Lb,
        ..ReadOptions::default()
    };
    let in_lb = lifts_of(read(&bytes("strong/strong.csv"), "strong.csv", &lb).unwrap());
    let (back, _) = round_trip(&in_lb);
    let weights = |s: &[StrengthSession]| -> Vec<Option<f64>> {
        s.iter()
            .flat_map(|s| &s.exercises)
            .flat_map(|e| &e.sets)
            .map(|x| x.weight_kg)
            .collect()
    };
    assert!(weights(&in_lb).iter().flatten().any(|w| w.fract() != 0.0));
    assert_eq!(weights(&back), weights(&in_lb));
}

#[test]
fn what_a_session_does_not_say_stays_unsaid() {
    let set = |kind, reps, weight_kg, duration_s, distance_m| SetLog {
        reps,
        weight_kg,
        rpe: reps.map(|_| 8.5),
        kind,
        duration_s,
        distance_m,
    };
    let session = StrengthSession {
        started_at: ts("2026-03-02T19:59:00Z"),
        duration_s: None,
        title: None,
        rpe: None,
        source: "hevy".into(),
        exercises: vec![
            ExerciseLog {
                name: "Squat (Barbell)".into(),
                sets: vec![
                    set(SetKind::Warmup, Some(5), Some(60.0), None, None),
                    set(SetKind::Normal, Some(5), Some(102.5), None, None),
                    set(SetKind::Drop, Some(8), Some(80.25), None, None),
                    set(SetKind::Failure, Some(3), Some(102.5), None, None),
                ],
            },
            ExerciseLog {
                name: "Farmers Walk, heavy \"quoted\"".into(),
                sets: vec![set(
                    SetKind::Normal,
                    None,
                    Some(32.0),
                    Some(45.0),
                    Some(40.0),
                )],
            },
        ],
    };
    let (back, warnings) = round_trip(std::slice::from_ref(&session));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(back, std::slice::from_ref(&session));

    let timed = StrengthSession {
        duration_s: Some(3600.0),
        title: Some("Legs".into()),
        ..session
    };
    let (back, _) = round_trip(std::slice::from_ref(&timed));
    assert_eq!(back, [timed]);
}
