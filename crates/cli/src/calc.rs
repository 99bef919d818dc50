//! `afterlift zones`, `afterlift vdot`, `afterlift energy`: thin wrappers over `afterlift_core::calc`.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::calc;
use afterlift_core::contract::{EnergyActivity, EnergyRequest, VdotRequest, ZonesRequest};
use owo_colors::OwoColorize;
use serde::Serialize;

use crate::args::{ActivityArg, EnergyArgs, VdotArgs, ZonesArgs};
use crate::failure::Failure;
use crate::output;

pub fn zones(a: ZonesArgs, json: bool) -> Result<ExitCode, Failure> {
    let req = ZonesRequest {
        age: a.age,
        sex: a.sex.into(),
        resting_hr: a.resting_hr,
        max_hr: a.max_hr,
        formula: a.formula,
    };
    let r = calc::zones(&req).map_err(|e| Failure::from_invalid(e, json))?;
    emit(json, &r, |out| {
        writeln!(
            out,
            "{} {:.0} bpm ({})",
            "Max heart rate".bold(),
            r.max_hr,
            r.max_hr_source
        )?;
        writeln!(out)?;
        for z in &r.zones {
            writeln!(
                out,
                "  Z{} {:<10} {:>3}–{:<3} bpm  {}",
                z.zone,
                z.name,
                z.min_bpm,
                z.max_bpm,
                z.purpose.dimmed()
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}", "afterlift intensities".bold())?;
        for i in &r.intensities {
            writeln!(
                out,
                "  {:<9} {:>3}–{:<3} bpm  RPE {}–{}",
                i.intensity.as_str(),
                i.heart_rate_bpm.min,
                i.heart_rate_bpm.max,
                i.rpe.min,
                i.rpe.max
            )?;
        }
        Ok(())
    })
}

pub fn vdot(a: VdotArgs, json: bool) -> Result<ExitCode, Failure> {
    let distance_m = calc::parse_distance_m(&a.distance).ok_or_else(|| {
        Failure::invalid(
            "--distance",
            format!(
                "'{}': expected 5k, 10k, half, marathon, mile, 15km or metres",
                a.distance
            ),
            json,
        )
    })?;
    let time_s = calc::parse_duration(&a.time).ok_or_else(|| {
        Failure::invalid(
            "--time",
            format!("'{}': expected MM:SS or H:MM:SS", a.time),
            json,
        )
    })?;
    let r = calc::vdot(&VdotRequest { distance_m, time_s })
        .map_err(|e| Failure::from_invalid(e, json))?;
    emit(json, &r, |out| {
        writeln!(out, "{} {:.1}", "VDOT".bold(), r.vdot)?;
        writeln!(out)?;
        writeln!(out, "{}", "Race predictions (Daniels; Riegel)".bold())?;
        for p in &r.predictions {
            writeln!(
                out,
                "  {:<9} {:>8}   {}",
                p.distance,
                p.time,
                calc::format_duration(p.riegel_time_s).dimmed()
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}", "Training paces".bold())?;
        for p in &r.paces {
            writeln!(out, "  {:<11} {}", p.kind, p.pace)?;
        }
        Ok(())
    })
}

pub fn energy(a: EnergyArgs, json: bool) -> Result<ExitCode, Failure> {
    let activity = match a.activity {
        ActivityArg::Run => EnergyActivity::Run,
        ActivityArg::Walk => EnergyActivity::Walk,
        ActivityArg::Cycle => EnergyActivity::Cycle,
        ActivityArg::Elliptical => EnergyActivity::Elliptical,
        ActivityArg::Row => EnergyActivity::Row,
        ActivityArg::Swim => EnergyActivity::Swim,
        ActivityArg::Lift => EnergyActivity::Lift,
    };
    let req = EnergyRequest {
        activity,
        minutes: a.minutes,
        weight_kg: a.weight_kg,
        speed_kmh: a.speed_kmh,
        avg_hr: a.avg_hr,
        age: a.age,
        sex: a.sex.map(Into::into),
    };
    let r = calc::energy(&req).map_err(|e| Failure::from_invalid(e, json))?;
    emit(json, &r, |out| {
        let how = match (&r.compendium, r.met) {
            (Some(c), Some(met)) => format!("{met} MET: {c}"),
            _ => "from heart rate (Keytel 2005)".to_string(),
        };
        writeln!(
            out,
            "{} {:.0} kcal in {} min",
            "Energy".bold(),
            r.kcal,
            r.minutes
        )?;
        writeln!(out, "  {}", how.dimmed())
    })
}

fn emit<T: Serialize>(
    json: bool,
    value: &T,
    human: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<ExitCode, Failure> {
    if json {
        output::json(value)
    } else {
        output::human(human)
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}
