//! `afterlift status`: training load, fitness/fatigue/form and their ratio as terminal charts, muscle
//! recovery as a table, readiness with its reasons.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::contract::{MaturityState, ReadinessLevel, StatusResponse, TrendMaturity};
use jiff::Timestamp;
use owo_colors::OwoColorize;

use crate::advise::parse_time;
use crate::args::{Global, StatusArgs};
use crate::failure::Failure;
use crate::{db, output};

pub fn run(a: StatusArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let at = match &a.at {
        Some(text) => Some(at_time(text, now).map_err(|m| Failure::invalid("--at", m, json))?),
        None => None,
    };
    if !(1..=3650).contains(&a.days) {
        return Err(Failure::invalid(
            "--days",
            format!("{} is out of range: expected 1–3650 days", a.days),
            json,
        ));
    }
    let report = db::with_store(global, async |s| {
        let at = match at {
            None => now,
            Some(At::Instant(t)) => t,
            // A date is the end of that day where the athlete lives.
            Some(At::Date(d)) => {
                let profile = s.profile().await.map_err(|e| Failure::runtime(e, json))?;
                let tz = crate::zone::athlete(profile.as_ref(), json)?;
                afterlift_app::status::end_of_local_day(d, &tz).ok_or_else(|| {
                    Failure::invalid(
                        "--at",
                        format!("{d} is beyond the dates afterlift can place in time"),
                        json,
                    )
                })?
            }
        };
        afterlift_app::status::report(s, at, a.days, &crate::zone::machine())
            .await
            .map_err(|e| Failure::runtime(e, json))
    })?;
    let Some(report) = report else {
        return Err(Failure::invalid(
            "profile",
            "no profile yet: the status needs your age, sex and weight — afterlift profile set --age 34 --sex female --weight-kg 62 --goal general",
            json,
        ));
    };
    if json {
        output::json(&report)
    } else {
        output::human(|out| human(out, &report))
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// `--at`: a date (its end in the athlete's time zone, once the log is open), or an instant.
#[derive(Debug, Clone, Copy)]
enum At {
    Date(jiff::civil::Date),
    Instant(Timestamp),
}

/// RFC 3339, a date, or how long before `now`.
fn at_time(text: &str, now: Timestamp) -> Result<At, String> {
    if let Ok(date) = text.trim().parse::<jiff::civil::Date>() {
        return Ok(At::Date(date));
    }
    parse_time(text, now).map(At::Instant).map_err(|m| {
        m.replace(
            "expected an RFC 3339 time",
            "expected a date (2026-11-24), an RFC 3339 time",
        )
    })
}

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One line of bar characters scaled between the series' min and max.
fn sparkline(values: &[f64]) -> String {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (lo, hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    values
        .iter()
        .map(|&v| {
            if !v.is_finite() || hi <= lo {
                return if v.is_finite() && v > 0.0 {
                    BARS[3]
                } else {
                    ' '
                };
            }
            let i = ((v - lo) / (hi - lo) * 7.0).round() as usize;
            BARS[i.min(7)]
        })
        .collect()
}

fn level(l: ReadinessLevel) -> String {
    match l {
        ReadinessLevel::Green => "green".green().bold().to_string(),
        ReadinessLevel::Amber => "amber".yellow().bold().to_string(),
        ReadinessLevel::Red => "red".red().bold().to_string(),
    }
}

/// A trend that is not trusted yet: "building (12 of 28 days)".
fn building(m: &TrendMaturity) -> String {
    format!("building ({} of {} days)", m.days, m.days_needed)
        .yellow()
        .to_string()
}

fn human(out: &mut dyn Write, r: &StatusResponse) -> std::io::Result<()> {
    writeln!(
        out,
        "{} {}   readiness {}",
        "Status".bold(),
        // In the athlete's zone, with its abbreviation.
        r.at.strftime("%a %-d %b %Y, %H:%M %Z"),
        level(r.readiness.level)
    )?;
    for reason in &r.readiness.reasons {
        writeln!(out, "  • {}", reason.message)?;
    }
    let l = &r.load;
    writeln!(out)?;
    writeln!(out, "{}", "Load".bold())?;
    let ratio = match l.acwr_maturity.state {
        MaturityState::Building => building(&l.acwr_maturity),
        MaturityState::LowBase => l.acwr.map_or("—".to_string(), |x| {
            format!("{x:.2} {}", "(low base: not used)".dimmed())
        }),
        MaturityState::Established => l.acwr.map_or("—".to_string(), |x| format!("{x:.2}")),
    };
    writeln!(
        out,
        "  7-day (acute) {:>6.0}   28-day (chronic) {:>6.0}   ratio {ratio}",
        l.acute, l.chronic
    )?;
    if l.form_maturity.state == MaturityState::Established {
        writeln!(
            out,
            "  fitness (CTL) {:>6.1}   fatigue (ATL) {:>6.1}   form (TSB) {:>+6.1}   ramp {:>+5.1}/week",
            l.ctl, l.atl, l.tsb, l.ramp
        )?;
    } else {
        writeln!(
            out,
            "  fitness, fatigue, form {}",
            building(&l.form_maturity)
        )?;
    }
    let mono = match (l.monotony_maturity.state, l.monotony) {
        (MaturityState::Established, Some(m)) => format!("{m:.2}"),
        (MaturityState::Established, None) => "—".to_string(),
        _ => building(&l.monotony_maturity),
    };
    let strain = match (l.strain, l.usual_strain) {
        (Some(s), Some(u)) => format!("{s:.0} (usual {u:.0})"),
        (Some(s), None) => format!("{s:.0}"),
        _ => "—".to_string(),
    };
    writeln!(
        out,
        "  this week {:>6.0}   last week {:>6.0}   monotony {mono}   strain {strain}",
        l.week, l.previous_week
    )?;
    if !r.daily.is_empty() {
        let first = r
            .daily
            .first()
            .map(|d| d.date.to_string())
            .unwrap_or_default();
        let last = r
            .daily
            .last()
            .map(|d| d.date.to_string())
            .unwrap_or_default();
        let col = |f: fn(&afterlift_core::contract::DailyLoad) -> f64| {
            r.daily.iter().map(f).collect::<Vec<_>>()
        };
        writeln!(out)?;
        writeln!(out, "  {} → {}", first.dimmed(), last.dimmed())?;
        writeln!(out, "  daily load {}", sparkline(&col(|d| d.load)).cyan())?;
        writeln!(out, "  fitness    {}", sparkline(&col(|d| d.ctl)).green())?;
        writeln!(out, "  fatigue    {}", sparkline(&col(|d| d.atl)).red())?;
        writeln!(out, "  form       {}", sparkline(&col(|d| d.tsb)).yellow())?;
        let acwr: Vec<f64> = r.daily.iter().map(|d| d.acwr.unwrap_or(f64::NAN)).collect();
        writeln!(out, "  ratio      {}", sparkline(&acwr))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}   legs {:.0}% ready",
        "Muscle recovery".bold(),
        r.leg_readiness_pct
    )?;
    if let Some(t) = &r.legs_ready_for_hard_running_at {
        writeln!(
            out,
            "  legs ready for hard running from {}",
            t.strftime(afterlift_core::time::LABEL_FORMAT)
        )?;
    }
    for m in &r.muscles {
        let filled = (m.recovered_pct / 5.0).round().clamp(0.0, 20.0) as usize;
        let bar = format!("{}{}", "█".repeat(filled), "·".repeat(20 - filled));
        let bar = if m.recovered_pct >= 90.0 {
            bar.green().to_string()
        } else if m.recovered_pct >= 70.0 {
            bar.yellow().to_string()
        } else {
            bar.red().to_string()
        };
        let ready = m.ready_at.as_ref().map_or(String::new(), |t| {
            format!("  ready {}", t.strftime(afterlift_core::time::LABEL_FORMAT))
        });
        writeln!(
            out,
            "  {:<12} {bar} {:>3.0}%{ready}",
            m.muscle.as_str(),
            m.recovered_pct
        )?;
    }
    if !r.caveats.is_empty() {
        writeln!(out)?;
        for c in &r.caveats {
            writeln!(out, "{}", format!("  ({})", c.message).dimmed())?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", r.disclaimer.dimmed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_trends_say_how_far_they_have_come() {
        let m = TrendMaturity {
            state: MaturityState::Building,
            days: 12,
            days_needed: 28,
        };
        assert!(building(&m).contains("building (12 of 28 days)"));
    }

    #[test]
    fn sparkline_scales_between_min_and_max() {
        assert_eq!(sparkline(&[0.0, 50.0, 100.0]), "▁▅█");
        assert_eq!(sparkline(&[f64::NAN, 1.0, 2.0]), " ▁█");
        assert_eq!(sparkline(&[3.0, 3.0]), "▄▄");
        assert_eq!(sparkline(&[0.0, 0.0]), "  ");
    }
}
