//! Personal experiments over the log: started ([`start`]: the protocol sized from the primary outcome's
//! history before the start, kept in the log), listed, stopped, reported on ([`report`]: the outcomes and
//! which strategy the log shows was followed, read from the log over the schedule), and followed: the
//! strategy of the day ([`active_strategy`]) is what [`crate::advise`] and [`crate::replan::week`] put into
//! a request that names none, so the advisor and the planner follow the schedule.
//!
//! Decisions:
//! - **At most one open experiment** — neither stopped nor past its last day: [`start`] refuses a second
//!   (`StoreError::Conflict`, naming the open one), and the store checks it again in the inserting
//!   transaction. A restore keeps what the other log held, without the check; when two are open on a day,
//!   the newest is followed.
//! - **Washout days follow the arm.** The washout only keeps the outcomes of a period's first days out of
//!   the analysis; the strategy is followed from the period's first day, so what is measured from its
//!   washout on is the arm's.
//! - **Stopping** ends the experiment on that day: it is its last day for the report, and from that day
//!   on nothing follows it (the rest of the day is free of the arm too).
//! - **A week plan** follows the arm of the first day it plans that has one (today within the week, else
//!   the week's first day; a default start is a Monday, so a week is one arm).
//! - **Seeds** drawn here ([`draw_seed`]) are 53-bit, so they are exact as JSON numbers in any language.

use std::collections::BTreeSet;

use afterlift_core::Athlete;
use afterlift_core::catalogue::Aliases;
use afterlift_core::contract::{
    ExperimentDay, ExperimentOut, ExperimentStatus, FieldError, InvalidRequest, StartExperiment,
    day_of, next_monday,
};
use afterlift_core::experiment::strategy::{
    Comparison, Observed, Strategy, TagLog, adherence, tag_days,
};
use afterlift_core::experiment::{
    DesignError, ExperimentReport, LogInput, OutcomeKind, Protocol, ProtocolError, ReportInput,
    history_window, observations, progress, report as report_of,
};
use afterlift_core::session::{Activity, StrengthSession, Wellness};
use afterlift_store::{EntryId, ExperimentRecord, NewExperiment, Store, StoreError, TimeFilter};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::AppError;
use crate::from_log::time_zone;

/// A seed for a new experiment's order, from the operating system: 53 random bits, so the number is
/// exact wherever the JSON goes (a JavaScript number holds 53 bits).
pub fn draw_seed() -> Result<u64, AppError> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Random(e.to_string()))?;
    Ok(u64::from_le_bytes(bytes) & ((1 << 53) - 1))
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(InvalidRequest {
        errors: vec![FieldError {
            field: field.into(),
            message: message.into(),
        }],
    })
}

fn no_profile() -> AppError {
    invalid(
        "profile",
        "an experiment needs the athlete's profile (age, heart rates, goal): set it first \
         (afterlift profile set)",
    )
}

/// The request field a protocol's refusal is about.
fn field_of(e: &ProtocolError, request: &StartExperiment) -> &'static str {
    match e {
        ProtocolError::Design(d) => match d {
            DesignError::PeriodWeeks { .. } => "period_weeks",
            DesignError::Washout { .. } => "washout_days",
            DesignError::Blocks { .. } => "blocks",
            DesignError::Dates => "start",
            DesignError::SmallestEffect { smallest_effect }
                if smallest_effect.to_bits() != request.primary.smallest_effect.to_bits() =>
            {
                "secondary"
            }
            DesignError::SmallestEffect { .. } | DesignError::TooSmall { .. } => {
                "primary.smallest_effect"
            }
        },
        ProtocolError::Question => "question",
        ProtocolError::ArmNames => "comparison",
        ProtocolError::DeclaredAfterStart { .. } => "start",
        ProtocolError::TooFewBlocks { .. } => "blocks",
        ProtocolError::DuplicateOutcome { .. } => "secondary",
        ProtocolError::NoLift => "primary.exercise",
    }
}

/// A stored experiment's comparison and protocol.
fn parse(rec: &ExperimentRecord) -> Result<(Comparison, Protocol), AppError> {
    let comparison: Comparison = rec
        .comparison
        .parse()
        .map_err(|e: String| StoreError::Corrupt(format!("experiment {}: {e}", rec.id)))?;
    let protocol: Protocol = serde_json::from_str(&rec.protocol_json).map_err(|e| {
        StoreError::Corrupt(format!(
            "experiment {}: its protocol cannot be read: {e}",
            rec.id
        ))
    })?;
    Ok((comparison, protocol))
}

/// The experiment `rec` as of `today`.
pub fn out(rec: &ExperimentRecord, today: Date) -> Result<ExperimentOut, AppError> {
    let (comparison, protocol) = parse(rec)?;
    Ok(ExperimentOut::new(
        rec.id,
        comparison,
        protocol,
        rec.created_at,
        rec.stopped_on,
        today,
    ))
}

/// The athlete's local date at `now` (the profile's zone, else `fallback`), with the profile.
async fn today(
    store: &Store,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<(Option<afterlift_store::Profile>, TimeZone, Date), AppError> {
    let profile = store.profile().await?;
    let tz = time_zone(profile.as_ref(), fallback)?;
    let today = now.to_zoned(tz.clone()).date();
    Ok((profile, tz, today))
}

/// The first instant of `date` in `tz`.
fn day_start(date: Date, tz: &TimeZone) -> Timestamp {
    date.to_zoned(tz.clone())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp())
}

/// What an outcome's observations are read from.
#[derive(Debug, Clone, Copy, Default)]
struct Needs {
    activities: bool,
    samples: bool,
    lifts: bool,
    wellness: bool,
}

impl Needs {
    fn of(kind: &OutcomeKind) -> Needs {
        match kind {
            OutcomeKind::E1rm { .. } => Needs {
                lifts: true,
                ..Needs::default()
            },
            OutcomeKind::EasyRunEfficiency { .. } => Needs {
                activities: true,
                samples: true,
                ..Needs::default()
            },
            OutcomeKind::RestingHr
            | OutcomeKind::Hrv
            | OutcomeKind::Hooper
            | OutcomeKind::Soreness => Needs {
                wellness: true,
                ..Needs::default()
            },
            OutcomeKind::SessionRpe | OutcomeKind::WeeklyMinutes => Needs {
                activities: true,
                lifts: true,
                ..Needs::default()
            },
            // The tagging reads everything anyway (`report`); before the start there is no schedule.
            OutcomeKind::Adherence => Needs::default(),
        }
    }
}

/// The log's sessions that started from `from` to before `to`, oldest first: activities with their
/// samples when `samples` (one read each), else as their listings hold them.
async fn sessions(
    store: &Store,
    from: Timestamp,
    to: Timestamp,
    needs: Needs,
) -> Result<(Vec<Activity>, Vec<StrengthSession>), AppError> {
    let filter = TimeFilter::between(from, to);
    let mut activities = Vec::new();
    if needs.activities || needs.samples {
        for row in store.activities(&filter).await?.iter().rev() {
            match row.id {
                EntryId::Activity(n) if needs.samples => {
                    activities.push(store.activity(n).await?.activity);
                }
                _ => activities.push(Activity {
                    sport: row.sport,
                    started_at: row.started_at,
                    utc_offset_s: None,
                    timer_s: row.timer_s,
                    elapsed_s: row.elapsed_s,
                    distance_m: row.distance_m,
                    avg_hr_bpm: row.avg_hr,
                    max_hr_bpm: row.max_hr,
                    calories_kcal: None,
                    rpe: None,
                    source: row.source.clone(),
                    samples: Vec::new(),
                    laps: Vec::new(),
                }),
            }
        }
    }
    let mut lifts = Vec::new();
    if needs.lifts {
        for row in store.lifts(&filter).await?.iter().rev() {
            if let EntryId::Lift(n) = row.id {
                lifts.push(store.lift(n).await?.session);
            }
        }
    }
    Ok((activities, lifts))
}

async fn wellness(store: &Store, from: Date, to: Date) -> Result<Vec<(Date, Wellness)>, AppError> {
    Ok(store
        .wellness(from, to)
        .await?
        .into_iter()
        .map(|w| (w.date, w.wellness))
        .collect())
}

/// Starts an experiment for the athlete: `request` with its defaults (the start: the Monday after the
/// athlete's today at `now`; the seed: `seed` unless the request gives one), the protocol sized from the
/// primary outcome's observations over the 26 weeks before the start ([`history_window`]), kept in the log.
///
/// Refused with the field named (`AppError::Invalid`) when the protocol cannot start (the `ProtocolError`'s
/// text: a start in the past, a washout too long, fewer blocks than the minimum, an effect too small to
/// find…) or without a profile; `StoreError::Conflict` while another experiment is open.
pub async fn start(
    store: &Store,
    request: StartExperiment,
    now: Timestamp,
    fallback: &TimeZone,
    seed: u64,
) -> Result<ExperimentOut, AppError> {
    let (profile, tz, today) = today(store, now, fallback).await?;
    let profile = profile.ok_or_else(no_profile)?;
    let athlete = &profile.athlete;
    if let Some(q) = &request.question
        && q.chars().count() > 500
    {
        return Err(invalid("question", "longer than 500 characters"));
    }
    if let Some(open) = store
        .experiments()
        .await?
        .into_iter()
        .find(|e| e.is_open(today))
    {
        return Err(afterlift_store::validate::experiment_open(open.id, open.ends_on).into());
    }
    let setup = request.setup(next_monday(today));
    let start = setup.start;
    let history = match history_window(start) {
        Some((from, to)) => {
            let kind = setup.primary.kind.declared_for(athlete);
            let needs = Needs::of(&kind);
            let end = to.checked_add(1.day()).unwrap_or(to);
            let (activities, lifts) =
                sessions(store, day_start(from, &tz), day_start(end, &tz), needs).await?;
            let checkins = if needs.wellness {
                wellness(store, from, end).await?
            } else {
                Vec::new()
            };
            let aliases = crate::exercises::aliases(store).await?;
            let log = LogInput {
                athlete,
                time_zone: &tz,
                aliases: &aliases,
                activities: &activities,
                lifts: &lifts,
                wellness: &checkins,
                adherence: &[],
            };
            observations(&kind, &log, from, to)
        }
        None => Vec::new(),
    };
    let seed = request.seed.unwrap_or(seed);
    let protocol = Protocol::new(setup, seed, today, athlete, &history)
        .map_err(|e| invalid(field_of(&e, &request), e.to_string()))?;
    let protocol_json = serde_json::to_string(&protocol).map_err(AppError::Encode)?;
    let rec = store
        .insert_experiment(&NewExperiment {
            created_at: now,
            comparison: request.comparison.code().to_string(),
            seed,
            protocol_json,
            starts_on: protocol.schedule.start,
            ends_on: protocol.schedule.end(),
            stopped_on: None,
            exclusive_on: Some(today),
        })
        .await?;
    Ok(ExperimentOut::new(
        rec.id,
        request.comparison,
        protocol,
        rec.created_at,
        rec.stopped_on,
        today,
    ))
}

/// The athlete's experiments as of `now`, newest first.
pub async fn list(
    store: &Store,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<Vec<ExperimentOut>, AppError> {
    let (_, _, today) = today(store, now, fallback).await?;
    store
        .experiments()
        .await?
        .iter()
        .map(|r| out(r, today))
        .collect()
}

/// One experiment as of `now`; `StoreError::Missing` for an id the athlete does not have.
pub async fn get(
    store: &Store,
    id: i64,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<ExperimentOut, AppError> {
    let (_, _, today) = today(store, now, fallback).await?;
    out(&store.experiment(id).await?, today)
}

/// The experiment a command without an id is about: the open one, else the most recent; `None` when the
/// athlete has none.
pub async fn current(
    store: &Store,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<ExperimentOut>, AppError> {
    let (_, _, today) = today(store, now, fallback).await?;
    let all = store.experiments().await?;
    match all.iter().find(|e| e.is_open(today)).or(all.first()) {
        Some(rec) => Ok(Some(out(rec, today)?)),
        None => Ok(None),
    }
}

/// Stops experiment `id` on the athlete's today at `now` (its last day; one stopped already keeps its
/// day) and returns it.
pub async fn stop(
    store: &Store,
    id: i64,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<ExperimentOut, AppError> {
    let (_, _, today) = today(store, now, fallback).await?;
    out(&store.stop_experiment(id, today).await?, today)
}

/// The strategy the experiment open on `date` puts on it (washout days included), with the experiment's
/// id; `None` without one.
pub async fn active_day(
    store: &Store,
    date: Date,
) -> Result<Option<(i64, ExperimentDay)>, AppError> {
    // Newest first: when a restore left two open on a day, the newest is followed.
    for rec in store.experiments().await? {
        if date < rec.starts_on || date > rec.ends_on || rec.stopped_on.is_some_and(|s| date >= s) {
            continue;
        }
        let (comparison, protocol) = parse(&rec)?;
        if let Some(day) = day_of(comparison, &protocol, rec.stopped_on, date) {
            return Ok(Some((rec.id, day)));
        }
    }
    Ok(None)
}

/// The strategy to follow on `date` (the athlete's local date): the running experiment's scheduled arm,
/// washout days included; `None` without an experiment that day.
pub async fn active_strategy(store: &Store, date: Date) -> Result<Option<Strategy>, AppError> {
    Ok(active_day(store, date).await?.map(|(_, d)| d.strategy))
}

/// The strategy a plan of the week from `week_start` follows: the arm of the first day it plans that has
/// one — `today` when it is in the week, else the week's first day — up to the week's last day.
pub async fn strategy_for_week(
    store: &Store,
    week_start: Date,
    today: Date,
) -> Result<Option<Strategy>, AppError> {
    let last = week_start.checked_add(6.days()).unwrap_or(week_start);
    let from = if (week_start..=last).contains(&today) {
        today
    } else {
        week_start
    };
    let experiments = store.experiments().await?;
    if experiments.is_empty() {
        return Ok(None);
    }
    let mut d = from;
    while d <= last {
        for rec in &experiments {
            if d < rec.starts_on || d > rec.ends_on || rec.stopped_on.is_some_and(|s| d >= s) {
                continue;
            }
            let (comparison, protocol) = parse(rec)?;
            if let Some(day) = day_of(comparison, &protocol, rec.stopped_on, d) {
                return Ok(Some(day.strategy));
            }
        }
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    Ok(None)
}

/// What a report is computed from, read from the log once.
pub struct ReportLog {
    pub athlete: Athlete,
    pub time_zone: TimeZone,
    pub aliases: Aliases,
    pub activities: Vec<Activity>,
    pub lifts: Vec<StrengthSession>,
    pub wellness: Vec<(Date, Wellness)>,
}

/// The report on `protocol` as of `today` from `log` (the pure part of [`report`]): which arm each day
/// followed, from the strategy tagger over the schedule up to the last day analysed, gives the
/// deviations and the adherence outcome's daily series (1 when the day followed the scheduled arm, 0
/// when it could have and did not).
pub fn report_from(
    comparison: Comparison,
    protocol: &Protocol,
    stopped_on: Option<Date>,
    today: Date,
    log: &ReportLog,
) -> ExperimentReport {
    let s = &protocol.schedule;
    let through = progress(s, today, stopped_on).through;
    let tags = match through {
        Some(t) => tag_days(
            comparison,
            &TagLog {
                athlete: &log.athlete,
                time_zone: &log.time_zone,
                aliases: &log.aliases,
                activities: &log.activities,
                lifts: &log.lifts,
            },
            s.start,
            t,
        ),
        None => Vec::new(),
    };
    let followed: Vec<(Date, afterlift_core::experiment::Arm)> = tags
        .iter()
        .filter_map(|t| Some((t.date, t.observed.arm()?)))
        .collect();
    let adh = adherence(&tags, |d| s.arm_on(d));
    let deviating: BTreeSet<Date> = adh.deviations.iter().map(|d| d.date).collect();
    let series: Vec<(Date, f64)> = tags
        .iter()
        .filter(|t| t.observed != Observed::NotApplicable && s.arm_on(t.date).is_some())
        .map(|t| {
            (
                t.date,
                if deviating.contains(&t.date) {
                    0.0
                } else {
                    1.0
                },
            )
        })
        .collect();
    report_of(
        protocol,
        &ReportInput {
            log: LogInput {
                athlete: &log.athlete,
                time_zone: &log.time_zone,
                aliases: &log.aliases,
                activities: &log.activities,
                lifts: &log.lifts,
                wellness: &log.wellness,
                adherence: &series,
            },
            followed: &followed,
            as_of: today,
            stopped_on,
        },
    )
}

/// The report on experiment `id` as of the athlete's today at `now`: the outcomes read from the log over
/// the schedule (activities with their samples, lifts with their sets, check-ins, the athlete's aliases),
/// which arm the log shows each day followed, the analysis by schedule and per protocol. Deterministic: the
/// same log and day give the same report.
pub async fn report(
    store: &Store,
    id: i64,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<ExperimentReport, AppError> {
    let rec = store.experiment(id).await?;
    let (comparison, protocol) = parse(&rec)?;
    let (profile, tz, today) = today(store, now, fallback).await?;
    let profile = profile.ok_or_else(no_profile)?;
    let log = report_log(store, &protocol, profile.athlete, tz).await?;
    Ok(report_from(
        comparison,
        &protocol,
        rec.stopped_on,
        today,
        &log,
    ))
}

/// The log over `protocol`'s schedule: from its first day to the day after its last (a run the next day
/// decides whether a lift day followed "runs on separate days"; a morning's check-in tells of the day
/// before).
async fn report_log(
    store: &Store,
    protocol: &Protocol,
    athlete: Athlete,
    tz: TimeZone,
) -> Result<ReportLog, AppError> {
    let s = &protocol.schedule;
    let from = s.start;
    let after = s.end().checked_add(1.day()).unwrap_or(s.end());
    let until = after.checked_add(1.day()).unwrap_or(after);
    let everything = Needs {
        activities: true,
        samples: true,
        lifts: true,
        wellness: true,
    };
    let (activities, lifts) = sessions(
        store,
        day_start(from, &tz),
        day_start(until, &tz),
        everything,
    )
    .await?;
    let wellness = wellness(store, from, after).await?;
    let aliases = crate::exercises::aliases(store).await?;
    Ok(ReportLog {
        athlete,
        time_zone: tz,
        aliases,
        activities,
        lifts,
        wellness,
    })
}

/// Where experiment `id` stands — or, without an id, the current one ([`current`]) — as of `now`: the
/// strategy of today, the weeks done and left, and the report's answer so far. `None` when the athlete
/// has no experiment.
pub async fn status(
    store: &Store,
    id: Option<i64>,
    now: Timestamp,
    fallback: &TimeZone,
) -> Result<Option<ExperimentStatus>, AppError> {
    let experiment = match id {
        Some(id) => get(store, id, now, fallback).await?,
        None => match current(store, now, fallback).await? {
            Some(e) => e,
            None => return Ok(None),
        },
    };
    let report = report(store, experiment.id, now, fallback).await?;
    Ok(Some(status_of(experiment, report)))
}

/// [`ExperimentStatus`] from an experiment and its report.
pub fn status_of(experiment: ExperimentOut, report: ExperimentReport) -> ExperimentStatus {
    let s = &experiment.protocol.schedule;
    let today = experiment.as_of;
    let weeks_left = if experiment.stopped_on.is_some() || today > s.end() {
        0
    } else {
        let from = today.max(s.start);
        let days = from.until(s.end()).map_or(0, |span| span.get_days()) + 1;
        ((days + 6) / 7) as u32
    };
    let primary = report
        .results
        .into_iter()
        .next()
        .unwrap_or_else(|| unreachable_primary(&experiment));
    ExperimentStatus {
        weeks: s.weeks(),
        days_done: report.adherence.days,
        weeks_left,
        verdict: report.verdict,
        primary,
        experiment,
    }
}

/// A report always has its primary outcome's result; should it not, an empty one says so.
fn unreachable_primary(e: &ExperimentOut) -> afterlift_core::experiment::OutcomeResult {
    let name = e.protocol.primary.kind.name();
    afterlift_core::experiment::OutcomeResult {
        name: name.clone(),
        primary: true,
        by_schedule: afterlift_core::experiment::Analysis {
            periods: Vec::new(),
            observations: 0,
            excluded: 0,
            days_without_observation: 0,
            estimate: None,
            verdict: afterlift_core::experiment::Verdict::NotEnoughData {
                more_weeks: None,
                reason: "no result".into(),
            },
        },
        per_protocol: None,
        summary: format!("{name}: no estimate"),
    }
}

/// An experiment as the export document keeps it.
pub fn doc(rec: &ExperimentRecord) -> Result<afterlift_core::contract::ExperimentDoc, AppError> {
    let (comparison, protocol) = parse(rec)?;
    Ok(afterlift_core::contract::ExperimentDoc {
        id: rec.id,
        created_at: rec.created_at,
        comparison,
        seed: rec.seed,
        protocol,
        stopped_on: rec.stopped_on,
    })
}

/// Restores an export document's experiments: each one the log does not hold yet (the same start time,
/// comparison and protocol) is added under the log's next id, stopped as it was; returns how many were
/// added. What the other log held is kept as it was, without the one-open-experiment check.
pub async fn restore(
    store: &Store,
    docs: &[afterlift_core::contract::ExperimentDoc],
) -> Result<usize, AppError> {
    let held = store.experiments().await?;
    let mut added = 0;
    for d in docs {
        let protocol_json = serde_json::to_string(&d.protocol).map_err(AppError::Encode)?;
        let comparison = d.comparison.code();
        let there = held.iter().any(|e| {
            e.created_at == d.created_at
                && e.comparison == comparison
                && (e.protocol_json == protocol_json
                    || serde_json::from_str::<Protocol>(&e.protocol_json)
                        .is_ok_and(|p| p == d.protocol))
        });
        if there {
            continue;
        }
        store
            .insert_experiment(&NewExperiment {
                created_at: d.created_at,
                comparison: comparison.to_string(),
                seed: d.seed,
                protocol_json,
                starts_on: d.protocol.schedule.start,
                ends_on: d.protocol.schedule.end(),
                stopped_on: d.stopped_on,
                exclusive_on: None,
            })
            .await?;
        added += 1;
    }
    Ok(added)
}
