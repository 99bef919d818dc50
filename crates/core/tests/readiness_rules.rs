//! The readiness rules as a table (issue 12, item 7): every rule of `readiness::RULES` can fire — on some
//! input it raises its own flag, and `assess` (which folds the table) reports it — and none fires for a
//! steady athlete.

use afterlift_core::contract::ReadinessLevel;
use afterlift_core::load::LoadMetrics;
use afterlift_core::load::series::load_metrics;
use afterlift_core::readiness::{
    self, EfficiencyTrend, Evidence, LiftTrend, RULES, Signals, assess,
};
use afterlift_core::session::Wellness;
use jiff::ToSpan;
use jiff::civil::{Date, date};

const TODAY: Date = date(2026, 11, 24);

fn day(ago: i64) -> Date {
    TODAY.checked_sub(ago.days()).unwrap()
}

/// 67 days of check-ins: a steady athlete, with `recent` applied to the last `days` of them.
fn check_ins(days: i64, recent: impl Fn(&mut Wellness)) -> Vec<(Date, Wellness)> {
    (0..67)
        .map(|ago| {
            let wobble = [-1.0, 0.0, 1.0, 0.0, -1.0, 1.0, 0.0][(ago % 7) as usize];
            let mut w = Wellness {
                sleep_hours: Some(7.5),
                sleep_quality: Some(2),
                fatigue: Some(3),
                soreness: Some(3),
                stress: Some(2),
                mood: Some(2),
                resting_hr_bpm: Some(52.0 + wobble),
                hrv_rmssd_ms: Some(60.0 * (1.0 + 0.05 * wobble)),
                pain: false,
                illness: false,
            };
            if ago < days {
                recent(&mut w);
            }
            (day(ago), w)
        })
        .collect()
}

/// Daily load: `before` AU for 70 days, then `week` AU for the last 7.
fn load(before: f64, week: f64) -> LoadMetrics {
    let daily: Vec<(Date, f64)> = (0..77)
        .rev()
        .map(|ago| (day(ago), if ago < 7 { week } else { before }))
        .collect();
    load_metrics(&daily)
}

struct Scenario {
    name: &'static str,
    wellness: Vec<(Date, Wellness)>,
    load: LoadMetrics,
    lifts: Vec<LiftTrend>,
    efficiency: Option<EfficiencyTrend>,
}

impl Scenario {
    fn steady(name: &'static str) -> Scenario {
        Scenario {
            name,
            wellness: check_ins(0, |_| {}),
            load: load(50.0, 50.0),
            lifts: Vec::new(),
            efficiency: None,
        }
    }

    fn signals(&self) -> Signals<'_> {
        Signals {
            wellness: &self.wellness,
            today: TODAY,
            load: &self.load,
            lifts: &self.lifts,
            efficiency: self.efficiency.as_ref(),
        }
    }
}

fn scenarios() -> Vec<Scenario> {
    vec![
        // Ten bad days: heart rate up, HRV down, exhausted, sleeping badly, ill and in pain.
        Scenario {
            wellness: check_ins(10, |w| {
                w.resting_hr_bpm = Some(62.0);
                w.hrv_rmssd_ms = Some(35.0);
                w.fatigue = Some(7);
                w.sleep_quality = Some(6);
                w.sleep_hours = Some(5.0);
                w.soreness = Some(6);
                w.illness = true;
                w.pain = true;
            }),
            ..Scenario::steady("a bad fortnight")
        },
        // Three tired days: persistent fatigue, amber.
        Scenario {
            wellness: check_ins(3, |w| w.fatigue = Some(5)),
            ..Scenario::steady("three tired days")
        },
        // Weaker and less efficient.
        Scenario {
            lifts: vec![LiftTrend {
                exercise: "Squat (Barbell)".into(),
                recent_e1rm_kg: 90.0,
                recent_sessions: 3,
                previous_e1rm_kg: 100.0,
                previous_sessions: 4,
            }],
            efficiency: Some(EfficiencyTrend {
                recent_m_per_beat: 1.0,
                recent_runs: 3,
                previous_m_per_beat: 1.2,
                previous_runs: 5,
                ceiling_bpm: 150.0,
            }),
            ..Scenario::steady("falling performance")
        },
        // Four times the usual load, the same every day.
        Scenario {
            load: load(50.0, 200.0),
            ..Scenario::steady("a load spike")
        },
    ]
}

#[test]
fn every_rule_in_the_table_can_fire() {
    let scenarios = scenarios();
    let mut codes: Vec<&str> = RULES.iter().map(|(code, _)| *code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), RULES.len(), "each rule has a code of its own");
    for (code, rule) in RULES {
        let fired = scenarios.iter().find_map(|s| {
            let signals = s.signals();
            rule(&Evidence::new(&signals)).map(|f| (s.name, f))
        });
        let Some((name, flag)) = fired else {
            panic!("the rule {code} fires on no scenario: give it one");
        };
        assert_eq!(flag.code, *code, "{name}");
        // `assess` folds the whole table: the flag is in its answer too.
        let s = scenarios.iter().find(|s| s.name == name).unwrap();
        assert!(assess(&s.signals()).has(code), "{name}: {code}");
    }
}

#[test]
fn no_rule_fires_for_a_steady_athlete() {
    let steady = Scenario::steady("steady");
    let signals = steady.signals();
    let evidence = Evidence::new(&signals);
    for (code, rule) in RULES {
        assert_eq!(rule(&evidence), None, "{code}");
    }
    let r = assess(&signals);
    assert_eq!(r.level, ReadinessLevel::Green, "{:?}", r.flags);
    assert!(r.resting_hr.is_some() && r.ln_rmssd.is_some() && r.hooper.is_some());
}

/// Both levels of the rules that have two are reachable.
#[test]
fn red_and_amber_are_both_reachable_where_a_rule_has_both() {
    let scenarios = scenarios();
    let levels = |code: &str| -> Vec<ReadinessLevel> {
        let mut v: Vec<ReadinessLevel> = scenarios
            .iter()
            .flat_map(|s| assess(&s.signals()).flags)
            .filter(|f| f.code == code)
            .map(|f| f.level)
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(
        levels("persistent_fatigue"),
        [ReadinessLevel::Amber, ReadinessLevel::Red]
    );
    assert!(levels("resting_hr_up").contains(&ReadinessLevel::Red));
    assert!(!readiness::RULES.is_empty());
}
