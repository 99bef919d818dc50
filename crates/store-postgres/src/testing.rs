//! Test databases (the `testing` feature), for this crate's tests and other crates' (`afterlift-app`):
//! [`fresh_database`] is the URL of a new, empty database of its own.
//!
//! The server is `AFTERLIFT_TEST_POSTGRES` (an admin URL of a running server; `.ci/run` starts one) when
//! set. Otherwise the first call starts a private server for the test process: `initdb` into a temporary
//! folder (found on `PATH` or under `/usr/lib/postgresql/*/bin`), listening on a free port of 127.0.0.1
//! and on a socket in that folder, with `fsync=off` (nothing to keep). It runs as the `postgres` user
//! when the tests run as root, which PostgreSQL refuses. It dies with the test process without any
//! unsafe code: a shell starts it and waits on a pipe from the test process, and when the process
//! exits, however it exits, the pipe closes, the shell stops the server and removes the folder.
//!
//! Without a server the tests fail, saying how to get one: a database test that skips cannot fail.

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sqlx::{Connection, Executor, PgConnection};

/// The environment variable naming a running server to create test databases on.
pub const SERVER_VAR: &str = "AFTERLIFT_TEST_POSTGRES";

/// How to get a server, said whenever there is none.
const HOW: &str = "set AFTERLIFT_TEST_POSTGRES to the admin URL of a running PostgreSQL server \
    (postgres://user:password@host:port/postgres), or install the PostgreSQL server binaries so that the \
    tests start one of their own (Debian/Ubuntu: apt-get install postgresql)";

/// The server's admin URL, and what keeps a private server alive.
struct Server {
    admin_url: String,
    _private: Option<Private>,
}

/// A private server: the shell that stops it once `stdin` closes.
struct Private {
    _stdin: ChildStdin,
    _shell: Child,
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();

/// The URL of a new, empty database on the test server, named uniquely (process, time and a counter).
/// Panics, saying how to get a server, when there is none.
pub async fn fresh_database() -> String {
    let admin = match SERVER.get_or_init(server) {
        Ok(server) => server.admin_url.clone(),
        Err(e) => panic!("no PostgreSQL server for the tests: {e}"),
    };
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "afterlift_test_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut conn = connect(&admin).await;
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
    let _ = conn.close().await;
    with_database(&admin, &name)
}

/// Connects to `url`, waiting up to 30 s for a server that is starting.
async fn connect(url: &str) -> PgConnection {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match PgConnection::connect(url).await {
            Ok(conn) => return conn,
            Err(e) if Instant::now() > deadline => {
                panic!("cannot connect to the test PostgreSQL server: {e}; {HOW}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// `url` with its database replaced by `name` (its query, if any, kept).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[authority_start..]
        .find('/')
        .map_or(base.len(), |i| authority_start + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

fn server() -> Result<Server, String> {
    if let Some(url) = std::env::var_os(SERVER_VAR) {
        let url = url
            .into_string()
            .map_err(|_| format!("{SERVER_VAR} is not UTF-8"))?;
        return Ok(Server {
            admin_url: url,
            _private: None,
        });
    }
    start_private()
}

/// The folder holding `initdb` and `postgres`: `PATH` first, else Debian's newest version.
fn binaries() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>());
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .collect();
    // Newest first: by the version number (`9.6` < `17`).
    debian.sort_by_key(|p| {
        let version = p
            .parent()
            .and_then(Path::file_name)
            .and_then(|v| v.to_str())
            .and_then(|v| v.split('.').next())
            .and_then(|v| v.parse::<u32>().ok());
        std::cmp::Reverse(version)
    });
    on_path
        .chain(debian)
        .find(|dir| dir.join("initdb").is_file() && dir.join("postgres").is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn start_private() -> Result<Server, String> {
    let bin = binaries().ok_or_else(|| {
        format!("{SERVER_VAR} is not set and initdb/postgres were not found on PATH or under /usr/lib/postgresql/*/bin; {HOW}")
    })?;
    let root = is_root();
    // The command prefix that runs a program as the `postgres` user when we are root.
    let as_postgres = |program: &Path| -> Command {
        if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    };
    let dir = tempfile::Builder::new()
        .prefix("afterlift-pg-")
        .tempdir()
        .map_err(|e| format!("cannot create a folder for the test server: {e}"))?
        .keep();
    if root {
        let chown = Command::new("chown")
            .arg("postgres:")
            .arg(&dir)
            .output()
            .map_err(|e| format!("cannot run chown: {e}"))?;
        if !chown.status.success() {
            return Err(format!(
                "running as root, the test server runs as the user postgres, which chown refused ({}); {HOW}",
                String::from_utf8_lossy(&chown.stderr).trim()
            ));
        }
    }
    let data = dir.join("data");
    let init = as_postgres(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.join("initdb").display()))?;
    if !init.status.success() {
        return Err(format!(
            "initdb failed: {}{}",
            String::from_utf8_lossy(&init.stdout),
            String::from_utf8_lossy(&init.stderr)
        ));
    }
    let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port for the test server: {e}"))?
        .port();
    let log = dir.join("server.log");
    // The shell: starts the server, waits until its stdin closes (the test process ended), then stops
    // the server (SIGINT: fast shutdown) and removes the folder.
    let script = r#"
"$@" </dev/null >"$AL_LOG" 2>&1 &
read -r _ignored
pid=$(head -n 1 "$AL_DATA/postmaster.pid" 2>/dev/null)
[ -n "$pid" ] && kill -INT "$pid"
wait
rm -rf "$AL_DIR"
"#;
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(script)
        .arg("sh")
        .env("AL_LOG", &log)
        .env("AL_DATA", &data)
        .env("AL_DIR", &dir);
    if root {
        shell.args(["runuser", "-u", "postgres", "--"]);
    }
    shell
        .arg(bin.join("postgres"))
        .arg("-D")
        .arg(&data)
        .arg("-k")
        .arg(&dir)
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
        .args(["-c", "full_page_writes=off", "-c", "max_connections=300"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = shell
        .spawn()
        .map_err(|e| format!("cannot start the test server: {e}"))?;
    let stdin = child
        .stdin
        .take()
        .ok_or("the test server's shell has no stdin")?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        if Instant::now() > deadline {
            let mut text = String::new();
            let _ = std::fs::File::open(&log).and_then(|mut f| f.read_to_string(&mut text));
            return Err(format!(
                "the test server did not start within 60 s; its log: {text}"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Server {
        admin_url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        _private: Some(Private {
            _stdin: stdin,
            _shell: child,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_replaces_the_urls_own() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/postgres", "x"),
            "postgres://u:p@h:5432/x"
        );
        assert_eq!(
            with_database("postgres://u@h/postgres?sslmode=disable", "x"),
            "postgres://u@h/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h:1", "x"), "postgres://h:1/x");
    }
}
