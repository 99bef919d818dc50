//! `afterlift activities|lifts|show|delete`: browsing the log. Start times are in the athlete's time zone
//! (the profile's, else this machine's): `2026-11-20 07:00 CET` in the terminal, RFC 3339 with the local
//! offset in JSON; a date in `--from`/`--to` is that day's start there.

use std::process::ExitCode;

use afterlift_core::session::Sport;
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
    if a.samples || a.laps {
        return samples(id, a.split, a.laps, global);
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

/// `show a12 --samples`: every sample as CSV; `show a12 --laps`: the device's laps and the splits as
/// tables; with --json either gives the streams of `GET /api/v1/activities/{id}/streams`.
fn samples(id: EntryId, split: SplitArg, laps: bool, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let EntryId::Activity(n) = id else {
        let (flag, what) = if laps {
            ("--laps", "laps")
        } else {
            ("--samples", "samples")
        };
        return Err(Failure::invalid(
            flag,
            format!("{id} is a strength session: only activities have {what}"),
            json,
        ));
    };
    let activity = db::with_store(global, async |s| {
        s.activity(n).await.map_err(|e| not_found(e, json))
    })?;
    let split = match split {
        SplitArg::Km => afterlift_core::contract::SplitUnit::Km,
        SplitArg::Mi => afterlift_core::contract::SplitUnit::Mi,
    };
    let written = if json {
        output::json(&afterlift_app::browse::activity_streams(&activity, split))
    } else if laps {
        let streams = afterlift_app::browse::activity_streams(&activity, split);
        output::human(|out| write_laps(out, activity.activity.sport, &streams))
    } else {
        output::human(|out| write_samples_csv(out, &activity.activity.samples))
    };
    written.map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// `1:05:09` or `9:39`, from seconds.
fn clock(s: f64) -> String {
    let s = s.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// How a sport's pace or speed and cadence read, as the dashboard reads them: time per kilometre on foot
/// (per 100 m swimming), km/h otherwise; steps a minute on foot (twice the recorded strides).
fn pace(sport: Sport, distance_m: f64, seconds: f64) -> String {
    if distance_m <= 0.0 || seconds <= 0.0 {
        return "—".into();
    }
    match sport {
        Sport::Run | Sport::Walk | Sport::Hike => {
            format!("{} /km", clock(seconds * 1000.0 / distance_m))
        }
        Sport::Swim => format!("{} /100 m", clock(seconds * 100.0 / distance_m)),
        _ => format!("{:.1} km/h", distance_m / seconds * 3.6),
    }
}

fn cadence(sport: Sport, rpm: f64) -> String {
    match sport {
        Sport::Run | Sport::Walk | Sport::Hike => format!("{:.0} spm", rpm * 2.0),
        _ => format!("{rpm:.0} rpm"),
    }
}

fn distance(m: f64) -> String {
    if m >= 1000.0 {
        format!("{:.2} km", m / 1000.0)
    } else {
        format!("{m:.0} m")
    }
}

fn or_dash<T>(v: Option<T>, f: impl Fn(T) -> String) -> String {
    v.map_or_else(|| "—".to_owned(), f)
}

/// `show a12 --laps`: the device's laps (when it kept any), then the splits computed from the recorded
/// distance — both from the streams the API answers.
fn write_laps(
    out: &mut dyn std::io::Write,
    sport: Sport,
    s: &afterlift_core::contract::ActivityStreams,
) -> std::io::Result<()> {
    if s.laps.is_empty() {
        writeln!(
            out,
            "{}",
            "No laps: the file has none of the device's laps.".dimmed()
        )?;
    } else {
        writeln!(
            out,
            "{} ({})",
            "Laps, as the device recorded them".bold(),
            s.laps.len()
        )?;
        let header = [
            "#", "start", "time", "distance", "pace", "avg HR", "max HR", "ascent", "cadence",
            "ended by",
        ];
        let rows: Vec<[String; 10]> = s
            .laps
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let time = l.timer_s.or(l.elapsed_s);
                let speed = match (l.avg_speed_mps, l.distance_m, time) {
                    (_, Some(d), Some(t)) if d > 0.0 => pace(sport, d, t),
                    (Some(v), _, _) if v > 0.0 => pace(sport, v * 1000.0, 1000.0),
                    _ => "—".into(),
                };
                [
                    (i + 1).to_string(),
                    clock(l.start_s),
                    or_dash(time, clock),
                    or_dash(l.distance_m, distance),
                    speed,
                    or_dash(l.avg_hr_bpm, |v| format!("{v:.0}")),
                    or_dash(l.max_hr_bpm, |v| format!("{v:.0}")),
                    or_dash(l.ascent_m, |v| format!("{v:.0} m")),
                    or_dash(l.avg_cadence_rpm, |v| cadence(sport, v)),
                    or_dash(l.trigger, |t| t.as_str().replace('_', " ")),
                ]
            })
            .collect();
        write_table(out, &header, &rows)?;
    }
    writeln!(out)?;
    let every = distance(s.split_m);
    if s.splits.is_empty() {
        writeln!(
            out,
            "{}",
            "No splits: the recording has no distance along the way.".dimmed()
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} (every {every} of the recorded distance)",
        "Splits, computed".bold()
    )?;
    let header = [
        "#",
        "distance",
        "time",
        "pace",
        "avg HR",
        "max HR",
        "elevation",
    ];
    let rows: Vec<[String; 7]> = s
        .splits
        .iter()
        .enumerate()
        .map(|(i, sp)| {
            let time = if sp.moving_s > 0.0 {
                sp.moving_s
            } else {
                sp.elapsed_s
            };
            [
                (i + 1).to_string(),
                distance(sp.distance_m),
                clock(time),
                pace(sport, sp.distance_m, time),
                or_dash(sp.avg_hr_bpm, |v| format!("{v:.0}")),
                or_dash(sp.max_hr_bpm, |v| v.to_string()),
                or_dash(sp.elevation_change_m, |v| format!("{v:+.0} m")),
            ]
        })
        .collect();
    write_table(out, &header, &rows)
}

/// Columns padded to their widest cell: the first left-aligned, the others right-aligned.
fn write_table<const N: usize>(
    out: &mut dyn std::io::Write,
    header: &[&str; N],
    rows: &[[String; N]],
) -> std::io::Result<()> {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; N]| {
        let mut text = String::from(" ");
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w - cell.chars().count());
            if i == 0 {
                text.push_str(&format!(" {cell}{pad}"));
            } else {
                text.push_str(&format!("  {pad}{cell}"));
            }
        }
        text
    };
    writeln!(out, "{}", line(*header).dimmed())?;
    for row in rows {
        writeln!(out, "{}", line(std::array::from_fn(|i| row[i].as_str())))?;
    }
    Ok(())
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
