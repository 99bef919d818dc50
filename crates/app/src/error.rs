use afterlift_core::contract::InvalidRequest;
use afterlift_store::StoreError;

/// What can go wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the stored profile's time zone '{name}' is not a known IANA time zone")]
    TimeZone { name: String },
    /// The request names wrong fields.
    #[error(transparent)]
    Invalid(#[from] InvalidRequest),
    #[error("cannot encode JSON")]
    Encode(#[source] serde_json::Error),
}
