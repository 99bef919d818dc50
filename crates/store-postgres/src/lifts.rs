//! Strength sessions with their exercises and sets: insert, browse, read, duplicate matching and merging.

use std::collections::HashMap;

use afterlift_core::session::{ExerciseLog, SetKind, SetLog, StrengthSession};
use sqlx::FromRow;

use crate::dedup::{MIN_SPAN_MS, Span};
use crate::rows::{ExerciseRow, LiftRow, SetRow};
use crate::validate::MAX_STRENGTH_S;
use crate::{AthleteId, EntryId, StoreError, StoredLift, TimeFilter, validate};
use crate::{Conn, PgLog, WriteTx, corrupt, filter_bounds, from_ms, now_ms, secs_to_ms, to_ms};

const COLUMNS: &str =
    "l.id, l.started_at_ms, l.ended_at_ms, l.duration_s, l.title, l.rpe, l.source";

#[derive(Debug, FromRow)]
pub(super) struct LiftDb {
    id: i64,
    started_at_ms: i64,
    ended_at_ms: i64,
    duration_s: Option<f64>,
    title: Option<String>,
    rpe: Option<f64>,
    source: String,
}

/// One exercise joined with one of its sets (the set columns are NULL for an exercise without sets).
#[derive(FromRow)]
struct ExerciseSetDb {
    lift_id: i64,
    exercise_id: i64,
    name: String,
    set_id: Option<i64>,
    reps: Option<i64>,
    weight_kg: Option<f64>,
    rpe: Option<f64>,
    kind: Option<String>,
    duration_s: Option<f64>,
    distance_m: Option<f64>,
}

/// The exercises-and-sets join, ordered; `{WHERE}` selects the lifts.
const EXERCISE_SETS: &str = "SELECT e.lift_id, e.id AS exercise_id, e.name, s.id AS set_id, s.reps, s.weight_kg, \
    s.rpe, s.kind, s.duration_s, s.distance_m FROM lift_exercises e LEFT JOIN lift_sets s ON s.exercise_id = e.id \
    {WHERE} ORDER BY e.lift_id, e.position, s.position";

impl LiftDb {
    pub(super) fn id(&self) -> i64 {
        self.id
    }

    fn span(&self) -> Span {
        Span::new(self.started_at_ms, self.ended_at_ms)
    }

    fn into_session(self, exercises: Vec<ExerciseLog>) -> Result<StoredLift, StoreError> {
        Ok(StoredLift {
            id: self.id,
            session: StrengthSession {
                started_at: from_ms(self.started_at_ms, "lift start")?,
                duration_s: self.duration_s,
                title: self.title,
                rpe: self.rpe,
                source: self.source,
                exercises,
            },
        })
    }
}

fn parse_kind(s: &str) -> Result<SetKind, StoreError> {
    [
        SetKind::Normal,
        SetKind::Warmup,
        SetKind::Drop,
        SetKind::Failure,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .ok_or_else(|| corrupt(format!("unknown set kind '{s}'")))
}

/// Groups the joined rows into each lift's exercises, in order.
fn group_exercises(rows: Vec<ExerciseSetDb>) -> Result<HashMap<i64, Vec<ExerciseLog>>, StoreError> {
    let mut by_lift: HashMap<i64, Vec<ExerciseLog>> = HashMap::new();
    let mut current_exercise = None;
    for r in rows {
        let exercises = by_lift.entry(r.lift_id).or_default();
        if current_exercise != Some(r.exercise_id) {
            exercises.push(ExerciseLog {
                name: r.name,
                sets: Vec::new(),
            });
            current_exercise = Some(r.exercise_id);
        }
        if r.set_id.is_none() {
            continue;
        }
        let reps = r
            .reps
            .map(|v| {
                u32::try_from(v).map_err(|_| corrupt(format!("lift l{}: reps {v}", r.lift_id)))
            })
            .transpose()?;
        let kind = parse_kind(r.kind.as_deref().unwrap_or("normal"))?;
        if let Some(e) = exercises.last_mut() {
            e.sets.push(SetLog {
                reps,
                weight_kg: r.weight_kg,
                rpe: r.rpe,
                kind,
                duration_s: r.duration_s,
                distance_m: r.distance_m,
            });
        }
    }
    Ok(by_lift)
}

fn span_of(l: &StrengthSession) -> (i64, i64) {
    let start = to_ms(l.started_at);
    (start, start + l.duration_s.map_or(0, secs_to_ms))
}

/// Inserts a validated lift as a new id of the athlete's; returns the id.
pub(super) async fn insert(tx: &mut WriteTx, l: &StrengthSession) -> Result<i64, StoreError> {
    let (start_ms, end_ms) = span_of(l);
    let id = tx.next_lift();
    let athlete = tx.athlete;
    sqlx::query(
        "INSERT INTO lifts (athlete_id, id, started_at_ms, ended_at_ms, duration_s, title, rpe, source, \
         created_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(athlete.0)
    .bind(id)
    .bind(start_ms)
    .bind(end_ms)
    .bind(l.duration_s)
    .bind(&l.title)
    .bind(l.rpe)
    .bind(&l.source)
    .bind(now_ms())
    .execute(tx.conn())
    .await?;
    insert_exercises(tx.conn(), athlete, id, &l.exercises).await?;
    Ok(id)
}

async fn insert_exercises(
    conn: &mut Conn,
    athlete: AthleteId,
    lift_id: i64,
    exercises: &[ExerciseLog],
) -> Result<(), StoreError> {
    for (position, e) in exercises.iter().enumerate() {
        let (exercise_id,): (i64,) = sqlx::query_as(
            "INSERT INTO lift_exercises (athlete_id, lift_id, position, name) VALUES ($1, $2, $3, $4) \
             RETURNING id",
        )
        .bind(athlete.0)
        .bind(lift_id)
        .bind(position as i64)
        .bind(&e.name)
        .fetch_one(&mut *conn)
        .await?;
        if e.sets.is_empty() {
            continue;
        }
        // One statement per exercise: its sets as arrays, unnested in order.
        let n = e.sets.len();
        let mut positions = Vec::with_capacity(n);
        let mut reps = Vec::with_capacity(n);
        let mut weights = Vec::with_capacity(n);
        let mut rpes = Vec::with_capacity(n);
        let mut kinds = Vec::with_capacity(n);
        let mut durations = Vec::with_capacity(n);
        let mut distances = Vec::with_capacity(n);
        for (position, s) in e.sets.iter().enumerate() {
            positions.push(position as i64);
            reps.push(s.reps.map(i64::from));
            weights.push(s.weight_kg);
            rpes.push(s.rpe);
            kinds.push(s.kind.as_str());
            durations.push(s.duration_s);
            distances.push(s.distance_m);
        }
        sqlx::query(
            "INSERT INTO lift_sets (exercise_id, position, reps, weight_kg, rpe, kind, duration_s, distance_m) \
             SELECT $1, * FROM UNNEST($2::BIGINT[], $3::BIGINT[], $4::DOUBLE PRECISION[], \
             $5::DOUBLE PRECISION[], $6::TEXT[], $7::DOUBLE PRECISION[], $8::DOUBLE PRECISION[])",
        )
        .bind(exercise_id)
        .bind(positions)
        .bind(reps)
        .bind(weights)
        .bind(rpes)
        .bind(kinds)
        .bind(durations)
        .bind(distances)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The stored lift that is the same session as `l` (see [`crate::dedup`]), the one overlapping most.
pub(super) async fn find_same(
    conn: &mut Conn,
    athlete: AthleteId,
    l: &StrengthSession,
) -> Result<Option<LiftDb>, StoreError> {
    let (start_ms, end_ms) = span_of(l);
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
    Ok(candidates
        .into_iter()
        .filter(|c| c.span().is_same_session(span))
        .max_by_key(|c| (c.span().overlap_ms(span), -c.id)))
}

/// Merges `l` into the `existing` lift it duplicates; returns whether anything changed.
///
/// Exercises come in only when the existing session has none (a watch's recording); missing duration,
/// title and RPE are filled in either way.
pub(super) async fn merge(
    conn: &mut Conn,
    athlete: AthleteId,
    existing: &LiftDb,
    l: &StrengthSession,
) -> Result<bool, StoreError> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM lift_exercises WHERE athlete_id = $1 AND lift_id = $2",
    )
    .bind(athlete.0)
    .bind(existing.id)
    .fetch_one(&mut *conn)
    .await?;
    let take_exercises = count == 0 && !l.exercises.is_empty();
    let fills = [
        existing.duration_s.is_none() && l.duration_s.is_some(),
        existing.title.is_none() && l.title.is_some(),
        existing.rpe.is_none() && l.rpe.is_some(),
    ];
    if !take_exercises && !fills.contains(&true) {
        return Ok(false);
    }
    let source = if take_exercises && !existing.source.contains(l.source.as_str()) {
        format!("{} + {}", existing.source, l.source)
    } else {
        existing.source.clone()
    };
    let duration_s = existing.duration_s.or(l.duration_s);
    let ended_at_ms = existing.started_at_ms + duration_s.map_or(0, secs_to_ms);
    sqlx::query(
        "UPDATE lifts SET duration_s = $1, ended_at_ms = $2, title = COALESCE(title, $3), \
         rpe = COALESCE(rpe, $4), source = $5 WHERE athlete_id = $6 AND id = $7",
    )
    .bind(duration_s)
    .bind(ended_at_ms)
    .bind(&l.title)
    .bind(l.rpe)
    .bind(source)
    .bind(athlete.0)
    .bind(existing.id)
    .execute(&mut *conn)
    .await?;
    if take_exercises {
        insert_exercises(conn, athlete, existing.id, &l.exercises).await?;
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
    let rows: Vec<ExerciseSetDb> =
        sqlx::query_as(&EXERCISE_SETS.replace("{WHERE}", "WHERE e.athlete_id = $1"))
            .bind(athlete.0)
            .fetch_all(&mut *conn)
            .await?;
    let mut exercises = group_exercises(rows)?;
    lifts
        .into_iter()
        .map(|l| {
            let ex = exercises.remove(&l.id).unwrap_or_default();
            l.into_session(ex)
        })
        .collect()
}

fn to_row(lift: StoredLift) -> LiftRow {
    let StoredLift { id, session } = lift;
    LiftRow {
        id: EntryId::Lift(id),
        started_at: session.started_at,
        minutes: session.duration_s.map(|s| s / 60.0),
        exercises: session
            .exercises
            .into_iter()
            .map(|e| ExerciseRow {
                name: e.name,
                sets: e
                    .sets
                    .iter()
                    .map(|s| SetRow {
                        reps: s.reps,
                        kg: s.weight_kg,
                        rpe: s.rpe,
                        duration_s: s.duration_s,
                        distance_m: s.distance_m,
                    })
                    .collect(),
            })
            .collect(),
    }
}

impl PgLog {
    /// Stores one strength session as given (a manual entry): validated, not checked for duplicates.
    pub async fn insert_lift(
        &self,
        athlete: AthleteId,
        lift: &StrengthSession,
    ) -> Result<EntryId, StoreError> {
        validate::lift(lift, "")?;
        let mut tx = self.begin_write(athlete).await?;
        let id = insert(&mut tx, lift).await?;
        tx.commit(self).await?;
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
        let mut tx = self.begin_read().await?;
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
        let ids: Vec<i64> = lifts.iter().map(|l| l.id).collect();
        let rows: Vec<ExerciseSetDb> = sqlx::query_as(
            &EXERCISE_SETS.replace("{WHERE}", "WHERE e.athlete_id = $1 AND e.lift_id = ANY($2)"),
        )
        .bind(athlete.0)
        .bind(&ids)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut exercises = group_exercises(rows)?;
        lifts
            .into_iter()
            .map(|l| {
                let ex = exercises.remove(&l.id).unwrap_or_default();
                l.into_session(ex).map(to_row)
            })
            .collect()
    }

    /// One strength session with everything stored about it.
    pub async fn lift(&self, athlete: AthleteId, id: i64) -> Result<StoredLift, StoreError> {
        let mut tx = self.begin_read().await?;
        let lift: Option<LiftDb> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM lifts l WHERE l.id = $1 AND l.athlete_id = $2"
        ))
        .bind(id)
        .bind(athlete.0)
        .fetch_optional(&mut *tx)
        .await?;
        let lift = lift.ok_or(StoreError::NotFound(EntryId::Lift(id)))?;
        let rows: Vec<ExerciseSetDb> = sqlx::query_as(
            &EXERCISE_SETS.replace("{WHERE}", "WHERE e.athlete_id = $2 AND e.lift_id = $1"),
        )
        .bind(id)
        .bind(athlete.0)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let exercises = group_exercises(rows)?.remove(&id).unwrap_or_default();
        lift.into_session(exercises)
    }
}
