//! Public entry ids: `a12` is activity 12, `l3` is lift (strength session) 3.
//!
//! The prefix says what the id addresses, so `afterlift show a12` and `afterlift delete l3` need no
//! extra flag, and an activity id can never be mistaken for a lift id.

use std::fmt;
use std::str::FromStr;

/// An activity or strength session in the log, by its database row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntryId {
    Activity(i64),
    Lift(i64),
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryId::Activity(n) => write!(f, "a{n}"),
            EntryId::Lift(n) => write!(f, "l{n}"),
        }
    }
}

/// Why a string is not an [`EntryId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an entry id: expected a<N> for an activity (a12) or l<N> for a lift (l3)")]
pub struct ParseEntryIdError(pub String);

impl FromStr for EntryId {
    type Err = ParseEntryIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseEntryIdError(s.to_owned());
        let t = s.trim();
        let (kind, digits) = t.split_at_checked(1).ok_or_else(err)?;
        // Digits only: `i64::from_str` would also take a sign.
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let n: i64 = digits.parse().map_err(|_| err())?;
        match kind {
            "a" | "A" => Ok(EntryId::Activity(n)),
            "l" | "L" => Ok(EntryId::Lift(n)),
            _ => Err(err()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for (s, id) in [
            ("a12", EntryId::Activity(12)),
            ("l3", EntryId::Lift(3)),
            ("a0", EntryId::Activity(0)),
        ] {
            assert_eq!(s.parse::<EntryId>().unwrap(), id);
            assert_eq!(id.to_string(), s);
        }
        assert_eq!(" L7 ".parse::<EntryId>().unwrap(), EntryId::Lift(7));
        for bad in [
            "",
            "a",
            "12",
            "x1",
            "a-1",
            "a+1",
            "a1.5",
            "a99999999999999999999",
            "ab",
        ] {
            assert!(bad.parse::<EntryId>().is_err(), "{bad}");
        }
    }
}
