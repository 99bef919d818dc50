//! The format registry: every entry is sound, recognises a real file of its own from `testdata/`, and no
//! other format claims that file as surely; extensions break ties only where one format claims them.

mod common;

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use afterlift_formats::{
    Confidence, Content, FORMATS, FileFormat, Format, ReadOptions, detect, read,
};
use common::{DATA, bytes};

/// The bytes of a file under `testdata/`, unpacked when it is gzipped.
fn content(rel: &str) -> Vec<u8> {
    let raw = bytes(rel);
    if !rel.ends_with(".gz") {
        return raw;
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(raw.as_slice())
        .read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    out
}

/// Every real file under `testdata/` (its path there), unpacked.
fn real_files() -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, files: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else {
                let rel = path.strip_prefix(DATA).unwrap().to_string_lossy();
                files.push(rel.into_owned());
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new(DATA), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|rel| {
            let bytes = content(&rel);
            (rel, bytes)
        })
        .collect()
}

/// The format that claims `bytes` more surely than every other, if one does.
fn claimed_by(bytes: &[u8]) -> Option<&'static dyn FileFormat> {
    let best = FORMATS.iter().map(|f| f.sniff(bytes)).max()?;
    let mut top = FORMATS.iter().filter(|f| f.sniff(bytes) == best);
    let first = *top.next()?;
    (best > Confidence::No && top.next().is_none()).then_some(first)
}

#[test]
fn names_labels_and_extensions_are_sound() {
    let mut names = HashSet::new();
    let mut labels = HashSet::new();
    for format in Format::all() {
        let name = format.as_str();
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name}: a name is lowercase letters, digits and _"
        );
        assert!(names.insert(name), "{name}: two formats share the name");
        assert!(labels.insert(format.label()), "{name}: label not unique");
        assert!(!format.extensions().is_empty(), "{name}: no extension");
        for ext in format.extensions() {
            assert!(
                !ext.starts_with('.') && *ext == ext.to_ascii_lowercase(),
                "{name}: extension {ext:?} is lowercase, without the dot"
            );
        }
    }
    assert_eq!(names.len(), FORMATS.len() + 2, "the formats and gzip, zip");
}

/// No real file is claimed equally surely by two formats.
#[test]
fn no_real_file_is_claimed_equally_by_two_formats() {
    for (rel, bytes) in real_files() {
        let best = FORMATS.iter().map(|f| f.sniff(&bytes)).max().unwrap();
        let top: Vec<&str> = FORMATS
            .iter()
            .filter(|f| f.sniff(&bytes) == best)
            .map(|f| f.name())
            .collect();
        assert!(
            best == Confidence::No || top.len() == 1,
            "{rel}: claimed {best:?} by {top:?}"
        );
    }
}

/// Each format sniffs real files of its own from `testdata/` (a new format brings one) more surely than
/// any other format does; they have its extension, are detected as it whatever their name, and at least
/// one reads into sessions.
#[test]
fn every_format_claims_real_files_of_its_own() {
    let files = real_files();
    for &format in FORMATS {
        let name = format.name();
        let own: Vec<&(String, Vec<u8>)> = files
            .iter()
            .filter(|(_, bytes)| claimed_by(bytes).is_some_and(|f| f.name() == name))
            .collect();
        assert!(!own.is_empty(), "no real {name} file in testdata/");
        let expected = Some(Format::of(format));
        let mut read_one = false;
        for (rel, bytes) in own {
            let unpacked = rel.strip_suffix(".gz").unwrap_or(rel);
            assert!(
                format
                    .extensions()
                    .iter()
                    .any(|ext| unpacked.ends_with(&format!(".{ext}"))),
                "{rel}: a {name} file without a {name} extension"
            );
            assert_eq!(detect(bytes, None), expected, "{rel}");
            // The content wins over every extension.
            for ext in Format::all().flat_map(Format::extensions) {
                let other = format!("sample.{ext}");
                assert_eq!(detect(bytes, Some(&other)), expected, "{rel} as {other}");
            }
            if let Ok(parsed) = read(bytes, "sample", &ReadOptions::default()) {
                assert!(parsed.iter().all(|p| p.format == expected), "{rel}");
                read_one |= parsed
                    .iter()
                    .any(|p| matches!(p.content, Content::Activities(_) | Content::Lifts(_)));
            }
        }
        assert!(read_one, "no real {name} file reads into sessions");
    }
}

#[test]
fn an_extension_breaks_ties_only_when_one_format_claims_it() {
    let unknown = b"\x00\x01 nothing any format knows";
    for format in Format::all() {
        for ext in format.extensions() {
            let claiming = Format::all()
                .filter(|f| f.extensions().contains(ext))
                .count();
            let expected = (claiming == 1).then_some(format);
            let name = format!("file.{}", ext.to_ascii_uppercase());
            assert_eq!(detect(unknown, Some(&name)), expected, "{name}");
        }
    }
    assert_eq!(detect(unknown, Some("file.csv")), None, "Strong or Hevy");
    assert_eq!(detect(unknown, Some("README")), None);
}
