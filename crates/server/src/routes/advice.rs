//! `POST /api/v1/advice`: the advisor, with what the log knows filled in under the request's fields.

use afterlift_core::contract::{AdviceRequest, AdviceResponse, ApiErrorBody};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::ApiJson;
use crate::live::Record;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(advise))
}

/// Should I run now, and if so how long and how hard?
///
/// The body is an `AdviceRequest`, like `afterlift advise --input`. Fields it leaves out come from the log,
/// as in the CLI: the stored profile (so `athlete` may be omitted or partial), today's last strength session
/// (unless the body has a `lift`), and today's check-in; with nothing planned, `planned.kind` is `none`.
/// "Today" is the day of the body's `now` when it has one (else of the server's clock): the log and the
/// status are read as of that instant. The answer's `from_log` says what came from the log. The advice is
/// recorded in the log.
#[utoipa::path(
    post,
    path = "/advice",
    tag = "advice",
    request_body = AdviceRequest,
    responses(
        (status = 200, description = "The advice", body = AdviceResponse),
        (status = 400, description = "Malformed JSON", body = ApiErrorBody),
        (status = 422, description = "A wrong or missing field, named", body = ApiErrorBody),
    )
)]
async fn advise(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let now = afterlift_app::advise::instant(&body, Timestamp::now());
    let Some(live) = &state.live else {
        let (_, response) =
            afterlift_app::advise::advise(&state.store, body, now, &crate::NO_PROFILE_ZONE).await?;
        return Ok(Json(response).into_response());
    };
    let Some(entry) = live.cache.get(&state.store, now).await? else {
        // A session in the log starts after now: read the log as of now.
        let (_, response) =
            afterlift_app::advise::advise(&state.store, body, now, &crate::NO_PROFILE_ZONE).await?;
        return Ok(Json(response).into_response());
    };
    let (request, used) = afterlift_app::advise::request(&entry.defaults(now), body)?;
    let status = entry.snapshot(now);
    let advised = afterlift_app::advise::advise_request(request, now, status.as_ref(), used)?;
    drop(entry);
    // The response's JSON is the text the advice log keeps: encoded once.
    let body = axum::body::Bytes::from(advised.response_json);
    let record = Record {
        at: now,
        request_json: advised.request_json,
        response_json: body.clone(),
    };
    if let Err(record) = live.recorder.record(record).await {
        // The recorder has stopped (the server is shutting down): record it here.
        state
            .store
            .record_advice(
                record.at,
                &record.request_json,
                std::str::from_utf8(&record.response_json).unwrap_or_default(),
            )
            .await?;
    }
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}
