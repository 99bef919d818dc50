//! `GET/PUT /api/v1/profile`: who the advice is for (`afterlift profile show|set`).

use afterlift_app::journal::{Doc, field_error};
use afterlift_core::contract::{ApiErrorBody, ProfileDoc};
use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_profile, put_profile))
}

/// The stored profile; `null` when there is none yet (as `afterlift profile show --json`).
#[utoipa::path(get, path = "/profile", tag = "profile", responses((status = 200, body = Option<ProfileDoc>)))]
async fn get_profile(State(state): State<AppState>) -> ApiResult<Json<Option<ProfileDoc>>> {
    let profile = state.store.profile().await?;
    Ok(Json(profile.as_ref().map(afterlift_app::profile::to_doc)))
}

/// Replaces the profile. Every value is checked (ranges, the IANA time zone, the day window, the race);
/// wrong ones are named. The time zone is `athlete.time_zone`; the older top-level `time_zone` is still
/// read (the two must agree when both are given) but no longer written.
#[utoipa::path(
    put,
    path = "/profile",
    tag = "profile",
    request_body = ProfileDoc,
    responses(
        (status = 200, description = "The stored profile", body = ProfileDoc),
        (status = 400, description = "Malformed JSON", body = ApiErrorBody),
        (status = 422, description = "A wrong field, named", body = ApiErrorBody),
    )
)]
async fn put_profile(
    State(state): State<AppState>,
    ApiJson(doc): ApiJson<ProfileDoc>,
) -> ApiResult<Json<ProfileDoc>> {
    let profile = afterlift_app::profile::from_doc(&doc).map_err(|f| ApiError::Invalid(vec![f]))?;
    state
        .store
        .set_profile(&profile)
        .await
        .map_err(|e| match field_error(&e, Doc::Profile) {
            Some(f) => ApiError::Invalid(vec![f]),
            None => e.into(),
        })?;
    let stored = state.store.profile().await?;
    Ok(Json(
        stored.as_ref().map_or(doc, afterlift_app::profile::to_doc),
    ))
}
