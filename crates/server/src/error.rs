//! The API's one error type. Every error is a JSON [`ApiErrorBody`] with a stable code and a message naming
//! what was wrong; a failure of the server itself (a database error) is logged with its details and
//! answered with a generic message, so no database text reaches a client.

use afterlift_app::AppError;
use afterlift_app::fields::JsonError;
use afterlift_core::contract::{ApiErrorBody, FieldError, InvalidRequest};
use afterlift_store::StoreError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body is not JSON (or is cut short).
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    MalformedJson {
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but fields are wrong: each named with what was expected.
    #[error("invalid input: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    BadRequest(String),
    #[error("missing or wrong token: send the header `Authorization: Bearer <token>`")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("method not allowed here")]
    MethodNotAllowed,
    /// Too many tries (signing in): retry after the given seconds (429, `Retry-After`).
    #[error("too many tries: wait {retry_after_s} s and try again")]
    TooManyRequests { retry_after_s: u64 },
    /// Something that must be unique exists already (409).
    #[error("{0}")]
    Conflict(String),
    #[error("the request body is larger than the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The body did not arrive in time (408): the connection is closed after the answer.
    #[error("the request body did not arrive within {seconds} s: send the whole body at once")]
    Timeout { seconds: u64 },
    /// The server's disk is full: nothing was written; retry once space is freed (507).
    #[error("the server's disk is full: nothing was written; try again later")]
    InsufficientStorage,
    /// What was asked could not be recorded, so it is not answered (503): retry later.
    #[error("{0}")]
    Unavailable(String),
    /// A failure of the server, not of the request: logged in full, answered generically.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::Invalid(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// The body was not read within `limit`.
    pub fn timeout(limit: std::time::Duration) -> ApiError {
        ApiError::Timeout {
            seconds: limit.as_secs_f64().ceil() as u64,
        }
    }

    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> ApiError {
        ApiError::Internal(Box::new(e))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::MalformedJson { .. } | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Timeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::InsufficientStorage => StatusCode::INSUFFICIENT_STORAGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::MalformedJson { .. } => "malformed_json",
            ApiError::Invalid(_) => "invalid_input",
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::TooLarge { .. } => "payload_too_large",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::Conflict(_) => "conflict",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Timeout { .. } => "request_timeout",
            ApiError::InsufficientStorage => "insufficient_storage",
            ApiError::Unavailable(_) => "not_recorded",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn body(&self) -> ApiErrorBody {
        let errors = match self {
            ApiError::Invalid(errors) => Some(errors.clone()),
            _ => None,
        };
        let message = match self {
            ApiError::Internal(_) => {
                "internal error: the server could not complete the request (details are in its log)"
                    .to_string()
            }
            other => other.to_string(),
        };
        ApiErrorBody {
            error: self.code().to_string(),
            message,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            tracing::error!(error = %chain(e.as_ref()), "request failed");
        }
        let mut response = (self.status(), Json(self.body())).into_response();
        if matches!(self, ApiError::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let ApiError::TooManyRequests { retry_after_s } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
        }
        if matches!(self, ApiError::Timeout { .. }) {
            // The rest of the body may still come: the connection cannot carry another request.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// An error and its sources, for the log.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

impl From<JsonError> for ApiError {
    fn from(e: JsonError) -> ApiError {
        match e {
            JsonError::Malformed {
                line,
                column,
                message,
            } => ApiError::MalformedJson {
                line,
                column,
                message,
            },
            JsonError::Field(f) => ApiError::Invalid(vec![f]),
        }
    }
}

impl From<InvalidRequest> for ApiError {
    fn from(e: InvalidRequest) -> ApiError {
        ApiError::Invalid(e.errors)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::NotFound(id) => {
                ApiError::NotFound(format!("no entry {id} in the training log"))
            }
            StoreError::Invalid { field, message } => {
                ApiError::Invalid(vec![FieldError { field, message }])
            }
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::Missing(m) => ApiError::NotFound(m),
            StoreError::DiskFull(e) => {
                tracing::error!(error = %e, "the disk is full");
                ApiError::InsufficientStorage
            }
            other => ApiError::internal(other),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        match e {
            AppError::Store(s) => s.into(),
            AppError::Invalid(i) => i.into(),
            AppError::NotRecorded(e) => {
                tracing::error!(error = %e, cause = ?std::error::Error::source(&e), "an advice could not be recorded");
                let why = match e {
                    StoreError::DiskFull(_) => "the server's disk is full",
                    _ => "the training log could not be written",
                };
                ApiError::Unavailable(format!(
                    "the advice could not be recorded ({why}), so none is given; try again later"
                ))
            }
            AppError::Account(m) => ApiError::BadRequest(m),
            e @ AppError::NoAthlete => ApiError::NotFound(e.to_string()),
            e @ AppError::ChooseAthlete => ApiError::BadRequest(e.to_string()),
            other => ApiError::internal(other),
        }
    }
}

/// `Result` with [`ApiError`].
pub type ApiResult<T> = Result<T, ApiError>;
