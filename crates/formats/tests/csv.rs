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

/// Sets of all sessions, flattened.
fn all_sets(sessions: &[StrengthSession]) -> Vec<afterlift_core::session::SetLog> {
    sessions
        .iter()
        .flat_map(|s| &s.exercises)
        .flat_map(|e| e.sets.iter().copied())
        .collect()
}

fn weight_sum_kg(sessions: &[StrengthSession]) -> f64 {
    all_sets(sessions).iter().filter_map(|s| s.weight_kg).sum()
}

#[test]
fn strong_statistics_export() {
    // Reference values counted with Python's csv module: 250 set rows, no rest rows, 15 distinct
    // (Date, Workout Name) pairs, weights summing to 4628.2 kg.
    let parsed = read_data("strong/strong-statistics.csv").unwrap();
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
    let sessions = lifts_of(parsed);
    assert_eq!(sessions.len(), 15);
    assert_eq!(all_sets(&sessions).len(), 250);
    assert!(close(weight_sum_kg(&sessions), 4628.2, 1e-6));
    assert_eq!(sessions[0].started_at, ts("2024-11-28T17:36:08Z"));
    assert_eq!(sessions[0].duration_s, Some(35.0 * 60.0));
    let row = &sessions[0].exercises[0];
    assert_eq!(row.name, "Bent Over Row (Barbell)");
    assert_eq!(
        (row.sets[1].reps, row.sets[1].weight_kg),
        (Some(16), Some(10.0))
    );
    assert_eq!(
        sessions.last().unwrap().started_at,
        ts("2025-10-08T13:03:21Z")
    );
}

#[test]
fn strong_app_analytics_export_keeps_timed_and_distance_sets() {
    // 1903 set rows in 86 workouts; 21 rows with seconds and 1 with a distance (Swimming: 1 km in 30 s
    // as typed); weights sum to 127042 kg. Counted with Python's csv module.
    let parsed = read_data("strong/strong-app-analytics.csv").unwrap();
    let sessions = lifts_of(parsed);
    assert_eq!(sessions.len(), 86);
    let sets = all_sets(&sessions);
    assert_eq!(sets.len(), 1903);
    assert_eq!(sets.iter().filter(|s| s.duration_s.is_some()).count(), 21);
    assert!(close(weight_sum_kg(&sessions), 127_042.0, 1e-6));
    let swim = sets.iter().find(|s| s.distance_m.is_some()).unwrap();
    assert_eq!(
        (swim.distance_m, swim.duration_s),
        (Some(1000.0), Some(30.0))
    );
    assert_eq!(sessions[0].duration_s, Some(2.0 * 3600.0 + 38.0 * 60.0));
}

#[test]
fn hevy_real_export_keeps_timed_sets() {
    // 7211 set rows in 335 workouts (distinct start_time and title); 275 timed "Warm Up" sets (77780 s)
    // with no weight or reps; weights sum to 215664.25 kg; kinds normal 3851, warmup 2195, failure 1122,
    // dropset 43. Counted with Python's csv module.
    let parsed = read_data("hevy/strong-statistics-hevy.csv.gz").unwrap();
    assert_eq!(parsed[0].format, Some(Format::HevyCsv));
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
    let sessions = lifts_of(parsed);
    assert_eq!(sessions.len(), 335);
    let sets = all_sets(&sessions);
    assert_eq!(sets.len(), 7211);
    assert!(close(weight_sum_kg(&sessions), 215_664.25, 1e-6));
    let timed: Vec<_> = sets.iter().filter(|s| s.duration_s.is_some()).collect();
    assert_eq!(timed.len(), 275);
    let seconds: f64 = timed.iter().filter_map(|s| s.duration_s).sum();
    assert_eq!(seconds, 77_780.0); // 259 of 300 s and 16 of 5 s
    assert!(
        timed
            .iter()
            .all(|s| s.reps.is_none() && s.weight_kg.is_none())
    );
    let count = |k: SetKind| sets.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        (
            count(SetKind::Normal),
            count(SetKind::Warmup),
            count(SetKind::Failure),
            count(SetKind::Drop)
        ),
        (3851, 2195, 1122, 43)
    );
    let first = &sessions[0];
    assert_eq!(
        first.title.as_deref(),
        Some("Lower // Ramp // Strength // 1")
    );
    assert_eq!(first.started_at, ts("2025-09-15T07:48:00Z"));
    assert_eq!(first.duration_s, Some(85.0 * 60.0));
}

fn strong(csv: &str, opts: &ReadOptions) -> (Vec<StrengthSession>, Vec<String>) {
    lifts(csv.as_bytes(), "strong.csv", opts)
}

#[test]
fn strong_workout_number_export_with_units_in_the_header() {
    let (sessions, warnings) = strong(
        "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (lbs),Reps,RPE,Distance (miles),Seconds,Notes,Workout Notes\n\
         1,2024-03-05 18:01:12,Push,3600,Bench Press (Barbell),1,135,10,8,,,,\n\
         1,2024-03-05 18:01:12,Push,3600,Bench Press (Barbell),2,225,5,9.5,,,,\n\
         1,2024-03-05 18:01:12,Push,3600,Running (Treadmill),1,,,,1.5,720,,\n",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &sessions[0];
    assert_eq!(s.duration_s, Some(3600.0));
    let bench = &s.exercises[0].sets;
    assert!(close(
        bench[0].weight_kg.unwrap(),
        135.0 * 0.453_592_37,
        1e-9
    ));
    assert!(close(
        bench[1].weight_kg.unwrap(),
        225.0 * 0.453_592_37,
        1e-9
    ));
    assert_eq!((bench[1].reps, bench[1].rpe), (Some(5), Some(9.5)));
    let run = s.exercises[1].sets[0];
    assert!(close(run.distance_m.unwrap(), 1.5 * 1609.344, 1e-9));
    assert_eq!(run.duration_s, Some(720.0));

    let (sessions, _) = strong(
        "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,Distance (meters),Seconds,Notes,Workout Notes\n\
         7,2024-03-15 07:00:00,\"Legs\",2700,\"Squat (Barbell)\",W,60,5,,,,,\n\
         7,2024-03-15 07:00:00,\"Legs\",2700,\"Rowing (Machine)\",1,,,,500,110,,\n",
        // The header's unit wins over the reader's default.
        &ReadOptions {
            weight_unit: WeightUnit::Lb,
            ..ReadOptions::default()
        },
    );
    assert_eq!(sessions[0].exercises[0].sets[0].weight_kg, Some(60.0));
    assert_eq!(sessions[0].exercises[0].sets[0].kind, SetKind::Warmup);
    assert_eq!(sessions[0].exercises[1].sets[0].distance_m, Some(500.0));
}

#[test]
fn strong_oldest_export_names_columns_by_their_unit() {
    let (sessions, warnings) = strong(
        "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes\n\
         2017-05-02 19:20:00,\"Day A\",\"Squat (Barbell)\",1,80.0,5,0,0,\"\"\n\
         2017-05-02 19:20:00,\"Day A\",\"Running\",1,0,0,3.2,1080,\"\"\n",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let sets = all_sets(&sessions);
    assert_eq!(sets[0].weight_kg, Some(80.0));
    assert_eq!(
        (sets[1].distance_m, sets[1].duration_s),
        (Some(3200.0), Some(1080.0))
    );
    let (sessions, _) = strong(
        "Date,Workout Name,Exercise Name,Set Order,lb,Reps,mi,Seconds,Notes\n\
         2017-05-02 19:20:00,\"Day A\",\"Squat (Barbell)\",1,225,5,0,0,\"\"\n\
         2017-05-02 19:20:00,\"Day A\",\"Running\",1,0,0,2,1080,\"\"\n",
        &ReadOptions::default(),
    );
    let sets = all_sets(&sessions);
    assert!(close(
        sets[0].weight_kg.unwrap(),
        225.0 * 0.453_592_37,
        1e-9
    ));
    assert!(close(sets[1].distance_m.unwrap(), 2.0 * 1609.344, 1e-9));
}

#[test]
fn strong_semicolon_export_with_every_distance_unit() {
    let (sessions, warnings) = strong(
        "\"Date\";\"Workout Name\";\"Exercise Name\";\"Set Order\";\"Weight\";\"Weight Unit\";\"Reps\";\"RPE\";\"Distance\";\"Distance Unit\";\"Seconds\";\"Notes\";\"Workout Notes\";\"Workout Duration\"\n\
         \"2024-05-06 18:02:11\";\"Cardio\";\"Running\";\"1\";\"\";\"\";\"\";\"\";\"3,1\";\"mi.\";\"1500\";\"\";\"\";\"50m\"\n\
         \"2024-05-06 18:02:11\";\"Cardio\";\"Sled Push\";\"1\";\"90\";\"lbs\";\"\";\"\";\"60\";\"ft\";\"\";\"\";\"\";\"50m\"\n\
         \"2024-05-06 18:02:11\";\"Cardio\";\"Farmers Walk\";\"1\";\"32\";\"kg\";\"\";\"\";\"40\";\"m\";\"45\";\"\";\"\";\"50m\"\n\
         \"2024-05-06 18:02:11\";\"Cardio\";\"Cycling\";\"1\";\"\";\"\";\"\";\"\";\"10,5\";\"km\";\"1800\";\"\";\"\";\"50m\"\n\
         \"2024-05-06 18:02:11\";\"Cardio\";\"Walking\";\"1\";\"\";\"\";\"\";\"\";\"1\";\"mi\";\"\";\"\";\"\";\"50m\"\n",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let sets = all_sets(&sessions);
    assert!(close(sets[0].distance_m.unwrap(), 3.1 * 1609.344, 1e-9));
    assert_eq!(sets[0].duration_s, Some(1500.0));
    assert!(close(sets[1].distance_m.unwrap(), 60.0 * 0.3048, 1e-9));
    assert!(close(sets[1].weight_kg.unwrap(), 90.0 * 0.453_592_37, 1e-9));
    assert_eq!(
        (sets[2].distance_m, sets[2].weight_kg, sets[2].duration_s),
        (Some(40.0), Some(32.0), Some(45.0))
    );
    assert_eq!(sets[3].distance_m, Some(10_500.0));
    assert!(close(sets[4].distance_m.unwrap(), 1609.344, 1e-9));
}

#[test]
fn strong_unknown_units_fail_the_file_naming_them() {
    let e = read(
        b"Date,Workout Name,Exercise Name,Set Order,Weight (stone),Reps\n2024-01-01 10:00:00,A,Squat,1,10,5\n",
        "s.csv",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.message.contains("Weight (stone)") && e.message.contains("found \"stone\""),
        "{e}"
    );
    let e = read(
        "Date;Workout Name;Exercise Name;Set Order;Distance;Distance Unit\n2024-01-01 10:00:00;A;Run;1;3;furlong\n".as_bytes(),
        "s.csv",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.place,
        Place::Line {
            line: 2,
            column: Some("Distance Unit".into())
        }
    );
}

#[test]
fn strong_columns_afterlift_cannot_place_are_named() {
    let (sessions, warnings) = strong(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Heart Rate,Tempo\n\
         2024-01-01 10:00:00,A,1h,Squat (Barbell),1,100,5,150,3-1-1\n",
        &ReadOptions::default(),
    );
    assert_eq!(all_sets(&sessions).len(), 1);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("\"Heart Rate\""), "{}", warnings[0]);
    assert!(warnings[1].contains("\"Tempo\""), "{}", warnings[1]);

    // Two columns that mean the same: the first is read, the second named.
    let (sessions, warnings) = strong(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Workout Duration\n\
         2024-01-01 10:00:00,A,1h,Squat (Barbell),1,100,5,2h\n",
        &ReadOptions::default(),
    );
    assert_eq!(sessions[0].duration_s, Some(3600.0));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("\"Workout Duration\"") && warnings[0].contains("\"Duration\""),
        "{}",
        warnings[0]
    );
    // A header without a set order is not Strong's.
    let e = read(
        b"Date,Workout Name,Exercise Name,Weight,Reps\n2024-01-01 10:00:00,A,Squat,100,5\n",
        "s.csv",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownFormat);
}

#[test]
fn strong_german_export() {
    // The German app's header and its rest-timer rows ("Ruhezeit"), durations like "2h 23min".
    let (sessions, warnings) = strong(
        "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE\n\
         2025-08-23 17:51:23,\"Ganzkörper\",2h 23min,\"Beinpresse\",1,120.0,12.0,0,0.0,\"\",\"\",\n\
         2025-08-23 17:51:23,\"Ganzkörper\",2h 23min,\"Beinpresse\",Ruhezeit,0,0.0,0,120.0,,,\n\
         2025-08-23 17:51:23,\"Ganzkörper\",2h 23min,\"Beinpresse\",2,130.0,10.0,0,0.0,,,8\n\
         2025-08-23 17:51:23,\"Ganzkörper\",2h 23min,\"Plank\",1,0,0.0,0,60.0,,,\n",
        &zone("Europe/Berlin"),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &sessions[0];
    assert_eq!(s.started_at, ts("2025-08-23T15:51:23Z"));
    assert_eq!(s.duration_s, Some(2.0 * 3600.0 + 23.0 * 60.0));
    let press = &s.exercises[0].sets;
    assert_eq!(press.len(), 2, "the rest row is not a set");
    assert_eq!(
        (press[1].weight_kg, press[1].reps, press[1].rpe),
        (Some(130.0), Some(10), Some(8.0))
    );
    assert_eq!(s.exercises[1].sets[0].duration_s, Some(60.0));
}

#[test]
fn strong_french_export() {
    // The French app's header (as in a real export); durations like "9min".
    let (sessions, warnings) = strong(
        "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,RPE\n\
         2026-04-08 12:57:57,\"Entraînement du midi\",9min,\"Pec Deck (Machine)\",1,32.0,10.0,0,0.0,\n\
         2026-04-08 12:57:57,\"Entraînement du midi\",9min,\"Pec Deck (Machine)\",2,36.5,10.0,0,0.0,\n",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sessions[0].duration_s, Some(540.0));
    assert_eq!(sessions[0].title.as_deref(), Some("Entraînement du midi"));
    assert_eq!(sessions[0].exercises[0].sets[1].weight_kg, Some(36.5));
}

#[test]
fn strong_chinese_export_with_a_12_hour_clock() {
    let (sessions, warnings) = strong(
        "日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE\n\
         2025-01-30 12:34:56\u{202f}pm,\"晚间锻炼\",1小时5分钟,\"Squat (Barbell)\",1,100.0,5,0,0,\"\",\"\",\n\
         2025-01-30 12:34:56\u{202f}pm,\"晚间锻炼\",1小时5分钟,\"Squat (Barbell)\",2,102.5,5,0,0,,,\n\
         2025-01-31 6:05:00\u{202f}am,\"早晨\",45m,\"Running\",1,0,0,5.2,1800,,,\n",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].started_at, ts("2025-01-30T12:34:56Z"));
    assert_eq!(sessions[0].duration_s, Some(3900.0));
    assert_eq!(sessions[0].exercises[0].sets[1].weight_kg, Some(102.5));
    assert_eq!(sessions[1].started_at, ts("2025-01-31T06:05:00Z"));
    let run = sessions[1].exercises[0].sets[0];
    assert_eq!(
        (run.distance_m, run.duration_s),
        (Some(5200.0), Some(1800.0))
    );
}

#[test]
fn strong_in_every_language_reads_the_same() {
    let english = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE";
    let headers = [
        english,
        "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE",
        "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,Notes,Notes de l'entraînement,RPE",
        "Fecha,Nombre del entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,Repeticiones,Distancia,Segundos,Notas,Notas del entrenamiento,RPE",
        "Data,Nome allenamento,Durata,Nome esercizio,Ordine serie,Peso,Ripetizioni,Distanza,Secondi,Note,Note allenamento,RPE",
        "Data,Nome do treino,Duração,Nome do exercício,Ordem da série,Peso,Repetições,Distância,Segundos,Notas,Notas do treino,RPE",
        "Datum,Naam training,Duur,Naam oefening,Setvolgorde,Gewicht,Herhalingen,Afstand,Seconden,Notities,Trainingsnotities,RPE",
        "Дата,Название тренировки,Длительность,Название упражнения,Порядок подходов,Вес,Повторения,Расстояние,Секунды,Заметки,Заметки к тренировке,RPE",
        "日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE",
        "日付,ワークアウト名,時間,エクササイズ名,セット順,重量,回数,距離,秒数,メモ,ワークアウトメモ,RPE",
    ];
    let rows = "\n2025-03-01 10:00:00,A,1h,Squat (Barbell),1,100,5,0,0,,,8\n2025-03-01 10:00:00,A,1h,Rowing,1,0,0,2,480,,,\n";
    for header in headers {
        let csv = format!("{header}{rows}");
        assert_eq!(
            afterlift_formats::detect(csv.as_bytes(), None),
            Some(Format::StrongCsv),
            "{header}"
        );
        let (sessions, warnings) = strong(&csv, &ReadOptions::default());
        assert!(warnings.is_empty(), "{header}: {warnings:?}");
        let sets = all_sets(&sessions);
        assert_eq!(
            (sets[0].weight_kg, sets[0].reps, sets[0].rpe),
            (Some(100.0), Some(5), Some(8.0)),
            "{header}"
        );
        assert_eq!(
            (sets[1].distance_m, sets[1].duration_s),
            (Some(2000.0), Some(480.0)),
            "{header}"
        );
        assert_eq!(sessions[0].duration_s, Some(3600.0), "{header}");
    }
}

#[test]
fn strong_localized_dates_decided_by_the_whole_column() {
    let rows = |dates: &[&str]| {
        let mut csv = String::from(
            "Datum;Workout-Name;Dauer;Name der Übung;Reihenfolge festlegen;Gewicht;Wiederh.\n",
        );
        for d in dates {
            csv.push_str(&format!("{d};A;1h;Squat;1;102,5;5\n"));
        }
        csv
    };
    let (sessions, warnings) = strong(
        &rows(&["30.01.2025 18:36", "03.02.2025 07:05"]),
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sessions[0].started_at, ts("2025-01-30T18:36:00Z"));
    assert_eq!(sessions[1].started_at, ts("2025-02-03T07:05:00Z"));
    assert_eq!(sessions[0].exercises[0].sets[0].weight_kg, Some(102.5));

    // 03/04 alone could be either; 28/04 decides day/month for the whole column.
    let (sessions, warnings) = strong(
        &rows(&["03/04/2025 10:00", "28/04/2025 10:00"]),
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sessions[0].started_at, ts("2025-04-03T10:00:00Z"));
    // 04/28 decides month/day.
    let (sessions, _) = strong(
        &rows(&["03/04/2025 10:00", "04/28/2025 10:00"]),
        &ReadOptions::default(),
    );
    assert_eq!(sessions[0].started_at, ts("2025-03-04T10:00:00Z"));
    // Nothing decides: day/month, with a warning.
    let (sessions, warnings) = strong(&rows(&["03/04/2025 10:00"]), &ReadOptions::default());
    assert_eq!(sessions[0].started_at, ts("2025-04-03T10:00:00Z"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("day/month or month/day"),
        "{}",
        warnings[0]
    );
    // Contradicting dates fail the file, naming both lines.
    let e = read(
        rows(&["13/04/2025 10:00", "04/13/2025 10:00"]).as_bytes(),
        "s.csv",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.message.contains("line 2") && e.message.contains("line 3"),
        "{e}"
    );
}

#[test]
fn hevy_imperial_and_other_unit_columns() {
    let (sessions, warnings) = lifts(
        "\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_lbs\",\"reps\",\"distance_miles\",\"duration_seconds\",\"rpe\"\n\
         \"Conditioning\",\"Jan 14, 2026, 6:45 AM\",\"Jan 14, 2026, 7:30 AM\",\"\",\"Farmers Walk\",,\"\",0,\"normal\",70,,0.05,45,\n\
         \"Conditioning\",\"Jan 14, 2026, 6:45 AM\",\"Jan 14, 2026, 7:30 AM\",\"\",\"Treadmill\",,\"\",0,\"normal\",,,2,1200,\n"
            .as_bytes(),
        "hevy.csv",
        &ReadOptions::default(),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let s = &sessions[0];
    assert_eq!(s.started_at, ts("2026-01-14T06:45:00Z"));
    assert_eq!(s.duration_s, Some(45.0 * 60.0));
    let carry = s.exercises[0].sets[0];
    assert!(close(carry.weight_kg.unwrap(), 70.0 * 0.453_592_37, 1e-9));
    assert!(close(carry.distance_m.unwrap(), 0.05 * 1609.344, 1e-9));
    assert_eq!(carry.duration_s, Some(45.0));
    let run = s.exercises[1].sets[0];
    assert!(close(run.distance_m.unwrap(), 2.0 * 1609.344, 1e-9));
    assert_eq!(run.duration_s, Some(1200.0));

    let (sessions, warnings) = lifts(
        "title,start_time,end_time,exercise_title,set_index,set_type,weight_kg,reps,distance_meters,duration_minutes,heart_rate\n\
         Row,30/01/2025 18:00,30/01/2025 18:40,Rowing (Machine),0,normal,,,2000,8,150\n"
            .as_bytes(),
        "hevy.csv",
        &ReadOptions::default(),
    );
    let set = sessions[0].exercises[0].sets[0];
    assert_eq!(
        (set.distance_m, set.duration_s),
        (Some(2000.0), Some(480.0))
    );
    assert_eq!(sessions[0].started_at, ts("2025-01-30T18:00:00Z"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("\"heart_rate\""), "{}", warnings[0]);
}
