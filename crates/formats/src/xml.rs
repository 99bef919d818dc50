//! Shared XML plumbing for the GPX and TCX readers, over quick-xml's streaming reader.
//!
//! Elements are matched on their local names (namespace prefixes such as `gpxtpx:`, `ns3:` dropped),
//! positions are reported as line and column, and the value helpers turn text into numbers and
//! instants, collecting unparsable values as warnings instead of failing the file. Entity references
//! in text are ignored (they never occur in the numbers and times these readers use). quick-xml does
//! not expand DTD entities, so there is no entity-expansion attack surface.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{ErrorKind, Place, ReadError, line_column};

/// The local name of the first element of an XML document, if it is one.
pub(crate) fn root_element(text: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(text);
    // A root element appears within the first few events (declaration, comments, doctype).
    for _ in 0..64 {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => {
                return Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Event::Eof => return None,
            _ => {}
        }
    }
    None
}

/// One step through a document.
pub(crate) enum Step<'a> {
    Start(BytesStart<'a>),
    /// An end tag; its local name was pushed by the matching `Start`.
    End,
    Text(Cow<'a, str>),
    Eof,
}

/// A streaming reader that checks nesting and reports positions.
pub(crate) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    input: &'a [u8],
    file: &'a str,
    depth: usize,
}

impl<'a> Xml<'a> {
    pub(crate) fn new(input: &'a [u8], file: &'a str) -> Self {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.trim_text(true);
        config.expand_empty_elements = true;
        config.check_end_names = true;
        Xml {
            reader,
            input,
            file,
            depth: 0,
        }
    }

    pub(crate) fn next(&mut self) -> Result<Step<'a>, ReadError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let place = self.place_at(self.reader.error_position());
                    return Err(ReadError::new(
                        self.file,
                        ErrorKind::Malformed,
                        place,
                        format!("not well-formed XML: {e}"),
                    ));
                }
            };
            match event {
                Event::Start(e) => {
                    self.depth += 1;
                    return Ok(Step::Start(e));
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Step::End);
                }
                Event::Text(t) => match t.decode() {
                    Ok(text) => return Ok(Step::Text(text)),
                    Err(e) => {
                        return Err(
                            self.error(ErrorKind::Malformed, format!("expected UTF-8 text: {e}"))
                        );
                    }
                },
                Event::CData(t) => match t.decode() {
                    Ok(text) => return Ok(Step::Text(text)),
                    Err(e) => {
                        return Err(
                            self.error(ErrorKind::Malformed, format!("expected UTF-8 text: {e}"))
                        );
                    }
                },
                Event::Eof if self.depth > 0 => {
                    return Err(self.error(
                        ErrorKind::UnexpectedEof,
                        format!("expected {} more closing tag(s)", self.depth),
                    ));
                }
                Event::Eof => return Ok(Step::Eof),
                Event::Empty(_)
                | Event::Comment(_)
                | Event::Decl(_)
                | Event::PI(_)
                | Event::DocType(_)
                | Event::GeneralRef(_) => {}
            }
        }
    }

    /// Where the reader is now.
    pub(crate) fn place(&self) -> Place {
        self.place_at(self.reader.buffer_position())
    }

    fn place_at(&self, offset: u64) -> Place {
        let (line, column) = line_column(self.input, offset);
        Place::LineColumn { line, column }
    }

    pub(crate) fn error(&self, kind: ErrorKind, message: impl Into<String>) -> ReadError {
        ReadError::new(self.file, kind, self.place(), message)
    }

    /// "line 12, column 5" for warnings.
    pub(crate) fn here(&self) -> String {
        match self.place() {
            Place::LineColumn { line, column } => format!("line {line}, column {column}"),
            other => other.to_string(),
        }
    }
}

/// The value of the attribute with local name `name`.
pub(crate) fn attr<'e>(e: &'e BytesStart<'_>, name: &[u8]) -> Option<Cow<'e, str>> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| match a.value {
            Cow::Borrowed(b) => std::str::from_utf8(b).ok().map(Cow::Borrowed),
            Cow::Owned(b) => String::from_utf8(b).ok().map(Cow::Owned),
        })
}

/// Collects values that could not be parsed: one warning per field, naming the first place.
#[derive(Default)]
pub(crate) struct BadValues {
    seen: Vec<(&'static str, usize, String)>,
}

impl BadValues {
    pub(crate) fn note(&mut self, what: &'static str, xml: &Xml<'_>, text: &str) {
        match self.seen.iter_mut().find(|(w, _, _)| *w == what) {
            Some((_, count, _)) => *count += 1,
            None => self.seen.push((
                what,
                1,
                format!(
                    "{}: {what} \"{}\"",
                    xml.here(),
                    text.chars().take(40).collect::<String>()
                ),
            )),
        }
    }

    pub(crate) fn report(self, warnings: &mut Vec<String>) {
        for (_, count, first) in self.seen {
            let more = match count {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            warnings.push(format!("{first} is not a valid value; ignored{more}"));
        }
    }
}

/// A number, or a noted bad value.
pub(crate) fn number(
    text: &str,
    what: &'static str,
    xml: &Xml<'_>,
    bad: &mut BadValues,
) -> Option<f64> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Some(v),
        _ => {
            bad.note(what, xml, text);
            None
        }
    }
}

/// A whole number 0..=255 (heart rate, cadence), rounding decimals; larger values saturate at 255
/// so that the plausibility check sees (and drops) them.
pub(crate) fn small_uint(
    text: &str,
    what: &'static str,
    xml: &Xml<'_>,
    bad: &mut BadValues,
) -> Option<u8> {
    number(text, what, xml, bad).and_then(|v| {
        if v < 0.0 {
            bad.note(what, xml, text);
            None
        } else {
            Some(v.round().min(255.0) as u8)
        }
    })
}

/// An instant in RFC 3339 form; a time without an offset is read as UTC (as GPX and TCX specify)
/// and counted in `unzoned`.
pub(crate) fn instant(
    text: &str,
    xml: &Xml<'_>,
    bad: &mut BadValues,
    unzoned: &mut usize,
) -> Option<jiff::Timestamp> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    match text.parse::<jiff::civil::DateTime>() {
        Ok(dt) => {
            *unzoned += 1;
            dt.to_zoned(jiff::tz::TimeZone::UTC)
                .ok()
                .map(|z| z.timestamp())
        }
        Err(_) => {
            bad.note("time", xml, text);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_element_skips_declaration_and_comments() {
        let doc = b"<?xml version=\"1.0\"?>\n<!-- hi -->\n<ns:gpx xmlns:ns=\"x\"/>";
        assert_eq!(root_element(doc).as_deref(), Some("gpx"));
        assert_eq!(root_element(b"<?xml version=\"1.0\"?>"), None);
    }

    #[test]
    fn malformed_xml_is_an_error_with_line_and_column() {
        let doc = b"<gpx>\n  <trk></trkx>\n</gpx>";
        let mut xml = Xml::new(doc, "bad.gpx");
        let err = loop {
            match xml.next() {
                Ok(Step::Eof) => panic!("accepted"),
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert_eq!(err.kind, ErrorKind::Malformed);
        assert!(
            matches!(err.place, Place::LineColumn { line: 2, .. }),
            "{err}"
        );
    }

    #[test]
    fn unclosed_document_is_unexpected_eof() {
        let mut xml = Xml::new(b"<gpx><trk>", "cut.gpx");
        let err = loop {
            match xml.next() {
                Ok(Step::Eof) => panic!("accepted"),
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert_eq!(err.kind, ErrorKind::UnexpectedEof, "{err}");
    }
}
