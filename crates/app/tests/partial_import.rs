//! A FIT file damaged after valid data, end to end: read up to the damage, stored in one transaction,
//! marked partial in the ledger and the report — and replaced by the whole file when it comes.
//!
//! The damaged copy is the real Fenix 2 run of `testdata/fit/activity-small-fenix2-run.fit` cut at
//! byte 60,000, in the middle of its 1,392nd record (which starts at byte 59,987), as a watch whose
//! battery died leaves it: no session, lap or activity message (they are written at the end). Reference
//! values from Python's fitdecode 0.11 over the whole file: 2809 records, 2832 s, 9008.22 m, mean heart
//! rate 153.976 (the session has none); over its first 1391 records: 14:45:08–15:08:33 (1405 s),
//! 5005.99 m, mean heart rate 155.896.

use afterlift_app::import::import_bytes;
use afterlift_core::contract::FileStatus;
use afterlift_core::session::Sport;
use afterlift_formats::ReadOptions;
use afterlift_store::{Store, TimeFilter, content_hash};

fn data(rel: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(&dir.path().join("log.db"))
        .await
        .unwrap();
    (dir, store)
}

#[tokio::test]
async fn a_damaged_file_imports_partial_and_the_whole_file_replaces_it() {
    let (_dir, store) = store().await;
    let opts = ReadOptions::default();
    let whole = data("fit/activity-small-fenix2-run.fit");
    let cut = &whole[..60_000];

    // The damaged copy: what precedes the damage, reported and recorded as partial.
    let reports = import_bytes(&store, "run-cut.fit", cut, &opts).await;
    assert_eq!(reports.files.len(), 1, "{reports:?}");
    let r = &reports.files[0];
    assert_eq!(r.status, FileStatus::Partial, "{r:?}");
    let message = r.message.as_deref().unwrap();
    assert!(
        message.contains("before byte 59987 of 60000") && message.contains("1391 records"),
        "{message}"
    );
    assert_eq!(r.activities.as_deref(), Some(&["a1".to_string()][..]));
    let ledger = store.ledger(&content_hash(cut)).await.unwrap();
    assert_eq!(ledger.len(), 1);
    assert_eq!(
        ledger[0].status,
        FileStatus::Partial,
        "the ledger names it as the report did"
    );
    let partial = ledger[0]
        .partial
        .as_deref()
        .expect("the ledger marks it partial");
    assert!(
        partial.contains("damaged at byte 59987") && partial.contains("expected 30 more bytes"),
        "{partial}"
    );
    let kept = store.activity(1).await.unwrap().activity;
    assert_eq!(
        kept.sport,
        Sport::Other,
        "no message left says it was a run"
    );
    assert_eq!(kept.started_at, "2015-08-15T14:45:08Z".parse().unwrap());
    assert_eq!(kept.samples.len(), 1391);
    assert!(close(kept.elapsed_s, 1405.0, 1e-9), "{}", kept.elapsed_s);
    assert!(close(kept.distance_m.unwrap(), 5005.99, 1e-6));
    assert!(close(kept.avg_hr_bpm.unwrap(), 155.895_758, 1e-5));

    // The same damaged bytes again: already imported.
    let again = import_bytes(&store, "run-cut.fit", cut, &opts).await;
    assert_eq!(again.files[0].status, FileStatus::Duplicate, "{again:?}");

    // The whole file: the same session (overlapping time), so it replaces the partial activity — its
    // sport, samples, distance and times — instead of being merged away as a duplicate.
    let reports = import_bytes(&store, "run.fit", &whole, &opts).await;
    let r = &reports.files[0];
    assert_eq!(r.status, FileStatus::Imported, "{r:?}");
    assert!(
        r.message
            .as_deref()
            .unwrap_or_default()
            .contains("replaced the partial import of a1"),
        "{r:?}"
    );
    assert_eq!(r.activities.as_deref(), Some(&["a1".to_string()][..]));
    let all = store.activities(&TimeFilter::all()).await.unwrap();
    assert_eq!(all.len(), 1, "one activity, not two");
    let run = store.activity(1).await.unwrap().activity;
    assert_eq!(run.sport, Sport::Run);
    assert_eq!(run.started_at, "2015-08-15T14:45:08Z".parse().unwrap());
    assert_eq!(run.samples.len(), 2809);
    assert!(close(run.elapsed_s, 2832.0, 1e-9), "{}", run.elapsed_s);
    assert!(close(run.distance_m.unwrap(), 9008.22, 1e-6));
    assert!(close(run.avg_hr_bpm.unwrap(), 153.976_496, 1e-5));
    let ledger = store.ledger(&content_hash(&whole)).await.unwrap();
    assert_eq!(ledger[0].status, FileStatus::Imported);
    assert_eq!(ledger[0].partial, None);

    // A shorter damaged copy arriving after the whole file changes nothing.
    let shorter = &whole[..30_000];
    let reports = import_bytes(&store, "run-cut-shorter.fit", shorter, &opts).await;
    assert_eq!(
        reports.files[0].status,
        FileStatus::Duplicate,
        "{reports:?}"
    );
    let run = store.activity(1).await.unwrap().activity;
    assert_eq!(run.samples.len(), 2809);
    assert!(close(run.distance_m.unwrap(), 9008.22, 1e-6));
    assert_eq!(store.activities(&TimeFilter::all()).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_file_damaged_before_any_data_is_an_error_and_stores_nothing() {
    let (_dir, store) = store().await;
    let whole = data("fit/activity-small-fenix2-run.fit");
    let reports = import_bytes(&store, "stub.fit", &whole[..60], &ReadOptions::default()).await;
    assert_eq!(reports.files[0].status, FileStatus::Error, "{reports:?}");
    assert!(
        store
            .activities(&TimeFilter::all())
            .await
            .unwrap()
            .is_empty()
    );
    let ledger = store.ledger(&content_hash(&whole[..60])).await.unwrap();
    assert_eq!(ledger[0].status, FileStatus::Error);
}

/// The real damaged Strava file: partial, with the byte offset in the report.
#[tokio::test]
async fn the_damaged_strava_file_imports_partial() {
    let (_dir, store) = store().await;
    let bytes = data("fit/strava-android-app-201.10-b1218918.fit");
    let reports = import_bytes(&store, "strava.fit", &bytes, &ReadOptions::default()).await;
    let r = &reports.files[0];
    assert_eq!(r.status, FileStatus::Partial, "{r:?}");
    assert!(
        r.message
            .as_deref()
            .unwrap()
            .contains("before byte 7471 of 78233"),
        "{r:?}"
    );
    let run = store.activity(1).await.unwrap().activity;
    assert_eq!(run.sport, Sport::Run);
    assert_eq!(run.samples.len(), 472);
    assert!(close(run.distance_m.unwrap(), 11274.04, 1e-6));
}

/// An afterlift export restored: its status is the ledger's, but a document without sessions is still
/// imported (its check-ins were), and one whose run replaces a partial recording is imported, not a
/// duplicate (the log changed; before one status for both, the report said `duplicate` here).
#[tokio::test]
async fn a_restored_export_is_reported_with_the_ledgers_status() {
    let whole = data("fit/activity-small-fenix2-run.fit");
    let opts = ReadOptions::default();
    let (_a, a) = store().await;
    import_bytes(&a, "run.fit", &whole, &opts).await;
    let now = "2026-12-01T08:00:00Z".parse().unwrap();
    let doc = serde_json::to_vec(&afterlift_app::export::export(&a, now).await.unwrap()).unwrap();

    let (_b, b) = store().await;
    let cut = import_bytes(&b, "run-cut.fit", &whole[..60_000], &opts).await;
    assert_eq!(cut.files[0].status, FileStatus::Partial, "{cut:?}");
    let restored = import_bytes(&b, "afterlift.json", &doc, &opts).await;
    assert_eq!(
        restored.files[0].status,
        FileStatus::Imported,
        "{restored:?}"
    );
    assert_eq!(b.activity(1).await.unwrap().activity.samples.len(), 2809);
    let ledger = b.ledger(&content_hash(&doc)).await.unwrap();
    assert_eq!(ledger[0].status, FileStatus::Imported);

    let check_ins =
        br#"{"afterlift_export": 2, "exported_at": "2026-12-01T08:00:00Z", "profile": null,
        "activities": [], "lifts": [],
        "wellness": [{"date": "2026-11-30", "sleep_hours": 7.0, "sleep_quality": null, "fatigue": 3,
                      "soreness": null, "stress": null, "mood": null, "resting_hr_bpm": null,
                      "hrv_rmssd_ms": null, "pain": false, "illness": false}]}"#;
    let restored = import_bytes(&b, "check-ins.json", check_ins, &opts).await;
    assert_eq!(
        restored.files[0].status,
        FileStatus::Imported,
        "{restored:?}"
    );
    let ledger = b.ledger(&content_hash(check_ins)).await.unwrap();
    assert_eq!(
        ledger[0].status,
        FileStatus::Skipped,
        "no session of it is in the log"
    );
    let day = jiff::civil::date(2026, 11, 30);
    assert_eq!(b.wellness(day, day).await.unwrap().len(), 1);
}
