//! Property tests of load, fatigue and readiness over generated logs:
//! - more recent load never raises readiness;
//! - recovery is monotone in time, and more sets never make a muscle more recovered;
//! - nothing panics or produces non-finite numbers, whatever the input.

use afterlift_core::catalogue::Muscle;
use afterlift_core::contract::ReadinessLevel;
use afterlift_core::fatigue::{CardioDose, MuscleFatigue};
use afterlift_core::load::{self, series};
use afterlift_core::session::{ExerciseLog, SetKind, SetLog, Sport, StrengthSession, Wellness};
use afterlift_core::status::{self, LoggedSession, RunSummary, SessionKind, StatusInput, snapshot};
use afterlift_core::{Athlete, Sex};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

const DAYS: i64 = 100;

fn last_day() -> Date {
    date(2026, 3, 1)
}

fn day(i: i64) -> Date {
    last_day()
        .checked_sub(jiff::Span::new().days(DAYS - 1 - i))
        .unwrap()
}

fn noon(d: Date) -> Timestamp {
    d.at(12, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

fn sport() -> impl Strategy<Value = Sport> {
    prop::sample::select(Sport::ALL.to_vec())
}

/// One generated day: up to two sessions and maybe a check-in.
#[derive(Debug, Clone)]
struct GenDay {
    sessions: Vec<(u8, Option<Sport>, f64)>,
    wellness: Option<Wellness>,
}

fn wellness() -> impl Strategy<Value = Wellness> {
    (
        prop::option::of(3.0f64..10.0),
        prop::option::of(1u8..=7),
        prop::option::of(1u8..=7),
        prop::option::of(1u8..=7),
        prop::option::of(1u8..=7),
        prop::option::of(40.0f64..80.0),
        prop::option::of(20.0f64..120.0),
        prop::bool::weighted(0.03),
    )
        .prop_map(
            |(sleep_hours, sleep_quality, fatigue, soreness, stress, rhr, hrv, illness)| Wellness {
                sleep_hours,
                sleep_quality,
                fatigue,
                soreness,
                stress,
                mood: None,
                resting_hr_bpm: rhr,
                hrv_rmssd_ms: hrv,
                pain: false,
                illness,
            },
        )
}

fn gen_day() -> impl Strategy<Value = GenDay> {
    (
        prop::collection::vec((5u8..22, prop::option::of(sport()), 0.0f64..900.0), 0..=2),
        prop::option::of(wellness()),
    )
        .prop_map(|(sessions, wellness)| GenDay { sessions, wellness })
}

fn history() -> impl Strategy<Value = Vec<GenDay>> {
    prop::collection::vec(gen_day(), DAYS as usize)
}

fn input(days: &[GenDay]) -> StatusInput {
    let mut sessions = Vec::new();
    let mut wellness = Vec::new();
    for (i, d) in days.iter().enumerate() {
        let date = day(i as i64);
        for &(hour, sport, load) in &d.sessions {
            let started_at = date
                .at(hour as i8, 0, 0, 0)
                .to_zoned(TimeZone::UTC)
                .unwrap()
                .timestamp();
            sessions.push(LoggedSession {
                started_at,
                duration_s: Some(3600.0),
                kind: sport.map_or(SessionKind::Lift, SessionKind::Cardio),
                load,
            });
        }
        if let Some(w) = &d.wellness {
            wellness.push((date, w.clone()));
        }
    }
    StatusInput {
        athlete: Athlete::example(),
        time_zone: TimeZone::UTC,
        sessions,
        lifts: Vec::new(),
        runs: Vec::new(),
        wellness,
        aliases: Default::default(),
    }
}

fn squat(started_at: Timestamp, sets: Vec<SetLog>) -> StrengthSession {
    StrengthSession {
        started_at,
        duration_s: Some(3600.0),
        title: None,
        rpe: None,
        source: "test".into(),
        exercises: vec![ExerciseLog {
            name: "Squat (Barbell)".into(),
            sets,
        }],
    }
}

fn set_strategy() -> impl Strategy<Value = SetLog> {
    (
        prop::option::of(1u32..20),
        prop::option::of(20.0f64..200.0),
        prop::option::of(5.0f64..10.0),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(reps, weight_kg, rpe, warm)| SetLog {
            reps,
            weight_kg,
            rpe,
            kind: if warm {
                SetKind::Warmup
            } else {
                SetKind::Normal
            },
            duration_s: None,
            distance_m: None,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Scaling up the loads of the last seven days never improves readiness: the ratio and the weekly jump
    /// only rise (the acute EWMA weighs recent days more than the chronic one), monotony is scale-free.
    #[test]
    fn more_recent_load_never_raises_readiness(days in history(), factor in 1.0f64..4.0) {
        let base = input(&days);
        let at = noon(last_day());
        let mut more = base.clone();
        let week_start = noon(day(DAYS - 7)).checked_sub(SignedDuration::from_hours(12)).unwrap();
        for s in &mut more.sessions {
            if s.started_at >= week_start {
                s.load *= factor;
            }
        }
        let (a, b) = (snapshot(&base, at), snapshot(&more, at));
        prop_assert!(b.readiness.level >= a.readiness.level, "{:?} -> {:?}\n{:#?}\n{:#?}", a.readiness.level, b.readiness.level, a.readiness.flags, b.readiness.flags);
        if let (Some(x), Some(y)) = (a.load.acwr(), b.load.acwr()) {
            prop_assert!(y >= x - 1e-9);
        }
        prop_assert!(b.leg_readiness_pct(at) <= a.leg_readiness_pct(at) + 1e-9);
    }

    /// Worse check-ins this week never improve readiness either.
    #[test]
    fn worse_wellness_never_raises_readiness(days in history(), bump in 1u8..4, rhr in 0.0f64..15.0) {
        let base = input(&days);
        let at = noon(last_day());
        let mut worse = base.clone();
        for (d, w) in &mut worse.wellness {
            if *d >= day(DAYS - 7) {
                w.fatigue = w.fatigue.map(|f| f.saturating_add(bump).min(7));
                w.sleep_quality = w.sleep_quality.map(|q| q.saturating_add(bump).min(7));
                w.resting_hr_bpm = w.resting_hr_bpm.map(|h| h + rhr);
            }
        }
        let (a, b) = (snapshot(&base, at), snapshot(&worse, at));
        prop_assert!(b.readiness.level >= a.readiness.level, "{:#?}\n{:#?}", a.readiness.flags, b.readiness.flags);
    }

    /// Recovery only rises with time, and one more set (a repeat of one done) never leaves a muscle more
    /// recovered. (A *heavier* set may: it reveals a higher 1RM, so unrated lighter sets are re-estimated as
    /// further from failure — more information, not less work.)
    #[test]
    fn recovery_is_monotone(
        sets in prop::collection::vec(set_strategy(), 0..12),
        repeat in any::<prop::sample::Index>(),
        run_load in 0.0f64..1000.0,
        h1 in 0.0f64..200.0,
        dh in 0.0f64..200.0,
    ) {
        let start: Timestamp = "2026-03-01T17:00:00Z".parse().unwrap();
        let at = start.checked_add(SignedDuration::from_hours(2)).unwrap();
        let cardio = [CardioDose { started_at: start, ended_at: at, sport: Sport::Run, load: run_load }];
        let f = MuscleFatigue::from_history(&[squat(start, sets.clone())], &cardio, at);
        let t1 = at.checked_add(SignedDuration::from_secs_f64(h1 * 3600.0)).unwrap();
        let t2 = t1.checked_add(SignedDuration::from_secs_f64(dh * 3600.0)).unwrap();
        let mut more_sets = sets.clone();
        if !sets.is_empty() {
            more_sets.push(sets[repeat.index(sets.len())]);
        }
        let g = MuscleFatigue::from_history(&[squat(start, more_sets)], &cardio, at);
        for m in Muscle::ALL {
            let (r1, r2) = (f.recovered_pct(m, t1), f.recovered_pct(m, t2));
            prop_assert!((0.0..=100.0).contains(&r1));
            prop_assert!(r2 >= r1 - 1e-12, "{m}: {r1} -> {r2}");
            prop_assert!(g.recovered_pct(m, t1) <= r1 + 1e-12);
            if let Some(ready) = f.ready_at(m, 90.0) {
                prop_assert!(ready > at);
                prop_assert!((f.recovered_pct(m, ready) - 90.0).abs() < 1e-6);
            } else {
                prop_assert!(f.recovered_pct(m, at) >= 90.0 - 1e-9);
            }
        }
        prop_assert!(f.leg_readiness_pct(t2) >= f.leg_readiness_pct(t1) - 1e-12);
    }

    /// Any numbers at all — NaN, infinities, negative durations, far-away dates — give a finite report.
    #[test]
    fn nothing_panics_and_everything_is_finite(
        loads in prop::collection::vec((any::<f64>(), -4_000_000_000i64..4_000_000_000, prop::option::of(any::<f64>())), 0..20),
        rhr in prop::collection::vec((0i64..120, any::<f64>(), any::<f64>()), 0..80),
        reps in prop::option::of(any::<u32>()),
        kg in prop::option::of(any::<f64>()),
        rpe in prop::option::of(any::<f64>()),
        run in (any::<f64>(), any::<f64>(), any::<f64>()),
        days in 0u32..400,
    ) {
        let at = noon(last_day());
        let sessions = loads
            .iter()
            .enumerate()
            .map(|(i, &(load, secs, duration_s))| LoggedSession {
                started_at: Timestamp::from_second(secs).unwrap(),
                duration_s,
                kind: if i % 3 == 0 { SessionKind::Lift } else { SessionKind::Cardio(Sport::Run) },
                load,
            })
            .collect();
        let wellness = rhr
            .iter()
            .map(|&(ago, h, v)| (last_day().checked_sub(jiff::Span::new().days(ago)).unwrap(), Wellness {
                resting_hr_bpm: Some(h),
                hrv_rmssd_ms: Some(v),
                fatigue: Some(6),
                ..Default::default()
            }))
            .collect();
        let lift = squat(at.checked_sub(SignedDuration::from_hours(3)).unwrap(), vec![SetLog { reps, weight_kg: kg, rpe, ..Default::default() }; 3]);
        let mut weird = lift.clone();
        weird.duration_s = Some(f64::NAN);
        let input = StatusInput {
            athlete: Athlete { sex: Sex::Female, resting_hr_bpm: Some(f64::NAN), max_hr_bpm: Some(-3.0), ..Athlete::example() },
            time_zone: TimeZone::get("Pacific/Auckland").unwrap(),
            sessions,
            lifts: vec![lift, weird],
            runs: vec![RunSummary { started_at: at, duration_s: run.0, distance_m: run.1, avg_hr_bpm: run.2 }],
            wellness,
            aliases: Default::default(),
        };
        let r = status::status(&input, at, days);
        // Serialisable: no NaN or infinity sneaks into the JSON.
        let json = serde_json::to_string(&r).unwrap();
        prop_assert!(!json.contains("NaN") && !json.contains("inf"));
        for x in [r.load.acute, r.load.chronic, r.load.ctl, r.load.atl, r.load.tsb, r.load.ramp, r.load.week, r.leg_readiness_pct] {
            prop_assert!(x.is_finite());
        }
        prop_assert!(r.muscles.iter().all(|m| m.recovered_pct.is_finite() && (0.0..=100.0).contains(&m.recovered_pct)));
        prop_assert_eq!(r.daily.len(), days as usize);
        // The loads themselves.
        for &(load, _, _) in &loads {
            let l = load::srpe_load(load, load);
            prop_assert!(l.is_finite() && l >= 0.0);
        }
        let _ = series::monotony(&loads.iter().map(|l| l.0).collect::<Vec<_>>());
        let s = snapshot(&input, at);
        prop_assert!(s.readiness.level <= ReadinessLevel::Red);
    }
}

/// `input` with a squat session for each lift and a run summary for each run (so that the muscles, the
/// e1RM history, the key runs and the VDOT estimate all have something to change).
fn full_input(days: &[GenDay]) -> StatusInput {
    let mut i = input(days);
    let working = SetLog {
        reps: Some(5),
        weight_kg: Some(100.0),
        rpe: Some(8.0),
        kind: SetKind::Normal,
        duration_s: None,
        distance_m: None,
    };
    for s in &i.sessions {
        match s.kind {
            SessionKind::Lift => i.lifts.push(squat(s.started_at, vec![working; 5])),
            SessionKind::Cardio(Sport::Run) => i.runs.push(RunSummary {
                started_at: s.started_at,
                duration_s: s.duration_s.unwrap_or(0.0),
                // Long or hard now and then, and each with a pace the VDOT estimate can use.
                distance_m: 8000.0 + s.load * 5.0,
                avg_hr_bpm: 130.0 + s.load / 20.0,
            }),
            SessionKind::Cardio(_) => {}
        }
    }
    i
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A snapshot re-used until the next change point and moved on ([`status::Status::later`]) gives the
    /// report a fresh one gives, field for field (the server's cache relies on it).
    #[test]
    fn a_snapshot_moved_on_reads_as_a_fresh_one(
        days in history(),
        hour in 0u32..24,
        minute in 0u32..60,
        ahead_min in 1i64..1440,
        length in prop::sample::select(vec![0u32, 7, 42, 400]),
    ) {
        let input = full_input(&days);
        let t0 = noon(last_day())
            .checked_sub(SignedDuration::from_hours(12))
            .unwrap()
            .checked_add(SignedDuration::from_mins(i64::from(hour * 60 + minute)))
            .unwrap();
        let changes = status::ChangePoints::of(&input);
        let t = t0.checked_add(SignedDuration::from_mins(ahead_min)).unwrap();
        match changes.steady_until(t0, &input.time_zone) {
            Some(until) if t < until => {
                let (s0, series) = status::snapshot_with_series(&input, t0, length);
                let reused = serde_json::to_value(status::report_of(&s0.later(t), &series, length)).unwrap();
                let fresh = serde_json::to_value(status::status(&input, t, length)).unwrap();
                prop_assert_eq!(reused, fresh);
            }
            Some(until) => prop_assert!(until > t0),
            None => {}
        }
    }
}

/// Leaving the key-run window is a change point: a long run ending 47 h before `t0` is a key run then and
/// not an hour later, so a snapshot of `t0` is not re-used past the window's end.
#[test]
fn a_key_run_leaving_its_window_ends_the_reuse() {
    let t0 = noon(last_day());
    let started_at = t0.checked_sub(SignedDuration::from_hours(49)).unwrap();
    let mut input = input(&[]);
    input.sessions.push(LoggedSession {
        started_at,
        duration_s: Some(5400.0),
        kind: SessionKind::Cardio(Sport::Run),
        load: 400.0,
    });
    input.runs.push(RunSummary {
        started_at,
        duration_s: 5400.0,
        distance_m: 16000.0,
        avg_hr_bpm: 140.0,
    });
    let until = status::ChangePoints::of(&input)
        .steady_until(t0, &TimeZone::UTC)
        .unwrap();
    let window_end = t0.checked_add(SignedDuration::from_mins(30)).unwrap();
    assert!(
        until < window_end,
        "{until} is past the key run's window end {window_end}"
    );
    assert_eq!(snapshot(&input, t0).key_runs.len(), 1);
    let after = window_end
        .checked_add(SignedDuration::from_secs(1))
        .unwrap();
    assert!(snapshot(&input, after).key_runs.is_empty());
}
