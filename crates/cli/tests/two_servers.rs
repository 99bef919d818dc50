//! Two `afterlift serve` processes on one PostgreSQL database (a team's deployment: two instances behind
//! a proxy), through the real binary, with accounts:
//! - a pain check-in saved through A is in the very next advice from B (no waiting: B's cache checks the
//!   athlete's version in the database at every request), and a profile change through B is in A's next
//!   status — with both servers' LISTEN connections frozen (their PostgreSQL backends stopped with
//!   SIGSTOP), so that no notification can arrive and the answer cannot depend on winning a race with one;
//! - two athletes writing through both processes at once lose nothing.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("afterlift")
}

fn fresh_database() -> String {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(afterlift_store_postgres::testing::fresh_database())
}

fn cli(url: &str, args: &[&str]) -> Value {
    let out = Command::new(bin())
        .env_remove("AFTERLIFT_DB")
        .env_remove("AFTERLIFT_ATHLETE")
        .arg("--db")
        .arg(url)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "afterlift {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

/// An athlete user and an API token for them.
fn athlete(url: &str, name: &str) -> String {
    cli(url, &["user", "add", name, "--role", "athlete", "--json"]);
    let t = cli(url, &["token", "create", "--user", name, "--json"]);
    t["token"].as_str().unwrap().to_string()
}

struct Server {
    child: Child,
    host: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(url: &str) -> Server {
    let mut child = Command::new(bin())
        .args(["serve", "--bind", "127.0.0.1:0", "--json", "--db", url])
        .env_remove("AFTERLIFT_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    while !text.trim_end().ends_with('}') {
        assert!(out.read_line(&mut text).unwrap() > 0, "no URL: {text}");
    }
    let printed: Value = serde_json::from_str(&text).unwrap();
    let host = printed["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    Server { child, host }
}

/// One request on its own connection: the status and the body as JSON.
fn call(s: &Server, token: &str, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(&s.host).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        s.host,
        body.len()
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let status: u16 = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap();
    let (_, payload) = text.split_once("\r\n\r\n").unwrap_or(("", ""));
    (status, serde_json::from_str(payload).unwrap_or(Value::Null))
}

fn ok(s: &Server, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let (status, v) = call(s, token, method, path, body);
    assert!(
        (200..300).contains(&status),
        "{method} {path}: {status} {v}"
    );
    v
}

/// The PostgreSQL backends of the servers' LISTEN connections, stopped (SIGSTOP) until dropped: no
/// notification reaches either server meanwhile.
struct Frozen(Vec<String>);

impl Frozen {
    fn listeners(url: &str, expected: usize) -> Frozen {
        // The servers start listening as they start; wait (bounded) until both have.
        let mut pids = Vec::new();
        for _ in 0..100 {
            let out = Command::new("psql")
                .args([url, "-Atc"])
                .arg("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'")
                .output()
                .expect("psql runs");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            pids = String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_string)
                .collect();
            if pids.len() >= expected {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(pids.len(), expected, "LISTEN backends: {pids:?}");
        for pid in &pids {
            let done = Command::new("kill").args(["-STOP", pid]).status().unwrap();
            assert!(done.success(), "cannot stop PostgreSQL backend {pid}");
        }
        Frozen(pids)
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        for pid in &self.0 {
            let _ = Command::new("kill").args(["-CONT", pid]).status();
        }
    }
}

fn profile(zone: &str) -> Value {
    json!({"athlete": {"age": 34, "sex": "female", "weight_kg": 62, "resting_hr": 55, "goal": "hypertrophy"},
           "time_zone": zone})
}

fn ask() -> Value {
    json!({"planned": {"kind": "easy", "minutes": 30}})
}

#[test]
fn a_write_through_one_server_is_in_the_others_next_answer() {
    let url = fresh_database();
    let token = athlete(&url, "ana");
    let a = serve(&url);
    let b = serve(&url);
    ok(&a, &token, "PUT", "/api/v1/profile", Some(profile("UTC")));

    // Both servers have the log cached: advice and status asked through each.
    for s in [&a, &b] {
        let v = ok(s, &token, "POST", "/api/v1/advice", Some(ask()));
        assert_ne!(v["verdict"], "skip", "no pain yet: {v}");
        ok(s, &token, "GET", "/api/v1/status", None);
    }
    let _frozen = Frozen::listeners(&url, 2);

    for round in 0..5 {
        // Pain through A, the advice at once through B: rest.
        ok(
            &a,
            &token,
            "PUT",
            "/api/v1/wellness/today",
            Some(json!({"pain": true})),
        );
        let v = ok(&b, &token, "POST", "/api/v1/advice", Some(ask()));
        assert_eq!(
            v["verdict"], "skip",
            "round {round}: pain saved through A: {v}"
        );
        assert_eq!(v["from_log"]["flags"], json!(["pain"]), "{v}");
        // Taken back through B, the advice at once through A: the run again.
        ok(
            &b,
            &token,
            "PUT",
            "/api/v1/wellness/today",
            Some(json!({"pain": false})),
        );
        let v = ok(&a, &token, "POST", "/api/v1/advice", Some(ask()));
        assert_ne!(
            v["verdict"], "skip",
            "round {round}: pain taken back through B: {v}"
        );
    }

    // A profile change through B is in A's next status (the time zone: the status's offset).
    let before = ok(&a, &token, "GET", "/api/v1/status", None);
    assert!(
        before["at"].as_str().unwrap().ends_with("+00:00"),
        "{before}"
    );
    ok(
        &b,
        &token,
        "PUT",
        "/api/v1/profile",
        Some(profile("Asia/Tokyo")),
    );
    let after = ok(&a, &token, "GET", "/api/v1/status", None);
    assert!(after["at"].as_str().unwrap().ends_with("+09:00"), "{after}");
}

#[test]
fn two_athletes_writing_through_two_servers_lose_nothing() {
    let url = fresh_database();
    let tokens = [athlete(&url, "ana"), athlete(&url, "ben")];
    let servers = [serve(&url), serve(&url)];
    for t in &tokens {
        ok(
            &servers[0],
            t,
            "PUT",
            "/api/v1/profile",
            Some(profile("UTC")),
        );
    }
    const EACH: usize = 12;
    std::thread::scope(|scope| {
        for (who, token) in tokens.iter().enumerate() {
            for (which, server) in servers.iter().enumerate() {
                scope.spawn(move || {
                    for i in 0..EACH {
                        let minute = (which * EACH + i) * 2 + who * 100;
                        let lift = json!({
                            "started_at": format!("2026-10-01T{:02}:{:02}:00Z", 6 + minute / 60, minute % 60),
                            "minutes": 1,
                            "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 60}]}],
                        });
                        ok(server, token, "POST", "/api/v1/lifts", Some(lift));
                        ok(server, token, "POST", "/api/v1/advice", Some(ask()));
                    }
                });
            }
        }
    });
    for token in &tokens {
        for server in &servers {
            let lifts = ok(server, token, "GET", "/api/v1/lifts", None);
            assert_eq!(lifts.as_array().unwrap().len(), 2 * EACH, "{lifts}");
        }
    }
    for (name, _) in [("ana", 0), ("ben", 1)] {
        let advice = cli(&url, &["--athlete", name, "advice-log", "--json"]);
        assert_eq!(
            advice.as_array().unwrap().len(),
            2 * EACH,
            "{name}: {advice}"
        );
    }
}
