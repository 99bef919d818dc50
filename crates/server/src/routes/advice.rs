//! `POST /api/v1/advice`: the advisor, with what the log knows filled in under the request's fields.

use afterlift_core::contract::{AdviceRequest, AdviceResponse, ApiErrorBody};
use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use serde_json::Value;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::ApiJson;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(advise))
}

/// Should I run now, and if so how long and how hard?
///
/// The body is an `AdviceRequest`, like `afterlift advise --input`. Fields it leaves out come from the log,
/// as in the CLI: the stored profile (so `athlete` may be omitted or partial), today's last strength session
/// (unless the body has a `lift`), and today's check-in; with nothing planned, `planned.kind` is `none`.
/// The advice is recorded in the log.
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
) -> ApiResult<Json<AdviceResponse>> {
    let (_, response) = afterlift_app::advise::advise(&state.store, body, Timestamp::now()).await?;
    Ok(Json(response))
}
