//! The advice log, written by group commit ([`afterlift_store::batch`]) on the writer connection.
//!
//! In WAL mode with `synchronous=NORMAL` a commit is in the operating system's hands when it returns: it
//! survives the process being killed, not necessarily a power cut ([`SqliteLog::open`]).

use afterlift_store::batch::RunBatch;
use afterlift_store::decode::{AdviceRow, advice_record};

use crate::{AdviceRecord, AthleteId, NewAdvice, StoreError, TimeFilter};
use crate::{BEGIN_WRITE, SqliteLog, Writes, filter_bounds, to_ms};

/// Rows per `INSERT` statement (4 parameters each; SQLite allows 32766).
const ROWS_PER_INSERT: usize = 256;

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
    /// Records a piece of advice and returns its id once it is committed (by group commit). An error
    /// means the advice is not in the log.
    pub async fn record_advice(
        &self,
        athlete: AthleteId,
        advice: NewAdvice,
    ) -> Result<i64, StoreError> {
        self.advice.submit(self, (athlete, advice)).await
    }

    /// Inserts `advice` in one transaction on the writer; their ids in the same order.
    async fn insert_advice_batch(
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

impl RunBatch<(AthleteId, NewAdvice), i64> for SqliteLog {
    async fn run_batch(&self, advice: &[(AthleteId, NewAdvice)]) -> Result<Vec<i64>, StoreError> {
        let advice: Vec<(AthleteId, &NewAdvice)> = advice.iter().map(|(w, a)| (*w, a)).collect();
        self.insert_advice_batch(&advice).await
    }
}
