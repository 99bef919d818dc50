//! What a strength & conditioning coach's review found, through the binary on a log of its own: pain and
//! illness that outlast their day, times in the athlete's zone, the planner's bookkeeping, the post-lift
//! run's progression and the advice agreeing, the disclaimer, and exercise names the catalogue cannot read.
//!
//! Every command runs at a fixed `--now` and with `TZ=Europe/Berlin`, so nothing depends on today's date or
//! on the machine's time zone.

mod support;

use support::Log;

use assert_cmd::Command;
use serde_json::Value;

impl Log {
    /// The binary on this log at `now`, in Berlin.
    fn at(&self, now: &str) -> Command {
        let mut cmd = self.base();
        cmd.env("TZ", "Europe/Berlin").args(["--now", now]);
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
            "log",
            "cardio",
            "--sport",
            "run",
            "--minutes",
            "40",
            "--avg-hr",
            "170",
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
    assert_eq!(
        count(&kinds, "tempo"),
        0,
        "Sunday's run is not shown in this week"
    );
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
        .filter(|l| {
            l.starts_with("DESCRIPTION:") && l.contains("educational guidance\\, not medical")
        })
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

/// (2) Without a zone in the profile the CLI answers in the machine's (`TZ=Europe/Berlin` here): the
/// advice's `later`, the status, the lists and the day a check-in is for; every time printed names its
/// zone; JSON times carry the local offset. A profile zone wins over the machine's.
#[test]
fn without_a_profile_zone_the_cli_answers_in_the_machines() {
    let log = Log::new();
    let now = "2026-11-24T19:30:00+01:00";
    let advise = [
        "advise",
        "--age",
        "34",
        "--sex",
        "female",
        "--weight-kg",
        "62",
        "--goal",
        "hypertrophy",
        "--lifted",
        "squat 5x5@100 rpe 8, rdl 3x8@80",
        "--planned",
        "intervals:20",
        "--ended",
        "5m",
    ];
    // No profile at all: the flags' athlete, in the machine's zone.
    let text = log.text(now, &advise);
    let later = text.lines().find(|l| l.contains("later:")).unwrap();
    assert!(later.contains(" CET ("), "the zone is named: {later}");
    let json = log.json(now, &advise);
    let not_before = json["later"]["not_before"].as_str().unwrap();
    assert!(not_before.ends_with("+01:00"), "{not_before}");

    log.profile("general", &[]);
    log.json(now, &["log", "cardio", "--sport", "run", "--minutes", "30"]);
    log.json(
        now,
        &[
            "log",
            "lift",
            "--exercise",
            "Squat (Barbell)",
            "--sets",
            "5x5@100",
        ],
    );
    let listed = log.text(now, &["activities"]);
    assert!(listed.contains("2026-11-24 19:00 CET"), "{listed}");
    assert!(!listed.contains("UTC"), "{listed}");
    let lifts = log.text(now, &["lifts"]);
    assert!(lifts.contains("l1 2026-11-24 19:30 CET"), "{lifts}");
    assert_eq!(
        log.json(now, &["activities"])[0]["started_at"],
        "2026-11-24T19:00:00+01:00"
    );
    assert_eq!(
        log.json(now, &["lifts"])[0]["started_at"],
        "2026-11-24T19:30:00+01:00"
    );
    assert_eq!(
        log.json(now, &["show", "a1"])["started_at"],
        "2026-11-24T19:00:00+01:00"
    );
    // A date bound is that day's start in the athlete's zone: the 19:00 run is on the 24th.
    let on_the_24th = log.json(
        now,
        &["activities", "--from", "2026-11-24", "--to", "2026-11-25"],
    );
    assert_eq!(on_the_24th.as_array().unwrap().len(), 1);
    let status = log.text(now, &["status"]);
    assert!(
        status.starts_with("Status Tue 24 Nov 2026, 19:30 CET"),
        "{status}"
    );
    assert!(
        log.json(now, &["status"])["at"]
            .as_str()
            .unwrap()
            .ends_with("+01:00")
    );
    let plan = log.text(now, &["plan", "week"]);
    assert!(
        plan.starts_with("Week plan from 2026-11-23 (goal: general; Europe/Berlin)"),
        "{plan}"
    );
    assert!(
        log.text(now, &["profile", "show"])
            .contains("Europe/Berlin (not set")
    );
    // 00:30 in Berlin is the 25th there (the 24th in UTC): the check-in is for the 25th.
    let saved = log.json("2026-11-24T23:30:00Z", &["log", "wellness", "--sleep", "7"]);
    assert_eq!(saved["date"], "2026-11-25");

    // The profile's zone wins over the machine's.
    log.json(now, &["profile", "set", "--time-zone", "America/New_York"]);
    let listed = log.text(now, &["activities"]);
    assert!(listed.contains("2026-11-24 13:00 EST"), "{listed}");
    assert_eq!(
        log.json(now, &["activities"])[0]["started_at"],
        "2026-11-24T13:00:00-05:00"
    );
}

/// (2, 3b) Monday 00:30 in Berlin is Sunday in UTC: without a profile zone the run still belongs to the
/// week it was run in, by the machine's clock.
#[test]
fn a_run_just_after_midnight_belongs_to_the_local_week() {
    let log = Log::new();
    log.profile("general", &[]);
    log.json(
        "2026-11-23T01:10:00+01:00",
        &[
            "log",
            "cardio",
            "--sport",
            "run",
            "--minutes",
            "40",
            "--avg-hr",
            "170",
        ],
    );
    let plan = log.json(
        "2026-11-23T18:30:00+01:00",
        &["plan", "week", "--runs", "easy:30,tempo:30"],
    );
    let monday = &plan["days"][0];
    assert_eq!(monday["date"], "2026-11-23");
    let done: Vec<&Value> = monday["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["status"] == "done")
        .collect();
    assert_eq!(done.len(), 1, "{plan}");
    assert_eq!(done[0]["kind"], "tempo");
    assert_eq!(done[0]["slot"], "morning");
}

fn codes(advice: &Value) -> Vec<String> {
    advice["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

/// (1) Pain on Tuesday rules Wednesday's and Thursday's running out with no check-in on those days (the
/// note names Tuesday); cleared on Thursday, Friday runs; a flag 29 days old with no check-in since is not
/// carried; a new day's check-in starts with the pain and says so.
#[test]
fn pain_lasts_until_it_is_cleared() {
    let log = Log::new();
    log.profile("general", &["--time-zone", "Europe/Berlin"]);
    let advise = |now: &str| log.json(now, &["advise", "--planned", "intervals:20"]);
    // Tue 24 Nov.
    log.json(
        "2026-11-24T08:00:00+01:00",
        &["log", "wellness", "--sleep", "7", "--pain"],
    );
    for now in ["2026-11-25T18:00:00+01:00", "2026-11-26T07:00:00+01:00"] {
        let v = advise(now);
        assert_eq!(v["verdict"], "skip", "{now}: {v}");
        assert_eq!(v["from_log"]["check_in"], "2026-11-24", "{now}: {v}");
        assert_eq!(v["from_log"]["flags"], serde_json::json!(["pain"]));
    }
    let text = log.text(
        "2026-11-25T18:00:00+01:00",
        &["advise", "--planned", "intervals:20"],
    );
    assert!(
        text.starts_with(
            "From your check-in on Tue 24 Nov: pain — clear it with `afterlift log wellness --no-pain`.\nSkip"
        ),
        "{text}"
    );
    // Thursday's first check-in starts with Tuesday's pain, and says so.
    let thu = log.text(
        "2026-11-26T07:30:00+01:00",
        &["log", "wellness", "--sleep", "6.5"],
    );
    assert!(
        thu.contains("From your check-in on Tue 24 Nov: pain"),
        "{thu}"
    );
    let thu = log.json(
        "2026-11-26T07:40:00+01:00",
        &["log", "wellness", "--fatigue", "3"],
    );
    assert_eq!(thu["check_in"]["pain"], true, "{thu}");
    assert_eq!(thu["check_in"]["sleep_hours"], 6.5);
    // Today's own check-in now says it: the note says today's.
    let text = log.text(
        "2026-11-26T18:00:00+01:00",
        &["advise", "--planned", "intervals:20"],
    );
    assert!(
        text.starts_with("From today's check-in (26 Nov): pain"),
        "{text}"
    );
    // Cleared on Thursday: Friday runs.
    log.json(
        "2026-11-26T19:00:00+01:00",
        &["log", "wellness", "--no-pain"],
    );
    let fri = advise("2026-11-27T18:00:00+01:00");
    assert_ne!(fri["verdict"], "skip", "{fri}");
    assert!(fri.get("from_log").is_none(), "{fri}");
    assert!(!codes(&fri).iter().any(|c| c.contains("pain")), "{fri}");

    // Illness on Mon 30 Nov and no check-in since: carried four weeks, to Mon 28 Dec, not to Tue 29 Dec.
    log.json("2026-11-30T08:00:00+01:00", &["log", "wellness", "--ill"]);
    assert_eq!(advise("2026-12-07T18:00:00+01:00")["verdict"], "skip");
    assert_eq!(advise("2026-12-28T18:00:00+01:00")["verdict"], "skip");
    let v = advise("2026-12-29T18:00:00+01:00");
    assert_ne!(v["verdict"], "skip", "29 days old: {v}");
    assert!(v.get("from_log").is_none(), "{v}");
}

/// Logs a heavy-ish lift from 17:00 to 18:00 (Berlin) on `day` and, with `run`, a 20-minute run at 18:10.
fn lift_then_run(log: &Log, day: &str, run: bool) {
    log.json(
        &format!("{day}T18:00:00+01:00"),
        &[
            "log",
            "lift",
            "--exercise",
            "Bench Press (Barbell)",
            "--sets",
            "4x8@60 rpe 7",
            "--minutes",
            "60",
        ],
    );
    if run {
        log.json(
            &format!("{day}T18:30:00+01:00"),
            &["log", "cardio", "--sport", "run", "--minutes", "20"],
        );
    }
}

/// (4) Weeks of post-lift runs in the log count as weeks of combining: the advice's new-to-combining cap
/// reads them (as the progression does), not only the profile's `--concurrent-weeks 0`.
#[test]
fn logged_post_lift_runs_count_as_weeks_of_combining() {
    let log = Log::new();
    log.profile(
        "general",
        &["--time-zone", "Europe/Berlin", "--concurrent-weeks", "0"],
    );
    let advise = |now: &str| log.json(now, &["advise", "--planned", "easy:30"]);
    // Today, before any run: new to combining, about 10 minutes.
    lift_then_run(&log, "2026-11-03", false);
    let first = advise("2026-11-03T18:05:00+01:00");
    let cap = |v: &Value| v["now"]["minutes"]["max"].as_u64().unwrap();
    assert!(
        codes(&first).contains(&"new_to_combining".to_string()),
        "{first}"
    );
    assert_eq!(cap(&first), 10, "{first}");
    // Three weeks of lifting and running after it, twice a week.
    log.json(
        "2026-11-03T18:30:00+01:00",
        &["log", "cardio", "--sport", "run", "--minutes", "20"],
    );
    for day in [
        "2026-11-05",
        "2026-11-10",
        "2026-11-12",
        "2026-11-17",
        "2026-11-19",
    ] {
        lift_then_run(&log, day, true);
    }
    lift_then_run(&log, "2026-11-25", false);
    let progression = log.json("2026-11-25T18:05:00+01:00", &["progression"]);
    assert_eq!(progression["current_minutes"], 20, "{progression}");
    let v = advise("2026-11-25T18:05:00+01:00");
    let reason = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "new_to_combining")
        .unwrap_or_else(|| panic!("{v}"));
    assert!(
        reason["message"]
            .as_str()
            .unwrap()
            .contains("You have 3 week(s)"),
        "the log's 3 weeks, not the profile's 0: {reason}"
    );
    assert!(cap(&v) > 10, "{v}");
    // Four whole weeks after the first run after a lift, the athlete is no longer new to combining.
    lift_then_run(&log, "2026-12-02", false);
    let v = advise("2026-12-02T18:05:00+01:00");
    assert!(!codes(&v).contains(&"new_to_combining".to_string()), "{v}");
    // A number the athlete gives in the request still wins.
    let v = log.json(
        "2026-12-02T18:05:00+01:00",
        &["advise", "--planned", "easy:30", "--concurrent-weeks", "0"],
    );
    assert!(codes(&v).contains(&"new_to_combining".to_string()), "{v}");
}
