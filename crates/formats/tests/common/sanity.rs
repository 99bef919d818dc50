//! What every reader promises about the sessions it returns, whatever the input: finite numbers, heart
//! rates 1–250 bpm, no negative distance or time, positions on the globe. Shared by the robustness and
//! fuzz-regression tests and by the fuzz targets (`fuzz/src/lib.rs` includes this file), so all three
//! hold the readers to the same contract.

use afterlift_core::session::{Activity, StrengthSession};
use afterlift_formats::{Content, Parsed};

/// The first broken promise in `parsed`, if any.
pub fn check_parsed(parsed: &[Parsed]) -> Result<(), String> {
    for p in parsed {
        match &p.content {
            Content::Activities(list) => list.iter().try_for_each(check_activity)?,
            Content::Lifts(list) => list.iter().try_for_each(check_lift)?,
            Content::Skipped { .. } | Content::Failed { .. } => {}
        }
    }
    Ok(())
}

fn non_negative(what: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(format!("{what} {v}"))
    }
}

fn heart_rate(what: &str, v: f64) -> Result<(), String> {
    if (1.0..=250.0).contains(&v) {
        Ok(())
    } else {
        Err(format!("{what} {v} bpm"))
    }
}

/// The device's laps: in time order, starting within the activity (2 s of slack before it, 60 s after),
/// with what the store keeps (`limits`), at most `limits::MAX_LAPS` of them.
fn check_laps(a: &Activity) -> Result<(), String> {
    use afterlift_core::limits;
    if a.laps.len() > limits::MAX_LAPS {
        return Err(format!("{} laps", a.laps.len()));
    }
    if !a.laps.is_sorted_by_key(|l| l.start) {
        return Err("laps out of time order".into());
    }
    let (from, to) = (
        a.started_at.as_millisecond() - 2000,
        a.ended_at().as_millisecond() + 60_000,
    );
    for (i, l) in a.laps.iter().enumerate() {
        if !(from..=to).contains(&l.start.as_millisecond()) {
            return Err(format!(
                "lap {i} starts at {}, outside the activity",
                l.start
            ));
        }
        let ranges = [
            ("elapsed_s", l.elapsed_s, &limits::LOGGED_ACTIVITY_SECONDS),
            ("timer_s", l.timer_s, &limits::LOGGED_ACTIVITY_SECONDS),
            (
                "distance_m",
                l.distance_m,
                &limits::LOGGED_ACTIVITY_DISTANCE,
            ),
            ("avg_hr_bpm", l.avg_hr_bpm, &limits::DEVICE_HR),
            ("max_hr_bpm", l.max_hr_bpm, &limits::DEVICE_HR),
            ("avg_speed_mps", l.avg_speed_mps, &limits::LOGGED_SPEED),
            ("ascent_m", l.ascent_m, &limits::LOGGED_ASCENT),
            (
                "avg_cadence_rpm",
                l.avg_cadence_rpm,
                &limits::LOGGED_CADENCE,
            ),
        ];
        for (name, v, range) in ranges {
            if let Some(v) = v
                && !range.contains(v)
            {
                return Err(format!("lap {i} {name} {v}"));
            }
        }
    }
    Ok(())
}

pub fn check_activity(a: &Activity) -> Result<(), String> {
    non_negative("timer_s", a.timer_s)?;
    non_negative("elapsed_s", a.elapsed_s)?;
    if let Some(d) = a.distance_m {
        non_negative("distance_m", d)?;
    }
    if let Some(v) = a.avg_hr_bpm {
        heart_rate("avg_hr", v)?;
    }
    if let Some(v) = a.max_hr_bpm {
        heart_rate("max_hr", v)?;
    }
    if let Some(v) = a.calories_kcal {
        non_negative("calories", v)?;
    }
    if let Some(v) = a.rpe {
        non_negative("rpe", v)?;
    }
    check_laps(a)?;
    for s in &a.samples {
        if let Some(v) = s.hr_bpm {
            heart_rate("sample hr", f64::from(v))?;
        }
        if let Some(v) = s.speed_mps {
            non_negative("sample speed", f64::from(v))?;
        }
        if let Some(v) = s.distance_m {
            non_negative("sample distance", v)?;
        }
        if let Some(v) = s.altitude_m
            && !v.is_finite()
        {
            return Err(format!("sample altitude {v}"));
        }
        if let Some(v) = s.lat_deg
            && !(-90.0..=90.0).contains(&v)
        {
            return Err(format!("sample latitude {v}"));
        }
        if let Some(v) = s.lon_deg
            && !(-180.0..=180.0).contains(&v)
        {
            return Err(format!("sample longitude {v}"));
        }
    }
    Ok(())
}

pub fn check_lift(l: &StrengthSession) -> Result<(), String> {
    if let Some(v) = l.duration_s {
        non_negative("lift duration", v)?;
    }
    if let Some(v) = l.rpe
        && !v.is_finite()
    {
        return Err(format!("lift rpe {v}"));
    }
    for e in &l.exercises {
        for s in &e.sets {
            for (what, v) in [
                ("set weight", s.weight_kg),
                ("set rpe", s.rpe),
                ("set duration", s.duration_s),
                ("set distance", s.distance_m),
            ] {
                if let Some(v) = v
                    && !v.is_finite()
                {
                    return Err(format!("{what} {v} in {}", e.name));
                }
            }
            if let Some(v) = s.duration_s {
                non_negative("set duration", v)?;
            }
            if let Some(v) = s.distance_m {
                non_negative("set distance", v)?;
            }
        }
    }
    Ok(())
}
