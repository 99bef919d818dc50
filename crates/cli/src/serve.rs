//! `afterlift serve`: the dashboard and the HTTP API (the `afterlift-server` library) on the same log as the
//! other commands. Loopback by default; any other address needs a token. Ctrl-C (or SIGTERM) stops it
//! gracefully: requests in flight finish, then the log is closed.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use afterlift_server::AppState;

use crate::args::{Global, ServeArgs};
use crate::db;
use crate::failure::Failure;

/// A token shorter than this is refused: it would be guessable.
pub const MIN_TOKEN_CHARS: usize = 32;

/// The least a token's estimated strength may be, bits: its length × log2 of the number of distinct
/// characters it uses (what a guesser who knew its alphabet would face).
pub const MIN_TOKEN_BITS: f64 = 128.0;

/// How to make a strong token, said whenever one is refused.
const MAKE_ONE: &str = "make one with `openssl rand -hex 32`";

pub fn run(args: ServeArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    if global.now.is_some() {
        // A server answers many requests over time; freezing its clock would make every "today" stale.
        return Err(Failure::invalid(
            "--now",
            "the server answers at the time of each request: give \"now\" in the body of POST /api/v1/advice instead",
            json,
        ));
    }
    let path = db::path(global)?;
    let addr: SocketAddr = args.bind.parse().map_err(|_| {
        Failure::invalid(
            "--bind",
            format!(
                "'{}': expected an address and port such as 127.0.0.1:8080",
                args.bind
            ),
            json,
        )
    })?;
    let token = args.token.filter(|t| !t.is_empty());

    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::runtime(e, json))?;
    runtime.block_on(async {
        let store = crate::db::open(&path, json).await?;
        // A log with users is served to them (each request a user's token or session); a personal log
        // keeps the loopback-or-shared-token rule.
        let accounts = store
            .accounts()
            .has_users()
            .await
            .map_err(|e| Failure::runtime(e, json))?;
        if accounts && token.is_some() {
            return Err(Failure::invalid(
                "--token",
                "this log has accounts: every user has tokens of their own (afterlift token create); serve it without --token",
                json,
            ));
        }
        if !accounts {
            check_token(addr, token.as_deref(), json)?;
        }
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Failure::runtime(anyhow::Error::new(e).context(format!("cannot listen on {addr}")), json))?;
        let local = listener.local_addr().map_err(|e| Failure::runtime(e, json))?;
        let url = format!("http://{local}/");
        if json {
            crate::output::json(&serde_json::json!({ "url": url, "api": format!("{url}api/v1"), "docs": format!("{url}api/docs") }))
        } else {
            crate::output::human(|out| {
                writeln!(out, "afterlift is serving {url}  (API {url}api/v1, docs {url}api/docs, log {})", path.display())?;
                writeln!(out, "Press Ctrl-C to stop.")
            })
        }
        .map_err(|e| Failure::runtime(e, json))?;
        let limits = afterlift_server::Limits {
            header_timeout: Duration::from_secs(args.header_timeout),
            body_timeout: Duration::from_secs(args.body_timeout),
            upload_timeout: Duration::from_secs(args.upload_timeout),
            connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
            uploads: usize::try_from(args.max_uploads).unwrap_or(usize::MAX),
            ..afterlift_server::Limits::default()
        };
        let state = AppState::new(store.clone())
            .with_token(token)
            .with_limits(limits)
            .with_accounts(accounts);
        let served = afterlift_server::serve(listener, state, shutdown_signal()).await;
        store.close().await;
        served.map_err(|e| Failure::runtime(e, json))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Loopback may go without a token; any other address needs one, and any token given must be strong.
fn check_token(addr: SocketAddr, token: Option<&str>, json: bool) -> Result<(), Failure> {
    match token {
        None if !addr.ip().is_loopback() => Err(Failure::invalid(
            "--token",
            format!(
                "serving on {addr} (beyond this machine) needs a token: pass --token or set AFTERLIFT_TOKEN ({MAKE_ONE})"
            ),
            json,
        )),
        Some(t) => token_weakness(t).map_or(Ok(()), |why| {
            Err(Failure::invalid(
                "--token",
                format!("too weak: {why}; {MAKE_ONE}"),
                json,
            ))
        }),
        None => Ok(()),
    }
}

/// Why a token could be guessed, if it could: too short, with white space (which a client's header
/// cannot carry intact), a short piece repeated, or too few distinct characters for its length.
fn token_weakness(token: &str) -> Option<String> {
    let chars: Vec<char> = token.chars().collect();
    let n = chars.len();
    if n < MIN_TOKEN_CHARS {
        return Some(format!(
            "{n} characters, expected at least {MIN_TOKEN_CHARS}"
        ));
    }
    if chars.iter().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("it contains white space or control characters".into());
    }
    if let Some(period) =
        (1..=n / 2).find(|&p| n.is_multiple_of(p) && chars.chunks(p).all(|c| c == &chars[..p]))
    {
        return Some(format!(
            "it repeats the same {period} character{}",
            if period == 1 { "" } else { "s" }
        ));
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let bits = n as f64 * (distinct.len() as f64).log2();
    (bits < MIN_TOKEN_BITS).then(|| {
        format!(
            "{n} characters drawn from only {} different ones (about {bits:.0} bits, expected at least {MIN_TOKEN_BITS:.0})",
            distinct.len()
        )
    })
}
/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::token_weakness;

    #[test]
    fn strong_tokens_pass_and_weak_ones_are_named() {
        // `openssl rand -hex 32`, `openssl rand -base64 32`, a UUID-like token.
        for strong in [
            "3f9c0a7be41d5c28f06b9e1a7d4c2b8e5f0a9c3d7e1b4a6c8d2f0e9b7a5c3d1e",
            "q0Zt4x9JvR+8mYb2LkP1sWc7NfHd3Ge6/UaTo5Vi0Xs=",
            "6f1c2e9a-4b7d-4e3a-9c8b-2d5f7a1e0c3b-17ab",
        ] {
            assert_eq!(token_weakness(strong), None, "{strong}");
        }
        for (weak, why) in [
            ("short", "5 characters"),
            (&" ".repeat(40), "white space"),
            ("a b c d e f g h i j k l m n o p q r s t u v", "white space"),
            (&"x".repeat(40), "repeats the same 1 character"),
            (
                &"0123456789abcdef".repeat(2),
                "repeats the same 16 characters",
            ),
            ("aabbaabbabababbbaaabbbaabababbbaaabbab", "only 2 different"),
            ("0123012301230123012301230123012301231", "only 4 different"),
        ] {
            let got = token_weakness(weak).unwrap_or_else(|| panic!("{weak} passed"));
            assert!(got.contains(why), "{weak}: {got}");
        }
    }
}
