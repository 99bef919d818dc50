//! `afterlift import`: files and folders into the log, with a progress bar on a terminal.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use afterlift_app::import::{collect, import_files};
use afterlift_core::contract::{FileStatus, ImportReport, SessionLine};
use afterlift_formats::{ReadOptions, WeightUnit};
use indicatif::{ProgressBar, ProgressStyle};
use owo_colors::OwoColorize;

use crate::args::{Global, ImportArgs};
use crate::failure::{EXIT_FAILED, Failure};
use crate::{db, output};

pub fn run(args: ImportArgs, global: &Global) -> Result<ExitCode, Failure> {
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
        // Local times in files without a zone (Strong, Hevy) are the athlete's.
        let time_zone = crate::zone::athlete(profile.as_ref(), json)?;
        let opts = ReadOptions {
            time_zone,
            weight_unit: if args.lb {
                WeightUnit::Lb
            } else {
                WeightUnit::Kg
            },
        };
        let mut report = ImportReport::default();
        for r in collected.unreadable.iter().cloned() {
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

/// One line per file (entry of an archive) with its sessions under it as a person reads them
/// (`run · 2021-07-18 · 42.1 km`; the ids are in `--json`), then the totals in sessions.
fn human(out: &mut dyn Write, r: &ImportReport) -> std::io::Result<()> {
    let mut sessions: HashMap<&str, Vec<&SessionLine>> = HashMap::new();
    for s in &r.sessions {
        sessions.entry(s.file.as_str()).or_default().push(s);
    }
    for f in &r.files {
        let status = match f.status {
            FileStatus::Imported => "imported ".green().to_string(),
            FileStatus::Duplicate => "duplicate".yellow().to_string(),
            FileStatus::Skipped => "skipped  ".dimmed().to_string(),
            FileStatus::Error => "error    ".red().bold().to_string(),
        };
        writeln!(out, "{status} {}", f.path)?;
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
    writeln!(out, "{}", totals(r))
}

/// "3 sessions imported, 1 already in the log · 5 files: 3 imported, 1 duplicate, 1 error · 2 other
/// files passed over (README, photos…)".
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
