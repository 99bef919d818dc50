//! Planning with the log: the current week re-planned from what was actually done and today's readiness,
//! and the post-lift run's progression from the runs done after lifting. Both learn how the weeks before
//! ended (readiness at each week's last second, [`crate::status::levels_at`]): after an amber or red week
//! the week is planned as a deload and the progression builds on the last good week.

use afterlift_core::catalogue::{Aliases, Region, catalogue};
use afterlift_core::contract::{
    AdaptRequest, DoneSession, Focus, LoadLevel, PostLiftRun, ProgressionRequest,
    ProgressionResponse, ReadinessLevel, SessionKind, Slot, WeekPlan, WeekRequest,
};
use afterlift_core::science::heart::{self, HrMaxFormula};
use afterlift_core::session::Sport;
use afterlift_core::{Athlete, plan};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{Store, TimeFilter};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::AppError;
use crate::from_log::time_zone;

/// A run starting within this long after a lift ended counts as "the run after lifting".
const POST_LIFT_WINDOW_H: i64 = 2;
/// Weeks of running minutes the progression looks back on.
const VOLUME_WEEKS: i64 = 4;
/// Runs this long or longer are long runs.
const LONG_RUN_MIN: f64 = 75.0;
/// Average heart rate at or above this share of HRmax marks a run as hard (tempo or intervals): the
/// lower bound of ACSM "vigorous" (77 % HRmax; Garber 2011).
const HARD_RUN_HRMAX: f64 = 0.77;

/// The week from `request`, re-planned from what the log shows was done from its start until `now`, and
/// from today's readiness. Before the week starts it is simply planned. `fallback` is the time zone when
/// the profile names none ([`crate::from_log::time_zone`]): which day a session was on depends on it.
pub async fn week(
    store: &Store,
    request: &WeekRequest,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<WeekPlan, AppError> {
    let Some(profile) = store.profile().await? else {
        return Ok(plan::plan_week(request));
    };
    let tz = time_zone(Some(&profile), fallback)?;
    let local = now.to_zoned(tz.clone());
    let today = local.date();
    // How the week before ended (readiness just before the week starts, or now for a week ahead): after an
    // amber or red week the planner deloads. A value given in the request wins.
    let mut request = request.clone();
    // The running experiment's arm, when the request names no strategy: the plan follows the schedule.
    if request.strategy.is_none() {
        request.strategy =
            crate::experiment::strategy_for_week(store, request.start, today).await?;
    }
    if request.previous_week_readiness.is_none() {
        let before_start = day_start(request.start, &tz)
            .checked_sub(SignedDuration::from_secs(1))
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .min(now);
        request.previous_week_readiness =
            crate::status::levels_at(store, &[before_start], fallback)
                .await?
                .and_then(|levels| levels.first().copied());
    }
    let request = &request;
    let end = request.start.checked_add(7.days()).unwrap_or(request.start);
    if today < request.start || today >= end {
        return Ok(plan::plan_week(request));
    }
    // The day before the week counts too: yesterday's heavy legs constrain today.
    let from = day_start(
        request.start.checked_sub(1.days()).unwrap_or(request.start),
        &tz,
    );
    let filter = TimeFilter::between(from, now);
    let lifts = store.lifts(&filter).await?;
    let activities = store.activities(&filter).await?;
    let aliases = crate::exercises::aliases(store).await?;
    let mut done: Vec<DoneSession> = lifts.iter().map(|l| done_lift(l, &tz, &aliases)).collect();
    done.extend(
        activities
            .iter()
            .filter_map(|a| done_cardio(a, &profile.athlete, &tz)),
    );
    let readiness = crate::status::snapshot(store, now, fallback)
        .await?
        .map_or(ReadinessLevel::Green, |s| s.readiness.level);
    let next_slot = (local.hour() >= 12).then_some(Slot::Evening);
    Ok(plan::adapt_week(&AdaptRequest {
        week: request.clone(),
        today,
        next_slot,
        readiness,
        done,
        previous: None,
    }))
}

/// Where the athlete is with the post-lift run, from the log; `None` without a profile.
pub async fn progression(
    store: &Store,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<ProgressionResponse>, AppError> {
    let Some(profile) = store.profile().await? else {
        return Ok(None);
    };
    let tz = time_zone(Some(&profile), fallback)?;
    let today = now.to_zoned(tz.clone()).date();
    let week_start = today
        .checked_sub(i64::from(today.weekday().to_monday_zero_offset()).days())
        .unwrap_or(today);
    let from = day_start(
        week_start
            .checked_sub((VOLUME_WEEKS * 7).days())
            .unwrap_or(week_start),
        &tz,
    );
    let filter = TimeFilter::between(from, now);
    let lifts = store.lifts(&filter).await?;
    let runs: Vec<ActivityRow> = store
        .activities(&filter)
        .await?
        .into_iter()
        .filter(|a| a.sport == Sport::Run)
        .collect();

    let recent_runs = runs
        .iter()
        .filter(|r| lifts.iter().any(|l| follows_lift(l, r)))
        .map(|r| PostLiftRun {
            date: r.started_at.to_zoned(tz.clone()).date(),
            minutes: (r.timer_s / 60.0).round() as u32,
            rpe: None,
            intended_rpe: None,
        })
        .collect();
    let weekly_minutes = (0..VOLUME_WEEKS)
        .rev()
        .map(|w| {
            let start = week_start
                .checked_sub(((w + 1) * 7).days())
                .unwrap_or(week_start);
            let end = start.checked_add(7.days()).unwrap_or(start);
            let (s, e) = (day_start(start, &tz), day_start(end, &tz));
            (runs
                .iter()
                .filter(|r| r.started_at >= s && r.started_at < e)
                .map(|r| r.timer_s)
                .sum::<f64>()
                / 60.0)
                .round() as u32
        })
        .collect();
    // Readiness today, and at the end of each of those weeks (a week's last second, or now).
    let mut instants = vec![now];
    instants.extend((0..VOLUME_WEEKS).rev().map(|w| {
        let end = week_start.checked_sub((w * 7).days()).unwrap_or(week_start);
        day_start(end, &tz)
            .checked_sub(SignedDuration::from_secs(1))
            .unwrap_or(Timestamp::UNIX_EPOCH)
            .min(now)
    }));
    let levels = crate::status::levels_at(store, &instants, fallback)
        .await?
        .unwrap_or_default();
    let readiness = levels.first().copied().unwrap_or(ReadinessLevel::Green);
    let weekly_readiness = levels.get(1..).map(<[_]>::to_vec).unwrap_or_default();
    let request = ProgressionRequest {
        today,
        readiness,
        recent_runs,
        weekly_minutes,
        weekly_readiness,
    };
    Ok(Some(plan::progression(&profile.athlete, &request)))
}

fn day_start(d: Date, tz: &TimeZone) -> Timestamp {
    d.to_zoned(tz.clone())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp())
}

fn slot_of(t: Timestamp, tz: &TimeZone) -> Slot {
    if t.to_zoned(tz.clone()).hour() < 12 {
        Slot::Morning
    } else {
        Slot::Evening
    }
}

/// When the athlete first ran within [`POST_LIFT_WINDOW_H`] h after a lift ended (the progression's
/// "run after lifting"): the start of their combining lifting and running, as the log shows it. `lifts`
/// and `activities` in any order.
pub fn first_post_lift_run(lifts: &[LiftRow], activities: &[ActivityRow]) -> Option<Timestamp> {
    let mut lifts: Vec<&LiftRow> = lifts.iter().collect();
    lifts.sort_by_key(|l| l.started_at);
    let mut runs: Vec<&ActivityRow> = activities
        .iter()
        .filter(|a| a.sport == Sport::Run)
        .collect();
    runs.sort_by_key(|r| r.started_at);
    // A lift a run follows started before it, at most its own length and the window earlier: two days
    // covers any lift the log accepts.
    let reach = SignedDuration::from_hours(48);
    runs.into_iter()
        .find(|run| {
            let before = lifts.partition_point(|l| l.started_at <= run.started_at);
            lifts[..before]
                .iter()
                .rev()
                .take_while(|l| {
                    run.started_at
                        .checked_sub(reach)
                        .is_ok_and(|t| l.started_at >= t)
                })
                .any(|l| follows_lift(l, run))
        })
        .map(|run| run.started_at)
}

/// Whole weeks from `first` to `now` (0 when `first` is not earlier).
pub fn weeks_since(first: Timestamp, now: Timestamp) -> u32 {
    let days = now.duration_since(first).as_secs() / 86_400;
    u32::try_from(days.max(0) / 7).unwrap_or(u32::MAX)
}

fn follows_lift(l: &LiftRow, run: &ActivityRow) -> bool {
    let end = l
        .started_at
        .checked_add(afterlift_core::time::seconds(
            l.minutes.unwrap_or(60.0).max(0.0) * 60.0,
        ))
        .unwrap_or(l.started_at);
    run.started_at >= l.started_at
        && run.started_at
            <= end
                .checked_add(SignedDuration::from_hours(POST_LIFT_WINDOW_H))
                .unwrap_or(end)
}

fn done_lift(l: &LiftRow, tz: &TimeZone, aliases: &Aliases) -> DoneSession {
    let names: Vec<(&str, usize)> = l
        .exercises
        .iter()
        .map(|e| (e.name.as_str(), e.sets.len().max(1)))
        .collect();
    let summary = catalogue().summarize_with_aliases(names, aliases);
    let focus = match summary.region {
        Some(Region::Lower) => Focus::Lower,
        Some(Region::Upper | Region::Core) => Focus::Upper,
        _ => Focus::Full,
    };
    // Heavy when most working sets were rated hard (RPE ≥ 8) or carried the session's top loads.
    let rated: Vec<f64> = l
        .exercises
        .iter()
        .flat_map(|e| e.sets.iter().filter_map(|s| s.rpe))
        .collect();
    let load =
        if !rated.is_empty() && rated.iter().filter(|r| **r >= 8.0).count() * 2 >= rated.len() {
            LoadLevel::Heavy
        } else {
            LoadLevel::Moderate
        };
    DoneSession {
        date: l.started_at.to_zoned(tz.clone()).date(),
        slot: slot_of(l.started_at, tz),
        kind: SessionKind::Lift,
        focus: Some(focus),
        load: Some(load),
        minutes: l.minutes.map(|m| m.round() as u32),
    }
}

fn done_cardio(a: &ActivityRow, athlete: &Athlete, tz: &TimeZone) -> Option<DoneSession> {
    let minutes = a.timer_s / 60.0;
    let kind = match a.sport {
        Sport::Run => {
            let max = heart::hr_max(athlete, HrMaxFormula::default());
            if minutes >= LONG_RUN_MIN {
                SessionKind::Long
            } else if a.avg_hr.is_some_and(|hr| hr >= HARD_RUN_HRMAX * max) {
                SessionKind::Tempo
            } else {
                SessionKind::Easy
            }
        }
        Sport::Cycle | Sport::Elliptical | Sport::Swim | Sport::Row => SessionKind::Cross,
        Sport::Walk | Sport::Hike | Sport::Other => return None,
    };
    Some(DoneSession {
        date: a.started_at.to_zoned(tz.clone()).date(),
        slot: slot_of(a.started_at, tz),
        kind,
        focus: None,
        load: None,
        minutes: Some(minutes.round() as u32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_store::EntryId;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn lift(n: i64, start: &str, minutes: f64) -> LiftRow {
        LiftRow {
            id: EntryId::Lift(n),
            started_at: ts(start),
            minutes: Some(minutes),
            rpe: None,
            exercises: Vec::new(),
        }
    }

    fn run(n: i64, start: &str) -> ActivityRow {
        ActivityRow {
            id: EntryId::Activity(n),
            sport: Sport::Run,
            started_at: ts(start),
            timer_s: 1200.0,
            elapsed_s: 1200.0,
            distance_m: None,
            avg_hr: None,
            max_hr: None,
            source: "manual".into(),
        }
    }

    #[test]
    fn the_first_run_within_two_hours_after_a_lift() {
        let lifts = [
            lift(2, "2026-11-10T17:00:00Z", 60.0),
            lift(1, "2026-11-03T17:00:00Z", 60.0),
        ];
        let runs = [
            run(3, "2026-11-10T18:30:00Z"),
            // A run of its own (no lift before it), and one 2 h 30 after a lift ended: not after lifting.
            run(1, "2026-11-01T08:00:00Z"),
            run(2, "2026-11-03T20:30:00Z"),
        ];
        assert_eq!(
            first_post_lift_run(&lifts, &runs),
            Some(ts("2026-11-10T18:30:00Z"))
        );
        assert_eq!(first_post_lift_run(&lifts[..1], &runs[1..]), None);
        assert_eq!(
            weeks_since(ts("2026-11-03T18:30:00Z"), ts("2026-11-24T18:29:00Z")),
            2
        );
        assert_eq!(
            weeks_since(ts("2026-11-03T18:30:00Z"), ts("2026-11-24T18:30:00Z")),
            3
        );
        assert_eq!(
            weeks_since(ts("2026-11-24T18:30:00Z"), ts("2026-11-03T18:30:00Z")),
            0
        );
    }
}
