//! Issue 15: personal experiments over the log — started (sized from the log's history, refused with the
//! field named), one at a time, followed by the advice and the week plan (washout days included; not
//! before the start, not after a stop), reported on deterministically, and carried by export/restore and
//! by `migrate` to PostgreSQL.

use afterlift_app::AppError;
use afterlift_app::experiment as exp;
use afterlift_core::contract::StartExperiment;
use afterlift_core::experiment::strategy::Comparison;
use afterlift_core::experiment::{OutcomeKind, OutcomeSpec, Status};
use afterlift_core::session::Wellness;
use afterlift_core::{Athlete, Goal};
use afterlift_store::{Profile, Store, StoreError};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

fn at(d: Date, h: i8) -> Timestamp {
    d.at(h, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

/// Wednesday 4 March 2026, when the experiments are declared; the default start is Monday 9 March.
fn declared() -> Date {
    date(2026, 3, 4)
}

async fn log() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    store
        .set_profile(&Profile {
            time_zone: Some("UTC".into()),
            ..Profile::new(Athlete {
                goal: Goal::General,
                max_hr_bpm: Some(190.0),
                resting_hr_bpm: Some(55.0),
                concurrent_weeks: Some(26),
                ..Athlete::example()
            })
        })
        .await
        .unwrap();
    (dir, store)
}

fn request(comparison: Comparison, kind: OutcomeKind, effect: f64) -> StartExperiment {
    StartExperiment::new(
        comparison,
        OutcomeSpec {
            kind,
            smallest_effect: effect,
        },
    )
}

fn field(e: AppError) -> String {
    match e {
        AppError::Invalid(i) => i.errors[0].field.clone(),
        other => panic!("expected Invalid, got {other}"),
    }
}

#[tokio::test]
async fn an_experiment_starts_next_monday_is_followed_and_stops() {
    let (_dir, store) = log().await;
    let tz = TimeZone::UTC;
    let now = at(declared(), 10);
    let mut r = request(
        Comparison::RunAfterLiftOrSeparateDay,
        OutcomeKind::EasyRunEfficiency { ceiling_bpm: None },
        0.03,
    );
    r.washout_days = 1;
    let started = exp::start(&store, r.clone(), now, &tz, 42).await.unwrap();
    let s = &started.protocol.schedule;
    assert_eq!(started.id, 1);
    assert_eq!(s.start, date(2026, 3, 9), "the Monday after");
    assert_eq!(started.seed, 42);
    assert_eq!(s.blocks(), 4, "no history: afterlift's default");
    assert_eq!(started.status, Status::NotStarted);
    assert!(started.today.is_none());
    assert_eq!(
        started.protocol.primary.kind,
        OutcomeKind::EasyRunEfficiency {
            ceiling_bpm: Some(134)
        },
        "the ceiling fixed at the start: 55 + 59 % of (190 − 55)"
    );
    // The stored one reads back the same.
    assert_eq!(exp::get(&store, 1, now, &tz).await.unwrap(), started);

    // A second one while it is open: refused, naming it.
    match exp::start(&store, r.clone(), now, &tz, 1).await {
        Err(AppError::Store(StoreError::Conflict(m))) => {
            assert!(m.contains("experiment 1"), "{m}")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }

    // Followed from the first day, washout included; not before.
    assert_eq!(
        exp::active_strategy(&store, date(2026, 3, 8))
            .await
            .unwrap(),
        None
    );
    for d in s.start.series(1.day()).take_while(|d| *d <= s.end()) {
        let arm = s.arm_on(d).unwrap();
        let (id, day) = exp::active_day(&store, d).await.unwrap().unwrap();
        assert_eq!(
            (id, day.arm, day.strategy),
            (1, arm, r.comparison.strategy(arm))
        );
        assert_eq!(day.in_washout, s.is_washout(d), "{d}");
    }
    assert_eq!(
        exp::active_strategy(&store, s.end().checked_add(1.day()).unwrap())
            .await
            .unwrap(),
        None
    );

    // The week plan and the advice follow the day's arm.
    let monday = s.start;
    let in_week = at(monday.checked_add(2.days()).unwrap(), 7);
    let plan = afterlift_app::plan::week(&store, monday, in_week, &tz)
        .await
        .unwrap()
        .unwrap();
    let want = r.comparison.strategy(s.arm_on(monday).unwrap());
    assert_eq!(plan.experiment.as_ref().map(|e| e.strategy), Some(want));
    let advised = afterlift_app::advise::advise(
        &store,
        None,
        serde_json::json!({"planned": {"kind": "easy", "minutes": 30}}),
        in_week,
        &tz,
    )
    .await
    .unwrap();
    assert_eq!(advised.request.strategy, Some(want));
    assert!(
        advised
            .response
            .reasons
            .iter()
            .any(|x| x.code.starts_with("experiment_")),
        "{:?}",
        advised.response.reasons
    );
    // A strategy the request names wins.
    let other = want.other();
    let advised = afterlift_app::advise::advise(
        &store,
        None,
        serde_json::json!({"planned": {"kind": "easy"}, "strategy": other}),
        in_week,
        &tz,
    )
    .await
    .unwrap();
    assert_eq!(advised.request.strategy, Some(other));

    // Stopped on the Wednesday: from that day on nothing follows it; a new one may start.
    let stop_day = monday.checked_add(9.days()).unwrap();
    let stopped = exp::stop(&store, 1, at(stop_day, 12), &tz).await.unwrap();
    assert_eq!(stopped.stopped_on, Some(stop_day));
    assert_eq!(stopped.status, Status::StoppedEarly);
    assert!(stopped.today.is_none());
    assert!(
        exp::active_strategy(&store, stop_day)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        exp::active_strategy(&store, stop_day.yesterday().unwrap())
            .await
            .unwrap()
            .is_some()
    );
    let plan = afterlift_app::plan::week(
        &store,
        stop_day.checked_add(5.days()).unwrap(),
        at(stop_day, 13),
        &tz,
    )
    .await
    .unwrap()
    .unwrap();
    assert!(plan.experiment.is_none());
    let next = exp::start(
        &store,
        request(Comparison::LiftOrRunFirst, OutcomeKind::Hrv, 0.05),
        at(stop_day, 13),
        &tz,
        7,
    )
    .await
    .unwrap();
    assert_eq!(next.id, 2);
    let listed: Vec<i64> = exp::list(&store, at(stop_day, 13), &tz)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(listed, [2, 1], "newest first");
    assert_eq!(
        exp::current(&store, at(stop_day, 13), &tz)
            .await
            .unwrap()
            .unwrap()
            .id,
        2
    );

    // Reports are reproducible: the same log and day, the same report.
    let a = exp::report(&store, 1, at(stop_day, 14), &tz).await.unwrap();
    let b = exp::report(&store, 1, at(stop_day, 14), &tz).await.unwrap();
    assert_eq!(a, b);
    assert_eq!(a.status, Status::StoppedEarly);
    assert_eq!(a.design.seed, 42);
    let st = exp::status(&store, Some(1), at(stop_day, 14), &tz)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(st.weeks_left, 0);
    assert_eq!(st.verdict, a.verdict);
    assert!(matches!(
        exp::report(&store, 9, at(stop_day, 14), &tz).await,
        Err(AppError::Store(StoreError::Missing(_)))
    ));
}

#[tokio::test]
async fn what_cannot_start_is_refused_with_the_field_named() {
    let (_dir, store) = log().await;
    let tz = TimeZone::UTC;
    let now = at(declared(), 10);
    let base = || request(Comparison::LiftOrRunFirst, OutcomeKind::RestingHr, 2.0);
    let mut r = base();
    r.start = Some(date(2026, 3, 2));
    assert_eq!(
        field(exp::start(&store, r, now, &tz, 1).await.unwrap_err()),
        "start",
        "outcomes are declared before the start"
    );
    let mut r = base();
    r.washout_days = 4;
    assert_eq!(
        field(exp::start(&store, r, now, &tz, 1).await.unwrap_err()),
        "washout_days"
    );
    let mut r = base();
    r.period_weeks = 3;
    assert_eq!(
        field(exp::start(&store, r, now, &tz, 1).await.unwrap_err()),
        "period_weeks"
    );
    let mut r = base();
    r.blocks = Some(3);
    assert_eq!(
        field(exp::start(&store, r, now, &tz, 1).await.unwrap_err()),
        "blocks"
    );
    let mut r = base();
    r.primary.smallest_effect = 0.0;
    assert_eq!(
        field(exp::start(&store, r, now, &tz, 1).await.unwrap_err()),
        "primary.smallest_effect"
    );
    let mut r = base();
    r.secondary.push(r.primary.clone());
    assert_eq!(
        field(exp::start(&store, r, now, &tz, 1).await.unwrap_err()),
        "secondary"
    );
    assert!(store.experiments().await.unwrap().is_empty());
    // Without a profile.
    let dir = tempfile::tempdir().unwrap();
    let empty = afterlift_store_sqlite::open(dir.path().join("empty.db"))
        .await
        .unwrap();
    assert_eq!(
        field(exp::start(&empty, base(), now, &tz, 1).await.unwrap_err()),
        "profile"
    );
}

/// 26 weeks of mornings with a resting heart rate of 52 ± 1 bpm: the minimum is computed from them, and
/// a smaller effect needs more blocks.
#[tokio::test]
async fn the_length_comes_from_the_athletes_own_history() {
    let (_dir, store) = log().await;
    let tz = TimeZone::UTC;
    let mut d = date(2025, 9, 1);
    let mut i = 0u32;
    while d < date(2026, 3, 9) {
        // A deterministic wobble: ±1 bpm over a 5-day cycle.
        let hr = 52.0 + [0.0, 1.0, -1.0, 0.5, -0.5][(i % 5) as usize];
        store
            .upsert_wellness(
                d,
                &Wellness {
                    resting_hr_bpm: Some(hr),
                    ..Wellness::default()
                },
            )
            .await
            .unwrap();
        d = d.tomorrow().unwrap();
        i += 1;
    }
    let now = at(declared(), 10);
    let big = exp::start(
        &store,
        request(Comparison::LiftOrRunFirst, OutcomeKind::RestingHr, 2.0),
        now,
        &tz,
        3,
    )
    .await
    .unwrap();
    let v = big.protocol.variability.expect("the history was read");
    assert!(v.periods >= 20, "{v:?}");
    let m = big.protocol.min_length.expect("a minimum from the history");
    assert!(m.power >= 0.8, "{m:?}");
    exp::stop(&store, big.id, now, &tz).await.unwrap();
    let small = exp::start(
        &store,
        request(Comparison::LiftOrRunFirst, OutcomeKind::RestingHr, 0.2),
        now,
        &tz,
        3,
    )
    .await
    .unwrap();
    assert!(
        small.protocol.min_blocks > big.protocol.min_blocks,
        "{} vs {}",
        small.protocol.min_blocks,
        big.protocol.min_blocks
    );
}

#[tokio::test]
async fn export_restore_and_migrate_carry_experiments() {
    let (_dir, store) = log().await;
    let tz = TimeZone::UTC;
    let now = at(declared(), 10);
    let first = exp::start(
        &store,
        request(Comparison::PostLiftRun15Or30, OutcomeKind::SessionRpe, 1.0),
        now,
        &tz,
        u64::MAX,
    )
    .await
    .unwrap();
    exp::stop(&store, first.id, at(date(2026, 3, 20), 9), &tz)
        .await
        .unwrap();
    let mut r = request(
        Comparison::CycleOrRunAfterLegs,
        OutcomeKind::E1rm {
            exercise: "Squat (Barbell)".into(),
        },
        2.5,
    );
    r.question = Some("Cycle or run after <legs> & why?".into());
    r.secondary.push(OutcomeSpec {
        kind: OutcomeKind::Hooper,
        smallest_effect: 2.0,
    });
    exp::start(&store, r, at(date(2026, 3, 21), 9), &tz, 11)
        .await
        .unwrap();

    // Export, then restore into a new log: the same experiments.
    let doc = afterlift_app::export::export(&store, now).await.unwrap();
    assert_eq!(doc.experiments.len(), 2);
    let bytes = serde_json::to_vec(&doc).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let other = afterlift_store_sqlite::open(dir.path().join("other.db"))
        .await
        .unwrap();
    let report =
        afterlift_app::export::restore(&other, "export.json", &"0".repeat(64), &bytes).await;
    assert!(
        report
            .message
            .as_deref()
            .unwrap_or("")
            .contains("2 of 2 experiments added"),
        "{report:?}"
    );
    let later = at(date(2026, 3, 25), 9);
    assert_eq!(
        exp::list(&other, later, &tz).await.unwrap(),
        exp::list(&store, later, &tz).await.unwrap()
    );
    // Restoring again adds nothing.
    let again =
        afterlift_app::export::restore(&other, "export.json", &"1".repeat(64), &bytes).await;
    assert!(
        again
            .message
            .as_deref()
            .unwrap_or("")
            .contains("0 of 2 experiments added"),
        "{again:?}"
    );
    assert_eq!(other.experiments().await.unwrap().len(), 2);
    // An export without experiments (version 3) still restores.
    let mut old: serde_json::Value = serde_json::to_value(&doc).unwrap();
    old.as_object_mut().unwrap().remove("experiments");
    old["afterlift_export"] = 3.into();
    let dir3 = tempfile::tempdir().unwrap();
    let third = afterlift_store_sqlite::open(dir3.path().join("third.db"))
        .await
        .unwrap();
    let report = afterlift_app::export::restore(
        &third,
        "old.json",
        &"2".repeat(64),
        &serde_json::to_vec(&old).unwrap(),
    )
    .await;
    assert_ne!(
        report.status,
        afterlift_core::contract::FileStatus::Error,
        "{report:?}"
    );

    // migrate to PostgreSQL: counted, checksummed, ids kept.
    let url = afterlift_store_postgres::testing::fresh_database().await;
    let target = afterlift_store_postgres::open(&url).await.unwrap();
    let m =
        afterlift_app::migrate::migrate(&store, &target, None, now, &afterlift_app::migrate::Quiet)
            .await
            .unwrap();
    assert_eq!(m.status, afterlift_app::migrate::MigrateStatus::Copied);
    let count = m.counts.iter().find(|c| c.kind == "experiments").unwrap();
    assert_eq!((count.source, count.target), (2, 2));
    assert_eq!(m.source_sha256, m.target_sha256);
    assert_eq!(
        target.experiments().await.unwrap(),
        store.experiments().await.unwrap()
    );
    // On PostgreSQL the next experiment continues the athlete's numbering.
    exp::stop(&target, 2, later, &tz).await.unwrap();
    let third = exp::start(
        &target,
        request(Comparison::HiitGap6hOr24h, OutcomeKind::SessionRpe, 1.0),
        later,
        &tz,
        5,
    )
    .await
    .unwrap();
    assert_eq!(third.id, 3);
    assert_eq!(
        exp::doc(&store.experiment(1).await.unwrap()).unwrap().seed,
        u64::MAX
    );
    assert_eq!(
        exp::current(&target, later, &tz).await.unwrap().unwrap().id,
        3
    );
}
