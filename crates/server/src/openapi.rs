//! The OpenAPI document's frame: title, version, tags and the bearer-token scheme. The paths and schemas
//! come from the handlers' `#[utoipa::path]` attributes, collected by `utoipa_axum` as routes are added, so
//! the document cannot list a route the server does not have, or miss one.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi as Doc, SecurityRequirement};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "afterlift API",
        description = "Should you run after lifting? The afterlift HTTP API: advice, the training log, check-ins and calculators. \
                       The JSON shapes are exactly those of the `afterlift` CLI's `--json`. Errors are `{\"error\", \"message\", \"errors\"?}`.",
    ),
    modifiers(&BearerToken),
    tags(
        (name = "advice", description = "Should I run now?"),
        (name = "profile", description = "Who the advice is for"),
        (name = "log", description = "Activities, lifts and file imports"),
        (name = "wellness", description = "Daily check-ins"),
        (name = "calculators", description = "Heart-rate zones, VDOT, energy"),
        (name = "status", description = "Training load, recovery and readiness from the log"),
        (name = "plan", description = "The week plan and its calendar"),
    )
)]
struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut Doc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("Required when the server was started with a token (always when it listens beyond loopback).")).build()),
        );
        openapi.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("token", Vec::<String>::new()),
        ]);
    }
}

/// The document before the routes are added.
pub fn base() -> Doc {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc
}
