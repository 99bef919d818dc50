//! `POST /api/v1/advice`: the advisor, with what the log knows filled in under the request's fields.

use std::sync::Arc;

use afterlift_core::contract::{AdviceLogEntry, AdviceRequest, AdviceResponse, ApiErrorBody};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::log::ListQuery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(advise, list))
}

/// Should I run now, and if so how long and how hard?
///
/// The body is an `AdviceRequest`, like `afterlift advise --input`. Fields it leaves out come from the log,
/// as in the CLI: the stored profile (so `athlete` may be omitted or partial), today's last strength session
/// (unless the body has a `lift`), and today's check-in; with nothing planned, `planned.kind` is `none`.
/// "Today" is the day of the body's `now` when it has one (else of the server's clock): the log and the
/// status are read as of that instant. The answer's `from_log` says what came from the log. The advice is
/// recorded in the log before it is answered: when it cannot be (a full disk), the answer is 503 and no
/// advice.
#[utoipa::path(
    post,
    path = "/advice",
    tag = "advice",
    request_body = AdviceRequest,
    responses(
        (status = 200, description = "The advice", body = AdviceResponse),
        (status = 400, description = "Malformed JSON", body = ApiErrorBody),
        (status = 422, description = "A wrong or missing field, named", body = ApiErrorBody),
        (status = 503, description = "The advice could not be recorded, so none is given", body = ApiErrorBody),
    )
)]
async fn advise(
    State(state): State<AppState>,
    AthleteLog(store): AthleteLog,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let advised = afterlift_app::advise::advise(
        &store,
        state.cache.as_deref(),
        body,
        Timestamp::now(),
        &crate::NO_PROFILE_ZONE,
    )
    .await?;
    // The response's JSON is the text the advice log keeps: encoded once, not copied.
    let body = Bytes::from_owner(Text(advised.response_json));
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Shared text as a response body.
struct Text(Arc<str>);

impl AsRef<[u8]> for Text {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The advice log: the advice given, newest first, each with the request it answered and the response as
/// it was answered (`afterlift advice-log --json`). `from`/`to` select by the instant the advice was for.
#[utoipa::path(
    get,
    path = "/advice",
    tag = "advice",
    params(ListQuery),
    responses(
        (status = 200, description = "The advice given, newest first", body = Vec<AdviceLogEntry>),
        (status = 422, description = "A wrong `from`, `to` or `limit`, named", body = ApiErrorBody),
    )
)]
async fn list(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<axum::Json<Vec<AdviceLogEntry>>> {
    let tz = crate::routes::log::zone(&store).await?;
    let filter = q.filter(&tz)?;
    Ok(axum::Json(
        afterlift_app::advice_log::list(&store, &filter).await?,
    ))
}
