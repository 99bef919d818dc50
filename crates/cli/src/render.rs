//! Human-readable output: the verdict first, then the prescription, the reasons, the alternatives, refuel.
//! Colour only on a terminal (anstream strips it otherwise and honours NO_COLOR).

use std::io::Write;

use afterlift_core::contract::{
    AdviceResponse, Energy, Modality, Prescription, Range, Refuel, Verdict,
};
use afterlift_core::workout;
use owo_colors::OwoColorize;

/// Reasons shown in the human answer unless `--verbose`: the most important first, the rest on request
/// (the JSON always has them all).
pub const REASONS_SHOWN: usize = 5;

pub fn advice(out: &mut dyn Write, r: &AdviceResponse, verbose: bool) -> std::io::Result<()> {
    write_advice(out, r, verbose)
}

fn headline(r: &AdviceResponse) -> String {
    let n = &r.now;
    match r.verdict {
        Verdict::Go => format!("Go: {}", what(n)),
        Verdict::Modify => format!("Run, but changed: {}", what(n)),
        Verdict::Swap => format!("Don't run now — {} instead", what(n)),
        Verdict::Postpone => match n.modality {
            Modality::Rest => "Postpone the run; rest now".to_string(),
            _ => format!("Postpone the run; now: {}", what(n)),
        },
        Verdict::Skip => match n.modality {
            Modality::Rest => "Skip the run today: rest".to_string(),
            _ => format!("Skip the run today; at most {}", what(n)),
        },
    }
}

/// "an easy 15–30 min run"; "intervals, ≈ 50 min with warm-up and cool-down".
pub fn what(p: &Prescription) -> String {
    if p.modality == Modality::Rest {
        return "rest".into();
    }
    if let Some(s) = &p.structure {
        return format!(
            "{} run, ≈ {} min with warm-up and cool-down",
            s.kind.as_str(),
            s.total_minutes
        );
    }
    let minutes = minutes(p.minutes);
    let intensity = p.intensity.as_str().replace('_', " ");
    let activity = match p.modality {
        Modality::Cycle => "ride (bike)",
        Modality::Mobility => "mobility session",
        m => m.as_str(),
    };
    format!("{minutes} {intensity}-intensity {activity}")
}

/// "20 min" or "15–30 min".
pub fn minutes(r: Range) -> String {
    if r.min == r.max {
        format!("{} min", r.max)
    } else {
        format!("{}–{} min", r.min, r.max)
    }
}

fn write_advice(out: &mut dyn Write, r: &AdviceResponse, verbose: bool) -> std::io::Result<()> {
    let head = headline(r);
    let head = match r.verdict {
        Verdict::Go => head.green().bold().to_string(),
        Verdict::Modify => head.yellow().bold().to_string(),
        Verdict::Swap | Verdict::Postpone => head.cyan().bold().to_string(),
        Verdict::Skip => head.red().bold().to_string(),
    };
    writeln!(out, "{head}")?;
    let n = &r.now;
    if let Some(s) = &n.structure {
        writeln!(out, "  session     {}", workout::describe(s))?;
    }
    if n.modality != Modality::Rest {
        let work = if n.structure.is_some() {
            " in the work"
        } else {
            ""
        };
        if let Some(hr) = n.heart_rate_bpm {
            writeln!(out, "  heart rate  {}–{} bpm{work}", hr.min, hr.max)?;
        }
        writeln!(
            out,
            "  effort      RPE {}–{} of 10{work}",
            n.rpe.min, n.rpe.max
        )?;
    }
    writeln!(out, "  feel        {}", n.cue)?;
    if let Some(l) = &r.later {
        // The time is in the athlete's time zone, as the answer gives it, with the zone's abbreviation.
        let when = jiff::fmt::strtime::format(afterlift_core::time::LABEL_FORMAT, &l.not_before)
            .unwrap_or_else(|_| l.not_before.to_string());
        let condition = l
            .condition
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {} the {} run fits from {when}{condition} ({} h after lifting)",
            "later:".bold(),
            l.kind.as_str(),
            l.hours_after_lift
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", "Why".bold())?;
    let shown = if verbose {
        r.reasons.len()
    } else {
        REASONS_SHOWN.min(r.reasons.len())
    };
    for reason in &r.reasons[..shown] {
        writeln!(out, "  • {}", reason.message)?;
        if verbose {
            writeln!(out, "    {}", reason.principle.dimmed())?;
        }
    }
    if shown < r.reasons.len() {
        writeln!(
            out,
            "  {}",
            format!(
                "… {} more with --verbose (and the principle behind each)",
                r.reasons.len() - shown
            )
            .dimmed()
        )?;
    }
    if !r.alternatives.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", "Alternatives".bold())?;
        for a in &r.alternatives {
            let minutes = minutes(a.minutes);
            writeln!(
                out,
                "  • {} {} ({}): {}",
                a.modality.as_str(),
                minutes,
                a.intensity.as_str().replace('_', " "),
                a.why
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{} {}", "Refuel".bold(), refuel_line(&r.refuel))?;
    writeln!(
        out,
        "{} {}",
        "Energy".bold(),
        energy_line(&r.now, &r.energy)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", r.disclaimer.dimmed())?;
    Ok(())
}

/// "next 2 h: 45–55 g carbohydrate (you used ≈ 58 g), 30 g protein, 1050 ml fluid".
pub fn refuel_line(f: &Refuel) -> String {
    let hours = if (f.within_hours - f.within_hours.round()).abs() < 0.05 {
        format!("{:.0}", f.within_hours)
    } else {
        format!("{:.1}", f.within_hours)
    };
    let carbs = if f.carbs_range_g.min == f.carbs_range_g.max {
        format!("{} g", f.carbs_range_g.max)
    } else {
        format!("{}–{} g", f.carbs_range_g.min, f.carbs_range_g.max)
    };
    format!(
        "next {hours} h: {carbs} carbohydrate (you used ≈ {:.0} g), {:.0} g protein, {:.0} ml fluid",
        f.carbs_used_g, f.protein_g, f.fluid_ml
    )
}

/// The prescription's energy, and the lift's; for rest, the lift's alone ("your lift: about 540 kcal (+92
/// kcal afterburn)") rather than "0 kcal now".
pub fn energy_line(now: &Prescription, e: &Energy) -> String {
    let lift = e.lift_kcal.map(|k| format!("your lift: about {k:.0} kcal"));
    match (now.modality, lift) {
        (Modality::Rest, Some(lift)) => {
            format!("{lift} (+{:.0} kcal afterburn)", e.epoc_kcal)
        }
        (Modality::Rest, None) => "rest: nothing extra".to_string(),
        (_, lift) => {
            let mut text = format!(
                "≈ {:.0} kcal now (+{:.0} kcal afterburn), {:.0}% from fat",
                e.kcal,
                e.epoc_kcal,
                e.fat_fraction * 100.0
            );
            if let Some(lift) = lift {
                text.push_str(&format!("; {lift}"));
            }
            text
        }
    }
}
