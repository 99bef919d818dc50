//! Strong and Hevy CSV exports: the real Strong export in `testdata/strong`, and fixtures in the
//! shape of Hevy's export (kg and lb) and of Strong's newer semicolon export.

mod common;

use afterlift_core::session::{SetKind, StrengthSession};
use afterlift_formats::{Content, ErrorKind, Format, Place, ReadOptions, WeightUnit, read};
use common::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lifts(bytes: &[u8], name: &str, opts: &ReadOptions) -> (Vec<StrengthSession>, Vec<String>) {
    let parsed = read(bytes, name, opts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.len(), 1);
    let warnings = parsed[0].warnings.clone();
    (lifts_of(parsed), warnings)
}

fn zone(name: &str) -> ReadOptions {
    ReadOptions {
        time_zone: jiff::tz::TimeZone::get(name).unwrap(),
        ..ReadOptions::default()
    }
}

#[test]
fn strong_export_gives_one_session_per_workout() {
    let parsed = read_data("strong/strong.csv").unwrap();
    assert_eq!(parsed[0].format, Some(Format::StrongCsv));
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
    let sessions = lifts_of(parsed);
    // 129 distinct (Date, Workout Name) pairs, 619 exercises, 2078 set rows (counted with Python's csv module).
    assert_eq!(sessions.len(), 129);
    assert_eq!(
        sessions.iter().map(|s| s.exercises.len()).sum::<usize>(),
        619
    );
    assert_eq!(
        sessions
            .iter()
            .flat_map(|s| &s.exercises)
            .map(|e| e.sets.len())
            .sum::<usize>(),
        2078
    );

    let first = &sessions[0];
    assert_eq!(first.started_at, ts("2021-02-10T16:46:13Z"));
    assert_eq!(first.duration_s, Some(2.0 * 3600.0 + 18.0 * 60.0));
    assert_eq!(first.title.as_deref(), Some("Mittwoch"));
    assert_eq!(first.source, "strong");
    let names: Vec<&str> = first.exercises.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bench Press (Barbell)",
            "Deadlift (Barbell)",
            "Wide Pull Up",
            "Pull Up (Band)",
            "Incline Bench Press (Barbell)"
        ]
    );
    let bench: Vec<(Option<u32>, Option<f64>)> = first.exercises[0]
        .sets
        .iter()
        .map(|s| (s.reps, s.weight_kg))
        .collect();
    assert_eq!(
        bench,
        [
            (Some(8), Some(75.0)),
            (Some(8), Some(75.0)),
            (Some(8), Some(75.0)),
            (Some(6), Some(75.0)),
            (Some(6), Some(75.0))
        ]
    );
    // Bodyweight: weight 0 means none recorded.
    assert_eq!(first.exercises[2].sets[0].weight_kg, None);
    assert_eq!(
        sessions.last().unwrap().started_at,
        ts("2021-12-22T15:07:27Z")
    );

    // A timed set (line 74: Plank, 0 reps, 90 s).
    let plank = sessions
        .iter()
        .find(|s| s.started_at == ts("2021-02-17T18:18:29Z"))
        .unwrap();
    let set = plank
        .exercises
        .iter()
        .find(|e| e.name == "Plank")
        .unwrap()
        .sets[0];
    assert_eq!(
        (set.reps, set.duration_s, set.kind),
        (None, Some(90.0), SetKind::Normal)
    );
}

#[test]
fn strong_dates_are_local_time_in_the_given_zone() {
    let (sessions, _) = lifts(
        &bytes("strong/strong.csv"),
        "strong.csv",
        &zone("Europe/Berlin"),
    );
    assert_eq!(sessions[0].started_at, ts("2021-02-10T15:46:13Z")); // CET, UTC+1
    let summer = sessions
        .iter()
        .find(|s| s.started_at == ts("2021-07-19T15:06:58Z"));
    assert!(summer.is_some(), "2021-07-19 17:06:58 CEST is 15:06:58Z");
}

#[test]
fn strong_weights_in_pounds_when_asked() {
    let opts = ReadOptions {
        weight_unit: WeightUnit::Lb,
        ..ReadOptions::default()
    };
    let (sessions, _) = lifts(&bytes("strong/strong.csv"), "strong.csv", &opts);
    let w = sessions[0].exercises[0].sets[0].weight_kg.unwrap();
    assert!(close(w, 75.0 * 0.453_592_37, 1e-9), "{w}");
}

#[test]
fn strong_semicolon_export_with_units_and_set_kinds() {
    let (sessions, warnings) = lifts(
        &fixture("strong_semicolon.csv"),
        "strong.csv",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sessions.len(), 2);
    let legs = &sessions[0];
    assert_eq!(legs.duration_s, Some(3900.0));
    let squat = &legs.exercises[0];
    let kinds: Vec<SetKind> = squat.sets.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [SetKind::Warmup, SetKind::Normal, SetKind::Failure],
        "the Rest Timer row is not a set"
    );
    assert_eq!(squat.sets[1].weight_kg, Some(102.5)); // decimal comma
    assert_eq!(squat.sets[1].rpe, Some(8.5));
    let press = &legs.exercises[1];
    assert!(close(
        press.sets[0].weight_kg.unwrap(),
        225.0 * 0.453_592_37,
        1e-9
    ));
    assert_eq!(press.sets[1].kind, SetKind::Drop);
    let cycling = legs.exercises[2].sets[0];
    assert_eq!(
        (cycling.distance_m, cycling.duration_s),
        (Some(5000.0), Some(900.0))
    );
    assert_eq!(sessions[1].duration_s, Some(1200.0));
}

#[test]
fn strong_bad_cell_names_line_and_column() {
    let text = String::from_utf8(bytes("strong/strong.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[16] = lines[16].replace(",8,0,0", ",abc,0,0");
    let e = read(
        lines.join("\n").as_bytes(),
        "strong.csv",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidValue);
    assert_eq!(
        e.place,
        Place::Line {
            line: 17,
            column: Some("Reps".into())
        }
    );
    assert_eq!(
        e.to_string(),
        "strong.csv: invalid value at line 17, column \"Reps\": expected a whole number, found \"abc\""
    );
}

#[test]
fn strong_absurd_values_are_dropped_with_warnings() {
    let csv = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
               2021-02-10 16:46:13,Long,45h 0m,Squat,1,2500,5,0,0,,,\n\
               2021-02-10 16:46:13,Long,45h 0m,Squat,2,100,5,0,0,,,14\n";
    let (sessions, warnings) = lifts(csv.as_bytes(), "s.csv", &ReadOptions::default());
    assert_eq!(sessions[0].duration_s, None);
    assert_eq!(sessions[0].exercises[0].sets[0].weight_kg, None);
    assert_eq!(sessions[0].exercises[0].sets[1].rpe, None);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings[0].contains("line 2") && warnings[0].contains("45h 0m is implausible"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("weight 2500 kg is implausible"),
        "{}",
        warnings[1]
    );
}

#[test]
fn hevy_workouts_sets_and_kinds() {
    let (sessions, warnings) = lifts(&fixture("hevy.csv"), "hevy.csv", &zone("Europe/London"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sessions.len(), 3);
    let push = &sessions[0];
    assert_eq!(push.title.as_deref(), Some("Push Day"));
    assert_eq!(push.source, "hevy");
    assert_eq!(push.started_at, ts("2026-03-02T19:59:00Z")); // GMT in March
    assert_eq!(push.duration_s, Some(65.0 * 60.0));
    let bench = &push.exercises[0];
    let kinds: Vec<SetKind> = bench.sets.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SetKind::Warmup,
            SetKind::Normal,
            SetKind::Normal,
            SetKind::Failure
        ]
    );
    assert_eq!(bench.sets[2].rpe, Some(8.5));
    assert_eq!(push.exercises[2].sets[1].kind, SetKind::Drop);
    assert_eq!(push.exercises[3].sets[0].duration_s, Some(60.0));
    let legs = &sessions[1];
    let treadmill = legs
        .exercises
        .iter()
        .find(|e| e.name == "Treadmill")
        .unwrap()
        .sets[0];
    assert_eq!(
        (treadmill.distance_m, treadmill.duration_s),
        (Some(1500.0), Some(600.0))
    );
    assert_eq!(sessions[2].started_at, ts("2026-03-12T18:30:00Z"));
    assert_eq!(sessions[2].exercises[0].sets[0].weight_kg, None);
}

#[test]
fn hevy_imperial_export_is_converted() {
    let (sessions, _) = lifts(
        &fixture("hevy_lbs.csv"),
        "hevy_lbs.csv",
        &zone("America/New_York"),
    );
    let s = &sessions[0];
    assert_eq!(s.started_at, ts("2026-01-14T11:45:00Z")); // EST, UTC−5
    let dl = &s.exercises[0];
    assert!(close(
        dl.sets[1].weight_kg.unwrap(),
        225.0 * 0.453_592_37,
        1e-9
    ));
    assert_eq!(dl.sets[2].kind, SetKind::Drop);
    let carry = s.exercises[1].sets[0];
    assert!(close(carry.distance_m.unwrap(), 0.05 * 1609.344, 1e-9));
    let run = s.exercises[2].sets[0];
    assert!(close(run.distance_m.unwrap(), 1609.344, 1e-9));
}

#[test]
fn hevy_bad_date_names_line_and_column() {
    let text = String::from_utf8(fixture("hevy.csv"))
        .unwrap()
        .replace("12 Mar 2026, 18:30", "sometime");
    let e = read(text.as_bytes(), "hevy.csv", &ReadOptions::default()).unwrap_err();
    assert_eq!(
        e.place,
        Place::Line {
            line: 17,
            column: Some("start_time".into())
        }
    );
    assert!(e.message.contains("found \"sometime\""), "{e}");
}

#[test]
fn csv_with_unknown_header_is_an_unknown_format() {
    let e = read(
        b"name,weight\nbob,80\n",
        "people.csv",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownFormat);
    assert!(
        e.message.contains("Strong CSV header") && e.message.contains("found \"name,weight\""),
        "{e}"
    );
}

#[test]
fn lifts_are_reported_as_lifts() {
    let parsed = read(&fixture("hevy.csv"), "hevy.csv", &ReadOptions::default()).unwrap();
    assert!(matches!(parsed[0].content, Content::Lifts(_)));
    assert_eq!(parsed[0].format, Some(Format::HevyCsv));
}
