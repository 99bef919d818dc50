//! The conformance suite: the behaviour every backend of the log must show, through [`Store`].
//!
//! Each test is a public async function taking a fresh, empty log of athlete [`AthleteId::LOCAL`]; a
//! backend runs them all with [`crate::conformance_tests!`], giving a way to make a fresh log:
//!
//! ```ignore
//! afterlift_store::conformance_tests!(async {
//!     let dir = tempfile::tempdir().unwrap();
//!     let store = afterlift_store_sqlite::open(dir.path().join("log.db")).await.unwrap();
//!     (dir, store) // the first item is kept alive for the test's duration
//! });
//! ```
//!
//! Tests that need a second log use another athlete on the same backend ([`Store::for_athlete`]): an
//! athlete's log starts empty whatever the others hold.

#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use afterlift_core::catalogue::Alias;
use afterlift_core::contract::{FileStatus, RaceResult};
use afterlift_core::session::{
    Activity, ExerciseLog, Sample, SetKind, SetLog, Sport, StrengthSession, Wellness,
};
use afterlift_core::{Athlete, Goal, Sex};
use jiff::Timestamp;
use jiff::civil::date;

use crate::rows::{ActivityRow, SetRow};
use crate::testdata::{activity, leg_day, one_hour_run};
use crate::{
    AthleteId, BatchItem, Duplicate, EntryId, ImportBatch, ImportOutcome, NewAdvice, Profile,
    Store, StoreError, TimeFilter, content_hash, samples,
};

fn field_of(e: StoreError) -> String {
    match e {
        StoreError::Invalid { field, .. } => field,
        other => panic!("expected Invalid, got {other}"),
    }
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn batch(name: &str, activities: Vec<Activity>, lifts: Vec<StrengthSession>) -> ImportBatch {
    ImportBatch {
        content_hash: content_hash(name.as_bytes()),
        path: format!("/exports/{name}").into(),
        format: "fit".into(),
        activities,
        lifts,
        message: None,
        partial: None,
    }
}

fn created(outcome: &ImportOutcome) -> Vec<EntryId> {
    match outcome {
        ImportOutcome::Imported { created, .. } => created.clone(),
        other => panic!("expected Imported, got {other:?}"),
    }
}

fn duplicates(outcome: &ImportOutcome) -> Vec<Duplicate> {
    match outcome {
        ImportOutcome::Imported { duplicates, .. } => duplicates.clone(),
        other => panic!("expected Imported, got {other:?}"),
    }
}

async fn count(store: &Store) -> (usize, usize) {
    (
        store.activities(&TimeFilter::all()).await.unwrap().len(),
        store.lifts(&TimeFilter::all()).await.unwrap().len(),
    )
}

fn profile(max_hr: Option<f64>) -> Profile {
    Profile {
        athlete: Athlete {
            age_years: 34.0,
            sex: Sex::Female,
            weight_kg: 62.5,
            resting_hr_bpm: Some(52.0),
            max_hr_bpm: max_hr,
            hrv_rmssd_ms: Some(61.0),
            goal: Goal::Hypertrophy,
            concurrent_weeks: Some(3),
            injury_prone: true,
        },
        time_zone: Some("Europe/Berlin".into()),
        wake_time: Some(jiff::civil::time(6, 30, 0, 0)),
        sleep_time: Some(jiff::civil::time(22, 30, 0, 0)),
        race: Some(RaceResult {
            distance_m: 10_000.0,
            time_s: 45.0 * 60.0 + 30.0,
            date: Some(date(2026, 10, 4)),
        }),
    }
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

pub async fn profile_round_trips_and_replaces(store: Store) {
    assert_eq!(store.profile().await.unwrap(), None);
    let p = profile(Some(188.0));
    store.set_profile(&p).await.unwrap();
    assert_eq!(store.profile().await.unwrap(), Some(p.clone()));
    let p2 = Profile {
        time_zone: None,
        athlete: Athlete {
            max_hr_bpm: None,
            ..p.athlete
        },
        wake_time: None,
        sleep_time: Some(jiff::civil::time(23, 0, 0, 0)),
        race: Some(RaceResult {
            date: None,
            ..p.race.unwrap()
        }),
    };
    store.set_profile(&p2).await.unwrap();
    assert_eq!(store.profile().await.unwrap(), Some(p2));
}

pub async fn activity_with_samples_round_trips_within_quantisation(store: Store) {
    let run = one_hour_run(ts("2025-03-01T07:00:00Z"));
    let EntryId::Activity(id) = store.insert_activity(&run).await.unwrap() else {
        panic!()
    };
    let stored = store.activity(id).await.unwrap();
    let expected_samples = samples::decode(&samples::encode(&run.samples).unwrap()).unwrap();
    assert_eq!(
        stored.activity,
        Activity {
            samples: expected_samples,
            ..run.clone()
        }
    );
    assert_eq!(stored.hr_zones, None, "no max HR in the profile yet");

    let manual = Activity {
        rpe: Some(4.0),
        distance_m: Some(5000.0),
        ..activity(Sport::Row, ts("2025-03-02T18:30:00Z"), 25.0, "manual")
    };
    let EntryId::Activity(id2) = store.insert_activity(&manual).await.unwrap() else {
        panic!()
    };
    assert_eq!(store.activity(id2).await.unwrap().activity, manual);
    assert!(matches!(
        store.activity(999).await,
        Err(StoreError::NotFound(EntryId::Activity(999)))
    ));
}

pub async fn lift_round_trips(store: Store) {
    let mut lift = leg_day(ts("2025-03-01T17:00:00Z"), 62.0, "hevy");
    lift.exercises.push(ExerciseLog {
        name: "Plank".into(),
        sets: vec![SetLog {
            reps: None,
            weight_kg: None,
            rpe: None,
            kind: SetKind::Normal,
            duration_s: Some(60.0),
            distance_m: None,
        }],
    });
    lift.exercises.push(ExerciseLog {
        name: "Farmer's Walk".into(),
        sets: vec![],
    });
    let EntryId::Lift(id) = store.insert_lift(&lift).await.unwrap() else {
        panic!()
    };
    assert_eq!(store.lift(id).await.unwrap().session, lift);
    let bare = StrengthSession {
        duration_s: None,
        title: None,
        rpe: None,
        exercises: vec![],
        ..lift.clone()
    };
    let EntryId::Lift(id2) = store.insert_lift(&bare).await.unwrap() else {
        panic!()
    };
    assert_eq!(store.lift(id2).await.unwrap().session, bare);
}

pub async fn wellness_round_trips_one_per_date(store: Store) {
    let w = Wellness {
        sleep_hours: Some(7.5),
        sleep_quality: Some(2),
        fatigue: Some(3),
        soreness: Some(5),
        stress: Some(1),
        mood: Some(2),
        resting_hr_bpm: Some(54.0),
        hrv_rmssd_ms: Some(58.5),
        pain: false,
        illness: true,
    };
    store.upsert_wellness(date(2025, 3, 1), &w).await.unwrap();
    store
        .upsert_wellness(date(2025, 3, 3), &Wellness::default())
        .await
        .unwrap();
    let later = Wellness {
        fatigue: Some(6),
        ..w.clone()
    };
    store
        .upsert_wellness(date(2025, 3, 1), &later)
        .await
        .unwrap();
    let got = store
        .wellness(date(2025, 3, 1), date(2025, 3, 2))
        .await
        .unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].date, &got[0].wellness), (date(2025, 3, 1), &later));
    assert_eq!(
        store
            .wellness(date(2025, 1, 1), date(2025, 12, 31))
            .await
            .unwrap()
            .len(),
        2
    );
}

pub async fn advice_log_round_trips(store: Store) {
    let at = ts("2025-03-01T18:05:00Z");
    let id = store
        .record_advice(NewAdvice {
            at,
            request_json: r#"{"planned":{"kind":"easy"}}"#.into(),
            response_json: r#"{"verdict":"go"}"#.into(),
        })
        .await
        .unwrap();
    let log = store.advice_log(&TimeFilter::all()).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].id, log[0].at, log[0].request_json.as_str()),
        (id, at, r#"{"planned":{"kind":"easy"}}"#)
    );
    assert_eq!(log[0].response_json, r#"{"verdict":"go"}"#);
}

pub async fn export_holds_everything_and_reimports_to_the_same_log(store: Store) {
    store.set_profile(&profile(Some(190.0))).await.unwrap();
    store
        .insert_activity(&one_hour_run(ts("2025-03-01T07:00:00Z")))
        .await
        .unwrap();
    store
        .insert_activity(&activity(
            Sport::Cycle,
            ts("2025-02-27T07:00:00Z"),
            40.0,
            "manual",
        ))
        .await
        .unwrap();
    store
        .insert_lift(&leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "strong"))
        .await
        .unwrap();
    store
        .upsert_wellness(
            date(2025, 3, 1),
            &Wellness {
                sleep_hours: Some(8.0),
                ..Wellness::default()
            },
        )
        .await
        .unwrap();
    let export = store.export_all().await.unwrap();
    assert!(export.profile.is_some());
    assert_eq!(export.activities.len(), 2);
    assert_eq!(
        export.activities[0].activity.sport,
        Sport::Cycle,
        "oldest first"
    );
    assert_eq!(export.activities[1].activity.samples.len(), 3600);
    assert!(export.activities[1].hr_zones.is_some());
    assert_eq!(export.lifts.len(), 1);
    assert_eq!(export.wellness.len(), 1);

    // Lossless: everything exported, put into a new log, exports identically (ids aside).
    let other = store.for_athlete(AthleteId(2));
    other
        .set_profile(export.profile.as_ref().unwrap())
        .await
        .unwrap();
    let activities = export
        .activities
        .iter()
        .map(|a| a.activity.clone())
        .collect();
    let lifts = export.lifts.iter().map(|l| l.session.clone()).collect();
    other
        .import(batch("export.json", activities, lifts))
        .await
        .unwrap();
    for w in &export.wellness {
        other.upsert_wellness(w.date, &w.wellness).await.unwrap();
    }
    let again = other.export_all().await.unwrap();
    assert_eq!(again.profile, export.profile);
    assert_eq!(again.wellness, export.wellness);
    let sessions =
        |lifts: &[crate::StoredLift]| lifts.iter().map(|l| l.session.clone()).collect::<Vec<_>>();
    assert_eq!(sessions(&again.lifts), sessions(&export.lifts));
    assert_eq!(again.activities.len(), export.activities.len());
    for (a, b) in again.activities.iter().zip(&export.activities) {
        // Not assert_eq!: a mismatch would print 3,600 samples.
        assert!(
            a.activity == b.activity && a.hr_zones == b.hr_zones,
            "activity {} differs after re-import",
            b.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Browsing
// ---------------------------------------------------------------------------------------------

pub async fn browse_rows_hold_the_listed_values(store: Store) {
    let run = Activity {
        distance_m: Some(5012.5),
        avg_hr_bpm: Some(151.0),
        max_hr_bpm: Some(172.0),
        ..activity(Sport::Run, ts("2025-03-01T07:00:00Z"), 30.0, "gpx")
    };
    store.insert_activity(&run).await.unwrap();
    store
        .insert_lift(&leg_day(ts("2025-03-01T17:00:00Z"), 45.0, "hevy"))
        .await
        .unwrap();

    // What a listing shows, as stored: the contract's summaries are made from these values
    // (`afterlift_app::browse`), and their JSON is checked where it is written.
    let rows = store.activities(&TimeFilter::all()).await.unwrap();
    assert_eq!(
        rows,
        [ActivityRow {
            id: EntryId::Activity(1),
            sport: Sport::Run,
            started_at: ts("2025-03-01T07:00:00Z"),
            timer_s: 1800.0,
            elapsed_s: 1800.0,
            distance_m: Some(5012.5),
            avg_hr: Some(151.0),
            max_hr: Some(172.0),
            source: "gpx".into(),
        }]
    );
    let lifts = store.lifts(&TimeFilter::all()).await.unwrap();
    assert_eq!(lifts.len(), 1);
    let l = &lifts[0];
    assert_eq!(l.id, EntryId::Lift(1));
    assert_eq!(l.started_at, ts("2025-03-01T17:00:00Z"));
    assert_eq!(l.minutes, Some(45.0));
    let names: Vec<&str> = l.exercises.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Squat (Barbell)", "Romanian Deadlift (Barbell)"]);
    assert_eq!(
        l.exercises[0].sets[1],
        SetRow {
            reps: Some(5),
            kg: Some(100.0),
            rpe: Some(8.0),
            duration_s: None,
            distance_m: None,
            kind: SetKind::Normal,
        }
    );
    assert_eq!(
        l.exercises[0].sets[0].kind,
        SetKind::Warmup,
        "the warm-up is read as one"
    );
    assert_eq!(
        l.exercises[0].sets.len(),
        3,
        "every set, the warm-up included"
    );
    assert_eq!(l.exercises[1].sets.len(), 2);
}

pub async fn filters_select_by_start_newest_first(store: Store) {
    for day in 1..=5 {
        let at = ts(&format!("2025-03-0{day}T07:00:00Z"));
        store
            .insert_activity(&activity(Sport::Run, at, 30.0, "manual"))
            .await
            .unwrap();
        store
            .insert_lift(&leg_day(at, 30.0, "manual"))
            .await
            .unwrap();
    }
    let f = TimeFilter::between(ts("2025-03-02T07:00:00Z"), ts("2025-03-04T07:00:00Z"));
    let starts: Vec<_> = store
        .activities(&f)
        .await
        .unwrap()
        .iter()
        .map(|r| r.started_at)
        .collect();
    assert_eq!(
        starts,
        vec![ts("2025-03-03T07:00:00Z"), ts("2025-03-02T07:00:00Z")]
    );
    let lifts = store.lifts(&TimeFilter::all().limit(2)).await.unwrap();
    assert_eq!(
        lifts.iter().map(|l| l.started_at).collect::<Vec<_>>(),
        vec![ts("2025-03-05T07:00:00Z"), ts("2025-03-04T07:00:00Z")]
    );
    assert!(
        lifts.iter().all(|l| l.exercises.len() == 2),
        "the limit applies to sessions, not set rows"
    );
}

// ---------------------------------------------------------------------------------------------
// Import: ledger, duplicates, merging, atomicity
// ---------------------------------------------------------------------------------------------

pub async fn same_file_twice_is_already_imported_and_writes_nothing(store: Store) {
    let b = batch(
        "run.fit",
        vec![one_hour_run(ts("2025-03-01T07:00:00Z"))],
        vec![],
    );
    let first = store.import(b.clone()).await.unwrap();
    assert_eq!(first.status(), FileStatus::Imported);
    let ids = created(&first);
    let second = store.import(b.clone()).await.unwrap();
    assert_eq!(second, ImportOutcome::AlreadyImported { ids: ids.clone() });
    assert_eq!(second.status(), FileStatus::Duplicate);
    assert_eq!(count(&store).await, (1, 0));
    assert_eq!(store.ledger(&b.content_hash).await.unwrap().len(), 1);
    assert_eq!(
        store.imported_ids(&b.content_hash).await.unwrap(),
        Some(ids)
    );
    assert_eq!(
        store
            .imported_ids(&content_hash(b"never seen"))
            .await
            .unwrap(),
        None
    );
}

pub async fn the_same_run_from_two_sources_is_stored_once(store: Store) {
    // The GPX export: no samples, trimmed by a few seconds, no calories.
    let gpx = Activity {
        calories_kcal: None,
        ..activity(Sport::Run, ts("2025-03-01T07:00:05Z"), 59.8, "gpx")
    };
    let a = created(
        &store
            .import(batch("run.gpx", vec![gpx], vec![]))
            .await
            .unwrap(),
    );
    // The watch's FIT: a recording, replaces the summary, keeps the id.
    let fit = one_hour_run(ts("2025-03-01T07:00:00Z"));
    let outcome = store
        .import(batch("run.fit", vec![fit.clone()], vec![]))
        .await
        .unwrap();
    assert_eq!(outcome.status(), FileStatus::Duplicate);
    assert_eq!(
        duplicates(&outcome),
        vec![Duplicate {
            item: BatchItem::Activity(0),
            existing: a[0],
            merged: true,
            replaced_partial: false
        }]
    );
    assert_eq!(count(&store).await, (1, 0));
    let EntryId::Activity(id) = a[0] else {
        panic!()
    };
    let stored = store.activity(id).await.unwrap().activity;
    assert_eq!(
        (
            stored.samples.len(),
            stored.calories_kcal,
            stored.started_at
        ),
        (3600, Some(720.0), fit.started_at)
    );
    // And the other way round: a GPX after the FIT adds nothing.
    let again = Activity {
        started_at: ts("2025-03-01T07:00:03Z"),
        ..activity(Sport::Run, ts("2025-03-01T07:00:00Z"), 60.0, "tcx")
    };
    let outcome = store
        .import(batch("run.tcx", vec![again], vec![]))
        .await
        .unwrap();
    assert_eq!(
        duplicates(&outcome),
        vec![Duplicate {
            item: BatchItem::Activity(0),
            existing: a[0],
            merged: false,
            replaced_partial: false
        }]
    );
    assert_eq!(store.activity(id).await.unwrap().activity, stored);
}

pub async fn different_times_or_sports_are_different_sessions(store: Store) {
    let run = activity(Sport::Run, ts("2025-03-01T07:00:00Z"), 60.0, "fit");
    let later_run = activity(Sport::Run, ts("2025-03-01T07:31:00Z"), 60.0, "fit"); // overlap 29 of 60 min
    let ride = activity(Sport::Cycle, ts("2025-03-01T07:00:00Z"), 60.0, "fit");
    store.import(batch("a", vec![run], vec![])).await.unwrap();
    assert_eq!(
        created(
            &store
                .import(batch("b", vec![later_run], vec![]))
                .await
                .unwrap()
        )
        .len(),
        1
    );
    assert_eq!(
        created(&store.import(batch("c", vec![ride], vec![])).await.unwrap()).len(),
        1
    );
    assert_eq!(count(&store).await, (3, 0));
}

pub async fn a_watch_strength_recording_and_an_app_session_become_one(store: Store) {
    // The watch: a strength session without exercises, slightly longer.
    let watch = StrengthSession {
        started_at: ts("2025-03-01T16:58:00Z"),
        duration_s: Some(66.0 * 60.0),
        title: None,
        rpe: None,
        source: "fit".into(),
        exercises: vec![],
    };
    let hevy = leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "hevy");
    let w = created(
        &store
            .import(batch("watch.fit", vec![], vec![watch.clone()]))
            .await
            .unwrap(),
    );
    let outcome = store
        .import(batch("hevy.csv", vec![], vec![hevy.clone()]))
        .await
        .unwrap();
    assert_eq!(
        duplicates(&outcome),
        vec![Duplicate {
            item: BatchItem::Lift(0),
            existing: w[0],
            merged: true,
            replaced_partial: false
        }]
    );
    assert_eq!(count(&store).await, (0, 1));
    let EntryId::Lift(id) = w[0] else { panic!() };
    let merged = store.lift(id).await.unwrap().session;
    assert_eq!(merged.exercises, hevy.exercises);
    assert_eq!(
        (merged.started_at, merged.duration_s),
        (watch.started_at, watch.duration_s),
        "the watch's times stay"
    );
    assert_eq!(
        (merged.title.as_deref(), merged.rpe, merged.source.as_str()),
        (Some("Legs"), Some(8.0), "fit + hevy")
    );

    // App first, watch second: the app's session stays, the watch adds nothing it lacks.
    let store = store.for_athlete(AthleteId(2));
    let h = created(
        &store
            .import(batch("hevy.csv", vec![], vec![hevy.clone()]))
            .await
            .unwrap(),
    );
    let outcome = store
        .import(batch("watch.fit", vec![], vec![watch]))
        .await
        .unwrap();
    assert_eq!(
        duplicates(&outcome),
        vec![Duplicate {
            item: BatchItem::Lift(0),
            existing: h[0],
            merged: false,
            replaced_partial: false
        }]
    );
    let EntryId::Lift(id) = h[0] else { panic!() };
    assert_eq!(store.lift(id).await.unwrap().session, hevy);
}

pub async fn a_batch_with_one_invalid_item_writes_nothing(store: Store) {
    let good = one_hour_run(ts("2025-03-01T07:00:00Z"));
    let mut bad = one_hour_run(ts("2025-03-02T07:00:00Z"));
    bad.samples[17].hr_bpm = Some(0);
    let b = batch(
        "broken.fit",
        vec![good, bad],
        vec![leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "fit")],
    );
    let err = store.import(b.clone()).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid { field, .. } if field == "activities[1].samples[17].hr_bpm"),
        "{err}"
    );
    assert_eq!(count(&store).await, (0, 0));
    assert!(store.ledger(&b.content_hash).await.unwrap().is_empty());

    // The failure goes into the ledger, does not block a later good import, and repeats update one row.
    store
        .record_failure(&b.content_hash, &b.path, "fit", &err.to_string())
        .await
        .unwrap();
    store
        .record_failure(&b.content_hash, &b.path, "fit", &err.to_string())
        .await
        .unwrap();
    let ledger = store.ledger(&b.content_hash).await.unwrap();
    assert_eq!(ledger.len(), 1);
    assert_eq!(ledger[0].status, FileStatus::Error);
    assert!(
        ledger[0]
            .message
            .as_deref()
            .unwrap()
            .contains("samples[17].hr_bpm")
    );
    let fixed = ImportBatch {
        activities: vec![one_hour_run(ts("2025-03-01T07:00:00Z"))],
        ..b.clone()
    };
    assert_eq!(
        store.import(fixed).await.unwrap().status(),
        FileStatus::Imported
    );
    let ledger = store.ledger(&b.content_hash).await.unwrap();
    assert_eq!(
        ledger.iter().map(|l| l.status).collect::<Vec<_>>(),
        vec![FileStatus::Error, FileStatus::Imported]
    );
    assert_eq!(ledger[1].ids.len(), 2);
    assert_eq!(ledger[1].path, "/exports/broken.fit");
}

pub async fn skipped_files_are_recorded_but_do_not_block(store: Store) {
    let b = batch("settings.fit", vec![], vec![]);
    store
        .record_skipped(
            &b.content_hash,
            &b.path,
            "fit",
            "a settings file, not an activity",
        )
        .await
        .unwrap();
    assert_eq!(store.imported_ids(&b.content_hash).await.unwrap(), None);
    let outcome = store.import(b.clone()).await.unwrap();
    assert_eq!(outcome.status(), FileStatus::Skipped);
    assert_eq!(
        store.import(b).await.unwrap().status(),
        FileStatus::Skipped,
        "an empty file never blocks"
    );
}

pub async fn absurd_values_are_rejected_naming_the_field(store: Store) {
    let at = ts("2025-03-01T07:00:00Z");
    let run = |f: fn(&mut Activity)| {
        let mut a = activity(Sport::Run, at, 30.0, "manual");
        f(&mut a);
        a
    };
    for (a, field) in [
        (run(|a| a.avg_hr_bpm = Some(0.0)), "avg_hr_bpm"),
        (run(|a| a.max_hr_bpm = Some(300.0)), "max_hr_bpm"),
        (run(|a| a.distance_m = Some(-5.0)), "distance_m"),
        (run(|a| a.elapsed_s = f64::NAN), "elapsed_s"),
        (run(|a| a.source = " ".into()), "source"),
        (
            run(|a| {
                a.samples = vec![Sample {
                    lat_deg: Some(91.0),
                    ..Sample::default()
                }]
            }),
            "samples[0].lat_deg",
        ),
    ] {
        assert_eq!(
            field_of(store.insert_activity(&a).await.unwrap_err()),
            field
        );
    }
    let mut long = leg_day(at, 45.0 * 60.0, "manual");
    assert_eq!(
        field_of(store.insert_lift(&long).await.unwrap_err()),
        "duration_s"
    );
    long.duration_s = Some(3600.0);
    long.exercises[1].sets[0].weight_kg = Some(f64::INFINITY);
    assert_eq!(
        field_of(store.insert_lift(&long).await.unwrap_err()),
        "exercises[1].sets[0].weight_kg"
    );
    let w = Wellness {
        fatigue: Some(8),
        ..Wellness::default()
    };
    assert_eq!(
        field_of(
            store
                .upsert_wellness(date(2025, 3, 1), &w)
                .await
                .unwrap_err()
        ),
        "fatigue"
    );
    let p = Profile {
        time_zone: Some("Mars/Olympus".into()),
        ..profile(None)
    };
    assert_eq!(
        field_of(store.set_profile(&p).await.unwrap_err()),
        "time_zone"
    );
    // The night must be a night (3–14 h; a day may cross midnight); times are whole minutes.
    let p = Profile {
        wake_time: Some(jiff::civil::time(23, 0, 0, 0)),
        sleep_time: Some(jiff::civil::time(22, 30, 0, 0)),
        ..profile(None)
    };
    assert_eq!(
        field_of(store.set_profile(&p).await.unwrap_err()),
        "wake_time"
    );
    let p = Profile {
        wake_time: Some(jiff::civil::time(6, 30, 15, 0)),
        ..profile(None)
    };
    assert_eq!(
        field_of(store.set_profile(&p).await.unwrap_err()),
        "wake_time"
    );
    // A race: 1500 m to the marathon, at a pace a runner could run.
    let race = |distance_m: f64, time_s: f64| Profile {
        race: Some(RaceResult {
            distance_m,
            time_s,
            date: None,
        }),
        ..profile(None)
    };
    for (p, field) in [
        (race(800.0, 120.0), "race.distance_m"),
        (race(50_000.0, 4.0 * 3600.0), "race.distance_m"),
        (race(10_000.0, 0.0), "race.time_s"),
        (race(10_000.0, 15.0 * 60.0), "race.time_s"),
        (race(42_195.0, 30.0 * 3600.0), "race.time_s"),
        (race(f64::NAN, 1800.0), "race.distance_m"),
    ] {
        assert_eq!(field_of(store.set_profile(&p).await.unwrap_err()), field);
    }
    store.set_profile(&race(1500.0, 6.0 * 60.0)).await.unwrap();
    store
        .set_profile(&race(42_195.0, 5.0 * 3600.0))
        .await
        .unwrap();
    // Aliases need a name with letters or digits.
    let alias = |name: &str| Alias {
        name: name.into(),
        exercise: "Leg Press".into(),
    };
    assert_eq!(
        field_of(store.set_alias(&alias(" -- ")).await.unwrap_err()),
        "name"
    );
    assert_eq!(
        field_of(
            store
                .set_aliases(&[alias("Leg Press Technogym"), alias("")])
                .await
                .unwrap_err()
        ),
        "aliases[1].name"
    );
    assert!(
        store.aliases().await.unwrap().is_empty(),
        "a failed restore writes none of them"
    );
    let b = ImportBatch {
        content_hash: "abc".into(),
        ..batch("x", vec![], vec![])
    };
    assert_eq!(field_of(store.import(b).await.unwrap_err()), "content_hash");
    assert_eq!(count(&store).await, (0, 0));
}

// ---------------------------------------------------------------------------------------------
// Delete
// ---------------------------------------------------------------------------------------------

pub async fn delete_cascades_and_frees_the_file_for_reimport(store: Store) {
    let b = batch(
        "mixed.fit",
        vec![one_hour_run(ts("2025-03-01T07:00:00Z"))],
        vec![leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "fit")],
    );
    let ids = created(&store.import(b.clone()).await.unwrap());
    assert_eq!(ids.len(), 2);
    store.delete(ids[1]).await.unwrap();
    assert!(matches!(
        store.delete(ids[1]).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        store.import(b.clone()).await.unwrap(),
        ImportOutcome::AlreadyImported { ids: vec![ids[0]] }
    );
    store.delete(ids[0]).await.unwrap();
    assert_eq!(count(&store).await, (0, 0));
    store.check_integrity().await.unwrap(); // no orphaned samples, exercises, sets or links
    assert!(store.export_all().await.unwrap().activities.is_empty());
    // Nothing of the file remains: it imports again, as new entries.
    let again = created(&store.import(b.clone()).await.unwrap());
    assert_eq!(again.len(), 2);
    assert_ne!(again, ids);
    assert_eq!(store.ledger(&b.content_hash).await.unwrap().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Heart-rate zones
// ---------------------------------------------------------------------------------------------

pub async fn zones_are_computed_with_the_profile_max_hr_and_follow_it(store: Store) {
    let run = one_hour_run(ts("2025-03-01T07:00:00Z"));
    let EntryId::Activity(before) = store.insert_activity(&run).await.unwrap() else {
        panic!()
    };
    assert_eq!(store.activity(before).await.unwrap().hr_zones, None);

    store.set_profile(&profile(Some(190.0))).await.unwrap();
    let z = store
        .activity(before)
        .await
        .unwrap()
        .hr_zones
        .expect("recomputed on profile change");
    assert_eq!(z.max_hr_bpm, 190.0);
    assert_eq!(
        z.seconds.iter().sum::<u32>(),
        3600,
        "HR 125–170 is all ≥ 50 % of 190"
    );
    let EntryId::Activity(after) = store.insert_activity(&run).await.unwrap() else {
        panic!()
    };
    assert_eq!(store.activity(after).await.unwrap().hr_zones, Some(z));

    store.set_profile(&profile(Some(220.0))).await.unwrap();
    let z2 = store.activity(after).await.unwrap().hr_zones.unwrap();
    assert_eq!(z2.max_hr_bpm, 220.0);
    assert_ne!(z2.seconds, z.seconds);
    store.set_profile(&profile(None)).await.unwrap();
    assert_eq!(store.activity(after).await.unwrap().hr_zones, None);
}

// ---------------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Aliases, check-in updates, migrations
// ---------------------------------------------------------------------------------------------

pub async fn aliases_are_kept_by_normalised_name_replaced_listed_and_deleted(store: Store) {
    let alias = |name: &str, exercise: &str| Alias {
        name: name.into(),
        exercise: exercise.into(),
    };
    store
        .set_alias(&alias("Leg Press Technogym", "Leg Press"))
        .await
        .unwrap();
    store
        .set_alias(&alias("Bench (Gym A)", "Bench Press (Barbell)"))
        .await
        .unwrap();
    // The same name written differently is the same alias: replaced, not added.
    store
        .set_alias(&alias("leg press  TECHNOGYM", "Hack Squat (Machine)"))
        .await
        .unwrap();
    let all = store.aliases().await.unwrap();
    assert_eq!(
        all,
        vec![
            alias("Bench (Gym A)", "Bench Press (Barbell)"),
            alias("leg press  TECHNOGYM", "Hack Squat (Machine)"),
        ]
    );
    assert_eq!(store.export_all().await.unwrap().aliases, all);
    assert_eq!(
        store.delete_alias("LEG PRESS technogym").await.unwrap(),
        Some(alias("leg press  TECHNOGYM", "Hack Squat (Machine)"))
    );
    assert_eq!(
        store.delete_alias("Leg Press Technogym").await.unwrap(),
        None
    );
    assert_eq!(store.delete_alias("").await.unwrap(), None);
    assert_eq!(store.aliases().await.unwrap().len(), 1);
}

pub async fn a_check_in_update_keeps_what_it_does_not_change_and_an_invalid_one_writes_nothing(
    store: Store,
) {
    let day = date(2026, 12, 2);
    let first = Wellness {
        sleep_hours: Some(7.0),
        fatigue: Some(3),
        pain: true,
        ..Wellness::default()
    };
    store.upsert_wellness(day, &first).await.unwrap();
    let updated = store
        .update_wellness(day, |stored| {
            let mut w = stored.expect("the stored check-in is handed over");
            w.soreness = Some(5);
            w
        })
        .await
        .unwrap();
    assert_eq!(updated.sleep_hours, Some(7.0));
    assert_eq!(updated.soreness, Some(5));
    assert!(updated.pain);
    assert_eq!(store.wellness(day, day).await.unwrap()[0].wellness, updated);
    let err = store
        .update_wellness(day, |stored| Wellness {
            fatigue: Some(9),
            ..stored.unwrap()
        })
        .await
        .unwrap_err();
    assert_eq!(field_of(err), "fatigue");
    assert_eq!(store.wellness(day, day).await.unwrap()[0].wellness, updated);
    // A day without a check-in starts from nothing.
    let other = date(2026, 12, 3);
    store
        .update_wellness(other, |stored| {
            assert_eq!(stored, None);
            Wellness {
                illness: true,
                ..Wellness::default()
            }
        })
        .await
        .unwrap();
    assert!(
        store.wellness(other, other).await.unwrap()[0]
            .wellness
            .illness
    );
}

// ---------------------------------------------------------------------------------------------
// Athletes, advice under load, the change signal
// ---------------------------------------------------------------------------------------------

/// Athlete B sees nothing of A's log, cannot read, change or delete A's entries by id (not found, as for
/// an id that does not exist), and A's imports neither block nor merge with B's.
pub async fn athletes_never_see_each_others_logs(store: Store) {
    let a = store;
    let b = a.for_athlete(AthleteId(2));
    a.set_profile(&profile(Some(190.0))).await.unwrap();
    a.upsert_wellness(
        date(2025, 3, 1),
        &Wellness {
            pain: true,
            ..Wellness::default()
        },
    )
    .await
    .unwrap();
    a.set_alias(&Alias {
        name: "Beinpresse".into(),
        exercise: "Leg Press".into(),
    })
    .await
    .unwrap();
    let run = one_hour_run(ts("2025-03-01T07:00:00Z"));
    let lift = leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "strong");
    let ids = created(
        &a.import(batch("a.fit", vec![run.clone()], vec![lift.clone()]))
            .await
            .unwrap(),
    );
    a.record_advice(NewAdvice {
        at: ts("2025-03-01T18:00:00Z"),
        request_json: "{}".into(),
        response_json: "{}".into(),
    })
    .await
    .unwrap();

    // Nothing of A's is B's.
    assert_eq!(b.profile().await.unwrap(), None);
    assert!(
        b.wellness(date(2000, 1, 1), date(2100, 1, 1))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(b.aliases().await.unwrap().is_empty());
    assert_eq!(count(&b).await, (0, 0));
    assert!(b.advice_log(&TimeFilter::all()).await.unwrap().is_empty());
    assert_eq!(b.export_all().await.unwrap(), crate::Export::default());
    for id in &ids {
        let not_found = |e: StoreError| matches!(e, StoreError::NotFound(i) if i == *id);
        match id {
            EntryId::Activity(n) => {
                assert!(not_found(b.activity(*n).await.unwrap_err()));
                assert!(b.activity_rows(&[*n]).await.unwrap().is_empty());
            }
            EntryId::Lift(n) => assert!(not_found(b.lift(*n).await.unwrap_err())),
        }
        assert!(not_found(b.delete(*id).await.unwrap_err()));
    }
    assert_eq!(
        count(&a).await,
        (1, 1),
        "B's deletes changed nothing of A's"
    );
    assert_eq!(b.delete_alias("Beinpresse").await.unwrap(), None);
    assert_eq!(a.aliases().await.unwrap().len(), 1);

    // The same file and the same sessions are B's own when B imports them: not "already imported", not
    // merged into A's entries.
    assert_eq!(b.imported_ids(&content_hash(b"a.fit")).await.unwrap(), None);
    assert!(b.ledger(&content_hash(b"a.fit")).await.unwrap().is_empty());
    let outcome = b
        .import(batch("a.fit", vec![run], vec![lift]))
        .await
        .unwrap();
    let b_ids = created(&outcome);
    assert_eq!(b_ids.len(), 2, "{outcome:?}");
    // B's entries are new rows of B's own, not A's: ids may be numbered per athlete (then B's first
    // activity is `a1` like A's), so this is checked by deleting them below, not by comparing numbers.
    assert_eq!(count(&a).await, (1, 1));
    assert_eq!(count(&b).await, (1, 1));
    // B's profile (no maximum heart rate) leaves A's zones alone, and B's check-in A's.
    b.set_profile(&profile(None)).await.unwrap();
    assert!(
        a.activity(ids_of(&ids, true))
            .await
            .unwrap()
            .hr_zones
            .is_some()
    );
    b.upsert_wellness(date(2025, 3, 1), &Wellness::default())
        .await
        .unwrap();
    assert!(
        a.wellness(date(2025, 3, 1), date(2025, 3, 1))
            .await
            .unwrap()[0]
            .wellness
            .pain
    );
    // B deleting B's entries leaves A's entries, and A's ledger, whole.
    for id in &b_ids {
        b.delete(*id).await.unwrap();
    }
    assert_eq!(count(&b).await, (0, 0));
    assert_eq!(count(&a).await, (1, 1), "B's deletes took A's entries");
    a.activity(ids_of(&ids, true)).await.unwrap();
    a.lift(ids_of(&ids, false)).await.unwrap();
    assert_eq!(
        a.imported_ids(&content_hash(b"a.fit")).await.unwrap(),
        Some(ids.clone())
    );
}

fn ids_of(ids: &[EntryId], activity: bool) -> i64 {
    ids.iter()
        .find_map(|id| match (id, activity) {
            (EntryId::Activity(n), true) | (EntryId::Lift(n), false) => Some(*n),
            _ => None,
        })
        .unwrap()
}

/// Many advice recorded at once (as under load: the backend may write them in batches) each get their
/// own id, and every one is in the log when its call returns.
pub async fn advice_recorded_at_once_are_all_kept(store: Store) {
    const N: usize = 200;
    let at = ts("2025-03-01T18:00:00Z");
    let tasks: Vec<_> = (0..N)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let id = store
                    .record_advice(NewAdvice {
                        at,
                        request_json: format!("{{\"n\":{i}}}").into(),
                        response_json: format!("{{\"verdict\":\"go\",\"n\":{i}}}").into(),
                    })
                    .await
                    .unwrap();
                // Durable when answered: it is in the log now.
                let log = store.advice_log(&TimeFilter::all()).await.unwrap();
                assert!(
                    log.iter().any(|r| r.id == id),
                    "advice {i} answered but not in the log"
                );
                (i, id)
            })
        })
        .collect();
    let mut ids = std::collections::BTreeMap::new();
    for t in tasks {
        let (i, id) = t.await.unwrap();
        ids.insert(id, i);
    }
    assert_eq!(ids.len(), N, "every advice has its own id");
    let log = store.advice_log(&TimeFilter::all()).await.unwrap();
    assert_eq!(log.len(), N);
    for r in &log {
        let i = ids[&r.id];
        assert_eq!(
            r.request_json,
            format!("{{\"n\":{i}}}"),
            "advice {} kept with its own request",
            r.id
        );
        assert_eq!(r.response_json, format!("{{\"verdict\":\"go\",\"n\":{i}}}"));
    }
}

/// Advice of several athletes recorded at once (a team's server: one batch may hold many athletes', and
/// several of one athlete's) is each kept in its own athlete's log with its own request, each athlete's ids
/// distinct.
pub async fn advice_of_many_athletes_at_once_stays_their_own(store: Store) {
    const ATHLETES: i64 = 7;
    const EACH: usize = 12;
    let at = ts("2025-03-01T18:00:00Z");
    let tasks: Vec<_> = (0..ATHLETES)
        .flat_map(|a| (0..EACH).map(move |i| (a, i)))
        .map(|(a, i)| {
            let store = store.for_athlete(AthleteId(100 + a));
            tokio::spawn(async move {
                let id = store
                    .record_advice(NewAdvice {
                        at,
                        request_json: format!("{{\"athlete\":{a},\"n\":{i}}}").into(),
                        response_json: "{}".into(),
                    })
                    .await
                    .unwrap();
                (a, i, id)
            })
        })
        .collect();
    let mut given = std::collections::BTreeMap::new();
    for t in tasks {
        let (a, i, id) = t.await.unwrap();
        assert!(
            given.insert((a, id), i).is_none(),
            "athlete {a}: id {id} given twice"
        );
    }
    for a in 0..ATHLETES {
        let log = store
            .for_athlete(AthleteId(100 + a))
            .advice_log(&TimeFilter::all())
            .await
            .unwrap();
        assert_eq!(log.len(), EACH, "athlete {a}'s advice");
        for r in &log {
            let i = given[&(a, r.id)];
            assert_eq!(r.request_json, format!("{{\"athlete\":{a},\"n\":{i}}}"));
        }
    }
}

/// The change signal moves on every write to the athlete's log, and not on reads or on recording advice
/// (the advice log is not what a reader caches).
pub async fn the_version_moves_on_writes_only(store: Store) {
    let mut last = store.version();
    let mut moved = |store: &Store, what: &str| {
        let now = store.version();
        assert_ne!(now, last, "{what} did not move the version");
        last = now;
    };
    store.set_profile(&profile(Some(190.0))).await.unwrap();
    moved(&store, "set_profile");
    let id = store
        .insert_activity(&one_hour_run(ts("2025-03-01T07:00:00Z")))
        .await
        .unwrap();
    moved(&store, "insert_activity");
    store
        .insert_lift(&leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "manual"))
        .await
        .unwrap();
    moved(&store, "insert_lift");
    store
        .upsert_wellness(date(2025, 3, 1), &Wellness::default())
        .await
        .unwrap();
    moved(&store, "upsert_wellness");
    store
        .update_wellness(date(2025, 3, 1), |w| Wellness {
            pain: true,
            ..w.unwrap_or_default()
        })
        .await
        .unwrap();
    moved(&store, "update_wellness");
    store
        .set_alias(&Alias {
            name: "Beinpresse".into(),
            exercise: "Leg Press".into(),
        })
        .await
        .unwrap();
    moved(&store, "set_alias");
    store.delete_alias("Beinpresse").await.unwrap();
    moved(&store, "delete_alias");
    store
        .import(batch(
            "ride.fit",
            vec![activity(
                Sport::Cycle,
                ts("2025-03-02T07:00:00Z"),
                40.0,
                "fit",
            )],
            vec![],
        ))
        .await
        .unwrap();
    moved(&store, "import");
    store.delete(id).await.unwrap();
    moved(&store, "delete");

    let before = store.version();
    store.profile().await.unwrap();
    store.activities(&TimeFilter::all()).await.unwrap();
    store.export_all().await.unwrap();
    store
        .record_advice(NewAdvice {
            at: ts("2025-03-01T18:00:00Z"),
            request_json: "{}".into(),
            response_json: "{}".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        store.version(),
        before,
        "reads and advice leave the version alone"
    );
}

/// Runs every conformance test on a backend: `$fresh` is an async block giving `(guard, Store)`, a fresh
/// empty log and whatever must live as long as it (a temporary folder).
/// Users, tokens, invitations and grants: names unique ignoring case, tokens found by hash until they
/// expire or are revoked, an invitation good for one coach once, and an athlete's removal taking their
/// log with them.
pub async fn accounts_keep_users_tokens_and_grants(store: Store) {
    use crate::accounts::{NewToken, Role, TokenKind};
    let accounts = store.accounts();
    let at = ts("2026-01-05T10:00:00Z");
    assert!(!accounts.has_users().await.unwrap());
    let ana = accounts
        .add_user("Ana", Role::Athlete, Some("hash-a"), at)
        .await
        .unwrap();
    assert!(accounts.has_users().await.unwrap());
    let ana_athlete = ana.athlete.expect("an athlete owns a log");
    assert_ne!(
        ana_athlete,
        AthleteId::LOCAL,
        "a new athlete gets a new log"
    );
    let coach = accounts
        .add_user("Coach Kim", Role::Coach, None, at)
        .await
        .unwrap();
    assert_eq!(coach.athlete, None);
    assert!(matches!(
        accounts.add_user(" ana ", Role::Coach, None, at).await,
        Err(StoreError::Conflict(m)) if m.contains("ana")
    ));
    assert!(matches!(
        accounts.add_user("", Role::Coach, None, at).await,
        Err(StoreError::Invalid { .. })
    ));
    let names: Vec<_> = accounts
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.name, u.role, u.has_password))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Ana".to_string(), Role::Athlete, true),
            ("Coach Kim".to_string(), Role::Coach, false)
        ]
    );
    let (found, hash) = accounts.user_by_name("ANA").await.unwrap().unwrap();
    assert_eq!((found.id, hash.as_deref()), (ana.id, Some("hash-a")));
    assert!(accounts.user_by_name("nobody").await.unwrap().is_none());
    accounts
        .set_password_hash(coach.id, Some("hash-k"))
        .await
        .unwrap();
    assert!(
        accounts
            .user_by_name("coach kim")
            .await
            .unwrap()
            .unwrap()
            .0
            .has_password
    );

    // Tokens: found by hash, until they expire or are revoked.
    let api = accounts
        .add_token(&NewToken {
            user: ana.id,
            kind: TokenKind::Api,
            label: "watch sync",
            token_hash: "t-api",
            created_at: at,
            expires_at: None,
        })
        .await
        .unwrap();
    let session = accounts
        .add_token(&NewToken {
            user: ana.id,
            kind: TokenKind::Session,
            label: "dashboard",
            token_hash: "t-session",
            created_at: at,
            expires_at: Some(ts("2026-01-19T10:00:00Z")),
        })
        .await
        .unwrap();
    let p = accounts.principal("t-api", at).await.unwrap().unwrap();
    assert_eq!(
        (p.user.id, p.token.id, p.token.kind),
        (ana.id, api.id, TokenKind::Api)
    );
    assert!(accounts.principal("t-other", at).await.unwrap().is_none());
    assert!(
        accounts
            .principal("t-session", ts("2026-01-19T10:00:00Z"))
            .await
            .unwrap()
            .is_none(),
        "an expired session is refused"
    );
    assert!(
        accounts
            .principal("t-session", ts("2026-01-19T09:59:59Z"))
            .await
            .unwrap()
            .is_some()
    );
    let listed: Vec<_> = accounts
        .tokens(ana.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(listed, vec![session.id, api.id]);
    assert!(
        !accounts.revoke_token(coach.id, api.id).await.unwrap(),
        "a user revokes only their own tokens"
    );
    assert!(accounts.principal("t-api", at).await.unwrap().is_some());
    assert!(accounts.revoke_token(ana.id, api.id).await.unwrap());
    assert!(accounts.principal("t-api", at).await.unwrap().is_none());
    assert_eq!(
        accounts
            .revoke_tokens(ana.id, TokenKind::Session)
            .await
            .unwrap(),
        1
    );
    assert!(accounts.principal("t-session", at).await.unwrap().is_none());

    // Invitations: one coach, once, before expiry; an athlete cannot accept.
    let expires = ts("2026-01-12T10:00:00Z");
    accounts
        .add_invitation(ana_athlete, "code-1", at, expires)
        .await
        .unwrap();
    assert!(
        accounts
            .accept_invitation(ana.id, "code-1", at)
            .await
            .unwrap()
            .is_none()
    );
    let grant = accounts
        .accept_invitation(coach.id, "code-1", at)
        .await
        .unwrap()
        .expect("a coach accepts a valid invitation");
    assert_eq!(
        (
            grant.coach,
            grant.athlete,
            grant.athlete_name.as_str(),
            grant.coach_name.as_str()
        ),
        (coach.id, ana_athlete, "Ana", "Coach Kim")
    );
    assert!(
        accounts
            .accept_invitation(coach.id, "code-1", at)
            .await
            .unwrap()
            .is_none(),
        "an invitation is used once"
    );
    accounts
        .add_invitation(ana_athlete, "code-2", at, expires)
        .await
        .unwrap();
    assert!(
        accounts
            .accept_invitation(coach.id, "code-2", expires)
            .await
            .unwrap()
            .is_none(),
        "an expired invitation grants nothing"
    );
    assert_eq!(
        accounts.athletes_of(coach.id).await.unwrap(),
        vec![grant.clone()]
    );
    assert_eq!(accounts.coaches_of(ana_athlete).await.unwrap(), vec![grant]);
    assert!(
        accounts
            .coaches_of(AthleteId::LOCAL)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !accounts
            .revoke_grant(AthleteId::LOCAL, coach.id)
            .await
            .unwrap()
    );
    assert!(accounts.revoke_grant(ana_athlete, coach.id).await.unwrap());
    assert!(accounts.athletes_of(coach.id).await.unwrap().is_empty());

    // Removing an athlete removes their log, not anyone else's.
    let ana_log = store.for_athlete(ana_athlete);
    ana_log.set_profile(&profile(Some(190.0))).await.unwrap();
    ana_log
        .import(batch(
            "ana.fit",
            vec![one_hour_run(ts("2026-01-04T07:00:00Z"))],
            vec![leg_day(ts("2026-01-04T17:00:00Z"), 60.0, "strong")],
        ))
        .await
        .unwrap();
    store
        .import(batch(
            "local.fit",
            vec![one_hour_run(ts("2026-01-03T07:00:00Z"))],
            vec![],
        ))
        .await
        .unwrap();
    accounts.remove_user(ana.id).await.unwrap();
    assert!(accounts.user_by_name("ana").await.unwrap().is_none());
    assert!(matches!(
        accounts.remove_user(ana.id).await,
        Err(StoreError::Missing(_))
    ));
    let gone = ana_log.export_all().await.unwrap();
    assert!(gone.activities.is_empty() && gone.lifts.is_empty() && gone.profile.is_none());
    assert!(
        ana_log
            .imported_ids(&content_hash(b"ana.fit"))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store.export_all().await.unwrap().activities.len(), 1);
}

/// A personal log's athlete can be given to a user (moving up to accounts), once.
pub async fn a_personal_log_is_adopted_by_one_user(store: Store) {
    use crate::accounts::Role;
    let accounts = store.accounts();
    let at = ts("2026-01-05T10:00:00Z");
    store
        .import(batch(
            "local.fit",
            vec![one_hour_run(ts("2026-01-03T07:00:00Z"))],
            vec![],
        ))
        .await
        .unwrap();
    let me = accounts
        .adopt_athlete("me", AthleteId::LOCAL, None, at)
        .await
        .unwrap();
    assert_eq!(
        (me.role, me.athlete),
        (Role::Athlete, Some(AthleteId::LOCAL))
    );
    assert!(matches!(
        accounts
            .adopt_athlete("other", AthleteId::LOCAL, None, at)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.export_all().await.unwrap().activities.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Personal experiments
// ---------------------------------------------------------------------------------------------

fn experiment(
    start: jiff::civil::Date,
    weeks: i64,
    exclusive_on: Option<jiff::civil::Date>,
) -> crate::NewExperiment {
    use jiff::ToSpan;
    crate::NewExperiment {
        created_at: ts("2026-03-04T10:00:00Z"),
        comparison: "run_after_lift_or_separate_day".into(),
        seed: u64::MAX - 6,
        protocol_json: format!(
            "{{\"question\": \"Run after lifting? \\u00e9 \\\"quoted\\\"\", \"weeks\": {weeks}}}"
        ),
        starts_on: start,
        ends_on: start.checked_add((weeks * 7 - 1).days()).unwrap(),
        stopped_on: None,
        exclusive_on,
    }
}

pub async fn experiments_round_trip_stop_and_one_is_open_at_a_time(store: Store) {
    assert!(store.experiments().await.unwrap().is_empty());
    let first = experiment(date(2026, 3, 9), 6, Some(date(2026, 3, 4)));
    let kept = store.insert_experiment(&first).await.unwrap();
    assert_eq!(kept.id, 1);
    assert_eq!(
        (
            kept.created_at,
            kept.comparison.as_str(),
            kept.seed,
            kept.protocol_json.as_str(),
            kept.starts_on,
            kept.ends_on,
            kept.stopped_on
        ),
        (
            first.created_at,
            first.comparison.as_str(),
            first.seed,
            first.protocol_json.as_str(),
            first.starts_on,
            date(2026, 4, 19),
            None
        ),
        "kept as given, the seed's 64 bits and the text byte for byte"
    );
    assert_eq!(store.experiment(1).await.unwrap(), kept);

    // A second one while the first is open (until 19 April) is refused, naming it; nothing is written.
    let second = experiment(date(2026, 3, 16), 4, Some(date(2026, 3, 10)));
    match store.insert_experiment(&second).await {
        Err(StoreError::Conflict(m)) => assert!(m.contains("experiment 1"), "{m}"),
        other => panic!("expected Conflict, got {other:?}"),
    }
    assert_eq!(store.experiments().await.unwrap().len(), 1);
    // Once it has ended, or without the check (a restore), another is kept.
    let after_end = experiment(date(2026, 4, 27), 4, Some(date(2026, 4, 20)));
    assert_eq!(store.insert_experiment(&after_end).await.unwrap().id, 2);

    // Stopping: the day is kept; a second stop keeps the first day.
    let stopped = store.stop_experiment(2, date(2026, 5, 3)).await.unwrap();
    assert_eq!(stopped.stopped_on, Some(date(2026, 5, 3)));
    let again = store.stop_experiment(2, date(2026, 5, 10)).await.unwrap();
    assert_eq!(again.stopped_on, Some(date(2026, 5, 3)));
    // A stopped experiment is not open: a new one may start.
    let third = experiment(date(2026, 5, 4), 4, Some(date(2026, 5, 3)));
    assert_eq!(store.insert_experiment(&third).await.unwrap().id, 3);

    // Newest first; unknown ids are "missing", for reading and stopping alike.
    let ids: Vec<i64> = store
        .experiments()
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, [3, 2, 1]);
    for e in [
        store.experiment(9).await.unwrap_err(),
        store
            .stop_experiment(9, date(2026, 5, 3))
            .await
            .unwrap_err(),
    ] {
        assert!(
            matches!(e, StoreError::Missing(ref m) if m.contains("experiment 9")),
            "{e}"
        );
    }

    // Refused before anything is written, the field named.
    let mut bad = experiment(date(2026, 6, 1), 2, None);
    bad.ends_on = date(2026, 5, 1);
    assert_eq!(
        field_of(store.insert_experiment(&bad).await.unwrap_err()),
        "end"
    );
    let mut bad = experiment(date(2026, 6, 1), 2, None);
    bad.protocol_json = " ".into();
    assert_eq!(
        field_of(store.insert_experiment(&bad).await.unwrap_err()),
        "protocol"
    );
    let mut bad = experiment(date(2026, 6, 1), 2, None);
    bad.comparison = String::new();
    assert_eq!(
        field_of(store.insert_experiment(&bad).await.unwrap_err()),
        "comparison"
    );
    assert_eq!(store.experiments().await.unwrap().len(), 3);

    // The export holds them by id, as kept.
    let export = store.export_all().await.unwrap();
    let ids: Vec<i64> = export.experiments.iter().map(|e| e.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(export.experiments[0], kept);
    assert_eq!(export.experiments[1].stopped_on, Some(date(2026, 5, 3)));
}

pub async fn experiments_are_each_athletes_own(store: Store) {
    let b = store.for_athlete(AthleteId(2));
    let a_open = store
        .insert_experiment(&experiment(date(2026, 3, 9), 6, Some(date(2026, 3, 4))))
        .await
        .unwrap();
    // B's experiments are numbered from 1 too, and A's open one does not keep B from starting one.
    let b_open = b
        .insert_experiment(&experiment(date(2026, 3, 9), 4, Some(date(2026, 3, 4))))
        .await
        .unwrap();
    assert_eq!(b.experiments().await.unwrap(), vec![b_open.clone()]);
    assert_eq!(store.experiments().await.unwrap(), vec![a_open.clone()]);
    // B stopping "its" experiment stops its own, never A's.
    b.stop_experiment(b_open.id, date(2026, 3, 20))
        .await
        .unwrap();
    assert_eq!(store.experiment(a_open.id).await.unwrap().stopped_on, None);
    // An id only A has is missing for B.
    store
        .insert_experiment(&experiment(date(2026, 6, 1), 2, None))
        .await
        .unwrap();
    assert!(matches!(b.experiment(2).await, Err(StoreError::Missing(_))));
    assert!(matches!(
        b.stop_experiment(2, date(2026, 6, 2)).await,
        Err(StoreError::Missing(_))
    ));
    assert_eq!(store.experiment(2).await.unwrap().stopped_on, None);
    assert_eq!(b.export_all().await.unwrap().experiments.len(), 1);
}

#[macro_export]
macro_rules! conformance_tests {
    ($fresh:expr) => {
        $crate::conformance_tests!(@each $fresh;
            profile_round_trips_and_replaces,
            activity_with_samples_round_trips_within_quantisation,
            lift_round_trips,
            wellness_round_trips_one_per_date,
            advice_log_round_trips,
            export_holds_everything_and_reimports_to_the_same_log,
            browse_rows_hold_the_listed_values,
            filters_select_by_start_newest_first,
            same_file_twice_is_already_imported_and_writes_nothing,
            the_same_run_from_two_sources_is_stored_once,
            different_times_or_sports_are_different_sessions,
            a_watch_strength_recording_and_an_app_session_become_one,
            a_batch_with_one_invalid_item_writes_nothing,
            skipped_files_are_recorded_but_do_not_block,
            absurd_values_are_rejected_naming_the_field,
            delete_cascades_and_frees_the_file_for_reimport,
            zones_are_computed_with_the_profile_max_hr_and_follow_it,
            aliases_are_kept_by_normalised_name_replaced_listed_and_deleted,
            a_check_in_update_keeps_what_it_does_not_change_and_an_invalid_one_writes_nothing,
            athletes_never_see_each_others_logs,
            advice_recorded_at_once_are_all_kept,
            advice_of_many_athletes_at_once_stays_their_own,
            the_version_moves_on_writes_only,
            accounts_keep_users_tokens_and_grants,
            a_personal_log_is_adopted_by_one_user,
            experiments_round_trip_stop_and_one_is_open_at_a_time,
            experiments_are_each_athletes_own
        );
    };
    (@each $fresh:expr; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let (_guard, store) = $fresh.await;
                $crate::conformance::$name(store).await;
            }
        )*
    };
}
