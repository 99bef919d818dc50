//! Developer tasks for afterlift (not published): the synthetic training history behind the import
//! benchmarks (`gen-history`, `gen-long`) and the baselines those benchmarks compare against
//! (`bare-decode`, `crc`). `cargo run -p xtask --release -- help`.

mod calendar;
mod decode;
mod fit_writer;
mod history;
mod physiology;
mod strength;
mod team;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "afterlift developer tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Write N athlete-years of FIT runs and rides and Strong/Hevy CSVs under OUT.
    GenHistory {
        #[arg(long, default_value_t = 10)]
        years: u32,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Also (or only, without --out) write one 12-hour run recording to this file.
        #[arg(long)]
        twelve_hour: Option<PathBuf>,
    },
    /// Write one 12-hour run recording (≈ 43,200 records).
    GenLong {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Decode FIT files (or every file under folders) with rustyfit's bare streaming decoder.
    BareDecode {
        /// rustyfit's defaults (component expansion on) instead of afterlift's configuration.
        #[arg(long)]
        defaults: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// A team's logs on a database (the load test of issue 13): N athlete users with API tokens, a profile
    /// each and YEARS of generated history (run/ride summaries, lifts with sets, daily check-ins), written
    /// through the store. Use a new, empty database.
    TeamHistory {
        /// The log: postgres://… (or a SQLite path).
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 1000)]
        athletes: usize,
        #[arg(long, default_value_t = 3)]
        years: u32,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// The history ends the day before this date (YYYY-MM-DD; default today, UTC).
        #[arg(long)]
        end: Option<jiff::civil::Date>,
        /// Athletes written at once.
        #[arg(long, default_value_t = 6)]
        jobs: usize,
        /// Where the API tokens go, one a line in athlete order.
        #[arg(long)]
        tokens: PathBuf,
    },
    /// One athlete's YEARS of generated history (team-history's first athlete: summaries, lifts with
    /// sets, daily check-ins and a profile) in a personal log, without users: what the dashboard's History
    /// benchmark opens. Use a new log.
    PersonalHistory {
        /// The log: a SQLite path (or postgres://…).
        #[arg(long)]
        db: String,
        #[arg(long, default_value_t = 10)]
        years: u32,
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// The history ends the day before this date (YYYY-MM-DD; default today, UTC).
        #[arg(long)]
        end: Option<jiff::civil::Date>,
    },
    /// The floor: read FIT files and check their CRC-16 over all bytes.
    Crc {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Files as given, folders expanded to their `.fit` files (sorted).
fn fit_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(
                history::files_under(p)
                    .into_iter()
                    .filter(|f| f.extension().is_some_and(|e| e.eq_ignore_ascii_case("fit"))),
            );
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn report(what: &str, t: &decode::Tally) -> ExitCode {
    println!(
        "{what}: {} files, {} bytes, {} messages, {} records, check {}, {} errors",
        t.files, t.bytes, t.messages, t.records, t.check, t.errors
    );
    if t.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run() -> anyhow::Result<ExitCode> {
    match Cli::parse().task {
        Task::GenHistory {
            years,
            out,
            seed,
            twelve_hour,
        } => {
            if let Some(out) = out {
                let t0 = std::time::Instant::now();
                let s = history::generate(&out, years, None, seed)?;
                println!(
                    "{}: {} FIT files ({} records), {} strength CSVs, {:.1} MB in {:.1} s",
                    out.display(),
                    s.fit_files,
                    s.records,
                    s.csv_files,
                    s.bytes as f64 / 1e6,
                    t0.elapsed().as_secs_f64()
                );
            }
            if let Some(path) = twelve_hour {
                let (bytes, records) = history::twelve_hour(&path, seed)?;
                println!("{}: {records} records, {bytes} bytes", path.display());
            }
        }
        Task::GenLong { out, seed } => {
            let (bytes, records) = history::twelve_hour(&out, seed)?;
            println!("{}: {records} records, {bytes} bytes", out.display());
        }
        Task::BareDecode { defaults, paths } => {
            return Ok(report(
                "bare-decode",
                &decode::bare(&fit_files(&paths), defaults)?,
            ));
        }
        Task::TeamHistory {
            db,
            athletes,
            years,
            seed,
            end,
            jobs,
            tokens,
        } => {
            let end = match end {
                Some(d) => d,
                None => jiff::Timestamp::now()
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .date(),
            };
            let t0 = std::time::Instant::now();
            let s = team::generate(&db, athletes, years, seed, end, jobs, &tokens)?;
            println!(
                "{} athletes, {years} years to {end} (seed {seed}): {} activities, {} lifts ({} sets), {} check-ins in {:.1} s; tokens in {}",
                s.athletes,
                s.activities,
                s.lifts,
                s.sets,
                s.check_ins,
                t0.elapsed().as_secs_f64(),
                tokens.display()
            );
        }
        Task::PersonalHistory {
            db,
            years,
            seed,
            end,
        } => {
            let end = match end {
                Some(d) => d,
                None => jiff::Timestamp::now()
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .date(),
            };
            let t0 = std::time::Instant::now();
            let s = team::personal(&db, years, seed, end)?;
            println!(
                "{years} years to {end} (seed {seed}) in {db}: {} activities, {} lifts ({} sets), {} check-ins in {:.1} s",
                s.activities,
                s.lifts,
                s.sets,
                s.check_ins,
                t0.elapsed().as_secs_f64(),
            );
        }
        Task::Crc { paths } => return Ok(report("crc", &decode::crc(&fit_files(&paths))?)),
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use afterlift_formats::{Content, ReadOptions, read};

    use super::*;

    /// Every generated file reads with afterlift's readers, without errors or warnings about
    /// dropped values, and holds what it should.
    #[test]
    fn generated_files_read_cleanly() {
        let dir = std::env::temp_dir().join(format!("xtask-gen-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let s = history::generate(&dir, 2, Some(3), 11).expect("generate");
        assert!(s.fit_files >= 8, "{s:?}");
        assert!(s.csv_files >= 1, "{s:?}");
        let long = dir.join("long.fit");
        let (bytes, records) = history::twelve_hour(&long, 11).expect("12 h");
        assert!((42_000..=43_300).contains(&records), "{records}");
        assert!((2_400_000..3_200_000).contains(&bytes), "{bytes}");

        let (mut activities, mut lifts) = (0, 0);
        for path in history::files_under(&dir) {
            let data = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            let parsed = read(&data, &name, &ReadOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            for p in parsed {
                assert!(p.warnings.is_empty(), "{name}: {:?}", p.warnings);
                match p.content {
                    Content::Activities(a) => {
                        for act in &a {
                            assert!(act.samples.len() > 600, "{name}");
                            assert!(act.avg_hr_bpm.is_some(), "{name}");
                        }
                        activities += a.len();
                    }
                    Content::Lifts(l) => lifts += l.len(),
                    other => panic!("{name}: {other:?}"),
                }
            }
            if name.ends_with(".fit") {
                assert_eq!(decode::crc16(&data), 0, "{name}");
            }
        }
        assert_eq!(activities, s.fit_files + 1);
        assert!(lifts >= 2, "{lifts}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
