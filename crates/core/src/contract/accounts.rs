//! Accounts and coach access, for a server shared by several people: who is signed in, the athletes they
//! may act for, invitations, and a coach's view of their team.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use super::{LiftSummary, ReadinessLevel, Verdict};

/// `POST /api/v1/session`: sign in to the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

/// `PUT /api/v1/me/password`: the current password, and the new one (at least 10 characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// A user: an `athlete` owns one log (`athlete_id`); a `coach` owns none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserDoc {
    pub id: i64,
    pub name: String,
    /// `athlete` or `coach`.
    pub role: String,
    /// The athlete's own log; absent for a coach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub athlete_id: Option<i64>,
    pub created_at: Timestamp,
}

/// An athlete the user may act for (send its id as the `Afterlift-Athlete` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AthleteAccess {
    pub athlete_id: i64,
    pub name: String,
    /// When the athlete granted access; absent for the user's own log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted_at: Option<Timestamp>,
}

/// `GET /api/v1/me`: who is signed in, and whose logs they may open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub user: UserDoc,
    /// The athlete's own log; a coach's granted athletes, by name.
    pub athletes: Vec<AthleteAccess>,
}

/// An athlete's invitation for a coach: the code, shown once, accepted once before `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationDoc {
    pub code: String,
    pub expires_at: Timestamp,
}

/// `POST /api/v1/me/athletes`: a coach accepts an athlete's invitation code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    pub code: String,
}

/// A coach an athlete granted access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CoachDoc {
    pub user_id: i64,
    pub name: String,
    pub granted_at: Timestamp,
}

/// One athlete of a coach's team, today: readiness, today's verdict and the last lift (`GET /api/v1/team`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TeamMember {
    pub athlete_id: i64,
    pub name: String,
    /// Today's readiness; absent until the athlete has a profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<ReadinessLevel>,
    /// The first reason for it, as the athlete's status says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_reason: Option<String>,
    /// The most recent strength session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_lift: Option<LiftSummary>,
    /// The latest advice the athlete asked for today (their day, in their time zone); absent when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice_today: Option<TeamAdvice>,
}

/// A verdict an athlete was given, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TeamAdvice {
    /// RFC 3339 with the athlete's local offset.
    #[serde(with = "crate::time::rfc3339_local")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: jiff::Zoned,
    pub verdict: Verdict,
}
