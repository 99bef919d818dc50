//! Issue 10: after a red week, the plan and the progression step back — learnt from the log.
//!
//! Four ordinary weeks (a lift on Monday with a 25-minute run after it, easy runs on Tuesday and Thursday,
//! a long run on Saturday), then a running camp: three hours a day for a week — readiness at its end is
//! amber or red. The next week, planned from the log, is a deload; the progression does not build on the
//! camp.

use afterlift_core::contract::{
    LoadLevel, ProgressionDecision, ReadinessLevel, SessionKind, SessionStatus,
};
use afterlift_core::session::{Activity, ExerciseLog, SetLog, Sport, StrengthSession};
use afterlift_core::{Athlete, Goal};
use afterlift_store::{Profile, Store};
use jiff::civil::{Date, Weekday, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

fn at(d: Date, h: i8, m: i8) -> Timestamp {
    d.at(h, m, 0, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

fn run(start: Timestamp, minutes: f64, avg_hr: f64) -> Activity {
    Activity {
        sport: Sport::Run,
        started_at: start,
        utc_offset_s: None,
        timer_s: minutes * 60.0,
        elapsed_s: minutes * 60.0,
        distance_m: Some(minutes * 180.0),
        avg_hr_bpm: Some(avg_hr),
        max_hr_bpm: None,
        calories_kcal: None,
        rpe: None,
        source: "test".into(),
        samples: Vec::new(),
        laps: Vec::new(),
    }
}

fn lift(start: Timestamp) -> StrengthSession {
    StrengthSession {
        started_at: start,
        duration_s: Some(3600.0),
        title: None,
        rpe: None,
        source: "test".into(),
        exercises: vec![ExerciseLog {
            name: "Bench Press (Barbell)".into(),
            sets: vec![SetLog::working(Some(8), Some(60.0), Some(8.0)); 5],
        }],
    }
}

/// Monday 2 February 2026: the log's first day.
fn first_day() -> Date {
    date(2026, 2, 2)
}

/// Monday 9 March 2026: the week after the camp.
fn week_after() -> Date {
    date(2026, 3, 9)
}

async fn log() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    store
        .set_profile(&Profile::new(Athlete {
            goal: Goal::General,
            concurrent_weeks: Some(26),
            ..Athlete::example()
        }))
        .await
        .unwrap();
    let mut d = first_day();
    // Four ordinary weeks: 25 + 40 + 45 + 70 = 180 running minutes a week.
    while d < date(2026, 3, 2) {
        match d.weekday() {
            Weekday::Monday => {
                store.insert_lift(&lift(at(d, 17, 0))).await.unwrap();
                store
                    .insert_activity(&run(at(d, 18, 5), 25.0, 130.0))
                    .await
                    .unwrap();
            }
            Weekday::Tuesday => {
                store
                    .insert_activity(&run(at(d, 7, 0), 40.0, 130.0))
                    .await
                    .unwrap();
            }
            Weekday::Thursday => {
                store
                    .insert_activity(&run(at(d, 7, 0), 45.0, 130.0))
                    .await
                    .unwrap();
            }
            Weekday::Saturday => {
                store
                    .insert_activity(&run(at(d, 8, 0), 70.0, 128.0))
                    .await
                    .unwrap();
            }
            _ => {}
        }
        d = d.tomorrow().unwrap();
    }
    // The camp: three hours a day, Monday 2 to Sunday 8 March.
    while d < week_after() {
        store
            .insert_activity(&run(at(d, 7, 0), 180.0, 132.0))
            .await
            .unwrap();
        d = d.tomorrow().unwrap();
    }
    (dir, store)
}

#[tokio::test]
async fn the_week_after_a_red_week_is_a_deload() {
    let (_dir, store) = log().await;
    let now = at(week_after(), 6, 0);

    // How each week ended, from the log: the ordinary weeks green, the camp amber or red.
    let ends: Vec<Timestamp> = (1..=5)
        .map(|w| {
            at(first_day(), 0, 0)
                .checked_add((w * 7 * 24).hours())
                .unwrap()
                .checked_sub(1.second())
                .unwrap()
        })
        .collect();
    let levels = afterlift_app::status::levels_at(&store, &ends, &TimeZone::UTC)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&levels[..4], &[ReadinessLevel::Green; 4], "{levels:?}");
    assert!(levels[4] >= ReadinessLevel::Amber, "{levels:?}");

    // The week plan from the log: the usual week as a deload.
    let plan = afterlift_app::plan::week(&store, week_after(), now, &TimeZone::UTC)
        .await
        .unwrap()
        .unwrap();
    let request = afterlift_app::plan::week_request(&store, week_after(), &TimeZone::UTC)
        .await
        .unwrap()
        .unwrap();
    let usual = afterlift_core::plan::plan_week(&request);
    let sessions: Vec<(usize, &afterlift_core::contract::PlannedSession)> = plan
        .days
        .iter()
        .enumerate()
        .flat_map(|(i, d)| d.sessions.iter().map(move |s| (i, s)))
        .filter(|(_, s)| !matches!(s.kind, SessionKind::Rest | SessionKind::Mobility))
        .collect();
    assert!(!sessions.is_empty());
    let minutes: u32 = sessions.iter().map(|(_, s)| s.minutes).sum();
    let usual_minutes: u32 = usual
        .days
        .iter()
        .flat_map(|d| &d.sessions)
        .map(|s| s.minutes)
        .sum();
    assert!(
        f64::from(minutes) <= 0.6 * f64::from(usual_minutes),
        "{minutes} vs {usual_minutes}"
    );
    for (day, s) in &sessions {
        assert_eq!(s.status, SessionStatus::Planned);
        assert!(
            s.why.contains("Deload week: last week's readiness was"),
            "{}",
            s.why
        );
        let hard = matches!(
            s.kind,
            SessionKind::Long | SessionKind::Tempo | SessionKind::Intervals
        ) || s.load == Some(LoadLevel::Heavy);
        assert!(!(hard && *day < 2), "hard on day {day}: {s:?}");
    }

    // The progression: the post-lift run steps back, weekly running is half a good week, not the camp's.
    let p = afterlift_app::replan::progression(&store, now, &TimeZone::UTC)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.decision, ProgressionDecision::StepBack, "{p:#?}");
    assert_eq!((p.current_minutes, p.next_minutes), (25, 20));
    assert!(p.reasons.iter().any(|r| r.code == "step_back_deload"));
    assert_eq!(
        p.next_weeks[0].max_running_minutes, 90,
        "{:?}",
        p.next_weeks
    );
    assert!(
        p.next_weeks.iter().all(|w| w.max_running_minutes <= 205),
        "{:?}",
        p.next_weeks
    );
}
