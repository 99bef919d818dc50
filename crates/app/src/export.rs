//! Export and restore: everything in the log as one JSON document ([`ExportDoc`]), and that document
//! imported back — activities and lifts atomically through the store's import (so a restore into a log
//! that already has them merges instead of duplicating), then wellness check-ins, the exercise aliases
//! (each checked against the catalogue; one that no longer fits is named and left out), the advice log
//! (what it already holds left out), the personal experiments (likewise) and, if the log has none, the
//! profile.

use std::path::Path;

use afterlift_core::catalogue::Aliases;
use afterlift_core::contract::{
    ActivityDoc, EXPORT_VERSION, ExportDoc, FileReport, FileStatus, LiftDoc, WellnessDoc,
};
use afterlift_store::{ImportBatch, Store};
use jiff::Timestamp;

use crate::AppError;

/// The marker every export starts with; `import` recognises the document by it.
pub const EXPORT_MARKER: &[u8] = b"{\"afterlift_export\"";

pub async fn export(store: &Store, now: Timestamp) -> Result<ExportDoc, AppError> {
    let all = store.export_all().await?;
    doc(&all, now)
}

/// The document of a log read with [`Store::export_all`].
pub fn doc(all: &afterlift_store::Export, now: Timestamp) -> Result<ExportDoc, AppError> {
    Ok(ExportDoc {
        afterlift_export: EXPORT_VERSION,
        exported_at: now,
        profile: all.profile.as_ref().map(crate::profile::to_doc),
        activities: all
            .activities
            .iter()
            .map(|a| ActivityDoc::new(a.entry_id().to_string(), &a.activity))
            .collect(),
        lifts: all
            .lifts
            .iter()
            .map(|l| LiftDoc::new(l.entry_id().to_string(), &l.session))
            .collect(),
        wellness: all
            .wellness
            .iter()
            .map(|w| WellnessDoc::new(w.date, &w.wellness))
            .collect(),
        aliases: all.aliases.clone(),
        advice: all
            .advice
            .iter()
            .map(crate::advice_log::entry)
            .collect::<Result<_, _>>()?,
        experiments: all
            .experiments
            .iter()
            .map(crate::experiment::doc)
            .collect::<Result<_, _>>()?,
    })
}

/// Whether these bytes are an afterlift export (compact or pretty-printed).
pub fn is_export(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(64)
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    head.starts_with(EXPORT_MARKER)
}

/// Imports an export document; `hash` is the file's content hash for the ledger.
pub async fn restore(store: &Store, name: &str, hash: &str, bytes: &[u8]) -> FileReport {
    let error = |message: String| FileReport {
        path: name.to_string(),
        status: FileStatus::Error,
        activities: None,
        message: Some(message),
    };
    let doc: ExportDoc = match serde_json::from_slice(bytes) {
        Ok(doc) => doc,
        Err(e) => {
            return error(format!(
                "{name}: line {}, column {}: not a valid afterlift export: {e}",
                e.line(),
                e.column()
            ));
        }
    };
    if doc.afterlift_export > EXPORT_VERSION {
        return error(format!(
            "{name}: export version {} is newer than this afterlift understands ({EXPORT_VERSION})",
            doc.afterlift_export
        ));
    }
    let mut activities = Vec::with_capacity(doc.activities.len());
    for a in &doc.activities {
        match a.to_activity() {
            Ok(a) => activities.push(a),
            Err(e) => return error(format!("{name}: {e}")),
        }
    }
    let batch = ImportBatch {
        content_hash: hash.to_string(),
        path: Path::new(name).to_path_buf(),
        format: "afterlift_export".into(),
        activities,
        lifts: doc.lifts.iter().map(LiftDoc::to_session).collect(),
        message: None,
        partial: None,
    };
    let outcome = match store.import(batch).await {
        Ok(o) => o,
        Err(e) => return error(e.to_string()),
    };
    let mut notes = Vec::new();
    for w in &doc.wellness {
        if let Err(e) = store.upsert_wellness(w.date, &w.to_wellness()).await {
            notes.push(format!("check-in {}: {e}", w.date));
        }
    }
    // Like the profile, the log's own aliases win: the document only adds names the log has none for.
    let existing: std::collections::HashSet<String> = match store.aliases().await {
        Ok(a) => a.iter().map(|a| Aliases::key(&a.name)).collect(),
        Err(e) => {
            notes.push(format!("aliases: {e}"));
            doc.aliases.iter().map(|a| Aliases::key(&a.name)).collect()
        }
    };
    let mut aliases = Vec::with_capacity(doc.aliases.len());
    for a in &doc.aliases {
        match Aliases::check(&a.name, &a.exercise) {
            Ok(_) if existing.contains(&Aliases::key(&a.name)) => {
                notes.push(format!("kept the existing alias '{}'", a.name));
            }
            Ok(checked) => aliases.push(checked),
            Err(e) => notes.push(format!("alias '{}': {e}", a.name)),
        }
    }
    if !aliases.is_empty()
        && let Err(e) = store.set_aliases(&aliases).await
    {
        notes.push(format!("aliases: {e}"));
    }
    if let Some(p) = &doc.profile {
        match store.profile().await {
            Ok(None) => match crate::profile::from_doc(p) {
                Ok(profile) => {
                    if let Err(e) = store.set_profile(&profile).await {
                        notes.push(format!("profile: {e}"));
                    }
                }
                Err(e) => notes.push(format!("profile: {e}")),
            },
            Ok(Some(_)) => notes.push("kept the existing profile".into()),
            Err(e) => notes.push(format!("profile: {e}")),
        }
    }
    let advice_added = match crate::advice_log::restore(store, &doc.advice).await {
        Ok(n) => n,
        Err(e) => {
            notes.push(format!("advice log: {e}"));
            0
        }
    };
    let experiments_added = match crate::experiment::restore(store, &doc.experiments).await {
        Ok(n) => n,
        Err(e) => {
            notes.push(format!("experiments: {e}"));
            0
        }
    };
    notes.insert(0, format!("{} check-ins", doc.wellness.len()));
    if !doc.aliases.is_empty() {
        notes.insert(1, format!("{} exercise aliases", aliases.len()));
    }
    if !doc.advice.is_empty() {
        notes.push(format!(
            "{advice_added} of {} advice added to the advice log (the others it had)",
            doc.advice.len()
        ));
    }
    if !doc.experiments.is_empty() {
        notes.push(format!(
            "{experiments_added} of {} experiments added (the others the log had)",
            doc.experiments.len()
        ));
    }
    // The ledger's status, except that a document without sessions is still imported: its check-ins,
    // aliases and profile were (the ledger says `skipped`: no session of it is in the log).
    let status = match outcome.status() {
        FileStatus::Skipped => FileStatus::Imported,
        status => status,
    };
    FileReport {
        path: name.to_string(),
        status,
        activities: Some(outcome.ids().iter().map(ToString::to_string).collect()),
        message: Some(notes.join("; ")),
    }
}
