//! Accounts (only on a log with accounts): signing in and out of the dashboard, who is signed in, the
//! password, an athlete's invitations and coaches, a coach's athletes and team.

use afterlift_app::accounts::{self as accounts, Issued};
use afterlift_core::contract::{
    AcceptInvitation, ApiErrorBody, AthleteAccess, CoachDoc, InvitationDoc, Me, PasswordChange,
    ReadinessLevel, SignIn, TeamAdvice, TeamMember, UserDoc, Verdict,
};
use afterlift_store::TimeFilter;
use afterlift_store::accounts::{Grant, Role, User, UserId};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use jiff::Timestamp;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::athlete::SignedIn;
use crate::auth::{SESSION_COOKIE, is_loopback_host};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, sign_out))
        .routes(routes!(me))
        .routes(routes!(change_password))
        .routes(routes!(invite))
        .routes(routes!(coaches))
        .routes(routes!(revoke_coach))
        .routes(routes!(athletes, accept))
        .routes(routes!(team))
}

fn user_doc(u: &User) -> UserDoc {
    UserDoc {
        id: u.id.0,
        name: u.name.clone(),
        role: u.role.as_str().into(),
        athlete_id: u.athlete.map(|a| a.0),
        created_at: u.created_at,
    }
}

fn access(g: &Grant) -> AthleteAccess {
    AthleteAccess {
        athlete_id: g.athlete.0,
        name: g.athlete_name.clone(),
        granted_at: Some(g.granted_at),
    }
}

/// The session cookie: `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's request
/// carries it), `Secure` unless the server is reached by a loopback name (served over TLS on a network).
fn session_cookie(headers: &HeaderMap, value: String, max_age_s: i64) -> Cookie<'static> {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    Cookie::build((SESSION_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(!is_loopback_host(host))
        .path("/")
        .max_age(cookie::time::Duration::seconds(max_age_s))
        .build()
}

fn signed_in(headers: &HeaderMap, issued: Issued, me: Me) -> Response {
    let jar = CookieJar::new().add(session_cookie(
        headers,
        issued.secret,
        accounts::SESSION_LIFETIME.as_secs(),
    ));
    (jar, Json(me)).into_response()
}

/// The athletes a coach was granted (none for an athlete, who acts for their own log).
async fn granted(state: &AppState, user: &User) -> ApiResult<Vec<Grant>> {
    Ok(match user.role {
        Role::Coach => state.database.accounts().athletes_of(user.id).await?,
        Role::Athlete => Vec::new(),
    })
}

fn me_of(user: &User, granted: Vec<Grant>) -> Me {
    let athletes = match user.athlete {
        Some(own) => vec![AthleteAccess {
            athlete_id: own.0,
            name: user.name.clone(),
            granted_at: None,
        }],
        None => granted.iter().map(access).collect(),
    };
    Me {
        user: user_doc(user),
        athletes,
    }
}

/// Signs in to the dashboard: a session cookie (HttpOnly, SameSite=Strict, two weeks). A wrong name or
/// password is one answer (401), in the same time; tries are limited (429 with `Retry-After`).
#[utoipa::path(post, path = "/session", tag = "accounts", request_body = SignIn,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = Me),
        (status = 401, description = "Wrong name or password", body = ApiErrorBody),
        (status = 404, description = "This server has no accounts", body = ApiErrorBody),
        (status = 429, description = "Too many tries", body = ApiErrorBody),
    ))]
async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignIn>,
) -> ApiResult<Response> {
    if !state.accounts {
        return Err(ApiError::NotFound(
            "this server has no accounts: it serves one personal log".into(),
        ));
    }
    state.sign_in_limits.check(&body.name)?;
    let now = Timestamp::now();
    let Some(issued) = accounts::sign_in(&state.database, &body.name, &body.password, now).await?
    else {
        return Err(ApiError::Unauthorized);
    };
    let user = accounts::user(&state.database, &body.name).await?;
    let me = me_of(&user, granted(&state, &user).await?);
    Ok(signed_in(&headers, issued, me))
}

/// Signs out: this session ends and its cookie is cleared (an API token is left alone).
#[utoipa::path(delete, path = "/session", tag = "accounts",
    responses((status = 204, description = "Signed out"), (status = 401, body = ApiErrorBody)))]
async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedIn(principal): SignedIn,
) -> ApiResult<Response> {
    accounts::sign_out(&state.database, &principal).await?;
    let jar = CookieJar::new().add(session_cookie(&headers, String::new(), 0));
    Ok((StatusCode::NO_CONTENT, jar).into_response())
}

/// Who is signed in, and the athletes they may act for (send one's id as `Afterlift-Athlete`).
#[utoipa::path(get, path = "/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn me(State(state): State<AppState>, SignedIn(principal): SignedIn) -> ApiResult<Json<Me>> {
    Ok(Json(me_of(
        &principal.user,
        granted(&state, &principal.user).await?,
    )))
}

/// Changes the password: the current one is asked for; every session ends and this one gets a new
/// cookie.
#[utoipa::path(put, path = "/me/password", tag = "accounts", request_body = PasswordChange,
    responses(
        (status = 200, description = "Changed; a new session cookie is set", body = Me),
        (status = 400, description = "The current password is wrong, or the new one too weak", body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
    ))]
async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    SignedIn(principal): SignedIn,
    ApiJson(body): ApiJson<PasswordChange>,
) -> ApiResult<Response> {
    state.sign_in_limits.check(&principal.user.name)?;
    let issued = accounts::change_password(
        &state.database,
        &principal,
        &body.current_password,
        &body.new_password,
        Timestamp::now(),
    )
    .await?;
    let me = me_of(&principal.user, granted(&state, &principal.user).await?);
    Ok(signed_in(&headers, issued, me))
}

/// An athlete invites a coach: a code, shown once, that one coach accepts within a week.
#[utoipa::path(post, path = "/me/invitations", tag = "accounts",
    responses(
        (status = 201, body = InvitationDoc),
        (status = 400, description = "Only athletes invite", body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
    ))]
async fn invite(
    State(state): State<AppState>,
    SignedIn(principal): SignedIn,
) -> ApiResult<(StatusCode, Json<InvitationDoc>)> {
    let inv = accounts::invite(&state.database, &principal.user, Timestamp::now()).await?;
    Ok((
        StatusCode::CREATED,
        Json(InvitationDoc {
            code: inv.code,
            expires_at: inv.expires_at,
        }),
    ))
}

/// The coaches the signed-in athlete granted access, by name.
#[utoipa::path(get, path = "/me/coaches", tag = "accounts",
    responses((status = 200, body = Vec<CoachDoc>), (status = 401, body = ApiErrorBody)))]
async fn coaches(
    State(state): State<AppState>,
    SignedIn(principal): SignedIn,
) -> ApiResult<Json<Vec<CoachDoc>>> {
    let Some(athlete) = principal.user.athlete else {
        return Ok(Json(Vec::new()));
    };
    let grants = state.database.accounts().coaches_of(athlete).await?;
    Ok(Json(
        grants
            .into_iter()
            .map(|g| CoachDoc {
                user_id: g.coach.0,
                name: g.coach_name,
                granted_at: g.granted_at,
            })
            .collect(),
    ))
}

/// The athlete withdraws a coach's access.
#[utoipa::path(delete, path = "/me/coaches/{user_id}", tag = "accounts",
    params(("user_id" = i64, Path, description = "The coach's user id")),
    responses((status = 204), (status = 401, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn revoke_coach(
    State(state): State<AppState>,
    SignedIn(principal): SignedIn,
    Path(user_id): Path<String>,
) -> ApiResult<StatusCode> {
    let not_found = || ApiError::NotFound(format!("no coach {user_id} has access to your log"));
    let coach = user_id.parse::<i64>().map_err(|_| not_found())?;
    let Some(athlete) = principal.user.athlete else {
        return Err(not_found());
    };
    if state
        .database
        .accounts()
        .revoke_grant(athlete, UserId(coach))
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}

/// The athletes the signed-in user may act for (an athlete: themself).
#[utoipa::path(get, path = "/me/athletes", tag = "accounts",
    responses((status = 200, body = Vec<AthleteAccess>), (status = 401, body = ApiErrorBody)))]
async fn athletes(
    State(state): State<AppState>,
    SignedIn(principal): SignedIn,
) -> ApiResult<Json<Vec<AthleteAccess>>> {
    Ok(Json(
        me_of(&principal.user, granted(&state, &principal.user).await?).athletes,
    ))
}

/// A coach accepts an athlete's invitation code.
#[utoipa::path(post, path = "/me/athletes", tag = "accounts", request_body = AcceptInvitation,
    responses(
        (status = 201, body = AthleteAccess),
        (status = 400, description = "Not a valid code, or not a coach", body = ApiErrorBody),
        (status = 401, body = ApiErrorBody),
    ))]
async fn accept(
    State(state): State<AppState>,
    SignedIn(principal): SignedIn,
    ApiJson(body): ApiJson<AcceptInvitation>,
) -> ApiResult<(StatusCode, Json<AthleteAccess>)> {
    let grant = accounts::accept(
        &state.database,
        &principal.user,
        &body.code,
        Timestamp::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(access(&grant))))
}

/// A coach's team today: each athlete's readiness (with its first reason) and last lift, by name.
#[utoipa::path(get, path = "/team", tag = "accounts",
    responses((status = 200, body = Vec<TeamMember>), (status = 401, body = ApiErrorBody)))]
async fn team(
    State(state): State<AppState>,
    SignedIn(principal): SignedIn,
) -> ApiResult<Json<Vec<TeamMember>>> {
    let mut access = me_of(&principal.user, granted(&state, &principal.user).await?).athletes;
    access.sort_by_key(|a| a.name.to_lowercase());
    let now = Timestamp::now();
    let mut team = Vec::with_capacity(access.len());
    for a in access {
        let log = state
            .database
            .for_athlete(afterlift_store::AthleteId(a.athlete_id));
        let status = afterlift_app::status::report_with(
            &log,
            state.cache.as_deref(),
            now,
            1,
            &crate::NO_PROFILE_ZONE,
        )
        .await?;
        let tz = crate::routes::log::zone(&log).await?;
        let last = log
            .lifts(&TimeFilter {
                limit: Some(1),
                ..TimeFilter::all()
            })
            .await?;
        let advice_today = advice_today(&log, now, &tz).await?;
        let (readiness, readiness_reason) = match status {
            Some(s) => (
                Some(s.readiness.level),
                s.readiness.reasons.first().map(|r| r.message.clone()),
            ),
            None => (None::<ReadinessLevel>, None),
        };
        team.push(TeamMember {
            athlete_id: a.athlete_id,
            name: a.name,
            readiness,
            readiness_reason,
            last_lift: last
                .first()
                .map(|r| afterlift_app::browse::lift_summary(r, &tz)),
            advice_today,
        });
    }
    Ok(Json(team))
}

/// The athlete's latest advice since the start of their day: its verdict, read from the advice log.
async fn advice_today(
    log: &afterlift_store::Store,
    now: Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Result<Option<TeamAdvice>, ApiError> {
    /// Only the verdict of the stored answer (older answers have other fields, never another verdict).
    #[derive(serde::Deserialize)]
    struct Stored {
        verdict: Verdict,
    }
    let Ok(day) = now.to_zoned(tz.clone()).start_of_day() else {
        return Ok(None);
    };
    let latest = log
        .advice_log(&TimeFilter {
            from: Some(day.timestamp()),
            to: None,
            limit: Some(1),
        })
        .await?;
    Ok(latest.first().and_then(|r| {
        let stored: Stored = serde_json::from_str(&r.response_json).ok()?;
        Some(TeamAdvice {
            at: r.at.to_zoned(tz.clone()),
            verdict: stored.verdict,
        })
    }))
}
