//! Activities: the summary row, with or without its samples, and the duplicate and merge decisions.

use afterlift_core::session::{Activity, Sport};
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
                laps: Vec::new(),
            },
        })
    }
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
            // A partial activity of unknown sport learns it from the same session.
            existing.sport == Sport::Other.as_str() && a.sport != Sport::Other,
        ];
        if fills.contains(&true) {
            Merge::FilledIn
        } else {
            Merge::Unchanged
        }
    }
}
