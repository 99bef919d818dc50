//! `GET /api/v1/history`: weekly volume by sport and by muscle group, estimated 1RM per exercise over time,
//! and where the log's data is (`afterlift history --json`).

use afterlift_core::contract::{ApiErrorBody, HistoryResponse};
use afterlift_core::history::Range;
use axum::Json;
use axum::extract::State;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(history))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct HistoryQuery {
    /// First date (YYYY-MM-DD, the athlete's local date). Default: the first date with data.
    from: Option<String>,
    /// Last date (YYYY-MM-DD, inclusive). Default: today, or the last date with data when later.
    to: Option<String>,
}

fn date(field: &str, text: Option<&str>) -> ApiResult<Option<Date>> {
    text.map(|t| {
        t.trim()
            .parse::<Date>()
            .map_err(|_| ApiError::invalid(field, format!("'{t}': expected a date as YYYY-MM-DD")))
    })
    .transpose()
}

/// Weekly volume (cardio by sport; hard sets and tonnage by muscle group, a synergist's set counting ½)
/// for every ISO week overlapping `from`–`to`, each exercise's best estimated 1RM per session (Epley,
/// 1–12 reps), and the log's first and last dates. Works without a profile (dates in UTC then).
#[utoipa::path(get, path = "/history", tag = "history", params(HistoryQuery),
    responses((status = 200, body = HistoryResponse), (status = 422, body = ApiErrorBody)))]
async fn history(
    State(state): State<AppState>,
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<HistoryQuery>,
) -> ApiResult<Json<HistoryResponse>> {
    let range = Range {
        from: date("from", q.from.as_deref())?,
        to: date("to", q.to.as_deref())?,
    };
    let cache = state.cache.as_deref().map(|c| c.history());
    Ok(Json(
        afterlift_app::history::history_with(
            &store,
            cache,
            range,
            Timestamp::now(),
            &crate::NO_PROFILE_ZONE,
        )
        .await?,
    ))
}
