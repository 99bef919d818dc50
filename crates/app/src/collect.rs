//! Which files an import reads: folders expanded recursively (sorted, hidden files skipped), files as given.

use std::path::{Path, PathBuf};

use afterlift_core::contract::{FileReport, FileStatus};

/// Folders deeper than this are not followed (a guard against symlink loops).
const MAX_DEPTH: usize = 32;

/// The files to import, and reports for the paths that could not be opened.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    pub unreadable: Vec<FileReport>,
}

/// Expands folders recursively (sorted, hidden files skipped) and keeps files as given.
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        walk(path, 0, &mut out);
    }
    out
}

fn walk(path: &Path, depth: usize, out: &mut Collected) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            out.unreadable.push(error_report(
                path.display().to_string(),
                format!("cannot open: {e}"),
            ));
            return;
        }
    };
    if meta.is_file() {
        out.files.push(path.to_path_buf());
        return;
    }
    if !meta.is_dir() || depth >= MAX_DEPTH {
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            out.unreadable.push(error_report(
                path.display().to_string(),
                format!("cannot read folder: {e}"),
            ));
            return;
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
        walk(&child, depth + 1, out);
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
