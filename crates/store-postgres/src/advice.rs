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

    /// Inserts `advice` in one statement (so one round trip, and its own transaction); their ids in the
    /// same order.
    async fn insert_advice_batch(
        &self,
        advice: &[(AthleteId, &NewAdvice)],
    ) -> Result<Vec<i64>, StoreError> {
        let column =
            |f: fn(&NewAdvice) -> &str| advice.iter().map(|(_, a)| f(a)).collect::<Vec<_>>();
        // The athletes made sure of; each athlete's counter moved by their number of advice, in athlete
        // order (RETURNING gives the new value); the advice numbered from it in the batch's order, as the
        // ids below are.
        let next: Vec<(i64, i64)> = sqlx::query_as(
            "WITH input AS ( \
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) \
                     WITH ORDINALITY AS i(athlete_id, at_ms, request_json, response_json, n)), \
             counts AS (SELECT athlete_id, count(*) AS c FROM input GROUP BY athlete_id), \
             added AS (INSERT INTO athletes (id, created_at_ms) SELECT athlete_id, $5 FROM counts \
                 ON CONFLICT (id) DO NOTHING), \
             ids AS (INSERT INTO advice_ids (athlete_id, next_id) \
                 SELECT athlete_id, c + 1 FROM counts ORDER BY athlete_id \
                 ON CONFLICT (athlete_id) DO UPDATE SET next_id = advice_ids.next_id + EXCLUDED.next_id - 1 \
                 RETURNING athlete_id, next_id), \
             logged AS (INSERT INTO advice_log (athlete_id, id, at_ms, request_json, response_json) \
                 SELECT i.athlete_id, \
                     ids.next_id - counts.c - 1 + row_number() OVER (PARTITION BY i.athlete_id ORDER BY i.n), \
                     i.at_ms, i.request_json, i.response_json \
                 FROM input i JOIN ids USING (athlete_id) JOIN counts USING (athlete_id)) \
             SELECT athlete_id, next_id FROM ids",
        )
        .bind(advice.iter().map(|(a, _)| a.0).collect::<Vec<_>>())
        .bind(advice.iter().map(|(_, a)| to_ms(a.at)).collect::<Vec<_>>())
        .bind(column(|a| a.request_json.as_ref()))
        .bind(column(|a| a.response_json.as_ref()))
        .bind(now_ms())
        .fetch_all(&self.pool)
        .await?;
        let mut counts: BTreeMap<i64, i64> = BTreeMap::new();
        for (athlete, _) in advice {
            *counts.entry(athlete.0).or_default() += 1;
        }
        // Each athlete's first id: the counter's new value less their number of advice.
        let mut first: BTreeMap<i64, i64> = next
            .into_iter()
            .map(|(athlete, next_id)| {
                (
                    athlete,
                    next_id - counts.get(&athlete).copied().unwrap_or(0),
                )
            })
            .collect();
        advice
            .iter()
            .map(|(athlete, _)| {
                let id = first.get_mut(&athlete.0).ok_or_else(|| {
                    StoreError::Corrupt(format!(
                        "advice ids: no counter returned for athlete {}",
                        athlete.0
                    ))
                })?;
                *id += 1;
                Ok(*id - 1)
            })
            .collect()
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
