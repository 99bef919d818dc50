//! `/api/v1/exercises`: the exercise catalogue searched (`afterlift exercises QUERY`), and the athlete's
//! aliases — their own names for catalogue exercises (`afterlift exercises alias|aliases|unalias`), read
//! wherever a logged name is resolved: advice, status and plans.

use afterlift_core::catalogue::Alias;
use afterlift_core::contract::{ApiErrorBody, CatalogueExercise};
use axum::Json;
use axum::extract::Path;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiQuery};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(list_aliases, put_alias))
        .routes(routes!(delete_alias))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// Words that must all be part of a name of the exercise (its catalogue name, the catalogue's other
    /// names, or one of the athlete's aliases); a typo finds its close match. Default: every exercise.
    q: Option<String>,
}

/// The catalogue, or the exercises matching `q`, in catalogue order: name, region, movement pattern and
/// muscles (as `afterlift exercises QUERY --json`).
#[utoipa::path(get, path = "/exercises", tag = "exercises", params(SearchQuery),
    responses((status = 200, body = Vec<CatalogueExercise>), (status = 422, body = ApiErrorBody)))]
async fn search(
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<Vec<CatalogueExercise>>> {
    let aliases = afterlift_app::exercises::aliases(&store).await?;
    Ok(Json(afterlift_app::exercises::search(
        q.q.as_deref().filter(|q| !q.trim().is_empty()),
        &aliases,
    )))
}

/// The athlete's aliases, by name (as `afterlift exercises aliases --json`).
#[utoipa::path(get, path = "/exercises/aliases", tag = "exercises",
    responses((status = 200, body = Vec<Alias>)))]
async fn list_aliases(AthleteLog(store): AthleteLog) -> ApiResult<Json<Vec<Alias>>> {
    Ok(Json(store.aliases().await?))
}

/// Keeps an alias: `name` (as the athlete logs it) is read as the catalogue's `exercise` from now on,
/// replacing an alias of the same name (case, spacing and punctuation aside). The exercise must be in the
/// catalogue and the name must not already be one of its names; a wrong one is named (`name`,
/// `exercise`). Answers the alias as kept, the exercise by its catalogue name.
#[utoipa::path(put, path = "/exercises/aliases", tag = "exercises", request_body = Alias,
    responses((status = 200, body = Alias), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_alias(
    AthleteLog(store): AthleteLog,
    ApiJson(alias): ApiJson<Alias>,
) -> ApiResult<Json<Alias>> {
    Ok(Json(
        afterlift_app::exercises::set_alias(&store, &alias.name, &alias.exercise).await?,
    ))
}

/// Forgets the alias of this name (case, spacing and punctuation aside); answers the alias removed.
#[utoipa::path(delete, path = "/exercises/aliases/{name}", tag = "exercises",
    params(("name" = String, Path, description = "The alias's name, as listed (URL-encoded)")),
    responses((status = 200, body = Alias), (status = 404, body = ApiErrorBody)))]
async fn delete_alias(
    AthleteLog(store): AthleteLog,
    Path(name): Path<String>,
) -> ApiResult<Json<Alias>> {
    store
        .delete_alias(&name)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no alias '{name}'")))
}
