//! Importing a file's sessions atomically, the import ledger (with archives), deleting entries, and
//! exporting everything.

use std::path::Path;

use afterlift_store::Attempt;
use afterlift_store::decode::{
    ImportDb, LinkDb, Merge, RoleLinkDb, archive_message, ledger_entries, ledger_links,
    link_columns, link_ids, path_text, pick_same,
};

use crate::{
    AthleteId, BatchItem, Duplicate, EntryId, Export, ImportBatch, ImportOutcome, LedgerEntry,
    StoreError, ledger_word, validate,
};
use crate::{Conn, PgLog, WriteTx, activities, advice, aliases, journal, lifts, now_ms};

/// The entries still linked to a content hash's successful imports, each once, in order; empty when the
/// file may be imported.
async fn linked_ids(
    conn: &mut Conn,
    athlete: AthleteId,
    content_hash: &str,
) -> Result<Vec<EntryId>, StoreError> {
    let links: Vec<LinkDb> = sqlx::query_as(
        "SELECT e.import_id, e.activity_id, e.lift_id FROM imports i \
         JOIN import_entries e ON e.athlete_id = i.athlete_id AND e.import_id = i.id \
         WHERE i.athlete_id = $1 AND i.content_hash = $2 AND i.status IN ('imported', 'duplicate') \
         ORDER BY i.id, e.position",
    )
    .bind(athlete.0)
    .bind(content_hash)
    .fetch_all(conn)
    .await?;
    link_ids(&links)
}

/// Adds a ledger row with its links (created, then duplicates, in order).
#[allow(clippy::too_many_arguments)]
async fn insert_ledger_row(
    tx: &mut WriteTx,
    content_hash: &str,
    path: &Path,
    format: &str,
    status: &str,
    message: Option<&str>,
    partial: Option<&str>,
    links: &[(&str, EntryId)],
) -> Result<(), StoreError> {
    let path = path_text(path);
    let row = LedgerRow {
        content_hash,
        path: &path,
        format,
        status,
        message,
        partial,
        at_ms: now_ms(),
    };
    insert_ledger_row_at(tx, &row, links).await
}

/// A ledger row to write.
pub(super) struct LedgerRow<'a> {
    pub content_hash: &'a str,
    pub path: &'a str,
    pub format: &'a str,
    pub status: &'a str,
    pub message: Option<&'a str>,
    pub partial: Option<&'a str>,
    pub at_ms: i64,
}

/// Adds a ledger row (under the transaction's next import id) with its links.
pub(super) async fn insert_ledger_row_at(
    tx: &mut WriteTx,
    row: &LedgerRow<'_>,
    links: &[(&str, EntryId)],
) -> Result<(), StoreError> {
    let import_id = tx.next_import();
    let athlete = tx.athlete;
    sqlx::query(
        "INSERT INTO imports (athlete_id, id, content_hash, path, format, status, message, partial, \
         imported_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(athlete.0)
    .bind(import_id)
    .bind(row.content_hash)
    .bind(row.path)
    .bind(row.format)
    .bind(row.status)
    .bind(row.message)
    .bind(row.partial)
    .bind(row.at_ms)
    .execute(tx.conn())
    .await?;
    if links.is_empty() {
        return Ok(());
    }
    let roles: Vec<&str> = links.iter().map(|(role, _)| *role).collect();
    let (activity_ids, lift_ids): (Vec<Option<i64>>, Vec<Option<i64>>) =
        links.iter().map(|(_, id)| link_columns(*id)).unzip();
    // One statement for all the links: arrays unnested with their position (from 0).
    sqlx::query(
        "INSERT INTO import_entries (athlete_id, import_id, position, role, activity_id, lift_id) \
         SELECT $1, $2, t.n - 1, t.role, t.activity_id, t.lift_id \
         FROM UNNEST($3::TEXT[], $4::BIGINT[], $5::BIGINT[]) WITH ORDINALITY \
         AS t (role, activity_id, lift_id, n)",
    )
    .bind(athlete.0)
    .bind(import_id)
    .bind(roles)
    .bind(activity_ids)
    .bind(lift_ids)
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The ledger rows of a content hash (of every file when `None`), oldest first, with their links.
pub(super) async fn ledger_rows(
    conn: &mut Conn,
    athlete: AthleteId,
    content_hash: Option<&str>,
) -> Result<Vec<LedgerEntry>, StoreError> {
    let rows: Vec<ImportDb> = sqlx::query_as(
        "SELECT id, content_hash, path, format, status, message, partial, imported_at_ms FROM imports \
         WHERE athlete_id = $2 AND ($1 IS NULL OR content_hash = $1) ORDER BY id",
    )
    .bind(content_hash)
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    let links: Vec<RoleLinkDb> = sqlx::query_as(
        "SELECT e.import_id, e.activity_id, e.lift_id, e.role FROM imports i JOIN import_entries e ON e.athlete_id = i.athlete_id AND e.import_id = i.id \
         WHERE i.athlete_id = $2 AND ($1 IS NULL OR i.content_hash = $1) ORDER BY e.import_id, e.position",
    )
    .bind(content_hash)
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    ledger_entries(rows, links)
}

impl PgLog {
    /// Imports one file's sessions in one transaction — all of them or, on any error, nothing.
    ///
    /// A file whose content hash is already in the athlete's ledger (with an entry still in the log) is
    /// not imported again. Each item that is the same session as one already in the athlete's log
    /// ([`crate::dedup`]) is merged into it instead of stored twice. The ledger records the outcome.
    /// Validation happens before the transaction; the athlete's row lock makes two imports of the same
    /// file (or session) take turns, so the second sees the first.
    pub async fn import(
        &self,
        athlete: AthleteId,
        batch: ImportBatch,
    ) -> Result<ImportOutcome, StoreError> {
        let blobs = validate::import_batch(&batch)?;

        let mut tx = self.begin_write(athlete).await?;
        let ids = linked_ids(tx.conn(), athlete, &batch.content_hash).await?;
        if !ids.is_empty() {
            // Dropping the transaction rolls it back: nothing was written.
            return Ok(ImportOutcome::AlreadyImported { ids });
        }
        let zone_max = crate::zone_max_hr(tx.conn(), athlete).await?;
        let partial = batch.partial.is_some();
        let mut created = Vec::new();
        let mut duplicates = Vec::new();
        for (i, (a, blob)) in batch.activities.iter().zip(blobs).enumerate() {
            let candidates = activities::candidates(tx.conn(), athlete, a, partial).await?;
            match pick_same(candidates, a) {
                Some(existing) => {
                    let merge = activities::merge(
                        tx.conn(),
                        athlete,
                        &existing,
                        a,
                        blob.as_deref(),
                        zone_max,
                        partial,
                    )
                    .await?;
                    duplicates.push(Duplicate {
                        item: BatchItem::Activity(i),
                        existing: EntryId::Activity(existing.id()),
                        merged: merge != Merge::Unchanged,
                        replaced_partial: merge == Merge::ReplacedPartial,
                    });
                }
                None => {
                    let id = activities::insert_new(&mut tx, a, blob.as_deref(), zone_max, partial)
                        .await?;
                    created.push(EntryId::Activity(id));
                }
            }
        }
        for (i, l) in batch.lifts.iter().enumerate() {
            match lifts::find_same(tx.conn(), athlete, l).await? {
                Some(existing) => {
                    let merged = lifts::merge(tx.conn(), athlete, &existing, l).await?;
                    duplicates.push(Duplicate {
                        item: BatchItem::Lift(i),
                        existing: EntryId::Lift(existing.id()),
                        merged,
                        replaced_partial: false,
                    });
                }
                None => created.push(EntryId::Lift(lifts::insert(&mut tx, l).await?)),
            }
        }

        let links = ledger_links(&created, &duplicates);
        let outcome = ImportOutcome::Imported {
            created,
            duplicates,
        };
        insert_ledger_row(
            &mut tx,
            &batch.content_hash,
            &batch.path,
            &batch.format,
            ledger_word(outcome.status()),
            batch.message.as_deref(),
            batch.partial.as_deref(),
            &links,
        )
        .await?;
        tx.commit(self).await?;
        Ok(outcome)
    }

    /// The entries a file with this content hash gave, if it was imported and any of them remain: lets the
    /// caller skip decoding a file it has seen. `None` when the file would be imported.
    pub async fn imported_ids(
        &self,
        athlete: AthleteId,
        content_hash: &str,
    ) -> Result<Option<Vec<EntryId>>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let ids = linked_ids(&mut conn, athlete, content_hash).await?;
        Ok(if ids.is_empty() { None } else { Some(ids) })
    }

    /// Records a file that gave nothing to the log (failed, or held nothing to import). It stays
    /// importable. When the file's latest attempt had the same result, that row is updated rather than
    /// the ledger grown on every run over the same folder.
    pub async fn record_attempt(
        &self,
        athlete: AthleteId,
        attempt: &Attempt<'_>,
    ) -> Result<(), StoreError> {
        let Attempt {
            status,
            content_hash,
            path,
            format,
            message,
        } = *attempt;
        validate::content_hash(content_hash)?;
        let mut tx = self.begin_write(athlete).await?;
        let updated = sqlx::query(
            "UPDATE imports SET path = $1, format = $2, message = $3, imported_at_ms = $4 \
             WHERE athlete_id = $7 AND id = (SELECT MAX(id) FROM imports WHERE athlete_id = $7 \
             AND content_hash = $5) AND status = $6",
        )
        .bind(path_text(path))
        .bind(format)
        .bind(message)
        .bind(now_ms())
        .bind(content_hash)
        .bind(ledger_word(status))
        .bind(athlete.0)
        .execute(tx.conn())
        .await?;
        if updated.rows_affected() == 0 {
            insert_ledger_row(
                &mut tx,
                content_hash,
                path,
                format,
                ledger_word(status),
                Some(message),
                None,
                &[],
            )
            .await?;
        }
        tx.commit(self).await
    }

    /// Records an archive every entry of which was imported, duplicated or skipped: its ledger row links
    /// the entries its members gave — as `duplicate` links, since the members' own rows created them — so
    /// that importing the same archive again is answered from the ledger without reading it.
    pub async fn record_archive(
        &self,
        athlete: AthleteId,
        content_hash: &str,
        path: &Path,
        format: &str,
        ids: &[EntryId],
    ) -> Result<(), StoreError> {
        validate::content_hash(content_hash)?;
        let links: Vec<(&str, EntryId)> = ids.iter().map(|id| ("duplicate", *id)).collect();
        let mut tx = self.begin_write(athlete).await?;
        insert_ledger_row(
            &mut tx,
            content_hash,
            path,
            format,
            "imported",
            Some(&archive_message(ids.len())),
            None,
            &links,
        )
        .await?;
        tx.commit(self).await
    }

    /// The ledger rows of a file's content hash, oldest first.
    pub async fn ledger(
        &self,
        athlete: AthleteId,
        content_hash: &str,
    ) -> Result<Vec<LedgerEntry>, StoreError> {
        let mut tx = self.begin_read().await?;
        let rows = ledger_rows(&mut tx, athlete, Some(content_hash)).await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// Deletes an activity (with its samples) or a lift (with its exercises and sets), and its links in the
    /// import ledger: a file none of whose entries remain can be imported again.
    pub async fn delete(&self, athlete: AthleteId, id: EntryId) -> Result<(), StoreError> {
        // Child rows go by ON DELETE CASCADE, in the same statement.
        let (sql, n) = match id {
            EntryId::Activity(n) => (
                "DELETE FROM activities WHERE athlete_id = $1 AND id = $2",
                n,
            ),
            EntryId::Lift(n) => ("DELETE FROM lifts WHERE athlete_id = $1 AND id = $2", n),
        };
        let mut tx = self.begin_write(athlete).await?;
        let done = sqlx::query(sql)
            .bind(athlete.0)
            .bind(n)
            .execute(tx.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(id));
        }
        tx.commit(self).await
    }

    /// Everything the athlete owns in the log, from one consistent snapshot, oldest first.
    pub async fn export_all(&self, athlete: AthleteId) -> Result<Export, StoreError> {
        let mut tx = self.begin_read().await?;
        let export = Export {
            profile: journal::profile(&mut tx, athlete).await?,
            activities: activities::all(&mut tx, athlete).await?,
            lifts: lifts::all(&mut tx, athlete).await?,
            wellness: journal::all_wellness(&mut tx, athlete).await?,
            aliases: aliases::all(&mut tx, athlete).await?,
            advice: advice::all(&mut tx, athlete).await?,
            ledger: ledger_rows(&mut tx, athlete, None).await?,
            experiments: crate::experiments::all(&mut tx, athlete).await?,
        };
        tx.commit().await?;
        Ok(export)
    }
}
