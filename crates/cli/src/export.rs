//! `afterlift export`: everything in the log.
//!
//! - `--format json` (default): one document (`contract::ExportDoc`) with the profile, every activity with
//!   its samples and the device's laps, every strength session with its sets, every check-in, the aliases and the advice log —
//!   lossless; `afterlift import`
//!   reads it back (into the same log it merges instead of duplicating).
//! - `--format csv --out DIR`: tables for spreadsheets — `activities.csv`, `samples.csv`, `laps.csv`,
//!   `wellness.csv`, `advice.csv`,
//!   and `lifts.csv` in Hevy's export format (`afterlift_formats::hevy::write`, beside the reader), which
//!   `afterlift import` (and Hevy-compatible tools) read back.

use std::path::Path;
use std::process::ExitCode;

use afterlift_core::contract::{ExportDoc, LiftDoc};

use crate::args::{ExportArgs, ExportFormat, Global};
use crate::failure::Failure;
use crate::{db, output};

pub fn run(args: ExportArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let now = crate::clock::now(global)?;
    let doc = db::with_store(global, async |s| {
        afterlift_app::export::export(s, now)
            .await
            .map_err(|e| Failure::runtime(e, json))
    })?;
    match (args.format, &args.out) {
        (ExportFormat::Json, None) => output::json(&doc).map_err(|e| Failure::runtime(e, json))?,
        (ExportFormat::Json, Some(path)) => {
            let file = std::fs::File::create(path).map_err(|e| {
                Failure::runtime(
                    anyhow::Error::new(e).context(format!("cannot create {}", path.display())),
                    json,
                )
            })?;
            serde_json::to_writer(std::io::BufWriter::new(file), &doc)
                .map_err(|e| Failure::runtime(e, json))?;
            summary(json, &doc, path)?;
        }
        (ExportFormat::Csv, None) => {
            return Err(Failure::invalid(
                "--out",
                "CSV export writes several files: give a folder with --out DIR",
                json,
            ));
        }
        (ExportFormat::Csv, Some(dir)) => {
            write_csv(dir, &doc).map_err(|e| {
                Failure::runtime(
                    e.context(format!("cannot write CSV files into {}", dir.display())),
                    json,
                )
            })?;
            summary(json, &doc, dir)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(json: bool, doc: &ExportDoc, to: &Path) -> Result<(), Failure> {
    let counts = serde_json::json!({
        "written": to.display().to_string(),
        "activities": doc.activities.len(),
        "lifts": doc.lifts.len(),
        "wellness": doc.wellness.len(),
        "advice": doc.advice.len(),
    });
    if json {
        output::json(&counts)
    } else {
        output::human(|out| {
            writeln!(
                out,
                "Exported {} activities, {} strength sessions, {} check-ins and {} pieces of advice to {}.",
                doc.activities.len(),
                doc.lifts.len(),
                doc.wellness.len(),
                doc.advice.len(),
                to.display()
            )
        })
    }
    .map_err(|e| Failure::runtime(e, json))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A text cell, never read as a formula by a spreadsheet (`afterlift_formats::spreadsheet`); numbers are
/// written as they are.
fn text(s: &str) -> String {
    afterlift_formats::spreadsheet::text_cell(s).into_owned()
}

fn write_csv(dir: &Path, doc: &ExportDoc) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut w = csv::Writer::from_path(dir.join("activities.csv"))?;
    w.write_record([
        "id",
        "sport",
        "started_at",
        "utc_offset_s",
        "timer_s",
        "elapsed_s",
        "distance_m",
        "avg_hr_bpm",
        "max_hr_bpm",
        "calories_kcal",
        "rpe",
        "source",
        "samples",
    ])?;
    for a in &doc.activities {
        w.write_record([
            text(&a.id),
            text(a.sport.as_str()),
            a.started_at.to_string(),
            opt(a.utc_offset_s),
            a.timer_s.to_string(),
            a.elapsed_s.to_string(),
            opt(a.distance_m),
            opt(a.avg_hr_bpm),
            opt(a.max_hr_bpm),
            opt(a.calories_kcal),
            opt(a.rpe),
            text(&a.source),
            a.samples.offset_s.len().to_string(),
        ])?;
    }
    w.flush()?;

    let mut w = csv::Writer::from_path(dir.join("samples.csv"))?;
    w.write_record([
        "activity_id",
        "offset_s",
        "hr_bpm",
        "speed_mps",
        "distance_m",
        "cadence_rpm",
        "altitude_m",
        "power_w",
        "lat_deg",
        "lon_deg",
    ])?;
    for a in &doc.activities {
        let s = &a.samples;
        for i in 0..s.offset_s.len() {
            let get = |v: &Vec<Option<f64>>| {
                v.get(i)
                    .copied()
                    .flatten()
                    .map(|x| x.to_string())
                    .unwrap_or_default()
            };
            w.write_record([
                text(&a.id),
                s.offset_s[i].to_string(),
                opt(s.hr_bpm.get(i).copied().flatten()),
                opt(s.speed_mps.get(i).copied().flatten()),
                get(&s.distance_m),
                opt(s.cadence_rpm.get(i).copied().flatten()),
                opt(s.altitude_m.get(i).copied().flatten()),
                opt(s.power_w.get(i).copied().flatten()),
                get(&s.lat_deg),
                get(&s.lon_deg),
            ])?;
        }
    }
    w.flush()?;

    let mut w = csv::Writer::from_path(dir.join("laps.csv"))?;
    w.write_record([
        "activity_id",
        "lap",
        "start",
        "elapsed_s",
        "timer_s",
        "distance_m",
        "avg_hr_bpm",
        "max_hr_bpm",
        "avg_speed_mps",
        "ascent_m",
        "avg_cadence_rpm",
        "trigger",
    ])?;
    for a in &doc.activities {
        for (i, l) in a.laps.iter().enumerate() {
            w.write_record([
                text(&a.id),
                (i + 1).to_string(),
                l.start.to_string(),
                opt(l.elapsed_s),
                opt(l.timer_s),
                opt(l.distance_m),
                opt(l.avg_hr_bpm),
                opt(l.max_hr_bpm),
                opt(l.avg_speed_mps),
                opt(l.ascent_m),
                opt(l.avg_cadence_rpm),
                opt(l.trigger.map(|t| t.as_str())),
            ])?;
        }
    }
    w.flush()?;

    // Hevy's export shape, written by the reader's own crate, so the file imports back.
    let lifts = std::fs::File::create(dir.join("lifts.csv"))?;
    afterlift_formats::hevy::write(doc.lifts.iter().map(LiftDoc::to_session), lifts)?;

    let mut w = csv::Writer::from_path(dir.join("wellness.csv"))?;
    w.write_record([
        "date",
        "sleep_hours",
        "sleep_quality",
        "fatigue",
        "soreness",
        "stress",
        "mood",
        "resting_hr_bpm",
        "hrv_rmssd_ms",
        "pain",
        "illness",
    ])?;
    for x in &doc.wellness {
        w.write_record([
            x.date.to_string(),
            opt(x.sleep_hours),
            opt(x.sleep_quality),
            opt(x.fatigue),
            opt(x.soreness),
            opt(x.stress),
            opt(x.mood),
            opt(x.resting_hr_bpm),
            opt(x.hrv_rmssd_ms),
            x.pain.to_string(),
            x.illness.to_string(),
        ])?;
    }
    w.flush()?;

    // The advice log: what was asked and answered, with both documents in full.
    let mut w = csv::Writer::from_path(dir.join("advice.csv"))?;
    w.write_record(["at", "planned", "verdict", "request_json", "response_json"])?;
    for a in &doc.advice {
        w.write_record([
            a.at.to_string(),
            text(a.request["planned"]["kind"].as_str().unwrap_or("none")),
            text(a.response["verdict"].as_str().unwrap_or_default()),
            text(&a.request.to_string()),
            text(&a.response.to_string()),
        ])?;
    }
    w.flush()?;
    Ok(())
}
