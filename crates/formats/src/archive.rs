//! Gzip files and zip archives (Strava and Garmin bulk exports), opened transparently and recursively.
//!
//! - `run.fit.gz` is read as the FIT file inside; the result keeps the name `run.fit.gz`, byte
//!   offsets in errors count in the decompressed data.
//! - A zip gives one [`Parsed`] per file entry, named `archive.zip!path/in/archive`, each with its
//!   [`Member`] (path and SHA-256 of its bytes). An entry that fails is [`Content::Failed`] (the others
//!   are still read); an entry of unknown format (photos, the export's other CSVs) is
//!   [`Content::Skipped`] with `format: None`. Directories, `__MACOSX/` and hidden files are passed
//!   over silently. Paths are never used to write anything.
//! - Strava's bulk export: its `activities.csv` ([`crate::strava_index`]) gives the recordings it lists
//!   their name and, when they have none, their sport.
//! - Zip-bomb guards: at most [`MAX_ENTRY_BYTES`] decompressed per entry or gzip stream, and no more
//!   than [`MAX_RATIO`] times its compressed size (beyond a [`RATIO_FLOOR_BYTES`] floor);
//!   [`MAX_ARCHIVE_BYTES`] per archive, [`MAX_ENTRIES`] entries, [`MAX_NESTING`] archives deep.

use std::io::Read;

use crate::error::{ErrorKind, Place, ReadError};
use crate::strava_index::{self, StravaIndex};
use crate::{Content, Format, Member, Parsed, ReadOptions, detect, read_nested};

/// The containers around the registry's formats: recognised by their magic bytes before any format is
/// asked, and opened by [`crate::read`], which reads what is inside again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Container {
    Gzip,
    Zip,
}

impl Container {
    pub(crate) const ALL: [Container; 2] = [Container::Gzip, Container::Zip];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Container::Gzip => "gzip",
            Container::Zip => "zip",
        }
    }

    pub(crate) fn extensions(self) -> &'static [&'static str] {
        match self {
            Container::Gzip => &["gz", "gzip"],
            Container::Zip => &["zip"],
        }
    }

    /// The container whose magic bytes `bytes` start with.
    pub(crate) fn sniff(bytes: &[u8]) -> Option<Container> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            Some(Container::Gzip)
        } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            Some(Container::Zip)
        } else {
            None
        }
    }
}

#[allow(non_upper_case_globals)]
impl Format {
    /// A gzip file (`run.fit.gz`): the file inside is read.
    pub const Gzip: Format = Format::container(Container::Gzip);
    /// A zip archive (a Strava or Garmin bulk export): each entry is read.
    pub const Zip: Format = Format::container(Container::Zip);
}

/// Decompressed bytes allowed per zip entry or gzip stream. A single activity is under 50 MB (a
/// 24-hour FIT file with 1 s records is ~10 MB; a multi-year Strong export a few MB).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// How many times its compressed size an entry may grow. Real exports compress 3–5× (FIT) to 12–15×
/// (TCX, GPX, CSV: measured with `gzip -9` on every file in testdata/); deflate can reach ~1000×, which
/// only a bomb does.
pub const MAX_RATIO: u64 = 100;
/// Below this many decompressed bytes the ratio is not checked (tiny files compress oddly).
pub const RATIO_FLOOR_BYTES: u64 = 1024 * 1024;
/// Decompressed bytes allowed over all entries of one archive (a Garmin full export is < 2 GB zipped).
pub const MAX_ARCHIVE_BYTES: u64 = 8 * 1024 * 1024 * 1024;
/// Entries allowed in one zip archive.
pub const MAX_ENTRIES: usize = 100_000;
/// Archives inside archives (zip in zip, gz in zip) allowed.
pub const MAX_NESTING: u8 = 3;

pub(crate) fn read_gzip(
    bytes: &[u8],
    source_name: &str,
    detect_name: &str,
    opts: &ReadOptions,
    depth: u8,
) -> Result<Vec<Parsed>, ReadError> {
    check_depth(source_name, depth)?;
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    let inner = read_capped(
        decoder,
        bytes.len() as u64,
        bytes.len().saturating_mul(4),
        source_name,
        "gzip stream",
    )?;
    let inner_name = Container::Gzip
        .extensions()
        .iter()
        .find_map(|ext| strip_suffix_ignore_case(detect_name, &format!(".{ext}")))
        .unwrap_or(detect_name);
    read_nested(&inner, source_name, inner_name, opts, depth + 1)
}

pub(crate) fn read_zip(
    bytes: &[u8],
    source_name: &str,
    opts: &ReadOptions,
    depth: u8,
) -> Result<Vec<Parsed>, ReadError> {
    check_depth(source_name, depth)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ReadError::new(
            source_name,
            ErrorKind::Malformed,
            Place::File,
            format!("expected a zip archive: {e}"),
        )
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(ReadError::new(
            source_name,
            ErrorKind::TooLarge,
            Place::File,
            format!(
                "expected at most {MAX_ENTRIES} entries, found {}",
                archive.len()
            ),
        ));
    }
    let index = read_strava_index(&mut archive, source_name);
    let mut results = Vec::new();
    let mut total: u64 = 0;
    for index_no in 0..archive.len() {
        let mut entry = match archive.by_index(index_no) {
            Ok(entry) => entry,
            Err(e) => {
                results.push(failed(
                    &format!("{source_name}!#{index_no}"),
                    None,
                    ErrorKind::Malformed,
                    format!("unreadable zip entry: {e}"),
                ));
                continue;
            }
        };
        let path = entry.name().to_owned();
        let base = path.rsplit('/').next().unwrap_or(&path);
        if entry.is_dir()
            || path.starts_with("__MACOSX/")
            || base.starts_with('.')
            || base.is_empty()
        {
            continue;
        }
        let name = format!("{source_name}!{path}");
        if total >= MAX_ARCHIVE_BYTES {
            results.push(failed(
                &name,
                None,
                ErrorKind::TooLarge,
                format!("the archive decompresses to more than {MAX_ARCHIVE_BYTES} bytes; entry not read"),
            ));
            continue;
        }
        let hint = usize::try_from(entry.size()).unwrap_or(0);
        let compressed = entry.compressed_size();
        let content = match read_capped(&mut entry, compressed, hint, &name, "zip entry") {
            Ok(content) => content,
            Err(e) => {
                results.push(Parsed {
                    source_name: name,
                    format: None,
                    content: Content::Failed { error: e },
                    warnings: Vec::new(),
                    partial: None,
                    member: None,
                    title: None,
                });
                continue;
            }
        };
        total = total.saturating_add(content.len() as u64);
        let member = Member {
            path: path.clone(),
            content_hash: sha256_hex(&content),
        };
        let mut items = if index.is_some() && strava_index::is_index(&path) {
            vec![crate::strava_index_file(&name)]
        } else if detect(&content, Some(&path)).is_none() {
            // Photos, the export's other CSVs (comments, gear…), notes.
            vec![crate::not_a_workout_file(&name)]
        } else {
            match read_nested(&content, &name, &path, opts, depth + 1) {
                Ok(parsed) => parsed,
                Err(error) => vec![Parsed {
                    source_name: name,
                    format: detect(&content, Some(&path)),
                    content: Content::Failed { error },
                    warnings: Vec::new(),
                    partial: None,
                    member: None,
                    title: None,
                }],
            }
        };
        let described = index.as_ref().and_then(|index| index.entry(&path));
        for item in &mut items {
            // An archive inside this one names its own entries.
            if item.member.is_none() {
                item.member = Some(member.clone());
            }
            if let Some(entry) = described {
                entry.apply(item);
            }
        }
        results.extend(items);
    }
    Ok(results)
}

/// Strava's `activities.csv`, when the archive has one at its root (or in one folder).
fn read_strava_index(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    source_name: &str,
) -> Option<StravaIndex> {
    let at = (0..archive.len()).find(|&i| {
        archive
            .name_for_index(i)
            .is_some_and(|name| strava_index::is_index(name) && name.matches('/').count() <= 1)
    })?;
    let mut entry = archive.by_index(at).ok()?;
    let hint = usize::try_from(entry.size()).unwrap_or(0);
    let compressed = entry.compressed_size();
    let bytes = read_capped(&mut entry, compressed, hint, source_name, "zip entry").ok()?;
    StravaIndex::parse(&bytes)
}

/// SHA-256 as 64 lowercase hex digits (the log's content hash).
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn failed(name: &str, format: Option<crate::Format>, kind: ErrorKind, message: String) -> Parsed {
    Parsed {
        source_name: name.to_owned(),
        format,
        content: Content::Failed {
            error: ReadError::new(name, kind, Place::File, message),
        },
        warnings: Vec::new(),
        partial: None,
        member: None,
        title: None,
    }
}

fn check_depth(source_name: &str, depth: u8) -> Result<(), ReadError> {
    if depth >= MAX_NESTING {
        return Err(ReadError::new(
            source_name,
            ErrorKind::TooLarge,
            Place::File,
            format!("expected at most {MAX_NESTING} archives inside each other"),
        ));
    }
    Ok(())
}

/// Reads at most [`MAX_ENTRY_BYTES`] and [`MAX_RATIO`] × `compressed_bytes`; `size_hint` (untrusted)
/// only sizes the first allocation.
fn read_capped(
    reader: impl Read,
    compressed_bytes: u64,
    size_hint: usize,
    name: &str,
    what: &str,
) -> Result<Vec<u8>, ReadError> {
    read_at_most(reader, entry_cap(compressed_bytes), size_hint, name, what)
}

/// The decompressed size allowed for a stream of `compressed_bytes`.
fn entry_cap(compressed_bytes: u64) -> u64 {
    compressed_bytes
        .saturating_mul(MAX_RATIO)
        .clamp(RATIO_FLOOR_BYTES, MAX_ENTRY_BYTES)
}

fn read_at_most(
    reader: impl Read,
    cap: u64,
    size_hint: usize,
    name: &str,
    what: &str,
) -> Result<Vec<u8>, ReadError> {
    let first = size_hint.min(8 * 1024 * 1024);
    let mut out = Vec::with_capacity(usize::try_from(cap).map_or(first, |cap| first.min(cap)));
    let mut limited = reader.take(cap.saturating_add(1));
    if let Err(e) = limited.read_to_end(&mut out) {
        return Err(ReadError::new(
            name,
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                ErrorKind::UnexpectedEof
            } else {
                ErrorKind::Malformed
            },
            Place::Byte(out.len() as u64),
            format!(
                "expected a readable {what} (decompressed so far: {} bytes): {e}",
                out.len()
            ),
        ));
    }
    if out.len() as u64 > cap {
        return Err(ReadError::new(
            name,
            ErrorKind::TooLarge,
            Place::File,
            format!(
                "expected a {what} of at most {cap} bytes decompressed (at most {} MiB, and {MAX_RATIO}× \
                 its compressed size), found more: not read, as a decompression bomb would be",
                MAX_ENTRY_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(out)
}

fn strip_suffix_ignore_case<'a>(name: &'a str, suffix: &str) -> Option<&'a str> {
    let split = name.len().checked_sub(suffix.len())?;
    let (head, tail) = (name.get(..split)?, name.get(split..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decompression_stops_at_the_cap() {
        // 10 MB of zeros compress to ~10 kB: a small bomb against a 1 MB cap.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &vec![0u8; 10_000_000]).unwrap();
        let gz = gz.finish().unwrap();
        let e = read_at_most(
            flate2::read::GzDecoder::new(&gz[..]),
            1_000_000,
            usize::MAX,
            "bomb.gz",
            "gzip stream",
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge);
        assert!(e.message.contains("at most 1000000 bytes"), "{e}");
    }

    #[test]
    fn the_cap_follows_the_compressed_size() {
        assert_eq!(entry_cap(1_000), RATIO_FLOOR_BYTES);
        assert_eq!(entry_cap(100_000), 10_000_000);
        assert_eq!(entry_cap(10_000_000), MAX_ENTRY_BYTES);
        // 20 MB of zeros gzip to ~20 kB: the ratio stops it at the 1 MiB floor, long before 64 MiB.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &vec![0u8; 20_000_000]).unwrap();
        let gz = gz.finish().unwrap();
        let e = read_capped(
            flate2::read::GzDecoder::new(&gz[..]),
            gz.len() as u64,
            gz.len(),
            "bomb.gz",
            "gzip stream",
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooLarge);
        assert!(e.message.contains("decompression bomb"), "{e}");
    }

    #[test]
    fn suffixes() {
        assert_eq!(strip_suffix_ignore_case("a.fit.GZ", ".gz"), Some("a.fit"));
        assert_eq!(strip_suffix_ignore_case("gz", ".gz"), None);
    }
}
