//! FIT files from `testdata/fit`: summaries against the files' own session messages (values
//! verified with a second decoder, Python's fitdecode 0.11), samples against the `*-records.csv` files.

mod common;

use afterlift_core::session::{Activity, Sport};
use afterlift_formats::{Content, ErrorKind, Place, ReadOptions, read};
use common::*;

/// One session as the file's `session` message says (fitdecode), with the reader's
/// recomputation where the message lacks a field (marked).
struct Session {
    sport: Sport,
    start: &'static str,
    timer_s: f64,
    elapsed_s: f64,
    distance_m: f64,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
    kcal: Option<f64>,
}

#[allow(clippy::too_many_arguments)]
const fn s(
    sport: Sport,
    start: &'static str,
    timer_s: f64,
    elapsed_s: f64,
    distance_m: f64,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
    kcal: Option<f64>,
) -> Session {
    Session {
        sport,
        start,
        timer_s,
        elapsed_s,
        distance_m,
        avg_hr,
        max_hr,
        kcal,
    }
}

/// (file, device UTC offset, record messages in the file, sessions)
fn expectations() -> Vec<(&'static str, Option<i32>, usize, Vec<Session>)> {
    use Sport::*;
    vec![
        (
            "2013-02-06-12-11-14.fit",
            None,
            590,
            vec![s(
                Run,
                "2013-02-06T12:11:14Z",
                2625.14,
                2625.14,
                4835.38,
                Some(147.0),
                Some(171.0),
                Some(336.0),
            )],
        ),
        (
            "20170518-191602-1740899583.fit",
            Some(3600),
            1641,
            vec![s(
                Row,
                "2017-05-18T16:37:30Z",
                1707.308,
                1707.308,
                0.0,
                Some(132.0),
                Some(179.0),
                Some(286.0),
            )],
        ),
        // The session has no heart rate: recomputed from the 2808 records that have one (fitdecode: mean 153.976, max 178).
        (
            "activity-small-fenix2-run.fit",
            Some(7200),
            2809,
            vec![s(
                Run,
                "2015-08-15T14:45:08Z",
                2832.0,
                2832.0,
                9008.22,
                Some(153.976_495_7),
                Some(178.0),
                Some(516.0),
            )],
        ),
        // Clock relative to power-on: anchored on the activity's local time 2012-02-13T12:21:03 (read in UTC here),
        // 3887 s after the session start.
        (
            "compressed-speed-distance.fit",
            None,
            755,
            vec![s(
                Run,
                "2012-02-13T11:16:16Z",
                3772.75,
                3883.273,
                10248.67,
                Some(170.0),
                Some(190.0),
                Some(708.0),
            )],
        ),
        // No heart rate in the session: recomputed (fitdecode over the records: mean 130.839, max 146).
        (
            "developer-types-sample.fit",
            None,
            3424,
            vec![s(
                Run,
                "2017-01-17T17:06:47Z",
                3424.0,
                3424.0,
                6753.99,
                Some(130.839_369_2),
                Some(146.0),
                Some(0.0),
            )],
        ),
        (
            "event_timestamp.fit",
            Some(-14400),
            4376,
            vec![s(
                Swim,
                "2017-06-13T13:42:30Z",
                4371.56,
                4567.485,
                2606.04,
                Some(142.0),
                Some(161.0),
                Some(268.0),
            )],
        ),
        (
            "garmin-fenix-5-bike.fit",
            Some(-25200),
            19,
            vec![s(
                Cycle,
                "2017-06-12T16:09:22Z",
                60.363,
                60.363,
                459.52,
                Some(101.0),
                Some(114.0),
                Some(7.0),
            )],
        ),
        (
            "garmin-fenix-5-run.fit",
            Some(-25200),
            21,
            vec![s(
                Run,
                "2017-06-11T14:34:09Z",
                56.887,
                56.887,
                157.56,
                Some(90.0),
                Some(112.0),
                Some(5.0),
            )],
        ),
        (
            "garmin-fenix-5-walk.fit",
            Some(-25200),
            17,
            vec![s(
                Walk,
                "2017-06-11T14:32:51Z",
                45.379,
                45.379,
                67.85,
                Some(75.0),
                Some(82.0),
                Some(4.0),
            )],
        ),
        (
            "sample-activity-indoor-trainer.fit",
            None,
            2263,
            vec![s(
                Cycle,
                "2011-11-02T12:54:19Z",
                2261.85,
                2261.85,
                0.0,
                Some(148.0),
                Some(176.0),
                Some(379.0),
            )],
        ),
        // Triathlon: swim, transition, bike, transition, run; the transitions are not activities.
        (
            "sample_mulitple_header.fit",
            Some(7200),
            1773,
            vec![
                s(
                    Swim,
                    "2018-05-27T07:33:01Z",
                    1987.521,
                    1987.521,
                    1644.71,
                    Some(165.0),
                    Some(175.0),
                    Some(245.0),
                ),
                s(
                    Cycle,
                    "2018-05-27T08:08:58Z",
                    4422.14,
                    4422.14,
                    40909.42,
                    Some(172.0),
                    Some(183.0),
                    Some(1001.0),
                ),
                s(
                    Run,
                    "2018-05-27T09:23:41Z",
                    2850.694,
                    2850.694,
                    9805.92,
                    Some(176.0),
                    Some(187.0),
                    Some(632.0),
                ),
            ],
        ),
    ]
}

fn opt_close(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b, tol),
        (None, None) => true,
        _ => false,
    }
}

#[test]
fn activity_files_match_their_session_messages() {
    for (file, offset, records, sessions) in expectations() {
        let acts = activities(&format!("fit/{file}"));
        assert_eq!(acts.len(), sessions.len(), "{file}: activities");
        let mut samples = 0;
        for (a, e) in acts.iter().zip(&sessions) {
            let ctx = format!("{file} {}", e.start);
            assert_eq!(a.sport, e.sport, "{ctx}: sport");
            assert_eq!(a.started_at, ts(e.start), "{ctx}: start");
            assert!(
                close(a.timer_s, e.timer_s, 1e-6),
                "{ctx}: timer {}",
                a.timer_s
            );
            assert!(
                close(a.elapsed_s, e.elapsed_s, 1e-6),
                "{ctx}: elapsed {}",
                a.elapsed_s
            );
            assert!(
                opt_close(a.distance_m, Some(e.distance_m), 1e-6),
                "{ctx}: distance {:?}",
                a.distance_m
            );
            assert!(
                opt_close(a.avg_hr_bpm, e.avg_hr, 1e-6),
                "{ctx}: avg hr {:?}",
                a.avg_hr_bpm
            );
            assert!(
                opt_close(a.max_hr_bpm, e.max_hr, 1e-6),
                "{ctx}: max hr {:?}",
                a.max_hr_bpm
            );
            assert!(
                opt_close(a.calories_kcal, e.kcal, 1e-6),
                "{ctx}: kcal {:?}",
                a.calories_kcal
            );
            assert_eq!(a.utc_offset_s, offset, "{ctx}: utc offset");
            assert!(a.source.starts_with("fit"), "{ctx}: source {}", a.source);
            assert!(
                a.samples.windows(2).all(|w| w[0].offset_s <= w[1].offset_s),
                "{ctx}: samples in order"
            );
            samples += a.samples.len();
        }
        if sessions.len() == 1 {
            assert_eq!(samples, records, "{file}: one sample per record message");
        } else {
            assert!(
                samples < records && samples > records * 9 / 10,
                "{file}: {samples} of {records} records outside transitions"
            );
        }
    }
}

#[test]
fn multisport_distances_restart_at_each_session() {
    let acts = activities("fit/sample_mulitple_header.fit");
    for a in &acts {
        let first = a.samples.iter().find_map(|s| s.distance_m).unwrap();
        let last = a.samples.iter().rev().find_map(|s| s.distance_m).unwrap();
        assert!(first < 50.0, "{:?} starts at {first} m", a.sport);
        assert!(
            close(last, a.distance_m.unwrap(), a.distance_m.unwrap() * 0.02),
            "{:?} ends at {last} m",
            a.sport
        );
    }
}

#[test]
fn power_on_clock_is_anchored_in_the_given_zone() {
    let opts = ReadOptions {
        time_zone: jiff::tz::TimeZone::get("Europe/Berlin").unwrap(),
        ..ReadOptions::default()
    };
    let parsed = read(&bytes("fit/compressed-speed-distance.fit"), "c.fit", &opts).unwrap();
    let Content::Activities(acts) = &parsed[0].content else {
        panic!()
    };
    // 12:21:03 in Berlin (CET, +1 h) is 11:21:03Z; the session started 3887 s before.
    assert_eq!(acts[0].started_at, ts("2012-02-13T10:16:16Z"));
    assert!(
        parsed[0].warnings.iter().any(|w| w.contains("power-on")),
        "{:?}",
        parsed[0].warnings
    );
}

// ---- per-second records against the *-records.csv files ----

struct Row {
    line: usize,
    /// Seconds since the activity's start.
    offset_s: u32,
    hr: Option<u8>,
    cadence: Option<u8>,
    speed: Option<f64>,
    distance: Option<f64>,
    lat_semicircles: Option<i32>,
    lon_semicircles: Option<i32>,
    altitude: Option<f64>,
}

fn field<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    s.map(str::trim)
        .filter(|s| !s.is_empty() && *s != "null")
        .map(|s| s.parse().ok().unwrap())
}

/// "Sun Jun 11 07:34:09 PDT 2017" (US Pacific time).
fn pacific(s: &str) -> jiff::Timestamp {
    let s = s.replace(" PDT ", " -0700 ").replace(" PST ", " -0800 ");
    jiff::fmt::strtime::parse("%a %b %d %H:%M:%S %z %Y", &s)
        .unwrap()
        .to_timestamp()
        .unwrap()
}

fn rows(rel: &str, start: jiff::Timestamp, raw_start: Option<i64>) -> Vec<Row> {
    let text = String::from_utf8(bytes(rel)).unwrap();
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().unwrap();
    let cols: Vec<String> = header
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let col = |names: &[&str]| {
        cols.iter()
            .position(|c| names.iter().any(|n| c.starts_with(n)))
    };
    let (t, hr, cad, speed, dist) = (
        col(&["timestamp"]).unwrap(),
        col(&["heart"]),
        col(&["cadence"]),
        col(&["speed"]),
        col(&["distance"]),
    );
    let (lat, lon, alt) = (
        col(&["position_lat"]),
        col(&["position_long"]),
        col(&["altitude"]),
    );
    lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: Vec<&str> = l.split(',').collect();
            let get = |c: Option<usize>| c.and_then(|c| v.get(c).copied());
            let stamp = v[t].trim();
            let offset = match raw_start {
                Some(raw) => stamp.parse::<i64>().unwrap() - raw,
                None => pacific(stamp).as_second() - start.as_second(),
            };
            Row {
                line: i + 1,
                offset_s: u32::try_from(offset).unwrap(),
                hr: field(get(hr)),
                cadence: field(get(cad)),
                speed: field(get(speed)),
                distance: field(get(dist)),
                lat_semicircles: field(get(lat)),
                lon_semicircles: field(get(lon)),
                altitude: field(get(alt)),
            }
        })
        .collect()
}

fn check_rows(a: &Activity, rows: &[Row], rel: &str) {
    assert!(!rows.is_empty());
    const DEG: f64 = 180.0 / 2_147_483_648.0;
    for r in rows {
        let ctx = format!("{rel} line {}", r.line);
        let s = a
            .samples
            .iter()
            .find(|s| s.offset_s == r.offset_s)
            .unwrap_or_else(|| panic!("{ctx}: no sample at +{} s", r.offset_s));
        assert_eq!(s.hr_bpm, r.hr, "{ctx}: heart rate");
        assert_eq!(s.cadence_rpm, r.cadence, "{ctx}: cadence");
        assert!(
            opt_close(s.speed_mps.map(f64::from), r.speed, 1e-3),
            "{ctx}: speed {:?} vs {:?}",
            s.speed_mps,
            r.speed
        );
        assert!(
            opt_close(s.distance_m, r.distance, 1e-6),
            "{ctx}: distance {:?} vs {:?}",
            s.distance_m,
            r.distance
        );
        assert!(
            opt_close(
                s.lat_deg,
                r.lat_semicircles.map(|v| f64::from(v) * DEG),
                1e-12
            ),
            "{ctx}: latitude"
        );
        assert!(
            opt_close(
                s.lon_deg,
                r.lon_semicircles.map(|v| f64::from(v) * DEG),
                1e-12
            ),
            "{ctx}: longitude"
        );
        assert!(
            opt_close(s.altitude_m.map(f64::from), r.altitude, 1e-3),
            "{ctx}: altitude {:?} vs {:?}",
            s.altitude_m,
            r.altitude
        );
    }
}

#[test]
fn fenix5_samples_match_the_records_csv_row_by_row() {
    for name in [
        "garmin-fenix-5-bike",
        "garmin-fenix-5-run",
        "garmin-fenix-5-walk",
    ] {
        let acts = activities(&format!("fit/{name}.fit"));
        let rel = format!("fit/{name}-records.csv");
        let rows = rows(&rel, acts[0].started_at, None);
        assert_eq!(
            rows.len(),
            acts[0].samples.len(),
            "{rel}: every record is a row"
        );
        check_rows(&acts[0], &rows, &rel);
    }
}

#[test]
fn compressed_speed_and_distance_match_the_records_csv_row_by_row() {
    let acts = activities("fit/compressed-speed-distance.fit");
    let rel = "fit/compressed-speed-distance-records.csv";
    // Timestamps there are the device's raw power-on clock; the session started at 17217864.
    let rows = rows(rel, acts[0].started_at, Some(17_217_864));
    assert_eq!(rows.len(), 754);
    check_rows(&acts[0], &rows, rel);
    // The one record missing from the CSV is the first, which has nothing but its timestamp.
    let extra: Vec<_> = acts[0]
        .samples
        .iter()
        .filter(|s| !rows.iter().any(|r| r.offset_s == s.offset_s))
        .collect();
    assert_eq!(extra.len(), 1);
    assert_eq!(extra[0].offset_s, 0);
    assert!(
        extra[0].hr_bpm.is_none() && extra[0].distance_m.is_none() && extra[0].speed_mps.is_none()
    );
}

// ---- files that are not (whole) activities ----

#[test]
fn monitoring_file_is_skipped_with_a_reason() {
    let parsed = read_data("fit/MonitoringFile.fit").unwrap();
    assert_eq!(parsed.len(), 1);
    match &parsed[0].content {
        Content::Skipped { reason } => assert!(
            reason.contains("monitoring_b") && reason.contains("not an activity"),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
}

// Damaged files: what precedes the damage is kept and marked partial (tests/fit_fidelity.rs has more).

#[test]
fn truncated_file_keeps_what_precedes_the_truncation() {
    // Activity.fit of the FIT SDK cut 3 bytes short, in its last message (the activity message).
    let parsed = read_data("fit/activity-unexpected-eof.fit").unwrap();
    let partial = parsed[0].partial.as_ref().expect("marked partial");
    assert_eq!(
        partial.offset, 751,
        "the truncated activity message starts at byte 751"
    );
    assert_eq!(
        partial.reason,
        "unexpected end of file at byte 768: expected 1 more byte of an activity message"
    );
    let Content::Activities(acts) = &parsed[0].content else {
        panic!("{parsed:?}")
    };
    // fitdecode on the intact Activity.fit: one run, 21:22:26, 13.749 s, 5.73 m, 14 records.
    assert_eq!(acts[0].sport, Sport::Run);
    assert_eq!(acts[0].started_at, ts("2012-04-09T21:22:26Z"));
    assert!(close(acts[0].elapsed_s, 13.749, 1e-9));
    assert!(opt_close(acts[0].distance_m, Some(5.73), 1e-9));
    assert_eq!(acts[0].samples.len(), 14);
    assert!(
        parsed[0]
            .warnings
            .iter()
            .any(|w| w.contains("before byte 751 of 768") && w.contains("14 records")),
        "{:?}",
        parsed[0].warnings
    );
}

#[test]
fn truncated_before_any_record_is_still_an_error() {
    let all = bytes("fit/activity-unexpected-eof.fit");
    let e = read(&all[..40], "cut.fit", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnexpectedEof);
    assert_eq!(e.place, Place::Byte(40));
}

#[test]
fn corrupt_chained_header_keeps_the_activity_before_it() {
    // A valid activity followed by a chained settings file whose header says ".GIT".
    let parsed = read_data("fit/activity-settings-corruptheader.fit").unwrap();
    let partial = parsed[0].partial.as_ref().expect("marked partial");
    assert_eq!(partial.offset, 771);
    assert!(
        partial
            .reason
            .contains("found size 12 and data type \".GIT\""),
        "{partial:?}"
    );
    let Content::Activities(acts) = &parsed[0].content else {
        panic!("{parsed:?}")
    };
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].samples.len(), 14);
}

#[test]
fn file_crc_mismatch_keeps_the_data_and_says_so() {
    // One flipped bit in the stored CRC (0xB1D5 instead of 0xA1D5).
    let parsed = read_data("fit/activity-filecrc.fit").unwrap();
    let partial = parsed[0].partial.as_ref().expect("marked partial");
    assert_eq!(partial.offset, 769);
    assert!(
        partial.reason.contains("0xB1D5") && partial.reason.contains("0xA1D5"),
        "{partial:?}"
    );
    // Two chained copies of that activity: the first is intact, the second has the bad CRC. The copy's
    // repeated session and records are not a second activity.
    let parsed = read_data("fit/activity-activity-filecrc.fit").unwrap();
    let partial = parsed[0].partial.as_ref().expect("marked partial");
    assert_eq!(partial.offset, 1540);
    assert!(partial.reason.contains("bytes 771–1539"), "{partial:?}");
    let Content::Activities(acts) = &parsed[0].content else {
        panic!("{parsed:?}")
    };
    assert_eq!(acts.len(), 1);
    assert_eq!(acts[0].samples.len(), 14);
}

#[test]
fn damaged_first_header_is_still_an_error() {
    let mut b = bytes("fit/activity-filecrc.fit");
    b[0] = 3; // no header is 3 bytes long
    let e = read(&b, "x.fit", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadHeader);
}

#[test]
fn intact_prefix_of_the_crc_files_reads() {
    // The first 771 bytes of activity-activity-filecrc.fit are a whole, valid activity file.
    let all = bytes("fit/activity-activity-filecrc.fit");
    let parsed = read(&all[..771], "prefix.fit", &ReadOptions::default()).unwrap();
    let Content::Activities(acts) = &parsed[0].content else {
        panic!("{parsed:?}")
    };
    assert_eq!(acts[0].started_at, ts("2012-04-09T21:22:26Z"));
    assert!(close(acts[0].timer_s, 13.749, 1e-9));
    assert_eq!(acts[0].utc_offset_s, Some(-4 * 3600));
}

#[test]
fn header_crc_is_checked() {
    let mut b = bytes("fit/garmin-fenix-5-run.fit");
    b[4] ^= 0x01; // data size, covered by the header CRC
    let e = read(&b, "x.fit", &ReadOptions::default()).unwrap_err();
    assert_eq!((e.kind, e.place), (ErrorKind::Checksum, Place::Byte(12)));
}

#[test]
fn trailing_zero_padding_is_tolerated_with_a_warning() {
    let mut b = bytes("fit/garmin-fenix-5-run.fit");
    b.extend([0u8; 32]);
    let parsed = read(&b, "x.fit", &ReadOptions::default()).unwrap();
    assert!(
        parsed[0]
            .warnings
            .iter()
            .any(|w| w.contains("32 trailing zero bytes")),
        "{:?}",
        parsed[0].warnings
    );
}
