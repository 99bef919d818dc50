//! `afterlift advice-log`: the advice afterlift gave, newest first — when, what was asked and what it said
//! (`--json`: the advice log's entries, each with its request and response as answered).

use std::process::ExitCode;

use owo_colors::OwoColorize;
use serde_json::Value;

use crate::args::{Global, ListArgs};
use crate::browse::{LISTED, filter, zone};
use crate::failure::Failure;
use crate::{db, output};

pub fn list(a: ListArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    let (entries, tz) = db::with_store(global, async |s| {
        let tz = zone(s, json).await?;
        let f = filter(&a, &tz, json)?;
        let entries = afterlift_app::advice_log::list(s, &f)
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        Ok((entries, tz))
    })?;
    if json {
        output::json(&entries)
    } else {
        output::human(|out| {
            if entries.is_empty() {
                return writeln!(
                    out,
                    "No advice yet. Ask: afterlift advise --planned easy:30"
                );
            }
            writeln!(
                out,
                "{}",
                format!("{:<22} {:<22} {}", "for", "asked", "answer").bold()
            )?;
            for e in &entries {
                writeln!(
                    out,
                    "{:<22} {:<22} {}",
                    e.at.to_zoned(tz.clone()).strftime(LISTED).to_string(),
                    asked(&e.request),
                    answer(&e.response)
                )?;
            }
            Ok(())
        })
    }
    .map_err(|e| Failure::runtime(e, json))?;
    Ok(ExitCode::SUCCESS)
}

/// `intervals 20 min`, `a run?` when nothing was planned.
fn asked(request: &Value) -> String {
    let planned = &request["planned"];
    match (planned["kind"].as_str(), planned["minutes"].as_f64()) {
        (None | Some("none"), _) => "a run?".into(),
        (Some(kind), Some(m)) => format!("{kind} {m:.0} min"),
        (Some(kind), None) => kind.into(),
    }
}

/// `go: run 20–30 min easy`, `postpone`.
fn answer(response: &Value) -> String {
    let verdict = response["verdict"].as_str().unwrap_or("?");
    let now = &response["now"];
    match (
        now["modality"].as_str(),
        now["minutes"]["min"].as_f64(),
        now["minutes"]["max"].as_f64(),
        now["intensity"].as_str(),
    ) {
        (Some(modality), Some(lo), Some(hi), Some(intensity))
            if hi > 0.0 && modality != "rest" && modality != "none" =>
        {
            let minutes = if (hi - lo).abs() < 0.5 {
                format!("{hi:.0}")
            } else {
                format!("{lo:.0}–{hi:.0}")
            };
            format!("{verdict}: {modality} {minutes} min {intensity}")
        }
        _ => verdict.to_string(),
    }
}
