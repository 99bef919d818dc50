//! The exercise catalogue and the athlete's aliases: listing and searching the catalogue, and keeping
//! the athlete's own names for its exercises (`Beinpresse` → `Leg Press`), which every use case
//! that resolves a logged name reads ([`aliases`]): advice (through the status snapshot), status and plans.

use std::collections::HashMap;

use afterlift_core::catalogue::{Alias, AliasError, Aliases, Resolution, catalogue};
use afterlift_core::contract::{CatalogueExercise, FieldError, InvalidRequest, UnknownExercise};
use afterlift_core::session::StrengthSession;
use afterlift_store::Store;

use crate::AppError;

/// The athlete's aliases as the catalogue reads them (entries whose exercise this catalogue no longer
/// knows are left out).
pub async fn aliases(store: &Store) -> Result<Aliases, AppError> {
    let stored = store.aliases().await?;
    Ok(Aliases::from_pairs(
        stored.into_iter().map(|a| (a.name, a.exercise)),
    ))
}

/// The catalogue, or the exercises matching `query`, in catalogue order. A query matches an exercise when
/// each of its words is part of the exercise's name, one of the catalogue's names for it, or one of the
/// athlete's aliases for it (`press leg` finds `Leg Press`). When nothing matches that way, the exercise
/// the query resolves to, or the close match suggested for it (a typo: `sqaut`), is the answer.
pub fn search(query: Option<&str>, aliases: &Aliases) -> Vec<CatalogueExercise> {
    let cat = catalogue();
    let words: Vec<String> = query.map(words).unwrap_or_default();
    if words.is_empty() {
        return cat
            .exercises()
            .iter()
            .map(CatalogueExercise::from)
            .collect();
    }
    let found: Vec<CatalogueExercise> = cat
        .exercises()
        .iter()
        .filter(|e| {
            let names: Vec<String> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(
                    aliases
                        .iter()
                        .filter(|a| a.exercise == e.name)
                        .map(|a| &a.name),
                )
                .map(|n| n.to_lowercase())
                .collect();
            words.iter().all(|w| names.iter().any(|n| n.contains(w)))
        })
        .map(CatalogueExercise::from)
        .collect();
    if !found.is_empty() {
        return found;
    }
    let query = query.unwrap_or_default();
    let resolved = cat.resolve_with(query, aliases);
    let exercise = resolved.exercise().or(match &resolved {
        afterlift_core::catalogue::Resolution::Unknown { suggestion, .. } => *suggestion,
        _ => None,
    });
    exercise.map(CatalogueExercise::from).into_iter().collect()
}

/// The lowercase words of a query (letters and digits).
fn words(query: &str) -> Vec<String> {
    query
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The exercise names of `lifts` the catalogue cannot read (with `aliases`), with the number of sets logged
/// under each and a suggestion when one is good; most sets first, then by name.
pub fn unknown_in(lifts: &[StrengthSession], aliases: &Aliases) -> Vec<UnknownExercise> {
    let cat = catalogue();
    let mut read: HashMap<&str, Option<Option<String>>> = HashMap::new();
    let mut sets: HashMap<&str, u32> = HashMap::new();
    for exercise in lifts.iter().flat_map(|l| &l.exercises) {
        let name = exercise.name.as_str();
        let unknown = read
            .entry(name)
            .or_insert_with(|| match cat.resolve_with(name, aliases) {
                Resolution::Unknown { suggestion, .. } => Some(suggestion.map(|e| e.name.clone())),
                _ => None,
            });
        if unknown.is_some() {
            *sets.entry(name).or_default() += exercise.sets.len() as u32;
        }
    }
    let mut unknown: Vec<UnknownExercise> = sets
        .into_iter()
        .map(|(name, count)| UnknownExercise {
            name: name.to_owned(),
            suggestion: read.get(name).cloned().flatten().flatten(),
            sets: Some(count),
        })
        .collect();
    unknown.sort_by(|a, b| b.sets.cmp(&a.sets).then_with(|| a.name.cmp(&b.name)));
    unknown
}

/// Checks `name` → `exercise` against the catalogue ([`Aliases::check`]) and keeps it; returns the alias
/// as kept (the exercise by its catalogue name). A wrong one is named: `name` or `exercise`.
pub async fn set_alias(store: &Store, name: &str, exercise: &str) -> Result<Alias, AppError> {
    let alias = Aliases::check(name, exercise).map_err(invalid)?;
    store.set_alias(&alias).await?;
    Ok(alias)
}

/// A rejected alias as the field it is about.
pub fn invalid(e: AliasError) -> AppError {
    let field = match e {
        AliasError::EmptyName | AliasError::AlreadyKnown { .. } => "name",
        AliasError::UnknownTarget { .. } => "exercise",
    };
    AppError::Invalid(InvalidRequest {
        errors: vec![FieldError {
            field: field.into(),
            message: e.to_string(),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use afterlift_core::session::{ExerciseLog, SetLog};

    #[test]
    fn unknown_names_with_their_sets_most_first() {
        let exercise = |name: &str, sets: usize| ExerciseLog {
            name: name.to_owned(),
            sets: vec![SetLog::working(Some(5), Some(50.0), None); sets],
        };
        let lift = |exercises: Vec<ExerciseLog>| StrengthSession {
            started_at: "2026-01-01T10:00:00Z".parse().unwrap(),
            duration_s: None,
            title: None,
            rpe: None,
            source: "strong".into(),
            exercises,
        };
        let lifts = [
            lift(vec![
                exercise("Squat (Barbell)", 5),
                exercise("Zorblax Press", 2),
                exercise("Leg Press Hammer Strength Blue", 3),
            ]),
            lift(vec![
                exercise("Zorblax Press", 3),
                exercise("Beinpresse", 4),
            ]),
        ];
        let none = Aliases::new();
        let found = unknown_in(&lifts, &none);
        let summary: Vec<(&str, Option<u32>, Option<&str>)> = found
            .iter()
            .map(|u| (u.name.as_str(), u.sets, u.suggestion.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Zorblax Press", Some(5), None),
                ("Beinpresse", Some(4), None),
                ("Leg Press Hammer Strength Blue", Some(3), Some("Leg Press")),
            ]
        );
        let mut mine = Aliases::new();
        mine.insert(Aliases::check("Beinpresse", "Leg Press").unwrap());
        let found = unknown_in(&lifts, &mine);
        assert!(found.iter().all(|u| u.name != "Beinpresse"), "{found:?}");
    }

    #[test]
    fn search_by_words_names_aliases_and_typos() {
        let none = Aliases::new();
        assert_eq!(search(None, &none).len(), catalogue().exercises().len());
        let names = |q: &str, a: &Aliases| -> Vec<String> {
            search(Some(q), a).into_iter().map(|e| e.name).collect()
        };
        assert!(names("press leg", &none).contains(&"Leg Press".to_string()));
        assert!(
            names("rdl", &none).iter().any(|n| n.contains("Romanian")),
            "the catalogue's own aliases are searched"
        );
        assert_eq!(names("Sqaut (Barbell)", &none), vec!["Squat (Barbell)"]);
        assert!(names("zzzz qqqq", &none).is_empty());
        let mut mine = Aliases::new();
        mine.insert(Aliases::check("Beinpresse", "Leg Press").unwrap());
        assert!(names("beinpresse", &none).is_empty());
        assert_eq!(names("beinpresse", &mine), vec!["Leg Press"]);
    }

    #[test]
    fn a_rejected_alias_names_its_field() {
        let field =
            |name: &str, exercise: &str| match invalid(Aliases::check(name, exercise).unwrap_err())
            {
                AppError::Invalid(i) => i.errors[0].field.clone(),
                other => panic!("{other}"),
            };
        assert_eq!(field("", "Leg Press"), "name");
        assert_eq!(field("Squat (Barbell)", "Leg Press"), "name");
        assert_eq!(field("Technogym", "Leg Pres Machine Thing"), "exercise");
    }
}
