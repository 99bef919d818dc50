//! Accounts, for a log shared by several people (coaches and teams): users, their tokens, and the
//! grants by which an athlete lets a coach see their log.
//!
//! A personal log has no users at all and needs none (the single-user mode). Once it has a user, the
//! server asks every request who it is. An **athlete** user owns one athlete's log ([`AthleteId`]); a
//! **coach** user owns none and sees the logs of the athletes who granted them access.
//!
//! The store keeps only what it is given: passwords, tokens and invitation codes arrive already hashed
//! (hashing and generating them is `afterlift-app`'s), so nothing secret is ever in the database, and
//! a token is found by its hash.

use async_trait::async_trait;
use jiff::Timestamp;

use crate::{AthleteId, StoreError};

type R<T> = Result<T, StoreError>;

/// A user's number, unique within one database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(pub i64);

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "user {}", self.0)
    }
}

/// What a user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Owns one athlete's log.
    Athlete,
    /// Sees the logs of the athletes who granted access.
    Coach,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Athlete => "athlete",
            Role::Coach => "coach",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "athlete" => Some(Role::Athlete),
            "coach" => Some(Role::Coach),
            _ => None,
        }
    }
}

/// A user as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    /// Unique, as typed (compared case-insensitively).
    pub name: String,
    pub role: Role,
    /// The athlete's own log; `None` for a coach.
    pub athlete: Option<AthleteId>,
    pub created_at: Timestamp,
    /// Whether the user can sign in to the dashboard with a password.
    pub has_password: bool,
}

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An API token (`Authorization: Bearer …`), made by `afterlift token create`.
    Api,
    /// A dashboard session (the sign-in cookie).
    Session,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Api => "api",
            TokenKind::Session => "session",
        }
    }

    pub fn parse(text: &str) -> Option<TokenKind> {
        match text {
            "api" => Some(TokenKind::Api),
            "session" => Some(TokenKind::Session),
            _ => None,
        }
    }
}

/// A token as listed (never the token itself: only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub id: i64,
    pub user: UserId,
    pub kind: TokenKind,
    pub label: String,
    pub created_at: Timestamp,
    /// After this instant the token is refused; `None`: until revoked.
    pub expires_at: Option<Timestamp>,
}

/// A new token, hashed by the caller.
#[derive(Debug, Clone, Copy)]
pub struct NewToken<'a> {
    pub user: UserId,
    pub kind: TokenKind,
    pub label: &'a str,
    pub token_hash: &'a str,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
}

/// Who a valid token belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user: User,
    pub token: TokenRecord,
    /// The version of the user's own log, when the backend read it with the token (a shared database:
    /// [`crate::Store::with_known_version`]).
    pub own_log_version: Option<crate::KnownVersion>,
}

/// A coach's access to an athlete's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub coach: UserId,
    pub coach_name: String,
    pub athlete: AthleteId,
    /// The athlete's user name.
    pub athlete_name: String,
    pub granted_at: Timestamp,
}

/// The accounts side of a backend; see the module's documentation. Every backend of [`crate::Log`]
/// implements it, and the conformance suite checks it.
#[async_trait]
pub trait Accounts: Send + Sync {
    /// Whether the database has any user: without one, it is a personal log.
    async fn has_users(&self) -> R<bool>;
    /// Adds a user; an athlete gets a new, empty log of their own. `Conflict` when the name is taken.
    async fn add_user(
        &self,
        name: &str,
        role: Role,
        password_hash: Option<&str>,
        at: Timestamp,
    ) -> R<User>;
    /// Adds an athlete user who owns an existing log (a personal log's athlete, on moving up).
    /// `Conflict` when the name is taken or the log has an owner already.
    async fn adopt_athlete(
        &self,
        name: &str,
        athlete: AthleteId,
        password_hash: Option<&str>,
        at: Timestamp,
    ) -> R<User>;
    /// Every user, by name.
    async fn users(&self) -> R<Vec<User>>;
    /// The user of this name (case-insensitive), with their password hash if any.
    async fn user_by_name(&self, name: &str) -> R<Option<(User, Option<String>)>>;
    /// Removes a user with their tokens and grants; an athlete's log goes with them. `Missing` when
    /// there is no such user.
    async fn remove_user(&self, user: UserId) -> R<()>;
    /// Sets (or, with `None`, removes) the user's password hash.
    async fn set_password_hash(&self, user: UserId, password_hash: Option<&str>) -> R<()>;

    /// Keeps a token's hash. `Conflict` if the hash is already kept (a collision means a broken generator).
    async fn add_token(&self, token: &NewToken<'_>) -> R<TokenRecord>;
    /// The user's tokens, newest first (expired ones included until removed).
    async fn tokens(&self, user: UserId) -> R<Vec<TokenRecord>>;
    /// Revokes one of the user's tokens; `false` when the user has no token of this id.
    async fn revoke_token(&self, user: UserId, token: i64) -> R<bool>;
    /// Revokes every token of this kind the user has (e.g. every session on a password change);
    /// returns how many.
    async fn revoke_tokens(&self, user: UserId, kind: TokenKind) -> R<u64>;
    /// The owner of the token with this hash, if it is kept and not expired at `now`.
    async fn principal(&self, token_hash: &str, now: Timestamp) -> R<Option<Principal>>;

    /// Keeps an athlete's invitation (its code hashed) for a coach to accept once before `expires_at`.
    async fn add_invitation(
        &self,
        athlete: AthleteId,
        code_hash: &str,
        created_at: Timestamp,
        expires_at: Timestamp,
    ) -> R<()>;
    /// The coach accepts an invitation: grants access and uses the invitation up. `None` when no valid
    /// invitation has this code (unknown, used or expired — not said which).
    async fn accept_invitation(
        &self,
        coach: UserId,
        code_hash: &str,
        now: Timestamp,
    ) -> R<Option<Grant>>;
    /// The coaches an athlete granted access, by name.
    async fn coaches_of(&self, athlete: AthleteId) -> R<Vec<Grant>>;
    /// The athletes who granted a coach access, by name.
    async fn athletes_of(&self, coach: UserId) -> R<Vec<Grant>>;
    /// The athlete withdraws a coach's access; `false` when the coach had none.
    async fn revoke_grant(&self, athlete: AthleteId, coach: UserId) -> R<bool>;
}
