//! What a strength & conditioning coach's review found, through the binary on a log of its own: pain and
//! illness that outlast their day, times in the athlete's zone, the planner's bookkeeping, the post-lift
//! run's progression and the advice agreeing, the disclaimer, and exercise names the catalogue cannot read.
//!
//! Every command runs at a fixed `--now` and with `TZ=Europe/Berlin`, so nothing depends on today's date or
//! on the machine's time zone.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

struct Log {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

impl Log {
    fn new() -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("log.db");
        Log { _dir: dir, db }
    }

    /// The binary on this log at `now`, in Berlin.
    fn at(&self, now: &str) -> Command {
        let mut cmd = Command::cargo_bin("afterlift").unwrap();
        cmd.env("NO_COLOR", "1")
            .env("TZ", "Europe/Berlin")
            .env_remove("AFTERLIFT_DB")
            .arg("--db")
            .arg(&self.db)
            .args(["--now", now]);
        cmd
    }

    fn json(&self, now: &str, args: &[&str]) -> Value {
        let out = self
            .at(now)
            .args(args)
            .arg("--json")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("JSON on stdout")
    }

    fn text(&self, now: &str, args: &[&str]) -> String {
        let out = self
            .at(now)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("UTF-8 on stdout")
    }

    /// A profile: `extra` flags after the required ones.
    fn profile(&self, goal: &str, extra: &[&str]) {
        let mut args = vec![
            "profile",
            "set",
            "--age",
            "30",
            "--sex",
            "male",
            "--weight-kg",
            "80",
            "--goal",
            goal,
        ];
        args.extend_from_slice(extra);
        self.json("2026-11-01T12:00:00+01:00", &args);
    }
}

fn kinds(plan: &Value) -> Vec<String> {
    plan["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["sessions"].as_array().unwrap().iter())
        .map(|s| s["kind"].as_str().unwrap().to_string())
        .collect()
}

fn count(kinds: &[String], kind: &str) -> usize {
    kinds.iter().filter(|k| *k == kind).count()
}

/// (3a) `--lifts`/`--runs` make the week the athlete's: no template cross session unless `--cross` says so.
#[test]
fn a_week_given_by_lifts_or_runs_has_cross_only_when_asked() {
    let log = Log::new();
    log.profile("general", &["--time-zone", "Europe/Berlin"]);
    let now = "2026-11-20T12:00:00+01:00";
    let plan = |extra: &[&str]| {
        let mut args = vec!["plan", "week", "--from", "2026-11-23"];
        args.extend_from_slice(extra);
        kinds(&log.json(now, &args))
    };
    // Neither given: the general goal's starting template, with its one non-impact session.
    assert_eq!(count(&plan(&[]), "cross"), 1);
    for given in [
        &["--lifts", "full:moderate,full:moderate"][..],
        &["--runs", "easy:30,easy:30"][..],
        &["--lifts", "upper:heavy", "--runs", "easy:30"][..],
    ] {
        assert_eq!(count(&plan(given), "cross"), 0, "{given:?}");
    }
    let mut with_cross = vec!["--runs", "easy:30", "--cross", "2"];
    assert_eq!(count(&plan(&with_cross), "cross"), 2);
    with_cross.truncate(2);
    with_cross.extend(["--cross", "0"]);
    assert_eq!(count(&plan(&with_cross), "cross"), 0);
}

/// (3b) Sunday's run belongs to last week: it is not an "extra tempo run" of the week starting Monday.
#[test]
fn last_sundays_run_is_not_an_extra_of_this_week() {
    let log = Log::new();
    log.profile("general", &["--time-zone", "Europe/Berlin"]);
    // Sunday 22 Nov, 10:00 in Berlin: 40 min at a hard heart rate (a tempo run by the log's reading).
    log.json(
        "2026-11-22T10:40:00+01:00",
        &[
            "log", "cardio", "--sport", "run", "--minutes", "40", "--avg-hr", "170",
        ],
    );
    let plan = log.json(
        "2026-11-23T18:30:00+01:00",
        &[
            "plan",
            "week",
            "--lifts",
            "upper:heavy,lower:heavy",
            "--runs",
            "easy:30,intervals:30",
        ],
    );
    assert_eq!(plan["start"], "2026-11-23");
    let unmet = plan["unmet"].as_array().unwrap();
    assert!(
        unmet.iter().all(|u| u["rule"] != "extra_session_done"),
        "{unmet:?}"
    );
    let kinds = kinds(&plan);
    assert_eq!(count(&kinds, "intervals"), 1, "{plan}");
    assert_eq!(count(&kinds, "tempo"), 0, "Sunday's run is not shown in this week");
}

/// The start of the disclaimer every answer that advises ends with.
const DISCLAIMER_START: &str = "afterlift gives educational guidance, not medical advice.";

/// (5) The plan, the status and the progression end with the disclaimer, in the terminal, in JSON and in
/// every event of the calendar.
#[test]
fn every_answer_that_advises_carries_the_disclaimer() {
    let log = Log::new();
    log.profile("general", &["--time-zone", "Europe/Berlin"]);
    let now = "2026-11-25T18:00:00+01:00";
    for args in [&["plan", "week"][..], &["status"][..], &["progression"][..]] {
        let text = log.text(now, args);
        let last = text.trim_end().lines().last().unwrap_or_default();
        assert!(last.starts_with(DISCLAIMER_START), "{args:?}: {text}");
        let json = log.json(now, args);
        assert!(
            json["disclaimer"]
                .as_str()
                .is_some_and(|d| d.starts_with(DISCLAIMER_START)),
            "{args:?}: {json}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("week.ics");
    log.text(now, &["plan", "week", "--ics", ics.to_str().unwrap()]);
    let calendar = std::fs::read_to_string(&ics).unwrap().replace("\r\n ", "");
    let events = calendar.matches("BEGIN:VEVENT").count();
    assert!(events > 0);
    let with_disclaimer = calendar
        .lines()
        // TEXT escaping: the comma is `\,` in the file.
        .filter(|l| l.starts_with("DESCRIPTION:") && l.contains("educational guidance\\, not medical"))
        .count();
    assert_eq!(with_disclaimer, events, "{calendar}");
}

/// (6) A lift with a name the catalogue cannot read is saved, with a warning naming it and the fix; its
/// JSON lists it. An alias makes it readable.
#[test]
fn logging_an_unreadable_exercise_warns_and_names_the_fix() {
    let log = Log::new();
    let now = "2026-11-25T18:00:00+01:00";
    let lift = [
        "log",
        "lift",
        "--exercise",
        "Zorblax Press",
        "--sets",
        "3x10@50",
        "--exercise",
        "Squat (Barbell)",
        "--sets",
        "5x5@100",
    ];
    let text = log.text(now, &lift);
    assert!(text.starts_with("Saved as l1."), "{text}");
    assert!(
        text.contains("warning: 'Zorblax Press' is not in the exercise catalogue"),
        "{text}"
    );
    assert!(
        text.contains(r#"afterlift exercises alias "Zorblax Press" "<exercise>""#),
        "{text}"
    );
    assert!(!text.contains("'Squat (Barbell)'"), "{text}");
    let json = log.json(now, &lift);
    assert_eq!(json["id"], "l2");
    let unknown = json["unknown_exercises"].as_array().unwrap();
    assert_eq!(unknown.len(), 1, "{json}");
    assert_eq!(unknown[0]["name"], "Zorblax Press");

    log.json(now, &["exercises", "alias", "Zorblax Press", "Leg Press"]);
    let json = log.json(now, &lift);
    assert!(json.get("unknown_exercises").is_none(), "{json}");
    assert!(!log.text(now, &lift).contains("warning"));
}
