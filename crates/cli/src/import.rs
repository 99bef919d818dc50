//! `afterlift import`: files and folders into the log, with a progress bar on a terminal.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use afterlift_app::import::{collect, import_files};
use afterlift_core::contract::{FileReport, FileStatus, ImportReport, SessionLine};
use afterlift_formats::{ReadOptions, WeightUnit};
use indicatif::{ProgressBar, ProgressStyle};
use owo_colors::OwoColorize;

use crate::args::{Global, ImportArgs};
use crate::failure::{EXIT_FAILED, Failure};
use crate::{db, output};

pub fn run(args: ImportArgs, global: &Global) -> Result<ExitCode, Failure> {
    if args.watch {
        return watch(args, global);
    }
    let json = global.json;
    let collected = collect(&args.paths);
    let total_bytes: u64 = collected
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let bar = if !json && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total_bytes);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {bytes}/{total_bytes} · {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };

    let report = db::with_store(global, async |store| {
        let profile = store
            .profile()
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        let opts = read_options(profile.as_ref(), args.lb, json)?;
        let mut report = ImportReport::default();
        for r in collected.reports.iter().cloned() {
            report.push(r);
        }
        let done = import_files(store, &collected.files, &opts, |file, bytes| {
            bar.inc(bytes);
            if let Some(f) = file.files.first() {
                bar.set_message(f.path.clone());
            }
        })
        .await;
        report.extend(done);
        Ok(report)
    })?;
    bar.finish_and_clear();

    if json {
        output::json(&report).map_err(|e| Failure::runtime(e, true))?;
    } else {
        output::human(|out| human(out, &report)).map_err(|e| Failure::runtime(e, false))?;
    }
    Ok(if report.errors > 0 {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

/// How files are read: local times in files without a zone (Strong, Hevy) are the athlete's.
fn read_options(
    profile: Option<&afterlift_store::Profile>,
    lb: bool,
    json: bool,
) -> Result<ReadOptions, Failure> {
    Ok(ReadOptions {
        time_zone: crate::zone::athlete(profile, json)?,
        weight_unit: if lb { WeightUnit::Lb } else { WeightUnit::Kg },
    })
}

/// `import --watch`: the folders now, then every file that arrives, one line each, until a signal.
fn watch(args: ImportArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let settle = std::time::Duration::from_secs_f64(args.settle.clamp(0.0, 3600.0));
    db::with_store(global, async |store| {
        let profile = store
            .profile()
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        let opts = read_options(profile.as_ref(), args.lb, json)?;
        if !json {
            eprintln!(
                "Watching {} for new files (Ctrl-C to stop)",
                args.paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let print = |report: &ImportReport| {
            let printed = if json {
                serde_json::to_string(report)
                    .map_err(std::io::Error::other)
                    .and_then(|line| writeln!(std::io::stdout(), "{line}"))
            } else {
                output::human(|out| watched(out, report))
            };
            // Flushed per line: a supervisor's log or a pipe sees each file as it is imported.
            let _ = printed.and_then(|()| std::io::stdout().flush());
        };
        let stop = stop_signal().map_err(|e| Failure::runtime(e, json))?;
        afterlift_app::watch::watch(store, &args.paths, &opts, settle, print, stop)
            .await
            .map_err(|e| Failure::runtime(e, json))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A future that resolves on Ctrl-C, or on SIGTERM (how systemd and container runtimes stop a service).
/// The handlers are installed here, before the first file is read, so a signal during the first scan
/// stops the watch cleanly instead of killing the process.
fn stop_signal() -> std::io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = interrupt.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// One line per file (entry of an archive) with its sessions under it as a person reads them
/// (`run · 2021-07-18 · 42.1 km`; the ids are in `--json`), then the totals in sessions.
fn human(out: &mut dyn Write, r: &ImportReport) -> std::io::Result<()> {
    entries(out, r)?;
    writeln!(out, "{}", totals(r))?;
    unknown_exercises(out, r)
}

/// Each file's line with its sessions (as a person reads them) and its message under it.
fn entries(out: &mut dyn Write, r: &ImportReport) -> std::io::Result<()> {
    let mut sessions: HashMap<&str, Vec<&SessionLine>> = HashMap::new();
    for s in &r.sessions {
        sessions.entry(s.file.as_str()).or_default().push(s);
    }
    for f in &r.files {
        file_lines(out, f)?;
        for s in sessions.get(f.path.as_str()).into_iter().flatten() {
            if s.existing {
                writeln!(
                    out,
                    "          {} {}",
                    s.summary,
                    "(already in the log)".dimmed()
                )?;
            } else {
                writeln!(out, "          {}", s.summary.bold())?;
            }
        }
        if let Some(m) = &f.message {
            writeln!(out, "          {}", m.dimmed())?;
        }
    }
    Ok(())
}

/// One file's report under `--watch`: its entries and unknown names, without totals.
fn watched(out: &mut dyn Write, r: &ImportReport) -> std::io::Result<()> {
    entries(out, r)?;
    unknown_exercises(out, r)
}

/// One file's line in a report: its result and name (its sessions and message follow).
fn file_lines(out: &mut dyn Write, f: &FileReport) -> std::io::Result<()> {
    let status = match f.status {
        FileStatus::Imported => "imported ".green().to_string(),
        FileStatus::Partial => "partial  ".yellow().to_string(),
        FileStatus::Duplicate => "duplicate".yellow().to_string(),
        FileStatus::Skipped => "skipped  ".dimmed().to_string(),
        FileStatus::Error => "error    ".red().bold().to_string(),
    };
    writeln!(out, "{status} {}", f.path)
}

/// "3 sessions imported, 1 already in the log · 5 files: 3 imported, 1 duplicate, 1 error · 2 other
/// files passed over (not workout files)".
fn totals(r: &ImportReport) -> String {
    let plural = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = vec![format!(
        "{} imported, {} already in the log",
        plural(r.sessions_new, "session", "sessions"),
        r.sessions_existing
    )];
    let files = r.imported + r.duplicates + r.skipped + r.errors;
    let mut by_status = Vec::new();
    for (n, one, many) in [
        (r.imported, "imported", "imported"),
        (r.duplicates, "duplicate", "duplicates"),
        (r.skipped, "skipped", "skipped"),
        (r.errors, "error", "errors"),
    ] {
        if n > 0 {
            by_status.push(plural(n, one, many));
        }
    }
    parts.push(format!(
        "{}: {}",
        plural(files, "file", "files"),
        if by_status.is_empty() {
            "none".to_owned()
        } else {
            by_status.join(", ")
        }
    ));
    if !r.other_files.is_empty() {
        parts.push(format!(
            "{} passed over (not workout files)",
            plural(r.other_files.len() as u32, "other file", "other files")
        ));
    }
    parts.join(" · ")
}

/// The imported exercise names the catalogue cannot read, with their sets, a good suggestion when there is
/// one, and how to fix them once for the whole log.
fn unknown_exercises(out: &mut dyn Write, r: &ImportReport) -> std::io::Result<()> {
    let Some(first) = r.unknown_exercises.first() else {
        return Ok(());
    };
    let count = r.unknown_exercises.len();
    writeln!(
        out,
        "{} {count} exercise name{} not in the catalogue: {} sets count for no muscle in the advice, \
         and a session with them may be treated as a leg day, to be safe.",
        "warning:".yellow().bold(),
        if count == 1 { " is" } else { "s are" },
        if count == 1 { "its" } else { "their" },
    )?;
    let width = r
        .unknown_exercises
        .iter()
        .map(|u| u.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for u in &r.unknown_exercises {
        let sets = u.sets.unwrap_or(0);
        let plural = if sets == 1 { "" } else { "s" };
        let check = u
            .suggestion
            .as_deref()
            .map(|s| format!("  did you mean '{s}'?"))
            .unwrap_or_default();
        writeln!(out, "  {:<width$}  {sets:>4} set{plural}{check}", u.name)?;
    }
    let exercise = first.suggestion.as_deref().unwrap_or("<exercise>");
    writeln!(
        out,
        "Fix a name once for the whole log: afterlift exercises alias {} {} (afterlift exercises WORDS searches the catalogue).",
        crate::journal::shell_word(&first.name),
        crate::journal::shell_word(exercise),
    )
}
