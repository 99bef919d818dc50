//! Opening the log a location names: `sqlite://PATH` or a plain path is a SQLite file (created on first
//! use); `postgres://…` (or `postgresql://…`) is a PostgreSQL database (which must exist; its tables are
//! created on first use). The one place that knows the backends: everything else holds a [`Store`].

use std::path::{Path, PathBuf};

use afterlift_store::Store;

use crate::AppError;

/// A log's location, by backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database, by its URL (which may hold a password: never shown).
    Postgres(String),
}

impl std::fmt::Display for Location {
    /// The location for people and logs: a PostgreSQL URL without its password or parameters.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&without_secrets(url)),
        }
    }
}

/// `scheme://user:password@host/db?params` as `scheme://user@host/db`: the parameters may hold a
/// password too, so they go as well.
fn without_secrets(url: &str) -> String {
    let base = url.split(['?', '#']).next().unwrap_or(url);
    let Some((scheme, rest)) = base.split_once("://") else {
        return String::from("a PostgreSQL URL");
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or("");
            format!("{user}@{host}")
        }
        None => authority.to_owned(),
    };
    format!("{scheme}://{authority}{path}")
}

/// Reads a `--db` value: `postgres://…`, `postgresql://…`, `sqlite://PATH`, `sqlite:PATH` or a path.
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
        return Ok(Location::Postgres(s.to_owned()));
    }
    if let Some((scheme, _)) = s.split_once("://") {
        return Err(AppError::Location(format!(
            "'{scheme}://' is not a kind of log afterlift knows: expected a file path, sqlite://PATH or postgres://URL"
        )));
    }
    Ok(Location::Sqlite(text.to_path_buf()))
}

/// Opens the log at `location` for its local athlete.
pub async fn open(location: &Location) -> Result<Store, AppError> {
    match location {
        Location::Sqlite(path) => Ok(afterlift_store_sqlite::open(path).await?),
        Location::Postgres(url) => Ok(afterlift_store_postgres::open(url).await?),
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
        assert_eq!(
            p("postgres://coach:pw@db/afterlift").unwrap(),
            Location::Postgres("postgres://coach:pw@db/afterlift".into())
        );
        assert_eq!(
            p("postgresql://db/afterlift").unwrap(),
            Location::Postgres("postgresql://db/afterlift".into())
        );
        assert!(p("ftp://x").unwrap_err().to_string().contains("ftp://"));
    }

    /// A location is shown without a password, wherever the URL holds one.
    #[test]
    fn locations_are_shown_without_passwords() {
        let shown = |s: &str| location(Path::new(s)).unwrap().to_string();
        assert_eq!(
            shown("postgres://coach:s3cret@db:5432/afterlift"),
            "postgres://coach@db:5432/afterlift"
        );
        assert_eq!(
            shown("postgresql://db/afterlift?password=s3cret&sslmode=require"),
            "postgresql://db/afterlift"
        );
        assert_eq!(
            shown("postgres://a:b:c@d@host/x"),
            "postgres://a@host/x",
            "the last @ ends the user information"
        );
        assert_eq!(shown("/tmp/log.db"), "/tmp/log.db");
    }
}
