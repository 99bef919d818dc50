//! `afterlift serve`: it refuses to serve beyond loopback without a token, prints its URL, answers, and
//! stops gracefully on a signal.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use predicates::prelude::*;

#[test]
fn beyond_loopback_a_long_enough_token_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    assert_cmd::Command::cargo_bin("afterlift")
        .unwrap()
        .args(["serve", "--bind", "0.0.0.0:0", "--db"])
        .arg(&db)
        .env_remove("AFTERLIFT_TOKEN")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--token").and(predicate::str::contains("needs a token")));
    assert_cmd::Command::cargo_bin("afterlift")
        .unwrap()
        .args(["serve", "--bind", "0.0.0.0:0", "--token", "short", "--db"])
        .arg(&db)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least 32"));
    // Long but weak, from the flag or the environment: refused at start, with how to make a strong one.
    for (token, why) in [
        (" ".repeat(16), "at least 32"),
        (" ".repeat(40), "white space"),
        ("a".repeat(64), "repeats"),
        (
            "abababababababababababababababababab".to_string(),
            "repeats",
        ),
        (
            "abcabcabcabcabcabcabcabcabcabcabcabcaa".to_string(),
            "only 3 different",
        ),
    ] {
        assert_cmd::Command::cargo_bin("afterlift")
            .unwrap()
            .args(["serve", "--bind", "127.0.0.1:0", "--db"])
            .arg(&db)
            .env("AFTERLIFT_TOKEN", &token)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("--token: too weak")
                    .and(predicate::str::contains(why))
                    .and(predicate::str::contains("openssl rand -hex 32")),
            );
        assert_cmd::Command::cargo_bin("afterlift")
            .unwrap()
            .args(["serve", "--bind", "0.0.0.0:0", "--token", &token, "--db"])
            .arg(&db)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("too weak"));
    }
    assert_cmd::Command::cargo_bin("afterlift")
        .unwrap()
        .args(["serve", "--bind", "nowhere", "--db"])
        .arg(&db)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--bind"));
}

#[cfg(unix)]
#[test]
fn serves_on_loopback_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::cargo_bin("afterlift")
        .unwrap()
        .args(["serve", "--bind", "127.0.0.1:0", "--json", "--db"])
        .arg(dir.path().join("log.db"))
        .env_remove("AFTERLIFT_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The JSON document with the URL, printed once listening (pretty-printed: read up to its last line).
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    while !text.trim_end().ends_with('}') {
        assert!(
            out.read_line(&mut text).unwrap() > 0,
            "the server printed no URL: {text}"
        );
    }
    let printed: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let url = printed["url"].as_str().unwrap();
    let host = url.trim_start_matches("http://").trim_end_matches('/');

    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET /api/v1/profile HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("null"), "no profile yet: {response}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
}
