//! Extractors whose rejections are [`ApiError`]s: a JSON body read so that a mistake is named (line and
//! column, or the field's path), query parameters, and the body limit turned into a 413.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header, request::Parts};
use serde::de::DeserializeOwned;

use crate::AppState;
use crate::error::ApiError;

/// A JSON request body read into `T` (`Content-Type: application/json`): a JSON object, with no key given
/// twice, read within the body timeout.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|m| {
                let m = m.trim().to_ascii_lowercase();
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::UnsupportedMediaType(
                "expected a JSON body with `Content-Type: application/json`".into(),
            ));
        }
        let limit = state.limits.json_body_bytes;
        let within = state.limits.body_timeout;
        let read = tokio::time::timeout(within, Bytes::from_request(req, state))
            .await
            .map_err(|_| ApiError::timeout(within))?;
        let bytes = read.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::TooLarge { limit }
            } else {
                ApiError::BadRequest(format!("cannot read the request body: {}", e.body_text()))
            }
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::BadRequest(
                "the request body is empty: expected a JSON document".into(),
            ));
        }
        // Every body the API reads is an object: an array (which serde would read field by field, in
        // order) or any other value is refused before it can be taken for an empty one.
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            first => {
                let found = match first {
                    Some(b'[') => "an array",
                    Some(b'"') => "a string",
                    Some(b'n') => "null",
                    Some(b't' | b'f') => "a boolean",
                    _ => "a number",
                };
                return Err(ApiError::invalid(
                    "request",
                    format!("expected a JSON object ({{ … }}) as the request body, found {found}"),
                ));
            }
        }
        Ok(ApiJson(afterlift_app::fields::from_json_slice(&bytes)?))
    }
}

/// Query parameters read into `T`; a wrong one is named.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(de)
            .map(ApiQuery)
            .map_err(|err| {
                let path = err.path().to_string();
                let (field, message) = afterlift_app::fields::describe_serde_error(
                    &path,
                    &err.into_inner().to_string(),
                );
                ApiError::Invalid(vec![afterlift_core::contract::FieldError {
                    field,
                    message,
                }])
            })
    }
}
