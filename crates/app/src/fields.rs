//! Reading contract types from JSON so that every mistake is named: malformed JSON by line and column,
//! a wrong field by its path (`athlete.age`) and what was expected. Shared by the CLI (`--input`) and the
//! HTTP API (request bodies).

use afterlift_core::contract::FieldError;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why a JSON document could not be read into a contract type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// Not JSON at all (or cut short): where it went wrong.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Malformed {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON with a wrong field.
    #[error("{0}")]
    Field(FieldError),
}

/// Reads `T` from JSON bytes. A key given twice in one object is refused (serde_json would keep the last
/// silently), named by its path.
pub fn from_json_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, JsonError> {
    // Malformed JSON is reported by the reading below, as before: it names the field it was in.
    if let Err(e @ JsonError::Field(_)) = no_duplicate_keys(bytes) {
        return Err(e);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        classify(&path, err.into_inner())
    })?;
    de.end().map_err(|e| classify("", e))?;
    Ok(value)
}

fn classify(path: &str, inner: serde_json::Error) -> JsonError {
    if inner.is_syntax() || inner.is_eof() || inner.is_io() {
        return JsonError::Malformed {
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()).to_string(),
        };
    }
    let (field, message) = describe_serde_error(path, strip_position(&inner.to_string()));
    JsonError::Field(FieldError { field, message })
}

/// A key that appears twice in one object, anywhere in the document: named by its path (`sets[0].kg`).
/// A first pass over the text with a visitor that keeps each object's keys; the document is not built.
pub fn no_duplicate_keys(bytes: &[u8]) -> Result<(), JsonError> {
    use serde::de::DeserializeSeed;
    let found = std::cell::RefCell::new(None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let walked = Walk {
        path: String::new(),
        duplicate: &found,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    match (found.into_inner(), walked) {
        (Some(field), _) => Err(JsonError::Field(FieldError {
            message: format!(
                "duplicate key: `{}` is given more than once in this object; give each key once",
                last_key(&field)
            ),
            field,
        })),
        (None, Err(e)) => Err(classify("", e)),
        (None, Ok(())) => Ok(()),
    }
}

/// The key a path ends with (`kg` of `sets[0].kg`).
fn last_key(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// The duplicate-key pass: visits every value, keeping the keys of each object; the first key seen twice
/// is recorded in `duplicate` and ends the walk.
struct Walk<'a> {
    path: String,
    duplicate: &'a std::cell::RefCell<Option<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(Walk {
                path: format!("{}[{i}]", self.path),
                duplicate: self.duplicate,
            })?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            if !seen.insert(key) {
                *self.duplicate.borrow_mut() = Some(path);
                return Err(serde::de::Error::custom("duplicate key"));
            }
            map.next_value_seed(Walk {
                path,
                duplicate: self.duplicate,
            })?;
        }
        Ok(())
    }
}

/// Reads `T` from a JSON value, naming the failing field by its path.
pub fn from_json_value<T: DeserializeOwned>(doc: Value) -> Result<T, FieldError> {
    serde_path_to_error::deserialize(doc).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        let (field, message) = describe_serde_error(&path, &inner);
        FieldError { field, message }
    })
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

/// Turns serde's wording into "field: what was expected".
pub fn describe_serde_error(path: &str, inner: &str) -> (String, String) {
    let path = if path == "." {
        String::new()
    } else {
        path.to_string()
    };
    if let Some(rest) = inner.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let field = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        let message = format!(
            "missing: expected {}",
            expected(&field).unwrap_or("a value")
        );
        return (field, message);
    }
    if let Some(rest) = inner.strip_prefix("unknown field `") {
        // serde_path_to_error's path already ends at the unknown field.
        let name = rest.split('`').next().unwrap_or_default();
        let field = match (path.is_empty(), name.is_empty()) {
            (false, _) => path,
            (true, false) => name.to_string(),
            // The key is the empty string: name it as JSON spells it, so the error still names a field.
            (true, true) => "\"\"".to_string(),
        };
        let allowed = rest
            .split_once("expected ")
            .map(|(_, e)| e)
            .unwrap_or("a known field");
        return (field, format!("unknown field: expected {allowed}"));
    }
    let found = inner
        .strip_prefix("invalid type: ")
        .or_else(|| inner.strip_prefix("invalid value: "))
        .and_then(|r| r.split(", expected").next())
        .map(|f| format!(", found {f}"))
        .unwrap_or_default();
    let message = match expected(&path) {
        Some(e) => format!("expected {e}{found}"),
        None => inner.to_string(),
    };
    (
        if path.is_empty() {
            "request".into()
        } else {
            path
        },
        message,
    )
}

/// What each field of the contract's requests holds, in words.
fn expected(path: &str) -> Option<&'static str> {
    let leaf = path.rsplit('.').next().unwrap_or(path);
    let leaf = leaf.split('[').next().unwrap_or(leaf);
    Some(match leaf {
        "athlete" => "an object with age, sex, weight_kg and goal",
        "planned" => {
            "an object with kind (easy, tempo, intervals, long or none) and optional minutes"
        }
        "age" => "a number of years",
        "sex" => "male or female",
        "weight_kg" => "a number of kilograms",
        "resting_hr" | "max_hr" | "avg_hr" => "a heart rate in bpm",
        "hrv_rmssd_ms" => "an rMSSD in milliseconds",
        "goal" => "strength, hypertrophy, endurance, general or fat_loss",
        "concurrent_weeks" => "a whole number of weeks",
        "injury_prone" | "pain" | "illness" => "true or false",
        "focus" => "upper, lower or full",
        "load" => "light, moderate or heavy",
        "kind" => "easy, tempo, intervals, long or none",
        "minutes" => "a number of minutes",
        "rpe" => "an RPE from 1 to 10",
        "ended_at" | "now" | "started_at" => "an RFC 3339 time such as 2026-11-24T18:30:00Z",
        "exercises" => "a list of {\"name\", \"sets\"}",
        "sets" => "a list of {\"reps\", \"kg\"?, \"rpe\"?}",
        "name" => "an exercise name",
        "reps" => "a whole number of reps",
        "kg" => "a load in kilograms",
        "sleep_hours" => "hours of sleep",
        "sleep_quality" | "fatigue" | "soreness" | "stress" | "mood" => {
            "a whole number from 1 (very good) to 7 (very bad)"
        }
        "time_zone" => "an IANA time zone such as Europe/Berlin",
        "distance_m" => "a distance in metres",
        "time_s" => "a time in seconds",
        "speed_kmh" => "a speed in km/h",
        "activity" => "run, walk, cycle, elliptical, row, swim or lift",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::contract::AdviceRequest;

    #[test]
    fn serde_errors_are_named_by_field() {
        let (f, m) = describe_serde_error("athlete", "missing field `age`");
        assert_eq!(
            (f.as_str(), m.as_str()),
            ("athlete.age", "missing: expected a number of years")
        );
        let (f, m) =
            describe_serde_error("athlete.age", "invalid type: string \"old\", expected f64");
        assert_eq!(f, "athlete.age");
        assert_eq!(m, "expected a number of years, found string \"old\"");
        let (f, m) = describe_serde_error(
            "athlete.wieght_kg",
            "unknown field `wieght_kg`, expected one of `age`, `sex`",
        );
        assert_eq!(f, "athlete.wieght_kg");
        assert!(m.starts_with("unknown field: expected one of"), "{m}");
    }

    #[test]
    fn malformed_json_has_a_position_and_wrong_fields_a_path() {
        let err = from_json_slice::<AdviceRequest>(b"{\n  \"athlete\": {,\n}").unwrap_err();
        assert!(
            matches!(err, JsonError::Malformed { line: 2, .. }),
            "{err:?}"
        );
        let err = from_json_slice::<AdviceRequest>(
            br#"{"athlete": {"age": "old"}, "planned": {"kind": "easy"}}"#,
        )
        .unwrap_err();
        let JsonError::Field(f) = err else {
            panic!("{err:?}")
        };
        assert_eq!(f.field, "athlete.age");
        assert!(!f.message.contains("line"), "{}", f.message);
        let err = from_json_slice::<Value>(b"{} x").unwrap_err();
        assert!(matches!(err, JsonError::Malformed { .. }), "{err:?}");
    }
}

#[cfg(test)]
mod strict_tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_named_wherever_it_is() {
        for (doc, field) in [
            (r#"{"a": 1, "a": 2}"#, "a"),
            (r#"{"a": {"b": [1, {"c": 1, "d": 2, "c": 3}]}}"#, "a.b[1].c"),
            (r#"[{"x": 1}, {"x": 1, "x": 1}]"#, "[1].x"),
        ] {
            match no_duplicate_keys(doc.as_bytes()) {
                Err(JsonError::Field(f)) => {
                    assert_eq!(f.field, field, "{doc}");
                    assert!(f.message.contains("duplicate key"), "{}", f.message);
                }
                other => panic!("{doc}: {other:?}"),
            }
        }
        assert_eq!(
            no_duplicate_keys(br#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#),
            Ok(())
        );
        assert!(matches!(
            no_duplicate_keys(b"{\"a\": "),
            Err(JsonError::Malformed { .. })
        ));
        // Deeply nested input is refused, not a stack overflow.
        let deep = "[".repeat(100_000);
        assert!(no_duplicate_keys(deep.as_bytes()).is_err());
    }
}
