//! The history use case (`afterlift history`, `GET /api/v1/history`): the log read once — activities and
//! lifts as their listings hold them (no samples), the check-ins' dates and the athlete's aliases — and
//! handed to [`afterlift_core::history::history`]. Ten years of log are a few queries, not one per week
//! or per session.

use afterlift_core::contract::{FieldError, HistoryResponse, InvalidRequest};
use afterlift_core::history::{self, CardioEntry, HistoryInput, LiftEntry, Range};
use afterlift_core::session::{ExerciseLog, SetLog, StrengthSession};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{Store, TimeFilter};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;

use crate::AppError;
use crate::from_log::time_zone;

/// The history for `range` (either end left to the data), "today" being `now` in the athlete's time zone
/// (the profile's, else `fallback`).
pub async fn history(
    store: &Store,
    range: Range,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<HistoryResponse, AppError> {
    let all = TimeFilter::all();
    // Every check-in the store can hold (four-digit years), for the first and last dates.
    let (profile, activities, lifts, check_ins, aliases) = tokio::try_join!(
        store.profile(),
        store.activities(&all),
        store.lifts(&all),
        store.wellness(date(1000, 1, 1), date(9999, 12, 31)),
        store.aliases(),
    )?;
    let aliases = afterlift_core::catalogue::Aliases::from_pairs(
        aliases.into_iter().map(|a| (a.name, a.exercise)),
    );
    let tz = time_zone(profile.as_ref(), fallback)?;
    let check_ins = check_ins
        .iter()
        .map(|w| w.date)
        .fold(None, |span: Option<(Date, Date)>, d| {
            Some(span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
        });
    let activities: Vec<CardioEntry> = activities.iter().map(cardio).collect();
    let lifts: Vec<LiftEntry> = lifts.into_iter().map(lift).collect();
    let input = HistoryInput {
        time_zone: &tz,
        activities: &activities,
        lifts: &lifts,
        check_ins,
        aliases: &aliases,
    };
    let today = now.to_zoned(tz.clone()).date();
    history::history(&input, range, today).map_err(|e| {
        AppError::Invalid(InvalidRequest {
            errors: vec![FieldError {
                field: e.field().into(),
                message: e.to_string(),
            }],
        })
    })
}

fn cardio(r: &ActivityRow) -> CardioEntry {
    CardioEntry {
        sport: r.sport,
        started_at: r.started_at,
        timer_s: r.timer_s,
        distance_m: r.distance_m,
    }
}

fn lift(r: LiftRow) -> LiftEntry {
    LiftEntry {
        id: r.id.to_string(),
        session: StrengthSession {
            started_at: r.started_at,
            duration_s: r.minutes.map(|m| m * 60.0),
            title: None,
            rpe: None,
            source: String::new(),
            exercises: r
                .exercises
                .into_iter()
                .map(|e| ExerciseLog {
                    name: e.name,
                    sets: e
                        .sets
                        .iter()
                        .map(|s| SetLog {
                            reps: s.reps,
                            weight_kg: s.kg,
                            rpe: s.rpe,
                            kind: s.kind,
                            duration_s: s.duration_s,
                            distance_m: s.distance_m,
                        })
                        .collect(),
                })
                .collect(),
        },
    }
}
