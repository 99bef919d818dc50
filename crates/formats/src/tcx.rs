//! TCX (Garmin Training Center) activities: laps with their totals, trackpoints with position,
//! altitude, distance, heart rate, cadence and the `TPX` extension (`Speed`, `RunCadence`, `Watts`).
//!
//! - The laps are kept as the device's ([`Lap`]): `StartTime`, `TotalTimeSeconds` (timer time: TCX
//!   gives no elapsed time), `DistanceMeters`, `AverageHeartRateBpm`, `MaximumHeartRateBpm`, `Cadence`
//!   (else the `LX` extension's `AvgRunCadence`), the extension's `AvgSpeed` and `TriggerMethod`. A
//!   value that is not a number, and an implausible one (`activity::check_laps`), is dropped with a
//!   warning naming the lap and the field; a lap without a start time, or outside the activity, is
//!   dropped whole.
//!
//! - One [`Activity`] per `<Activity>`. `Sport` is read in any case (`"Running"`, Runtastic's
//!   `"running"`) → run, `"Biking"` → cycle, `"Other"` → other; names outside the schema
//!   ("Walking", "cycling") are read like a GPX `<type>`, else other with a warning.
//! - Summary from the laps: timer time, distance and calories are their sums, average heart rate the
//!   lap averages weighted by lap time, maximum the largest lap maximum. What the laps lack is
//!   recomputed from the trackpoints. Elapsed time runs from the start (`<Id>`, else the first lap's
//!   `StartTime`) to the last trackpoint or the end of the last lap, whichever is later.
//! - The trackpoints are what was recorded: when the declared start is more than
//!   [`DECLARED_START_TOLERANCE_S`] away from the first trackpoint (an `<Id>` written in local time as
//!   UTC, a lap start from another clock), the start is the first trackpoint, the lap start times are
//!   not used for elapsed time, and a warning says so. Trackpoints stay in file order.

use afterlift_core::session::{Activity, Lap as DeviceLap, LapTrigger, Sample, Sport};

use crate::activity::{self, check_laps, check_summary, clean_samples, label, summarize};
use crate::error::{ErrorKind, Place, ReadError};
use crate::registry::{FileFormat, Signature};
use crate::xml::{self, BadValues, Step, Xml};
use crate::{Format, Output, ReadOptions};

/// The TCX format in the registry: an XML document whose root element is `<TrainingCenterDatabase>`.
pub(crate) struct Tcx;

impl FileFormat for Tcx {
    fn name(&self) -> &'static str {
        "tcx"
    }
    fn label(&self) -> &'static str {
        "TCX"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["tcx"]
    }
    fn signature(&self) -> Signature {
        Signature::XmlRoot("TrainingCenterDatabase")
    }
    fn read(&self, bytes: &[u8], file: &str, _: &ReadOptions) -> Result<Output, ReadError> {
        read(bytes, file)
    }
}

#[allow(non_upper_case_globals)]
impl Format {
    /// TCX, from the registry.
    pub const Tcx: Format = Format::of(&Tcx);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Root,
    Activity,
    Id,
    Lap,
    TotalTimeSeconds,
    DistanceMeters,
    Calories,
    AverageHeartRateBpm,
    MaximumHeartRateBpm,
    Value,
    Cadence,
    TriggerMethod,
    AvgSpeed,
    AvgRunCadence,
    Trackpoint,
    Time,
    LatitudeDegrees,
    LongitudeDegrees,
    AltitudeMeters,
    HeartRateBpm,
    Speed,
    RunCadence,
    Watts,
    Creator,
    Name,
    Other,
}

fn tag(local: &[u8]) -> Tag {
    match local {
        b"TrainingCenterDatabase" => Tag::Root,
        b"Activity" => Tag::Activity,
        b"Id" => Tag::Id,
        b"Lap" => Tag::Lap,
        b"TotalTimeSeconds" => Tag::TotalTimeSeconds,
        b"DistanceMeters" => Tag::DistanceMeters,
        b"Calories" => Tag::Calories,
        b"AverageHeartRateBpm" => Tag::AverageHeartRateBpm,
        b"MaximumHeartRateBpm" => Tag::MaximumHeartRateBpm,
        b"Value" => Tag::Value,
        b"Cadence" => Tag::Cadence,
        b"TriggerMethod" => Tag::TriggerMethod,
        b"AvgSpeed" => Tag::AvgSpeed,
        b"AvgRunCadence" => Tag::AvgRunCadence,
        b"Trackpoint" => Tag::Trackpoint,
        b"Time" => Tag::Time,
        b"LatitudeDegrees" => Tag::LatitudeDegrees,
        b"LongitudeDegrees" => Tag::LongitudeDegrees,
        b"AltitudeMeters" => Tag::AltitudeMeters,
        b"HeartRateBpm" => Tag::HeartRateBpm,
        b"Speed" => Tag::Speed,
        b"RunCadence" => Tag::RunCadence,
        b"Watts" => Tag::Watts,
        b"Creator" => Tag::Creator,
        b"Name" => Tag::Name,
        _ => Tag::Other,
    }
}

#[derive(Default)]
struct Lap {
    start: Option<jiff::Timestamp>,
    /// The `StartTime` attribute as written, when it is not a time.
    bad_start: Option<String>,
    timer_s: Option<f64>,
    distance_m: Option<f64>,
    calories_kcal: Option<f64>,
    avg_hr: Option<f64>,
    max_hr: Option<f64>,
    cadence: Option<f64>,
    run_cadence: Option<f64>,
    avg_speed: Option<f64>,
    trigger: Option<LapTrigger>,
    /// Values that are not numbers (or not a trigger method): the field and the text, for a warning.
    bad: Vec<(&'static str, String)>,
}

impl Lap {
    /// A lap value's text as a number, or `None` with the field and text kept for a warning.
    fn number(&mut self, text: &str, field: &'static str) -> Option<f64> {
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                self.bad
                    .push((field, text.chars().take(40).collect::<String>()));
                None
            }
        }
    }
}

/// `TriggerMethod` (TCX's `TriggerMethod_t`): `Location` is a position.
fn trigger(text: &str) -> Option<LapTrigger> {
    Some(match text.trim() {
        "Manual" => LapTrigger::Manual,
        "Distance" => LapTrigger::Distance,
        "Location" => LapTrigger::Position,
        "Time" => LapTrigger::Time,
        "HeartRate" => LapTrigger::HeartRate,
        _ => return None,
    })
}

#[derive(Default)]
struct Act {
    sport: Option<String>,
    id: Option<jiff::Timestamp>,
    creator: Option<String>,
    laps: Vec<Lap>,
    points: Vec<(jiff::Timestamp, Sample)>,
}

/// How far the declared start (`<Id>`, the first lap's `StartTime`) may lie before the first
/// trackpoint. Devices start the lap a little before the first point (GPS fix, a button press);
/// hours apart is another clock (a time zone written as UTC), and elapsed time would count them.
pub(crate) const DECLARED_START_TOLERANCE_S: i64 = 10 * 60;

fn read(bytes: &[u8], file: &str) -> Result<Output, ReadError> {
    let mut xml = Xml::new(bytes, file);
    let mut out = Output::default();
    let mut bad = BadValues::default();
    let mut unzoned = 0;
    let mut untimed = 0;
    let mut stack: Vec<Tag> = Vec::with_capacity(16);
    let mut acts: Vec<Act> = Vec::new();
    let mut act: Option<Act> = None;
    let mut point: Option<(Option<jiff::Timestamp>, Sample)> = None;

    loop {
        match xml.next()? {
            Step::Start(e) => {
                let t = tag(e.local_name().as_ref());
                if stack.is_empty() && t != Tag::Root {
                    return Err(xml.error(
                        ErrorKind::UnknownFormat,
                        format!(
                            "expected the root element <TrainingCenterDatabase>, found <{}>",
                            String::from_utf8_lossy(e.local_name().as_ref())
                        ),
                    ));
                }
                match t {
                    Tag::Activity => {
                        act = Some(Act {
                            sport: xml::attr(&e, b"Sport").map(|s| s.into_owned()),
                            ..Act::default()
                        })
                    }
                    Tag::Lap => {
                        if let Some(a) = act.as_mut() {
                            let written = xml::attr(&e, b"StartTime");
                            let start = written
                                .as_ref()
                                .and_then(|s| xml::instant(s, &xml, &mut bad, &mut unzoned));
                            a.laps.push(Lap {
                                start,
                                bad_start: written
                                    .filter(|_| start.is_none())
                                    .map(|s| s.chars().take(40).collect()),
                                ..Lap::default()
                            });
                        }
                    }
                    Tag::Trackpoint if act.is_some() => point = Some((None, Sample::default())),
                    _ => {}
                }
                stack.push(t);
            }
            Step::End => match stack.pop() {
                Some(Tag::Trackpoint) => {
                    if let (Some((time, sample)), Some(a)) = (point.take(), act.as_mut()) {
                        match time {
                            Some(t) => a.points.push((t, sample)),
                            None => untimed += 1,
                        }
                    }
                }
                Some(Tag::Activity) => acts.extend(act.take()),
                _ => {}
            },
            Step::Text(text) => {
                let Some(a) = act.as_mut() else { continue };
                if let Some((time, s)) = point.as_mut() {
                    match stack.as_slice() {
                        [.., Tag::Trackpoint, Tag::Time] => {
                            *time = xml::instant(&text, &xml, &mut bad, &mut unzoned)
                        }
                        [.., Tag::LatitudeDegrees] => {
                            s.lat_deg = xml::number(&text, "latitude", &xml, &mut bad)
                        }
                        [.., Tag::LongitudeDegrees] => {
                            s.lon_deg = xml::number(&text, "longitude", &xml, &mut bad)
                        }
                        [.., Tag::Trackpoint, Tag::AltitudeMeters] => {
                            s.altitude_m =
                                xml::number(&text, "altitude", &xml, &mut bad).map(|v| v as f32)
                        }
                        [.., Tag::Trackpoint, Tag::DistanceMeters] => {
                            s.distance_m = xml::number(&text, "distance", &xml, &mut bad)
                        }
                        [.., Tag::HeartRateBpm, Tag::Value] => {
                            s.hr_bpm = xml::small_uint(&text, "heart rate", &xml, &mut bad)
                        }
                        [.., Tag::Trackpoint, Tag::Cadence] => {
                            s.cadence_rpm = xml::small_uint(&text, "cadence", &xml, &mut bad)
                        }
                        [.., Tag::RunCadence] if s.cadence_rpm.is_none() => {
                            s.cadence_rpm = xml::small_uint(&text, "cadence", &xml, &mut bad)
                        }
                        [.., Tag::Speed] => {
                            s.speed_mps =
                                xml::number(&text, "speed", &xml, &mut bad).map(|v| v as f32)
                        }
                        [.., Tag::Watts] => {
                            s.power_w = xml::number(&text, "power", &xml, &mut bad)
                                .filter(|v| (0.0..=f64::from(u16::MAX)).contains(v))
                                .map(|v| v.round() as u16)
                        }
                        _ => {}
                    }
                    continue;
                }
                let lap = a.laps.last_mut();
                match (stack.as_slice(), lap) {
                    ([.., Tag::Activity, Tag::Id], _) => {
                        a.id = xml::instant(&text, &xml, &mut bad, &mut unzoned)
                    }
                    ([.., Tag::Activity, Tag::Creator, Tag::Name], _) => {
                        a.creator = Some(text.trim().to_owned())
                    }
                    ([.., Tag::Lap, Tag::TotalTimeSeconds], Some(l)) => {
                        l.timer_s = l.number(&text, "timer time")
                    }
                    ([.., Tag::Lap, Tag::DistanceMeters], Some(l)) => {
                        l.distance_m = l.number(&text, "distance")
                    }
                    ([.., Tag::Lap, Tag::Calories], Some(l)) => {
                        l.calories_kcal = l.number(&text, "calories")
                    }
                    ([.., Tag::Lap, Tag::AverageHeartRateBpm, Tag::Value], Some(l)) => {
                        l.avg_hr = l.number(&text, "average heart rate")
                    }
                    ([.., Tag::Lap, Tag::MaximumHeartRateBpm, Tag::Value], Some(l)) => {
                        l.max_hr = l.number(&text, "maximum heart rate")
                    }
                    ([.., Tag::Lap, Tag::Cadence], Some(l)) => {
                        l.cadence = l.number(&text, "average cadence")
                    }
                    ([.., Tag::AvgRunCadence], Some(l)) => {
                        l.run_cadence = l.number(&text, "average cadence")
                    }
                    ([.., Tag::AvgSpeed], Some(l)) => {
                        l.avg_speed = l.number(&text, "average speed")
                    }
                    ([.., Tag::Lap, Tag::TriggerMethod], Some(l)) => {
                        l.trigger = trigger(&text);
                        if l.trigger.is_none() {
                            l.bad
                                .push(("trigger method", text.chars().take(40).collect()));
                        }
                    }
                    _ => {}
                }
            }
            Step::Eof => break,
        }
    }

    for a in acts {
        if let Some(activity) = build(a, &mut out.warnings) {
            out.activities.push(activity);
        }
    }
    if untimed > 0 {
        out.warnings
            .push(format!("{untimed} trackpoints without <Time> dropped"));
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
            Place::File,
            "expected an <Activity> with a start time, laps or timed trackpoints, found none",
        ));
    }
    Ok(out)
}

fn build(a: Act, warnings: &mut Vec<String>) -> Option<Activity> {
    let points = a.points;
    let backwards = points.windows(2).filter(|w| w[1].0 < w[0].0).count();
    let first_point = points.iter().map(|(t, _)| *t).min();
    let declared = a.id.or_else(|| a.laps.first().and_then(|l| l.start));
    let sport = sport(a.sport.as_deref(), warnings);
    // Whether the lap start times agree with the trackpoints (see the module docs).
    let mut laps_agree = true;
    let started_at = match (declared, first_point) {
        (Some(d), Some(p)) => {
            let ahead_s = p.as_second() - d.as_second();
            if ahead_s.abs() > DECLARED_START_TOLERANCE_S {
                laps_agree = false;
                warnings.push(format!(
                    "{}: the declared start {d} is {} {} the first trackpoint; \
                     the trackpoints' times are used (start {p})",
                    label(sport, p),
                    human_span(ahead_s.abs()),
                    if ahead_s > 0 { "before" } else { "after" }
                ));
                p
            } else {
                d.min(p)
            }
        }
        (d, p) => d.or(p)?,
    };
    if backwards > 0 {
        warnings.push(format!(
            "{}: the time goes backwards at {backwards} of {} trackpoints; they are kept in file order",
            label(sport, started_at),
            points.len()
        ));
    }
    let mut samples: Vec<Sample> = points
        .into_iter()
        .map(|(t, mut s)| {
            let offset = t.as_second().saturating_sub(started_at.as_second());
            s.offset_s = u32::try_from(offset).unwrap_or(u32::MAX);
            s
        })
        .collect();
    clean_samples(&mut samples, sport, &label(sport, started_at), warnings);
    let positions_distance = activity::fill_distance_from_positions(&mut samples);
    let sum = summarize(&samples);

    let sum_of = |f: fn(&Lap) -> Option<f64>| -> Option<f64> {
        let values: Vec<f64> = a.laps.iter().filter_map(f).collect();
        (!values.is_empty()).then(|| values.iter().sum())
    };
    let lap_timer_s = sum_of(|l| l.timer_s);
    let (mut hr_weighted, mut hr_time) = (0.0, 0.0);
    for l in &a.laps {
        if let (Some(hr), Some(t)) = (l.avg_hr, l.timer_s) {
            hr_weighted += hr * t;
            hr_time += t;
        }
    }
    let lap_avg_hr = (hr_time > 0.0).then(|| hr_weighted / hr_time);
    let lap_max_hr = a
        .laps
        .iter()
        .filter_map(|l| l.max_hr)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
    let last_lap_end_s = a.laps.last().filter(|_| laps_agree).and_then(|l| {
        let start = l.start?;
        Some((start.as_second() - started_at.as_second()) as f64 + l.timer_s.unwrap_or(0.0))
    });
    let timer_s = lap_timer_s.unwrap_or(sum.timer_s);
    let last_point_s = samples
        .iter()
        .map(|s| s.offset_s)
        .max()
        .map_or(0.0, f64::from);
    let elapsed_s = last_lap_end_s.unwrap_or(0.0).max(last_point_s).max(timer_s);
    let name = label(sport, started_at);
    let laps = device_laps(&a.laps, first_point, &name, warnings);

    let mut activity = Activity {
        sport,
        started_at,
        utc_offset_s: None,
        timer_s,
        elapsed_s,
        distance_m: sum_of(|l| l.distance_m)
            .or(sum.distance_m)
            .or(positions_distance),
        avg_hr_bpm: lap_avg_hr.or(sum.avg_hr_bpm),
        max_hr_bpm: lap_max_hr.or(sum.max_hr_bpm),
        calories_kcal: sum_of(|l| l.calories_kcal),
        rpe: None,
        source: match a.creator.filter(|c| !c.is_empty()) {
            Some(c) => format!("tcx ({c})"),
            None => "tcx".to_owned(),
        },
        samples,
        laps: Vec::new(),
    };
    check_summary(&mut activity, &name, warnings);
    let span = (activity.started_at, activity.ended_at());
    activity.laps = check_laps(laps, sport, span, &name, warnings);
    Some(activity)
}

/// The activity's laps as the device's, each with its number (from 1, in file order): values that are not
/// numbers dropped with a warning naming the lap and field, laps without a start time dropped. When the first lap starts more than
/// [`DECLARED_START_TOLERANCE_S`] away from the first trackpoint, its clock is another (see the module
/// docs): every lap is moved by that difference, with a warning.
fn device_laps(
    laps: &[Lap],
    first_point: Option<jiff::Timestamp>,
    name: &str,
    warnings: &mut Vec<String>,
) -> Vec<(usize, DeviceLap)> {
    let shift_s = match (laps.first().and_then(|l| l.start), first_point) {
        (Some(lap), Some(point)) => {
            let ahead_s = point.as_second() - lap.as_second();
            if ahead_s.abs() > DECLARED_START_TOLERANCE_S {
                warnings.push(format!(
                    "{name}: the first lap's start {lap} is {} {} the first trackpoint; \
                     every lap's start is moved by that much",
                    human_span(ahead_s.abs()),
                    if ahead_s > 0 { "before" } else { "after" }
                ));
                ahead_s
            } else {
                0
            }
        }
        _ => 0,
    };
    let mut out = Vec::with_capacity(laps.len());
    for (i, l) in laps.iter().enumerate() {
        let n = i + 1;
        for (field, text) in &l.bad {
            warnings.push(format!(
                "{name}: lap {n}: {field} \"{text}\" is not a valid value; dropped"
            ));
        }
        let Some(start) = l
            .start
            .and_then(|t| t.checked_add(jiff::SignedDuration::from_secs(shift_s)).ok())
        else {
            warnings.push(match &l.bad_start {
                Some(text) => format!(
                    "{name}: lap {n}: start time \"{text}\" is not a time; the lap is dropped"
                ),
                None => format!("{name}: lap {n} has no start time; dropped"),
            });
            continue;
        };
        out.push((
            n,
            DeviceLap {
                start,
                elapsed_s: None,
                timer_s: l.timer_s,
                distance_m: l.distance_m,
                avg_hr_bpm: l.avg_hr,
                max_hr_bpm: l.max_hr,
                avg_speed_mps: l.avg_speed,
                ascent_m: None,
                avg_cadence_rpm: l.cadence.or(l.run_cadence),
                trigger: l.trigger,
            },
        ));
    }
    out
}

/// The sport of `<Activity Sport="…">`, in any case.
fn sport(name: Option<&str>, warnings: &mut Vec<String>) -> Sport {
    let Some(name) = name.map(str::trim) else {
        return Sport::Other;
    };
    if name.eq_ignore_ascii_case("running") {
        Sport::Run
    } else if name.eq_ignore_ascii_case("biking") {
        Sport::Cycle
    } else if name.eq_ignore_ascii_case("other") || name.is_empty() {
        Sport::Other
    } else {
        crate::gpx::sport_from_type(name).unwrap_or_else(|| {
            warnings.push(format!(
                "Sport=\"{name}\" is not a sport afterlift tracks; read as other"
            ));
            Sport::Other
        })
    }
}

/// "6 h 2 min", "12 min", "45 s".
fn human_span(seconds: i64) -> String {
    let (h, m) = (seconds / 3600, seconds % 3600 / 60);
    match (h, m) {
        (0, 0) => format!("{seconds} s"),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_make_the_summary() {
        let doc = br#"<TrainingCenterDatabase><Activities><Activity Sport="Biking"><Id>2020-01-01T00:00:00Z</Id>
          <Lap StartTime="2020-01-01T00:00:00Z"><TotalTimeSeconds>100</TotalTimeSeconds><DistanceMeters>1000</DistanceMeters>
            <Calories>10</Calories><AverageHeartRateBpm><Value>100</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>120</Value></MaximumHeartRateBpm>
            <Track><Trackpoint><Time>2020-01-01T00:00:05Z</Time><HeartRateBpm><Value>99</Value></HeartRateBpm><Cadence>80</Cadence>
              <Extensions><ns3:TPX><ns3:Speed>9.5</ns3:Speed><ns3:Watts>200</ns3:Watts></ns3:TPX></Extensions></Trackpoint></Track></Lap>
          <Lap StartTime="2020-01-01T00:01:40Z"><TotalTimeSeconds>300</TotalTimeSeconds><DistanceMeters>2000</DistanceMeters>
            <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm><MaximumHeartRateBpm><Value>150</Value></MaximumHeartRateBpm></Lap>
        </Activity></Activities></TrainingCenterDatabase>"#;
        let out = read(doc, "t.tcx").unwrap();
        let a = &out.activities[0];
        assert_eq!(a.sport, Sport::Cycle);
        assert_eq!(a.timer_s, 400.0);
        assert_eq!(a.elapsed_s, 400.0);
        assert_eq!(a.distance_m, Some(3000.0));
        assert_eq!(a.avg_hr_bpm, Some(130.0));
        assert_eq!(a.max_hr_bpm, Some(150.0));
        assert_eq!(a.calories_kcal, Some(10.0));
        let s = a.samples[0];
        assert_eq!(
            (s.offset_s, s.hr_bpm, s.cadence_rpm, s.power_w),
            (5, Some(99), Some(80), Some(200))
        );
        assert_eq!(s.speed_mps, Some(9.5));
    }

    #[test]
    fn sport_in_any_case() {
        let mut w = Vec::new();
        assert_eq!(sport(Some("running"), &mut w), Sport::Run);
        assert_eq!(sport(Some("RUNNING"), &mut w), Sport::Run);
        assert_eq!(sport(Some("biking"), &mut w), Sport::Cycle);
        assert_eq!(sport(Some("Other"), &mut w), Sport::Other);
        assert_eq!(sport(Some("Walking"), &mut w), Sport::Walk);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(sport(Some("Yoga"), &mut w), Sport::Other);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn trackpoints_win_over_a_declared_start_hours_before_them() {
        // The Id and the lap start are 6 h before a 23-minute recording.
        let doc = br#"<TrainingCenterDatabase><Activities><Activity Sport="Biking"><Id>2020-01-01T06:00:00Z</Id>
          <Lap StartTime="2020-01-01T06:00:00Z"><TotalTimeSeconds>1380</TotalTimeSeconds><Track>
            <Trackpoint><Time>2020-01-01T12:00:00Z</Time></Trackpoint>
            <Trackpoint><Time>2020-01-01T12:23:00Z</Time></Trackpoint>
          </Track></Lap></Activity></Activities></TrainingCenterDatabase>"#;
        let out = read(doc, "t.tcx").unwrap();
        let a = &out.activities[0];
        assert_eq!(a.started_at.to_string(), "2020-01-01T12:00:00Z");
        assert_eq!(a.elapsed_s, 1380.0);
        let w = out.warnings.join("\n");
        assert!(
            w.contains("declared start 2020-01-01T06:00:00Z is 6 h before the first trackpoint"),
            "{w}"
        );

        // A minute early is a device starting the lap before the first point: the declared start holds.
        let doc = String::from_utf8_lossy(doc).replace("06:00:00Z", "11:59:00Z");
        let out = read(doc.as_bytes(), "t.tcx").unwrap();
        assert_eq!(
            out.activities[0].started_at.to_string(),
            "2020-01-01T11:59:00Z"
        );
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    }
}
