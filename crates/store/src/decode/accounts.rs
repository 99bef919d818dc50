//! Accounts: the user, token and grant rows, and the checks and conflicts both backends share.

use jiff::Timestamp;

use super::from_ms;
use crate::AthleteId;
use crate::StoreError;
use crate::accounts::{Grant, Principal, Role, TokenKind, TokenRecord, User, UserId};

type R<T> = Result<T, StoreError>;

/// A user: id, name, role, athlete, created (ms), whether they have a password.
pub type UserRow = (i64, String, String, Option<i64>, i64, bool);

/// A [`UserRow`] followed by the password hash.
pub type UserWithHashRow = (i64, String, String, Option<i64>, i64, bool, Option<String>);

/// A token: id, user, kind, label, created (ms), expires (ms).
pub type TokenRow = (i64, i64, String, String, i64, Option<i64>);

/// A [`UserRow`] followed by their token's id, kind, label, created and expires (ms).
pub type PrincipalRow = (
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
);

/// A grant: coach id and name, athlete id and name, granted (ms).
pub type GrantRow = (i64, String, i64, String, i64);

pub fn user(row: UserRow) -> R<User> {
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

pub fn user_with_hash(row: UserWithHashRow) -> R<(User, Option<String>)> {
    let (id, n, role, athlete, created, has, hash) = row;
    Ok((user((id, n, role, athlete, created, has))?, hash))
}

pub fn token(row: TokenRow) -> R<TokenRecord> {
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

pub fn principal(row: PrincipalRow) -> R<Principal> {
    let (id, name, role, athlete, created, has, tid, kind, label, tcreated, texp) = row;
    Ok(Principal {
        user: user((id, name, role, athlete, created, has))?,
        token: token((tid, id, kind, label, tcreated, texp))?,
        own_log_version: None,
    })
}

pub fn grant(row: GrantRow) -> R<Grant> {
    let (coach, coach_name, athlete, athlete_name, at_ms) = row;
    Ok(Grant {
        coach: UserId(coach),
        coach_name,
        athlete: AthleteId(athlete),
        athlete_name,
        granted_at: from_ms(at_ms, "grants.granted_at_ms")?,
    })
}

/// A user name as it is looked up: trimmed, lowercase.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A user name: 1–64 characters, no control characters or surrounding spaces. The name as kept, and its
/// [`name_key`].
pub fn checked_name(name: &str) -> R<(&str, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(StoreError::invalid(
            "name",
            "a user name is 1 to 64 characters, without control characters",
        ));
    }
    Ok((name, name_key(name)))
}

pub fn name_taken(name: &str) -> StoreError {
    StoreError::Conflict(format!("a user named '{name}' already exists"))
}

pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

/// The user just added, as [`user`] would read it back.
pub fn new_user(
    id: i64,
    name: &str,
    role: Role,
    athlete: Option<AthleteId>,
    has_password: bool,
    at: Timestamp,
) -> R<User> {
    Ok(User {
        id: UserId(id),
        name: name.to_string(),
        role,
        athlete,
        created_at: from_ms(at.as_millisecond(), "users.created_at_ms")?,
        has_password,
    })
}
