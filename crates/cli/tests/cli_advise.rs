//! The `afterlift` binary as a user runs it: human and JSON output, exit codes, bad input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

/// The binary with its own empty log, so tests never touch the user's data directory.
fn afterlift() -> Command {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("afterlift").unwrap();
    // Without a profile zone the CLI answers in the machine's: fixed here, so no test depends on it.
    cmd.env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("AFTERLIFT_DB", dir.path().join("log.db"));
    // Keep the folder for the process's lifetime: the test process ends soon after.
    std::mem::forget(dir);
    cmd
}

const NOW: &str = "2026-11-24T18:00:00Z";

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

#[test]
fn advise_with_flags_prints_the_verdict_first() {
    afterlift()
        .args([
            "advise",
            "--age",
            "34",
            "--sex",
            "female",
            "--weight-kg",
            "62",
            "--goal",
            "hypertrophy",
        ])
        .args([
            "--lifted",
            "squat 5x5@100 rpe 8, rdl 3x8@80",
            "--planned",
            "intervals:20",
            "--now",
            NOW,
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Postpone the run"))
        .stdout(predicate::str::contains("heart rate"))
        .stdout(predicate::str::contains("Why"))
        .stdout(predicate::str::contains(
            "move the intervals run to another day",
        ))
        // Rule codes belong in the JSON, not in the words for people.
        .stdout(predicate::str::contains("hiit_after_heavy_legs").not())
        .stdout(predicate::str::contains("Alternatives"))
        .stdout(predicate::str::contains("Refuel"))
        .stdout(predicate::str::contains("not medical advice"));
}

#[test]
fn advise_json_has_the_contract_shape() {
    let v = json_of(afterlift().args([
        "advise",
        "--age",
        "41",
        "--sex",
        "male",
        "--weight-kg",
        "80",
        "--goal",
        "general",
        "--focus",
        "upper",
        "--load",
        "heavy",
        "--planned",
        "easy:30",
        "--resting-hr",
        "58",
        "--now",
        NOW,
    ]));
    assert_eq!(v["verdict"], "go");
    assert_eq!(v["now"]["modality"], "run");
    assert_eq!(v["now"]["intensity"], "low");
    assert_eq!(v["now"]["minutes"]["max"], 30);
    assert!(v["now"]["heart_rate_bpm"]["min"].as_u64().unwrap() > 58);
    assert!(v["now"]["rpe"]["max"].as_u64().unwrap() <= 10);
    assert!(v["now"]["cue"].as_str().unwrap().contains("conversation"));
    assert!(v["later"].is_null());
    for key in ["reasons", "alternatives"] {
        assert!(v[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }
    for key in ["code", "principle", "message"] {
        assert!(v["reasons"][0][key].is_string(), "{key}");
    }
    for key in ["kcal", "epoc_kcal", "fat_fraction"] {
        assert!(v["energy"][key].is_number(), "{key}");
    }
    for key in ["carbs_g", "protein_g", "fluid_ml"] {
        assert!(v["refuel"][key].is_number(), "{key}");
    }
    assert!(v["disclaimer"].as_str().unwrap().contains("chest pain"));
}

#[test]
fn advise_reads_a_request_from_stdin_and_flags_override_it() {
    let request = r#"{"athlete": {"age": 30, "sex": "male", "weight_kg": 70, "goal": "general"},
        "lift": {"focus": "lower", "load": "heavy", "ended_at": "2026-11-24T17:00:00Z"},
        "planned": {"kind": "intervals", "minutes": 20}, "now": "2026-11-24T18:00:00Z"}"#;
    let v = json_of(
        afterlift()
            .args(["advise", "--input", "-"])
            .write_stdin(request),
    );
    assert_eq!(v["verdict"], "postpone");
    assert_eq!(v["later"]["kind"], "intervals");
    // In the athlete's time zone (UTC without a profile), with its offset.
    // 36 h after heavy legs is 05:00 on the 26th: the athlete's day starts at 06:00.
    assert_eq!(v["later"]["not_before"], "2026-11-26T06:00:00+00:00");
    // --focus upper overrides the file's lower
    let v = json_of(
        afterlift()
            .args([
                "advise", "--input", "-", "--focus", "upper", "--load", "light",
            ])
            .write_stdin(request),
    );
    // General goal after lifting: low-to-moderate intensity now, so the intervals wait for a session of
    // their own (6 h) rather than being eased into something else.
    assert_eq!(v["verdict"], "postpone");
    assert!(
        v["later"]["hours_after_lift"].as_f64().unwrap() >= 6.0,
        "{v}"
    );
}

#[test]
fn bad_flags_name_the_field_and_exit_2() {
    afterlift()
        .args([
            "advise",
            "--age",
            "3",
            "--sex",
            "male",
            "--weight-kg",
            "70",
            "--goal",
            "general",
            "--planned",
            "easy",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "athlete.age: 3 is out of range: expected 10–100 years",
        ));
    afterlift()
        .args([
            "advise",
            "--sex",
            "male",
            "--weight-kg",
            "70",
            "--goal",
            "general",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "athlete.age: missing: expected a number of years",
        ));
    afterlift()
        .args([
            "advise",
            "--age",
            "30",
            "--sex",
            "male",
            "--weight-kg",
            "70",
            "--goal",
            "general",
            "--lifted",
            "squat 5xfive",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--lifted: 'squat 5xfive': expected a whole number of reps",
        ));
    afterlift()
        .args([
            "advise",
            "--age",
            "30",
            "--sex",
            "male",
            "--weight-kg",
            "70",
            "--goal",
            "general",
            "--planned",
            "sprint",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--planned"));
    afterlift()
        .args([
            "advise",
            "--age",
            "30",
            "--sex",
            "male",
            "--weight-kg",
            "70",
            "--goal",
            "general",
            "--fatigue",
            "9",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "readiness.fatigue: 9 is out of range",
        ));
}

#[test]
fn bad_json_names_the_place_and_the_field() {
    let out = afterlift()
        .args(["advise", "--input", "-", "--json"])
        .write_stdin(r#"{"athlete": {"age": "old", "sex": "male", "weight_kg": 70, "goal": "general"}, "planned": {"kind": "easy"}}"#)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["error"], "invalid_input");
    assert_eq!(v["errors"][0]["field"], "athlete.age");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("expected a number of years")
    );

    afterlift()
        .args(["advise", "--input", "-"])
        .write_stdin("{\"athlete\": {\"age\": 30,,}}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--input: standard input: line 1, column",
        ));
    afterlift()
        .args(["advise", "--input", "-"])
        .write_stdin(r#"{"athlete": {"age": 30, "sex": "male", "wieght_kg": 70, "goal": "general"}, "planned": {"kind": "easy"}}"#)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("athlete.wieght_kg: unknown field"));
    afterlift()
        .args(["advise", "--input", "/definitely/not/here.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read /definitely/not/here.json",
        ));
}

#[test]
fn zones_vdot_energy() {
    let v = json_of(afterlift().args(["zones", "--age", "40", "--sex", "male"]));
    assert_eq!(v["max_hr"], 180.0);
    assert_eq!(v["max_hr_source"], "tanaka");
    assert_eq!(v["zones"].as_array().unwrap().len(), 5);
    let v = json_of(afterlift().args([
        "zones",
        "--age",
        "40",
        "--sex",
        "female",
        "--max-hr",
        "190",
        "--resting-hr",
        "50",
    ]));
    assert_eq!(v["max_hr"], 190.0);
    assert_eq!(v["max_hr_source"], "measured");

    let v = json_of(afterlift().args(["vdot", "--distance", "5k", "--time", "19:57"]));
    let vdot = v["vdot"].as_f64().unwrap();
    assert!((vdot - 50.0).abs() <= 0.5, "VDOT {vdot}");
    let marathon = v["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["distance"] == "marathon")
        .unwrap();
    assert!(
        marathon["time"].as_str().unwrap().starts_with("3:1"),
        "{marathon}"
    );
    assert_eq!(v["paces"].as_array().unwrap().len(), 5);

    let v = json_of(afterlift().args([
        "energy",
        "--activity",
        "run",
        "--minutes",
        "60",
        "--weight-kg",
        "70",
        "--speed-kmh",
        "8.04672",
    ]));
    // Compendium 2011 code 12030: running 5 mph = 8.3 MET; 8.3 × 70 kg × 1 h = 581 kcal.
    assert_eq!(v["kcal"], 581.0);
    assert_eq!(v["method"], "met");
    let v = json_of(afterlift().args([
        "energy",
        "--activity",
        "run",
        "--minutes",
        "30",
        "--weight-kg",
        "70",
        "--avg-hr",
        "150",
        "--age",
        "30",
        "--sex",
        "male",
    ]));
    assert_eq!(v["method"], "keytel");

    afterlift()
        .args(["vdot", "--distance", "5k", "--time", "abc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--time"));
    afterlift()
        .args(["zones", "--age", "300", "--sex", "male"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("age"));
}

#[test]
fn help_teaches() {
    afterlift()
        .args(["advise", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--lifted"))
        .stdout(predicate::str::contains("--planned"))
        .stdout(predicate::str::contains("Readiness"));
    afterlift()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}
