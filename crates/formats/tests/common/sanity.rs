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
