//! The athlete's exercise aliases: their own names for catalogue exercises, one row per normalised name.
//!
//! The store keeps what it is given: that the exercise is one the catalogue knows is checked before
//! (`afterlift_core::catalogue::Aliases::check`), since a catalogue of a later version may rename exercises
//! and the log must still open. Readers build `Aliases::from_pairs`, which leaves out unknown exercises.

use afterlift_core::catalogue::{Alias, Aliases};

use super::{Conn, Store, now_ms};
use crate::{StoreError, validate};

pub(super) async fn all(conn: &mut Conn) -> Result<Vec<Alias>, StoreError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT name, exercise FROM exercise_aliases ORDER BY name_key")
            .fetch_all(conn)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(name, exercise)| Alias { name, exercise })
        .collect())
}

async fn upsert(conn: &mut Conn, key: &str, alias: &Alias, at_ms: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO exercise_aliases (name_key, name, exercise, updated_at_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, exercise = excluded.exercise, \
         updated_at_ms = excluded.updated_at_ms",
    )
    .bind(key)
    .bind(alias.name.trim())
    .bind(alias.exercise.trim())
    .bind(at_ms)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// Every alias, ordered by normalised name.
    pub async fn aliases(&self) -> Result<Vec<Alias>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        all(&mut conn).await
    }

    /// Keeps `alias`, replacing an alias of the same (normalised) name.
    pub async fn set_alias(&self, alias: &Alias) -> Result<(), StoreError> {
        self.set_aliases(std::slice::from_ref(alias)).await
    }

    /// Keeps every alias of `aliases` (a restore), all or none: one invalid alias writes nothing.
    pub async fn set_aliases(&self, aliases: &[Alias]) -> Result<(), StoreError> {
        let mut keyed = Vec::with_capacity(aliases.len());
        for (i, a) in aliases.iter().enumerate() {
            let prefix = if aliases.len() == 1 {
                String::new()
            } else {
                format!("aliases[{i}]")
            };
            keyed.push((validate::alias(a, &prefix)?, a));
        }
        let at_ms = now_ms();
        let mut tx = self.begin_write().await?;
        for (key, alias) in keyed {
            upsert(&mut tx, &key, alias, at_ms).await?;
        }
        tx.commit().await?;
        self.changed();
        Ok(())
    }

    /// Forgets the alias of this name (normalised as aliases are); returns the one removed, if any.
    pub async fn delete_alias(&self, name: &str) -> Result<Option<Alias>, StoreError> {
        let key = Aliases::key(name);
        if key.is_empty() {
            return Ok(None);
        }
        // In a transaction: an autocommitted statement with RETURNING commits after its row is read, and
        // a failed commit would go unseen.
        let mut tx = self.begin_write().await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "DELETE FROM exercise_aliases WHERE name_key = $1 RETURNING name, exercise",
        )
        .bind(key)
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        self.changed();
        Ok(row.map(|(name, exercise)| Alias { name, exercise }))
    }
}
