//! Data that arrives by itself: `afterlift import --watch DIR…` imports new files as they appear — a watch
//! mounted over USB (`GARMIN/Activity/`), a Syncthing or cloud-synced folder, a phone app's export folder.
//!
//! - On start, everything already in the folders is imported: files in the ledger are duplicates (one hash
//!   each, not decoded again), so a restart misses nothing and imports nothing twice.
//! - File-system events (the `notify` crate: inotify, FSEvents, ReadDirectoryChangesW) mark paths as
//!   changed; a path is read once it has been quiet for the settle time *and* its size stopped changing,
//!   so a file still being copied is not read half-written. A folder moved in is walked like any other.
//! - Each file is imported as `import` does it (all or nothing, its own report); a file written again
//!   (a synced export replaced by a newer one) is imported again, and the store's dedup merges its
//!   sessions with the ones already there.
//! - Events can be lost (the kernel's queue overflows, a folder unmounted and mounted again): an overflow or
//!   a watcher error rescans the folders, which the ledger makes cheap.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use afterlift_core::contract::{FileStatus, ImportReport};
use afterlift_formats::ReadOptions;
use afterlift_store::Store;
use notify::{EventKind, RecursiveMode, Watcher};

use crate::collect::collect;
use crate::import::import_files;

/// How long a changed path must be quiet before it is read, unless the caller says otherwise.
pub const DEFAULT_SETTLE: Duration = Duration::from_secs(2);

/// How often pending paths are looked at.
const TICK: Duration = Duration::from_millis(200);

/// Why watching could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {path}: {message}")]
    Watch { path: PathBuf, message: String },
    #[error("cannot watch {path}: not a folder (watch the folder the files arrive in)")]
    NotAFolder { path: PathBuf },
}

/// Watches `dirs` (recursively) until `stop` resolves, calling `on_report` with each file's import report
/// (the shape `import --json` prints: the file, its sessions, the exercise names the catalogue cannot read)
/// as it is imported. See the module documentation.
pub async fn watch(
    store: &Store,
    dirs: &[PathBuf],
    opts: &ReadOptions,
    settle: Duration,
    mut on_report: impl FnMut(&ImportReport),
    stop: impl Future<Output = ()>,
) -> Result<(), WatchError> {
    for dir in dirs {
        if !dir.is_dir() {
            return Err(WatchError::NotAFolder { path: dir.clone() });
        }
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| WatchError::Watch {
        path: dirs.first().cloned().unwrap_or_default(),
        message: e.to_string(),
    })?;
    for dir in dirs {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| WatchError::Watch {
                path: dir.clone(),
                message: e.to_string(),
            })?;
    }

    // Watching first, then the scan: a file that arrives during the scan is seen by one or the other
    // (or both: the ledger makes the second a duplicate).
    let mut seen = SeenFiles::default();
    import_paths(store, dirs, opts, &mut seen, &mut on_report).await;

    let mut pending = Pending::default();
    let mut stop = std::pin::pin!(stop);
    let mut tick = tokio::time::interval(TICK);
    loop {
        tokio::select! {
            () = &mut stop => return Ok(()),
            event = rx.recv() => match event {
                Some(Ok(event)) => {
                    if event.need_rescan() {
                        import_paths(store, dirs, opts, &mut seen, &mut on_report).await;
                    } else if is_arrival(&event.kind) {
                        for path in event.paths {
                            pending.touch(path, Instant::now());
                        }
                    }
                }
                // A watcher error (a watched folder removed, an overflow): read everything again.
                Some(Err(_)) => import_paths(store, dirs, opts, &mut seen, &mut on_report).await,
                None => return Ok(()),
            },
            _ = tick.tick() => {
                let ready = pending.settled(Instant::now(), settle);
                if !ready.is_empty() {
                    import_paths(store, &ready, opts, &mut seen, &mut on_report).await;
                }
            }
        }
    }
}

/// Events that can mean a new or changed file: created, written, closed after writing, renamed into place.
fn is_arrival(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    match kind {
        EventKind::Create(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    }
}

/// Imports what is under `paths`, skipping files read before in this run and unchanged since (a folder
/// and the file inside it both have events; a rescan finds everything again).
async fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    opts: &ReadOptions,
    seen: &mut SeenFiles,
    on_report: &mut impl FnMut(&ImportReport),
) {
    let collected = collect(paths);
    for r in collected.reports {
        // A file that vanished between its event and its read (a temporary file renamed) is not news.
        if r.status != FileStatus::Error || Path::new(&r.path).exists() {
            let mut one = ImportReport::default();
            one.push(r);
            on_report(&one);
        }
    }
    let files: Vec<PathBuf> = collected
        .files
        .into_iter()
        .filter(|f| seen.is_new(f))
        .collect();
    for file in files {
        let report = import_files(store, std::slice::from_ref(&file), opts, |_, _| {}).await;
        if !report.files.is_empty() {
            on_report(&report);
        }
    }
}

/// The files read in this run, with the size and modification time they had.
#[derive(Debug, Default)]
struct SeenFiles {
    files: HashMap<PathBuf, (u64, Option<SystemTime>)>,
}

impl SeenFiles {
    /// True (and remembered) when `path` was not read before as it is now.
    fn is_new(&mut self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return true;
        };
        let now = (meta.len(), meta.modified().ok());
        self.files.insert(path.to_path_buf(), now) != Some(now)
    }
}

/// Changed paths waiting to be quiet: when each last changed and the size it had when last looked at.
#[derive(Debug, Default)]
struct Pending {
    paths: HashMap<PathBuf, (Instant, Option<u64>)>,
}

impl Pending {
    fn touch(&mut self, path: PathBuf, now: Instant) {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if !hidden {
            let size = self.paths.get(&path).and_then(|p| p.1);
            self.paths.insert(path, (now, size));
        }
    }

    /// The paths quiet for `settle` whose size has not changed since the last look; the others wait on.
    fn settled(&mut self, now: Instant, settle: Duration) -> Vec<PathBuf> {
        let mut ready = Vec::new();
        self.paths.retain(|path, (changed, last_size)| {
            if now.duration_since(*changed) < settle {
                return true;
            }
            let size = std::fs::metadata(path).ok().map(|m| m.len());
            if size.is_some() && size != *last_size && path.is_file() {
                // Still growing (or first look): look again after another quiet spell.
                *last_size = size;
                *changed = now;
                return true;
            }
            if size.is_some() {
                ready.push(path.clone());
            }
            false
        });
        ready.sort();
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_ready_once_quiet_and_no_longer_growing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("run.fit");
        std::fs::write(&file, b"part").unwrap();
        let settle = Duration::from_secs(2);
        let t0 = Instant::now();
        let mut pending = Pending::default();
        pending.touch(file.clone(), t0);
        pending.touch(dir.path().join(".run.fit.tmp"), t0);
        assert!(
            pending
                .settled(t0 + Duration::from_secs(1), settle)
                .is_empty()
        );
        // Quiet long enough, but its size is seen for the first time: one more spell.
        assert!(
            pending
                .settled(t0 + Duration::from_secs(3), settle)
                .is_empty()
        );
        std::fs::write(&file, b"part and more").unwrap();
        assert!(
            pending
                .settled(t0 + Duration::from_secs(6), settle)
                .is_empty()
        );
        assert_eq!(pending.settled(t0 + Duration::from_secs(9), settle), [file]);
        assert!(
            pending.paths.is_empty(),
            "the hidden temporary file is never pending"
        );
    }

    #[test]
    fn a_path_that_vanished_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut pending = Pending::default();
        let t0 = Instant::now();
        pending.touch(dir.path().join("gone.fit"), t0);
        assert!(
            pending
                .settled(t0 + Duration::from_secs(5), Duration::from_secs(2))
                .is_empty()
        );
        assert!(pending.paths.is_empty());
    }
}
