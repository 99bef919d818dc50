//! `afterlift plan week` and `afterlift progression`: a week that respects the rules of combining lifting
//! and running (as a table, JSON or an iCalendar file), and the post-lift run's progression.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::Athlete;
use afterlift_core::contract::{
    Availability, EventInput, Focus, LiftRequest, LoadLevel, PlanDay, RunKind, RunRequest, Slot,
    WeekPlan, WeekRequest, Weekday,
};
use afterlift_core::plan::ics;
use afterlift_core::science::heart::{self, HrMaxFormula};
use afterlift_core::workout;
use jiff::civil::Date;
use owo_colors::OwoColorize;
use serde::de::DeserializeOwned;

use crate::args::{Global, PlanWeekArgs};
use crate::failure::Failure;
use crate::{db, output};

pub fn week(a: PlanWeekArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let (plan, ics_text, athlete, tz) = db::with_store(global, async |store| {
        let profile = store
            .profile()
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        let tz = crate::zone::athlete(profile.as_ref(), json)?;
        let today = now.to_zoned(tz.clone()).date();
        let start = match &a.from {
            Some(text) => text.parse::<Date>().map_err(|_| {
                Failure::invalid(
                    "--from",
                    format!("'{text}': expected a date as YYYY-MM-DD"),
                    json,
                )
            })?,
            // This week's Monday: the current week, re-planned from what was done.
            None => afterlift_app::plan::this_monday(today),
        };
        let mut request = match &a.input {
            Some(path) => read_request(path, json)?,
            None => match afterlift_app::plan::week_request(store, start, &tz)
                .await
                .map_err(|e| Failure::runtime(e, json))?
            {
                Some(r) => r,
                None => {
                    return Err(Failure::invalid(
                        "profile",
                        "no profile yet: the plan needs your goal — afterlift profile set --age 34 --sex female --weight-kg 62 --goal general (or give --input)",
                        json,
                    ));
                }
            },
        };
        request.start = start;
        apply_flags(&mut request, &a, json)?;
        let plan = afterlift_app::replan::week(store, &request, now, &tz)
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        let known = profile.as_ref().map(|p| p.athlete.clone());
        let ics_text = a.ics.as_ref().map(|_| {
            let athlete = known
                .clone()
                .unwrap_or_else(afterlift_core::Athlete::example);
            ics::to_ics(&plan, &tz, now, |s| ics::prescription(&athlete, s))
        });
        Ok((plan, ics_text, known, tz))
    })?;
    if let (Some(path), Some(text)) = (&a.ics, ics_text) {
        std::fs::write(path, text).map_err(|e| {
            Failure::runtime(
                anyhow::Error::new(e).context(format!("cannot write {}", path.display())),
                json,
            )
        })?;
    }
    if json {
        output::json(&plan)
    } else {
        output::human(|out| human(out, &plan, &tz, a.ics.as_deref(), athlete.as_ref()))
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

pub fn progression(global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let r = db::with_store(global, async |s| {
        afterlift_app::replan::progression(s, now, &crate::zone::machine())
            .await
            .map_err(|e| Failure::runtime(e, json))
    })?;
    let Some(r) = r else {
        return Err(Failure::invalid(
            "profile",
            "no profile yet: afterlift profile set --age 34 --sex female --weight-kg 62 --goal general",
            json,
        ));
    };
    if json {
        output::json(&r)
    } else {
        output::human(|out| {
            writeln!(
                out,
                "{} {} → {} min now, {} min next (goal {} min), {} {}",
                "Post-lift run".bold(),
                json_name(&r.stage),
                r.current_minutes,
                r.next_minutes,
                r.target_minutes,
                r.intensity.as_str().replace('_', " "),
                r.modality.as_str()
            )?;
            for reason in &r.reasons {
                writeln!(out, "  • {}", reason.message)?;
            }
            writeln!(out)?;
            writeln!(out, "{}", "Next sessions".bold())?;
            for s in &r.next_sessions {
                writeln!(
                    out,
                    "  {}. {} min, {}",
                    s.session,
                    s.minutes,
                    s.intensity.as_str().replace('_', " ")
                )?;
            }
            writeln!(out, "{}", "Weekly running (at most)".bold())?;
            for w in &r.next_weeks {
                writeln!(
                    out,
                    "  week of {}: {} min ({:+.0}%)",
                    w.week_start, w.max_running_minutes, w.change_pct
                )?;
            }
            writeln!(out)?;
            writeln!(out, "{}", r.disclaimer.dimmed())
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

fn read_request(path: &std::path::Path, json: bool) -> Result<WeekRequest, Failure> {
    let (_, text) =
        crate::output::read_input(path).map_err(|m| Failure::invalid("--input", m, json))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Failure::invalid(
            "--input",
            format!("line {}, column {}: {e}", e.line(), e.column()),
            json,
        )
    })?;
    afterlift_app::fields::from_json_value(value)
        .map_err(|e| Failure::invalid(e.field, e.message, json))
}

/// A contract enum from its JSON name (`"upper"`, `"heavy"`, `"monday"`).
fn named<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.trim().to_ascii_lowercase())).ok()
}

fn weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().to_ascii_lowercase();
    Weekday::ALL
        .into_iter()
        .find(|d| t.len() >= 2 && d.as_str().starts_with(&t))
}

fn apply_flags(r: &mut WeekRequest, a: &PlanWeekArgs, json: bool) -> Result<(), Failure> {
    let bad = |flag: &str, item: &str, expected: &str| {
        Failure::invalid(flag, format!("'{item}': expected {expected}"), json)
    };
    if let Some(text) = &a.lifts {
        r.lifts.clear();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let parts: Vec<&str> = item.split(':').collect();
            let expected = "FOCUS:LOAD[:MINUTES] such as upper:heavy or full:moderate:45";
            let focus: Focus = parts
                .first()
                .and_then(|p| named(p))
                .ok_or_else(|| bad("--lifts", item, expected))?;
            let load: LoadLevel = parts
                .get(1)
                .and_then(|p| named(p))
                .ok_or_else(|| bad("--lifts", item, expected))?;
            let minutes = match parts.get(2) {
                Some(m) => Some(
                    m.parse::<u32>()
                        .map_err(|_| bad("--lifts", item, expected))?,
                ),
                None => None,
            };
            match r
                .lifts
                .iter_mut()
                .find(|l| l.focus == focus && l.load == load && l.minutes == minutes)
            {
                Some(l) => l.count += 1,
                None => r.lifts.push(LiftRequest {
                    focus,
                    load,
                    count: 1,
                    minutes,
                }),
            }
        }
    }
    if let Some(text) = &a.runs {
        r.runs.clear();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let expected = "KIND[:MINUTES] such as easy:30, long:90 or intervals";
            let (kind, minutes) = item
                .split_once(':')
                .map_or((item, None), |(k, m)| (k, Some(m)));
            let kind: RunKind = named(kind).ok_or_else(|| bad("--runs", item, expected))?;
            let minutes = match minutes {
                Some(m) => Some(
                    m.parse::<u32>()
                        .map_err(|_| bad("--runs", item, expected))?,
                ),
                None => None,
            };
            match r
                .runs
                .iter_mut()
                .find(|x| x.kind == kind && x.minutes == minutes)
            {
                Some(x) => x.count += 1,
                None => r.runs.push(RunRequest {
                    kind,
                    count: 1,
                    minutes,
                }),
            }
        }
    }
    // With --lifts or --runs the week is the athlete's: the log's or the template's non-impact cardio is
    // not added to it unless asked for with --cross.
    match a.cross {
        Some(n) => r.cross = n,
        None if a.lifts.is_some() || a.runs.is_some() => r.cross = 0,
        None => {}
    }
    if let Some(text) = &a.available {
        let mut available: Vec<Availability> = Vec::new();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let expected = "DAY[:morning|evening] such as mon, tue:evening";
            let (day, slot) = item
                .split_once(':')
                .map_or((item, None), |(d, s)| (d, Some(s)));
            let day = weekday(day).ok_or_else(|| bad("--available", item, expected))?;
            let slots = match slot {
                Some(s) => {
                    vec![named::<Slot>(s).ok_or_else(|| bad("--available", item, expected))?]
                }
                None => Slot::ALL.to_vec(),
            };
            match available.iter_mut().find(|x| x.weekday == day) {
                Some(x) => x.slots.extend(
                    slots
                        .into_iter()
                        .filter(|s| !x.slots.contains(s))
                        .collect::<Vec<_>>(),
                ),
                None => available.push(Availability {
                    weekday: day,
                    slots,
                }),
            }
        }
        r.available = Some(available);
    }
    for item in &a.event {
        let expected = "DATE:SLOT:race|match[:NAME] such as 2026-12-06:morning:race:City 10k";
        let mut parts = item.splitn(4, ':');
        let date = parts
            .next()
            .and_then(|d| d.parse::<Date>().ok())
            .ok_or_else(|| bad("--event", item, expected))?;
        let slot: Slot = parts
            .next()
            .and_then(named)
            .ok_or_else(|| bad("--event", item, expected))?;
        let kind = parts
            .next()
            .and_then(named)
            .ok_or_else(|| bad("--event", item, expected))?;
        let name = parts.next().map(str::to_string);
        r.events.push(EventInput {
            date,
            slot,
            kind,
            minutes: None,
            name,
        });
    }
    if a.beginner {
        r.beginner = Some(true);
    }
    Ok(())
}

fn human(
    out: &mut dyn Write,
    plan: &WeekPlan,
    tz: &jiff::tz::TimeZone,
    ics: Option<&std::path::Path>,
    athlete: Option<&Athlete>,
) -> std::io::Result<()> {
    // Days and slots are the athlete's: the zone they are in is named.
    writeln!(
        out,
        "{} from {} (goal: {}; {})",
        "Week plan".bold(),
        plan.start,
        plan.goal.as_str().replace('_', " "),
        crate::zone::name(tz)
    )?;
    for day in &plan.days {
        day_rows(out, day, athlete)?;
    }
    if !plan.unmet.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", "Could not fit".yellow().bold())?;
        for u in &plan.unmet {
            writeln!(
                out,
                "  • {}× {} {} min: {} [{}]",
                u.count,
                u.session.kind.as_str(),
                u.session.minutes,
                u.why,
                u.rule
            )?;
            writeln!(out, "    {}", u.suggestion.dimmed())?;
        }
    }
    if let Some(path) = ics {
        writeln!(out)?;
        writeln!(
            out,
            "Calendar written to {} (import it into your calendar app).",
            path.display()
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", plan.disclaimer.dimmed())
}

fn day_rows(out: &mut dyn Write, day: &PlanDay, athlete: Option<&Athlete>) -> std::io::Result<()> {
    let label = format!("{} {}", &day.weekday.as_str()[..3], day.date);
    if day.sessions.is_empty() {
        return writeln!(out, "{:<15} {}", label.bold(), "—".dimmed());
    }
    for (i, s) in day.sessions.iter().enumerate() {
        let head = if i == 0 {
            label.bold().to_string()
        } else {
            String::new()
        };
        let what = match (s.kind.as_str(), s.focus, s.load) {
            ("lift", Some(f), Some(l)) => format!("lift ({}, {})", focus_name(f), load_name(l)),
            (k, _, _) => k.to_string(),
        };
        let status = match s.status {
            afterlift_core::contract::SessionStatus::Planned => String::new(),
            other => format!(" [{}]", json_name(&other)),
        };
        writeln!(
            out,
            "{:<15} {:<8} {:<22} {:>3} min  {:<9}{status}",
            head,
            s.slot.as_str(),
            what,
            s.minutes,
            s.intensity.as_str().replace('_', " ")
        )?;
        if let Some(st) = &s.structure {
            // The athlete's heart rates when the profile knows them.
            let st = match athlete {
                Some(a) => workout::with_heart_rates(
                    st,
                    heart::hr_max(a, HrMaxFormula::default()),
                    a.resting_hr_bpm,
                ),
                None => st.clone(),
            };
            writeln!(out, "{:<15} {}", "", workout::describe(&st))?;
        }
        writeln!(out, "{:<15} {}", "", s.why.dimmed())?;
    }
    Ok(())
}

/// A contract enum's JSON name, for display.
fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn focus_name(f: Focus) -> &'static str {
    match f {
        Focus::Upper => "upper",
        Focus::Lower => "lower",
        Focus::Full => "full",
    }
}

fn load_name(l: LoadLevel) -> &'static str {
    match l {
        LoadLevel::Light => "light",
        LoadLevel::Moderate => "moderate",
        LoadLevel::Heavy => "heavy",
    }
}
