//! The JSON API under `/api/v1`: one module per resource, each with its `router()`; the handlers speak the
//! contract's types and call the same use cases as the CLI (`afterlift_app`).

pub mod accounts;
pub mod advice;
pub mod calc;
pub mod exercises;
pub mod experiments;
pub mod history;
pub mod imports;
pub mod log;
pub mod plan;
pub mod profile;
pub mod status;
pub mod wellness;

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

/// Every `/api/v1` route, with its OpenAPI description.
pub fn router(state: &AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(accounts::router())
        .merge(advice::router())
        .merge(profile::router())
        .merge(log::router())
        .merge(imports::router(&state.limits))
        .merge(wellness::router())
        .merge(calc::router())
        .merge(plan::router())
        .merge(status::router())
        .merge(history::router())
        .merge(exercises::router())
        .merge(experiments::router())
}
