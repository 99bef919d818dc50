//! The log kept in memory, so that advice and the status under load cost no database round trip
//! (the server's `POST /api/v1/advice` and `GET /api/v1/status`; [`crate::advise::advise`] and
//! [`crate::status::report_with`] use it when given one).
//!
//! [`LogCache`] keeps, for the athlete's current day, the profile, the whole history as a
//! [`StatusInput`] (loads computed once), today's strength sessions, today's check-in (or the earlier one
//! whose pain or illness carries over) and the first run logged after a lift. A request computes its
//! status or snapshot from it (pure: no database round trip). An entry is valid while
//! - the log's version ([`Store::current_version`], read at every request) has not moved: on SQLite the
//!   store moves it after every write of this process as it commits, and after another process's commit
//!   within [`afterlift_store::WATCH_EVERY`] ([`Store::follow_other_writers`], started by
//!   [`LogCache::new`]); on PostgreSQL it is the athlete's counter in the database, moved inside every
//!   writing transaction, so a write committed by another server process before a request is seen by
//!   that request — not only once its NOTIFY arrives (the pain and illness rules depend on it);
//! - the request's time is within the entry's day (the check-ins and "today's lift" are per day), and no
//!   session in the log starts after the request's time (else the log is read as of that time).
//!
//! Entries are kept by athlete ([`Store::athlete`]): the handle a request holds says whose log it reads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use afterlift_core::contract::StatusResponse;
use afterlift_core::load::series::DailyMetrics;
use afterlift_core::session::StrengthSession;
use afterlift_core::status::{ChangePoints, Status, StatusInput};
use afterlift_store::{AthleteId, EntryId, Profile, Store, TimeFilter, WellnessEntry};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::AppError;
use crate::from_log::LogDefaults;

/// The log's contents the advisor and the status need, for one day of the athlete's.
#[derive(Debug)]
pub struct Entry {
    /// The log's version this entry was read at.
    version: u64,
    /// The athlete's day this entry is for: `[day_start, day_end)`.
    day_start: Timestamp,
    day_end: Timestamp,
    profile: Option<Profile>,
    time_zone: jiff::tz::TimeZone,
    /// The whole history (no time bound), today's check-in window; `None` without a profile.
    status: Option<StatusInput>,
    /// The latest start of any session in the log.
    last_start: Option<Timestamp>,
    /// Today's strength sessions (up to a second past the day's end), newest first, as stored.
    today_lifts: Vec<(EntryId, Timestamp, StrengthSession)>,
    /// Today's check-in.
    today_wellness: Option<WellnessEntry>,
    /// Without one, the most recent check-in of the days before (its pain and illness carry over).
    earlier_wellness: Option<WellnessEntry>,
    /// The first logged run done within 2 h after a lift (the athlete's weeks of combining them).
    first_post_lift_run: Option<Timestamp>,
    /// The entry's day (the athlete's local date) and the strategy a running experiment puts on it
    /// ([`crate::experiment::active_strategy`]; experiments are written like everything else, so a new
    /// or stopped one moves the version).
    day: jiff::civil::Date,
    strategy: Option<afterlift_core::experiment::strategy::Strategy>,
    /// When the snapshot changes other than by the muscles' exponential decay.
    changes: ChangePoints,
    /// Snapshots re-used until the history's next change point, one per report length asked (`days`;
    /// 0 is the advisor's, kept without its series).
    memos: Mutex<Vec<Memo>>,
}

#[derive(Debug, Clone)]
struct Memo {
    days: u32,
    at: Timestamp,
    until: Timestamp,
    status: Arc<Status>,
    series: Arc<[DailyMetrics]>,
}

/// Report lengths kept at once (the dashboard asks for one or two).
const MEMOS: usize = 4;

impl Entry {
    /// Whether this entry answers for time `at` exactly as reading the log would.
    fn covers(&self, at: Timestamp) -> bool {
        at >= self.day_start
            && at < self.day_end
            && self
                .last_start
                .is_none_or(|s| s < at.checked_add(SignedDuration::from_secs(1)).unwrap_or(at))
    }

    /// What [`crate::from_log::defaults`] reads, at `now` (which the entry covers).
    pub fn defaults(&self, now: Timestamp) -> LogDefaults {
        let until = now.checked_add(SignedDuration::from_secs(1)).unwrap_or(now);
        let from = crate::from_log::recent_lifts_from(now);
        let lift = self
            .today_lifts
            .iter()
            .find(|(_, started, _)| *started < until && *started >= from)
            .map(|(id, _, s)| (*id, s));
        crate::from_log::defaults_from(
            self.profile.as_ref(),
            self.time_zone.clone(),
            lift,
            crate::from_log::Checkins {
                today: self.today_wellness.as_ref(),
                earlier: self.earlier_wellness.as_ref(),
            },
            self.first_post_lift_run,
            now,
        )
    }

    /// The strategy of the running experiment on `day`, when `day` is the entry's; `None` when it is
    /// another day (the caller reads the log).
    pub fn strategy_on(
        &self,
        day: jiff::civil::Date,
    ) -> Option<Option<afterlift_core::experiment::strategy::Strategy>> {
        (day == self.day).then_some(self.strategy)
    }

    /// What [`crate::status::input`] reads; `None` without a profile.
    pub fn status_input(&self) -> Option<&StatusInput> {
        self.status.as_ref()
    }

    /// The snapshot the advisor listens to at `now` (which the entry covers); `None` without a profile.
    pub fn snapshot(&self, now: Timestamp) -> Option<Status> {
        self.memo(now, 0).map(|m| m.status.later(now))
    }

    /// The status report at `now` (which the entry covers) with `days` of daily loads; `None` without a
    /// profile.
    pub fn report(&self, now: Timestamp, days: u32) -> Option<StatusResponse> {
        self.memo(now, days)
            .map(|m| afterlift_core::status::report_of(&m.status.later(now), &m.series, days))
    }

    /// The snapshot (and series for `days`) as of `now` or as of an earlier time it may be moved on from.
    ///
    /// Computing one walks the whole history (the daily load series from the first session: a millisecond
    /// or more for three years of log), so it is re-used until the history's next change point or the
    /// day's end ([`ChangePoints::steady_until`], which says why that is exact) and moved on to `now`
    /// ([`Status::later`]). Computed outside the lock: two requests arriving together may both compute.
    fn memo(&self, now: Timestamp, days: u32) -> Option<Memo> {
        let input = self.status.as_ref()?;
        let memos = || self.memos.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = memos()
            .iter()
            .find(|m| m.days == days && now >= m.at && now < m.until)
        {
            return Some(m.clone());
        }
        let (status, series) = afterlift_core::status::snapshot_with_series(input, now, days);
        let memo = Memo {
            days,
            at: now,
            until: now,
            status: Arc::new(status),
            // The advisor's snapshot needs no series: not kept.
            series: if days == 0 {
                Arc::from([])
            } else {
                series.into()
            },
        };
        if let Some(until) = self.changes.steady_until(now, &self.time_zone) {
            let mut kept = memos();
            kept.retain(|m| m.days != days);
            if kept.len() >= MEMOS {
                kept.remove(0);
            }
            kept.push(Memo {
                until: until.min(self.day_end),
                ..memo.clone()
            });
        }
        Some(memo)
    }
}

/// The log cache; see the module's documentation.
#[derive(Debug)]
pub struct LogCache {
    /// One entry per athlete asked about (the entries of a day; each replaced when stale).
    entries: RwLock<HashMap<AthleteId, Arc<Entry>>>,
    /// One reload per athlete at a time: the others asking about that athlete wait for it and use its
    /// entry; other athletes' reloads go ahead alongside (a team's server reloads many logs at once).
    reload: Mutex<HashMap<AthleteId, Arc<tokio::sync::Mutex<()>>>>,
    /// The time zone when the profile names none ([`crate::from_log::time_zone`]).
    fallback: TimeZone,
    /// What History is computed from, per athlete who asked for it ([`crate::history::history_with`]).
    history: crate::history::Cache,
}

impl LogCache {
    /// The history's input kept for this log's athletes.
    pub fn history(&self) -> &crate::history::Cache {
        &self.history
    }

    /// A cache of `store`'s log (empty until first asked), following other processes' writes to it.
    pub fn new(store: &Store, fallback: TimeZone) -> LogCache {
        store.follow_other_writers();
        LogCache {
            entries: RwLock::new(HashMap::new()),
            reload: Mutex::new(HashMap::new()),
            fallback,
            history: crate::history::Cache::default(),
        }
    }

    fn current(&self, store: &Store, at: Timestamp, version: u64) -> Option<Arc<Entry>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(&store.athlete())
            .filter(|e| e.version == version && e.covers(at))
            .cloned()
    }

    /// The entry for time `at`, reading the log when the cached one is stale; `None` when `at` cannot be
    /// answered from a cache entry (a session in the log starts after it): the caller reads the log.
    pub async fn get(&self, store: &Store, at: Timestamp) -> Result<Option<Arc<Entry>>, AppError> {
        // From the database where it is shared: another process's write committed before this request
        // is seen by it, even before its notification arrives.
        let version = store.current_version().await?;
        if let Some(e) = self.current(store, at, version) {
            return Ok(Some(e));
        }
        // Only the present is worth caching: a question about another day reads the log.
        let now = Timestamp::now();
        if at.duration_since(now).abs() > SignedDuration::from_secs(60) {
            return Ok(None);
        }
        let lock = {
            let mut locks = self.reload.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(locks.entry(store.athlete()).or_default())
        };
        let _one = lock.lock().await;
        // Read the version first: a write during the reload leaves this entry stale, as it should.
        let version = store.current_version().await?;
        if let Some(e) = self.current(store, at, version) {
            return Ok(Some(e));
        }
        let entry = Arc::new(load(store, at, version, &self.fallback).await?);
        let covers = entry.covers(at);
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(store.athlete(), Arc::clone(&entry));
        Ok(covers.then_some(entry))
    }
}

async fn load(
    store: &Store,
    at: Timestamp,
    version: u64,
    fallback: &TimeZone,
) -> Result<Entry, AppError> {
    let profile = store.profile().await?;
    let tz = crate::from_log::time_zone(profile.as_ref(), fallback)?;
    let today = at.to_zoned(tz.clone()).date();
    let day_start = today
        .to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(at);
    let day_end = today
        .checked_add(1.day())
        .ok()
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp())
        .unwrap_or(at.checked_add(SignedDuration::from_secs(1)).unwrap_or(at))
        .max(at.checked_add(SignedDuration::from_secs(1)).unwrap_or(at));

    let mut today_lifts = Vec::new();
    let listed = store
        .lifts(&TimeFilter {
            // Today's and the recent ones: the advice's lift may have started up to 36 h before.
            from: Some(crate::from_log::recent_lifts_from(day_start)),
            to: day_end.checked_add(SignedDuration::from_secs(1)).ok(),
            limit: None,
        })
        .await?;
    for row in &listed {
        if let EntryId::Lift(n) = row.id {
            today_lifts.push((row.id, row.started_at, store.lift(n).await?.session));
        }
    }
    let today_wellness = store.wellness(today, today).await?.into_iter().next();
    let earlier_wellness = match &today_wellness {
        Some(_) => None,
        None => crate::journal::earlier_check_in(store, today).await?,
    };
    let mut first_post_lift_run = None;
    let strategy = crate::experiment::active_strategy(store, today).await?;

    let mut changes = ChangePoints::default();
    let (status, last_start) = match &profile {
        None => (None, None),
        Some(p) => {
            let activities = store.activities(&TimeFilter::all()).await?;
            let lifts = store.lifts(&TimeFilter::all()).await?;
            let wellness = store
                .wellness(crate::status::wellness_from(today), today)
                .await?
                .into_iter()
                .map(|w| (w.date, w.wellness))
                .collect();
            let aliases = crate::exercises::aliases(store).await?;
            first_post_lift_run = crate::replan::first_post_lift_run(&lifts, &activities);
            let input = crate::status::input_from_rows(
                p.athlete.clone(),
                tz.clone(),
                &activities,
                &lifts,
                wellness,
                aliases,
            );
            let last = input.sessions.iter().map(|s| s.started_at).max();
            changes = ChangePoints::of(&input);
            (Some(input), last)
        }
    };
    Ok(Entry {
        version,
        day_start,
        day_end,
        profile,
        time_zone: tz,
        status,
        last_start,
        today_lifts,
        today_wellness,
        earlier_wellness,
        first_post_lift_run,
        day: today,
        strategy,
        changes,
        memos: Mutex::new(Vec::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::session::{ExerciseLog, SetKind, SetLog, Sport};
    use afterlift_core::status::{LoggedSession, SessionKind};
    use afterlift_core::{Athlete, Goal, Sex};

    fn entry(now: Timestamp) -> Entry {
        let h = |n: i64| now.checked_sub(SignedDuration::from_hours(n)).unwrap();
        let squat = StrengthSession {
            started_at: h(3),
            duration_s: Some(3600.0),
            title: None,
            rpe: Some(8.0),
            source: String::new(),
            exercises: vec![ExerciseLog {
                name: "Squat (Barbell)".into(),
                sets: vec![
                    SetLog {
                        reps: Some(5),
                        weight_kg: Some(100.0),
                        rpe: Some(8.0),
                        kind: SetKind::Normal,
                        duration_s: None,
                        distance_m: None,
                    };
                    5
                ],
            }],
        };
        let input = StatusInput {
            athlete: Athlete {
                age_years: 34.0,
                sex: Sex::Female,
                weight_kg: 62.0,
                resting_hr_bpm: Some(55.0),
                max_hr_bpm: None,
                hrv_rmssd_ms: None,
                goal: Goal::Hypertrophy,
                concurrent_weeks: None,
                injury_prone: false,
            },
            time_zone: jiff::tz::TimeZone::UTC,
            sessions: vec![
                LoggedSession {
                    started_at: h(3),
                    duration_s: Some(3600.0),
                    kind: SessionKind::Lift,
                    load: 480.0,
                },
                LoggedSession {
                    started_at: h(30),
                    duration_s: Some(2700.0),
                    kind: SessionKind::Cardio(Sport::Run),
                    load: 300.0,
                },
            ],
            lifts: vec![squat],
            runs: Vec::new(),
            wellness: Vec::new(),
            aliases: Default::default(),
        };
        let changes = ChangePoints::of(&input);
        Entry {
            version: 0,
            day_start: h(20),
            day_end: now.checked_add(SignedDuration::from_hours(4)).unwrap(),
            profile: None,
            time_zone: jiff::tz::TimeZone::UTC,
            status: Some(input),
            last_start: Some(h(3)),
            today_lifts: Vec::new(),
            today_wellness: None,
            earlier_wellness: None,
            first_post_lift_run: None,
            day: now.to_zoned(jiff::tz::TimeZone::UTC).date(),
            strategy: None,
            changes,
            memos: Mutex::new(Vec::new()),
        }
    }

    #[test]
    fn a_reused_snapshot_reads_as_a_fresh_one() {
        let t0: Timestamp = "2026-11-24T12:00:00Z".parse().unwrap();
        let e = entry(t0);
        let first = e.snapshot(t0).unwrap();
        // Hours later, on the same day, with no session in between: the snapshot of t0 moved on.
        let t1 = t0.checked_add(SignedDuration::from_mins(150)).unwrap();
        let reused = e.snapshot(t1).unwrap();
        let fresh = afterlift_core::status::snapshot(e.status_input().unwrap(), t1);
        assert_eq!(first.at, t0);
        assert_eq!(reused.at, t1);
        assert_eq!(e.memos.lock().unwrap().len(), 1, "computed once");
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert!(close(
            reused.leg_readiness_pct(t1),
            fresh.leg_readiness_pct(t1)
        ));
        assert!(
            fresh.leg_readiness_pct(t1) < 100.0,
            "the squat still tires the legs"
        );
        for m in afterlift_core::catalogue::Muscle::ALL {
            assert_eq!(
                reused.muscles.ready_at(m, 70.0),
                fresh.muscles.ready_at(m, 70.0)
            );
        }
        assert_eq!(reused.last_lift_ended_at, fresh.last_lift_ended_at);
        assert_eq!(reused.load, fresh.load);
        assert_eq!(reused.readiness, fresh.readiness);
        // The report too, as JSON, for any length.
        for days in [0, 7, 42] {
            let cached = serde_json::to_value(e.report(t1, days).unwrap()).unwrap();
            let fresh = afterlift_core::status::status(e.status_input().unwrap(), t1, days);
            assert_eq!(cached, serde_json::to_value(fresh).unwrap(), "{days} days");
        }
    }

    /// Each athlete's requests read their own entry: B is never answered from A's log.
    #[tokio::test]
    async fn entries_are_kept_by_athlete() {
        let dir = tempfile::tempdir().unwrap();
        let a = afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap();
        let b = a.for_athlete(AthleteId(2));
        a.set_profile(&Profile::new(Athlete {
            age_years: 34.0,
            sex: Sex::Female,
            weight_kg: 62.0,
            resting_hr_bpm: Some(55.0),
            max_hr_bpm: None,
            hrv_rmssd_ms: None,
            goal: Goal::Hypertrophy,
            concurrent_weeks: None,
            injury_prone: false,
        }))
        .await
        .unwrap();
        let cache = LogCache::new(&a, jiff::tz::TimeZone::UTC);
        let now = Timestamp::now();
        let of_a = cache.get(&a, now).await.unwrap().unwrap();
        let of_b = cache.get(&b, now).await.unwrap().unwrap();
        assert!(of_a.profile.is_some());
        assert!(of_b.profile.is_none(), "B's entry is B's log");
        // Both stay cached side by side.
        assert!(Arc::ptr_eq(
            &of_a,
            &cache.get(&a, now).await.unwrap().unwrap()
        ));
        assert!(Arc::ptr_eq(
            &of_b,
            &cache.get(&b, now).await.unwrap().unwrap()
        ));
        a.close().await;
    }

    #[test]
    fn no_reuse_across_a_session_end_or_midnight() {
        let t0: Timestamp = "2026-11-24T12:00:00Z".parse().unwrap();
        let e = entry(t0);
        // The lift ends two hours before t0: a snapshot within a second of that end is not re-used.
        let end = t0.checked_sub(SignedDuration::from_hours(2)).unwrap();
        let before = end.checked_sub(SignedDuration::from_millis(300)).unwrap();
        e.snapshot(before).unwrap();
        assert!(e.memos.lock().unwrap().is_empty(), "a lift in progress");
        // After it, re-used until the day's end at most.
        e.snapshot(t0).unwrap();
        let until = e.memos.lock().unwrap()[0].until;
        assert!(until <= e.day_end);
        assert!(until > t0);
    }
}
