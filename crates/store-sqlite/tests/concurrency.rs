//! Two `Store`s on one file (as two processes would be) writing at the same time: every write lands,
//! none fails with "database is locked", and the same file imported by both is imported once.

use afterlift_core::session::Wellness;
use afterlift_store::testdata::{leg_day, one_hour_run};
use afterlift_store::{ImportBatch, ImportOutcome, TimeFilter, content_hash};
use jiff::{SignedDuration, Timestamp};

const TASKS: usize = 24;

fn day(i: usize) -> Timestamp {
    let base: Timestamp = "2025-01-01T07:00:00Z".parse().unwrap();
    base + SignedDuration::from_hours(24 * i as i64)
}

fn run_batch(i: usize) -> ImportBatch {
    let mut run = one_hour_run(day(i));
    run.samples.truncate(900); // enough to make each transaction take a while
    ImportBatch {
        content_hash: content_hash(format!("run {i}").as_bytes()),
        path: format!("run-{i}.fit").into(),
        format: "fit".into(),
        activities: vec![run],
        ..ImportBatch::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_stores_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let a = afterlift_store_sqlite::open(&path).await.unwrap();
    let b = afterlift_store_sqlite::open(&path).await.unwrap();

    let mut handles = Vec::new();
    for i in 0..TASKS {
        let store = if i % 2 == 0 { a.clone() } else { b.clone() };
        handles.push(tokio::spawn(async move {
            store.import(run_batch(i)).await?;
            store
                .insert_lift(&leg_day(
                    day(i) + SignedDuration::from_hours(10),
                    60.0,
                    "hevy",
                ))
                .await?;
            let date = day(i).to_zoned(jiff::tz::TimeZone::UTC).date();
            store
                .upsert_wellness(
                    date,
                    &Wellness {
                        sleep_hours: Some(7.0),
                        ..Wellness::default()
                    },
                )
                .await?;
            store
                .record_advice(afterlift_store::NewAdvice {
                    at: day(i),
                    request_json: "{}".into(),
                    response_json: "{}".into(),
                })
                .await
        }));
    }
    for h in handles {
        h.await
            .unwrap()
            .expect("no write may fail while the other store writes");
    }
    assert_eq!(a.activities(&TimeFilter::all()).await.unwrap().len(), TASKS);
    assert_eq!(b.lifts(&TimeFilter::all()).await.unwrap().len(), TASKS);
    assert_eq!(
        a.wellness(
            day(0).to_zoned(jiff::tz::TimeZone::UTC).date(),
            jiff::civil::date(2100, 1, 1)
        )
        .await
        .unwrap()
        .len(),
        TASKS
    );
    assert_eq!(b.advice_log(&TimeFilter::all()).await.unwrap().len(), TASKS);

    // The same new file from both at once: one imports it, the other sees it imported.
    let same = run_batch(1000);
    let (ra, rb) = tokio::join!(a.import(same.clone()), b.import(same));
    let outcomes = [ra.unwrap(), rb.unwrap()];
    let imported = outcomes
        .iter()
        .filter(|o| matches!(o, ImportOutcome::Imported { .. }))
        .count();
    let already = outcomes
        .iter()
        .filter(|o| matches!(o, ImportOutcome::AlreadyImported { .. }))
        .count();
    assert_eq!((imported, already), (1, 1), "{outcomes:?}");
    a.check_integrity().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_creating_the_same_new_log_both_succeed() {
    // The race is over in a millisecond; run it a few times.
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let (a, b) = tokio::join!(
            afterlift_store_sqlite::open(&path),
            afterlift_store_sqlite::open(&path)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        a.insert_lift(&leg_day(day(round), 60.0, "manual"))
            .await
            .unwrap();
        assert_eq!(b.lifts(&TimeFilter::all()).await.unwrap().len(), 1);
    }
}
