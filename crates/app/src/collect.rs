//! Which files an import reads: folders expanded recursively (sorted, hidden entries skipped), files as given.
//!
//! Symbolic links are followed — a watch's folder or a synced folder is often linked in — but every folder is
//! read once (by its canonical path), so a link back up the tree is reported and not walked forever. Named
//! pipes, sockets and devices are not files a device or app exports: reading one could block or never end,
//! so they are reported as skipped with what they are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use afterlift_core::contract::{FileReport, FileStatus};

/// Folders deeper than this are not followed (real exports nest three or four levels).
const MAX_DEPTH: usize = 32;

/// The files to import, and reports for the paths that are not imported (unreadable: errors; special
/// files, link cycles, too deep: skipped).
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    pub reports: Vec<FileReport>,
}

/// Expands folders recursively and keeps files as given (a file named twice is read once).
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut walk = Walk::default();
    for path in paths {
        walk.visit(path, 0);
    }
    walk.out
}

#[derive(Default)]
struct Walk {
    out: Collected,
    /// Canonical paths of the folders and files already taken.
    seen: HashSet<PathBuf>,
}

impl Walk {
    fn visit(&mut self, path: &Path, depth: usize) {
        let name = path.display().to_string();
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let what = if path.is_symlink() {
                    format!("a symbolic link to nothing: {e}")
                } else {
                    format!("cannot open: {e}")
                };
                return self.report(name, FileStatus::Error, what);
            }
        };
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if meta.is_file() {
            if self.seen.insert(canonical) {
                self.out.files.push(path.to_path_buf());
            }
            return;
        }
        if !meta.is_dir() {
            let what = special_kind(&meta);
            return self.report(
                name,
                FileStatus::Skipped,
                format!("not a regular file ({what}): only files are imported"),
            );
        }
        if !self.seen.insert(canonical.clone()) {
            if depth > 0 {
                self.report(
                    name,
                    FileStatus::Skipped,
                    format!(
                        "a link to a folder already read ({}): not read again",
                        canonical.display()
                    ),
                );
            }
            return;
        }
        if depth >= MAX_DEPTH {
            return self.report(
                name,
                FileStatus::Skipped,
                format!("more than {MAX_DEPTH} folders deep: not read"),
            );
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                return self.report(name, FileStatus::Error, format!("cannot read folder: {e}"));
            }
        };
        let mut children: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        children.sort();
        for child in children {
            self.visit(&child, depth + 1);
        }
    }

    fn report(&mut self, path: String, status: FileStatus, message: String) {
        self.out.reports.push(FileReport {
            path,
            status,
            activities: None,
            message: Some(message),
        });
    }
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &std::fs::Metadata) -> &'static str {
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn paths(c: &Collected) -> Vec<String> {
        c.files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn symlink_cycles_are_read_once_and_reported() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("run.gpx"), "x").unwrap();
        std::fs::write(b.join("ride.fit"), "x").unwrap();
        // Two cycles: each folder links to the root and to the other.
        std::os::unix::fs::symlink(dir.path(), a.join("up")).unwrap();
        std::os::unix::fs::symlink(&a, b.join("to-a")).unwrap();
        std::os::unix::fs::symlink(dir.path(), b.join("up")).unwrap();

        let c = collect(&[dir.path().to_path_buf()]);
        assert_eq!(paths(&c), ["run.gpx", "ride.fit"]);
        assert_eq!(c.reports.len(), 3, "{:?}", c.reports);
        assert!(c.reports.iter().all(|r| r.status == FileStatus::Skipped
            && r.message.as_deref().unwrap().contains("already read")));
    }

    #[test]
    fn a_file_named_twice_or_through_a_link_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("run.gpx");
        std::fs::write(&f, "x").unwrap();
        std::os::unix::fs::symlink(&f, dir.path().join("same.gpx")).unwrap();
        let c = collect(&[f.clone(), dir.path().to_path_buf()]);
        assert_eq!(paths(&c), ["run.gpx"]);
    }

    #[test]
    fn fifos_and_dangling_links_are_reported_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.fit");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        std::os::unix::fs::symlink(dir.path().join("gone.fit"), dir.path().join("dangling.fit"))
            .unwrap();
        let c = collect(&[dir.path().to_path_buf()]);
        assert!(c.files.is_empty());
        let dangling = c
            .reports
            .iter()
            .find(|r| r.path.ends_with("dangling.fit"))
            .unwrap();
        assert_eq!(dangling.status, FileStatus::Error);
        assert!(
            dangling
                .message
                .as_deref()
                .unwrap()
                .contains("symbolic link to nothing")
        );
        let pipe = c
            .reports
            .iter()
            .find(|r| r.path.ends_with("pipe.fit"))
            .unwrap();
        assert_eq!(pipe.status, FileStatus::Skipped);
        assert!(
            pipe.message.as_deref().unwrap().contains("a named pipe"),
            "{pipe:?}"
        );
    }
}
