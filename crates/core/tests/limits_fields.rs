//! `limits::typed_fields` (what `GET /api/v1/limits` gives the dashboard's forms) names the very fields the
//! advisor's validation checks, with the very ranges: for each field, an advice request with a value just
//! past its maximum is refused naming that field, and one at the maximum is not refused for it.

use afterlift_core::advice::advise;
use afterlift_core::contract::AdviceRequest;
use afterlift_core::limits::typed_fields;
use serde_json::{Value, json};

fn request() -> Value {
    json!({
        "now": "2026-11-24T18:00:00Z",
        "athlete": { "age": 34, "sex": "male", "weight_kg": 80, "goal": "general",
                     "resting_hr": 58, "max_hr": 186, "hrv_rmssd_ms": 60, "concurrent_weeks": 26 },
        "lift": { "ended_at": "2026-11-24T17:55:00Z", "minutes": 60, "rpe": 7,
                  "exercises": [ { "name": "Squat (Barbell)", "sets": [ { "reps": 5, "kg": 100, "rpe": 8 } ] } ] },
        "planned": { "kind": "easy", "minutes": 30 },
        "readiness": { "sleep_hours": 7.5, "sleep_quality": 3, "fatigue": 3, "soreness": 3, "stress": 3,
                       "mood": 3, "resting_hr": 58, "hrv_rmssd_ms": 60 }
    })
}

/// `request()` with the field at `path` (`[]` read as the first element) set to `value`.
fn with(path: &str, value: f64) -> Value {
    let mut r = request();
    let mut at = &mut r;
    for part in path.split('.') {
        let (key, index) = match part.strip_suffix("[]") {
            Some(k) => (k, true),
            None => (part, false),
        };
        at = &mut at[key];
        if index {
            at = &mut at[0];
        }
    }
    // Whole numbers as integers: some fields are counts (`u32`, `u8`).
    *at = if value.fract() == 0.0 {
        json!(value as i64)
    } else {
        json!(value)
    };
    r
}

fn refused_fields(body: Value) -> Vec<String> {
    let request: AdviceRequest = serde_json::from_value(body).expect("a well-formed request");
    match advise(&request, "2026-11-24T18:00:00Z".parse().unwrap()) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors.into_iter().map(|f| f.field).collect(),
    }
}

#[test]
fn every_typed_field_is_checked_with_its_range() {
    assert!(
        refused_fields(request()).is_empty(),
        "the base request is valid"
    );
    let limits = typed_fields();
    assert!(limits.fields.len() >= 20, "{} fields", limits.fields.len());
    for f in &limits.fields {
        let named = f.field.replace("[]", "[0]");
        let past = if f.max.fract() == 0.0 && f.max >= 1.0 {
            f.max + 1.0
        } else {
            f.max + 0.5
        };
        let refused = refused_fields(with(&f.field, past));
        assert!(
            refused.contains(&named),
            "{named} = {past} (max {}) refused as {refused:?}",
            f.max
        );
        let at_max = refused_fields(with(&f.field, f.max));
        assert!(
            !at_max.contains(&named),
            "{named} = {} (its max) refused",
            f.max
        );
    }
}
