//! [`Accounts`] on PostgreSQL: users, tokens, invitations and grants (migration 0002). Secrets arrive
//! hashed. The same statements as the SQLite backend's; an athlete's removal cascades from `athletes`.

use afterlift_store::accounts::{
    Accounts, Grant, NewToken, Principal, Role, TokenKind, TokenRecord, User, UserId,
};
use async_trait::async_trait;
use jiff::Timestamp;

use crate::{AthleteId, CHANNEL, PgLog, StoreError, from_ms};

type R<T> = Result<T, StoreError>;

const USER_COLUMNS: &str =
    "u.id, u.name, u.role, u.athlete_id, u.created_at_ms, (u.password_hash IS NOT NULL)";

type UserRow = (i64, String, String, Option<i64>, i64, bool);

fn user(row: UserRow) -> R<User> {
    let (id, name, role, athlete, created_ms, has_password) = row;
    Ok(User {
        id: UserId(id),
        name,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("user {id}: unknown role '{role}'")))?,
        athlete: athlete.map(AthleteId),
        created_at: from_ms(created_ms, "users.created_at_ms")?,
        has_password,
    })
}

type TokenRow = (i64, i64, String, String, i64, Option<i64>);

fn token(row: TokenRow) -> R<TokenRecord> {
    let (id, user, kind, label, created_ms, expires_ms) = row;
    Ok(TokenRecord {
        id,
        user: UserId(user),
        kind: TokenKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("token {id}: unknown kind '{kind}'")))?,
        label,
        created_at: from_ms(created_ms, "tokens.created_at_ms")?,
        expires_at: expires_ms
            .map(|ms| from_ms(ms, "tokens.expires_at_ms"))
            .transpose()?,
    })
}

const GRANT_SELECT: &str = "SELECT g.coach_id, c.name, g.athlete_id, a.name, g.granted_at_ms \
     FROM grants g JOIN users c ON c.id = g.coach_id JOIN users a ON a.athlete_id = g.athlete_id";

fn grant(row: (i64, String, i64, String, i64)) -> R<Grant> {
    let (coach, coach_name, athlete, athlete_name, at_ms) = row;
    Ok(Grant {
        coach: UserId(coach),
        coach_name,
        athlete: AthleteId(athlete),
        athlete_name,
        granted_at: from_ms(at_ms, "grants.granted_at_ms")?,
    })
}

/// A user name: 1–64 characters, no control characters or surrounding spaces.
fn checked_name(name: &str) -> R<(&str, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(StoreError::invalid(
            "name",
            "a user name is 1 to 64 characters, without control characters",
        ));
    }
    Ok((name, name.to_lowercase()))
}

fn name_taken(name: &str) -> StoreError {
    StoreError::Conflict(format!("a user named '{name}' already exists"))
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
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
        Ok(User {
            id: UserId(id),
            name: name.to_string(),
            role,
            athlete,
            created_at: from_ms(at.as_millisecond(), "users.created_at_ms")?,
            has_password: password_hash.is_some(),
        })
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
        let row: Option<(i64, String, String, Option<i64>, i64, bool, Option<String>)> =
            sqlx::query_as(&format!(
                "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.name_key = $1"
            ))
            .bind(name.trim().to_lowercase())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|(id, n, role, athlete, created, has, hash)| {
            Ok((user((id, n, role, athlete, created, has))?, hash))
        })
        .transpose()
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
        let row: Option<(
            i64,
            String,
            String,
            Option<i64>,
            i64,
            bool,
            i64,
            String,
            String,
            i64,
            Option<i64>,
        )> = sqlx::query_as(&format!(
            "SELECT {USER_COLUMNS}, t.id, t.kind, t.label, t.created_at_ms, t.expires_at_ms \
                 FROM tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.token_hash = $1 AND (t.expires_at_ms IS NULL OR t.expires_at_ms > $2)"
        ))
        .bind(token_hash)
        .bind(now.as_millisecond())
        .fetch_optional(&self.pool)
        .await?;
        row.map(
            |(id, name, role, athlete, created, has, tid, kind, label, tcreated, texp)| {
                Ok(Principal {
                    user: user((id, name, role, athlete, created, has))?,
                    token: token((tid, id, kind, label, tcreated, texp))?,
                })
            },
        )
        .transpose()
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
        let row: (i64, String, i64, String, i64) = sqlx::query_as(&format!(
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
        let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(&format!(
            "{GRANT_SELECT} WHERE g.athlete_id = $1 ORDER BY c.name_key"
        ))
        .bind(athlete.0)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(grant).collect()
    }

    async fn athletes_of(&self, coach: UserId) -> R<Vec<Grant>> {
        let rows: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(&format!(
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
