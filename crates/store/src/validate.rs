//! What the store refuses to keep: absurd values, checked before anything is written.
//!
//! Readers should already reject or drop bad input; this is the last line, so a bug upstream cannot put a
//! 300 bpm heart rate or a 45-hour strength session into the log. Every error names the field, with the
//! item's place in a batch (`activities[2].samples[17].hr_bpm`).
//!
//! The ranges are core's ([`afterlift_core::limits`]): what files may hold for activities and lifts (the
//! `LOGGED_*` ranges, which the readers drop absurd values by), and for the profile and check-ins — which
//! only people write — exactly the advisor's validation ([`afterlift_core::validate`]), so the log never
//! holds a profile or a check-in the advisor would refuse. The store adds only what is its own: text
//! lengths, content hashes, whole-minute times, four-digit years.

use afterlift_core::contract::ReadinessInput;
use afterlift_core::limits::{self, Range};
use afterlift_core::session::{Activity, StrengthSession, Wellness};

use crate::{Profile, StoreError, samples};

/// Longest cardio activity, seconds ([`limits::LOGGED_ACTIVITY_SECONDS`]): the duplicate search relies on
/// no stored activity being longer.
pub const MAX_ACTIVITY_S: f64 = limits::LOGGED_ACTIVITY_SECONDS.max;
/// Longest strength session, seconds ([`limits::LOGGED_LIFT_SECONDS`]): the duplicate search relies on no
/// stored lift being longer.
pub const MAX_STRENGTH_S: f64 = limits::LOGGED_LIFT_SECONDS.max;
const MAX_TEXT_CHARS: usize = 1000;
/// An exercise name longer than this is not a name (the catalogue's longest is under 60 characters).
const MAX_NAME_CHARS: usize = 200;

fn field(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn range(prefix: &str, name: &str, v: f64, r: &Range) -> Result<(), StoreError> {
    r.check(v)
        .map(|_| ())
        .map_err(|message| StoreError::invalid(field(prefix, name), message))
}

fn opt(prefix: &str, name: &str, v: Option<f64>, r: &Range) -> Result<(), StoreError> {
    v.map_or(Ok(()), |v| range(prefix, name, v, r))
}

/// The first of core's validation errors, as the store's.
fn first(result: Result<(), afterlift_core::contract::InvalidRequest>) -> Result<(), StoreError> {
    match result.map_err(|e| e.errors.into_iter().next()) {
        Ok(()) | Err(None) => Ok(()),
        Err(Some(f)) => Err(StoreError::invalid(f.field, f.message)),
    }
}

fn text(prefix: &str, name: &str, s: &str, required: bool) -> Result<(), StoreError> {
    if required && s.trim().is_empty() {
        return Err(StoreError::invalid(
            field(prefix, name),
            "must not be empty",
        ));
    }
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(StoreError::invalid(
            field(prefix, name),
            format!("longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Checks `a` and encodes its samples (`None` when it has none).
pub fn activity(a: &Activity, prefix: &str) -> Result<Option<Vec<u8>>, StoreError> {
    range(
        prefix,
        "elapsed_s",
        a.elapsed_s,
        &limits::LOGGED_ACTIVITY_SECONDS,
    )?;
    range(
        prefix,
        "timer_s",
        a.timer_s,
        &limits::LOGGED_ACTIVITY_SECONDS,
    )?;
    opt(
        prefix,
        "distance_m",
        a.distance_m,
        &limits::LOGGED_ACTIVITY_DISTANCE,
    )?;
    opt(prefix, "avg_hr_bpm", a.avg_hr_bpm, &limits::DEVICE_HR)?;
    opt(prefix, "max_hr_bpm", a.max_hr_bpm, &limits::DEVICE_HR)?;
    opt(
        prefix,
        "calories_kcal",
        a.calories_kcal,
        &limits::LOGGED_KCAL,
    )?;
    opt(prefix, "rpe", a.rpe, &limits::LOGGED_RPE)?;
    if let Some(off) = a.utc_offset_s
        && off.unsigned_abs() > 18 * 3600
    {
        return Err(StoreError::invalid(
            field(prefix, "utc_offset_s"),
            format!("{off} s is beyond ±18 h"),
        ));
    }
    text(prefix, "source", &a.source, true)?;
    if a.samples.is_empty() {
        return Ok(None);
    }
    // The field name is only built for the sample that fails: formatting one per sample would cost more
    // than the check.
    if let Some((i, hr)) = a.samples.iter().enumerate().find_map(|(i, s)| {
        s.hr_bpm
            .filter(|&hr| !limits::DEVICE_HR.contains(f64::from(hr)))
            .map(|hr| (i, hr))
    }) {
        range(
            &field(prefix, &format!("samples[{i}]")),
            "hr_bpm",
            f64::from(hr),
            &limits::DEVICE_HR,
        )?;
    }
    let blob = samples::encode(&a.samples).map_err(|e| {
        StoreError::invalid(
            field(prefix, &format!("samples[{}].{}", e.index, e.field)),
            e.message,
        )
    })?;
    Ok(Some(blob))
}

pub fn lift(l: &StrengthSession, prefix: &str) -> Result<(), StoreError> {
    opt(
        prefix,
        "duration_s",
        l.duration_s,
        &limits::LOGGED_LIFT_SECONDS,
    )?;
    opt(prefix, "rpe", l.rpe, &limits::LOGGED_RPE)?;
    text(prefix, "source", &l.source, true)?;
    if let Some(t) = &l.title {
        text(prefix, "title", t, false)?;
    }
    for (i, e) in l.exercises.iter().enumerate() {
        let p = field(prefix, &format!("exercises[{i}]"));
        text(&p, "name", &e.name, true)?;
        for (j, s) in e.sets.iter().enumerate() {
            let p = field(&p, &format!("sets[{j}]"));
            opt(&p, "reps", s.reps.map(f64::from), &limits::LOGGED_SET_REPS)?;
            opt(&p, "weight_kg", s.weight_kg, &limits::LOGGED_SET_WEIGHT)?;
            opt(&p, "rpe", s.rpe, &limits::LOGGED_RPE)?;
            opt(&p, "duration_s", s.duration_s, &limits::LOGGED_LIFT_SECONDS)?;
            opt(&p, "distance_m", s.distance_m, &limits::LOGGED_SET_DISTANCE)?;
        }
    }
    Ok(())
}

/// A check-in: the advisor's ranges ([`afterlift_core::validate::check_in`]), named as the advice
/// request's `readiness` names them (`resting_hr`), and a four-digit year.
pub fn wellness(date: jiff::civil::Date, w: &Wellness) -> Result<(), StoreError> {
    // Dates are stored as `YYYY-MM-DD` text, which sorts correctly only for four-digit years.
    if date.year() < 1000 {
        return Err(StoreError::invalid(
            "date",
            format!("{date} is before the year 1000"),
        ));
    }
    first(afterlift_core::validate::check_in(
        "",
        &ReadinessInput::from_wellness(w),
    ))
}

/// The profile: the advisor's validation of the athlete ([`afterlift_core::validate::athlete`]: ranges,
/// heart rates, time zone, day window, race), named as the profile document's `athlete` names them
/// (`hrv_rmssd_ms`, `race.time_s`); then what the store adds: times in whole minutes, a four-digit race year.
pub fn profile(p: &Profile) -> Result<(), StoreError> {
    first(afterlift_core::validate::athlete(
        "",
        &p.athlete_input(),
        None,
    ))?;
    for (name, t) in [("wake_time", p.wake_time), ("sleep_time", p.sleep_time)] {
        if let Some(t) = t
            && (t.second() != 0 || t.subsec_nanosecond() != 0)
        {
            return Err(StoreError::invalid(
                name,
                format!("{t} has seconds: expected a time of day in whole minutes (HH:MM)"),
            ));
        }
    }
    if let Some(d) = p.race.and_then(|r| r.date)
        && d.year() < 1000
    {
        return Err(StoreError::invalid(
            "race.date",
            format!("{d} is before the year 1000"),
        ));
    }
    Ok(())
}

/// An alias as the store keeps it; returns its key (the normalised name).
pub fn alias(a: &afterlift_core::catalogue::Alias, prefix: &str) -> Result<String, StoreError> {
    text(prefix, "name", &a.name, true)?;
    text(prefix, "exercise", &a.exercise, true)?;
    for (name, value) in [("name", &a.name), ("exercise", &a.exercise)] {
        if value.chars().count() > MAX_NAME_CHARS {
            return Err(StoreError::invalid(
                field(prefix, name),
                format!("longer than {MAX_NAME_CHARS} characters: expected an exercise name"),
            ));
        }
    }
    let key = afterlift_core::catalogue::Aliases::key(&a.name);
    if key.is_empty() {
        return Err(StoreError::invalid(
            field(prefix, "name"),
            format!(
                "'{}' has no letters or digits: expected the name as you log it",
                a.name
            ),
        ));
    }
    Ok(key)
}

/// Every alias of `aliases` (a restore) with its key, all or none: one invalid alias fails them all, named
/// by its index when there are several.
pub fn aliases(
    aliases: &[afterlift_core::catalogue::Alias],
) -> Result<Vec<(String, &afterlift_core::catalogue::Alias)>, StoreError> {
    let mut keyed = Vec::with_capacity(aliases.len());
    for (i, a) in aliases.iter().enumerate() {
        let prefix = if aliases.len() == 1 {
            String::new()
        } else {
            format!("aliases[{i}]")
        };
        keyed.push((alias(a, &prefix)?, a));
    }
    Ok(keyed)
}

/// A file's import batch, checked before its transaction: its content hash, every activity and every lift.
/// Returns each activity's encoded samples, in order.
pub fn import_batch(batch: &crate::ImportBatch) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
    content_hash(&batch.content_hash)?;
    let blobs = batch
        .activities
        .iter()
        .enumerate()
        .map(|(i, a)| activity(a, &format!("activities[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, l) in batch.lifts.iter().enumerate() {
        lift(l, &format!("lifts[{i}]"))?;
    }
    Ok(blobs)
}

pub fn content_hash(hash: &str) -> Result<(), StoreError> {
    if hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(StoreError::invalid(
            "content_hash",
            "expected 64 lowercase hex digits (SHA-256)",
        ))
    }
}

/// The longest protocol text kept: 1 MiB (a protocol of 26 blocks with a dozen outcomes is a few
/// kilobytes).
pub const MAX_PROTOCOL_BYTES: usize = 1 << 20;

/// A personal experiment as the store keeps it: a comparison's name, a protocol text, its first day not
/// after its last, four-digit years (dates are stored as `YYYY-MM-DD` text on SQLite).
pub fn experiment(e: &crate::NewExperiment) -> Result<(), StoreError> {
    text("", "comparison", &e.comparison, true)?;
    if e.comparison.chars().count() > MAX_NAME_CHARS {
        return Err(StoreError::invalid(
            "comparison",
            format!("longer than {MAX_NAME_CHARS} characters: expected a comparison's name"),
        ));
    }
    if e.protocol_json.trim().is_empty() {
        return Err(StoreError::invalid("protocol", "must not be empty"));
    }
    if e.protocol_json.len() > MAX_PROTOCOL_BYTES {
        return Err(StoreError::invalid(
            "protocol",
            format!("longer than {MAX_PROTOCOL_BYTES} bytes"),
        ));
    }
    for (name, d) in [
        ("start", Some(e.starts_on)),
        ("end", Some(e.ends_on)),
        ("stopped_on", e.stopped_on),
        ("today", e.exclusive_on),
    ] {
        if let Some(d) = d
            && d.year() < 1000
        {
            return Err(StoreError::invalid(
                name,
                format!("{d} is before the year 1000"),
            ));
        }
    }
    if e.ends_on < e.starts_on {
        return Err(StoreError::invalid(
            "end",
            format!("{} is before the start, {}", e.ends_on, e.starts_on),
        ));
    }
    Ok(())
}

/// The refusal of a second open experiment ([`crate::NewExperiment::exclusive_on`]).
pub fn experiment_open(id: i64, ends_on: jiff::civil::Date) -> StoreError {
    StoreError::Conflict(format!(
        "experiment {id} is still running (until {ends_on}): one experiment at a time — stop it first \
         (afterlift experiment stop {id})"
    ))
}

/// The answer for an experiment id the athlete does not have.
pub fn no_experiment(id: i64) -> StoreError {
    StoreError::Missing(format!("no experiment {id} in the training log"))
}
