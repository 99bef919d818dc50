//! The history use case (`afterlift history`, `GET /api/v1/history`): the log read once — activities and
//! lifts as their listings hold them (no samples), the check-ins' dates and the athlete's aliases — and
//! handed to [`afterlift_core::history::history`]. Ten years of log are a few queries, not one per week
//! or per session; a server keeps what it read ([`Cache`]) until the log changes.

use std::sync::{Arc, Mutex};

use afterlift_core::catalogue::Aliases;
use afterlift_core::contract::{FieldError, HistoryResponse, InvalidRequest};
use afterlift_core::history::{self, CardioEntry, HistoryInput, LiftEntry, Range};
use afterlift_store::rows::{ActivityRow, LiftRow};
use afterlift_store::{AthleteId, Store, TimeFilter};
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
    history_with(store, None, range, now, fallback).await
}

/// [`history`], from what `cache` read for the log's current version when it holds that (the server's;
/// [`crate::live::LogCache::history`]).
pub async fn history_with(
    store: &Store,
    cache: Option<&Cache>,
    range: Range,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<HistoryResponse, AppError> {
    let input = match cache {
        None => Arc::new(read(store, fallback).await?),
        Some(cache) => {
            // Read before the log: a write during the read leaves what is kept stale, as it should.
            let version = store.current_version().await?;
            match cache.get(store.athlete(), version) {
                Some(input) => input,
                None => {
                    let input = Arc::new(read(store, fallback).await?);
                    cache.put(store.athlete(), version, Arc::clone(&input));
                    input
                }
            }
        }
    };
    let today = now.to_zoned(input.tz.clone()).date();
    history::history(&input.borrow(), range, today).map_err(|e| {
        AppError::Invalid(InvalidRequest {
            errors: vec![FieldError {
                field: e.field().into(),
                message: e.to_string(),
            }],
        })
    })
}

/// What the history is computed from: the log as read once.
#[derive(Debug)]
pub struct Input {
    tz: TimeZone,
    activities: Vec<CardioEntry>,
    lifts: Vec<LiftEntry>,
    check_ins: Option<(Date, Date)>,
    aliases: Aliases,
}

impl Input {
    fn borrow(&self) -> HistoryInput<'_> {
        HistoryInput {
            time_zone: &self.tz,
            activities: &self.activities,
            lifts: &self.lifts,
            check_ins: self.check_ins,
            aliases: &self.aliases,
        }
    }
}

/// Athletes whose history input a [`Cache`] keeps at once (each a few megabytes for ten years).
pub const CACHED_ATHLETES: usize = 16;

/// The history's input per athlete, kept while the log's version ([`Store::current_version`]) has not
/// moved: History asked again — another range, another visit — computes without reading the log.
#[derive(Debug, Default)]
pub struct Cache {
    entries: Mutex<Vec<(AthleteId, u64, Arc<Input>)>>,
}

impl Cache {
    fn get(&self, athlete: AthleteId, version: u64) -> Option<Arc<Input>> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|(a, v, _)| *a == athlete && *v == version)
            .map(|(_, _, input)| Arc::clone(input))
    }

    fn put(&self, athlete: AthleteId, version: u64, input: Arc<Input>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|(a, _, _)| *a != athlete);
        if entries.len() >= CACHED_ATHLETES {
            // The one kept longest goes.
            entries.remove(0);
        }
        entries.push((athlete, version, input));
    }
}

/// The log read once: five queries at once.
async fn read(store: &Store, fallback: &TimeZone) -> Result<Input, AppError> {
    let all = TimeFilter::all();
    // Every check-in the store can hold (four-digit years), for the first and last dates.
    let (profile, activities, lifts, check_ins, aliases) = tokio::try_join!(
        store.profile(),
        store.activities(&all),
        store.lifts(&all),
        store.wellness(date(1000, 1, 1), date(9999, 12, 31)),
        store.aliases(),
    )?;
    let aliases = Aliases::from_pairs(aliases.into_iter().map(|a| (a.name, a.exercise)));
    let check_ins = check_ins
        .iter()
        .map(|w| w.date)
        .fold(None, |span: Option<(Date, Date)>, d| {
            Some(span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))))
        });
    Ok(Input {
        tz: time_zone(profile.as_ref(), fallback)?,
        activities: activities.iter().map(cardio).collect(),
        lifts: lifts.into_iter().map(lift).collect(),
        check_ins,
        aliases,
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
        session: r.to_session(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::session::{ExerciseLog, SetKind, SetLog, StrengthSession};

    fn squat(at: &str, kg: f64) -> StrengthSession {
        StrengthSession {
            started_at: at.parse().unwrap(),
            duration_s: Some(3600.0),
            title: None,
            rpe: None,
            source: "test".into(),
            exercises: vec![ExerciseLog {
                name: "Squat (Barbell)".into(),
                sets: vec![SetLog {
                    reps: Some(5),
                    weight_kg: Some(kg),
                    rpe: None,
                    kind: SetKind::Normal,
                    duration_s: None,
                    distance_m: None,
                }],
            }],
        }
    }

    /// The cache answers as reading the log does, and a write is seen at the next request.
    #[tokio::test]
    async fn the_cache_follows_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap();
        let cache = Cache::default();
        let now: Timestamp = "2026-03-10T12:00:00Z".parse().unwrap();
        let ask = async || {
            history_with(&store, Some(&cache), Range::default(), now, &TimeZone::UTC)
                .await
                .unwrap()
        };
        store
            .insert_lift(&squat("2026-03-02T17:00:00Z", 100.0))
            .await
            .unwrap();
        let first = ask().await;
        assert_eq!(first.strength[0].points.len(), 1);
        assert_eq!(
            first,
            history(&store, Range::default(), now, &TimeZone::UTC)
                .await
                .unwrap()
        );
        // Kept: asked again without a write, the same input is used.
        let kept = cache.get(store.athlete(), store.current_version().await.unwrap());
        assert!(kept.is_some());
        assert_eq!(ask().await, first);

        store
            .insert_lift(&squat("2026-03-09T17:00:00Z", 110.0))
            .await
            .unwrap();
        let after = ask().await;
        assert_eq!(after.strength[0].points.len(), 2, "the new lift is seen");
        assert_eq!(after.weeks.last().unwrap().strength.sessions, 1);
    }

    #[test]
    fn the_cache_keeps_a_bounded_number_of_athletes() {
        let cache = Cache::default();
        let input = || {
            Arc::new(Input {
                tz: TimeZone::UTC,
                activities: vec![],
                lifts: vec![],
                check_ins: None,
                aliases: Aliases::new(),
            })
        };
        for a in 0..(CACHED_ATHLETES as i64 + 3) {
            cache.put(AthleteId(a), 1, input());
        }
        assert!(cache.get(AthleteId(0), 1).is_none(), "the oldest went");
        assert!(
            cache
                .get(AthleteId(CACHED_ATHLETES as i64 + 2), 1)
                .is_some()
        );
        assert!(
            cache
                .get(AthleteId(CACHED_ATHLETES as i64 + 2), 2)
                .is_none()
        );
        cache.put(AthleteId(5), 2, input());
        assert!(
            cache.get(AthleteId(5), 1).is_none(),
            "one version per athlete"
        );
    }
}
