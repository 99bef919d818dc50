//! What only the SQLite backend has: a file (WAL mode, reopened with its data, in the data directory by
//! default) and migrations from every schema a release wrote — the first schema, and a real log written
//! by the release before athletes had their own rows (`testdata/store/`), which opens with nothing lost.

use std::path::Path;

use afterlift_store::testdata::leg_day;
use afterlift_store::{AthleteId, EntryId, Store, TimeFilter};
use jiff::Timestamp;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn count(store: &Store) -> (usize, usize) {
    (
        store.activities(&TimeFilter::all()).await.unwrap().len(),
        store.lifts(&TimeFilter::all()).await.unwrap().len(),
    )
}

#[tokio::test]
async fn opens_in_wal_mode_and_reopens_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/log.db");
    let store = afterlift_store_sqlite::open(&path).await.unwrap();
    store
        .insert_lift(&leg_day(ts("2025-03-01T17:00:00Z"), 60.0, "manual"))
        .await
        .unwrap();
    assert!(
        path.with_extension("db-wal").exists(),
        "WAL mode keeps a -wal file while open"
    );
    store.close().await;
    let store = afterlift_store_sqlite::open(&path).await.unwrap();
    assert_eq!(count(&store).await, (0, 1));
    assert_eq!(store.describe(), path.display().to_string());
}

#[test]
fn default_path_is_in_the_data_dir() {
    let p = afterlift_store::default_db_path().expect("a home directory");
    assert!(p.ends_with("afterlift/afterlift.db"), "{}", p.display());
}

/// A log written before the aliases and the profile's day window existed opens, gains them, and keeps
/// its profile.
#[tokio::test]
async fn a_log_from_the_first_schema_is_migrated_and_keeps_its_profile() {
    let dir = tempfile::tempdir().unwrap();
    let first_only = dir.path().join("migrations");
    std::fs::create_dir_all(&first_only).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/0001_initial.sql"),
        first_only.join("0001_initial.sql"),
    )
    .unwrap();
    let path = dir.path().join("old.db");
    {
        use sqlx::{ConnectOptions, Connection};
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .unwrap();
        sqlx::migrate::Migrator::new(first_only.as_path())
            .await
            .unwrap()
            .run(&mut conn)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO profile (id, age_years, sex, weight_kg, goal, injury_prone, time_zone, updated_at_ms) \
             VALUES (1, 41, 'male', 80, 'general', false, 'Europe/Berlin', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    }
    let store = afterlift_store_sqlite::open(&path).await.unwrap();
    let p = store.profile().await.unwrap().unwrap();
    assert_eq!(p.athlete.age_years, 41.0);
    assert_eq!(p.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!((p.wake_time, p.sleep_time, p.race), (None, None, None));
    assert!(store.aliases().await.unwrap().is_empty());
    store.check_integrity().await.unwrap();
}

/// A log written by afterlift at commit be1faca (migrations 0001–0003: one athlete, no owner columns)
/// opens, migrates in place, and holds exactly what that release exported from it: the profile, every
/// activity with its samples, every lift with its sets, the check-ins, the aliases — and the
/// advice it recorded. Everything is the local athlete's; another athlete of the same file has nothing.
#[tokio::test]
async fn a_log_written_by_the_release_before_athletes_migrates_with_nothing_lost() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/store");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("afterlift.db");
    std::fs::copy(fixture.join("afterlift-0.1.0-be1faca.db"), &path).unwrap();
    let exported: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture.join("afterlift-0.1.0-be1faca.export.json")).unwrap(),
    )
    .unwrap();

    let store = afterlift_store_sqlite::open(&path).await.unwrap();
    store.check_integrity().await.unwrap();
    let export = store.export_all().await.unwrap();

    // The profile, field by field as the release wrote it.
    let p = export.profile.as_ref().unwrap();
    let old = &exported["profile"]["athlete"];
    assert_eq!(p.athlete.age_years, old["age"].as_f64().unwrap());
    assert_eq!(p.athlete.weight_kg, old["weight_kg"].as_f64().unwrap());
    assert_eq!(p.athlete.max_hr_bpm, old["max_hr"].as_f64());
    assert_eq!(p.athlete.resting_hr_bpm, old["resting_hr"].as_f64());
    assert_eq!(p.athlete.hrv_rmssd_ms, old["hrv_rmssd_ms"].as_f64());
    assert_eq!(p.time_zone.as_deref(), old["time_zone"].as_str());
    assert_eq!(
        p.race.map(|r| (r.distance_m, r.time_s)),
        Some((10_000.0, 2910.0))
    );

    // Every activity: its id, sport, start, samples and zones.
    let old_activities = exported["activities"].as_array().unwrap();
    assert_eq!(export.activities.len(), old_activities.len());
    for (a, old) in export.activities.iter().zip(old_activities) {
        assert_eq!(
            EntryId::Activity(a.id).to_string(),
            old["id"].as_str().unwrap()
        );
        assert_eq!(a.activity.sport.as_str(), old["sport"].as_str().unwrap());
        assert_eq!(
            a.activity.started_at,
            old["started_at"]
                .as_str()
                .unwrap()
                .parse::<Timestamp>()
                .unwrap()
        );
        let samples = old["samples"]["offset_s"].as_array().map_or(0, Vec::len);
        assert_eq!(a.activity.samples.len(), samples, "activity {}", a.id);
        assert_eq!(
            a.activity.distance_m,
            old["distance_m"].as_f64(),
            "activity {}",
            a.id
        );
        assert_eq!(a.activity.source, old["source"].as_str().unwrap());
    }
    assert!(
        export.activities.iter().all(|a| a.id != 2),
        "the activity deleted before the migration stays deleted"
    );

    // Every lift with every set.
    let old_lifts = exported["lifts"].as_array().unwrap();
    assert_eq!(export.lifts.len(), old_lifts.len());
    let sets = |l: &afterlift_store::StoredLift| {
        l.session
            .exercises
            .iter()
            .map(|e| e.sets.len())
            .sum::<usize>()
    };
    let old_sets = |l: &serde_json::Value| {
        l["exercises"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["sets"].as_array().unwrap().len())
            .sum::<usize>()
    };
    for (l, old) in export.lifts.iter().zip(old_lifts) {
        assert_eq!(EntryId::Lift(l.id).to_string(), old["id"].as_str().unwrap());
        assert_eq!(sets(l), old_sets(old), "lift {}", l.id);
    }

    // Check-ins (one with pain), aliases, and the advice log.
    assert_eq!(
        export.wellness.len(),
        exported["wellness"].as_array().unwrap().len()
    );
    assert!(export.wellness.iter().any(|w| w.wellness.pain));
    assert_eq!(export.aliases.len(), 1);
    assert_eq!(export.aliases[0].name, "Beinpresse");
    assert_eq!(store.advice_log(&TimeFilter::all()).await.unwrap().len(), 2);

    // The import ledger still knows the files: the same file again is "already imported".
    let ledger_hash = {
        let bytes = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/fit/garmin-fenix-5-run.fit"),
        )
        .unwrap();
        afterlift_store::content_hash(&bytes)
    };
    assert!(store.imported_ids(&ledger_hash).await.unwrap().is_some());

    // It is all the local athlete's: another athlete of the same file has nothing, and can write.
    let other = store.for_athlete(AthleteId(7));
    assert_eq!(
        other.export_all().await.unwrap(),
        afterlift_store::Export::default()
    );
    assert_eq!(other.imported_ids(&ledger_hash).await.unwrap(), None);
    let id = other
        .insert_lift(&leg_day(ts("2026-12-01T17:00:00Z"), 60.0, "manual"))
        .await
        .unwrap();
    assert!(
        store
            .lift(match id {
                EntryId::Lift(n) => n,
                EntryId::Activity(_) => unreachable!(),
            })
            .await
            .is_err()
    );
    assert_eq!(
        count(&store).await,
        (export.activities.len(), export.lifts.len())
    );
    store.check_integrity().await.unwrap();
}
