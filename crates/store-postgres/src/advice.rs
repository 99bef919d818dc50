//! The advice log, written by group commit ([`afterlift_store::batch`]): one transaction per batch
//! of the advice that arrived while the previous batch was being committed, so that a busy server pays one
//! WAL flush for many advice, not one each.
//!
//! An advice's id is its athlete's next advice id, taken from the athlete's `advice_ids` row — a row of its
//! own, so recording advice never waits for an import or a profile change of the same athlete, which hold
//! the `athletes` row. A batch takes each of its athletes' ids in one statement, in athlete order (two
//! servers' batches lock the rows in the same order, so they wait for each other, never deadlock). Advice
//! does not move the change feed: it is not what a reader caches.

use std::collections::BTreeMap;

use afterlift_store::batch::RunBatch;
use afterlift_store::decode::{AdviceRow, advice_record};

use crate::{AdviceRecord, AthleteId, NewAdvice, StoreError, TimeFilter};
use crate::{Conn, PgLog, filter_bounds, now_ms, to_ms};

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
    /// Records a piece of advice and returns its id once it is committed (by group commit). An error
    /// means the advice is not in the log.
    pub async fn record_advice(
        &self,
        athlete: AthleteId,
        advice: NewAdvice,
    ) -> Result<i64, StoreError> {
        self.advice.submit(self, (athlete, advice)).await
    }

    /// Inserts `advice` in one transaction; their ids in the same order.
    async fn insert_advice_batch(
        &self,
        advice: &[(AthleteId, &NewAdvice)],
    ) -> Result<Vec<i64>, StoreError> {
        // How many each athlete gets, in athlete order.
        let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
        for (athlete, _) in advice {
            *counts.entry(athlete.0).or_default() += 1;
        }
        let athletes: Vec<i64> = counts.keys().copied().collect();
        let numbers: Vec<i64> = counts.values().copied().collect();
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO athletes (id, created_at_ms) SELECT a, $2 FROM unnest($1::bigint[]) a \
             WHERE NOT EXISTS (SELECT 1 FROM athletes WHERE id = a) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&athletes)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        // Each athlete's counter moves by their number of advice; RETURNING gives the new value.
        let next: Vec<(i64, i64)> = sqlx::query_as(
            "INSERT INTO advice_ids (athlete_id, next_id) \
             SELECT a, n + 1 FROM unnest($1::bigint[], $2::bigint[]) AS c(a, n) ORDER BY a \
             ON CONFLICT (athlete_id) DO UPDATE SET next_id = advice_ids.next_id + EXCLUDED.next_id - 1 \
             RETURNING athlete_id, next_id",
        )
        .bind(&athletes)
        .bind(&numbers)
        .fetch_all(&mut *tx)
        .await?;
        let mut first: BTreeMap<i64, i64> = BTreeMap::new();
        for (athlete, next_id) in next {
            first.insert(
                athlete,
                next_id - counts.get(&athlete).copied().unwrap_or(0),
            );
        }
        let mut ids = Vec::with_capacity(advice.len());
        for (athlete, _) in advice {
            let id = first.get_mut(&athlete.0).ok_or_else(|| {
                StoreError::Corrupt(format!(
                    "advice ids: no counter returned for athlete {}",
                    athlete.0
                ))
            })?;
            ids.push(*id);
            *id += 1;
        }
        let column =
            |f: fn(&NewAdvice) -> &str| advice.iter().map(|(_, a)| f(a)).collect::<Vec<_>>();
        sqlx::query(
            "INSERT INTO advice_log (athlete_id, id, at_ms, request_json, response_json) \
             SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[])",
        )
        .bind(advice.iter().map(|(a, _)| a.0).collect::<Vec<_>>())
        .bind(&ids)
        .bind(advice.iter().map(|(_, a)| to_ms(a.at)).collect::<Vec<_>>())
        .bind(column(|a| a.request_json.as_ref()))
        .bind(column(|a| a.response_json.as_ref()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
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

impl RunBatch<(AthleteId, NewAdvice), i64> for PgLog {
    async fn run_batch(&self, advice: &[(AthleteId, NewAdvice)]) -> Result<Vec<i64>, StoreError> {
        let advice: Vec<(AthleteId, &NewAdvice)> = advice.iter().map(|(w, a)| (*w, a)).collect();
        self.insert_advice_batch(&advice).await
    }
}
