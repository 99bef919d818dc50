//! Importing files: collect paths (folders recursively), read each file with the formats crate and write it
//! to the log in one transaction — all of a file or nothing. A file seen before (same content hash) is not
//! decoded again; a failure is recorded in the ledger and reported, and never stops the other files. A file
//! damaged after valid data imports what preceded the damage (one transaction still), reported `partial`
//! and marked so in the ledger; the same session from a whole copy later replaces it.

use std::path::{Path, PathBuf};

pub use crate::collect::{Collected, collect};

use afterlift_core::contract::{FileReport, FileStatus, ImportReport};
use afterlift_formats::{Content, ReadOptions};
use afterlift_store::{ImportBatch, ImportOutcome, ImportStatus, Store, content_hash};

/// Imports files one by one; `progress` is called after each with its report(s) and its size in bytes.
pub async fn import_files(
    store: &Store,
    files: &[PathBuf],
    opts: &ReadOptions,
    mut progress: impl FnMut(&[FileReport], u64),
) -> ImportReport {
    let mut report = ImportReport::default();
    for path in files {
        let name = path.display().to_string();
        let (reports, size) = match read_file(path) {
            Ok(bytes) => (
                import_bytes(store, &name, &bytes, opts).await,
                bytes.len() as u64,
            ),
            Err(e) => (vec![error_report(name, format!("cannot read: {e}"))], 0),
        };
        progress(&reports, size);
        for r in reports {
            report.push(r);
        }
    }
    report
}

/// The largest file read: a Garmin full export is < 2 GB zipped.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// A file's bytes, refusing what no device or app writes before reading it into memory: anything over
/// [`MAX_FILE_BYTES`], and a file over a single activity's limit that is not an archive.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let too_large = |limit: u64, what: &str| {
        std::io::Error::other(format!(
            "{size} bytes is larger than {what} ({} MiB at most): not read",
            limit / (1024 * 1024)
        ))
    };
    if size > MAX_FILE_BYTES {
        return Err(too_large(MAX_FILE_BYTES, "any export"));
    }
    let entry_limit = afterlift_formats::MAX_ENTRY_BYTES;
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(entry_limit)).unwrap_or(0));
    file.by_ref().take(4).read_to_end(&mut bytes)?;
    if size > entry_limit
        && afterlift_formats::detect(&bytes, None) != Some(afterlift_formats::Format::Zip)
    {
        return Err(too_large(entry_limit, "a single activity or export file"));
    }
    // Read up to the limit only: a file that grows while it is read cannot grow the memory with it.
    file.take(MAX_FILE_BYTES - 4).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Imports one file's bytes (a plain file, or an archive whose good entries are imported together).
/// Returns the file's report, plus one per failed archive entry.
pub async fn import_bytes(
    store: &Store,
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Vec<FileReport> {
    let hash = content_hash(bytes);
    let path = Path::new(name);
    // Seen before: no need to decode it again.
    match store.imported_ids(&hash).await {
        Ok(Some(ids)) => {
            return vec![FileReport {
                path: name.to_string(),
                status: FileStatus::Duplicate,
                activities: Some(ids.iter().map(ToString::to_string).collect()),
                message: Some("already imported (same content)".into()),
            }];
        }
        Ok(None) => {}
        Err(e) => return vec![error_report(name.to_string(), e.to_string())],
    }
    if crate::export::is_export(bytes) {
        return vec![crate::export::restore(store, name, &hash, bytes).await];
    }
    let format = afterlift_formats::detect(bytes, Some(name)).map_or("unknown", |f| f.as_str());

    let parsed = match afterlift_formats::read(bytes, name, opts) {
        Ok(parsed) => parsed,
        Err(e) => {
            let message = e.to_string();
            let _ = store.record_failure(&hash, path, format, &message).await;
            return vec![error_report(name.to_string(), message)];
        }
    };

    let mut batch = ImportBatch {
        content_hash: hash.clone(),
        path: path.to_path_buf(),
        format: format.to_string(),
        ..Default::default()
    };
    let mut entry_failures = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut partial = Vec::new();
    for item in parsed {
        warnings.extend(item.warnings);
        if let Some(p) = &item.partial
            && matches!(item.content, Content::Activities(_) | Content::Lifts(_))
        {
            partial.push(format!(
                "{}: damaged at byte {}: {}",
                item.source_name, p.offset, p.reason
            ));
        }
        match item.content {
            Content::Activities(a) => batch.activities.extend(a),
            Content::Lifts(l) => batch.lifts.extend(l),
            Content::Skipped { reason } => skipped.push(if item.source_name == name {
                reason
            } else {
                format!("{}: {reason}", item.source_name)
            }),
            Content::Failed { error } => {
                entry_failures.push(error_report(item.source_name, error.to_string()))
            }
        }
    }

    if batch.activities.is_empty() && batch.lifts.is_empty() {
        let reason = if skipped.is_empty() {
            "nothing to import".to_string()
        } else {
            skipped.join("; ")
        };
        if entry_failures.is_empty() {
            let _ = store.record_skipped(&hash, path, format, &reason).await;
            return vec![FileReport {
                path: name.to_string(),
                status: FileStatus::Skipped,
                activities: None,
                message: Some(reason),
            }];
        }
        let _ = store
            .record_failure(&hash, path, format, "every entry failed")
            .await;
        return entry_failures;
    }

    if !warnings.is_empty() {
        batch.message = Some(warnings.join("; "));
    }
    // A damaged file imports what preceded the damage, in one transaction like any other, marked
    // partial so that a whole copy replaces it later.
    partial.dedup();
    if !partial.is_empty() {
        batch.partial = Some(partial.join("; "));
    }
    let is_partial = batch.partial.is_some();
    let mut reports = match store.import(batch).await {
        Ok(outcome) => vec![outcome_report(name, &outcome, &warnings, is_partial)],
        Err(e) => {
            let message = e.to_string();
            let _ = store.record_failure(&hash, path, format, &message).await;
            vec![error_report(name.to_string(), message)]
        }
    };
    reports.extend(entry_failures);
    reports
}

fn outcome_report(
    name: &str,
    outcome: &ImportOutcome,
    warnings: &[String],
    partial: bool,
) -> FileReport {
    let status = match outcome.status() {
        ImportStatus::Imported if partial => FileStatus::Partial,
        ImportStatus::Imported => FileStatus::Imported,
        ImportStatus::Duplicate => FileStatus::Duplicate,
        ImportStatus::Skipped => FileStatus::Skipped,
        ImportStatus::Error => FileStatus::Error,
    };
    let mut notes: Vec<String> = Vec::new();
    match outcome {
        ImportOutcome::AlreadyImported { .. } => {
            notes.push("already imported (same content)".into())
        }
        ImportOutcome::Imported { duplicates, .. } => {
            for d in duplicates {
                let verb = if d.replaced_partial {
                    "replaced the partial import of"
                } else if d.merged {
                    "merged into"
                } else {
                    "already in the log as"
                };
                notes.push(format!("{verb} {}", d.existing));
            }
        }
    }
    notes.extend(warnings.iter().cloned());
    FileReport {
        path: name.to_string(),
        status,
        activities: Some(outcome.ids().iter().map(ToString::to_string).collect()),
        message: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

fn error_report(path: String, message: String) -> FileReport {
    FileReport {
        path,
        status: FileStatus::Error,
        activities: None,
        message: Some(message),
    }
}
