//! `/api/v1/wellness`: daily check-ins (`afterlift log wellness`), by the athlete's local date.

use afterlift_core::contract::{ApiErrorBody, ReadinessInput, WellnessDay};
use axum::Json;
use axum::extract::Path;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::Value;
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
        .routes(routes!(list))
        .routes(routes!(get_day, put_day))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RangeQuery {
    /// First date (YYYY-MM-DD); default 28 days before `to`.
    from: Option<String>,
    /// Last date (YYYY-MM-DD, inclusive); default today.
    to: Option<String>,
}

/// `YYYY-MM-DD`, or `today` in the athlete's time zone.
async fn parse_date(store: &Store, field: &str, text: &str) -> ApiResult<Date> {
    if text == "today" {
        let profile = store.profile().await?;
        let tz = afterlift_app::from_log::time_zone(profile.as_ref(), &crate::NO_PROFILE_ZONE)?;
        return Ok(Timestamp::now().to_zoned(tz).date());
    }
    text.parse::<Date>().map_err(|_| {
        ApiError::invalid(
            field,
            format!("'{text}': expected a date as YYYY-MM-DD (or today)"),
        )
    })
}

/// Check-ins from `from` to `to`, oldest first.
#[utoipa::path(get, path = "/wellness", tag = "wellness", params(RangeQuery),
    responses((status = 200, body = Vec<WellnessDay>), (status = 422, body = ApiErrorBody)))]
async fn list(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> ApiResult<Json<Vec<WellnessDay>>> {
    let to = parse_date(&store, "to", q.to.as_deref().unwrap_or("today")).await?;
    let from = match &q.from {
        Some(f) => parse_date(&store, "from", f).await?,
        None => to.checked_sub(jiff::Span::new().days(27)).unwrap_or(to),
    };
    if from > to {
        return Err(ApiError::invalid("from", format!("{from} is after {to}")));
    }
    let mut days: Vec<WellnessDay> = store
        .wellness(from, to)
        .await?
        .iter()
        .map(afterlift_app::journal::stored_day)
        .collect();
    days.sort_by_key(|d| d.date);
    Ok(Json(days))
}

/// One day's check-in. A day without one that still carries pain or illness from an earlier check-in
/// (the most recent of the 7 days before, until taken back) answers them, with `carried_from`; a day
/// with neither is 404.
#[utoipa::path(get, path = "/wellness/{date}", tag = "wellness", params(("date" = String, Path, description = "YYYY-MM-DD or `today`")),
    responses((status = 200, body = WellnessDay), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn get_day(
    AthleteLog(store): AthleteLog,
    Path(date): Path<String>,
) -> ApiResult<Json<WellnessDay>> {
    let date = parse_date(&store, "date", &date).await?;
    if let Some(e) = store.wellness(date, date).await?.first() {
        return Ok(Json(afterlift_app::journal::stored_day(e)));
    }
    let earlier = afterlift_app::journal::earlier_check_in(&store, date).await?;
    let carried =
        afterlift_app::journal::carried(date, earlier.as_ref().map(|e| (e.date, &e.wellness)));
    carried
        .map(|c| Json(c.day(date)))
        .ok_or_else(|| ApiError::NotFound(format!("no check-in on {date}")))
}

/// Saves answers into one day's check-in (the fields of the advice request's `readiness`, checked with its
/// ranges: every wrong answer is named and nothing is saved), like a second
/// `afterlift log wellness` that day: a field given replaces the stored answer, a field left out keeps it,
/// and `null` empties it; `"pain": false` / `"illness": false` take pain or illness back. A day's first
/// check-in starts with the pain and illness of the most recent earlier one of the last 7 days
/// (`carried_from` names it). Answers the day's whole check-in as now stored.
#[utoipa::path(put, path = "/wellness/{date}", tag = "wellness", params(("date" = String, Path, description = "YYYY-MM-DD or `today`")),
    request_body = ReadinessInput,
    responses((status = 200, body = WellnessDay), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_day(
    AthleteLog(store): AthleteLog,
    Path(date): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<WellnessDay>> {
    let date = parse_date(&store, "date", &date).await?;
    // Which fields are `null` (to empty) is only visible in the document: serde reads null as "absent".
    let cleared: Vec<&'static str> = match &body {
        Value::Object(fields) => afterlift_app::journal::CHECK_IN_FIELDS
            .into_iter()
            .filter(|f| fields.get(*f).is_some_and(Value::is_null))
            .collect(),
        _ => Vec::new(),
    };
    let given: ReadinessInput =
        afterlift_app::fields::from_json_value(body).map_err(|f| ApiError::Invalid(vec![f]))?;
    let stored = afterlift_app::journal::save_check_in(&store, date, &given, &cleared).await?;
    Ok(Json(stored.day(date)))
}
