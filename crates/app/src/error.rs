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
    /// An account action refused, said for the person (a wrong code, a weak password…).
    #[error("{0}")]
    Account(String),
    /// An athlete the caller may not act for, or none at all: the same answer for both.
    #[error("no such athlete")]
    NoAthlete,
    /// A coach's request that names no athlete.
    #[error(
        "a coach acts for one of their athletes: name one (the Afterlift-Athlete header, or --athlete)"
    )]
    ChooseAthlete,
    /// The operating system's random number generator failed.
    #[error("cannot make a random secret: {0}")]
    Random(String),
    #[error("cannot encode JSON")]
    Encode(#[source] serde_json::Error),
}
