//! The format registry: every file format afterlift reads, in one list ([`FORMATS`]).
//!
//! **Adding a format is one file plus one registry line**: a module (declared in `lib.rs`, as every module
//! is) with a unit struct implementing [`FileFormat`] — its name, its label for people, its extensions,
//! what its content starts with, how sure a look at the bytes makes it, and its reader — and that struct's
//! line in [`FORMATS`]. Everything else walks the list: [`crate::detect`] (content first, the extension
//! breaking ties), [`crate::read`], which extensions mark a file as meant to be read, the "expected …" of
//! errors about unknown files, and the format names callers show (the CLI's help, the ledger and the import
//! report through [`Format::as_str`]). `tests/registry.rs` holds every entry to the real files of
//! `testdata/`: a new format brings one of its own.
//!
//! Around the formats is the container layer (`archive`: gzip and zip, recognised before detection walks
//! the registry, opened, and what is inside read again, nesting counted). Strava's `activities.csv` is not a format of its
//! own: it describes the recordings beside it ([`crate::StravaIndex`]).

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::archive::Container;
use crate::error::ReadError;
use crate::{Output, ReadOptions, fit, gpx, hevy, strong, tcx};

/// Every file format afterlift reads. Detection asks them all and takes the most confident; of equally
/// confident formats, the one listed first.
pub static FORMATS: &[&dyn FileFormat] = &[
    &fit::Fit,
    &gpx::Gpx,
    &tcx::Tcx,
    &strong::Strong,
    &hevy::Hevy,
];

/// One file format: what detection and reading need to know of it. Implemented by one unit struct per
/// format module and listed in [`FORMATS`].
pub trait FileFormat: Sync {
    /// The name recorded in the log's ledger and the import report (`fit`, `strong_csv`): stable, unique,
    /// lowercase.
    fn name(&self) -> &'static str;
    /// What people call it (`FIT`, `Strong CSV`).
    fn label(&self) -> &'static str;
    /// File-name extensions of the format, lowercase and without the dot (`fit`). A file with one of them
    /// was meant to be read, so unknown content in it is an error rather than "not a workout file"; an
    /// extension no other format (or container) claims breaks ties when the content is not recognised.
    fn extensions(&self) -> &'static [&'static str];
    /// What the format's content starts with, for errors about files of no known format.
    fn signature(&self) -> Signature;
    /// How sure a look at the bytes (`bytes` may still begin with a UTF-8 byte-order mark) makes this
    /// format; cheap, it never reads the whole file. By default, from the signature: an XML format is
    /// certain of a document with its root element; other formats say how they look.
    fn sniff(&self, bytes: &[u8]) -> Confidence {
        match self.signature() {
            Signature::XmlRoot(root) if crate::detect::xml_root_is(bytes, root) => {
                Confidence::Certain
            }
            _ => Confidence::No,
        }
    }
    /// Reads a file whose content (or extension) is this format's. `file` names it in errors and warnings.
    fn read(&self, bytes: &[u8], file: &str, opts: &ReadOptions) -> Result<Output, ReadError>;
}

/// How sure a format is that some bytes are its own. Ordered: detection takes the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Not this format.
    No,
    /// The shape of this format, from words another format could also use (a CSV header naming this
    /// app's columns).
    Likely,
    /// A signature only this format has (magic bytes, the XML root element).
    Certain,
}

/// What a format's content starts with, as errors about unknown files describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// Bytes of its own (FIT's `.FIT` at byte 8).
    Binary,
    /// An XML document with this root element (`gpx`).
    XmlRoot(&'static str),
    /// A CSV file with a header like this one (abridged with `…`).
    CsvHeader(&'static str),
}

/// A format afterlift recognises: one of [`FORMATS`], or a container (gzip, zip) of them. Compared by name.
///
/// The formats afterlift has always read have constants named like the enum variants they once were
/// (`Format::Fit`, `Format::StrongCsv`, `Format::Zip`); [`Format::of`] makes one for any registry entry.
#[derive(Clone, Copy)]
pub struct Format(pub(crate) Kind);

#[derive(Clone, Copy)]
pub(crate) enum Kind {
    File(&'static dyn FileFormat),
    Container(Container),
}

impl Format {
    /// The registry entry `format`.
    pub const fn of(format: &'static dyn FileFormat) -> Format {
        Format(Kind::File(format))
    }

    pub(crate) const fn container(container: Container) -> Format {
        Format(Kind::Container(container))
    }

    /// Every format: the registry's, then the containers.
    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS
            .iter()
            .map(|&f| Format::of(f))
            .chain(Container::ALL.iter().map(|&c| Format::container(c)))
    }

    /// The stable name (`fit`, `strong_csv`, `zip`): what the log's ledger records.
    pub fn as_str(self) -> &'static str {
        match self.0 {
            Kind::File(f) => f.name(),
            Kind::Container(c) => c.name(),
        }
    }

    /// What people call it (`FIT`, `Strong CSV`, `zip`).
    pub fn label(self) -> &'static str {
        match self.0 {
            Kind::File(f) => f.label(),
            Kind::Container(c) => c.name(),
        }
    }

    /// Its file-name extensions, lowercase, without the dot.
    pub fn extensions(self) -> &'static [&'static str] {
        match self.0 {
            Kind::File(f) => f.extensions(),
            Kind::Container(c) => c.extensions(),
        }
    }

    /// Whether it is a container (gzip, zip) whose content is read again.
    pub fn is_container(self) -> bool {
        matches!(self.0, Kind::Container(_))
    }

    /// The registry entry, for a format that is not a container.
    pub fn file_format(self) -> Option<&'static dyn FileFormat> {
        match self.0 {
            Kind::File(f) => Some(f),
            Kind::Container(_) => None,
        }
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Format {}

impl Hash for Format {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Format").field(&self.as_str()).finish()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// `items` as people list them: `a`, `a or b`, `a, b or c` (with `and` for `conjunction = "and"`).
pub fn list_for_people<S: AsRef<str>>(items: &[S], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_like_sentences() {
        assert_eq!(list_for_people::<&str>(&[], "or"), "");
        assert_eq!(list_for_people(&["FIT"], "or"), "FIT");
        assert_eq!(list_for_people(&["FIT", "GPX"], "or"), "FIT or GPX");
        assert_eq!(
            list_for_people(&["FIT", "GPX", "TCX"], "and"),
            "FIT, GPX and TCX"
        );
    }

    #[test]
    fn formats_compare_by_name() {
        assert_eq!(Format::of(FORMATS[0]), Format::Fit);
        assert_ne!(Format::Fit, Format::Gpx);
        assert_eq!(format!("{:?}", Format::StrongCsv), "Format(\"strong_csv\")");
        assert_eq!(Format::Zip.to_string(), "zip");
        assert!(Format::Gzip.is_container() && Format::Gzip.file_format().is_none());
        let names: Vec<&str> = Format::all().map(Format::as_str).collect();
        assert_eq!(
            names,
            ["fit", "gpx", "tcx", "strong_csv", "hevy_csv", "gzip", "zip"]
        );
    }
}
