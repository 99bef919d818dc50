//! An archive imported entry by entry: each entry of a bulk export is a file of its own in the ledger
//! (its content hash, its name `export.zip!activities/123.fit.gz`), imported all or nothing on its own.
//!
//! - An entry imported before (same content, in this archive or another) is a duplicate, read back
//!   from the log for the report.
//! - A failed entry is recorded as failed and does not block a later import: importing the archive
//!   again retries the failed entries (and reads new ones) while the others are duplicates.
//! - When no entry failed, the archive itself gets a ledger row linking everything it gave
//!   ([`Store::record_archive`]): the same archive again is a duplicate without being read.
//! - Entries that are not workout files (README, photos, the export's other CSVs) are counted in
//!   `other_files`, with no ledger row.

use std::path::Path;

use afterlift_core::contract::{FileReport, FileStatus, ImportReport};
use afterlift_formats::{Content, Parsed, ReadOptions};
use afterlift_store::{EntryId, ImportBatch, Store};

use crate::import::{error_report, import_batch};

/// Imports the entries of an archive already read (`parsed`: its items, each with its `member`).
pub(crate) async fn import_members(
    store: &Store,
    name: &str,
    archive_hash: &str,
    archive_format: &str,
    parsed: Vec<Parsed>,
    opts: &ReadOptions,
) -> ImportReport {
    let mut report = ImportReport::default();
    let mut ids: Vec<EntryId> = Vec::new();
    let mut complete = true;
    let mut members = 0usize;
    for group in by_member(parsed) {
        let outcome = import_member(store, group, opts, &mut report).await;
        members += 1;
        match outcome {
            Member::Done(entry_ids) => {
                for id in entry_ids {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            Member::Other => {}
            Member::Incomplete => complete = false,
        }
    }
    let path = Path::new(name);
    if ids.is_empty() && complete {
        let reason = format!(
            "no activity or workout file among the archive's {members} entr{}",
            if members == 1 { "y" } else { "ies" }
        );
        let _ = store
            .record_skipped(archive_hash, path, archive_format, &reason)
            .await;
        report.push(FileReport {
            path: name.to_string(),
            status: FileStatus::Skipped,
            activities: None,
            message: Some(reason),
        });
    } else if complete {
        // A failure here only costs the shortcut: the entries are in the ledger.
        let _ = store
            .record_archive(archive_hash, path, archive_format, &ids)
            .await;
    }
    report
}

/// What became of one entry.
enum Member {
    /// Imported, or already in the log: the entries it gave.
    Done(Vec<EntryId>),
    /// Not a workout file, or a file with nothing to import (e.g. a FIT monitoring file).
    Other,
    /// Failed, or read only in part: the archive must be read again next time.
    Incomplete,
}

async fn import_member(
    store: &Store,
    items: Vec<Parsed>,
    opts: &ReadOptions,
    report: &mut ImportReport,
) -> Member {
    let Some(first) = items.first() else {
        return Member::Other;
    };
    let name = first.source_name.clone();
    let format = first.format.map_or("unknown", |f| f.as_str());
    let Some(hash) = first.member.as_ref().map(|m| m.content_hash.clone()) else {
        // An entry that could not even be decompressed has no content to name in the ledger.
        for item in items {
            if let Content::Failed { error } = item.content {
                report.push(error_report(item.source_name, error.to_string()));
            }
        }
        return Member::Incomplete;
    };
    let path = Path::new(&name);
    if items
        .iter()
        .all(|p| p.format.is_none() && matches!(p.content, Content::Skipped { .. }))
    {
        report.other_files.push(name);
        return Member::Other;
    }
    let mut partial: Vec<String> = items
        .iter()
        .filter(|p| matches!(p.content, Content::Activities(_) | Content::Lifts(_)))
        .filter_map(|p| {
            Some(crate::import::partial_note(
                &p.source_name,
                p.partial.as_ref()?,
            ))
        })
        .collect();
    partial.dedup();
    let mut batch = ImportBatch {
        content_hash: hash.clone(),
        path: path.to_path_buf(),
        format: format.to_string(),
        ..ImportBatch::default()
    };
    let mut titles = Vec::new();
    let mut warnings = Vec::new();
    let mut skipped = Vec::new();
    for item in items {
        warnings.extend(item.warnings);
        match item.content {
            Content::Activities(a) => {
                titles.extend(a.iter().map(|_| item.title.clone()));
                batch.activities.extend(a);
            }
            Content::Lifts(l) => batch.lifts.extend(l),
            Content::Skipped { reason } => skipped.push(reason),
            Content::Failed { error } => {
                let message = error.to_string();
                let _ = store.record_failure(&hash, path, format, &message).await;
                report.push(error_report(name, message));
                return Member::Incomplete;
            }
        }
    }
    if batch.activities.is_empty() && batch.lifts.is_empty() {
        let reason = if skipped.is_empty() {
            "nothing to import".to_string()
        } else {
            skipped.join("; ")
        };
        let _ = store.record_skipped(&hash, path, format, &reason).await;
        report.push(FileReport {
            path: name,
            status: FileStatus::Skipped,
            activities: None,
            message: Some(reason),
        });
        return Member::Other;
    }
    if !warnings.is_empty() {
        batch.message = Some(warnings.join("; "));
    }
    let is_partial = !partial.is_empty();
    if is_partial {
        batch.partial = Some(partial.join("; "));
    }
    match import_batch(store, &name, batch, &titles, &warnings, opts, report).await {
        // A partly read entry is read again with the archive: a repaired copy would replace it.
        Some(outcome) if !is_partial => Member::Done(outcome.ids()),
        _ => Member::Incomplete,
    }
}

/// The items of each entry, in archive order (an entry gives one item, two for a FIT file with both
/// cardio and strength sessions; items of one entry are consecutive).
fn by_member(parsed: Vec<Parsed>) -> Vec<Vec<Parsed>> {
    let mut groups: Vec<Vec<Parsed>> = Vec::new();
    for item in parsed {
        let same = groups.last().and_then(|g| g.first()).is_some_and(|prev| {
            prev.member.is_some()
                && prev.member == item.member
                && prev.source_name == item.source_name
        });
        match groups.last_mut() {
            Some(group) if same => group.push(item),
            _ => groups.push(vec![item]),
        }
    }
    groups
}
