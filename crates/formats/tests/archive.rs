//! Gzip files and zip archives built from the real files: the same result comes out as from the
//! plain files, entries are reported one by one, and a bad entry does not lose the others.

mod common;

use std::io::Write;

use afterlift_formats::{Content, ErrorKind, Format, Parsed, ReadOptions, read};
use common::*;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        if name.ends_with('/') {
            w.add_directory(*name, opts).unwrap();
        } else {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
    }
    w.finish().unwrap().into_inner()
}

const READABLE: [&str; 8] = [
    "fit/garmin-fenix-5-run.fit",
    "fit/sample_mulitple_header.fit",
    "fit/MonitoringFile.fit",
    "gpx/garmin-activity.gpx",
    "tcx/test.tcx",
    "strong/strong.csv",
    "fit/compressed-speed-distance.fit",
    "fit/event_timestamp.fit",
];

#[test]
fn gzipped_files_read_like_the_plain_files() {
    for rel in READABLE {
        let plain = read_data(rel).unwrap();
        let gz_name = format!("{}.gz", file_name(rel));
        let gz = read(&gzip(&bytes(rel)), &gz_name, &ReadOptions::default()).unwrap();
        assert_eq!(gz.len(), plain.len(), "{rel}");
        for (g, p) in gz.iter().zip(&plain) {
            assert_eq!(g.source_name, gz_name);
            assert_eq!(g.format, p.format, "{rel}: the format of the content");
            assert_eq!(g.content, p.content, "{rel}");
            assert_eq!(g.warnings, p.warnings, "{rel}");
        }
    }
}

#[test]
fn gzipped_broken_file_fails_with_the_inner_error() {
    // Truncated before any record or session: nothing to salvage.
    let e = read(
        &gzip(&bytes("fit/activity-unexpected-eof.fit")[..40]),
        "x.fit.gz",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnexpectedEof);
    assert_eq!(e.file, "x.fit.gz");
}

#[test]
fn bulk_export_zip_reads_every_entry() {
    let mut entries: Vec<(&str, Vec<u8>)> = vec![("activities/", Vec::new())];
    let names = [
        "activities/1001.fit.gz",
        "activities/1002.fit.gz",
        "activities/1003.fit.gz",
        "activities/1004.gpx",
        "activities/1005.tcx",
        "strong.csv",
        "activities/1006.fit",
        "activities/1007.fit",
    ];
    for (name, rel) in names.iter().zip(READABLE) {
        let data = bytes(rel);
        entries.push((
            name,
            if name.ends_with(".gz") {
                gzip(&data)
            } else {
                data
            },
        ));
    }
    // A damaged file header: nothing before the damage to salvage.
    let mut broken = bytes("fit/garmin-fenix-5-run.fit");
    broken[4] ^= 0x01;
    entries.push(("activities/broken.fit.gz", gzip(&broken)));
    entries.push(("media/photo.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4]));
    entries.push(("__MACOSX/activities/._1001.fit.gz", vec![0, 5, 22, 7]));
    entries.push(("activities/.DS_Store", vec![0, 0, 0, 1]));
    let parsed = read(&zip(&entries), "export.zip", &ReadOptions::default()).unwrap();

    let by_name = |n: &str| -> Vec<&Parsed> {
        parsed
            .iter()
            .filter(|p| p.source_name == format!("export.zip!{n}"))
            .collect()
    };
    for (name, rel) in names.iter().zip(READABLE) {
        let plain = read_data(rel).unwrap();
        let got = by_name(name);
        assert_eq!(got.len(), plain.len(), "{name}");
        for (g, p) in got.iter().zip(&plain) {
            assert_eq!(g.content, p.content, "{name}");
            assert_eq!(g.format, p.format, "{name}");
        }
    }
    let broken = by_name("activities/broken.fit.gz");
    match &broken[0].content {
        Content::Failed { error } => {
            assert_eq!(error.kind, ErrorKind::Checksum);
            assert_eq!(error.file, "export.zip!activities/broken.fit.gz");
        }
        other => panic!("{other:?}"),
    }
    let photo = by_name("media/photo.jpg");
    assert!(matches!(photo[0].content, Content::Skipped { .. }) && photo[0].format.is_none());
    assert!(
        parsed
            .iter()
            .all(|p| !p.source_name.contains("__MACOSX") && !p.source_name.contains(".DS_Store"))
    );
    assert_eq!(
        parsed.len(),
        names.len() + 2,
        "one item per file entry (the FIT plain files give one each)"
    );
}

#[test]
fn nested_archives_are_read_to_a_limit() {
    let fit = bytes("fit/garmin-fenix-5-walk.fit");
    let inner = zip(&[("walk.fit.gz", gzip(&fit))]);
    let outer = zip(&[("inner.zip", inner.clone())]);
    let parsed = read(&outer, "outer.zip", &ReadOptions::default()).unwrap();
    assert_eq!(parsed[0].source_name, "outer.zip!inner.zip!walk.fit.gz");
    assert!(matches!(parsed[0].content, Content::Activities(_)));
    assert_eq!(parsed[0].format, Some(Format::Fit));

    let deeper = zip(&[("outer.zip", outer)]);
    let parsed = read(&deeper, "deeper.zip", &ReadOptions::default()).unwrap();
    match &parsed[0].content {
        Content::Failed { error } => assert_eq!(error.kind, ErrorKind::TooLarge, "{error}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_zip_is_a_clear_error() {
    let mut z = zip(&[("a.fit", bytes("fit/garmin-fenix-5-run.fit"))]);
    let len = z.len();
    z.truncate(len - 10); // the end-of-central-directory record is gone
    let e = read(&z, "cut.zip", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(e.message.starts_with("expected a zip archive"), "{e}");
}

/// A Strava bulk export built from real recordings: `activities.csv` (Strava's header) names them and
/// gives the sport the GPX lacks; every entry carries its own content hash for the import ledger; the
/// export's README and photos are not workout files.
#[test]
fn strava_export_index_names_the_recordings_and_their_sports() {
    use sha2::Digest;
    let gpx = bytes("gpx/etrex-around-visnjan.gpx"); // no <type>: "other" on its own
    let fit_gz = gzip(&bytes("fit/garmin-fenix-5-bike.fit"));
    let entries: Vec<(&str, Vec<u8>)> = vec![
        ("export_1234/activities.csv", bytes("strava/activities.csv")),
        ("export_1234/activities/1001.gpx", gpx.clone()),
        ("export_1234/activities/1002.fit.gz", fit_gz.clone()),
        (
            "export_1234/README.txt",
            b"Your Strava export, 2020-12-19.\n".to_vec(),
        ),
        (
            "export_1234/media/ride.jpg",
            vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3],
        ),
    ];
    let parsed = read(&zip(&entries), "export.zip", &ReadOptions::default()).unwrap();
    let item = |n: &str| {
        parsed
            .iter()
            .find(|p| p.source_name == format!("export.zip!export_1234/{n}"))
            .unwrap_or_else(|| panic!("{n}: {parsed:#?}"))
    };
    let walk = item("activities/1001.gpx");
    let Content::Activities(a) = &walk.content else {
        panic!("{walk:?}")
    };
    assert_eq!(a[0].sport, afterlift_core::session::Sport::Walk);
    assert_eq!(walk.title.as_deref(), Some("Around Višnjan, the long way"));
    assert!(
        walk.warnings
            .iter()
            .any(|w| w.contains("sport walk from Strava's activities.csv (\"Walk\")")),
        "{:?}",
        walk.warnings
    );
    let member = walk.member.as_ref().unwrap();
    assert_eq!(member.path, "export_1234/activities/1001.gpx");
    assert_eq!(member.content_hash, hex(&sha2::Sha256::digest(&gpx)));

    // The FIT file knows its sport; the index only names it.
    let ride = item("activities/1002.fit.gz");
    let Content::Activities(r) = &ride.content else {
        panic!("{ride:?}")
    };
    assert_eq!(r[0].sport, afterlift_core::session::Sport::Cycle);
    assert_eq!(ride.title.as_deref(), Some("Morning Ride"));
    assert!(ride.warnings.iter().all(|w| !w.contains("activities.csv")));
    assert_eq!(
        ride.member.as_ref().unwrap().content_hash,
        hex(&sha2::Sha256::digest(&fit_gz)),
        "the hash of the entry as stored (gzipped)"
    );

    for quiet in ["activities.csv", "README.txt", "media/ride.jpg"] {
        let p = item(quiet);
        assert_eq!(p.format, None, "{quiet}");
        assert!(matches!(p.content, Content::Skipped { .. }), "{quiet}");
        assert!(p.member.is_some(), "{quiet}");
    }
    assert_eq!(parsed.len(), 5);
}

/// Outside an archive too, a README is not a workout file, while a `.fit` that is not one is an error.
#[test]
fn non_workout_files_are_skipped_not_failed() {
    for name in [
        "README",
        "README.md",
        "LICENSE-gpxpy",
        "photo.jpg",
        "notes.txt",
    ] {
        let parsed = read(
            b"Some text, not a workout.\n",
            name,
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(parsed[0].format, None, "{name}");
        assert!(
            matches!(parsed[0].content, Content::Skipped { .. }),
            "{name}"
        );
    }
    let e = read(
        b"Some text, not a workout.\n",
        "run.fit",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadHeader, "{e}");
    let index = read(
        &bytes("strava/activities.csv"),
        "activities.csv",
        &ReadOptions::default(),
    )
    .unwrap();
    match &index[0].content {
        Content::Skipped { reason } => {
            assert!(reason.contains("Strava's activity index"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
