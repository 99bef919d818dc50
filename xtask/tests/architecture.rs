//! ARCHITECTURE.md's invariants that a tool can check, checked on every test run:
//! - dependencies point inward (`cli → server → app → store, formats → core`; a store backend →
//!   the store interface → core), and nothing depends on the CLI;
//! - no `sqlx` outside the store crates (no SQL anywhere else), in manifests and in sources;
//! - core has no I/O dependency (no async runtime, database, HTTP, CLI parsing or file format crate).
//!
//! Core's purity inside the crate (no clock, files, network or environment) is clippy's:
//! `crates/core/clippy.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Each crate of `crates/`: its package name, and the names of its normal (not dev) dependencies.
fn crates() -> BTreeMap<String, (PathBuf, Vec<String>)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(workspace().join("crates")).unwrap() {
        let dir = entry.unwrap().path();
        let manifest = dir.join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let doc: toml::Table = text.parse().unwrap();
        let name = doc["package"]["name"].as_str().unwrap().to_string();
        let deps = doc
            .get("dependencies")
            .and_then(toml::Value::as_table)
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default();
        out.insert(name, (dir, deps));
    }
    out
}

fn is_store(name: &str) -> bool {
    name == "afterlift-store" || name.starts_with("afterlift-store-")
}

#[test]
fn dependencies_point_inward() {
    // Each crate's layer; a crate may depend only on crates of lower layers.
    let layer = |name: &str| match name {
        "afterlift-core" => 0,
        "afterlift-store" | "afterlift-formats" => 1,
        n if n.starts_with("afterlift-store-") => 2,
        "afterlift-app" => 3,
        "afterlift-server" => 4,
        "afterlift" => 5,
        other => panic!("{other}: a crate ARCHITECTURE.md does not place"),
    };
    let crates = crates();
    assert!(crates.len() >= 7, "{:?}", crates.keys());
    for (name, (_, deps)) in &crates {
        for dep in deps.iter().filter(|d| crates.contains_key(*d)) {
            assert!(
                layer(dep) < layer(name),
                "{name} depends on {dep}: dependencies point inward (ARCHITECTURE.md)"
            );
        }
    }
}

#[test]
fn no_sqlx_outside_the_store_crates() {
    for (name, (dir, deps)) in crates() {
        if is_store(&name) {
            continue;
        }
        assert!(
            !deps.iter().any(|d| d == "sqlx"),
            "{name} depends on sqlx: SQL belongs to the store crates"
        );
        let text = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(
            !text.contains("sqlx"),
            "{name}'s manifest names sqlx (as a dev-dependency?)"
        );
        for file in rust_files(&dir) {
            let source = std::fs::read_to_string(&file).unwrap();
            assert!(
                !source.contains("sqlx::"),
                "{} uses sqlx: SQL belongs to the store crates",
                file.display()
            );
        }
    }
}

#[test]
fn core_has_no_io_dependencies() {
    let crates = crates();
    let (_, deps) = &crates["afterlift-core"];
    for forbidden in [
        "tokio",
        "sqlx",
        "axum",
        "clap",
        "reqwest",
        "hyper",
        "notify",
        "rustyfit",
        "quick-xml",
        "csv",
        "zip",
        "flate2",
        "directories",
    ] {
        assert!(
            !deps.iter().any(|d| d == forbidden),
            "afterlift-core depends on {forbidden}: core does no I/O"
        );
    }
    assert!(
        workspace().join("crates/core/clippy.toml").exists(),
        "core's clippy.toml forbids clocks, files and networking"
    );
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                if p.file_name()
                    .is_some_and(|n| n != "target" && n != "node_modules")
                {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out
}
