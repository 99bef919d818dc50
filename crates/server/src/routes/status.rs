//! `GET /api/v1/status`: training load, fitness/fatigue/form, muscle recovery and readiness from the log
//! (`afterlift status --json`).

use afterlift_core::contract::{ApiErrorBody, StatusResponse};
use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(status))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatusQuery {
    /// As of this time (RFC 3339) or date (YYYY-MM-DD: the end of that day in the athlete's time zone, as in
    /// the CLI). Default: now.
    at: Option<String>,
    /// Days of daily load in `daily` (1–3650, default 42).
    days: Option<u32>,
}

/// The status as of `at`. Needs a profile (422 naming `profile` without one, as the CLI).
#[utoipa::path(get, path = "/status", tag = "status", params(StatusQuery),
    responses((status = 200, body = StatusResponse), (status = 422, body = ApiErrorBody)))]
async fn status(
    State(state): State<AppState>,
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<StatusQuery>,
) -> ApiResult<Json<StatusResponse>> {
    let at = match q.at.as_deref() {
        Some(text) => match text.trim().parse::<Timestamp>() {
            Ok(t) => t,
            Err(_) => {
                let date = text.trim().parse::<jiff::civil::Date>().map_err(|_| {
                    ApiError::invalid(
                        "at",
                        format!("'{text}': expected an RFC 3339 time or a date (YYYY-MM-DD)"),
                    )
                })?;
                afterlift_app::status::end_of_day(&store, date, &crate::NO_PROFILE_ZONE).await?
            }
        },
        None => Timestamp::now(),
    };
    let days = q.days.unwrap_or(42);
    if !(1..=3650).contains(&days) {
        return Err(ApiError::invalid(
            "days",
            format!("{days} is out of range: expected 1–3650 days"),
        ));
    }
    let report = afterlift_app::status::report_with(
        &store,
        state.cache.as_deref(),
        at,
        days,
        &crate::NO_PROFILE_ZONE,
    )
    .await?;
    report.map(Json).ok_or_else(|| {
        ApiError::invalid(
            "profile",
            "no profile yet: the status needs your age, sex and weight (PUT /api/v1/profile)",
        )
    })
}
