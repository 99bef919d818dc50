//! What the store refuses to keep: absurd values, checked before anything is written.
//!
//! Readers should already reject or drop bad input; this is the last line, so a bug upstream cannot put a
//! 300 bpm heart rate or a 45-hour strength session into the log. Every error names the field, with the
//! item's place in a batch (`activities[2].samples[17].hr_bpm`).

use afterlift_core::Athlete;
use afterlift_core::session::{Activity, StrengthSession, Wellness};

use crate::{Profile, StoreError, samples};

/// Heart rates outside this range are sensor errors (an HR of 0 is "no reading").
pub const HR_BPM: (f64, f64) = (1.0, 250.0);
/// Longest cardio activity: a week (multi-day ultras stay below it).
pub const MAX_ACTIVITY_S: f64 = 7.0 * 24.0 * 3600.0;
/// Longest strength session: 12 hours.
pub const MAX_STRENGTH_S: f64 = 12.0 * 3600.0;
/// Longest distance of one activity: 10,000 km.
pub const MAX_DISTANCE_M: f64 = 10_000_000.0;
/// Heaviest set; negative loads are assistance (assisted pull-ups).
pub const SET_WEIGHT_KG: (f64, f64) = (-1000.0, 1000.0);
const MAX_TEXT_CHARS: usize = 1000;
/// The race distances a result is kept for: from 1500 m (shorter races are mostly anaerobic, and Daniels'
/// tables start there) to the marathon.
pub const RACE_DISTANCE_M: (f64, f64) = (1500.0, 42195.0);
/// An exercise name longer than this is not a name (the catalogue's longest is under 60 characters).
const MAX_NAME_CHARS: usize = 200;

fn field(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn range(
    prefix: &str,
    name: &str,
    v: f64,
    (lo, hi): (f64, f64),
    unit: &str,
) -> Result<(), StoreError> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(StoreError::invalid(
            field(prefix, name),
            format!(
                "{} is not between {lo} and {hi}{unit}",
                afterlift_core::validate::shown(v)
            ),
        ))
    }
}

fn opt(
    prefix: &str,
    name: &str,
    v: Option<f64>,
    bounds: (f64, f64),
    unit: &str,
) -> Result<(), StoreError> {
    v.map_or(Ok(()), |v| range(prefix, name, v, bounds, unit))
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
        (0.0, MAX_ACTIVITY_S),
        " s",
    )?;
    range(prefix, "timer_s", a.timer_s, (0.0, MAX_ACTIVITY_S), " s")?;
    opt(
        prefix,
        "distance_m",
        a.distance_m,
        (0.0, MAX_DISTANCE_M),
        " m",
    )?;
    opt(prefix, "avg_hr_bpm", a.avg_hr_bpm, HR_BPM, " bpm")?;
    opt(prefix, "max_hr_bpm", a.max_hr_bpm, HR_BPM, " bpm")?;
    opt(
        prefix,
        "calories_kcal",
        a.calories_kcal,
        (0.0, 100_000.0),
        " kcal",
    )?;
    opt(prefix, "rpe", a.rpe, (0.0, 10.0), "")?;
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
            .filter(|&hr| !(HR_BPM.0..=HR_BPM.1).contains(&f64::from(hr)))
            .map(|hr| (i, hr))
    }) {
        range(
            &field(prefix, &format!("samples[{i}]")),
            "hr_bpm",
            f64::from(hr),
            HR_BPM,
            " bpm",
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
        (0.0, MAX_STRENGTH_S),
        " s",
    )?;
    opt(prefix, "rpe", l.rpe, (0.0, 10.0), "")?;
    text(prefix, "source", &l.source, true)?;
    if let Some(t) = &l.title {
        text(prefix, "title", t, false)?;
    }
    for (i, e) in l.exercises.iter().enumerate() {
        let p = field(prefix, &format!("exercises[{i}]"));
        text(&p, "name", &e.name, true)?;
        for (j, s) in e.sets.iter().enumerate() {
            let p = field(&p, &format!("sets[{j}]"));
            opt(&p, "reps", s.reps.map(f64::from), (0.0, 10_000.0), "")?;
            opt(&p, "weight_kg", s.weight_kg, SET_WEIGHT_KG, " kg")?;
            opt(&p, "rpe", s.rpe, (0.0, 10.0), "")?;
            opt(&p, "duration_s", s.duration_s, (0.0, MAX_STRENGTH_S), " s")?;
            opt(&p, "distance_m", s.distance_m, (0.0, 1_000_000.0), " m")?;
        }
    }
    Ok(())
}

pub fn wellness(date: jiff::civil::Date, w: &Wellness) -> Result<(), StoreError> {
    // Dates are stored as `YYYY-MM-DD` text, which sorts correctly only for four-digit years.
    if date.year() < 1000 {
        return Err(StoreError::invalid(
            "date",
            format!("{date} is before the year 1000"),
        ));
    }
    opt("", "sleep_hours", w.sleep_hours, (0.0, 24.0), " h")?;
    for (name, v) in [
        ("sleep_quality", w.sleep_quality),
        ("fatigue", w.fatigue),
        ("soreness", w.soreness),
        ("stress", w.stress),
        ("mood", w.mood),
    ] {
        opt("", name, v.map(f64::from), (1.0, 7.0), " (Hooper scale)")?;
    }
    opt("", "resting_hr_bpm", w.resting_hr_bpm, HR_BPM, " bpm")?;
    opt("", "hrv_rmssd_ms", w.hrv_rmssd_ms, (1.0, 500.0), " ms")?;
    Ok(())
}

pub fn profile(p: &Profile) -> Result<(), StoreError> {
    let Athlete {
        age_years,
        weight_kg,
        resting_hr_bpm,
        max_hr_bpm,
        hrv_rmssd_ms,
        ..
    } = &p.athlete;
    // The ranges of the public contract (`AthleteInput`).
    range("", "age_years", *age_years, (10.0, 100.0), " years")?;
    range("", "weight_kg", *weight_kg, (30.0, 250.0), " kg")?;
    opt("", "resting_hr_bpm", *resting_hr_bpm, (30.0, 110.0), " bpm")?;
    opt("", "max_hr_bpm", *max_hr_bpm, (120.0, 230.0), " bpm")?;
    opt("", "hrv_rmssd_ms", *hrv_rmssd_ms, (1.0, 500.0), " ms")?;
    if let Some(tz) = &p.time_zone
        && let Err(e) = jiff::tz::TimeZone::get(tz)
    {
        return Err(StoreError::invalid(
            "time_zone",
            format!("'{tz}' is not a known IANA time zone ({e})"),
        ));
    }
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
    if p.wake_time.is_some() || p.sleep_time.is_some() {
        let day = afterlift_core::time::DayWindow {
            wake: p.wake_time.unwrap_or(afterlift_core::time::DEFAULT_WAKE),
            sleep: p.sleep_time.unwrap_or(afterlift_core::time::DEFAULT_SLEEP),
        };
        let field = if p.wake_time.is_some() {
            "wake_time"
        } else {
            "sleep_time"
        };
        day.check()
            .map_err(|message| StoreError::invalid(field, message))?;
    }
    if let Some(r) = &p.race {
        race(r)?;
    }
    Ok(())
}

/// A race result: a distance from 1500 m to the marathon, run at a pace some runner could run (its VDOT
/// within the range Daniels' formulas are computed for).
pub fn race(r: &afterlift_core::contract::RaceResult) -> Result<(), StoreError> {
    use afterlift_core::science::running;
    let (lo, hi) = RACE_DISTANCE_M;
    if !(r.distance_m.is_finite() && r.distance_m >= lo && r.distance_m <= hi) {
        return Err(StoreError::invalid(
            "race.distance_m",
            format!(
                "{} m is out of range: expected {lo}–{hi} m (1500 m to the marathon)",
                r.distance_m
            ),
        ));
    }
    if !(r.time_s.is_finite() && r.time_s > 0.0) {
        return Err(StoreError::invalid(
            "race.time_s",
            format!("{} is not a race time: expected seconds above 0", r.time_s),
        ));
    }
    let vdot = running::vdot(r.distance_m, r.time_s);
    let (vlo, vhi) = running::VDOT_RANGE;
    if !(vlo..=vhi).contains(&vdot) {
        let pace_s_per_km = r.time_s / (r.distance_m / 1000.0);
        return Err(StoreError::invalid(
            "race.time_s",
            format!(
                "{} s over {} m ({}:{:02} per km) is not a plausible race: its VDOT {vdot:.0} is outside {vlo}–{vhi}",
                r.time_s,
                r.distance_m,
                (pace_s_per_km / 60.0).floor(),
                (pace_s_per_km % 60.0).floor() as u32
            ),
        ));
    }
    if let Some(d) = r.date
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
