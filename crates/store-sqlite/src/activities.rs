//! Cardio activities: insert, browse, read with samples and laps, duplicate matching and merging, HR
//! zones.

use afterlift_core::session::{Activity, Lap, Sport};

use crate::dedup::{MIN_SPAN_MS, Span};
use crate::rows::ActivityRow;
use crate::validate::MAX_ACTIVITY_S;
use crate::{AthleteId, EntryId, StoreError, StoredActivity, TimeFilter, samples, validate};
use crate::{Conn, SqliteLog, Writes, filter_bounds, now_ms, secs_to_ms, zone_max_hr};
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

/// Laps per multi-row `INSERT` (12 parameters each: SQLite allows 32,766 a statement).
const LAPS_PER_INSERT: usize = 500;

/// Appends the statements inserting `laps` as activity `id`'s (after its old ones are gone).
fn push_insert_laps<'q>(q: &mut Writes<'q>, id: i64, laps: &'q [Lap]) {
    for (chunk_no, chunk) in laps.chunks(LAPS_PER_INSERT).enumerate() {
        q.push(format_args!(
            "INSERT INTO activity_laps (activity_id, position, {LAP_VALUE_COLUMNS}) "
        ));
        q.push_values(chunk.iter().enumerate(), |mut row, (i, lap)| {
            let (start_ms, numbers, trigger) = lap_values(lap);
            row.push_bind(id)
                .push_bind((chunk_no * LAPS_PER_INSERT + i) as i64)
                .push_bind(start_ms);
            for v in numbers {
                row.push_bind(v);
            }
            row.push_bind(trigger);
        });
        q.push(";");
    }
}

/// The laps of the activities `ids` name (of every activity of `athlete`'s when `None`), by activity and
/// position.
async fn read_laps(
    conn: &mut Conn,
    athlete: AthleteId,
    id: Option<i64>,
) -> Result<Vec<LapDb>, StoreError> {
    let rows = sqlx::query_as(&format!(
        "SELECT {LAP_COLUMNS} FROM activity_laps l JOIN activities a ON a.id = l.activity_id \
         WHERE a.athlete_id = $1 AND ($2 IS NULL OR l.activity_id = $2) \
         ORDER BY l.activity_id, l.position"
    ))
    .bind(athlete.0)
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Inserts a validated activity with its encoded samples; returns its id.
pub(super) async fn insert(
    conn: &mut Conn,
    athlete: AthleteId,
    a: &Activity,
    blob: Option<&[u8]>,
    zone_max: Option<f64>,
) -> Result<i64, StoreError> {
    let (start_ms, end_ms) = activity_span(a);
    let (zmax, z) = zone_params(a, zone_max);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO activities (sport, started_at_ms, ended_at_ms, utc_offset_s, timer_s, elapsed_s, distance_m, \
         avg_hr_bpm, max_hr_bpm, calories_kcal, rpe, source, sample_count, hr_zones_max_hr_bpm, \
         hr_zone1_s, hr_zone2_s, hr_zone3_s, hr_zone4_s, hr_zone5_s, created_at_ms, athlete_id, lap_count) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22) RETURNING id",
    )
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
    .bind(now_ms())
    .bind(athlete.0)
    .bind(a.laps.len() as i64)
    .fetch_one(&mut *conn)
    .await?;
    if let Some(blob) = blob {
        insert_samples(conn, id, blob).await?;
    }
    if !a.laps.is_empty() {
        let mut q = Writes::new("");
        push_insert_laps(&mut q, id, &a.laps);
        q.build().execute(&mut *conn).await?;
    }
    Ok(id)
}

async fn insert_samples(conn: &mut Conn, id: i64, blob: &[u8]) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO activity_samples (activity_id, format_version, data) VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(i64::from(samples::FORMAT_VERSION))
    .bind(blob)
    .execute(conn)
    .await?;
    Ok(())
}

/// Appends the query for the stored activities that may be the same session as `a` (from a damaged file
/// when `partial`) after the caller's `SELECT`: every summary column, for [`ActivityDb`] and
/// [`afterlift_store::decode::pick_same`].
///
/// A file cut short before its session message does not say its sport (`other`): such a partial
/// activity is the same session as one of any sport at the same time, both ways.
pub(super) fn push_candidates(q: &mut Writes<'_>, athlete: AthleteId, a: &Activity, partial: bool) {
    let (start_ms, end_ms) = activity_span(a);
    let span = Span::new(start_ms, end_ms);
    // A superset of the overlapping spans (stored ends are not yet stretched to MIN_SPAN_MS). The lower
    // bound on the start keeps this an index range scan of a week, not of the whole history: no
    // activity is longer than MAX_ACTIVITY_S.
    q.push(COLUMNS);
    q.push(" FROM activities a WHERE a.athlete_id = ");
    q.push_bind(athlete.0);
    if partial && a.sport == Sport::Other {
        q.push(" AND a.started_at_ms < ");
    } else {
        q.push(" AND (a.sport = ");
        q.push_bind(a.sport.as_str());
        q.push(" OR (a.partial AND a.sport = ");
        q.push_bind(Sport::Other.as_str());
        q.push(")) AND a.started_at_ms < ");
    }
    q.push_bind(span.end_ms);
    q.push(" AND a.started_at_ms > ");
    q.push_bind(span.start_ms - secs_to_ms(MAX_ACTIVITY_S) - MIN_SPAN_MS);
    q.push(" AND a.ended_at_ms > ");
    q.push_bind(span.start_ms - MIN_SPAN_MS);
    q.push(";");
}

/// Appends the statements inserting a validated activity with its encoded samples as `id` (a new id, see
/// `next_activity_id` in the import).
pub(super) fn push_insert<'q>(
    q: &mut Writes<'q>,
    athlete: AthleteId,
    id: i64,
    a: &'q Activity,
    blob: Option<Vec<u8>>,
    zone_max: Option<f64>,
    partial: bool,
) {
    let (start_ms, end_ms) = activity_span(a);
    let (zmax, z) = zone_params(a, zone_max);
    q.push(
        "INSERT INTO activities (id, sport, started_at_ms, ended_at_ms, utc_offset_s, timer_s, elapsed_s, \
         distance_m, avg_hr_bpm, max_hr_bpm, calories_kcal, rpe, source, sample_count, hr_zones_max_hr_bpm, \
         hr_zone1_s, hr_zone2_s, hr_zone3_s, hr_zone4_s, hr_zone5_s, created_at_ms, partial, athlete_id, \
         lap_count) VALUES (",
    );
    let mut v = q.separated(", ");
    v.push_bind(id)
        .push_bind(a.sport.as_str())
        .push_bind(start_ms)
        .push_bind(end_ms)
        .push_bind(a.utc_offset_s.map(i64::from))
        .push_bind(a.timer_s)
        .push_bind(a.elapsed_s)
        .push_bind(a.distance_m)
        .push_bind(a.avg_hr_bpm)
        .push_bind(a.max_hr_bpm)
        .push_bind(a.calories_kcal)
        .push_bind(a.rpe)
        .push_bind(a.source.as_str())
        .push_bind(a.samples.len() as i64)
        .push_bind(zmax);
    for s in z {
        v.push_bind(s);
    }
    v.push_bind(now_ms())
        .push_bind(partial)
        .push_bind(athlete.0)
        .push_bind(a.laps.len() as i64);
    q.push(");");
    if let Some(blob) = blob {
        push_insert_samples(q, id, blob);
    }
    push_insert_laps(q, id, &a.laps);
}

/// `blob` is moved into the statement's arguments: a recording's samples are not copied on their way to
/// SQLite's own copy.
fn push_insert_samples(q: &mut Writes<'_>, id: i64, blob: Vec<u8>) {
    q.push("INSERT INTO activity_samples (activity_id, format_version, data) VALUES (");
    q.separated(", ")
        .push_bind(id)
        .push_bind(i64::from(samples::FORMAT_VERSION))
        .push_bind(blob);
    q.push(");");
}

/// Appends the statements merging `a` (from a damaged file when `partial`) into the `existing` entry it
/// duplicates, and says what changes.
///
/// What changes is [`Merge::plan`]'s: a replaced recording, or the missing values filled in.
pub(super) fn push_merge<'q>(
    q: &mut Writes<'q>,
    existing: &ActivityDb,
    a: &'q Activity,
    blob: Option<Vec<u8>>,
    zone_max: Option<f64>,
    partial: bool,
) -> Merge {
    let merge = Merge::plan(existing, a, blob.is_some(), partial);
    if merge.takes_laps(existing, a) {
        q.push("DELETE FROM activity_laps WHERE activity_id = ")
            .push_bind(existing.id)
            .push("; UPDATE activities SET lap_count = ")
            .push_bind(a.laps.len() as i64)
            .push(" WHERE id = ")
            .push_bind(existing.id)
            .push(";");
        push_insert_laps(q, existing.id, &a.laps);
    }
    if matches!(merge, Merge::ReplacedPartial | Merge::ReplacedSummary) {
        let (start_ms, end_ms) = activity_span(a);
        let (zmax, z) = zone_params(a, zone_max);
        q.push("UPDATE activities SET sport = ")
            .push_bind(a.sport.as_str())
            .push(", started_at_ms = ")
            .push_bind(start_ms)
            .push(", ended_at_ms = ")
            .push_bind(end_ms)
            .push(", utc_offset_s = COALESCE(")
            .push_bind(a.utc_offset_s.map(i64::from))
            .push(", utc_offset_s), timer_s = ")
            .push_bind(a.timer_s)
            .push(", elapsed_s = ")
            .push_bind(a.elapsed_s)
            .push(", distance_m = COALESCE(")
            .push_bind(a.distance_m)
            .push(", distance_m), avg_hr_bpm = COALESCE(")
            .push_bind(a.avg_hr_bpm)
            .push(", avg_hr_bpm), max_hr_bpm = COALESCE(")
            .push_bind(a.max_hr_bpm)
            .push(", max_hr_bpm), calories_kcal = COALESCE(")
            .push_bind(a.calories_kcal)
            .push(", calories_kcal), rpe = COALESCE(rpe, ")
            .push_bind(a.rpe)
            .push("), source = ")
            .push_bind(a.source.as_str())
            .push(", sample_count = ")
            .push_bind(a.samples.len() as i64)
            .push(", hr_zones_max_hr_bpm = ")
            .push_bind(zmax);
        for (i, s) in z.into_iter().enumerate() {
            q.push(format_args!(", hr_zone{}_s = ", i + 1)).push_bind(s);
        }
        q.push(", partial = ").push_bind(partial);
        q.push(" WHERE id = ").push_bind(existing.id).push(";");
        q.push("DELETE FROM activity_samples WHERE activity_id = ")
            .push_bind(existing.id)
            .push(";");
        if let Some(blob) = blob {
            push_insert_samples(q, existing.id, blob);
        }
        return merge;
    }
    if merge == Merge::Unchanged {
        return merge;
    }
    q.push("UPDATE activities SET sport = CASE WHEN sport = ")
        .push_bind(Sport::Other.as_str())
        .push(" THEN ")
        .push_bind(a.sport.as_str())
        .push(" ELSE sport END, utc_offset_s = COALESCE(utc_offset_s, ")
        .push_bind(a.utc_offset_s.map(i64::from))
        .push("), distance_m = COALESCE(distance_m, ")
        .push_bind(a.distance_m)
        .push("), avg_hr_bpm = COALESCE(avg_hr_bpm, ")
        .push_bind(a.avg_hr_bpm)
        .push("), max_hr_bpm = COALESCE(max_hr_bpm, ")
        .push_bind(a.max_hr_bpm)
        .push("), calories_kcal = COALESCE(calories_kcal, ")
        .push_bind(a.calories_kcal)
        .push("), rpe = COALESCE(rpe, ")
        .push_bind(a.rpe)
        .push(") WHERE id = ")
        .push_bind(existing.id)
        .push(";");
    merge
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
    // One BLOB at a time: a long log's samples need not fit in memory at once.
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT s.activity_id FROM activity_samples s JOIN activities a ON a.id = s.activity_id \
             WHERE a.athlete_id = $1 ORDER BY s.activity_id",
    )
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    for (id,) in ids {
        let (blob,): (Vec<u8>,) =
            sqlx::query_as("SELECT data FROM activity_samples WHERE activity_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
        let (zmax, z) = blob_zone_params(&blob, max_hr_bpm);
        sqlx::query(
            "UPDATE activities SET hr_zones_max_hr_bpm = $1, hr_zone1_s = $2, hr_zone2_s = $3, hr_zone3_s = $4, \
             hr_zone4_s = $5, hr_zone5_s = $6 WHERE id = $7",
        )
        .bind(zmax)
        .bind(z[0])
        .bind(z[1])
        .bind(z[2])
        .bind(z[3])
        .bind(z[4])
        .bind(id)
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
         LEFT JOIN activity_samples s ON s.activity_id = a.id WHERE a.athlete_id = $1 \
         ORDER BY a.started_at_ms, a.id"
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

impl SqliteLog {
    /// Stores one activity as given (a manual entry): validated, but not checked for duplicates.
    pub async fn insert_activity(
        &self,
        athlete: AthleteId,
        activity: &Activity,
    ) -> Result<EntryId, StoreError> {
        let blob = validate::activity(activity, "")?;
        let mut tx = self.begin_write().await?;
        let zone_max = zone_max_hr(&mut tx, athlete).await?;
        let id = insert(&mut tx, athlete, activity, blob.as_deref(), zone_max).await?;
        tx.commit().await?;
        self.changed();
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

    /// Activity summaries (no samples) by id, in no particular order; ids not in the log are left out.
    pub async fn activity_rows(
        &self,
        athlete: AthleteId,
        ids: &[i64],
    ) -> Result<Vec<ActivityRow>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        // Well below SQLite's 32,766 parameters per statement.
        for chunk in ids.chunks(1000) {
            let mut q = sqlx::QueryBuilder::new(format!(
                "SELECT {COLUMNS} FROM activities a WHERE a.athlete_id = "
            ));
            q.push_bind(athlete.0);
            q.push(" AND a.id IN (");
            let mut list = q.separated(", ");
            for id in chunk {
                list.push_bind(*id);
            }
            q.push(")");
            let rows: Vec<ActivityDb> = q.build_query_as().fetch_all(&self.pool).await?;
            for row in rows {
                out.push(row.into_row()?);
            }
        }
        Ok(out)
    }

    /// One activity with its samples, laps and time in zones (from one snapshot).
    pub async fn activity(
        &self,
        athlete: AthleteId,
        id: i64,
    ) -> Result<StoredActivity, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row: Option<ActivityWithSamplesDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS}, s.data AS samples FROM activities a \
             LEFT JOIN activity_samples s ON s.activity_id = a.id WHERE a.id = $1 AND a.athlete_id = $2"
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
