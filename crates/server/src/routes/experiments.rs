//! Personal experiments (n-of-1 trials, `afterlift experiment …`): `/api/v1/experiments` — what can be
//! compared (`/comparisons`: the dashboard's form comes from it), the athlete's experiments, starting one,
//! one in full, stopping it, and its report (JSON, Markdown, or a self-contained HTML page). Each handler is
//! one use case of `afterlift_app::experiment`, in the athlete's time zone (UTC without a profile zone).

use afterlift_core::contract::{ApiErrorBody, ExperimentChoices, ExperimentOut, StartExperiment};
use afterlift_core::experiment::ExperimentReport;
use axum::Json;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(comparisons))
        .routes(routes!(list, start))
        .routes(routes!(get_one))
        .routes(routes!(stop))
        .routes(routes!(report))
}

/// An experiment's number in the address; anything else is not found.
fn parse_id(text: &str) -> ApiResult<i64> {
    text.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ApiError::NotFound(format!("no experiment '{text}' in the training log")))
}

/// What an experiment can compare and measure: the five comparisons with both arms described and the
/// source text they test, the outcomes with their units, directions and a smallest difference to offer,
/// the period lengths with the longest washout each allows, the length in blocks, and the start offered
/// (the next Monday in the athlete's time zone).
#[utoipa::path(get, path = "/experiments/comparisons", tag = "experiments",
    responses((status = 200, body = ExperimentChoices)))]
async fn comparisons(AthleteLog(store): AthleteLog) -> ApiResult<Json<ExperimentChoices>> {
    let tz = super::log::zone(&store).await?;
    let today = Timestamp::now().to_zoned(tz).date();
    Ok(Json(ExperimentChoices::new(today)))
}

/// The athlete's experiments, newest first, each as of today (its status, and the strategy of today while
/// it is open), as `afterlift experiment list --json`.
#[utoipa::path(get, path = "/experiments", tag = "experiments",
    responses((status = 200, body = Vec<ExperimentOut>)))]
async fn list(AthleteLog(store): AthleteLog) -> ApiResult<Json<Vec<ExperimentOut>>> {
    Ok(Json(
        afterlift_app::experiment::list(&store, Timestamp::now(), &crate::NO_PROFILE_ZONE).await?,
    ))
}

/// Starts an experiment (`afterlift experiment start`): the protocol — the outcomes declared now, the
/// schedule in randomised blocks from the seed (a random one unless given), its length the fewest blocks
/// with 80 % power for the smallest difference named, from the primary outcome's 26 weeks before the
/// start — is kept as declared. 201 with its `Location`; 422 naming the field when it cannot start (a start
/// before today: outcomes are declared before the start; a washout too long for the period; a smallest
/// difference that is not positive, or too small to find in the athlete's own variation; fewer blocks than
/// the minimum; no profile); 409 while another experiment is open.
#[utoipa::path(post, path = "/experiments", tag = "experiments", request_body = StartExperiment,
    responses(
        (status = 201, body = ExperimentOut, headers(("Location" = String, description = "The experiment's address"))),
        (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn start(
    AthleteLog(store): AthleteLog,
    ApiJson(request): ApiJson<StartExperiment>,
) -> ApiResult<Response> {
    let seed = afterlift_app::experiment::draw_seed()?;
    let out = afterlift_app::experiment::start(
        &store,
        request,
        Timestamp::now(),
        &crate::NO_PROFILE_ZONE,
        seed,
    )
    .await?;
    let mut response = (StatusCode::CREATED, Json(&out)).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/experiments/{}", out.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// One experiment: its protocol (question, arms, outcomes, schedule), its status and today's strategy.
#[utoipa::path(get, path = "/experiments/{id}", tag = "experiments",
    params(("id" = String, Path, description = "The experiment's number, `1`")),
    responses((status = 200, body = ExperimentOut), (status = 404, body = ApiErrorBody)))]
async fn get_one(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
) -> ApiResult<Json<ExperimentOut>> {
    let id = parse_id(&id)?;
    Ok(Json(
        afterlift_app::experiment::get(&store, id, Timestamp::now(), &crate::NO_PROFILE_ZONE)
            .await?,
    ))
}

/// Stops an experiment today: today is its last day for the report, and from today nothing follows its
/// strategy (stopping one already stopped keeps its day). Answers the experiment as now stored.
#[utoipa::path(post, path = "/experiments/{id}/stop", tag = "experiments",
    params(("id" = String, Path, description = "The experiment's number, `1`")),
    responses((status = 200, body = ExperimentOut), (status = 404, body = ApiErrorBody)))]
async fn stop(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
) -> ApiResult<Json<ExperimentOut>> {
    let id = parse_id(&id)?;
    Ok(Json(
        afterlift_app::experiment::stop(&store, id, Timestamp::now(), &crate::NO_PROFILE_ZONE)
            .await?,
    ))
}

/// How the report is written.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ReportFormat {
    /// `ExperimentReport` as JSON (the default).
    #[default]
    Json,
    /// The report as Markdown (`text/markdown`).
    Markdown,
    /// The report as one self-contained HTML page (`text/html`): the Markdown's content, escaped, with its
    /// styles inline and nothing to fetch.
    Html,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReportQuery {
    /// `json` (default), `markdown` or `html`.
    #[param(inline)]
    format: Option<ReportFormat>,
}

/// The content security policy of the HTML report: nothing but its own inline styles, no script at all.
const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox";

/// The report so far (`afterlift experiment report`), after the CENT 2015 checklist: question, arms,
/// the outcomes declared before the start, design and randomisation with the seed, adherence and every
/// deviation, each outcome's period means, estimate and 95 % interval (by schedule, and per protocol when
/// there were deviations), harms, the verdict and the caveats. Before the design's minimum length it says
/// "not enough data yet" with the weeks left, never a guess. As JSON, Markdown or an HTML page.
#[utoipa::path(get, path = "/experiments/{id}/report", tag = "experiments",
    params(("id" = String, Path, description = "The experiment's number, `1`"), ReportQuery),
    responses(
        (status = 200, description = "The report: JSON by default, Markdown or HTML as `format` asks",
            content((ExperimentReport = "application/json"), (String = "text/markdown"), (String = "text/html"))),
        (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn report(
    AthleteLog(store): AthleteLog,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let report =
        afterlift_app::experiment::report(&store, id, Timestamp::now(), &crate::NO_PROFILE_ZONE)
            .await?;
    let (body, content_type, disposition) = match q.format.unwrap_or_default() {
        ReportFormat::Json => return Ok(Json(report).into_response()),
        ReportFormat::Markdown => (
            report.to_markdown(),
            "text/markdown; charset=utf-8",
            format!("attachment; filename=\"afterlift-experiment-{id}.md\""),
        ),
        ReportFormat::Html => (
            report.to_html(),
            "text/html; charset=utf-8",
            format!("inline; filename=\"afterlift-experiment-{id}.html\""),
        ),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if content_type.starts_with("text/html") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(REPORT_CSP),
        );
    }
    Ok(response)
}
