//! Partial imports (activities read from a damaged file, up to the damage): which later import of the
//! same session replaces them, and which does not. `crates/app/tests/partial_import.rs` runs the same
//! with a real FIT file and its damaged copy.

use afterlift_core::contract::FileStatus;
use afterlift_core::session::{Activity, Sport};
use afterlift_store::testdata::one_hour_run;
use afterlift_store::{ImportBatch, ImportOutcome, Store, TimeFilter, content_hash};

const START: &str = "2025-03-01T07:00:00Z";

/// The first `minutes` of the hour run, as a watch whose battery died leaves it.
fn cut(run: &Activity, minutes: u32) -> Activity {
    let mut a = run.clone();
    a.samples.retain(|s| s.offset_s < minutes * 60);
    a.elapsed_s = f64::from(minutes * 60);
    a.timer_s = a.elapsed_s;
    a.distance_m = a.samples.iter().rev().find_map(|s| s.distance_m);
    a
}

fn batch(name: &str, a: Activity, partial: bool) -> ImportBatch {
    ImportBatch {
        content_hash: content_hash(name.as_bytes()),
        path: name.into(),
        format: "fit".into(),
        activities: vec![a],
        partial: partial.then(|| format!("{name}: damaged at byte 1000: test")),
        ..ImportBatch::default()
    }
}

fn replaced(o: &ImportOutcome) -> bool {
    matches!(o, ImportOutcome::Imported { duplicates, .. } if duplicates.iter().any(|d| d.replaced_partial))
}

async fn only(store: &Store) -> Activity {
    let rows = store.activities(&TimeFilter::all()).await.unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    store.activity(1).await.unwrap().activity
}

#[tokio::test]
async fn a_partial_activity_is_replaced_by_more_of_the_same_session_and_never_the_reverse() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(&dir.path().join("log.db"))
        .await
        .unwrap();
    let run = one_hour_run(START.parse().unwrap());
    let n_20 = cut(&run, 20).samples.len();

    // 20 minutes of a damaged copy, of unknown sport (the session message was lost).
    let mut first = cut(&run, 20);
    first.sport = Sport::Other;
    let o = store
        .import(batch("cut-20.fit", first, true))
        .await
        .unwrap();
    assert_eq!(o.status(), FileStatus::Imported);
    assert_eq!(only(&store).await.samples.len(), n_20);
    let ledger = store.ledger(&content_hash(b"cut-20.fit")).await.unwrap();
    assert!(ledger[0].partial.as_deref().unwrap().contains("byte 1000"));

    // A shorter damaged copy of the same run: not more data, left alone — but it names the sport.
    let o = store
        .import(batch("cut-10.fit", cut(&run, 10), true))
        .await
        .unwrap();
    assert_eq!(o.status(), FileStatus::Duplicate);
    assert!(!replaced(&o));
    let a = only(&store).await;
    assert_eq!(a.samples.len(), n_20);
    assert_eq!(a.sport, Sport::Run);

    // A longer damaged copy: more data, it replaces — and is still partial.
    let o = store
        .import(batch("cut-40.fit", cut(&run, 40), true))
        .await
        .unwrap();
    assert!(replaced(&o), "{o:?}");
    assert_eq!(o.status(), FileStatus::Imported);
    let a = only(&store).await;
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.samples.len(), cut(&run, 40).samples.len());

    // The whole file: it replaces, and the entry is whole from then on.
    let o = store
        .import(batch("run.fit", run.clone(), false))
        .await
        .unwrap();
    assert!(replaced(&o), "{o:?}");
    let a = only(&store).await;
    assert_eq!(a.samples.len(), run.samples.len());
    assert_eq!(a.elapsed_s, run.elapsed_s);
    assert_eq!(a.distance_m, run.distance_m);

    // Another whole recording of the same session is merged as before (not a replacement), and a
    // longer damaged copy no longer replaces the whole one.
    let mut other = run.clone();
    other.source = "gpx".into();
    let o = store.import(batch("run.gpx", other, false)).await.unwrap();
    assert!(!replaced(&o));
    assert_eq!(o.status(), FileStatus::Duplicate);
    let o = store
        .import(batch("cut-50.fit", cut(&run, 50), true))
        .await
        .unwrap();
    assert!(!replaced(&o));
    let a = only(&store).await;
    assert_eq!(a.samples.len(), run.samples.len());
    assert_eq!(a.source, run.source);
}

#[tokio::test]
async fn a_partial_activity_of_unknown_sport_is_not_merged_into_a_session_at_another_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(&dir.path().join("log.db"))
        .await
        .unwrap();
    let run = one_hour_run(START.parse().unwrap());
    store
        .import(batch("run.fit", run.clone(), false))
        .await
        .unwrap();
    // The next morning's damaged ride of unknown sport is its own activity.
    let mut ride = cut(&run, 30);
    ride.sport = Sport::Other;
    ride.started_at = "2025-03-02T07:00:00Z".parse().unwrap();
    let o = store
        .import(batch("ride-cut.fit", ride, true))
        .await
        .unwrap();
    assert_eq!(o.status(), FileStatus::Imported);
    assert_eq!(store.activities(&TimeFilter::all()).await.unwrap().len(), 2);
}
