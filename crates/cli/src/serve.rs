//! `afterlift serve`: the dashboard and the HTTP API (the `afterlift-server` library) on the same log as the
//! other commands. Loopback by default; any other address needs a token. Ctrl-C (or SIGTERM) stops it
//! gracefully: requests in flight finish, then the log is closed.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::process::ExitCode;

use afterlift_server::AppState;

use crate::args::{Global, ServeArgs};
use crate::db;
use crate::failure::Failure;

/// A token shorter than this is refused: it would be guessable.
pub const MIN_TOKEN_CHARS: usize = 16;

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
        let state = AppState::new(store.clone())
            .with_token(token)
            .with_accounts(accounts);
        let served = afterlift_server::serve(listener, state, shutdown_signal()).await;
        store.close().await;
        served.map_err(|e| Failure::runtime(e, json))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Loopback may go without a token; any other address needs one, long enough not to be guessed.
fn check_token(addr: SocketAddr, token: Option<&str>, json: bool) -> Result<(), Failure> {
    match token {
        None if !addr.ip().is_loopback() => Err(Failure::invalid(
            "--token",
            format!(
                "serving on {addr} (beyond this machine) needs a token: pass --token or set AFTERLIFT_TOKEN"
            ),
            json,
        )),
        Some(t) if t.chars().count() < MIN_TOKEN_CHARS => Err(Failure::invalid(
            "--token",
            format!("too short: use at least {MIN_TOKEN_CHARS} characters"),
            json,
        )),
        _ => Ok(()),
    }
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
