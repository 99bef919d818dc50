//! The dashboard: the files under `crates/server/assets/`, embedded in the binary at build time, served at
//! `/` (index.html) and `/assets/*`. Nothing is read from disk or loaded from other hosts at run time.
//!
//! Caching: the file names carry no content hash, so every response has an `ETag` (a hash of the
//! content) and `Cache-Control: no-cache`: browsers keep the files and revalidate them, getting
//! `304 Not Modified` while they are unchanged.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use include_dir::{Dir, include_dir};

static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// What the dashboard's pages may load: only this server (no other hosts), no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Each embedded file's ETag, computed once.
static ETAGS: LazyLock<std::collections::HashMap<&'static str, String>> = LazyLock::new(|| {
    let mut out = std::collections::HashMap::new();
    collect(&ASSETS, &mut out);
    out
});

fn collect(dir: &'static Dir<'static>, out: &mut std::collections::HashMap<&'static str, String>) {
    for f in dir.files() {
        if let Some(p) = f.path().to_str() {
            out.insert(p, format!("\"{:016x}\"", fnv1a(f.contents())));
        }
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// FNV-1a, 64 bits: enough to tell versions of a file apart (not a security property).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `GET /`.
pub async fn index(headers: HeaderMap) -> Response {
    file("index.html", &headers)
}

/// `GET /assets/{*path}`.
pub async fn asset(Path(path): Path<String>, headers: HeaderMap) -> Response {
    file(&path, &headers)
}

fn file(path: &str, request: &HeaderMap) -> Response {
    if path
        .split('/')
        .any(|seg| seg == ".." || seg.starts_with('.'))
    {
        return not_found(path);
    }
    let Some(f) = ASSETS.get_file(path) else {
        return not_found(path);
    };
    let etag = ETAGS.get(path).cloned().unwrap_or_default();
    let mut headers = HeaderMap::new();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, v);
    }
    if path.ends_with(".html") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
    }
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    (StatusCode::OK, headers, f.contents()).into_response()
}

fn not_found(path: &str) -> Response {
    crate::error::ApiError::NotFound(format!("no file {path} in the dashboard")).into_response()
}

/// The content type from the extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}
