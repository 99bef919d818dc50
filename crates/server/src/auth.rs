//! Who may call the API. Local-first: on loopback without a token anyone on this machine may; with a
//! token (required to bind any other address) every `/api/v1` request must carry
//! `Authorization: Bearer <token>`, compared in constant time. The token is never logged.
//!
//! Two checks guard a loopback server against web pages the athlete happens to open: a request whose
//! `Origin` is another site — or `null`, a sandboxed frame's or a local file's — is refused (a page elsewhere could otherwise post a form or an upload to
//! 127.0.0.1), and without a token the `Host` must be a loopback name (DNS rebinding).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

use crate::AppState;
use crate::error::ApiError;

/// The middleware in front of `/api/v1`.
pub async fn guard(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    check(state.token.as_deref(), req.headers())?;
    Ok(next.run(req).await)
}

fn check(token: Option<&str>, headers: &HeaderMap) -> Result<(), ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // `null` is the origin of sandboxed frames and local files: a page anywhere can send it.
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && (origin == "null" || origin.split_once("://").map(|(_, rest)| rest) != Some(host))
    {
        return Err(ApiError::Forbidden(format!(
            "requests from another origin ({origin}) are not allowed"
        )));
    }
    match token {
        Some(expected) => {
            let given = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| {
                    v.strip_prefix("Bearer ")
                        .or_else(|| v.strip_prefix("bearer "))
                })
                .map(str::trim)
                .unwrap_or_default();
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
