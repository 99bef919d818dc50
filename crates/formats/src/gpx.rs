//! GPX 1.1 tracks (Garmin Connect, Strava, Wahoo, ridewithgps exports) with Garmin's
//! TrackPointExtension (`hr`, `cad`, `speed`, under any namespace prefix) and a `power` extension.
//!
//! - One [`Activity`] per `<trk>` that has timed points; its segments are concatenated. Points
//!   without `<time>` cannot be placed and are dropped (with a warning); routes and waypoints are ignored.
//! - GPX carries no summary: start, elapsed and timer time (gaps over a minute are pauses), distance
//!   (haversine over the points, also filled into each sample) and heart rate come from the points.
//! - The sport comes from the track's `<type>` ("running", "cycling", "hiking"…); without one it is
//!   [`Sport::Other`] with a warning. Guessing from speed would misfile easy runs as walks and hikes
//!   as runs, so the reader does not guess.

use afterlift_core::session::{Activity, Sample, Sport};

use crate::Output;
use crate::activity::{self, check_summary, clean_samples, label, summarize};
use crate::error::{ErrorKind, ReadError};
use crate::xml::{self, BadValues, Step, Xml};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Gpx,
    Trk,
    Trkpt,
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
}

pub(crate) fn read(bytes: &[u8], file: &str) -> Result<Output, ReadError> {
    let mut xml = Xml::new(bytes, file);
    let mut out = Output::default();
    let mut bad = BadValues::default();
    let mut unzoned = 0;
    let mut untimed = 0;
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
                            Some(time) => trk.points.push((time, p.sample)),
                            None => untimed += 1,
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
    for trk in tracks {
        if let Some(a) = build(trk, &source, &mut out.warnings) {
            out.activities.push(a);
        }
    }
    if untimed > 0 {
        out.warnings
            .push(format!("{untimed} track points without <time> dropped"));
    }
    if unzoned > 0 {
        out.warnings
            .push(format!("{unzoned} times without a UTC offset read as UTC"));
    }
    bad.report(&mut out.warnings);
    if out.activities.is_empty() {
        return Err(ReadError::new(
            file,
            ErrorKind::NoData,
            crate::error::Place::File,
            "expected a <trk> with timed <trkpt> points, found none",
        ));
    }
    Ok(out)
}

fn build(trk: Track, source: &str, warnings: &mut Vec<String>) -> Option<Activity> {
    let mut points = trk.points;
    if !points.is_sorted_by_key(|(t, _)| *t) {
        points.sort_by_key(|(t, _)| *t);
        warnings.push("track points were out of time order; sorted".to_owned());
    }
    let started_at = points.first()?.0;
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
            warnings.push(format!(
                "track type \"{kind}\" is not a known sport; read as other"
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
    clean_samples(&mut samples, sport, &label(sport, started_at), warnings);
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
    };
    check_summary(&mut a, &label(sport, started_at), warnings);
    Some(a)
}

/// A sport from a free-text activity type (GPX `<type>`, Strava and Garmin names).
pub(crate) fn sport_from_type(kind: &str) -> Option<Sport> {
    if let Ok(sport) = kind.parse::<Sport>() {
        return Some(sport);
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
    fn no_timed_points_is_no_data() {
        let e = read(b"<gpx><wpt lat=\"1\" lon=\"2\"/></gpx>", "w.gpx").unwrap_err();
        assert_eq!(e.kind, ErrorKind::NoData);
    }
}
