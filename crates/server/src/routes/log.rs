//! The training log's entries: `/api/v1/activities` and `/api/v1/lifts` — list (`?from&to&limit`, newest
//! first, the rows of `afterlift activities|lifts --json`), one in full (`afterlift show --json`), delete,
//! and a lift entered by hand (`afterlift log lift`). Start times are in the athlete's time zone (RFC 3339
//! with its offset; UTC when the profile names none), and so are the dates of `from` and `to`.

use afterlift_app::journal::{Doc, field_error};
use afterlift_core::contract::{
    ActivityDetail, ActivityStreams, ActivitySummary, ApiErrorBody, Created, Deleted, LiftDetail,
    LiftSummary, ManualLift, SplitUnit,
};
use afterlift_store::{EntryId, TimeFilter};
use axum::Json;
use axum::extract::Path;
use axum::http::StatusCode;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};
use afterlift_store::Store;

/// The most entries one listing returns.
pub const MAX_LIMIT: u32 = 10_000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_activities))
        .routes(routes!(get_activity, delete_activity))
        .routes(routes!(get_activity_streams))
        .routes(routes!(list_lifts, create_lift))
        .routes(routes!(get_lift, delete_lift))
}

/// Which entries to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListQuery {
    /// Only entries started at or after this time (RFC 3339, or YYYY-MM-DD: its start in the athlete's
    /// time zone, as in the CLI).
    from: Option<String>,
    /// Only entries started before this time (RFC 3339 or YYYY-MM-DD).
    to: Option<String>,
    /// At most this many, newest first (default 50).
    limit: Option<u32>,
}

/// The athlete's time zone (UTC when the profile names none).
pub(crate) async fn zone(store: &Store) -> Result<TimeZone, ApiError> {
    let profile = store.profile().await?;
    Ok(afterlift_app::from_log::time_zone(
        profile.as_ref(),
        &crate::NO_PROFILE_ZONE,
    )?)
}

impl ListQuery {
    pub(crate) fn filter(&self, tz: &TimeZone) -> Result<TimeFilter, ApiError> {
        let bound = |name: &str, text: &Option<String>| -> Result<Option<Timestamp>, ApiError> {
            text.as_deref()
                .map(|t| {
                    afterlift_app::browse::parse_bound(t, tz).ok_or_else(|| {
                        ApiError::invalid(name, format!("'{t}': expected RFC 3339 or YYYY-MM-DD"))
                    })
                })
                .transpose()
        };
        let limit = self.limit.unwrap_or(50);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::invalid(
                "limit",
                format!("{limit} is out of range: expected 1–{MAX_LIMIT}"),
            ));
        }
        Ok(TimeFilter {
            from: bound("from", &self.from)?,
            to: bound("to", &self.to)?,
            limit: Some(limit),
        })
    }
}

/// `a12` (or `12`) as an activity id, `l3` (or `3`) as a lift id; anything else is not found.
fn parse_id(text: &str, lift: bool) -> Result<i64, ApiError> {
    let kind = if lift { "lift" } else { "activity" };
    let parsed = match text.parse::<i64>() {
        Ok(n) => Some(n),
        Err(_) => match text.parse::<EntryId>() {
            Ok(EntryId::Lift(n)) if lift => Some(n),
            Ok(EntryId::Activity(n)) if !lift => Some(n),
            _ => None,
        },
    };
    parsed.ok_or_else(|| ApiError::NotFound(format!("no {kind} '{text}' in the training log")))
}

/// Cardio activities, newest first.
#[utoipa::path(get, path = "/activities", tag = "log", params(ListQuery),
    responses((status = 200, body = Vec<ActivitySummary>), (status = 422, body = ApiErrorBody)))]
async fn list_activities(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<ActivitySummary>>> {
    let tz = zone(&store).await?;
    let rows = store.activities(&q.filter(&tz)?).await?;
    Ok(Json(
        rows.iter()
            .map(|r| afterlift_app::browse::activity_summary(r, &tz))
            .collect(),
    ))
}

/// One activity in full.
#[utoipa::path(get, path = "/activities/{id}", tag = "log", params(("id" = String, Path, description = "`a12`")),
    responses((status = 200, body = ActivityDetail), (status = 404, body = ApiErrorBody)))]
async fn get_activity(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
) -> ApiResult<Json<ActivityDetail>> {
    let a = store.activity(parse_id(&id, false)?).await?;
    Ok(Json(afterlift_app::browse::activity_detail(
        &a,
        &zone(&store).await?,
    )))
}

/// How an activity's streams are asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct StreamsQuery {
    /// Splits every kilometre (`km`, the default; 100 m for a swim) or every mile (`mi`; 100 yards for
    /// a swim).
    #[param(inline)]
    split: Option<SplitUnit>,
    /// Only the samples a line chart this many columns wide needs (1–10,000): of each channel, in each
    /// of that many equal slices of the time, the first, lowest, highest and last sample (on one time
    /// axis for all channels). Without it, every sample. The track, splits, laps and `stats` are those
    /// of every sample either way.
    #[param(minimum = 1, maximum = 10000)]
    columns: Option<u32>,
}

/// One activity's samples by channel (one array per channel, `null` where a sample lacks the value, a
/// channel the activity never recorded `null` as a whole), its track as an outline of at most 500
/// points, and its splits every kilometre or mile of the recorded distance (splits, not the device's
/// laps).
#[utoipa::path(get, path = "/activities/{id}/streams", tag = "log",
    params(("id" = String, Path, description = "`a12`"), StreamsQuery),
    responses((status = 200, body = ActivityStreams), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn get_activity_streams(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<StreamsQuery>,
) -> ApiResult<Json<ActivityStreams>> {
    let columns = match q.columns {
        Some(c) if c == 0 || c > ActivityStreams::MAX_COLUMNS => {
            return Err(ApiError::invalid(
                "columns",
                format!(
                    "{c} is out of range: expected 1–{}",
                    ActivityStreams::MAX_COLUMNS
                ),
            ));
        }
        c => c,
    };
    let a = store.activity(parse_id(&id, false)?).await?;
    let streams = afterlift_app::browse::activity_streams(&a, q.split.unwrap_or_default());
    Ok(Json(match columns {
        Some(c) => streams.for_chart(c),
        None => streams,
    }))
}

/// Deletes an activity (its file can then be imported again).
#[utoipa::path(delete, path = "/activities/{id}", tag = "log", params(("id" = String, Path, description = "`a12`")),
    responses((status = 200, body = Deleted), (status = 404, body = ApiErrorBody)))]
async fn delete_activity(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
) -> ApiResult<Json<Deleted>> {
    let id = EntryId::Activity(parse_id(&id, false)?);
    store.delete(id).await?;
    Ok(Json(Deleted {
        deleted: id.to_string(),
    }))
}

/// Strength sessions with their exercises and sets, newest first.
#[utoipa::path(get, path = "/lifts", tag = "log", params(ListQuery),
    responses((status = 200, body = Vec<LiftSummary>), (status = 422, body = ApiErrorBody)))]
async fn list_lifts(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<LiftSummary>>> {
    let tz = zone(&store).await?;
    let rows = store.lifts(&q.filter(&tz)?).await?;
    Ok(Json(
        rows.iter()
            .map(|r| afterlift_app::browse::lift_summary(r, &tz))
            .collect(),
    ))
}

/// Logs a strength session entered by hand. The answer names the exercises the catalogue cannot read
/// (`unknown_exercises`, absent when all were read): saved as given, but fix them with an alias.
#[utoipa::path(post, path = "/lifts", tag = "log", request_body = ManualLift,
    responses((status = 201, body = Created), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_lift(
    AthleteLog(store): AthleteLog,
    ApiJson(body): ApiJson<ManualLift>,
) -> ApiResult<(StatusCode, Json<Created>)> {
    // Checked as the advice checks a lift (every wrong field named), so a lift logged by hand never makes
    // its advice fail.
    let session = afterlift_app::journal::manual_lift(&body, Timestamp::now())?;
    let created = afterlift_app::journal::save_lift(&store, &session)
        .await
        .map_err(|e| match field_error(&e, Doc::Lift) {
            Some(f) => ApiError::Invalid(vec![f]),
            None => e.into(),
        })?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One strength session in full: each exercise as the catalogue reads it (with the athlete's aliases)
/// and its estimated 1RM, the muscles worked, and the names the catalogue cannot read.
#[utoipa::path(get, path = "/lifts/{id}", tag = "log", params(("id" = String, Path, description = "`l3`")),
    responses((status = 200, body = LiftDetail), (status = 404, body = ApiErrorBody)))]
async fn get_lift(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
) -> ApiResult<Json<LiftDetail>> {
    let l = store.lift(parse_id(&id, true)?).await?;
    let aliases = afterlift_app::exercises::aliases(&store).await?;
    Ok(Json(afterlift_app::browse::lift_detail(
        &l,
        &zone(&store).await?,
        &aliases,
    )))
}

/// Deletes a strength session.
#[utoipa::path(delete, path = "/lifts/{id}", tag = "log", params(("id" = String, Path, description = "`l3`")),
    responses((status = 200, body = Deleted), (status = 404, body = ApiErrorBody)))]
async fn delete_lift(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
) -> ApiResult<Json<Deleted>> {
    let id = EntryId::Lift(parse_id(&id, true)?);
    store.delete(id).await?;
    Ok(Json(Deleted {
        deleted: id.to_string(),
    }))
}
