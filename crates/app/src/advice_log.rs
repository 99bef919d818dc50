//! The advice log as the athlete reads it: listed (`afterlift advice-log`, `GET /api/v1/advice`), exported,
//! and restored from an export without duplicating what the log already holds.

use afterlift_core::contract::AdviceLogEntry;
use afterlift_store::{AdviceRecord, NewAdvice, Store, StoreError, TimeFilter};

use crate::AppError;

/// A recorded advice in the contract's shape (its texts as JSON values).
pub fn entry(record: &AdviceRecord) -> Result<AdviceLogEntry, AppError> {
    let parse = |what: &str, text: &str| {
        serde_json::from_str(text).map_err(|e| {
            AppError::Store(StoreError::Corrupt(format!(
                "advice {}: its {what} is not JSON: {e}",
                record.id
            )))
        })
    };
    Ok(AdviceLogEntry {
        at: record.at,
        request: parse("request", &record.request_json)?,
        response: parse("response", &record.response_json)?,
    })
}

/// The advice given within `filter`, newest first.
pub async fn list(store: &Store, filter: &TimeFilter) -> Result<Vec<AdviceLogEntry>, AppError> {
    store.advice_log(filter).await?.iter().map(entry).collect()
}

/// Adds `entries` (an export's advice log) to the log, leaving out those it already holds (the same
/// instant, request and response): restoring an export twice records nothing twice. Returns how many
/// were added.
pub async fn restore(store: &Store, entries: &[AdviceLogEntry]) -> Result<usize, AppError> {
    let (Some(from), Some(last)) = (
        entries.iter().map(|e| e.at).min(),
        entries.iter().map(|e| e.at).max(),
    ) else {
        return Ok(0);
    };
    let to = last
        .checked_add(jiff::SignedDuration::from_millis(1))
        .unwrap_or(last);
    let existing = list(store, &TimeFilter::between(from, to)).await?;
    let mut added = 0;
    for e in entries {
        // The log keeps milliseconds: compare at that precision.
        let same_instant = |a: jiff::Timestamp| a.as_millisecond() == e.at.as_millisecond();
        if existing
            .iter()
            .any(|x| same_instant(x.at) && x.request == e.request && x.response == e.response)
        {
            continue;
        }
        store
            .record_advice(NewAdvice {
                at: e.at,
                request_json: e.request.to_string().into(),
                response_json: e.response.to_string().into(),
            })
            .await?;
        added += 1;
    }
    Ok(added)
}
