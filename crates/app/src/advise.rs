//! Advice with the log's help: the request as the log knows it ([`crate::from_log`]), the caller's JSON
//! document laid over it field by field, read into the contract type (every wrong field named by its
//! path), advised, and recorded in the log with its inputs.

use afterlift_core::advice;
use afterlift_core::contract::{
    AdviceRequest, AdviceResponse, FieldError, InvalidRequest, PlannedKind,
};
use afterlift_store::Store;
use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::AppError;
use crate::fields::from_json_value;
use crate::from_log::{self, LogDefaults};

/// The log's contribution as a JSON document (`athlete`, `lift`, `readiness` where known).
pub fn log_document(d: &LogDefaults) -> Value {
    let mut doc = Map::new();
    if let Some(a) = &d.athlete {
        doc.insert("athlete".into(), json!(a));
    }
    if let Some(r) = &d.readiness {
        doc.insert("readiness".into(), json!(r));
    }
    if let Some((_, lift)) = &d.lift {
        doc.insert("lift".into(), json!(lift));
    }
    Value::Object(doc)
}

/// Deep-merges `over` into `base`: objects field by field, anything else replaced.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// The request: what the log knows with `body` over it. A `lift` in the body replaces the stored one (it
/// describes a session of its own); `athlete` and `readiness` are merged field by field; nothing planned
/// means "should I add a run?" (`planned.kind = none`).
pub fn request_with_log(defaults: &LogDefaults, body: Value) -> Result<AdviceRequest, FieldError> {
    let Value::Object(body) = body else {
        return Err(FieldError {
            field: "request".into(),
            message: "expected a JSON object with \"athlete\" and \"planned\"".into(),
        });
    };
    let mut doc = log_document(defaults);
    if body.contains_key("lift")
        && let Value::Object(d) = &mut doc
    {
        d.remove("lift");
    }
    merge(&mut doc, Value::Object(body));
    if let Value::Object(d) = &mut doc
        && !d.contains_key("planned")
    {
        d.insert("planned".into(), json!({ "kind": PlannedKind::None }));
    }
    from_json_value(doc)
}

/// Advises on `body` (an `AdviceRequest`, possibly partial: the log fills in the rest) at `now`, and
/// records the advice in the log.
pub async fn advise(
    store: &Store,
    body: Value,
    now: Timestamp,
) -> Result<(AdviceRequest, AdviceResponse), AppError> {
    let defaults = from_log::defaults(store, now).await?;
    let request = request(&defaults, body)?;
    // What the log says about recent training, recovery and readiness.
    let status = crate::status::snapshot(store, now).await?;
    let advised = advise_request(request, now, status.as_ref())?;
    // Each advice is kept with its inputs, for later analysis.
    store
        .record_advice(now, &advised.request_json, &advised.response_json)
        .await?;
    Ok((advised.request, advised.response))
}

/// [`request_with_log`] with its error as the use case's.
pub fn request(defaults: &LogDefaults, body: Value) -> Result<AdviceRequest, AppError> {
    request_with_log(defaults, body)
        .map_err(|e| AppError::Invalid(InvalidRequest { errors: vec![e] }))
}

/// An advice and the JSON texts the advice log keeps (the response's is also what the API answers).
#[derive(Debug, Clone)]
pub struct Advised {
    pub request: AdviceRequest,
    pub response: AdviceResponse,
    pub request_json: String,
    pub response_json: String,
}

/// The pure part of [`advise`]: advises on `request` at `now` with the log's `status`, and encodes both
/// for the advice log. Recording is the caller's (the server batches it).
pub fn advise_request(
    request: AdviceRequest,
    now: Timestamp,
    status: Option<&afterlift_core::status::Status>,
) -> Result<Advised, AppError> {
    let response = advice::advise_with(&request, now, status)?;
    let request_json = serde_json::to_string(&request).map_err(AppError::Encode)?;
    let response_json = serde_json::to_string(&response).map_err(AppError::Encode)?;
    Ok(Advised {
        request,
        response,
        request_json,
        response_json,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::contract::{AthleteInput, LiftInput, ReadinessInput};
    use afterlift_core::{Goal, Sex};

    fn defaults() -> LogDefaults {
        LogDefaults {
            athlete: Some(AthleteInput {
                age: 34.0,
                sex: Sex::Female,
                weight_kg: 62.0,
                resting_hr: Some(55.0),
                max_hr: None,
                hrv_rmssd_ms: None,
                goal: Goal::Hypertrophy,
                concurrent_weeks: None,
                injury_prone: Some(false),
                time_zone: None,
                wake_time: None,
                sleep_time: None,
                race: None,
            }),
            lift: Some((
                "l1".into(),
                LiftInput {
                    minutes: Some(60.0),
                    ..Default::default()
                },
            )),
            readiness: Some(ReadinessInput {
                sleep_hours: Some(7.0),
                ..Default::default()
            }),
            time_zone: jiff::tz::TimeZone::UTC,
        }
    }

    #[test]
    fn body_fields_win_and_the_log_fills_in_the_rest() {
        let r = request_with_log(
            &defaults(),
            json!({"athlete": {"age": 40}, "planned": {"kind": "easy"}}),
        )
        .unwrap();
        assert_eq!(r.athlete.age, 40.0);
        assert_eq!(r.athlete.weight_kg, 62.0);
        assert_eq!(r.lift.as_ref().and_then(|l| l.minutes), Some(60.0));
        assert_eq!(r.readiness.and_then(|x| x.sleep_hours), Some(7.0));
        let r = request_with_log(&defaults(), json!({"lift": {"focus": "upper"}})).unwrap();
        assert_eq!(
            r.lift.as_ref().and_then(|l| l.minutes),
            None,
            "a body lift replaces the stored one"
        );
        assert_eq!(r.planned.kind, PlannedKind::None);
    }

    #[test]
    fn without_a_profile_the_athlete_is_named_as_missing() {
        let d = LogDefaults {
            athlete: None,
            lift: None,
            readiness: None,
            time_zone: jiff::tz::TimeZone::UTC,
        };
        let e = request_with_log(&d, json!({"planned": {"kind": "easy"}})).unwrap_err();
        assert_eq!(e.field, "athlete");
        let e = request_with_log(&d, json!([1])).unwrap_err();
        assert_eq!(e.field, "request");
    }
}
