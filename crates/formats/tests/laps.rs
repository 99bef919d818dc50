//! The device's laps, from the real files of `testdata/`: counts, times, distances and heart rates
//! against a second decoder (Python's fitdecode 0.11 for FIT, the standard library's ElementTree for TCX:
//! see the numbers beside each table), and broken laps that give warnings, never a lost activity.

mod common;

use afterlift_core::session::{Activity, Lap, LapTrigger, Sport};
use afterlift_formats::{Content, ReadOptions, read};
use common::*;

/// One lap as the file says: start, elapsed, timer, distance, average and maximum heart rate, trigger.
type Want = (
    &'static str,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<LapTrigger>,
);

fn assert_laps(file: &str, a: &Activity, want: &[Want]) {
    assert_eq!(a.laps.len(), want.len(), "{file}: {:#?}", a.laps);
    for (i, (lap, w)) in a.laps.iter().zip(want).enumerate() {
        let got = (
            lap.start,
            lap.elapsed_s,
            lap.timer_s,
            lap.distance_m,
            lap.avg_hr_bpm,
            lap.max_hr_bpm,
            lap.trigger,
        );
        assert_eq!(
            got,
            (ts(w.0), w.1, w.2, w.3, w.4, w.5, w.6),
            "{file}: lap {}",
            i + 1
        );
    }
}

fn only(file: &str) -> Activity {
    let mut list = activities(file);
    assert_eq!(list.len(), 1, "{file}");
    list.remove(0)
}

fn warnings(file: &str) -> Vec<String> {
    read_data(file)
        .unwrap()
        .into_iter()
        .flat_map(|p| p.warnings)
        .collect()
}

use LapTrigger::{Distance, Manual, SessionEnd};

/// A Garmin run auto-lapped every kilometre, the last lap ended by the button. fitdecode:
/// `lap start_time=2013-02-06 12:11:14 total_elapsed_time=579.2 total_timer_time=578.73
/// total_distance=1000.0 avg_heart_rate=146 max_heart_rate=165 … lap_trigger=distance`, and so on.
#[test]
fn a_fit_run_keeps_its_five_kilometre_laps() {
    let file = "fit/2013-02-06-12-11-14.fit";
    let a = only(file);
    let d = Some(Distance);
    assert_laps(
        file,
        &a,
        &[
            (
                "2013-02-06T12:11:14Z",
                Some(579.2),
                Some(578.73),
                Some(1000.0),
                Some(146.0),
                Some(165.0),
                d,
            ),
            (
                "2013-02-06T12:20:53Z",
                Some(623.12),
                Some(622.39),
                Some(1000.0),
                Some(157.0),
                Some(171.0),
                d,
            ),
            (
                "2013-02-06T12:31:15Z",
                Some(703.0),
                Some(704.01),
                Some(1000.0),
                Some(132.0),
                Some(164.0),
                d,
            ),
            (
                "2013-02-06T12:42:59Z",
                Some(344.1),
                Some(344.15),
                Some(1000.0),
                Some(157.0),
                Some(164.0),
                d,
            ),
            (
                "2013-02-06T12:48:43Z",
                Some(375.72),
                Some(375.86),
                Some(835.38),
                Some(154.0),
                Some(160.0),
                Some(Manual),
            ),
        ],
    );
    // The laps add up to the session: 4,835.38 m.
    let total: f64 = a.laps.iter().filter_map(|l| l.distance_m).sum();
    assert!(close(total, a.distance_m.unwrap(), 0.01), "{total}");
    let speeds: Vec<_> = a.laps.iter().map(|l| l.avg_speed_mps).collect();
    assert_eq!(
        speeds,
        [
            Some(1.727),
            Some(1.606),
            Some(1.42),
            Some(2.905),
            Some(2.222)
        ]
    );
    let ascents: Vec<_> = a.laps.iter().map(|l| l.ascent_m).collect();
    assert_eq!(ascents, [Some(58.0), Some(99.0), Some(8.0), None, None]);
    assert!(warnings(file).is_empty(), "{:?}", warnings(file));
}

/// Timestamps counting from power-on: the laps are anchored like the records (11 laps, fitdecode:
/// ten of 1,000 m and a last of 247.42 m).
#[test]
fn laps_of_a_power_on_clock_are_anchored_like_the_records() {
    let file = "fit/compressed-speed-distance.fit";
    let a = only(file);
    assert_eq!(a.laps.len(), 11);
    assert_eq!(a.laps[0].start, a.started_at);
    let distances: Vec<f64> = a.laps.iter().map(|l| l.distance_m.unwrap()).collect();
    assert_eq!(&distances[..10], &[1000.0; 10]);
    assert_eq!(distances[10], 247.42);
    // Lap 2 paused: 779.891 s elapsed, 669.367 s on the timer.
    assert_eq!(
        (a.laps[1].elapsed_s, a.laps[1].timer_s),
        (Some(779.891), Some(669.367))
    );
    assert_eq!(a.laps[10].trigger, Some(SessionEnd));
    // Each lap starts where the one before ended (to the second).
    for w in a.laps.windows(2) {
        let end = w[0].start.as_second() + w[0].elapsed_s.unwrap().round() as i64;
        assert!((w[1].start.as_second() - end).abs() <= 1, "{w:?}");
    }
}

/// A triathlon in one chained file: each sport keeps its own lap, the transitions' laps go with the
/// transitions (fitdecode: five laps, one per session).
#[test]
fn a_multisport_files_laps_go_to_their_own_sessions() {
    let file = "fit/sample_mulitple_header.fit";
    let list = activities(file);
    let got: Vec<(Sport, usize, Option<f64>)> = list
        .iter()
        .map(|a| (a.sport, a.laps.len(), a.laps[0].distance_m))
        .collect();
    assert_eq!(
        got,
        [
            (Sport::Swim, 1, Some(1644.71)),
            (Sport::Cycle, 1, Some(40909.42)),
            (Sport::Run, 1, Some(9805.92)),
        ]
    );
    for a in &list {
        assert_eq!(a.laps[0].start, a.started_at);
    }
}

/// More files against fitdecode's lap counts: a pool swim's 99 laps (lengths and rests), an indoor
/// row's 8, a Fenix 2 run's 4 (no trigger field), and a chained copy that repeats its one lap.
#[test]
fn lap_counts_agree_with_a_second_decoder() {
    for (file, laps) in [
        ("fit/event_timestamp.fit", 99),
        ("fit/20170518-191602-1740899583.fit", 8),
        ("fit/activity-small-fenix2-run.fit", 4),
        ("fit/sample-activity-indoor-trainer.fit", 5),
        ("fit/garmin-fenix-5-run.fit", 1),
    ] {
        assert_eq!(only(file).laps.len(), laps, "{file}");
    }
    // Two chained copies of one recording: its lap once.
    let parsed = read_data("fit/activity-activity-filecrc.fit").unwrap();
    let Content::Activities(list) = &parsed[0].content else {
        panic!()
    };
    assert_eq!(list[0].laps.len(), 1);
    // A Fenix 2 lap has no heart rate or trigger, but its cadence and ascent.
    let fenix = only("fit/activity-small-fenix2-run.fit");
    assert_eq!(
        (
            fenix.laps[3].distance_m,
            fenix.laps[3].ascent_m,
            fenix.laps[3].avg_cadence_rpm,
            fenix.laps[3].trigger
        ),
        (Some(2192.61), Some(50.0), Some(76.0), None)
    );
}

/// A copy of the 5-lap run with each lap broken another way (`scripts/derive-fit-fixtures.py`): the run
/// is whole, three laps remain, and every drop is said, naming the lap and the field.
#[test]
fn broken_fit_laps_are_dropped_with_warnings_not_the_run() {
    let file = "fit/derived-laps-broken.fit";
    let a = only(file);
    let original = only("fit/2013-02-06-12-11-14.fit");
    assert_eq!(a.samples.len(), original.samples.len());
    assert_eq!(a.distance_m, original.distance_m);
    assert_eq!(a.laps.len(), 3, "{:#?}", a.laps);
    assert_eq!(a.laps[0].distance_m, None);
    assert_eq!(
        a.laps[0].timer_s,
        Some(578.73),
        "the rest of the lap is kept"
    );
    assert_eq!(a.laps[1].max_hr_bpm, None);
    assert_eq!(a.laps[1].avg_hr_bpm, Some(157.0));
    assert_eq!(a.laps[2].avg_speed_mps, None);
    let w = warnings(file);
    let expected = [
        "lap message 4 gives no start time (nor an end and a length); dropped",
        "lap message 5 starts at 2013-02-07T12:48:43Z, outside every session's time span (start + elapsed time); dropped",
        "run at 2013-02-06T12:11:14Z: lap 1: distance 42949672.94 m is implausible; dropped",
        "run at 2013-02-06T12:11:14Z: lap 2: maximum heart rate 0 bpm is implausible; dropped",
        "run at 2013-02-06T12:11:14Z: lap 3: average speed 65.534 m/s is implausible; dropped",
    ];
    assert_eq!(w, expected);
}

/// python-tcxparser's run: three laps (ElementTree: `StartTime="2012-12-26T21:29:53Z"`,
/// `TotalTimeSeconds` 608.47, `DistanceMeters` 1609.34399414, heart rate 139/189, `TriggerMethod`
/// Distance; …).
#[test]
fn a_tcx_run_keeps_its_three_laps() {
    let file = "tcx/test.tcx";
    let a = only(file);
    let d = Some(Distance);
    let mile = Some(1609.34399414);
    assert_laps(
        file,
        &a,
        &[
            (
                "2012-12-26T21:29:53Z",
                None,
                Some(608.47),
                mile,
                Some(139.0),
                Some(189.0),
                d,
            ),
            (
                "2012-12-26T21:40:02Z",
                None,
                Some(714.8),
                mile,
                Some(172.0),
                Some(188.0),
                d,
            ),
            (
                "2012-12-26T21:51:56Z",
                None,
                Some(669.51),
                Some(1470.5546875),
                Some(167.0),
                Some(180.0),
                Some(Manual),
            ),
        ],
    );
    assert!(warnings(file).is_empty());
    // The same run without heart rate: the same laps, no heart rate.
    let no_hr = only("tcx/no_hr.tcx");
    assert_eq!(no_hr.laps.len(), 3);
    assert!(no_hr.laps.iter().all(|l| l.avg_hr_bpm.is_none()));
}

/// Garmin's extension: the lap's average speed and run cadence (`ns3:LX`).
#[test]
fn tcx_lap_extensions_give_speed_and_cadence() {
    let a = only("tcx/cross-country-skiing_activity_1.tcx");
    let got: Vec<_> = a
        .laps
        .iter()
        .map(|l| (l.timer_s, l.distance_m, l.avg_speed_mps, l.avg_cadence_rpm))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(2160.432),
                Some(5000.0),
                Some(2.313999891281128),
                Some(38.0)
            ),
            (
                Some(240.828),
                Some(692.01),
                Some(2.872999906539917),
                Some(39.0)
            ),
        ]
    );
}

/// Lap start times 6 h off the trackpoints (another clock): moved with the activity's start, and said.
#[test]
fn tcx_laps_on_another_clock_move_with_the_trackpoints() {
    let file = "tcx/id-6h-before-trackpoints.tcx";
    let a = only(file);
    let starts: Vec<String> = a.laps.iter().map(|l| l.start.to_string()).collect();
    assert_eq!(
        starts,
        [
            "2012-12-26T21:29:53Z",
            "2012-12-26T21:40:02Z",
            "2012-12-26T21:51:56Z"
        ]
    );
    assert!(
        warnings(file)
            .iter()
            .any(|w| w.contains("the first lap's start 2012-12-26T15:29:53Z is 6 h before")),
        "{:?}",
        warnings(file)
    );
}

#[test]
fn gpx_has_no_laps() {
    for file in ["gpx/garmin-activity.gpx", "gpx/strava-ride-type-1.gpx"] {
        assert!(only(file).laps.is_empty(), "{file}");
    }
}

/// Every broken lap value of a TCX file is a warning naming the lap and the field; the activity and the
/// good laps stay.
#[test]
fn broken_tcx_laps_are_dropped_with_warnings_not_the_activity() {
    let doc = br#"<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2020-01-01T10:00:00Z</Id>
      <Lap StartTime="2020-01-01T10:00:00Z"><TotalTimeSeconds>NaN</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters>
        <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm><TriggerMethod>Sideways</TriggerMethod>
        <Track><Trackpoint><Time>2020-01-01T10:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint></Track></Lap>
      <Lap StartTime="2020-01-01T10:05:00Z"><TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>-5</DistanceMeters>
        <MaximumHeartRateBpm><Value>300</Value></MaximumHeartRateBpm><TriggerMethod>Time</TriggerMethod>
        <Track><Trackpoint><Time>2020-01-01T10:09:59Z</Time></Trackpoint></Track></Lap>
      <Lap><TotalTimeSeconds>10</TotalTimeSeconds></Lap>
      <Lap StartTime="yesterday"><TotalTimeSeconds>10</TotalTimeSeconds></Lap>
      <Lap StartTime="2020-01-01T09:00:00Z"><TotalTimeSeconds>10</TotalTimeSeconds></Lap>
    </Activity></Activities></TrainingCenterDatabase>"#;
    let parsed = read(doc, "broken.tcx", &ReadOptions::default()).unwrap();
    let Content::Activities(list) = &parsed[0].content else {
        panic!("{parsed:?}")
    };
    let a = &list[0];
    assert_eq!(a.sport, Sport::Run);
    assert_eq!(a.samples.len(), 2);
    let first = Lap {
        distance_m: Some(1000.0),
        avg_hr_bpm: Some(140.0),
        ..Lap::starting(ts("2020-01-01T10:00:00Z"))
    };
    let second = Lap {
        timer_s: Some(300.0),
        trigger: Some(LapTrigger::Time),
        ..Lap::starting(ts("2020-01-01T10:05:00Z"))
    };
    assert_eq!(a.laps, [first, second]);
    let w = &parsed[0].warnings;
    for expected in [
        "run at 2020-01-01T10:00:00Z: lap 1: timer time \"NaN\" is not a valid value; dropped",
        "run at 2020-01-01T10:00:00Z: lap 1: trigger method \"Sideways\" is not a valid value; dropped",
        "run at 2020-01-01T10:00:00Z: lap 2: distance -5 m is implausible; dropped",
        "run at 2020-01-01T10:00:00Z: lap 2: maximum heart rate 300 bpm is implausible; dropped",
        "run at 2020-01-01T10:00:00Z: lap 3 has no start time; dropped",
        "run at 2020-01-01T10:00:00Z: lap 4: start time \"yesterday\" is not a time; the lap is dropped",
    ] {
        assert!(w.iter().any(|x| x == expected), "{expected}\nnot in {w:#?}");
    }
    assert!(
        w.iter()
            .any(|x| x.contains("lap 5 starts at 2020-01-01T09:00:00Z, outside the activity")),
        "{w:#?}"
    );
}
