//! The advice log: every piece of advice afterlift gave, with the request it answered — the athlete's data
//! like the rest (`afterlift advice-log`, `GET /api/v1/advice`, the export's `advice`, restored by import).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One piece of advice as the log keeps it: the request (with what the log filled in) and the response,
/// exactly as answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdviceLogEntry {
    /// The instant the advice was for (the request's `now`), RFC 3339.
    pub at: Timestamp,
    /// The `AdviceRequest` answered, with the fields the log supplied.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub request: serde_json::Value,
    /// The `AdviceResponse` given, as it was answered (a later afterlift may answer differently).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub response: serde_json::Value,
}
