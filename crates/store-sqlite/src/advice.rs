//! The advice log, written by **group commit**: an advice is answered only once it is durable.
//!
//! [`SqliteLog::record_advice`] puts the advice in a queue and waits for its turn to write. Whoever gets the
//! turn writes *everything* queued by then — its own advice and all that arrived while the previous batch
//! was being written — in one transaction on the writer connection, and answers each waiting caller with
//! its own result. Under load a batch holds every request that came in during one commit (a few hundred
//! microseconds), so the log costs one transaction per batch, not per advice; alone, an advice is one
//! transaction. Nothing is answered before its commit: a process killed at any moment has recorded every
//! advice it answered, and a commit that fails (a full disk) is every waiting caller's error.
//!
//! In WAL mode with `synchronous=NORMAL` a commit is in the operating system's hands when it returns: it
//! survives the process being killed, not necessarily a power cut ([`SqliteLog::open`]).
//!
//! The batch is written by a task of its own, so a caller that gives up waiting (a client that
//! disconnected) takes no one else's advice with it.

use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use afterlift_store::decode::{AdviceRow, advice_record};

use crate::{AdviceRecord, AthleteId, NewAdvice, StoreError, TimeFilter};
use crate::{BEGIN_WRITE, SqliteLog, Writes, filter_bounds, to_ms};

/// Rows per `INSERT` statement (4 parameters each; SQLite allows 32766).
const ROWS_PER_INSERT: usize = 256;

type Answer = oneshot::Sender<Result<i64, StoreError>>;

/// An advice waiting to be written, for its athlete.
type Waiting = (AthleteId, NewAdvice, Answer);

/// The advice waiting to be written, and whose turn it is to write.
#[derive(Debug, Default)]
pub(super) struct AdviceQueue {
    waiting: Mutex<Vec<Waiting>>,
    turn: Arc<tokio::sync::Mutex<()>>,
}

/// The athlete's whole advice log, oldest first.
pub(super) async fn all(
    conn: &mut crate::Conn,
    athlete: AthleteId,
) -> Result<Vec<AdviceRecord>, StoreError> {
    let rows: Vec<AdviceRow> = sqlx::query_as(
        "SELECT id, at_ms, request_json, response_json FROM advice_log WHERE athlete_id = $1 \
         ORDER BY at_ms, id",
    )
    .bind(athlete.0)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(advice_record).collect()
}

impl SqliteLog {
    /// Records a piece of advice and returns its id once it is committed; see the module's documentation.
    /// An error means the advice is not in the log.
    pub async fn record_advice(
        &self,
        athlete: AthleteId,
        advice: NewAdvice,
    ) -> Result<i64, StoreError> {
        let (answer, mut answered) = oneshot::channel();
        self.advice
            .waiting
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((athlete, advice, answer));
        let turn = Arc::clone(&self.advice.turn).lock_owned().await;
        // The batch written while this caller waited for its turn may have held its advice.
        if let Ok(result) = answered.try_recv() {
            return result;
        }
        let batch = std::mem::take(
            &mut *self
                .advice
                .waiting
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        let store = self.clone();
        tokio::spawn(async move {
            store.write_advice(batch).await;
            drop(turn);
        });
        answered.await.unwrap_or(Err(StoreError::NotRecorded))
    }

    /// Writes `batch` in one transaction and answers each caller; when the batch fails, each advice is
    /// tried alone, so one that cannot be written loses only itself.
    async fn write_advice(&self, batch: Vec<Waiting>) {
        if batch.is_empty() {
            return;
        }
        let advice: Vec<(AthleteId, &NewAdvice)> = batch.iter().map(|(w, a, _)| (*w, a)).collect();
        match self.insert_advice(&advice).await {
            Ok(ids) => {
                for ((_, _, answer), id) in batch.into_iter().zip(ids) {
                    let _ = answer.send(Ok(id));
                }
            }
            Err(_) if batch.len() > 1 => {
                for (athlete, one, answer) in batch {
                    let result = self
                        .insert_advice(&[(athlete, &one)])
                        .await
                        .map(|ids| ids[0]);
                    let _ = answer.send(result);
                }
            }
            Err(e) => {
                if let Some((_, _, answer)) = batch.into_iter().next() {
                    let _ = answer.send(Err(e));
                }
            }
        }
    }

    /// Inserts `advice` in one transaction on the writer; their ids in the same order.
    async fn insert_advice(
        &self,
        advice: &[(AthleteId, &NewAdvice)],
    ) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.writer.begin().await?;
        let mut q = Writes::new(BEGIN_WRITE);
        for chunk in advice.chunks(ROWS_PER_INSERT) {
            q.push(" INSERT INTO advice_log (athlete_id, at_ms, request_json, response_json) ");
            q.push_values(chunk, |mut row, (athlete, a)| {
                row.push_bind(athlete.0)
                    .push_bind(to_ms(a.at))
                    .push_bind(a.request_json.as_ref())
                    .push_bind(a.response_json.as_ref());
            });
            q.push(" RETURNING id;");
        }
        let rows: Vec<(i64,)> = q.build_query_as().fetch_all(tx.conn()).await?;
        // COMMIT on its own: its error (a full disk) must be this call's, not lost with the statement.
        sqlx::query("COMMIT").execute(tx.conn()).await?;
        tx.committed();
        // The advice log numbers one statement's rows in order; RETURNING's order is not promised.
        let mut ids: Vec<i64> = rows.into_iter().map(|(id,)| id).collect();
        ids.sort_unstable();
        if ids.len() != advice.len() {
            return Err(crate::corrupt(format!(
                "advice log: {} rows written for {} advice",
                ids.len(),
                advice.len()
            )));
        }
        Ok(ids)
    }

    /// Advice given within `filter` (by its time), newest first.
    pub async fn advice_log(
        &self,
        athlete: AthleteId,
        filter: &TimeFilter,
    ) -> Result<Vec<AdviceRecord>, StoreError> {
        let (from, to, limit) = filter_bounds(filter);
        let rows: Vec<AdviceRow> = sqlx::query_as(
            "SELECT id, at_ms, request_json, response_json FROM advice_log \
             WHERE athlete_id = $4 AND at_ms >= $1 AND at_ms < $2 ORDER BY at_ms DESC, id DESC LIMIT $3",
        )
        .bind(from)
        .bind(to)
        .bind(limit)
        .bind(athlete.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(advice_record).collect()
    }
}
