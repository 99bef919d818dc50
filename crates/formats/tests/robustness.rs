//! Every file in `testdata/` is read with the expected outcome, and no input makes `read` panic:
//! empty files, random bytes, and (property test) truncations and bit flips of every real file,
//! plain, gzipped and zipped.

mod common;

use std::io::Write;

use afterlift_formats::{Content, ErrorKind, Format, ReadOptions, read};
use common::*;
use proptest::prelude::*;

/// What reading each file of `testdata/` gives.
#[derive(Debug, PartialEq)]
enum Outcome {
    Activities(usize),
    /// Activities read from before the damage of a damaged file (marked partial).
    Partial(usize),
    Lifts(usize),
    Skipped,
    Error(ErrorKind),
}

fn expected() -> Vec<(&'static str, Outcome)> {
    use Outcome::*;
    vec![
        ("fit/2013-02-06-12-11-14.fit", Activities(1)),
        ("fit/20170518-191602-1740899583.fit", Activities(1)),
        ("fit/MonitoringFile.fit", Skipped),
        ("fit/activity-activity-filecrc.fit", Partial(1)),
        ("fit/activity-filecrc.fit", Partial(1)),
        ("fit/activity-settings-corruptheader.fit", Partial(1)),
        ("fit/activity-small-fenix2-run.fit", Activities(1)),
        ("fit/activity-unexpected-eof.fit", Partial(1)),
        ("fit/derived-session-epoch-dates.fit", Activities(1)),
        ("fit/derived-session-no-dates.fit", Activities(1)),
        ("fit/derived-laps-broken.fit", Activities(1)),
        ("fit/derived-session-no-sport.fit", Activities(1)),
        ("fit/derived-session-year-early.fit", Activities(1)),
        ("fit/onelap-0134902991.fit", Activities(1)),
        ("fit/strava-android-app-201.10-b1218918.fit", Partial(1)),
        ("fit/compressed-speed-distance.fit", Activities(1)),
        ("fit/developer-types-sample.fit", Activities(1)),
        ("fit/event_timestamp.fit", Activities(1)),
        ("fit/garmin-fenix-5-bike.fit", Activities(1)),
        ("fit/garmin-fenix-5-run.fit", Activities(1)),
        ("fit/garmin-fenix-5-walk.fit", Activities(1)),
        ("fit/sample-activity-indoor-trainer.fit", Activities(1)),
        ("fit/sample_mulitple_header.fit", Activities(3)),
        // The decoded-records CSVs that go with the FIT files are not an import format.
        (
            "fit/compressed-speed-distance-records.csv",
            Error(ErrorKind::UnknownFormat),
        ),
        (
            "fit/garmin-fenix-5-bike-records.csv",
            Error(ErrorKind::UnknownFormat),
        ),
        (
            "fit/garmin-fenix-5-run-records.csv",
            Error(ErrorKind::UnknownFormat),
        ),
        (
            "fit/garmin-fenix-5-walk-records.csv",
            Error(ErrorKind::UnknownFormat),
        ),
        ("gpx/etrex-around-visnjan.gpx", Activities(1)),
        ("gpx/garmin-activity.gpx", Activities(1)),
        ("gpx/gpxpy-route.gpx", Skipped),
        ("gpx/sports-tracker-backwards.gpx", Activities(1)),
        ("gpx/strava-ride-type-1.gpx", Activities(1)),
        ("gpx/strava-route.gpx", Skipped),
        ("gpx/wahoo_example.gpx", Activities(1)),
        ("tcx/cross-country-skiing_activity_1.tcx", Activities(1)),
        ("tcx/id-6h-before-trackpoints.tcx", Activities(1)),
        ("tcx/mapmyride-biking.tcx", Activities(1)),
        ("tcx/no_hr.tcx", Activities(1)),
        ("tcx/runtastic-running-lowercase.tcx", Activities(1)),
        ("tcx/test.tcx", Activities(1)),
        ("strava/activities.csv", Skipped),
        // A training log and an afterlift export: not workout files (the app restores the export).
        ("store/afterlift-0.1.0-be1faca.db", Skipped),
        ("store/afterlift-0.1.0-be1faca.export.json", Skipped),
        ("strong/strong.csv", Lifts(129)),
        ("strong/strong-statistics.csv", Lifts(15)),
        ("strong/strong-app-analytics.csv", Lifts(86)),
        ("hevy/strong-statistics-hevy.csv.gz", Lifts(335)),
    ]
}

fn outcome(rel: &str) -> Outcome {
    match read_data(rel) {
        Err(e) => Outcome::Error(e.kind),
        Ok(parsed) => {
            assert_eq!(parsed.len(), 1, "{rel}");
            match &parsed[0].content {
                Content::Activities(a) if parsed[0].partial.is_some() => Outcome::Partial(a.len()),
                Content::Activities(a) => Outcome::Activities(a.len()),
                Content::Lifts(l) => Outcome::Lifts(l.len()),
                Content::Skipped { .. } => Outcome::Skipped,
                Content::Failed { error } => Outcome::Error(error.kind),
            }
        }
    }
}

/// Every data file (licences and the README aside), relative to `testdata/`.
fn data_files() -> Vec<String> {
    let mut files = Vec::new();
    for dir in std::fs::read_dir(DATA).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let path = f.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("LICENSE") {
                files.push(format!(
                    "{}/{name}",
                    dir.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_file_in_testdata_reads_as_expected() {
    let expected = expected();
    let files = data_files();
    for f in &files {
        assert!(
            expected.iter().any(|(rel, _)| rel == f),
            "{f} has no expectation: add it here and test its content"
        );
    }
    for (rel, want) in expected {
        assert!(
            files.iter().any(|f| f == rel),
            "{rel} is missing from testdata"
        );
        assert_eq!(outcome(rel), want, "{rel}");
    }
}

#[test]
fn empty_file_is_a_clear_error() {
    for name in ["empty.fit", "empty.gpx", "empty.csv", "empty"] {
        let e = read(&[], name, &ReadOptions::default()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Empty, "{name}");
        assert_eq!(e.file, name);
    }
}

#[test]
fn random_bytes_are_an_unknown_format() {
    let bytes: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    // Named like a file afterlift reads, unknown content is an error that says what it found…
    let e = read(&bytes, "noise.csv", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownFormat);
    assert!(e.message.contains("found bytes"), "{e}");
    // …named like anything else, it is not a workout file: skipped, not an error.
    let parsed = read(&bytes, "noise.bin", &ReadOptions::default()).unwrap();
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0].format, None);
    assert!(matches!(parsed[0].content, Content::Skipped { .. }));
    // Named .fit, the FIT reader explains what the header should have been.
    let e = read(&bytes, "noise.fit", &ReadOptions::default()).unwrap_err();
    assert_eq!(
        (e.kind, e.place),
        (ErrorKind::BadHeader, afterlift_formats::Place::Byte(0))
    );
}

/// Real files small enough to mutate quickly in a debug build, with their bytes.
fn corpus() -> Vec<(String, Vec<u8>)> {
    data_files()
        .into_iter()
        .map(|rel| (file_name(&rel).to_owned(), bytes(&rel)))
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Truncate a real file anywhere and flip a few bits: an error or a result, never a panic.
    #[test]
    fn mutated_real_files_never_panic(
        file in 0usize..64,
        cut in 0.0f64..=1.0,
        flips in proptest::collection::vec((0.0f64..1.0, 0u8..8), 0..6),
        wrap in 0u8..4,
    ) {
        let corpus = corpus();
        let (name, original) = &corpus[file % corpus.len()];
        let mut bytes = original[..((original.len() as f64 * cut) as usize).min(original.len())].to_vec();
        for (at, bit) in flips {
            if !bytes.is_empty() {
                let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
                bytes[i] ^= 1 << bit;
            }
        }
        let (bytes, name) = match wrap {
            1 => (gzip(&bytes), format!("{name}.gz")),
            2 => (zip_of(name, &bytes), "export.zip".to_owned()),
            _ => (bytes, name.clone()),
        };
        let _ = read(&bytes, &name, &ReadOptions::default());
    }

    /// Flip bits inside the compressed stream of gzip and zip files.
    #[test]
    fn damaged_archives_never_panic(file in 0usize..64, flips in proptest::collection::vec((0.0f64..1.0, 0u8..8), 1..4), zip in any::<bool>()) {
        let corpus = corpus();
        let (name, original) = &corpus[file % corpus.len()];
        let mut bytes = if zip { zip_of(name, original) } else { gzip(original) };
        for (at, bit) in flips {
            let i = ((bytes.len() as f64 * at) as usize).min(bytes.len() - 1);
            bytes[i] ^= 1 << bit;
        }
        let _ = read(&bytes, if zip { "a.zip" } else { "a.gz" }, &ReadOptions::default());
    }

    /// Arbitrary bytes behind a FIT header.
    #[test]
    fn arbitrary_fit_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = vec![14, 0x20, 0x08, 0x08];
        bytes.extend((body.len() as u32).to_le_bytes());
        bytes.extend(b".FIT\0\0");
        bytes.extend(&body);
        let _ = read(&bytes, "x.fit", &ReadOptions::default());
    }
}

#[test]
fn detection_is_by_content_whatever_the_name() {
    let fit = bytes("fit/garmin-fenix-5-run.fit");
    let parsed = read(&fit, "download.bin", &ReadOptions::default()).unwrap();
    assert_eq!(parsed[0].format, Some(Format::Fit));
}
