//! Bulk exports into the log, entry by entry, with real files from `testdata/`: each entry is a file of
//! its own in the ledger, so an archive whose entries partly failed is retried — only those entries — and
//! the report lists sessions as a person reads them.

use std::io::Write;

use afterlift_app::import::import_bytes;
use afterlift_core::contract::{FileStatus, ImportReport};
use afterlift_formats::ReadOptions;
use afterlift_store::{Store, content_hash};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{DATA}/{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A Strava-shaped export: the index, a GPX without a sport, a gzipped FIT ride, a third recording,
/// and a README.
fn export(third: (&str, Vec<u8>)) -> Vec<u8> {
    zip(&[
        ("activities.csv", bytes("strava/activities.csv")),
        ("activities/1001.gpx", bytes("gpx/etrex-around-visnjan.gpx")),
        (
            "activities/1002.fit.gz",
            gzip(&bytes("fit/garmin-fenix-5-bike.fit")),
        ),
        third,
        (
            "README.txt",
            b"Your export of 2020-12-19, as requested.\n".to_vec(),
        ),
    ])
}

fn status_of<'a>(r: &'a ImportReport, entry: &str) -> &'a FileStatus {
    &r.files
        .iter()
        .find(|f| f.path == format!("export.zip!{entry}"))
        .unwrap_or_else(|| panic!("{entry}: {r:#?}"))
        .status
}

async fn import(store: &Store, name: &str, data: &[u8]) -> ImportReport {
    import_bytes(store, name, data, &ReadOptions::default()).await
}

#[tokio::test]
async fn a_partly_failed_archive_is_retried_entry_by_entry() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    // A FIT file cut inside its first messages: nothing in it can be read.
    let cut = bytes("fit/activity-filecrc.fit")[..64].to_vec();
    let broken = export(("activities/1003.fit", cut.clone()));

    let first = import(&store, "export.zip", &broken).await;
    assert_eq!((first.imported, first.errors), (2, 1), "{first:#?}");
    assert_eq!(status_of(&first, "activities/1003.fit"), &FileStatus::Error);
    assert_eq!(first.sessions_new, 2);
    let lines: Vec<&str> = first.sessions.iter().map(|s| s.summary.as_str()).collect();
    assert_eq!(
        lines,
        [
            // The GPX has no <type>: Strava's index says it was a walk, and names it.
            "walk · 2020-12-18 · Around Višnjan, the long way · 2.7 km",
            "cycle · 2017-06-12 · Morning Ride · 0.5 km",
        ]
    );
    assert_eq!(first.sessions[0].file, "export.zip!activities/1001.gpx");
    assert!(first.sessions[0].id.starts_with('a'));
    assert_eq!(
        first.other_files,
        ["export.zip!activities.csv", "export.zip!README.txt"]
    );
    // Each entry has its own ledger row; the archive is not recorded as imported.
    let fit_gz = gzip(&bytes("fit/garmin-fenix-5-bike.fit"));
    let ride_rows = store.ledger(&content_hash(&fit_gz)).await.unwrap();
    assert_eq!(ride_rows.len(), 1);
    assert_eq!(ride_rows[0].path, "export.zip!activities/1002.fit.gz");
    assert_eq!(ride_rows[0].status, FileStatus::Imported);
    let broken_rows = store.ledger(&content_hash(&cut)).await.unwrap();
    assert_eq!(broken_rows[0].status, FileStatus::Error);
    assert!(
        store
            .imported_ids(&content_hash(&broken))
            .await
            .unwrap()
            .is_none()
    );

    // The same archive again: not "duplicate" as a whole. The failed entry is read again (and fails
    // again, loudly); the imported ones are duplicates.
    let again = import(&store, "export.zip", &broken).await;
    assert_eq!(
        (again.duplicates, again.errors, again.imported),
        (2, 1, 0),
        "{again:#?}"
    );
    assert_eq!((again.sessions_new, again.sessions_existing), (0, 2));
    assert_eq!(again.sessions[1].summary, "cycle · 2017-06-12 · 0.5 km"); // read back from the log

    // The export downloaded again with that recording repaired (here: a good run in its place): only
    // the new entry is imported, and the archive is now complete in the ledger.
    let repaired = export(("activities/1003.fit", bytes("fit/garmin-fenix-5-run.fit")));
    let third = import(&store, "export.zip", &repaired).await;
    assert_eq!(
        (third.imported, third.duplicates, third.errors),
        (1, 2, 0),
        "{third:#?}"
    );
    assert_eq!(
        status_of(&third, "activities/1003.fit"),
        &FileStatus::Imported
    );
    assert_eq!((third.sessions_new, third.sessions_existing), (1, 2));
    let all = store
        .imported_ids(&content_hash(&repaired))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(all.len(), 3);

    // Complete: the same archive once more is answered from the ledger, sessions listed.
    let fourth = import(&store, "export.zip", &repaired).await;
    assert_eq!(fourth.files.len(), 1);
    assert_eq!(fourth.files[0].status, FileStatus::Duplicate);
    assert_eq!((fourth.sessions_new, fourth.sessions_existing), (0, 3));
}

/// The same ride as the watch's FIT file and as Strava's GPX (numeric `<type>1</type>`) is stored once.
#[tokio::test]
async fn the_fit_and_the_strava_gpx_of_a_ride_are_one_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    let fit = import(
        &store,
        "garmin-fenix-5-bike.fit",
        &bytes("fit/garmin-fenix-5-bike.fit"),
    )
    .await;
    assert_eq!(fit.sessions_new, 1, "{fit:#?}");
    let gpx = import(
        &store,
        "strava-ride-type-1.gpx",
        &bytes("gpx/strava-ride-type-1.gpx"),
    )
    .await;
    assert_eq!(gpx.files[0].status, FileStatus::Duplicate, "{gpx:#?}");
    assert_eq!((gpx.sessions_new, gpx.sessions_existing), (0, 1));
    assert_eq!(gpx.sessions[0].id, fit.sessions[0].id);
    assert_eq!(
        store
            .activities(&afterlift_store::TimeFilter::all())
            .await
            .unwrap()
            .len(),
        1
    );
}

/// A folder's README is passed over, a route is skipped with its reason, neither is an error.
#[tokio::test]
async fn non_workout_files_and_routes_are_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    let readme = import(
        &store,
        "README.md",
        b"# My runs\n\nExported from my watch, 2021.\n",
    )
    .await;
    assert_eq!(
        (readme.errors, readme.skipped, readme.files.len()),
        (0, 0, 0)
    );
    assert_eq!(readme.other_files, ["README.md"]);
    let route = import(&store, "strava-route.gpx", &bytes("gpx/strava-route.gpx")).await;
    assert_eq!(route.files[0].status, FileStatus::Skipped, "{route:#?}");
    assert!(
        route.files[0]
            .message
            .as_deref()
            .unwrap()
            .contains("no recorded activity"),
        "{route:#?}"
    );
}

/// The same export unpacked into a folder: its `activities.csv` still names the recordings and gives
/// the GPX its sport; the index itself and the README are passed over.
#[tokio::test]
async fn an_unpacked_strava_export_folder_is_read_with_its_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
        .await
        .unwrap();
    let export = dir.path().join("export_1234");
    std::fs::create_dir_all(export.join("activities")).unwrap();
    std::fs::write(
        export.join("activities.csv"),
        bytes("strava/activities.csv"),
    )
    .unwrap();
    std::fs::write(
        export.join("activities/1001.gpx"),
        bytes("gpx/etrex-around-visnjan.gpx"),
    )
    .unwrap();
    std::fs::write(export.join("README.txt"), b"Your export.\n").unwrap();
    let collected = afterlift_app::import::collect(std::slice::from_ref(&export));
    let report = afterlift_app::import::import_files(
        &store,
        &collected.files,
        &ReadOptions::default(),
        |_, _| {},
    )
    .await;
    assert_eq!((report.imported, report.errors), (1, 0), "{report:#?}");
    assert_eq!(
        report.sessions[0].summary,
        "walk · 2020-12-18 · Around Višnjan, the long way · 2.7 km"
    );
    assert_eq!(report.other_files.len(), 2, "{report:#?}");
}
