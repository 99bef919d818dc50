//! What the CLI's tests share: the repository's test files, and a temporary log with the binary on it.
// Each test file uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A file under the repository's `testdata/`.
pub fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

/// A log in a temporary folder, removed with it.
pub struct Log {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Log {
    pub fn new() -> Log {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("log.db");
        Log { _dir: dir, db }
    }

    /// The binary on this log, with the clock; no colour, UTC (without a profile zone the CLI answers in
    /// the machine's), and nothing from the caller's environment choosing another log or athlete.
    pub fn base(&self) -> Command {
        let mut cmd = Command::cargo_bin("afterlift").unwrap();
        cmd.env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env_remove("AFTERLIFT_DB")
            .env_remove("AFTERLIFT_ATHLETE")
            .arg("--db")
            .arg(&self.db);
        cmd
    }
}
