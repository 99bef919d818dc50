//! Issue 12, item 5: what is written is what the advisor accepts. A profile (or a check-in, or a lift typed
//! by hand) the advisor would refuse is refused when it is written, with the field named and the advisor's
//! own message — so the log can never hold a profile that makes every later advice fail.

use afterlift_app::AppError;
use afterlift_core::advice::context::Context;
use afterlift_core::contract::{
    AdviceRequest, AthleteInput, ExerciseInput, FieldError, InvalidRequest, LiftInput,
    ManualCardio, ManualLift, PlannedInput, PlannedKind, RaceResult, ReadinessInput, SetInput,
};
use afterlift_core::session::Sport;
use afterlift_core::{Athlete, Goal, Sex};
use afterlift_store::{Profile, Store, StoreError};
use jiff::Timestamp;
use jiff::civil::{Time, date};
use jiff::tz::TimeZone;
use proptest::prelude::*;
use serde_json::json;

async fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("afterlift.db"))
        .await
        .unwrap();
    (dir, store)
}

fn now() -> Timestamp {
    "2026-11-24T18:00:00Z".parse().unwrap()
}

fn athlete() -> Athlete {
    Athlete {
        age_years: 34.0,
        sex: Sex::Female,
        weight_kg: 62.0,
        resting_hr_bpm: Some(55.0),
        max_hr_bpm: None,
        hrv_rmssd_ms: Some(60.0),
        goal: Goal::General,
        concurrent_weeks: None,
        injury_prone: false,
    }
}

/// The advisor's errors for a request with this athlete, readiness and lift (`now` as given).
fn advisor_errors(
    athlete: AthleteInput,
    readiness: Option<ReadinessInput>,
    lift: Option<LiftInput>,
) -> Vec<FieldError> {
    let req = AdviceRequest {
        athlete,
        lift,
        planned: PlannedInput {
            kind: PlannedKind::Easy,
            minutes: None,
        },
        readiness,
        now: Some(now()),
        strategy: None,
    };
    match Context::from_request(&req, now()) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors,
    }
}

/// The message the advisor gives for `field`.
fn advisor_message(errors: &[FieldError], field: &str) -> String {
    errors
        .iter()
        .find(|e| e.field == field)
        .unwrap_or_else(|| panic!("the advisor names {field}: {errors:?}"))
        .message
        .clone()
}

fn invalid(e: AppError) -> Vec<FieldError> {
    match e {
        AppError::Invalid(InvalidRequest { errors }) => errors,
        other => panic!("expected invalid input, got {other}"),
    }
}

/// The reproduction: `afterlift profile set --hrv 1.5` (or `PUT /api/v1/profile` with it) was stored, and
/// from then on every advice from the log failed on `athlete.hrv_rmssd_ms` until the profile was fixed.
/// Now the write path and the store refuse it, naming the field with the advisor's message.
#[tokio::test]
async fn a_profile_with_an_hrv_the_advisor_refuses_is_not_stored() {
    let (_dir, store) = fresh().await;
    let poisoned = Profile::new(Athlete {
        hrv_rmssd_ms: Some(1.5),
        ..athlete()
    });
    let expected = advisor_message(
        &advisor_errors(poisoned.athlete_input(), None, None),
        "athlete.hrv_rmssd_ms",
    );
    assert_eq!(expected, "1.5 is out of range: expected 5–300 ms");

    // The use case behind `profile set` and `PUT /api/v1/profile`.
    let errors = invalid(
        afterlift_app::profile::save(&store, &poisoned, now())
            .await
            .unwrap_err(),
    );
    assert_eq!(
        errors,
        [FieldError {
            field: "athlete.hrv_rmssd_ms".into(),
            message: expected.clone()
        }]
    );
    // The store itself, for every other writer (an export restored).
    match store.set_profile(&poisoned).await.unwrap_err() {
        StoreError::Invalid { field, message } => {
            assert_eq!((field.as_str(), message), ("hrv_rmssd_ms", expected));
        }
        other => panic!("{other}"),
    }
    assert_eq!(store.profile().await.unwrap(), None, "nothing was written");

    // A profile the advisor accepts is stored, and the advice from the log is given.
    afterlift_app::profile::save(&store, &Profile::new(athlete()), now())
        .await
        .unwrap();
    let advised = afterlift_app::advise::advise(
        &store,
        None,
        json!({"planned": {"kind": "easy", "minutes": 30}}),
        now(),
        &TimeZone::UTC,
    )
    .await;
    assert!(advised.is_ok(), "{:?}", advised.err());
}

/// Every wrong field at once, with the advisor's messages; the maximum heart rate must be well above the
/// resting one.
#[tokio::test]
async fn every_wrong_field_of_a_profile_is_named_at_once() {
    let (_dir, store) = fresh().await;
    let p = Profile {
        race: Some(RaceResult {
            distance_m: 10_000.0,
            time_s: 2730.0,
            date: Some(date(2027, 1, 1)),
        }),
        time_zone: Some("Mars/Olympus".into()),
        ..Profile::new(Athlete {
            age_years: 3.0,
            resting_hr_bpm: Some(100.0),
            max_hr_bpm: Some(120.0),
            hrv_rmssd_ms: Some(400.0),
            ..athlete()
        })
    };
    let advisor = advisor_errors(p.athlete_input(), None, None);
    let errors = invalid(
        afterlift_app::profile::save(&store, &p, now())
            .await
            .unwrap_err(),
    );
    assert_eq!(
        errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        [
            "athlete.age",
            "athlete.hrv_rmssd_ms",
            "athlete.max_hr",
            "athlete.time_zone",
            "athlete.race.date"
        ]
    );
    assert_eq!(
        errors, advisor,
        "the same fields and messages as the advice"
    );
    assert!(
        errors[2]
            .message
            .contains("must be well above the resting heart rate")
    );
    assert_eq!(store.profile().await.unwrap(), None);

    // A maximum at, below or just above the resting heart rate is refused by the store too.
    for (rest, max) in [(110.0, 120.0), (100.0, 100.0), (100.0, 90.0)] {
        let p = Profile::new(Athlete {
            resting_hr_bpm: Some(rest),
            max_hr_bpm: Some(max),
            ..athlete()
        });
        let Err(StoreError::Invalid { field, .. }) = store.set_profile(&p).await else {
            panic!("a maximum of {max} with a resting {rest} bpm was stored");
        };
        assert_eq!(field, "max_hr");
    }
}

/// A check-in the advisor would refuse is not saved: every wrong answer named, with the advice's
/// messages (`readiness.hrv_rmssd_ms` there, `hrv_rmssd_ms` in a check-in).
#[tokio::test]
async fn a_check_in_the_advisor_refuses_is_not_saved() {
    let (_dir, store) = fresh().await;
    let day = date(2026, 11, 24);
    let given = ReadinessInput {
        sleep_hours: Some(20.0),
        fatigue: Some(9),
        resting_hr: Some(200.0),
        hrv_rmssd_ms: Some(1.5),
        ..ReadinessInput::default()
    };
    let advisor = advisor_errors(input(athlete()), Some(given), None);
    let errors = invalid(
        afterlift_app::journal::save_check_in(&store, day, &given, &[])
            .await
            .unwrap_err(),
    );
    assert_eq!(
        errors
            .iter()
            .map(|e| (format!("readiness.{}", e.field), e.message.clone()))
            .collect::<Vec<_>>(),
        advisor
            .iter()
            .map(|e| (e.field.clone(), e.message.clone()))
            .collect::<Vec<_>>(),
    );
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(store.wellness(day, day).await.unwrap().is_empty());
    // What the store's wider ranges used to keep (a night of 20 h, a resting heart rate of 200) it
    // refuses now, with the same message.
    let w = given.to_wellness();
    match store.upsert_wellness(day, &w).await.unwrap_err() {
        StoreError::Invalid { field, message } => {
            assert_eq!(field, "sleep_hours");
            assert_eq!(message, advisor_message(&advisor, "readiness.sleep_hours"));
        }
        other => panic!("{other}"),
    }
}

/// A lift typed by hand is checked as the advice checks its lift.
#[test]
fn a_manual_lift_is_checked_as_the_advice_checks_a_lift() {
    let sets = vec![
        SetInput {
            reps: 0,
            kg: Some(700.0),
            rpe: Some(11.0),
        },
        SetInput {
            reps: 5,
            kg: Some(100.0),
            rpe: None,
        },
    ];
    let exercises = vec![ExerciseInput {
        name: "Squat (Barbell)".into(),
        sets,
    }];
    let manual = ManualLift {
        minutes: Some(600.0),
        rpe: Some(0.0),
        exercises: exercises.clone(),
        ..ManualLift::default()
    };
    let errors = afterlift_app::journal::manual_lift(&manual, now())
        .unwrap_err()
        .errors;
    let advisor = advisor_errors(
        input(athlete()),
        None,
        Some(LiftInput {
            minutes: manual.minutes,
            rpe: manual.rpe,
            exercises,
            ..LiftInput::default()
        }),
    );
    assert_eq!(
        errors
            .iter()
            .map(|e| (format!("lift.{}", e.field), e.message.clone()))
            .collect::<Vec<_>>(),
        advisor
            .iter()
            .map(|e| (e.field.clone(), e.message.clone()))
            .collect::<Vec<_>>(),
    );
    assert_eq!(
        errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        [
            "minutes",
            "rpe",
            "exercises[0].sets[0].reps",
            "exercises[0].sets[0].kg",
            "exercises[0].sets[0].rpe"
        ]
    );
    let none = ManualLift::default();
    assert_eq!(
        afterlift_app::journal::manual_lift(&none, now())
            .unwrap_err()
            .errors[0]
            .field,
        "exercises"
    );
}

#[test]
fn a_manual_cardio_session_is_checked() {
    let run = ManualCardio {
        sport: Sport::Run,
        started_at: None,
        minutes: 30.0,
        distance_km: Some(5.0),
        avg_hr: Some(150.0),
        max_hr: Some(175.0),
        rpe: Some(5.0),
    };
    let a = afterlift_app::journal::manual_cardio(&run, now()).unwrap();
    assert_eq!((a.timer_s, a.distance_m), (1800.0, Some(5000.0)));
    assert_eq!(a.started_at.to_string(), "2026-11-24T17:30:00Z");
    let bad = ManualCardio {
        minutes: 0.5,
        avg_hr: Some(300.0),
        max_hr: Some(170.0),
        rpe: Some(12.0),
        ..run
    };
    let errors = afterlift_app::journal::manual_cardio(&bad, now())
        .unwrap_err()
        .errors;
    assert_eq!(
        errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["minutes", "avg_hr", "avg_hr", "rpe"],
        "{errors:?}"
    );
    assert_eq!(
        errors[1].message,
        "300 is out of range: expected 30–230 bpm"
    );
}

fn input(a: Athlete) -> AthleteInput {
    Profile::new(a).athlete_input()
}

/// Around a range: mostly inside it, sometimes just outside, sometimes not a number.
fn around(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    let span = hi - lo;
    prop_oneof![
        14 => lo..=hi,
        1 => (lo - span)..lo,
        1 => hi..(hi + span),
        1 => Just(f64::NAN),
        2 => prop_oneof![Just(lo), Just(hi)],
    ]
}

fn clock() -> impl Strategy<Value = Option<Time>> {
    prop::option::weighted(
        0.4,
        (0i8..24, 0i8..60).prop_map(|(h, m)| Time::new(h, m, 0, 0).unwrap()),
    )
}

fn race() -> impl Strategy<Value = Option<RaceResult>> {
    prop::option::of(
        (
            around(1500.0, 42_195.0),
            around(180.0, 30_000.0),
            prop::option::of(0i64..2000),
        )
            .prop_map(|(distance_m, time_s, ago)| RaceResult {
                distance_m,
                time_s,
                // Run before `now`: the store, which has no clock, cannot refuse a future date.
                date: ago.map(|d| {
                    date(2026, 11, 24)
                        .checked_sub(jiff::Span::new().days(d))
                        .unwrap()
                }),
            }),
    )
}

fn profile() -> impl Strategy<Value = Profile> {
    let zones = prop::sample::select(vec![
        None,
        None,
        None,
        Some("Europe/Berlin"),
        Some("Europe/Berlin"),
        Some("UTC"),
        Some("utc"),
        Some("America/New_York"),
        Some("Mars/Olympus"),
        Some(""),
    ]);
    (
        (
            around(10.0, 100.0),
            around(30.0, 250.0),
            prop::option::of(around(30.0, 110.0)),
            prop::option::of(around(120.0, 230.0)),
            prop::option::of(around(5.0, 300.0)),
            prop::option::of(0u32..3000),
        ),
        (zones, clock(), clock(), race()),
    )
        .prop_map(
            |((age, weight, rest, max, hrv, weeks), (zone, wake, sleep, race))| Profile {
                athlete: Athlete {
                    age_years: age,
                    weight_kg: weight,
                    resting_hr_bpm: rest,
                    max_hr_bpm: max,
                    hrv_rmssd_ms: hrv,
                    concurrent_weeks: weeks,
                    ..athlete()
                },
                time_zone: zone.map(str::to_string),
                wake_time: wake,
                sleep_time: sleep,
                race,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the write path or the store accepts, the advisor accepts: a stored profile never makes an
    /// advice fail. (And the write path refuses nothing the advisor would accept.)
    #[test]
    fn a_stored_profile_is_always_one_the_advisor_accepts(p in profile()) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let (_dir, store) = fresh().await;
            let checked = afterlift_app::profile::check(&p, now());
            let advisor = advisor_errors(p.athlete_input(), None, None);
            prop_assert_eq!(checked.is_ok(), advisor.is_empty(), "{:?} vs {:?}", checked, advisor);
            if let Err(e) = &checked {
                prop_assert_eq!(&e.errors, &advisor, "the same fields and messages");
            }
            if store.set_profile(&p).await.is_ok() {
                let stored = store.profile().await.unwrap().unwrap();
                let defaults = afterlift_app::from_log::defaults_from(
                    Some(&stored),
                    TimeZone::UTC,
                    None,
                    Default::default(),
                    None,
                    now(),
                );
                let errors = advisor_errors(defaults.athlete.unwrap(), None, None);
                prop_assert!(errors.is_empty(), "stored but refused by the advisor: {:?}", errors);
            }
            Ok(())
        })?;
    }
}
