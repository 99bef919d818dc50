//! Accounts as people use them: users added and removed, API tokens made and revoked, dashboard
//! sign-in and sign-out, passwords changed, invitations given by athletes and accepted by coaches, and
//! who may act for which athlete.
//!
//! Secrets are made and checked here and stored only as hashes ([`afterlift_store::accounts`]):
//! - **Passwords**: argon2id (RFC 9106) with the `argon2` crate's default parameters (19 MiB, 2 passes,
//!   OWASP's minimum for argon2id), as a PHC string with its own salt.
//! - **Tokens** (API tokens, sessions) and **invitation codes**: 256 and 80 random bits from the OS, stored as
//!   their SHA-256. A slow hash protects guessable secrets; a random 256-bit token cannot be guessed, and
//!   a fast hash lets every request be checked by one indexed lookup (the way GitHub keeps its tokens).
//!   A token is shown once, when made.
//!
//! Access is answered as "not found" whenever it is refused, so a stranger cannot tell another athlete's
//! log from no log at all.

use afterlift_store::accounts::{Grant, NewToken, Principal, Role, TokenKind, TokenRecord, User};
use afterlift_store::{AthleteId, Store, StoreError};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use jiff::{SignedDuration, Timestamp};

use crate::AppError;

/// How long a dashboard session lasts: two weeks, then the athlete signs in again.
pub const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(14 * 24);
/// How long an invitation can be accepted: a week.
pub const INVITATION_LIFETIME: SignedDuration = SignedDuration::from_hours(7 * 24);
/// The shortest password: NIST SP 800-63B §3.1.1.2 asks for at least 8 characters; 10 here.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Every API token and session starts so, which makes a leaked one recognisable to secret scanners.
pub const TOKEN_PREFIX: &str = "afl_";

/// A secret made for a user: its record, and the secret itself, shown once.
#[derive(Debug, Clone)]
pub struct Issued {
    pub record: TokenRecord,
    pub secret: String,
}

/// A new random token: the prefix and 256 random bits in hex.
fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Random(e.to_string()))?;
    Ok(format!("{TOKEN_PREFIX}{}", hex(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How a token, a session or an invitation code is kept: SHA-256, lowercase hex (the ledger's hash).
pub fn secret_hash(secret: &str) -> String {
    afterlift_store::content_hash(secret.trim().as_bytes())
}

/// A new invitation code: 80 random bits as four groups of four characters from an alphabet without
/// look-alikes (Crockford's base 32), easy to read out or type — e.g. `7KQ2-M9XD-4HTR-PW3A`.
fn new_code() -> Result<String, AppError> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Random(e.to_string()))?;
    let mut bits = bytes.iter().fold(0u128, |acc, b| acc << 8 | u128::from(*b));
    let mut chars = Vec::with_capacity(19);
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            chars.push(b'-');
        }
        chars.push(ALPHABET[(bits & 31) as usize]);
        bits >>= 5;
    }
    Ok(String::from_utf8(chars).unwrap_or_default())
}

/// An invitation code as typed: case, spaces and dashes ignored, look-alikes read as Crockford does.
fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// The password rule, said once: at least [`MIN_PASSWORD_CHARS`] characters, at most 1,024, not all the
/// same character.
pub fn check_password(password: &str) -> Result<(), AppError> {
    let chars = password.chars().count();
    let distinct = password
        .chars()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if !(MIN_PASSWORD_CHARS..=1024).contains(&chars) || distinct < 4 {
        return Err(AppError::Account(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters (at most 1,024) and more than a few different ones"
        )));
    }
    Ok(())
}

fn hash_password(password: &str) -> Result<String, AppError> {
    check_password(password)?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Random(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AppError::Random(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Random(e.to_string()))
}

/// Whether `password` matches the stored hash. A hash that does not parse never matches.
fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// [`verify_password`] off the async threads: argon2 takes tens of milliseconds of CPU.
async fn verify_off_thread(password: &str, hash: String) -> bool {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false)
}

/// A stored hash of no one's password: signing in as an unknown user costs the same argon2 work as a
/// wrong password, so the time taken does not say which names exist.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0wZ3FVt5HkTVnWnlm8mVRfIWAVJ28CcYLHgbzPYMAHE";

/// Adds a user (an athlete gets an empty log of their own), with a password for the dashboard if given.
pub async fn add_user(
    store: &Store,
    name: &str,
    role: Role,
    password: Option<&str>,
    now: Timestamp,
) -> Result<User, AppError> {
    let hash = password.map(hash_password).transpose()?;
    Ok(store
        .accounts()
        .add_user(name, role, hash.as_deref(), now)
        .await?)
}

/// Gives a personal log's athlete (its existing log) to a new athlete user: moving up to accounts.
pub async fn adopt_personal_log(
    store: &Store,
    name: &str,
    password: Option<&str>,
    now: Timestamp,
) -> Result<User, AppError> {
    let hash = password.map(hash_password).transpose()?;
    Ok(store
        .accounts()
        .adopt_athlete(name, AthleteId::LOCAL, hash.as_deref(), now)
        .await?)
}

/// The user of this name, or an error naming it.
pub async fn user(store: &Store, name: &str) -> Result<User, AppError> {
    match store.accounts().user_by_name(name).await? {
        Some((user, _)) => Ok(user),
        None => Err(StoreError::Missing(format!("no user named '{}'", name.trim())).into()),
    }
}

/// Sets a user's password (by an operator: no old password asked); every session they had ends.
pub async fn set_password(store: &Store, user: &User, password: &str) -> Result<(), AppError> {
    let hash = hash_password(password)?;
    store
        .accounts()
        .set_password_hash(user.id, Some(&hash))
        .await?;
    store
        .accounts()
        .revoke_tokens(user.id, TokenKind::Session)
        .await?;
    Ok(())
}

/// Makes an API token for a user, valid until revoked (or for `lifetime`).
pub async fn create_token(
    store: &Store,
    user: &User,
    label: &str,
    now: Timestamp,
    lifetime: Option<SignedDuration>,
) -> Result<Issued, AppError> {
    issue(store, user, TokenKind::Api, label, now, lifetime).await
}

async fn issue(
    store: &Store,
    user: &User,
    kind: TokenKind,
    label: &str,
    now: Timestamp,
    lifetime: Option<SignedDuration>,
) -> Result<Issued, AppError> {
    let label = label.trim();
    if label.chars().count() > 100 || label.chars().any(char::is_control) {
        return Err(AppError::Account(
            "a token's label is at most 100 characters, without control characters".into(),
        ));
    }
    let secret = new_token()?;
    let expires_at = lifetime
        .map(|l| now.checked_add(l))
        .transpose()
        .map_err(|e| AppError::Account(format!("a token's lifetime is too long: {e}")))?;
    let record = store
        .accounts()
        .add_token(&NewToken {
            user: user.id,
            kind,
            label,
            token_hash: &secret_hash(&secret),
            created_at: now,
            expires_at,
        })
        .await?;
    Ok(Issued { record, secret })
}

/// Who a token (API token or session) belongs to, if it is valid at `now`.
pub async fn authenticate(
    store: &Store,
    token: &str,
    now: Timestamp,
) -> Result<Option<Principal>, AppError> {
    let token = token.trim();
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 200 {
        return Ok(None);
    }
    Ok(store.accounts().principal(&secret_hash(token), now).await?)
}

/// Signs in with a name and password: a new session. `None` for a wrong name or password (not said
/// which, and taking the same time).
pub async fn sign_in(
    store: &Store,
    name: &str,
    password: &str,
    now: Timestamp,
) -> Result<Option<Issued>, AppError> {
    let found = store.accounts().user_by_name(name).await?;
    let (user, hash) = match found {
        Some((user, Some(hash))) => (Some(user), hash),
        _ => (None, DECOY_HASH.to_string()),
    };
    let matches = verify_off_thread(password, hash).await;
    match user {
        Some(user) if matches => Ok(Some(
            issue(
                store,
                &user,
                TokenKind::Session,
                "dashboard",
                now,
                Some(SESSION_LIFETIME),
            )
            .await?,
        )),
        _ => Ok(None),
    }
}

/// Ends the session of this principal (signing out); an API token is left alone.
pub async fn sign_out(store: &Store, principal: &Principal) -> Result<(), AppError> {
    if principal.token.kind == TokenKind::Session {
        store
            .accounts()
            .revoke_token(principal.user.id, principal.token.id)
            .await?;
    }
    Ok(())
}

/// Changes the signed-in user's password: the current one is asked for, every session ends, and a new
/// session is returned for the caller's.
pub async fn change_password(
    store: &Store,
    principal: &Principal,
    current: &str,
    new: &str,
    now: Timestamp,
) -> Result<Issued, AppError> {
    let hash = store
        .accounts()
        .user_by_name(&principal.user.name)
        .await?
        .and_then(|(_, hash)| hash)
        .unwrap_or_else(|| DECOY_HASH.to_string());
    if !verify_off_thread(current, hash).await {
        return Err(AppError::Account(
            "the current password is not right".into(),
        ));
    }
    set_password(store, &principal.user, new).await?;
    issue(
        store,
        &principal.user,
        TokenKind::Session,
        "dashboard",
        now,
        Some(SESSION_LIFETIME),
    )
    .await
}

/// An athlete's invitation for a coach: the code (shown once) and when it stops working.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub code: String,
    pub expires_at: Timestamp,
}

/// An athlete invites a coach: a code the coach accepts once, within [`INVITATION_LIFETIME`].
pub async fn invite(store: &Store, athlete: &User, now: Timestamp) -> Result<Invitation, AppError> {
    let Some(athlete_id) = athlete.athlete else {
        return Err(AppError::Account(
            "only an athlete invites a coach to their log".into(),
        ));
    };
    let code = new_code()?;
    let expires_at = now
        .checked_add(INVITATION_LIFETIME)
        .map_err(|e| AppError::Account(e.to_string()))?;
    store
        .accounts()
        .add_invitation(
            athlete_id,
            &secret_hash(&normalise_code(&code)),
            now,
            expires_at,
        )
        .await?;
    Ok(Invitation { code, expires_at })
}

/// A coach accepts an athlete's invitation.
pub async fn accept(
    store: &Store,
    coach: &User,
    code: &str,
    now: Timestamp,
) -> Result<Grant, AppError> {
    if coach.role != Role::Coach {
        return Err(AppError::Account(
            "only a coach accepts an invitation; an athlete's log is their own already".into(),
        ));
    }
    store
        .accounts()
        .accept_invitation(coach.id, &secret_hash(&normalise_code(code)), now)
        .await?
        .ok_or_else(|| {
            AppError::Account(
                "this invitation code is not valid: it may be mistyped, used already or older than a week"
                    .into(),
            )
        })
}

/// The athlete a user may act for, given the one they asked for (`None`: their own). Refusals are
/// `NoAthlete`, whether the athlete does not exist or is someone else's: the same answer for both.
pub async fn athlete_for(
    store: &Store,
    user: &User,
    asked: Option<AthleteId>,
) -> Result<AthleteId, AppError> {
    match (user.role, asked) {
        (_, Some(asked)) if user.athlete == Some(asked) => Ok(asked),
        (Role::Athlete, None) => user.athlete.ok_or(AppError::NoAthlete),
        (Role::Athlete, Some(_)) => Err(AppError::NoAthlete),
        (Role::Coach, Some(asked)) => {
            let granted = store.accounts().athletes_of(user.id).await?;
            if granted.iter().any(|g| g.athlete == asked) {
                Ok(asked)
            } else {
                Err(AppError::NoAthlete)
            }
        }
        (Role::Coach, None) => Err(AppError::ChooseAthlete),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_kept_as_hashes() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with(TOKEN_PREFIX) && a.len() == TOKEN_PREFIX.len() + 64);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), secret_hash(&b));
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assert_eq!(
            secret_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn invitation_codes_read_back_however_they_are_typed() {
        let code = new_code().unwrap();
        assert_eq!(code.len(), 19);
        assert_eq!(code.matches('-').count(), 3);
        assert_eq!(
            normalise_code(&code.to_lowercase().replace('-', " ")),
            normalise_code(&code)
        );
        assert_eq!(normalise_code("0o1-il"), "00111");
        assert_ne!(new_code().unwrap(), code);
    }

    #[test]
    fn passwords_hash_with_their_own_salt_and_verify() {
        let h1 = hash_password("correct horse battery").unwrap();
        let h2 = hash_password("correct horse battery").unwrap();
        assert!(h1.starts_with("$argon2id$"));
        assert_ne!(h1, h2, "each hash has its own salt");
        assert!(verify_password("correct horse battery", &h1));
        assert!(!verify_password("correct horse batterY", &h1));
        assert!(!verify_password("anything", "not a hash"));
        assert!(!verify_password("anything at all", DECOY_HASH));
        assert!(
            PasswordHash::new(DECOY_HASH).is_ok(),
            "the decoy costs a real verification"
        );
        for weak in ["short", "aaaaaaaaaaaa", "abababababab"] {
            assert!(check_password(weak).is_err(), "{weak}");
        }
    }
}
