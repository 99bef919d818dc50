//! GPX and TCX files from `testdata/`: values checked against an independent reading of the same
//! files (Python: regular expressions over the XML, haversine with the same Earth radius).

mod common;

use afterlift_core::session::Sport;
use afterlift_formats::{ErrorKind, Format, ReadOptions, read};
use common::*;

#[test]
fn garmin_gpx_with_heart_rate_and_cadence_extensions() {
    let parsed = read_data("gpx/garmin-activity.gpx").unwrap();
    assert_eq!(parsed[0].format, Some(Format::Gpx));
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
    let a = &activities("gpx/garmin-activity.gpx")[0];
    assert_eq!(a.sport, Sport::Run); // <type>running</type>
    assert_eq!(a.started_at, ts("2017-07-29T14:46:35Z"));
    assert_eq!(a.elapsed_s, 5498.0); // to 16:18:13
    assert_eq!(a.timer_s, 5498.0); // no pause longer than a minute
    assert!(
        close(a.distance_m.unwrap(), 12_821.200_1, 0.01),
        "{:?}",
        a.distance_m
    );
    assert!(close(a.avg_hr_bpm.unwrap(), 145.517_206_5, 1e-6)); // mean of the 988 ns3:hr values
    assert_eq!(a.max_hr_bpm, Some(171.0));
    assert_eq!(a.source, "gpx (Garmin Connect)");
    assert_eq!(a.samples.len(), 988);
    let first = a.samples[0];
    assert_eq!(
        (first.hr_bpm, first.cadence_rpm, first.altitude_m),
        (Some(74), Some(79), Some(104.0))
    );
    assert!(close(first.lat_deg.unwrap(), 37.241_738_168_522_7, 1e-12));
    assert_eq!(a.samples[1].cadence_rpm, Some(0));
    let last = a.samples.last().unwrap();
    assert_eq!(last.offset_s, 5498);
    assert!(
        close(last.distance_m.unwrap(), a.distance_m.unwrap(), 1e-6),
        "cumulative distance in samples"
    );
}

#[test]
fn gpx_without_type_is_other_with_a_warning() {
    let parsed = read_data("gpx/wahoo_example.gpx").unwrap();
    assert!(
        parsed[0].warnings.iter().any(|w| w.contains("no <type>")),
        "{:?}",
        parsed[0].warnings
    );
    let a = &activities("gpx/wahoo_example.gpx")[0];
    assert_eq!(a.sport, Sport::Other);
    assert_eq!(a.started_at, ts("2022-04-24T20:54:33Z"));
    assert_eq!((a.elapsed_s, a.samples.len()), (2.0, 3));
    assert_eq!(a.distance_m, Some(0.0));
    assert_eq!(a.samples[0].altitude_m, None); // <ele/>
    assert_eq!(a.avg_hr_bpm, None);
}

#[test]
fn tcx_run_with_three_laps() {
    let a = &activities("tcx/test.tcx")[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.started_at, ts("2012-12-26T21:29:53Z"));
    assert!(close(a.timer_s, 608.47 + 714.80 + 669.51, 1e-9));
    assert_eq!(a.elapsed_s, 1992.78); // the laps end after the last trackpoint (22:03:05)
    assert!(close(a.distance_m.unwrap(), 4_689.242_675_78, 1e-6));
    assert_eq!(a.calories_kcal, Some(379.0));
    assert!(close(a.avg_hr_bpm.unwrap(), 160.244_030_95, 1e-6)); // lap averages weighted by lap time
    assert_eq!(a.max_hr_bpm, Some(189.0));
    assert_eq!(a.samples.len(), 384);
    assert_eq!(a.samples[0].hr_bpm, Some(62));
    assert_eq!(a.samples.last().unwrap().offset_s, 1992);
    assert!(a.source.starts_with("tcx (Forerunner 410"), "{}", a.source);
}

#[test]
fn tcx_without_heart_rate() {
    let a = &activities("tcx/no_hr.tcx")[0];
    assert_eq!(
        (a.sport, a.avg_hr_bpm, a.max_hr_bpm),
        (Sport::Run, None, None)
    );
    assert!(close(a.distance_m.unwrap(), 4_689.242_675_78, 1e-6));
    assert!(a.samples.iter().all(|s| s.hr_bpm.is_none()));
    assert_eq!(a.samples.len(), 384);
}

#[test]
fn tcx_sport_other_with_tpx_speed_and_run_cadence() {
    let a = &activities("tcx/cross-country-skiing_activity_1.tcx")[0];
    assert_eq!(a.sport, Sport::Other);
    assert_eq!(a.started_at, ts("2020-12-26T15:14:21Z"));
    assert!(close(a.timer_s, 2401.26, 1e-6));
    assert!(close(a.distance_m.unwrap(), 5692.01, 1e-6));
    assert_eq!(a.calories_kcal, Some(532.0));
    assert!(close(a.avg_hr_bpm.unwrap(), 142.696_199_5, 1e-6));
    assert_eq!(a.max_hr_bpm, Some(172.0));
    assert_eq!(a.samples.len(), 486);
    let s = a.samples[0];
    assert_eq!(
        (s.speed_mps, s.cadence_rpm, s.hr_bpm),
        (Some(0.56), Some(0), Some(83))
    );
    assert_eq!(a.samples.last().unwrap().offset_s, 2401); // 15:54:22
}

#[test]
fn xml_that_is_neither_gpx_nor_tcx() {
    let kml =
        br#"<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>"#;
    let e = read(kml, "route.kml", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownFormat);
    assert!(e.message.contains("found <kml>"), "{e}");
    // Named .gpx, the GPX reader says what it expected.
    let e = read(kml, "route.gpx", &ReadOptions::default()).unwrap_err();
    assert!(
        e.message
            .contains("expected the root element <gpx>, found <kml>"),
        "{e}"
    );
}

#[test]
fn broken_xml_names_line_and_column() {
    let text = String::from_utf8(bytes("tcx/test.tcx")).unwrap();
    let cut = text.replacen("</Trackpoint>", "</Trackpoin>", 1);
    let e = read(cut.as_bytes(), "test.tcx", &ReadOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Malformed);
    assert!(
        e.to_string()
            .starts_with("test.tcx: malformed file at line 32, column 11: not well-formed XML"),
        "{e}"
    );
    let e = read(
        &bytes("gpx/garmin-activity.gpx")[..5000],
        "cut.gpx",
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(e.kind, ErrorKind::UnexpectedEof | ErrorKind::Malformed),
        "{e}"
    );
}

#[test]
fn absurd_values_in_a_track_are_dropped_with_a_warning() {
    let doc = br#"<gpx><trk><type>running</type><trkseg>
        <trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time><extensions><hr>0</hr></extensions></trkpt>
        <trkpt lat="1" lon="2"><time>2020-01-01T00:00:01Z</time><extensions><hr>300</hr><speed>45</speed></extensions></trkpt>
        <trkpt lat="1" lon="2"><time>2020-01-01T00:00:02Z</time><extensions><hr>140</hr><cad>abc</cad></extensions></trkpt>
      </trkseg></trk></gpx>"#;
    let parsed = read(doc, "odd.gpx", &ReadOptions::default()).unwrap();
    let w = &parsed[0].warnings;
    assert!(
        w.iter()
            .any(|w| w.contains("heart rate 0 bpm is implausible; dropped (and 1 more)")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("speed 45 m/s for a run is implausible")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("line 4") && w.contains("cadence \"abc\"")),
        "{w:?}"
    );
    let a = &activities_of(parsed)[0];
    assert_eq!(a.avg_hr_bpm, Some(140.0));
}

fn activities_of(parsed: Vec<afterlift_formats::Parsed>) -> Vec<afterlift_core::session::Activity> {
    parsed
        .into_iter()
        .flat_map(|p| match p.content {
            afterlift_formats::Content::Activities(a) => a,
            other => panic!("{other:?}"),
        })
        .collect()
}

// Reference values below: `python3 scripts/gpx-tcx-reference.py FILE` (Python's own XML parser,
// haversine over the points in file order); the derived files are made by `scripts/derive-gpx-tcx-fixtures.py`.

/// An eTrex 20x track without a <type>: 104 points over 8 min 34 s.
#[test]
fn etrex_track_read_in_file_order() {
    let a = &activities("gpx/etrex-around-visnjan.gpx")[0];
    assert_eq!(a.sport, Sport::Other);
    assert_eq!(a.started_at, ts("2020-12-18T06:15:50Z"));
    assert_eq!(a.elapsed_s, 514.0);
    assert_eq!(a.samples.len(), 104);
    assert!(
        close(a.distance_m.unwrap(), 2733.2, 0.05),
        "{:?}",
        a.distance_m
    );
    assert_eq!(a.avg_hr_bpm, None);
}

/// The same track with every 5th point's time 30 s earlier, as Sports Tracker exports can have it:
/// the points stay in file order (2733.2 m); sorted by time they would zig-zag over 7916.8 m.
#[test]
fn sports_tracker_times_going_backwards_keep_the_route() {
    let parsed = read_data("gpx/sports-tracker-backwards.gpx").unwrap();
    let warnings = parsed[0].warnings.join("\n");
    assert!(
        warnings.contains("the time goes backwards at 20 of 104 track points, first at line 1"),
        "{warnings}"
    );
    assert!(!warnings.contains("timer time"), "{warnings}");
    let a = &activities("gpx/sports-tracker-backwards.gpx")[0];
    assert_eq!(a.source, "gpx (Sports Tracker)");
    assert_eq!(a.started_at, ts("2020-12-18T06:15:50Z"));
    assert_eq!(a.elapsed_s, 514.0);
    // The eTrex file's timer time: the steps back and forth add nothing.
    assert_eq!(
        a.timer_s,
        activities("gpx/etrex-around-visnjan.gpx")[0].timer_s
    );
    assert_eq!(a.samples.len(), 104);
    assert!(
        close(a.distance_m.unwrap(), 2733.2, 0.05),
        "{:?}",
        a.distance_m
    );
    // File order: the 5th point (16:16:43 in the eTrex file) is 30 s earlier than the 4th.
    assert_eq!(a.samples[3].offset_s, 37);
    assert_eq!(a.samples[4].offset_s, 23);
    let cumulative: Vec<f64> = a.samples.iter().filter_map(|s| s.distance_m).collect();
    assert!(cumulative.is_sorted(), "distance grows along the file");
}

/// The ride of fit/garmin-fenix-5-bike.fit in Strava's GPX shape, `<type>1</type>`.
#[test]
fn strava_numeric_type_1_is_a_ride() {
    let parsed = read_data("gpx/strava-ride-type-1.gpx").unwrap();
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
    let a = &activities("gpx/strava-ride-type-1.gpx")[0];
    assert_eq!(a.sport, Sport::Cycle);
    assert_eq!(a.source, "gpx (StravaGPX)");
    assert_eq!(a.started_at, ts("2017-06-12T16:09:22Z"));
    assert_eq!(a.elapsed_s, 61.0);
    assert_eq!(a.samples.len(), 19);
    assert!(
        close(a.distance_m.unwrap(), 460.3, 0.05),
        "{:?}",
        a.distance_m
    );
    assert!(close(a.avg_hr_bpm.unwrap(), 98.578_947_4, 1e-6));
    // The FIT file of the same ride: same sport, same span (the store keeps one of them).
    let fit = &activities("fit/garmin-fenix-5-bike.fit")[0];
    assert_eq!(fit.sport, a.sport);
    assert_eq!(fit.started_at, a.started_at);
}

/// Routes are plans, not recordings: skipped with the reason, not errors.
#[test]
fn route_only_files_are_skipped_with_the_reason() {
    for (file, reason) in [
        // A Strava route export: a <trk> whose points have no <time>.
        ("gpx/strava-route.gpx", "the track points have no times"),
        // A <rte> of 55 points (gpxpy's route sample).
        ("gpx/gpxpy-route.gpx", "a planned route (<rte>, 55 points)"),
    ] {
        let parsed = read_data(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(parsed.len(), 1);
        match &parsed[0].content {
            afterlift_formats::Content::Skipped { reason: r } => {
                assert!(r.contains(reason), "{file}: {r}")
            }
            other => panic!("{file}: {other:?}"),
        }
        assert_eq!(parsed[0].format, Some(Format::Gpx));
    }
}

/// A real MapMyRide export: 3112 trackpoints, the first six without a position.
#[test]
fn mapmyride_tcx_ride() {
    let a = &activities("tcx/mapmyride-biking.tcx")[0];
    assert_eq!(a.sport, Sport::Cycle);
    assert_eq!(a.started_at, ts("2022-11-12T15:58:25Z")); // <Id>, 0.85 s before the first point
    assert_eq!(a.elapsed_s, 3111.0);
    assert_eq!(a.timer_s, 3111.0);
    assert!(close(a.distance_m.unwrap(), 15_350.421_968_64, 1e-6)); // the lap's DistanceMeters
    assert_eq!(a.samples.len(), 3112);
    assert_eq!(a.avg_hr_bpm, None);
}

/// Runtastic writes the sport in lower case.
#[test]
fn tcx_lower_case_sport_is_read() {
    let parsed = read_data("tcx/runtastic-running-lowercase.tcx").unwrap();
    assert!(parsed[0].warnings.is_empty(), "{:?}", parsed[0].warnings);
    let a = &activities("tcx/runtastic-running-lowercase.tcx")[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.samples.len(), 384);
}

/// <Id> and lap starts 6 h before the trackpoints: the trackpoints' 33 minutes, not 6.5 h.
#[test]
fn tcx_declared_start_contradicted_by_the_trackpoints() {
    let parsed = read_data("tcx/id-6h-before-trackpoints.tcx").unwrap();
    let warnings = parsed[0].warnings.join("\n");
    assert!(
        warnings.contains(
            "the declared start 2012-12-26T15:29:53Z is 6 h before the first trackpoint; \
             the trackpoints' times are used (start 2012-12-26T21:29:53Z)"
        ),
        "{warnings}"
    );
    let a = &activities("tcx/id-6h-before-trackpoints.tcx")[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.started_at, ts("2012-12-26T21:29:53Z"));
    assert!(close(a.elapsed_s, 608.47 + 714.80 + 669.51, 1e-9)); // the laps' timer time ≥ 1992 s of points
    assert!(close(a.distance_m.unwrap(), 4_689.242_675_78, 1e-6));
    assert!(close(a.avg_hr_bpm.unwrap(), 160.244_030_95, 1e-6));
    assert_eq!(a.samples.len(), 384);
    assert_eq!(a.samples.last().unwrap().offset_s, 1992);
}
