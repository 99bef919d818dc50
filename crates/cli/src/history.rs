//! `afterlift history`: weekly volume — cardio by sport, strength sessions, hard sets and tonnage with
//! the muscles most trained — and strength progress per exercise (estimated 1RM), as tables; `--json` is
//! `GET /api/v1/history`'s answer.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::contract::{ExerciseProgress, HistoryResponse, WeekVolume};
use afterlift_core::history::Range;
use afterlift_core::notation::kg_text;
use jiff::civil::Date;
use owo_colors::OwoColorize;

use crate::args::{Global, HistoryArgs};
use crate::failure::Failure;
use crate::{db, output};

/// Muscles named per week in the table, the most sets first.
const TOP_MUSCLES: usize = 3;

pub fn run(a: HistoryArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let date = |flag: &str, text: &Option<String>| -> Result<Option<Date>, Failure> {
        text.as_deref()
            .map(|t| {
                t.trim().parse::<Date>().map_err(|_| {
                    Failure::invalid(flag, format!("'{t}': expected a date as YYYY-MM-DD"), json)
                })
            })
            .transpose()
    };
    let range = Range {
        from: date("--from", &a.from)?,
        to: date("--to", &a.to)?,
    };
    let now = crate::clock::now(global)?;
    let history = db::with_store(global, async |s| {
        afterlift_app::history::history(s, range, now, &crate::zone::machine())
            .await
            .map_err(|e| match e {
                afterlift_app::AppError::Invalid(invalid) => {
                    // The range's field, as the flag that set it.
                    let errors = invalid
                        .errors
                        .into_iter()
                        .map(|mut f| {
                            f.field = format!("--{}", f.field);
                            f
                        })
                        .collect();
                    Failure::Invalid { errors, json }
                }
                other => Failure::runtime(other, json),
            })
    })?;
    if json {
        output::json(&history)
    } else {
        output::human(|out| human(out, &history))
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

fn human(out: &mut dyn Write, h: &HistoryResponse) -> std::io::Result<()> {
    let (Some(first), Some(last)) = (h.first_date, h.last_date) else {
        return writeln!(
            out,
            "Nothing in the log yet. Import some: afterlift import ~/Downloads/export.zip"
        );
    };
    writeln!(
        out,
        "{} {} – {} {}",
        "History".bold(),
        h.from,
        h.to,
        format!("(the log holds {first} – {last})").dimmed()
    )?;
    let trained: Vec<&WeekVolume> = h.weeks.iter().filter(|w| !is_empty(w)).collect();
    writeln!(out)?;
    if trained.is_empty() {
        writeln!(out, "No training in these weeks.")?;
    } else {
        writeln!(
            out,
            "{}",
            format!(
                "{:<10}  {:<38}  {:>5}  {:>5}  {:>9}  {}",
                "week of", "cardio", "lifts", "sets", "tonnage", "most sets"
            )
            .bold()
        )?;
        for w in &trained {
            let line = format!(
                "{:<10}  {:<38}  {:>5}  {:>5}  {:>9}  {}",
                w.week_start.to_string(),
                cardio(w),
                w.strength.sessions,
                w.strength.hard_sets,
                if w.strength.tonnage_kg > 0.0 {
                    format!("{} kg", thousands(w.strength.tonnage_kg))
                } else {
                    "—".into()
                },
                muscles(w)
            );
            writeln!(out, "{}", line.trim_end())?;
        }
        let empty = h.weeks.len() - trained.len();
        if empty > 0 {
            let s = if empty == 1 { "" } else { "s" };
            writeln!(
                out,
                "{}",
                format!("{empty} week{s} without training not shown").dimmed()
            )?;
        }
    }
    let progress: Vec<&ExerciseProgress> =
        h.strength.iter().filter(|p| !p.points.is_empty()).collect();
    if !progress.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            format!(
                "{:<32}  {:>8}  {:<24}  {:<24}  {}",
                "e1RM (Epley)", "sessions", "first", "best", "last"
            )
            .bold()
        )?;
        for p in progress {
            let point = |i: usize| {
                let x = &p.points[i];
                format!("{} kg {}", kg_text(x.e1rm_kg), x.date)
            };
            let best = (0..p.points.len())
                .max_by(|&a, &b| p.points[a].e1rm_kg.total_cmp(&p.points[b].e1rm_kg))
                .unwrap_or(0);
            writeln!(
                out,
                "{:<32}  {:>8}  {:<24}  {:<24}  {}",
                p.exercise,
                p.points.len(),
                point(0),
                point(best),
                point(p.points.len() - 1)
            )?;
        }
    }
    Ok(())
}

fn is_empty(w: &WeekVolume) -> bool {
    w.sports.is_empty() && w.strength.sessions == 0
}

/// `run 3 · 1:40 · 15.0 km, cycle 1 · 1:30 · 40.0 km`.
fn cardio(w: &WeekVolume) -> String {
    if w.sports.is_empty() {
        return "—".into();
    }
    w.sports
        .iter()
        .map(|s| {
            let time = afterlift_core::calc::format_duration(s.minutes * 60.0);
            let distance = if s.distance_m > 0.0 {
                format!(" {:.1} km", s.distance_m / 1000.0)
            } else {
                String::new()
            };
            format!("{} {}× {time}{distance}", s.sport.as_str(), s.sessions)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `quads 9, glutes 9, hamstrings 4.5`.
fn muscles(w: &WeekVolume) -> String {
    let mut m: Vec<_> = w.muscles.iter().collect();
    m.sort_by(|a, b| b.sets.total_cmp(&a.sets));
    m.iter()
        .take(TOP_MUSCLES)
        .map(|x| format!("{} {}", x.muscle.label(), kg_text(x.sets)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `12,345` (whole kilograms).
fn thousands(kg: f64) -> String {
    let digits = format!("{:.0}", kg.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
    }
}
