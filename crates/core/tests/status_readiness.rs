//! Readiness and the status report: baselines worked by hand, each flag from a log that should raise it,
//! and the report's JSON shape.

mod status_support;

use afterlift_core::catalogue::Muscle;
use afterlift_core::contract::{ReadinessLevel, StatusResponse};
use afterlift_core::readiness::{self, Baseline, baseline};
use afterlift_core::status::{self, StatusInput, snapshot};
use afterlift_core::{Athlete, fatigue};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use status_support::*;

fn days_before(d: Date, n: i64) -> Date {
    d.checked_sub(jiff::Span::new().days(n)).unwrap()
}

fn codes(input: &StatusInput, at: jiff::Timestamp) -> (ReadinessLevel, Vec<&'static str>) {
    let s = snapshot(input, at);
    (
        s.readiness.level,
        s.readiness.flags.iter().map(|f| f.code).collect(),
    )
}

// ----- baselines -------------------------------------------------------------------------------

#[test]
fn baseline_worked_by_hand() {
    // Baseline: the 60 days before the last 7, alternating 51 and 53 bpm: mean 52, deviations ±1,
    // sample variance 60/59 = 1.016949, SD 1.008439. Recent 7 days at 55: z = (55 − 52)/1.008439 = 2.9749.
    let today = date(2026, 3, 1);
    let mut values: Vec<(Date, f64)> = (7..67)
        .map(|ago| {
            (
                days_before(today, ago),
                if ago % 2 == 0 { 51.0 } else { 53.0 },
            )
        })
        .collect();
    values.extend((0..7).map(|ago| (days_before(today, ago), 55.0)));
    // Outside both windows: ignored.
    values.push((days_before(today, 67), 200.0));
    values.push((date(2026, 3, 2), 200.0));
    values.push((days_before(today, 3), f64::NAN));
    let b = baseline(&values, today, 1.0).unwrap();
    assert_eq!(b.recent_readings, 7);
    assert_eq!(b.baseline_readings, 60);
    assert!((b.recent_mean - 55.0).abs() < 1e-12);
    assert!((b.baseline_mean - 52.0).abs() < 1e-12);
    assert!((b.baseline_sd - 1.008439).abs() < 1e-6);
    assert!((b.z - 2.9749).abs() < 1e-4);
    // A floor on the SD: a perfectly steady baseline cannot make a 1-bpm change 1000 SDs.
    let flat: Vec<(Date, f64)> = (0..67)
        .map(|ago| (days_before(today, ago), if ago < 7 { 53.0 } else { 52.0 }))
        .collect();
    let b: Baseline = baseline(&flat, today, readiness::MIN_SD_RESTING_HR).unwrap();
    assert_eq!(b.baseline_sd, 1.0);
    assert!((b.z - 1.0).abs() < 1e-12);
    // Too few readings: no baseline.
    assert!(baseline(&values[..13], today, 1.0).is_none());
    assert!(baseline(&[], today, 1.0).is_none());
}

// ----- whole logs --------------------------------------------------------------------------------

#[test]
fn a_steady_well_recovered_athlete_is_green() {
    let log = steady_log(last_sunday(), 12);
    let s = snapshot(&log.input, monday_morning());
    assert_eq!(
        s.readiness.level,
        ReadinessLevel::Green,
        "{:#?}",
        s.readiness
    );
    assert!(s.readiness.flags.is_empty());
    // On baseline: the wobble's weekly mean is the baseline mean (Monday has no check-in yet, so the
    // recent window holds six of the seven wobble days).
    let rhr = s.readiness.resting_hr.unwrap();
    assert!(rhr.z.abs() < 0.5, "{rhr:?}");
    // About as much load as usual, legs recovered after Sunday's rest.
    let ratio = s.load.established_acwr().unwrap();
    // EWMA with λ = 0.25 swings within the week: Monday morning after the Sunday rest is the low point.
    assert!((0.5..1.5).contains(&ratio), "{ratio}");
    assert!(s.leg_readiness_pct(monday_morning()) > fatigue::LEGS_HARD_RUN_PCT);
    // Monday 8 December to Monday 2 March inclusive.
    assert_eq!(s.load.history_days, 12 * 7 + 1);
}

#[test]
fn a_week_of_rising_resting_heart_rate_and_poor_sleep_is_red() {
    let mut log = steady_log(last_sunday(), 12);
    for (i, ago) in (0..7).rev().enumerate() {
        let w = log.wellness_mut(days_before(last_sunday(), ago));
        w.resting_hr_bpm = Some(54.0 + 1.5 * i as f64); // 54 → 63 bpm
        w.sleep_hours = Some(5.5);
        w.sleep_quality = Some(5);
    }
    let (level, codes) = codes(&log.input, monday_morning());
    assert_eq!(level, ReadinessLevel::Red, "{codes:?}");
    assert!(codes.contains(&"resting_hr_up"), "{codes:?}");
    assert!(codes.contains(&"poor_sleep"), "{codes:?}");
    assert!(codes.contains(&"wellbeing_down"), "{codes:?}");
    let s = snapshot(&log.input, monday_morning());
    let rhr = s
        .readiness
        .flags
        .iter()
        .find(|f| f.code == "resting_hr_up")
        .unwrap();
    // Monday has no check-in yet: Tuesday … Sunday, 55.5 … 63 bpm, mean 59.25.
    assert!(rhr.message.contains("averaged 59.2 bpm"), "{}", rhr.message);
}

#[test]
fn poor_sleep_alone_is_amber() {
    let mut log = steady_log(last_sunday(), 12);
    for ago in [0, 2, 4] {
        log.wellness_mut(days_before(last_sunday(), ago))
            .sleep_hours = Some(5.0);
    }
    assert_eq!(
        codes(&log.input, monday_morning()),
        (ReadinessLevel::Amber, vec!["poor_sleep"])
    );
}

#[test]
fn persistent_fatigue_amber_then_stale_red() {
    let mut log = steady_log(last_sunday(), 12);
    for ago in 0..3 {
        log.wellness_mut(days_before(last_sunday(), ago)).fatigue = Some(5);
    }
    let (level, c) = codes(&log.input, monday_morning());
    assert_eq!(level, ReadinessLevel::Amber);
    assert!(c.contains(&"persistent_fatigue"), "{c:?}");
    // Fatigue 6 for 8 days in a row: Hooper's staleness.
    for ago in 0..8 {
        log.wellness_mut(days_before(last_sunday(), ago)).fatigue = Some(6);
    }
    let s = snapshot(&log.input, monday_morning());
    let f = s
        .readiness
        .flags
        .iter()
        .find(|f| f.code == "persistent_fatigue")
        .unwrap();
    assert_eq!(f.level, ReadinessLevel::Red);
    assert_eq!(s.readiness.level, ReadinessLevel::Red);
    // A gap in check-ins ends the streak.
    log.input
        .wellness
        .retain(|(d, _)| *d != days_before(last_sunday(), 1));
    let s = snapshot(&log.input, monday_morning());
    assert!(!s.readiness.has("persistent_fatigue") || s.readiness.level < ReadinessLevel::Red);
}

#[test]
fn falling_hrv_is_flagged() {
    let mut log = steady_log(last_sunday(), 12);
    for ago in 0..7 {
        log.wellness_mut(days_before(last_sunday(), ago))
            .hrv_rmssd_ms = Some(50.0);
    }
    // ln 50 = 3.912 against ln 60 ≈ 4.094 with SD ≈ 0.037 → floor 0.05: 3.6 SD down.
    let (level, c) = codes(&log.input, monday_morning());
    assert!(c.contains(&"hrv_down"), "{c:?}");
    assert_eq!(level, ReadinessLevel::Red);
}

#[test]
fn falling_e1rm_is_flagged() {
    let mut log = steady_log(last_sunday(), 12);
    // The last three weeks' squats at 90 instead of 100 kg: e1RM 105 vs 116.7 (−10 %).
    let cutoff = at(days_before(last_sunday(), 20), 0, 0);
    for s in &mut log.input.lifts {
        if s.started_at >= cutoff {
            for e in &mut s.exercises {
                if e.name == "Squat (Barbell)" {
                    for set in &mut e.sets {
                        set.weight_kg = Some(90.0);
                    }
                }
            }
        }
    }
    let s = snapshot(&log.input, monday_morning());
    let f = s
        .readiness
        .flags
        .iter()
        .find(|f| f.code == "e1rm_falling")
        .expect("flag");
    assert!(
        f.message.contains("Squat (Barbell) 117 → 105 kg (-10%)"),
        "{}",
        f.message
    );
    assert_eq!(s.readiness.level, ReadinessLevel::Amber);
}

#[test]
fn falling_easy_run_efficiency_is_flagged() {
    let mut log = steady_log(last_sunday(), 12);
    // The last two weeks' easy runs 8% shorter at the same heart rate and time.
    let cutoff = at(days_before(last_sunday(), 13), 0, 0);
    for r in &mut log.input.runs {
        if r.started_at >= cutoff {
            r.distance_m *= 0.92;
        }
    }
    let (level, c) = codes(&log.input, monday_morning());
    assert_eq!(
        (level, c),
        (ReadinessLevel::Amber, vec!["easy_run_efficiency_falling"])
    );
    // Above the conversational ceiling the runs do not count: a hard session changes nothing.
    let ceiling = readiness::conversational_ceiling_bpm(&athlete());
    // 55 + 0.59 × (190 − 55) = 134.65 bpm.
    assert!((ceiling - 134.65).abs() < 1e-9);
}

#[test]
fn a_load_spike_and_a_weekly_jump_are_flagged() {
    let mut log = steady_log(last_sunday(), 12);
    // A running camp: the last seven days (this morning included) replaced by three hours' easy running a
    // day, about 3.6 times the usual daily load. With Williams' EWMA the ratio reaches 1.5 only when the load
    // roughly triples for a week: constant L then kL for 7 days gives (1 + 0.867(k − 1)) / (1 + 0.393(k − 1)).
    let cutoff = at(days_before(last_sunday(), 5), 0, 0);
    log.input.sessions.retain(|s| s.started_at < cutoff);
    for ago in -1..6 {
        log.run(
            at(days_before(last_sunday(), ago), 4, 0),
            180.0,
            130.0,
            36.0,
        );
    }
    let s = snapshot(&log.input, monday_morning());
    let c: Vec<&str> = s.readiness.flags.iter().map(|f| f.code).collect();
    assert!(c.contains(&"load_spike"), "{c:?} {:?}", s.load);
    assert!(c.contains(&"load_jump"), "{c:?}");
    let spike = s
        .readiness
        .flags
        .iter()
        .find(|f| f.code == "load_spike")
        .unwrap();
    let ratio = s.load.established_acwr().unwrap();
    assert!(spike.message.starts_with(&format!(
        "Your 7-day load is {ratio:.1}× your 28-day average"
    )));
}

#[test]
fn a_week_of_identical_hard_days_above_the_usual_strain_is_flagged() {
    let mut log = steady_log(last_sunday(), 12);
    // The same hard hour (150 bpm, ≈ 446 AU) every day of the last seven, this morning included: no rest
    // day, monotony at its cap, strain far above the steady weeks' usual (Foster 1998).
    let cutoff = at(days_before(last_sunday(), 5), 0, 0);
    log.input.sessions.retain(|s| s.started_at < cutoff);
    for ago in -1..6 {
        log.run(at(days_before(last_sunday(), ago), 6, 0), 60.0, 150.0, 12.0);
    }
    let s = snapshot(&log.input, monday_morning());
    assert!(s.load.monotonous, "{:?}", s.load);
    assert!(s.load.strain_vs_usual().unwrap() > 5.0, "{:?}", s.load);
    let f = s
        .readiness
        .flags
        .iter()
        .find(|f| f.code == "monotony_high")
        .expect("monotony_high");
    assert_eq!(f.level, ReadinessLevel::Amber);
    assert!(
        f.message.contains("the same load every day"),
        "{}",
        f.message
    );
    assert!(f.message.contains("your usual strain"), "{}", f.message);
}

#[test]
fn a_monotonous_week_at_the_usual_strain_is_not_flagged() {
    let mut log = steady_log(last_sunday(), 12);
    // The same 40-minute easy run every day of the last week instead of the usual pattern: monotony above
    // 2.0 by the number, but less strain than usual — Foster's threshold is about strain, not monotony alone.
    let cutoff = at(days_before(last_sunday(), 6), 0, 0);
    log.input.sessions.retain(|s| s.started_at < cutoff);
    for ago in 0..7 {
        log.run(at(days_before(last_sunday(), ago), 7, 0), 40.0, 128.0, 8.0);
    }
    let s = snapshot(&log.input, monday_morning());
    assert!(s.load.monotony.unwrap() > 2.0, "{:?}", s.load);
    assert!(s.load.strain_vs_usual().unwrap() < 1.5, "{:?}", s.load);
    assert!(!s.load.monotonous);
    assert!(!s.readiness.has("monotony_high"), "{:?}", s.readiness.flags);
}

#[test]
fn illness_yesterday_is_red() {
    let mut log = steady_log(last_sunday(), 12);
    log.wellness_mut(last_sunday()).illness = true;
    let (level, c) = codes(&log.input, monday_morning());
    assert_eq!((level, c), (ReadinessLevel::Red, vec!["illness"]));
}

// ----- the report --------------------------------------------------------------------------------

#[test]
fn the_report_has_the_contract_fields() {
    let mut log = steady_log(last_sunday(), 12);
    heavy_leg_day(&mut log, at(last_sunday(), 16, 45));
    let r: StatusResponse = status::status(&log.input, monday_morning(), 30);
    let json = serde_json::to_value(&r).unwrap();
    for key in [
        "at",
        "load",
        "daily",
        "muscles",
        "readiness",
        "caveats",
        "leg_readiness_pct",
    ] {
        assert!(json.get(key).is_some(), "missing {key}: {json:#}");
    }
    for key in [
        "acute",
        "chronic",
        "acwr",
        "ctl",
        "atl",
        "tsb",
        "ramp",
        "monotony",
        "strain",
        "usual_strain",
    ] {
        assert!(json["load"].get(key).is_some(), "missing load.{key}");
    }
    // Twelve weeks: every trend established, each with its days.
    for key in ["acwr_maturity", "form_maturity", "monotony_maturity"] {
        let m = &json["load"][key];
        assert_eq!(m["state"], "established", "{key}: {m}");
        assert_eq!(m["days"], 85, "{key}: {m}");
    }
    assert_eq!(json["load"]["form_maturity"]["days_needed"], 42);
    assert_eq!(json["load"]["acwr_maturity"]["days_needed"], 28);
    assert_eq!(json["daily"].as_array().unwrap().len(), 30);
    assert_eq!(json["daily"][29]["date"], "2026-03-02");
    assert!(json["daily"][0].get("load").is_some());
    assert_eq!(json["muscles"].as_array().unwrap().len(), Muscle::ALL.len());
    let quads = &json["muscles"][0];
    assert_eq!(quads["muscle"], "quads");
    assert!(quads["recovered_pct"].as_f64().unwrap() < 90.0);
    assert!(quads["ready_at"].is_string());
    let chest = json["muscles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["muscle"] == "chest")
        .unwrap();
    assert!(chest["ready_at"].is_null(), "{chest}");
    assert!(["green", "amber", "red"].contains(&json["readiness"]["level"].as_str().unwrap()));
    assert!(json["readiness"]["reasons"].is_array());
    // Round trip through the contract types.
    let back: StatusResponse = serde_json::from_value(json).unwrap();
    assert_eq!(back, r);
    // The heavy leg day shows: legs below the hard-running level until Tuesday.
    assert!(r.leg_readiness_pct < fatigue::LEGS_EASY_RUN_PCT);
    let ready = r.legs_ready_for_hard_running_at.unwrap().timestamp();
    assert!(ready > plus_hours(monday_morning(), 24.0));
    // Caveats say the ratio is a trend.
    assert!(r.caveats.iter().any(|c| c.code == "acwr_is_a_trend"));
}

#[test]
fn an_empty_log_and_one_day_do_not_panic() {
    let input = StatusInput {
        athlete: Athlete::example(),
        time_zone: TimeZone::get("America/New_York").unwrap(),
        sessions: vec![],
        lifts: vec![],
        runs: vec![],
        wellness: vec![],
        aliases: Default::default(),
    };
    let now = monday_morning();
    let r = status::status(&input, now, 14);
    assert_eq!(r.readiness.level, ReadinessLevel::Green);
    assert_eq!(r.daily.len(), 14);
    assert!(r.daily.iter().all(|d| d.load == 0.0));
    assert_eq!(r.load.acwr, None);
    assert_eq!(r.leg_readiness_pct, 100.0);
    assert!(r.caveats.iter().any(|c| c.code == "no_history"));
    assert!(status::status(&input, now, 0).daily.is_empty());
    // One session today.
    let mut log = Log::new();
    log.run(plus_hours(now, -1.5), 30.0, 150.0, 6.0);
    let r = status::status(&log.input, now, 1);
    assert_eq!(r.daily.len(), 1);
    assert!(r.load.acute > 0.0 && r.load.history_days == 1);
    for code in ["acwr_building", "form_building", "monotony_building"] {
        assert!(r.caveats.iter().any(|c| c.code == code), "{code}");
    }
    // Sessions after the instant are ignored.
    let r = status::status(&log.input, plus_hours(now, -3.0), 7);
    assert_eq!(r.load.acute, 0.0);
}
