//! `GET/PUT /api/v1/profile`: who the advice is for (`afterlift profile show|set`).

use afterlift_core::contract::{ApiErrorBody, ProfileDoc};
use axum::Json;
use jiff::Timestamp;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_profile, put_profile))
}

/// The stored profile; `null` when there is none yet (as `afterlift profile show --json`).
#[utoipa::path(get, path = "/profile", tag = "profile", responses((status = 200, body = Option<ProfileDoc>)))]
async fn get_profile(AthleteLog(store): AthleteLog) -> ApiResult<Json<Option<ProfileDoc>>> {
    let profile = store.profile().await?;
    Ok(Json(profile.as_ref().map(afterlift_app::profile::to_doc)))
}

/// Replaces the profile. Every value is checked as the advice checks it (ranges, the maximum heart rate
/// above the resting one, the IANA time zone, the day window, the race): a profile the advice would refuse
/// is never stored. Every wrong field is named. The time zone is `athlete.time_zone`; the older top-level `time_zone` is still
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
    AthleteLog(store): AthleteLog,
    ApiJson(doc): ApiJson<ProfileDoc>,
) -> ApiResult<Json<ProfileDoc>> {
    let profile = afterlift_app::profile::from_doc(&doc).map_err(|f| ApiError::Invalid(vec![f]))?;
    afterlift_app::profile::save(&store, &profile, Timestamp::now()).await?;
    let stored = store.profile().await?;
    Ok(Json(
        stored.as_ref().map_or(doc, afterlift_app::profile::to_doc),
    ))
}
