//! Importing files: collect paths (folders recursively), read each file with the formats crate and write it
//! to the log in one transaction — all of a file or nothing. A file seen before (same content hash) is not
//! decoded again; a failure is recorded in the ledger and reported, and never stops the other files. A file
//! damaged after valid data imports what preceded the damage (one transaction still), reported `partial`
//! and marked so in the ledger; the same session from a whole copy later replaces it.
//!
//! An archive (a Strava or Garmin bulk export) is imported entry by entry ([`crate::import_archive`]):
//! each entry is a file of its own in the ledger, so an archive whose entries partly failed is retried
//! — only those entries — when it is imported again. Files that are not workout files (README, photos)
//! are counted in [`ImportReport::other_files`], not reported one by one.
//!
//! The report lists the sessions as a person reads them ([`ImportReport::sessions`]:
//! `run · 2021-07-18 · 42.1 km`, dates in `opts.time_zone`), with their ids for `--json` users.

use std::path::{Path, PathBuf};

pub use crate::collect::{Collected, collect};

use afterlift_core::contract::{FileReport, FileStatus, ImportReport};
use afterlift_formats::{Content, ReadOptions, StravaIndex};
use afterlift_store::{ImportBatch, ImportOutcome, Store, content_hash};

use crate::session_lines;

/// Imports files one by one; `progress` is called after each with its report and its size in bytes.
/// An unpacked Strava export among them (its `activities.csv`) names the recordings under its folder
/// and gives the sport of those without one, as in the archive.
pub async fn import_files(
    store: &Store,
    files: &[PathBuf],
    opts: &ReadOptions,
    mut progress: impl FnMut(&ImportReport, u64),
) -> ImportReport {
    let indexes = strava_indexes(files);
    let mut report = ImportReport::default();
    for path in files {
        let name = path.display().to_string();
        let (done, size) = match read_file(path) {
            Ok(bytes) => {
                let described = described_by(&indexes, path);
                let done = import_described(store, &name, &bytes, opts, described).await;
                (done, bytes.len() as u64)
            }
            Err(e) => (single(error_report(name, format!("cannot read: {e}"))), 0),
        };
        progress(&done, size);
        report.extend(done);
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

/// The Strava indexes (`activities.csv`) among `files`, by the folder they describe.
fn strava_indexes(files: &[PathBuf]) -> Vec<(PathBuf, StravaIndex)> {
    files
        .iter()
        .filter(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(StravaIndex::is_index_name)
        })
        .filter_map(|f| {
            let index = StravaIndex::parse(&read_file(f).ok()?)?;
            Some((f.parent()?.to_path_buf(), index))
        })
        .collect()
}

/// The index of the export `path` is in, and `path` relative to that export's folder (`activities/1.gpx`).
fn described_by<'a>(
    indexes: &'a [(PathBuf, StravaIndex)],
    path: &Path,
) -> Option<(&'a StravaIndex, String)> {
    indexes.iter().find_map(|(root, index)| {
        let relative = path.strip_prefix(root).ok()?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Some((index, parts.join("/")))
    })
}

/// Imports one file's bytes: a plain file, or an archive entry by entry. Returns the file's report (one
/// line per archive entry) with its sessions.
pub async fn import_bytes(
    store: &Store,
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> ImportReport {
    import_described(store, name, bytes, opts, None).await
}

/// [`import_bytes`], with what a Strava index says about the file (`path` in its export) when it has one.
async fn import_described(
    store: &Store,
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
    described: Option<(&StravaIndex, String)>,
) -> ImportReport {
    let hash = content_hash(bytes);
    let path = Path::new(name);
    // Seen before: no need to decode it again.
    match store.imported_ids(&hash).await {
        Ok(Some(ids)) => {
            let mut report = single(FileReport {
                path: name.to_string(),
                status: FileStatus::Duplicate,
                activities: Some(ids.iter().map(ToString::to_string).collect()),
                message: Some("already imported (same content)".into()),
            });
            for line in session_lines::stored_lines(store, name, &ids, &opts.time_zone).await {
                report.push_session(line);
            }
            return report;
        }
        Ok(None) => {}
        Err(e) => return single(error_report(name.to_string(), e.to_string())),
    }
    if crate::export::is_export(bytes) {
        return single(crate::export::restore(store, name, &hash, bytes).await);
    }
    let format = afterlift_formats::detect(bytes, Some(name)).map_or("unknown", |f| f.as_str());

    let mut parsed = match afterlift_formats::read(bytes, name, opts) {
        Ok(parsed) => parsed,
        Err(e) => {
            let message = e.to_string();
            let _ = store.record_failure(&hash, path, format, &message).await;
            return single(error_report(name.to_string(), message));
        }
    };
    if let Some((index, path_in_export)) = described {
        for item in &mut parsed {
            index.describe(&path_in_export, item);
        }
    }
    if parsed.iter().any(|p| p.member.is_some()) {
        return crate::import_archive::import_members(store, name, &hash, format, parsed, opts)
            .await;
    }
    if let [only] = parsed.as_slice()
        && only.format.is_none()
        && matches!(only.content, Content::Skipped { .. })
    {
        // A README or a photo beside the workout files: nothing to record.
        return ImportReport {
            other_files: vec![name.to_string()],
            ..ImportReport::default()
        };
    }

    let mut batch = ImportBatch {
        content_hash: hash.clone(),
        path: path.to_path_buf(),
        format: format.to_string(),
        ..Default::default()
    };
    let mut titles = Vec::new();
    let mut entry_failures = Vec::new();
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    let mut partial = Vec::new();
    for item in parsed {
        warnings.extend(item.warnings);
        if let Some(p) = &item.partial
            && matches!(item.content, Content::Activities(_) | Content::Lifts(_))
        {
            partial.push(partial_note(&item.source_name, p));
        }
        match item.content {
            Content::Activities(a) => {
                titles.extend(a.iter().map(|_| item.title.clone()));
                batch.activities.extend(a);
            }
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
            return single(FileReport {
                path: name.to_string(),
                status: FileStatus::Skipped,
                activities: None,
                message: Some(reason),
            });
        }
        let _ = store
            .record_failure(&hash, path, format, "every entry failed")
            .await;
        let mut report = ImportReport::default();
        for f in entry_failures {
            report.push(f);
        }
        return report;
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
    let mut report = ImportReport::default();
    import_batch(store, name, batch, &titles, &warnings, opts, &mut report).await;
    for f in entry_failures {
        report.push(f);
    }
    report
}

/// Writes one file's batch and reports it with its sessions; a failure is recorded in the ledger.
pub(crate) async fn import_batch(
    store: &Store,
    name: &str,
    batch: ImportBatch,
    titles: &[Option<String>],
    warnings: &[String],
    opts: &ReadOptions,
    report: &mut ImportReport,
) -> Option<ImportOutcome> {
    let (hash, path, format) = (
        batch.content_hash.clone(),
        batch.path.clone(),
        batch.format.clone(),
    );
    let is_partial = batch.partial.is_some();
    // Kept for the report's lines; the store takes the batch.
    let described = ImportBatch {
        activities: batch.activities.iter().map(without_samples).collect(),
        lifts: batch.lifts.clone(),
        ..ImportBatch::default()
    };
    match store.import(batch).await {
        Ok(outcome) => {
            report.push(outcome_report(name, &outcome, warnings, is_partial));
            let lines = match session_lines::batch_lines(
                name,
                &described,
                titles,
                &outcome,
                &opts.time_zone,
            ) {
                Some(lines) => lines,
                None => {
                    session_lines::stored_lines(store, name, &outcome.ids(), &opts.time_zone).await
                }
            };
            for line in lines {
                report.push_session(line);
            }
            // The names the catalogue cannot read, from the sessions in hand (no query per lift).
            if outcome.status() == FileStatus::Imported
                && !described.lifts.is_empty()
                && let Ok(aliases) = crate::exercises::aliases(store).await
            {
                report.merge_unknown_exercises(crate::exercises::unknown_in(
                    &described.lifts,
                    &aliases,
                ));
            }
            Some(outcome)
        }
        Err(e) => {
            let message = e.to_string();
            let _ = store.record_failure(&hash, &path, &format, &message).await;
            report.push(error_report(name.to_string(), message));
            None
        }
    }
}

/// An activity's summary fields, for the report (its samples and laps are not needed there).
fn without_samples(a: &afterlift_core::session::Activity) -> afterlift_core::session::Activity {
    afterlift_core::session::Activity {
        samples: Vec::new(),
        laps: Vec::new(),
        source: a.source.clone(),
        ..*a
    }
}

/// Where a damaged file stopped being readable, for the ledger and the report.
pub(crate) fn partial_note(source_name: &str, p: &afterlift_formats::Partial) -> String {
    format!("{source_name}: damaged at byte {}: {}", p.offset, p.reason)
}

pub(crate) fn outcome_report(
    name: &str,
    outcome: &ImportOutcome,
    warnings: &[String],
    partial: bool,
) -> FileReport {
    // The ledger's status, `partial` for what a damaged file gave (the ledger reads it back so too).
    let status = match outcome.status() {
        FileStatus::Imported if partial => FileStatus::Partial,
        status => status,
    };
    let mut notes: Vec<String> = Vec::new();
    match outcome {
        ImportOutcome::AlreadyImported { .. } => {
            notes.push("already imported (same content)".into())
        }
        ImportOutcome::Imported { duplicates, .. } if !duplicates.is_empty() => {
            // A partial import replaced by the whole file is named (it changed); the others are counted:
            // their ids are in `activities` and the report's session lines.
            for d in duplicates.iter().filter(|d| d.replaced_partial) {
                notes.push(format!("replaced the partial import of {}", d.existing));
            }
            let same: Vec<_> = duplicates.iter().filter(|d| !d.replaced_partial).collect();
            let n = same.len();
            if n > 0 {
                let merged = same.iter().filter(|d| d.merged).count();
                let mut note = format!(
                    "{n} session{} already in the log",
                    if n == 1 { " was" } else { "s were" }
                );
                if merged > 0 {
                    note.push_str(&format!(" ({merged} completed with this file's data)"));
                }
                notes.push(note);
            }
        }
        ImportOutcome::Imported { .. } => {}
    }
    notes.extend(warnings.iter().cloned());
    FileReport {
        path: name.to_string(),
        status,
        activities: Some(outcome.ids().iter().map(ToString::to_string).collect()),
        message: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

pub(crate) fn error_report(path: String, message: String) -> FileReport {
    FileReport {
        path,
        status: FileStatus::Error,
        activities: None,
        message: Some(message),
    }
}

/// A report of one file.
pub(crate) fn single(file: FileReport) -> ImportReport {
    let mut report = ImportReport::default();
    report.push(file);
    report
}
