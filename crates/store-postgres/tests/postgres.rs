//! What the PostgreSQL backend adds to the conformance suite: the change feed between processes (two
//! logs on one database), ids numbered per athlete, the local athlete after migrations, and a
//! description without the password.

use std::time::Duration;

use afterlift_store::testdata::one_hour_run;
use afterlift_store::{AthleteId, EntryId, Log, NewAdvice};
use afterlift_store_postgres::PgLog;
use afterlift_store_postgres::testing::fresh_database;

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

/// Waits up to 10 s for `moved`.
async fn eventually(mut moved: impl FnMut() -> bool) -> bool {
    for _ in 0..200 {
        if moved() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// Another process's write (another log on the same database) moves the written athlete's version once
/// the reader follows other writers; advice does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_writers_commit_moves_the_version_through_notify() {
    let url = fresh_database().await;
    let reader = PgLog::open(&url).await.unwrap();
    let writer = PgLog::open(&url).await.unwrap();
    reader.follow_other_writers();
    reader.follow_other_writers(); // idempotent
    let a = AthleteId::LOCAL;
    // Let the listener start (it moves every version once it listens).
    let start = reader.version(a);
    assert!(
        eventually(|| reader.version(a) != start).await,
        "never listened"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;

    let before = reader.version(a);
    writer
        .insert_activity(a, &one_hour_run(ts("2025-03-01T07:00:00Z")))
        .await
        .unwrap();
    assert!(
        eventually(|| reader.version(a) != before).await,
        "another writer's commit did not move the version"
    );

    let settled = reader.version(a);
    writer
        .record_advice(
            a,
            NewAdvice {
                at: ts("2025-03-01T18:00:00Z"),
                request_json: "{}".into(),
                response_json: "{}".into(),
            },
        )
        .await
        .unwrap();
    // A write of another athlete, to know the feed has delivered what came before it.
    let other = AthleteId(7);
    let other_before = reader.version(other);
    writer
        .insert_activity(other, &one_hour_run(ts("2025-03-02T07:00:00Z")))
        .await
        .unwrap();
    assert!(eventually(|| reader.version(other) != other_before).await);
    assert_eq!(reader.version(a), settled, "advice moved the version");
    reader.close().await;
    writer.close().await;
}

/// Each athlete's ids start at 1 and grow without regard to the others' (nobody learns another
/// athlete's volume from gaps), and the local athlete exists after migrations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_are_numbered_per_athlete() {
    let url = fresh_database().await;
    let log = PgLog::open(&url).await.unwrap();
    let (a, b) = (AthleteId::LOCAL, AthleteId(2));
    let mut a_ids = Vec::new();
    for day in 1..=3 {
        let run = one_hour_run(ts(&format!("2025-03-0{day}T07:00:00Z")));
        a_ids.push(log.insert_activity(a, &run).await.unwrap());
    }
    let b_first = log
        .insert_activity(b, &one_hour_run(ts("2025-03-01T07:00:00Z")))
        .await
        .unwrap();
    assert_eq!(
        a_ids,
        [1, 2, 3].map(EntryId::Activity).to_vec(),
        "athlete 1 counts from 1"
    );
    assert_eq!(b_first, EntryId::Activity(1), "athlete 2 counts from 1 too");
    // A deleted id is never given again.
    log.delete(a, a_ids[2]).await.unwrap();
    let next = log
        .insert_activity(a, &one_hour_run(ts("2025-03-05T07:00:00Z")))
        .await
        .unwrap();
    assert_eq!(next, EntryId::Activity(4));
    let advice = |at: &str| NewAdvice {
        at: ts(at),
        request_json: "{}".into(),
        response_json: "{}".into(),
    };
    assert_eq!(
        log.record_advice(b, advice("2025-03-01T18:00:00Z"))
            .await
            .unwrap(),
        1
    );
    log.check_integrity().await.unwrap();
    log.close().await;
}

/// The description names user, host, port and database, never the password.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_description_has_no_password() {
    let url = fresh_database().await;
    // The test server trusts local connections, so any password is accepted and must not show.
    let with_password = url.replacen("postgres@", "postgres:s3cret-pw@", 1);
    assert_ne!(with_password, url, "{url}");
    let log = PgLog::open(&with_password).await.unwrap();
    let described = log.describe();
    assert!(!described.contains("s3cret-pw"), "{described}");
    let database = url.rsplit('/').next().unwrap();
    assert!(
        described.starts_with("postgres://postgres@") && described.ends_with(database),
        "{described}"
    );
    // A refused connection's error does not carry it either.
    let refused = PgLog::open("postgres://someone:s3cret-pw@127.0.0.1:1/nothing")
        .await
        .unwrap_err();
    assert!(
        !format!("{refused} {refused:?}").contains("s3cret-pw"),
        "{refused:?}"
    );
    log.close().await;
}

/// A token's look-up reads the owner's log version too (`Principal::own_log_version`), and a request's
/// handle that knows it answers `current_version` without a query — but never a stale one: after a
/// write of this process, or of another process before the look-up, it is the database's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_version_read_with_a_token_is_the_current_one_until_a_write() {
    use afterlift_store::Store;
    use afterlift_store::accounts::NewToken;
    use afterlift_store::accounts::{Accounts, Role, TokenKind};
    use std::sync::Arc;
    let url = fresh_database().await;
    let log = PgLog::open(&url).await.unwrap();
    let other = PgLog::open(&url).await.unwrap();
    let now = ts("2026-03-01T08:00:00Z");
    let user = log.add_user("ana", Role::Athlete, None, now).await.unwrap();
    let athlete = user.athlete.unwrap();
    log.add_token(&NewToken {
        user: user.id,
        kind: TokenKind::Api,
        label: "test",
        token_hash: "h1",
        created_at: now,
        expires_at: None,
    })
    .await
    .unwrap();
    let store = Store::new(Arc::new(log.clone()), athlete);
    let look_up = || async {
        let p = log.principal("h1", now).await.unwrap().unwrap();
        store
            .clone()
            .with_known_version(p.own_log_version.expect("read with the token"))
    };

    // Another process writes: the next look-up sees it.
    let known = look_up().await;
    assert_eq!(
        known.current_version().await.unwrap(),
        log.current_version(athlete).await.unwrap()
    );
    other
        .insert_activity(athlete, &one_hour_run(ts("2026-02-28T07:00:00Z")))
        .await
        .unwrap();
    let after_other = look_up().await;
    assert_ne!(
        after_other.current_version().await.unwrap(),
        known.current_version().await.unwrap(),
        "another process's write before the look-up is in the version read with it"
    );

    // This process writes after the look-up: the handle no longer trusts what it read.
    let stale = look_up().await;
    let read = stale.current_version().await.unwrap();
    log.insert_activity(athlete, &one_hour_run(ts("2026-02-27T07:00:00Z")))
        .await
        .unwrap();
    let now_current = log.current_version(athlete).await.unwrap();
    assert_ne!(read, now_current);
    assert_eq!(stale.current_version().await.unwrap(), now_current);
}
