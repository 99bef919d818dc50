//! The dashboard: the files under `crates/server/assets/`, embedded in the binary at build time, served at
//! `/` (index.html) and `/assets/*`. Nothing is read from disk or loaded from other hosts at run time.
//!
//! Caching: the file names carry no content hash, so every response has an `ETag` (a hash of the
//! content) and `Cache-Control: no-cache`: browsers keep the files and revalidate them, getting
//! `304 Not Modified` while they are unchanged.
//!
//! Compression: text files (HTML, JavaScript, CSS, JSON, SVG) are compressed once, on first use, with
//! brotli and gzip, and each response carries the best the browser accepts (`Accept-Encoding`; brotli
//! first), with `Vary: Accept-Encoding` and an ETag of its own per encoding. A file compression does not
//! shrink is served as it is.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use include_dir::{Dir, include_dir};

static ASSETS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets");

/// What the dashboard's pages may load: only this server (no other hosts), no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// A content coding the dashboard's files are offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coding {
    Brotli,
    Gzip,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Brotli => "br",
            Coding::Gzip => "gzip",
        }
    }
}

/// A file's compressed forms, each smaller than the file.
type Forms = Vec<(Coding, Vec<u8>)>;

/// Each compressible file's brotli and gzip forms (when smaller), made once.
static COMPRESSED: LazyLock<std::collections::HashMap<&'static str, Forms>> = LazyLock::new(|| {
    let mut out = std::collections::HashMap::new();
    compress_all(&ASSETS, &mut out);
    out
});

fn compress_all(
    dir: &'static Dir<'static>,
    out: &mut std::collections::HashMap<&'static str, Forms>,
) {
    for f in dir.files() {
        let Some(path) = f.path().to_str() else {
            continue;
        };
        if !compressible(path) {
            continue;
        }
        let bytes = f.contents();
        let forms: Forms = [Coding::Brotli, Coding::Gzip]
            .into_iter()
            .filter_map(|c| compress(c, bytes).map(|z| (c, z)))
            .filter(|(_, z)| z.len() < bytes.len())
            .collect();
        out.insert(path, forms);
    }
    for d in dir.dirs() {
        compress_all(d, out);
    }
}

fn compress(coding: Coding, bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    match coding {
        Coding::Brotli => {
            let mut out = Vec::new();
            // Quality 9 of 11: within a few per cent of the best, at a fraction of the time.
            let params = brotli::enc::BrotliEncoderParams {
                quality: 9,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
            Some(out)
        }
        Coding::Gzip => {
            let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(bytes).ok()?;
            z.finish().ok()
        }
    }
}

/// Text, which compresses; images and fonts are compressed already.
fn compressible(path: &str) -> bool {
    let t = content_type(path);
    t.starts_with("text/") || t == "application/json" || t == "image/svg+xml"
}

/// The best coding `accept` (an `Accept-Encoding` value) allows among `offered`, brotli first.
fn negotiate(accept: &str, offered: &Forms) -> Option<Coding> {
    let accepted = |name: &str| {
        accept.split(',').any(|item| {
            let mut parts = item.split(';');
            let token = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (token.eq_ignore_ascii_case(name) || token == "*") && !refused
        })
    };
    offered.iter().map(|(c, _)| *c).find(|c| accepted(c.name()))
}

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
    let forms = COMPRESSED.get(path);
    let coding = forms.and_then(|forms| {
        let accept = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        negotiate(accept, forms)
    });
    let base = ETAGS.get(path).cloned().unwrap_or_default();
    // Each representation its own tag: `"…-br"`.
    let etag = match coding {
        Some(c) => format!("{}-{}\"", base.trim_end_matches('"'), c.name()),
        None => base,
    };
    let mut headers = HeaderMap::new();
    if forms.is_some() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
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
    let body: &'static [u8] = match (coding, forms) {
        (Some(c), Some(forms)) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c.name()));
            forms
                .iter()
                .find(|(x, _)| *x == c)
                .map_or(f.contents(), |(_, z)| z.as_slice())
        }
        _ => f.contents(),
    };
    (StatusCode::OK, headers, body).into_response()
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
