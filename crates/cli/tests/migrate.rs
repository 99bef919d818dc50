//! `afterlift migrate --to postgres://…` through the real binary, on a real PostgreSQL (`fresh_database`):
//! a personal log of real files (FIT, a damaged FIT, GPX, TCX, Strong, Hevy, a settings file that holds
//! nothing), a profile, check-ins, an alias and advice is copied into a new athlete's log; the target's
//! export is the source's, re-importing a file is a duplicate there, a second run writes nothing, and a
//! non-empty athlete's log is refused.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path)
}

fn afterlift(db: &str, args: &[&str]) -> Output {
    Command::cargo_bin("afterlift")
        .unwrap()
        .env_remove("AFTERLIFT_DB")
        .env_remove("AFTERLIFT_ATHLETE")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &str, args: &[&str]) -> Value {
    let out = afterlift(db, args);
    assert!(
        out.status.success(),
        "afterlift {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

fn fresh_database() -> String {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(afterlift_store_postgres::testing::fresh_database())
}

const FILES: [&str; 8] = [
    "fit/garmin-fenix-5-run.fit",
    "fit/activity-unexpected-eof.fit",
    "fit/MonitoringFile.fit",
    "gpx/garmin-activity.gpx",
    "tcx/test.tcx",
    "strong/strong.csv",
    "hevy/strong-statistics-hevy.csv.gz",
    "fit/garmin-fenix-5-bike.fit",
];

/// The export without its time: what must be equal on both sides.
fn content(mut export: Value) -> Value {
    export.as_object_mut().unwrap().remove("exported_at");
    export
}

#[test]
fn a_personal_log_moves_to_postgres_whole_and_verified() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    let db = db.to_str().unwrap();
    let now = "2026-11-24T20:00:00Z";

    let files: Vec<String> = FILES
        .iter()
        .map(|f| testdata(f).to_string_lossy().into_owned())
        .collect();
    let mut import = vec!["import", "--json"];
    import.extend(files.iter().map(String::as_str));
    // Some files are damaged or hold nothing: the import says so (exit 1) but keeps the rest.
    let out = afterlift(db, &import);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let statuses: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"imported"), "{report}");
    assert!(statuses.contains(&"partial"), "{report}");
    ok(
        db,
        &[
            "--now",
            now,
            "profile",
            "set",
            "--age",
            "34",
            "--sex",
            "female",
            "--weight-kg",
            "62",
            "--goal",
            "hypertrophy",
            "--resting-hr",
            "55",
            "--max-hr",
            "188",
            "--time-zone",
            "Europe/Berlin",
        ],
    );
    ok(
        db,
        &[
            "--now",
            "2026-11-23T07:00:00Z",
            "log",
            "wellness",
            "--sleep",
            "7",
            "--fatigue",
            "3",
        ],
    );
    ok(
        db,
        &["--now", now, "log", "wellness", "--pain", "--soreness", "5"],
    );
    ok(db, &["exercises", "alias", "Beinpresse", "Leg Press"]);
    ok(
        db,
        &[
            "--now",
            now,
            "log",
            "lift",
            "--exercise",
            "Beinpresse",
            "--sets",
            "3x10@120",
            "--minutes",
            "40",
        ],
    );
    ok(
        db,
        &["--now", now, "advise", "--json", "--planned", "easy:30"],
    );
    let source = content(ok(db, &["--now", now, "export", "--json"]));
    assert_eq!(source["advice"].as_array().unwrap().len(), 1, "{source}");
    assert_eq!(source["aliases"].as_array().unwrap().len(), 1);
    assert_eq!(source["wellness"].as_array().unwrap().len(), 2);

    let url = fresh_database();
    let migrated = ok(db, &["migrate", "--to", &url, "--athlete", "ana", "--json"]);
    assert_eq!(migrated["status"], "copied", "{migrated}");
    assert_eq!(migrated["athlete"]["name"], "ana");
    assert_eq!(migrated["athlete"]["created"], true);
    assert_eq!(migrated["source_sha256"], migrated["target_sha256"]);
    for c in migrated["counts"].as_array().unwrap() {
        assert_eq!(c["source"], c["target"], "{c}");
    }
    let count = |kind: &str| {
        migrated["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == kind)
            .unwrap()["source"]
            .as_u64()
            .unwrap()
    };
    assert!(count("samples") > 1000, "{migrated}");
    // The device's laps: the Fenix run's and ride's one each, the damaged file's one, the TCX run's three.
    assert_eq!(count("laps"), 6, "{migrated}");
    assert!(count("ledger_rows") >= FILES.len() as u64, "{migrated}");

    // The target, read the ordinary way, holds the same log (ids included).
    let target = content(ok(
        &url,
        &["--athlete", "ana", "--now", now, "export", "--json"],
    ));
    assert_eq!(target, source);

    // The ledger came along: the same file again is a duplicate, and nothing is added.
    let again = afterlift(&url, &["--athlete", "ana", "import", "--json", &files[0]]);
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["files"][0]["status"], "duplicate", "{again}");
    let after = content(ok(
        &url,
        &["--athlete", "ana", "--now", now, "export", "--json"],
    ));
    assert_eq!(after, source);

    // A second run finds the log there and writes nothing.
    let second = ok(db, &["migrate", "--to", &url, "--athlete", "ana", "--json"]);
    assert_eq!(second["status"], "already_there", "{second}");

    // An athlete whose log holds something else is refused (invalid input, nothing written).
    let other = dir.path().join("other.db");
    let other = other.to_str().unwrap();
    ok(
        other,
        &["log", "cardio", "--sport", "run", "--minutes", "30"],
    );
    let refused = afterlift(
        other,
        &["migrate", "--to", &url, "--athlete", "ana", "--json"],
    );
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let body: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(body["errors"][0]["field"], "--athlete", "{body}");
    let unchanged = content(ok(
        &url,
        &["--athlete", "ana", "--now", now, "export", "--json"],
    ));
    assert_eq!(unchanged, source);

    // An existing athlete with an empty log takes it.
    ok(&url, &["user", "add", "cy", "--role", "athlete", "--json"]);
    let into_cy = ok(
        other,
        &["migrate", "--to", &url, "--athlete", "cy", "--json"],
    );
    assert_eq!(into_cy["status"], "copied", "{into_cy}");
    assert_eq!(into_cy["athlete"]["created"], false);
    let cy = ok(&url, &["--athlete", "cy", "activities", "--json"]);
    assert_eq!(cy.as_array().unwrap().len(), 1, "{cy}");
    // A coach has no log to copy into.
    ok(&url, &["user", "add", "kim", "--role", "coach", "--json"]);
    let coach = afterlift(
        other,
        &["migrate", "--to", &url, "--athlete", "kim", "--json"],
    );
    assert_eq!(coach.status.code(), Some(2), "{coach:?}");

    // Without --athlete, a database with users needs a name.
    let unnamed = afterlift(other, &["migrate", "--to", &url, "--json"]);
    assert_eq!(unnamed.status.code(), Some(2), "{unnamed:?}");
    // A SQLite target is not what migrate is for.
    let sqlite = afterlift(db, &["migrate", "--to", other, "--json"]);
    assert_eq!(sqlite.status.code(), Some(2), "{sqlite:?}");
}

/// Into a database without users and without --athlete: athlete 1, the personal path of PostgreSQL.
#[test]
fn without_users_the_log_becomes_athlete_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    let db = db.to_str().unwrap();
    let run = testdata("fit/garmin-fenix-5-run.fit");
    ok(db, &["import", "--json", run.to_str().unwrap()]);
    let source = content(ok(
        db,
        &["--now", "2026-11-24T20:00:00Z", "export", "--json"],
    ));
    let url = fresh_database();
    let migrated = ok(db, &["migrate", "--to", &url, "--json"]);
    assert_eq!(migrated["status"], "copied", "{migrated}");
    assert_eq!(migrated["athlete"]["id"], 1);
    let target = content(ok(
        &url,
        &["--now", "2026-11-24T20:00:00Z", "export", "--json"],
    ));
    assert_eq!(target, source);
    // The id counters continue after the copied ids: a new entry does not take a copied one's id.
    let added = ok(
        &url,
        &[
            "log",
            "cardio",
            "--sport",
            "run",
            "--minutes",
            "20",
            "--json",
        ],
    );
    assert_ne!(added.to_string(), "null");
    let ids: Vec<String> = ok(&url, &["activities", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}
