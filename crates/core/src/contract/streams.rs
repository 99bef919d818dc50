//! An activity's recorded samples by channel (`GET /api/v1/activities/{id}/streams`,
//! `afterlift show a12 --samples --json`): what the activity detail charts, its splits, the device's laps
//! and its track as an outline.
//!
//! One array per channel, one entry per sample, `null` where a sample lacks the value; a channel the
//! activity has no value of at all is `null` as a whole. Columns keep a 12-hour recording (43,200
//! samples) compact: no key is repeated per sample. For a chart, [`ActivityStreams::for_chart`] keeps
//! only the samples a line of a given width needs ([`crate::chart`]); each channel's statistics are of
//! every sample either way.

use serde::{Deserialize, Serialize};

use crate::chart::{ChannelStats, ChartReduction};
use crate::session::{Activity, Lap, LapTrigger, Sample, Sport};
use crate::streams::{self, MILE_M, Split};
use crate::track::{self, OUTLINE_POINTS};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The split length: kilometres (100 m for a swim) or miles (100 yards for a swim).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SplitUnit {
    #[default]
    Km,
    Mi,
}

impl SplitUnit {
    /// The split length for `sport`, metres.
    pub fn metres(self, sport: Sport) -> f64 {
        match (self, sport) {
            (SplitUnit::Km, Sport::Swim) => 100.0,
            // 100 yards (0.9144 m a yard, 1959).
            (SplitUnit::Mi, Sport::Swim) => 91.44,
            (SplitUnit::Km, _) => 1000.0,
            (SplitUnit::Mi, _) => MILE_M,
        }
    }
}

/// Where the speed channel came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpeedFrom {
    /// Recorded by the device.
    Device,
    /// Computed from the distance channel: the distance covered from 5 s before each sample to 5 s
    /// after it, over the time between (the recording has no speed of its own, as most GPX files).
    Distance,
}

/// An activity's samples by channel, its track outline and its splits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivityStreams {
    /// `a12`.
    pub id: String,
    /// How many samples are given: the length of every channel.
    pub samples: usize,
    /// How many samples the recording has: `samples` when every one is given.
    pub recorded_samples: usize,
    /// The chart width in columns the samples were chosen for (`?columns=`): the time from the first
    /// sample to the last cut into that many equal slices, and in each, of each channel, the first,
    /// lowest, highest and last sample kept, and the first of each run without a value — a line through
    /// them is the line through every sample (M4; [`crate::chart`]). Null: every sample is given.
    pub columns: Option<u32>,
    /// Each channel's lowest, highest and mean value over every recorded sample, whatever was kept.
    pub stats: StreamStats,
    /// Seconds since the start, ascending (a recording whose clock went back is given in time order,
    /// and `notes` says so).
    pub offset_s: Vec<u32>,
    /// Heart rate, bpm.
    pub hr_bpm: Option<Vec<Option<u8>>>,
    /// Speed, m/s (see `speed_from`): recorded speed to the cm/s (as the log keeps it), derived speed
    /// to the mm/s.
    pub speed_mps: Option<Vec<Option<f64>>>,
    /// Whether `speed_mps` was recorded or computed from the distance; null without speed.
    pub speed_from: Option<SpeedFrom>,
    /// Cumulative distance from the start, metres to the decimetre (as the log keeps it).
    pub distance_m: Option<Vec<Option<f64>>>,
    /// Altitude, metres to the decimetre (as the log keeps it).
    pub altitude_m: Option<Vec<Option<f64>>>,
    /// Cadence as recorded: revolutions a minute, for running one foot's strides a minute (the FIT,
    /// TCX and Garmin GPX convention: steps a minute are twice this).
    pub cadence_rpm: Option<Vec<Option<u8>>>,
    /// Power, watts.
    pub power_w: Option<Vec<Option<u16>>>,
    /// The track's outline (null without two positions): for drawing the route, not for measuring it.
    pub track: Option<TrackOutline>,
    /// The split length, metres.
    pub split_m: f64,
    /// Splits of the recorded distance every `split_m`, computed from the samples (the device's laps are
    /// `laps`). Empty when they cannot be made (`notes` says why).
    pub splits: Vec<SplitOut>,
    /// The device's laps as it recorded them, in time order: empty when the file had none (GPX never
    /// has).
    pub laps: Vec<LapOut>,
    /// What a reader should know about these numbers: a derived channel, a clock that went back, why
    /// there are no splits.
    pub notes: Vec<String>,
}

/// Each charted channel's values over the whole recording; null for a channel the activity lacks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StreamStats {
    pub hr_bpm: Option<StatsOut>,
    pub speed_mps: Option<StatsOut>,
    pub altitude_m: Option<StatsOut>,
    pub cadence_rpm: Option<StatsOut>,
    pub power_w: Option<StatsOut>,
}

/// A channel's lowest, highest and mean value ([`crate::chart::ChannelStats`]), in the channel's units
/// and to its precision (the mean to one more decimal).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatsOut {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
}

impl StatsOut {
    fn of<T: Copy + Into<f64>>(values: &Option<Vec<Option<T>>>, decimals: i32) -> Option<StatsOut> {
        let s = ChannelStats::of(values.as_deref()?)?;
        Some(StatsOut {
            min: round(s.min, decimals),
            max: round(s.max, decimals),
            mean: round(s.mean, decimals + 1),
        })
    }
}

/// The recorded positions simplified by Douglas–Peucker to at most 500 points
/// ([`crate::track::outline`]), in recorded order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TrackOutline {
    /// Latitudes, degrees to 1e-7 (about a centimetre).
    pub lat_deg: Vec<f64>,
    /// Longitudes, degrees to 1e-7.
    pub lon_deg: Vec<f64>,
    /// Seconds since the start of each point's sample: where the track was at a moment of the charts.
    pub offset_s: Vec<u32>,
    /// No recorded position is farther than this from the outline, metres (0: every position kept).
    pub tolerance_m: f64,
    /// How many positions were recorded.
    pub recorded: usize,
}

/// One split ([`crate::streams::splits`]): times in seconds since the start to the 0.1 s.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitOut {
    /// The split length, or less for the last; metres to the centimetre.
    pub distance_m: f64,
    pub start_s: f64,
    pub end_s: f64,
    /// Wall-clock time.
    pub elapsed_s: f64,
    /// Without pauses (gaps between samples over 60 s): the pace is `moving_s / distance_m`.
    pub moving_s: f64,
    /// The mean of the split's heart-rate samples, to 0.1 bpm.
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<u8>,
    /// The split's last recorded altitude minus its first, metres to the decimetre.
    pub elevation_change_m: Option<f64>,
}

/// One of the device's laps ([`crate::session::Lap`]): its numbers as the device recorded them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LapOut {
    /// Seconds from the activity's start to the lap's, to the millisecond (on the charts' time axis).
    pub start_s: f64,
    /// Wall-clock time from the lap's start to its end, seconds (null from a TCX file, which gives only
    /// timer time).
    pub elapsed_s: Option<f64>,
    /// Timer time, seconds: pauses excluded.
    pub timer_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    /// The device's average speed, m/s.
    pub avg_speed_mps: Option<f64>,
    /// Metres climbed.
    pub ascent_m: Option<f64>,
    /// Average cadence as recorded, like `cadence_rpm`: for running one foot's strides a minute.
    pub avg_cadence_rpm: Option<f64>,
    /// What ended the lap.
    pub trigger: Option<LapTrigger>,
}

impl LapOut {
    /// `lap` of an activity that started at `started_at`.
    pub fn new(lap: &Lap, started_at: jiff::Timestamp) -> LapOut {
        LapOut {
            start_s: (lap.start.as_millisecond() - started_at.as_millisecond()) as f64 / 1000.0,
            elapsed_s: lap.elapsed_s,
            timer_s: lap.timer_s,
            distance_m: lap.distance_m,
            avg_hr_bpm: lap.avg_hr_bpm,
            max_hr_bpm: lap.max_hr_bpm,
            avg_speed_mps: lap.avg_speed_mps,
            ascent_m: lap.ascent_m,
            avg_cadence_rpm: lap.avg_cadence_rpm,
            trigger: lap.trigger,
        }
    }
}

fn round(x: f64, decimals: i32) -> f64 {
    let k = 10f64.powi(decimals);
    (x * k).round() / k
}

/// A channel, or `None` when no sample has a value of it.
fn channel<T: Copy>(
    samples: &[Sample],
    get: impl Fn(&Sample) -> Option<T>,
) -> Option<Vec<Option<T>>> {
    samples
        .iter()
        .any(|s| get(s).is_some())
        .then(|| samples.iter().map(get).collect())
}

impl From<&Split> for SplitOut {
    fn from(s: &Split) -> SplitOut {
        SplitOut {
            distance_m: round(s.distance_m, 2),
            start_s: round(s.start_s, 1),
            end_s: round(s.end_s, 1),
            elapsed_s: round(s.elapsed_s, 1),
            moving_s: round(s.moving_s, 1),
            avg_hr_bpm: s.avg_hr_bpm.map(|h| round(h, 1)),
            max_hr_bpm: s.max_hr_bpm,
            elevation_change_m: s.elevation_change_m.map(|e| round(e, 1)),
        }
    }
}

impl ActivityStreams {
    /// The streams of `activity` (entry `id`), split by `unit`.
    pub fn new(id: String, activity: &Activity, unit: SplitUnit) -> ActivityStreams {
        let recorded = &activity.samples;
        let mut notes = Vec::new();
        let split_m = unit.metres(activity.sport);
        let splits = match streams::splits(recorded, split_m) {
            Ok(splits) => splits.iter().map(SplitOut::from).collect(),
            Err(e) => {
                if !recorded.is_empty() {
                    notes.push(format!("No splits: {e}."));
                }
                Vec::new()
            }
        };
        let in_order = recorded.is_sorted_by_key(|s| s.offset_s);
        let sorted;
        let samples: &[Sample] = if in_order {
            recorded
        } else {
            notes.push(
                "The recording's clock goes back: its samples are charted in time order.".into(),
            );
            let mut copy = recorded.clone();
            copy.sort_by_key(|s| s.offset_s);
            sorted = copy;
            &sorted
        };
        // Rounded to what the log keeps (cm/s, decimetres): more digits would be the f32/f64 noise of the
        // decoding, and a longer answer.
        let device_speed = channel(samples, |s| {
            s.speed_mps
                .filter(|v| v.is_finite())
                .map(|v| round(f64::from(v), 2) as f32)
        });
        let (speed, speed_from) = match device_speed {
            Some(v) => (Some(v), Some(SpeedFrom::Device)),
            // Speed from distances in a different order than the times would be made up.
            None if in_order => {
                let derived = streams::speed_from_distance(samples);
                if derived.iter().any(Option::is_some) {
                    notes.push(
                        "Speed is computed from the distance (the recording has none of its own)."
                            .into(),
                    );
                    (Some(derived), Some(SpeedFrom::Distance))
                } else {
                    (None, None)
                }
            }
            None => (None, None),
        };
        let hr_bpm = channel(samples, |s| s.hr_bpm);
        let speed_mps = speed.map(|v| {
            v.into_iter()
                .map(|x| x.map(|x| round(f64::from(x), 3)))
                .collect()
        });
        let altitude_m = channel(samples, |s| {
            s.altitude_m
                .filter(|a| a.is_finite())
                .map(|a| round(f64::from(a), 1))
        });
        let cadence_rpm = channel(samples, |s| s.cadence_rpm);
        let power_w = channel(samples, |s| s.power_w);
        ActivityStreams {
            id,
            samples: samples.len(),
            recorded_samples: samples.len(),
            columns: None,
            stats: StreamStats {
                hr_bpm: StatsOut::of(&hr_bpm, 0),
                speed_mps: StatsOut::of(&speed_mps, 3),
                altitude_m: StatsOut::of(&altitude_m, 1),
                cadence_rpm: StatsOut::of(&cadence_rpm, 0),
                power_w: StatsOut::of(&power_w, 0),
            },
            offset_s: samples.iter().map(|s| s.offset_s).collect(),
            hr_bpm,
            speed_mps,
            speed_from,
            distance_m: channel(samples, |s| {
                s.distance_m.filter(|d| d.is_finite()).map(|d| round(d, 1))
            }),
            altitude_m,
            cadence_rpm,
            power_w,
            track: track::outline(recorded, OUTLINE_POINTS).map(|o| TrackOutline {
                lat_deg: o.lat_deg.iter().map(|&x| round(x, 7)).collect(),
                lon_deg: o.lon_deg.iter().map(|&x| round(x, 7)).collect(),
                offset_s: o.offset_s,
                tolerance_m: round(o.tolerance_m, 2),
                recorded: o.recorded,
            }),
            split_m,
            splits,
            laps: activity
                .laps
                .iter()
                .map(|l| LapOut::new(l, activity.started_at))
                .collect(),
            notes,
        }
    }
}

impl ActivityStreams {
    /// The widest chart [`ActivityStreams::for_chart`] is asked for, columns: more than any screen's
    /// device pixels, and a reduction still worth having for a 12-hour recording.
    pub const MAX_COLUMNS: u32 = 10_000;

    /// These streams with only the samples a chart `columns` wide needs ([`crate::chart`]): every
    /// channel's first, lowest, highest and last sample in each of `columns` slices of the time, on one
    /// time axis. The track, splits, laps and statistics stay those of every sample.
    pub fn for_chart(self, columns: u32) -> ActivityStreams {
        let mut reduction = ChartReduction::new(&self.offset_s, columns);
        if let Some(c) = &self.hr_bpm {
            reduction.channel(c);
        }
        if let Some(c) = &self.speed_mps {
            reduction.channel(c);
        }
        if let Some(c) = &self.distance_m {
            reduction.channel(c);
        }
        if let Some(c) = &self.altitude_m {
            reduction.channel(c);
        }
        if let Some(c) = &self.cadence_rpm {
            reduction.channel(c);
        }
        if let Some(c) = &self.power_w {
            reduction.channel(c);
        }
        let kept = reduction.kept();
        fn pick<T: Copy>(values: Option<Vec<T>>, kept: &[usize]) -> Option<Vec<T>> {
            values.map(|v| kept.iter().map(|&i| v[i]).collect())
        }
        ActivityStreams {
            samples: kept.len(),
            columns: Some(columns),
            offset_s: pick(Some(self.offset_s), &kept).unwrap_or_default(),
            hr_bpm: pick(self.hr_bpm, &kept),
            speed_mps: pick(self.speed_mps, &kept),
            distance_m: pick(self.distance_m, &kept),
            altitude_m: pick(self.altitude_m, &kept),
            cadence_rpm: pick(self.cadence_rpm, &kept),
            power_w: pick(self.power_w, &kept),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(samples: Vec<Sample>) -> Activity {
        Activity {
            sport: Sport::Run,
            started_at: "2025-03-01T07:00:00Z".parse().unwrap(),
            utc_offset_s: None,
            timer_s: 0.0,
            elapsed_s: 0.0,
            distance_m: None,
            avg_hr_bpm: None,
            max_hr_bpm: None,
            calories_kcal: None,
            rpe: None,
            source: "test".into(),
            samples,
            laps: Vec::new(),
        }
    }

    #[test]
    fn channels_are_columns_with_nulls_and_absent_channels_are_null() {
        let samples = vec![
            Sample {
                offset_s: 0,
                hr_bpm: Some(120),
                speed_mps: Some(2.733_333_3),
                distance_m: Some(0.0),
                ..Sample::default()
            },
            Sample {
                offset_s: 1,
                hr_bpm: None,
                speed_mps: Some(2.75),
                distance_m: Some(12.345_678),
                ..Sample::default()
            },
        ];
        let v = serde_json::to_value(ActivityStreams::new(
            "a1".into(),
            &run(samples),
            SplitUnit::Km,
        ))
        .unwrap();
        assert_eq!(
            v,
            json!({
                "id": "a1", "samples": 2, "recorded_samples": 2, "columns": null,
                "stats": {
                    "hr_bpm": {"min": 120.0, "max": 120.0, "mean": 120.0},
                    "speed_mps": {"min": 2.73, "max": 2.75, "mean": 2.74},
                    "altitude_m": null, "cadence_rpm": null, "power_w": null
                },
                "offset_s": [0, 1], "hr_bpm": [120, null],
                "speed_mps": [2.73, 2.75], "speed_from": "device", "distance_m": [0.0, 12.3],
                "altitude_m": null, "cadence_rpm": null, "power_w": null, "track": null,
                "split_m": 1000.0, "splits": [
                    {"distance_m": 12.35, "start_s": 0.0, "end_s": 1.0, "elapsed_s": 1.0, "moving_s": 1.0,
                     "avg_hr_bpm": 120.0, "max_hr_bpm": 120, "elevation_change_m": null}
                ],
                "laps": [],
                "notes": []
            })
        );
    }

    #[test]
    fn a_recording_without_speed_gets_it_from_the_distance_and_says_so() {
        let samples: Vec<Sample> = (0..=20)
            .map(|t| Sample {
                offset_s: t,
                distance_m: Some(3.0 * f64::from(t)),
                ..Sample::default()
            })
            .collect();
        let s = ActivityStreams::new("a2".into(), &run(samples), SplitUnit::Mi);
        assert_eq!(s.speed_from, Some(SpeedFrom::Distance));
        assert_eq!(s.speed_mps.as_ref().unwrap()[10], Some(3.0));
        assert_eq!(s.split_m, MILE_M);
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains("computed from the distance"))
        );
    }

    #[test]
    fn a_clock_that_goes_back_is_charted_in_order_without_splits() {
        let samples = [0u32, 5, 3, 8]
            .iter()
            .enumerate()
            .map(|(i, &t)| Sample {
                offset_s: t,
                distance_m: Some(400.0 * i as f64),
                ..Sample::default()
            })
            .collect();
        let s = ActivityStreams::new("a3".into(), &run(samples), SplitUnit::Km);
        assert_eq!(s.offset_s, [0, 3, 5, 8]);
        assert_eq!(
            s.distance_m.unwrap(),
            [Some(0.0), Some(800.0), Some(400.0), Some(1200.0)]
        );
        assert!(s.splits.is_empty());
        assert_eq!(s.notes.len(), 2, "{:?}", s.notes);
        assert!(s.notes[0].contains("goes back 2 s at 5 s"), "{:?}", s.notes);
    }

    #[test]
    fn the_devices_laps_are_given_from_the_activitys_start_as_recorded() {
        let mut a = run(Vec::new());
        a.laps = vec![
            Lap {
                elapsed_s: Some(579.2),
                timer_s: Some(578.73),
                distance_m: Some(1000.0),
                avg_hr_bpm: Some(146.0),
                trigger: Some(LapTrigger::Distance),
                ..Lap::starting("2025-03-01T07:00:00Z".parse().unwrap())
            },
            Lap::starting("2025-03-01T07:09:39.250Z".parse().unwrap()),
        ];
        let v = serde_json::to_value(ActivityStreams::new("a4".into(), &a, SplitUnit::Km)).unwrap();
        assert_eq!(
            v["laps"],
            json!([
                {"start_s": 0.0, "elapsed_s": 579.2, "timer_s": 578.73, "distance_m": 1000.0,
                 "avg_hr_bpm": 146.0, "max_hr_bpm": null, "avg_speed_mps": null, "ascent_m": null,
                 "avg_cadence_rpm": null, "trigger": "distance"},
                {"start_s": 579.25, "elapsed_s": null, "timer_s": null, "distance_m": null,
                 "avg_hr_bpm": null, "max_hr_bpm": null, "avg_speed_mps": null, "ascent_m": null,
                 "avg_cadence_rpm": null, "trigger": null}
            ])
        );
    }

    #[test]
    fn a_chart_gets_the_samples_its_columns_need_and_the_whole_recordings_stats() {
        // Three hours at one sample a second: heart rate rising and falling every minute, a spike, a gap.
        let samples: Vec<Sample> = (0..10_800u32)
            .map(|t| Sample {
                offset_s: t,
                hr_bpm: (t / 600 != 7)
                    .then(|| (140 + (t % 60) / 3 + u32::from(t == 5_000) * 40) as u8),
                speed_mps: Some(3.0 + (t % 17) as f32 / 100.0),
                distance_m: Some(3.0 * f64::from(t)),
                ..Sample::default()
            })
            .collect();
        let full = ActivityStreams::new("a5".into(), &run(samples), SplitUnit::Km);
        let chart = full.clone().for_chart(600);
        assert_eq!((chart.recorded_samples, chart.columns), (10_800, Some(600)));
        assert!(chart.samples < 10_800 / 2 && chart.samples == chart.offset_s.len());
        assert_eq!(chart.hr_bpm.as_ref().unwrap().len(), chart.samples);
        for c in [&chart.speed_mps, &chart.distance_m] {
            assert_eq!(c.as_ref().unwrap().len(), chart.samples);
        }
        // The spike, the gap's first second and both ends are kept; the statistics are every sample's.
        let at = |t: u32| chart.offset_s.binary_search(&t);
        assert!(at(5_000).is_ok() && at(4_200).is_ok() && at(0).is_ok() && at(10_799).is_ok());
        assert_eq!(chart.hr_bpm.as_ref().unwrap()[at(4_200).unwrap()], None);
        assert_eq!(chart.stats, full.stats);
        assert_eq!(
            full.stats.hr_bpm.unwrap().max,
            186.0,
            "the spike at 5,000 s"
        );
        assert_eq!(
            (full.samples, full.recorded_samples, full.columns),
            (10_800, 10_800, None)
        );
        // Splits, track and laps are those of every sample.
        assert_eq!(chart.splits, full.splits);
    }

    #[test]
    fn swims_split_every_hundred() {
        assert_eq!(SplitUnit::Km.metres(Sport::Swim), 100.0);
        assert_eq!(SplitUnit::Mi.metres(Sport::Swim), 91.44);
        assert_eq!(SplitUnit::Km.metres(Sport::Cycle), 1000.0);
    }
}
