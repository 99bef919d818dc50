//! Importing a file's sessions atomically, the import ledger, deleting entries, and exporting everything.

use sqlx::{FromRow, Row};

use crate::{
    AthleteId, BatchItem, Duplicate, EntryId, Export, ImportBatch, ImportOutcome, LedgerEntry,
    StoreError, ledger_word, validate,
};
use crate::{
    BEGIN_WRITE, Conn, SqliteLog, Writes, activities, aliases, corrupt, journal, lifts, now_ms,
};
use afterlift_store::Attempt;
use afterlift_store::decode::{
    ActivityDb, ImportDb, LinkDb, Merge, RoleLinkDb, ledger_entries, ledger_links, link_columns,
    link_ids, path_text, pick_same,
};

/// Appends the query for the ledger links of a content hash's successful imports, for [`link_ids`].
fn push_links<'q>(q: &mut Writes<'q>, athlete: AthleteId, content_hash: &'q str) {
    q.push(
        "SELECT 'link' AS row_kind, e.import_id, e.activity_id, e.lift_id \
         FROM imports i JOIN import_entries e ON e.import_id = i.id WHERE i.athlete_id = ",
    )
    .push_bind(athlete.0)
    .push(" AND i.content_hash = ")
    .push_bind(content_hash)
    .push(" AND i.status IN ('imported', 'duplicate') ORDER BY i.id, e.position;");
}

/// Rows per multi-row `INSERT` of ledger links (5 parameters each, well below SQLite's 32,766).
const LINKS_PER_INSERT: usize = 500;

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
        "SELECT e.import_id, e.activity_id, e.lift_id, e.role FROM imports i JOIN import_entries e ON e.import_id = i.id \
         WHERE i.athlete_id = $2 AND ($1 IS NULL OR i.content_hash = $1) ORDER BY e.import_id, e.position",
    )
    .bind(content_hash)
    .bind(athlete.0)
    .fetch_all(&mut *conn)
    .await?;
    ledger_entries(rows, links)
}

impl SqliteLog {
    /// Imports one file's sessions in one transaction — all of them or, on any error, nothing.
    ///
    /// A file whose content hash is already in the ledger (with an entry still in the log) is not imported
    /// again. Each item that is the same session as one already in the log ([`crate::dedup`]) is merged
    /// into it instead of stored twice. The ledger records the outcome. Validation happens before the
    /// transaction, so an invalid item fails the file without taking the write lock.
    pub async fn import(
        &self,
        athlete: AthleteId,
        batch: ImportBatch,
    ) -> Result<ImportOutcome, StoreError> {
        let blobs = validate::import_batch(&batch)?;

        // Round trips on the writer: (1) BEGIN IMMEDIATE with every query the first activity needs (the
        // ledger, the zone basis, new ids, its duplicate candidates); (2) per further activity, the
        // previous one's writes with its candidates; (3) the lifts, statement by statement, as they are
        // rare in bulk; (4) the last writes, the ledger row and its links, and COMMIT.
        let mut tx = self.writer.begin().await?;
        let mut q = Writes::new(BEGIN_WRITE);
        push_links(&mut q, athlete, &batch.content_hash);
        q.push(" SELECT 'zone' AS row_kind, max_hr_bpm FROM profile WHERE athlete_id = ")
            .push_bind(athlete.0)
            .push(";");
        q.push(
            " \
             SELECT 'next' AS row_kind, MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'activities'), 0), \
             COALESCE((SELECT MAX(id) FROM activities), 0)) + 1 AS activity_id, \
             COALESCE((SELECT MAX(id) FROM imports), 0) + 1 AS import_id;",
        );
        let partial = batch.partial.is_some();
        if let Some(first) = batch.activities.first() {
            q.push(" SELECT 'same' AS row_kind, ");
            activities::push_candidates(&mut q, athlete, first, partial);
        }
        let rows = q.build().fetch_all(tx.conn()).await?;
        let mut links = Vec::new();
        let mut zone_max = None;
        let mut next_ids = None;
        let mut candidates = Vec::new();
        for row in &rows {
            match row.try_get::<&str, _>("row_kind")? {
                "link" => links.push(LinkDb::from_row(row)?),
                "zone" => zone_max = row.try_get::<Option<f64>, _>("max_hr_bpm")?,
                "next" => {
                    next_ids = Some((
                        row.try_get::<i64, _>("activity_id")?,
                        row.try_get::<i64, _>("import_id")?,
                    ))
                }
                "same" => candidates.push(ActivityDb::from_row(row)?),
                other => return Err(corrupt(format!("unexpected row '{other}'"))),
            }
        }
        drop(rows);
        let ids = link_ids(&links)?;
        if !ids.is_empty() {
            tx.rollback().await?;
            return Ok(ImportOutcome::AlreadyImported { ids });
        }
        let (mut next_activity_id, import_id) =
            next_ids.ok_or_else(|| corrupt("no new ids from the import query"))?;

        let mut q = Writes::new("");
        let mut created = Vec::new();
        let mut duplicates = Vec::new();
        for (i, (a, blob)) in batch.activities.iter().zip(blobs).enumerate() {
            if i > 0 {
                // The previous activities' writes first, so that this one can duplicate them.
                q.push(" SELECT ");
                activities::push_candidates(&mut q, athlete, a, partial);
                candidates = q.build_query_as().fetch_all(tx.conn()).await?;
                q.reset();
            }
            match pick_same(std::mem::take(&mut candidates), a) {
                Some(existing) => {
                    let merge =
                        activities::push_merge(&mut q, &existing, a, blob, zone_max, partial);
                    duplicates.push(Duplicate {
                        item: BatchItem::Activity(i),
                        existing: EntryId::Activity(existing.id()),
                        merged: merge != Merge::Unchanged,
                        replaced_partial: merge == Merge::ReplacedPartial,
                    });
                }
                None => {
                    activities::push_insert(
                        &mut q,
                        athlete,
                        next_activity_id,
                        a,
                        blob,
                        zone_max,
                        partial,
                    );
                    created.push(EntryId::Activity(next_activity_id));
                    next_activity_id += 1;
                }
            }
        }
        if !batch.lifts.is_empty() {
            if !q.sql().is_empty() {
                q.build().execute(tx.conn()).await?;
                q.reset();
            }
            for (i, l) in batch.lifts.iter().enumerate() {
                match lifts::find_same(tx.conn(), athlete, l).await? {
                    Some(existing) => {
                        let merged = lifts::merge(tx.conn(), &existing, l).await?;
                        duplicates.push(Duplicate {
                            item: BatchItem::Lift(i),
                            existing: EntryId::Lift(existing.id()),
                            merged,
                            replaced_partial: false,
                        });
                    }
                    None => {
                        created.push(EntryId::Lift(lifts::insert(tx.conn(), athlete, l).await?))
                    }
                }
            }
        }

        let links = ledger_links(&created, &duplicates);
        let outcome = ImportOutcome::Imported {
            created,
            duplicates,
        };
        let status = outcome.status();
        q.push(
            "INSERT INTO imports (id, content_hash, path, format, status, message, partial, imported_at_ms, \
             athlete_id) VALUES (",
        );
        q.separated(", ")
            .push_bind(import_id)
            .push_bind(batch.content_hash.as_str())
            .push_bind(path_text(&batch.path))
            .push_bind(batch.format.as_str())
            .push_bind(ledger_word(status))
            .push_bind(batch.message.as_deref())
            .push_bind(batch.partial.as_deref())
            .push_bind(now_ms())
            .push_bind(athlete.0);
        q.push(");");
        for (chunk_no, chunk) in links.chunks(LINKS_PER_INSERT).enumerate() {
            q.push("INSERT INTO import_entries (import_id, position, role, activity_id, lift_id) ");
            q.push_values(chunk.iter().enumerate(), |mut row, (i, (role, id))| {
                let (activity_id, lift_id) = link_columns(*id);
                row.push_bind(import_id)
                    .push_bind((chunk_no * LINKS_PER_INSERT + i) as i64)
                    .push_bind(*role)
                    .push_bind(activity_id)
                    .push_bind(lift_id);
            });
            q.push(";");
        }
        q.push("COMMIT;");
        q.build().execute(tx.conn()).await?;
        tx.committed();
        self.changed();
        Ok(outcome)
    }

    /// The entries a file with this content hash gave, if it was imported and any of them remain: lets the
    /// caller skip decoding a file it has seen. `None` when the file would be imported.
    pub async fn imported_ids(
        &self,
        athlete: AthleteId,
        content_hash: &str,
    ) -> Result<Option<Vec<EntryId>>, StoreError> {
        // On the writer: one round trip, with its prepared statement, and no pool checkout.
        let mut writer = self.writer.lock().await?;
        let conn = writer
            .as_mut()
            .expect("Writer::lock leaves a connection in the slot");
        let mut q = Writes::new("");
        push_links(&mut q, athlete, content_hash);
        let links: Vec<LinkDb> = q.build_query_as().fetch_all(conn).await?;
        let ids = link_ids(&links)?;
        Ok(if ids.is_empty() { None } else { Some(ids) })
    }

    /// Records a file that gave nothing to the log (failed, or held nothing to import). It stays
    /// importable: such an attempt never blocks a later successful import of the same content. When the
    /// file's latest attempt had the same result, that row is updated rather than the ledger grown on
    /// every run over the same folder.
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
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE imports SET path = $1, format = $2, message = $3, imported_at_ms = $4 \
             WHERE id = (SELECT MAX(id) FROM imports WHERE athlete_id = $7 AND content_hash = $5) \
             AND status = $6",
        )
        .bind(path_text(path))
        .bind(format)
        .bind(message)
        .bind(now_ms())
        .bind(content_hash)
        .bind(ledger_word(status))
        .bind(athlete.0)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            sqlx::query(
                "INSERT INTO imports (content_hash, path, format, status, message, imported_at_ms, athlete_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(content_hash)
            .bind(path_text(path))
            .bind(format)
            .bind(ledger_word(status))
            .bind(message)
            .bind(now_ms())
            .bind(athlete.0)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The ledger rows of a file's content hash, oldest first.
    pub async fn ledger(
        &self,
        athlete: AthleteId,
        content_hash: &str,
    ) -> Result<Vec<LedgerEntry>, StoreError> {
        let mut tx = self.pool.begin().await?;
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
                "DELETE FROM activities WHERE id = $1 AND athlete_id = $2",
                n,
            ),
            EntryId::Lift(n) => ("DELETE FROM lifts WHERE id = $1 AND athlete_id = $2", n),
        };
        let done = sqlx::query(sql)
            .bind(n)
            .bind(athlete.0)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(id));
        }
        self.changed();
        Ok(())
    }

    /// Everything the athlete owns in the log, from one consistent snapshot, oldest first.
    pub async fn export_all(&self, athlete: AthleteId) -> Result<Export, StoreError> {
        let mut tx = self.pool.begin().await?;
        let export = Export {
            profile: journal::profile(&mut tx, athlete).await?,
            activities: activities::all(&mut tx, athlete).await?,
            lifts: lifts::all(&mut tx, athlete).await?,
            wellness: journal::all_wellness(&mut tx, athlete).await?,
            aliases: aliases::all(&mut tx, athlete).await?,
            advice: crate::advice::all(&mut tx, athlete).await?,
            ledger: ledger_rows(&mut tx, athlete, None).await?,
            experiments: crate::experiments::all(&mut tx, athlete).await?,
        };
        tx.commit().await?;
        Ok(export)
    }
}

#[cfg(test)]
mod tests {
    use crate::TimeFilter;
    use crate::testdata::one_hour_run;
    use crate::*;

    /// The log at `path`, reopened, is consistent and holds no activity.
    async fn assert_no_trace(path: &std::path::Path) {
        let store = SqliteLog::open(path).await.unwrap();
        store.check_integrity().await.unwrap();
        assert!(
            store
                .activities(AthleteId::LOCAL, &TimeFilter::all())
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .export_all(AthleteId::LOCAL)
                .await
                .unwrap()
                .activities
                .is_empty()
        );
    }

    /// The simple form of the crash test (tests/crash.rs kills a process): half a batch written in a
    /// transaction that is never committed leaves nothing behind.
    #[tokio::test]
    async fn an_uncommitted_import_leaves_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = SqliteLog::open(&path).await.unwrap();
        let run = one_hour_run("2025-03-01T07:00:00Z".parse().unwrap());
        let blob = validate::activity(&run, "").unwrap();
        let mut tx = store.begin_write().await.unwrap();
        for _ in 0..5 {
            activities::insert(&mut tx, AthleteId::LOCAL, &run, blob.as_deref(), None)
                .await
                .unwrap();
        }
        drop(tx);
        store.close().await;

        assert_no_trace(&path).await;
    }

    /// A full disk (SQLite's SQLITE_FULL, here from a page limit on the writer) is said as such, and the
    /// import leaves no trace.
    #[tokio::test]
    async fn a_full_disk_says_so_and_writes_nothing() {
        use sqlx::Executor;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = SqliteLog::open(&path).await.unwrap();
        {
            let mut slot = store.writer.conn.lock().await;
            let conn = slot.as_mut().unwrap();
            let (pages,): (i64,) = sqlx::query_as("PRAGMA page_count")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            conn.execute(format!("PRAGMA max_page_count = {}", pages + 4).as_str())
                .await
                .unwrap();
        }
        let start: jiff::Timestamp = "2025-03-01T07:00:00Z".parse().unwrap();
        let batch = ImportBatch {
            content_hash: afterlift_store::content_hash(b"big"),
            path: "big.fit".into(),
            format: "fit".into(),
            activities: (0..20)
                .map(|i| one_hour_run(start + jiff::SignedDuration::from_hours(2 * i)))
                .collect(),
            ..ImportBatch::default()
        };
        let e = store.import(AthleteId::LOCAL, batch).await.unwrap_err();
        assert!(matches!(e, StoreError::DiskFull(_)), "{e:?}");
        assert!(e.to_string().starts_with("the disk is full"), "{e}");
        store.close().await;
        assert_no_trace(&path).await;
    }

    /// An import whose future is dropped part-way (a cancelled request) writes nothing, releases the write
    /// lock at once, and leaves the store usable.
    #[tokio::test]
    async fn a_dropped_import_leaves_no_trace_and_no_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.db");
        let store = SqliteLog::open(&path).await.unwrap();
        let start: jiff::Timestamp = "2025-03-01T07:00:00Z".parse().unwrap();
        let batch = |name: &str, n: i64| ImportBatch {
            content_hash: afterlift_store::content_hash(name.as_bytes()),
            path: name.into(),
            format: "fit".into(),
            activities: (0..n)
                .map(|i| one_hour_run(start + jiff::SignedDuration::from_hours(2 * i)))
                .collect(),
            ..ImportBatch::default()
        };
        let mut dropped = 0;
        for round in 0..12 {
            let big = batch(&format!("big {round}"), 100);
            let cut = std::time::Duration::from_micros(500 + 700 * round);
            if tokio::time::timeout(cut, store.import(AthleteId::LOCAL, big))
                .await
                .is_err()
            {
                dropped += 1;
            }
            // Whatever happened, the file was imported entirely or not at all.
            let n = store
                .activities(AthleteId::LOCAL, &TimeFilter::all())
                .await
                .unwrap()
                .len();
            assert_eq!(n % 100, 0, "round {round}: {n} activities");
            store.delete_all_for_test().await;
        }
        assert!(dropped > 0, "no import was dropped part-way");
        // Another connection can take the write lock, and the store imports again.
        let other = SqliteLog::open(&path).await.unwrap();
        other
            .insert_activity(AthleteId::LOCAL, &one_hour_run(start))
            .await
            .unwrap();
        let outcome = store
            .import(AthleteId::LOCAL, batch("small", 2))
            .await
            .unwrap();
        assert_eq!(outcome.ids().len(), 2);
        store.check_integrity().await.unwrap();
    }

    impl SqliteLog {
        async fn delete_all_for_test(&self) {
            sqlx::query("DELETE FROM activities")
                .execute(&self.pool)
                .await
                .unwrap();
        }
    }
}
