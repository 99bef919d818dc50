//! The situation table: what a coach would sign, one line per situation, in `situations.toml`.
//!
//! Each situation gives the input (the athlete, what they lifted, what they planned, how they feel, and
//! optionally a named training log) and what the answer must be: verdict, modality, limits, rebooking,
//! carbohydrate bound, and reasons and words that must and must not appear. Each cites the sentence of the
//! source text (`running-after-a-workout.txt`) or the study it enforces. Adding a situation is adding a
//! table entry; the runner below only translates it.

#[path = "status_support/mod.rs"]
mod status_support;

use afterlift_core::advice::advise_with;
use afterlift_core::contract::{
    AdviceRequest, AdviceResponse, AthleteInput, Focus, Intensity, LiftInput, LoadLevel, Modality,
    PlannedInput, PlannedKind, RaceResult, ReadinessInput, Verdict,
};
use afterlift_core::notation;
use afterlift_core::status::{Status, snapshot};
use afterlift_core::{Goal, Sex};
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use status_support::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    situation: Vec<Situation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Situation {
    name: String,
    /// The sentence of the source text or the study this enforces.
    source: String,
    #[serde(default)]
    athlete: AthleteOverrides,
    /// What was lifted, in the notation people type (`squat 5x5@140 rpe 9`).
    lifted: Option<String>,
    focus: Option<Focus>,
    load: Option<LoadLevel>,
    lift_rpe: Option<f64>,
    #[serde(default = "default_lift_minutes")]
    lift_minutes: f64,
    /// Hours from the end of the lift to now (default 0: just finished).
    #[serde(default)]
    hours_since_lift: f64,
    /// `intervals:25`, `easy`, `none` (default).
    planned: Option<String>,
    #[serde(default)]
    readiness: ReadinessInput,
    /// A named training log (see `log`); the advice is then for the log's "now" unless `now` is given.
    log: Option<String>,
    /// RFC 3339; default 2026-11-24T18:00:00Z, or the log's Monday 07:00.
    now: Option<Timestamp>,
    /// The personal experiment's strategy in force (`run_separate_day`, …); default none.
    strategy: Option<afterlift_core::experiment::strategy::Strategy>,
    expect: Expect,
}

fn default_lift_minutes() -> f64 {
    60.0
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AthleteOverrides {
    goal: Option<Goal>,
    sex: Option<Sex>,
    age: Option<f64>,
    weight_kg: Option<f64>,
    resting_hr: Option<f64>,
    hrv_rmssd_ms: Option<f64>,
    concurrent_weeks: Option<u32>,
    injury_prone: Option<bool>,
    time_zone: Option<String>,
    wake_time: Option<jiff::civil::Time>,
    sleep_time: Option<jiff::civil::Time>,
    race: Option<RaceResult>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// Any of these verdicts.
    verdict: Option<Vec<Verdict>>,
    modality: Option<Vec<Modality>>,
    intensity_at_most: Option<Intensity>,
    intensity_at_least: Option<Intensity>,
    minutes_at_most: Option<u32>,
    minutes_at_least: Option<u32>,
    /// `none`, or the rebooking's bounds.
    later: Option<LaterExpect>,
    carbs_at_most_g: Option<f64>,
    carbs_at_least_g: Option<f64>,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    not_reasons: Vec<String>,
    /// Words some reason's message must contain (case-insensitive).
    #[serde(default)]
    says: Vec<String>,
    /// Words no reason's message may contain (case-insensitive).
    #[serde(default)]
    never_says: Vec<String>,
    /// At most this many reasons of kinds that encourage training when a stop rule wins.
    reasons_at_most: Option<usize>,
    /// The session now comes as warm-up + reps × work/recovery + cool-down (and with paces when true
    /// and the athlete has a race).
    structured: Option<bool>,
    paces: Option<bool>,
    /// The lift's own energy is given (a rest answer's energy line).
    lift_kcal: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LaterExpect {
    none: Option<bool>,
    /// At least this many hours after the lift.
    hours_after_lift_at_least: Option<f64>,
    /// Not before this instant.
    not_before_at_least: Option<Timestamp>,
    /// Exactly this local time, RFC 3339 with the offset, as the answer writes it.
    not_before: Option<String>,
    /// On a later local day than now.
    another_day: Option<bool>,
    /// Carries a readiness condition.
    conditional: Option<bool>,
    /// Local clock time within [from, to).
    between: Option<(jiff::civil::Time, jiff::civil::Time)>,
}

const DEFAULT_NOW: &str = "2026-11-24T18:00:00Z";

fn log(name: &str) -> (Status, Timestamp) {
    let now = monday_morning();
    let mut log = steady_log(last_sunday(), 12);
    match name {
        "steady" => {}
        "heavy_legs_yesterday" => heavy_leg_day(&mut log, at(last_sunday(), 16, 45)),
        "red_week" => {
            for (i, ago) in (0..7i64).rev().enumerate() {
                let d = last_sunday()
                    .checked_sub(jiff::Span::new().days(ago))
                    .unwrap();
                let w = log.wellness_mut(d);
                w.resting_hr_bpm = Some(54.0 + 1.5 * i as f64);
                w.sleep_hours = Some(5.5);
                w.sleep_quality = Some(5);
            }
        }
        "tempo_run_this_morning" => {
            // Monday 06:00: 45 min at 170 bpm (89 % of the measured 190 max).
            log.run(at(jiff::civil::date(2026, 3, 2), 6, 0), 45.0, 170.0, 10.5);
        }
        "first_lift_only" => {
            // Nothing logged but this morning's lift.
            log = Log::new();
            log.lift(
                at(jiff::civil::date(2026, 3, 2), 6, 0),
                60.0,
                8.0,
                vec![("Bench Press (Barbell)", sets(5, 5, 80.0, 8.0))],
            );
        }
        "six_on_one_off" => {
            // Five weeks of six training days and one rest day, the same every week.
            log = Log::new();
            let mut d = last_sunday()
                .checked_sub(jiff::Span::new().days(34))
                .unwrap();
            while d <= last_sunday() {
                match d.weekday() {
                    jiff::civil::Weekday::Sunday => {}
                    jiff::civil::Weekday::Monday
                    | jiff::civil::Weekday::Wednesday
                    | jiff::civil::Weekday::Friday => log.lift(
                        at(d, 18, 0),
                        60.0,
                        7.0,
                        vec![("Squat (Barbell)", sets(4, 5, 100.0, 8.0))],
                    ),
                    _ => log.run(at(d, 7, 0), 45.0, 135.0, 9.0),
                }
                log.wellness(d, steady_wellness(0));
                d = d.tomorrow().unwrap();
            }
        }
        other => panic!("unknown log '{other}'"),
    }
    (snapshot(&log.input, now), now)
}

fn request(s: &Situation, now: Timestamp) -> AdviceRequest {
    let a = &s.athlete;
    let lift =
        (s.lifted.is_some() || s.focus.is_some() || s.load.is_some() || s.lift_rpe.is_some()).then(
            || LiftInput {
                ended_at: Some(
                    now.checked_sub(SignedDuration::from_secs_f64(s.hours_since_lift * 3600.0))
                        .unwrap(),
                ),
                minutes: Some(s.lift_minutes),
                rpe: s.lift_rpe,
                focus: s.focus,
                load: s.load,
                exercises: s
                    .lifted
                    .as_deref()
                    .map(|t| notation::parse_lifted(t).expect("valid notation"))
                    .unwrap_or_default(),
            },
        );
    let (kind, minutes) = match s.planned.as_deref() {
        None | Some("none") => (PlannedKind::None, None),
        Some(text) => {
            let (kind, minutes) = text.split_once(':').unwrap_or((text, ""));
            let kind = match kind {
                "easy" => PlannedKind::Easy,
                "long" => PlannedKind::Long,
                "tempo" => PlannedKind::Tempo,
                "intervals" => PlannedKind::Intervals,
                other => panic!("unknown planned kind {other}"),
            };
            (kind, minutes.parse::<f64>().ok())
        }
    };
    AdviceRequest {
        athlete: AthleteInput {
            age: a.age.unwrap_or(34.0),
            sex: a.sex.unwrap_or(Sex::Male),
            weight_kg: a.weight_kg.unwrap_or(80.0),
            resting_hr: Some(a.resting_hr.unwrap_or(58.0)),
            max_hr: None,
            hrv_rmssd_ms: Some(a.hrv_rmssd_ms.unwrap_or(60.0)),
            goal: a.goal.unwrap_or(Goal::General),
            concurrent_weeks: Some(a.concurrent_weeks.unwrap_or(26)),
            injury_prone: a.injury_prone,
            time_zone: a.time_zone.clone(),
            wake_time: a.wake_time,
            sleep_time: a.sleep_time,
            race: a.race,
        },
        lift,
        planned: PlannedInput { kind, minutes },
        readiness: Some(s.readiness),
        now: Some(now),
        strategy: s.strategy,
    }
}

fn check(s: &Situation) -> Result<(), String> {
    let (status, now) = match s.log.as_deref() {
        Some(name) => {
            let (status, log_now) = log(name);
            (Some(status), s.now.unwrap_or(log_now))
        }
        None => (None, s.now.unwrap_or(DEFAULT_NOW.parse().unwrap())),
    };
    let req = request(s, now);
    let r: AdviceResponse = advise_with(&req, now, status.as_ref()).map_err(|e| e.to_string())?;
    let e = &s.expect;
    let mut fails: Vec<String> = Vec::new();
    let mut fail = |m: String| fails.push(m);
    if let Some(v) = &e.verdict
        && !v.contains(&r.verdict)
    {
        fail(format!("verdict {:?}, expected one of {v:?}", r.verdict));
    }
    if let Some(m) = &e.modality
        && !m.contains(&r.now.modality)
    {
        fail(format!(
            "modality {:?}, expected one of {m:?}",
            r.now.modality
        ));
    }
    if let Some(i) = e.intensity_at_most
        && r.now.intensity > i
    {
        fail(format!("intensity {:?} > {i:?}", r.now.intensity));
    }
    if let Some(i) = e.intensity_at_least
        && r.now.intensity < i
    {
        fail(format!("intensity {:?} < {i:?}", r.now.intensity));
    }
    if let Some(m) = e.minutes_at_most
        && r.now.minutes.max > m
    {
        fail(format!("minutes {} > {m}", r.now.minutes.max));
    }
    if let Some(m) = e.minutes_at_least
        && r.now.minutes.max < m
    {
        fail(format!("minutes {} < {m}", r.now.minutes.max));
    }
    if let Some(c) = e.carbs_at_most_g
        && r.refuel.carbs_g > c
    {
        fail(format!("carbs {} g > {c} g", r.refuel.carbs_g));
    }
    if let Some(c) = e.carbs_at_least_g
        && r.refuel.carbs_g < c
    {
        fail(format!("carbs {} g < {c} g", r.refuel.carbs_g));
    }
    if let Some(l) = &e.later {
        match (&r.later, l.none) {
            (Some(got), Some(true)) => fail(format!("a rebooking, expected none: {got:?}")),
            (None, Some(true)) => {}
            (None, _) => fail("no rebooking".into()),
            (Some(got), _) => {
                if let Some(h) = l.hours_after_lift_at_least
                    && got.hours_after_lift < h
                {
                    fail(format!(
                        "rebooked {} h after the lift < {h}",
                        got.hours_after_lift
                    ));
                }
                if let Some(t) = l.not_before_at_least
                    && got.not_before.timestamp() < t
                {
                    fail(format!("rebooked at {} < {t}", got.not_before));
                }
                let written = serde_json::to_value(got).unwrap()["not_before"].clone();
                if let Some(t) = &l.not_before
                    && written != serde_json::Value::String(t.clone())
                {
                    fail(format!("rebooked at {written}, expected {t}"));
                }
                let today = now.to_zoned(got.not_before.time_zone().clone()).date();
                if let Some(another) = l.another_day
                    && another != (got.not_before.date() > today)
                {
                    fail(format!(
                        "rebooked on {}, today is {today}",
                        got.not_before.date()
                    ));
                }
                if let Some(c) = l.conditional
                    && c != got.condition.is_some()
                {
                    fail(format!("condition {:?}", got.condition));
                }
                if let Some((from, to)) = l.between
                    && !(from <= got.not_before.time() && got.not_before.time() < to)
                {
                    fail(format!(
                        "rebooked at {} outside {from}–{to}",
                        got.not_before.time()
                    ));
                }
            }
        }
    }
    let codes: Vec<&str> = r.reasons.iter().map(|x| x.code.as_str()).collect();
    for c in &e.reasons {
        if !codes.contains(&c.as_str()) {
            fail(format!("missing reason {c}"));
        }
    }
    for c in &e.not_reasons {
        if codes.contains(&c.as_str()) {
            fail(format!("unexpected reason {c}"));
        }
    }
    let text: String = r
        .reasons
        .iter()
        .map(|x| x.message.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    for w in &e.says {
        if !text.contains(&w.to_lowercase()) {
            fail(format!("no reason says «{w}»"));
        }
    }
    for w in &e.never_says {
        if text.contains(&w.to_lowercase()) {
            fail(format!("a reason says «{w}»"));
        }
    }
    if let Some(want) = e.structured
        && want != r.now.structure.is_some()
    {
        fail(format!("structure {:?}", r.now.structure));
    }
    if let Some(want) = e.paces
        && want
            != r.now.structure.as_ref().is_some_and(|x| {
                x.paces.is_some() && x.blocks.iter().all(|b| b.work.pace_s_per_km.is_some())
            })
    {
        fail(format!("paces {:?}", r.now.structure));
    }
    if let Some(want) = e.lift_kcal
        && want != r.energy.lift_kcal.is_some_and(|k| k > 0.0)
    {
        fail(format!("lift energy {:?}", r.energy));
    }
    if let Some(n) = e.reasons_at_most
        && r.reasons.len() > n
    {
        fail(format!("{} reasons > {n}", r.reasons.len()));
    }
    if !r.disclaimer.contains("not medical advice") {
        fail("no disclaimer".into());
    }
    if fails.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  source: {}\n  {}\n  codes: {codes:?}\n  answer: {}",
            s.name,
            s.source,
            fails.join("\n  "),
            serde_json::to_string_pretty(&r).unwrap()
        ))
    }
}

#[test]
fn every_situation_in_the_table_holds() {
    let table: Table = toml::from_str(include_str!("situations.toml")).expect("situations.toml");
    assert!(
        table.situation.len() >= 40,
        "{} situations",
        table.situation.len()
    );
    let failures: Vec<String> = table
        .situation
        .iter()
        .filter_map(|s| check(s).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} situations fail:\n\n{}",
        failures.len(),
        table.situation.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_situation_cites_its_source() {
    let table: Table = toml::from_str(include_str!("situations.toml")).expect("situations.toml");
    for s in &table.situation {
        assert!(
            s.source.len() > 20,
            "{}: cite the sentence or the study",
            s.name
        );
    }
    let mut names: Vec<&str> = table.situation.iter().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        table.situation.len(),
        "situation names are unique"
    );
}
