//! Issue 15, end to end: a generated athlete runs a 6-week personal experiment through the CLI.
//!
//! The athlete (profile set by `afterlift profile set`) has ten weeks of easy runs before the start, as
//! TCX files with per-second heart rate and speed, imported with `afterlift import`; that history sizes
//! the experiment. `afterlift experiment start` (fixed seed and start date) declares it: runs straight
//! after lifting (A) or on separate days (B), easy-run efficiency as the deciding outcome, 3 blocks of
//! 1-week periods with a 1-day washout. Every week `afterlift plan week` (with `--now` that Monday) must
//! follow the scheduled arm — no run on a lift day in a B week, an easy run straight after each lift in an A
//! week —, and the athlete then does what the plan says: the test writes real files of it (TCX runs,
//! generated from a seed, with B's easy runs 5 % more efficient — metres per heartbeat — than A's; a Strong
//! CSV of the lifts), imports them, and checks in every morning (`afterlift log wellness`). After the end,
//! `afterlift experiment report --json` must state an effect whose 95 % interval holds the generated one
//! and name B as better; with no generated difference it must say "no detectable difference".
//!
//! Nothing depends on today's date: every command runs with `--now`. The generated athletes come from
//! fixed seeds; `AFTERLIFT_E2E_SEED=N` runs both tests on another (with no difference, 1 seed in 20 is
//! expected to find one: that is the 5 % level).

mod support;

use std::fmt::Write as _;
use std::path::Path;

use jiff::ToSpan;
use jiff::civil::{Date, date};
use serde_json::Value;
use support::Log;

/// Declared on Wednesday 4 March 2026; the experiment runs from Monday 9 March for six weeks.
const DECLARED: &str = "2026-03-04T10:00:00Z";
fn start() -> Date {
    date(2026, 3, 9)
}
/// Weeks of history before the start.
const HISTORY_WEEKS: i64 = 10;
/// Arm A's easy-run efficiency, metres per beat: 2.8 m/s at 125 bpm.
const BASE: f64 = 2.8 * 60.0 / 125.0;
/// Fitness improving a little each week (the analysis fits a linear trend).
const TREND_PER_WEEK: f64 = 0.002;
/// The arms' comparison and strategies, as the contract names them.
const COMPARISON: &str = "run_after_lift_or_separate_day";

/// A small deterministic generator (xorshift64*), so every run of the test writes the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A standard normal draw (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.next().max(1e-12);
        let v = self.next();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

fn run_cli(log: &Log, now: &str, args: &[&str]) -> Value {
    let out = log
        .base()
        .args(["--now", now, "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "afterlift {args:?} at {now}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "afterlift {args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn iso(d: Date, h: i8, m: i8) -> String {
    format!("{d}T{h:02}:{m:02}:00Z")
}

/// A TCX run starting at `d` `h:m` UTC, `minutes` long, one trackpoint a second: a 5-minute warm-up from
/// 95 to 125 bpm, then a steady easy run around 125 bpm (below the 132 bpm ceiling of 50 + 59 % of
/// 190 − 50), its speed `efficiency` × heart rate / 60 — so its easy-run efficiency is `efficiency`.
fn tcx(d: Date, h: i8, m: i8, minutes: u32, efficiency: f64, rng: &mut Rng) -> String {
    let start = d
        .at(h, m, 0, 0)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    let seconds = minutes * 60;
    let mut points = String::new();
    let mut distance = 0.0;
    let mut hr_sum = 0.0;
    let phase = rng.next() * 100.0;
    for s in 0..seconds {
        let t = f64::from(s);
        let hr = if s < 300 {
            95.0 + 30.0 * t / 300.0
        } else {
            125.0 + 2.0 * ((t + phase) / 90.0).sin()
        }
        .round();
        let speed = efficiency * hr / 60.0;
        hr_sum += hr;
        let time = start
            .checked_add(jiff::SignedDuration::from_secs(i64::from(s)))
            .unwrap();
        let _ = writeln!(
            points,
            "<Trackpoint><Time>{time}</Time><DistanceMeters>{distance:.3}</DistanceMeters>\
             <HeartRateBpm><Value>{hr}</Value></HeartRateBpm>\
             <Extensions><ns3:TPX><ns3:Speed>{speed:.4}</ns3:Speed></ns3:TPX></Extensions></Trackpoint>"
        );
        distance += speed;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\" \
         xmlns:ns3=\"http://www.garmin.com/xmlschemas/ActivityExtension/v2\">\n\
         <Activities><Activity Sport=\"Running\"><Id>{start}</Id>\n\
         <Lap StartTime=\"{start}\"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>\
         <DistanceMeters>{distance:.1}</DistanceMeters>\
         <AverageHeartRateBpm><Value>{:.0}</Value></AverageHeartRateBpm>\
         <Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Track>\n{points}</Track></Lap>\n\
         </Activity></Activities></TrainingCenterDatabase>\n",
        hr_sum / f64::from(seconds)
    )
}

/// Strong's CSV header, and one upper-body session of 60 minutes starting at `d` `h:00`.
const STRONG_HEADER: &str = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n";

fn strong_session(out: &mut String, d: Date, h: i8) {
    for (exercise, kg) in [
        ("Bench Press (Barbell)", 60.0),
        ("Bent Over Row (Barbell)", 50.0),
    ] {
        for set in 1..=4 {
            let _ = writeln!(
                out,
                "{d} {h:02}:00:00,\"Upper\",1h 0m,\"{exercise}\",{set},{kg:.1},8,0,0,,,7"
            );
        }
    }
}

/// A run's efficiency on day `d`: arm A's level (`BASE`), × (1 + `effect`) in arm B, with the week's
/// trend, a shock per week and noise per run.
fn efficiency(d: Date, b: bool, effect: f64, week_shock: f64, rng: &mut Rng) -> f64 {
    let weeks = (d - (start() - (HISTORY_WEEKS * 7).days())).get_days() as f64 / 7.0;
    let arm = if b { 1.0 + effect } else { 1.0 };
    BASE * arm * (1.0 + TREND_PER_WEEK * weeks) * (1.0 + week_shock) * (1.0 + 0.003 * rng.normal())
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn is_run(kind: &str) -> bool {
    matches!(kind, "easy" | "long" | "tempo" | "intervals")
}

/// Runs the whole experiment with arm B's runs `effect` more efficient (0.05: 5 %); returns the final
/// report (as JSON) and the generated difference A − B in metres per beat at the experiment's middle.
fn experiment(effect: f64, seed: u64) -> (Value, f64) {
    let log = Log::new();
    let files = tempfile::tempdir().unwrap();
    let mut rng = Rng(seed);
    run_cli(
        &log,
        DECLARED,
        &[
            "profile",
            "set",
            "--age",
            "30",
            "--sex",
            "male",
            "--weight-kg",
            "75",
            "--goal",
            "general",
            "--max-hr",
            "190",
            "--resting-hr",
            "50",
            "--time-zone",
            "UTC",
            "--concurrent-weeks",
            "52",
        ],
    );

    // The history: two easy runs a week (Tuesday and Thursday mornings), imported.
    let history = files.path().join("history");
    std::fs::create_dir(&history).unwrap();
    for w in 0..HISTORY_WEEKS {
        let monday = start() - ((HISTORY_WEEKS - w) * 7).days();
        let shock = 0.0015 * rng.normal();
        for offset in [1, 3] {
            let d = monday + offset.days();
            let e = efficiency(d, false, effect, shock, &mut rng);
            write(
                &history,
                &format!("{d}.tcx"),
                &tcx(d, 7, 0, 30, e, &mut rng),
            );
        }
    }
    let imported = run_cli(&log, DECLARED, &["import", history.to_str().unwrap()]);
    assert_eq!(
        imported["files"].as_array().map(Vec::len),
        Some(2 * HISTORY_WEEKS as usize),
        "{imported}"
    );

    // The experiment, declared before its start.
    let started = run_cli(
        &log,
        DECLARED,
        &[
            "experiment",
            "start",
            "--compare",
            COMPARISON,
            "--outcome",
            "easy_run_efficiency",
            "--smallest-effect",
            "0.03",
            "--start",
            "2026-03-09",
            "--period-weeks",
            "1",
            "--washout-days",
            "1",
            "--blocks",
            "3",
            "--seed",
            "2026",
        ],
    );
    let protocol = &started["protocol"];
    assert_eq!(protocol["schedule"]["seed"], 2026);
    assert!(
        protocol["min_length"].is_object(),
        "the length came from the history: {protocol}"
    );
    assert!(
        protocol["min_blocks"].as_u64().unwrap() <= 3,
        "{}",
        protocol["min_length"]
    );
    let periods = protocol["schedule"]["periods"].as_array().unwrap().clone();
    assert_eq!(periods.len(), 6);
    assert_eq!(
        protocol["primary"]["ceiling_bpm"], 132,
        "the ceiling fixed at the start: 50 + 59 % of (190 − 50)"
    );

    for (w, period) in periods.iter().enumerate() {
        let monday = start() + (7 * w as i64).days();
        assert_eq!(period["start"], monday.to_string());
        let arm_b = period["arm"] == "b";
        let strategy = if arm_b {
            "run_separate_day"
        } else {
            "run_after_lift"
        };

        // The plan of the week follows the scheduled arm.
        let plan = run_cli(
            &log,
            &iso(monday, 6, 0),
            &[
                "plan",
                "week",
                "--lifts",
                "upper:moderate,upper:moderate",
                "--runs",
                "easy:30,easy:30,easy:30",
            ],
        );
        assert_eq!(plan["experiment"]["strategy"], strategy, "week {w}: {plan}");
        assert_eq!(plan["experiment"]["comparison"], COMPARISON);
        let days = plan["days"].as_array().unwrap();
        let mut lifts = 0;
        let mut runs = 0;
        for day in days {
            let sessions = day["sessions"].as_array().unwrap();
            let kinds: Vec<&str> = sessions
                .iter()
                .map(|s| s["kind"].as_str().unwrap())
                .collect();
            let has_lift = kinds.contains(&"lift");
            lifts += kinds.iter().filter(|k| **k == "lift").count();
            runs += kinds.iter().filter(|k| is_run(k)).count();
            if arm_b {
                assert!(
                    !(has_lift && kinds.iter().any(|k| is_run(k))),
                    "week {w} (runs on separate days): a run on a lift day: {day}"
                );
            } else {
                for (i, s) in sessions.iter().enumerate() {
                    if s["kind"] == "lift" {
                        let next = sessions.get(i + 1);
                        assert!(
                            next.is_some_and(|n| n["kind"] == "easy" && n["slot"] == s["slot"]),
                            "week {w} (run straight after lifting): no easy run after the lift: {day}"
                        );
                    }
                }
            }
        }
        assert_eq!(
            (lifts, runs),
            (2, 3),
            "week {w}: every session placed: {plan}"
        );

        // What the athlete did: exactly the plan, recorded by the watch and the app.
        let week_dir = files.path().join(format!("week{w}"));
        std::fs::create_dir(&week_dir).unwrap();
        let mut strong = String::from(STRONG_HEADER);
        let shock = 0.0015 * rng.normal();
        for day in days {
            let d: Date = day["date"].as_str().unwrap().parse().unwrap();
            let mut after_lift: Option<(i8, i8)> = None;
            for s in day["sessions"].as_array().unwrap() {
                let hour: i8 = if s["slot"] == "morning" { 7 } else { 18 };
                match s["kind"].as_str().unwrap() {
                    "lift" => {
                        strong_session(&mut strong, d, hour);
                        // The lift ends after its hour; the run follows five minutes later.
                        after_lift = Some((hour + 1, 5));
                    }
                    kind if is_run(kind) => {
                        let (h, m) = after_lift.take().unwrap_or((hour, 0));
                        let e = efficiency(d, arm_b, effect, shock, &mut rng);
                        let minutes = s["minutes"].as_u64().unwrap() as u32;
                        write(
                            &week_dir,
                            &format!("{d}-{h:02}{m:02}.tcx"),
                            &tcx(d, h, m, minutes, e, &mut rng),
                        );
                    }
                    _ => {}
                }
            }
        }
        write(&week_dir, "strong.csv", &strong);
        let sunday = monday + 6.days();
        let report = run_cli(
            &log,
            &iso(sunday, 21, 0),
            &["import", week_dir.to_str().unwrap()],
        );
        assert_eq!(
            report["files"].as_array().unwrap().len(),
            4,
            "three runs and the lifts: {report}"
        );
        // A check-in every morning.
        for offset in 0..7 {
            let d = monday + offset.days();
            let morning_hr = (50.0 + rng.normal()).round().to_string();
            run_cli(
                &log,
                &iso(d, 6, 30),
                &[
                    "log",
                    "wellness",
                    "--date",
                    &d.to_string(),
                    "--sleep",
                    "7.5",
                    "--sleep-quality",
                    "2",
                    "--fatigue",
                    "2",
                    "--soreness",
                    "2",
                    "--stress",
                    "2",
                    "--mood",
                    "2",
                    "--morning-hr",
                    &morning_hr,
                    "--hrv",
                    "70",
                ],
            );
        }
    }

    // Status during the last week, then the report after the end.
    let status = run_cli(
        &log,
        &iso(date(2026, 4, 15), 12, 0),
        &["experiment", "status"],
    );
    assert_eq!(status["experiment"]["status"], "running");
    assert_eq!(status["weeks_left"], 1);
    assert!(status["experiment"]["today"]["strategy"].is_string());
    let report = run_cli(
        &log,
        &iso(date(2026, 4, 20), 9, 0),
        &["experiment", "report"],
    );

    // The human renderings of the same report: Markdown and a self-contained HTML page.
    let md = log
        .base()
        .args([
            "--now",
            &iso(date(2026, 4, 20), 9, 0),
            "experiment",
            "report",
        ])
        .output()
        .unwrap();
    assert!(md.status.success());
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Personal experiment: "), "{md}");
    let html_path = files.path().join("report.html");
    log.base()
        .args([
            "--now",
            &iso(date(2026, 4, 20), 9, 0),
            "experiment",
            "report",
            "--format",
            "html",
            "--output",
        ])
        .arg(&html_path)
        .assert()
        .success();
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(!html.contains("<script"), "self-contained, no scripts");

    let middle = start() + 21.days();
    let weeks = (middle - (start() - (HISTORY_WEEKS * 7).days())).get_days() as f64 / 7.0;
    let generated = -BASE * effect * (1.0 + TREND_PER_WEEK * weeks);
    (report, generated)
}

fn primary(report: &Value) -> &Value {
    let r = &report["results"][0];
    assert_eq!(r["primary"], true);
    assert_eq!(r["name"], "easy-run efficiency");
    r
}

#[test]
fn a_six_week_experiment_finds_the_more_efficient_arm() {
    let seed = std::env::var("AFTERLIFT_E2E_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_0001);
    let (report, generated) = experiment(0.05, seed);
    assert_eq!(report["status"], "finished", "{report}");
    assert_eq!(report["design"]["finished_blocks"], 3);
    // The athlete did what the plans said: every day the tagger could judge followed the schedule.
    let adherence = &report["adherence"];
    assert!(
        adherence["days_tagged"].as_u64().unwrap() >= 12,
        "{adherence}"
    );
    assert_eq!(
        adherence["days_tagged"], adherence["days_as_scheduled"],
        "{adherence}"
    );
    assert_eq!(adherence["deviations"].as_array().unwrap().len(), 0);

    let r = primary(&report);
    let estimate = &r["by_schedule"]["estimate"];
    let (low, high) = (
        estimate["interval"]["low"].as_f64().unwrap(),
        estimate["interval"]["high"].as_f64().unwrap(),
    );
    assert!(
        low <= generated && generated <= high,
        "the 95 % interval {low:.4}..{high:.4} holds the generated A − B of {generated:.4}: {estimate}"
    );
    assert!(high < 0.0, "B is better: {estimate}");
    assert_eq!(r["by_schedule"]["verdict"]["verdict"], "better");
    assert_eq!(r["by_schedule"]["verdict"]["arm"], "b");
    let summary = r["summary"].as_str().unwrap();
    assert!(
        summary.contains("better with B (Runs on separate days)"),
        "{summary}"
    );
    let verdict = report["verdict"].as_str().unwrap();
    assert!(verdict.contains("better with B"), "{verdict}");
}

#[test]
fn without_a_difference_the_report_finds_none() {
    let seed = std::env::var("AFTERLIFT_E2E_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_0002);
    let (report, _) = experiment(0.0, seed);
    assert_eq!(report["status"], "finished", "{report}");
    let r = primary(&report);
    assert_eq!(
        r["by_schedule"]["verdict"]["verdict"], "no_detectable_difference",
        "{}",
        r["by_schedule"]
    );
    let interval = &r["by_schedule"]["estimate"]["interval"];
    assert!(interval["low"].as_f64().unwrap() <= 0.0 && interval["high"].as_f64().unwrap() >= 0.0);
    let verdict = report["verdict"].as_str().unwrap();
    assert!(verdict.contains("no detectable difference"), "{verdict}");
}
