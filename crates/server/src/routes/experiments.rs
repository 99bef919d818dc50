//! Personal experiments (n-of-1 trials, `afterlift experiment …`): `/api/v1/experiments` — what can be
//! compared (`/comparisons`: the dashboard's form comes from it), list, start, one, stop, and the report
//! (JSON, Markdown or a self-contained HTML page).

use afterlift_core::contract::{ApiErrorBody, ExperimentChoices};
use axum::Json;
use jiff::Timestamp;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::ApiResult;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(comparisons))
}

/// What an experiment can compare and measure: the five comparisons with both arms described and the
/// source text they test, the outcomes with their units, directions and a smallest difference to offer,
/// the period lengths with the longest washout each allows, the length in blocks, and the start offered
/// (the next Monday in the athlete's time zone).
#[utoipa::path(get, path = "/experiments/comparisons", tag = "experiments",
    responses((status = 200, body = ExperimentChoices), (status = 404, body = ApiErrorBody)))]
async fn comparisons(AthleteLog(store): AthleteLog) -> ApiResult<Json<ExperimentChoices>> {
    let tz = super::log::zone(&store).await?;
    let today = Timestamp::now().to_zoned(tz).date();
    Ok(Json(ExperimentChoices::new(today)))
}
