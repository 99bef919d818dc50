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
    /// The advice could not be recorded in the log, so it is not given ("every advice is recorded").
    #[error("the advice could not be recorded in the training log, so none is given: {0}")]
    NotRecorded(#[source] StoreError),
    /// A log location (`--db`) that names no backend afterlift has.
    #[error("{0}")]
    Location(String),
    #[error("cannot encode JSON")]
    Encode(#[source] serde_json::Error),
}
