//! `afterlift import`: files and folders into the log, with a progress bar on a terminal.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use afterlift_app::import::{collect, import_files};
use afterlift_core::contract::{FileStatus, ImportReport};
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
        let done = import_files(store, &collected.files, &opts, |files, bytes| {
            bar.inc(bytes);
            if let Some(f) = files.first() {
                bar.set_message(f.path.clone());
            }
        })
        .await;
        for f in done.files {
            report.push(f);
        }
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

fn human(out: &mut dyn Write, r: &ImportReport) -> std::io::Result<()> {
    for f in &r.files {
        let status = match f.status {
            FileStatus::Imported => "imported ".green().to_string(),
            FileStatus::Partial => "partial  ".yellow().to_string(),
            FileStatus::Duplicate => "duplicate".yellow().to_string(),
            FileStatus::Skipped => "skipped  ".dimmed().to_string(),
            FileStatus::Error => "error    ".red().bold().to_string(),
        };
        let ids = f
            .activities
            .as_ref()
            .map(|ids| ids.join(" "))
            .unwrap_or_default();
        write!(out, "{status} {}", f.path)?;
        if !ids.is_empty() {
            write!(out, "  {}", ids.bold())?;
        }
        writeln!(out)?;
        if let Some(m) = &f.message {
            writeln!(out, "          {}", m.dimmed())?;
        }
    }
    writeln!(
        out,
        "{} imported, {} duplicates, {} skipped, {} errors",
        r.imported, r.duplicates, r.skipped, r.errors
    )
}
