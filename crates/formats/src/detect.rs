//! Format detection from content: magic bytes, the XML root element, the CSV header line.
//!
//! The file name's extension is only a tie-breaker: it is consulted when the content is not
//! recognised, so that a damaged `run.fit` is reported by the FIT reader ("bad header at byte 0")
//! rather than as an unknown format.

use crate::error::{ErrorKind, Place, ReadError};
use crate::{Format, csv_common, xml};

/// The format of `bytes`, from its content first and `file_name`'s extension second.
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Option<Format> {
    from_content(bytes).or_else(|| file_name.and_then(from_extension))
}

fn from_content(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Some(Format::Gzip);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(Format::Zip);
    }
    if bytes.get(8..12) == Some(b".FIT") {
        return Some(Format::Fit);
    }
    let text = strip_bom(bytes);
    if text.trim_ascii_start().starts_with(b"<") {
        return match xml::root_element(text).as_deref() {
            Some("gpx") => Some(Format::Gpx),
            Some("TrainingCenterDatabase") => Some(Format::Tcx),
            _ => None,
        };
    }
    csv_common::detect_header(text)
}

fn from_extension(file_name: &str) -> Option<Format> {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, ext)| ext)?;
    match ext {
        "fit" => Some(Format::Fit),
        "gpx" => Some(Format::Gpx),
        "tcx" => Some(Format::Tcx),
        "gz" => Some(Format::Gzip),
        "zip" => Some(Format::Zip),
        _ => None,
    }
}

/// Whether a file name has the extension of a format this crate reads (`.fit`, `.gpx`, `.tcx`, `.csv`,
/// `.gz`, `.zip`): such a file was meant to be read, so unknown content in it is an error, while a
/// README or a photo is simply not a workout file.
pub(crate) fn has_workout_extension(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, ext)| ext);
    from_extension(&lower).is_some() || ext == "csv" || ext == "gzip"
}

/// Whether `bytes` look like an XML document.
pub(crate) fn is_xml(bytes: &[u8]) -> bool {
    strip_bom(bytes).trim_ascii_start().starts_with(b"<")
}

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The error for a file [`detect`] did not recognise, saying what it looks like instead.
pub(crate) fn explain_unknown(bytes: &[u8], file: &str) -> ReadError {
    let unknown =
        |message: String| ReadError::new(file, ErrorKind::UnknownFormat, Place::File, message);
    if bytes.is_empty() {
        return ReadError::new(
            file,
            ErrorKind::Empty,
            Place::File,
            "expected a FIT, GPX, TCX, Strong or Hevy CSV, gzip or zip file, found 0 bytes",
        );
    }
    let text = strip_bom(bytes);
    if text.trim_ascii_start().starts_with(b"<") {
        return match xml::root_element(text) {
            Some(root) => unknown(format!(
                "expected an XML root element <gpx> (GPX) or <TrainingCenterDatabase> (TCX), found <{root}>"
            )),
            None => unknown("expected an XML document with a root element, found none".to_owned()),
        };
    }
    if let Some(header) = csv_common::first_line(text) {
        return unknown(format!(
            "expected a Strong CSV header ({}) or a Hevy CSV header ({}), found \"{}\"",
            csv_common::STRONG_HEADER_HINT,
            csv_common::HEVY_HEADER_HINT,
            header
        ));
    }
    let head: String = bytes
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ");
    unknown(format!(
        "expected a FIT, GPX, TCX, Strong or Hevy CSV, gzip or zip file, found bytes {head}…"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_wins_over_extension() {
        let gpx = br#"<?xml version="1.0"?><gpx version="1.1"></gpx>"#;
        assert_eq!(detect(gpx, Some("run.tcx")), Some(Format::Gpx));
        let tcx = b"\xEF\xBB\xBF<TrainingCenterDatabase xmlns=\"x\"/>";
        assert_eq!(detect(tcx, None), Some(Format::Tcx));
        assert_eq!(
            detect(b"\x1f\x8b\x08\x00", Some("a.zip")),
            Some(Format::Gzip)
        );
        assert_eq!(detect(b"PK\x03\x04rest", None), Some(Format::Zip));
    }

    #[test]
    fn extension_breaks_ties() {
        assert_eq!(
            detect(b"\x0e\x10garbage", Some("RUN.FIT")),
            Some(Format::Fit)
        );
        assert_eq!(detect(b"\x0e\x10garbage", Some("run.bin")), None);
        assert_eq!(detect(b"<kml/>", Some("a.xml")), None);
    }

    #[test]
    fn csv_headers() {
        let strong = b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n";
        assert_eq!(detect(strong, None), Some(Format::StrongCsv));
        let strong_semicolon = b"\"Date\";\"Workout Name\";\"Exercise Name\";\"Set Order\";\"Weight\";\"Weight Unit\";\"Reps\"\n";
        assert_eq!(detect(strong_semicolon, None), Some(Format::StrongCsv));
        let hevy = b"\"title\",\"start_time\",\"end_time\",\"description\",\"exercise_title\",\"superset_id\",\"exercise_notes\",\"set_index\",\"set_type\",\"weight_kg\",\"reps\"\n";
        assert_eq!(detect(hevy, None), Some(Format::HevyCsv));
        assert_eq!(detect(b"a,b,c\n1,2,3\n", Some("x.csv")), None);
    }

    #[test]
    fn unknown_files_are_explained() {
        let e = explain_unknown(b"", "e.fit");
        assert_eq!(e.kind, ErrorKind::Empty);
        let e = explain_unknown(b"<kml></kml>", "a.xml");
        assert!(e.message.contains("found <kml>"), "{e}");
        let e = explain_unknown(b"a,b,c\n", "a.csv");
        assert!(e.message.contains("found \"a,b,c\""), "{e}");
        let e = explain_unknown(&[0, 1, 2, 3], "r.bin");
        assert!(e.message.contains("00 01 02 03"), "{e}");
    }
}
