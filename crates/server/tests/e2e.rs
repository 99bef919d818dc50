//! The dashboard end to end: each `e2e/*.test.mjs` (helpers in `e2e/support.mjs`) runs in headless Debian
//! Chromium (playwright-core from the npm registry, never a browser download) against a real server of its
//! own on a random loopback port over a fresh database; `e2e/accounts.test.mjs`'s server has accounts (an
//! athlete `ana`, a second athlete `ben` and a coach `kim`, added through the store as `afterlift user add`
//! adds them), and `e2e/experiment.test.mjs`'s a personal experiment an athlete started in February 2021.
//! `AFTERLIFT_E2E_ONLY=history` runs only the files whose names contain it. Screenshots of the
//! main views land in `e2e/artifacts/`.
//!
//! Needs `chromium` (`apt-get install chromium`) and `npm ci --prefix e2e`. Without them the browser test is
//! skipped with a loud message, unless `CI` is set: then it fails, because CI must run it (`.ci/run`
//! installs both).
//!
//! Also checks that the dashboard's exercise picker (`assets/exercises.json`) lists exactly the catalogue's
//! strength exercises, so the two cannot drift.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one e2e file's browser run may take before it is killed.
const NODE_TIMEOUT: Duration = Duration::from_secs(420);

/// The password of every user of the accounts server (`e2e/accounts.test.mjs` signs in with it).
const PASSWORD: &str = "correct horse battery staple";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn exercise_picker_matches_the_catalogue() {
    let text = include_str!("../assets/exercises.json");
    let doc: serde_json::Value = serde_json::from_str(text).expect("assets/exercises.json is JSON");
    let listed: Vec<(String, String)> = doc["exercises"]
        .as_array()
        .expect("an `exercises` array")
        .iter()
        .map(|e| {
            (
                e["name"].as_str().expect("name").to_owned(),
                e["region"].as_str().expect("region").to_owned(),
            )
        })
        .collect();
    let catalogue: Vec<(String, String)> = afterlift_core::catalogue::catalogue()
        .exercises()
        .iter()
        .filter(|e| e.is_strength())
        .map(|e| (e.name.clone(), e.region.as_str().to_owned()))
        .collect();
    if listed != catalogue {
        let a: BTreeMap<_, _> = listed.iter().cloned().collect();
        let b: BTreeMap<_, _> = catalogue.iter().cloned().collect();
        let only_json: Vec<_> = a.iter().filter(|(k, v)| b.get(*k) != Some(v)).collect();
        let only_toml: Vec<_> = b.iter().filter(|(k, v)| a.get(*k) != Some(v)).collect();
        panic!(
            "crates/server/assets/exercises.json is out of date with crates/core/data/exercises.toml \
             (regenerate: python3 e2e/tools/gen_exercises.py)\n  only in the JSON (or other region): {only_json:?}\n  \
             only in the catalogue (or other region): {only_toml:?}\n  (or the order differs)"
        );
    }
}

/// ESLint over the dashboard's modules, the e2e files and the benchmark scripts (`e2e/eslint.config.mjs`):
/// every name defined, nothing unused — an import lost when code moves between modules fails here, not in
/// a user's browser. Needs `npm ci --prefix e2e`; under `CI` its absence is a failure.
#[test]
fn dashboard_modules_lint_clean() {
    let root = repo_root();
    let eslint = root.join("e2e/node_modules/eslint/bin/eslint.js");
    if !eslint.exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "ESLint must run in CI: `npm ci --prefix e2e` installs it"
        );
        eprintln!("SKIPPED: ESLint is not installed (npm ci --prefix e2e)");
        return;
    }
    let out = Command::new("node")
        .arg(&eslint)
        .args([
            "-c",
            "e2e/eslint.config.mjs",
            "crates/server/assets/js",
            "e2e",
            "scripts/bench",
        ])
        .current_dir(&root)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "ESLint found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Why the browser test cannot run here, if it cannot.
fn missing_prerequisite(root: &Path, chromium: &Path) -> Option<String> {
    if !chromium.exists() {
        return Some(format!(
            "no Chromium at {} (apt-get install chromium)",
            chromium.display()
        ));
    }
    if Command::new("node")
        .arg("--version")
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        return Some("no `node` on PATH".into());
    }
    if !root
        .join("e2e/node_modules/playwright-core/package.json")
        .exists()
    {
        return Some("e2e/node_modules is missing (npm ci --prefix e2e)".into());
    }
    None
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_in_headless_chromium() {
    let root = repo_root();
    let chromium = std::env::var_os("CHROMIUM_PATH")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if let Some(why) = missing_prerequisite(&root, &chromium) {
        if std::env::var_os("CI").is_some() {
            panic!(
                "the dashboard's browser tests must run in CI, but {why}. `.ci/run` installs chromium and runs `npm ci --prefix e2e`."
            );
        }
        eprintln!("\n==================================================================");
        eprintln!("SKIPPED: dashboard end-to-end tests: {why}.");
        eprintln!("SKIPPED: install chromium and run npm ci in e2e/ to run them.");
        eprintln!("==================================================================\n");
        return;
    }

    let files = test_files(&root);
    assert!(!files.is_empty(), "no e2e/*.test.mjs in {}", root.display());
    let mut failed = Vec::new();
    for file in files {
        // Each file has a server of its own over a new log: no file sees another's data.
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("afterlift.db");
        let base = if file == ACCOUNTS_FILE {
            start_accounts_server(&db).await
        } else if file == EXPERIMENT_FILE {
            start_experiment_server(&db).await
        } else {
            start_server(&db).await
        };
        // The browser run blocks: keep it off the runtime's threads so the server goes on answering.
        let (root, chromium, log_dir, name) = (
            root.clone(),
            chromium.clone(),
            dir.path().to_path_buf(),
            file.clone(),
        );
        let (passed, output) =
            tokio::task::spawn_blocking(move || run_node(&root, &name, &base, &chromium, &log_dir))
                .await
                .expect("the node run");
        println!("{output}");
        if !passed {
            failed.push(format!("e2e/{file}:\n{output}"));
        }
    }
    assert!(
        failed.is_empty(),
        "the dashboard's end-to-end tests failed:\n{}",
        failed.join("\n")
    );
}

/// The file whose server has accounts (the others serve a personal log).
const ACCOUNTS_FILE: &str = "accounts.test.mjs";

/// The file whose log holds an experiment of 2021 (the others start empty).
const EXPERIMENT_FILE: &str = "experiment.test.mjs";

/// `e2e/*.test.mjs`, sorted; only those whose names contain `AFTERLIFT_E2E_ONLY` when it is set (e.g.
/// `AFTERLIFT_E2E_ONLY=history` while working on one view).
fn test_files(root: &Path) -> Vec<String> {
    let only = std::env::var("AFTERLIFT_E2E_ONLY").unwrap_or_default();
    let mut files: Vec<String> = std::fs::read_dir(root.join("e2e"))
        .expect("read e2e/")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".test.mjs") && n.contains(only.as_str()))
        .collect();
    files.sort();
    files
}

/// Starts the real server on 127.0.0.1:0 with a fresh database; returns its base URL.
async fn start_server(db: &Path) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    let store = afterlift_store_sqlite::open(db)
        .await
        .expect("open the database");
    let state = afterlift_server::AppState::new(store);
    // Runs until the test's runtime ends.
    tokio::spawn(async move {
        if let Err(e) = afterlift_server::serve(listener, state, std::future::pending()).await {
            eprintln!("server stopped: {e}");
        }
    });
    format!("http://{addr}")
}

/// Starts the real server over a personal log holding a profile and one experiment, started as the API
/// starts one but with the clock of Friday 26 February 2021 (the API refuses a start before today: the
/// outcomes are declared before the start): "lift first or run first", the bench press's e1RM deciding,
/// weekly minutes exploratory, 1-week periods from Monday 1 March with a 1-day washout, seed 2021. The
/// test imports the Strong export holding those weeks' lifts, so the report has data to show.
async fn start_experiment_server(db: &Path) -> String {
    let store = afterlift_store_sqlite::open(db)
        .await
        .expect("open the database");
    let declared: jiff::Timestamp = "2021-02-26T12:00:00Z".parse().expect("a time");
    let doc: afterlift_core::contract::ProfileDoc = serde_json::from_value(serde_json::json!({
        "athlete": {"age": 38, "sex": "male", "weight_kg": 80, "max_hr": 188, "resting_hr": 52,
                    "goal": "general", "time_zone": "Europe/Berlin"}
    }))
    .expect("a profile");
    let profile = afterlift_app::profile::from_doc(&doc).expect("a valid profile");
    afterlift_app::profile::save(&store, &profile, declared)
        .await
        .expect("save the profile");
    let request: afterlift_core::contract::StartExperiment =
        serde_json::from_value(serde_json::json!({
            "comparison": "lift_or_run_first",
            "primary": {"kind": "e1rm", "exercise": "Bench Press (Barbell)", "smallest_effect": 2.5},
            "secondary": [{"kind": "weekly_minutes", "smallest_effect": 30}],
            "start": "2021-03-01",
            "period_weeks": 1,
            "washout_days": 1,
            "seed": 2021,
            "question": "Lift first or run first: which keeps my bench press stronger?"
        }))
        .expect("a start request");
    afterlift_app::experiment::start(&store, request, declared, &jiff::tz::TimeZone::UTC, 2021)
        .await
        .expect("start the experiment of 2021");
    serve_personal(store).await
}

/// Serves `store` as a personal log on 127.0.0.1:0; returns its base URL.
async fn serve_personal(store: afterlift_store::Store) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    let state = afterlift_server::AppState::new(store);
    tokio::spawn(async move {
        if let Err(e) = afterlift_server::serve(listener, state, std::future::pending()).await {
            eprintln!("server stopped: {e}");
        }
    });
    format!("http://{addr}")
}

/// Starts the real server over a log with accounts (as `afterlift serve` serves a log with users): two
/// athletes and a coach, each with [`PASSWORD`]; returns its base URL.
async fn start_accounts_server(db: &Path) -> String {
    use afterlift_store::accounts::Role;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    let store = afterlift_store_sqlite::open(db)
        .await
        .expect("open the database");
    let now = jiff::Timestamp::now();
    for (name, role) in [
        ("ana", Role::Athlete),
        ("ben", Role::Athlete),
        ("kim", Role::Coach),
    ] {
        afterlift_app::accounts::add_user(&store, name, role, Some(PASSWORD), now)
            .await
            .expect("add a user");
    }
    let state = afterlift_server::AppState::new(store).with_accounts(true);
    tokio::spawn(async move {
        if let Err(e) = afterlift_server::serve(listener, state, std::future::pending()).await {
            eprintln!("accounts server stopped: {e}");
        }
    });
    format!("http://{addr}")
}

/// `node --test e2e/<file>` against the server at `base`; returns whether it passed and what it printed.
fn run_node(
    root: &Path,
    file: &str,
    base: &str,
    chromium: &Path,
    log_dir: &Path,
) -> (bool, String) {
    let out_path = log_dir.join("node.out");
    let out = File::create(&out_path).expect("node log");
    let err = out.try_clone().expect("node log");
    let mut child = Command::new("node")
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg(format!("e2e/{file}"))
        .current_dir(root)
        .env("AFTERLIFT_BASE_URL", base)
        .env("AFTERLIFT_ACCOUNTS_URL", base)
        .env("AFTERLIFT_E2E_PASSWORD", PASSWORD)
        .env("CHROMIUM_PATH", chromium)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("start node");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for node") {
            break Some(s);
        }
        if started.elapsed() > NODE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut text = std::fs::read_to_string(&out_path).unwrap_or_default();
    match status {
        Some(s) => (s.success(), text),
        None => {
            text.push_str(&format!("\n(killed after {} s)\n", NODE_TIMEOUT.as_secs()));
            (false, text)
        }
    }
}
