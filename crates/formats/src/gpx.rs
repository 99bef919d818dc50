//! GPX 1.1 tracks (Garmin Connect, Strava, Wahoo, ridewithgps exports) with Garmin's
//! TrackPointExtension (`hr`, `cad`, `speed`, under any namespace prefix) and a `power` extension.
//!
//! - One [`Activity`] per `<trk>` that has timed points; its segments are concatenated. Points
//!   without `<time>` cannot be placed and are dropped (with a warning).
//! - A file with no timed track — a planned route (`<rte>`, Komoot, Strava and AllTrails route exports),
//!   a track whose points carry no times, waypoints only — is not a recorded activity: it is skipped
//!   with that reason ([`crate::Content::Skipped`]), not an error.
//! - Points are kept in file order, which is the order they were recorded in: a track is never
//!   sorted. When times go backwards (a clock corrected mid-recording, Sports Tracker exports), the
//!   reader warns how many times and where the first is, and distance is measured along the file's
//!   order; sorting such a track by time zig-zags between its parts and inflates the distance.
//! - GPX carries no summary: start (the earliest time), elapsed (earliest to latest) and timer time
//!   (gaps over a minute are pauses), distance (haversine over the points, also filled into each
//!   sample) and heart rate come from the points.
//! - The sport comes from the track's `<type>`: a name ("running", "cycling", "hiking"…) or one of
//!   Strava's numeric activity codes ([`strava_type`]); without one it is [`Sport::Other`] with a
//!   warning. Guessing from speed would misfile easy runs as walks and hikes as runs, so the reader
//!   does not guess.

use afterlift_core::session::{Activity, Sample, Sport};

use crate::activity::{self, check_summary, clean_samples, label, summarize};
use crate::error::{ErrorKind, ReadError};
use crate::registry::{FileFormat, Signature};
use crate::xml::{self, BadValues, Step, Xml};
use crate::{Format, Output, ReadOptions};

/// The GPX format in the registry: an XML document whose root element is `<gpx>`.
pub(crate) struct Gpx;

impl FileFormat for Gpx {
    fn name(&self) -> &'static str {
        "gpx"
    }
    fn label(&self) -> &'static str {
        "GPX"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["gpx"]
    }
    fn signature(&self) -> Signature {
        Signature::XmlRoot("gpx")
    }
    fn read(&self, bytes: &[u8], file: &str, _: &ReadOptions) -> Result<Output, ReadError> {
        read(bytes, file)
    }
}

#[allow(non_upper_case_globals)]
impl Format {
    /// GPX, from the registry.
    pub const Gpx: Format = Format::of(&Gpx);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Gpx,
    Trk,
    Trkpt,
    Rtept,
    Ele,
    Time,
    Type,
    Hr,
    Cad,
    Speed,
    Power,
    Other,
}

fn tag(local: &[u8]) -> Tag {
    match local {
        b"gpx" => Tag::Gpx,
        b"trk" => Tag::Trk,
        b"trkpt" => Tag::Trkpt,
        b"rtept" => Tag::Rtept,
        b"ele" => Tag::Ele,
        b"time" => Tag::Time,
        b"type" => Tag::Type,
        b"hr" => Tag::Hr,
        b"cad" => Tag::Cad,
        b"speed" => Tag::Speed,
        b"power" | b"PowerInWatts" => Tag::Power,
        _ => Tag::Other,
    }
}

struct Point {
    time: Option<jiff::Timestamp>,
    sample: Sample,
}

#[derive(Default)]
struct Track {
    kind: Option<String>,
    points: Vec<(jiff::Timestamp, Sample)>,
    /// Points whose time is earlier than the point before them.
    backwards: usize,
    /// The first of those: where, and the two times.
    first_backwards: Option<String>,
    /// Points without a time (dropped).
    untimed: usize,
}

fn read(bytes: &[u8], file: &str) -> Result<Output, ReadError> {
    let mut xml = Xml::new(bytes, file);
    let mut out = Output::default();
    let mut bad = BadValues::default();
    let mut unzoned = 0;
    let mut route_points = 0usize;
    let mut stack: Vec<Tag> = Vec::with_capacity(16);
    let mut creator: Option<String> = None;
    let mut track: Option<Track> = None;
    let mut point: Option<Point> = None;
    let mut tracks: Vec<Track> = Vec::new();
    let mut seen_root = false;

    loop {
        match xml.next()? {
            Step::Start(e) => {
                let t = tag(e.local_name().as_ref());
                if !seen_root {
                    if t != Tag::Gpx {
                        return Err(xml.error(
                            ErrorKind::UnknownFormat,
                            format!(
                                "expected the root element <gpx>, found <{}>",
                                String::from_utf8_lossy(e.local_name().as_ref())
                            ),
                        ));
                    }
                    seen_root = true;
                    creator = xml::attr(&e, b"creator").map(|c| c.trim().to_owned());
                }
                match t {
                    Tag::Trk => track = Some(Track::default()),
                    Tag::Rtept => route_points += 1,
                    Tag::Trkpt if track.is_some() => {
                        let mut sample = Sample::default();
                        let lat = xml::attr(&e, b"lat");
                        let lon = xml::attr(&e, b"lon");
                        if let (Some(lat), Some(lon)) = (lat, lon) {
                            sample.lat_deg = xml::number(&lat, "latitude", &xml, &mut bad);
                            sample.lon_deg = xml::number(&lon, "longitude", &xml, &mut bad);
                        }
                        point = Some(Point { time: None, sample });
                    }
                    _ => {}
                }
                stack.push(t);
            }
            Step::End => match stack.pop() {
                Some(Tag::Trkpt) => {
                    if let (Some(p), Some(trk)) = (point.take(), track.as_mut()) {
                        match p.time {
                            Some(time) => {
                                if let Some(&(previous, _)) = trk.points.last()
                                    && time < previous
                                {
                                    trk.backwards += 1;
                                    if trk.first_backwards.is_none() {
                                        trk.first_backwards = Some(format!(
                                            "{} ({time} after {previous})",
                                            xml.here()
                                        ));
                                    }
                                }
                                trk.points.push((time, p.sample));
                            }
                            None => trk.untimed += 1,
                        }
                    }
                }
                Some(Tag::Trk) => tracks.extend(track.take()),
                _ => {}
            },
            Step::Text(text) => {
                if let Some(p) = point.as_mut() {
                    let s = &mut p.sample;
                    match stack.as_slice() {
                        [.., Tag::Trkpt, Tag::Time] => {
                            p.time = xml::instant(&text, &xml, &mut bad, &mut unzoned)
                        }
                        [.., Tag::Trkpt, Tag::Ele] => {
                            s.altitude_m =
                                xml::number(&text, "elevation", &xml, &mut bad).map(|v| v as f32)
                        }
                        [.., Tag::Hr] => {
                            s.hr_bpm = xml::small_uint(&text, "heart rate", &xml, &mut bad)
                        }
                        [.., Tag::Cad] => {
                            s.cadence_rpm = xml::small_uint(&text, "cadence", &xml, &mut bad)
                        }
                        [.., Tag::Speed] => {
                            s.speed_mps =
                                xml::number(&text, "speed", &xml, &mut bad).map(|v| v as f32)
                        }
                        [.., Tag::Power] => {
                            s.power_w = xml::number(&text, "power", &xml, &mut bad)
                                .filter(|v| (0.0..=f64::from(u16::MAX)).contains(v))
                                .map(|v| v.round() as u16)
                        }
                        _ => {}
                    }
                } else if let (Some(trk), [.., Tag::Trk, Tag::Type]) =
                    (track.as_mut(), stack.as_slice())
                {
                    trk.kind = Some(text.trim().to_owned());
                }
            }
            Step::Eof => break,
        }
    }

    let source = match creator.filter(|c| !c.is_empty()) {
        Some(c) => format!("gpx ({c})"),
        None => "gpx".to_owned(),
    };
    let track_count = tracks.len();
    let mut untimed_tracks = 0;
    let mut untimed_points = 0;
    for trk in tracks {
        if trk.points.is_empty() {
            untimed_tracks += usize::from(trk.untimed > 0);
            continue;
        }
        untimed_points += trk.untimed;
        out.activities.push(build(trk, &source, &mut out.warnings));
    }
    if untimed_points > 0 {
        out.warnings.push(format!(
            "{untimed_points} track points without <time> dropped"
        ));
    }
    if unzoned > 0 {
        out.warnings
            .push(format!("{unzoned} times without a UTC offset read as UTC"));
    }
    bad.report(&mut out.warnings);
    if out.activities.is_empty() {
        out.skipped = Some(not_recorded(track_count, untimed_tracks, route_points));
    } else if untimed_tracks > 0 {
        out.warnings.push(format!(
            "{untimed_tracks} of {track_count} tracks have no times (a planned route, not a recording); not imported"
        ));
    }
    Ok(out)
}

/// Why a GPX file without a timed track holds no activity.
fn not_recorded(tracks: usize, untimed_tracks: usize, route_points: usize) -> String {
    if untimed_tracks > 0 {
        format!(
            "no recorded activity: the track points have no times (a planned route or a drawn track); {untimed_tracks} track(s) not imported"
        )
    } else if route_points > 0 {
        format!(
            "no recorded activity: a planned route (<rte>, {route_points} points) without times"
        )
    } else if tracks > 0 {
        "no recorded activity: the tracks have no points".to_owned()
    } else {
        "no recorded activity: no <trk> with timed points (waypoints only, or empty)".to_owned()
    }
}

fn build(trk: Track, source: &str, warnings: &mut Vec<String>) -> Activity {
    let points = trk.points;
    // The earliest time, not the first point's: with times going backwards the first point may not
    // be the earliest, and offsets count from the start.
    let started_at = points
        .iter()
        .map(|(t, _)| *t)
        .min()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let mut samples: Vec<Sample> = points
        .into_iter()
        .map(|(t, mut s)| {
            let offset = t.as_second().saturating_sub(started_at.as_second());
            s.offset_s = u32::try_from(offset).unwrap_or(u32::MAX);
            s
        })
        .collect();
    let sport = match trk.kind.as_deref() {
        Some(kind) => sport_from_type(kind).unwrap_or_else(|| {
            let named = strava_type(kind)
                .map(|(_, name)| format!(" (Strava's {name})"))
                .unwrap_or_default();
            warnings.push(format!(
                "track type \"{kind}\"{named} is not a sport afterlift tracks; read as other"
            ));
            Sport::Other
        }),
        None => {
            warnings.push(format!(
                "track at {started_at} has no <type>; sport set to other"
            ));
            Sport::Other
        }
    };
    let label = label(sport, started_at);
    if let Some(first) = trk.first_backwards {
        warnings.push(format!(
            "{label}: the time goes backwards at {} of {} track points, first at {first}; \
             the points are kept in file order and the distance measured along it",
            trk.backwards,
            samples.len()
        ));
    }
    clean_samples(&mut samples, sport, &label, warnings);
    let distance_m = activity::fill_distance_from_positions(&mut samples);
    let sum = summarize(&samples);
    let mut a = Activity {
        sport,
        started_at,
        utc_offset_s: None,
        timer_s: sum.timer_s,
        elapsed_s: sum.elapsed_s,
        distance_m: distance_m.or(sum.distance_m),
        avg_hr_bpm: sum.avg_hr_bpm,
        max_hr_bpm: sum.max_hr_bpm,
        calories_kcal: None,
        rpe: None,
        source: source.to_owned(),
        samples,
        laps: Vec::new(),
    };
    check_summary(&mut a, &label, warnings);
    a
}

/// Strava's numeric activity types, as its GPX exports write them in `<type>` (`<type>9</type>` for a
/// run): the sport afterlift files it under (`None`: not one it tracks) and Strava's name.
///
/// Strava does not document these codes; they are the ids of its activity types (Ride = 1, Run = 9,
/// Swim = 16…), listed in "What do the Strava GPX `<type>` elements mean?"
/// (<https://stackoverflow.com/questions/61903437>) and used by public importers, e.g. `activate`
/// (`"9": "Run", "1": "Ride", "16": "Swim"`) and yihong0618/running_page (same codes).
pub(crate) fn strava_type(code: &str) -> Option<(Option<Sport>, &'static str)> {
    let code: u16 = code.trim().parse().ok()?;
    Some(match code {
        1 => (Some(Sport::Cycle), "Ride"),
        2 => (None, "AlpineSki"),
        3 => (None, "BackcountrySki"),
        4 => (Some(Sport::Hike), "Hike"),
        5 => (None, "IceSkate"),
        6 => (None, "InlineSkate"),
        7 => (None, "NordicSki"),
        8 => (None, "RollerSki"),
        9 => (Some(Sport::Run), "Run"),
        10 => (Some(Sport::Walk), "Walk"),
        11 => (None, "Workout"),
        12 => (None, "Snowboard"),
        13 => (None, "Snowshoe"),
        14 => (None, "Kitesurf"),
        15 => (None, "Windsurf"),
        16 => (Some(Sport::Swim), "Swim"),
        17 => (Some(Sport::Cycle), "VirtualRide"),
        18 => (Some(Sport::Cycle), "EBikeRide"),
        19 => (Some(Sport::Cycle), "Velomobile"),
        21 => (Some(Sport::Row), "Canoeing"),
        22 => (Some(Sport::Row), "Kayaking"),
        23 => (Some(Sport::Row), "Rowing"),
        24 => (None, "StandUpPaddling"),
        25 => (None, "Surfing"),
        26 => (None, "Crossfit"),
        27 => (Some(Sport::Elliptical), "Elliptical"),
        28 => (None, "RockClimbing"),
        29 => (None, "StairStepper"),
        30 => (None, "WeightTraining"),
        31 => (None, "Yoga"),
        51 => (Some(Sport::Cycle), "Handcycle"),
        52 => (None, "Wheelchair"),
        53 => (Some(Sport::Run), "VirtualRun"),
        _ => return None,
    })
}

/// A sport from a free-text activity type (GPX `<type>`, Strava and Garmin names).
pub(crate) fn sport_from_type(kind: &str) -> Option<Sport> {
    if let Ok(sport) = kind.parse::<Sport>() {
        return Some(sport);
    }
    if let Some((sport, _)) = strava_type(kind) {
        return sport;
    }
    let k = kind.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let has = |words: &[&str]| words.iter().any(|w| k.contains(w));
    Some(if has(&["run", "jog"]) {
        Sport::Run
    } else if has(&["bik", "cycl", "ride"]) {
        Sport::Cycle
    } else if has(&["swim"]) {
        Sport::Swim
    } else if has(&["rowing", "row_", "kayak", "canoe"]) || k == "row" {
        Sport::Row
    } else if has(&["hik", "mountaineer"]) {
        Sport::Hike
    } else if has(&["walk"]) {
        Sport::Walk
    } else if has(&["elliptical"]) {
        Sport::Elliptical
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sport_from_common_type_names() {
        assert_eq!(sport_from_type("running"), Some(Sport::Run));
        assert_eq!(sport_from_type("TrailRun"), Some(Sport::Run));
        assert_eq!(sport_from_type("VirtualRide"), Some(Sport::Cycle));
        assert_eq!(sport_from_type("road_biking"), Some(Sport::Cycle));
        assert_eq!(sport_from_type("hiking"), Some(Sport::Hike));
        assert_eq!(sport_from_type("open_water_swimming"), Some(Sport::Swim));
        assert_eq!(sport_from_type("yoga"), None);
    }

    #[test]
    fn minimal_track() {
        let doc = br#"<gpx creator="t"><trk><type>cycling</type><trkseg>
            <trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>100</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>
            <trkpt lat="1.001" lon="2"><time>2020-01-01T00:00:10Z</time></trkpt>
            <trkpt lat="1.002" lon="2"></trkpt>
        </trkseg></trk></gpx>"#;
        let out = read(doc, "t.gpx").unwrap();
        let a = &out.activities[0];
        assert_eq!(a.sport, Sport::Cycle);
        assert_eq!(a.samples.len(), 2);
        assert_eq!(a.samples[0].hr_bpm, Some(100));
        assert_eq!(a.elapsed_s, 10.0);
        assert!((a.distance_m.unwrap() - 111.2).abs() < 0.5);
        assert!(
            out.warnings
                .iter()
                .any(|w| w.contains("1 track points without <time>"))
        );
    }

    #[test]
    fn files_without_a_timed_track_are_skipped_with_the_reason() {
        let out = read(b"<gpx><wpt lat=\"1\" lon=\"2\"/></gpx>", "w.gpx").unwrap();
        assert!(out.skipped.unwrap().contains("waypoints only"));
        let route = br#"<gpx><rte><rtept lat="1" lon="2"/><rtept lat="1.1" lon="2"/></rte></gpx>"#;
        let out = read(route, "r.gpx").unwrap();
        assert!(
            out.skipped
                .unwrap()
                .contains("planned route (<rte>, 2 points)")
        );
        let drawn = br#"<gpx><trk><trkseg><trkpt lat="1" lon="2"/><trkpt lat="1.1" lon="2"/></trkseg></trk></gpx>"#;
        let out = read(drawn, "d.gpx").unwrap();
        assert!(out.activities.is_empty());
        assert!(out.skipped.unwrap().contains("have no times"));
    }

    #[test]
    fn strava_numeric_types() {
        assert_eq!(sport_from_type("1"), Some(Sport::Cycle));
        assert_eq!(sport_from_type("9"), Some(Sport::Run));
        assert_eq!(sport_from_type("16"), Some(Sport::Swim));
        assert_eq!(sport_from_type("17"), Some(Sport::Cycle));
        assert_eq!(sport_from_type(" 10 "), Some(Sport::Walk));
        assert_eq!(sport_from_type("4"), Some(Sport::Hike));
        assert_eq!(sport_from_type("30"), None);
        assert_eq!(sport_from_type("999"), None);
    }

    #[test]
    fn backwards_times_keep_file_order_and_warn() {
        // A→B→C→D along a line, but the clock of C and D was set back: sorting by time would visit
        // C, D, A, B and add the way back.
        let doc = br#"<gpx><trk><type>running</type><trkseg>
            <trkpt lat="0" lon="0"><time>2020-01-01T00:10:00Z</time></trkpt>
            <trkpt lat="0" lon="0.001"><time>2020-01-01T00:10:30Z</time></trkpt>
            <trkpt lat="0" lon="0.002"><time>2020-01-01T00:00:00Z</time></trkpt>
            <trkpt lat="0" lon="0.003"><time>2020-01-01T00:00:30Z</time></trkpt>
        </trkseg></trk></gpx>"#;
        let out = read(doc, "b.gpx").unwrap();
        let a = &out.activities[0];
        assert_eq!(a.started_at.to_string(), "2020-01-01T00:00:00Z");
        let offsets: Vec<u32> = a.samples.iter().map(|s| s.offset_s).collect();
        assert_eq!(offsets, [600, 630, 0, 30]);
        let three_steps = 3.0 * crate::activity::haversine_m(0.0, 0.0, 0.0, 0.001);
        assert!((a.distance_m.unwrap() - three_steps).abs() < 0.01);
        assert_eq!(a.elapsed_s, 630.0);
        let w = out.warnings.join("\n");
        assert!(
            w.contains("goes backwards at 1 of 4 track points, first at line 4"),
            "{w}"
        );
    }
}
