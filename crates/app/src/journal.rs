//! Entries made by hand, between the contract's shapes and the log's: a manual lift, a wellness check-in;
//! and store validation errors renamed to the contract's fields.

use afterlift_core::contract::{FieldError, ManualLift, ReadinessInput};
use afterlift_core::session::{ExerciseLog, SetLog, StrengthSession, Wellness};
use afterlift_store::StoreError;
use jiff::{SignedDuration, Timestamp};

/// A manual lift as the log keeps it (source `manual`); it starts `minutes` before `now` unless given.
pub fn manual_lift(m: &ManualLift, now: Timestamp) -> StrengthSession {
    let minutes = m.minutes.filter(|v| v.is_finite());
    let started_at = m.started_at.unwrap_or_else(|| {
        now.checked_sub(SignedDuration::from_secs_f64(
            minutes.unwrap_or(0.0).clamp(0.0, 1440.0) * 60.0,
        ))
        .unwrap_or(now)
    });
    StrengthSession {
        started_at,
        duration_s: m.minutes.map(|v| v * 60.0),
        title: m.title.clone(),
        rpe: m.rpe,
        source: "manual".into(),
        exercises: m
            .exercises
            .iter()
            .map(|e| ExerciseLog {
                name: e.name.clone(),
                sets: e
                    .sets
                    .iter()
                    .map(|s| SetLog::working(Some(s.reps), s.kg, s.rpe))
                    .collect(),
            })
            .collect(),
    }
}

/// A check-in in the advice request's words, as the log keeps it.
pub fn wellness(r: &ReadinessInput) -> Wellness {
    r.to_wellness()
}

/// Which document a store validation error is about, to name its field in the contract's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Profile,
    Wellness,
    Lift,
}

/// A store validation error as a contract field error (`age_years` → `athlete.age`); `None` for other
/// store errors.
pub fn field_error(e: &StoreError, doc: Doc) -> Option<FieldError> {
    let StoreError::Invalid { field, message } = e else {
        return None;
    };
    let renamed = |leaf: &str| -> Option<&'static str> {
        Some(match (doc, leaf) {
            (Doc::Profile, "age_years") => "athlete.age",
            (Doc::Profile, "weight_kg") => "athlete.weight_kg",
            (Doc::Profile, "resting_hr_bpm") => "athlete.resting_hr",
            (Doc::Profile, "max_hr_bpm") => "athlete.max_hr",
            (Doc::Profile, "hrv_rmssd_ms") => "athlete.hrv_rmssd_ms",
            (Doc::Wellness, "resting_hr_bpm") => "resting_hr",
            (Doc::Lift, "weight_kg") => "kg",
            (Doc::Lift, "duration_s") => "minutes",
            _ => return None,
        })
    };
    let field = match field.rsplit_once('.') {
        Some((head, leaf)) => {
            renamed(leaf).map_or_else(|| field.clone(), |r| format!("{head}.{r}"))
        }
        None => renamed(field).map_or_else(|| field.clone(), str::to_string),
    };
    Some(FieldError {
        field,
        message: message.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::contract::{ExerciseInput, SetInput};

    #[test]
    fn manual_lift_starts_its_minutes_before_now() {
        let now: Timestamp = "2026-11-24T18:00:00Z".parse().unwrap();
        let m = ManualLift {
            minutes: Some(60.0),
            exercises: vec![ExerciseInput {
                name: "squat".into(),
                sets: vec![SetInput {
                    reps: 5,
                    kg: Some(100.0),
                    rpe: None,
                }],
            }],
            ..Default::default()
        };
        let s = manual_lift(&m, now);
        assert_eq!(s.started_at.to_string(), "2026-11-24T17:00:00Z");
        assert_eq!(s.exercises[0].sets[0].weight_kg, Some(100.0));
    }

    #[test]
    fn store_fields_are_renamed_to_the_contract() {
        let e = StoreError::Invalid {
            field: "age_years".into(),
            message: "out of range".into(),
        };
        assert_eq!(field_error(&e, Doc::Profile).unwrap().field, "athlete.age");
        let e = StoreError::Invalid {
            field: "exercises[0].sets[1].weight_kg".into(),
            message: "x".into(),
        };
        assert_eq!(
            field_error(&e, Doc::Lift).unwrap().field,
            "exercises[0].sets[1].kg"
        );
    }
}
