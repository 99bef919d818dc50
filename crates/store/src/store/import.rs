//! Importing a file's sessions atomically, the import ledger, deleting entries, and exporting everything.

use std::path::Path;

use super::{Conn, Store, activities, corrupt, from_ms, journal, lifts, now_ms, zone_max_hr};
use crate::{
    BatchItem, Duplicate, EntryId, Export, ImportBatch, ImportOutcome, ImportStatus, LedgerEntry,
    StoreError, validate,
};

/// A ledger row, as stored.
#[derive(sqlx::FromRow)]
struct ImportDb {
    id: i64,
    content_hash: String,
    path: String,
    format: String,
    status: String,
    message: Option<String>,
    imported_at_ms: i64,
}

/// The entries linked to a ledger row, as stored.
#[derive(sqlx::FromRow)]
struct LinkDb {
    import_id: i64,
    activity_id: Option<i64>,
    lift_id: Option<i64>,
}

impl LinkDb {
    fn entry_id(&self) -> Result<EntryId, StoreError> {
        match (self.activity_id, self.lift_id) {
            (Some(a), None) => Ok(EntryId::Activity(a)),
            (None, Some(l)) => Ok(EntryId::Lift(l)),
            _ => Err(corrupt(format!(
                "import {} links neither one activity nor one lift",
                self.import_id
            ))),
        }
    }
}

/// The entries of this file's successful imports still in the log; empty when it may be imported.
async fn linked_ids(conn: &mut Conn, content_hash: &str) -> Result<Vec<EntryId>, StoreError> {
    let links: Vec<LinkDb> = sqlx::query_as(
        "SELECT e.import_id, e.activity_id, e.lift_id FROM imports i JOIN import_entries e ON e.import_id = i.id \
         WHERE i.content_hash = $1 AND i.status IN ('imported', 'duplicate') ORDER BY i.id, e.position",
    )
    .bind(content_hash)
    .fetch_all(conn)
    .await?;
    let mut ids = Vec::with_capacity(links.len());
    for link in links {
        let id = link.entry_id()?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl Store {
    /// Imports one file's sessions in one transaction — all of them or, on any error, nothing.
    ///
    /// A file whose content hash is already in the ledger (with an entry still in the log) is not imported
    /// again. Each item that is the same session as one already in the log ([`crate::dedup`]) is merged
    /// into it instead of stored twice. The ledger records the outcome. Validation happens before the
    /// transaction, so an invalid item fails the file without taking the write lock.
    pub async fn import(&self, batch: ImportBatch) -> Result<ImportOutcome, StoreError> {
        validate::content_hash(&batch.content_hash)?;
        let blobs = batch
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| validate::activity(a, &format!("activities[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, l) in batch.lifts.iter().enumerate() {
            validate::lift(l, &format!("lifts[{i}]"))?;
        }

        let mut tx = self.begin_write().await?;
        let ids = linked_ids(&mut tx, &batch.content_hash).await?;
        if !ids.is_empty() {
            // Dropping the transaction rolls it back: nothing was written.
            return Ok(ImportOutcome::AlreadyImported { ids });
        }
        let zone_max = zone_max_hr(&mut tx).await?;
        let mut created = Vec::new();
        let mut duplicates = Vec::new();
        for (i, (a, blob)) in batch.activities.iter().zip(&blobs).enumerate() {
            match activities::find_same(&mut tx, a).await? {
                Some(existing) => {
                    let merged =
                        activities::merge(&mut tx, &existing, a, blob.as_deref(), zone_max).await?;
                    let existing = EntryId::Activity(existing.id());
                    duplicates.push(Duplicate {
                        item: BatchItem::Activity(i),
                        existing,
                        merged,
                    });
                }
                None => {
                    let id = activities::insert(&mut tx, a, blob.as_deref(), zone_max).await?;
                    created.push(EntryId::Activity(id));
                }
            }
        }
        for (i, l) in batch.lifts.iter().enumerate() {
            match lifts::find_same(&mut tx, l).await? {
                Some(existing) => {
                    let merged = lifts::merge(&mut tx, &existing, l).await?;
                    let existing = EntryId::Lift(existing.id());
                    duplicates.push(Duplicate {
                        item: BatchItem::Lift(i),
                        existing,
                        merged,
                    });
                }
                None => created.push(EntryId::Lift(lifts::insert(&mut tx, l).await?)),
            }
        }

        let links: Vec<(&str, EntryId)> = created
            .iter()
            .map(|id| ("created", *id))
            .chain(duplicates.iter().map(|d| ("duplicate", d.existing)))
            .collect();
        let outcome = ImportOutcome::Imported {
            created,
            duplicates,
        };
        let status = outcome.status();
        let (import_id,): (i64,) = sqlx::query_as(
            "INSERT INTO imports (content_hash, path, format, status, message, imported_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&batch.content_hash)
        .bind(path_text(&batch.path))
        .bind(&batch.format)
        .bind(status.as_str())
        .bind(&batch.message)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        for (position, (role, id)) in links.into_iter().enumerate() {
            let (activity_id, lift_id) = match id {
                EntryId::Activity(n) => (Some(n), None),
                EntryId::Lift(n) => (None, Some(n)),
            };
            sqlx::query(
                "INSERT INTO import_entries (import_id, position, role, activity_id, lift_id) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(import_id)
            .bind(position as i64)
            .bind(role)
            .bind(activity_id)
            .bind(lift_id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    /// The entries a file with this content hash gave, if it was imported and any of them remain: lets the
    /// caller skip decoding a file it has seen. `None` when the file would be imported.
    pub async fn imported_ids(
        &self,
        content_hash: &str,
    ) -> Result<Option<Vec<EntryId>>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let ids = linked_ids(&mut conn, content_hash).await?;
        Ok(if ids.is_empty() { None } else { Some(ids) })
    }

    /// Records that a file failed to import. It stays importable: a failure never blocks a later
    /// successful import of the same content. Repeated failures of a file update one ledger row.
    pub async fn record_failure(
        &self,
        content_hash: &str,
        path: &Path,
        format: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.record_attempt(ImportStatus::Error, content_hash, path, format, message)
            .await
    }

    /// Records that a file holds nothing to import (e.g. a FIT settings file), with the reason. Like a
    /// failure, it does not block a later import of the same content.
    pub async fn record_skipped(
        &self,
        content_hash: &str,
        path: &Path,
        format: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.record_attempt(ImportStatus::Skipped, content_hash, path, format, reason)
            .await
    }

    async fn record_attempt(
        &self,
        status: ImportStatus,
        content_hash: &str,
        path: &Path,
        format: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        validate::content_hash(content_hash)?;
        let mut tx = self.begin_write().await?;
        // When the file's latest attempt had the same result, update it rather than grow the ledger on
        // every run over the same folder.
        let updated = sqlx::query(
            "UPDATE imports SET path = $1, format = $2, message = $3, imported_at_ms = $4 \
             WHERE id = (SELECT MAX(id) FROM imports WHERE content_hash = $5) AND status = $6",
        )
        .bind(path_text(path))
        .bind(format)
        .bind(message)
        .bind(now_ms())
        .bind(content_hash)
        .bind(status.as_str())
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            sqlx::query(
                "INSERT INTO imports (content_hash, path, format, status, message, imported_at_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(content_hash)
            .bind(path_text(path))
            .bind(format)
            .bind(status.as_str())
            .bind(message)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The ledger rows of a file's content hash, oldest first.
    pub async fn ledger(&self, content_hash: &str) -> Result<Vec<LedgerEntry>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let rows: Vec<ImportDb> = sqlx::query_as(
            "SELECT id, content_hash, path, format, status, message, imported_at_ms FROM imports \
             WHERE content_hash = $1 ORDER BY id",
        )
        .bind(content_hash)
        .fetch_all(&mut *tx)
        .await?;
        let links: Vec<LinkDb> = sqlx::query_as(
            "SELECT e.import_id, e.activity_id, e.lift_id FROM imports i JOIN import_entries e ON e.import_id = i.id \
             WHERE i.content_hash = $1 ORDER BY e.import_id, e.position",
        )
        .bind(content_hash)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(|r| {
                let ImportDb {
                    id,
                    content_hash,
                    path,
                    format,
                    status,
                    message,
                    imported_at_ms,
                } = r;
                let ids = links
                    .iter()
                    .filter(|l| l.import_id == id)
                    .map(LinkDb::entry_id)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(LedgerEntry {
                    id,
                    content_hash,
                    path,
                    format,
                    status: ImportStatus::parse(&status).ok_or_else(|| {
                        corrupt(format!("import {id}: unknown status '{status}'"))
                    })?,
                    message,
                    imported_at: from_ms(imported_at_ms, "import time")?,
                    ids,
                })
            })
            .collect()
    }

    /// Deletes an activity (with its samples) or a lift (with its exercises and sets), and its links in the
    /// import ledger: a file none of whose entries remain can be imported again.
    pub async fn delete(&self, id: EntryId) -> Result<(), StoreError> {
        // Child rows go by ON DELETE CASCADE, in the same statement.
        let (sql, n) = match id {
            EntryId::Activity(n) => ("DELETE FROM activities WHERE id = $1", n),
            EntryId::Lift(n) => ("DELETE FROM lifts WHERE id = $1", n),
        };
        let done = sqlx::query(sql).bind(n).execute(&self.pool).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(id));
        }
        Ok(())
    }

    /// Everything the athlete owns in the log, from one consistent snapshot, oldest first.
    pub async fn export_all(&self) -> Result<Export, StoreError> {
        let mut tx = self.pool.begin().await?;
        let export = Export {
            profile: journal::profile(&mut tx).await?,
            activities: activities::all(&mut tx).await?,
            lifts: lifts::all(&mut tx).await?,
            wellness: journal::all_wellness(&mut tx).await?,
        };
        tx.commit().await?;
        Ok(export)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TimeFilter;
    use crate::testdata::one_hour_run;

    /// The simple form of the crash test (tests/crash.rs kills a process): half a batch written in a
    /// transaction that is never committed leaves nothing behind.
    #[tokio::test]
    async fn an_uncommitted_import_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = Store::open(&path).await.unwrap();
        let run = one_hour_run("2025-03-01T07:00:00Z".parse().unwrap());
        let blob = validate::activity(&run, "").unwrap();
        let mut tx = store.begin_write().await.unwrap();
        for _ in 0..5 {
            activities::insert(&mut tx, &run, blob.as_deref(), None)
                .await
                .unwrap();
        }
        drop(tx);
        store.close().await;

        let store = Store::open(&path).await.unwrap();
        store.check_integrity().await.unwrap();
        assert!(
            store
                .activities(&TimeFilter::all())
                .await
                .unwrap()
                .is_empty()
        );
        assert!(store.export_all().await.unwrap().activities.is_empty());
    }
}
