//! The week plan from the log: the planner's request built from what the athlete actually does (the last
//! four weeks: lifts by body region, runs by length, other cardio), their goal and experience from the
//! profile; a starting template for the goal when the log is empty. Shared by the server's
//! `GET /api/v1/plan/week` and anything else that plans "my usual week".

use afterlift_core::catalogue::{Aliases, Region, catalogue};
use afterlift_core::contract::{
    Focus, LiftRequest, LoadLevel, RunKind, RunRequest, WeekPlan, WeekRequest,
};
use afterlift_core::session::Sport;
use afterlift_core::{Goal, plan};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{Profile, Store, TimeFilter};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::AppError;
use crate::from_log::time_zone;

/// How many weeks of the log describe the usual week.
pub const HISTORY_WEEKS: i64 = 4;
/// A run at least this long counts as the week's long run.
const LONG_RUN_MIN: f64 = 75.0;

/// The planner's request for the seven days from `start`, from the log; `None` without a profile.
/// `fallback` is the time zone when the profile names none ([`crate::from_log::time_zone`]).
pub async fn week_request(
    store: &Store,
    start: Date,
    fallback: &TimeZone,
) -> Result<Option<WeekRequest>, AppError> {
    let Some(profile) = store.profile().await? else {
        return Ok(None);
    };
    let tz = time_zone(Some(&profile), fallback)?;
    let to = start
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let from = start
        .checked_sub((HISTORY_WEEKS * 7).days())
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp());
    let filter = TimeFilter::between(from, to);
    let lifts = store.lifts(&filter).await?;
    let activities = store.activities(&filter).await?;
    let aliases = crate::exercises::aliases(store).await?;
    Ok(Some(request_from_history(
        &profile,
        start,
        &lifts,
        &activities,
        &aliases,
    )))
}

/// The request from the sessions of the last [`HISTORY_WEEKS`] weeks (a per-week average, rounded); the
/// lifts' exercises are read with the athlete's `aliases`.
pub fn request_from_history(
    profile: &Profile,
    start: Date,
    lifts: &[LiftRow],
    activities: &[ActivityRow],
    aliases: &Aliases,
) -> WeekRequest {
    let goal = profile.athlete.goal;
    let mut request = WeekRequest {
        goal,
        start,
        available: None,
        lifts: Vec::new(),
        runs: Vec::new(),
        cross: 0,
        events: Vec::new(),
        beginner: None,
        concurrent_weeks: profile.athlete.concurrent_weeks,
        post_lift_run_minutes: None,
        race: None,
        previous_week_readiness: None,
        strategy: None,
    };
    if lifts.is_empty() && activities.is_empty() {
        template(&mut request, goal);
        return request;
    }
    let per_week =
        |n: usize| -> u32 { ((n as f64) / HISTORY_WEEKS as f64).round().clamp(0.0, 7.0) as u32 };

    for focus in [Focus::Upper, Focus::Lower, Focus::Full] {
        let of_focus: Vec<&LiftRow> = lifts
            .iter()
            .filter(|l| lift_focus(l, aliases) == focus)
            .collect();
        let count = per_week(of_focus.len());
        if count > 0 {
            let minutes = median(of_focus.iter().filter_map(|l| l.minutes))
                .map(|m| m.round().clamp(10.0, 180.0) as u32);
            request.lifts.push(LiftRequest {
                focus,
                load: lift_load(&of_focus),
                count,
                minutes,
            });
        }
    }
    let runs: Vec<&ActivityRow> = activities
        .iter()
        .filter(|a| a.sport == Sport::Run)
        .collect();
    let (long, easy): (Vec<&ActivityRow>, Vec<&ActivityRow>) =
        runs.iter().partition(|a| a.timer_s / 60.0 >= LONG_RUN_MIN);
    for (kind, group) in [(RunKind::Easy, &easy), (RunKind::Long, &long)] {
        let count = per_week(group.len()).min(if kind == RunKind::Long { 1 } else { 6 });
        if count > 0 {
            let minutes = median(group.iter().map(|a| a.timer_s / 60.0))
                .map(|m| m.round().clamp(10.0, 240.0) as u32);
            request.runs.push(RunRequest {
                kind,
                count,
                minutes,
            });
        }
    }
    let cross = activities
        .iter()
        .filter(|a| {
            matches!(
                a.sport,
                Sport::Cycle | Sport::Elliptical | Sport::Swim | Sport::Row
            )
        })
        .count();
    request.cross = per_week(cross).min(4);
    request
}

/// A starting week for the goal, for a log with no history yet.
fn template(r: &mut WeekRequest, goal: Goal) {
    let lift = |focus, load, count| LiftRequest {
        focus,
        load,
        count,
        minutes: Some(60),
    };
    let run = |kind, count, minutes| RunRequest {
        kind,
        count,
        minutes: Some(minutes),
    };
    match goal {
        Goal::Strength | Goal::Hypertrophy => {
            r.lifts = vec![
                lift(Focus::Upper, LoadLevel::Heavy, 2),
                lift(Focus::Lower, LoadLevel::Heavy, 1),
            ];
            r.runs = vec![run(RunKind::Easy, 2, 25)];
        }
        Goal::Endurance => {
            r.lifts = vec![lift(Focus::Full, LoadLevel::Moderate, 2)];
            r.runs = vec![
                run(RunKind::Easy, 2, 40),
                run(RunKind::Tempo, 1, 30),
                run(RunKind::Long, 1, 80),
            ];
        }
        Goal::General | Goal::FatLoss => {
            r.lifts = vec![lift(Focus::Full, LoadLevel::Moderate, 2)];
            r.runs = vec![run(RunKind::Easy, 2, 30)];
            r.cross = 1;
        }
    }
}

/// Which part of the body a session trained, from its exercises (the catalogue's regions, by sets).
fn lift_focus(l: &LiftRow, aliases: &Aliases) -> Focus {
    let summary = catalogue().summarize_with_aliases(
        l.exercises.iter().map(|e| (e.name.as_str(), e.sets.len())),
        aliases,
    );
    match summary.region {
        Some(Region::Upper) => Focus::Upper,
        Some(Region::Lower) => Focus::Lower,
        _ => Focus::Full,
    }
}

/// How heavy the sessions were, from their sets' RPE (moderate when none is recorded).
fn lift_load(lifts: &[&LiftRow]) -> LoadLevel {
    let rpe = median(
        lifts
            .iter()
            .flat_map(|l| l.exercises.iter())
            .flat_map(|e| e.sets.iter())
            .filter_map(|s| s.rpe),
    );
    match rpe {
        Some(r) if r >= 8.0 => LoadLevel::Heavy,
        Some(r) if r <= 6.0 => LoadLevel::Light,
        _ => LoadLevel::Moderate,
    }
}

fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    Some(v[v.len() / 2])
}

/// The first day of the week `today` is in (Monday), the CLI's and the API's default start.
pub fn this_monday(today: Date) -> Date {
    today
        .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
        .unwrap_or(today)
}

/// The usual week from the log, planned — and when `start` is this week, re-planned from what was done
/// so far and today's readiness ([`crate::replan::week`]); `None` without a profile.
pub async fn week(
    store: &Store,
    start: Date,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<WeekPlan>, AppError> {
    match week_request(store, start, fallback).await? {
        Some(r) => Ok(Some(crate::replan::week(store, &r, now, fallback).await?)),
        None => Ok(None),
    }
}

/// A plan as an iCalendar document (RFC 5545), with the athlete's heart-rate ranges in each event.
pub async fn ics(
    store: &Store,
    plan: &WeekPlan,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<String, AppError> {
    let profile = store.profile().await?;
    let tz = time_zone(profile.as_ref(), fallback)?;
    let athlete = profile.map_or_else(afterlift_core::Athlete::example, |p| p.athlete);
    Ok(plan::ics::to_ics(plan, &tz, now, |s| {
        plan::ics::prescription(&athlete, s)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_store::EntryId;
    use afterlift_store::rows::{ExerciseRow, SetRow};

    fn profile(goal: Goal) -> Profile {
        Profile::new(
            crate::profile::from_doc(
                &serde_json::from_value(serde_json::json!({"athlete": {"age": 30, "sex": "male", "weight_kg": 80, "goal": goal}}))
                    .unwrap(),
            )
            .unwrap()
            .athlete,
        )
    }

    fn lift(day: i8, name: &str, rpe: f64) -> LiftRow {
        LiftRow {
            id: EntryId::Lift(i64::from(day)),
            started_at: jiff::civil::date(2026, 11, day)
                .at(18, 0, 0, 0)
                .to_zoned(jiff::tz::TimeZone::UTC)
                .unwrap()
                .timestamp(),
            minutes: Some(60.0),
            rpe: None,
            exercises: vec![ExerciseRow {
                name: name.into(),
                sets: vec![
                    SetRow {
                        reps: Some(5),
                        kg: Some(100.0),
                        rpe: Some(rpe),
                        duration_s: None,
                        distance_m: None,
                        kind: afterlift_core::session::SetKind::Normal,
                    };
                    5
                ],
            }],
        }
    }

    #[test]
    fn an_empty_log_gets_the_goals_template() {
        let start = jiff::civil::date(2026, 11, 23);
        let r = request_from_history(&profile(Goal::Endurance), start, &[], &[], &Aliases::new());
        assert!(r.runs.iter().any(|x| x.kind == RunKind::Long));
        assert_eq!(r.start, start);
        assert!(!afterlift_core::plan::plan_week(&r).days.is_empty());
    }

    #[test]
    fn the_usual_week_is_the_average_of_the_last_four() {
        // Eight heavy squat days and four bench days in four weeks: two leg days and one upper day a week.
        let mut lifts: Vec<LiftRow> = (1..=8).map(|d| lift(d, "Squat (Barbell)", 8.5)).collect();
        lifts.extend((10..=13).map(|d| lift(d, "Bench Press (Barbell)", 7.0)));
        let r = request_from_history(
            &profile(Goal::Strength),
            jiff::civil::date(2026, 11, 23),
            &lifts,
            &[],
            &Aliases::new(),
        );
        let lower = r.lifts.iter().find(|l| l.focus == Focus::Lower).unwrap();
        assert_eq!(
            (lower.count, lower.load, lower.minutes),
            (2, LoadLevel::Heavy, Some(60))
        );
        let upper = r.lifts.iter().find(|l| l.focus == Focus::Upper).unwrap();
        assert_eq!((upper.count, upper.load), (1, LoadLevel::Moderate));
        assert!(r.runs.is_empty());
    }

    #[test]
    fn the_athletes_aliases_say_what_a_session_trained() {
        // "Beinpresse" is the athlete's name for the leg press: a leg day, not an unknown exercise.
        let lifts: Vec<LiftRow> = (1..=4).map(|d| lift(d, "Beinpresse", 8.5)).collect();
        let start = jiff::civil::date(2026, 11, 23);
        let p = profile(Goal::Strength);
        let without = request_from_history(&p, start, &lifts, &[], &Aliases::new());
        assert!(without.lifts.iter().all(|l| l.focus != Focus::Lower));
        let mut aliases = Aliases::new();
        aliases.insert(Aliases::check("Beinpresse", "Leg Press").unwrap());
        let with = request_from_history(&p, start, &lifts, &[], &aliases);
        assert_eq!(with.lifts.len(), 1);
        assert_eq!(with.lifts[0].focus, Focus::Lower);
    }
}
