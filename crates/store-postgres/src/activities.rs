//! Cardio activities: insert, browse, read with samples, duplicate matching and merging, HR zones.

use afterlift_core::session::{Activity, Sport};
use sqlx::FromRow;

use crate::dedup::{MIN_SPAN_MS, Span};
use crate::rows::ActivityRow;
use crate::validate::MAX_ACTIVITY_S;
use crate::zones::{HrZones, hr_zones};
use crate::{AthleteId, EntryId, StoreError, StoredActivity, TimeFilter, samples, validate};
use crate::{
    Conn, PgLog, WriteTx, corrupt, filter_bounds, from_ms, now_ms, secs_to_ms, to_ms, zone_max_hr,
};

/// Every summary column, as read into [`ActivityDb`].
const COLUMNS: &str = "a.id, a.sport, a.started_at_ms, a.ended_at_ms, a.utc_offset_s, a.timer_s, a.elapsed_s, \
    a.distance_m, a.avg_hr_bpm, a.max_hr_bpm, a.calories_kcal, a.rpe, a.source, a.sample_count, \
    a.hr_zones_max_hr_bpm, a.hr_zone1_s, a.hr_zone2_s, a.hr_zone3_s, a.hr_zone4_s, a.hr_zone5_s, a.partial";

#[derive(Debug, FromRow)]
pub(super) struct ActivityDb {
    id: i64,
    sport: String,
    started_at_ms: i64,
    ended_at_ms: i64,
    utc_offset_s: Option<i64>,
    timer_s: f64,
    elapsed_s: f64,
    distance_m: Option<f64>,
    avg_hr_bpm: Option<f64>,
    max_hr_bpm: Option<f64>,
    calories_kcal: Option<f64>,
    rpe: Option<f64>,
    source: String,
    sample_count: i64,
    hr_zones_max_hr_bpm: Option<f64>,
    hr_zone1_s: Option<i64>,
    hr_zone2_s: Option<i64>,
    hr_zone3_s: Option<i64>,
    hr_zone4_s: Option<i64>,
    hr_zone5_s: Option<i64>,
    /// Imported from a damaged file (up to the damage).
    partial: bool,
}

#[derive(FromRow)]
struct ActivityWithSamplesDb {
    #[sqlx(flatten)]
    summary: ActivityDb,
    samples: Option<Vec<u8>>,
}

impl ActivityDb {
    pub(super) fn id(&self) -> i64 {
        self.id
    }

    fn span(&self) -> Span {
        Span::new(self.started_at_ms, self.ended_at_ms)
    }

    fn sport(&self) -> Result<Sport, StoreError> {
        self.sport
            .parse()
            .map_err(|e| corrupt(format!("activity a{}: {e}", self.id)))
    }

    fn into_row(self) -> Result<ActivityRow, StoreError> {
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

    fn into_stored(self, blob: Option<&[u8]>) -> Result<StoredActivity, StoreError> {
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
            },
        })
    }
}

/// The zone columns' values for `a` (all `None` when zones cannot be computed).
fn zone_params(a: &Activity, zone_max: Option<f64>) -> (Option<f64>, [Option<i64>; 5]) {
    match zone_max.and_then(|m| hr_zones(&a.samples, m)) {
        Some(z) => (Some(z.max_hr_bpm), z.seconds.map(|s| Some(i64::from(s)))),
        None => (None, [None; 5]),
    }
}

fn span_of(a: &Activity) -> (i64, i64) {
    let start = to_ms(a.started_at);
    (start, start + secs_to_ms(a.elapsed_s))
}

/// Inserts a validated activity with its encoded samples as `id`, a new id of the athlete's.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert(
    conn: &mut Conn,
    athlete: AthleteId,
    id: i64,
    a: &Activity,
    blob: Option<&[u8]>,
    zone_max: Option<f64>,
    partial: bool,
) -> Result<(), StoreError> {
    let (start_ms, end_ms) = span_of(a);
    let (zmax, z) = zone_params(a, zone_max);
    sqlx::query(
        "INSERT INTO activities (athlete_id, id, sport, started_at_ms, ended_at_ms, utc_offset_s, timer_s, \
         elapsed_s, distance_m, avg_hr_bpm, max_hr_bpm, calories_kcal, rpe, source, sample_count, \
         hr_zones_max_hr_bpm, hr_zone1_s, hr_zone2_s, hr_zone3_s, hr_zone4_s, hr_zone5_s, partial, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $23)",
    )
    .bind(athlete.0)
    .bind(id)
    .bind(a.sport.as_str())
    .bind(start_ms)
    .bind(end_ms)
    .bind(a.utc_offset_s.map(i64::from))
    .bind(a.timer_s)
    .bind(a.elapsed_s)
    .bind(a.distance_m)
    .bind(a.avg_hr_bpm)
    .bind(a.max_hr_bpm)
    .bind(a.calories_kcal)
    .bind(a.rpe)
    .bind(&a.source)
    .bind(a.samples.len() as i64)
    .bind(zmax)
    .bind(z[0])
    .bind(z[1])
    .bind(z[2])
    .bind(z[3])
    .bind(z[4])
    .bind(partial)
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    if let Some(blob) = blob {
        insert_samples(conn, athlete, id, blob).await?;
    }
    Ok(())
}

async fn insert_samples(
    conn: &mut Conn,
    athlete: AthleteId,
    id: i64,
    blob: &[u8],
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO activity_samples (athlete_id, activity_id, format_version, data) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(athlete.0)
    .bind(id)
    .bind(i64::from(samples::FORMAT_VERSION))
    .bind(blob)
    .execute(conn)
    .await?;
    Ok(())
}

/// The stored activities that may be the same session as `a` (from a damaged file when `partial`): every
/// summary column, for [`pick_same`].
///
/// A file cut short before its session message does not say its sport (`other`): such a partial
/// activity is the same session as one of any sport at the same time, both ways.
pub(super) async fn candidates(
    conn: &mut Conn,
    athlete: AthleteId,
    a: &Activity,
    partial: bool,
) -> Result<Vec<ActivityDb>, StoreError> {
    let (start_ms, end_ms) = span_of(a);
    let span = Span::new(start_ms, end_ms);
    // A superset of the overlapping spans (stored ends are not yet stretched to MIN_SPAN_MS). The lower
    // bound on the start keeps this an index range scan of a week: no activity is longer than
    // MAX_ACTIVITY_S.
    let any_sport = partial && a.sport == Sport::Other;
    let rows = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM activities a WHERE a.athlete_id = $1 \
         AND ($2 OR a.sport = $3 OR (a.partial AND a.sport = $4)) \
         AND a.started_at_ms < $5 AND a.started_at_ms > $6 AND a.ended_at_ms > $7"
    ))
    .bind(athlete.0)
    .bind(any_sport)
    .bind(a.sport.as_str())
    .bind(Sport::Other.as_str())
    .bind(span.end_ms)
    .bind(span.start_ms - secs_to_ms(MAX_ACTIVITY_S) - MIN_SPAN_MS)
    .bind(span.start_ms - MIN_SPAN_MS)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Of the [`candidates`], the stored activity that is the same session as `a` (see [`crate::dedup`]):
/// the one overlapping most.
pub(super) fn pick_same(candidates: Vec<ActivityDb>, a: &Activity) -> Option<ActivityDb> {
    let (start_ms, end_ms) = span_of(a);
    let span = Span::new(start_ms, end_ms);
    candidates
        .into_iter()
        .filter(|c| c.span().is_same_session(span))
        .max_by_key(|c| (c.span().overlap_ms(span), -c.id))
}

/// What [`merge`] did with the existing entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Merge {
    /// Nothing to take from the new item.
    Unchanged,
    /// The existing entry's missing values are filled in, or its summary is replaced by a recording.
    Merged,
    /// The existing entry came from a damaged file: the new item replaces its recording.
    ReplacedPartial,
}

/// Merges `a` (from a damaged file when `partial`) into the `existing` entry it duplicates.
///
/// A partial entry is replaced by the same session from a whole file (or from a damaged file with more
/// samples): its samples, times, distance and the rest, keeping the existing RPE and any value the new
/// item lacks. A recording (with samples) replaces a summary without samples in the same way; otherwise
/// only the existing entry's missing values are filled in.
#[allow(clippy::too_many_arguments)]
pub(super) async fn merge(
    conn: &mut Conn,
    athlete: AthleteId,
    existing: &ActivityDb,
    a: &Activity,
    blob: Option<&[u8]>,
    zone_max: Option<f64>,
    partial: bool,
) -> Result<Merge, StoreError> {
    let replaces_partial = existing.partial
        && (!partial || i64::try_from(a.samples.len()).unwrap_or(i64::MAX) > existing.sample_count);
    let replaces_summary = blob.is_some() && existing.sample_count == 0;
    if replaces_partial || replaces_summary {
        let (start_ms, end_ms) = span_of(a);
        let (zmax, z) = zone_params(a, zone_max);
        sqlx::query(
            "UPDATE activities SET sport = $3, started_at_ms = $4, ended_at_ms = $5, \
             utc_offset_s = COALESCE($6, utc_offset_s), timer_s = $7, elapsed_s = $8, \
             distance_m = COALESCE($9, distance_m), avg_hr_bpm = COALESCE($10, avg_hr_bpm), \
             max_hr_bpm = COALESCE($11, max_hr_bpm), calories_kcal = COALESCE($12, calories_kcal), \
             rpe = COALESCE(rpe, $13), source = $14, sample_count = $15, hr_zones_max_hr_bpm = $16, \
             hr_zone1_s = $17, hr_zone2_s = $18, hr_zone3_s = $19, hr_zone4_s = $20, hr_zone5_s = $21, \
             partial = $22 WHERE athlete_id = $1 AND id = $2",
        )
        .bind(athlete.0)
        .bind(existing.id)
        .bind(a.sport.as_str())
        .bind(start_ms)
        .bind(end_ms)
        .bind(a.utc_offset_s.map(i64::from))
        .bind(a.timer_s)
        .bind(a.elapsed_s)
        .bind(a.distance_m)
        .bind(a.avg_hr_bpm)
        .bind(a.max_hr_bpm)
        .bind(a.calories_kcal)
        .bind(a.rpe)
        .bind(&a.source)
        .bind(a.samples.len() as i64)
        .bind(zmax)
        .bind(z[0])
        .bind(z[1])
        .bind(z[2])
        .bind(z[3])
        .bind(z[4])
        .bind(partial)
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM activity_samples WHERE athlete_id = $1 AND activity_id = $2")
            .bind(athlete.0)
            .bind(existing.id)
            .execute(&mut *conn)
            .await?;
        if let Some(blob) = blob {
            insert_samples(conn, athlete, existing.id, blob).await?;
        }
        return Ok(if replaces_partial {
            Merge::ReplacedPartial
        } else {
            Merge::Merged
        });
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
    if !fills.contains(&true) {
        return Ok(Merge::Unchanged);
    }
    sqlx::query(
        "UPDATE activities SET sport = CASE WHEN sport = $3 THEN $4 ELSE sport END, \
         utc_offset_s = COALESCE(utc_offset_s, $5), distance_m = COALESCE(distance_m, $6), \
         avg_hr_bpm = COALESCE(avg_hr_bpm, $7), max_hr_bpm = COALESCE(max_hr_bpm, $8), \
         calories_kcal = COALESCE(calories_kcal, $9), rpe = COALESCE(rpe, $10) \
         WHERE athlete_id = $1 AND id = $2",
    )
    .bind(athlete.0)
    .bind(existing.id)
    .bind(Sport::Other.as_str())
    .bind(a.sport.as_str())
    .bind(a.utc_offset_s.map(i64::from))
    .bind(a.distance_m)
    .bind(a.avg_hr_bpm)
    .bind(a.max_hr_bpm)
    .bind(a.calories_kcal)
    .bind(a.rpe)
    .execute(conn)
    .await?;
    Ok(Merge::Merged)
}

/// Recomputes every activity's time in zones for a new maximum heart rate (`None` clears them).
pub(super) async fn recompute_zones(
    conn: &mut Conn,
    athlete: AthleteId,
    max_hr_bpm: Option<f64>,
) -> Result<(), StoreError> {
    let Some(max_hr_bpm) = max_hr_bpm else {
        sqlx::query(
            "UPDATE activities SET hr_zones_max_hr_bpm = NULL, hr_zone1_s = NULL, hr_zone2_s = NULL, \
             hr_zone3_s = NULL, hr_zone4_s = NULL, hr_zone5_s = NULL WHERE athlete_id = $1",
        )
        .bind(athlete.0)
        .execute(conn)
        .await?;
        return Ok(());
    };
    // One blob at a time: a long log's samples need not fit in memory at once.
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT activity_id FROM activity_samples WHERE athlete_id = $1 ORDER BY activity_id",
    )
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    for (id,) in ids {
        let (blob,): (Vec<u8>,) = sqlx::query_as(
            "SELECT data FROM activity_samples WHERE athlete_id = $1 AND activity_id = $2",
        )
        .bind(athlete.0)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        // A damaged blob must not block a profile change; it gets no zones (and `activity()` reports it).
        let zones = samples::decode(&blob)
            .ok()
            .and_then(|s| hr_zones(&s, max_hr_bpm));
        let (zmax, z) = match zones {
            Some(z) => (Some(z.max_hr_bpm), z.seconds.map(|s| Some(i64::from(s)))),
            None => (None, [None; 5]),
        };
        sqlx::query(
            "UPDATE activities SET hr_zones_max_hr_bpm = $3, hr_zone1_s = $4, hr_zone2_s = $5, \
             hr_zone3_s = $6, hr_zone4_s = $7, hr_zone5_s = $8 WHERE athlete_id = $1 AND id = $2",
        )
        .bind(athlete.0)
        .bind(id)
        .bind(zmax)
        .bind(z[0])
        .bind(z[1])
        .bind(z[2])
        .bind(z[3])
        .bind(z[4])
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Every activity with its samples, oldest first.
pub(super) async fn all(
    conn: &mut Conn,
    athlete: AthleteId,
) -> Result<Vec<StoredActivity>, StoreError> {
    let rows: Vec<ActivityWithSamplesDb> = sqlx::query_as(&format!(
        "SELECT {COLUMNS}, s.data AS samples FROM activities a \
         LEFT JOIN activity_samples s ON s.athlete_id = a.athlete_id AND s.activity_id = a.id \
         WHERE a.athlete_id = $1 ORDER BY a.started_at_ms, a.id"
    ))
    .bind(athlete.0)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| r.summary.into_stored(r.samples.as_deref()))
        .collect()
}

impl PgLog {
    /// Stores one activity as given (a manual entry): validated, but not checked for duplicates.
    pub async fn insert_activity(
        &self,
        athlete: AthleteId,
        activity: &Activity,
    ) -> Result<EntryId, StoreError> {
        let blob = validate::activity(activity, "")?;
        let mut tx = self.begin_write(athlete).await?;
        let zone_max = zone_max_hr(tx.conn(), athlete).await?;
        let id = tx.next_activity();
        insert(
            tx.conn(),
            athlete,
            id,
            activity,
            blob.as_deref(),
            zone_max,
            false,
        )
        .await?;
        tx.commit(self).await?;
        Ok(EntryId::Activity(id))
    }

    /// Activity summaries (no samples) started within `filter`, newest first.
    pub async fn activities(
        &self,
        athlete: AthleteId,
        filter: &TimeFilter,
    ) -> Result<Vec<ActivityRow>, StoreError> {
        let (from, to, limit) = filter_bounds(filter);
        let rows: Vec<ActivityDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM activities a \
             WHERE a.athlete_id = $4 AND a.started_at_ms >= $1 AND a.started_at_ms < $2 \
             ORDER BY a.started_at_ms DESC, a.id DESC LIMIT $3"
        ))
        .bind(from)
        .bind(to)
        .bind(limit)
        .bind(athlete.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ActivityDb::into_row).collect()
    }

    /// Activity summaries (no samples) by id, in the order of `ids`; ids not in the log are left out.
    pub async fn activity_rows(
        &self,
        athlete: AthleteId,
        ids: &[i64],
    ) -> Result<Vec<ActivityRow>, StoreError> {
        let rows: Vec<ActivityDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM activities a WHERE a.athlete_id = $1 AND a.id = ANY($2) \
             ORDER BY array_position($2, a.id)"
        ))
        .bind(athlete.0)
        .bind(ids)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ActivityDb::into_row).collect()
    }

    /// One activity with its samples and time in zones.
    pub async fn activity(
        &self,
        athlete: AthleteId,
        id: i64,
    ) -> Result<StoredActivity, StoreError> {
        let row: Option<ActivityWithSamplesDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS}, s.data AS samples FROM activities a \
             LEFT JOIN activity_samples s ON s.athlete_id = a.athlete_id AND s.activity_id = a.id \
             WHERE a.athlete_id = $2 AND a.id = $1"
        ))
        .bind(id)
        .bind(athlete.0)
        .fetch_optional(&self.pool)
        .await?;
        let row = row.ok_or(StoreError::NotFound(EntryId::Activity(id)))?;
        row.summary.into_stored(row.samples.as_deref())
    }
}

/// Used by the import: the write transaction's connection and next id.
pub(super) async fn insert_new(
    tx: &mut WriteTx,
    a: &Activity,
    blob: Option<&[u8]>,
    zone_max: Option<f64>,
    partial: bool,
) -> Result<i64, StoreError> {
    let id = tx.next_activity();
    let athlete = tx.athlete;
    insert(tx.conn(), athlete, id, a, blob, zone_max, partial).await?;
    Ok(id)
}
