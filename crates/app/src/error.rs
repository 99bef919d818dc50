use afterlift_store::StoreError;

/// What can go wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the stored profile's time zone '{name}' is not a known IANA time zone")]
    TimeZone { name: String },
}
