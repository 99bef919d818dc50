//! `afterlift exercises [QUERY]`, `exercises alias NAME EXERCISE`, `exercises aliases`,
//! `exercises unalias NAME`: the catalogue, and the athlete's own names for its exercises.

use std::io::Write;
use std::process::ExitCode;

use afterlift_core::catalogue::Alias;
use afterlift_core::contract::CatalogueExercise;
use owo_colors::OwoColorize;

use crate::advise::app_failure;
use crate::args::{ExercisesArgs, ExercisesCommand, Global};
use crate::failure::Failure;
use crate::{db, output};

pub fn run(args: ExercisesArgs, global: &Global) -> Result<ExitCode, Failure> {
    let json = global.json;
    match args.command {
        None => {
            let query = args.query.join(" ");
            let query = Some(query.as_str()).filter(|q| !q.trim().is_empty());
            let found = db::with_store(global, async |s| {
                let aliases = afterlift_app::exercises::aliases(s)
                    .await
                    .map_err(|e| app_failure(e, json))?;
                Ok(afterlift_app::exercises::search(query, &aliases))
            })?;
            if json {
                output::json(&found)
            } else {
                output::human(|out| list(out, &found, query))
            }
            .map_err(|e| Failure::runtime(e, json))?;
        }
        Some(ExercisesCommand::Alias { name, exercise }) => {
            let alias = db::with_store(global, async |s| {
                afterlift_app::exercises::set_alias(s, &name, &exercise)
                    .await
                    .map_err(|e| alias_failure(e, json))
            })?;
            if json {
                output::json(&alias)
            } else {
                output::human(|out| {
                    writeln!(
                        out,
                        "'{}' now reads as {} in advice, status and plans.",
                        alias.name, alias.exercise
                    )
                })
            }
            .map_err(|e| Failure::runtime(e, json))?;
        }
        Some(ExercisesCommand::Aliases) => {
            let all = db::with_store(global, async |s| {
                s.aliases().await.map_err(|e| Failure::runtime(e, json))
            })?;
            if json {
                output::json(&all)
            } else {
                output::human(|out| aliases(out, &all))
            }
            .map_err(|e| Failure::runtime(e, json))?;
        }
        Some(ExercisesCommand::Unalias { name }) => {
            let removed = db::with_store(global, async |s| {
                s.delete_alias(&name)
                    .await
                    .map_err(|e| Failure::runtime(e, json))
            })?;
            let Some(removed) = removed else {
                return Err(Failure::invalid(
                    "NAME",
                    format!("no alias '{name}': `afterlift exercises aliases` lists them"),
                    json,
                ));
            };
            if json {
                output::json(&removed)
            } else {
                output::human(|out| {
                    writeln!(
                        out,
                        "Forgot '{}' (it read as {}).",
                        removed.name, removed.exercise
                    )
                })
            }
            .map_err(|e| Failure::runtime(e, json))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An alias's wrong field, named by the argument that gave it.
fn alias_failure(e: afterlift_app::AppError, json: bool) -> Failure {
    match e {
        afterlift_app::AppError::Invalid(mut i) => {
            for f in &mut i.errors {
                f.field = match f.field.as_str() {
                    "name" => "NAME".into(),
                    "exercise" => "EXERCISE".into(),
                    _ => std::mem::take(&mut f.field),
                };
            }
            Failure::from_invalid(i, json)
        }
        other => app_failure(other, json),
    }
}

fn muscles(m: &[afterlift_core::catalogue::Muscle]) -> String {
    m.iter().map(|m| m.label()).collect::<Vec<_>>().join(", ")
}

fn list(
    out: &mut dyn Write,
    found: &[CatalogueExercise],
    query: Option<&str>,
) -> std::io::Result<()> {
    if found.is_empty() {
        return writeln!(
            out,
            "No exercise matches '{}'. Try fewer or shorter words, or list them all: afterlift exercises",
            query.unwrap_or_default()
        );
    }
    let width = found
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(48);
    for e in found {
        writeln!(
            out,
            "{:<width$}  {:<5}  {:<15}  {}",
            e.name.bold(),
            e.region.as_str(),
            e.pattern.as_str(),
            muscles(&e.primary)
        )?;
    }
    if query.is_some() {
        writeln!(
            out,
            "{}",
            format!(
                "{} found. Log a name of your own as one of these: afterlift exercises alias \"YOUR NAME\" \"{}\"",
                found.len(),
                found[0].name
            )
            .dimmed()
        )?;
    }
    Ok(())
}

fn aliases(out: &mut dyn Write, all: &[Alias]) -> std::io::Result<()> {
    if all.is_empty() {
        return writeln!(
            out,
            "No aliases yet. Add one: afterlift exercises alias \"Beinpresse\" \"Leg Press\""
        );
    }
    let width = all
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(0);
    for a in all {
        writeln!(out, "{:<width$}  →  {}", a.name, a.exercise)?;
    }
    Ok(())
}
