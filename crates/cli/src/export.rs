//! `afterlift export`: everything in the log (placeholder until the export format lands).

use std::process::ExitCode;

use crate::args::{ExportArgs, Global};
use crate::failure::Failure;

pub fn run(_args: ExportArgs, global: &Global) -> Result<ExitCode, Failure> {
    Err(Failure::invalid(
        "export",
        "not implemented yet",
        global.json,
    ))
}
