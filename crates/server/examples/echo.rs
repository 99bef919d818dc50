//! The ceiling for `scripts/bench-server.sh`: a bare axum JSON echo endpoint on the same runtime settings
//! as `afterlift serve` (tokio's multi-threaded runtime, one worker per core, HTTP/1 through `axum::serve`).
//! `POST /echo` reads the body as JSON and answers it, re-encoded, as JSON.
//!
//! `cargo run --release -p afterlift-server --example echo -- 127.0.0.1:18081`

use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:18081".to_string());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        let app = Router::new().route("/echo", post(|Json(v): Json<Value>| async { Json(v) }));
        axum::serve(listener, app).await
    })
}
