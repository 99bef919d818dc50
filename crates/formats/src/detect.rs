//! Format detection from content: the containers' magic bytes, then every format of the registry
//! ([`crate::registry::FORMATS`]) sniffing the bytes (magic bytes, the XML root element, the CSV header
//! line); the most confident wins, of equals the one listed first.
//!
//! The file name's extension is only a tie-breaker: it is consulted when the content is not
//! recognised, so that a damaged `run.fit` is reported by the FIT reader ("bad header at byte 0")
//! rather than as an unknown format. An extension that more than one format claims (`.csv`: Strong
//! and Hevy) decides nothing.

use crate::archive::Container;
use crate::error::{ErrorKind, Place, ReadError};
use crate::registry::{Confidence, FORMATS, Signature, list_for_people};
use crate::{Format, csv_common, xml};

/// The format of `bytes`, from its content first and `file_name`'s extension second.
pub fn detect(bytes: &[u8], file_name: Option<&str>) -> Option<Format> {
    from_content(bytes).or_else(|| file_name.and_then(from_extension))
}

fn from_content(bytes: &[u8]) -> Option<Format> {
    if let Some(container) = Container::sniff(bytes) {
        return Some(Format::container(container));
    }
    let mut best = (Confidence::No, None);
    for &format in FORMATS {
        let confidence = format.sniff(bytes);
        if confidence > best.0 {
            best = (confidence, Some(format));
        }
    }
    best.1.map(Format::of)
}

/// The lowercase extension of a file name (`fit` for `RUN.FIT`), if it has one.
fn extension(file_name: &str) -> Option<String> {
    let (_, ext) = file_name.rsplit_once('.')?;
    Some(ext.to_ascii_lowercase())
}

/// The one format (or container) that claims the extension of `file_name`.
fn from_extension(file_name: &str) -> Option<Format> {
    let ext = extension(file_name)?;
    let mut claiming = Format::all().filter(|f| f.extensions().contains(&ext.as_str()));
    let first = claiming.next()?;
    claiming.next().is_none().then_some(first)
}

/// Whether a file name has the extension of a format this crate reads (`.fit`, `.gpx`, `.tcx`, `.csv`,
/// `.gz`, `.zip`…): such a file was meant to be read, so unknown content in it is an error, while a
/// README or a photo is simply not a workout file.
pub(crate) fn has_workout_extension(file_name: &str) -> bool {
    extension(file_name)
        .is_some_and(|ext| Format::all().any(|f| f.extensions().contains(&ext.as_str())))
}

/// Whether `bytes` look like an XML document.
pub(crate) fn is_xml(bytes: &[u8]) -> bool {
    strip_bom(bytes).trim_ascii_start().starts_with(b"<")
}

/// Whether `bytes` are an XML document whose root element is `root`.
pub(crate) fn xml_root_is(bytes: &[u8], root: &str) -> bool {
    is_xml(bytes) && xml::root_element(strip_bom(bytes)).as_deref() == Some(root)
}

pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// "a FIT, GPX, TCX, Strong CSV, Hevy CSV, gzip or zip file": every format and container.
fn any_format() -> String {
    let labels: Vec<&str> = Format::all().map(Format::label).collect();
    format!("a {} file", list_for_people(&labels, "or"))
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
            format!("expected {}, found 0 bytes", any_format()),
        );
    }
    let text = strip_bom(bytes);
    if is_xml(text) {
        let roots: Vec<String> = FORMATS
            .iter()
            .filter_map(|f| match f.signature() {
                Signature::XmlRoot(root) => Some(format!("<{root}> ({})", f.label())),
                _ => None,
            })
            .collect();
        return match xml::root_element(text) {
            Some(root) => unknown(format!(
                "expected an XML root element {}, found <{root}>",
                list_for_people(&roots, "or")
            )),
            None => unknown("expected an XML document with a root element, found none".to_owned()),
        };
    }
    if let Some(header) = csv_common::first_line(text) {
        let headers: Vec<String> = FORMATS
            .iter()
            .filter_map(|f| match f.signature() {
                Signature::CsvHeader(hint) => Some(format!("a {} header ({hint})", f.label())),
                _ => None,
            })
            .collect();
        return unknown(format!(
            "expected {}, found \"{}\"",
            list_for_people(&headers, "or"),
            header
        ));
    }
    let head: String = bytes
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ");
    unknown(format!("expected {}, found bytes {head}…", any_format()))
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
    fn extensions_claimed_by_several_formats_decide_nothing() {
        assert_eq!(detect(b"x", Some("a.csv")), None);
        assert!(has_workout_extension("a.CSV") && has_workout_extension("a.fit.gzip"));
        assert!(!has_workout_extension("README") && !has_workout_extension("photo.jpg"));
        assert_eq!(detect(b"x", Some("a.GPX")), Some(Format::Gpx));
    }

    #[test]
    fn unknown_files_name_every_format() {
        let e = explain_unknown(b"", "e.fit");
        assert_eq!(
            e.message,
            "expected a FIT, GPX, TCX, Strong CSV, Hevy CSV, gzip or zip file, found 0 bytes"
        );
        let e = explain_unknown(b"<kml></kml>", "a.xml");
        assert_eq!(
            e.message,
            "expected an XML root element <gpx> (GPX) or <TrainingCenterDatabase> (TCX), found <kml>"
        );
        let e = explain_unknown(b"a,b\n", "a.csv");
        assert!(
            e.message.starts_with("expected a Strong CSV header (Date,")
                && e.message.contains(" or a Hevy CSV header (title,"),
            "{e}"
        );
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
