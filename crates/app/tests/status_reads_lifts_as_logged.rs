//! The status reads each strength session from the log as it was logged: a warm-up set stays a warm-up (a
//! shorter set that adds no effort toward the muscles' fatigue) and a session RPE that was logged is the
//! one its load is made of — not every set a working set and the RPE guessed from the sets.

use afterlift_core::load::lift_load;
use afterlift_core::session::{ExerciseLog, SetKind, SetLog, StrengthSession};
use afterlift_core::{Athlete, Goal};
use afterlift_store::Profile;
use jiff::Timestamp;
use jiff::tz::TimeZone;

fn set(reps: u32, kg: f64, kind: SetKind) -> SetLog {
    SetLog {
        kind,
        ..SetLog::working(Some(reps), Some(kg), None)
    }
}

fn squat_day(started_at: Timestamp, rpe: Option<f64>) -> StrengthSession {
    StrengthSession {
        started_at,
        duration_s: None,
        title: None,
        rpe,
        source: "test".into(),
        exercises: vec![ExerciseLog {
            name: "Squat (Barbell)".into(),
            sets: vec![
                set(8, 40.0, SetKind::Warmup),
                set(5, 70.0, SetKind::Warmup),
                set(3, 90.0, SetKind::Warmup),
                set(5, 120.0, SetKind::Normal),
                set(5, 120.0, SetKind::Normal),
                set(5, 120.0, SetKind::Failure),
            ],
        }],
    }
}

#[tokio::test]
async fn warm_ups_and_the_logged_session_rpe_reach_the_status() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    let athlete = Athlete {
        goal: Goal::Strength,
        ..Athlete::example()
    };
    store
        .set_profile(&Profile::new(athlete.clone()))
        .await
        .unwrap();
    let monday: Timestamp = "2026-03-02T17:00:00Z".parse().unwrap();
    let thursday: Timestamp = "2026-03-05T17:00:00Z".parse().unwrap();
    let logged = [squat_day(monday, None), squat_day(thursday, Some(9.0))];
    for l in &logged {
        store.insert_lift(l).await.unwrap();
    }

    let at: Timestamp = "2026-03-06T08:00:00Z".parse().unwrap();
    let input = afterlift_app::status::input(&store, at, &TimeZone::UTC)
        .await
        .unwrap()
        .expect("a profile");
    let mut read = input.lifts.clone();
    read.sort_by_key(|l| l.started_at);
    assert_eq!(read.len(), 2);
    for (read, logged) in read.iter().zip(&logged) {
        assert_eq!(
            read.exercises, logged.exercises,
            "every set as logged, its kind too"
        );
        assert_eq!(read.rpe, logged.rpe, "the session RPE as logged");
        let load = input
            .sessions
            .iter()
            .find(|s| s.started_at == logged.started_at)
            .unwrap()
            .load;
        assert_eq!(
            load,
            lift_load(logged, &athlete).load,
            "the load the session as logged makes"
        );
    }
    // What reading them as logged changes: three warm-ups are neither as long nor as hard as working
    // sets (nor is the set to failure a normal one), and a logged RPE 9 is not the one the sets suggest.
    let as_working = StrengthSession {
        exercises: vec![ExerciseLog {
            name: "Squat (Barbell)".into(),
            sets: logged[0].exercises[0]
                .sets
                .iter()
                .map(|s| SetLog::working(s.reps, s.weight_kg, s.rpe))
                .collect(),
        }],
        ..logged[0].clone()
    };
    assert_ne!(
        lift_load(&as_working, &athlete).load,
        lift_load(&logged[0], &athlete).load
    );
    assert_ne!(
        lift_load(&logged[1], &athlete).load,
        lift_load(
            &StrengthSession {
                rpe: None,
                ..logged[1].clone()
            },
            &athlete
        )
        .load
    );
}
