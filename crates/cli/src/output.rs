//! Writing to stdout without panicking: a closed pipe (`afterlift … | head`) ends the output quietly.

use std::io::{ErrorKind, Write};

use serde::Serialize;

/// Pretty JSON and a newline on stdout.
pub fn json<T: Serialize>(value: &T) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let result = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out));
    quiet_pipe(result)
}

/// Human output through anstream (colour only on a terminal, NO_COLOR honoured).
pub fn human(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = anstream::stdout().lock();
    quiet_pipe(write(&mut out))
}

fn quiet_pipe(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
