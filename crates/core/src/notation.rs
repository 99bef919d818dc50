//! The short set notation people type: `squat 5x5@100, rdl 3x8@80 rpe 8`.
//!
//! Grammar, per comma- or semicolon-separated item: `NAME SETSxREPS[@KG][ rpe R]`, where the
//! name is any text (it is resolved against the catalogue later), `SETSx` may be left out for a single
//! set, `kg` may be written after the load (`@100kg`), and `lb` converts to kilograms.
//! `--sets` alone (`5x5@100`) uses [`parse_sets`].

use crate::contract::{ExerciseInput, SetInput};

/// Why a piece of notation could not be read; `item` is the text that failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("'{item}': {expected}")]
pub struct NotationError {
    pub item: String,
    pub expected: String,
}

/// One pound in kilograms (exact, by the international yard and pound agreement of 1959).
pub const KG_PER_LB: f64 = 0.453_592_37;

/// A weight as people read it: kilograms to 0.1, without a trailing `.0` (`31.8`, `100`). Stored weights keep
/// their precision (70 lb is 31.751465… kg); only what is written for people is rounded.
pub fn kg_text(kg: f64) -> String {
    let tenths = (kg * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

/// A set as people read it: `6×31.8 kg`, `8 reps`, `45 kg`, `1:30`, `1.5 km in 12:00`, `40 m × 32 kg`.
pub fn set_text(
    reps: Option<u32>,
    kg: Option<f64>,
    duration_s: Option<f64>,
    distance_m: Option<f64>,
) -> String {
    let load = match (reps, kg) {
        (Some(r), Some(kg)) => Some(format!("{r}×{} kg", kg_text(kg))),
        (Some(r), None) => Some(format!("{r} reps")),
        (None, Some(kg)) => Some(format!("{} kg", kg_text(kg))),
        (None, None) => None,
    };
    let distance = distance_m.map(|m| {
        if m >= 1000.0 {
            format!("{} km", kg_text(m / 1000.0))
        } else {
            format!("{m:.0} m")
        }
    });
    let time = duration_s.map(|s| {
        let s = s.round() as u64;
        if s >= 3600 {
            format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
        } else {
            format!("{}:{:02}", s / 60, s % 60)
        }
    });
    let moved = match (distance, time) {
        (Some(d), Some(t)) => Some(format!("{d} in {t}")),
        (d, t) => d.or(t),
    };
    match (moved, load) {
        (Some(m), Some(l)) => format!("{m} × {l}"),
        (m, l) => m.or(l).unwrap_or_else(|| "·".to_owned()),
    }
}

/// Parses `squat 5x5@100, rdl 3x8@80 rpe 8` into exercises with their sets.
pub fn parse_lifted(text: &str) -> Result<Vec<ExerciseInput>, NotationError> {
    let mut exercises = Vec::new();
    for item in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        exercises.push(parse_item(item)?);
    }
    if exercises.is_empty() {
        return Err(NotationError {
            item: text.to_string(),
            expected: "expected at least one exercise, e.g. \"squat 5x5@100, rdl 3x8@80\"".into(),
        });
    }
    Ok(exercises)
}

/// Parses the sets part alone: `5x5@100`, `3x8@80 rpe 8`, `1x3@140kg`, `12` (one set of 12).
pub fn parse_sets(text: &str) -> Result<Vec<SetInput>, NotationError> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    match split_scheme(&tokens, text)? {
        Some((sets, [])) => Ok(sets),
        _ => Err(bad(text, SCHEME_HELP)),
    }
}

const SCHEME_HELP: &str = "expected SETSxREPS[@KG] [rpe R], e.g. 5x5@100 or 3x8@80 rpe 8";

fn parse_item(item: &str) -> Result<ExerciseInput, NotationError> {
    let tokens: Vec<&str> = item.split_whitespace().collect();
    // The scheme is the first token that starts with a digit; everything before it is the name.
    let Some(scheme_at) = tokens
        .iter()
        .position(|t| t.starts_with(|c: char| c.is_ascii_digit()))
    else {
        // A bare name ("plank") is an exercise with no sets given.
        return Ok(ExerciseInput {
            name: item.to_string(),
            sets: Vec::new(),
        });
    };
    if scheme_at == 0 {
        return Err(bad(
            item,
            "expected an exercise name before the sets, e.g. \"squat 5x5@100\"",
        ));
    }
    let name = tokens[..scheme_at].join(" ");
    match split_scheme(&tokens[scheme_at..], item)? {
        Some((sets, [])) => Ok(ExerciseInput { name, sets }),
        _ => Err(bad(item, SCHEME_HELP)),
    }
}

/// The sets read from the front of the tokens, and the tokens left over.
type Scheme<'t> = (Vec<SetInput>, &'t [&'t str]);

/// Reads `SETSxREPS[@KG] [rpe R]` from the front of `tokens`; returns the sets and what is left.
fn split_scheme<'t>(
    tokens: &'t [&'t str],
    item: &str,
) -> Result<Option<Scheme<'t>>, NotationError> {
    let Some((&scheme, mut rest)) = tokens.split_first() else {
        return Ok(None);
    };
    let (count_reps, load) = match scheme.split_once('@') {
        Some((cr, load)) => (cr, Some(load)),
        None => (scheme, None),
    };
    let (sets, reps) = match count_reps.split_once(['x', 'X', '×']) {
        Some((s, r)) => (parse_count(s, item, "sets")?, parse_count(r, item, "reps")?),
        None => (1, parse_count(count_reps, item, "reps")?),
    };
    if sets == 0 || sets > 100 {
        return Err(bad(item, "expected between 1 and 100 sets"));
    }
    let kg = match load {
        Some(load) => Some(parse_load(load, item)?),
        None => None,
    };
    let mut rpe = None;
    if let Some((&first, after)) = rest.split_first()
        && first.eq_ignore_ascii_case("rpe")
    {
        let (&value, after) = after
            .split_first()
            .ok_or_else(|| bad(item, "expected a number after 'rpe', e.g. rpe 8"))?;
        rpe = Some(parse_number(value, item, "an RPE between 1 and 10")?);
        rest = after;
    } else if let Some((&first, after)) = rest.split_first()
        && let Some(value) = first
            .strip_prefix("rpe")
            .or_else(|| first.strip_prefix("RPE"))
    {
        rpe = Some(parse_number(value, item, "an RPE between 1 and 10")?);
        rest = after;
    }
    let set = SetInput { reps, kg, rpe };
    Ok(Some((vec![set; sets as usize], rest)))
}

fn parse_count(text: &str, item: &str, what: &str) -> Result<u32, NotationError> {
    text.trim().parse::<u32>().map_err(|_| {
        bad(
            item,
            &format!("expected a whole number of {what}, found '{text}'"),
        )
    })
}

fn parse_load(text: &str, item: &str) -> Result<f64, NotationError> {
    let lower = text.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = lower.strip_suffix("kg") {
        (n, 1.0)
    } else if let Some(n) = lower
        .strip_suffix("lbs")
        .or_else(|| lower.strip_suffix("lb"))
    {
        (n, KG_PER_LB)
    } else {
        (lower.as_str(), 1.0)
    };
    Ok(parse_number(number, item, "a load in kg after '@', e.g. @100 or @225lb")? * factor)
}

fn parse_number(text: &str, item: &str, expected: &str) -> Result<f64, NotationError> {
    match text.trim().replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(bad(item, &format!("expected {expected}, found '{text}'"))),
    }
}

fn bad(item: &str, expected: &str) -> NotationError {
    NotationError {
        item: item.to_string(),
        expected: expected.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(reps: u32, kg: Option<f64>, rpe: Option<f64>) -> SetInput {
        SetInput { reps, kg, rpe }
    }

    #[test]
    fn sets_as_people_read_them() {
        assert_eq!(kg_text(31.751_465_900_000_003), "31.8");
        assert_eq!(kg_text(100.0), "100");
        assert_eq!(kg_text(102.46), "102.5");
        assert_eq!(kg_text(0.04), "0");
        assert_eq!(
            set_text(Some(6), Some(70.0 * KG_PER_LB), None, None),
            "6×31.8 kg"
        );
        assert_eq!(set_text(Some(8), None, None, None), "8 reps");
        assert_eq!(set_text(None, None, Some(90.0), None), "1:30");
        assert_eq!(set_text(None, None, Some(3725.0), None), "1:02:05");
        assert_eq!(
            set_text(None, None, Some(720.0), Some(1.5 * 1609.344)),
            "2.4 km in 12:00"
        );
        assert_eq!(
            set_text(None, Some(32.0), Some(45.0), Some(40.0)),
            "40 m in 0:45 × 32 kg"
        );
        assert_eq!(set_text(None, None, None, None), "·");
    }

    #[test]
    fn parses_the_readme_example() {
        let got = parse_lifted("squat 5x5@100, rdl 3x8@80").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].name, "squat");
        assert_eq!(got[0].sets, vec![set(5, Some(100.0), None); 5]);
        assert_eq!(got[1].name, "rdl");
        assert_eq!(got[1].sets, vec![set(8, Some(80.0), None); 3]);
    }

    #[test]
    fn multi_word_names_rpe_units_and_bare_names() {
        let got =
            parse_lifted("Romanian Deadlift (Barbell) 3x8@80 rpe 8; bench 1x5@225lb rpe9; plank")
                .unwrap();
        assert_eq!(got[0].name, "Romanian Deadlift (Barbell)");
        assert_eq!(got[0].sets[0], set(8, Some(80.0), Some(8.0)));
        assert_eq!(got[1].sets.len(), 1);
        let kg = got[1].sets[0].kg.unwrap();
        assert!((kg - 102.058).abs() < 0.01, "225 lb = {kg} kg");
        assert_eq!(got[1].sets[0].rpe, Some(9.0));
        assert_eq!(got[2].name, "plank");
        assert!(got[2].sets.is_empty());
    }

    #[test]
    fn single_set_without_count_and_bodyweight() {
        assert_eq!(parse_sets("12").unwrap(), vec![set(12, None, None)]);
        assert_eq!(parse_sets("3x10").unwrap(), vec![set(10, None, None); 3]);
        assert_eq!(
            parse_sets("2x3@140kg").unwrap(),
            vec![set(3, Some(140.0), None); 2]
        );
    }

    #[test]
    fn errors_name_the_item_and_what_was_expected() {
        let err = parse_lifted("squat 5xfive@100").unwrap_err();
        assert_eq!(err.item, "squat 5xfive@100");
        assert!(err.expected.contains("whole number of reps"), "{err}");
        let err = parse_lifted("squat 5x5@heavy").unwrap_err();
        assert!(err.expected.contains("load in kg"), "{err}");
        let err = parse_lifted("5x5@100").unwrap_err();
        assert!(err.expected.contains("exercise name"), "{err}");
        let err = parse_lifted(" , ").unwrap_err();
        assert!(err.expected.contains("at least one exercise"), "{err}");
        let err = parse_lifted("squat 5x5@100 extra words").unwrap_err();
        assert!(err.expected.contains("SETSxREPS"), "{err}");
        assert!(parse_lifted("squat 0x5").is_err());
        assert!(parse_lifted("squat 5x5 rpe").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,60}") {
            let _ = parse_lifted(&text);
            let _ = parse_sets(&text);
        }
    }
}
