//! The same flow on SQLite and on PostgreSQL gives the same answers: real files imported (FIT, GPX,
//! TCX, Strong and Hevy exports), imported again (all duplicates), then advice from the log, the status
//! report and the export, compared as the JSON the CLI and the API print. Both logs number ids from 1
//! for their one athlete, so even the ids agree.
//!
//! The PostgreSQL database is a fresh one on the test server (`afterlift_store_postgres::testing`:
//! `AFTERLIFT_TEST_POSTGRES`, or a private server the test starts).

use std::path::{Path, PathBuf};

use afterlift_app::open::{Location, location, open};
use afterlift_core::{Athlete, Goal, Sex};
use afterlift_formats::ReadOptions;
use afterlift_store::{Profile, Store};
use jiff::Timestamp;
use serde_json::{Value, json};

fn testdata(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

/// Everything the flow answers, as JSON.
async fn flow(store: &Store) -> Vec<(&'static str, Value)> {
    let now: Timestamp = "2021-09-06T22:00:00Z".parse().unwrap();
    let utc = jiff::tz::TimeZone::UTC;
    let mut out = Vec::new();

    let mut profile = Profile::new(Athlete {
        age_years: 34.0,
        sex: Sex::Female,
        weight_kg: 62.0,
        resting_hr_bpm: Some(52.0),
        max_hr_bpm: Some(188.0),
        hrv_rmssd_ms: None,
        goal: Goal::Hypertrophy,
        concurrent_weeks: Some(20),
        injury_prone: false,
    });
    profile.time_zone = Some("Europe/Berlin".into());
    afterlift_app::profile::save(store, &profile, now)
        .await
        .unwrap();

    let files: Vec<PathBuf> = [
        "fit/garmin-fenix-5-run.fit",
        "fit/activity-small-fenix2-run.fit",
        "fit/garmin-fenix-5-bike.fit",
        "gpx/garmin-activity.gpx",
        "tcx/cross-country-skiing_activity_1.tcx",
        "strong/strong-app-analytics.csv",
        "hevy/strong-statistics-hevy.csv.gz",
    ]
    .iter()
    .map(|f| testdata(f))
    .collect();
    let opts = ReadOptions::default();
    let first = afterlift_app::import::import_files(store, &files, &opts, |_, _| {}).await;
    out.push(("import", serde_json::to_value(&first).unwrap()));
    let again = afterlift_app::import::import_files(store, &files, &opts, |_, _| {}).await;
    out.push(("import again", serde_json::to_value(&again).unwrap()));

    let advised = afterlift_app::advise::advise(
        store,
        None,
        json!({"planned": {"kind": "intervals", "minutes": 40}}),
        now,
        &utc,
    )
    .await
    .unwrap();
    out.push((
        "advise",
        serde_json::from_str(&advised.response_json).unwrap(),
    ));
    let status = afterlift_app::status::report(store, now, 28, &utc)
        .await
        .unwrap();
    out.push(("status", serde_json::to_value(&status).unwrap()));
    let export = afterlift_app::export::export(store, now).await.unwrap();
    out.push(("export", serde_json::to_value(&export).unwrap()));
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_flow_answers_the_same_on_sqlite_and_postgresql() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = open(&location(&dir.path().join("log.db")).unwrap())
        .await
        .unwrap();
    let url = afterlift_store_postgres::testing::fresh_database().await;
    let at = location(Path::new(&url)).unwrap();
    assert!(matches!(at, Location::Postgres(_)), "{at:?}");
    let postgres = open(&at).await.unwrap();

    let on_sqlite = flow(&sqlite).await;
    let on_postgres = flow(&postgres).await;
    // Every file was read and gave sessions, the second time as duplicates only.
    for (what, report, status) in [
        ("import", &on_sqlite[0].1, "imported"),
        ("import again", &on_sqlite[1].1, "duplicate"),
    ] {
        let files = report["files"].as_array().unwrap();
        assert_eq!(files.len(), 7, "{what}: {report}");
        for f in files {
            assert_eq!(f["status"], status, "{what}: {f}");
        }
    }
    for ((what, s), (_, p)) in on_sqlite.iter().zip(&on_postgres) {
        assert!(
            s == p,
            "{what} differs:\nSQLite:     {}\nPostgreSQL: {}",
            first_difference(s, p).0,
            first_difference(s, p).1
        );
    }
    sqlite.close().await;
    postgres.close().await;
}

/// The first place two JSON values differ, as a path and the two values there.
fn first_difference(a: &Value, b: &Value) -> (String, String) {
    fn walk(a: &Value, b: &Value, path: String) -> Option<(String, String)> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in x {
                    let p = format!("{path}.{k}");
                    match y.get(k) {
                        Some(w) => {
                            if let Some(d) = walk(v, w, p) {
                                return Some(d);
                            }
                        }
                        None => return Some((format!("{p} = {v}"), format!("{p} missing"))),
                    }
                }
                y.keys().find(|k| !x.contains_key(*k)).map(|k| {
                    (
                        format!("{path}.{k} missing"),
                        format!("{path}.{k} = {}", y[k]),
                    )
                })
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (v, w))| walk(v, w, format!("{path}[{i}]"))),
            _ if a == b => None,
            _ => Some((format!("{path} = {a}"), format!("{path} = {b}"))),
        }
    }
    walk(a, b, String::new()).unwrap_or_default()
}
