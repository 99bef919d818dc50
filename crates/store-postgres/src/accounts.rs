//! [`Accounts`] on PostgreSQL: users, tokens, invitations and grants (migration 0002). Secrets arrive
//! hashed. The same statements as the SQLite backend's; an athlete's removal cascades from `athletes`.

use afterlift_store::accounts::{
    Accounts, Grant, NewToken, Principal, Role, TokenKind, TokenRecord, User, UserId,
};
use afterlift_store::batch::RunBatch;
use afterlift_store::decode::{
    GrantRow, PrincipalRow, TokenRow, UserRow, UserWithHashRow, checked_name, grant,
    is_unique_violation, name_key, name_taken, new_user, principal, token, user, user_with_hash,
};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::postgres::PgRow;
use sqlx::{FromRow, Row};

use afterlift_store::KnownVersion;

use crate::{AthleteId, CHANNEL, PgLog, StoreError};

type R<T> = Result<T, StoreError>;

const USER_COLUMNS: &str =
    "u.id, u.name, u.role, u.athlete_id, u.created_at_ms, (u.password_hash IS NOT NULL)";

const GRANT_SELECT: &str = "SELECT g.coach_id, c.name, g.athlete_id, a.name, g.granted_at_ms \
     FROM grants g JOIN users c ON c.id = g.coach_id JOIN users a ON a.athlete_id = g.athlete_id";

/// A token's owner, if valid, and the version of their own log.
pub(crate) type Found = Option<(Principal, Option<i64>)>;

/// Token look-ups, many requests' at once: `(token hash, now in ms)` in, the token's owner if it is valid
/// at that instant out, with the version of the owner's own log (`athletes.version`) read in the same query.
impl RunBatch<(String, i64), Found> for PgLog {
    async fn run_batch(&self, asked: &[(String, i64)]) -> R<Vec<Found>> {
        let hashes: Vec<&str> = asked.iter().map(|(h, _)| h.as_str()).collect();
        // A `PrincipalRow` (the first eleven columns), then the token's hash and the log's version.
        let rows: Vec<PgRow> = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, t.id, t.kind, t.label, t.created_at_ms, t.expires_at_ms, \
                 t.token_hash, a.version FROM tokens t JOIN users u ON u.id = t.user_id \
                 LEFT JOIN athletes a ON a.id = u.athlete_id WHERE t.token_hash = ANY($1)"
        ))
        .bind(&hashes)
        .fetch_all(&self.pool)
        .await?;
        let mut found = std::collections::HashMap::with_capacity(rows.len());
        for row in rows {
            let owner: PrincipalRow = FromRow::from_row(&row)?;
            let expires = owner.10;
            let hash: String = row.try_get(11)?;
            let version: Option<i64> = row.try_get(12)?;
            found.insert(hash, (expires, principal(owner)?, version));
        }
        Ok(asked
            .iter()
            .map(|(hash, now_ms)| {
                found
                    .get(hash)
                    .filter(|(expires, _, _)| expires.is_none_or(|e| e > *now_ms))
                    .map(|(_, p, version)| (p.clone(), *version))
            })
            .collect())
    }
}

impl PgLog {
    async fn insert_user(
        &self,
        name: &str,
        role: Role,
        athlete: Option<AthleteId>,
        new_athlete: bool,
        password_hash: Option<&str>,
        at: Timestamp,
    ) -> R<User> {
        let (name, key) = checked_name(name)?;
        let mut tx = self.pool.begin().await?;
        let athlete = if new_athlete {
            // Athletes are numbered by the store (a write may name a new one); a new account's athlete
            // takes the next number, one account at a time.
            sqlx::query("LOCK TABLE athletes IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO athletes (id, created_at_ms) \
                 SELECT COALESCE(MAX(id), 0) + 1, $1 FROM athletes RETURNING id",
            )
            .bind(at.as_millisecond())
            .fetch_one(&mut *tx)
            .await?;
            Some(AthleteId(id))
        } else {
            if let Some(a) = athlete {
                sqlx::query(
                    "INSERT INTO athletes (id, created_at_ms) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING",
                )
                .bind(a.0)
                .bind(at.as_millisecond())
                .execute(&mut *tx)
                .await?;
            }
            athlete
        };
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (name, name_key, role, athlete_id, password_hash, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(name)
        .bind(&key)
        .bind(role.as_str())
        .bind(athlete.map(|a| a.0))
        .bind(password_hash)
        .bind(at.as_millisecond())
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok(id) => id,
            Err(e) if is_unique_violation(&e) => {
                // The failed statement aborted the transaction: ask outside it.
                drop(tx);
                let same_name: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE name_key = $1)")
                        .bind(&key)
                        .fetch_one(&self.pool)
                        .await?;
                return Err(if same_name {
                    name_taken(name)
                } else {
                    StoreError::Conflict(format!(
                        "{} already belongs to another user",
                        athlete.map_or_else(|| "the log".into(), |a| a.to_string())
                    ))
                });
            }
            Err(e) => return Err(e.into()),
        };
        tx.commit().await?;
        new_user(id, name, role, athlete, password_hash.is_some(), at)
    }
}

#[async_trait]
impl Accounts for PgLog {
    async fn has_users(&self) -> R<bool> {
        Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users)")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn add_user(
        &self,
        name: &str,
        role: Role,
        password_hash: Option<&str>,
        at: Timestamp,
    ) -> R<User> {
        self.insert_user(name, role, None, role == Role::Athlete, password_hash, at)
            .await
    }

    async fn adopt_athlete(
        &self,
        name: &str,
        athlete: AthleteId,
        password_hash: Option<&str>,
        at: Timestamp,
    ) -> R<User> {
        self.insert_user(name, Role::Athlete, Some(athlete), false, password_hash, at)
            .await
    }

    async fn users(&self) -> R<Vec<User>> {
        let rows: Vec<UserRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS} FROM users u ORDER BY u.name_key"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(user).collect()
    }

    async fn user_by_name(&self, name: &str) -> R<Option<(User, Option<String>)>> {
        let row: Option<UserWithHashRow> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.name_key = $1"
        ))
        .bind(name_key(name))
        .fetch_optional(&self.pool)
        .await?;
        row.map(user_with_hash).transpose()
    }

    async fn remove_user(&self, id: UserId) -> R<()> {
        let mut tx = self.pool.begin().await?;
        let athlete: Option<Option<i64>> =
            sqlx::query_scalar("SELECT athlete_id FROM users WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(athlete) = athlete else {
            return Err(StoreError::Missing(format!("no {id}")));
        };
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        if let Some(athlete) = athlete {
            // The athlete's log goes with them: every table cascades from `athletes`.
            sqlx::query("DELETE FROM athletes WHERE id = $1")
                .bind(athlete)
                .execute(&mut *tx)
                .await?;
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(athlete.to_string())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        if let Some(athlete) = athlete {
            self.changes.bump(AthleteId(athlete));
        }
        Ok(())
    }

    async fn set_password_hash(&self, id: UserId, password_hash: Option<&str>) -> R<()> {
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id.0)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Missing(format!("no {id}")));
        }
        Ok(())
    }

    async fn add_token(&self, t: &NewToken<'_>) -> R<TokenRecord> {
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO tokens (user_id, kind, label, token_hash, created_at_ms, expires_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(t.user.0)
        .bind(t.kind.as_str())
        .bind(t.label)
        .bind(t.token_hash)
        .bind(t.created_at.as_millisecond())
        .bind(t.expires_at.map(Timestamp::as_millisecond))
        .fetch_one(&self.pool)
        .await;
        let id = match inserted {
            Ok(id) => id,
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict("this token is already kept".into()));
            }
            Err(e)
                if e.as_database_error()
                    .is_some_and(|d| d.is_foreign_key_violation()) =>
            {
                return Err(StoreError::Missing(format!("no {}", t.user)));
            }
            Err(e) => return Err(e.into()),
        };
        token((
            id,
            t.user.0,
            t.kind.as_str().into(),
            t.label.into(),
            t.created_at.as_millisecond(),
            t.expires_at.map(Timestamp::as_millisecond),
        ))
    }

    async fn tokens(&self, user: UserId) -> R<Vec<TokenRecord>> {
        let rows: Vec<TokenRow> = sqlx::query_as(
            "SELECT id, user_id, kind, label, created_at_ms, expires_at_ms FROM tokens \
             WHERE user_id = $1 ORDER BY id DESC",
        )
        .bind(user.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(token).collect()
    }

    async fn revoke_token(&self, user: UserId, id: i64) -> R<bool> {
        let done = sqlx::query("DELETE FROM tokens WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn revoke_tokens(&self, user: UserId, kind: TokenKind) -> R<u64> {
        let done = sqlx::query("DELETE FROM tokens WHERE user_id = $1 AND kind = $2")
            .bind(user.0)
            .bind(kind.as_str())
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn principal(&self, token_hash: &str, now: Timestamp) -> R<Option<Principal>> {
        // Every request looks its token up: batched with the others arriving meanwhile, and with the
        // version of the user's own log, which then costs the request no query of its own.
        let before = self.changes.any();
        let found = self
            .principals
            .submit(self, (token_hash.to_owned(), now.as_millisecond()))
            .await?;
        Ok(found.map(|(mut p, version)| {
            if let (Some(athlete), Some(database)) = (p.user.athlete, version) {
                let local = self.version(athlete);
                // No write of this process since before the read (see `KnownVersion`).
                if self.changes.any() == before {
                    p.own_log_version = Some(KnownVersion::new(database as u64, local));
                }
            }
            p
        }))
    }

    async fn add_invitation(
        &self,
        athlete: AthleteId,
        code_hash: &str,
        created_at: Timestamp,
        expires_at: Timestamp,
    ) -> R<()> {
        sqlx::query(
            "INSERT INTO invitations (code_hash, athlete_id, created_at_ms, expires_at_ms) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(code_hash)
        .bind(athlete.0)
        .bind(created_at.as_millisecond())
        .bind(expires_at.as_millisecond())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn accept_invitation(
        &self,
        coach: UserId,
        code_hash: &str,
        now: Timestamp,
    ) -> R<Option<Grant>> {
        let mut tx = self.pool.begin().await?;
        let is_coach: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND role = 'coach')",
        )
        .bind(coach.0)
        .fetch_one(&mut *tx)
        .await?;
        if !is_coach {
            return Ok(None);
        }
        // Used up whatever follows: a code is good for one acceptance.
        let invitation: Option<(i64, i64)> = sqlx::query_as(
            "DELETE FROM invitations WHERE code_hash = $1 RETURNING athlete_id, expires_at_ms",
        )
        .bind(code_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(athlete) = invitation
            .filter(|&(_, expires_ms)| expires_ms > now.as_millisecond())
            .map(|(athlete, _)| athlete)
        else {
            tx.commit().await?;
            return Ok(None);
        };
        sqlx::query(
            "INSERT INTO grants (coach_id, athlete_id, granted_at_ms) VALUES ($1, $2, $3) \
             ON CONFLICT (coach_id, athlete_id) DO NOTHING",
        )
        .bind(coach.0)
        .bind(athlete)
        .bind(now.as_millisecond())
        .execute(&mut *tx)
        .await?;
        let row: GrantRow = sqlx::query_as(&format!(
            "{GRANT_SELECT} WHERE g.coach_id = $1 AND g.athlete_id = $2"
        ))
        .bind(coach.0)
        .bind(athlete)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        grant(row).map(Some)
    }

    async fn coaches_of(&self, athlete: AthleteId) -> R<Vec<Grant>> {
        let rows: Vec<GrantRow> = sqlx::query_as(&format!(
            "{GRANT_SELECT} WHERE g.athlete_id = $1 ORDER BY c.name_key"
        ))
        .bind(athlete.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(grant).collect()
    }

    async fn athletes_of(&self, coach: UserId) -> R<Vec<Grant>> {
        let rows: Vec<GrantRow> = sqlx::query_as(&format!(
            "{GRANT_SELECT} WHERE g.coach_id = $1 ORDER BY a.name_key"
        ))
        .bind(coach.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(grant).collect()
    }

    async fn revoke_grant(&self, athlete: AthleteId, coach: UserId) -> R<bool> {
        let done = sqlx::query("DELETE FROM grants WHERE athlete_id = $1 AND coach_id = $2")
            .bind(athlete.0)
            .bind(coach.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
