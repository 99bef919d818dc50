//! The dashboard: the files under `crates/server/assets/`, embedded in the binary at build time, served at
//! `/` (index.html) and `/assets/*`. Nothing is read from disk or loaded from other hosts at run time.
//!
//! Caching: the page (`/`) names its files under a versioned path, `/assets/v/<version>/…`, where the
//! version is a hash of every embedded file: those answers are `immutable` for a year, so a browser
//! loads each file once per release and then not even revalidates it; a new build has a new version, so
//! nothing stale is ever used. The ES modules import each other by relative paths, so they stay inside
//! the version they were loaded from. The page itself, and files at their plain paths (`/assets/…`: the
//! manifest, whose address must not change, and anyone's bookmarks), are `no-cache` with an `ETag` (a
//! hash of the content): kept and revalidated, `304 Not Modified` while unchanged.
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

/// One file as served: its bytes (the page with its links versioned), their compressed forms, its ETag.
struct Served {
    bytes: std::borrow::Cow<'static, [u8]>,
    forms: Option<Forms>,
    etag: String,
}

/// Every embedded file as served, made once: compressed, tagged, the page's links versioned.
static FILES: LazyLock<std::collections::HashMap<&'static str, Served>> = LazyLock::new(|| {
    let mut out = std::collections::HashMap::new();
    prepare(&ASSETS, &mut out);
    out
});

/// A hash of every embedded file (names and contents): it changes with any file, so a versioned path
/// never names two different contents.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut files = Vec::new();
    walk(&ASSETS, &mut files);
    files.sort_by_key(|f| f.path());
    let mut h = FNV_OFFSET;
    for f in files {
        h = fnv1a_from(h, f.path().to_string_lossy().as_bytes());
        h = fnv1a_from(h, f.contents());
    }
    format!("{h:016x}")
});

fn walk(dir: &'static Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
    out.extend(dir.files());
    for d in dir.dirs() {
        walk(d, out);
    }
}

fn prepare(dir: &'static Dir<'static>, out: &mut std::collections::HashMap<&'static str, Served>) {
    let mut files = Vec::new();
    walk(dir, &mut files);
    for f in files {
        let Some(path) = f.path().to_str() else {
            continue;
        };
        let bytes: std::borrow::Cow<'static, [u8]> = if path == "index.html" {
            versioned_page(f.contents()).into()
        } else {
            f.contents().into()
        };
        let forms = compressible(path).then(|| {
            [Coding::Brotli, Coding::Gzip]
                .into_iter()
                .filter_map(|c| compress(c, &bytes).map(|z| (c, z)))
                .filter(|(_, z)| z.len() < bytes.len())
                .collect()
        });
        let etag = format!("\"{:016x}\"", fnv1a_from(FNV_OFFSET, &bytes));
        out.insert(path, Served { bytes, forms, etag });
    }
}

/// The page with its files under `/assets/v/<version>/`, but the manifest (an installed app finds its
/// manifest by address), and a `modulepreload` link for every module before the entry's `<script>`.
fn versioned_page(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let text = match text.find(ENTRY_SCRIPT) {
        Some(at) => format!("{}{}{}", &text[..at], module_preloads(), &text[at..]),
        None => text.into_owned(),
    };
    let prefix = format!("\"/assets/v/{}/", *VERSION);
    text.replace("\"/assets/", &prefix)
        .replace(
            &format!("{prefix}manifest.webmanifest"),
            "\"/assets/manifest.webmanifest",
        )
        .into_bytes()
}

/// The page's entry module, before which the preload links go.
const ENTRY_SCRIPT: &str = "<script type=\"module\" src=\"/assets/js/app.js\">";

/// `<link rel="modulepreload">` for each module under `js/` but the entry, so the browser asks for the whole
/// graph at once rather than level by level as each module's imports are read (three round trips, and the
/// parsing between them, before any view could ask for its data). Made from the embedded files, so a new
/// module is preloaded without anyone listing it.
fn module_preloads() -> String {
    let mut modules: Vec<&str> = ASSETS
        .get_dir("js")
        .map(|d| d.files().filter_map(|f| f.path().to_str()).collect())
        .unwrap_or_default();
    modules.retain(|p| p.ends_with(".js") && *p != "js/app.js");
    modules.sort_unstable();
    modules
        .iter()
        .map(|p| format!("<link rel=\"modulepreload\" href=\"/assets/{p}\">\n  "))
        .collect()
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

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits, continued from `h`: enough to tell versions of files apart (not a security property).
fn fnv1a_from(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `GET /`.
pub async fn index(headers: HeaderMap) -> Response {
    file("index.html", &headers, Caching::Revalidate)
}

/// `GET /assets/{*path}`: `v/<version>/…` (this build's version, cached for good) or a plain path.
pub async fn asset(Path(path): Path<String>, headers: HeaderMap) -> Response {
    match path.strip_prefix("v/").map(|rest| rest.split_once('/')) {
        Some(Some((version, inner))) if version == VERSION.as_str() => {
            file(inner, &headers, Caching::Immutable)
        }
        // Another build's version: its files are not these (a reload gets this build's page).
        Some(_) => not_found(&path),
        None => file(&path, &headers, Caching::Revalidate),
    }
}

/// How long a browser may keep a file without asking.
#[derive(Clone, Copy)]
enum Caching {
    /// A versioned path: the same bytes for ever.
    Immutable,
    /// A plain path: keep it, but ask (`ETag`) each time.
    Revalidate,
}

fn file(path: &str, request: &HeaderMap, caching: Caching) -> Response {
    if path
        .split('/')
        .any(|seg| seg == ".." || seg.starts_with('.'))
    {
        return not_found(path);
    }
    let Some(f) = FILES.get(path) else {
        return not_found(path);
    };
    let forms = f.forms.as_ref();
    let coding = forms.and_then(|forms| {
        let accept = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        negotiate(accept, forms)
    });
    let base = f.etag.clone();
    // Each representation its own tag: `"…-br"`.
    let etag = match coding {
        Some(c) => format!("{}-{}\"", base.trim_end_matches('"'), c.name()),
        None => base,
    };
    let mut headers = HeaderMap::new();
    if forms.is_some() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(match caching {
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Revalidate => "no-cache",
        }),
    );
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
                .map_or(&f.bytes[..], |(_, z)| z.as_slice())
        }
        _ => &f.bytes[..],
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
