//! The ledger row of an archive whose entries were all imported (each entry has a row of its own).

use std::path::Path;

use afterlift_store::decode::{archive_message, link_columns};

use crate::{AthleteId, EntryId, StoreError, validate};
use crate::{SqliteLog, now_ms};

/// Rows per multi-row `INSERT` of ledger links (5 parameters each, well below SQLite's 32,766).
const LINKS_PER_INSERT: usize = 500;

impl SqliteLog {
    /// Records an archive (a bulk export) every entry of which was imported, duplicated or skipped: its
    /// ledger row links the entries its members gave — as `duplicate` links, since the members' own rows
    /// created them — so that importing the same archive again is answered from the ledger
    /// ([`SqliteLog::imported_ids`]) without reading it.
    ///
    /// An archive with a failed (or partly read) entry is not recorded this way: importing it again
    /// reads it again, and only the entries not yet in the ledger are imported (each entry's content
    /// hash is its own ledger key).
    pub async fn record_archive(
        &self,
        athlete: AthleteId,
        content_hash: &str,
        path: &Path,
        format: &str,
        ids: &[EntryId],
    ) -> Result<(), StoreError> {
        validate::content_hash(content_hash)?;
        let mut tx = self.begin_write().await?;
        let import_id: i64 = sqlx::query_scalar(
            "INSERT INTO imports (content_hash, path, format, status, message, imported_at_ms, athlete_id) \
             VALUES ($1, $2, $3, 'imported', $4, $5, $6) RETURNING id",
        )
        .bind(content_hash)
        .bind(path.to_string_lossy().into_owned())
        .bind(format)
        .bind(archive_message(ids.len()))
        .bind(now_ms())
        .bind(athlete.0)
        .fetch_one(&mut *tx)
        .await?;
        for (chunk_no, chunk) in ids.chunks(LINKS_PER_INSERT).enumerate() {
            let mut q = sqlx::QueryBuilder::new(
                "INSERT INTO import_entries (import_id, position, role, activity_id, lift_id) ",
            );
            q.push_values(chunk.iter().enumerate(), |mut row, (i, id)| {
                let (activity_id, lift_id) = link_columns(*id);
                row.push_bind(import_id)
                    .push_bind((chunk_no * LINKS_PER_INSERT + i) as i64)
                    .push_bind("duplicate")
                    .push_bind(activity_id)
                    .push_bind(lift_id);
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
