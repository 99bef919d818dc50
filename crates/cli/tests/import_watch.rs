//! `afterlift import --watch`: the folder's files now, new ones as they arrive (also one still being
//! written, and one in a new sub-folder), one JSON line each — the file's import report, the shape of
//! `import --json`; SIGTERM stops it with status 0; a restart imports nothing twice.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use serde_json::Value;

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

/// Generous: the machines are shared and slow; a passing run takes a few seconds.
const WAIT: Duration = Duration::from_secs(60);

struct Watcher {
    child: Child,
    lines: Receiver<Value>,
}

impl Watcher {
    fn start(db: &Path, dir: &Path) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_afterlift"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env_remove("AFTERLIFT_DB")
            .arg("--db")
            .arg(db)
            .args(["--json", "import", "--watch", "--settle", "0.3"])
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {line}"));
                if tx.send(value).is_err() {
                    break;
                }
            }
        });
        Watcher { child, lines }
    }

    /// The next report, or a panic naming what was awaited.
    fn next(&self, awaited: &str) -> Value {
        match self.lines.recv_timeout(WAIT) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => {
                panic!("no report within {WAIT:?}: awaited {awaited}")
            }
            Err(RecvTimeoutError::Disconnected) => panic!("the watcher ended: awaited {awaited}"),
        }
    }

    /// Asserts that nothing more is reported for a while.
    fn quiet(&self) {
        if let Ok(v) = self.lines.recv_timeout(Duration::from_secs(2)) {
            panic!("unexpected report: {v}");
        }
    }

    /// SIGTERM, as systemd stops a service; returns the exit status.
    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        self.child.wait().unwrap()
    }
}

/// The one file of a report line (the file's import report): its name and status.
fn one_file(report: &Value) -> (String, String) {
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "one file per line: {report}");
    let path = files[0]["path"].as_str().unwrap();
    let name = Path::new(path).file_name().unwrap().to_string_lossy();
    (
        name.into_owned(),
        files[0]["status"].as_str().unwrap().to_owned(),
    )
}

fn pair(name: &str, status: &str) -> (String, String) {
    (name.to_owned(), status.to_owned())
}

#[test]
fn new_files_are_imported_as_they_arrive_and_a_restart_imports_nothing_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("log.db");
    let dir = tmp.path().join("GARMIN/Activity");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        data("gpx/garmin-activity.gpx"),
        dir.join("garmin-activity.gpx"),
    )
    .unwrap();

    let w = Watcher::start(&db, &dir);
    let first = w.next("the file already in the folder");
    assert_eq!(one_file(&first), pair("garmin-activity.gpx", "imported"));
    // Its session, as a person reads it.
    let summary = first["sessions"][0]["summary"].as_str().unwrap();
    assert!(summary.starts_with("run · 2017-07-29"), "{first}");

    // A FIT file written in two parts with a pause, as a slow USB copy does: read once, whole.
    let fit = std::fs::read(data("fit/garmin-fenix-5-run.fit")).unwrap();
    let mut file = std::fs::File::create(dir.join("run.fit")).unwrap();
    file.write_all(&fit[..fit.len() / 2]).unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    file.write_all(&fit[fit.len() / 2..]).unwrap();
    drop(file);
    let run = w.next("the FIT file written in two parts");
    assert_eq!(one_file(&run), pair("run.fit", "imported"), "{run}");
    assert_eq!(run["sessions"].as_array().map(Vec::len), Some(1), "{run}");

    // A new sub-folder with a file in it (a synced folder arriving whole).
    let sub = dir.join("2024");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(data("tcx/test.tcx"), sub.join("test.tcx")).unwrap();
    let tcx = w.next("the TCX in a new sub-folder");
    assert_eq!(one_file(&tcx), pair("test.tcx", "imported"));
    // A file that is not a workout: reported, and the watch goes on.
    std::fs::write(dir.join("notes.fit"), b"not a FIT file at all").unwrap();
    let bad = w.next("the broken file");
    assert_eq!(one_file(&bad), pair("notes.fit", "error"));
    w.quiet();
    assert!(w.stop().success(), "SIGTERM ends the watch with status 0");

    // Restarted: what is there is already in the log.
    let w = Watcher::start(&db, &dir);
    let mut again: Vec<(String, String)> = (0..4)
        .map(|_| one_file(&w.next("the rescan after a restart")))
        .collect();
    again.sort();
    assert_eq!(
        again,
        [
            ("garmin-activity.gpx".into(), "duplicate".into()),
            ("notes.fit".into(), "error".into()),
            ("run.fit".into(), "duplicate".into()),
            ("test.tcx".into(), "duplicate".into()),
        ]
    );
    assert!(w.stop().success());

    let list = Command::new(env!("CARGO_BIN_EXE_afterlift"))
        .arg("--db")
        .arg(&db)
        .args(["--json", "activities"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(listed.as_array().map_or(0, Vec::len), 3, "{listed}");
}

#[test]
fn watching_a_file_or_a_missing_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_afterlift"))
        .arg("--db")
        .arg(tmp.path().join("log.db"))
        .args(["import", "--watch"])
        .arg(tmp.path().join("missing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing") && err.contains("not a folder"),
        "{err}"
    );
}
