//! Cardio activities: insert, browse, read with samples and laps, duplicate matching and merging, HR
//! zones.

use afterlift_core::session::{Activity, Lap, Sport};

use crate::dedup::{MIN_SPAN_MS, Span};
use crate::rows::ActivityRow;
use crate::validate::MAX_ACTIVITY_S;
use crate::{AthleteId, EntryId, StoreError, StoredActivity, TimeFilter, samples, validate};
use crate::{Conn, PgLog, WriteTx, filter_bounds, now_ms, secs_to_ms, zone_max_hr};
use afterlift_store::decode::{
    ActivityDb, ActivityWithSamplesDb, LAP_VALUE_COLUMNS, LapDb, Merge, activity_span,
    blob_zone_params, lap_values, with_laps, zone_params,
};

/// Every summary column, as read into [`ActivityDb`].
const COLUMNS: &str = "a.id, a.sport, a.started_at_ms, a.ended_at_ms, a.utc_offset_s, a.timer_s, a.elapsed_s, \
    a.distance_m, a.avg_hr_bpm, a.max_hr_bpm, a.calories_kcal, a.rpe, a.source, a.sample_count, a.lap_count, \
    a.hr_zones_max_hr_bpm, a.hr_zone1_s, a.hr_zone2_s, a.hr_zone3_s, a.hr_zone4_s, a.hr_zone5_s, a.partial";

/// Every column of a lap, as read into [`LapDb`].
const LAP_COLUMNS: &str = "l.activity_id, l.position, l.started_at_ms, l.elapsed_s, l.timer_s, \
    l.distance_m, l.avg_hr_bpm, l.max_hr_bpm, l.avg_speed_mps, l.ascent_m, l.avg_cadence_rpm, l.lap_trigger";

/// Inserts `laps` as activity `id`'s (after its old ones are gone), in one statement: one array per column.
async fn insert_laps(
    conn: &mut Conn,
    athlete: AthleteId,
    id: i64,
    laps: &[Lap],
) -> Result<(), StoreError> {
    if laps.is_empty() {
        return Ok(());
    }
    let mut starts = Vec::with_capacity(laps.len());
    let mut numbers: [Vec<Option<f64>>; 8] = Default::default();
    let mut triggers = Vec::with_capacity(laps.len());
    for lap in laps {
        let (start_ms, values, trigger) = lap_values(lap);
        starts.push(start_ms);
        for (column, v) in numbers.iter_mut().zip(values) {
            column.push(v);
        }
        triggers.push(trigger);
    }
    let [
        elapsed,
        timer,
        distance,
        avg_hr,
        max_hr,
        speed,
        ascent,
        cadence,
    ] = numbers;
    sqlx::query(&format!(
        "INSERT INTO activity_laps (athlete_id, activity_id, position, {LAP_VALUE_COLUMNS}) \
         SELECT $1, $2, n - 1, start, elapsed, timer, distance, avg_hr, max_hr, speed, ascent, cadence, \
         lap_trigger FROM UNNEST($3::BIGINT[], $4::FLOAT8[], $5::FLOAT8[], $6::FLOAT8[], $7::FLOAT8[], \
         $8::FLOAT8[], $9::FLOAT8[], $10::FLOAT8[], $11::FLOAT8[], $12::TEXT[]) WITH ORDINALITY \
         AS t (start, elapsed, timer, distance, avg_hr, max_hr, speed, ascent, cadence, lap_trigger, n)"
    ))
    .bind(athlete.0)
    .bind(id)
    .bind(starts)
    .bind(elapsed)
    .bind(timer)
    .bind(distance)
    .bind(avg_hr)
    .bind(max_hr)
    .bind(speed)
    .bind(ascent)
    .bind(cadence)
    .bind(triggers)
    .execute(conn)
    .await?;
    Ok(())
}

/// The laps of activity `id` (of every activity of `athlete`'s when `None`), by activity and position.
async fn read_laps(
    conn: &mut Conn,
    athlete: AthleteId,
    id: Option<i64>,
) -> Result<Vec<LapDb>, StoreError> {
    let rows = sqlx::query_as(&format!(
        "SELECT {LAP_COLUMNS} FROM activity_laps l \
         WHERE l.athlete_id = $1 AND ($2::BIGINT IS NULL OR l.activity_id = $2) \
         ORDER BY l.activity_id, l.position"
    ))
    .bind(athlete.0)
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
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
    let (start_ms, end_ms) = activity_span(a);
    let (zmax, z) = zone_params(a, zone_max);
    sqlx::query(
        "INSERT INTO activities (athlete_id, id, sport, started_at_ms, ended_at_ms, utc_offset_s, timer_s, \
         elapsed_s, distance_m, avg_hr_bpm, max_hr_bpm, calories_kcal, rpe, source, sample_count, \
         hr_zones_max_hr_bpm, hr_zone1_s, hr_zone2_s, hr_zone3_s, hr_zone4_s, hr_zone5_s, partial, created_at_ms, \
         lap_count) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $23, $24)",
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
    .bind(a.laps.len() as i64)
    .execute(&mut *conn)
    .await?;
    if let Some(blob) = blob {
        insert_samples(&mut *conn, athlete, id, blob).await?;
    }
    insert_laps(conn, athlete, id, &a.laps).await?;
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
/// summary column, for [`afterlift_store::decode::pick_same`].
///
/// A file cut short before its session message does not say its sport (`other`): such a partial
/// activity is the same session as one of any sport at the same time, both ways.
pub(super) async fn candidates(
    conn: &mut Conn,
    athlete: AthleteId,
    a: &Activity,
    partial: bool,
) -> Result<Vec<ActivityDb>, StoreError> {
    let (start_ms, end_ms) = activity_span(a);
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

/// Merges `a` (from a damaged file when `partial`) into the `existing` entry it duplicates.
///
/// What changes is [`Merge::plan`]'s: a replaced recording, or the missing values filled in.
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
    let merge = Merge::plan(existing, a, blob.is_some(), partial);
    if merge.takes_laps(existing, a) {
        sqlx::query("DELETE FROM activity_laps WHERE athlete_id = $1 AND activity_id = $2")
            .bind(athlete.0)
            .bind(existing.id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("UPDATE activities SET lap_count = $3 WHERE athlete_id = $1 AND id = $2")
            .bind(athlete.0)
            .bind(existing.id)
            .bind(a.laps.len() as i64)
            .execute(&mut *conn)
            .await?;
        insert_laps(&mut *conn, athlete, existing.id, &a.laps).await?;
    }
    if matches!(merge, Merge::ReplacedPartial | Merge::ReplacedSummary) {
        let (start_ms, end_ms) = activity_span(a);
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
        return Ok(merge);
    }
    if merge == Merge::Unchanged {
        return Ok(merge);
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
    Ok(merge)
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
        let (zmax, z) = blob_zone_params(&blob, max_hr_bpm);
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
    .fetch_all(&mut *conn)
    .await?;
    let lap_counts: Vec<i64> = rows.iter().map(|r| r.summary.lap_count).collect();
    let mut activities = rows
        .into_iter()
        .map(|r| r.summary.into_stored(r.samples.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    let laps = read_laps(conn, athlete, None).await?;
    with_laps(&mut activities, &lap_counts, laps)?;
    Ok(activities)
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

    /// One activity with its samples, laps and time in zones.
    pub async fn activity(
        &self,
        athlete: AthleteId,
        id: i64,
    ) -> Result<StoredActivity, StoreError> {
        // One snapshot for the activity and its laps.
        let mut tx = self.begin_read().await?;
        let row: Option<ActivityWithSamplesDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS}, s.data AS samples FROM activities a \
             LEFT JOIN activity_samples s ON s.athlete_id = a.athlete_id AND s.activity_id = a.id \
             WHERE a.athlete_id = $2 AND a.id = $1"
        ))
        .bind(id)
        .bind(athlete.0)
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or(StoreError::NotFound(EntryId::Activity(id)))?;
        let lap_count = row.summary.lap_count;
        let mut stored = [row.summary.into_stored(row.samples.as_deref())?];
        if lap_count > 0 {
            let laps = read_laps(&mut tx, athlete, Some(id)).await?;
            with_laps(&mut stored, &[lap_count], laps)?;
        }
        tx.commit().await?;
        let [stored] = stored;
        Ok(stored)
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
