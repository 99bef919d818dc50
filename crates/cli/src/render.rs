//! Human-readable output: the verdict first, then the prescription, the reasons, the alternatives, refuel.
//! Colour only on a terminal (anstream strips it otherwise and honours NO_COLOR).

use std::io::Write;

use afterlift_core::contract::{AdviceResponse, Modality, Prescription, Range, Verdict};
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

/// "an easy 15–30 min run".
pub fn what(p: &Prescription) -> String {
    if p.modality == Modality::Rest {
        return "rest".into();
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
    if n.modality != Modality::Rest {
        if let Some(hr) = n.heart_rate_bpm {
            writeln!(out, "  heart rate  {}–{} bpm", hr.min, hr.max)?;
        }
        writeln!(out, "  effort      RPE {}–{} of 10", n.rpe.min, n.rpe.max)?;
    }
    writeln!(out, "  feel        {}", n.cue)?;
    if let Some(l) = &r.later {
        // The time is in the athlete's time zone, as the answer gives it.
        let when = jiff::fmt::strtime::format("%a %-d %b, %H:%M", &l.not_before)
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
    writeln!(
        out,
        "{} {:.0} g carbohydrate, {:.0} g protein, {:.0} ml fluid   {} ≈ {:.0} kcal now (+{:.0} kcal EPOC), {:.0}% from fat",
        "Refuel".bold(),
        r.refuel.carbs_g,
        r.refuel.protein_g,
        r.refuel.fluid_ml,
        "Energy".bold(),
        r.energy.kcal,
        r.energy.epoc_kcal,
        r.energy.fat_fraction * 100.0
    )?;
    writeln!(out)?;
    writeln!(out, "{}", r.disclaimer.dimmed())?;
    Ok(())
}
