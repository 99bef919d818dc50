//! "Now" on the command line, check-ins that behave, the profile's day and race, and exercise aliases —
//! through the binary on a log of its own. Every command but one runs at a fixed `--now`, so nothing here
//! depends on today's date; the one that reads the clock compares itself with `--now` at the same instant.

mod support;

use support::Log;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

impl Log {
    /// The binary on this log, with the clock (no `--now`).
    fn cmd(&self) -> Command {
        self.base()
    }

    /// The binary at `now`.
    fn at(&self, now: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.args(["--now", now]);
        cmd
    }

    fn json_at(&self, now: &str, args: &[&str]) -> Value {
        json(self.at(now).args(args))
    }

    /// A profile in Berlin (UTC+1 in winter), so local days and UTC days differ.
    fn profile(&self) {
        self.json_at(
            "2026-11-01T12:00:00Z",
            &[
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
                "--time-zone",
                "Europe/Berlin",
            ],
        );
    }
}

fn json(cmd: &mut Command) -> Value {
    let out = cmd
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("JSON on stdout")
}

fn codes(v: &Value) -> Vec<String> {
    v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

const HEAVY_LEGS: [&str; 8] = [
    "--exercise",
    "Squat (Barbell)",
    "--sets",
    "5x3@140 rpe 9",
    "--exercise",
    "Leg Press",
    "--sets",
    "4x8@200 rpe 9",
];

/// (a) `advise --now T` uses the lift and the check-in of T's local day, and no other day's.
#[test]
fn advise_at_now_uses_that_days_lift_and_check_in() {
    let log = Log::new();
    log.profile();
    // Wednesday 2 Dec, 17:00–18:00 in Berlin; the check-in that morning.
    let mut lift = vec!["log", "lift"];
    lift.extend(HEAVY_LEGS);
    lift.extend(["--minutes", "60", "--at", "2026-12-02T16:00:00Z"]);
    let id = log.json_at("2026-12-02T17:00:00Z", &lift)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let saved = log.json_at(
        "2026-12-02T07:00:00Z",
        &["log", "wellness", "--sleep", "6", "--soreness", "5"],
    );
    assert_eq!(
        saved["date"], "2026-12-02",
        "the check-in is for --now's day"
    );

    let v = log.json_at(
        "2026-12-02T18:30:00Z",
        &["advise", "--planned", "intervals:20"],
    );
    assert_eq!(v["from_log"]["lift"], id.as_str(), "{v:#}");
    assert_eq!(v["from_log"]["check_in"], "2026-12-02");
    assert_eq!(v["verdict"], "postpone");
    assert!(codes(&v).contains(&"hiit_after_heavy_legs".to_string()));

    // 23:30 UTC is already Thursday in Berlin: Wednesday's check-in is not today's, but the lift that
    // ended 5.5 h ago is still the lift (the interference rules reach 36 h), after midnight too.
    let v = log.json_at(
        "2026-12-02T23:30:00Z",
        &["advise", "--planned", "intervals:20"],
    );
    assert_eq!(v["from_log"]["lift"], id.as_str(), "{v:#}");
    assert!(v["from_log"].get("check_in").is_none(), "{v:#}");
    assert!(codes(&v).contains(&"hiit_after_heavy_legs".to_string()));
    // Two days later, neither.
    let v = log.json_at("2026-12-04T18:00:00Z", &["advise", "--planned", "easy:30"]);
    assert!(v.get("from_log").is_none(), "{v:#}");
    // The day before, the lift had not happened.
    let v = log.json_at(
        "2026-12-01T18:00:00Z",
        &["advise", "--planned", "intervals:20"],
    );
    assert!(v.get("from_log").is_none(), "{v:#}");
    assert_eq!(v["verdict"], "go", "{v:#}");
    // The human answer says which stored lift it used.
    log.at("2026-12-02T18:30:00Z")
        .args(["advise", "--planned", "intervals:20"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Using your last strength session, {id}, from the log"
        )));
}

/// (b) `advise --now T` answers exactly as `advise` asked at the clock's T.
#[test]
fn advise_at_now_is_advise_at_that_time() {
    let log = Log::new();
    log.profile();
    let mut lift = vec!["log", "lift"];
    lift.extend(HEAVY_LEGS);
    lift.extend(["--minutes", "60", "--at", "2h"]);
    json(log.cmd().args(&lift));
    json(
        log.cmd()
            .args(["log", "wellness", "--sleep", "6", "--soreness", "5"]),
    );
    // A day boundary (in UTC or Berlin) between reading the clock and the run would make the two ask
    // about different days: then try again.
    let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    for _ in 0..3 {
        let t = jiff::Timestamp::now();
        let clock =
            json(
                log.cmd()
                    .args(["advise", "--planned", "intervals:20", "--lift-rpe", "9"]),
            );
        let after = jiff::Timestamp::now();
        if t.to_zoned(berlin.clone()).date() != after.to_zoned(berlin.clone()).date()
            || t.to_zoned(jiff::tz::TimeZone::UTC).date()
                != after.to_zoned(jiff::tz::TimeZone::UTC).date()
        {
            continue;
        }
        let at_now = log.json_at(
            &t.to_string(),
            &["advise", "--planned", "intervals:20", "--lift-rpe", "9"],
        );
        assert_eq!(clock, at_now, "the same answer at the same time");
        return;
    }
    panic!("three day boundaries in a row");
}

/// (c) `--ended 3h` is three hours before `--now`.
#[test]
fn ended_is_measured_from_now() {
    let log = Log::new();
    let advise = |ended: &str| {
        log.json_at(
            "2026-12-02T18:00:00Z",
            &[
                "advise",
                "--age",
                "30",
                "--sex",
                "male",
                "--weight-kg",
                "80",
                "--goal",
                "strength",
                "--lifted",
                "squat 5x5@140 rpe 9",
                "--planned",
                "intervals:20",
                "--ended",
                ended,
            ],
        )
    };
    let relative = advise("3h");
    assert_eq!(relative, advise("2026-12-02T15:00:00Z"));
    let later = &relative["later"];
    let not_before: jiff::Timestamp = later["not_before"].as_str().unwrap().parse().unwrap();
    let hours = later["hours_after_lift"].as_f64().unwrap();
    let ended = not_before
        .checked_sub(jiff::SignedDuration::from_secs_f64(hours * 3600.0))
        .unwrap();
    assert_eq!(ended.to_string(), "2026-12-02T15:00:00Z", "{relative:#}");
    assert_ne!(relative, advise("1h"), "the lift's end matters");
}

#[test]
fn now_is_checked_and_the_server_refuses_it() {
    let log = Log::new();
    log.at("tomorrow-ish")
        .args(["status"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--now"));
    log.at("2h")
        .args(["serve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("POST /api/v1/advice"));
}

/// A second check-in the same day changes only what it answers; pain is cleared with --no-pain, and
/// while it stands the answer says where it came from.
#[test]
fn check_ins_merge_and_pain_from_the_log_is_named_and_cleared() {
    let log = Log::new();
    log.profile();
    let now = "2026-12-02T07:00:00Z";
    log.json_at(now, &["log", "wellness", "--sleep", "6.5", "--pain"]);
    log.json_at(now, &["log", "wellness", "--soreness", "5"]);
    let check_in = |log: &Log| log.json_at(now, &["export"])["wellness"][0].clone();
    let w = check_in(&log);
    assert_eq!(w["sleep_hours"], 6.5, "{w}");
    assert_eq!(w["soreness"], 5, "{w}");
    assert_eq!(w["pain"], true, "{w}");

    let v = log.json_at(now, &["advise", "--planned", "easy:30"]);
    assert_eq!(v["verdict"], "skip");
    assert_eq!(v["from_log"]["check_in"], "2026-12-02");
    assert_eq!(v["from_log"]["flags"], serde_json::json!(["pain"]));
    log.at(now)
        .args(["advise", "--planned", "easy:30"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "From today's check-in (2 Dec): pain — clear it with `afterlift log wellness --no-pain`.",
        ));
    // Pain given on the command line is not the log's.
    let v = log.json_at(now, &["advise", "--planned", "easy:30", "--pain"]);
    assert!(v["from_log"].get("flags").is_none(), "{v:#}");

    log.json_at(now, &["log", "wellness", "--no-pain"]);
    let w = check_in(&log);
    assert_eq!(w["pain"], false);
    assert_eq!(w["sleep_hours"], 6.5, "clearing pain keeps the rest: {w}");
    assert_eq!(w["soreness"], 5);
    let v = log.json_at(now, &["advise", "--planned", "easy:30"]);
    assert_ne!(v["verdict"], "skip", "{v:#}");

    log.json_at(now, &["log", "wellness", "--ill"]);
    log.at(now)
        .args(["advise", "--planned", "easy:30"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "illness — clear it with `afterlift log wellness --no-illness`",
        ));
    log.json_at(now, &["log", "wellness", "--no-illness"]);
    assert_eq!(check_in(&log)["illness"], false);
    log.at(now)
        .args(["log", "wellness", "--pain", "--no-pain"])
        .assert()
        .code(2);
    // A wrong value changes nothing.
    log.at(now)
        .args(["log", "wellness", "--fatigue", "9", "--sleep", "9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fatigue"));
    assert_eq!(check_in(&log)["sleep_hours"], 6.5);
}

/// `status --at DATE` is the end of that day where the athlete lives.
#[test]
fn status_at_a_date_is_the_end_of_the_local_day() {
    let log = Log::new();
    log.profile();
    // 23:30 UTC on 2 Dec is 00:30 on 3 Dec in Berlin.
    let mut lift = vec!["log", "lift"];
    lift.extend(HEAVY_LEGS);
    lift.extend(["--minutes", "45", "--at", "2026-12-02T23:30:00Z"]);
    log.json_at("2026-12-03T09:00:00Z", &lift);
    let now = "2026-12-05T12:00:00Z";
    let dec2 = log.json_at(now, &["status", "--at", "2026-12-02", "--days", "7"]);
    assert_eq!(dec2["at"], "2026-12-02T23:59:59+01:00");
    assert_eq!(dec2["load"]["acute"], 0.0, "{:#}", dec2["load"]);
    let dec3 = log.json_at(now, &["status", "--at", "2026-12-03", "--days", "7"]);
    assert_eq!(dec3["at"], "2026-12-03T23:59:59+01:00");
    assert!(dec3["load"]["acute"].as_f64().unwrap() > 0.0);
    // Without --at, the status is as of --now; relative --at is measured from it. Times are written in
    // the athlete's zone (Berlin, +01:00).
    assert_eq!(
        log.json_at(now, &["status", "--days", "7"])["at"],
        "2026-12-05T13:00:00+01:00"
    );
    assert_eq!(
        log.json_at(now, &["status", "--at", "2d", "--days", "7"])["at"],
        "2026-12-03T13:00:00+01:00"
    );
}

#[test]
fn plan_week_and_export_follow_now() {
    let log = Log::new();
    log.profile();
    let week = |now: &str| log.json_at(now, &["plan", "week"])["days"][0]["date"].clone();
    assert_eq!(week("2026-12-02T18:00:00Z"), "2026-11-30");
    // Sunday 23:30 UTC is Monday in Berlin: the next week.
    assert_eq!(week("2026-12-06T23:30:00Z"), "2026-12-07");
    let p = log.json_at("2026-12-02T18:00:00Z", &["progression"]);
    assert_eq!(p["stage"], "starting");
    let e = log.json_at("2026-12-02T18:00:00Z", &["export"]);
    assert_eq!(e["exported_at"], "2026-12-02T18:00:00Z");
    // A session logged without --at ended at --now; --at 2h is two hours before it.
    log.json_at(
        "2026-12-02T18:00:00Z",
        &["log", "cardio", "--sport", "run", "--minutes", "30"],
    );
    log.json_at(
        "2026-12-02T18:00:00Z",
        &[
            "log",
            "cardio",
            "--sport",
            "cycle",
            "--minutes",
            "45",
            "--at",
            "2h",
        ],
    );
    let listed = log.json_at("2026-12-02T18:00:00Z", &["activities"]);
    let started: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["started_at"].as_str().unwrap())
        .collect();
    // Listed in the athlete's zone (Berlin), with its offset.
    assert_eq!(
        started,
        ["2026-12-02T18:30:00+01:00", "2026-12-02T17:00:00+01:00"]
    );
}

#[test]
fn profile_day_window_and_race() {
    let log = Log::new();
    log.profile();
    let now = "2026-12-02T18:00:00Z";
    let p = log.json_at(
        now,
        &[
            "profile",
            "set",
            "--wake",
            "06:30",
            "--sleep",
            "22:30",
            "--race",
            "5000:19:45@2026-10-04",
        ],
    );
    let a = &p["athlete"];
    assert_eq!(a["time_zone"], "Europe/Berlin");
    assert!(a["wake_time"].as_str().unwrap().starts_with("06:30"), "{p}");
    assert!(
        a["sleep_time"].as_str().unwrap().starts_with("22:30"),
        "{p}"
    );
    assert_eq!(a["race"]["distance_m"], 5000.0);
    assert_eq!(a["race"]["time_s"], 1185.0);
    assert_eq!(a["race"]["date"], "2026-10-04");
    log.at(now)
        .args(["profile", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("06:30 – 22:30"))
        .stdout(predicate::str::contains("5k in 19:45 on 2026-10-04"));
    for (args, field) in [
        (&["--wake", "6h30"][..], "--wake"),
        (&["--race", "10k:15:00"][..], "--race"),
        (&["--race", "800:2:00"][..], "--race"),
        (&["--race", "10k"][..], "--race"),
    ] {
        log.at(now)
            .args(["profile", "set"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("error: {field}")));
    }
    let p = log.json_at(now, &["profile", "set", "--race", "half:1:39:00"]);
    assert_eq!(p["athlete"]["race"]["distance_m"], 21097.5);
    assert!(p["athlete"]["race"].get("date").is_none());
    let p = log.json_at(now, &["profile", "set", "--race", "none", "--wake", "none"]);
    assert!(p["athlete"].get("race").is_none(), "{p}");
    assert!(p["athlete"].get("wake_time").is_none(), "{p}");
    assert!(p["athlete"]["sleep_time"].is_string(), "the rest is kept");
}

#[test]
fn exercises_are_searched_and_aliases_kept_used_and_exported() {
    let log = Log::new();
    let now = "2026-12-02T18:00:00Z";
    let found = log.json_at(now, &["exercises", "leg", "press"]);
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Leg Press"), "{names:?}");
    let leg_press = found
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Leg Press")
        .unwrap();
    assert_eq!(leg_press["region"], "lower");
    assert!(
        leg_press["primary"]
            .as_array()
            .unwrap()
            .contains(&"quads".into())
    );
    let all = log.json_at(now, &["exercises"]);
    assert!(all.as_array().unwrap().len() > 100);
    log.at(now)
        .args(["exercises", "sqaut"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Squat (Barbell)"));

    // Invalid aliases name the argument and exit 2.
    log.at(now)
        .args(["exercises", "alias", "Beinpresse", "Leg Pres"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("EXERCISE"))
        .stderr(predicate::str::contains("did you mean 'Leg Press'"));
    log.at(now)
        .args(["exercises", "alias", "Squat (Barbell)", "Leg Press"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("NAME"));
    log.at(now)
        .args(["exercises", "alias", "  ", "Leg Press"])
        .assert()
        .code(2);
    let alias = log.json_at(now, &["exercises", "alias", "Beinpresse", "leg press"]);
    assert_eq!(
        alias,
        serde_json::json!({"name": "Beinpresse", "exercise": "Leg Press"})
    );
    assert_eq!(
        log.json_at(now, &["exercises", "aliases"]),
        serde_json::json!([alias.clone()])
    );
    assert_eq!(
        log.json_at(now, &["exercises", "beinpresse"])[0]["name"],
        "Leg Press",
        "search finds the athlete's names too"
    );

    // The status reads it: a heavy "Beinpresse" session tires the quads.
    log.profile();
    log.json_at(
        now,
        &[
            "log",
            "lift",
            "--exercise",
            "Beinpresse",
            "--sets",
            "6x8@220 rpe 9",
            "--minutes",
            "45",
            "--at",
            "3h",
        ],
    );
    let quads = |log: &Log| {
        log.json_at(now, &["status", "--days", "7"])["muscles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["muscle"] == "quads")
            .unwrap()["recovered_pct"]
            .as_f64()
            .unwrap()
    };
    assert!(quads(&log) < 90.0, "the alias's exercise is counted");

    // Exported, and restored into another log.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    log.at(now)
        .args(["export", "--out"])
        .arg(&file)
        .assert()
        .success();
    let other = Log::new();
    json(other.at(now).arg("import").arg(&file));
    assert_eq!(
        other.json_at(now, &["exercises", "aliases"]),
        serde_json::json!([alias.clone()])
    );
    assert!(quads(&other) < 90.0);

    // Forgotten: the session is an unknown exercise again.
    assert_eq!(
        log.json_at(now, &["exercises", "unalias", "BEINPRESSE"]),
        alias
    );
    assert_eq!(
        log.json_at(now, &["exercises", "aliases"]),
        serde_json::json!([])
    );
    assert_eq!(quads(&log), 100.0);
    log.at(now)
        .args(["exercises", "unalias", "Beinpresse"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no alias"));
}
