//! Strength sessions with their exercises and sets: insert, browse, read, duplicate matching and merging.

use afterlift_core::session::{ExerciseLog, StrengthSession};
use afterlift_store::decode::{
    ExerciseSetDb, LiftDb, LiftMerge, group_exercises, lift_row, lift_span, pick_same_lift,
    with_exercises,
};

use crate::dedup::{MIN_SPAN_MS, Span};
use crate::rows::LiftRow;
use crate::validate::MAX_STRENGTH_S;
use crate::{AthleteId, EntryId, StoreError, StoredLift, TimeFilter, validate};
use crate::{Conn, SqliteLog, filter_bounds, now_ms, secs_to_ms};

const COLUMNS: &str =
    "l.id, l.started_at_ms, l.ended_at_ms, l.duration_s, l.title, l.rpe, l.source";

/// The exercises-and-sets join, ordered; `{WHERE}` selects the lifts.
const EXERCISE_SETS: &str = "SELECT e.lift_id, e.id AS exercise_id, e.name, s.id AS set_id, s.reps, s.weight_kg, \
    s.rpe, s.kind, s.duration_s, s.distance_m FROM lift_exercises e LEFT JOIN lift_sets s ON s.exercise_id = e.id \
    {WHERE} ORDER BY e.lift_id, e.position, s.position";

pub(super) async fn insert(
    conn: &mut Conn,
    athlete: AthleteId,
    l: &StrengthSession,
) -> Result<i64, StoreError> {
    let (start_ms, end_ms) = lift_span(l);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO lifts (started_at_ms, ended_at_ms, duration_s, title, rpe, source, created_at_ms, athlete_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(start_ms)
    .bind(end_ms)
    .bind(l.duration_s)
    .bind(&l.title)
    .bind(l.rpe)
    .bind(&l.source)
    .bind(now_ms())
    .bind(athlete.0)
    .fetch_one(&mut *conn)
    .await?;
    insert_exercises(conn, id, &l.exercises).await?;
    Ok(id)
}

async fn insert_exercises(
    conn: &mut Conn,
    lift_id: i64,
    exercises: &[ExerciseLog],
) -> Result<(), StoreError> {
    for (position, e) in exercises.iter().enumerate() {
        let (exercise_id,): (i64,) = sqlx::query_as(
            "INSERT INTO lift_exercises (lift_id, position, name) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(lift_id)
        .bind(position as i64)
        .bind(&e.name)
        .fetch_one(&mut *conn)
        .await?;
        for (position, s) in e.sets.iter().enumerate() {
            sqlx::query(
                "INSERT INTO lift_sets (exercise_id, position, reps, weight_kg, rpe, kind, duration_s, distance_m) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(exercise_id)
            .bind(position as i64)
            .bind(s.reps.map(i64::from))
            .bind(s.weight_kg)
            .bind(s.rpe)
            .bind(s.kind.as_str())
            .bind(s.duration_s)
            .bind(s.distance_m)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The stored lift that is the same session as `l` (see [`crate::dedup`]), the one overlapping most.
pub(super) async fn find_same(
    conn: &mut Conn,
    athlete: AthleteId,
    l: &StrengthSession,
) -> Result<Option<LiftDb>, StoreError> {
    let (start_ms, end_ms) = lift_span(l);
    let span = Span::new(start_ms, end_ms);
    let candidates: Vec<LiftDb> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM lifts l WHERE l.athlete_id = $4 AND l.started_at_ms < $1 \
         AND l.started_at_ms > $2 AND l.ended_at_ms > $3"
    ))
    .bind(span.end_ms)
    // No lift is longer than MAX_STRENGTH_S: keeps this a short index range scan.
    .bind(span.start_ms - secs_to_ms(MAX_STRENGTH_S) - MIN_SPAN_MS)
    .bind(span.start_ms - MIN_SPAN_MS)
    .bind(athlete.0)
    .fetch_all(conn)
    .await?;
    Ok(pick_same_lift(candidates, span))
}

/// Merges `l` into the `existing` lift it duplicates; returns whether anything changed.
///
/// Exercises come in only when the existing session has none (a watch's recording); missing duration,
/// title and RPE are filled in either way.
pub(super) async fn merge(
    conn: &mut Conn,
    existing: &LiftDb,
    l: &StrengthSession,
) -> Result<bool, StoreError> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM lift_exercises WHERE lift_id = $1")
        .bind(existing.id)
        .fetch_one(&mut *conn)
        .await?;
    let Some(LiftMerge {
        take_exercises,
        duration_s,
        ended_at_ms,
        source,
    }) = LiftMerge::plan(existing, l, count)
    else {
        return Ok(false);
    };
    sqlx::query(
        "UPDATE lifts SET duration_s = $1, ended_at_ms = $2, title = COALESCE(title, $3), \
         rpe = COALESCE(rpe, $4), source = $5 WHERE id = $6",
    )
    .bind(duration_s)
    .bind(ended_at_ms)
    .bind(&l.title)
    .bind(l.rpe)
    .bind(source)
    .bind(existing.id)
    .execute(&mut *conn)
    .await?;
    if take_exercises {
        insert_exercises(conn, existing.id, &l.exercises).await?;
    }
    Ok(true)
}

/// Every lift, oldest first.
pub(super) async fn all(
    conn: &mut Conn,
    athlete: AthleteId,
) -> Result<Vec<StoredLift>, StoreError> {
    let lifts: Vec<LiftDb> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM lifts l WHERE l.athlete_id = $1 ORDER BY l.started_at_ms, l.id"
    ))
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<ExerciseSetDb> = sqlx::query_as(&EXERCISE_SETS.replace(
        "{WHERE}",
        "WHERE e.lift_id IN (SELECT l.id FROM lifts l WHERE l.athlete_id = $1)",
    ))
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    with_exercises(lifts, rows)
}

impl SqliteLog {
    /// Stores one strength session as given (a manual entry): validated, not checked for duplicates.
    pub async fn insert_lift(
        &self,
        athlete: AthleteId,
        lift: &StrengthSession,
    ) -> Result<EntryId, StoreError> {
        validate::lift(lift, "")?;
        let mut tx = self.begin_write().await?;
        let id = insert(&mut tx, athlete, lift).await?;
        tx.commit().await?;
        self.changed();
        Ok(EntryId::Lift(id))
    }

    /// Strength sessions started within `filter`, newest first, with their exercises and sets.
    pub async fn lifts(
        &self,
        athlete: AthleteId,
        filter: &TimeFilter,
    ) -> Result<Vec<LiftRow>, StoreError> {
        let (from, to, limit) = filter_bounds(filter);
        // One snapshot for both queries, so a concurrent write cannot split a session.
        let mut tx = self.pool.begin().await?;
        let lifts: Vec<LiftDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM lifts l \
             WHERE l.athlete_id = $4 AND l.started_at_ms >= $1 AND l.started_at_ms < $2 \
             ORDER BY l.started_at_ms DESC, l.id DESC LIMIT $3"
        ))
        .bind(from)
        .bind(to)
        .bind(limit)
        .bind(athlete.0)
        .fetch_all(&mut *tx)
        .await?;
        let rows: Vec<ExerciseSetDb> = sqlx::query_as(&EXERCISE_SETS.replace(
            "{WHERE}",
            "WHERE e.lift_id IN (SELECT l.id FROM lifts l \
             WHERE l.athlete_id = $4 AND l.started_at_ms >= $1 AND l.started_at_ms < $2 \
             ORDER BY l.started_at_ms DESC, l.id DESC LIMIT $3)",
        ))
        .bind(from)
        .bind(to)
        .bind(limit)
        .bind(athlete.0)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(with_exercises(lifts, rows)?
            .into_iter()
            .map(lift_row)
            .collect())
    }

    /// One strength session with everything stored about it.
    pub async fn lift(&self, athlete: AthleteId, id: i64) -> Result<StoredLift, StoreError> {
        let mut tx = self.pool.begin().await?;
        let lift: Option<LiftDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM lifts l WHERE l.id = $1 AND l.athlete_id = $2"
        ))
        .bind(id)
        .bind(athlete.0)
        .fetch_optional(&mut *tx)
        .await?;
        let lift = lift.ok_or(StoreError::NotFound(EntryId::Lift(id)))?;
        let rows: Vec<ExerciseSetDb> =
            sqlx::query_as(&EXERCISE_SETS.replace("{WHERE}", "WHERE e.lift_id = $1"))
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        let exercises = group_exercises(rows)?.remove(&id).unwrap_or_default();
        lift.into_session(exercises)
    }
}
