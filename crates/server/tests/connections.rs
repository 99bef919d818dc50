//! What a hostile client can do to the server's connections: hold many of them open while sending a request
//! slowly (slowloris), promise a body it never sends, flood it with connections, or queue uploads. Each test
//! runs the real server (`afterlift_server::serve`) on a loopback port with short limits, and talks to it
//! over raw TCP so that it can misbehave.

use std::time::{Duration, Instant};

use afterlift_server::{AppState, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

struct Server {
    addr: String,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl Server {
    async fn start(limits: Limits) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let store = afterlift_store_sqlite::open(dir.path().join("log.db"))
            .await
            .unwrap();
        let state = AppState::new(store).with_limits(limits);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(afterlift_server::serve(listener, state, async move {
            let _ = rx.await;
        }));
        Server {
            addr,
            shutdown: Some(tx),
            task: Some(task),
            _dir: dir,
        }
    }

    async fn connect(&self) -> TcpStream {
        TcpStream::connect(&self.addr).await.unwrap()
    }

    /// One well-behaved request on a fresh connection: the status line and the whole response.
    async fn request(&self, head: &str, body: &[u8]) -> String {
        let mut stream = self.connect().await;
        let head = head.replace("{host}", &self.addr);
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body).await.unwrap();
        read_all(&mut stream, Duration::from_secs(20)).await
    }

    async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(Duration::from_secs(20), task)
                .await
                .expect("the server stops")
                .unwrap()
                .unwrap();
        }
    }
}

/// Reads until the server closes the connection (or resets it), failing after `within`.
async fn read_all(stream: &mut TcpStream, within: Duration) -> String {
    let mut out = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    assert!(
        read.is_ok(),
        "the server kept the connection open for {within:?}: {}",
        String::from_utf8_lossy(&out)
    );
    String::from_utf8_lossy(&out).into_owned()
}

fn short(limits: Limits) -> Limits {
    Limits {
        header_timeout: Duration::from_secs(2),
        body_timeout: Duration::from_secs(1),
        upload_timeout: Duration::from_secs(2),
        ..limits
    }
}

const PROFILE: &str = "GET /api/v1/profile HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_connections_are_closed_and_others_are_still_served() {
    let s = Server::start(short(Limits::default())).await;
    // 500 connections that start a request and never finish its headers.
    let mut held = Vec::new();
    for _ in 0..500 {
        let mut c = s.connect().await;
        c.write_all(
            format!(
                "GET /api/v1/profile HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
                s.addr
            )
            .as_bytes(),
        )
        .await
        .unwrap();
        held.push(c);
    }
    // Another client is answered at once.
    let started = Instant::now();
    let response = s.request(PROFILE, b"").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "answered in {:?}",
        started.elapsed()
    );
    // Every held connection is closed by the server after the header timeout (2 s), none answered.
    let started = Instant::now();
    for c in &mut held {
        let got = read_all(c, Duration::from_secs(10)).await;
        assert!(!got.contains(" 200 "), "{got}");
    }
    assert!(started.elapsed() < Duration::from_secs(10));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_connection_is_closed_after_the_header_timeout() {
    let s = Server::start(short(Limits::default())).await;
    // Connected, nothing sent.
    let mut idle = s.connect().await;
    // Keep-alive: one request answered, then silence.
    let mut kept = s.connect().await;
    kept.write_all(format!("GET /api/v1/profile HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr).as_bytes())
        .await
        .unwrap();
    let started = Instant::now();
    read_all(&mut idle, Duration::from_secs(10)).await;
    let got = read_all(&mut kept, Duration::from_secs(10)).await;
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "closed too early: {:?}",
        started.elapsed()
    );
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_shorter_than_its_content_length_is_answered_408_and_closed() {
    let s = Server::start(short(Limits::default())).await;
    for (path, ctype) in [
        ("/api/v1/wellness/2024-05-01", "application/json"),
        ("/api/v1/lifts", "application/json"),
        ("/api/v1/imports", "multipart/form-data; boundary=xyz"),
    ] {
        let method = if path.contains("wellness") {
            "PUT"
        } else {
            "POST"
        };
        let mut c = s.connect().await;
        let started = Instant::now();
        c.write_all(
            format!(
                "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {ctype}\r\nContent-Length: 1000\r\n\r\n{{\"sleep",
                s.addr
            )
            .as_bytes(),
        )
        .await
        .unwrap();
        let got = read_all(&mut c, Duration::from_secs(10)).await;
        assert!(got.starts_with("HTTP/1.1 408"), "{path}: {got}");
        assert!(got.contains("\"request_timeout\""), "{path}: {got}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path}: {:?}",
            started.elapsed()
        );
    }
    // A body sent a byte at a time, each byte within the timeout, still has to arrive whole in time.
    let mut c = s.connect().await;
    let started = Instant::now();
    c.write_all(
        format!(
            "POST /api/v1/lifts HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
            s.addr
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let drip = async {
        for _ in 0..1000 {
            if c.write_all(b" ").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
            if started.elapsed() > Duration::from_secs(3) {
                break;
            }
        }
    };
    drip.await;
    let got = read_all(&mut c, Duration::from_secs(10)).await;
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    s.stop().await;
}

/// The file descriptors this process has open (the server runs in it).
#[cfg(target_os = "linux")]
fn open_files() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn beyond_the_connection_cap_the_server_stops_accepting() {
    let s = Server::start(short(Limits {
        connections: 20,
        ..Limits::default()
    }))
    .await;
    let before = open_files();
    let mut held = Vec::new();
    for _ in 0..100 {
        held.push(s.connect().await);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    // 100 client sockets; the server's side holds 20, the other 80 wait in the listen queue.
    let grown = open_files() - before;
    assert!(
        (100..=125).contains(&grown),
        "{grown} files opened for 100 connections with a cap of 20"
    );
    // The idle ones time out and the server gets to the others: a real request is answered in the end.
    let response = s.request(PROFILE, b"").await;
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    drop(held);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_beyond_the_cap_wait_for_a_slot() {
    let s = Server::start(short(Limits {
        uploads: 1,
        ..Limits::default()
    }))
    .await;
    // An upload that stalls holds the one slot until its 2 s run out.
    let mut stalled = s.connect().await;
    stalled
        .write_all(
            format!(
                "POST /api/v1/imports HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 100000\r\n\r\n--xyz\r\n",
                s.addr
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let body = b"--xyz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.gpx\"\r\nContent-Type: application/octet-stream\r\n\r\nnot a gpx\r\n--xyz--\r\n";
    let head = format!(
        "POST /api/v1/imports HTTP/1.1\r\nHost: {{host}}\r\nContent-Type: multipart/form-data; boundary=xyz\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let upload = async { s.request(&head, body).await };
    // Meanwhile, the rest of the API answers at once.
    let other = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let t = Instant::now();
        let got = s.request(PROFILE, b"").await;
        (got, t.elapsed())
    };
    let (uploaded, (other, other_took)) = tokio::join!(upload, other);
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");
    assert!(other_took < Duration::from_secs(1), "{other_took:?}");
    assert!(uploaded.starts_with("HTTP/1.1 200"), "{uploaded}");
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "the second upload did not wait: {:?}",
        started.elapsed()
    );
    let got = read_all(&mut stalled, Duration::from_secs(10)).await;
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    s.stop().await;
}
