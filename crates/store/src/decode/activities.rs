//! Activities: the summary row, with or without its samples, its laps, and the duplicate and merge
//! decisions.

use afterlift_core::session::{Activity, Lap, LapTrigger, Sport};
use sqlx::FromRow;

use super::{corrupt, from_ms, secs_to_ms, to_ms};
use crate::dedup::Span;
use crate::rows::ActivityRow;
use crate::zones::{HrZones, hr_zones};
use crate::{EntryId, StoreError, StoredActivity, samples};

/// Every summary column of an activity.
#[derive(Debug, FromRow)]
pub struct ActivityDb {
    pub id: i64,
    pub sport: String,
    pub started_at_ms: i64,
    pub ended_at_ms: i64,
    pub utc_offset_s: Option<i64>,
    pub timer_s: f64,
    pub elapsed_s: f64,
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    pub calories_kcal: Option<f64>,
    pub rpe: Option<f64>,
    pub source: String,
    pub sample_count: i64,
    /// How many of the device's laps the activity has (its `activity_laps` rows).
    pub lap_count: i64,
    pub hr_zones_max_hr_bpm: Option<f64>,
    pub hr_zone1_s: Option<i64>,
    pub hr_zone2_s: Option<i64>,
    pub hr_zone3_s: Option<i64>,
    pub hr_zone4_s: Option<i64>,
    pub hr_zone5_s: Option<i64>,
    /// Imported from a damaged file (up to the damage).
    pub partial: bool,
}

/// An activity's summary columns and its samples BLOB (`samples`, NULL without samples).
#[derive(FromRow)]
pub struct ActivityWithSamplesDb {
    #[sqlx(flatten)]
    pub summary: ActivityDb,
    pub samples: Option<Vec<u8>>,
}

impl ActivityDb {
    pub fn id(&self) -> i64 {
        self.id
    }

    pub fn span(&self) -> Span {
        Span::new(self.started_at_ms, self.ended_at_ms)
    }

    pub fn sport(&self) -> Result<Sport, StoreError> {
        self.sport
            .parse()
            .map_err(|e| corrupt(format!("activity a{}: {e}", self.id)))
    }

    /// The browse row (no samples).
    pub fn into_row(self) -> Result<ActivityRow, StoreError> {
        Ok(ActivityRow {
            id: EntryId::Activity(self.id),
            sport: self.sport()?,
            started_at: from_ms(self.started_at_ms, "activity start")?,
            timer_s: self.timer_s,
            elapsed_s: self.elapsed_s,
            distance_m: self.distance_m,
            avg_hr: self.avg_hr_bpm,
            max_hr: self.max_hr_bpm,
            source: self.source,
        })
    }

    /// The whole activity, with its samples decoded from `blob`.
    pub fn into_stored(self, blob: Option<&[u8]>) -> Result<StoredActivity, StoreError> {
        let samples = match blob {
            Some(bytes) => samples::decode(bytes)
                .map_err(|e| corrupt(format!("samples of activity a{}: {e}", self.id)))?,
            None => Vec::new(),
        };
        let zone_s = [
            self.hr_zone1_s,
            self.hr_zone2_s,
            self.hr_zone3_s,
            self.hr_zone4_s,
            self.hr_zone5_s,
        ];
        let hr_zones = match (self.hr_zones_max_hr_bpm, zone_s) {
            (Some(max_hr_bpm), [Some(z1), Some(z2), Some(z3), Some(z4), Some(z5)]) => {
                let s = |v: i64| {
                    u32::try_from(v)
                        .map_err(|_| corrupt(format!("activity a{}: zone time {v}", self.id)))
                };
                Some(HrZones {
                    max_hr_bpm,
                    seconds: [s(z1)?, s(z2)?, s(z3)?, s(z4)?, s(z5)?],
                })
            }
            _ => None,
        };
        let utc_offset_s = self
            .utc_offset_s
            .map(|v| {
                i32::try_from(v)
                    .map_err(|_| corrupt(format!("activity a{}: utc offset {v}", self.id)))
            })
            .transpose()?;
        Ok(StoredActivity {
            id: self.id,
            hr_zones,
            partial: self.partial,
            activity: Activity {
                sport: self.sport()?,
                started_at: from_ms(self.started_at_ms, "activity start")?,
                utc_offset_s,
                timer_s: self.timer_s,
                elapsed_s: self.elapsed_s,
                distance_m: self.distance_m,
                avg_hr_bpm: self.avg_hr_bpm,
                max_hr_bpm: self.max_hr_bpm,
                calories_kcal: self.calories_kcal,
                rpe: self.rpe,
                source: self.source,
                samples,
                // Read from their own rows (`with_laps`).
                laps: Vec::new(),
            },
        })
    }
}

/// One of the device's laps: an `activity_laps` row (`position` from 0, in time order).
#[derive(Debug, FromRow)]
pub struct LapDb {
    pub activity_id: i64,
    pub position: i64,
    pub started_at_ms: i64,
    pub elapsed_s: Option<f64>,
    pub timer_s: Option<f64>,
    pub distance_m: Option<f64>,
    pub avg_hr_bpm: Option<f64>,
    pub max_hr_bpm: Option<f64>,
    pub avg_speed_mps: Option<f64>,
    pub ascent_m: Option<f64>,
    pub avg_cadence_rpm: Option<f64>,
    pub lap_trigger: Option<String>,
}

impl LapDb {
    pub fn into_lap(self) -> Result<Lap, StoreError> {
        let trigger = self
            .lap_trigger
            .map(|t| {
                t.parse::<LapTrigger>().map_err(|e| {
                    corrupt(format!(
                        "lap {} of activity a{}: {e}",
                        self.position, self.activity_id
                    ))
                })
            })
            .transpose()?;
        Ok(Lap {
            start: from_ms(self.started_at_ms, "lap start")?,
            elapsed_s: self.elapsed_s,
            timer_s: self.timer_s,
            distance_m: self.distance_m,
            avg_hr_bpm: self.avg_hr_bpm,
            max_hr_bpm: self.max_hr_bpm,
            avg_speed_mps: self.avg_speed_mps,
            ascent_m: self.ascent_m,
            avg_cadence_rpm: self.avg_cadence_rpm,
            trigger,
        })
    }
}

/// A lap's column values as a backend binds them, in the order of [`LapDb`]'s columns after the activity
/// and position: the start (ms), the eight numbers, the trigger.
pub fn lap_values(l: &Lap) -> (i64, [Option<f64>; 8], Option<&'static str>) {
    (
        to_ms(l.start),
        [
            l.elapsed_s,
            l.timer_s,
            l.distance_m,
            l.avg_hr_bpm,
            l.max_hr_bpm,
            l.avg_speed_mps,
            l.ascent_m,
            l.avg_cadence_rpm,
        ],
        l.trigger.map(LapTrigger::as_str),
    )
}

/// The names of the columns [`lap_values`] gives, after `activity_id, position` (and a backend's own key
/// columns).
pub const LAP_VALUE_COLUMNS: &str = "started_at_ms, elapsed_s, timer_s, distance_m, avg_hr_bpm, \
    max_hr_bpm, avg_speed_mps, ascent_m, avg_cadence_rpm, lap_trigger";

/// Puts the laps read for several activities (`rows`, ordered by activity and position) into them; every
/// activity's count is checked against its row's `lap_count`.
pub fn with_laps(
    activities: &mut [StoredActivity],
    lap_counts: &[i64],
    rows: Vec<LapDb>,
) -> Result<(), StoreError> {
    let by_id: std::collections::HashMap<i64, usize> = activities
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id, i))
        .collect();
    for row in rows {
        let id = row.activity_id;
        let Some(&i) = by_id.get(&id) else {
            return Err(corrupt(format!(
                "a lap of activity a{id}, which was not read"
            )));
        };
        activities[i].activity.laps.push(row.into_lap()?);
    }
    for (a, &count) in activities.iter().zip(lap_counts) {
        if i64::try_from(a.activity.laps.len()).ok() != Some(count) {
            return Err(corrupt(format!(
                "activity a{}: {} laps stored, {count} counted",
                a.id,
                a.activity.laps.len()
            )));
        }
    }
    Ok(())
}

impl ActivityWithSamplesDb {
    /// The whole activity.
    pub fn into_stored(self) -> Result<StoredActivity, StoreError> {
        self.summary.into_stored(self.samples.as_deref())
    }
}

/// The zone columns' values for `a` (all `None` when zones cannot be computed).
pub fn zone_params(a: &Activity, zone_max: Option<f64>) -> (Option<f64>, [Option<i64>; 5]) {
    zone_columns(zone_max.and_then(|m| hr_zones(&a.samples, m)))
}

/// The zone columns' values for a stored samples BLOB and a new maximum heart rate. A damaged BLOB must
/// not block a profile change: it gets no zones (and reading the activity reports it).
pub fn blob_zone_params(blob: &[u8], max_hr_bpm: f64) -> (Option<f64>, [Option<i64>; 5]) {
    zone_columns(
        samples::decode(blob)
            .ok()
            .and_then(|s| hr_zones(&s, max_hr_bpm)),
    )
}

fn zone_columns(zones: Option<HrZones>) -> (Option<f64>, [Option<i64>; 5]) {
    match zones {
        Some(z) => (Some(z.max_hr_bpm), z.seconds.map(|s| Some(i64::from(s)))),
        None => (None, [None; 5]),
    }
}

/// The start and end (ms) an activity is stored with.
pub fn activity_span(a: &Activity) -> (i64, i64) {
    let start = to_ms(a.started_at);
    (start, start + secs_to_ms(a.elapsed_s))
}

/// Of a backend's candidate rows, the stored activity that is the same session as `a` (see
/// [`crate::dedup`]): the one overlapping most.
pub fn pick_same(candidates: Vec<ActivityDb>, a: &Activity) -> Option<ActivityDb> {
    let (start_ms, end_ms) = activity_span(a);
    let span = Span::new(start_ms, end_ms);
    candidates
        .into_iter()
        .filter(|c| c.span().is_same_session(span))
        .max_by_key(|c| (c.span().overlap_ms(span), -c.id))
}

/// What merging a new activity into the existing entry it duplicates does ([`Merge::plan`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Nothing to take from the new item.
    Unchanged,
    /// The existing entry's missing values are filled in.
    FilledIn,
    /// The existing entry's summary (no samples) is replaced by a recording.
    ReplacedSummary,
    /// The existing entry came from a damaged file: the new item replaces its recording.
    ReplacedPartial,
}

impl Merge {
    /// What merging `a` (from a damaged file when `partial`; with samples when `has_samples`) into the
    /// `existing` entry changes.
    ///
    /// A partial entry is replaced by the same session from a whole file (or from a damaged file with more
    /// samples): its samples, times, distance and the rest, keeping the existing RPE and any value the new
    /// item lacks. A recording (with samples) replaces a summary without samples in the same way; otherwise
    /// only the existing entry's missing values are filled in.
    ///
    /// The device's laps go with the recording: a replacing item's laps replace the entry's (when it has
    /// any), and an entry without laps takes the duplicate's (`FilledIn`; [`Merge::takes_laps`]).
    pub fn plan(existing: &ActivityDb, a: &Activity, has_samples: bool, partial: bool) -> Merge {
        let replaces_partial = existing.partial
            && (!partial
                || i64::try_from(a.samples.len()).unwrap_or(i64::MAX) > existing.sample_count);
        if replaces_partial {
            return Merge::ReplacedPartial;
        }
        if has_samples && existing.sample_count == 0 {
            return Merge::ReplacedSummary;
        }
        let fills = [
            existing.utc_offset_s.is_none() && a.utc_offset_s.is_some(),
            existing.distance_m.is_none() && a.distance_m.is_some(),
            existing.avg_hr_bpm.is_none() && a.avg_hr_bpm.is_some(),
            existing.max_hr_bpm.is_none() && a.max_hr_bpm.is_some(),
            existing.calories_kcal.is_none() && a.calories_kcal.is_some(),
            existing.rpe.is_none() && a.rpe.is_some(),
            existing.lap_count == 0 && !a.laps.is_empty(),
            // A partial activity of unknown sport learns it from the same session.
            existing.sport == Sport::Other.as_str() && a.sport != Sport::Other,
        ];
        if fills.contains(&true) {
            Merge::FilledIn
        } else {
            Merge::Unchanged
        }
    }

    /// Whether this merge writes `a`'s laps in place of the `existing` entry's: a replaced recording
    /// with laps of its own, or an entry without laps filled in.
    pub fn takes_laps(self, existing: &ActivityDb, a: &Activity) -> bool {
        !a.laps.is_empty()
            && match self {
                Merge::ReplacedPartial | Merge::ReplacedSummary => true,
                Merge::FilledIn => existing.lap_count == 0,
                Merge::Unchanged => false,
            }
    }
}
