//! Who may call the API.
//!
//! **A personal log** (no accounts): local-first — on loopback without a token anyone on this machine may;
//! with a token (required to bind any other address) every `/api/v1` request must carry
//! `Authorization: Bearer <token>`, compared in constant time. The token is never logged. Without a token
//! the `Host` must be a loopback name (DNS rebinding).
//!
//! **A log with accounts** (coaches and teams): every `/api/v1` request but signing in carries a user's
//! API token (`Authorization: Bearer afl_…`) or the dashboard's session cookie; the guard finds its owner
//! ([`afterlift_app::accounts::authenticate`]) and puts the [`Principal`] in the request, for
//! [`crate::athlete`] to decide whose log it acts for. The session cookie is `HttpOnly`,
//! `SameSite=Strict` (a request from another site does not carry it), and a cookie-authenticated write
//! that a browser says came from another site (`Sec-Fetch-Site: cross-site`) is refused too.
//!
//! Always: a request whose `Origin` is another site — or `null`, a sandboxed frame's or a local file's — is
//! refused (a page elsewhere could otherwise post a form or an upload).

use afterlift_store::accounts::Principal;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::error::ApiError;

/// The dashboard's session cookie.
pub const SESSION_COOKIE: &str = "afterlift_session";

/// The middleware in front of `/api/v1`.
pub async fn guard(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    if !state.accounts {
        check(state.token.as_deref(), req.headers())?;
        return Ok(next.run(req).await);
    }
    check_origin(req.headers())?;
    let signing_in = req.method() == Method::POST && req.uri().path().ends_with("/api/v1/session");
    match principal(&state, req.method(), req.headers()).await? {
        Some(p) => {
            req.extensions_mut().insert(p);
        }
        // A stale cookie must not stand in the way of signing in again.
        None if signing_in => {}
        None => return Err(ApiError::Unauthorized),
    }
    Ok(next.run(req).await)
}

/// The owner of the request's API token or session cookie, if valid.
async fn principal(
    state: &AppState,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Option<Principal>, ApiError> {
    let now = jiff::Timestamp::now();
    if let Some(token) = bearer(headers) {
        return Ok(afterlift_app::accounts::authenticate(&state.database, token, now).await?);
    }
    let jar = CookieJar::from_headers(headers);
    let Some(cookie) = jar.get(SESSION_COOKIE) else {
        return Ok(None);
    };
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"));
    if cross_site && !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Err(ApiError::Forbidden(
            "a signed-in write from another site is not allowed".into(),
        ));
    }
    Ok(afterlift_app::accounts::authenticate(&state.database, cookie.value(), now).await?)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
}

/// Refuses a request from another origin (or `null`: sandboxed frames and local files, which a page
/// anywhere can make).
fn check_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && (origin == "null" || origin.split_once("://").map(|(_, rest)| rest) != Some(host))
    {
        return Err(ApiError::Forbidden(format!(
            "requests from another origin ({origin}) are not allowed"
        )));
    }
    Ok(())
}

fn check(token: Option<&str>, headers: &HeaderMap) -> Result<(), ApiError> {
    check_origin(headers)?;
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match token {
        Some(expected) => {
            let given = bearer(headers).unwrap_or_default();
            if bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
                Ok(())
            } else {
                Err(ApiError::Unauthorized)
            }
        }
        None if is_loopback_host(host) => Ok(()),
        None => Err(ApiError::Forbidden(format!(
            "host '{host}' is not a loopback name: set a token to serve other hosts"
        ))),
    }
}

/// How often anyone may try to sign in: per user name, 5 tries a minute (password guessing against one
/// account); for everyone together, 10 a second with bursts of 20 (each try costs an argon2 hash, tens of
/// milliseconds of CPU: without a cap, sign-in attempts could take the server's cores).
pub struct SignInLimits {
    per_name: governor::DefaultKeyedRateLimiter<String>,
    all: governor::DefaultDirectRateLimiter,
}

impl Default for SignInLimits {
    fn default() -> SignInLimits {
        use governor::{Quota, RateLimiter};
        use std::num::NonZeroU32;
        let n = |v: u32| NonZeroU32::new(v).unwrap_or(NonZeroU32::MIN);
        SignInLimits {
            per_name: RateLimiter::keyed(Quota::per_minute(n(5))),
            all: RateLimiter::direct(Quota::per_second(n(10)).allow_burst(n(20))),
        }
    }
}

impl SignInLimits {
    /// Counts one try to sign in as `name`; `TooManyRequests` (with when to retry) past the limits.
    pub fn check(&self, name: &str) -> Result<(), ApiError> {
        use governor::clock::{Clock, DefaultClock};
        let too_many = |not_until: governor::NotUntil<_>| ApiError::TooManyRequests {
            retry_after_s: not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                .max(1),
        };
        self.all.check().map_err(too_many)?;
        self.per_name
            .check_key(&name.trim().to_lowercase())
            .map_err(too_many)?;
        // The keyed limiter keeps a cell per name tried: forget the full ones now and then.
        if self.per_name.len() > 10_000 {
            self.per_name.retain_recent();
        }
        Ok(())
    }
}

/// `localhost`, `127.x.y.z` or `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn loopback_without_token_is_open_but_not_to_other_origins_or_hosts() {
        assert!(check(None, &headers(&[(header::HOST, "127.0.0.1:8080")])).is_ok());
        assert!(
            check(
                None,
                &headers(&[
                    (header::HOST, "localhost:8080"),
                    (header::ORIGIN, "http://localhost:8080")
                ])
            )
            .is_ok()
        );
        assert!(matches!(
            check(
                None,
                &headers(&[
                    (header::HOST, "127.0.0.1:8080"),
                    (header::ORIGIN, "https://evil.example")
                ])
            ),
            Err(ApiError::Forbidden(_))
        ));
        assert!(matches!(
            check(
                None,
                &headers(&[(header::HOST, "127.0.0.1:8080"), (header::ORIGIN, "null")])
            ),
            Err(ApiError::Forbidden(_))
        ));
        assert!(matches!(
            check(None, &headers(&[(header::HOST, "evil.example:8080")])),
            Err(ApiError::Forbidden(_))
        ));
        assert!(is_loopback_host("[::1]:8080"));
        assert!(!is_loopback_host("192.168.1.2:8080"));
    }

    #[test]
    fn a_token_must_match() {
        let h = |v: &str| headers(&[(header::HOST, "10.0.0.2:8080"), (header::AUTHORIZATION, v)]);
        assert!(check(Some("s3cret"), &h("Bearer s3cret")).is_ok());
        assert!(matches!(
            check(Some("s3cret"), &h("Bearer s3cre")),
            Err(ApiError::Unauthorized)
        ));
        assert!(matches!(
            check(Some("s3cret"), &h("s3cret")),
            Err(ApiError::Unauthorized)
        ));
        assert!(matches!(
            check(Some("s3cret"), &headers(&[(header::HOST, "x")])),
            Err(ApiError::Unauthorized)
        ));
    }
}
