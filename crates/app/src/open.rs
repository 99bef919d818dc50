//! Opening the log a location names: `sqlite://PATH` or a plain path is a SQLite file (created on first
//! use); `postgres://…` is refused by name until that backend exists. The one place that knows the
//! backends: everything else holds a [`Store`].

use std::path::{Path, PathBuf};

use afterlift_store::Store;

use crate::AppError;

/// A log's location, by backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    Sqlite(PathBuf),
}

/// Reads a `--db` value: `sqlite://PATH`, `sqlite:PATH` or a path.
pub fn location(text: &Path) -> Result<Location, AppError> {
    let Some(s) = text.to_str() else {
        return Ok(Location::Sqlite(text.to_path_buf()));
    };
    if let Some(path) = s
        .strip_prefix("sqlite://")
        .or_else(|| s.strip_prefix("sqlite:"))
    {
        return Ok(Location::Sqlite(PathBuf::from(path)));
    }
    if s.starts_with("postgres://") || s.starts_with("postgresql://") {
        return Err(AppError::Location(
            "a PostgreSQL log (postgres://…) is not supported by this version: use a SQLite file"
                .into(),
        ));
    }
    if let Some((scheme, _)) = s.split_once("://") {
        return Err(AppError::Location(format!(
            "'{scheme}://' is not a kind of log afterlift knows: expected a file path or sqlite://PATH"
        )));
    }
    Ok(Location::Sqlite(text.to_path_buf()))
}

/// Opens the log at `location` for its local athlete.
pub async fn open(location: &Location) -> Result<Store, AppError> {
    match location {
        Location::Sqlite(path) => Ok(afterlift_store_sqlite::open(path).await?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_by_scheme() {
        let p = |s: &str| location(Path::new(s));
        assert_eq!(p("log.db").unwrap(), Location::Sqlite("log.db".into()));
        assert_eq!(
            p("sqlite:///tmp/a.db").unwrap(),
            Location::Sqlite("/tmp/a.db".into())
        );
        assert_eq!(p("sqlite:a.db").unwrap(), Location::Sqlite("a.db".into()));
        assert!(
            p("postgres://coach@db/afterlift")
                .unwrap_err()
                .to_string()
                .contains("PostgreSQL")
        );
        assert!(p("ftp://x").unwrap_err().to_string().contains("ftp://"));
    }
}
