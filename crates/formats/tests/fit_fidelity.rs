//! FIT files whose structure misleads a reader: the session message first (or its timestamp not its
//! end), broken session dates, a session that does not name its sport, and a file damaged after valid
//! data (salvaged, marked partial). Reference values from Python's fitdecode 0.11 over the same files.

mod common;

use afterlift_core::session::Sport;
use afterlift_formats::{Content, Parsed, ReadOptions, read};
use common::*;

fn only_activity(parsed: &[Parsed]) -> &afterlift_core::session::Activity {
    assert_eq!(parsed.len(), 1, "{parsed:?}");
    match &parsed[0].content {
        Content::Activities(a) if a.len() == 1 => &a[0],
        other => panic!("expected one activity, found {other:?}"),
    }
}

fn warned(parsed: &Parsed, words: &[&str]) -> bool {
    parsed
        .warnings
        .iter()
        .any(|w| words.iter().all(|word| w.contains(word)))
}

/// Strava's Android app writes the session (and the lap) before the records, without a session
/// timestamp, and this file is damaged after 7,471 bytes: a record garbled into an undefined local
/// message type 11. fitdecode stops there too, after 473 records, the last one garbled (dated 2085,
/// 38.9 m/s); the 472 before it run from 14:13:10 to 14:18:24 and 928.25 m.
#[test]
fn strava_android_file_damaged_after_valid_data_is_salvaged() {
    let parsed = read_data("fit/strava-android-app-201.10-b1218918.fit").unwrap();
    let a = only_activity(&parsed);
    let partial = parsed[0].partial.as_ref().expect("marked partial");
    assert_eq!(partial.offset, 7471);
    assert!(
        partial.reason.contains("local message type 11"),
        "{partial:?}"
    );
    // The session message (read before the damage) gives the summary.
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.started_at, ts("2021-09-27T14:13:10Z"));
    assert!(close(a.elapsed_s, 3558.0, 1e-9), "{}", a.elapsed_s);
    assert!(close(a.timer_s, 3558.0, 1e-9), "{}", a.timer_s);
    assert!(
        opt_close(a.distance_m, Some(11274.04), 1e-9),
        "{:?}",
        a.distance_m
    );
    assert_eq!(a.avg_hr_bpm, None, "no heart-rate sensor");
    // Every record before the garbled one, none after.
    assert_eq!(a.samples.len(), 472);
    let last = a.samples.last().unwrap();
    assert_eq!(last.offset_s, 314, "14:18:24");
    let last_distance = a.samples.iter().rev().find_map(|s| s.distance_m);
    assert!(
        opt_close(last_distance, Some(928.25), 1e-9),
        "{last_distance:?}"
    );
    assert!(
        warned(
            &parsed[0],
            &[
                "damaged",
                "before byte 7471 of 78233",
                "472 records",
                "garbled"
            ]
        ),
        "{:?}",
        parsed[0].warnings
    );
    assert!(
        warned(
            &parsed[0],
            &["472 records cover 5 min of its elapsed time of 59 min"]
        ),
        "{:?}",
        parsed[0].warnings
    );
}

/// A Onelap indoor ride whose session timestamp is its start (12:04:26), not its end: the records
/// (739, 12:04:27–12:16:46) belong to it by start + elapsed time (720.318 s).
#[test]
fn session_whose_timestamp_is_its_start_keeps_its_records() {
    let parsed = read_data("fit/onelap-0134902991.fit").unwrap();
    let a = only_activity(&parsed);
    assert!(parsed[0].partial.is_none());
    assert_eq!(a.sport, Sport::Cycle, "cycling / indoor_cycling");
    assert_eq!(a.started_at, ts("2021-03-04T12:04:26Z"));
    assert!(close(a.elapsed_s, 720.318, 1e-9), "{}", a.elapsed_s);
    assert!(
        opt_close(a.distance_m, Some(7123.39), 1e-9),
        "{:?}",
        a.distance_m
    );
    assert_eq!(a.samples.len(), 739);
    assert_eq!(a.samples[0].offset_s, 1);
    assert_eq!(a.samples.last().unwrap().offset_s, 740);
    assert!(
        !warned(&parsed[0], &["outside every session"]),
        "{:?}",
        parsed[0].warnings
    );
}

/// The same run (FR110, 590 records, 2013-02-06 12:11:14 for 2625.14 s, 4835.38 m, 147 bpm) with its
/// session's dates broken (scripts/derive-fit-fixtures.py): dated from its records, with a warning.
#[test]
fn session_with_broken_dates_is_dated_from_its_records() {
    for (file, said) in [
        (
            "fit/derived-session-epoch-dates.fit",
            "1989-12-31T00:16:40Z",
        ),
        ("fit/derived-session-year-early.fit", "2012-02-07T12:11:14Z"),
    ] {
        let parsed = read_data(file).unwrap();
        let a = only_activity(&parsed);
        assert_eq!(a.sport, Sport::Run, "{file}");
        assert_eq!(a.started_at, ts("2013-02-06T12:11:14Z"), "{file}");
        assert!(close(a.elapsed_s, 2625.14, 1e-9), "{file}: {}", a.elapsed_s);
        assert!(opt_close(a.distance_m, Some(4835.38), 1e-9), "{file}");
        assert_eq!(a.avg_hr_bpm, Some(147.0), "{file}");
        assert_eq!(a.samples.len(), 590, "{file}");
        assert!(
            warned(
                &parsed[0],
                &[
                    said,
                    "holds 0 of the file's 590 records",
                    "dated from its records"
                ]
            ),
            "{file}: {:?}",
            parsed[0].warnings
        );
    }
}

/// The same run whose session message gives no time at all: the session is still there (its summary
/// is used), dated from the records — and no note claims the file has no session message.
#[test]
fn session_without_dates_is_dated_from_its_records() {
    let parsed = read_data("fit/derived-session-no-dates.fit").unwrap();
    let a = only_activity(&parsed);
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.started_at, ts("2013-02-06T12:11:14Z"));
    assert!(close(a.elapsed_s, 2625.14, 1e-9), "{}", a.elapsed_s);
    assert!(opt_close(a.distance_m, Some(4835.38), 1e-9));
    assert_eq!(a.avg_hr_bpm, Some(147.0));
    assert_eq!(a.calories_kcal, Some(336.0), "from the session message");
    assert_eq!(a.samples.len(), 590);
    assert!(
        warned(
            &parsed[0],
            &[
                "the session message gives no start time",
                "dated from its records"
            ]
        ),
        "{:?}",
        parsed[0].warnings
    );
    assert!(
        !warned(&parsed[0], &["no session message"]),
        "{:?}",
        parsed[0].warnings
    );
}

/// The session does not name its sport (derived from the Fenix 5 ride): the file's sport message says
/// cycling.
#[test]
fn sport_comes_from_the_sport_message_when_the_session_lacks_it() {
    let parsed = read_data("fit/derived-session-no-sport.fit").unwrap();
    let a = only_activity(&parsed);
    assert_eq!(a.sport, Sport::Cycle);
    assert_eq!(a.started_at, ts("2017-06-12T16:09:22Z"));
    assert_eq!(a.samples.len(), 19);
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
}

/// The Fenix 2 run (2809 records over 2832 s, 9008.22 m) with its session's elapsed and timer times
/// (and the lap's and the activity's, which hold the same 2,832,000 ms) set to `ms`, its CRC redone.
fn fenix2_run_with_elapsed_ms(ms: u32) -> Vec<u8> {
    let mut b = bytes("fit/activity-small-fenix2-run.fit");
    let mut replaced = 0;
    for (from, to) in [
        (2_832_000u32.to_le_bytes(), ms.to_le_bytes()),
        (2_832_000u32.to_be_bytes(), ms.to_be_bytes()),
    ] {
        let at: Vec<usize> = b
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == from)
            .map(|(i, _)| i)
            .collect();
        for i in at {
            b[i..i + 4].copy_from_slice(&to);
            replaced += 1;
        }
    }
    assert!(replaced >= 2, "{replaced}");
    let data_end = usize::from(b[0]) + u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    let crc = crc16(&b[..data_end]);
    b[data_end..data_end + 2].copy_from_slice(&crc.to_le_bytes());
    b
}

/// Records outside every session's span are not imported, and a warning counts them.
#[test]
fn records_outside_every_session_are_counted_in_a_warning() {
    let b = fenix2_run_with_elapsed_ms(2_000_000);
    let parsed = read(&b, "short.fit", &ReadOptions::default()).unwrap();
    let a = only_activity(&parsed);
    // 2000 s + 60 s of slack: the records at +0…+2060 s are its own.
    assert!(close(a.elapsed_s, 2000.0, 1e-9));
    assert_eq!(a.samples.last().unwrap().offset_s, 2060);
    let kept = a.samples.len();
    assert!(kept > 2000 && kept < 2809, "{kept}");
    assert!(
        warned(
            &parsed[0],
            &[&format!(
                "{} of 2809 records lie outside every session",
                2809 - kept
            )]
        ),
        "{:?}",
        parsed[0].warnings
    );
}

/// A lone session that holds less than half of its file's records has a broken elapsed time: it is
/// timed by its records (2832 s), with warnings.
#[test]
fn lone_session_holding_few_of_its_records_is_timed_by_them() {
    let b = fenix2_run_with_elapsed_ms(4_000);
    let parsed = read(&b, "4s.fit", &ReadOptions::default()).unwrap();
    let a = only_activity(&parsed);
    assert_eq!(a.started_at, ts("2015-08-15T14:45:08Z"));
    assert_eq!(a.samples.len(), 2809);
    assert!(close(a.elapsed_s, 2833.0, 1e-9), "{}", a.elapsed_s);
    assert!(opt_close(a.distance_m, Some(9008.22), 1e-9));
    assert!(
        warned(
            &parsed[0],
            &[
                "holds 64 of the file's 2809 records",
                "dated from its records"
            ]
        ),
        "{:?}",
        parsed[0].warnings
    );
    assert!(
        warned(
            &parsed[0],
            &["elapsed time (4 s) does not match its records (47 min)"]
        ),
        "{:?}",
        parsed[0].warnings
    );
}

/// CRC-16 of the FIT protocol, a byte at a time.
fn crc16(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0u16, |crc, &b| {
        let mut crc = crc ^ u16::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
        crc
    })
}

fn opt_close(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b, tol),
        (None, None) => true,
        _ => false,
    }
}

/// A damaged FIT inside a gzip (Strava's bulk export gzips every activity) is salvaged the same way.
#[test]
fn a_gzipped_damaged_file_is_salvaged_too() {
    use std::io::Write;
    let plain = read_data("fit/strava-android-app-201.10-b1218918.fit").unwrap();
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(&bytes("fit/strava-android-app-201.10-b1218918.fit"))
        .unwrap();
    let gz = read(&e.finish().unwrap(), "6074.fit.gz", &ReadOptions::default()).unwrap();
    assert_eq!(gz.len(), 1);
    assert_eq!(gz[0].partial, plain[0].partial);
    assert_eq!(gz[0].partial.as_ref().map(|p| p.offset), Some(7471));
    assert_eq!(gz[0].content, plain[0].content);
}
