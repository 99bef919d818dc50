//! afterlift-server: the HTTP side of afterlift — the JSON API under `/api/v1` (exactly the CLI's JSON
//! shapes, from `afterlift_core::contract`), its OpenAPI document at `/api/openapi.json` with an explorer at
//! `/api/docs`, and the web dashboard embedded in the binary (`/`, `/assets/*`).
//!
//! [`router`] builds the whole application from one [`AppState`] (the log, the optional token, the size
//! limits); [`serve`] runs it on a listener the caller bound until a shutdown signal resolves, so tests bind
//! `127.0.0.1:0` and the CLI binds `--bind`. Each resource has its `router()` in [`routes`]; every error
//! is an [`ApiError`] rendered as JSON. Authentication and the loopback guards are in [`auth`].
//!
//! Architecture invariant: no domain logic here — handlers read the contract's types, call the same use
//! cases as the CLI (`afterlift_app`) or the core, and write the contract's types. No database text, token
//! or request body reaches the log or a client.

pub mod assets;
pub mod athlete;
pub mod auth;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod routes;

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use afterlift_app::live::LogCache;
use afterlift_store::Store;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

pub use error::{ApiError, ApiResult};

/// The time zone the server answers in when the profile names none: UTC. (The CLI uses its machine's
/// zone; a server's machine says nothing about where its athlete lives.)
pub const NO_PROFILE_ZONE: jiff::tz::TimeZone = jiff::tz::TimeZone::UTC;

/// What one client may take of the server: request sizes, how long it may take to send a request, and how
/// many connections and uploads are served at once. Beyond a limit a request is refused (413, 408) or waits
/// (connections, uploads); nothing a client sends can hold the server's memory, files or tasks for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest JSON request body, bytes.
    pub json_body_bytes: usize,
    /// The largest upload to `/api/v1/imports` (all its files together), bytes.
    pub upload_bytes: usize,
    /// How long a client has to send a request's line and headers, from the moment its connection is
    /// accepted or its previous response was written: a connection that sends no complete request head
    /// within it is closed. This is also the keep-alive idle timeout (hyper's `header_read_timeout`
    /// covers the wait for the next request).
    pub header_timeout: std::time::Duration,
    /// How long a client has to send a whole JSON body, once its handler starts reading it (408 beyond,
    /// and the connection is closed).
    pub body_timeout: std::time::Duration,
    /// How long a client has to send a whole upload to `/api/v1/imports` (408 beyond).
    pub upload_timeout: std::time::Duration,
    /// Connections served at once; beyond, the server stops accepting until one closes (the next ones
    /// wait in the system's listen queue), so it never runs out of file descriptors.
    pub connections: usize,
    /// Uploads imported at once; further uploads wait for a slot before their body is read.
    pub uploads: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            json_body_bytes: 256 * 1024,
            upload_bytes: 64 * 1024 * 1024,
            header_timeout: std::time::Duration::from_secs(10),
            body_timeout: std::time::Duration::from_secs(30),
            upload_timeout: std::time::Duration::from_secs(120),
            connections: 512,
            uploads: 2,
        }
    }
}

/// What every handler shares: a cheap handle (one reference count per clone — axum clones the state for
/// every extractor and middleware of every request) on [`Shared`], whose fields it derefs to.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The state's contents.
pub struct Shared {
    /// The database: every athlete's log and the accounts. Handlers never read an athlete's data
    /// through it — they take [`athlete::AthleteLog`], the log of the athlete the request may act for
    /// (`crate::athlete`); only the accounts and the cache use it directly.
    pub database: Store,
    /// When set, `/api/v1` requires `Authorization: Bearer <token>`.
    pub token: Option<Arc<str>>,
    pub limits: Limits,
    /// Whether the log has accounts: then every request is a user's ([`auth`]), acting for an athlete
    /// they may act for ([`athlete`]).
    pub accounts: bool,
    /// Sign-in attempts, limited.
    pub sign_in_limits: Arc<auth::SignInLimits>,
    /// The log kept in memory ([`afterlift_app::live`]); set by [`serve`]. Without it (a bare [`router`])
    /// every request reads the log itself.
    pub cache: Option<Arc<LogCache>>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState(Arc::new(Shared {
            database: store,
            token: None,
            limits: Limits::default(),
            accounts: false,
            sign_in_limits: Arc::new(auth::SignInLimits::default()),
            cache: None,
        }))
    }

    fn with(self, change: impl FnOnce(&mut Shared)) -> AppState {
        let mut shared = Arc::try_unwrap(self.0).unwrap_or_else(|a| Shared {
            database: a.database.clone(),
            token: a.token.clone(),
            limits: a.limits,
            accounts: a.accounts,
            sign_in_limits: Arc::clone(&a.sign_in_limits),
            cache: a.cache.clone(),
        });
        change(&mut shared);
        AppState(Arc::new(shared))
    }

    pub fn with_token(self, token: Option<String>) -> AppState {
        self.with(|s| s.token = token.filter(|t| !t.is_empty()).map(Arc::from))
    }

    /// Serving a log with accounts (see [`auth`]): every request is a signed-in user's.
    pub fn with_accounts(self, accounts: bool) -> AppState {
        self.with(|s| s.accounts = accounts)
    }

    pub fn with_limits(self, limits: Limits) -> AppState {
        self.with(|s| s.limits = limits)
    }

    /// With the log kept in memory (see [`serve`]).
    pub fn with_cache(self, cache: Option<Arc<LogCache>>) -> AppState {
        self.with(|s| s.cache = cache)
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("store", &self.database.describe())
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("limits", &self.limits)
            .field("accounts", &self.accounts)
            .field("cache", &self.cache.is_some())
            .finish()
    }
}

/// The API router and its OpenAPI document (paths under `/api/v1`).
pub fn api(state: &AppState) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(openapi::base())
        .nest("/api/v1", routes::router(state))
        .split_for_parts();
    openapi::add_common_responses(&mut doc);
    openapi::athlete_header(&mut doc);
    openapi::partial_advice_request(&mut doc);
    (router, doc)
}

/// The whole application: the API (behind [`auth::guard`] and the JSON body limit), the OpenAPI document and
/// explorer, and the dashboard.
pub fn router(state: AppState) -> Router {
    let (api, doc) = api(&state);
    let api = api
        .fallback(|| async { ApiError::NotFound("no such API endpoint".into()) })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(state.limits.json_body_bytes))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::guard));
    Router::new()
        .merge(api)
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", doc))
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .fallback(|| async { ApiError::NotFound("no such page".into()) })
        .layer(middleware::from_fn(log_request))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(to_completion))
        .with_state(state)
}

/// Runs every request to its end in a task of its own, even when its client goes away mid-request (a
/// closed connection drops the request's future). Dropped half-way through a database call, a request
/// could leave a pooled PostgreSQL connection inside a transaction that nothing rolls back — sqlx 0.8's
/// `Pool::begin` is not cancel-safe on PostgreSQL (launchbadge/sqlx#2054, transact-rs/sqlx#4393) — and
/// every later request given that connection failed (`25P02`, "cannot execute INSERT in a read-only
/// transaction"): the team load test of BENCHMARKS.md saw it whenever wrk closed its connections. A
/// write the client no longer waits for is finished, not abandoned.
async fn to_completion(req: Request, next: Next) -> Response {
    match tokio::spawn(next.run(req)).await {
        Ok(response) => response,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // Only when the runtime shuts down.
        Err(_) => axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// On every response, the API's, the explorer's and the dashboard's: no content-type sniffing, no
/// framing by another site (clickjacking), no referrer leaving the machine. A response that set its
/// own content security policy (the dashboard's) keeps it.
async fn security_headers(req: Request, next: Next) -> Response {
    use axum::http::{HeaderValue, header};
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'"),
        );
    }
    response
}

/// Runs the application on `listener` until `shutdown` resolves, then finishes the requests in flight.
/// The log is kept in memory ([`afterlift_app::live`]) while it serves; every advice is recorded before
/// it is answered, so there is nothing left to write when it stops.
///
/// Each connection is served by hyper's HTTP/1 connection with the state's [`Limits`]: its request heads
/// must arrive within `header_timeout` (slow or idle clients are disconnected), and at most `connections`
/// are served at once — the accept loop waits for a free slot before it accepts another.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let limits = state.limits;
    let cache = Arc::new(LogCache::new(&state.database, NO_PROFILE_ZONE));
    let app = router(state.with_cache(Some(cache)));
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break, // never: the semaphore is not closed
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// An accept that failed: a connection reset before it was accepted is nothing; anything else (out of
/// file descriptors) is logged, and the loop waits a moment instead of spinning.
async fn accept_failed(e: &std::io::Error) {
    use std::io::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset | ErrorKind::ConnectionRefused
    ) {
        return;
    }
    tracing::warn!(error = %e, "cannot accept a connection");
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
}

/// One log line per request, at debug level: method, path (never the query or headers), status, duration.
/// A server error or a request slower than a second is logged at info (a warning for 5xx). Nothing is
/// formatted unless the line is written.
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let uri = req.uri().clone();
    let started = Instant::now();
    let response = next.run(req).await.into_response();
    let elapsed = started.elapsed();
    let status = response.status();
    let path = uri.path();
    let ms = elapsed.as_millis() as u64;
    if status.is_server_error() {
        tracing::warn!(%method, path, status = status.as_u16(), ms, "request");
    } else if elapsed.as_secs() >= 1 {
        tracing::info!(%method, path, status = status.as_u16(), ms, "request");
    } else {
        tracing::debug!(%method, path, status = status.as_u16(), ms, "request");
    }
    response
}
