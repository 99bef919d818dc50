//! Strength sessions: the lift row, its exercises-and-sets join, and the duplicate and merge decisions.

use std::collections::HashMap;

use afterlift_core::session::{ExerciseLog, SetKind, SetLog, StrengthSession};
use sqlx::FromRow;

use super::{corrupt, from_ms, secs_to_ms, to_ms};
use crate::dedup::Span;
use crate::rows::{ExerciseRow, LiftRow, SetRow};
use crate::{EntryId, StoreError, StoredLift};

/// A lift's own columns.
#[derive(Debug, FromRow)]
pub struct LiftDb {
    pub id: i64,
    pub started_at_ms: i64,
    pub ended_at_ms: i64,
    pub duration_s: Option<f64>,
    pub title: Option<String>,
    pub rpe: Option<f64>,
    pub source: String,
}

/// One exercise joined with one of its sets (the set columns are NULL for an exercise without sets).
#[derive(FromRow)]
pub struct ExerciseSetDb {
    pub lift_id: i64,
    pub exercise_id: i64,
    pub name: String,
    pub set_id: Option<i64>,
    pub reps: Option<i64>,
    pub weight_kg: Option<f64>,
    pub rpe: Option<f64>,
    pub kind: Option<String>,
    pub duration_s: Option<f64>,
    pub distance_m: Option<f64>,
}

impl LiftDb {
    pub fn id(&self) -> i64 {
        self.id
    }

    pub fn span(&self) -> Span {
        Span::new(self.started_at_ms, self.ended_at_ms)
    }

    /// The stored session, with its `exercises`.
    pub fn into_session(self, exercises: Vec<ExerciseLog>) -> Result<StoredLift, StoreError> {
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

/// Groups the joined rows (ordered by lift, exercise and set position) into each lift's exercises, in
/// order.
pub fn group_exercises(
    rows: Vec<ExerciseSetDb>,
) -> Result<HashMap<i64, Vec<ExerciseLog>>, StoreError> {
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

/// The `lifts` with their exercises from the joined `rows`, in the lifts' order.
pub fn with_exercises(
    lifts: Vec<LiftDb>,
    rows: Vec<ExerciseSetDb>,
) -> Result<Vec<StoredLift>, StoreError> {
    let mut exercises = group_exercises(rows)?;
    lifts
        .into_iter()
        .map(|l| {
            let ex = exercises.remove(&l.id).unwrap_or_default();
            l.into_session(ex)
        })
        .collect()
}

/// The start and end (ms) a lift is stored with.
pub fn lift_span(l: &StrengthSession) -> (i64, i64) {
    let start = to_ms(l.started_at);
    (start, start + l.duration_s.map_or(0, secs_to_ms))
}

/// Of a backend's candidate rows, the stored lift that is the same session as `span` (see
/// [`crate::dedup`]): the one overlapping most.
pub fn pick_same_lift(candidates: Vec<LiftDb>, span: Span) -> Option<LiftDb> {
    candidates
        .into_iter()
        .filter(|c| c.span().is_same_session(span))
        .max_by_key(|c| (c.span().overlap_ms(span), -c.id))
}

/// A stored lift as a browse row.
pub fn lift_row(lift: StoredLift) -> LiftRow {
    let StoredLift { id, session } = lift;
    LiftRow {
        id: EntryId::Lift(id),
        started_at: session.started_at,
        minutes: session.duration_s.map(|s| s / 60.0),
        rpe: session.rpe,
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
                        kind: s.kind,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// What merging a new lift into the existing one it duplicates writes ([`LiftMerge::plan`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LiftMerge {
    /// The new lift's exercises are added (the existing one has none).
    pub take_exercises: bool,
    pub duration_s: Option<f64>,
    pub ended_at_ms: i64,
    pub source: String,
}

impl LiftMerge {
    /// What merging `l` into `existing` (which has `existing_exercises` exercises) changes; `None` when
    /// nothing does.
    ///
    /// Exercises come in only when the existing session has none (a watch's recording); missing duration,
    /// title and RPE are filled in either way (title and RPE by the backend's `COALESCE`).
    pub fn plan(
        existing: &LiftDb,
        l: &StrengthSession,
        existing_exercises: i64,
    ) -> Option<LiftMerge> {
        let take_exercises = existing_exercises == 0 && !l.exercises.is_empty();
        let fills = [
            existing.duration_s.is_none() && l.duration_s.is_some(),
            existing.title.is_none() && l.title.is_some(),
            existing.rpe.is_none() && l.rpe.is_some(),
        ];
        if !take_exercises && !fills.contains(&true) {
            return None;
        }
        let source = if take_exercises && !existing.source.contains(l.source.as_str()) {
            format!("{} + {}", existing.source, l.source)
        } else {
            existing.source.clone()
        };
        let duration_s = existing.duration_s.or(l.duration_s);
        let ended_at_ms = existing.started_at_ms + duration_s.map_or(0, secs_to_ms);
        Some(LiftMerge {
            take_exercises,
            duration_s,
            ended_at_ms,
            source,
        })
    }
}
