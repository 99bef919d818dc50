//! `afterlift experiment start|status|stop|report|list`: personal experiments from the command line. The
//! use cases are `afterlift_app::experiment`; here are the flags, the words and the exit codes (an unknown
//! id, a wrong flag or a protocol that cannot start: 2; a log that fails: 1). `--json` prints the
//! contract's shapes (`ExperimentOut`, `ExperimentStatus`, `ExperimentReport`), as the HTTP API does.

use std::io::Write;
use std::process::ExitCode;

use afterlift_app::AppError;
use afterlift_core::contract::{ExperimentOut, ExperimentStatus, StartExperiment};
use afterlift_core::experiment::strategy::Comparison;
use afterlift_core::experiment::{Arm, OutcomeKind, OutcomeSpec, Status, Verdict};
use afterlift_store::{Store, StoreError};
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use owo_colors::OwoColorize;

use crate::args::{
    ExperimentCommand, ExperimentReportArgs, ExperimentStartArgs, ExperimentStopArgs, Global,
    ReportFormat,
};
use crate::failure::Failure;
use crate::{db, output};

pub fn run(command: ExperimentCommand, global: &Global) -> Result<ExitCode, Failure> {
    match command {
        ExperimentCommand::Start(a) => start(a, global),
        ExperimentCommand::Status(a) => status(a.id, global),
        ExperimentCommand::Stop(a) => stop(a, global),
        ExperimentCommand::Report(a) => report(a, global),
        ExperimentCommand::List => list(global),
    }
}

/// A use case's failure: wrong fields and unknown experiments are the user's input (exit 2), anything
/// else a failure (exit 1).
fn failed(e: AppError, json: bool) -> Failure {
    match e {
        AppError::Store(StoreError::Missing(m)) => Failure::invalid("ID", m, json),
        other => crate::advise::app_failure(other, json),
    }
}

/// The profile's time zone, else this machine's.
async fn zone(store: &Store, json: bool) -> Result<TimeZone, Failure> {
    let profile = store
        .profile()
        .await
        .map_err(|e| Failure::runtime(e, json))?;
    crate::zone::athlete(profile.as_ref(), json)
}

fn no_experiment(json: bool) -> Failure {
    Failure::invalid(
        "experiment",
        "no experiment yet: start one with `afterlift experiment start` (see --help)",
        json,
    )
}

/// An outcome as typed: `KIND`, `e1rm:EXERCISE` or `easy_run_efficiency:CEILING_BPM`.
pub fn parse_outcome(text: &str, smallest_effect: f64) -> Result<OutcomeSpec, String> {
    let (code, param) = match text.split_once(':') {
        Some((c, p)) => (c, Some(p.trim())),
        None => (text, None),
    };
    let code = code.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    let no_param = |kind: OutcomeKind| match param {
        Some(p) => Err(format!("'{text}': {code} takes no parameter (found '{p}')")),
        None => Ok(kind),
    };
    let kind = match code.as_str() {
        "e1rm" => match param.filter(|p| !p.is_empty()) {
            Some(exercise) => OutcomeKind::E1rm {
                exercise: exercise.to_string(),
            },
            None => {
                return Err(format!(
                    "'{text}': an e1RM outcome names its lift: e1rm:\"Squat (Barbell)\""
                ));
            }
        },
        "easy_run_efficiency" | "efficiency" => OutcomeKind::EasyRunEfficiency {
            ceiling_bpm: match param {
                Some(p) => Some(p.parse::<u16>().ok().filter(|b| (80..=220).contains(b)).ok_or_else(
                    || format!("'{text}': the ceiling is a heart rate in bpm (80–220), e.g. easy_run_efficiency:140"),
                )?),
                None => None,
            },
        },
        "resting_hr" => no_param(OutcomeKind::RestingHr)?,
        "hrv" => no_param(OutcomeKind::Hrv)?,
        "hooper" => no_param(OutcomeKind::Hooper)?,
        "soreness" => no_param(OutcomeKind::Soreness)?,
        "session_rpe" | "rpe" => no_param(OutcomeKind::SessionRpe)?,
        "adherence" => no_param(OutcomeKind::Adherence)?,
        "weekly_minutes" | "minutes" => no_param(OutcomeKind::WeeklyMinutes)?,
        _ => {
            return Err(format!(
                "unknown outcome '{text}': expected one of e1rm:EXERCISE, easy_run_efficiency, resting_hr, \
                 hrv, hooper, soreness, session_rpe, adherence, weekly_minutes"
            ));
        }
    };
    Ok(OutcomeSpec {
        kind,
        smallest_effect,
    })
}

/// A secondary outcome as typed: `KIND[:PARAM]=EFFECT`.
fn parse_secondary(text: &str) -> Result<OutcomeSpec, String> {
    let Some((outcome, effect)) = text.rsplit_once('=') else {
        return Err(format!(
            "'{text}': expected KIND[:PARAM]=EFFECT, e.g. resting_hr=2 (the smallest difference you care about)"
        ));
    };
    let effect = crate::args::finite_number(effect).map_err(|e| format!("'{text}': {e}"))?;
    parse_outcome(outcome, effect)
}

fn parse_date(text: &str, flag: &str, json: bool) -> Result<Date, Failure> {
    text.trim().parse::<Date>().map_err(|_| {
        Failure::invalid(
            flag,
            format!("'{text}': expected a date as YYYY-MM-DD"),
            json,
        )
    })
}

fn start(a: ExperimentStartArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let comparison: Comparison = a
        .compare
        .parse()
        .map_err(|e: String| Failure::invalid("--compare", e, json))?;
    let primary = parse_outcome(&a.outcome, a.smallest_effect)
        .map_err(|e| Failure::invalid("--outcome", e, json))?;
    let secondary = a
        .secondary
        .iter()
        .map(|s| parse_secondary(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Failure::invalid("--secondary", e, json))?;
    let start = a
        .start
        .as_deref()
        .map(|s| parse_date(s, "--start", json))
        .transpose()?;
    let request = StartExperiment {
        comparison,
        primary,
        secondary,
        start,
        period_weeks: a.period_weeks,
        washout_days: a.washout_days,
        blocks: a.blocks,
        seed: a.seed,
        question: a.question,
    };
    let drawn = match a.seed {
        Some(seed) => seed,
        None => afterlift_app::experiment::draw_seed().map_err(|e| Failure::runtime(e, json))?,
    };
    let started = db::with_store(global, async |store| {
        let tz = zone(store, json).await?;
        afterlift_app::experiment::start(store, request, now, &tz, drawn)
            .await
            .map_err(|e| start_failure(e, json))
    })?;
    if json {
        output::json(&started)
    } else {
        output::human(|out| started_text(out, &started))
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// `start`'s refusals named by the flag that sets the field.
fn start_failure(e: AppError, json: bool) -> Failure {
    match e {
        AppError::Invalid(mut i) => {
            for f in &mut i.errors {
                let flag = match f.field.as_str() {
                    "period_weeks" => "--period-weeks",
                    "washout_days" => "--washout-days",
                    "blocks" => "--blocks",
                    "start" => "--start",
                    "primary.smallest_effect" => "--smallest-effect",
                    "primary.exercise" => "--outcome",
                    "secondary" => "--secondary",
                    "question" => "--question",
                    "comparison" => "--compare",
                    _ => continue,
                };
                f.field = flag.to_string();
            }
            Failure::from_invalid(i, json)
        }
        other => failed(other, json),
    }
}

fn day(d: Date) -> String {
    d.strftime("%a %-d %b %Y").to_string()
}

fn started_text(out: &mut dyn Write, e: &ExperimentOut) -> std::io::Result<()> {
    let p = &e.protocol;
    let s = &p.schedule;
    writeln!(
        out,
        "{} {}: {}",
        "Started experiment".bold(),
        e.id.bold(),
        p.question
    )?;
    writeln!(out, "  A  {}", p.arms.a)?;
    writeln!(out, "  B  {}", p.arms.b)?;
    writeln!(
        out,
        "Deciding outcome: {} (smallest difference that matters: {} {}).",
        p.primary.kind.name(),
        p.primary.smallest_effect,
        p.primary.kind.unit()
    )?;
    for o in &p.secondary {
        writeln!(
            out,
            "Exploratory: {} ({} {}).",
            o.kind.name(),
            o.smallest_effect,
            o.kind.unit()
        )?;
    }
    writeln!(
        out,
        "{} blocks of two {}-week periods, {} to {} ({} weeks); the first {} day{} of each period are followed but not counted.",
        s.blocks(),
        s.period_weeks,
        day(s.start),
        day(s.end()),
        s.weeks(),
        s.washout_days,
        if s.washout_days == 1 { "" } else { "s" }
    )?;
    match &p.min_length {
        Some(m) => writeln!(
            out,
            "The minimum, {} blocks, finds a difference of {} {} {:.0} % of the time, from your own variation before the start.",
            m.blocks,
            p.primary.smallest_effect,
            p.primary.kind.unit(),
            m.power * 100.0
        )?,
        None => writeln!(
            out,
            "Your log had too little {} before the start to size it from your own variation: {} blocks is afterlift's default.",
            p.primary.kind.name(),
            p.min_blocks
        )?,
    }
    writeln!(out, "Schedule (seed {}):", e.seed)?;
    for period in &s.periods {
        writeln!(
            out,
            "  block {}  {} – {}  {}  {}",
            period.block + 1,
            period.start.strftime("%a %-d %b"),
            period.end.strftime("%a %-d %b"),
            period.arm,
            p.arms.name(period.arm)
        )?;
    }
    writeln!(
        out,
        "`afterlift plan week` and `afterlift advise` now follow the strategy of the day; log or import what you do as usual."
    )?;
    writeln!(
        out,
        "{}",
        "The result will describe you only, over these weeks — not medical advice. Stop if you are in pain or ill."
            .dimmed()
    )
}

/// The experiment `id` names, else the current one.
async fn resolve(
    store: &Store,
    id: Option<i64>,
    now: Timestamp,
    tz: &TimeZone,
    json: bool,
) -> Result<ExperimentOut, Failure> {
    match id {
        Some(id) => afterlift_app::experiment::get(store, id, now, tz)
            .await
            .map_err(|e| failed(e, json)),
        None => afterlift_app::experiment::current(store, now, tz)
            .await
            .map_err(|e| failed(e, json))?
            .ok_or_else(|| no_experiment(json)),
    }
}

fn status(id: Option<i64>, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let st = db::with_store(global, async |store| {
        let tz = zone(store, json).await?;
        let e = resolve(store, id, now, &tz, json).await?;
        afterlift_app::experiment::status(store, Some(e.id), now, &tz)
            .await
            .map_err(|e| failed(e, json))?
            .ok_or_else(|| no_experiment(json))
    })?;
    if json {
        output::json(&st)
    } else {
        output::human(|out| status_text(out, &st))
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not started",
        Status::Running => "running",
        Status::Finished => "finished",
        Status::StoppedEarly => "stopped early",
    }
}

fn status_text(out: &mut dyn Write, st: &ExperimentStatus) -> std::io::Result<()> {
    let e = &st.experiment;
    let p = &e.protocol;
    let s = &p.schedule;
    writeln!(
        out,
        "{} {} ({}): {}",
        "Experiment".bold(),
        e.id.bold(),
        status_word(e.status),
        p.question
    )?;
    match &e.today {
        Some(d) => {
            let strategy = d.strategy;
            writeln!(
                out,
                "Today, {}: {} — {}{}",
                day(d.date),
                format!("{} {}", d.arm, strategy.label()).bold(),
                strategy.describe(),
                if d.in_washout {
                    " (a washout day: follow it; its outcomes are not counted)"
                } else {
                    ""
                }
            )?;
            writeln!(
                out,
                "Until {} (block {} of {}); then {}.",
                day(d.period_ends),
                d.block,
                s.blocks(),
                match s.arm_on(d.period_ends.tomorrow().unwrap_or(d.period_ends)) {
                    Some(next) if next != d.arm => format!("{next} ({})", p.arms.name(next)),
                    Some(_) => "the same strategy for another period".to_string(),
                    None => "the experiment ends".to_string(),
                }
            )?;
        }
        None if e.as_of < s.start => writeln!(
            out,
            "It starts on {} with {} ({}).",
            day(s.start),
            s.periods.first().map_or(Arm::A, |p| p.arm),
            p.arms.name(s.periods.first().map_or(Arm::A, |p| p.arm))
        )?,
        None => match e.stopped_on {
            Some(stop) => writeln!(out, "Stopped on {}.", day(stop))?,
            None => writeln!(out, "It ended on {}.", day(s.end()))?,
        },
    }
    writeln!(
        out,
        "{} of {} weeks done ({} day{}), {} week{} left.",
        st.days_done / 7,
        st.weeks,
        st.days_done,
        if st.days_done == 1 { "" } else { "s" },
        st.weeks_left,
        if st.weeks_left == 1 { "" } else { "s" }
    )?;
    writeln!(out, "{}", st.verdict)?;
    if let Verdict::NotEnoughData { .. } = st.primary.by_schedule.verdict {
    } else if st.primary.summary != st.verdict {
        writeln!(out, "{}", st.primary.summary)?;
    }
    writeln!(
        out,
        "{}",
        "The full report: afterlift experiment report. It describes you only; not medical advice."
            .dimmed()
    )
}

fn stop(a: ExperimentStopArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let (before, after) = db::with_store(global, async |store| {
        let tz = zone(store, json).await?;
        let e = match a.id {
            Some(id) => afterlift_app::experiment::get(store, id, now, &tz)
                .await
                .map_err(|e| failed(e, json))?,
            None => afterlift_app::experiment::list(store, now, &tz)
                .await
                .map_err(|e| failed(e, json))?
                .into_iter()
                .find(ExperimentOut::is_open)
                .ok_or_else(|| {
                    Failure::invalid(
                        "experiment",
                        "no experiment is running (name one to stop: afterlift experiment list)",
                        json,
                    )
                })?,
        };
        if !e.is_open() {
            return Ok((e.clone(), e));
        }
        if !a.yes {
            let left = e
                .protocol
                .schedule
                .end()
                .since(e.as_of)
                .map_or(0, |span| span.get_days())
                + 1;
            return Err(Failure::invalid(
                "--yes",
                format!(
                    "stopping experiment {} today ends it {left} day{} before its planned end: the report then \
                     judges by fewer weeks (perhaps none), and stopping at an exciting moment biases it. Add \
                     --yes to confirm; stop at once if you are in pain or ill",
                    e.id,
                    if left == 1 { "" } else { "s" }
                ),
                json,
            ));
        }
        let stopped = afterlift_app::experiment::stop(store, e.id, now, &tz)
            .await
            .map_err(|e| failed(e, json))?;
        Ok((e, stopped))
    })?;
    if json {
        output::json(&after)
    } else {
        output::human(|out| {
            if before.is_open() {
                writeln!(
                    out,
                    "Stopped experiment {} on {}: plans and advice no longer follow it. Its report: afterlift experiment report {}",
                    after.id,
                    after.stopped_on.map_or_else(String::new, day),
                    after.id
                )
            } else if let Some(on) = before.stopped_on {
                writeln!(
                    out,
                    "Experiment {} was stopped already, on {}.",
                    before.id,
                    day(on)
                )
            } else {
                writeln!(
                    out,
                    "Experiment {} ended on {}: nothing to stop.",
                    before.id,
                    day(before.protocol.schedule.end())
                )
            }
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

fn report(a: ExperimentReportArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let format = match (a.format, json) {
        (Some(f), _) => f,
        (None, true) => ReportFormat::Json,
        (None, false) => ReportFormat::Markdown,
    };
    let r = db::with_store(global, async |store| {
        let tz = zone(store, json).await?;
        let e = resolve(store, a.id, now, &tz, json).await?;
        afterlift_app::experiment::report(store, e.id, now, &tz)
            .await
            .map_err(|e| failed(e, json))
    })?;
    let text = match format {
        ReportFormat::Json => {
            let mut t = serde_json::to_string_pretty(&r).map_err(|e| Failure::runtime(e, json))?;
            t.push('\n');
            t
        }
        ReportFormat::Markdown => r.to_markdown(),
        // One renderer for the CLI and the HTTP API: core's page, made from the Markdown.
        ReportFormat::Html => r.to_html(),
    };
    match &a.output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| {
                Failure::runtime(
                    anyhow::Error::new(e).context(format!("cannot write {}", path.display())),
                    json,
                )
            })?;
            if json && format != ReportFormat::Json {
                output::json(&serde_json::json!({ "written": path.display().to_string() }))
            } else if !json {
                output::human(|out| writeln!(out, "Wrote the report to {}.", path.display()))
            } else {
                output::json(&r)
            }
            .map_err(|e| Failure::runtime(e, json))?;
        }
        None => output::human(|out| out.write_all(text.as_bytes()))
            .map_err(|e| Failure::runtime(e, json))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn list(global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let all = db::with_store(global, async |store| {
        let tz = zone(store, json).await?;
        afterlift_app::experiment::list(store, now, &tz)
            .await
            .map_err(|e| failed(e, json))
    })?;
    if json {
        output::json(&all)
    } else {
        output::human(|out| {
            if all.is_empty() {
                return writeln!(
                    out,
                    "No experiments yet: afterlift experiment start --help shows how to start one."
                );
            }
            for e in &all {
                let s = &e.protocol.schedule;
                writeln!(
                    out,
                    "{:>3}  {:<14} {} – {}  {}  ({} vs {}; {})",
                    e.id,
                    status_word(e.status),
                    s.start,
                    s.end(),
                    e.comparison.code(),
                    e.protocol.arms.a,
                    e.protocol.arms.b,
                    e.protocol.primary.kind.name()
                )?;
            }
            Ok(())
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_read_as_typed() {
        assert_eq!(
            parse_outcome("e1rm:Squat (Barbell)", 2.5).unwrap().kind,
            OutcomeKind::E1rm {
                exercise: "Squat (Barbell)".into()
            }
        );
        assert_eq!(
            parse_outcome("easy-run-efficiency", 0.03).unwrap().kind,
            OutcomeKind::EasyRunEfficiency { ceiling_bpm: None }
        );
        assert_eq!(
            parse_outcome("easy_run_efficiency:140", 0.03).unwrap().kind,
            OutcomeKind::EasyRunEfficiency {
                ceiling_bpm: Some(140)
            }
        );
        assert!(parse_outcome("e1rm", 2.5).is_err());
        assert!(parse_outcome("resting_hr:5", 2.0).is_err());
        assert!(parse_outcome("vo2max", 2.0).is_err());
        let s = parse_secondary("resting_hr=2").unwrap();
        assert_eq!((s.kind, s.smallest_effect), (OutcomeKind::RestingHr, 2.0));
        assert!(parse_secondary("resting_hr").is_err());
        assert!(parse_secondary("hrv=abc").is_err());
    }
}
