//! The OpenAPI document's frame: title, version, tags and the bearer-token scheme. The paths and schemas
//! come from the handlers' `#[utoipa::path]` attributes, collected by `utoipa_axum` as routes are added, so
//! the document cannot list a route the server does not have, or miss one.

use utoipa::openapi::path::Operation;
use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, OpenApi as Doc, Ref, RefOr, ResponseBuilder, SecurityRequirement,
};
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
        (name = "history", description = "Weekly volume by sport and muscle group, strength progress, where the data is"),
        (name = "plan", description = "The week plan and its calendar"),
        (name = "exercises", description = "The exercise catalogue, and the athlete's own names for its exercises"),
        (name = "experiments", description = "Personal experiments (n-of-1 trials): two strategies compared on the athlete's own log, and the report"),
        (name = "accounts", description = "On a server with accounts: signing in, invitations, a coach's athletes and team"),
    )
)]
struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut Doc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("A personal log: required when the server was started with a token (always when it listens beyond loopback). A log with accounts: a user's API token (`afterlift token create`), `afl_…`.")).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "afterlift_session",
                "A log with accounts: the dashboard's session cookie, set by POST /api/v1/session (HttpOnly, SameSite=Strict).",
            ))),
        );
        openapi.security = Some(vec![
            SecurityRequirement::default(),
            SecurityRequirement::new("token", Vec::<String>::new()),
            SecurityRequirement::new("session", Vec::<String>::new()),
        ]);
    }
}

/// The document before the routes are added.
pub fn base() -> Doc {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc
}

/// Adds the errors every operation can answer — 401, 403, 500, and 408, 413 and 415 for those with a body —
/// unless it documents them itself.
pub fn add_common_responses(doc: &mut Doc) {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            add(
                op,
                "401",
                "Missing or wrong token (only when the server was started with one)",
            );
            add(
                op,
                "403",
                "A request from another web origin, or a non-loopback Host without a token",
            );
            add(
                op,
                "500",
                "Internal error: details only in the server's log",
            );
            if op.request_body.is_some() {
                add(
                    op,
                    "408",
                    "The body did not arrive in time (30 s for JSON, 120 s for uploads by default); the connection is closed",
                );
                add(
                    op,
                    "413",
                    "The body is larger than the limit (256 KiB for JSON, 64 MiB for uploads by default)",
                );
                add(
                    op,
                    "415",
                    "The body is not of the documented type: JSON with `Content-Type: application/json`, an upload as `multipart/form-data`",
                );
            }
        }
    }
}

/// The tags whose operations act for no athlete's log: the calculators and the accounts.
const NOT_AN_ATHLETES: [&str; 2] = ["calculators", "accounts"];

/// Every operation that acts for an athlete's log takes the optional `Afterlift-Athlete` header (a
/// coach's choice of athlete; see `crate::athlete`) and answers 404 for an athlete the caller may not
/// act for. Whether an operation acts for an athlete is its tag's ([`NOT_AN_ATHLETES`]); the isolation
/// test checks the document against the server's behaviour.
pub fn athlete_header(doc: &mut Doc) {
    for item in doc.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            let tags = op.tags.as_deref().unwrap_or_default();
            if tags.iter().any(|t| NOT_AN_ATHLETES.contains(&t.as_str())) {
                continue;
            }
            op.parameters.get_or_insert_with(Vec::new).push(
                ParameterBuilder::new()
                    .name("Afterlift-Athlete")
                    .parameter_in(ParameterIn::Header)
                    .description(Some("On a server with accounts: the athlete (id from GET /api/v1/me) a coach acts for; an athlete's own by default. Any athlete the caller may not act for is 404."))
                    .schema(Some(utoipa::openapi::schema::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::Integer).format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Int64))).minimum(Some(1))))
                    .build(),
            );
            add(
                op,
                "404",
                "No such athlete (another's, or none), or no such entry",
            );
            add(
                op,
                "400",
                "A malformed Afterlift-Athlete header, or a coach's request naming no athlete",
            );
        }
    }
}

fn add(op: &mut Operation, status: &str, description: &str) {
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ApiErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        });
}

/// `POST /advice` reads an `AdviceRequest` that the log completes: with a stored profile, `athlete` — or any
/// of its fields — and `planned` may be left out (`app::advise::request_with_log`). The body is documented
/// as such (`PartialAdviceRequest`, its athlete a `PartialAthleteInput`), made here from the two
/// contract schemas with nothing required, so that it cannot drift from them; `AdviceRequest` stays the
/// whole request, as the advisor reads it once completed.
pub fn partial_advice_request(doc: &mut Doc) {
    const PATH: &str = "/api/v1/advice";
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    let optional = |name: &str, description: &str| -> Option<Schema> {
        let RefOr::T(Schema::Object(whole)) = components.schemas.get(name)? else {
            return None;
        };
        let mut partial = whole.clone();
        partial.required.clear();
        partial.description = Some(description.to_string());
        Some(Schema::Object(partial))
    };
    let athlete = optional(
        "AthleteInput",
        "An AthleteInput of which any field may be left out: the stored profile's is used.",
    );
    let request = optional(
        "AdviceRequest",
        "An AdviceRequest the log completes: `athlete` (or any of its fields) comes from the stored \
         profile when left out, `lift` is today's last strength session unless given, `readiness` is \
         today's check-in with the given fields over it, and without `planned` nothing is planned \
         (`kind: none`). What neither the body nor the log gives is named in a 422.",
    );
    let (Some(athlete), Some(Schema::Object(mut request))) = (athlete, request) else {
        return;
    };
    request.properties.insert(
        "athlete".into(),
        RefOr::Ref(Ref::from_schema_name("PartialAthleteInput")),
    );
    components
        .schemas
        .insert("PartialAthleteInput".into(), RefOr::T(athlete));
    components.schemas.insert(
        "PartialAdviceRequest".into(),
        RefOr::T(Schema::Object(request)),
    );
    if let Some(body) = doc
        .paths
        .paths
        .get_mut(PATH)
        .and_then(|item| item.post.as_mut())
        .and_then(|op| op.request_body.as_mut())
        && let Some(json) = body.content.get_mut("application/json")
    {
        json.schema = Some(RefOr::Ref(Ref::from_schema_name("PartialAdviceRequest")));
    }
}
