//! The training log through the binary: import real files, re-import, browse, delete, profile, advice
//! from the log, exit codes.

mod support;

use support::{Log, data};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The "now" of every command here: a Wednesday evening.
const NOW: &str = "2026-12-02T18:00:00Z";

impl Log {
    /// The binary on this log, at a fixed "now" (so no test depends on today's date: a lift logged "a
    /// minute ago" is today's even just after midnight).
    fn cmd(&self) -> Command {
        let mut cmd = self.base();
        cmd.args(["--now", NOW]);
        cmd
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self
            .cmd()
            .args(args)
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("JSON on stdout")
    }
}

#[test]
fn import_real_files_then_reimport_is_a_no_op() {
    let log = Log::new();
    let run = data("fit/garmin-fenix-5-run.fit");
    let strong = data("strong/strong.csv");
    let out = log
        .cmd()
        .args(["import", "--json"])
        .arg(&run)
        .arg(&strong)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["imported"], 2, "{v:#}");
    assert_eq!(v["errors"], 0);
    assert_eq!(v["files"][0]["status"], "imported");
    assert!(
        v["files"][0]["activities"][0]
            .as_str()
            .unwrap()
            .starts_with('a')
    );
    assert!(
        v["files"][1]["activities"].as_array().unwrap().len() > 10,
        "many Strong workouts"
    );

    let activities = log.json(&["activities"]);
    assert_eq!(activities.as_array().unwrap().len(), 1);
    assert_eq!(activities[0]["sport"], "run");
    let lifts_before = log
        .json(&["lifts", "--limit", "1000"])
        .as_array()
        .unwrap()
        .len();
    assert!(lifts_before > 10);

    // Same files again: duplicates, nothing new.
    let out = log
        .cmd()
        .args(["import", "--json"])
        .arg(&run)
        .arg(&strong)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["duplicates"], 2, "{v:#}");
    assert_eq!(v["imported"], 0);
    assert_eq!(log.json(&["activities"]).as_array().unwrap().len(), 1);
    assert_eq!(
        log.json(&["lifts", "--limit", "1000"])
            .as_array()
            .unwrap()
            .len(),
        lifts_before
    );
}

#[test]
fn a_folder_with_broken_files_imports_the_good_ones_and_exits_1() {
    let log = Log::new();
    let out = log
        .cmd()
        .args(["import", "--json"])
        .arg(data("fit"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert!(v["imported"].as_u64().unwrap() >= 5, "{v:#}");
    assert!(v["errors"].as_u64().unwrap() >= 2, "{v:#}");
    let eof = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .ends_with("activity-unexpected-eof.fit")
        })
        .unwrap();
    // Truncated after its records and session: read up to the damage, and said so. Its session (the
    // FIT SDK's Activity.fit) is already in the log from activity-activity-filecrc.fit, a damaged
    // copy read before it.
    assert_eq!(eof["status"], "duplicate");
    assert!(
        eof["message"]
            .as_str()
            .unwrap()
            .contains("kept what was read before byte 751 of 768"),
        "{eof}"
    );
    let monitoring = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("MonitoringFile.fit"))
        .unwrap();
    assert_eq!(monitoring["status"], "skipped");
    // The failed files left nothing behind: every activity in the log came from an imported file.
    let ids: usize = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "imported" || f["status"] == "partial")
        .map(|f| f["activities"].as_array().unwrap().len())
        .sum();
    assert!(
        log.json(&["activities", "--limit", "1000"])
            .as_array()
            .unwrap()
            .len()
            <= ids
    );

    // Human output names each failure: a file cut before any record cannot be read at all.
    let dir = tempfile::tempdir().unwrap();
    let stub = dir.path().join("stub.fit");
    let eof = std::fs::read(data("fit/activity-unexpected-eof.fit")).unwrap();
    std::fs::write(&stub, &eof[..40]).unwrap();
    log.cmd()
        .arg("import")
        .arg(&stub)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error"))
        .stdout(predicate::str::contains("stub.fit"));
    // A partial import is not a failure; it says "partial".
    Log::new()
        .cmd()
        .arg("import")
        .arg(data("fit/strava-android-app-201.10-b1218918.fit"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("partial"))
        .stdout(predicate::str::contains("before byte 7471"));
}

#[test]
fn profile_manual_entries_show_delete() {
    let log = Log::new();
    log.cmd()
        .args(["profile", "set", "--age", "34"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a new profile needs --sex, --weight-kg, --goal",
        ));
    let p = log.json(&[
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
        "--time-zone",
        "Europe/Berlin",
    ]);
    assert_eq!(p["athlete"]["goal"], "hypertrophy");
    assert_eq!(p["athlete"]["time_zone"], "Europe/Berlin");
    assert!(
        p.get("time_zone").is_none(),
        "the zone is written once, in athlete: {p}"
    );
    let p = log.json(&["profile", "set", "--weight-kg", "63"]);
    assert_eq!(p["athlete"]["weight_kg"], 63.0);
    assert_eq!(p["athlete"]["age"], 34.0);
    log.cmd()
        .args(["profile", "set", "--time-zone", "Mars/Olympus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--time-zone"));

    let lift = log.json(&[
        "log",
        "lift",
        "--exercise",
        "Squat (Barbell)",
        "--sets",
        "5x5@100 rpe 8",
        "--exercise",
        "rdl",
        "--sets",
        "3x8@80",
        "--minutes",
        "60",
    ]);
    let id = lift["id"].as_str().unwrap().to_string();
    assert!(id.starts_with('l'));
    let shown = log.json(&["show", &id]);
    assert_eq!(shown["exercises"][0]["name"], "Squat (Barbell)");
    assert_eq!(shown["exercises"][0]["sets"].as_array().unwrap().len(), 5);

    let run = log.json(&[
        "log",
        "cardio",
        "--sport",
        "run",
        "--minutes",
        "30",
        "--distance-km",
        "5",
        "--avg-hr",
        "150",
        "--at",
        "2026-11-20T07:00:00Z",
    ]);
    let run_id = run["id"].as_str().unwrap().to_string();
    assert_eq!(log.json(&["activities"])[0]["distance_m"], 5000.0);
    log.cmd()
        .args(["log", "cardio", "--sport", "flying", "--minutes", "30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--sport"));
    log.cmd()
        .args([
            "log",
            "cardio",
            "--sport",
            "run",
            "--minutes",
            "30",
            "--avg-hr",
            "300",
        ])
        .assert()
        .code(2);

    log.json(&[
        "log",
        "wellness",
        "--sleep",
        "7.5",
        "--fatigue",
        "3",
        "--morning-hr",
        "56",
    ]);
    log.cmd()
        .args(["log", "wellness", "--fatigue", "9"])
        .assert()
        .code(2);

    log.json(&["delete", &run_id]);
    assert!(log.json(&["activities"]).as_array().unwrap().is_empty());
    log.cmd()
        .args(["show", &run_id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no entry"));
    log.cmd()
        .args(["show", "x9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected an activity id like a12"));
}

#[test]
fn advise_uses_the_stored_profile_and_todays_lift() {
    let log = Log::new();
    log.json(&[
        "profile",
        "set",
        "--age",
        "30",
        "--sex",
        "male",
        "--weight-kg",
        "80",
        "--goal",
        "strength",
    ]);
    // Without a lift: the planned intervals go ahead.
    let v = log.json(&["advise", "--planned", "intervals:20"]);
    assert_eq!(v["verdict"], "go");
    // A heavy leg session logged a minute ago is picked up from the log.
    log.json(&[
        "log",
        "lift",
        "--exercise",
        "Squat (Barbell)",
        "--sets",
        "5x3@140 rpe 9",
        "--exercise",
        "Leg Press",
        "--sets",
        "4x8@200 rpe 8",
        "--minutes",
        "1",
    ]);
    let v = log.json(&["advise", "--planned", "intervals:20"]);
    assert_eq!(v["verdict"], "postpone", "{v:#}");
    assert!(
        v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "hiit_after_heavy_legs")
    );
    // Flags override the stored lift.
    let v = log.json(&[
        "advise",
        "--planned",
        "intervals:20",
        "--focus",
        "upper",
        "--load",
        "light",
    ]);
    assert_ne!(
        v["verdict"], "go",
        "strength goal still separates hard runs: {v:#}"
    );
    assert!(
        !v["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "hiit_after_heavy_legs")
    );
    // Today's check-in is used too.
    log.json(&["log", "wellness", "--ill"]);
    let v = log.json(&["advise", "--planned", "easy:30"]);
    assert_eq!(v["verdict"], "skip");
}

#[test]
fn export_json_reimports_losslessly_and_csv_lifts_reimport() {
    let log = Log::new();
    log.json(&[
        "profile",
        "set",
        "--age",
        "30",
        "--sex",
        "male",
        "--weight-kg",
        "80",
        "--goal",
        "general",
        "--time-zone",
        "Europe/Berlin",
    ]);
    log.cmd()
        .args(["import", "--json"])
        .arg(data("fit/garmin-fenix-5-run.fit"))
        .arg(data("tcx/test.tcx"))
        .assert()
        .success();
    log.json(&[
        "log",
        "lift",
        "--exercise",
        "Squat (Barbell)",
        "--sets",
        "5x5@100 rpe 8",
        "--minutes",
        "45",
        "--at",
        "2026-11-20T18:00:00Z",
    ]);
    log.json(&[
        "log",
        "wellness",
        "--date",
        "2026-11-20",
        "--sleep",
        "7.5",
        "--fatigue",
        "3",
    ]);
    // Two pieces of advice: the advice log is exported and restored like the rest.
    log.json(&[
        "advise",
        "--planned",
        "easy:30",
        "--now",
        "2026-11-20T19:30:00Z",
    ]);
    log.json(&[
        "advise",
        "--planned",
        "intervals:20",
        "--now",
        "2026-11-21T07:00:00Z",
    ]);
    let advice = log.json(&["advice-log"]);
    assert_eq!(advice.as_array().unwrap().len(), 2, "{advice:#}");
    assert_eq!(advice[0]["at"], "2026-11-21T07:00:00Z", "newest first");
    assert_eq!(advice[0]["request"]["planned"]["kind"], "intervals");
    assert!(advice[0]["response"]["verdict"].is_string());
    let listed = log.cmd().arg("advice-log").assert().success();
    let text = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    assert!(
        text.contains("intervals 20 min") && text.contains("easy 30 min"),
        "{text}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    log.cmd()
        .args(["export", "--format", "json", "--out"])
        .arg(&file)
        .assert()
        .success();
    let original: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(original["activities"].as_array().unwrap().len(), 2);
    assert_eq!(original["advice"].as_array().unwrap().len(), 2);
    assert_eq!(
        original["advice"][0]["at"], "2026-11-20T19:30:00Z",
        "oldest first"
    );
    assert!(
        original["activities"][0]["samples"]["offset_s"]
            .as_array()
            .unwrap()
            .len()
            > 100
    );
    // The device's laps: the TCX run's three (oldest first), the Fenix run's one.
    let laps: Vec<usize> = original["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["laps"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(laps, [3, 1]);
    assert_eq!(
        original["activities"][0]["laps"][2]["distance_m"],
        1470.5546875
    );
    assert_eq!(original["afterlift_export"], 4);

    // Into a fresh log: everything comes back, samples included.
    let fresh = Log::new();
    let out = fresh
        .cmd()
        .args(["import", "--json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["imported"], 1, "{v:#}");
    let again = dir.path().join("again.json");
    fresh
        .cmd()
        .args(["export", "--out"])
        .arg(&again)
        .assert()
        .success();
    let mut restored: Value = serde_json::from_slice(&std::fs::read(&again).unwrap()).unwrap();
    let mut original = original;
    // Ids are the log's own and are given anew; everything else must be identical.
    for doc in [&mut original, &mut restored] {
        doc["exported_at"] = Value::Null;
        for list in ["activities", "lifts"] {
            for item in doc[list].as_array_mut().unwrap() {
                item["id"] = Value::Null;
            }
        }
    }
    assert!(
        restored == original,
        "export → import → export is lossless (first difference in activities: {})",
        restored["activities"] != original["activities"]
    );

    // Into the same log again: nothing is duplicated.
    let out = log
        .cmd()
        .args(["import", "--json"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["duplicates"], 1, "{v:#}");
    assert_eq!(log.json(&["activities"]).as_array().unwrap().len(), 2);
    assert_eq!(
        log.json(&["advice-log"]).as_array().unwrap().len(),
        2,
        "the advice log holds each advice once"
    );

    // CSV: the tables, and lifts.csv (Hevy format) imports into a fresh log.
    let csv_dir = dir.path().join("csv");
    log.cmd()
        .args(["export", "--format", "csv", "--out"])
        .arg(&csv_dir)
        .assert()
        .success();
    for f in [
        "activities.csv",
        "samples.csv",
        "laps.csv",
        "lifts.csv",
        "wellness.csv",
        "advice.csv",
    ] {
        assert!(csv_dir.join(f).exists(), "{f}");
    }
    let laps_csv = std::fs::read_to_string(csv_dir.join("laps.csv")).unwrap();
    assert_eq!(
        laps_csv.lines().count(),
        5,
        "a header and four laps: {laps_csv}"
    );
    assert!(laps_csv.starts_with("activity_id,lap,start,elapsed_s,timer_s,distance_m,"));
    let advice_csv = std::fs::read_to_string(csv_dir.join("advice.csv")).unwrap();
    assert_eq!(advice_csv.lines().count(), 3, "{advice_csv}");
    assert!(advice_csv.starts_with("at,planned,verdict,request_json,response_json"));
    let other = Log::new();
    other
        .cmd()
        .args(["import", "--json"])
        .arg(csv_dir.join("lifts.csv"))
        .assert()
        .success();
    let lifts = other.json(&["lifts"]);
    assert_eq!(lifts[0]["exercises"][0]["name"], "Squat (Barbell)");
    assert_eq!(
        lifts[0]["exercises"][0]["sets"].as_array().unwrap().len(),
        5
    );
    assert_eq!(lifts[0]["exercises"][0]["sets"][0]["kg"], 100.0);
}

#[test]
fn the_same_run_from_two_sources_is_stored_once() {
    // test.tcx and no_hr.tcx are the same run exported twice (with and without heart rate).
    let log = Log::new();
    let out = log
        .cmd()
        .args(["import", "--json"])
        .arg(data("tcx/test.tcx"))
        .arg(data("tcx/no_hr.tcx"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["imported"], 1, "{v:#}");
    assert_eq!(v["duplicates"], 1, "{v:#}");
    assert_eq!(v["files"][1]["status"], "duplicate");
    assert_eq!(
        v["files"][1]["activities"], v["files"][0]["activities"],
        "points at the stored run"
    );
    let activities = log.json(&["activities"]);
    assert_eq!(activities.as_array().unwrap().len(), 1);
    assert!(
        activities[0]["avg_hr"].as_f64().is_some(),
        "the heart rate of the first source is kept"
    );
}

#[test]
fn status_reports_load_recovery_and_readiness_from_the_log() {
    let log = Log::new();
    log.cmd()
        .args(["status"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no profile yet"));
    log.json(&[
        "profile",
        "set",
        "--age",
        "30",
        "--sex",
        "male",
        "--weight-kg",
        "80",
        "--goal",
        "strength",
    ]);
    log.json(&[
        "log",
        "lift",
        "--exercise",
        "Squat (Barbell)",
        "--sets",
        "5x5@140 rpe 9",
        "--minutes",
        "60",
        "--at",
        "3h",
    ]);
    log.json(&[
        "log",
        "cardio",
        "--sport",
        "run",
        "--minutes",
        "40",
        "--distance-km",
        "8",
        "--avg-hr",
        "150",
        "--at",
        "2d",
    ]);
    let v = log.json(&["status", "--days", "7"]);
    for key in [
        "acute", "chronic", "acwr", "ctl", "atl", "tsb", "ramp", "monotony", "strain",
    ] {
        assert!(v["load"].get(key).is_some(), "load.{key}: {v:#}");
    }
    assert_eq!(v["daily"].as_array().unwrap().len(), 7);
    assert!(v["load"]["acute"].as_f64().unwrap() > 0.0);
    let quads = v["muscles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["muscle"] == "quads")
        .unwrap();
    assert!(
        quads["recovered_pct"].as_f64().unwrap() < 90.0,
        "squats 3 h ago: {quads}"
    );
    assert!(quads["ready_at"].is_string());
    let biceps = v["muscles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["muscle"] == "biceps")
        .unwrap();
    assert_eq!(biceps["recovered_pct"].as_f64().unwrap(), 100.0);
    assert!(["green", "amber", "red"].contains(&v["readiness"]["level"].as_str().unwrap()));
    // A week ago nothing had happened yet.
    let before = log.json(&["status", "--at", "2020-01-01", "--days", "7"]);
    assert_eq!(before["load"]["acute"], 0.0);
    log.cmd().args(["status", "--days", "0"]).assert().code(2);
    log.cmd()
        .args(["status", "--at", "someday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--at"));
    // The human view draws charts and the muscle table.
    log.cmd()
        .args(["status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Muscle recovery"))
        .stdout(predicate::str::contains("quads"))
        // Two sessions in three days: the ratio and form are shown as building, not as numbers.
        .stdout(predicate::str::contains("ratio building ("))
        .stdout(predicate::str::contains(
            "fitness, fatigue, form building (",
        ))
        .stdout(predicate::str::contains("of 42 days)"));
    assert_eq!(v["load"]["acwr_maturity"]["state"], "building");
    assert_eq!(v["load"]["acwr_maturity"]["days_needed"], 28);
}

#[test]
fn plan_week_table_json_ics_and_progression() {
    let log = Log::new();
    log.cmd()
        .args(["plan", "week"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no profile yet"));
    log.json(&[
        "profile",
        "set",
        "--age",
        "30",
        "--sex",
        "male",
        "--weight-kg",
        "80",
        "--goal",
        "strength",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("week.ics");
    let out = log
        .cmd()
        .args([
            "plan",
            "week",
            "--from",
            "2030-01-07",
            "--lifts",
            "upper:heavy,lower:heavy,full:moderate",
            "--runs",
            "easy:30,easy:30,intervals:25",
            "--ics",
        ])
        .arg(&ics)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let days = v["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(days[0]["date"], "2030-01-07");
    let sessions: Vec<&Value> = days
        .iter()
        .flat_map(|d| d["sessions"].as_array().unwrap())
        .collect();
    assert_eq!(
        sessions.iter().filter(|s| s["kind"] == "lift").count(),
        3,
        "{v:#}"
    );
    assert!(
        sessions
            .iter()
            .all(|s| s["why"].as_str().is_some_and(|w| !w.is_empty()))
    );
    // Hard rule: no intervals the day after heavy legs for a strength goal.
    for (i, d) in days.iter().enumerate().skip(1) {
        let intervals = d["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "intervals");
        let heavy_legs_before = days[i - 1]["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "lift" && s["focus"] == "lower" && s["load"] == "heavy");
        assert!(
            !(intervals && heavy_legs_before),
            "intervals after heavy legs: {v:#}"
        );
    }
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("\r\nEND:VCALENDAR"));
    assert!(text.matches("BEGIN:VEVENT").count() >= 6, "{text}");

    // An impossible week names the rule and what to drop.
    let v = log.json(&[
        "plan",
        "week",
        "--from",
        "2030-01-07",
        "--beginner",
        "--lifts",
        "lower:heavy",
        "--runs",
        "intervals,intervals,intervals,intervals,tempo,tempo,tempo",
    ]);
    let unmet = v["unmet"].as_array().unwrap();
    assert!(!unmet.is_empty(), "{v:#}");
    assert!(unmet.iter().all(|u| !u["rule"].as_str().unwrap().is_empty()
        && !u["suggestion"].as_str().unwrap().is_empty()));
    log.cmd()
        .args(["plan", "week", "--runs", "sprints"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--runs"));

    let p = log.json(&["progression"]);
    assert_eq!(p["stage"], "starting");
    assert_eq!(p["current_minutes"], 10);
    assert!(p["next_sessions"].as_array().unwrap().len() >= 3);
}

/// Issue 12: `profile set --hrv 1.5` used to be stored, and every `advise` then exited 2 until the profile
/// was fixed. What the advice would refuse is refused when it is written, named by its flag, with the
/// advice's message — every wrong value at once — and nothing is written.
#[test]
fn what_the_advice_would_refuse_is_not_written() {
    let log = Log::new();
    let base = [
        "profile",
        "set",
        "--age",
        "30",
        "--sex",
        "male",
        "--weight-kg",
        "80",
        "--goal",
        "general",
    ];
    let out = log
        .cmd()
        .args(base)
        .args([
            "--hrv",
            "1.5",
            "--resting-hr",
            "110",
            "--max-hr",
            "125",
            "--json",
        ])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{v:#}");
    assert_eq!(errors[0]["field"], "--hrv");
    assert_eq!(
        errors[0]["message"],
        "1.5 is out of range: expected 5–300 ms"
    );
    assert_eq!(errors[1]["field"], "--max-hr");
    assert_eq!(
        errors[1]["message"],
        "125 bpm must be well above the resting heart rate of 110 bpm"
    );
    assert_eq!(
        log.json(&["profile", "show"]),
        Value::Null,
        "nothing stored"
    );
    // The advice says the same of the same value.
    log.cmd()
        .args([
            "advise",
            "--age",
            "30",
            "--sex",
            "male",
            "--weight-kg",
            "80",
            "--goal",
        ])
        .args(["general", "--planned", "easy:30", "--hrv", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "athlete.hrv_rmssd_ms: 1.5 is out of range: expected 5–300 ms",
        ));
    // A valid profile is stored and advised from.
    log.json(&base);
    assert_eq!(
        log.json(&["advise", "--planned", "easy:30"])["verdict"],
        "go"
    );
    log.cmd()
        .args(["profile", "set", "--hrv", "400"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--hrv: 400 is out of range"));
    assert_eq!(
        log.json(&["advise", "--planned", "easy:30"])["verdict"],
        "go",
        "a refused change leaves the profile as it was"
    );

    // A check-in: every wrong answer, by its flag.
    log.cmd()
        .args([
            "log",
            "wellness",
            "--hrv",
            "1.5",
            "--morning-hr",
            "200",
            "--sleep",
            "20",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--sleep: 20 is out of range: expected 0–16 hours",
        ))
        .stderr(predicate::str::contains(
            "--morning-hr: 200 is out of range: expected 30–110 bpm",
        ))
        .stderr(predicate::str::contains(
            "--hrv: 1.5 is out of range: expected 5–300 ms",
        ));
    // A lift and a cardio session typed by hand.
    log.cmd()
        .args([
            "log",
            "lift",
            "--exercise",
            "squat",
            "--sets",
            "3x5@700",
            "--minutes",
            "600",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--minutes: 600 is out of range: expected 1–300 minutes",
        ))
        .stderr(predicate::str::contains(
            "--sets (1), set 1: kg: 700 is out of range: expected 0–600 kg",
        ));
    log.cmd()
        .args([
            "log",
            "cardio",
            "--sport",
            "run",
            "--minutes",
            "30",
            "--avg-hr",
            "170",
        ])
        .args(["--max-hr", "160"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--avg-hr: 170 bpm is above the session's maximum of 160 bpm",
        ));
    assert!(log.json(&["lifts"]).as_array().unwrap().is_empty());
    assert!(log.json(&["activities"]).as_array().unwrap().is_empty());
    assert_eq!(
        log.json(&["advise", "--planned", "easy:30"])["verdict"],
        "go"
    );
}

#[test]
fn csv_export_never_writes_a_formula_and_reads_its_names_back() {
    // A Strong export whose workout and exercise names are spreadsheet formulas (CSV injection).
    let log = Log::new();
    let dir = tempfile::tempdir().unwrap();
    let hostile = [
        "=cmd|' /C calc'!A0",
        "+SUM(1,2)",
        "-2+3",
        "@SUM(A1)",
        "'=quoted",
    ];
    let title = "=HYPERLINK(\"http://evil.example\")";
    let mut strong = String::from(
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n",
    );
    for name in hostile {
        strong.push_str(&format!(
            "2024-02-10 16:46:13,\"{}\",1h 0m,\"{}\",1,60.0,8,0,0,,,\n",
            title.replace('"', "\"\""),
            name.replace('"', "\"\"")
        ));
    }
    let file = dir.path().join("strong.csv");
    std::fs::write(&file, strong).unwrap();
    log.cmd().arg("import").arg(&file).assert().success();
    // And a run west of Greenwich: its longitudes are negative numbers.
    log.cmd()
        .arg("import")
        .arg(data("gpx/garmin-activity.gpx"))
        .assert()
        .success();

    let out = dir.path().join("csv");
    log.cmd()
        .args(["export", "--format", "csv", "--out"])
        .arg(&out)
        .assert()
        .success();
    let cells = |file: &str, column: &str| -> Vec<String> {
        let mut r = csv::Reader::from_path(out.join(file)).unwrap();
        let at = r
            .headers()
            .unwrap()
            .iter()
            .position(|h| h == column)
            .unwrap();
        r.records()
            .map(|rec| rec.unwrap()[at].to_string())
            .collect()
    };
    let names = cells("lifts.csv", "exercise_title");
    assert_eq!(names.len(), hostile.len());
    for (cell, name) in names.iter().zip(hostile) {
        assert_eq!(cell, &format!("'{name}"), "{name}");
    }
    for cell in cells("lifts.csv", "title") {
        assert_eq!(cell, format!("'{title}"));
    }
    // Numbers are not text: a negative one stays a number.
    let longitudes = cells("samples.csv", "lon_deg");
    assert!(!longitudes.is_empty());
    for lon in longitudes.iter().filter(|c| !c.is_empty()) {
        assert!(lon.starts_with('-'), "{lon}");
        assert!(lon.parse::<f64>().is_ok(), "{lon}");
    }
    // Every text cell of every table: none starts a formula.
    for file in ["activities.csv", "advice.csv", "lifts.csv", "wellness.csv"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        for rec in r.records() {
            for cell in rec.unwrap().iter() {
                let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!formula, "{file}: {cell}");
            }
        }
    }

    // lifts.csv imports back with the names as they were.
    let other = Log::new();
    other
        .cmd()
        .arg("import")
        .arg(out.join("lifts.csv"))
        .assert()
        .success();
    let lifts = other.json(&["lifts"]);
    let back: Vec<&str> = lifts[0]["exercises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(back, hostile);
}

/// `show a1 --samples`: every sample as CSV (the Fenix 5 run's 21 records, header first, empty cells for
/// the channel it lacks), with --json the API's streams; a lift has no samples (exit 2).
#[test]
fn show_samples_as_csv_or_the_streams_json() {
    let log = Log::new();
    log.json(&[
        "import",
        data("fit/garmin-fenix-5-run.fit").to_str().unwrap(),
    ]);
    let out = log
        .cmd()
        .args(["show", "a1", "--samples"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "offset_s,hr_bpm,speed_mps,distance_m,cadence_rpm,altitude_m,power_w,lat_deg,lon_deg"
    );
    assert_eq!(lines.len(), 22, "{text}");
    // The reference decode's first record: 61 bpm, cadence 0, altitude 2.2 m, no power.
    assert!(
        lines[1].starts_with("0,61,0,0,0,2.2,,38.2297"),
        "{}",
        lines[1]
    );
    let streams = log.json(&["show", "a1", "--samples", "--split", "mi"]);
    assert_eq!(streams["samples"], 21);
    assert_eq!(streams["offset_s"].as_array().unwrap().len(), 21);
    assert_eq!(streams["split_m"], 1609.344);
    assert_eq!(streams["track"]["recorded"], 21);
    log.json(&["log", "lift", "--exercise", "squat", "--sets", "5x5@100"]);
    log.cmd()
        .args(["show", "l1", "--samples"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only activities have samples"));
    let lift = log.json(&["show", "l1"]);
    assert_eq!(lift["exercises"][0]["e1rm"]["epley_kg"], 116.7);
    assert_eq!(
        lift["exercises"][0]["read_as"]["exercise"],
        "Squat (Barbell)"
    );
}

/// An export written before laps (afterlift 0.1.0 at be1faca, version 2) still restores: its activities
/// come back, without laps.
#[test]
fn an_export_from_before_laps_restores() {
    let log = Log::new();
    let v = log.json(&[
        "import",
        data("store/afterlift-0.1.0-be1faca.export.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(v["imported"], 1, "{v:#}");
    let export = log.json(&["export"]);
    let activities = export["activities"].as_array().unwrap();
    assert_eq!(activities.len(), 5, "{export:#}");
    assert!(activities.iter().all(|a| a.get("laps").is_none()));
}

/// `show a1 --laps`: the device's laps as a table (a FIT run's five, a TCX run's three; the numbers as
/// fitdecode and ElementTree read them), then the computed splits, labelled apart; --json carries the laps
/// in the streams; a GPX recording says it has none.
#[test]
fn show_laps_as_a_table_beside_the_computed_splits() {
    let log = Log::new();
    log.json(&[
        "import",
        data("fit/2013-02-06-12-11-14.fit").to_str().unwrap(),
        data("tcx/test.tcx").to_str().unwrap(),
        data("gpx/garmin-activity.gpx").to_str().unwrap(),
    ]);
    let listed = log.json(&["activities"]);
    let id_of = |source: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["source"].as_str().unwrap().starts_with(source))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (fit, tcx, gpx) = (id_of("fit"), id_of("tcx"), id_of("gpx"));
    let table = |id: &str| {
        let out = log
            .cmd()
            .args(["show", id, "--laps"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    };
    let text = table(&fit);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Laps, as the device recorded them (5)", "{text}");
    // Lap 1: 578.73 s on the timer over 1,000 m, 146/165 bpm, 58 m up, ended by auto-lap.
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        [
            "1", "0:00", "9:39", "1.00", "km", "9:39", "/km", "146", "165", "58", "m", "—",
            "distance"
        ],
        "{text}"
    );
    assert!(
        lines[6].contains("835 m") && lines[6].ends_with("manual"),
        "{text}"
    );
    assert!(
        text.contains("Splits, computed (every 1.00 km of the recorded distance)"),
        "{text}"
    );
    let text = table(&tcx);
    assert!(
        text.starts_with("Laps, as the device recorded them (3)"),
        "{text}"
    );
    assert!(text.contains("1.61 km"), "{text}");
    let text = table(&gpx);
    assert!(text.starts_with("No laps: the file has none"), "{text}");
    assert!(text.contains("Splits, computed"), "{text}");

    let streams = log.json(&["show", &fit, "--laps"]);
    let laps = streams["laps"].as_array().unwrap();
    assert_eq!(laps.len(), 5);
    assert_eq!(laps[4]["start_s"], 2249.0);
    assert_eq!(laps[4]["distance_m"], 835.38);
    assert_eq!(laps[4]["trigger"], "manual");
    assert_eq!(streams["splits"].as_array().unwrap().len(), 5);
    assert_eq!(log.json(&["show", &fit, "--samples"]), streams);
    log.cmd()
        .args(["show", &fit, "--laps", "--samples"])
        .assert()
        .code(2);
}

#[test]
fn history_weeks_and_e1rm_as_a_table_and_as_json() {
    let log = Log::new();
    // Empty: said so, and the JSON has no extent.
    log.cmd()
        .arg("history")
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing in the log yet"));
    assert_eq!(log.json(&["history"])["first_date"], Value::Null);

    log.cmd()
        .args(["import", "--json"])
        .arg(data("strong/strong-statistics.csv"))
        .arg(data("fit/garmin-fenix-5-run.fit"))
        .assert()
        .success();
    let all = log.json(&["history"]);
    assert_eq!(all["last_date"], "2025-10-08");
    // Without --to, today (the --now of these tests) ends the range.
    assert_eq!(all["to"], "2026-12-02");

    let h = log.json(&["history", "--from", "2024-11-25", "--to", "2024-12-01"]);
    assert_eq!(h["weeks"].as_array().unwrap().len(), 1);
    assert_eq!(h["weeks"][0]["strength"]["hard_sets"], 10);
    assert_eq!(h["weeks"][0]["strength"]["tonnage_kg"], 1540.0);
    let curl = h["strength"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["exercise"] == "Bicep Curl (Barbell)")
        .unwrap();
    assert_eq!(curl["points"].as_array().unwrap().len(), 1);

    // The table: the week with its sets, tonnage and most-trained muscles; the e1RM table.
    log.cmd()
        .args(["history", "--from", "2024-11-25", "--to", "2024-12-01"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("2024-11-25")
                .and(predicate::str::contains("1,540 kg"))
                .and(predicate::str::contains("lats 7, biceps 6.5, upper back 5"))
                .and(predicate::str::contains("Bicep Curl (Barbell)"))
                .and(predicate::str::contains("13.3 kg 2024-11-28")),
        );

    // A reversed range names the flag; exit 2.
    log.cmd()
        .args([
            "history",
            "--from",
            "2025-02-01",
            "--to",
            "2025-01-01",
            "--json",
        ])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("--from"));
    log.cmd()
        .args(["history", "--to", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--to"));
}
