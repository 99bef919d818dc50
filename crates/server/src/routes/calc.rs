//! The calculators (`afterlift zones|vdot|energy`): `GET` with query parameters or `POST` with the JSON
//! request, both read into the contract's request types and answered by `afterlift_core::calc`.

use afterlift_core::calc;
use afterlift_core::contract::{
    ApiErrorBody, EnergyRequest, EnergyResponse, LimitsResponse, VdotRequest, VdotResponse,
    ZonesRequest, ZonesResponse,
};
use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::ApiResult;
use crate::extract::{ApiJson, ApiQuery};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(zones_get, zones_post))
        .routes(routes!(vdot_get, vdot_post))
        .routes(routes!(energy_get, energy_post))
        .routes(routes!(limits))
}

/// The range of every field a person types (profile, check-in, lift, planned session): what a form's
/// `min`/`max` should say — the same constants the validation uses.
#[utoipa::path(get, path = "/limits", tag = "calculators",
    responses((status = 200, body = LimitsResponse)))]
async fn limits() -> Json<LimitsResponse> {
    Json(afterlift_core::limits::typed_fields())
}

/// Maximum heart rate (a measured one wins) and zones in bpm.
#[utoipa::path(get, path = "/zones", tag = "calculators",
    params(
        ("age" = f64, Query, description = "Years"),
        ("sex" = String, Query, description = "male or female"),
        ("resting_hr" = Option<f64>, Query, description = "bpm"),
        ("max_hr" = Option<f64>, Query, description = "Measured maximum, bpm"),
        ("formula" = Option<String>, Query, description = "tanaka (default), gellish, fox or gulati"),
    ),
    responses((status = 200, body = ZonesResponse), (status = 422, body = ApiErrorBody)))]
async fn zones_get(ApiQuery(req): ApiQuery<ZonesRequest>) -> ApiResult<Json<ZonesResponse>> {
    Ok(Json(calc::zones(&req)?))
}

/// Maximum heart rate and zones, from a JSON `ZonesRequest`.
#[utoipa::path(post, path = "/zones", tag = "calculators", request_body = ZonesRequest,
    responses((status = 200, body = ZonesResponse), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn zones_post(ApiJson(req): ApiJson<ZonesRequest>) -> ApiResult<Json<ZonesResponse>> {
    Ok(Json(calc::zones(&req)?))
}

/// Daniels' VDOT from a race result, race predictions and training paces.
#[utoipa::path(get, path = "/vdot", tag = "calculators",
    params(
        ("distance_m" = f64, Query, description = "Race distance, metres"),
        ("time_s" = f64, Query, description = "Finishing time, seconds"),
    ),
    responses((status = 200, body = VdotResponse), (status = 422, body = ApiErrorBody)))]
async fn vdot_get(ApiQuery(req): ApiQuery<VdotRequest>) -> ApiResult<Json<VdotResponse>> {
    Ok(Json(calc::vdot(&req)?))
}

/// VDOT from a JSON `VdotRequest`.
#[utoipa::path(post, path = "/vdot", tag = "calculators", request_body = VdotRequest,
    responses((status = 200, body = VdotResponse), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn vdot_post(ApiJson(req): ApiJson<VdotRequest>) -> ApiResult<Json<VdotResponse>> {
    Ok(Json(calc::vdot(&req)?))
}

/// kcal of an activity, from Compendium METs or (with heart rate, age and sex) Keytel's equation.
#[utoipa::path(get, path = "/energy", tag = "calculators",
    params(
        ("activity" = String, Query, description = "run, walk, cycle, elliptical, row, swim or lift"),
        ("minutes" = f64, Query),
        ("weight_kg" = f64, Query),
        ("speed_kmh" = Option<f64>, Query),
        ("avg_hr" = Option<f64>, Query, description = "bpm; with age and sex switches to heart rate"),
        ("age" = Option<f64>, Query),
        ("sex" = Option<String>, Query, description = "male or female"),
    ),
    responses((status = 200, body = EnergyResponse), (status = 422, body = ApiErrorBody)))]
async fn energy_get(ApiQuery(req): ApiQuery<EnergyRequest>) -> ApiResult<Json<EnergyResponse>> {
    Ok(Json(calc::energy(&req)?))
}

/// Energy from a JSON `EnergyRequest`.
#[utoipa::path(post, path = "/energy", tag = "calculators", request_body = EnergyRequest,
    responses((status = 200, body = EnergyResponse), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn energy_post(ApiJson(req): ApiJson<EnergyRequest>) -> ApiResult<Json<EnergyResponse>> {
    Ok(Json(calc::energy(&req)?))
}
