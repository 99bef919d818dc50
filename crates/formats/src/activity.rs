//! Shared by the cardio readers (FIT, GPX, TCX): summaries recomputed from samples, great-circle
//! distance, and the plausibility checks that drop absurd values with a warning.

use afterlift_core::limits::{self, DEVICE_HR, LOGGED_ACTIVITY_SECONDS};
use afterlift_core::session::{Activity, Lap, Sample, Sport};

/// A gap between samples longer than this is a pause: it counts in elapsed time, not in timer time
/// (core's rule, which the splits of an activity follow too).
pub(crate) use afterlift_core::session::PAUSE_GAP_S;

/// Mean Earth radius (IUGG), metres.
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance between two points in degrees, metres (haversine formula).
pub(crate) fn haversine_m(lat1_deg: f64, lon1_deg: f64, lat2_deg: f64, lon2_deg: f64) -> f64 {
    let (lat1, lat2) = (lat1_deg.to_radians(), lat2_deg.to_radians());
    let dlat = lat2 - lat1;
    let dlon = (lon2_deg - lon1_deg).to_radians();
    let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// Fills `distance_m` of every sample with the cumulative great-circle distance over positions,
/// when no sample carries a distance. Returns the total, or `None` without two positions.
pub(crate) fn fill_distance_from_positions(samples: &mut [Sample]) -> Option<f64> {
    if samples.iter().any(|s| s.distance_m.is_some()) {
        return None;
    }
    let mut total_m = 0.0;
    let mut last: Option<(f64, f64)> = None;
    let mut any = false;
    for s in samples.iter_mut() {
        if let (Some(lat), Some(lon)) = (s.lat_deg, s.lon_deg) {
            if let Some((plat, plon)) = last {
                total_m += haversine_m(plat, plon, lat, lon);
                any = true;
            }
            last = Some((lat, lon));
            s.distance_m = Some(total_m);
        }
    }
    any.then_some(total_m)
}

/// A summary computed from samples, for files without one (or with parts missing).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct SampleSummary {
    pub elapsed_s: f64,
    /// Elapsed time less the gaps longer than [`PAUSE_GAP_S`].
    pub timer_s: f64,
    /// The largest cumulative distance.
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
}

pub(crate) fn summarize(samples: &[Sample]) -> SampleSummary {
    // Earliest to latest, not first to last: a GPX track whose clock went backwards keeps its points
    // in file order.
    let (Some(earliest), Some(latest)) = (
        samples.iter().map(|s| s.offset_s).min(),
        samples.iter().map(|s| s.offset_s).max(),
    ) else {
        return SampleSummary::default();
    };
    let elapsed_s = f64::from(latest - earliest);
    // Gaps from the latest time so far: a sample whose time went backwards adds nothing, and the one
    // after it adds only the time beyond the latest (not the step back again).
    let mut timer_s = 0.0;
    let mut latest_s = samples.first().map_or(0, |s| s.offset_s);
    for s in samples.iter().skip(1) {
        let gap = s.offset_s.saturating_sub(latest_s);
        if gap <= PAUSE_GAP_S {
            timer_s += f64::from(gap);
        }
        latest_s = latest_s.max(s.offset_s);
    }
    let distance_m = samples
        .iter()
        .filter_map(|s| s.distance_m)
        .fold(None, |max: Option<f64>, d| {
            Some(max.map_or(d, |m| m.max(d)))
        });
    let (mut hr_sum, mut hr_n, mut hr_max) = (0u64, 0u64, 0u8);
    for hr in samples.iter().filter_map(|s| s.hr_bpm) {
        hr_sum += u64::from(hr);
        hr_n += 1;
        hr_max = hr_max.max(hr);
    }
    SampleSummary {
        elapsed_s,
        timer_s,
        distance_m,
        avg_hr_bpm: (hr_n > 0).then(|| hr_sum as f64 / hr_n as f64),
        max_hr_bpm: (hr_n > 0).then_some(f64::from(hr_max)),
    }
}

/// The fastest plausible speed for a sport, m/s (a sprinter peaks near 12.5 m/s; 30 m/s is 108 km/h).
fn max_speed_mps(sport: Sport) -> f32 {
    match sport {
        Sport::Run | Sport::Walk | Sport::Hike | Sport::Swim | Sport::Row | Sport::Elliptical => {
            30.0
        }
        Sport::Cycle | Sport::Other => 60.0,
    }
}

/// Counts dropped values of one kind and remembers the first, for one warning instead of thousands.
struct Dropped {
    what: &'static str,
    count: usize,
    first: Option<(u32, String)>,
}

impl Dropped {
    fn new(what: &'static str) -> Self {
        Dropped {
            what,
            count: 0,
            first: None,
        }
    }
    fn note(&mut self, offset_s: u32, value: impl FnOnce() -> String) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((offset_s, value()));
        }
    }
    fn report(self, label: &str, warnings: &mut Vec<String>) {
        if let Some((offset_s, value)) = self.first {
            let more = match self.count {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            warnings.push(format!(
                "{label}: sample at +{offset_s} s: {} {value} is implausible; dropped{more}",
                self.what
            ));
        }
    }
}

/// Drops implausible sample values, one warning per kind naming the first place. Run it before
/// [`summarize`]. `label` names the activity in warnings (e.g. "run at 2017-06-11T14:34:09Z").
pub(crate) fn clean_samples(
    samples: &mut [Sample],
    sport: Sport,
    label: &str,
    warnings: &mut Vec<String>,
) {
    let max_speed = max_speed_mps(sport);
    let sport = sport.as_str();
    let mut hr = Dropped::new("heart rate");
    let mut speed = Dropped::new("speed");
    let mut distance = Dropped::new("distance");
    let mut position = Dropped::new("position");
    let mut altitude = Dropped::new("altitude");
    for s in samples.iter_mut() {
        if let Some(v) = s.hr_bpm
            && !DEVICE_HR.contains(f64::from(v))
        {
            hr.note(s.offset_s, || format!("{v} bpm"));
            s.hr_bpm = None;
        }
        if let Some(v) = s.speed_mps
            && (!v.is_finite() || v < 0.0 || v > max_speed)
        {
            speed.note(s.offset_s, || format!("{v} m/s for a {sport}"));
            s.speed_mps = None;
        }
        if let Some(v) = s.distance_m
            && (!v.is_finite() || v < 0.0)
        {
            distance.note(s.offset_s, || format!("{v} m"));
            s.distance_m = None;
        }
        let bad_lat = s.lat_deg.is_some_and(|v| !(-90.0..=90.0).contains(&v));
        let bad_lon = s.lon_deg.is_some_and(|v| !(-180.0..=180.0).contains(&v));
        if bad_lat || bad_lon || s.lat_deg.is_some() != s.lon_deg.is_some() {
            position.note(s.offset_s, || {
                format!("{:?}, {:?} (degrees)", s.lat_deg, s.lon_deg)
            });
            s.lat_deg = None;
            s.lon_deg = None;
        }
        if let Some(v) = s.altitude_m
            && (!v.is_finite() || !(-500.0..=9000.0).contains(&v))
        {
            altitude.note(s.offset_s, || format!("{v} m"));
            s.altitude_m = None;
        }
    }
    for kind in [hr, speed, distance, position, altitude] {
        kind.report(label, warnings);
    }
}

/// Drops or clamps implausible summary fields with a warning.
pub(crate) fn check_summary(activity: &mut Activity, label: &str, warnings: &mut Vec<String>) {
    let mut check_hr = |name: &str, value: &mut Option<f64>| {
        if let Some(v) = *value
            && !DEVICE_HR.contains(v)
        {
            warnings.push(format!("{label}: {name} {v} bpm is implausible; dropped"));
            *value = None;
        }
    };
    check_hr("average heart rate", &mut activity.avg_hr_bpm);
    check_hr("maximum heart rate", &mut activity.max_hr_bpm);
    if let Some(v) = activity.distance_m
        && !limits::LOGGED_ACTIVITY_DISTANCE.contains(v)
    {
        warnings.push(format!("{label}: distance {v} m is implausible; dropped"));
        activity.distance_m = None;
    }
    if let Some(v) = activity.calories_kcal
        && !limits::LOGGED_KCAL.contains(v)
    {
        warnings.push(format!("{label}: {v} kcal is implausible; dropped"));
        activity.calories_kcal = None;
    }
    for (name, value) in [
        ("elapsed time", &mut activity.elapsed_s),
        ("timer time", &mut activity.timer_s),
    ] {
        if !(value.is_finite() && *value >= 0.0) {
            warnings.push(format!(
                "{label}: {name} {value} s is implausible; set to 0"
            ));
            *value = 0.0;
        } else if *value > LOGGED_ACTIVITY_SECONDS.max {
            warnings.push(format!(
                "{label}: {name} {:.1} h is implausible; clamped to 7 days",
                *value / 3600.0
            ));
            *value = LOGGED_ACTIVITY_SECONDS.max;
        }
    }
    if activity.timer_s > activity.elapsed_s + 1.0 {
        warnings.push(format!(
            "{label}: timer time {:.0} s exceeds elapsed time {:.0} s; clamped",
            activity.timer_s, activity.elapsed_s
        ));
        activity.timer_s = activity.elapsed_s;
    }
}

/// How long after an activity's end a lap may still run (devices round; some stop the activity's
/// clock a little before the lap's), and how long before its start a lap may begin, seconds.
const LAP_END_SLACK_S: i64 = 60;
const LAP_START_SLACK_S: i64 = 2;

/// Checks the device's laps of an activity that spans `[start, end]` (`label` names it in warnings), each
/// with its number in the file (from 1, in file order: what the warnings call it), and returns them in
/// time order:
/// - a value no device records (NaN, negative, beyond the `limits::LOGGED_*` range or the sport's
///   fastest speed) is dropped, the lap kept;
/// - a lap starting outside the activity, or ending well after it, is dropped whole;
/// - beyond [`limits::MAX_LAPS`], the rest are dropped.
///
/// Each drop is a warning naming the lap, the field and the value.
pub(crate) fn check_laps(
    laps: Vec<(usize, Lap)>,
    sport: Sport,
    (start, end): (jiff::Timestamp, jiff::Timestamp),
    label: &str,
    warnings: &mut Vec<String>,
) -> Vec<Lap> {
    let max_speed = f64::from(max_speed_mps(sport));
    let speed_range = limits::Range::new(0.0, max_speed, "m/s");
    let (first_ms, last_ms) = (
        start.as_millisecond() - LAP_START_SLACK_S * 1000,
        end.as_millisecond() + LAP_END_SLACK_S * 1000,
    );
    let mut kept = Vec::with_capacity(laps.len());
    for (n, mut lap) in laps {
        let starts_ms = lap.start.as_millisecond();
        if !(first_ms..=last_ms).contains(&starts_ms) {
            warnings.push(format!(
                "{label}: lap {n} starts at {}, outside the activity ({start} to {end}); dropped",
                lap.start
            ));
            continue;
        }
        let mut check = |name: &str, value: &mut Option<f64>, range: &limits::Range| {
            if let Some(v) = *value
                && !range.contains(v)
            {
                let unit = if range.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", range.unit)
                };
                warnings.push(format!(
                    "{label}: lap {n}: {name} {v}{unit} is implausible; dropped"
                ));
                *value = None;
            }
        };
        check("elapsed time", &mut lap.elapsed_s, &LOGGED_ACTIVITY_SECONDS);
        check("timer time", &mut lap.timer_s, &LOGGED_ACTIVITY_SECONDS);
        check(
            "distance",
            &mut lap.distance_m,
            &limits::LOGGED_ACTIVITY_DISTANCE,
        );
        check("average heart rate", &mut lap.avg_hr_bpm, &DEVICE_HR);
        check("maximum heart rate", &mut lap.max_hr_bpm, &DEVICE_HR);
        check("average speed", &mut lap.avg_speed_mps, &speed_range);
        check("ascent", &mut lap.ascent_m, &limits::LOGGED_ASCENT);
        check(
            "average cadence",
            &mut lap.avg_cadence_rpm,
            &limits::LOGGED_CADENCE,
        );
        let length_s = lap.elapsed_s.or(lap.timer_s).unwrap_or(0.0);
        let ends_ms = starts_ms.saturating_add((length_s * 1000.0) as i64);
        if ends_ms > last_ms {
            warnings.push(format!(
                "{label}: lap {n} ({length_s} s from {}) ends {} s after the activity ({end}); dropped",
                lap.start,
                (ends_ms - end.as_millisecond()) / 1000
            ));
            continue;
        }
        kept.push(lap);
    }
    kept.sort_by_key(|l| l.start);
    if kept.len() > limits::MAX_LAPS {
        warnings.push(format!(
            "{label}: {} laps; the first {} kept",
            kept.len(),
            limits::MAX_LAPS
        ));
        kept.truncate(limits::MAX_LAPS);
    }
    kept
}

/// A label for warnings about one activity: `sport at start`.
pub(crate) fn label(sport: Sport, started_at: jiff::Timestamp) -> String {
    format!("{} at {started_at}", sport.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(offset_s: u32) -> Sample {
        Sample {
            offset_s,
            ..Sample::default()
        }
    }

    #[test]
    fn haversine_one_degree_of_latitude() {
        let d = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((d - 111_195.0).abs() < 1.0, "{d}");
    }

    #[test]
    fn summary_excludes_pauses_from_timer() {
        let mut samples: Vec<Sample> = [0, 1, 2, 200, 201].into_iter().map(sample).collect();
        samples[0].hr_bpm = Some(100);
        samples[4].hr_bpm = Some(150);
        let s = summarize(&samples);
        assert_eq!(s.elapsed_s, 201.0);
        assert_eq!(s.timer_s, 3.0);
        assert_eq!(s.avg_hr_bpm, Some(125.0));
        assert_eq!(s.max_hr_bpm, Some(150.0));
    }

    #[test]
    fn sanitize_drops_absurd_values_with_one_warning_per_kind() {
        let mut samples: Vec<Sample> = (0..5).map(sample).collect();
        for s in &mut samples {
            s.hr_bpm = Some(0);
            s.speed_mps = Some(45.0);
        }
        let mut a = Activity {
            sport: Sport::Run,
            started_at: jiff::Timestamp::UNIX_EPOCH,
            utc_offset_s: None,
            timer_s: 10.0,
            elapsed_s: 5.0,
            distance_m: Some(-3.0),
            avg_hr_bpm: Some(300.0),
            max_hr_bpm: Some(0.0),
            calories_kcal: None,
            rpe: None,
            source: "test".into(),
            samples,
            laps: Vec::new(),
        };
        let mut w = Vec::new();
        clean_samples(&mut a.samples, a.sport, "run", &mut w);
        check_summary(&mut a, "run", &mut w);
        assert!(
            a.samples
                .iter()
                .all(|s| s.hr_bpm.is_none() && s.speed_mps.is_none())
        );
        assert_eq!(a.avg_hr_bpm, None);
        assert_eq!(a.distance_m, None);
        assert_eq!(a.timer_s, 5.0);
        assert_eq!(w.len(), 6, "{w:#?}");
        assert!(
            w[0].contains("heart rate 0 bpm is implausible; dropped (and 4 more)"),
            "{}",
            w[0]
        );
    }
}
