//! Accounts through the binary: `user …`, `token …` and `--athlete`, their exit codes and JSON.

mod support;

use support::{Log, data};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const NOW: &str = "2026-12-02T18:00:00Z";

impl Log {
    fn cmd(&self) -> Command {
        let mut cmd = self.base();
        cmd.arg("--now").arg(NOW);
        cmd
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.cmd().arg("--json").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

#[test]
fn users_and_tokens_are_added_listed_and_removed() {
    let log = Log::new();
    log.cmd()
        .args(["user", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("personal log"));
    let ana = log.json(&["user", "add", "Ana"]);
    assert_eq!(
        (ana["role"].as_str(), ana["has_password"].as_bool()),
        (Some("athlete"), Some(false))
    );
    let athlete = ana["athlete_id"].as_i64().unwrap();
    assert_ne!(
        athlete, 1,
        "a new athlete gets a new log, not the personal one"
    );
    log.cmd()
        .args(["user", "add", "kim", "--role", "coach", "--password-stdin"])
        .write_stdin("correct horse battery\n")
        .assert()
        .success();
    // Names are unique ignoring case; a weak password is refused, naming the rule.
    log.cmd()
        .args(["user", "add", "ANA"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    log.cmd()
        .args(["user", "add", "bo", "--password-stdin"])
        .write_stdin("short\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("10 characters"));
    let users = log.json(&["user", "list"]);
    let names: Vec<_> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap().to_string(),
                u["has_password"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [("Ana".to_string(), false), ("kim".to_string(), true)]
    );

    // A token is printed once, listed without its secret, revoked by its number.
    let token = log.json(&[
        "token",
        "create",
        "--user",
        "kim",
        "--label",
        "team sheet",
        "--expires-days",
        "30",
    ]);
    let secret = token["token"].as_str().unwrap();
    assert!(secret.starts_with("afl_") && secret.len() == 68, "{secret}");
    assert_eq!(token["expires_at"], "2027-01-01T18:00:00Z");
    let listed = log.json(&["token", "list", "--user", "kim"]);
    assert_eq!(listed[0]["label"], "team sheet");
    assert!(
        !listed.to_string().contains(secret),
        "the list never shows the token"
    );
    let id = token["id"].as_i64().unwrap().to_string();
    log.cmd()
        .args(["token", "revoke", "--user", "Ana", &id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no token"));
    log.cmd()
        .args(["token", "revoke", "--user", "kim", &id])
        .assert()
        .success();
    assert_eq!(
        log.json(&["token", "list", "--user", "kim"]),
        serde_json::json!([])
    );

    // Removing an athlete deletes their log: said, and confirmed with --yes.
    log.cmd()
        .args(["--athlete", "ana", "import"])
        .arg(data("gpx/garmin-activity.gpx"))
        .assert()
        .success();
    log.cmd()
        .args(["user", "remove", "ana"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    log.cmd()
        .args(["user", "remove", "ana", "--yes"])
        .assert()
        .success();
    log.cmd()
        .args(["user", "remove", "ana", "--yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no user named 'ana'"));
}

#[test]
fn athlete_names_whose_log_a_command_acts_for() {
    let log = Log::new();
    log.json(&["user", "add", "ana"]);
    log.json(&["user", "add", "kim", "--role", "coach"]);
    log.cmd()
        .args(["--athlete", "ana", "import"])
        .arg(data("gpx/garmin-activity.gpx"))
        .assert()
        .success();
    assert_eq!(
        log.json(&["--athlete", "ana", "activities"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        log.json(&["activities"]).as_array().unwrap().len(),
        0,
        "the log's first athlete is not ana"
    );
    log.cmd()
        .args(["--athlete", "kim", "activities"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("coach"));
    log.cmd()
        .args(["--athlete", "nobody", "activities"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no user named 'nobody'"));
    // A personal log moved up: its athlete adopted by a user, once.
    let me = log.json(&["user", "add", "me", "--adopt"]);
    assert_eq!(me["athlete_id"], 1);
    log.cmd()
        .args(["user", "add", "other", "--adopt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already belongs"));
}

#[test]
fn a_log_with_accounts_is_not_served_with_a_shared_token() {
    let log = Log::new();
    log.json(&["user", "add", "ana"]);
    let out = Command::cargo_bin("afterlift")
        .unwrap()
        .env_remove("AFTERLIFT_DB")
        .arg("--db")
        .arg(&log.db)
        .args(["serve", "--bind", "127.0.0.1:0", "--token"])
        .arg("f3a9c1d07b5e42a8961cde0f7a3b5c9d2e8f4a6b1c7d0e3f")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("token create"));
}
