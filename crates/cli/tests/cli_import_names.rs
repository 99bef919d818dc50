//! What an import says about exercise names the catalogue cannot read, and sets written for people.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-12-02T18:00:00Z";

struct Log {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Log {
    fn new() -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("log.db");
        Log { dir, db }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("afterlift").unwrap();
        cmd.env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env_remove("AFTERLIFT_DB")
            .arg("--db")
            .arg(&self.db)
            .args(["--now", NOW]);
        cmd
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }
}

/// Strong's current export, in pounds: 70 lb is 31.751465… kg.
fn strong_lb(date: &str) -> String {
    format!(
        "Workout #,Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (lbs),Reps,RPE,Distance (miles),Seconds,Notes,Workout Notes\n\
         1,{date},Push,3600,Bench Press (Barbell),1,70,6,8,,,,\n\
         1,{date},Push,3600,Zorblax Press,1,135,10,8,,,,\n\
         1,{date},Push,3600,Zorblax Press,2,135,10,8,,,,\n\
         1,{date},Push,3600,Leg Press Hammer Strength Blue,1,300,10,8,,,,\n\
         1,{date},Push,3600,Kettlebell Carry,1,53,,,0.05,60,,\n\
         1,{date},Push,3600,Running (Treadmill),1,,,,1.5,720,,\n"
    )
}

#[test]
fn import_lists_unknown_names_with_their_sets_and_the_fix() {
    let log = Log::new();
    let file = log.file("strong.csv", &strong_lb("2026-11-30 18:01:12"));
    let out = log.stdout(&["import", file.to_str().unwrap()]);
    assert!(
        out.contains("2 exercise names are not in the catalogue"),
        "{out}"
    );
    let zorblax = out.lines().find(|l| l.contains("Zorblax Press")).unwrap();
    assert!(
        zorblax.contains("2 sets") && !zorblax.contains("did you mean"),
        "{zorblax}"
    );
    let leg = out
        .lines()
        .find(|l| l.contains("Leg Press Hammer Strength Blue"))
        .unwrap();
    assert!(
        leg.contains("1 set") && leg.contains("did you mean 'Leg Press'?"),
        "{leg}"
    );
    assert!(
        out.contains("afterlift exercises alias \"Zorblax Press\" \"<exercise>\""),
        "{out}"
    );
    assert!(
        !out.contains("Kettlebell Carry"),
        "a known name is not listed: {out}"
    );

    // Sets for people: 0.1 kg, times and distances.
    let lifts = log.stdout(&["lifts"]);
    assert!(lifts.contains("6×31.8 kg"), "{lifts}");
    assert!(!lifts.contains("31.75"), "{lifts}");
    assert!(lifts.contains("2.4 km in 12:00"), "{lifts}");
    assert!(lifts.contains("80 m in 1:00 × 24 kg"), "{lifts}");

    // The log keeps timed and distance sets (the treadmill's 1.5 mi in 12 min).
    let shown: Value = serde_json::from_str(&log.stdout(&["show", "l1", "--json"])).unwrap();
    let treadmill = shown["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Running (Treadmill)")
        .unwrap();
    assert_eq!(treadmill["sets"][0]["duration_s"], 720.0);
    let metres = treadmill["sets"][0]["distance_m"].as_f64().unwrap();
    assert!((metres - 1.5 * 1609.344).abs() < 1e-9, "{metres}");

    // Once aliased, the name is read in every later import.
    log.cmd()
        .args([
            "exercises",
            "alias",
            "Zorblax Press",
            "Bench Press (Barbell)",
        ])
        .assert()
        .success();
    let again = log.file("strong2.csv", &strong_lb("2026-12-01 18:01:12"));
    let out = log.stdout(&["import", "--json", again.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let unknown = v["unknown_exercises"].as_array().unwrap();
    assert_eq!(unknown.len(), 1, "{v:#}");
    assert_eq!(unknown[0]["name"], "Leg Press Hammer Strength Blue");
    assert_eq!(unknown[0]["sets"], 1);
    assert_eq!(unknown[0]["suggestion"], "Leg Press");
}

#[test]
fn an_import_of_known_names_lists_none() {
    let log = Log::new();
    let strong = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/strong/strong-statistics.csv");
    let out = log.stdout(&["import", "--json", strong.to_str().unwrap()]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["imported"], 1, "{v:#}");
    assert!(v.get("unknown_exercises").is_none(), "{v:#}");
}
