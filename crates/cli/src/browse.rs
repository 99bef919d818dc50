//! `afterlift activities|lifts|show|delete`: browsing the log. Start times are in the athlete's time zone
//! (the profile's, else this machine's): `2026-11-20 07:00 CET` in the terminal, RFC 3339 with the local
//! offset in JSON; a date in `--from`/`--to` is that day's start there.

use std::process::ExitCode;

use afterlift_store::{EntryId, Store, TimeFilter};
use jiff::tz::TimeZone;
use owo_colors::OwoColorize;
use serde_json::json;

use crate::args::{Global, IdArgs, ListArgs, ShowArgs, SplitArg};
use crate::failure::Failure;
use crate::{db, output};

/// `2026-11-20 07:00 CET`.
pub(crate) const LISTED: &str = "%Y-%m-%d %H:%M %Z";

pub(crate) fn filter(a: &ListArgs, tz: &TimeZone, json: bool) -> Result<TimeFilter, Failure> {
    let parse = |flag: &str, text: &Option<String>| -> Result<Option<jiff::Timestamp>, Failure> {
        let Some(t) = text else { return Ok(None) };
        afterlift_app::browse::parse_bound(t, tz)
            .map(Some)
            .ok_or_else(|| {
                Failure::invalid(
                    flag,
                    format!("'{t}': expected RFC 3339 or YYYY-MM-DD"),
                    json,
                )
            })
    };
    Ok(TimeFilter {
        from: parse("--from", &a.from)?,
        to: parse("--to", &a.to)?,
        limit: Some(a.limit),
    })
}

/// The athlete's time zone, from the log's profile.
pub(crate) async fn zone(s: &Store, json: bool) -> Result<TimeZone, Failure> {
    let profile = s.profile().await.map_err(|e| Failure::runtime(e, json))?;
    crate::zone::athlete(profile.as_ref(), json)
}

pub fn activities(a: ListArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let rows = db::with_store(global, async |s| {
        let tz = zone(s, json).await?;
        let f = filter(&a, &tz, json)?;
        let rows = s
            .activities(&f)
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        Ok(rows
            .iter()
            .map(|r| afterlift_app::browse::activity_summary(r, &tz))
            .collect::<Vec<_>>())
    })?;
    if json {
        output::json(&rows)
    } else {
        output::human(|out| {
            if rows.is_empty() {
                return writeln!(
                    out,
                    "No activities yet. Import some: afterlift import ~/Downloads/export.zip"
                );
            }
            writeln!(
                out,
                "{}",
                format!(
                    "{:<6} {:<10} {:<22} {:>8} {:>9} {:>6}  {}",
                    "id", "sport", "started", "time", "distance", "avg HR", "source"
                )
                .bold()
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{:<6} {:<10} {:<22} {:>8} {:>9} {:>6}  {}",
                    r.id,
                    r.sport.as_str(),
                    r.started_at.strftime(LISTED).to_string(),
                    afterlift_core::calc::format_duration(r.timer_s),
                    r.distance_m
                        .map_or("—".into(), |d| format!("{:.2} km", d / 1000.0)),
                    r.avg_hr.map_or("—".into(), |h| format!("{h:.0}")),
                    r.source
                )?;
            }
            Ok(())
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

pub fn lifts(a: ListArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let rows = db::with_store(global, async |s| {
        let tz = zone(s, json).await?;
        let f = filter(&a, &tz, json)?;
        let rows = s.lifts(&f).await.map_err(|e| Failure::runtime(e, json))?;
        Ok(rows
            .iter()
            .map(|r| afterlift_app::browse::lift_summary(r, &tz))
            .collect::<Vec<_>>())
    })?;
    if json {
        output::json(&rows)
    } else {
        output::human(|out| {
            if rows.is_empty() {
                return writeln!(out, "No strength sessions yet. Import a Strong or Hevy export, or: afterlift log lift --exercise squat --sets 5x5@100");
            }
            for r in &rows {
                let minutes = r.minutes.map_or(String::new(), |m| format!(" · {m:.0} min"));
                writeln!(out, "{} {}{}", r.id.bold(), r.started_at.strftime(LISTED), minutes)?;
                for e in &r.exercises {
                    let sets: Vec<String> = e
                        .sets
                        .iter()
                        .map(|s| {
                            afterlift_core::notation::set_text(
                                s.reps,
                                s.kg,
                                s.duration_s,
                                s.distance_m,
                            )
                        })
                        .collect();
                    writeln!(out, "    {:<32} {}", e.name, sets.join(", "))?;
                }
            }
            Ok(())
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

fn entry_id(text: &str, json: bool) -> Result<EntryId, Failure> {
    text.parse::<EntryId>().map_err(|_| {
        Failure::invalid(
            "ID",
            format!("'{text}': expected an activity id like a12 or a lift id like l3"),
            json,
        )
    })
}

pub fn show(a: ShowArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let id = entry_id(&a.id, json)?;
    if a.samples {
        return samples(id, a.split, global);
    }
    let value = db::with_store(global, async |s| {
        let tz = zone(s, json).await?;
        let found = match id {
            // The same shapes as `GET /api/v1/activities/{id}` and `/api/v1/lifts/{id}`.
            EntryId::Activity(n) => s
                .activity(n)
                .await
                .map(|a| json!(afterlift_app::browse::activity_detail(&a, &tz))),
            EntryId::Lift(n) => {
                let aliases = afterlift_app::exercises::aliases(s)
                    .await
                    .map_err(|e| Failure::runtime(e, json))?;
                s.lift(n)
                    .await
                    .map(|l| json!(afterlift_app::browse::lift_detail(&l, &tz, &aliases)))
            }
        };
        found.map_err(|e| not_found(e, json))
    })?;
    if json {
        output::json(&value)
    } else {
        output::human(|out| {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// `show a12 --samples`: every sample as CSV, or with --json the streams of
/// `GET /api/v1/activities/{id}/streams`.
fn samples(id: EntryId, split: SplitArg, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let EntryId::Activity(n) = id else {
        return Err(Failure::invalid(
            "--samples",
            format!("{id} is a strength session: only activities have samples"),
            json,
        ));
    };
    let activity = db::with_store(global, async |s| {
        s.activity(n).await.map_err(|e| not_found(e, json))
    })?;
    let written = if json {
        let split = match split {
            SplitArg::Km => afterlift_core::contract::SplitUnit::Km,
            SplitArg::Mi => afterlift_core::contract::SplitUnit::Mi,
        };
        output::json(&afterlift_app::browse::activity_streams(&activity, split))
    } else {
        output::human(|out| write_samples_csv(out, &activity.activity.samples))
    };
    written.map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// The samples as CSV, one row each, every value as stored (empty where a sample lacks it).
fn write_samples_csv(
    out: &mut dyn std::io::Write,
    samples: &[afterlift_core::session::Sample],
) -> std::io::Result<()> {
    fn cell<T: ToString>(v: Option<T>) -> String {
        v.map(|v| v.to_string()).unwrap_or_default()
    }
    // The pipe's own error (a closed pipe ends the output quietly), not csv's wrapping of it.
    fn io(e: csv::Error) -> std::io::Error {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => e,
            other => std::io::Error::other(format!("{other:?}")),
        }
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "offset_s",
        "hr_bpm",
        "speed_mps",
        "distance_m",
        "cadence_rpm",
        "altitude_m",
        "power_w",
        "lat_deg",
        "lon_deg",
    ])
    .map_err(io)?;
    for s in samples {
        w.write_record([
            s.offset_s.to_string(),
            cell(s.hr_bpm),
            cell(s.speed_mps),
            cell(s.distance_m),
            cell(s.cadence_rpm),
            cell(s.altitude_m),
            cell(s.power_w),
            cell(s.lat_deg),
            cell(s.lon_deg),
        ])
        .map_err(io)?;
    }
    w.flush()
}

pub fn delete(a: IdArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let id = entry_id(&a.id, json)?;
    db::with_store(global, async |s| {
        s.delete(id).await.map_err(|e| not_found(e, json))
    })?;
    if json {
        // The same shape as `DELETE /api/v1/activities/{id}` and `/api/v1/lifts/{id}`.
        output::json(&afterlift_core::contract::Deleted {
            deleted: id.to_string(),
        })
    } else {
        output::human(|out| writeln!(out, "Deleted {id}."))
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// An unknown id is the user's input (exit 2); anything else is a failure.
fn not_found(e: afterlift_store::StoreError, json: bool) -> Failure {
    match e {
        afterlift_store::StoreError::NotFound(id) => {
            Failure::invalid("ID", format!("no entry {id} in the training log"), json)
        }
        other => Failure::runtime(other, json),
    }
}
