//! A kill in the middle of an import leaves the log consistent and without a trace of the import.
//!
//! The test runs itself as a child process (`crash_child`, which does nothing unless the parent sets
//! `CHILD_DB_ENV`): the child commits one small import, then starts a large one; the parent waits until
//! the child holds the write lock, lets it write for a moment, and kills it with SIGKILL. Then it reopens
//! the log, checks its integrity, and finds the small import and nothing of the large one.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use afterlift_core::session::Activity;
use afterlift_store::testdata::one_hour_run;
use afterlift_store::{ImportBatch, TimeFilter, content_hash};
use jiff::{SignedDuration, Timestamp};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor};

const CHILD_DB_ENV: &str = "AFTERLIFT_STORE_CRASH_CHILD_DB";
const BIG_ACTIVITIES: usize = 4000;

fn runs(n: usize, from: &str) -> Vec<Activity> {
    let base: Timestamp = from.parse().unwrap();
    let mut template = one_hour_run(base);
    template.samples.truncate(600);
    (0..n)
        .map(|i| Activity {
            started_at: base + SignedDuration::from_hours(2 * i as i64),
            ..template.clone()
        })
        .collect()
}

fn batch(name: &str, activities: Vec<Activity>) -> ImportBatch {
    ImportBatch {
        content_hash: content_hash(name.as_bytes()),
        path: name.into(),
        format: "fit".into(),
        activities,
        ..ImportBatch::default()
    }
}

/// The child's side; a no-op in a normal test run.
#[tokio::test]
async fn crash_child() {
    let Ok(path) = std::env::var(CHILD_DB_ENV) else {
        return;
    };
    let store = afterlift_store_sqlite::open(&path).await.unwrap();
    store
        .import(batch("small.fit", runs(3, "2020-01-01T07:00:00Z")))
        .await
        .unwrap();
    println!("READY");
    store
        .import(batch(
            "big.fit",
            runs(BIG_ACTIVITIES, "2021-01-01T07:00:00Z"),
        ))
        .await
        .unwrap();
    println!("DONE");
}

/// Whether another connection holds the write lock right now.
async fn write_locked(path: &std::path::Path) -> bool {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .busy_timeout(Duration::ZERO)
        .connect()
        .await
        .unwrap();
    let locked = match conn.execute("BEGIN IMMEDIATE").await {
        Ok(_) => {
            conn.execute("ROLLBACK").await.unwrap();
            false
        }
        Err(_) => true,
    };
    conn.close().await.unwrap();
    locked
}

#[tokio::test]
async fn kill_during_import_leaves_the_log_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "crash_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CHILD_DB_ENV, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines
            .by_ref()
            .map_while(Result::ok)
            .any(|l| l.ends_with("READY")),
        "the child never got to the large import"
    );

    // Wait for the large import's transaction to hold the write lock, then let it write a while.
    let deadline = Instant::now() + Duration::from_secs(60);
    while !write_locked(&path).await {
        assert!(
            Instant::now() < deadline,
            "the child never took the write lock"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // A short moment only: the import writes thousands of activities, but the store is quick.
    tokio::time::sleep(Duration::from_millis(10)).await;
    child.kill().unwrap(); // SIGKILL: no destructors, no rollback
    child.wait().unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        !rest.iter().any(|l| l.contains("DONE")),
        "the import finished before the kill; make it larger"
    );

    let wal_bytes = std::fs::metadata(path.with_extension("db-wal")).map_or(0, |m| m.len());
    println!("WAL left by the killed import: {wal_bytes} bytes");
    let store = afterlift_store_sqlite::open(&path).await.unwrap();
    store.check_integrity().await.unwrap();
    let activities = store.activities(&TimeFilter::all()).await.unwrap();
    assert_eq!(
        activities.len(),
        3,
        "only the committed small import remains"
    );
    let big = content_hash(b"big.fit");
    assert!(store.ledger(&big).await.unwrap().is_empty());
    assert_eq!(store.imported_ids(&big).await.unwrap(), None);
    // And the log takes writes again.
    store
        .import(batch("big.fit", runs(5, "2021-01-01T07:00:00Z")))
        .await
        .unwrap();
    assert_eq!(store.activities(&TimeFilter::all()).await.unwrap().len(), 8);
}
