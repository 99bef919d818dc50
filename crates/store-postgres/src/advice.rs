//! The advice log: an advice is answered only once committed.
//!
//! Each advice is one short transaction; PostgreSQL orders concurrent ones. Its id is the athlete's next
//! advice id, taken from the athlete's `advice_ids` row — a row of its own, so recording advice never
//! waits for an import or a profile change of the same athlete, which hold the `athletes` row. Advice
//! does not move the change feed: it is not what a reader caches.

use afterlift_store::decode::{AdviceRow, advice_record};

use crate::{AdviceRecord, AthleteId, NewAdvice, StoreError, TimeFilter};
use crate::{Conn, PgLog, ensure_athlete, filter_bounds, to_ms};

/// The athlete's whole advice log, oldest first.
pub(super) async fn all(
    conn: &mut Conn,
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

impl PgLog {
    /// Records a piece of advice and returns its id once it is committed. An error means the advice is
    /// not in the log.
    pub async fn record_advice(
        &self,
        athlete: AthleteId,
        advice: NewAdvice,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        ensure_athlete(&mut tx, athlete).await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO advice_ids (athlete_id, next_id) VALUES ($1, 2) \
             ON CONFLICT (athlete_id) DO UPDATE SET next_id = advice_ids.next_id + 1 \
             RETURNING next_id - 1",
        )
        .bind(athlete.0)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO advice_log (athlete_id, id, at_ms, request_json, response_json) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(athlete.0)
        .bind(id)
        .bind(to_ms(advice.at))
        .bind(advice.request_json.as_ref())
        .bind(advice.response_json.as_ref())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
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
