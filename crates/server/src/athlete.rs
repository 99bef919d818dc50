//! Whose log a request acts for: the [`AthleteLog`] extractor every handler of an athlete's data takes.
//!
//! On a personal log (no accounts) it is the log's one athlete. With accounts, [`crate::auth::guard`] has
//! put the signed-in [`Principal`] in the request: an athlete acts for their own log, a coach for one of
//! the athletes who granted access, named by the `Afterlift-Athlete` header (its id, from `GET
//! /api/v1/me`). Any athlete the caller may not act for — someone else's, or none at all — is the same
//! 404, so a stranger learns nothing from trying ids.

use afterlift_store::accounts::Principal;
use afterlift_store::{AthleteId, Store};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::AppState;
use crate::error::ApiError;

/// The header naming the athlete a request acts for.
pub const ATHLETE_HEADER: &str = "afterlift-athlete";

/// The log of the athlete the request acts for.
#[derive(Debug, Clone)]
pub struct AthleteLog(pub Store);

/// The athlete id a request names in [`ATHLETE_HEADER`], if any.
fn asked(parts: &Parts) -> Result<Option<AthleteId>, ApiError> {
    let Some(value) = parts.headers.get(ATHLETE_HEADER) else {
        return Ok(None);
    };
    value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|id| *id > 0)
        .map(|id| Some(AthleteId(id)))
        .ok_or_else(|| {
            ApiError::BadRequest(format!(
                "the {ATHLETE_HEADER} header names an athlete by their id, a positive whole number (see GET /api/v1/me)"
            ))
        })
}

impl FromRequestParts<AppState> for AthleteLog {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let asked = asked(parts)?;
        let athlete = match parts.extensions.get::<Principal>() {
            Some(principal) => {
                let athlete =
                    afterlift_app::accounts::athlete_for(&state.database, &principal.user, asked)
                        .await?;
                let store = state.database.for_athlete(athlete);
                // Their own log's version, read with their token: the cache needs no query for it.
                return Ok(AthleteLog(match principal.own_log_version {
                    Some(known) if principal.user.athlete == Some(athlete) => {
                        store.with_known_version(known)
                    }
                    _ => store,
                }));
            }
            None if state.accounts => return Err(ApiError::Unauthorized),
            None => match asked {
                None => state.database.athlete(),
                Some(a) if a == state.database.athlete() => a,
                Some(_) => return Err(afterlift_app::AppError::NoAthlete.into()),
            },
        };
        Ok(AthleteLog(state.database.for_athlete(athlete)))
    }
}

/// The signed-in user (only with accounts); a request without one is refused.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Principal);

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        match parts.extensions.get::<Principal>() {
            Some(p) => Ok(SignedIn(p.clone())),
            None if state.accounts => Err(ApiError::Unauthorized),
            None => Err(ApiError::NotFound(
                "this server has no accounts: it serves one personal log".into(),
            )),
        }
    }
}
