//! The one error type of this crate: which file, where in it, and what was expected.
//!
//! Every reader reports failures as a [`ReadError`] carrying the file (or archive entry) name, a
//! [`Place`] (byte offset for FIT, line/column for XML, line and column name for CSV) and a message
//! that says what was expected and what was found. Displayed, it reads like
//! `activity-unexpected-eof.fit: unexpected end of file at byte 768: expected 1 more byte of a record message`.

use std::fmt;

/// Where in a file a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole (empty, unknown format, nothing usable in it).
    File,
    /// A byte offset from the start of the (decompressed) file: binary formats.
    Byte(u64),
    /// A 1-based line and column (in bytes): XML.
    LineColumn { line: u64, column: u64 },
    /// A 1-based line of a CSV file, and the name of the column when one is at fault.
    Line { line: u64, column: Option<String> },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::File => Ok(()),
            Place::Byte(offset) => write!(f, " at byte {offset}"),
            Place::LineColumn { line, column } => write!(f, " at line {line}, column {column}"),
            Place::Line { line, column: None } => write!(f, " at line {line}"),
            Place::Line {
                line,
                column: Some(name),
            } => write!(f, " at line {line}, column \"{name}\""),
        }
    }
}

/// The kind of failure, for callers that branch on it (the message is for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file has no bytes.
    Empty,
    /// Not a format this crate reads (or a CSV/XML flavour it does not know).
    UnknownFormat,
    /// The file ends in the middle of a structure.
    UnexpectedEof,
    /// A file header is not what the format requires.
    BadHeader,
    /// A stored checksum does not match the bytes (the file is damaged).
    Checksum,
    /// The structure is broken (bad XML, undefined FIT message, unreadable compressed stream).
    Malformed,
    /// A value cannot be parsed (a date, a number).
    InvalidValue,
    /// Well-formed, but without what an import needs (e.g. no timestamps at all).
    NoData,
    /// Over a safety limit (decompressed size, archive entries, nesting).
    TooLarge,
    /// A valid file using a feature this crate does not read (e.g. an encrypted zip entry).
    Unsupported,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty file",
            ErrorKind::UnknownFormat => "unknown format",
            ErrorKind::UnexpectedEof => "unexpected end of file",
            ErrorKind::BadHeader => "bad header",
            ErrorKind::Checksum => "checksum mismatch",
            ErrorKind::Malformed => "malformed file",
            ErrorKind::InvalidValue => "invalid value",
            ErrorKind::NoData => "nothing to import",
            ErrorKind::TooLarge => "too large",
            ErrorKind::Unsupported => "unsupported",
        }
    }
}

/// A file that could not be read: `{file}: {kind}{place}: {message}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{place}: {message}", kind.describe())]
pub struct ReadError {
    /// The file name as given to [`crate::read`], or `archive.zip!entry` inside an archive.
    pub file: String,
    pub kind: ErrorKind,
    pub place: Place,
    /// What was expected and what was found.
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(
        file: &str,
        kind: ErrorKind,
        place: Place,
        message: impl Into<String>,
    ) -> ReadError {
        ReadError {
            file: file.to_owned(),
            kind,
            place,
            message: message.into(),
        }
    }
}

/// 1-based line and column of byte `offset` in `text` (for XML positions and warnings).
pub(crate) fn line_column(text: &[u8], offset: u64) -> (u64, u64) {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    let before = text.get(..end).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, (end - line_start) as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_file_kind_place_and_message() {
        let e = ReadError::new(
            "strong.csv",
            ErrorKind::InvalidValue,
            Place::Line {
                line: 17,
                column: Some("Reps".into()),
            },
            "expected a whole number, found \"abc\"",
        );
        assert_eq!(
            e.to_string(),
            "strong.csv: invalid value at line 17, column \"Reps\": expected a whole number, found \"abc\""
        );
    }

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column(b"ab", 99), (1, 3));
    }
}
