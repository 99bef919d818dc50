//! Helpers shared by the integration tests: the real files under `testdata/`.
#![allow(dead_code)]

use afterlift_core::session::{Activity, StrengthSession};
use afterlift_formats::{Content, Parsed, ReadError, ReadOptions, read};

/// The folder of real sample files, beside the repository.
pub const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");

pub fn bytes(rel: &str) -> Vec<u8> {
    let path = format!("{DATA}/{rel}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

pub fn read_data(rel: &str) -> Result<Vec<Parsed>, ReadError> {
    read(&bytes(rel), file_name(rel), &ReadOptions::default())
}

/// All activities of a file that must read cleanly.
pub fn activities(rel: &str) -> Vec<Activity> {
    let parsed = read_data(rel).unwrap_or_else(|e| panic!("{e}"));
    parsed
        .into_iter()
        .flat_map(|p| match p.content {
            Content::Activities(a) => a,
            other => panic!("{rel}: expected activities, found {other:?}"),
        })
        .collect()
}

pub fn lifts_of(parsed: Vec<Parsed>) -> Vec<StrengthSession> {
    parsed
        .into_iter()
        .flat_map(|p| match p.content {
            Content::Lifts(l) => l,
            other => panic!("expected lifts, found {other:?}"),
        })
        .collect()
}

pub fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}
pub mod sanity;
