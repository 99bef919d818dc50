//! "Every advice is recorded", through the real binary: an advice is answered only once it is in the log.
//!
//! - `sigkill_under_load_loses_no_answered_advice`: `afterlift serve` under 16 keep-alive connections
//!   posting advice is killed with SIGKILL at three moments; every advice a client received a 200 for is
//!   in the log afterwards, byte for byte.
//! - `a_full_disk_answers_no_advice_it_did_not_record`: the server may write only a little more (a
//!   file-size limit, `prlimit --fsize`, with SIGXFSZ ignored: writes beyond it fail as on a full disk);
//!   advice is asked one at a time until the log cannot grow: exactly the advice answered 200 are in the
//!   log, the others are answered 503 `not_recorded`, and the server still answers reads.
//! - `cli_advise_fails_when_its_advice_cannot_be_recorded`: the same limit on `afterlift advise`: exit 1,
//!   no advice printed, nothing in the log.

#![cfg(unix)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::{Value, json};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("afterlift")
}

/// An advice request for instant number `i` (each request differs, so each response text is its own).
fn request(i: usize) -> Value {
    let now = jiff::Timestamp::from_second(1_795_600_000 + i as i64).unwrap();
    json!({
        "athlete": {"age": 34, "sex": "female", "weight_kg": 62, "goal": "hypertrophy"},
        "lift": {"ended_at": "2026-11-24T18:30:00Z", "minutes": 70, "rpe": 8, "focus": "lower", "load": "heavy",
                 "exercises": [{"name": "Squat (Barbell)", "sets": [{"reps": 5, "kg": 100, "rpe": 8}]}]},
        "planned": {"kind": "easy", "minutes": 30},
        "now": now.to_string()
    })
}

/// `afterlift serve` on a free loopback port, through `wrapper` (a command line run before it, or none).
fn serve(db: &Path, wrapper: &[&str]) -> (Child, String) {
    let mut cmd = match wrapper.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(bin());
            c
        }
        None => Command::new(bin()),
    };
    let mut child = cmd
        .args(["serve", "--bind", "127.0.0.1:0", "--json", "--db"])
        .arg(db)
        .env_remove("AFTERLIFT_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    while !text.trim_end().ends_with('}') {
        assert!(
            out.read_line(&mut text).unwrap() > 0,
            "the server printed no URL: {text}"
        );
    }
    let printed: Value = serde_json::from_str(&text).unwrap();
    let host = printed["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    (child, host)
}

/// One HTTP/1.1 exchange on a keep-alive connection: the status and the body.
fn exchange(
    stream: &mut BufReader<TcpStream>,
    host: &str,
    method: &str,
    path: &str,
    body: &str,
) -> std::io::Result<(u16, String)> {
    write!(
        stream.get_mut(),
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut status_line = String::new();
    if stream.read_line(&mut status_line)? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))?;
    let mut length = 0;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

fn connect(host: &str) -> BufReader<TcpStream> {
    let stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    BufReader::new(stream)
}

/// The response texts in the log's advice log.
fn recorded(db: &Path) -> Vec<String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let store = afterlift_store_sqlite::open(db).await.unwrap();
            store.check_integrity().await.unwrap();
            let log = store
                .advice_log(&afterlift_store::TimeFilter::all())
                .await
                .unwrap();
            store.close().await;
            log.into_iter().map(|r| r.response_json).collect()
        })
}

#[test]
fn sigkill_under_load_loses_no_answered_advice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    let mut answered_total = 0;
    for (round, after_ms) in [150u64, 400, 900].into_iter().enumerate() {
        let (mut child, host) = serve(&db, &[]);
        let stop = Arc::new(AtomicBool::new(false));
        let answered = Arc::new(Mutex::new(Vec::new()));
        let clients: Vec<_> = (0..16)
            .map(|c| {
                let (host, stop, answered) = (host.clone(), stop.clone(), answered.clone());
                std::thread::spawn(move || {
                    let mut conn = connect(&host);
                    let mut i = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let body = request(round * 100_000 + c * 5_000 + i).to_string();
                        i += 1;
                        match exchange(&mut conn, &host, "POST", "/api/v1/advice", &body) {
                            Ok((200, text)) => answered.lock().unwrap().push(text),
                            Ok((status, text)) => panic!("{status}: {text}"),
                            // The server was killed mid-request: that one was never answered.
                            Err(_) => return,
                        }
                    }
                })
            })
            .collect();
        // Killed `after_ms` after the first answer (not after the start: on a loaded machine the first
        // answer alone can take longer than the shortest round), so every round kills a server under load.
        let started = std::time::Instant::now();
        while answered.lock().unwrap().is_empty() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(after_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        for c in clients {
            c.join().unwrap();
        }
        let answered = std::mem::take(&mut *answered.lock().unwrap());
        assert!(
            !answered.is_empty(),
            "round {round}: no advice was answered in 30 s"
        );
        answered_total += answered.len();
        let kept: HashSet<String> = recorded(&db).into_iter().collect();
        let lost = answered.iter().filter(|a| !kept.contains(*a)).count();
        assert_eq!(
            lost,
            0,
            "round {round}: {lost} of {} answered advice are not in the log",
            answered.len()
        );
    }
    assert!(answered_total >= 30, "{answered_total} answered in all");
}

#[test]
fn a_full_disk_answers_no_advice_it_did_not_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    // A log of normal size to begin with (created, then closed: its write-ahead log checkpointed).
    drop(recorded(&db));
    let size = std::fs::metadata(&db).unwrap().len();
    let limit = format!("--fsize={}", size.max(32 * 1024) + 48 * 1024);
    let (mut child, host) = serve(
        &db,
        &[
            "sh",
            "-c",
            "trap '' XFSZ; exec prlimit \"$0\" -- \"$@\"",
            &limit,
        ],
    );
    let mut conn = connect(&host);
    let (mut ok, mut refused) = (Vec::new(), 0);
    for i in 0..200 {
        let (status, text) = exchange(
            &mut conn,
            &host,
            "POST",
            "/api/v1/advice",
            &request(i).to_string(),
        )
        .unwrap();
        match status {
            200 => ok.push(text),
            503 => {
                let body: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(body["error"], "not_recorded", "{body}");
                assert!(
                    body["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("could not be recorded")),
                    "{body}"
                );
                assert!(
                    body.get("verdict").is_none(),
                    "no advice in a refusal: {body}"
                );
                refused += 1;
                if refused == 5 {
                    break;
                }
            }
            other => panic!("{other}: {text}"),
        }
    }
    assert!(!ok.is_empty(), "the log had room for some advice");
    assert_eq!(
        refused,
        5,
        "the log never filled up ({} answered)",
        ok.len()
    );
    // The server still answers what needs no writing.
    let (status, _) = exchange(&mut conn, &host, "GET", "/api/v1/profile", "").unwrap();
    assert_eq!(status, 200);
    child.kill().unwrap();
    child.wait().unwrap();
    let kept = recorded(&db);
    assert_eq!(
        kept.len(),
        ok.len(),
        "exactly the advice answered are recorded"
    );
    let kept: HashSet<String> = kept.into_iter().collect();
    assert!(ok.iter().all(|a| kept.contains(a)));
}

#[test]
fn cli_advise_fails_when_its_advice_cannot_be_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("log.db");
    drop(recorded(&db));
    // A lift of many sets makes an advice larger than the room left (the request is kept with it).
    let mut body = request(0);
    body["lift"]["exercises"][0]["sets"] =
        json!(vec![json!({"reps": 5, "kg": 100.25, "rpe": 7.5}); 3000]);
    let input = dir.path().join("request.json");
    std::fs::write(&input, body.to_string()).unwrap();
    let out = Command::new("sh")
        .args([
            "-c",
            "trap '' XFSZ; exec prlimit --fsize=40000 -- \"$@\"",
            "sh",
        ])
        .arg(bin())
        .args(["advise", "--json", "--input"])
        .arg(&input)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(printed.get("verdict").is_none(), "{printed}");
    assert!(
        printed.to_string().contains("could not be recorded"),
        "{printed}"
    );
    assert!(recorded(&db).is_empty());
    // Without the limit, the same advice is given and recorded.
    Command::cargo_bin("afterlift")
        .unwrap()
        .args(["advise", "--json", "--input"])
        .arg(&input)
        .arg("--db")
        .arg(&db)
        .assert_ok();
    assert_eq!(recorded(&db).len(), 1);
}

trait AssertOk {
    fn assert_ok(&mut self);
}

impl AssertOk for Command {
    fn assert_ok(&mut self) {
        let out = self.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
