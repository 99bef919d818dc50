//! Crash safety and concurrency through the real `afterlift` binary.
//!
//! - `killed_imports_leave_a_consistent_log_and_a_rerun_completes_it`: `afterlift import` on a folder of
//!   many files is killed with SIGKILL at seeded random moments, several times over the same log. After
//!   each kill the log passes SQLite's integrity check, every activity has all of its samples and a ledger
//!   row that links it, and every ledger row that says "imported" links entries that exist. A final,
//!   uninterrupted import completes it: every file imported or a duplicate, and the log holds exactly what
//!   an import that was never interrupted holds.
//! - `two_imports_and_a_writer_at_once_lose_nothing`: two imports of overlapping folders and a third
//!   process logging lifts in a loop, all at once: every process succeeds within a bounded time, nobody
//!   sees "database is locked", and nothing is lost or stored twice.
//!
//! The folder holds generated GPX runs (one per day, each with its own start, so none merges with
//! another), copies of real FIT files under other names (same content: duplicates), and a Strong export.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use afterlift_core::contract::FileStatus;
use afterlift_formats::{Content, ReadOptions};
use afterlift_store::{EntryId, TimeFilter, content_hash};
use serde_json::Value;

const GENERATED_RUNS: usize = 36;
const POINTS_PER_RUN: usize = 900;
/// No process of these tests may take longer (a deadlock fails the test instead of hanging it).
const PROCESS_LIMIT: Duration = Duration::from_secs(180);

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel)
}

/// SplitMix64, for seeded kill times.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A GPX run on day `day` of 2025: `POINTS_PER_RUN` one-second points with heart rate, heading north.
fn gpx_run(day: usize) -> String {
    let start = jiff::Timestamp::from_second(1_735_714_800 + day as i64 * 86_400).unwrap();
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"afterlift test\" \
         xmlns=\"http://www.topografix.com/GPX/1/1\" \
         xmlns:gpxtpx=\"http://www.garmin.com/xmlschemas/TrackPointExtension/v1\">\n\
         <trk><type>running</type><trkseg>\n",
    );
    for i in 0..POINTS_PER_RUN {
        let t = start + jiff::SignedDuration::from_secs(i as i64);
        let lat = 52.0 + i as f64 * 0.000_027;
        let hr = 120 + (i * 7 + day) % 50;
        s.push_str(&format!(
            "<trkpt lat=\"{lat:.7}\" lon=\"13.4000000\"><ele>{:.1}</ele><time>{t}</time>\
             <extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{hr}</gpxtpx:hr>\
             </gpxtpx:TrackPointExtension></extensions></trkpt>\n",
            40.0 + (i % 30) as f64 * 0.1
        ));
    }
    s.push_str("</trkseg></trk></gpx>\n");
    s
}

/// A folder of files to import, and what reading each gives.
struct Folder {
    dir: tempfile::TempDir,
    files: Vec<PathBuf>,
}

impl Folder {
    /// Generated runs `runs`, plus (when `real`) real FIT files twice under different names and a
    /// Strong export.
    fn new(runs: std::ops::Range<usize>, real: bool) -> Folder {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for day in runs {
            let path = dir.path().join(format!("run-{day:03}.gpx"));
            std::fs::write(&path, gpx_run(day)).unwrap();
            files.push(path);
        }
        if real {
            for (i, rel) in [
                "fit/garmin-fenix-5-run.fit",
                "fit/garmin-fenix-5-bike.fit",
                "fit/activity-small-fenix2-run.fit",
                "fit/garmin-fenix-5-run.fit",
                "strong/strong.csv",
            ]
            .iter()
            .enumerate()
            {
                let name = format!("real-{i}-{}", rel.rsplit('/').next().unwrap());
                let path = dir.path().join(name);
                std::fs::copy(data(rel), &path).unwrap();
                files.push(path);
            }
        }
        files.sort();
        Folder { dir, files }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// The number of samples each activity of a file has once read, by start time.
fn expected_samples(files: &[PathBuf]) -> BTreeMap<jiff::Timestamp, usize> {
    let mut out = BTreeMap::new();
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        for p in afterlift_formats::read(&bytes, &name, &ReadOptions::default()).unwrap() {
            if let Content::Activities(list) = p.content {
                for a in list {
                    out.insert(a.started_at, a.samples.len());
                }
            }
        }
    }
    out
}

fn afterlift(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_afterlift"));
    cmd.env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env_remove("AFTERLIFT_DB")
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null());
    cmd
}

fn spawn_import(db: &Path, folder: &Path) -> Child {
    afterlift(db)
        .args(["import", "--json"])
        .arg(folder)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child`, killing it and failing the test if it takes longer than `PROCESS_LIMIT`.
fn finish(mut child: Child, what: &str) -> Output {
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > PROCESS_LIMIT {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{what} still running after {PROCESS_LIMIT:?} (deadlock?); stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A successful import's JSON report; fails on a non-zero exit or an error in it.
fn report(out: &Output, what: &str) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.to_lowercase().contains("locked"),
        "{what}: {stderr}"
    );
    assert!(out.status.success(), "{what}: {:?}; {stderr}", out.status);
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{what}: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(v["errors"], 0, "{what}: {v:#}");
    for f in v["files"].as_array().unwrap() {
        assert!(
            f["status"] == "imported" || f["status"] == "duplicate",
            "{what}: {f}"
        );
    }
    v
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// What the log holds: activities by start time with their sample counts, and the lifts' start times.
#[derive(Debug, PartialEq)]
struct Contents {
    activities: BTreeMap<jiff::Timestamp, usize>,
    lifts: Vec<jiff::Timestamp>,
}

/// Checks the log after a crash (or at the end) and returns what it holds: integrity, every activity with
/// all of its samples and linked from the ledger, every "imported" ledger row's entries present, and
/// (when every lift came from a file, `lifts_from_files`) every lift linked from the ledger too.
fn check_log(
    db: &Path,
    files: &[PathBuf],
    expected: &BTreeMap<jiff::Timestamp, usize>,
    lifts_from_files: bool,
) -> Contents {
    runtime().block_on(async {
        let store = afterlift_store_sqlite::open(db).await.unwrap();
        store.check_integrity().await.expect("integrity check");
        let mut linked: BTreeSet<EntryId> = BTreeSet::new();
        for f in files {
            let hash = content_hash(&std::fs::read(f).unwrap());
            for entry in store.ledger(&hash).await.unwrap() {
                if matches!(entry.status, FileStatus::Imported | FileStatus::Partial) {
                    assert!(
                        !entry.ids.is_empty(),
                        "{}: imported without entries",
                        f.display()
                    );
                }
                linked.extend(entry.ids.iter().copied());
            }
        }
        let mut activities = BTreeMap::new();
        for row in store.activities(&TimeFilter::all()).await.unwrap() {
            assert!(linked.contains(&row.id), "{} has no ledger row", row.id);
            let EntryId::Activity(id) = row.id else {
                panic!("{} listed as an activity", row.id)
            };
            let stored = store.activity(id).await.unwrap();
            let n = stored.activity.samples.len();
            assert_eq!(
                Some(&n),
                expected.get(&row.started_at),
                "activity {} at {}: samples stored vs. in its file",
                row.id,
                row.started_at
            );
            assert!(
                activities.insert(row.started_at, n).is_none(),
                "two activities start at {}",
                row.started_at
            );
        }
        let mut lifts = Vec::new();
        for row in store.lifts(&TimeFilter::all()).await.unwrap() {
            assert!(
                !lifts_from_files || linked.contains(&row.id),
                "{} has no ledger row",
                row.id
            );
            lifts.push(row.started_at);
        }
        lifts.sort();
        for id in &linked {
            if let EntryId::Activity(n) = id {
                store
                    .activity(*n)
                    .await
                    .unwrap_or_else(|e| panic!("ledger links {id}, which is gone: {e}"));
            }
        }
        store.close().await;
        Contents { activities, lifts }
    })
}

#[test]
fn killed_imports_leave_a_consistent_log_and_a_rerun_completes_it() {
    let folder = Folder::new(0..GENERATED_RUNS, true);
    let expected = expected_samples(&folder.files);
    let work = tempfile::tempdir().unwrap();

    // The reference: one import never interrupted, timed to spread the kills over its run.
    let reference_db = work.path().join("reference.db");
    let started = Instant::now();
    let out = finish(
        spawn_import(&reference_db, folder.path()),
        "reference import",
    );
    let full = started.elapsed();
    let v = report(&out, "reference import");
    assert_eq!(v["files"].as_array().unwrap().len(), folder.files.len());
    assert!(
        v["duplicates"].as_u64().unwrap() >= 1,
        "the copied FIT file: {v:#}"
    );
    let reference = check_log(&reference_db, &folder.files, &expected, true);
    assert_eq!(
        reference.activities.len(),
        expected.len(),
        "every distinct activity once"
    );
    assert!(reference.lifts.len() > 10, "the Strong export's workouts");

    let mut rng = Rng(0x6B11_1A7E);
    let mut killed_mid_import = 0;
    for round in 0..3 {
        // A fresh log each round, killed twice: once while it fills, once while the import resumes.
        let db = work.path().join(format!("log-{round}.db"));
        for kill in 0..2 {
            // The first kill anywhere in the first half of the import (from opening the log, its
            // migrations and first transactions on), the second early in the resumed one.
            let fraction = (rng.next() % 1000) as f64 / 1000.0;
            let mut at = full.mul_f64(if kill == 0 {
                0.02 + 0.48 * fraction
            } else {
                0.3 * fraction
            });
            let mut running = false;
            // The machine's speed varies (the reference may have run while it was busy): when the first
            // import finished before its kill, start the round again sooner, on a fresh log.
            for _attempt in 0..8 {
                let mut child = spawn_import(&db, folder.path());
                std::thread::sleep(at);
                running = child.try_wait().unwrap().is_none();
                child.kill().unwrap(); // SIGKILL
                child.wait().unwrap();
                if running || kill == 1 {
                    break;
                }
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                at /= 2;
            }
            killed_mid_import += usize::from(running);
            if db.exists() {
                let contents = check_log(&db, &folder.files, &expected, true);
                eprintln!(
                    "round {round}, kill {kill}: after {at:?} of {full:?}: {} activities, {} lifts",
                    contents.activities.len(),
                    contents.lifts.len()
                );
                assert!(contents.activities.len() <= reference.activities.len());
            }
        }
        // Re-running completes it, and the log is the one an uninterrupted import makes.
        let out = finish(spawn_import(&db, folder.path()), "import after the kills");
        let v = report(&out, "import after the kills");
        assert_eq!(v["files"].as_array().unwrap().len(), folder.files.len());
        assert_eq!(check_log(&db, &folder.files, &expected, true), reference);
    }
    assert!(
        killed_mid_import >= 3,
        "only {killed_mid_import} kills hit a running import"
    );
    // Once more on the last log: nothing left to do.
    let db = work.path().join("log-2.db");
    let out = finish(spawn_import(&db, folder.path()), "second re-import");
    let v = report(&out, "second re-import");
    assert_eq!(v["imported"], 0, "{v:#}");
    assert_eq!(check_log(&db, &folder.files, &expected, true), reference);
}

#[test]
fn two_imports_and_a_writer_at_once_lose_nothing() {
    // Two folders sharing a third of their runs; the third process logs lifts on days no file covers.
    let a = Folder::new(0..24, false);
    let b = Folder::new(12..GENERATED_RUNS, false);
    let all: Vec<PathBuf> = a.files.iter().chain(&b.files).cloned().collect();
    let expected = expected_samples(&all);
    let work = tempfile::tempdir().unwrap();
    let db = work.path().join("log.db");
    // Create the log first, so the three processes race on writes rather than on the first migration.
    let out = finish(
        afterlift(&db)
            .args(["log", "lift", "--exercise", "squat", "--sets", "5x5@100"])
            .args(["--at", "2024-06-01T07:00:00Z", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        "first lift",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    const LIFTS: usize = 25;
    let first = spawn_import(&db, a.path());
    let second = spawn_import(&db, b.path());
    let writer_db = db.clone();
    let writer = std::thread::spawn(move || {
        for i in 0..LIFTS {
            let at = format!("2024-07-{:02}T18:00:00Z", i + 1);
            let out = finish(
                afterlift(&writer_db)
                    .args([
                        "log",
                        "lift",
                        "--exercise",
                        "bench press",
                        "--sets",
                        "3x8@60",
                    ])
                    .args(["--minutes", "45", "--at", &at, "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap(),
                "log lift",
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "log lift {i}: {stderr}");
            assert!(
                !stderr.to_lowercase().contains("locked"),
                "log lift {i}: {stderr}"
            );
        }
    });
    let v1 = report(&finish(first, "import of folder A"), "import of folder A");
    let v2 = report(&finish(second, "import of folder B"), "import of folder B");
    writer.join().expect("the lift writer");

    assert_eq!(v1["files"].as_array().unwrap().len(), a.files.len());
    assert_eq!(v2["files"].as_array().unwrap().len(), b.files.len());
    let imported = v1["imported"].as_u64().unwrap() + v2["imported"].as_u64().unwrap();
    // Each run is imported by exactly one of the two; the other finds it (by its content) in the log.
    assert_eq!(imported, GENERATED_RUNS as u64, "{v1:#}\n{v2:#}");
    let contents = check_log(&db, &all, &expected, false);
    assert_eq!(
        contents.activities, expected,
        "every run once, with all its samples"
    );
    assert_eq!(contents.lifts.len(), LIFTS + 1, "every lift logged");
}
