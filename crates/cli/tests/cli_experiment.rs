//! `afterlift experiment …`: the help teaches every comparison and outcome, mistakes are named with exit
//! code 2 (a flag, an unknown experiment, a stop without `--yes`), `--json` prints the contract's shapes,
//! and a stop is confirmed. (The whole flow on real files: `experiment_e2e.rs`.)

mod support;

use serde_json::Value;
use support::Log;

const NOW: &str = "2026-03-04T10:00:00Z";

fn profile(log: &Log) {
    log.base()
        .args([
            "--now", NOW, "profile", "set", "--age", "34", "--sex", "female",
        ])
        .args(["--weight-kg", "62", "--goal", "general", "--max-hr", "190"])
        .args(["--resting-hr", "55", "--time-zone", "Europe/Berlin"])
        .assert()
        .success();
}

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn start_help_lists_every_comparison_and_outcome() {
    let log = Log::new();
    let out = log
        .base()
        .args(["experiment", "start", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    for name in [
        "run_after_lift_or_separate_day",
        "lift_or_run_first",
        "cycle_or_run_after_legs",
        "post_lift_run_15_or_30",
        "hiit_gap_6h_or_24h",
        "run_after_lift",
        "run_separate_day",
        "e1rm:EXERCISE",
        "easy_run_efficiency",
        "resting_hr",
        "hrv",
        "hooper",
        "soreness",
        "session_rpe",
        "adherence",
        "weekly_minutes",
        "Examples:",
    ] {
        assert!(help.contains(name), "{name} missing from:\n{help}");
    }
    let out = log.base().args(["experiment", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("is not medical advice"), "{help}");
}

#[test]
fn mistakes_are_named_with_exit_code_2() {
    let log = Log::new();
    // No profile yet.
    let start = |args: &[&str]| {
        log.base()
            .args(["--now", NOW, "--json", "experiment", "start"])
            .args(args)
            .output()
            .unwrap()
    };
    let base = [
        "--compare",
        "lift_or_run_first",
        "--outcome",
        "resting_hr",
        "--smallest-effect",
        "2",
    ];
    let out = start(&base);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["field"], "profile");
    profile(&log);
    for (args, field) in [
        (
            vec![
                "--compare",
                "swim_or_bike",
                "--outcome",
                "hrv",
                "--smallest-effect",
                "0.05",
            ],
            "--compare",
        ),
        (
            vec![
                "--compare",
                "lift_or_run_first",
                "--outcome",
                "vo2max",
                "--smallest-effect",
                "1",
            ],
            "--outcome",
        ),
        (
            vec![
                "--compare",
                "lift_or_run_first",
                "--outcome",
                "e1rm",
                "--smallest-effect",
                "1",
            ],
            "--outcome",
        ),
        (
            [&base[..], &["--washout-days", "4"]].concat(),
            "--washout-days",
        ),
        ([&base[..], &["--start", "2026-03-02"]].concat(), "--start"),
        ([&base[..], &["--start", "next week"]].concat(), "--start"),
        ([&base[..], &["--blocks", "3"]].concat(), "--blocks"),
        (
            [&base[..], &["--secondary", "hooper"]].concat(),
            "--secondary",
        ),
    ] {
        let out = start(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(json(&out)["errors"][0]["field"], field, "{args:?}");
    }
    // Nothing was started; an unknown experiment is named too.
    let out = log
        .base()
        .args(["--now", NOW, "--json", "experiment", "status", "7"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["field"], "ID");
    let out = log
        .base()
        .args(["--now", NOW, "--json", "experiment", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["field"], "experiment");
    let out = log
        .base()
        .args(["--now", NOW, "--json", "experiment", "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(json(&out), serde_json::json!([]));
}

#[test]
fn start_status_stop_and_report_speak_the_contract() {
    let log = Log::new();
    profile(&log);
    let out = log
        .base()
        .args(["--now", NOW, "--json", "experiment", "start"])
        .args([
            "--compare",
            "lift_or_run_first",
            "--outcome",
            "e1rm:Squat (Barbell)",
        ])
        .args([
            "--smallest-effect",
            "2.5",
            "--secondary",
            "hooper=2",
            "--seed",
            "99",
        ])
        .args(["--question", "Lift or run first <b>?</b>"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e = json(&out);
    assert_eq!(e["id"], 1);
    assert_eq!(e["comparison"], "lift_or_run_first");
    assert_eq!(e["seed"], 99);
    assert_eq!(e["status"], "not_started");
    assert_eq!(e["protocol"]["schedule"]["start"], "2026-03-09");
    assert_eq!(e["protocol"]["primary"]["exercise"], "Squat (Barbell)");
    assert_eq!(e["protocol"]["secondary"][0]["kind"], "hooper");
    // The human answer names the schedule; a second experiment is refused while this one runs (exit 1).
    let out = log
        .base()
        .args([
            "--now",
            NOW,
            "experiment",
            "start",
            "--compare",
            "hiit_gap_6h_or_24h",
        ])
        .args(["--outcome", "session_rpe", "--smallest-effect", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("experiment 1 is still running"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // In its second week.
    let later = "2026-03-17T09:00:00+01:00";
    let out = log
        .base()
        .args(["--now", later, "--json", "experiment", "status"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let st = json(&out);
    assert_eq!(st["experiment"]["status"], "running");
    assert_eq!(st["experiment"]["today"]["date"], "2026-03-17");
    assert_eq!(st["experiment"]["today"]["block"], 1);
    assert_eq!(st["days_done"], 8);
    assert!(
        st["verdict"]
            .as_str()
            .unwrap()
            .contains("not enough data yet")
    );
    let out = log
        .base()
        .args(["--now", later, "experiment", "status"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Today, Tue 17 Mar 2026:"), "{text}");
    assert!(text.contains("more weeks"), "{text}");

    // The reports: JSON, Markdown and HTML, what the athlete wrote escaped in both renderings.
    let out = log
        .base()
        .args(["--now", later, "--json", "experiment", "report"])
        .output()
        .unwrap();
    let r = json(&out);
    assert_eq!(r["question"], "Lift or run first <b>?</b>");
    assert_eq!(r["design"]["seed"], 99);
    let md = log
        .base()
        .args([
            "--now",
            later,
            "experiment",
            "report",
            "1",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("Lift or run first \\<b\\>?\\</b\\>"), "{md}");
    let out = log
        .base()
        .args(["--now", later, "experiment", "report", "--format", "html"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("Lift or run first &lt;b&gt;?&lt;/b&gt;"));
    assert!(!html.contains("<b>?"));

    // Stopping asks for --yes, then stops it; stopping again changes nothing.
    let out = log
        .base()
        .args(["--now", later, "--json", "experiment", "stop"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["errors"][0]["field"], "--yes");
    let out = log
        .base()
        .args(["--now", later, "--json", "experiment", "stop", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stopped = json(&out);
    assert_eq!(stopped["stopped_on"], "2026-03-17");
    assert_eq!(stopped["status"], "stopped_early");
    assert!(stopped.get("today").is_none());
    let out = log
        .base()
        .args(["--now", "2026-03-18T09:00:00Z", "experiment", "stop", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("stopped already, on Tue 17 Mar 2026"));
    let out = log
        .base()
        .args(["--now", later, "--json", "experiment", "list"])
        .output()
        .unwrap();
    let all = json(&out);
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["stopped_on"], "2026-03-17");
}
