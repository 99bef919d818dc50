//! Personal experiments: the row both backends read, and the statements' column list.

use jiff::civil::Date;
use sqlx::FromRow;

use super::{corrupt, from_ms};
use crate::{ExperimentRecord, StoreError};

/// An experiment's columns, dates as `YYYY-MM-DD` text (PostgreSQL's `SELECT` reads its DATE columns
/// with `to_char`).
#[derive(Debug, FromRow)]
pub struct ExperimentDb {
    pub id: i64,
    pub created_at_ms: i64,
    pub comparison: String,
    /// The seed's 64 bits as a signed integer (both backends' integers are signed).
    pub seed: i64,
    pub protocol_json: String,
    pub starts_on: String,
    pub ends_on: String,
    pub stopped_on: Option<String>,
}

/// The seed as stored: its bits in a signed 64-bit column.
pub fn seed_column(seed: u64) -> i64 {
    i64::from_ne_bytes(seed.to_ne_bytes())
}

fn date(text: &str, what: &str, id: i64) -> Result<Date, StoreError> {
    text.parse()
        .map_err(|e| corrupt(format!("experiment {id}: {what} '{text}': {e}")))
}

impl ExperimentDb {
    pub fn into_record(self) -> Result<ExperimentRecord, StoreError> {
        let id = self.id;
        Ok(ExperimentRecord {
            id,
            created_at: from_ms(self.created_at_ms, &format!("experiment {id}: created_at"))?,
            comparison: self.comparison,
            seed: u64::from_ne_bytes(self.seed.to_ne_bytes()),
            protocol_json: self.protocol_json,
            starts_on: date(&self.starts_on, "starts_on", id)?,
            ends_on: date(&self.ends_on, "ends_on", id)?,
            stopped_on: self
                .stopped_on
                .as_deref()
                .map(|d| date(d, "stopped_on", id))
                .transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_round_trips_through_a_signed_column() {
        for seed in [0, 1, u64::MAX, 1 << 63, (1 << 53) - 1] {
            assert_eq!(u64::from_ne_bytes(seed_column(seed).to_ne_bytes()), seed);
        }
    }
}
