//! The week plan, as `afterlift plan week`: `GET /api/v1/plan/week?from` (the usual week from the log;
//! the current week re-planned from what was done and today's readiness), its calendar
//! `GET /api/v1/plan/week.ics?from`, and `POST /api/v1/plan/week` with an explicit `WeekRequest` (like
//! `--input`); and the post-lift run's progression (`GET /api/v1/plan/progression`, `afterlift progression`).

use afterlift_core::contract::{ApiErrorBody, ProgressionResponse, WeekPlan, WeekRequest};
use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use afterlift_store::Store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(week, plan_request))
        .routes(routes!(week_ics))
        .routes(routes!(progression))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WeekQuery {
    /// The first of the seven days (YYYY-MM-DD); default this week's Monday in the athlete's time zone.
    from: Option<String>,
}

async fn start(store: &Store, q: &WeekQuery) -> ApiResult<Date> {
    match q.from.as_deref() {
        Some(text) => text.parse::<Date>().map_err(|_| {
            ApiError::invalid("from", format!("'{text}': expected a date as YYYY-MM-DD"))
        }),
        None => {
            let profile = store.profile().await?;
            let tz = afterlift_app::from_log::time_zone(profile.as_ref(), &crate::NO_PROFILE_ZONE)?;
            Ok(afterlift_app::plan::this_monday(
                Timestamp::now().to_zoned(tz).date(),
            ))
        }
    }
}

fn no_profile() -> ApiError {
    ApiError::invalid(
        "profile",
        "no profile yet: the plan needs your goal (PUT /api/v1/profile)",
    )
}

/// The athlete's usual week (the last four weeks of the log; a starting template for the goal when it is
/// empty), planned for the seven days from `from`; the current week is re-planned from what was done.
#[utoipa::path(get, path = "/plan/week", tag = "plan", params(WeekQuery),
    responses((status = 200, body = WeekPlan), (status = 422, body = ApiErrorBody)))]
async fn week(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<WeekQuery>,
) -> ApiResult<Json<WeekPlan>> {
    let start = start(&store, &q).await?;
    afterlift_app::plan::week(&store, start, Timestamp::now(), &crate::NO_PROFILE_ZONE)
        .await?
        .map(Json)
        .ok_or_else(no_profile)
}

/// Plans the week described by a `WeekRequest` (re-planned from the log when it is the current week).
#[utoipa::path(post, path = "/plan/week", tag = "plan", request_body = WeekRequest,
    responses((status = 200, body = WeekPlan), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn plan_request(
    AthleteLog(store): AthleteLog,
    ApiJson(req): ApiJson<WeekRequest>,
) -> ApiResult<Json<WeekPlan>> {
    Ok(Json(
        afterlift_app::replan::week(&store, &req, Timestamp::now(), &crate::NO_PROFILE_ZONE)
            .await?,
    ))
}

/// The same week as `GET /plan/week`, as an iCalendar file (RFC 5545) to import into a calendar.
#[utoipa::path(get, path = "/plan/week.ics", tag = "plan", params(WeekQuery),
    responses((status = 200, description = "text/calendar", content_type = "text/calendar", body = String), (status = 422, body = ApiErrorBody)))]
async fn week_ics(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<WeekQuery>,
) -> ApiResult<Response> {
    let start = start(&store, &q).await?;
    let now = Timestamp::now();
    let plan = afterlift_app::plan::week(&store, start, now, &crate::NO_PROFILE_ZONE)
        .await?
        .ok_or_else(no_profile)?;
    let ics = afterlift_app::plan::ics(&store, &plan, now, &crate::NO_PROFILE_ZONE).await?;
    let mut response = ics.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"afterlift-week-{start}.ics\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// Where the athlete is with the run after lifting (from the runs done after lifts in the log) and the
/// next steps, as `afterlift progression --json`.
#[utoipa::path(get, path = "/plan/progression", tag = "plan",
    responses((status = 200, body = ProgressionResponse), (status = 422, body = ApiErrorBody)))]
async fn progression(AthleteLog(store): AthleteLog) -> ApiResult<Json<ProgressionResponse>> {
    afterlift_app::replan::progression(&store, Timestamp::now(), &crate::NO_PROFILE_ZONE)
        .await?
        .map(Json)
        .ok_or_else(no_profile)
}
