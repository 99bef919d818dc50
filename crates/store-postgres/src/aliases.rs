//! The athlete's exercise aliases: their own names for catalogue exercises, one row per normalised name.
//!
//! The store keeps what it is given: that the exercise is one the catalogue knows is checked before
//! (`afterlift_core::catalogue::Aliases::check`), since a catalogue of a later version may rename exercises
//! and the log must still open. Readers build `Aliases::from_pairs`, which leaves out unknown exercises.

use afterlift_core::catalogue::{Alias, Aliases};

use crate::{AthleteId, StoreError, validate};
use crate::{Conn, PgLog, now_ms};

pub(super) async fn all(conn: &mut Conn, athlete: AthleteId) -> Result<Vec<Alias>, StoreError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, exercise FROM exercise_aliases WHERE athlete_id = $1 ORDER BY name_key",
    )
    .bind(athlete.0)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, exercise)| Alias { name, exercise })
        .collect())
}

pub(super) async fn upsert(
    conn: &mut Conn,
    athlete: AthleteId,
    key: &str,
    alias: &Alias,
    at_ms: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO exercise_aliases (athlete_id, name_key, name, exercise, updated_at_ms) \
         VALUES ($5, $1, $2, $3, $4) \
         ON CONFLICT (athlete_id, name_key) DO UPDATE SET name = excluded.name, exercise = excluded.exercise, \
         updated_at_ms = excluded.updated_at_ms",
    )
    .bind(key)
    .bind(alias.name.trim())
    .bind(alias.exercise.trim())
    .bind(at_ms)
    .bind(athlete.0)
    .execute(conn)
    .await?;
    Ok(())
}

impl PgLog {
    /// Every alias, ordered by normalised name.
    pub async fn aliases(&self, athlete: AthleteId) -> Result<Vec<Alias>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        all(&mut conn, athlete).await
    }

    /// Keeps every alias of `aliases` (a restore), all or none: one invalid alias writes nothing.
    pub async fn set_aliases(
        &self,
        athlete: AthleteId,
        aliases: &[Alias],
    ) -> Result<(), StoreError> {
        let keyed = validate::aliases(aliases)?;
        let at_ms = now_ms();
        let mut tx = self.begin_write(athlete).await?;
        for (key, alias) in keyed {
            upsert(tx.conn(), athlete, &key, alias, at_ms).await?;
        }
        tx.commit(self).await
    }

    /// Forgets the alias of this name (normalised as aliases are); returns the one removed, if any.
    pub async fn delete_alias(
        &self,
        athlete: AthleteId,
        name: &str,
    ) -> Result<Option<Alias>, StoreError> {
        let key = Aliases::key(name);
        if key.is_empty() {
            return Ok(None);
        }
        let mut tx = self.begin_write(athlete).await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "DELETE FROM exercise_aliases WHERE athlete_id = $1 AND name_key = $2 RETURNING name, exercise",
        )
        .bind(athlete.0)
        .bind(key)
        .fetch_optional(tx.conn())
        .await?;
        tx.commit(self).await?;
        Ok(row.map(|(name, exercise)| Alias { name, exercise }))
    }
}
