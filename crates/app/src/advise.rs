//! Advice with the log's help: the request as the log knows it ([`crate::from_log`]), the caller's JSON
//! document laid over it field by field, read into the contract type (every wrong field named by its
//! path), advised, and recorded in the log with its inputs. The answer says what came from the log
//! (`from_log`: the stored lift's id, the check-in's date, and whether its pain or illness ruled).
//!
//! One path for the CLI's `advise` and `POST /api/v1/advice`: the instant the advice is for — the body's
//! `now` when it has one, else the caller's clock — is also the instant "today's" lift and check-in and the
//! status snapshot are read at, so an answer for a given `now` is the same whenever it is asked.

use afterlift_core::advice;
use afterlift_core::contract::{
    AdviceRequest, AdviceResponse, FieldError, FromLog, InvalidRequest, PlannedKind,
};
use std::sync::Arc;

use afterlift_store::{NewAdvice, Store};
use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::AppError;
use crate::fields::from_json_value;
use crate::from_log::{self, LogDefaults};
use crate::live::LogCache;

/// The log's contribution as a JSON document (`athlete`, `lift`, `readiness` where known).
pub fn log_document(d: &LogDefaults) -> Value {
    let mut doc = Map::new();
    if let Some(a) = &d.athlete {
        doc.insert("athlete".into(), json!(a));
    }
    if let Some((_, r)) = &d.readiness {
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
    // Neither the request nor the profile names a time zone: the caller's fallback, by its IANA name
    // (UTC is the advisor's own default, so it is not written in).
    if let Some(Value::Object(athlete)) = doc.get_mut("athlete")
        && !athlete.contains_key("time_zone")
        && let Some(name) = defaults.time_zone.iana_name()
        && defaults.time_zone != jiff::tz::TimeZone::UTC
    {
        athlete.insert("time_zone".into(), json!(name));
    }
    from_json_value(doc)
}

/// The instant a request is for: its `now` (RFC 3339) when it has a readable one, else `clock_now`. (An
/// unreadable `now` is named as a wrong field when the request is read.)
pub fn instant(body: &Value, clock_now: Timestamp) -> Timestamp {
    body.get("now")
        .and_then(Value::as_str)
        .and_then(|t| t.parse::<Timestamp>().ok())
        .unwrap_or(clock_now)
}

/// Advises on `body` (an `AdviceRequest`, possibly partial: the log fills in the rest) at its `now`, or
/// at `clock_now` without one, and records the advice in the log. `fallback` is the time zone when
/// neither the request nor the profile names one ([`from_log::time_zone`]).
///
/// With a `cache` (the server's), the log is read from memory when the cache covers `now`. Either way the
/// advice is answered only once it is recorded ([`Store::record_advice`]): when it cannot be, the answer
/// is [`AppError::NotRecorded`], never the advice.
pub async fn advise(
    store: &Store,
    cache: Option<&LogCache>,
    body: Value,
    clock_now: Timestamp,
    fallback: &jiff::tz::TimeZone,
) -> Result<Advised, AppError> {
    let now = instant(&body, clock_now);
    let cached = match cache {
        Some(cache) => cache.get(store, now).await?,
        None => None,
    };
    let advised = match cached {
        Some(entry) => {
            let (request, used) = request(&entry.defaults(now), body)?;
            let request = with_experiment(store, request, now).await?;
            advise_request(request, now, entry.snapshot(now).as_ref(), used)?
        }
        None => {
            let defaults = from_log::defaults(store, now, fallback).await?;
            let (request, used) = request(&defaults, body)?;
            let request = with_experiment(store, request, now).await?;
            // What the log says about recent training, recovery and readiness.
            let status = crate::status::snapshot(store, now, fallback).await?;
            advise_request(request, now, status.as_ref(), used)?
        }
    };
    // Each advice is kept with its inputs, for later analysis.
    store
        .record_advice(NewAdvice {
            at: now,
            request_json: Arc::clone(&advised.request_json),
            response_json: Arc::clone(&advised.response_json),
        })
        .await
        .map_err(AppError::NotRecorded)?;
    Ok(advised)
}

/// `request` with the strategy of the running experiment on the athlete's day at `now` (in the request's
/// time zone, as the advisor reads its days) when it names none ([`crate::experiment::active_strategy`]):
/// the advice follows the schedule. Without an experiment the request is unchanged.
pub async fn with_experiment(
    store: &Store,
    mut request: AdviceRequest,
    now: Timestamp,
) -> Result<AdviceRequest, AppError> {
    if request.strategy.is_none() {
        let tz = request
            .athlete
            .time_zone
            .as_deref()
            .and_then(afterlift_core::time::time_zone)
            .unwrap_or(jiff::tz::TimeZone::UTC);
        let today = now.to_zoned(tz).date();
        request.strategy = crate::experiment::active_strategy(store, today).await?;
    }
    Ok(request)
}

/// [`request_with_log`] with its error as the use case's, and what of the log the request used.
pub fn request(
    defaults: &LogDefaults,
    body: Value,
) -> Result<(AdviceRequest, Option<FromLog>), AppError> {
    let used = used_from_log(defaults, &body);
    let request = request_with_log(defaults, body)
        .map_err(|e| AppError::Invalid(InvalidRequest { errors: vec![e] }))?;
    Ok((request, used))
}

/// What [`request_with_log`] takes from the log under `body`: the stored lift unless the body has a
/// `lift`; the check-in when an answer of it is left that the body does not give; and `pain`/`illness`
/// when the check-in says so and the body does not. `None` when nothing is used.
pub fn used_from_log(defaults: &LogDefaults, body: &Value) -> Option<FromLog> {
    let given = |key: &str| body.get(key).is_some();
    let lift = defaults
        .lift
        .as_ref()
        .filter(|_| !given("lift"))
        .map(|(id, _)| id.clone());
    let (mut check_in, mut flags) = (None, Vec::new());
    if let Some((date, stored)) = &defaults.readiness {
        // A `readiness` that is not an object (null) replaces the stored one whole.
        let answers = match body.get("readiness") {
            None => Some(None),
            Some(Value::Object(o)) => Some(Some(o)),
            Some(_) => None,
        };
        if let Some(answers) = answers {
            let answered = |key: &str| answers.is_some_and(|o| o.contains_key(key));
            if let Value::Object(stored_fields) = json!(stored)
                && stored_fields.keys().any(|k| !answered(k))
            {
                check_in = Some(*date);
            }
            for (key, set) in [("pain", stored.pain), ("illness", stored.illness)] {
                if set == Some(true) && !answered(key) {
                    flags.push(key.to_string());
                }
            }
        }
    }
    (lift.is_some() || check_in.is_some()).then_some(FromLog {
        lift,
        check_in,
        flags,
    })
}

/// An advice and the JSON texts the advice log keeps (the response's is also what the API answers).
#[derive(Debug, Clone)]
pub struct Advised {
    pub request: AdviceRequest,
    pub response: AdviceResponse,
    pub request_json: Arc<str>,
    pub response_json: Arc<str>,
}

/// The pure part of [`advise`]: advises on `request` at `now` with the log's `status`, notes what came from
/// the log (`from_log`, from [`request`]), and encodes both for the advice log.
pub fn advise_request(
    request: AdviceRequest,
    now: Timestamp,
    status: Option<&afterlift_core::status::Status>,
    from_log: Option<FromLog>,
) -> Result<Advised, AppError> {
    let mut response = advice::advise_with(&request, now, status)?;
    response.from_log = from_log;
    let request_json = serde_json::to_string(&request)
        .map_err(AppError::Encode)?
        .into();
    let response_json = serde_json::to_string(&response)
        .map_err(AppError::Encode)?
        .into();
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
            readiness: Some((
                jiff::civil::date(2026, 12, 2),
                ReadinessInput {
                    sleep_hours: Some(7.0),
                    pain: Some(true),
                    illness: Some(false),
                    ..Default::default()
                },
            )),
            time_zone: jiff::tz::TimeZone::UTC,
        }
    }

    #[test]
    fn what_came_from_the_log_is_named() {
        let d = defaults();
        let used = |body| used_from_log(&d, &body);
        let all = used(json!({"planned": {"kind": "easy"}})).unwrap();
        assert_eq!(all.lift.as_deref(), Some("l1"));
        assert_eq!(all.check_in, Some(jiff::civil::date(2026, 12, 2)));
        assert_eq!(all.flags, vec!["pain"]);
        // The body's own lift replaces the stored one; its pain answer wins over the check-in's.
        let some = used(json!({"lift": {"focus": "upper"}, "readiness": {"pain": false}})).unwrap();
        assert_eq!(some.lift, None);
        assert_eq!(some.check_in, Some(jiff::civil::date(2026, 12, 2)));
        assert!(some.flags.is_empty());
        // Every stored answer overridden, or the whole readiness replaced: the check-in is not used.
        for body in [
            json!({"lift": {}, "readiness": {"sleep_hours": 8, "pain": false, "illness": false}}),
            json!({"lift": {}, "readiness": null}),
        ] {
            assert_eq!(used(body.clone()), None, "{body}");
        }
    }

    #[test]
    fn the_body_now_is_the_instant() {
        let clock: Timestamp = "2026-12-02T21:00:00Z".parse().unwrap();
        assert_eq!(instant(&json!({}), clock), clock);
        assert_eq!(
            instant(&json!({"now": "2026-11-24T18:35:00+01:00"}), clock).to_string(),
            "2026-11-24T17:35:00Z"
        );
        assert_eq!(instant(&json!({"now": "yesterday"}), clock), clock);
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
        assert_eq!(r.readiness.and_then(|x| x.pain), Some(true));
        let r = request_with_log(&defaults(), json!({"lift": {"focus": "upper"}})).unwrap();
        assert_eq!(
            r.lift.as_ref().and_then(|l| l.minutes),
            None,
            "a body lift replaces the stored one"
        );
        assert_eq!(r.planned.kind, PlannedKind::None);
    }

    #[test]
    fn without_a_zone_in_the_request_or_profile_the_callers_fallback_is_used() {
        let mut d = defaults();
        d.time_zone = afterlift_core::time::time_zone("Europe/Berlin").unwrap();
        let r = request_with_log(&d, json!({"planned": {"kind": "easy"}})).unwrap();
        assert_eq!(r.athlete.time_zone.as_deref(), Some("Europe/Berlin"));
        // The request's own zone wins; UTC (the server's fallback) is the advisor's default, not written.
        let r = request_with_log(
            &d,
            json!({"athlete": {"time_zone": "America/New_York"}, "planned": {"kind": "easy"}}),
        )
        .unwrap();
        assert_eq!(r.athlete.time_zone.as_deref(), Some("America/New_York"));
        let r = request_with_log(&defaults(), json!({"planned": {"kind": "easy"}})).unwrap();
        assert_eq!(r.athlete.time_zone, None);
        // No athlete at all is still named as missing, not as a partial athlete.
        d.athlete = None;
        let e = request_with_log(&d, json!({"planned": {"kind": "easy"}})).unwrap_err();
        assert_eq!(e.field, "athlete");
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
