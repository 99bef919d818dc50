//! Personal experiments (migration 0007): kept as declared, listed, stopped. Ids count from 1 per athlete
//! (the highest plus one, inside the `BEGIN IMMEDIATE` transaction that inserts); the open experiment —
//! at most one — is checked in the same transaction.

use afterlift_store::decode::{ExperimentDb, seed_column};
use afterlift_store::{ExperimentRecord, NewExperiment};
use jiff::civil::Date;

use crate::{AthleteId, Conn, SqliteLog, StoreError, now_ms, to_ms, validate};

const COLUMNS: &str =
    "id, created_at_ms, comparison, seed, protocol_json, starts_on, ends_on, stopped_on";

/// Every experiment of `athlete`, by id.
pub(super) async fn all(
    conn: &mut Conn,
    athlete: AthleteId,
) -> Result<Vec<ExperimentRecord>, StoreError> {
    let rows: Vec<ExperimentDb> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM experiments WHERE athlete_id = $1 ORDER BY id"
    ))
    .bind(athlete.0)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(ExperimentDb::into_record).collect()
}

async fn one(
    conn: &mut Conn,
    athlete: AthleteId,
    id: i64,
) -> Result<Option<ExperimentRecord>, StoreError> {
    let row: Option<ExperimentDb> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM experiments WHERE athlete_id = $1 AND id = $2"
    ))
    .bind(athlete.0)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(ExperimentDb::into_record).transpose()
}

/// Writes `new` under `id` (the caller checked it and holds the write lock).
pub(super) async fn insert_at(
    conn: &mut Conn,
    athlete: AthleteId,
    id: i64,
    new: &NewExperiment,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO experiments (athlete_id, id, created_at_ms, comparison, seed, protocol_json, \
         starts_on, ends_on, stopped_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(athlete.0)
    .bind(id)
    .bind(to_ms(new.created_at))
    .bind(&new.comparison)
    .bind(seed_column(new.seed))
    .bind(&new.protocol_json)
    .bind(new.starts_on.to_string())
    .bind(new.ends_on.to_string())
    .bind(new.stopped_on.map(|d| d.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

impl SqliteLog {
    /// See [`afterlift_store::Store::insert_experiment`].
    pub async fn insert_experiment(
        &self,
        athlete: AthleteId,
        new: &NewExperiment,
    ) -> Result<ExperimentRecord, StoreError> {
        validate::experiment(new)?;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO athletes (id, created_at_ms) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
        )
        .bind(athlete.0)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if let Some(today) = new.exclusive_on {
            let open: Option<(i64, String)> = sqlx::query_as(
                "SELECT id, ends_on FROM experiments WHERE athlete_id = $1 AND stopped_on IS NULL \
                 AND ends_on >= $2 ORDER BY id DESC LIMIT 1",
            )
            .bind(athlete.0)
            .bind(today.to_string())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((id, ends_on)) = open {
                let ends_on: Date = ends_on.parse().unwrap_or(today);
                return Err(validate::experiment_open(id, ends_on));
            }
        }
        let (id,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM experiments WHERE athlete_id = $1",
        )
        .bind(athlete.0)
        .fetch_one(&mut *tx)
        .await?;
        insert_at(&mut tx, athlete, id, new).await?;
        let stored = one(&mut tx, athlete, id).await?.ok_or_else(|| {
            crate::corrupt(format!("experiment {id} is not there after its insert"))
        })?;
        tx.commit().await?;
        self.changed();
        Ok(stored)
    }

    /// See [`afterlift_store::Store::experiments`]: newest first.
    pub async fn experiments(
        &self,
        athlete: AthleteId,
    ) -> Result<Vec<ExperimentRecord>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let mut all = all(&mut conn, athlete).await?;
        all.reverse();
        Ok(all)
    }

    /// See [`afterlift_store::Store::experiment`].
    pub async fn experiment(
        &self,
        athlete: AthleteId,
        id: i64,
    ) -> Result<ExperimentRecord, StoreError> {
        let mut conn = self.pool.acquire().await?;
        one(&mut conn, athlete, id)
            .await?
            .ok_or_else(|| validate::no_experiment(id))
    }

    /// See [`afterlift_store::Store::stop_experiment`].
    pub async fn stop_experiment(
        &self,
        athlete: AthleteId,
        id: i64,
        on: Date,
    ) -> Result<ExperimentRecord, StoreError> {
        if on.year() < 1000 {
            return Err(StoreError::invalid(
                "stopped_on",
                format!("{on} is before the year 1000"),
            ));
        }
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE experiments SET stopped_on = COALESCE(stopped_on, $3) \
             WHERE athlete_id = $1 AND id = $2",
        )
        .bind(athlete.0)
        .bind(id)
        .bind(on.to_string())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(validate::no_experiment(id));
        }
        let stored = one(&mut tx, athlete, id)
            .await?
            .ok_or_else(|| validate::no_experiment(id))?;
        tx.commit().await?;
        self.changed();
        Ok(stored)
    }
}
