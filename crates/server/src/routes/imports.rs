//! `POST /api/v1/imports`: files uploaded as `multipart/form-data` (any number of file fields), each
//! imported like `afterlift import` does — all of a file or nothing — with the same report.

use afterlift_core::contract::{ApiErrorBody, ImportReport};
use afterlift_formats::{ReadOptions, WeightUnit};
use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::AthleteLog;
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiQuery;

/// The upload route, with its own (larger) body limit, and at most `limits.uploads` uploads read and
/// imported at once (tower's concurrency limit: the others wait for a slot before their body is read).
pub fn router(limits: &crate::Limits) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(import))
        .layer(tower::limit::ConcurrencyLimitLayer::new(
            limits.uploads.max(1),
        ))
        .layer(DefaultBodyLimit::max(limits.upload_bytes))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Weights in CSV exports are pounds (converted to kg); default false.
    #[serde(default)]
    lb: bool,
}

/// The upload form: one or more files (FIT, GPX, TCX, Strong or Hevy CSV, or .gz/.zip of them).
#[derive(ToSchema)]
#[allow(dead_code)]
struct Upload {
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<Vec<u8>>,
}

/// Imports the uploaded files and reports what happened to each (`afterlift import --json`).
///
/// A file seen before is a duplicate; a failing file is reported and never stops the others. The whole
/// upload is limited in size (413 beyond it) and in time (408 beyond it); a few uploads are imported at
/// once, the others wait their turn.
#[utoipa::path(
    post,
    path = "/imports",
    tag = "log",
    params(ImportQuery),
    request_body(content = Upload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "One report per file (per entry of an archive), and the sessions they brought", body = ImportReport),
        (status = 400, description = "No file in the upload, or an upload that cannot be read", body = ApiErrorBody),
        (status = 408, description = "The upload did not arrive within the time allowed (120 s by default); the connection is closed", body = ApiErrorBody),
        (status = 413, description = "The upload is larger than the limit", body = ApiErrorBody),
    )
)]
async fn import(
    State(state): State<AppState>,
    AthleteLog(store): AthleteLog,
    ApiQuery(q): ApiQuery<ImportQuery>,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<ImportReport>> {
    let limit = state.limits.upload_bytes;
    let within = state.limits.upload_timeout;
    let deadline = tokio::time::Instant::now() + within;
    let mut multipart = multipart.map_err(|e| {
        ApiError::UnsupportedMediaType(format!(
            "expected a multipart/form-data upload: {}",
            e.body_text()
        ))
    })?;
    let profile = store.profile().await?;
    let time_zone = afterlift_app::from_log::time_zone(profile.as_ref(), &crate::NO_PROFILE_ZONE)?;
    let opts = ReadOptions {
        time_zone,
        weight_unit: if q.lb { WeightUnit::Lb } else { WeightUnit::Kg },
    };

    let mut report = ImportReport::default();
    let mut files = 0usize;
    loop {
        let next = tokio::time::timeout_at(deadline, multipart.next_field())
            .await
            .map_err(|_| ApiError::timeout(within))?;
        let field = match next {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(&e, limit)),
        };
        // Form fields without a file name (other inputs of a form) are not files.
        let Some(name) = field.file_name().map(base_name) else {
            continue;
        };
        let bytes = tokio::time::timeout_at(deadline, field.bytes())
            .await
            .map_err(|_| ApiError::timeout(within))?
            .map_err(|e| multipart_error(&e, limit))?;
        files += 1;
        report.extend(afterlift_app::import::import_bytes(&store, &name, &bytes, &opts).await);
    }
    if files == 0 {
        return Err(ApiError::BadRequest(
            "no file in the upload: send multipart/form-data with one or more file fields".into(),
        ));
    }
    Ok(Json(report))
}

fn multipart_error(e: &axum::extract::multipart::MultipartError, limit: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::TooLarge { limit }
    } else {
        ApiError::BadRequest(format!("cannot read the upload: {}", e.body_text()))
    }
}

/// The file's own name, without any folders a browser may send.
fn base_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if base.is_empty() {
        "upload".into()
    } else {
        base.to_string()
    }
}
