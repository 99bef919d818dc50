//! `afterlift migrate --to postgres://…`: this personal log copied into one athlete's log of a shared
//! database (`afterlift_app::migrate`), with a progress bar on a terminal, and the verification printed.

use std::io::IsTerminal;
use std::process::ExitCode;

use afterlift_app::AppError;
use afterlift_app::migrate::{MigrateReport, MigrateStatus, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use owo_colors::OwoColorize;

use crate::args::{Global, MigrateArgs};
use crate::failure::{EXIT_FAILED, Failure};
use crate::{db, output};

struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, items: u64) {
        self.0.set_length(items);
        self.0.set_message("copying");
    }
    fn advance(&self, items: u64) {
        self.0.inc(items);
    }
}

pub fn run(args: MigrateArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let to = afterlift_app::open::location(&args.to)
        .map_err(|e| Failure::invalid("--to", e.to_string(), json))?;
    if !matches!(to, afterlift_app::open::Location::Postgres(_)) {
        return Err(Failure::invalid(
            "--to",
            "expected a PostgreSQL database's URL (postgres://user:password@host:port/database)",
            json,
        ));
    }
    let from = db::path(global)?;
    let bar = if !json && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} items · {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::runtime(e, json))?;
    let report = runtime.block_on(async {
        let source = db::open(&from, json).await?;
        let target = match afterlift_app::open::open(&to).await {
            Ok(t) => t,
            Err(e) => {
                source.close().await;
                return Err(Failure::runtime(
                    anyhow::Error::new(e).context(format!("cannot open the log at {to}")),
                    json,
                ));
            }
        };
        let result = afterlift_app::migrate::migrate(
            &source,
            &target,
            global.athlete.as_deref(),
            now,
            &Bar(bar.clone()),
        )
        .await;
        source.close().await;
        target.close().await;
        result.map_err(|e| match e {
            AppError::Invalid(invalid) => Failure::from_invalid(invalid, json),
            e => Failure::runtime(e, json),
        })
    });
    bar.finish_and_clear();
    let report = report?;
    if json {
        output::json(&report).map_err(|e| Failure::runtime(e, json))?;
    } else {
        print(&report);
    }
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    })
}

fn print(r: &MigrateReport) {
    let who = match &r.athlete.name {
        Some(name) if r.athlete.created => format!("the new athlete '{name}'"),
        Some(name) => format!("athlete '{name}'"),
        None => format!("athlete {}", r.athlete.id),
    };
    let head = match r.status {
        MigrateStatus::Copied => format!(
            "{} {} → {who} in {}",
            "copied".green().bold(),
            r.source,
            r.target
        ),
        MigrateStatus::AlreadyThere => format!(
            "{} {who} in {} already holds this log: nothing written",
            "already there:".green().bold(),
            r.target
        ),
        MigrateStatus::Differs => format!(
            "{} what {} read back differs from {}: rolled back, nothing written",
            "failed:".red().bold(),
            r.target,
            r.source
        ),
    };
    println!("{head}");
    println!("  {:<14} {:>10} {:>10}", "", "source", "target");
    for c in &r.counts {
        let mark = if c.source == c.target { "" } else { "  ≠" };
        println!("  {:<14} {:>10} {:>10}{mark}", c.kind, c.source, c.target);
    }
    println!("  sha256 source  {}", r.source_sha256);
    println!("  sha256 target  {}", r.target_sha256);
}
