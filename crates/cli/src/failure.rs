//! How a command fails: invalid input (exit 2) or a runtime failure (exit 1), rendered for people on
//! stderr, or as a JSON object on stdout under `--json`.

use std::process::ExitCode;

use afterlift_core::contract::{FieldError, InvalidRequest};
use owo_colors::OwoColorize;

#[derive(Debug)]
pub enum Failure {
    /// The input was wrong: each field and what was expected.
    Invalid { errors: Vec<FieldError>, json: bool },
    /// Something went wrong running the command.
    Runtime { error: anyhow::Error, json: bool },
}

pub const EXIT_FAILED: u8 = 1;
pub const EXIT_INVALID: u8 = 2;

impl Failure {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>, json: bool) -> Failure {
        Failure::Invalid {
            errors: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
            json,
        }
    }

    pub fn from_invalid(err: InvalidRequest, json: bool) -> Failure {
        Failure::Invalid {
            errors: err.errors,
            json,
        }
    }

    pub fn runtime(error: impl Into<anyhow::Error>, json: bool) -> Failure {
        Failure::Runtime {
            error: error.into(),
            json,
        }
    }

    pub fn report(self) -> ExitCode {
        match self {
            Failure::Invalid { errors, json: true } => {
                let _ = crate::output::json(
                    &serde_json::json!({ "error": "invalid_input", "errors": errors }),
                );
                ExitCode::from(EXIT_INVALID)
            }
            Failure::Invalid {
                errors,
                json: false,
            } => {
                let mut err = anstream::stderr();
                for e in &errors {
                    let _ = writeln_err(
                        &mut err,
                        &format!(
                            "{} {}: {}",
                            "error:".red().bold(),
                            e.field.bold(),
                            e.message
                        ),
                    );
                }
                ExitCode::from(EXIT_INVALID)
            }
            Failure::Runtime { error, json: true } => {
                let _ = crate::output::json(
                    &serde_json::json!({ "error": "failed", "message": format!("{error:#}") }),
                );
                ExitCode::from(EXIT_FAILED)
            }
            Failure::Runtime { error, json: false } => {
                let mut err = anstream::stderr();
                let _ = writeln_err(&mut err, &format!("{} {error:#}", "error:".red().bold()));
                ExitCode::from(EXIT_FAILED)
            }
        }
    }
}

fn writeln_err(w: &mut impl std::io::Write, line: &str) -> std::io::Result<()> {
    writeln!(w, "{line}")
}
